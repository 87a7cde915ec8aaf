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
				r, err := NewRenderer(style, width)
				if err != nil {
					t.Fatal(err)
				}
				out, err := r.Term(g, term, DocOptions{})
				if err != nil {
					t.Fatal(err)
				}
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
				r, err := NewRenderer(style, width)
				if err != nil {
					t.Fatal(err)
				}
				out, err := r.Term(g, term, DocOptions{})
				if err != nil {
					t.Fatal(err)
				}
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
