package model

import (
	"fmt"
	"reflect"
	"slices"
)

// NewIndexParts is newIndex, for the test that the number of runs the
// terms are indexed in does not change the index.
var NewIndexParts = func(g *Graph, parts int) *Index { return newIndex(g, parts, DefaultLanguage) }

// GraphDiff says how two graphs differ, field by field, after the
// numbering each gives its maps is turned into places in display order;
// "" when they do not.
func GraphDiff(a, b *Graph) string {
	ca, cb := canonical(a), canonical(b)
	for _, d := range []struct {
		name string
		x, y any
	}{
		{"terms", ca.terms, cb.terms}, {"lower", ca.lower, cb.lower}, {"kinds", ca.kinds, cb.kinds}, {"nk", ca.nk, cb.nk},
		{"slugs", ca.slugs, cb.slugs}, {"ids", ca.ids, cb.ids},
		{"linkAt", ca.linkAt, cb.linkAt}, {"linkArr", ca.linkArr, cb.linkArr},
		{"backAt", ca.backAt, cb.backAt}, {"backArr", ca.backArr, cb.backArr},
		{"tagAt", ca.tagAt, cb.tagAt}, {"tagArr", ca.tagArr, cb.tagArr},
		{"pages", ca.pages, cb.pages}, {"pageIndex", ca.pageIndex, cb.pageIndex},
		{"pageTerms", ca.pageTerms, cb.pageTerms}, {"termPages", ca.termPages, cb.termPages},
		{"taxonomyPages", ca.taxonomyPages, cb.taxonomyPages},
		{"problems", problemTexts(a), problemTexts(b)},
	} {
		if !reflect.DeepEqual(d.x, d.y) {
			return fmt.Sprintf("%s: %v, want %v", d.name, d.x, d.y)
		}
	}
	if (a.termKey == nil) != (b.termKey == nil) {
		return "termKey"
	}
	return ""
}

// canonical is g with its maps' values as places, its rank and what is
// compared otherwise left out.
func canonical(g *Graph) *Graph {
	g.indexed()
	c := &Graph{terms: g.terms, lower: g.lower, kinds: g.kinds, nk: g.nk, ids: map[ID]int32{},
		linkAt: g.linkAt, linkArr: g.linkArr, backAt: g.backAt, backArr: g.backArr, tagAt: g.tagAt, tagArr: g.tagArr,
		pages: g.pages, pageIndex: g.pageIndex, pageTerms: g.pageTerms, termPages: g.termPages, taxonomyPages: g.taxonomyPages}
	for _, m := range g.slugs {
		cm := make(map[string]int32, len(m))
		for k, v := range m {
			cm[k] = g.rank[v]
		}
		c.slugs = append(c.slugs, cm)
	}
	for k, v := range g.ids {
		c.ids[k] = g.rank[v]
	}
	return c
}

// problemTexts are the problems as the user reads them, with the type of
// each error and, for a reference to nothing, the term it points to.
func problemTexts(g *Graph) []string {
	var out []string
	for _, p := range g.problems {
		s := fmt.Sprintf("%s %T", p.Error(), p.Err)
		if nf, ok := p.Err.(*noFileError); ok {
			s += fmt.Sprintf(" to %d", slices.Index(g.terms, nf.to))
		}
		out = append(out, s)
	}
	return out
}

// IndexDiff names the fields of two indexes that are not deeply equal.
func IndexDiff(a, b *Index) string {
	var out []string
	for _, d := range []struct {
		name string
		x, y any
	}{
		{"g", a.g, b.g}, {"words", a.words, b.words}, {"start", a.start, b.start}, {"docs", a.docs, b.docs},
		{"imp", a.imp, b.imp}, {"pos", a.pos, b.pos}, {"posStart", a.posStart, b.posStart}, {"bounds", a.bounds, b.bounds},
		{"ndocs", a.ndocs, b.ndocs}, {"avgLen", a.avgLen, b.avgLen}, {"lang", a.lang, b.lang}, {"stems", a.stems, b.stems},
		{"stemStart", a.stemStart, b.stemStart}, {"stemWords", a.stemWords, b.stemWords},
	} {
		if !reflect.DeepEqual(d.x, d.y) {
			out = append(out, d.name)
		}
	}
	return fmt.Sprint(out)
}
