package model

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Graph is the taxonomy indexed for browsing: every term, defined or only
// referred to, in display order, with the links between them resolved.
type Graph struct {
	terms []*Term
	index map[ID]int32
	// names finds terms by lower-case slug and title, for Lookup, which
	// makes it the first time: lists and counts have no use for it.
	names    sync.Once
	lower    []string           // each term's title, trimmed and in lower case
	bySlug   map[string][]int32 // lower-case slug, any kind
	byTitle  map[string][]int32 // lower-case title, any kind
	kinds    []Kind             // the kinds of its terms, or given, in display order
	nk       int                // one more than the largest kind: links' stride
	links    [][]int32          // by term pos*nk + kind: the terms it lists
	back     [][]int32
	tagged   [][]int32
	problems []Problem

	pages     []*Page          // display order: newest first
	pageIndex map[string]int32 // by path
	pageTerms [][]int32        // by page: the terms it carries
	termPages [][]int32        // by term: the pages that carry it, newest first

	taxonomyPages map[Kind]*Page
}

// New builds the graph from the terms a loader found. Each title in a term's
// concepts, categories and tags points to the term of that kind with that
// slug, else with that title in any case; a title that matches no term
// becomes an undefined term. Problems found on the way (references to
// nothing, ambiguous titles, self-references, repeated IDs) are kept for
// Problems. The terms are not modified. It takes time in proportion to the
// terms and their references, plus the sort of the terms, and uses every
// core for the lookups and the sort.
func New(terms []*Term) *Graph {
	return NewSite(Content{Kinds: Kinds[:], Terms: terms})
}

// Content is what the graph of one language of a site is made of.
type Content struct {
	Kinds []Kind  // the site's taxonomies, in display order
	Terms []*Term // its term files
	Pages []*Page // its content pages, in any order
	// TaxonomyPages are the taxonomies' own pages (content/tags/_index.md)
	// read as pages, for whether Hugo lists their terms at all.
	TaxonomyPages map[Kind]*Page
}

// NewSite builds the graph of one language of a site: its term files, as
// New does, and its content pages, each term a page carries linked to the
// term file with its ID, or made from the page's spelling when there is
// none. Kinds lists the site's kinds with those of the terms. A page
// carrying a term that has no file, of a kind whose terms have files, is a
// warning.
func NewSite(c Content) *Graph {
	b := newBuilder(len(c.Terms), kindsOf(c.Kinds, c.Terms, c.Pages), pageTermCounts(c.Pages))
	for _, t := range c.Terms {
		b.add(t)
	}
	b.addPages(c.Pages)
	b.resolveAll()
	g := b.finish()
	g.taxonomyPages = c.TaxonomyPages
	return g
}

// builder numbers the terms as they come, defined ones first and the
// undefined ones references make after them, so that the links can be
// built with slices rather than maps.
type builder struct {
	terms  []*Term  // added, then made for references to nothing
	lower  []string // each term's title, trimmed and in lower case
	ids    map[ID]int32
	kinds  []Kind // every kind of a term or a reference, in display order
	slugs  []map[string]int32
	titles []map[string][]int32
	// made remembers, for a title as written that matched no term, the
	// undefined term made for it.
	made []map[string]int32
	// pages are in path order, and pageTerms the terms each carries.
	pages     []*Page
	pageTerms [][]int32
	// listing is set when a term file lists terms, which may then name a
	// term a page makes by its title.
	listing bool
	slab    []Term // where the terms pages make are cut from
	// targets holds what the references of added term i point to, from
	// refStart[i] up to refStart[i+1], in the order of Refs; noTarget for
	// a title that cannot name a term.
	targets  []int32
	refStart []int32
	problems []Problem
}

// noTarget marks a reference whose title has no slug; undecided one that
// matched no term, which the serial pass settles.
const (
	noTarget  = -1
	undecided = -2
)

// kindsOf lists the kinds given and every other kind of a term, of the
// titles a term lists or of the terms a page carries, in display order.
func kindsOf(given []Kind, terms []*Term, pages []*Page) []Kind {
	ks := given
	var more []Kind
	note := func(k Kind) {
		if !slices.Contains(ks, k) && !slices.Contains(more, k) {
			more = append(more, k)
		}
	}
	for _, t := range terms {
		if !t.Kind.Builtin() || !slices.Contains(ks, t.Kind) {
			note(t.Kind)
		}
		for k, refs := range t.Refs {
			if len(refs) > 0 && (k >= NumKinds || !slices.Contains(ks, Kind(k))) {
				note(Kind(k))
			}
		}
	}
	for _, p := range pages {
		for _, pt := range p.Terms {
			note(pt.Kind)
		}
	}
	if len(more) == 0 && slices.IsSortedFunc(ks, CompareKinds) {
		return ks
	}
	ks = append(slices.Clone(ks), more...)
	SortKinds(ks)
	return ks
}

// newBuilder makes a builder for n terms of the kinds given, and about
// fromPages[k] more of kind k that pages carry.
func newBuilder(n int, kinds []Kind, fromPages map[Kind]int) *builder {
	nk := NumKinds
	if len(kinds) > 0 {
		nk = max(nk, int(slices.Max(kinds))+1)
	}
	most := n + n/4
	for _, m := range fromPages {
		most += m
	}
	b := &builder{terms: make([]*Term, 0, most), lower: make([]string, 0, most), ids: make(map[ID]int32, n+n/4),
		kinds: kinds, slugs: make([]map[string]int32, nk), titles: make([]map[string][]int32, nk), made: make([]map[string]int32, nk)}
	for k := range nk {
		hint := 0
		if slices.Contains(kinds, Kind(k)) {
			hint = n / len(kinds)
		}
		b.slugs[k] = make(map[string]int32, hint+fromPages[Kind(k)])
		b.titles[k] = make(map[string][]int32, hint)
		b.made[k] = make(map[string]int32)
	}
	return b
}

func (b *builder) add(t *Term) {
	if prev, dup := b.ids[t.ID]; dup {
		b.problems = append(b.problems, Problem{Path: t.Path, Severity: Warning,
			Err: fmt.Errorf("%s is already defined by %s; this file is ignored", t.ID, b.terms[prev].Path)})
		return
	}
	i := int32(len(b.terms))
	b.ids[t.ID] = i
	b.terms = append(b.terms, t)
	title := strings.ToLower(strings.TrimSpace(t.Title))
	b.lower = append(b.lower, title)
	b.slugs[t.Kind][strings.ToLower(t.Slug)] = i
	if title != "" {
		same := b.titles[t.Kind][title]
		if len(same) > 0 {
			b.problems = append(b.problems, Problem{Path: t.Path, Severity: Warning,
				Err: fmt.Errorf("title %q is also the title of %s; references to it are ambiguous", t.Title, b.terms[same[0]].ID)})
		}
		b.titles[t.Kind][title] = append(same, i)
	}
}

// resolveAll links every title the added terms list to a term. The lookups
// among the added terms only read, so they run on every core; then one pass
// in order makes the undefined terms, so that they are numbered, and the
// problems listed, as a pass in order alone would.
func (b *builder) resolveAll() {
	added := len(b.terms)
	b.refStart = make([]int32, added+1)
	for i, t := range b.terms {
		n := 0
		for _, refs := range t.Refs {
			n += len(refs)
		}
		b.refStart[i+1] = b.refStart[i] + int32(n)
	}
	b.targets = make([]int32, b.refStart[added])
	parallel(added, func(lo, hi int) {
		var buf []byte
		for i := lo; i < hi; i++ {
			j := b.refStart[i]
			for k, refs := range b.terms[i].Refs {
				for _, ref := range refs {
					b.targets[j], buf = b.lookUpAdded(Kind(k), ref.Title, buf)
					j++
				}
			}
		}
	})
	for i := range added {
		b.check(int32(i))
	}
}

// lookUpAdded finds the added term of kind k a title refers to: by slug,
// else by title. It leaves to the pass in order the titles that match none.
func (b *builder) lookUpAdded(k Kind, title string, buf []byte) (int32, []byte) {
	title = strings.TrimSpace(title)
	buf = appendUrlize(buf[:0], title)
	if len(buf) == 0 {
		return noTarget, buf
	}
	if i, ok := b.slugs[k][string(buf)]; ok && b.terms[i].Defined {
		return i, buf
	}
	buf = appendLower(buf[:0], title)
	if same := b.titles[k][string(buf)]; len(same) > 0 {
		return same[0], buf
	}
	return undecided, buf
}

// check settles the references of term i that matched no added term and
// notes what is wrong with any of them.
func (b *builder) check(i int32) {
	t := b.terms[i]
	j := b.refStart[i]
	for kk, refs := range t.Refs {
		k := Kind(kk)
		for _, ref := range refs {
			to := b.targets[j]
			if to == undecided {
				to = b.makeUndefined(k, ref.Title)
				b.targets[j] = to
			}
			j++
			switch {
			case to == noTarget:
				b.problems = append(b.problems, Problem{Path: t.Path, Line: ref.Line, Col: ref.Col, Severity: Warning,
					Err: fmt.Errorf("%s %q has no slug; the reference is ignored", k, ref.Title)})
			case to == i:
				b.problems = append(b.problems, Problem{Path: t.Path, Line: ref.Line, Col: ref.Col, Severity: Warning,
					Err: fmt.Errorf("%s lists itself under %s", t.ID, k.Taxonomy())})
			case !b.terms[to].Defined:
				b.problems = append(b.problems, Problem{Path: t.Path, Line: ref.Line, Col: ref.Col, Severity: Warning,
					Err: fmt.Errorf("%s %q matches no file (expected %s)", k, ref.Title, b.terms[to].ID)})
			}
		}
	}
}

// makeUndefined gives the term of kind k a title that matched no added term
// refers to: the term with its slug if there is one (an undefined term made
// for an earlier title, or added as undefined), else a new undefined term.
func (b *builder) makeUndefined(k Kind, title string) int32 {
	if i, ok := b.made[k][title]; ok {
		return i
	}
	trimmed := strings.TrimSpace(title)
	slug := Urlize(trimmed)
	i, ok := b.slugs[k][slug]
	if !ok {
		t := &Term{ID: MakeID(k, slug), Kind: k, Slug: slug, Title: trimmed}
		i = int32(len(b.terms))
		b.terms = append(b.terms, t)
		b.lower = append(b.lower, strings.ToLower(trimmed))
		b.slugs[k][slug] = i
		b.ids[t.ID] = i
	}
	b.made[k][title] = i
	return i
}

func (b *builder) finish() *Graph {
	n := len(b.terms)
	// order[pos] is the builder's number of the term shown at pos, and
	// rank the reverse.
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	sortParallel(order, func(x, y int32) int { return Compare(b.terms[x], b.terms[y]) })
	rank := make([]int32, n)
	for pos, i := range order {
		rank[i] = int32(pos)
	}

	nk := len(b.slugs)
	g := &Graph{
		terms:    make([]*Term, n),
		kinds:    b.kinds,
		nk:       nk,
		links:    make([][]int32, n*nk),
		back:     make([][]int32, n),
		tagged:   make([][]int32, n),
		problems: b.problems,
	}
	for pos, i := range order {
		g.terms[pos] = b.terms[i]
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		g.index = make(map[ID]int32, n)
		for pos, t := range g.terms {
			g.index[t.ID] = int32(pos)
		}
	})
	g.lower = make([]string, n)
	for pos, i := range order {
		g.lower[pos] = b.lower[i]
	}
	b.link(g, order, rank)
	b.linkPages(g, rank)
	wg.Wait()
	return g
}

// link fills in the links, backlinks and tagged lists, each kind of list
// cut from one array, so that the graph is a few large allocations rather
// than a few per term. Sources are visited in display order, so backlinks
// come out sorted; seen marks the targets of the list being built, to drop
// repeats without searching the list.
func (b *builder) link(g *Graph, order, rank []int32) {
	n := len(order)
	nk := g.nk
	seen := make([]int32, n)
	type span struct{ start, end int32 }
	spans := make([]span, n*nk) // by pos*nk + kind
	all := make([]int32, 0, len(b.targets))
	backs, tags := make([]int32, n+1), make([]int32, n+1)
	for pos, i := range order {
		if int(i)+1 >= len(b.refStart) {
			continue // made for a reference: lists nothing
		}
		t := b.terms[i]
		j := b.refStart[i]
		for k, refs := range t.Refs {
			if len(refs) == 0 {
				continue
			}
			stamp := int32(pos)*int32(nk) + int32(k) + 1
			start := len(all)
			for range refs {
				to := b.targets[j]
				j++
				if to < 0 || to == i {
					continue
				}
				if to = rank[to]; seen[to] != stamp {
					seen[to] = stamp
					all = append(all, to)
					backs[to+1]++
					if Kind(k) == Tag {
						tags[to+1]++
					}
				}
			}
			slices.Sort(all[start:])
			spans[pos*nk+k] = span{int32(start), int32(len(all))}
		}
	}
	for i, sp := range spans {
		if sp.end > sp.start {
			g.links[i] = all[sp.start:sp.end:sp.end]
		}
	}
	// backs and tags count each target's sources, then say where its
	// list starts in one array; the sources go in in display order.
	for to := range n {
		backs[to+1] += backs[to]
		tags[to+1] += tags[to]
	}
	backArr, tagArr := make([]int32, backs[n]), make([]int32, tags[n])
	backAt, tagAt := slices.Clone(backs[:n]), slices.Clone(tags[:n])
	for i, sp := range spans {
		from, k := i/nk, Kind(i%nk)
		for _, to := range all[sp.start:sp.end] {
			backArr[backAt[to]] = int32(from)
			backAt[to]++
			if k == Tag {
				tagArr[tagAt[to]] = int32(from)
				tagAt[to]++
			}
		}
	}
	for to := range n {
		if backs[to+1] > backs[to] {
			g.back[to] = backArr[backs[to]:backs[to+1]:backs[to+1]]
		}
		if tags[to+1] > tags[to] {
			g.tagged[to] = tagArr[tags[to]:tags[to+1]:tags[to+1]]
		}
	}
}

// parallel calls work on ranges that split [0, n) between the cores.
func parallel(n int, work func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), max(n/1024, 1))
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { work(n*p/parts, n*(p+1)/parts) })
	}
	wg.Wait()
}

// sortParallel sorts s by cmp, its halves at once and then merged.
func sortParallel(s []int32, cmp func(x, y int32) int) {
	if runtime.GOMAXPROCS(0) < 2 || len(s) < 4096 {
		slices.SortFunc(s, cmp)
		return
	}
	half := len(s) / 2
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(s[:half], cmp) })
	slices.SortFunc(s[half:], cmp)
	wg.Wait()
	merged := make([]int32, 0, len(s))
	a, c := s[:half], s[half:]
	for len(a) > 0 && len(c) > 0 {
		if cmp(c[0], a[0]) < 0 {
			merged = append(merged, c[0])
			c = c[1:]
		} else {
			merged = append(merged, a[0])
			a = a[1:]
		}
	}
	merged = append(append(merged, a...), c...)
	copy(s, merged)
}

// Len is the number of terms, defined or not.
func (g *Graph) Len() int { return len(g.terms) }

// Terms returns every term, defined or not, in display order. The slice is
// shared: do not modify it.
func (g *Graph) Terms() []*Term { return g.terms }

// Problems returns what was wrong with the references between terms.
func (g *Graph) Problems() []Problem { return g.problems }

// Get returns the term with the given ID, or nil.
func (g *Graph) Get(id ID) *Term {
	if i, ok := g.index[id]; ok {
		return g.terms[i]
	}
	return nil
}

// Lookup finds the terms a user means by name: an ID, a slug or a title, in
// any case. An exact ID wins; otherwise every term whose slug or title fits
// is returned in display order, defined terms only when there are any.
func (g *Graph) Lookup(name string) []*Term {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	lower := strings.ToLower(name)
	if i, ok := g.index[ID(lower)]; ok {
		return []*Term{g.terms[i]}
	}
	if id := ID(lower); strings.Contains(lower, "/") {
		if k, slug, ok := id.Split(); ok {
			if i, ok := g.index[MakeID(k, Urlize(slug))]; ok {
				return []*Term{g.terms[i]}
			}
		}
	}
	g.names.Do(g.indexNames)
	var found []int32
	found = append(found, g.bySlug[lower]...)
	if u := Urlize(name); u != lower {
		found = append(found, g.bySlug[u]...)
	}
	found = append(found, g.byTitle[lower]...)
	slices.Sort(found)
	found = slices.Compact(found)

	var defined, undefined []*Term
	for _, i := range found {
		if t := g.terms[i]; t.Defined {
			defined = append(defined, t)
		} else {
			undefined = append(undefined, t)
		}
	}
	if len(defined) > 0 {
		return defined
	}
	return undefined
}

// indexNames makes the maps Lookup finds terms by name in.
func (g *Graph) indexNames() {
	g.bySlug = make(map[string][]int32, len(g.terms))
	g.byTitle = make(map[string][]int32, len(g.terms))
	for pos, t := range g.terms {
		slug := strings.ToLower(t.Slug)
		g.bySlug[slug] = append(g.bySlug[slug], int32(pos))
		if title := g.lower[pos]; title != "" {
			g.byTitle[title] = append(g.byTitle[title], int32(pos))
		}
	}
}

// Links returns the terms of kind k that t lists, in display order.
func (g *Graph) Links(t *Term, k Kind) []*Term {
	i, ok := g.index[t.ID]
	if !ok {
		return nil
	}
	return g.pick(g.linksOf(i, k))
}

// linksOf is what the term at i lists of kind k.
func (g *Graph) linksOf(i int32, k Kind) []int32 {
	if int(k) >= g.nk {
		return nil
	}
	return g.links[int(i)*g.nk+int(k)]
}

// Kinds lists the kinds of the graph's terms in display order: the three
// built-in ones always, then any other a term has or lists, or that the
// graph was built with.
func (g *Graph) Kinds() []Kind { return g.kinds }

// Backlinks returns the terms that list t under any kind, in display order.
func (g *Graph) Backlinks(t *Term) []*Term {
	i, ok := g.index[t.ID]
	if !ok {
		return nil
	}
	return g.pick(g.back[i])
}

// TaggedWith returns the terms, of any kind, whose tags point to tag.
func (g *Graph) TaggedWith(tag *Term) []*Term {
	i, ok := g.index[tag.ID]
	if !ok {
		return nil
	}
	return g.pick(g.tagged[i])
}

// CountTaggedWith is how many terms TaggedWith would return.
func (g *Graph) CountTaggedWith(tag *Term) int {
	if i, ok := g.index[tag.ID]; ok {
		return len(g.tagged[i])
	}
	return 0
}

// TaggedWithAll returns the terms tagged with every one of tags, in display
// order; with no tags, every term.
func (g *Graph) TaggedWithAll(tags []*Term) []*Term {
	if len(tags) == 0 {
		return g.terms
	}
	var acc []int32
	for n, tag := range tags {
		i, ok := g.index[tag.ID]
		if !ok {
			return nil
		}
		if n == 0 {
			acc = slices.Clone(g.tagged[i])
			continue
		}
		acc = intersect(acc, g.tagged[i])
	}
	return g.pick(acc)
}

// intersect keeps the members of a (sorted) that are also in b (sorted), in place.
func intersect(a, b []int32) []int32 {
	out := a[:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func (g *Graph) pick(idx []int32) []*Term {
	if len(idx) == 0 {
		return nil
	}
	out := make([]*Term, len(idx))
	for n, i := range idx {
		out[n] = g.terms[i]
	}
	return out
}
