package ui

import (
	"testing"
)

// The browser's rough edges a new user hit (issue 17), each as a user sees
// it on the screen.

// TestLinksSayTheirKind: a category and a tag may share a title, so every
// group of links says its kind; the terms that list Kimchi were one
// "Used by (3) Fermentation · Fermentation · Lacto-Fermentation".
func TestLinksSayTheirKind(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 100, 40, nil)
	d.openTerm("kimchi").keys("G")
	d.wantScreen("Used by categories (1)", "Used by tags (2)", "Categories (1)", "Tags (4)")
	d.wantNotScreen("Used by (")

	d = newDriver(t, 100, 40, nil)
	d.openTerm("braising").keys("G")
	d.wantScreen("Tags mentioned in the text (1)")
}
