package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"taxo/loader"
	"taxo/model"
	"taxo/ui/launch"
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
	p := launch.NewProgress()
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

func TestListUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		keys  []string
		first []model.ID // the list's first terms
		want  []string
	}{
		{name: "rows count pages", keys: []string{"2"}, want: []string{"Fermentation                       4", "Baking                             2"}},
		{name: "a term page no page carries is unused", keys: []string{"2"}, want: []string{"Sous vide (unused)                 0"}},
		{name: "o orders by title", keys: []string{"o"}, want: []string{"sorted by title", "Terms by title."},
			first: []model.ID{"tags/baking", "levels/beginner", "series/bread-basics", "tags/fermentation"}},
		{name: "o twice puts the most used first", keys: []string{"o", "o"}, want: []string{"sorted most used first"},
			first: []model.ID{"tags/fermentation", "categories/recipes", "tags/baking", "series/bread-basics"}},
		{name: "o thrice is back to weight", keys: []string{"o", "o", "o"}, want: []string{"Terms by weight."},
			first: []model.ID{"categories/recipes", "categories/technique", "tags/baking"}},
		{name: "a query ranks by match whatever the order", keys: []string{"o", "o", "/"}, first: []model.ID{"tags/rye"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newSiteDriver(t, 120, 30, "")
			d.keys(tc.keys...)
			if tc.name == "a query ranks by match whatever the order" {
				d.typeText("rye")
			}
			d.wantScreen(tc.want...)
			if ids := d.listIDs(); len(ids) < len(tc.first) || !slices.Equal(ids[:len(tc.first)], tc.first) {
				t.Fatalf("the list starts %v, want %v", ids, tc.first)
			}
		})
	}
}

// TestListUsageOffASite: a folder of term files has no pages, so the
// list shows no count, marks nothing unused and has no "most used" order.
func TestListUsageOffASite(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 30, nil)
	before := d.screen()
	d.wantNotScreen("unused", " 0\n")
	d.keys("o")
	d.wantScreen("sorted by title")
	d.keys("o")
	d.wantScreen("Terms by weight.")
	d.keys("esc")
	if !strings.Contains(before, "› ◆ Technique") || !strings.Contains(d.screen(), "› ◆ Technique") {
		t.Fatalf("the list moved:\n%s", d.screen())
	}
}

func TestPagesTab(t *testing.T) {
	t.Parallel()
	newest := []string{"content/post/koji.md", "content/post/miso.md", "content/post/kimchi.md",
		"content/post/sourdough-starter.md", "content/post/rye-loaf/index.md", "content/post/pickles.md",
		"content/_index.md", "content/post/_index.md"}
	for _, tc := range []struct {
		name  string
		keys  []string
		typed string
		want  []string
		paths []string
	}{
		{name: "newest first, states said", keys: []string{"5"}, paths: newest,
			want: []string{"Pages 8", "Growing koji                    future", "Miso, a year on                  draft", "Quick pickles                  expired"}},
		{name: "filter by title", keys: []string{"5", "/"}, typed: "sourdough", paths: []string{"content/post/sourdough-starter.md"},
			want: []string{"Pages 1", "/ sourdough"}},
		{name: "filter by path", keys: []string{"5", "/"}, typed: "rye-loaf/index", paths: []string{"content/post/rye-loaf/index.md"}},
		{name: "esc clears the filter", keys: []string{"5", "/", "enter", "esc"}, paths: newest},
		{name: "t keeps the pages carrying a term", keys: []string{"5", "t"}, typed: "baking",
			paths: []string{"content/post/sourdough-starter.md", "content/post/rye-loaf/index.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newSiteDriver(t, 120, 30, "")
			d.keys(tc.keys...)
			d.typeText(tc.typed)
			if tc.name == "t keeps the pages carrying a term" {
				d.keys("enter")
				d.wantScreen("carrying Baking", "Pages 2")
			}
			d.wantScreen(tc.want...)
			if !slices.Equal(d.pagePaths(), tc.paths) {
				t.Fatalf("the Pages tab lists %v, want %v", d.pagePaths(), tc.paths)
			}
		})
	}
}

// TestPagesTermFilterOfEveryTaxonomy picks two terms of two taxonomies:
// the tab keeps the pages that carry both, and its count follows.
func TestPagesTermFilterOfEveryTaxonomy(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.keys("t")
	d.wantScreen("Filter pages by terms", "Fermentation", "tags  4", "categories  2")
	d.typeText("fermentation")
	d.keys("tab")
	for range len("fermentation") {
		d.keys("backspace")
	}
	d.typeText("recipes")
	d.keys("tab", "enter")
	d.wantScreen("carrying Fermentation + Recipes", "Pages 1", "Kimchi at home")
	if !slices.Equal(d.pagePaths(), []string{"content/post/kimchi.md"}) {
		t.Fatalf("the Pages tab lists %v", d.pagePaths())
	}
	d.keys("esc")
	d.wantScreen("Pages 8")
}

func TestPageView(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.keys("5", "/")
	d.typeText("sourdough")
	d.keys("enter")
	if d.shownPage() != "content/post/sourdough-starter.md" {
		t.Fatalf("the page view shows %q", d.shownPage())
	}
	d.wantScreen("A sourdough starter from scratch", "Flour, water and a week of patience.",
		"2024-03-02 · published · content/post/sourdough-starter.md",
		"Categories  Technique", "Tags        Baking · Fermentation", "Levels      beginner", "Series      Bread Basics",
		"Day one", "Mix 50 g of rye flour", "• Keep it warm.")
	d.wantOn("page", "enter on a page")

	// tab reaches the page's terms; enter follows one to the term.
	d.keys("tab", "tab")
	d.keys("enter")
	if d.shown() != "tags/baking" || d.selected() != "tags/baking" {
		t.Fatalf("following the page's second term shows %q, selects %q", d.shown(), d.selected())
	}
	d.wantOn("term", "following a page's term")
	// esc goes back to the page, as it was.
	d.keys("esc")
	if d.shownPage() != "content/post/sourdough-starter.md" {
		t.Fatalf("back from the term, the page view shows %q", d.shownPage())
	}
	d.wantScreen("Pages 1", "/ sourdough")
}

// TestPageViewPathWraps: the page view's path follows its date and state
// when it fits there, has a line of its own when it does not, and breaks
// after a "/" when it is wider than the pane; it was cut short with "…".
func TestPageViewPathWraps(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		width int
		want  []string // consecutive lines of the page view
	}{
		{"beside the date", 120, []string{"2024-03-02 · published · content/post/sourdough-starter.md"}},
		{"on a line of its own", 60, []string{"2024-03-02 · published", "content/post/sourdough-starter.md"}},
		{"broken after a slash", 32, []string{"2024-03-02 · published", "content/post/", "sourdough-starter.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newSiteDriver(t, tc.width, 30, "")
			d.keys("5", "/")
			d.typeText("sourdough")
			d.keys("enter")
			var lines []string
			for l := range strings.SplitSeq(d.screen(), "\n") {
				if _, right, ok := strings.Cut(l, "│"); ok {
					l = right // the page view beside the list
				}
				lines = append(lines, strings.TrimSpace(l))
			}
			if !strings.Contains(strings.Join(lines, "\n"), strings.Join(tc.want, "\n")) {
				t.Errorf("at %d columns the page view does not show\n%s\nin\n%s", tc.width, strings.Join(tc.want, "\n"), d.screen())
			}
		})
	}
}

func TestPageTermInstructionsAreOneKeyAway(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.keys("5", "/")
	d.typeText("kimchi")
	d.keys("enter", "i")
	d.wantScreen("Choose one of the page's terms with tab; i then shows its Instructions.")
	d.keys("tab", "tab", "i") // Recipes, then Fermentation
	if d.shown() != "tags/fermentation" {
		t.Fatalf("i on the page's Fermentation shows %q", d.shown())
	}
	d.wantScreen("INSTRUCTIONS", "Tag a post fermentation when microbes do the work")
	d.wantOn("term", "i on a page's term")
}

func TestTermPaneListsItsPages(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.keys("/")
	d.typeText("fermentation")
	d.keys("enter")
	d.wantScreen("Pages (4)", "Growing koji", "2099-01-01  future", "Miso, a year on", "2024-06-01  draft",
		"Kimchi at home", "2024-05-10  published", "A sourdough starter from scratch")
	// The pages come first among what tab goes through; enter follows.
	d.keys("tab", "tab", "tab", "enter")
	if d.shownPage() != "content/post/kimchi.md" {
		t.Fatalf("the third page of Fermentation opens %q", d.shownPage())
	}
	d.wantOn("page", "following a term's page")
	d.wantScreen("Kimchi at home", "Pages 8")
	d.keys("esc")
	if d.shown() != "tags/fermentation" {
		t.Fatalf("back from the page, the term pane shows %q", d.shown())
	}
	d.wantOn("term", "back from a page")
}

func TestTermPaneOffASiteHasNoPages(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("enter")
	d.wantNotScreen("Pages (")
}

func TestEditOnASite(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, query string
		want        string
	}{
		{name: "a term only pages carry", query: "baking",
			want: "Baking has no term page, only pages that carry it: create content/tags/baking/_index.md to describe it."},
		{name: "a taxonomy of the site's own", query: "intermediate",
			want: "create content/levels/intermediate/_index.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newSiteDriver(t, 200, 30, "")
			d.keys("/")
			d.typeText(tc.query)
			d.keys("enter", "e")
			d.wantScreen(tc.want)
		})
	}
	t.Run("in French, the file is the French one", func(t *testing.T) {
		d := newSiteDriver(t, 200, 30, "fr")
		d.keys("/")
		d.typeText("boulangerie")
		d.keys("enter", "e")
		d.wantScreen("create content/tags/boulangerie/_index.fr.md")
	})
	t.Run("a page's own file opens", func(t *testing.T) {
		d := newSiteDriver(t, 200, 30, "")
		d.keys("5", "enter", "e")
		if len(d.sent) == 0 {
			t.Fatal("e on a page opened no editor")
		}
	})
}

// TestGoldenSiteViews pins the screens of a site at fixed sizes, as plain
// text. Refresh with: go test ./ui -run TestGoldenSiteViews -update
func TestGoldenSiteViews(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		w, h  int
		lang  string
		keys  []string
		typed string
		after []string
	}{
		{name: "terms_with_usage_120x30", w: 120, h: 30, keys: []string{"/"}, typed: "fermentation", after: []string{"enter"}},
		{name: "pages_and_page_120x30", w: 120, h: 30, keys: []string{"5", "/"}, typed: "sourdough", after: []string{"enter", "tab"}},
		{name: "pages_stacked_80x24", w: 80, h: 24, keys: []string{"5"}},
		{name: "page_stacked_80x24", w: 80, h: 24, keys: []string{"5", "j", "j", "enter"}},
		{name: "picker_for_pages_120x30", w: 120, h: 30, keys: []string{"t"}},
		{name: "most_used_french_120x30", w: 120, h: 30, lang: "fr", keys: []string{"o", "o"}},
		{name: "suggestions_every_taxonomy_120x30", w: 120, h: 30, keys: []string{"S"}, typed: "testdata/content/rye.md", after: []string{"enter", "j"}},
		{name: "suggestions_every_taxonomy_80x24", w: 80, h: 24, keys: []string{"S"}, typed: "testdata/content/rye.md", after: []string{"enter", "G"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newSiteDriver(t, tc.w, tc.h, tc.lang)
			d.keys(tc.keys...)
			d.typeText(tc.typed)
			d.keys(tc.after...)
			view := d.m.View().Content
			if w, h := lipgloss.Size(view); w > tc.w || h != tc.h {
				t.Fatalf("the view is %dx%d in a %dx%d window", w, h, tc.w, tc.h)
			}
			golden.RequireEqual(t, ansi.Strip(view))
		})
	}
}

// TestLanguageSwitchKeepsThePage: on the Pages tab, L shows the page's
// translation.
func TestLanguageSwitchKeepsThePage(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.keys("5", "/")
	d.typeText("starter")
	d.keys("enter", "esc", "esc") // back to the list of pages, the filter cleared
	if d.shownPage() != "content/post/sourdough-starter.md" {
		t.Fatalf("the page view shows %q", d.shownPage())
	}
	d.keys("L")
	if d.shownPage() != "content/post/sourdough-starter.fr.md" {
		t.Fatalf("in French the page view shows %q, want the starter's translation", d.shownPage())
	}
	d.wantScreen("Un levain à partir de rien", "Mélangez 50 g de farine")
	d.keys("L")
	if d.shownPage() != "content/post/sourdough-starter.md" {
		t.Fatalf("back in English the page view shows %q", d.shownPage())
	}
}

func TestPageNames(t *testing.T) {
	t.Parallel()
	res, err := loadSite()
	if err != nil {
		t.Fatal(err)
	}
	site := newSiteView(res, "en", time.Now())
	for _, tc := range []struct {
		name              string
		page              model.Page
		title, translated string
	}{
		{name: "a titled post", page: model.Page{Path: "content/post/a.md", Lang: "en", Title: "A"}, title: "A", translated: "post/a"},
		{name: "its translation", page: model.Page{Path: "content/post/a.fr.md", Lang: "fr", Title: "Un A"}, title: "Un A", translated: "post/a"},
		{name: "a leaf bundle", page: model.Page{Path: "content/post/b/index.fr.md", Lang: "fr", Title: "B"}, title: "B", translated: "post/b/index"},
		{name: "an untitled section", page: model.Page{Path: "content/post/_index.md", Lang: "en"}, title: "post/_index.md", translated: "post/_index"},
		{name: "the untitled home page", page: model.Page{Path: "content/_index.fr.md", Lang: "fr"}, title: "Home page", translated: "_index"},
		{name: "a code that is not the page's language is its name's", page: model.Page{Path: "content/post/c.es.md", Lang: "en", Title: "C"}, title: "C", translated: "post/c.es"},
		{name: "translationKey wins", page: model.Page{Path: "content/post/d.md", Lang: "en", Title: "D", Fields: []model.Field{{Key: "translationKey", Value: "dee"}}}, title: "D", translated: "dee"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := site.pageTitle(&tc.page); got != tc.title {
				t.Errorf("title %q, want %q", got, tc.title)
			}
			if got := site.translationKey(&tc.page); got != tc.translated {
				t.Errorf("translation key %q, want %q", got, tc.translated)
			}
		})
	}
}

// TestSearchAnyTaxonomy: the search's kind: takes a site's own taxonomy,
// as list --kind does.
func TestSearchAnyTaxonomy(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 30, "")
	d.keys("s")
	d.typeText("kind:levels")
	if hits := d.hitIDs(); !slices.Equal(hits, []model.ID{"levels/beginner", "levels/intermediate"}) && !slices.Equal(hits, []model.ID{"levels/intermediate", "levels/beginner"}) {
		t.Fatalf("kind:levels finds %v", hits)
	}
}

// TestSiteGoneWhileOnPages: a reload that finds the folder no longer a
// site (its config removed) puts the list back in the Pages tab's place.
func TestSiteGoneWhileOnPages(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(siteDir)); err != nil {
		t.Fatal(err)
	}
	load := func() (*loader.Result, error) { return loader.Load(dir, loader.Options{}) }
	d := newDriverWith(t, 120, 30, map[string]string{"NO_COLOR": "1"}, Options{LoadResult: load, Source: dir})
	d.keys("5")
	d.wantScreen("Pages 8", "Growing koji")
	if err := os.Remove(filepath.Join(dir, "hugo.yaml")); err != nil {
		t.Fatal(err)
	}
	d.send(editorClosedMsg{})
	d.wantNotScreen("Pages 8", "[en]", "Growing koji")
	d.wantOn("list", "the site gone")
}
