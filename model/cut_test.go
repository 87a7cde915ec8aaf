package model_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"taxo/model"
)

func edges(es []model.Edge) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e.From.ID) + " > " + string(e.To.ID)
	}
	return out
}

func TestCut(t *testing.T) {
	g := model.New(orchard())
	get := func(id model.ID) *model.Term {
		t.Helper()
		term := g.Get(id)
		if term == nil {
			t.Fatalf("no term %s", id)
		}
		return term
	}
	tests := []struct {
		name  string
		cut   model.Cut
		terms []model.ID
		edges []string
	}{
		{
			name: "everything defined",
			cut:  model.Cut{},
			terms: []model.ID{"concepts/practice", "categories/fermentation", "categories/pruning",
				"tags/baking", "tags/ci-cd", "tags/cider", "tags/fermentation", "tags/pâte-à-choux", "tags/secateurs", "tags/winter-work"},
			edges: []string{
				"categories/pruning > concepts/practice", "categories/pruning > tags/secateurs", "categories/pruning > tags/winter-work",
				"tags/cider > categories/fermentation", "tags/cider > tags/ci-cd", "tags/cider > tags/fermentation", "tags/cider > tags/winter-work",
				"tags/secateurs > concepts/practice", "tags/secateurs > categories/pruning",
				"tags/winter-work > tags/secateurs",
			},
		},
		{
			name:  "one kind keeps the links among its terms",
			cut:   model.Cut{Kinds: []model.Kind{model.Tag}},
			terms: []model.ID{"tags/baking", "tags/ci-cd", "tags/cider", "tags/fermentation", "tags/pâte-à-choux", "tags/secateurs", "tags/winter-work"},
			edges: []string{"tags/cider > tags/ci-cd", "tags/cider > tags/fermentation", "tags/cider > tags/winter-work", "tags/winter-work > tags/secateurs"},
		},
		{
			name:  "a tag keeps what it tags and itself",
			cut:   model.Cut{Tags: []*model.Term{get("tags/secateurs")}},
			terms: []model.ID{"categories/pruning", "tags/secateurs", "tags/winter-work"},
			edges: []string{"categories/pruning > tags/secateurs", "categories/pruning > tags/winter-work", "tags/secateurs > categories/pruning", "tags/winter-work > tags/secateurs"},
		},
		{
			name:  "root one link deep, either way",
			cut:   model.Cut{Root: get("concepts/practice"), Depth: 1},
			terms: []model.ID{"concepts/practice", "categories/pruning", "tags/secateurs"},
			edges: []string{"categories/pruning > concepts/practice", "categories/pruning > tags/secateurs", "tags/secateurs > concepts/practice", "tags/secateurs > categories/pruning"},
		},
		{
			name:  "root two links deep",
			cut:   model.Cut{Root: get("concepts/practice"), Depth: 2},
			terms: []model.ID{"concepts/practice", "categories/pruning", "tags/secateurs", "tags/winter-work"},
		},
		{
			name:  "root depth zero is the root alone",
			cut:   model.Cut{Root: get("tags/cider")},
			terms: []model.ID{"tags/cider"},
			edges: []string{},
		},
		{
			name: "undefined terms on request",
			cut:  model.Cut{Root: get("tags/cider"), Depth: 1, Undefined: true},
			terms: []model.ID{"categories/baking", "categories/fermentation",
				"tags/ci-cd", "tags/cider", "tags/fermentation", "tags/smoking", "tags/winter-work"},
		},
		{
			name: "the walk goes through kept terms only; the root stays",
			cut:  model.Cut{Root: get("concepts/practice"), Depth: 2, Kinds: []model.Kind{model.Tag}},
			// pruning is a category, so winter-work is reached through secateurs' backlink.
			terms: []model.ID{"concepts/practice", "tags/secateurs", "tags/winter-work"},
			edges: []string{"tags/secateurs > concepts/practice", "tags/winter-work > tags/secateurs"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := g.Cut(tt.cut)
			if got := ids(sub.Terms); !slices.Equal(got, tt.terms) {
				t.Errorf("terms:\n got %v\nwant %v", got, tt.terms)
			}
			if tt.edges == nil {
				return
			}
			if got := edges(sub.Edges); !slices.Equal(got, tt.edges) {
				t.Errorf("edges:\n got %q\nwant %q", got, tt.edges)
			}
		})
	}
}

// drawTree writes a tree one term a line, indented by depth, with > for a
// term its parent lists and < for one that lists its parent.
func drawTree(n *model.TreeNode, depth int, b *strings.Builder) {
	dir := ">"
	if !n.Out {
		dir = "<"
	}
	fmt.Fprintf(b, "%s%s %s\n", strings.Repeat("  ", depth), dir, n.Term.ID)
	for _, c := range n.Children {
		drawTree(c, depth+1, b)
	}
}

func TestNeighbourhood(t *testing.T) {
	g := model.New(orchard())
	tests := []struct {
		root  model.ID
		depth int
		want  string
	}{
		{"categories/pruning", 2, `
> categories/pruning
  > concepts/practice
  > tags/secateurs
  > tags/winter-work
    > tags/smoking
    < tags/cider
`},
		{"concepts/practice", 1, `
> concepts/practice
  < categories/pruning
  < tags/secateurs
`},
		{"tags/pâte-à-choux", 2, `
> tags/pâte-à-choux
`},
		// winter-work is one link from smoking, so cider's link to it is not drawn again.
		{"tags/smoking", 2, `
> tags/smoking
  < tags/cider
    > categories/baking
    > categories/fermentation
    > tags/ci-cd
    > tags/fermentation
  < tags/winter-work
    > tags/secateurs
    < categories/pruning
`},
	}
	for _, tt := range tests {
		t.Run(string(tt.root), func(t *testing.T) {
			var b strings.Builder
			drawTree(g.Neighbourhood(g.Get(tt.root), tt.depth), 0, &b)
			if got := "\n" + b.String(); got != tt.want {
				t.Errorf("tree:\n%s\nwant:%s", got, tt.want)
			}
		})
	}
}
