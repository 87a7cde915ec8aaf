package model

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"slices"
	"strings"
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
	f := fingerprinter{buf: make([]byte, 0, 64<<10)}
	f.uint(snapshotFormat)
	ks := kindsOf(c.Kinds, c.Terms, c.Pages)
	f.uint(uint64(len(ks)))
	for _, k := range ks {
		f.uint(uint64(k))
		f.int(int64(kindRank(k)))
		f.str(k.String())
		f.str(k.Taxonomy())
	}
	f.uint(uint64(len(c.Terms)))
	for _, t := range c.Terms {
		f.str(string(t.ID))
		f.uint(uint64(t.Kind))
		f.str(t.Slug)
		f.str(t.Title)
		f.int(int64(t.Weight))
		f.str(t.Path)
		f.bool(t.Defined)
		f.str(t.Lang)
		f.uint(uint64(len(t.Refs)))
		for _, refs := range t.Refs {
			f.uint(uint64(len(refs)))
			for _, r := range refs {
				f.str(r.Title)
				f.int(int64(r.Line))
				f.int(int64(r.Col))
			}
		}
	}
	f.uint(uint64(len(c.Pages)))
	for _, p := range c.Pages {
		f.str(p.Path)
		f.str(p.Lang)
		f.bool(p.Date.IsZero())
		f.int(p.Date.Unix())
		f.int(int64(p.Date.Nanosecond()))
		f.uint(uint64(len(p.Terms)))
		for _, pt := range p.Terms {
			f.uint(uint64(pt.Kind))
			f.str(pt.Key)
			f.str(pt.Title)
			f.int(int64(pt.Line))
			f.int(int64(pt.Col))
		}
	}
	return f.sum()
}

// fingerprinter hashes what it is given in runs of 64 KB.
type fingerprinter struct {
	hash hash.Hash
	buf  []byte
}

func (f *fingerprinter) flush() {
	if f.hash == nil {
		f.hash = sha256.New()
	}
	f.hash.Write(f.buf)
	f.buf = f.buf[:0]
}

func (f *fingerprinter) grow() {
	if len(f.buf) > 60<<10 {
		f.flush()
	}
}

func (f *fingerprinter) uint(v uint64) { f.grow(); f.buf = binary.AppendUvarint(f.buf, v) }
func (f *fingerprinter) int(v int64)   { f.grow(); f.buf = binary.AppendVarint(f.buf, v) }

func (f *fingerprinter) bool(b bool) {
	if b {
		f.uint(1)
	} else {
		f.uint(0)
	}
}

func (f *fingerprinter) str(s string) {
	f.uint(uint64(len(s)))
	if len(s) > 4<<10 {
		f.flush()
		f.hash.Write([]byte(s))
		return
	}
	f.buf = append(f.buf, s...)
}

func (f *fingerprinter) sum() [32]byte {
	f.flush()
	var out [32]byte
	copy(out[:], f.hash.Sum(nil))
	return out
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
	w := snapWriter{b: b}
	w.uint(snapshotFormat)
	w.uint(uint64(len(c.Terms)))
	w.uint(uint64(len(c.Pages)))
	w.uint(uint64(len(g.kinds)))
	for _, k := range g.kinds {
		w.uint(uint64(k))
	}
	w.uint(uint64(g.nk))
	pos, ok := w.terms(g, c)
	if !ok {
		return nil
	}
	// The maps the graph finds terms in, by place in display order.
	g.indexed()
	w.uint(uint64(len(g.slugs)))
	for _, m := range g.slugs {
		w.uint(uint64(len(m)))
		for key, i := range m {
			w.str(key)
			w.uint(uint64(g.rank[i]))
		}
	}
	w.uint(uint64(len(g.ids)))
	for id, i := range g.ids {
		if g.terms[g.rank[i]].ID != id {
			return nil
		}
		w.uint(uint64(g.rank[i]))
	}
	for _, a := range [][]int32{g.linkAt, g.linkArr, g.backAt, g.backArr, g.tagAt, g.tagArr} {
		w.ints(a)
	}
	if !w.problems(g, pos) || !w.pages(g, c) {
		return nil
	}
	return w.b
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
	w.uint(uint64(len(g.terms)))
	for p, t := range g.terms {
		pos[t] = int32(p)
		if i, ok := termAt[t]; ok {
			w.uint(uint64(i) + 1)
		} else if !w.made(t) {
			return nil, false
		}
		w.str(g.lower[p])
	}
	return pos, true
}

// problems writes the problems linking found; false for one naming a
// term not in pos.
func (w *snapWriter) problems(g *Graph, pos map[*Term]int32) bool {
	w.uint(uint64(len(g.problems)))
	for _, pr := range g.problems {
		w.str(pr.Path)
		w.int(int64(pr.Line))
		w.int(int64(pr.Col))
		w.uint(uint64(pr.Severity))
		// Only the builder's own: one wrapped in another is written as text.
		if nf, ok := pr.Err.(*noFileError); ok { //nolint:errorlint // see above
			to, ok := pos[nf.to]
			if !ok {
				return false
			}
			w.uint(errNoFile)
			w.str(nf.title)
			w.uint(uint64(to))
			continue
		}
		w.uint(errText)
		w.str(pr.Err.Error())
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
	w.uint(madeTerm)
	w.str(string(t.ID))
	w.uint(uint64(t.Kind))
	w.uint(uint64(len(t.Slug)))
	w.str(t.Title)
	w.bool(t.Defined)
	w.str(t.Lang)
	return true
}

// pages writes the pages in display order, by their place in c, and the
// terms each carries; false when one is not c's.
func (w *snapWriter) pages(g *Graph, c Content) bool {
	w.bool(g.pages != nil)
	if g.pages == nil {
		return true
	}
	pageAt := make(map[*Page]int, len(c.Pages))
	for i, p := range c.Pages {
		pageAt[p] = i
	}
	w.uint(uint64(len(g.pages)))
	for _, p := range g.pages {
		i, ok := pageAt[p]
		if !ok {
			return false
		}
		w.uint(uint64(i))
	}
	for _, ts := range g.pageTerms {
		w.ints(ts)
	}
	w.uint(uint64(len(g.termPages)))
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
	r := &snapReader{s: data}
	if r.uint() != snapshotFormat || r.count() != len(c.Terms) || r.count() != len(c.Pages) {
		return nil, false
	}
	g := &Graph{taxonomyPages: c.TaxonomyPages, termKey: c.TermKey}
	g.kinds = make([]Kind, r.count())
	for i := range g.kinds {
		g.kinds[i] = Kind(r.uint())
	}
	g.nk = r.count()
	if !r.terms(g, c) {
		return nil, false
	}
	n := len(g.terms)
	keys := make([][]string, r.count())
	places := make([][]int32, len(keys))
	for k := range keys {
		m := r.count()
		keys[k], places[k] = make([]string, m), make([]int32, m)
		for j := range m {
			keys[k][j], places[k][j] = r.str(), r.pos(n)
		}
	}
	ids := make([]int32, r.count())
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
	if !r.problems(g) || !r.pages(g, c) || r.bad || r.s != "" || !g.checks() {
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
	n := r.count()
	g.terms, g.lower = make([]*Term, n), make([]string, n)
	var slab []Term
	for p := range n {
		src := r.uint()
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
			id, kind, slug := r.str(), Kind(r.uint()), r.count()
			if slug > len(id) {
				return false
			}
			*t = Term{ID: ID(id), Kind: kind, Slug: id[len(id)-slug:], Title: r.str(), Defined: r.bool(), Lang: r.str()}
			g.terms[p] = t
		}
		g.lower[p] = r.str()
		if r.bad {
			return false
		}
	}
	return true
}

// problems reads the graph's problems.
func (r *snapReader) problems(g *Graph) bool {
	n := r.count()
	if n > 0 {
		g.problems = make([]Problem, n)
	}
	for i := range n {
		pr := &g.problems[i]
		pr.Path, pr.Line, pr.Col, pr.Severity = r.str(), int(r.int()), int(r.int()), Severity(r.uint())
		switch r.uint() {
		case errNoFile:
			title, to := r.str(), r.pos(len(g.terms))
			if r.bad {
				return false
			}
			pr.Err = &noFileError{title: title, to: g.terms[to]}
		case errText:
			pr.Err = errors.New(r.str())
		default:
			return false
		}
	}
	return !r.bad
}

// pages reads the pages in display order and the lists between them and
// the terms.
func (r *snapReader) pages(g *Graph, c Content) bool {
	if !r.bool() {
		return !r.bad
	}
	n := r.count()
	g.pages = make([]*Page, n)
	for pos := range n {
		i := r.uint()
		if i >= uint64(len(c.Pages)) {
			return false
		}
		g.pages[pos] = c.Pages[i]
	}
	g.pageTerms = make([][]int32, n)
	for i := range g.pageTerms {
		g.pageTerms[i] = r.ints()
	}
	g.termPages = make([][]int32, r.count())
	for i := range g.termPages {
		g.termPages[i] = r.ints()
	}
	if len(g.termPages) != len(g.terms) {
		return false
	}
	return !r.bad && within(g.pageTerms, len(g.terms)) && within(g.termPages, n)
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
type snapWriter struct{ b []byte }

func (w *snapWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *snapWriter) int(v int64)   { w.b = binary.AppendVarint(w.b, v) }

func (w *snapWriter) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

func (w *snapWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// ints writes a list, nil told from empty, each number as the change from
// the one before it, which keeps offsets and sorted lists small.
func (w *snapWriter) ints(a []int32) {
	if a == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(a)) + 1)
	prev := int32(0)
	for _, v := range a {
		w.int(int64(v) - int64(prev))
		prev = v
	}
}

// snapReader reads a snapshot back; a read past its end or of a number out
// of bounds makes bad true, never a panic. Its strings are cut from the
// snapshot.
type snapReader struct {
	s   string
	bad bool
}

func (r *snapReader) uint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if len(r.s) == 0 {
			break
		}
		c := r.s[0]
		r.s = r.s[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.bad, r.s = true, ""
	return 0
}

func (r *snapReader) int() int64 {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (r *snapReader) bool() bool { return r.uint() == 1 }

// count reads a length, bounded by what is left, so that a corrupt one
// cannot ask for a huge slice.
func (r *snapReader) count() int {
	n := r.uint()
	if n > uint64(len(r.s)) {
		r.bad, r.s = true, ""
		return 0
	}
	return int(n)
}

// pos reads a place among n.
func (r *snapReader) pos(n int) int32 {
	v := r.uint()
	if v >= uint64(n) {
		r.bad, r.s = true, ""
		return 0
	}
	return int32(v)
}

func (r *snapReader) str() string {
	n := r.count()
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *snapReader) ints() []int32 {
	n := r.uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(r.s)) { // each number takes a byte at least
		r.bad, r.s = true, ""
		return nil
	}
	a := make([]int32, n-1)
	prev := int64(0)
	for i := range a {
		prev += r.int()
		a[i] = int32(prev)
	}
	return a
}
