package main

import (
	"math"
	"slices"
	"strings"
	"testing"

	"taxo/model"
)

func TestScores(t *testing.T) {
	for _, tt := range []struct {
		name          string
		ranked        []model.ID
		labels        []model.ID
		p3, r10, mrr  float64
		unknown       int
		ceiling       float64
		knownAllTerms bool
	}{
		{"first right", []model.ID{"tags/a", "tags/b", "tags/c"}, []model.ID{"tags/a"}, 1.0 / 3, 1, 1, 0, 1.0 / 3, true},
		{"two of three, second first", []model.ID{"tags/x", "tags/a", "tags/b"}, []model.ID{"tags/a", "tags/b"}, 2.0 / 3, 1, 0.5, 0, 2.0 / 3, true},
		{"right past ten counts for MRR only", []model.ID{"tags/0", "tags/1", "tags/2", "tags/3", "tags/4", "tags/5", "tags/6", "tags/7", "tags/8", "tags/9", "tags/a"},
			[]model.ID{"tags/a"}, 0, 0, 1.0 / 11, 0, 1.0 / 3, true},
		{"nothing ranked", nil, []model.ID{"tags/a", "tags/b"}, 0, 0, 0, 0, 2.0 / 3, true},
		{"a term no model can know", []model.ID{"tags/a"}, []model.ID{"tags/a", "tags/new"}, 1.0 / 3, 0.5, 1, 1, 1.0 / 3, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			known := map[model.ID]bool{}
			for _, id := range append(tt.ranked, tt.labels...) {
				known[id] = tt.knownAllTerms || id != "tags/new"
			}
			var s scores
			s.add(tt.ranked, tt.labels, known)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"P@3", s.P3(), tt.p3}, {"R@10", s.R10(), tt.r10}, {"MRR", s.MRR(), tt.mrr}, {"ceiling", s.ceiling, tt.ceiling}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", c.name, c.got, c.want)
				}
			}
			if s.unreachable != tt.unknown {
				t.Errorf("%d unknown labels, want %d", s.unreachable, tt.unknown)
			}
		})
	}
}

// TestFold checks that the split depends on the seed and the path alone,
// and cuts a site in folds of about the same size.
func TestFold(t *testing.T) {
	sizes := make([]int, 5)
	for i := range 1000 {
		p := "post/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + string(rune('0'+i%10)) + ".md" + strings.Repeat("/", i/100)
		f := fold(p, 1, 5)
		if f != fold(p, 1, 5) {
			t.Fatalf("%s: two folds", p)
		}
		sizes[f]++
	}
	for f, n := range sizes {
		if n < 100 {
			t.Errorf("fold %d holds %d of 1000 paths", f, n)
		}
	}
	moved := 0
	for i := range 100 {
		p := "post/" + string(rune('a'+i%26)) + strings.Repeat("y", i) + ".md"
		if fold(p, 1, 5) != fold(p, 2, 5) {
			moved++
		}
	}
	if moved < 50 {
		t.Errorf("another seed moved %d of 100 pages", moved)
	}
}

// TestReadSite checks what the evaluation reads of a small site: each
// page's terms, its text without its front matter (so without its terms),
// the term page's text, and every taxonomy.
func TestReadSite(t *testing.T) {
	sites, err := readSites("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 1 {
		t.Fatalf("%d languages, want 1", len(sites))
	}
	s := sites[0]
	if len(s.pages) != 2 {
		t.Fatalf("%d pages, want 2", len(s.pages))
	}
	one, two := s.pages[0], s.pages[1]
	if two.Path == "content/post/one.md" {
		one, two = two, one
	}
	if one.Path != "content/post/one.md" || one.Title != "Hello, Go" || one.Date.IsZero() {
		t.Errorf("first page %+v", one)
	}
	ids := idStrings(one.Terms)
	slices.Sort(ids)
	if got := strings.Join(ids, " "); got != "series/learn-go tags/go tags/unlisted-secret-tag" {
		t.Errorf("first page's terms %q", got)
	}
	for _, p := range s.pages {
		for _, leak := range []string{"unlisted-secret-tag", "Learn Go", "Testing", "tags", "+++", "---"} {
			if strings.Contains(p.Text, leak) {
				t.Errorf("%s: the text holds %q:\n%s", p.Path, leak, p.Text)
			}
		}
	}
	if !strings.Contains(two.Text, "Cases in a slice.") || !strings.Contains(two.Text, "t.Run") {
		t.Errorf("second page's text lost its description or body:\n%s", two.Text)
	}
	titles := map[model.ID]string{}
	for _, term := range s.terms {
		titles[term.ID] = term.Title + "|" + term.Description
	}
	want := map[model.ID]string{"tags/go": "Go|The Go programming language.", "tags/testing": "Testing|", "series/learn-go": "Learn Go|"}
	for id, w := range want {
		if titles[id] != w {
			t.Errorf("%s: %q, want %q", id, titles[id], w)
		}
	}
}

func idStrings(ids []model.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// TestShowRanking checks the line -show prints for a test page: the first
// three marked right (+) or wrong (-), and the page's terms not among them.
func TestShowRanking(t *testing.T) {
	for _, tt := range []struct {
		name           string
		ranked, labels []model.ID
		want           string
	}{
		{"one right, one missed", []model.ID{"tags/a", "tags/b", "tags/c", "tags/d"}, []model.ID{"tags/b", "tags/d"},
			"p.md\ttaxo\t-1 tags/a  +2 tags/b  -3 tags/c\tmissed: tags/d\n"},
		{"fewer than three ranked", []model.ID{"tags/a"}, []model.ID{"tags/a"},
			"p.md\ttaxo\t+1 tags/a\tmissed: \n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			showRanking(&b, "p.md", "taxo", tt.ranked, tt.labels)
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}
