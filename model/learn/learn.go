// Package learn suggests the terms of every taxonomy for a piece of
// content from what a site's editors did: the pages already tagged, as
// well as each term's own text (its title, description and Instructions).
// It does no I/O: the caller hands it the terms and the tagged pages.
package learn

import (
	"strings"
	"time"

	"taxo/model"
)

// Example is a tagged page the model learns from.
type Example struct {
	Path  string // where the page is, to name it when it counts for a term
	Title string
	// Text is what the page says: its title, description and body, as
	// suggest reads a piece of content, without the front matter's lists
	// of terms.
	Text  string
	Terms []model.ID // the page's terms of every taxonomy, "<plural>/<key>"
	Date  time.Time  // when the page was written; zero when not known
}

// Taxonomy is the plural name an ID starts with: "tags" for "tags/go".
func Taxonomy(id model.ID) string {
	tax, _, _ := strings.Cut(string(id), "/")
	return tax
}

// Examples are the pages of g that carry a term (drafts too: an editor
// tagged them), as the model learns from them. Their text is made as
// suggest makes a file's: title, description, abstract and body, the body
// read by body (the loader's, since a load keeps no body; a page whose body
// cannot be read is learned from without it). Their paths are g's, from
// the site's root.
func Examples(g *model.Graph, body func(*model.Page) (string, error)) []Example {
	var out []Example
	for _, p := range g.Pages() {
		if len(p.Terms) == 0 {
			continue
		}
		ex := Example{Path: p.Path, Title: p.DisplayTitle(), Date: p.Date}
		for _, pt := range p.Terms {
			ex.Terms = append(ex.Terms, pt.ID())
		}
		abstract, _ := p.Field("abstract")
		text, _ := abstract.(string)
		b, err := body(p)
		if err != nil {
			b = ""
		}
		ex.Text = strings.Join([]string{p.Title, p.Description, text, b}, "\n\n")
		out = append(out, ex)
	}
	return out
}
