package model

import "slices"

// Edge is one link of the graph: From lists To among its concepts,
// categories or tags (the list of To's kind).
type Edge struct {
	From, To *Term
}

// Cut chooses part of a graph to export or draw. The zero value keeps every
// defined term.
type Cut struct {
	Kinds     []Kind  // keep terms of these kinds; none keeps every kind
	Tags      []*Term // keep terms tagged with every one of these, and the tags themselves
	Undefined bool    // keep terms that are referred to but have no file
	// Root, when set, keeps only the terms within Depth links of it, links
	// counted either way and walked through the terms the other fields keep.
	// Root itself is always kept.
	Root  *Term
	Depth int
}

// Subgraph is what a Cut keeps: terms in display order and the links
// between them, in the order of their sources, then their targets.
type Subgraph struct {
	Terms []*Term
	Edges []Edge
}

// Cut returns the part of the graph c keeps.
func (g *Graph) Cut(c Cut) Subgraph {
	keep := make([]bool, len(g.terms))
	var tagged []bool
	if len(c.Tags) > 0 {
		tagged = make([]bool, len(g.terms))
		for _, t := range g.TaggedWithAll(c.Tags) {
			if i, ok := g.at(t.ID); ok {
				tagged[i] = true
			}
		}
		for _, t := range c.Tags {
			if i, ok := g.at(t.ID); ok {
				tagged[i] = true
			}
		}
	}
	for i, t := range g.terms {
		keep[i] = (c.Undefined || t.Defined) &&
			(len(c.Kinds) == 0 || slices.Contains(c.Kinds, t.Kind)) &&
			(tagged == nil || tagged[i])
	}
	if c.Root != nil {
		keep = g.within(c.Root, c.Depth, keep)
	}

	return g.subgraph(keep)
}

// subgraph is the terms keep marks and the links between them, each slice
// made once at its size: a graph may hold a million terms.
func (g *Graph) subgraph(keep []bool) Subgraph {
	terms, edges := 0, 0
	for i := range g.terms {
		if !keep[i] {
			continue
		}
		terms++
		for _, k := range g.kinds {
			for _, j := range g.links(int32(i), k) {
				if keep[j] {
					edges++
				}
			}
		}
	}
	sub := Subgraph{Terms: make([]*Term, 0, terms), Edges: make([]Edge, 0, edges)}
	for i, t := range g.terms {
		if !keep[i] {
			continue
		}
		sub.Terms = append(sub.Terms, t)
		for _, k := range g.kinds {
			for _, j := range g.links(int32(i), k) {
				if keep[j] {
					sub.Edges = append(sub.Edges, Edge{From: t, To: g.terms[j]})
				}
			}
		}
	}
	return sub
}

// within keeps, of the terms allowed, those at most depth links from root,
// walking links and backlinks through allowed terms only.
func (g *Graph) within(root *Term, depth int, allowed []bool) []bool {
	keep := make([]bool, len(g.terms))
	r, ok := g.at(root.ID)
	if !ok {
		return keep
	}
	keep[r] = true
	frontier := []int32{r}
	for range max(depth, 0) {
		var next []int32
		for _, i := range frontier {
			for _, j := range g.neighbours(i) {
				if allowed[j] && !keep[j] {
					keep[j] = true
					next = append(next, j)
				}
			}
		}
		frontier = next
	}
	return keep
}

// neighbours are the terms i lists, by kind, then the terms that list it.
func (g *Graph) neighbours(i int32) []int32 {
	var out []int32
	for _, k := range g.kinds {
		out = append(out, g.links(i, k)...)
	}
	return append(out, g.back(i)...)
}

// TreeNode is a term in a neighbourhood tree, with how its parent reaches
// it and the terms it reaches in turn.
type TreeNode struct {
	Term *Term
	// Out is true when the parent lists this term, false when this term
	// lists the parent (a backlink).
	Out      bool
	Children []*TreeNode
}

// Neighbourhood returns the terms within depth links of root as a tree: each
// term once, under the first term through which it is reached, breadth
// first. A term's children are the terms it lists, by kind, then the terms
// that list it, each group in display order.
func (g *Graph) Neighbourhood(root *Term, depth int) *TreeNode {
	top := &TreeNode{Term: root, Out: true}
	r, ok := g.at(root.ID)
	if !ok {
		return top
	}
	seen := map[int32]bool{r: true}
	type step struct {
		i    int32
		node *TreeNode
	}
	frontier := []step{{r, top}}
	for range max(depth, 0) {
		var next []step
		for _, s := range frontier {
			var outs []int32
			for _, k := range g.kinds {
				outs = append(outs, g.links(s.i, k)...)
			}
			add := func(j int32, out bool) {
				if seen[j] {
					return
				}
				seen[j] = true
				child := &TreeNode{Term: g.terms[j], Out: out}
				s.node.Children = append(s.node.Children, child)
				next = append(next, step{j, child})
			}
			for _, j := range outs {
				add(j, true)
			}
			for _, j := range g.back(s.i) {
				add(j, false)
			}
		}
		frontier = next
	}
	return top
}
