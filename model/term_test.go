package model_test

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"slices"
	"testing"

	"taxo/model"
)

// mk makes a defined term; its kind and slug come from the ID.
func mk(id model.ID, title string, weight int) *model.Term {
	k, slug, ok := id.Split()
	if !ok {
		panic("bad test ID " + id)
	}
	return &model.Term{ID: id, Kind: k, Slug: slug, Title: title, Weight: weight, Defined: true,
		Path: string(id) + ".md"}
}

func TestCompare(t *testing.T) {
	// In display order: kind, then weighted terms by weight (lower first),
	// then unweighted ones, then title ignoring case, then ID.
	want := []*model.Term{
		mk("concepts/zeta", "Zeta", 1),
		mk("concepts/alpha", "Alpha", 0),
		mk("categories/late", "Late", -5),
		mk("categories/first", "First", 2),
		mk("categories/second", "Second", 10),
		mk("categories/apple", "apple", 0),
		mk("categories/banana", "Banana", 0),
		mk("categories/cherry", "cherry", 0),
		mk("tags/b-echo", "Echo", 0),
		mk("tags/echo", "echo", 0),
		mk("tags/untitled", "", 0), // sorts by its slug
		mk("tags/zulu", "Zulu", 0),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		got := slices.Clone(want)
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, model.Compare)
		if !slices.Equal(got, want) {
			t.Fatalf("shuffle %d sorted to %v, want %v", i, ids(got), ids(want))
		}
	}
	for i := range want {
		for j := range want {
			if got := model.Less(want[i], want[j]); got != (i < j) {
				t.Errorf("Less(%s, %s) = %v, want %v", want[i].ID, want[j].ID, got, i < j)
			}
		}
	}
}

func TestDisplayTitle(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"title", "Pruning", "Pruning"},
		{"no title", "", "pruning"},
		{"blank title", "  ", "pruning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := mk("tags/pruning", tt.title, 0)
			if got := term.DisplayTitle(); got != tt.want {
				t.Errorf("DisplayTitle() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTermField(t *testing.T) {
	term := mk("tags/pruning", "Pruning", 0)
	term.Fields = []model.Field{{Key: "ResourceId", Value: "abc"}, {Key: "trustpilot", Value: false}}
	tests := []struct {
		key    string
		want   any
		wantOK bool
	}{
		{"ResourceId", "abc", true},
		{"resourceid", "abc", true},
		{"TRUSTPILOT", false, true},
		{"sitemap", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := term.Field(tt.key)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Field(%q) = %v, %v; want %v, %v", tt.key, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestProblemError(t *testing.T) {
	msg := errors.New("tag \"Smoking\" matches no file")
	tests := []struct {
		name string
		p    model.Problem
		want string
	}{
		{"line and column", model.Problem{Path: "content/tags/x.md", Line: 3, Col: 7, Severity: model.Warning, Err: msg},
			`content/tags/x.md:3:7: warning: tag "Smoking" matches no file`},
		{"line only", model.Problem{Path: "x.md", Line: 4, Severity: model.Error, Err: msg},
			`x.md:4: error: tag "Smoking" matches no file`},
		{"no position", model.Problem{Path: "x.md", Severity: model.Error, Err: msg},
			`x.md: error: tag "Smoking" matches no file`},
		{"column without a line is not shown", model.Problem{Path: "x.md", Col: 2, Severity: model.Warning, Err: msg},
			`x.md: warning: tag "Smoking" matches no file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(tt.p, msg) {
				t.Error("the problem does not unwrap to its error")
			}
		})
	}
	if p := (model.Problem{Err: fs.ErrNotExist}); !errors.Is(p, fs.ErrNotExist) {
		t.Error("errors.Is does not see through a Problem")
	}
}

func ids(terms []*model.Term) []model.ID {
	out := make([]model.ID, len(terms))
	for i, t := range terms {
		out[i] = t.ID
	}
	return out
}
