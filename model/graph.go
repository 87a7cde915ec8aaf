package model

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Graph is the taxonomy indexed for browsing: every term, defined or only
// referred to, in display order, with the links between them resolved.
type Graph struct {
	terms []*Term
	// A term's place in display order is found by its slug, from the maps
	// the builder made (slugs, by the builder's numbers, which rank turns
	// into places), else by its ID among the files' (ids): no map of every
	// term is made again.
	slugs []map[string]int32
	ids   map[ID]int32
	rank  []int32
	kinds []Kind // the kinds of its terms, or given, in display order
	nk    int    // one more than the largest kind: the links' stride
	// names finds terms by lower-case slug and title, for Lookup, which
	// makes it the first time: lists and counts have no use for it.
	names   sync.Once
	lower   []string // each term's title, trimmed and in lower case
	bySlug  names    // lower-case slug, any kind
	byTitle names    // lower-case title, any kind, where it is not the slug
	// The links, backlinks and tagged lists of every term, each kind of
	// list one array cut by offsets: the list of term i (of kind k) runs
	// from at[i] (at[i*nk+k]) to the next offset. A few large arrays
	// rather than a slice header per term, which a million terms made for
	// references to nothing would pay for.
	linkAt, linkArr []int32
	backAt, backArr []int32
	tagAt, tagArr   []int32
	problems        []Problem

	pages     []*Page          // display order: newest first
	pageIndex map[string]int32 // by path
	pageTerms [][]int32        // by page: the terms it carries
	termPages [][]int32        // by term: the pages that carry it, newest first

	taxonomyPages map[Kind]*Page
	termKey       func(string) string

	// index, when set, makes slugs, ids and pageIndex the first time one
	// is needed (a graph read from a snapshot: a list needs none of them).
	index     func()
	indexOnce sync.Once
}

// indexed makes the maps terms and pages are found in, when they are
// made on demand.
func (g *Graph) indexed() {
	if g.index != nil {
		g.indexOnce.Do(g.index)
	}
}

// links are the terms term i lists under kind k.
func (g *Graph) links(i int32, k Kind) []int32 {
	if int(k) >= g.nk {
		return nil
	}
	n := int(i)*g.nk + int(k)
	return g.linkArr[g.linkAt[n]:g.linkAt[n+1]:g.linkAt[n+1]]
}

// back are the terms that list term i.
func (g *Graph) back(i int32) []int32 { return g.backArr[g.backAt[i]:g.backAt[i+1]:g.backAt[i+1]] }

// tagged are the terms whose tags list term i.
func (g *Graph) tagged(i int32) []int32 { return g.tagArr[g.tagAt[i]:g.tagAt[i+1]:g.tagAt[i+1]] }

// names finds terms by a name (a slug or a title) with one map entry a
// name: most names are one term's, and the few that are several terms'
// point into many.
type names struct {
	one  map[string]int32 // name -> the term, or -1-j for many[j]
	many [][]int32
}

func newNames(n int) names { return names{one: make(map[string]int32, n)} }

func (x *names) add(name string, pos int32) {
	prev, ok := x.one[name]
	switch {
	case !ok:
		x.one[name] = pos
	case prev >= 0:
		x.one[name] = -1 - int32(len(x.many))
		x.many = append(x.many, []int32{prev, pos})
	default:
		x.many[-1-prev] = append(x.many[-1-prev], pos)
	}
}

// appendTo appends the terms with the name to out.
func (x *names) appendTo(out []int32, name string) []int32 {
	i, ok := x.one[name]
	switch {
	case !ok:
		return out
	case i >= 0:
		return append(out, i)
	}
	return append(out, x.many[-1-i]...)
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
	// TermKey is how the site keys a spelling of a term (the loader's
	// loader.TermKey, as the site's settings have it): a term a page
	// carries is <taxonomy>/<key>. Nil for a taxonomy without pages.
	TermKey func(spelling string) string
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
	g.taxonomyPages, g.termKey = c.TaxonomyPages, c.TermKey
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
	// targets holds what the references of added term i point to, from
	// refStart[i] up to refStart[i+1], in the order of Refs; noTarget for
	// a title that cannot name a term.
	targets  []int32
	refStart []int32
	problems []Problem
	// slab holds undefined terms not yet handed out, so that a taxonomy
	// that refers to a million titles without files makes them in a few
	// thousand allocations; undecided is how many references may still
	// need one.
	slab      []Term
	undecided int
	// pages are in path order, and pageTerms the terms each carries.
	pages     []*Page
	pageTerms [][]int32
	// listing is set when a term file lists terms, which may then name a
	// term a page makes by its title.
	listing  bool
	pageSlab []Term // where the terms pages make are cut from
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
		kinds: kinds, slugs: make([]map[string]int32, nk), titles: make([]map[string][]int32, nk)}
	for k := range nk {
		hint := 0
		if slices.Contains(kinds, Kind(k)) {
			hint = n / len(kinds)
		}
		b.slugs[k] = make(map[string]int32, hint+fromPages[Kind(k)])
		b.titles[k] = make(map[string][]int32, hint)
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
	b.sizeForUndecided()
	for i := range added {
		b.check(int32(i))
	}
}

// sizeForUndecided counts the references that matched no added term and
// makes room for as many undefined terms in the maps that will hold them,
// so that a million of them do not make the maps grow twenty times over.
func (b *builder) sizeForUndecided() {
	count := make([]int, len(b.slugs))
	for i := range len(b.refStart) - 1 {
		j := b.refStart[i]
		for k, refs := range b.terms[i].Refs {
			for range refs {
				if b.targets[j] == undecided {
					count[k]++
				}
				j++
			}
		}
	}
	// Each such reference is a warning: room for them all, without the
	// copies that doubling the slice would make.
	undecided := 0
	for _, c := range count {
		undecided += c
	}
	b.problems = slices.Grow(b.problems, undecided)
	// At most one undefined term a reference: room enough, without copies.
	b.terms, b.lower = slices.Grow(b.terms, undecided), slices.Grow(b.lower, undecided)
	for k := range count {
		b.undecided += count[k]
		if count[k] > len(b.slugs[k]) {
			slugs := make(map[string]int32, len(b.slugs[k])+count[k])
			maps.Copy(slugs, b.slugs[k])
			b.slugs[k] = slugs
		}
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
				b.undecided--
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
					Err: &noFileError{title: ref.Title, to: b.terms[to]}})
			}
		}
	}
}

// makeUndefined gives the term of kind k a title that matched no added term
// refers to: the term with its slug if there is one (an undefined term made
// for an earlier title, or added as undefined), else a new undefined term.
func (b *builder) makeUndefined(k Kind, title string) int32 {
	trimmed := strings.TrimSpace(title)
	slug := Urlize(trimmed)
	i, ok := b.slugs[k][slug]
	if !ok {
		if len(b.slab) == 0 {
			b.slab = make([]Term, min(b.undecided+1, 256))
		}
		t := &b.slab[0]
		b.slab = b.slab[1:]
		id := MakeID(k, slug)
		// The slug is cut from the ID rather than kept twice.
		*t = Term{ID: id, Kind: k, Slug: string(id[len(id)-len(slug):]), Title: trimmed}
		i = int32(len(b.terms))
		b.terms = append(b.terms, t)
		b.lower = append(b.lower, strings.ToLower(trimmed))
		b.slugs[k][t.Slug] = i
	}
	return i
}

// noFileError is a reference to a title that matches no file: the title as
// written and the undefined term it points to. It is worded when asked, as
// a taxonomy may hold a million of them.
type noFileError struct {
	title string
	to    *Term
}

func (e *noFileError) Error() string {
	return fmt.Sprintf("%s %q matches no file (expected %s)", e.to.Kind, e.title, e.to.ID)
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

	g := &Graph{
		terms:    make([]*Term, n),
		kinds:    b.kinds,
		nk:       len(b.slugs),
		lower:    make([]string, n),
		problems: b.problems,
	}
	for pos, i := range order {
		g.terms[pos], g.lower[pos] = b.terms[i], b.lower[i]
	}
	g.slugs, g.ids, g.rank = b.slugs, b.ids, rank
	b.link(g, order, rank)
	b.linkPages(g, rank)
	return g
}

// at is the place of the term with the ID in display order.
func (g *Graph) at(id ID) (int32, bool) {
	g.indexed()
	if k, slug, ok := id.Split(); ok && int(k) < len(g.slugs) {
		for _, s := range [...]string{slug, lower(slug)} {
			if i, ok := g.slugs[k][s]; ok && g.terms[g.rank[i]].ID == id {
				return g.rank[i], true
			}
		}
	}
	if i, ok := g.ids[id]; ok {
		return g.rank[i], true
	}
	return 0, false
}

// indexNames makes the maps Lookup finds terms by name in.
func (g *Graph) indexNames() {
	n := len(g.terms)
	g.bySlug, g.byTitle = newNames(n), newNames(n/4)
	for pos, t := range g.terms {
		slug := strings.ToLower(t.Slug)
		g.bySlug.add(slug, int32(pos))
		// A title that is its slug is found by the slug: Lookup tries both.
		if title := g.lower[pos]; title != "" && title != slug {
			g.byTitle.add(title, int32(pos))
		}
	}
}

// link fills in the links, then the backlinks and tagged lists. Sources
// are visited in display order; seen marks the targets of the list being
// built, to drop repeats without searching the list.
func (b *builder) link(g *Graph, order, rank []int32) {
	n, nk := len(order), g.nk
	seen := make([]int32, n)
	g.linkAt = make([]int32, n*nk+1)
	all := make([]int32, 0, len(b.targets))
	backs, tags := make([]int32, n+1), make([]int32, n+1)
	for pos, i := range order {
		if int(i)+1 >= len(b.refStart) {
			// made for a reference: lists nothing
			for k := range nk {
				g.linkAt[pos*nk+k] = int32(len(all))
			}
			continue
		}
		t := b.terms[i]
		j := b.refStart[i]
		for kk := range nk {
			k := Kind(kk)
			stamp := int32(pos)*int32(nk) + int32(k) + 1
			start := len(all)
			g.linkAt[pos*nk+kk] = int32(start)
			for range t.RefsOf(k) {
				to := b.targets[j]
				j++
				if to < 0 || to == i {
					continue
				}
				if to = rank[to]; seen[to] != stamp {
					seen[to] = stamp
					all = append(all, to)
					backs[to+1]++
					if k == Tag {
						tags[to+1]++
					}
				}
			}
			slices.Sort(all[start:])
		}
	}
	g.linkAt[n*nk] = int32(len(all))
	g.linkArr = all
	g.fillBacklinks(backs, tags)
}

// fillBacklinks makes the backlinks and tagged lists from the links, given
// how many sources list each term (all of them, and under tags) at index
// term+1; the sources go in in display order, so each list is sorted.
func (g *Graph) fillBacklinks(backs, tags []int32) {
	n := len(g.terms)
	for to := range n {
		backs[to+1] += backs[to]
		tags[to+1] += tags[to]
	}
	g.backAt, g.tagAt = backs, tags
	g.backArr, g.tagArr = make([]int32, backs[n]), make([]int32, tags[n])
	backAt, tagAt := slices.Clone(backs[:n]), slices.Clone(tags[:n])
	for from := range int32(n) {
		for k := range Kind(g.nk) {
			for _, to := range g.links(from, k) {
				g.backArr[backAt[to]] = from
				backAt[to]++
				if k == Tag {
					g.tagArr[tagAt[to]] = from
					tagAt[to]++
				}
			}
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
	if i, ok := g.at(id); ok {
		return g.terms[i]
	}
	return nil
}

// Lookup finds the terms a user means by name: an ID, a slug or a title, in
// any case. An exact ID wins; otherwise every term whose slug or title fits
// is returned in display order, defined terms only when there are any.
func (g *Graph) Lookup(name string) []*Term {
	return g.lookup(name, func(*Term) bool { return true })
}

// LookupKind is Lookup among the terms of kind k: "Scrum" as a tag when a
// category shares the name, or as an undefined tag when only the category
// has a file.
func (g *Graph) LookupKind(name string, k Kind) []*Term {
	return g.lookup(name, func(t *Term) bool { return t.Kind == k })
}

func (g *Graph) lookup(name string, keep func(*Term) bool) []*Term {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	lower := strings.ToLower(name)
	if i, ok := g.at(ID(lower)); ok && keep(g.terms[i]) {
		return []*Term{g.terms[i]}
	}
	if id := ID(lower); strings.Contains(lower, "/") {
		if k, slug, ok := id.Split(); ok {
			if i, ok := g.at(MakeID(k, Urlize(slug))); ok && keep(g.terms[i]) {
				return []*Term{g.terms[i]}
			}
		}
	}
	g.names.Do(g.indexNames)
	var found []int32
	found = g.bySlug.appendTo(found, lower)
	if u := Urlize(name); u != lower {
		found = g.bySlug.appendTo(found, u)
	}
	found = g.byTitle.appendTo(found, lower)
	slices.Sort(found)
	found = slices.Compact(found)

	var defined, undefined []*Term
	for _, i := range found {
		switch t := g.terms[i]; {
		case !keep(t):
		case t.Defined:
			defined = append(defined, t)
		default:
			undefined = append(undefined, t)
		}
	}
	if len(defined) > 0 {
		return defined
	}
	return undefined
}

// Kinds lists the kinds of the graph's terms in display order: the three
// built-in ones for New, a site's own for NewSite, then any other a term
// has or lists.
func (g *Graph) Kinds() []Kind { return g.kinds }

// Links returns the terms of kind k that t lists, in display order.
func (g *Graph) Links(t *Term, k Kind) []*Term {
	i, ok := g.at(t.ID)
	if !ok {
		return nil
	}
	return g.pick(g.links(i, k))
}

// LinksAt, BacklinksAt and CountPagesAt are Links, Backlinks and
// CountPages for the term at place i of Terms, given as places of Terms:
// for walking every term in order without finding each by its ID, which
// needs the maps a graph from the cache makes only when asked. The slices
// are shared: do not modify them.
func (g *Graph) LinksAt(i int, k Kind) []int32 { return g.links(int32(i), k) }

// BacklinksAt is Backlinks for the term at place i (see LinksAt).
func (g *Graph) BacklinksAt(i int) []int32 { return g.back(int32(i)) }

// Backlinks returns the terms that list t under any kind, in display order.
func (g *Graph) Backlinks(t *Term) []*Term {
	i, ok := g.at(t.ID)
	if !ok {
		return nil
	}
	return g.pick(g.back(i))
}

// TaggedWith returns the terms, of any kind, whose tags point to tag.
func (g *Graph) TaggedWith(tag *Term) []*Term {
	i, ok := g.at(tag.ID)
	if !ok {
		return nil
	}
	return g.pick(g.tagged(i))
}

// CountTaggedWith is how many terms TaggedWith would return.
func (g *Graph) CountTaggedWith(tag *Term) int {
	if i, ok := g.at(tag.ID); ok {
		return len(g.tagged(i))
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
		i, ok := g.at(tag.ID)
		if !ok {
			return nil
		}
		if n == 0 {
			acc = slices.Clone(g.tagged(i))
			continue
		}
		acc = intersect(acc, g.tagged(i))
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
