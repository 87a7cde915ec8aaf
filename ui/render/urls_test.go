package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"taxo/model"
)

// The URLs of the tests: one that fits on a line of every width tested
// but only just on the narrowest, and one wider than any.
const (
	fitURL  = "https://example.com/a-path-with-hyphens/p-1"
	longURL = "https://docs.example.com/en-us/a-very-long-section-name/with-a-hyphenated-sub-section/and-the-page-itself.html?tab=set-up"
)

// urlCases put the URLs in each place a term's text may hold them.
var urlCases = []struct {
	name, instructions, body string
	fields                   []model.Field
}{
	{name: "bare URLs in a paragraph", body: "Read " + fitURL + " before tagging, and " + longURL + " after."},
	{name: "links with text", body: "See [the guide to hyphens](" + fitURL + ") and [the long one](" + longURL + ")."},
	{name: "autolinks in angle brackets", body: "Read <" + fitURL + ">, then <" + longURL + ">."},
	{name: "list items", body: "- the first item cites " + fitURL + " in passing\n- the second " + longURL + " too\n  - nested: " + fitURL + "\n"},
	{name: "block quote", body: "> quoted " + fitURL + " and " + longURL},
	{name: "Instructions", instructions: "Apply when the page cites " + fitURL + " or " + longURL + "."},
	{name: "after wide characters", body: "日本語の説明文です " + fitURL + " と " + longURL + " を読む。"},
	{name: "in emphasis and parentheses", body: "*see " + fitURL + "* (or " + longURL + ")"},
	{name: "field values", fields: []model.Field{{Key: "link", Value: fitURL}, {Key: "docs", Value: longURL}}},
}

// urlTerm is a term holding one case's text.
func urlTerm(instructions, body string, fields []model.Field) (*model.Graph, *model.Term) {
	term := &model.Term{ID: "tags/docker", Kind: model.Tag, Slug: "docker", Title: "Docker", Defined: true, Path: "tags/docker.md",
		Instructions: instructions, Body: body, Fields: fields}
	return model.New([]*model.Term{term}), term
}

// TestURLsStayUsable: a URL in a term's text, rendered at 40, 60 and 80
// columns, in every style, is whole on one line when it fits on a line,
// and is otherwise broken only after a "/" or before a "?" or "&", never
// after a hyphen, as Glamour broke it; in a style with colours, every line
// holding a piece of it is a hyperlink to all of it; no line is wider than
// the page.
func TestURLsStayUsable(t *testing.T) {
	for _, c := range urlCases {
		g, term := urlTerm(c.instructions, c.body, c.fields)
		for _, style := range []string{StyleDark, StyleLight, StylePlain} {
			for _, width := range []int{40, 60, 80} {
				t.Run(fmt.Sprintf("%s/%s/%d", c.name, style, width), func(t *testing.T) {
					out := termAt(t, style, width, g, term, DocOptions{Fields: true})
					for _, l := range strings.Split(xansi.Strip(out.Text), "\n") {
						if w := xansi.StringWidth(l); w > width {
							t.Errorf("a line is %d columns wide, more than %d:\n%s", w, width, l)
						}
					}
					for _, u := range []string{fitURL, longURL} {
						checkURL(t, out.Text, u, width, style != StylePlain)
					}
				})
			}
		}
	}
}

// checkURL checks how a URL appears in rendered text, as
// TestURLsStayUsable says.
func checkURL(t *testing.T, out, u string, width int, styled bool) {
	t.Helper()
	raw := strings.Split(out, "\n")
	visible := make([]string, len(raw))
	for i, l := range raw {
		visible[i] = strings.TrimLeft(strings.TrimSpace(xansi.Strip(l)), "┃│|•> ")
	}
	text := strings.Join(visible, "\n")
	loc := urlInPieces(u).FindStringIndex(text)
	if loc == nil {
		t.Fatalf("%s is not in the text, whole or in pieces:\n%s", u, text)
	}
	found := text[loc[0]:loc[1]]
	if strings.Contains(found, "\n") && xansi.StringWidth(u) <= width-12 {
		t.Errorf("%s fits on a line but is broken:\n%s", u, found)
	}
	for i := strings.IndexByte(found, '\n'); i >= 0; i = nextNewline(found, i) {
		if found[i-1] != '/' && found[i+1] != '?' && found[i+1] != '&' {
			t.Errorf("%s is broken after %q, not after a /:\n%s", u, found[:i], found)
		}
	}
	if !styled {
		return
	}
	first := strings.Count(text[:loc[0]], "\n")
	for i := first; i <= first+strings.Count(found, "\n"); i++ {
		if !strings.Contains(raw[i], ";"+u+"\a") {
			t.Errorf("line %d, holding a piece of %s, is no hyperlink to it:\n%q", i, u, raw[i])
		}
	}
}

// urlInPieces matches a URL with line breaks anywhere in it.
func urlInPieces(u string) *regexp.Regexp {
	parts := make([]string, 0, len(u))
	for _, r := range u {
		parts = append(parts, regexp.QuoteMeta(string(r)))
	}
	return regexp.MustCompile(strings.Join(parts, `\n?`))
}

func nextNewline(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '\n')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// TestURLsWholeForPrograms: with KeepURLsWhole, as taxo show into a pipe
// renders, every URL is whole on one line, even one wider than the page,
// and the text around it is as written.
func TestURLsWholeForPrograms(t *testing.T) {
	for _, c := range urlCases {
		g, term := urlTerm(c.instructions, c.body, c.fields)
		for _, width := range []int{40, 60, 80} {
			t.Run(fmt.Sprintf("%s/%d", c.name, width), func(t *testing.T) {
				r, err := NewRenderer(StylePlain, width)
				if err != nil {
					t.Fatal(err)
				}
				r.KeepURLsWhole()
				out, err := r.Term(g, term, DocOptions{Fields: true})
				if err != nil {
					t.Fatal(err)
				}
				for _, u := range []string{fitURL, longURL} {
					if !strings.Contains(out.Text, u) {
						t.Errorf("%s is not whole on a line:\n%s", u, out.Text)
					}
				}
				if strings.ContainsAny(out.Text, "\ue011\ue012\ue020\u2060\u2028") {
					t.Errorf("a stand-in for a URL's character is left in the text:\n%q", out.Text)
				}
			})
		}
	}
}

// TestURLsAsWritten: a term shown as written, when rendering takes too
// long, breaks its URLs as a rendered one does.
func TestURLsAsWritten(t *testing.T) {
	r, err := NewRenderer(StyleDark, 40)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := r.plainText([]string{"Read " + fitURL + " and " + longURL + "."}, -1)
	for _, u := range []string{fitURL, longURL} {
		checkURL(t, text, u, 40, false)
	}
}
