package ui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"taxo/loader"
	"taxo/model"
)

// siteDir is a small Hugo site in two languages (testdata/site): posts
// with tags, categories, series and levels, a draft, a future and an
// expired post, a leaf bundle, term pages with and without pages.
const siteDir = "testdata/site"

// loadSite reads the fixture site as the command line does for the
// browser.
func loadSite() (*loader.Result, error) { return loader.Load(siteDir, loader.Options{}) }

// newSiteDriver is the browser on the fixture site, in lang ("" for its
// default).
func newSiteDriver(t *testing.T, width, height int, lang string) *driver {
	t.Helper()
	return newDriverWith(t, width, height, map[string]string{"NO_COLOR": "1"},
		Options{LoadResult: loadSite, Lang: lang, Source: siteDir})
}

// pagePaths are the pages the Pages tab lists, in order.
func (d *driver) pagePaths() []string {
	var out []string
	for _, p := range d.m.pages.items {
		out = append(out, p.Path)
	}
	return out
}

// shownPage is the page in the page view, or "".
func (d *driver) shownPage() string {
	if p := d.m.page.current(); p != nil {
		return p.Path
	}
	return ""
}

func TestSiteTabs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		keys []string
		want []string
		ids  []model.ID // the list's terms, when the list is shown
	}{
		{name: "every taxonomy a tab, then pages", want: []string{"All 13  Categories 2  Tags 8  Levels 2  Series 1  Pages 8"}},
		{name: "1 is the first taxonomy", keys: []string{"1"}, ids: []model.ID{"categories/recipes", "categories/technique"}},
		{name: "3 is a site's own taxonomy", keys: []string{"3"}, ids: []model.ID{"levels/beginner", "levels/intermediate"}},
		{name: "4 is the last taxonomy", keys: []string{"4"}, ids: []model.ID{"series/bread-basics"}},
		{name: "5 is the pages", keys: []string{"5"}, want: []string{"Growing koji", "future", "A dark rye loaf", "2023-11-20"}},
		{name: "past the pages there is no tab", keys: []string{"2", "6"}, want: []string{"There is no tab 6."}, ids: nil},
		{name: "0 is all terms again", keys: []string{"5", "0"}, want: []string{"Fermentation"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newSiteDriver(t, 120, 30, "")
			d.keys(tc.keys...)
			d.wantScreen(tc.want...)
			if tc.ids != nil && !slices.Equal(d.listIDs(), tc.ids) {
				t.Fatalf("the list shows %v, want %v", d.listIDs(), tc.ids)
			}
		})
	}
}

func TestSiteTabsOffASite(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 30, nil)
	d.wantScreen("All 36  Concepts 4  Categories 7  Tags 25")
	d.wantNotScreen("Pages")
	d.keys("4")
	d.wantScreen("There is no tab 4.")
}

func TestSiteLanguages(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.wantScreen("[en] fr", "All 13")
	d.keys("/")
	d.typeText("ferm")
	d.keys("enter", "esc")
	if d.selected() != "tags/fermentation" {
		t.Fatalf("the list is on %q, want tags/fermentation", d.selected())
	}
	d.keys("L")
	d.wantScreen("en [fr]", "All 1 ", "/ ferm", "Language: fr (2 of 2).")
	if d.selected() != "tags/fermentation" || d.shown() != "tags/fermentation" {
		t.Fatalf("after switching, the list is on %q and the pane shows %q: want the French Fermentation", d.selected(), d.shown())
	}
	d.wantScreen("Pour les articles où les microbes font le travail.")
	d.keys("L")
	d.wantScreen("[en] fr", "Tag a post fermentation")
}

func TestSiteLanguageGivenFirst(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "fr")
	d.wantScreen("en [fr]", "All 3  Categories 1  Tags 2  Levels 0  Series 0  Pages 1")
}

func TestOneLanguageSaysSo(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 30, nil)
	d.keys("L")
	d.wantScreen("This is not a Hugo site: it has one language.")
}

// TestPartialLoadKeepsToOneLanguage feeds the progress screen terms of
// both languages, as a site's load hands them out: only the language
// shown is listed.
func TestPartialLoadKeepsToOneLanguage(t *testing.T) {
	t.Parallel()
	p := NewProgress()
	m := New(Options{LoadResult: loadSite, Lang: "en", Progress: p, Getenv: func(string) string { return "" }})
	d := &driver{t: t, m: m}
	d.post(tea.WindowSizeMsg{Width: 120, Height: 30})
	en := &model.Term{ID: "tags/fermentation", Kind: model.Tag, Slug: "fermentation", Title: "Fermentation", Lang: "en", Path: "content/tags/fermentation/_index.md", Defined: true}
	fr := &model.Term{ID: "tags/fermentation", Kind: model.Tag, Slug: "fermentation", Title: "Fermentation FR", Lang: "fr", Path: "content/tags/fermentation/_index.fr.md", Defined: true}
	other := &model.Term{ID: "tags/levain", Kind: model.Tag, Slug: "levain", Title: "Levain", Lang: "fr", Path: "content/tags/levain/_index.fr.md", Defined: true}
	p.Files(3, 10)
	p.Terms([]*model.Term{fr, en, other})
	d.post(loadProgressMsg{})
	terms := d.m.load.terms
	d.post(partialGraphMsg{tx: model.TaxonomyOf("", d.m.load.site.partialGraph(terms), nil), terms: len(terms)})
	d.wantScreen("Fermentation", "All 1  Tags 1", "3 of 10 files")
	d.wantNotScreen("Levain", "Fermentation FR", "Concepts")
}
