package ui

import (
	"testing"

	"taxo/loader"
	"taxo/model"
)

// loadDir reads a folder of testdata/edges as the CLI does.
func loadDir(name string) func() (*model.Taxonomy, error) {
	return func() (*model.Taxonomy, error) {
		res, err := loader.Load("testdata/edges/"+name, loader.Options{})
		if err != nil {
			return nil, err
		}
		return model.NewTaxonomy(res.Root, res.Terms, res.Problems), nil
	}
}

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

// TestDescriptionsAreRendered: a description is markdown, rendered in the
// term pane and in compare, never shown with its marks.
func TestDescriptionsAreRendered(t *testing.T) {
	t.Parallel()
	scrum, kanban := "Scrum is a social technology for building", "A strategy for making work observable."
	for _, tc := range []struct {
		name  string
		w, h  int
		drive func(d *driver)
		want  []string
	}{
		{name: "term pane", w: 120, h: 40, drive: func(d *driver) { d.openTerm("scrum") }, want: []string{scrum}},
		{name: "compare side by side", w: 120, h: 40, drive: func(d *driver) {
			d.openTerm("scrum").keys("m", "esc", "esc")
			d.openTerm("kanban").keys("c")
		}, want: []string{scrum, kanban}},
		{name: "compare stacked", w: 80, h: 40, drive: func(d *driver) {
			d.openTerm("kanban").keys("m", "esc", "esc")
			d.openTerm("scrum").keys("c")
		}, want: []string{scrum, kanban}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDriverWith(t, tc.w, tc.h, nil, Options{Load: loadDir("marked"), Source: "marked"})
			tc.drive(d)
			d.wantScreen(tc.want...)
			d.wantNotScreen("**", "`", "_work_")
		})
	}
}
