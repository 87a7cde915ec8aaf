package model_test

import (
	"slices"
	"strings"
	"testing"

	"taxo/model"
)

func TestLintContent(t *testing.T) {
	c := model.Content{
		Kinds: []model.Kind{model.Category, model.Tag},
		Terms: []*model.Term{mk("tags/go", "Go", 0), mk("tags/unused", "Unused", 0)},
		Pages: []*model.Page{
			page("content/post/a.md", "2024-01-01", "tags/Go", "tags/CI/CD", "categories/Dev"),
			page("content/post/b.md", "2024-01-02", "tags/Go", "tags/CI/CD", "categories/Dev"),
			page("content/post/c.md", "2024-01-03", "tags/Go", "tags/CI-CD"),
			page("content/post/d.md", "2024-01-04", "tags/Go", "tags/Rare", "tags/C", "tags/C++", "categories/Dev"),
			page("content/post/e.md", "2024-01-05", "tags/Go", "tags/C", "tags/C++"),
			page("content/page/about.md", ""),
			page("content/page/contact.md", ""),
		},
	}
	got := map[string][]string{}
	for _, p := range model.NewSite(c).LintContent() {
		got[p.Path] = append(got[p.Path], p.Err.Error())
	}
	tests := []struct {
		name, path, want string
	}{
		{"one page only", "content/post/d.md", `tag "Rare" (tags/rare) is carried by this page only`},
		{"unused term page", "tags/unused.md", `tag "Unused" (tags/unused) has a term page but no page carries it`},
		{"punctuation only", "content/post/c.md", `tag "CI-CD" (tags/ci-cd, 1 page) and "CI/CD" (tags/ci/cd, 2 pages) differ only in case or punctuation; taxo retag tags/ci-cd tags/ci/cd merges them`},
		{"most pages of the folder carry one", "content/post/c.md", "the page has no categories, which 3 of the 5 pages in content/post/ carry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Contains(got[tt.path], tt.want) {
				t.Errorf("%s: got %q, want among them %q", tt.path, got[tt.path], tt.want)
			}
		})
	}
	for path, msgs := range got {
		for _, m := range msgs {
			switch {
			case strings.Contains(m, `"C++"`) && strings.Contains(m, "differ"):
				t.Errorf("%s: %s; C and C++ are two things, + is no punctuation", path, m)
			case strings.HasPrefix(path, "content/page/"):
				t.Errorf("%s: %s; no page of its folder carries terms", path, m)
			case strings.Contains(m, "the page has no categories") && !strings.Contains(m, "3 of the 5"):
				t.Errorf("%s: %s", path, m)
			}
		}
	}
	if n := len(got["content/post/e.md"]); n != 1 {
		t.Errorf("e.md: %q; want only the missing category ", got["content/post/e.md"])
	}
}

// TestLintContentOrder checks that the warnings come in the same order on
// every run: two spellings met on one line of one page are two warnings
// at one place, which only their order tells apart in `taxo check`.
func TestLintContentOrder(t *testing.T) {
	var keys []string
	for _, w := range []string{"ab", "cd", "ef", "gh", "ij", "kl", "mn", "op", "qr", "st"} {
		keys = append(keys, "tags/"+w, "tags/"+w[:1]+"-"+w[1:])
	}
	c := model.Content{
		Kinds: []model.Kind{model.Tag},
		Pages: []*model.Page{page("content/post/a.md", "2024-01-01", keys...), page("content/post/b.md", "2024-01-02", keys[0])},
	}
	var first []string
	for run := range 20 {
		var got []string
		for _, p := range model.NewSite(c).LintContent() {
			got = append(got, p.Err.Error())
		}
		if run == 0 {
			first = got
			continue
		}
		if !slices.Equal(got, first) {
			t.Fatalf("run %d gave the warnings in another order:\n%q\nthen\n%q", run, first, got)
		}
	}
}
