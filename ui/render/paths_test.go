package render

import (
	"fmt"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"taxo/model"
)

// TestTermPathBreaksAfterSlashes: a term's file, under its facts, is whole
// on a line when it fits, and otherwise broken only after a "/", as a URL
// is; it was cut at its hyphens ("content/tags/push-" / "notifications/").
// Into a pipe it is whole on one line.
func TestTermPathBreaksAfterSlashes(t *testing.T) {
	path := "content/tags/push-and-pull-notifications/_index.md"
	term := &model.Term{ID: "tags/push-and-pull-notifications", Kind: model.Tag, Slug: "push-and-pull-notifications",
		Title: "Push", Defined: true, Path: path}
	g := model.New([]*model.Term{term})
	for _, style := range []string{StyleDark, StyleLight, StylePlain, "piped"} {
		for width := 35; width <= 100; width += 5 {
			t.Run(fmt.Sprintf("%s/%d", style, width), func(t *testing.T) {
				r, err := NewRenderer(strings.Replace(style, "piped", StylePlain, 1), width)
				if err != nil {
					t.Fatal(err)
				}
				if style == "piped" {
					r.KeepURLsWhole()
				}
				out, err := r.Term(g, term, DocOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if style == "piped" {
					if !strings.Contains(out.Text, path) {
						t.Errorf("%s is not whole on a line:\n%s", path, out.Text)
					}
					return
				}
				checkURL(t, out.Text, path, width, false)
			})
		}
	}
}

// TestPathLines: a path wrapped for the page view is one line when it
// fits, else lines broken after a "/", none wider than the width.
func TestPathLines(t *testing.T) {
	path := "content/lessons/dockerize-and-deploy-nodejs/my notes; v1.2|final.md"
	tests := []struct {
		name  string
		width int
		want  []string
	}{
		{"fits", 80, []string{path}},
		{"after the last slash", 50, []string{"content/lessons/dockerize-and-deploy-nodejs/", "my notes; v1.2|final.md"}},
		{"after each slash", 30, []string{"content/lessons/", "dockerize-and-deploy-nodejs/", "my notes; v1.2|final.md"}},
		{"a part wider than the line is cut", 20, []string{"content/lessons/", "dockerize-and-deploy", "-nodejs/", "my notes; v1.2|final", ".md"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PathLines(path, tc.width)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("PathLines at %d:\n%s\nwant\n%s", tc.width, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, l := range got {
				if xansi.StringWidth(l) > tc.width {
					t.Errorf("%q is wider than %d", l, tc.width)
				}
			}
		})
	}
}
