package model

import (
	"errors"
	"slices"
	"strings"

	"taxo/internal/codec"
)

// A snapshot is a graph written down, so that a second start on a site
// that has not changed takes its graph as the first start linked it,
// rather than linking it again (at 100k terms and 100k pages, the lookups,
// the sort and the lists are half of a second start). It holds what
// NewSite made, the terms and pages named by their place in the Content
// it was made from; the Fingerprint of that Content, kept beside it, says
// whether a Content is the same, field for field, in what NewSite reads.

// snapshotFormat is the version of the snapshot's layout.
const snapshotFormat = 1

// Fingerprint is a digest of everything NewSite reads of c: the terms'
// and pages' order and the fields linking and sorting read (IDs, kinds,
// slugs, titles, weights, paths, the titles they list, dates, the terms
// pages carry and where), and the kinds' names and order. Two contents
// with one fingerprint make the same graph.
func Fingerprint(c Content) [32]byte {
	f := codec.NewHasher()
	f.Uint(snapshotFormat)
	ks := kindsOf(c.Kinds, c.Terms, c.Pages)
	f.Uint(uint64(len(ks)))
	for _, k := range ks {
		f.Uint(uint64(k))
		f.Int(int64(kindRank(k)))
		f.Str(k.String())
		f.Str(k.Taxonomy())
	}
	f.Uint(uint64(len(c.Terms)))
	for _, t := range c.Terms {
		f.Str(string(t.ID))
		f.Uint(uint64(t.Kind))
		f.Str(t.Slug)
		f.Str(t.Title)
		f.Int(int64(t.Weight))
		f.Str(t.Path)
		f.Bool(t.Defined)
		f.Str(t.Lang)
		f.Uint(uint64(len(t.Refs)))
		for _, refs := range t.Refs {
			f.Uint(uint64(len(refs)))
			for _, r := range refs {
				f.Str(r.Title)
				f.Int(int64(r.Line))
				f.Int(int64(r.Col))
			}
		}
	}
	f.Uint(uint64(len(c.Pages)))
	for _, p := range c.Pages {
		f.Str(p.Path)
		f.Str(p.Lang)
		f.Bool(p.Date.IsZero())
		f.Int(p.Date.Unix())
		f.Int(int64(p.Date.Nanosecond()))
		f.Uint(uint64(len(p.Terms)))
		for _, pt := range p.Terms {
			f.Uint(uint64(pt.Kind))
			f.Str(pt.Key)
			f.Str(pt.Title)
			f.Int(int64(pt.Line))
			f.Int(int64(pt.Col))
		}
	}
	return f.Sum()
}

// snapshot sources of a term: one of the Content's, or one the graph made.
const (
	madeTerm = 0 // else the Content's term at index-1
)

// Problems' errors in a snapshot.
const (
	errText   = 0 // its text
	errNoFile = 1 // a noFileError: the title and the term it points to
)

// AppendSnapshot appends g, which NewSite made from c, to b; nil when the
// graph holds what a snapshot cannot (then there is none to keep).
func (g *Graph) AppendSnapshot(b []byte, c Content) []byte {
	w := snapWriter{codec.NewWriter(b)}
	w.Uint(snapshotFormat)
	w.Uint(uint64(len(c.Terms)))
	w.Uint(uint64(len(c.Pages)))
	w.Uint(uint64(len(g.kinds)))
	for _, k := range g.kinds {
		w.Uint(uint64(k))
	}
	w.Uint(uint64(g.nk))
	pos, ok := w.terms(g, c)
	if !ok {
		return nil
	}
	// The maps the graph finds terms in, by place in display order.
	g.indexed()
	w.Uint(uint64(len(g.slugs)))
	for _, m := range g.slugs {
		w.Uint(uint64(len(m)))
		for key, i := range m {
			w.Str(key)
			w.Uint(uint64(g.rank[i]))
		}
	}
	w.Uint(uint64(len(g.ids)))
	for id, i := range g.ids {
		if g.terms[g.rank[i]].ID != id {
			return nil
		}
		w.Uint(uint64(g.rank[i]))
	}
	for _, a := range [][]int32{g.linkAt, g.linkArr, g.backAt, g.backArr, g.tagAt, g.tagArr} {
		w.ints(a)
	}
	if !w.problems(g, pos) || !w.pages(g, c) {
		return nil
	}
	return w.Bytes()
}

// terms writes the graph's terms in display order, each as its place in
// c's terms or, for one the graph made, whole, with its folded title; it
// returns each term's place in display order, false for a term it
// cannot write.
func (w *snapWriter) terms(g *Graph, c Content) (map[*Term]int32, bool) {
	termAt := make(map[*Term]int, len(c.Terms))
	for i, t := range c.Terms {
		termAt[t] = i
	}
	pos := make(map[*Term]int32, len(g.terms))
	w.Uint(uint64(len(g.terms)))
	for p, t := range g.terms {
		pos[t] = int32(p)
		if i, ok := termAt[t]; ok {
			w.Uint(uint64(i) + 1)
		} else if !w.made(t) {
			return nil, false
		}
		w.Str(g.lower[p])
	}
	return pos, true
}

// problems writes the problems linking found; false for one naming a
// term not in pos.
func (w *snapWriter) problems(g *Graph, pos map[*Term]int32) bool {
	w.Uint(uint64(len(g.problems)))
	for _, pr := range g.problems {
		w.Str(pr.Path)
		w.Int(int64(pr.Line))
		w.Int(int64(pr.Col))
		w.Uint(uint64(pr.Severity))
		// Only the builder's own: one wrapped in another is written as text.
		if nf, ok := pr.Err.(*noFileError); ok { //nolint:errorlint // see above
			to, ok := pos[nf.to]
			if !ok {
				return false
			}
			w.Uint(errNoFile)
			w.Str(nf.title)
			w.Uint(uint64(to))
			continue
		}
		w.Uint(errText)
		w.Str(pr.Err.Error())
	}
	return true
}

// made writes a term the graph made (for a page's term or a reference to
// nothing); false for one that holds more than those do.
func (w *snapWriter) made(t *Term) bool {
	if t.Description != "" || t.Abstract != "" || t.Instructions != "" || t.Weight != 0 || t.Icon != "" ||
		!t.Date.IsZero() || t.Path != "" || t.AltPath != "" || t.Page != nil || t.Refs != nil || t.Body != "" ||
		t.Fields != nil || !strings.HasSuffix(string(t.ID), t.Slug) {
		return false
	}
	w.Uint(madeTerm)
	w.Str(string(t.ID))
	w.Uint(uint64(t.Kind))
	w.Uint(uint64(len(t.Slug)))
	w.Str(t.Title)
	w.Bool(t.Defined)
	w.Str(t.Lang)
	return true
}

// pages writes the pages in display order, by their place in c, and the
// terms each carries; false when one is not c's.
func (w *snapWriter) pages(g *Graph, c Content) bool {
	w.Bool(g.pages != nil)
	if g.pages == nil {
		return true
	}
	pageAt := make(map[*Page]int, len(c.Pages))
	for i, p := range c.Pages {
		pageAt[p] = i
	}
	w.Uint(uint64(len(g.pages)))
	for _, p := range g.pages {
		i, ok := pageAt[p]
		if !ok {
			return false
		}
		w.Uint(uint64(i))
	}
	for _, ts := range g.pageTerms {
		w.ints(ts)
	}
	w.Uint(uint64(len(g.termPages)))
	for _, ps := range g.termPages {
		w.ints(ps)
	}
	return true
}

// FromSnapshot is the graph NewSite made from c, read back from what
// AppendSnapshot wrote; false when data does not check out against c.
// The caller makes sure, by Fingerprint, that c is what it was made from.
// The graph's strings are cut from data.
func FromSnapshot(c Content, data string) (*Graph, bool) {
	r := &snapReader{codec.NewReader(data)}
	if r.Uint() != snapshotFormat || r.Count(1) != len(c.Terms) || r.Count(1) != len(c.Pages) {
		return nil, false
	}
	g := &Graph{taxonomyPages: c.TaxonomyPages, termKey: c.TermKey}
	g.kinds = make([]Kind, r.Count(1))
	for i := range g.kinds {
		g.kinds[i] = Kind(r.Uint())
	}
	g.nk = r.Count(1)
	if !r.terms(g, c) {
		return nil, false
	}
	n := len(g.terms)
	keys := make([][]string, r.Count(1))
	places := make([][]int32, len(keys))
	for k := range keys {
		m := r.Count(1)
		keys[k], places[k] = make([]string, m), make([]int32, m)
		for j := range m {
			keys[k][j], places[k][j] = r.Str(), r.pos(n)
		}
	}
	ids := make([]int32, r.Count(1))
	for j := range ids {
		ids[j] = r.pos(n)
	}
	g.index = func() {
		g.makeIndex(keys, places, ids)
		keys, places, ids = nil, nil, nil // the maps hold them now
	}
	g.rank = make([]int32, n)
	for i := range g.rank {
		g.rank[i] = int32(i)
	}
	g.linkAt, g.linkArr = r.ints(), r.ints()
	g.backAt, g.backArr = r.ints(), r.ints()
	g.tagAt, g.tagArr = r.ints(), r.ints()
	if !r.problems(g) || !r.pages(g, c) || r.Bad() || r.Len() != 0 || !g.checks() {
		return nil, false
	}
	return g, true
}

// makeIndex makes the maps a snapshot gives the keys and places of: by
// slug for each kind, by ID, and the pages by path.
func (g *Graph) makeIndex(keys [][]string, places [][]int32, ids []int32) {
	g.slugs = make([]map[string]int32, len(keys))
	for k := range keys {
		g.slugs[k] = make(map[string]int32, len(keys[k]))
		for j, key := range keys[k] {
			g.slugs[k][key] = places[k][j]
		}
	}
	g.ids = make(map[ID]int32, len(ids))
	for _, i := range ids {
		g.ids[g.terms[i].ID] = i
	}
	if g.pages != nil {
		g.pageIndex = make(map[string]int32, len(g.pages))
		for pos, p := range g.pages {
			g.pageIndex[p.Path] = int32(pos)
		}
	}
}

// terms reads the terms in display order and their titles in lower case.
func (r *snapReader) terms(g *Graph, c Content) bool {
	n := r.Count(1)
	g.terms, g.lower = make([]*Term, n), make([]string, n)
	var slab []Term
	for p := range n {
		src := r.Uint()
		switch {
		case src > uint64(len(c.Terms)):
			return false
		case src > madeTerm:
			g.terms[p] = c.Terms[src-1]
		default:
			if len(slab) == 0 {
				slab = make([]Term, min(n-p, 1024))
			}
			t := &slab[0]
			slab = slab[1:]
			id, kind, slug := r.Str(), Kind(r.Uint()), r.Count(1)
			if slug > len(id) {
				return false
			}
			*t = Term{ID: ID(id), Kind: kind, Slug: id[len(id)-slug:], Title: r.Str(), Defined: r.Bool(), Lang: r.Str()}
			g.terms[p] = t
		}
		g.lower[p] = r.Str()
		if r.Bad() {
			return false
		}
	}
	return true
}

// problems reads the graph's problems.
func (r *snapReader) problems(g *Graph) bool {
	n := r.Count(1)
	if n > 0 {
		g.problems = make([]Problem, n)
	}
	for i := range n {
		pr := &g.problems[i]
		pr.Path, pr.Line, pr.Col, pr.Severity = r.Str(), int(r.Int()), int(r.Int()), Severity(r.Uint())
		switch r.Uint() {
		case errNoFile:
			title, to := r.Str(), r.pos(len(g.terms))
			if r.Bad() {
				return false
			}
			pr.Err = &noFileError{title: title, to: g.terms[to]}
		case errText:
			pr.Err = errors.New(r.Str())
		default:
			return false
		}
	}
	return !r.Bad()
}

// pages reads the pages in display order and the lists between them and
// the terms.
func (r *snapReader) pages(g *Graph, c Content) bool {
	if !r.Bool() {
		return !r.Bad()
	}
	n := r.Count(1)
	g.pages = make([]*Page, n)
	for pos := range n {
		i := r.Uint()
		if i >= uint64(len(c.Pages)) {
			return false
		}
		g.pages[pos] = c.Pages[i]
	}
	g.pageTerms = make([][]int32, n)
	for i := range g.pageTerms {
		g.pageTerms[i] = r.ints()
	}
	g.termPages = make([][]int32, r.Count(1))
	for i := range g.termPages {
		g.termPages[i] = r.ints()
	}
	if len(g.termPages) != len(g.terms) {
		return false
	}
	return !r.Bad() && within(g.pageTerms, len(g.terms)) && within(g.termPages, n)
}

// within says whether every number of the lists is a place among n.
func within(lists [][]int32, n int) bool {
	for _, l := range lists {
		if slices.ContainsFunc(l, func(v int32) bool { return v < 0 || int(v) >= n }) {
			return false
		}
	}
	return true
}

// checks says whether the lists' offsets and places are within the
// graph, so that a snapshot that does not hold together is never used.
func (g *Graph) checks() bool {
	n := int32(len(g.terms))
	ok := func(at, arr []int32, size int) bool {
		if len(at) != size+1 || at[0] != 0 || int(at[size]) != len(arr) {
			return false
		}
		for i := range size {
			if at[i] > at[i+1] {
				return false
			}
		}
		return !slices.ContainsFunc(arr, func(v int32) bool { return v < 0 || v >= n })
	}
	if g.nk < 1 {
		return false
	}
	return ok(g.linkAt, g.linkArr, len(g.terms)*g.nk) && ok(g.backAt, g.backArr, len(g.terms)) && ok(g.tagAt, g.tagArr, len(g.terms))
}

// snapWriter writes a snapshot: numbers as varints, strings with their
// lengths.
type snapWriter struct{ codec.Writer }

// ints writes a list, nil told from empty, each number as the change from
// the one before it, which keeps offsets and sorted lists small.
func (w *snapWriter) ints(a []int32) {
	if a == nil {
		w.Uint(0)
		return
	}
	w.Uint(uint64(len(a)) + 1)
	prev := int32(0)
	for _, v := range a {
		w.Int(int64(v) - int64(prev))
		prev = v
	}
}

// snapReader reads a snapshot back; a read past its end or of a number out
// of bounds makes it bad, never a panic. Its strings are cut from the
// snapshot.
type snapReader struct{ codec.Reader[string] }

// pos reads a place among n.
func (r *snapReader) pos(n int) int32 {
	v := r.Uint()
	if v >= uint64(n) {
		r.Fail()
		return 0
	}
	return int32(v)
}

// ints reads what snapWriter.ints wrote.
func (r *snapReader) ints() []int32 {
	n := r.Uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(r.Len()) { // each number takes a byte at least
		r.Fail()
		return nil
	}
	a := make([]int32, n-1)
	prev := int64(0)
	for i := range a {
		prev += r.Int()
		a[i] = int32(prev)
	}
	return a
}
