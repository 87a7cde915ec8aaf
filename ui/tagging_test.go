package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/loader"
	"taxo/model"
)

// tagSite copies the small site of testdata/tagsite to a folder of the
// test's and returns it with a loader that reads it as the CLI does.
func tagSite(t *testing.T) (string, func() (*model.Taxonomy, error)) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "tagsite"))); err != nil {
		t.Fatal(err)
	}
	return dir, func() (*model.Taxonomy, error) {
		res, err := loader.Load(dir, loader.Options{})
		if err != nil {
			return nil, err
		}
		return model.TaxonomyOf(res.Root, res.Graph(""), res.Problems), nil
	}
}

// tagging opens the browser on a page's tagging screen, as taxo tag FILE
// does.
func tagging(t *testing.T, page string, width, height int) (*driver, string) {
	t.Helper()
	dir, load := tagSite(t)
	d := newDriverWith(t, width, height, nil, Options{Load: load, Source: dir, TagPage: page})
	return d, dir
}

// cursorOn moves the tagging screen's cursor to the row showing text,
// from the top down.
func (d *driver) cursorOn(text string) {
	d.t.Helper()
	d.keys("g")
	for range 40 {
		for _, l := range strings.Split(d.screen(), "\n") {
			if strings.HasPrefix(l, "›") && strings.Contains(l, text) {
				return
			}
		}
		d.keys("j")
	}
	d.t.Fatalf("no row of %q under the cursor:\n%s", text, d.screen())
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTaggingFlow is the editor's round: a suggestion added, a tag
// removed, the suggestion's Instructions read beside the list, the diff,
// the write, the counts that follow, and the undo that puts the file back
// byte for byte.
func TestTaggingFlow(t *testing.T) {
	d, dir := tagging(t, "content/post/yaml.md", 120, 40)
	file := filepath.Join(dir, "content", "post", "yaml.md")
	original := readFile(t, file)
	d.wantScreen("Terms of Getting started with Go", "[x] Dev", "[x] Go", "[x] Testing", "[ ] Frameworks", "Tagging content/post/yaml.md")

	d.keys("tab") // to the tags' first suggestion
	d.wantScreen("› [ ] Frameworks", "INSTRUCTIONS", "Use for posts that weigh a framework",
		"Words of the page that fit: framework")
	d.keys("space")
	d.cursorOn("Testing")
	d.keys("space")
	d.wantScreen("+[x] Frameworks", "-[ ] Testing", "2 changes not written")

	d.keys("enter")
	d.wantScreen("tags: +Frameworks -Testing", "-  - Testing", "+  - Frameworks")
	d.keys("w")
	want := strings.Replace(original, "  - Go\n  - Testing\n", "  - Go\n  - Frameworks\n", 1)
	if got := readFile(t, file); got != want {
		t.Fatalf("after w the file is\n%s\nwant\n%s", got, want)
	}
	d.wantScreen("Wrote content/post/yaml.md: tags: +Frameworks -Testing. u undoes.", "[x] Frameworks")
	d.wantNotScreen("+[x] Frameworks", "changes not written")
	if n := d.graph().CountPages(d.graph().Get("tags/frameworks")); n != 1 {
		t.Errorf("after the write and the reload, %d pages carry Frameworks, want 1", n)
	}
	d.cursorOn("Frameworks")
	d.wantScreen("1 page")

	d.keys("u")
	if got := readFile(t, file); got != original {
		t.Fatalf("after u the file is\n%s\nwant it as it was\n%s", got, original)
	}
	d.wantScreen("Put content/post/yaml.md back as it was.", "[x] Testing", "[ ] Frameworks")
}

// TestTaggingRefusesAConcurrentChange changes the page on disk after the
// screen read it: the write is refused and the change kept, the page read
// again with the choices kept, and the next write keeps both.
func TestTaggingRefusesAConcurrentChange(t *testing.T) {
	d, dir := tagging(t, "content/post/yaml.md", 120, 40)
	file := filepath.Join(dir, "content", "post", "yaml.md")
	d.keys("tab", "space")
	theirs := strings.Replace(readFile(t, file), "needs no framework", "needs no framework at all", 1)
	if err := os.WriteFile(file, []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	d.keys("w")
	d.wantScreen("the file changed on disk since it was read", "+[x] Frameworks")
	if got := readFile(t, file); got != theirs {
		t.Fatalf("the refused write changed the file:\n%s", got)
	}
	d.keys("w")
	want := strings.Replace(theirs, "  - Testing\n", "  - Testing\n  - Frameworks\n", 1)
	if got := readFile(t, file); got != want {
		t.Fatalf("the second write gives\n%s\nwant\n%s", got, want)
	}
}

// TestTaggingGoesIntoATermAndBack reads a suggestion's whole term and
// comes back to the list as it was.
func TestTaggingGoesIntoATermAndBack(t *testing.T) {
	d, _ := tagging(t, "content/post/yaml.md", 120, 40)
	d.cursorOn("Testing")
	d.keys("space")
	d.cursorOn("Frameworks")
	d.keys("i")
	d.wantOn("term", "i on a suggestion")
	if d.shown() != "tags/frameworks" {
		t.Fatalf("i shows %s, want tags/frameworks", d.shown())
	}
	d.keys("esc")
	d.wantScreen("› [ ] Frameworks", "-[ ] Testing", "Terms of Getting started with Go")
}

// TestTaggingAddsByName types terms: one of the site's completes first,
// and a new one is said to be new.
func TestTaggingAddsByName(t *testing.T) {
	d, dir := tagging(t, "content/post/yaml.md", 120, 40)
	d.keys("a").typeText("kub")
	d.wantScreen("add: kub", "› Kubernetes  (tag, 1 page)")
	d.keys("enter")
	d.wantScreen("›+[x] Kubernetes")
	d.keys("a").typeText("Brand New")
	d.wantScreen("Brand New  (a new tag)")
	d.keys("enter")
	d.wantScreen("+[x] Brand New", "new tag")
	d.keys("a").typeText("series/Go Basics")
	d.wantScreen("Go Basics  (a new serie)")
	d.keys("enter", "w")
	got := readFile(t, filepath.Join(dir, "content", "post", "yaml.md"))
	for _, want := range []string{"  - Testing\n  - Kubernetes\n  - Brand New\n", "categories: [Dev]\nseries:\n  - Go Basics\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %q:\n%s", want, got)
		}
	}
	d.wantScreen("Brand New", "tags: +Kubernetes +Brand New (new)")

	// The undo puts the file back; the terms added stay on the screen,
	// off, and the cursor on the row it was on, to add them again.
	d.cursorOn("Brand New")
	d.keys("u")
	d.wantScreen("Put content/post/yaml.md back as it was.", "› [ ] Brand New", "[ ] Kubernetes", "[ ] Go Basics")
}

// TestTaggingOpensFromAMessage opens the screen as another screen does,
// by its message, on a page and on a path that is no page.
func TestTaggingOpensFromAMessage(t *testing.T) {
	dir, load := tagSite(t)
	d := newDriverWith(t, 100, 30, nil, Options{Load: load, Source: dir})
	d.wantOn("list", "without a page to tag")
	d.send(tagPageMsg{path: "content/tags/go/_index.md"})
	d.wantOn("list", "a term page")
	d.wantScreen("content/tags/go/_index.md is not a content page of this site")
	d.send(tagPageMsg{path: filepath.Join(dir, "content", "post", "toml.md")})
	d.wantScreen("Terms of Rust and Go", "[x] Rust", "[x] Go", "Series", "[x] Languages")
	d.keys("space", "esc")
	d.wantScreen("1 change not written: w writes, esc again leaves")
	d.keys("esc")
	d.wantOn("list", "esc twice")
}

// TestTaggingSurvivesAReload reloads the taxonomy while choices wait: they
// stay, with the cursor.
func TestTaggingSurvivesAReload(t *testing.T) {
	d, _ := tagging(t, "content/post/yaml.md", 80, 24)
	d.cursorOn("Testing")
	d.keys("space")
	d.send(reloadMsg{why: "Reloaded for the test."})
	d.wantScreen(" -[ ] Testing", "› [ ] Frameworks", "1 change not written", "Reloaded for the test.")
}

// TestTaggingInARealTerminal runs taxo tag FILE in tmux on a copy of the
// small site, from its folder: a suggestion added, a tag removed, the diff,
// the write, the undo, as a person would type them, and the file checked
// on disk after each.
func TestTaggingInARealTerminal(t *testing.T) {
	t.Parallel()
	bin := tmuxBinary(t)
	dir, _ := tagSite(t)
	file := filepath.Join(dir, "content", "post", "yaml.md")
	original := readFile(t, file)

	tm := &tmux{t: t, socket: fmt.Sprintf("taxo-test-tag-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	script := fmt.Sprintf("cd %q && %q tag content/post/yaml.md; echo TAXO-EXIT=$?; sleep 30", dir, bin)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "100", "-y", "30",
		"env", "TERM=xterm-256color", "XDG_CONFIG_HOME="+t.TempDir(), "sh", "-c", script)

	tm.waitFor("Terms of Getting started with Go", "[x] Testing", "space toggle")
	tm.keys("Tab")
	tm.waitFor("› [ ] Frameworks", "Use for posts that weigh a framework")
	tm.keys("Space")
	tm.waitFor("+[x] Frameworks")
	tm.keys("k", "Space")
	tm.waitFor("-[ ] Testing", "2 changes not written")
	tm.keys("Enter")
	tm.waitFor("tags: +Frameworks -Testing", "+  - Frameworks")
	tm.keys("w")
	tm.waitFor("Wrote content/post/yaml.md")
	want := strings.Replace(original, "  - Testing\n", "  - Frameworks\n", 1)
	if got := readFile(t, file); got != want {
		t.Fatalf("after w the file is\n%s\nwant\n%s", got, want)
	}
	tm.keys("u")
	tm.waitFor("Put content/post/yaml.md back as it was.")
	if got := readFile(t, file); got != original {
		t.Fatalf("after u the file is\n%s\nwant it as it was", got)
	}
	tm.keys("q")
	tm.waitFor("TAXO-EXIT=0")
}

// TestTaggingCountsInAColumn keeps every row's page count in one column,
// whether the row has a score (a percentage or a wider raw score) or is a
// carried term that is not suggested: a count that moved with its score's
// width was read against the wrong row.
func TestTaggingCountsInAColumn(t *testing.T) {
	d, _ := tagging(t, "content/post/yaml.md", 120, 40)
	d.wantScreen("[x] Dev", "[ ] Frameworks")
	ends := map[int][]string{}
	for _, l := range strings.Split(d.screen(), "\n") {
		left, _, _ := strings.Cut(l, "│")
		if !strings.Contains(left, "[") {
			continue
		}
		i := strings.LastIndex(left, " page")
		if i < 0 {
			continue
		}
		end := ansi.StringWidth(left[:i]) + len(" page")
		ends[end] = append(ends[end], strings.TrimSpace(left))
	}
	if len(ends) != 1 {
		t.Errorf("the rows' page counts end in %d columns, want one:\n%v\n%s", len(ends), ends, d.screen())
	}
}

// TestTaggingSaysHowManyCarryIt says the count beside the cursor's term
// in good English, one page or several.
func TestTaggingSaysHowManyCarryIt(t *testing.T) {
	d, _ := tagging(t, "content/post/yaml.md", 120, 40)
	d.cursorOn("Dev")
	d.wantScreen("categories/dev · 1 page carries it")
	d.cursorOn("Go")
	d.wantScreen("tags/go · 2 pages carry it")
}

// TestTaggingKeyOffAPage says what T does where there is no page under
// the cursor (the terms' list, a term), as L and the tab keys say why they
// cannot, instead of doing nothing.
func TestTaggingKeyOffAPage(t *testing.T) {
	dir, load := tagSite(t)
	tests := []struct {
		name string
		opts Options
		keys []string
		want string
	}{
		{"a site's list of terms", Options{Load: load, Source: dir}, []string{"T"}, "T tags a content page: choose one in the Pages tab."},
		{"a site's term", Options{Load: load, Source: dir}, []string{"enter", "T"}, "T tags a content page: choose one in the Pages tab."},
		{"the sample", Options{}, []string{"T"}, "The embedded sample has no pages to tag: run taxo on a Hugo site."},
		{"a folder of term files", Options{Load: termFolder, Source: "testdata/content"}, []string{"T"},
			"There are no pages to tag here: T tags a Hugo site's content pages."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriverWith(t, 120, 40, nil, tt.opts)
			d.keys(tt.keys...)
			d.wantScreen(tt.want)
			d.wantNotScreen("Terms of ")
		})
	}
}

// termFolder loads testdata/content, a folder of term files, no site.
func termFolder() (*model.Taxonomy, error) {
	res, err := loader.Load(filepath.Join("testdata", "content"), loader.Options{})
	if err != nil {
		return nil, err
	}
	return model.TaxonomyOf(res.Root, res.Graph(""), res.Problems), nil
}

// TestTaggingAPageOfATerm tags the page selected among those a term's
// pane lists, as T on the Pages tab does.
func TestTaggingAPageOfATerm(t *testing.T) {
	d := newSiteDriver(t, 120, 30, "")
	d.keys("/")
	d.typeText("fermentation")
	d.keys("enter", "tab", "T")
	d.wantScreen("Terms of Growing koji")
}

// TestTaggingLegendFits says what the scores are in a line the list's
// pane shows whole beside the preview: the legend cut after "learned fr…"
// left out what the other scores are.
func TestTaggingLegendFits(t *testing.T) {
	d, _ := tagging(t, "content/post/yaml.md", 120, 40)
	d.wantScreen("[ ] Frameworks", "Scores rank the terms by the page's words: higher fits better.")
	for _, l := range strings.Split(d.screen(), "\n")[:3] {
		if left, _, _ := strings.Cut(l, "│"); strings.Contains(left, "…") {
			t.Errorf("the legend is cut: %q", left)
		}
	}
}

// TestTaggingLeftWithoutWritingForgetsTheChanges: esc twice leaves
// "without writing", so the page tagged again shows it as it is on disk,
// not the choices left (which a w would then have written), nor a term
// added by name for them.
func TestTaggingLeftWithoutWritingForgetsTheChanges(t *testing.T) {
	d := newSiteDriver(t, 120, 40, "")
	d.keys("5", "/")
	d.typeText("sourdough")
	d.keys("enter", "T")
	d.wantScreen("Terms of A sourdough starter from scratch")
	d.keys("space", "a")
	d.typeText("Brand New")
	d.keys("enter")
	d.wantScreen("+[x] Brand New", "2 changes not written")
	d.keys("esc")
	d.wantScreen("esc again leaves without writing")
	d.keys("esc")
	d.wantNotScreen("Terms of A sourdough starter from scratch")
	d.keys("T")
	d.wantScreen("Terms of A sourdough starter from scratch")
	d.wantNotScreen("+[x]", "-[ ]", "Brand New", "not written")
}

// TestTaggingQuitFromATermAsks: q in a term gone into from the tagging
// screen quit at once, the changes chosen lost without a word; it says
// so first, as q on the tagging screen does, and q again quits.
func TestTaggingQuitFromATermAsks(t *testing.T) {
	quit := func(d *driver) bool {
		return slices.ContainsFunc(d.sent, func(m tea.Msg) bool { _, ok := m.(tea.QuitMsg); return ok })
	}
	d := newSiteDriver(t, 120, 40, "")
	d.keys("5", "/")
	d.typeText("sourdough")
	d.keys("enter", "T", "space", "i")
	d.wantNotScreen("Terms of A sourdough")
	d.keys("q")
	d.wantScreen("1 change not written on content/post/sourdough-starter.md")
	if quit(d) {
		t.Fatal("q quit with a change not written")
	}
	d.keys("q")
	if !quit(d) {
		t.Fatal("q again did not quit")
	}
}

// TestTaggingHelpLineAt80 keeps how to leave the screen and the key to
// every key on the help line of an 80-column window: esc close was the
// first to give way, and ? was not there at all.
func TestTaggingHelpLineAt80(t *testing.T) {
	d, _ := tagging(t, "content/post/yaml.md", 80, 24)
	d.wantScreen("[x] Dev")
	lines := strings.Split(strings.TrimRight(d.screen(), "\n "), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{"space toggle", "esc close", "? keys"} {
		if !strings.Contains(last, want) {
			t.Errorf("the help line lacks %q: %q", want, last)
		}
	}
}
