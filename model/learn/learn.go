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
	pages := tagged(g)
	if len(pages) == 0 {
		return nil
	}
	out := make([]Example, len(pages))
	for i, p := range pages {
		out[i] = exampleOf(p)
		out[i].Text = withBody(out[i].Text, p, body)
	}
	return out
}

// tagged are the pages of g that carry a term.
func tagged(g *model.Graph) []*model.Page {
	var out []*model.Page
	for _, p := range g.Pages() {
		if len(p.Terms) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// exampleOf is p as an example, its text all but the body: its title,
// description and abstract.
func exampleOf(p *model.Page) Example {
	ex := Example{Path: p.Path, Title: p.DisplayTitle(), Date: p.Date, Terms: make([]model.ID, 0, len(p.Terms))}
	for _, pt := range p.Terms {
		ex.Terms = append(ex.Terms, pt.ID())
	}
	abstract, _ := p.Field("abstract")
	text, _ := abstract.(string)
	ex.Text = strings.Join([]string{p.Title, p.Description, text}, "\n\n")
	return ex
}

// withBody is head, the text exampleOf gives p, with p's body read by
// body after it (none when it cannot be read).
func withBody(head string, p *model.Page, body func(*model.Page) (string, error)) string {
	b, err := body(p)
	if err != nil {
		b = ""
	}
	return head + "\n\n" + b
}
