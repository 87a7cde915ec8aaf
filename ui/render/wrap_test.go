package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"taxo/model"
)

// TestWrappedItemsHang: a list item wrapped over several lines has its
// later lines under its text, one space between its words as written,
// in the Instructions and in the body, in every style and width. Glamour
// pads lines inside their colours, and those spaces once ended up inside
// the item ("Sprint  Backlog").
func TestWrappedItemsHang(t *testing.T) {
	item := "The Scrum Framework: Roles (Scrum Master, Product Owner, Development Team), Events (Sprint, Sprint Planning, Daily Scrum, Sprint Review, Sprint Retrospective), and Artifacts (Product Backlog, Sprint Backlog, Increment)."
	md := "Key topics:\n\n  - " + item + "\n  - Agile Principles.\n"
	term := &model.Term{ID: "tags/scrum", Kind: model.Tag, Slug: "scrum", Title: "Scrum", Defined: true, Path: "tags/scrum.md", Instructions: md, Body: md}
	g := model.New([]*model.Term{term})
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		for width := 40; width <= 120; width += 7 {
			t.Run(fmt.Sprintf("%s at %d", style, width), func(t *testing.T) {
				out := termAt(t, style, width, g, term, DocOptions{})
				items := 0
				lines := strings.Split(ansi.Strip(out.Text), "\n")
				for i, l := range lines {
					bullet := strings.Index(l, "• The Scrum")
					if bullet < 0 {
						continue
					}
					items++
					text := strings.TrimSpace(l[bullet+len("• "):])
					for _, next := range lines[i+1:] {
						if strings.Contains(next, "•") || strings.TrimSpace(strings.Trim(next, "┃ ")) == "" {
							break
						}
						if ansi.StringWidth(next[:strings.Index(next, strings.TrimLeft(next, " ┃"))]) != ansi.StringWidth(l[:bullet])+2 {
							t.Errorf("a later line of the item does not hang under its text:\n%s\n%s", l, next)
						}
						text += " " + strings.TrimSpace(strings.TrimLeft(next, " ┃"))
					}
					if text != item {
						t.Errorf("the item reads\n%q\nwant\n%q", text, item)
					}
				}
				if items != 2 {
					t.Errorf("found the item %d times, want twice (Instructions and body):\n%s", items, ansi.Strip(out.Text))
				}
			})
		}
	}
}

// TestLongTitleIsOneBlock: a title too long for a line wraps into lines of
// one width, so that the dark style's badge is a block rather than ragged,
// its later lines under the first's text, its words whole and as written.
func TestLongTitleIsOneBlock(t *testing.T) {
	title := "Continuous Delivery of Very-Large Monolithic Enterprise Applications Across Regions"
	term := &model.Term{ID: "tags/x", Kind: model.Tag, Slug: "x", Title: title, Defined: true, Path: "tags/x.md"}
	g := model.New([]*model.Term{term})
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		for width := 30; width <= 100; width += 7 {
			t.Run(fmt.Sprintf("%s at %d", style, width), func(t *testing.T) {
				out := termAt(t, style, width, g, term, DocOptions{})
				// The title's lines, up to the first blank one.
				var lines []string
				for l := range strings.SplitSeq(out.Text, "\n") {
					if strings.TrimSpace(ansi.Strip(l)) == "" {
						break
					}
					lines = append(lines, l)
				}
				head := strings.Join(lines, "\n")
				var words []string
				for i, l := range lines {
					plain := ansi.Strip(l)
					if w := ansi.StringWidth(plain); w > width {
						t.Errorf("line %d is %d columns wide, over %d: %q", i, w, width, plain)
					}
					if style != StylePlain && ansi.StringWidth(plain) != ansi.StringWidth(ansi.Strip(lines[0])) {
						t.Errorf("the title's lines differ in width:\n%s", ansi.Strip(head))
					}
					text := strings.TrimLeft(plain, " #")
					if i > 0 && len(plain)-len(text) != len(ansi.Strip(lines[0]))-len(strings.TrimLeft(ansi.Strip(lines[0]), " #")) {
						t.Errorf("line %d does not start under the first's text:\n%s", i, ansi.Strip(head))
					}
					words = append(words, strings.Fields(text)...)
				}
				if got := strings.Join(words, " "); got != title {
					t.Errorf("the title reads %q", got)
				}
			})
		}
	}
}

// TestWrappedItemsKeepHyphens: Glamour breaks a line after a hyphen
// ("Stand-" / "ups"), and the hanging indent joins an item's lines again
// before wrapping it anew: the join once put a space there, so that the
// item read "Stand- ups" in the middle of a line. A hyphen written before
// a space ("exclude- any") keeps its space.
func TestWrappedItemsKeepHyphens(t *testing.T) {
	item := "Daily Stand-ups and cross-team work, AI-specific concerns, Lean-Agile, kappa-lambda, pi-rho and the team-level view; exclude- any outliers that are off-topic."
	md := "- " + item + "\n- Short.\n"
	term := &model.Term{ID: "tags/x", Kind: model.Tag, Slug: "x", Title: "X", Defined: true, Path: "tags/x.md", Body: md}
	g := model.New([]*model.Term{term})
	pairs := make(map[string]bool) // every two words that follow each other in the item
	words := strings.Fields(item)
	for i := 1; i < len(words); i++ {
		pairs[words[i-1]+" "+words[i]] = true
	}
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		for width := 30; width <= 100; width++ {
			out := termAt(t, style, width, g, term, DocOptions{})
			var text strings.Builder
			for l := range strings.SplitSeq(ansi.Strip(out.Text), "\n") {
				fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "• "))
				for i := 1; i < len(fields); i++ {
					// A hyphen that ends a word inside a line was written so.
					if p := fields[i-1] + " " + fields[i]; strings.HasSuffix(fields[i-1], "-") && !pairs[p] {
						t.Errorf("%s at %d: the item reads %q, which it does not say:\n%s", style, width, p, ansi.Strip(out.Text))
					}
				}
				text.WriteString(strings.Join(fields, ""))
			}
			if !strings.Contains(text.String(), strings.Join(words, "")) {
				t.Errorf("%s at %d: the item lost a part:\n%s", style, width, ansi.Strip(out.Text))
			}
		}
	}
}

// TestWrappedItemsKeepDottedWords: Glamour breaks a list item's line
// after a dot, a comma, a semicolon, a plus or a bar as after a hyphen
// ("Node." / "js"), and the hanging indent joined the lines again with a
// space ("Node. js"), which the new wrap then broke at. A word so written
// stays whole; a full stop or a comma before a space keeps its space.
func TestWrappedItemsKeepDottedWords(t *testing.T) {
	item := "Tutorials on Node.js and Vue.js, v1.2.3 releases, C++ and a+b sums, either|or cases, one;two lists. Then Deno.land, finally; done."
	md := "- " + item + "\n- Short.\n"
	term := &model.Term{ID: "tags/x", Kind: model.Tag, Slug: "x", Title: "X", Defined: true, Path: "tags/x.md", Body: md}
	g := model.New([]*model.Term{term})
	words := make(map[string]bool)
	for w := range strings.FieldsSeq(item) {
		words[w] = true
	}
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		for width := 30; width <= 100; width++ {
			out := termAt(t, style, width, g, term, DocOptions{})
			plain := ansi.Strip(out.Text)
			body := plain[strings.Index(plain, "• Tutorials"):strings.Index(plain, "• Short")]
			for w := range strings.FieldsSeq(strings.TrimPrefix(body, "• ")) {
				if !words[w] {
					t.Errorf("%s at %d: %q is not a word of the item:\n%s", style, width, w, body)
				}
			}
		}
	}
}

// TestNameWiderThanTheLine: a name is kept whole on its line, but one wider
// than the line cannot be: Glamour cut it inside a word ("Should N" /
// "ot Break", "(" / "no file)"). It breaks at its own spaces instead, and
// "(no file)" stays whole.
func TestNameWiderThanTheLine(t *testing.T) {
	name := "A Rather Long Tag Name That Should Not Break Anywhere But Between Its Words"
	term := &model.Term{ID: "tags/x", Kind: model.Tag, Slug: "x", Title: "X", Defined: true, Path: "tags/x.md"}
	term.SetRefs(model.Tag, []model.Ref{{Title: name}})
	g := model.New([]*model.Term{term})
	want := map[string]bool{"Tags:": true, "(no": true, "file)": true, "·": true}
	for w := range strings.FieldsSeq(name) {
		want[w] = true
	}
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		for width := 30; width <= 90; width++ {
			out := termAt(t, style, width, g, term, DocOptions{Links: true})
			plain := ansi.Strip(out.Text)
			tail := plain[strings.Index(plain, "Tags:"):]
			for w := range strings.FieldsSeq(tail) {
				if !want[w] {
					t.Errorf("%s at %d: %q is a part of a word:\n%s", style, width, w, tail)
				}
			}
			if !strings.Contains(tail, "(no file)") {
				t.Errorf("%s at %d: (no file) is split:\n%s", style, width, tail)
			}
		}
	}
}

// termAt is term of g rendered in style at width with opts; it fails the
// test when it cannot be.
func termAt(t *testing.T, style string, width int, g *model.Graph, term *model.Term, opts DocOptions) Rendered {
	t.Helper()
	r, err := NewRenderer(style, width)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Term(g, term, opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
