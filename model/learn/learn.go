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
