package model

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Taxonomy is a taxonomy as the commands and the browser show it: the
// graph of its terms, the problems met reading and linking them, and where
// its files are.
type Taxonomy struct {
	Graph *Graph
	// Root is the folder the terms' paths are relative to, as the user
	// gave it; empty for the embedded sample, which cannot be edited.
	Root string

	read     [][]Problem // the load's, as it met them, in parts
	problems func() []Problem
}

// NewTaxonomy links the terms read from root into a Taxonomy, with the
// problems met reading them. The commands build their taxonomy with it,
// and the browser each graph it shows while the first load runs.
func NewTaxonomy(root string, terms []*Term, problems []Problem) *Taxonomy {
	return TaxonomyOf(root, New(terms), problems)
}

// TaxonomyOf is NewTaxonomy for a graph linked already, as the graph of
// one language of a Hugo site is (loader.Result.Graph). The problems may
// come in parts, taken in order: they are copied into one slice once,
// when first asked for (check adds the content lint's 160k at 100k pages).
func TaxonomyOf(root string, g *Graph, problems ...[]Problem) *Taxonomy {
	tx := &Taxonomy{Graph: g, Root: root, read: problems}
	tx.problems = sync.OnceValue(tx.sortProblems)
	return tx
}

// Problems are the load's and the graph's, in path order, each path as the
// user can open it. They are put in order when first asked for: a graph of
// the terms read so far, which the browser shows while a load runs, has a
// problem for every reference to a term not read yet, and nobody to show
// them to.
func (tx *Taxonomy) Problems() []Problem { return tx.problems() }

func (tx *Taxonomy) sortProblems() []Problem {
	all := slices.Concat(append(slices.Clip(tx.read), tx.Graph.Problems())...)
	slices.SortStableFunc(all, func(x, y Problem) int {
		if c := strings.Compare(x.Path, y.Path); c != 0 {
			return c
		}
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Col - y.Col
	})
	// In path order, one path is joined for all of a file's problems (a
	// file may have ten thousand).
	var rel, shown string
	for i := range all {
		if all[i].Path != rel || i == 0 {
			rel, shown = all[i].Path, tx.Path(all[i].Path)
		}
		all[i].Path = shown
	}
	return all
}

// Path is a path relative to the root as the user can open it.
func (tx *Taxonomy) Path(rel string) string {
	if tx.Root == "" || rel == "" {
		return rel
	}
	return filepath.Join(tx.Root, filepath.FromSlash(rel))
}
