package model

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

func TestNewTaxonomy(t *testing.T) {
	t.Parallel()
	scrum := &Term{ID: "tags/scrum", Kind: Tag, Slug: "scrum", Title: "Scrum", Path: "tags/scrum.md", Defined: true}
	scrum.SetRefs(Category, []Ref{{Title: "Nowhere", Line: 4, Col: 3}})
	read := []Problem{
		{Path: "tags/z.md", Line: 1, Severity: Error, Err: errors.New("bad")},
		{Path: "tags/a.md", Line: 9, Severity: Warning, Err: errors.New("odd")},
	}
	for _, tc := range []struct {
		name, root string
		want       []string
	}{
		{"a folder", "/site/content", []string{
			filepath.Join("/site/content", "tags/a.md"),
			filepath.Join("/site/content", "tags/scrum.md"),
			filepath.Join("/site/content", "tags/z.md"),
		}},
		{"the embedded sample", "", []string{"tags/a.md", "tags/scrum.md", "tags/z.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := NewTaxonomy(tc.root, []*Term{scrum}, slices.Clone(read))
			var paths []string
			for _, p := range tx.Problems() {
				paths = append(paths, p.Path)
			}
			// The load's problems and the graph's (the undefined category),
			// in path order, with paths the user can open.
			if !slices.Equal(paths, tc.want) {
				t.Errorf("the problems' paths are %q, want %q", paths, tc.want)
			}
			if tx.Graph.Get("tags/scrum") == nil {
				t.Error("the term is not in the graph")
			}
			if got := tx.Path("tags/scrum.md"); got != tc.want[1] {
				t.Errorf("Path = %q, want %q", got, tc.want[1])
			}
		})
	}
}
