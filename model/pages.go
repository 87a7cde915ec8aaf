package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// addPages numbers the terms the pages carry, making a term for each one
// no term file defines, from the spelling of the first page (in path
// order) that carries it. A page's terms of a kind whose terms have files
// but not this one are warned about, as references to nothing are.
func (b *builder) addPages(pages []*Page) {
	if len(pages) == 0 {
		return
	}
	b.pages = slices.SortedFunc(slices.Values(pages), func(x, y *Page) int { return strings.Compare(x.Path, y.Path) })
	hasFiles := make([]bool, len(b.slugs))
	for _, t := range b.terms {
		if t.Path != "" {
			hasFiles[t.Kind] = true
		}
		b.listing = b.listing || len(t.Refs) > 0
	}
	b.pageTerms = make([][]int32, len(b.pages))
	all := make([]int32, 0, len(b.pages)*4)
	for n, p := range b.pages {
		start := len(all)
		for _, pt := range p.Terms {
			i, _ := b.pageTerm(pt, p.Lang)
			if t := b.terms[i]; t.Path == "" && hasFiles[pt.Kind] {
				b.problems = append(b.problems, Problem{Path: p.Path, Line: pt.Line, Col: pt.Col, Severity: Warning,
					Err: fmt.Errorf("%s %q has no term file (%s), as the taxonomy's other terms have", pt.Kind, pt.Title, pt.ID())})
			}
			if !slices.Contains(all[start:], i) {
				all = append(all, i)
			}
		}
		b.pageTerms[n] = all[start:len(all):len(all)]
	}
}

// pageTerm is the number of the term a page carries, and whether it was
// made for it. Terms are found by slug, which needs no ID built; those made
// are cut from slabs, a few allocations for thousands of terms.
func (b *builder) pageTerm(pt PageTerm, lang string) (int32, bool) {
	if i, ok := b.slugs[pt.Kind][pt.Key]; ok && b.terms[i].Slug == pt.Key {
		return i, false
	}
	// A term's slug is its ID's end, so no other term has this ID.
	if len(b.pageSlab) == cap(b.pageSlab) {
		b.pageSlab = make([]Term, 0, 1024)
	}
	b.pageSlab = b.pageSlab[:len(b.pageSlab)+1]
	t := &b.pageSlab[len(b.pageSlab)-1]
	t.ID, t.Kind, t.Slug, t.Title, t.Defined, t.Lang = pt.ID(), pt.Kind, pt.Key, strings.TrimSpace(pt.Title), true, lang
	return b.addMade(t), true
}

// addMade numbers a term that no file defines but a page carries. Its
// title may be another term's: that is no ambiguity the files made. It is
// found by slug from now on; by ID, only the files' terms are looked up.
func (b *builder) addMade(t *Term) int32 {
	i := int32(len(b.terms))
	b.terms = append(b.terms, t)
	title := lower(t.Title)
	b.lower = append(b.lower, title)
	b.slugs[t.Kind][t.Slug] = i
	if title != "" && b.listing {
		// Only a term file's list can name a term by its title.
		b.titles[t.Kind][title] = append(b.titles[t.Kind][title], i)
	}
	return i
}

// pageTermCounts is about how many terms of each kind the pages make:
// half the terms they carry (counting a term once a page), as a page's
// terms are often other pages' too.
func pageTermCounts(pages []*Page) map[Kind]int {
	n := make(map[Kind]int)
	for _, p := range pages {
		for _, pt := range p.Terms {
			n[pt.Kind]++
		}
	}
	for k := range n {
		n[k] /= 2
	}
	return n
}

// lower is strings.ToLower without a copy of text in lower case already.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// linkPages puts the pages in display order and links them and their
// terms both ways, each list cut from one array.
func (b *builder) linkPages(g *Graph, rank []int32) {
	if len(b.pages) == 0 {
		return
	}
	order := make([]int32, len(b.pages)) // display position -> builder's number
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return ComparePages(b.pages[x], b.pages[y]) })
	g.pages = make([]*Page, len(order))
	g.pageIndex = make(map[string]int32, len(order))
	g.pageTerms = make([][]int32, len(order))
	counts := make([]int32, len(g.terms)+1)
	for pos, n := range order {
		p := b.pages[n]
		g.pages[pos] = p
		g.pageIndex[p.Path] = int32(pos)
		terms := b.pageTerms[n]
		for j, i := range terms {
			terms[j] = rank[i]
			counts[rank[i]+1]++
		}
		slices.Sort(terms)
		g.pageTerms[pos] = terms
	}
	for i := range len(g.terms) {
		counts[i+1] += counts[i]
	}
	arr := make([]int32, counts[len(g.terms)])
	at := slices.Clone(counts[:len(g.terms)])
	for pos, terms := range g.pageTerms {
		for _, i := range terms {
			arr[at[i]] = int32(pos)
			at[i]++
		}
	}
	g.termPages = make([][]int32, len(g.terms))
	for i := range g.termPages {
		if counts[i+1] > counts[i] {
			g.termPages[i] = arr[counts[i]:counts[i+1]:counts[i+1]]
		}
	}
}

// TermKey is how the graph's site keys a spelling of a term, so that a
// title typed ("Go Lang") finds the term its pages carry (tags/go-lang);
// nil for a taxonomy without pages.
func (g *Graph) TermKey() func(spelling string) string { return g.termKey }

// Pages returns every page, newest first. The slice is shared: do not
// modify it.
func (g *Graph) Pages() []*Page { return g.pages }

// Page returns the page at path (relative to the site root), or nil.
func (g *Graph) Page(path string) *Page {
	g.indexed()
	if i, ok := g.pageIndex[path]; ok {
		return g.pages[i]
	}
	return nil
}

// PagesOf returns the pages that carry t, newest first.
func (g *Graph) PagesOf(t *Term) []*Page {
	i, ok := g.at(t.ID)
	if !ok || g.termPages == nil {
		return nil
	}
	return g.pickPages(g.termPages[i])
}

// CountPages is how many pages carry t.
func (g *Graph) CountPages(t *Term) int {
	i, ok := g.at(t.ID)
	if !ok || g.termPages == nil {
		return 0
	}
	return len(g.termPages[i])
}

// CountPagesAt is CountPages for the term at place i of Terms (see
// LinksAt).
func (g *Graph) CountPagesAt(i int) int {
	if g.termPages == nil {
		return 0
	}
	return len(g.termPages[i])
}

// TermsAt is TermsOf for the page at place i of Pages, as places of
// Terms (see LinksAt).
func (g *Graph) TermsAt(i int) []int32 { return g.pageTerms[i] }

// TermsOf returns the terms p carries, in display order.
func (g *Graph) TermsOf(p *Page) []*Term {
	g.indexed()
	i, ok := g.pageIndex[p.Path]
	if !ok {
		return nil
	}
	return g.pick(g.pageTerms[i])
}

// PagesWithAll returns the pages that carry every one of terms, newest
// first; with no terms, every page.
func (g *Graph) PagesWithAll(terms []*Term) []*Page {
	if len(terms) == 0 {
		return g.pages
	}
	var acc []int32
	for n, t := range terms {
		i, ok := g.at(t.ID)
		if !ok || g.termPages == nil {
			return nil
		}
		if n == 0 {
			acc = slices.Clone(g.termPages[i])
			continue
		}
		acc = intersect(acc, g.termPages[i])
	}
	return g.pickPages(acc)
}

func (g *Graph) pickPages(idx []int32) []*Page {
	if len(idx) == 0 {
		return nil
	}
	out := make([]*Page, len(idx))
	for n, i := range idx {
		out[n] = g.pages[i]
	}
	return out
}

// Listed reports whether Hugo lists t among its taxonomy's terms under
// pub: unless its term page, or its taxonomy's own page, is not published
// (a draft term page hides the term and every page under it).
func (g *Graph) Listed(pub Publishing, t *Term) bool {
	if t.Page != nil && pub.State(t.Page) != Published {
		return false
	}
	if tp := g.taxonomyPages[t.Kind]; tp != nil && pub.State(tp) != Published {
		return false
	}
	return true
}

// PublishedTerms returns the terms Hugo lists p under, in display order:
// none when p is not published, else those of its terms Hugo lists.
func (g *Graph) PublishedTerms(pub Publishing, p *Page) []*Term {
	if pub.State(p) != Published {
		return nil
	}
	var out []*Term
	for _, t := range g.TermsOf(p) {
		if g.Listed(pub, t) {
			out = append(out, t)
		}
	}
	return out
}

// KeyedTerm is the term of kind k that a page carrying spelling carries,
// as the site keys it ("Go Lang" is tags/go-lang); nil when there is none
// yet, or the graph has no key (a taxonomy without pages).
func (g *Graph) KeyedTerm(k Kind, spelling string) *Term {
	if g.termKey == nil {
		return nil
	}
	key := g.termKey(spelling)
	if key == "" {
		return nil
	}
	return g.Get(MakeID(k, key))
}

// Spelling is how to write t into a page's front matter so that the site
// files the page under t: its title, when that keys to it (a term page
// may be titled "Go Language" at tags/golang), else the spelling the
// newest page carrying it uses, else its key.
func (g *Graph) Spelling(t *Term) string {
	title := strings.TrimSpace(t.Title)
	if g.termKey == nil || title != "" && g.termKey(title) == t.Slug {
		return t.DisplayTitle()
	}
	for _, p := range g.PagesOf(t) {
		for _, pt := range p.Terms {
			if pt.Kind == t.Kind && pt.Key == t.Slug && strings.TrimSpace(pt.Title) != "" {
				return strings.TrimSpace(pt.Title)
			}
		}
	}
	return t.Slug
}
