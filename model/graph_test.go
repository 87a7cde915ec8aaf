package model_test

import (
	"slices"
	"strings"
	"testing"

	"taxo/model"
)

// lists adds titles to a term's concepts, categories or tags, each on a line
// of its own so problems can be told apart.
func lists(t *model.Term, k model.Kind, titles ...string) *model.Term {
	for _, title := range titles {
		line := 10
		for _, refs := range t.Refs {
			line += len(refs)
		}
		t.SetRefs(k, append(t.RefsOf(k), model.Ref{Title: title, Line: line, Col: 3}))
	}
	return t
}

// orchard is a small taxonomy with every kind of link: by slug, by title in
// another case, to nothing, and a title shared by a category and a tag.
func orchard() []*model.Term {
	return []*model.Term{
		mk("concepts/practice", "Practice", 1),
		lists(lists(mk("categories/pruning", "Pruning", 0), model.Concept, "Practice"), model.Tag, "Secateurs", "Winter Work"),
		mk("categories/fermentation", "Fermentation", 0),
		mk("tags/fermentation", "Fermentation", 0),
		lists(lists(mk("tags/secateurs", "Secateurs", 0), model.Category, "Pruning"), model.Concept, "Practice"),
		lists(mk("tags/winter-work", "Winter Work", 0), model.Tag, "Secateurs", "Smoking"),
		mk("tags/ci-cd", "CI/CD", 0),
		mk("tags/baking", "Baking", 0),
		mk("tags/pâte-à-choux", "Pâte à Choux", 0),
		lists(lists(mk("tags/cider", "Cider", 0),
			model.Tag, "ci/cd", "smoking", "Winter Work", "Fermentation"),
			model.Category, "Baking", "FERMENTATION"),
	}
}

func TestGraphLinks(t *testing.T) {
	g := model.New(orchard())
	tests := []struct {
		from model.ID
		kind model.Kind
		want []model.ID
	}{
		{"categories/pruning", model.Concept, []model.ID{"concepts/practice"}},
		{"categories/pruning", model.Tag, []model.ID{"tags/secateurs", "tags/winter-work"}},
		{"tags/secateurs", model.Category, []model.ID{"categories/pruning"}},
		// "ci/cd" has no slug of its own: it is found by title in any case.
		// Links come in display order, undefined terms among the others.
		{"tags/cider", model.Tag, []model.ID{"tags/ci-cd", "tags/fermentation", "tags/smoking", "tags/winter-work"}},
		// A title of one kind never links to a term of another.
		{"tags/cider", model.Category, []model.ID{"categories/baking", "categories/fermentation"}},
		{"tags/winter-work", model.Concept, nil},
		{"tags/smoking", model.Tag, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+" "+tt.kind.Taxonomy(), func(t *testing.T) {
			if got := ids(g.Links(g.Get(tt.from), tt.kind)); !slices.Equal(got, tt.want) {
				t.Errorf("Links = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGraphUndefinedTerms(t *testing.T) {
	g := model.New(orchard())
	tests := []struct {
		id    model.ID
		title string
		kind  model.Kind
	}{
		// The title as first written; "smoking" later in another case is the same term.
		{"tags/smoking", "Smoking", model.Tag},
		{"categories/baking", "Baking", model.Category},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			term := g.Get(tt.id)
			if term == nil {
				t.Fatalf("no undefined term %s", tt.id)
			}
			if term.Defined || term.Path != "" || term.Title != tt.title || term.Kind != tt.kind {
				t.Errorf("got Defined=%v Path=%q Title=%q Kind=%s; want an undefined %s titled %q",
					term.Defined, term.Path, term.Title, term.Kind, tt.kind, tt.title)
			}
			if !slices.Contains(g.Terms(), term) {
				t.Error("the undefined term is not among Terms()")
			}
		})
	}
	if got, want := g.Len(), len(orchard())+2; got != want || len(g.Terms()) != want {
		t.Errorf("Len() = %d, len(Terms()) = %d; want %d", got, len(g.Terms()), want)
	}
	if !slices.IsSortedFunc(g.Terms(), model.Compare) {
		t.Errorf("Terms() is not in display order: %v", ids(g.Terms()))
	}
}

func TestGraphBacklinks(t *testing.T) {
	g := model.New(orchard())
	tests := []struct {
		to   model.ID
		want []model.ID
	}{
		{"concepts/practice", []model.ID{"categories/pruning", "tags/secateurs"}},
		{"tags/secateurs", []model.ID{"categories/pruning", "tags/winter-work"}},
		{"tags/winter-work", []model.ID{"categories/pruning", "tags/cider"}},
		{"categories/pruning", []model.ID{"tags/secateurs"}},
		{"tags/smoking", []model.ID{"tags/cider", "tags/winter-work"}},
		{"categories/fermentation", []model.ID{"tags/cider"}},
		{"tags/cider", nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.to), func(t *testing.T) {
			if got := ids(g.Backlinks(g.Get(tt.to))); !slices.Equal(got, tt.want) {
				t.Errorf("Backlinks = %v, want %v", got, tt.want)
			}
		})
	}
	if got := g.Backlinks(mk("tags/elsewhere", "Elsewhere", 0)); got != nil {
		t.Errorf("Backlinks of a term not in the graph = %v, want none", ids(got))
	}
}

// TestGraphRepeatedReference checks that a title listed twice makes one
// link and one backlink.
func TestGraphRepeatedReference(t *testing.T) {
	g := model.New([]*model.Term{
		mk("tags/apples", "Apples", 0),
		lists(mk("tags/orchard", "Orchard", 0), model.Tag, "Apples", "apples", "APPLES"),
	})
	if got := ids(g.Links(g.Get("tags/orchard"), model.Tag)); !slices.Equal(got, []model.ID{"tags/apples"}) {
		t.Errorf("Links = %v, want [tags/apples]", got)
	}
	if got := ids(g.Backlinks(g.Get("tags/apples"))); !slices.Equal(got, []model.ID{"tags/orchard"}) {
		t.Errorf("Backlinks = %v, want [tags/orchard]", got)
	}
}

func TestGraphTaggedWith(t *testing.T) {
	g := model.New(orchard())
	tests := []struct {
		name string
		tags []model.ID
		want []model.ID
	}{
		{"one tag", []model.ID{"tags/secateurs"}, []model.ID{"categories/pruning", "tags/winter-work"}},
		{"an undefined tag", []model.ID{"tags/smoking"}, []model.ID{"tags/cider", "tags/winter-work"}},
		{"two tags", []model.ID{"tags/smoking", "tags/winter-work"}, []model.ID{"tags/cider"}},
		{"two tags in the other order", []model.ID{"tags/winter-work", "tags/smoking"}, []model.ID{"tags/cider"}},
		{"two tags whose common term is not the first of either", []model.ID{"tags/secateurs", "tags/smoking"}, []model.ID{"tags/winter-work"}},
		{"tags no term has together", []model.ID{"tags/secateurs", "tags/ci-cd"}, nil},
		{"a tag nothing has", []model.ID{"tags/baking"}, nil},
		{"the same tag twice", []model.ID{"tags/smoking", "tags/smoking"}, []model.ID{"tags/cider", "tags/winter-work"}},
		{"a category is not a tag", []model.ID{"categories/pruning"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tags []*model.Term
			for _, id := range tt.tags {
				tags = append(tags, g.Get(id))
			}
			if got := ids(g.TaggedWithAll(tags)); !slices.Equal(got, tt.want) {
				t.Errorf("TaggedWithAll = %v, want %v", got, tt.want)
			}
			if len(tags) == 1 {
				if got := ids(g.TaggedWith(tags[0])); !slices.Equal(got, tt.want) {
					t.Errorf("TaggedWith = %v, want %v", got, tt.want)
				}
				if got := g.CountTaggedWith(tags[0]); got != len(tt.want) {
					t.Errorf("CountTaggedWith = %d, want %d", got, len(tt.want))
				}
			}
		})
	}
	t.Run("no tags", func(t *testing.T) {
		if got := g.TaggedWithAll(nil); !slices.Equal(got, g.Terms()) {
			t.Errorf("TaggedWithAll(nil) = %v, want every term", ids(got))
		}
	})
	t.Run("a tag not in the graph", func(t *testing.T) {
		if got := g.TaggedWithAll([]*model.Term{g.Get("tags/smoking"), mk("tags/elsewhere", "Elsewhere", 0)}); got != nil {
			t.Errorf("TaggedWithAll = %v, want none", ids(got))
		}
		if got := g.CountTaggedWith(mk("tags/elsewhere", "Elsewhere", 0)); got != 0 {
			t.Errorf("CountTaggedWith = %d, want 0", got)
		}
	})
	t.Run("the graph's lists are not changed by a query", func(t *testing.T) {
		g.TaggedWithAll([]*model.Term{g.Get("tags/secateurs"), g.Get("tags/smoking")})
		if got, want := ids(g.TaggedWith(g.Get("tags/secateurs"))), []model.ID{"categories/pruning", "tags/winter-work"}; !slices.Equal(got, want) {
			t.Errorf("TaggedWith after an intersection = %v, want %v", got, want)
		}
	})
}

func TestGraphLookup(t *testing.T) {
	g := model.New(orchard())
	tests := []struct {
		name string
		in   string
		want []model.ID
	}{
		{"ID", "tags/secateurs", []model.ID{"tags/secateurs"}},
		{"ID in another case", "Tags/SECATEURS", []model.ID{"tags/secateurs"}},
		{"ID with a title for a slug", "tags/Pâte à Choux", []model.ID{"tags/pâte-à-choux"}},
		{"slug", "winter-work", []model.ID{"tags/winter-work"}},
		{"slug in another case", "WINTER-WORK", []model.ID{"tags/winter-work"}},
		{"title", "Winter Work", []model.ID{"tags/winter-work"}},
		{"title in another case", "wInTeR wOrK", []model.ID{"tags/winter-work"}},
		{"title with spaces around", "  Secateurs ", []model.ID{"tags/secateurs"}},
		{"non-ASCII title in another case", "PÂTE À CHOUX", []model.ID{"tags/pâte-à-choux"}},
		{"title whose slug differs", "ci/cd", []model.ID{"tags/ci-cd"}},
		{"a title two kinds share is ambiguous", "fermentation", []model.ID{"categories/fermentation", "tags/fermentation"}},
		{"an ID settles the ambiguity", "categories/fermentation", []model.ID{"categories/fermentation"}},
		{"an undefined term when nothing defined fits", "Smoking", []model.ID{"tags/smoking"}},
		{"defined terms before undefined ones", "baking", []model.ID{"tags/baking"}},
		{"an undefined term by its ID", "categories/baking", []model.ID{"categories/baking"}},
		{"nothing", "plums", nil},
		{"an unknown taxonomy", "fruit/plums", nil},
		{"empty", " ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(g.Lookup(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("Lookup(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestGraphProblems(t *testing.T) {
	terms := []*model.Term{
		mk("tags/apples", "Apples", 0),
		lists(mk("tags/orchard", "Orchard", 0), model.Tag, "Apples", "Orchard", "Plums", "?!"),
		mk("tags/soil-life", "Soil", 0),
		mk("tags/soil", "Soil", 0),
		mk("tags/apples", "Apples again", 0),
	}
	terms[4].Path = "tags/apples/_index.md"
	g := model.New(terms)
	type want struct{ pos, msg string }
	wants := []want{
		{"tags/orchard.md:11:3: warning", "tags/orchard lists itself under tags"},
		{"tags/orchard.md:12:3: warning", `tag "Plums" matches no file (expected tags/plums)`},
		{"tags/orchard.md:13:3: warning", `tag "?!" has no slug`},
		{"tags/soil.md: warning", `title "Soil" is also the title of tags/soil-life`},
		{"tags/apples/_index.md: warning", "tags/apples is already defined by tags/apples.md"},
	}
	got := g.Problems()
	for _, w := range wants {
		if !slices.ContainsFunc(got, func(p model.Problem) bool {
			s := p.Error()
			return strings.HasPrefix(s, w.pos+": ") && strings.Contains(s, w.msg)
		}) {
			t.Errorf("no problem %q containing %q", w.pos, w.msg)
		}
	}
	if len(got) != len(wants) {
		for _, p := range got {
			t.Log(p.Error())
		}
		t.Errorf("%d problems, want %d", len(got), len(wants))
	}

	if got := g.Get("tags/apples").Title; got != "Apples" {
		t.Errorf("the first file of a repeated ID should win; title = %q", got)
	}
	orchard := g.Get("tags/orchard")
	if got := ids(g.Links(orchard, model.Tag)); !slices.Equal(got, []model.ID{"tags/apples", "tags/plums"}) {
		t.Errorf("Links = %v; a term must not link to itself, nor to a title with no slug", got)
	}
	if got := ids(g.Backlinks(orchard)); len(got) != 0 {
		t.Errorf("Backlinks = %v, want none", got)
	}
}

// TestGraphKeepsTerms checks that New leaves the loader's terms as they were.
func TestGraphKeepsTerms(t *testing.T) {
	terms := orchard()
	before := make([]model.Term, len(terms))
	for i, t := range terms {
		before[i] = *t
	}
	model.New(terms)
	for i, term := range terms {
		if term.ID != before[i].ID || term.Title != before[i].Title || term.Defined != before[i].Defined ||
			len(term.RefsOf(model.Tag)) != len(before[i].RefsOf(model.Tag)) {
			t.Errorf("term %d changed: %+v, was %+v", i, *term, before[i])
		}
	}
}

// TestGraphTitleBeforeUndefinedSlug checks that a title naming a defined term
// links to it even when another title with the same slug, listed earlier,
// matched nothing: the result must not depend on the order of the lists.
func TestGraphTitleBeforeUndefinedSlug(t *testing.T) {
	tests := []struct {
		name   string
		titles []string
	}{
		{"title first", []string{"CI/CD", "CICD"}},
		{"unknown spelling first", []string{"CICD", "CI/CD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := model.New([]*model.Term{
				mk("tags/ci-cd", "CI/CD", 0),
				lists(mk("tags/pipeline", "Pipeline", 0), model.Tag, tt.titles...),
			})
			got := ids(g.Links(g.Get("tags/pipeline"), model.Tag))
			if want := []model.ID{"tags/ci-cd", "tags/cicd"}; !slices.Equal(got, want) {
				t.Errorf("Links = %v, want %v", got, want)
			}
			if got := ids(g.Backlinks(g.Get("tags/ci-cd"))); !slices.Equal(got, []model.ID{"tags/pipeline"}) {
				t.Errorf("Backlinks of tags/ci-cd = %v, want [tags/pipeline]", got)
			}
		})
	}
}
