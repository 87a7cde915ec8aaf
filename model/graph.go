package model

import (
	"fmt"
	"slices"
	"strings"
)

// Graph is the taxonomy indexed for browsing: every term, defined or only
// referred to, in display order, with the links between them resolved.
type Graph struct {
	terms    []*Term
	index    map[ID]int32
	bySlug   map[string][]int32 // lower-case slug, any kind
	byTitle  map[string][]int32 // lower-case title, any kind
	links    [][NumKinds][]int32
	back     [][]int32
	tagged   [][]int32
	problems []Problem
}

// New builds the graph from the terms a loader found. Each title in a term's
// concepts, categories and tags points to the term of that kind with that
// slug, else with that title in any case; a title that matches no term
// becomes an undefined term. Problems found on the way (references to
// nothing, ambiguous titles, self-references, repeated IDs) are kept for
// Problems. The terms are not modified.
func New(terms []*Term) *Graph {
	b := newBuilder(len(terms))
	for _, t := range terms {
		b.add(t)
	}
	for _, t := range b.defined {
		b.resolve(t)
	}
	return b.finish()
}

type edge struct {
	from, to *Term
	kind     Kind
}

type builder struct {
	defined   []*Term
	undefined []*Term
	ids       map[ID]*Term
	slugs     [NumKinds]map[string]*Term
	titles    [NumKinds]map[string][]*Term
	edges     []edge
	problems  []Problem
}

func newBuilder(n int) *builder {
	b := &builder{defined: make([]*Term, 0, n), ids: make(map[ID]*Term, n+n/4)}
	for k := range b.slugs {
		b.slugs[k] = make(map[string]*Term)
		b.titles[k] = make(map[string][]*Term)
	}
	return b
}

func (b *builder) add(t *Term) {
	if prev, dup := b.ids[t.ID]; dup {
		b.problems = append(b.problems, Problem{Path: t.Path, Severity: Warning,
			Err: fmt.Errorf("%s is already defined by %s; this file is ignored", t.ID, prev.Path)})
		return
	}
	b.ids[t.ID] = t
	b.defined = append(b.defined, t)
	b.slugs[t.Kind][strings.ToLower(t.Slug)] = t
	if title := strings.ToLower(strings.TrimSpace(t.Title)); title != "" {
		same := b.titles[t.Kind][title]
		if len(same) > 0 {
			b.problems = append(b.problems, Problem{Path: t.Path, Severity: Warning,
				Err: fmt.Errorf("title %q is also the title of %s; references to it are ambiguous", t.Title, same[0].ID)})
		}
		b.titles[t.Kind][title] = append(same, t)
	}
}

// resolve links each title t lists to a term, making undefined terms as needed.
func (b *builder) resolve(t *Term) {
	for _, k := range Kinds {
		for _, ref := range t.Refs[k] {
			to := b.target(k, ref.Title)
			if to == nil {
				b.problems = append(b.problems, Problem{Path: t.Path, Line: ref.Line, Col: ref.Col, Severity: Warning,
					Err: fmt.Errorf("%s %q has no slug; the reference is ignored", k, ref.Title)})
				continue
			}
			if to == t {
				b.problems = append(b.problems, Problem{Path: t.Path, Line: ref.Line, Col: ref.Col, Severity: Warning,
					Err: fmt.Errorf("%s lists itself under %s", t.ID, k.Taxonomy())})
				continue
			}
			if !to.Defined {
				b.problems = append(b.problems, Problem{Path: t.Path, Line: ref.Line, Col: ref.Col, Severity: Warning,
					Err: fmt.Errorf("%s %q matches no file (expected %s)", k, ref.Title, to.ID)})
			}
			b.edges = append(b.edges, edge{from: t, to: to, kind: k})
		}
	}
}

// target finds the term of kind k a title refers to, or makes it undefined.
func (b *builder) target(k Kind, title string) *Term {
	title = strings.TrimSpace(title)
	slug := Urlize(title)
	bySlug := b.slugs[k][slug]
	if bySlug != nil && bySlug.Defined {
		return bySlug
	}
	if same := b.titles[k][strings.ToLower(title)]; len(same) > 0 {
		return same[0]
	}
	// An undefined term made for an earlier title with this slug comes only
	// after the titles of defined terms, so the order of the lists does not
	// change where a title points.
	if bySlug != nil {
		return bySlug
	}
	if slug == "" {
		return nil
	}
	t := &Term{ID: MakeID(k, slug), Kind: k, Slug: slug, Title: title}
	b.slugs[k][slug] = t
	b.ids[t.ID] = t
	b.undefined = append(b.undefined, t)
	return t
}

func (b *builder) finish() *Graph {
	terms := make([]*Term, 0, len(b.defined)+len(b.undefined))
	terms = append(terms, b.defined...)
	terms = append(terms, b.undefined...)
	slices.SortFunc(terms, Compare)

	g := &Graph{
		terms:    terms,
		index:    make(map[ID]int32, len(terms)),
		bySlug:   make(map[string][]int32, len(terms)),
		byTitle:  make(map[string][]int32, len(terms)),
		links:    make([][NumKinds][]int32, len(terms)),
		back:     make([][]int32, len(terms)),
		tagged:   make([][]int32, len(terms)),
		problems: b.problems,
	}
	for i, t := range terms {
		g.index[t.ID] = int32(i)
		slug := strings.ToLower(t.Slug)
		g.bySlug[slug] = append(g.bySlug[slug], int32(i))
		if title := strings.ToLower(strings.TrimSpace(t.Title)); title != "" {
			g.byTitle[title] = append(g.byTitle[title], int32(i))
		}
	}
	// Edges are visited in the order of their sources, so backlinks come out
	// sorted when sources are visited in display order.
	slices.SortStableFunc(b.edges, func(x, y edge) int { return int(g.index[x.from.ID]) - int(g.index[y.from.ID]) })
	for _, e := range b.edges {
		from, to := g.index[e.from.ID], g.index[e.to.ID]
		if slices.Contains(g.links[from][e.kind], to) {
			continue
		}
		g.links[from][e.kind] = append(g.links[from][e.kind], to)
		g.back[to] = append(g.back[to], from)
		if e.kind == Tag {
			g.tagged[to] = append(g.tagged[to], from)
		}
	}
	for i := range g.links {
		for k := range g.links[i] {
			slices.Sort(g.links[i][k])
		}
	}
	return g
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

// Links returns the terms of kind k that t lists, in display order.
func (g *Graph) Links(t *Term, k Kind) []*Term {
	i, ok := g.index[t.ID]
	if !ok {
		return nil
	}
	return g.pick(g.links[i][k])
}

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
