package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"taxo/model"
)

// TestTitleIsNotMarkdown: a term's title, path, links and fields are text,
// shown as written, never read as markdown. (Its description is markdown,
// rendered: issue 17.)
func TestTitleIsNotMarkdown(t *testing.T) {
	for _, title := range []string{"~~x~~", "*x*", "__x__", "`x`", "[x](y)", "# x", "a & b"} {
		t.Run(title, func(t *testing.T) {
			term := &model.Term{ID: "tags/x", Kind: model.Tag, Slug: "x", Title: title, Defined: true, Path: "tags/x.md"}
			g := model.New([]*model.Term{term})
			r, err := NewRenderer(StyleDark, 80)
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.Term(g, term, DocOptions{})
			if err != nil {
				t.Fatal(err)
			}
			// Glamour's dark style strikes through (9), underlines (4) or
			// italicises (3) markup it reads.
			head, _, _ := strings.Cut(out.Text, "\n\n")
			for _, sgr := range []string{"\x1b[9m", "\x1b[4m", "\x1b[3m"} {
				if strings.Contains(head, sgr) {
					t.Errorf("the title %q is styled as markup (%q):\n%q", title, sgr, head)
				}
			}
			if plain := ansi.Strip(out.Text); !strings.Contains(plain, title) {
				t.Errorf("the title %q is not shown as written:\n%s", title, plain)
			}
		})
	}
}
