package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"taxo/loader"
	"taxo/model/learn"
)

// writeFile writes a file of the test's, making its folder.
func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// learnSubjects are what the posts of learnSite are about: the sentences
// they are made of and the terms their editors gave them (every bread post
// is also in the series Bread Week, a habit only the pages can teach).
var learnSubjects = []struct {
	name, front string
	sentences   []string
}{
	{"bread", "tags: [Sourdough]\ncategories: [Baking]\nseries: [Bread Week]", []string{
		"The starter doubled overnight, so the dough went into the banneton before breakfast.",
		"A long cold proof gives the crumb its open, glossy holes and the crust its blisters.",
		"Score the loaf at a shallow angle and bake it in a lidded pot for the first twenty minutes.",
		"Feed the levain twice a day at room temperature, equal weights of flour and water.",
	}},
	{"kimchi", "tags: [Kimchi]\ncategories: [Fermentation]", []string{
		"Salt the napa cabbage for two hours, rinse it and squeeze out the water.",
		"The paste is gochugaru, garlic, ginger, fish sauce and a little rice porridge.",
		"Pack the leaves tightly in a crock and leave them at room temperature for two days.",
		"The brine turns sour and fizzy as lactic acid bacteria take over.",
	}},
}

// learnSite writes a Hugo site of 24 tagged posts on each subject, enough
// for the learned model to learn from, and returns its folder.
func learnSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	writeFile(t, filepath.Join(dir, "hugo.toml"), "title = \"Kitchen\"\n[taxonomies]\ntag = \"tags\"\ncategory = \"categories\"\nseries = \"series\"\n")
	for i := range 24 {
		for _, s := range learnSubjects {
			var body strings.Builder
			for k := range 3 {
				body.WriteString(s.sentences[(i+k)%len(s.sentences)] + " ")
			}
			writeFile(t, filepath.Join(dir, "content", "post", s.name, fmt.Sprintf("%02d.md", i+1)),
				fmt.Sprintf("---\ntitle: %s notes %d\ndate: 2024-01-%02d\n%s\n---\n%s\n", s.name, i+1, i+1, s.front, body.String()))
		}
	}
	return dir
}

// newLearnSiteDriver is the browser on a site as the command line opens it.
func newLearnSiteDriver(t *testing.T, dir string, width, height int) *driver {
	t.Helper()
	load := func() (*loader.Result, error) { return loader.Load(dir, loader.Options{}) }
	return newDriverWith(t, width, height, map[string]string{"NO_COLOR": "1"}, Options{LoadResult: load, Source: dir})
}

// TestSuggestEveryTaxonomyOfASite: S on a site suggests the terms of each
// of its taxonomies, the custom ones too (series, levels), under their
// own headings, as taxo suggest does; a site too small to learn from is
// ranked by the terms' text, scores that are no percentage.
func TestSuggestEveryTaxonomyOfASite(t *testing.T) {
	t.Parallel()
	post := writeFile(t, filepath.Join(t.TempDir(), "rye.md"),
		"---\ntitle: Rye bread\n---\nA rye loaf from a sourdough starter: flour, water, bread basics for a beginner.\n")
	d := newSiteDriver(t, 120, 40, "")
	d.keys("S").typeText(post).keys("enter")
	d.wantOn("suggestions", "enter")
	d.wantScreen("Series", "18.62  • Bread Basics", "Levels", "beginner", "Tags", "Rye", "words that fit: bread, basics",
		"a score ranks the terms for this text and is not a percentage")
	d.wantNotScreen("%")
}

// TestSuggestLearnsFromTheSite: on a site with enough tagged pages, S
// gives chances learned from them, the custom taxonomy's habit included,
// and the tagged pages like the file, each a link to the page; back from
// the page comes back to the suggestions.
func TestSuggestLearnsFromTheSite(t *testing.T) {
	t.Parallel()
	dir := learnSite(t)
	post := writeFile(t, filepath.Join(t.TempDir(), "winter.md"),
		"---\ntitle: Sourdough in winter\n---\nMy starter is sluggish in winter, so the dough proofs in the oven with the light on, then I score the loaf and bake it in a pot.\n")
	d := newLearnSiteDriver(t, dir, 120, 40)
	d.keys("S").typeText(post).keys("enter")
	d.wantOn("suggestions", "enter")
	d.wantScreen("a % is the chance an editor would give the text the term", "Series", "Bread Week", "Sourdough",
		"tagged page like it (", "bread notes")
	if sc := d.screen(); strings.Index(sc, "# Sourdough") > strings.Index(sc, "# Kimchi") {
		t.Errorf("kimchi comes before sourdough for bread:\n%s", sc)
	}
	// The cursor goes to the first page like the file, and enter opens it.
	for range 10 {
		if d.m.suggest.items[d.m.suggest.at].page != nil {
			break
		}
		d.keys("j")
	}
	d.wantScreen("› ")
	d.keys("enter")
	d.wantOn("page", "enter on a page like the file")
	if p := d.shownPage(); !strings.HasPrefix(p, "content/post/bread/") {
		t.Fatalf("enter on a page like a bread post shows %q", p)
	}
	d.keys("esc")
	d.wantOn("suggestions", "back from the page")
}

// TestSuggestionsShareOneLearnedModel: the learned model is built once for
// the taxonomy shown, whoever asks first (the suggestions twice, then the
// tagging screen), and a reload drops it for the new taxonomy's.
func TestSuggestionsShareOneLearnedModel(t *testing.T) {
	t.Parallel()
	dir := learnSite(t)
	d := newLearnSiteDriver(t, dir, 120, 40)
	l := d.m.suggest.learned
	if l == nil || l.ready() {
		t.Fatal("the model is there before anything asked for it")
	}
	build, builds := l.build, 0
	l.build = func() *learn.Model { builds++; return build() }

	post := filepath.Join(dir, "content", "post", "bread", "01.md")
	d.keys("S").typeText(post).keys("enter")
	d.wantScreen("Bread Week")
	d.keys("S", "enter")
	d.wantScreen("Bread Week")
	d.send(tagPageMsg{path: "content/post/kimchi/02.md"})
	d.wantScreen("Terms of kimchi notes 2", "Kimchi")
	if builds != 1 {
		t.Errorf("the model was built %d times for two suggestions and a page to tag, want once", builds)
	}
	if d.m.tagging.learned != l {
		t.Error("the tagging screen has a model of its own")
	}

	d.send(reloadMsg{why: "Reloaded for the test."})
	if d.m.suggest.learned == l || d.m.tagging.learned != d.m.suggest.learned {
		t.Error("a reload kept the old model, or gave the screens different ones")
	}
	if d.m.suggest.learned.ready() {
		t.Error("a reload built the new model before anything asked for it")
	}
}

// TestGoldenLearnedSuggestions pins S on a site it learned from: chances,
// the words and the pages like the file, the cursor on a page.
// Refresh with: go test ./ui -run TestGoldenLearnedSuggestions -update
func TestGoldenLearnedSuggestions(t *testing.T) {
	t.Parallel()
	dir := learnSite(t)
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "winter.md"),
		"---\ntitle: Sourdough in winter\n---\nMy starter is sluggish in winter, so the dough proofs in the oven with the light on, then I score the loaf and bake it in a pot.\n")
	load := func() (*loader.Result, error) { return loader.Load(dir, loader.Options{}) }
	for _, tc := range []struct {
		name string
		w, h int
	}{
		{"learned_120x40", 120, 40},
		{"learned_80x24", 80, 24},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriverWith(t, tc.w, tc.h, map[string]string{"NO_COLOR": "1"}, Options{LoadResult: load, Source: "kitchen", WorkDir: work})
			d.keys("S").typeText("winter.md").keys("enter", "j")
			view := d.m.View().Content
			if w, h := lipgloss.Size(view); w > tc.w || h != tc.h {
				t.Fatalf("the view is %dx%d in a %dx%d window", w, h, tc.w, tc.h)
			}
			golden.RequireEqual(t, ansi.Strip(view))
		})
	}
}

// TestSuggestionsWeighedBeforeAReload: suggestions that arrive after a
// reload name the new taxonomy's terms, not the old one's.
func TestSuggestionsWeighedBeforeAReload(t *testing.T) {
	t.Parallel()
	d := newSiteDriver(t, 120, 40, "")
	d.keys("S").typeText("testdata/content/rye.md")
	weigh := d.update(press("enter")) // not run yet
	old := d.graph()
	d.send(reloadMsg{why: "Reloaded for the test."})
	if d.graph() == old {
		t.Fatal("the reload kept the graph")
	}
	d.run(weigh)
	d.wantScreen("Bread Basics")
	for _, it := range d.m.suggest.items {
		if d.graph().Get(it.term.ID) != it.term {
			t.Errorf("%s is the old taxonomy's term", it.term.ID)
		}
	}
}
