package model_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
	"taxo/sample"
)

// corpusDir is the real taxonomy the labelled set was written for, in the
// shared folder beside the project: ../shared from the clone's folder, or
// from a folder above it (a worktree in a folder of worktrees).
var corpusDir = func() string {
	for up := "../.."; len(up) < 16; up += "/.." {
		if dir := up + "/shared/corpus/nkdagility"; isDir(dir) {
			return dir
		}
	}
	return "../../shared/corpus/nkdagility"
}()

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// labelledPiece is a piece of content with the terms an editor would apply.
type labelledPiece struct {
	Name       string   `yaml:"name"`
	Content    string   `yaml:"content"`
	Concepts   []string `yaml:"concepts"`
	Categories []string `yaml:"categories"`
	Tags       []string `yaml:"tags"`
}

func (p labelledPiece) labels(k model.Kind) []string {
	switch k {
	case model.Concept:
		return p.Concepts
	case model.Category:
		return p.Categories
	default:
		return p.Tags
	}
}

func readLabelled(t *testing.T, path string) []labelledPiece {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pieces []labelledPiece
	if err := yaml.Unmarshal(data, &pieces); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pieces
}

// ranker ranks the terms of one kind for a piece of content, best first.
type ranker func(content string, k model.Kind) []*model.Term

func suggestRanker(g *model.Graph) ranker {
	s := model.NewSuggester(g)
	return func(content string, k model.Kind) []*model.Term {
		var out []*model.Term
		for _, sg := range s.Suggest(content, 0)[k] {
			out = append(out, sg.Term)
		}
		return out
	}
}

// learnRanker ranks as taxo suggest does: the model of package learn,
// here with no tagged pages to learn from.
func learnRanker(g *model.Graph) ranker {
	m := learn.New(g.Terms(), nil)
	return func(content string, k model.Kind) []*model.Term {
		var out []*model.Term
		for _, r := range m.Suggest(learn.Content{Text: content}, 0) {
			if r.Taxonomy != k.Taxonomy() {
				continue
			}
			for _, sg := range r.Suggestions {
				out = append(out, sg.Term)
			}
		}
		return out
	}
}

// titleRanker is the baseline suggest must beat: terms ranked by how many
// of their title's words occur in the content (lower case, split at
// anything but letters and digits, common short words left out), then by
// the share of their title that does, then in display order.
func titleRanker(g *model.Graph) ranker {
	words := func(s string) []string {
		var out []string
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			switch w {
			case "a", "an", "and", "of", "the", "to", "in", "for", "on", "with":
				continue
			}
			out = append(out, w)
		}
		return out
	}
	return func(content string, k model.Kind) []*model.Term {
		present := map[string]bool{}
		for _, w := range words(content) {
			present[w] = true
		}
		type scored struct {
			t     *model.Term
			n     int
			share float64
		}
		var ranked []scored
		for _, t := range g.Terms() {
			if t.Kind != k || !t.Defined {
				continue
			}
			title := words(t.DisplayTitle())
			n := 0
			for _, w := range title {
				if present[w] {
					n++
				}
			}
			if n > 0 {
				ranked = append(ranked, scored{t, n, float64(n) / float64(len(title))})
			}
		}
		slices.SortStableFunc(ranked, func(a, b scored) int {
			if a.n != b.n {
				return b.n - a.n
			}
			switch {
			case a.share > b.share:
				return -1
			case a.share < b.share:
				return 1
			}
			return 0
		})
		out := make([]*model.Term, len(ranked))
		for i, r := range ranked {
			out[i] = r.t
		}
		return out
	}
}

// precisionAt3 is the mean, over the pieces with labels of kind k, of the
// share of the first three ranked terms that are labelled.
func precisionAt3(pieces []labelledPiece, rank ranker, k model.Kind) (float64, int) {
	var sum float64
	n := 0
	for _, p := range pieces {
		labels := p.labels(k)
		if len(labels) == 0 {
			continue
		}
		n++
		top := rank(p.Content, k)
		hits := 0
		for _, t := range top[:min(3, len(top))] {
			if slices.ContainsFunc(labels, func(l string) bool { return strings.EqualFold(l, t.Title) }) {
				hits++
			}
		}
		sum += float64(hits) / 3
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

// checkLabels fails when a label names no defined term of its kind.
func checkLabels(t *testing.T, g *model.Graph, pieces []labelledPiece) {
	t.Helper()
	for _, p := range pieces {
		for _, k := range model.Kinds {
			for _, l := range p.labels(k) {
				if !slices.ContainsFunc(g.Lookup(l), func(t *model.Term) bool { return t.Kind == k && t.Defined }) {
					t.Errorf("%s: %s %q is not a term of the taxonomy", p.Name, k, l)
				}
			}
		}
	}
}

// TestSuggestPrecision compares suggest with title matching on the
// labelled set for the real nkdagility taxonomy; run it with -v to see the
// figures. Suggest must do better on every kind, and the model that learns
// from tagged pages, given none, must do as well as suggest.
func TestSuggestPrecision(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("the nkdagility corpus is not at %s", corpusDir)
	}
	res, err := loader.Load(corpusDir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := model.New(res.Terms)
	pieces := readLabelled(t, "testdata/suggest/nkdagility.yaml")
	checkLabels(t, g, pieces)

	suggest, title, learned := suggestRanker(g), titleRanker(g), learnRanker(g)
	var report strings.Builder
	fmt.Fprintf(&report, "precision at 3 over %d pieces:\n%-12s %8s %8s %8s\n", len(pieces), "kind", "suggest", "titles", "learn")
	var sumS, sumT, sumL float64
	for _, k := range model.Kinds {
		ps, n := precisionAt3(pieces, suggest, k)
		pt, _ := precisionAt3(pieces, title, k)
		pl, _ := precisionAt3(pieces, learned, k)
		sumS, sumT, sumL = sumS+ps, sumT+pt, sumL+pl
		fmt.Fprintf(&report, "%-12s %8.3f %8.3f %8.3f   (%d pieces)\n", k.Label(), ps, pt, pl, n)
		if ps <= pt {
			t.Errorf("%s: suggest's precision at 3 is %.3f, no better than title matching's %.3f", k.Label(), ps, pt)
		}
		if pl < ps {
			t.Errorf("%s: with no tagged pages, the learned model's precision at 3 is %.3f, below suggest's %.3f", k.Label(), pl, ps)
		}
	}
	fmt.Fprintf(&report, "%-12s %8.3f %8.3f %8.3f\n", "mean", sumS/3, sumT/3, sumL/3)
	t.Log(report.String())
}

// TestSuggestSample checks suggest on the embedded sample taxonomy with
// pieces about cooking: the category and tags a food editor would pick
// come first, and a term whose Instructions exclude the subject is kept
// down.
func TestSuggestSample(t *testing.T) {
	res := loader.LoadFS(sample.FS, nil, loader.Options{})
	g := model.New(res.Terms)
	pieces := readLabelled(t, "testdata/suggest/sample.yaml")
	checkLabels(t, g, pieces)
	s := model.NewSuggester(g)
	for _, p := range pieces {
		t.Run(p.Name, func(t *testing.T) {
			got := s.Suggest(p.Content, 3)
			for _, k := range model.Kinds {
				labels := p.labels(k)
				if len(labels) == 0 {
					continue
				}
				var titles []string
				for _, sg := range got[k] {
					titles = append(titles, sg.Term.Title)
				}
				if len(titles) == 0 || !strings.EqualFold(titles[0], labels[0]) {
					t.Errorf("%s: first suggestion %q, want %q", k.Label(), titles, labels[0])
				}
				for _, l := range labels {
					if !slices.ContainsFunc(titles, func(s string) bool { return strings.EqualFold(s, l) }) {
						t.Errorf("%s: %q not in the top 3 %q", k.Label(), l, titles)
					}
				}
			}
		})
	}
}
