package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"taxo/model"
)

// How pages use the terms, as the list shows it on a Hugo site: how many
// pages carry each term, the terms no page carries, and the orders the
// list can be put in. This file is the list screen's too. On a folder of
// term files there are no pages, and the list shows none of it.

// listOrder is how the list orders its terms while no text filter ranks
// them by how well they match.
type listOrder uint8

const (
	orderWeight listOrder = iota // display order: kind, weight, title
	orderTitle                   // by title alone, whatever the kind
	orderUsed                    // the most used first: by how many pages carry each
	numOrders
)

// String says the order on the list's header line.
func (o listOrder) String() string {
	switch o {
	case orderTitle:
		return "by title"
	case orderUsed:
		return "most used first"
	default:
		return "by weight"
	}
}

// usage is what the list knows of how pages use its terms.
type usage struct {
	site  *siteView // nil when the taxonomy is not a site
	pages []int32   // how many pages carry each term, by place in the list's text; nil off a site
	order listOrder
	// ranked holds the places of every term in an order other than the
	// display order, made when first asked for; rank, each place's rank.
	ranked [numOrders][]int32
	rank   [numOrders][]int32
}

// newUsage counts the pages that carry each term of g, in the order of
// text, when there is a site.
func newUsage(site *siteView, g *model.Graph, text *termText, order listOrder) usage {
	u := usage{site: site, order: order}
	if site == nil {
		u.order = min(order, orderTitle)
		return u
	}
	u.pages = make([]int32, len(text.terms))
	inParallel(len(text.terms), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			u.pages[i] = int32(g.CountPages(text.terms[i]))
		}
	})
	return u
}

// orders is how many orders there are to cycle through: by most used only
// on a site.
func (u usage) orders() listOrder {
	if u.site == nil {
		return orderUsed
	}
	return numOrders
}

// count is how many pages carry the term at place i; -1 off a site.
func (u usage) count(i int) int {
	if u.pages == nil || i < 0 || i >= len(u.pages) {
		return -1
	}
	return int(u.pages[i])
}

// unused reports whether the term at place i has a term page and no page
// carries it.
func (u usage) unused(t *model.Term, i int) bool {
	return u.pages != nil && t.Path != "" && u.count(i) == 0
}

// arrange puts places given in display order in the order chosen.
func (u *usage) arrange(text *termText, places []int32) []int32 {
	if u.order == orderWeight || len(places) < 2 {
		return places
	}
	if u.ranked[u.order] == nil {
		u.rankAll(text)
	}
	if len(places) == len(text.terms) {
		return u.ranked[u.order]
	}
	rank := u.rank[u.order]
	out := slices.Clone(places)
	slices.SortFunc(out, func(a, b int32) int { return cmp.Compare(rank[a], rank[b]) })
	return out
}

// rankAll puts every term in the order chosen, ties in display order.
func (u *usage) rankAll(text *termText) {
	all := make([]int32, len(text.terms))
	for i := range all {
		all[i] = int32(i)
	}
	switch u.order {
	case orderTitle:
		slices.SortStableFunc(all, func(a, b int32) int { return strings.Compare(text.lower[a], text.lower[b]) })
	case orderUsed:
		slices.SortStableFunc(all, func(a, b int32) int { return cmp.Compare(u.count(int(b)), u.count(int(a))) })
	case orderWeight, numOrders:
	}
	rank := make([]int32, len(all))
	for r, i := range all {
		rank[i] = int32(r)
	}
	u.ranked[u.order], u.rank[u.order] = all, rank
}

// countText is a term's page count as a row ends with it.
func countText(n int) string {
	if n < 0 {
		return ""
	}
	return strconv.Itoa(n)
}
