package render

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"
)

// The targets of the tests: an image's, wider than a 40-column line but
// not than 80, a relative link's, and a long one wider than any line,
// each with the form Glamour prints it in.
var targetCases = []struct{ name, md, printed string }{
	{name: "image", md: "Some text ![sybil delegates](/img/2021/aave-governance-platform/sybil-delegates.png) more text.",
		printed: "/img/2021/aave-governance-platform/sybil-delegates.png"},
	{name: "image alone", md: "![aave-top-delegates](/img/2021/aave-governance-platform/sybil-delegates.png)",
		printed: "/img/2021/aave-governance-platform/sybil-delegates.png"},
	{name: "site-relative link", md: "See [the other post](/some-post/with-a-long-hyphenated-name/) for more.",
		printed: "/some-post/with-a-long-hyphenated-name/"},
	{name: "relative link", md: "Read [the next page of the guide](../other-page-with-hyphens/) and stop.",
		printed: "/other-page-with-hyphens/"},
	{name: "long target in a list", md: "- an item that links [to a page](/posts/2021/a-very-long-section-name/with-a-hyphenated-sub-section/the-page-itself/) too",
		printed: "/posts/2021/a-very-long-section-name/with-a-hyphenated-sub-section/the-page-itself/"},
}

// TestTargetsStayWhole: the target Glamour prints for an image or a link
// without a scheme, rendered at 40, 60 and 80 columns in every style, is
// whole on one line when it fits and otherwise broken only after a "/",
// never at a hyphen, as Glamour broke it; the text, its line breaks aside,
// reads as Glamour's own rendering of it on a line wide enough for all.
func TestTargetsStayWhole(t *testing.T) {
	for _, c := range targetCases {
		for _, style := range []string{StyleDark, StyleLight, StylePlain} {
			for _, width := range []int{40, 60, 80} {
				t.Run(fmt.Sprintf("%s/%s/%d", c.name, style, width), func(t *testing.T) {
					r, err := NewRenderer(style, width)
					if err != nil {
						t.Fatal(err)
					}
					out, err := r.Markdown(c.md)
					if err != nil {
						t.Fatal(err)
					}
					checkURL(t, out, c.printed, width, false)
					if got, want := joinedWords(out, c.printed), glamourWords(t, r, c.md); got != want {
						t.Errorf("the text reads\n%q\nwant, as Glamour renders it,\n%q", got, want)
					}
					if strings.ContainsAny(xansi.Strip(out), "\ue011\ue012\u2063\u2060\u2028") {
						t.Errorf("a stand-in is left in the text:\n%q", out)
					}
				})
			}
		}
	}
}

// joinedWords is rendered text's words, with the pieces of target joined.
func joinedWords(out, target string) string {
	lines := strings.Split(xansi.Strip(out), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	text := urlInPieces(target).ReplaceAllString(strings.Join(lines, "\n"), target)
	return strings.Join(strings.Fields(text), " ")
}

// glamourWords is Glamour's own rendering of md with r's style, on a line
// wide enough for all of it, as words.
func glamourWords(t *testing.T, r *Renderer, md string) string {
	t.Helper()
	var buf strings.Builder
	var stop atomic.Bool
	if err := newMarkdown(r.config, 1000, &stop).Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(xansi.Strip(buf.String())), " ")
}

// TestTargetHyperlinks: in a style with colours, each line holding a piece
// of a relative target is a hyperlink to the target as written.
func TestTargetHyperlinks(t *testing.T) {
	r, err := NewRenderer(StyleDark, 40)
	if err != nil {
		t.Fatal(err)
	}
	md := "Read [the next page](../a-long-other-page-name/with-hyphens-in-it/) now."
	out, err := r.Markdown(md)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, l := range strings.Split(out, "\n") {
		if s := xansi.Strip(l); strings.Contains(s, "/") {
			lines++
			if !strings.Contains(l, ";../a-long-other-page-name/with-hyphens-in-it/\a") {
				t.Errorf("a line holding a piece of the target is no hyperlink to it:\n%q", l)
			}
		}
	}
	if lines < 2 {
		t.Errorf("the target is on %d lines, want it broken over 2 or more:\n%s", lines, xansi.Strip(out))
	}
}

// TestTargetsInCodeUntouched: a link written in a code span or a code
// block is printed as written.
func TestTargetsInCodeUntouched(t *testing.T) {
	md := "Write `![alt](/img/a-b/c-d.png)` so.\n\n```\n![alt](/img/a-b/c-d.png)\n```\n"
	for _, style := range []string{StyleDark, StylePlain} {
		r, err := NewRenderer(style, 40)
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Markdown(md)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(xansi.Strip(out), "![alt](/img/a-b/c-d.png)"); got != 2 {
			t.Errorf("%s: the link as written is there %d times, want 2:\n%s", style, got, xansi.Strip(out))
		}
	}
}

// TestTargetsWholeForPrograms: with KeepURLsWhole, as taxo show into a
// pipe renders, every target is whole on one line, even one wider than
// the page, and no stand-in is left.
func TestTargetsWholeForPrograms(t *testing.T) {
	for _, c := range targetCases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewRenderer(StylePlain, 40)
			if err != nil {
				t.Fatal(err)
			}
			r.KeepURLsWhole()
			out, err := r.Markdown(c.md)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, c.printed) {
				t.Errorf("%s is not whole on a line:\n%s", c.printed, out)
			}
			if strings.ContainsAny(out, "\ue011\ue012\ue020\u2063\u2060\u2028") {
				t.Errorf("a stand-in is left in the text:\n%q", out)
			}
		})
	}
}
