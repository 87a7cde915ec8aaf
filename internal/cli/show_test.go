package cli

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"taxo/model"
	"taxo/ui/render"
)

// pathPages are pages with long hyphenated paths, a title with a dotted
// word, and a path wider than any line, all carrying tags/containers.
func pathPages() (*model.Graph, *model.Term) {
	tag := []model.PageTerm{{Kind: model.Tag, Key: "containers", Title: "Containers"}}
	day := func(s string) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d
	}
	pages := []*model.Page{
		{Path: "content/lessons/containers-tutorial-with-nodejs/index.md", Title: "A Tutorial on Containers with Node.js", Date: day("2020-08-24"), Terms: tag},
		{Path: "content/lessons/containerize-and-ship-nodejs-to-the-cloud/index.md", Title: "Containers", Date: day("2020-08-16"), Draft: true, Terms: tag},
		{Path: "content/lessons/cd-with-a-hosted-build-service/index.md", Title: "Continuous Delivery and Deployment with a Hosted Build Service", Date: day("2019-01-17"), Terms: tag},
		{Path: "content/lessons/a-rather-long-folder-name-for-the-course/with-a-nested-chapter-folder-too/the-page-itself.md", Title: "Deep", Date: day("2018-05-01"), Terms: tag},
		{Path: "content/notes/my notes; v1.2|final.md", Title: "Notes", Date: day("2017-03-02"), Terms: tag},
	}
	g := model.NewSite(model.Content{Kinds: []model.Kind{model.Tag}, Pages: pages})
	return g, g.LookupKind("containers", model.Tag)[0]
}

// TestShowPagePathsWrap renders show's list of pages in every style, as a
// pipe gets it too, at widths from 30 to 130 columns: each page's path is
// whole on a line when it fits on one (always, into a pipe), else broken
// only after a "/", never at a hyphen, a dot or a space; the text around
// it keeps its spaces ("index.md (2020-08-16, draft)", not
// "index.md(2020…"); and a title's "Node.js" is not broken at its dot.
func TestShowPagePathsWrap(t *testing.T) {
	g, term := pathPages()
	md := pagesMarkdown(g, model.Publishing{Now: time.Now()}, term)
	tests := []struct {
		name  string
		style string
		whole bool // as into a pipe: every path whole, however wide
	}{
		{"dark", render.StyleDark, false},
		{"light", render.StyleLight, false},
		{"plain, on a terminal with NO_COLOR", render.StylePlain, false},
		{"plain, into a pipe", render.StylePlain, true},
	}
	for _, tc := range tests {
		for width := 30; width <= 130; width++ {
			t.Run(fmt.Sprintf("%s/%d", tc.name, width), func(t *testing.T) {
				r, err := render.NewRenderer(tc.style, width)
				if err != nil {
					t.Fatal(err)
				}
				if tc.whole {
					r.KeepURLsWhole()
				}
				out, err := r.Markdown(md)
				if err != nil {
					t.Fatal(err)
				}
				checkPagePaths(t, out, g.PagesOf(term), width, tc.whole)
			})
		}
	}
}

// checkPagePaths checks how show's list of pages shows their paths and
// titles, as TestShowPagePathsWrap says.
func checkPagePaths(t *testing.T, out string, pages []*model.Page, width int, whole bool) {
	t.Helper()
	lines := strings.Split(ansi.Strip(out), "\n")
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width && !whole {
			t.Errorf("a line is %d columns wide, more than %d:\n%s", w, width, l)
		}
		lines[i] = strings.TrimPrefix(strings.TrimSpace(l), "• ")
	}
	text := strings.Join(lines, "\n")
	for _, p := range pages {
		loc := inPieces(p.Path).FindStringIndex(text)
		if loc == nil {
			t.Fatalf("%s is not in the list, whole or in pieces:\n%s", p.Path, text)
		}
		found := text[loc[0]:loc[1]]
		if strings.Contains(found, "\n") && (whole || ansi.StringWidth(p.Path) <= width-10) {
			t.Errorf("%s fits on a line but is broken:\n%s", p.Path, found)
		}
		for i := strings.IndexByte(found, '\n'); i >= 0; i = nextNewline(found, i) {
			// A part between two slashes wider than the line has to be
			// cut somewhere.
			part := strings.ReplaceAll(found[strings.LastIndexByte(found[:i], '/')+1:], "\n", "")
			part = part[:strings.IndexByte(part+"/", '/')]
			if found[i-1] != '/' && ansi.StringWidth(part) < width-6 {
				t.Errorf("%s is broken after %q, not after a /:\n%s", p.Path, found[:i], found)
			}
		}
		if !spaceAround.MatchString(text[max(loc[0]-2, 0):loc[0]] + "|" + text[loc[1]:min(loc[1]+5, len(text))]) {
			t.Errorf("%s lost the space before or after it:\n%s", p.Path, text)
		}
	}
	if !strings.Contains(text, "Node.js") {
		t.Errorf("Node.js is broken or spaced at its dot:\n%s", text)
	}
}

// spaceAround matches the text on either side of a path ("|" where the
// path was): white space (or a no-break space, a code span's padding)
// between it and the dash before and the note after.
var spaceAround = regexp.MustCompile(`[\s\x{a0}]\|[\s\x{a0}]+\(`)

// inPieces matches s with line breaks anywhere in it.
func inPieces(s string) *regexp.Regexp {
	parts := make([]string, 0, len(s))
	for _, r := range s {
		parts = append(parts, regexp.QuoteMeta(string(r)))
	}
	return regexp.MustCompile(strings.Join(parts, `\n?`))
}

// nextNewline is the index of the line break after the one at i, or -1.
func nextNewline(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '\n')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}
