package ui

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
	"taxo/ui/render"
)

// loadSample reads the embedded sample as the CLI does.
func loadSample() (*model.Taxonomy, error) {
	res := loader.LoadFS(sample.FS, nil, loader.Options{})
	return model.NewTaxonomy(res.Root, res.Terms, res.Problems), nil
}

// driver runs the model as Bubble Tea would, but in the test's goroutine:
// each command is run at once and its message fed back, so that a test
// sees the screen as it is once everything asked for has arrived.
type driver struct {
	t    *testing.T
	m    Model
	sent []tea.Msg // what the program would have acted on: quit, clipboard, exec
}

func newDriver(t *testing.T, width, height int, env map[string]string) *driver {
	t.Helper()
	return newDriverWith(t, width, height, env, Options{})
}

// newDriverWith is newDriver with options; the sample is loaded unless
// they say otherwise.
func newDriverWith(t *testing.T, width, height int, env map[string]string, opts Options) *driver {
	t.Helper()
	if opts.Load == nil {
		opts.Load, opts.Source = loadSample, "sample"
	}
	opts.Getenv = func(k string) string { return env[k] }
	d := &driver{t: t, m: New(opts)}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	d.run(d.m.Init())
	if d.m.tx == nil {
		t.Fatal("the sample did not load")
	}
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	next, cmd := d.m.Update(msg)
	d.m = next.(Model)
	d.run(cmd)
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case taxonomyLoadedMsg, termRenderedMsg, editorClosedMsg,
		indexBuiltMsg, searchDoneMsg, suggestedMsg, completedMsg, compareRenderedMsg:
		d.send(msg)
	default:
		d.sent = append(d.sent, msg)
	}
}

// keys presses keys by name ("enter", "shift+tab", "j") in turn.
func (d *driver) keys(names ...string) *driver {
	d.t.Helper()
	for _, n := range names {
		d.send(press(n))
	}
	return d
}

// typeText types text a letter at a time.
func (d *driver) typeText(s string) *driver {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return d
}

func press(name string) tea.KeyPressMsg {
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "space": tea.KeySpace}
	switch {
	case name == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case name == "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case named[name] != 0:
		return tea.KeyPressMsg{Code: named[name]}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen is the view as plain text.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

func (d *driver) selected() model.ID {
	if t := d.m.list.selected(); t != nil {
		return t.ID
	}
	return ""
}

func (d *driver) shown() model.ID {
	if t := d.m.detail.term; t != nil {
		return t.ID
	}
	return ""
}

func (d *driver) wantScreen(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			d.t.Fatalf("the screen lacks %q:\n%s", p, s)
		}
	}
}

func (d *driver) wantNotScreen(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			d.t.Fatalf("the screen shows %q:\n%s", p, s)
		}
	}
}

func (d *driver) listIDs() []model.ID {
	ids := make([]model.ID, len(d.m.list.items))
	for i, t := range d.m.list.items {
		ids[i] = t.ID
	}
	return ids
}

func TestFirstScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.wantScreen("All 36", "Concepts 4", "Categories 7", "Tags 25", "› ◆ Technique", "2 problems")
	if d.shown() != "concepts/technique" {
		t.Fatalf("the detail shows %q, want the first term", d.shown())
	}
	if d.m.detail.doc == nil || !d.m.detail.exact {
		t.Fatal("the first term is not rendered")
	}
	d.wantScreen("INSTRUCTIONS")
}

func TestFirstFrameDoesNotWaitForTheLoad(t *testing.T) {
	t.Parallel()
	m := New(Options{Load: loadSample, Source: "my-site", Getenv: func(string) string { return "" }})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	got := ansi.Strip(next.(Model).View().Content)
	if !strings.Contains(got, "Loading my-site…") {
		t.Fatalf("before the load the screen is:\n%s", got)
	}
}

func TestLoadErrorQuits(t *testing.T) {
	t.Parallel()
	failed := errors.New("cannot read the taxonomy: no such folder")
	m := New(Options{Load: func() (*model.Taxonomy, error) { return nil, failed }, Getenv: func(string) string { return "" }})
	next, cmd := m.Update(taxonomyLoadedMsg{err: failed})
	if cmd == nil {
		t.Fatal("a failed load does not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("a failed load does not quit")
	}
	if next.(Model).loadErr != failed {
		t.Fatal("the load error is not kept for Run to return")
	}
}

func TestMovingPreviewsTheTerm(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("j")
	if d.selected() != "concepts/ingredient" || d.shown() != "concepts/ingredient" {
		t.Fatalf("after j: selected %s, shown %s", d.selected(), d.shown())
	}
	d.wantScreen("› ◆ Ingredient")
	d.keys("G")
	if d.selected() != "tags/smoking" {
		t.Fatalf("G selects %s, want the last term", d.selected())
	}
	d.wantScreen("Smoking (no file)", "No file defines this tag")
	d.keys("g", "k")
	if d.selected() != "concepts/technique" {
		t.Fatalf("g then k selects %s, want the first term", d.selected())
	}
}

func TestTabsShowOneKind(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	for _, tc := range []struct {
		key  string
		kind model.Kind
		n    int
	}{{"1", model.Concept, 4}, {"2", model.Category, 7}, {"3", model.Tag, 25}} {
		d.keys(tc.key)
		if len(d.m.list.items) != tc.n {
			t.Errorf("tab %s shows %d terms, want %d", tc.key, len(d.m.list.items), tc.n)
		}
		for _, term := range d.m.list.items {
			if term.Kind != tc.kind {
				t.Errorf("tab %s shows %s", tc.key, term.ID)
			}
		}
	}
	d.keys("0")
	if len(d.m.list.items) != 36 {
		t.Errorf("tab 0 shows %d terms, want all 36", len(d.m.list.items))
	}
}

func TestFilterOpensTheTopMatch(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("sour dough")
	d.wantScreen("/ sour dough", "All 1", "Tags 1")
	if d.selected() != "tags/sourdough" {
		t.Fatalf("the top match is %s", d.selected())
	}
	d.keys("enter")
	if d.m.focus != paneDetail || d.shown() != "tags/sourdough" {
		t.Fatalf("enter: focus %v, shown %s; want the detail of tags/sourdough", d.m.focus, d.shown())
	}
	d.wantScreen("INSTRUCTIONS", "/ sour dough", "esc clears")
}

func TestFilterMatchesSlugAndTitleFuzzily(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("ferm")
	got := d.listIDs()
	want := []model.ID{"categories/fermentation", "tags/fermentation", "tags/lacto-fermentation"}
	for _, id := range want {
		if !slices.Contains(got, id) {
			t.Errorf("ferm misses %s: %v", id, got)
		}
	}
	d.wantScreen("All 3", "Categories 1", "Tags 2", "Concepts 0")
	d.keys("backspace", "backspace", "backspace", "backspace").typeText("pâte")
	if d.selected() != "tags/pâte-à-choux" {
		t.Errorf("pâte selects %s", d.selected())
	}
	d.keys("esc")
	if d.m.list.query != "" || len(d.m.list.items) != 36 || d.m.mode != modeBrowse {
		t.Errorf("esc while typing leaves the query %q and %d terms", d.m.list.query, len(d.m.list.items))
	}
}

func TestEscClearsFiltersBeforeGoingBack(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("t").typeText("fermentation").keys("enter")
	d.keys("/").typeText("kim").keys("enter")
	if d.shown() != "tags/kimchi" {
		t.Fatalf("shown %s, want tags/kimchi", d.shown())
	}
	d.keys("esc") // the detail has the focus: back to the list
	if d.m.focus != paneList || d.m.list.query != "kim" {
		t.Fatalf("first esc: focus %v, query %q", d.m.focus, d.m.list.query)
	}
	d.keys("esc")
	if d.m.list.query != "" || len(d.m.list.tags) != 1 {
		t.Fatalf("second esc should clear the text filter only: query %q, %d tags", d.m.list.query, len(d.m.list.tags))
	}
	d.wantScreen("tagged Fermentation")
	d.keys("esc")
	if len(d.m.list.tags) != 0 || len(d.m.list.items) != 36 {
		t.Fatalf("third esc should clear the tag filter: %d tags, %d terms", len(d.m.list.tags), len(d.m.list.items))
	}
	d.wantNotScreen("tagged", "esc clears")
	if d.selected() != "tags/kimchi" {
		t.Errorf("clearing the filters moved the cursor to %s", d.selected())
	}
}

func TestTagPicker(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	g := d.m.tx.Graph
	fermentation := g.Get("tags/fermentation")

	d.keys("t")
	d.wantScreen("Filter by tags", "25 of 25", "Fermentation")
	d.typeText("fermentation")
	if h := d.m.picker.highlighted(); h == nil || h.ID != "tags/fermentation" {
		t.Fatalf("typing fermentation highlights %v", h)
	}
	d.keys("enter")
	want := g.TaggedWith(fermentation)
	if got := d.listIDs(); len(got) != len(want) {
		t.Fatalf("tagged Fermentation: the list has %v, want %d terms", got, len(want))
	}
	for _, term := range d.m.list.items {
		if !slices.Contains(g.Links(term, model.Tag), fermentation) {
			t.Errorf("%s is listed but not tagged Fermentation", term.ID)
		}
	}
	d.wantScreen("tagged Fermentation", fmt.Sprintf("All %d", len(want)))

	// Two tags toggled with tab keep the terms tagged with both.
	d.keys("t")
	if !d.m.picker.isChosen(fermentation) {
		t.Fatal("the picker does not start from the tags in use")
	}
	d.typeText("lacto")
	d.keys("tab", "enter")
	lacto := g.Get("tags/lacto-fermentation")
	both := g.TaggedWithAll([]*model.Term{fermentation, lacto})
	if len(d.m.list.items) != len(both) || len(both) == 0 {
		t.Fatalf("Fermentation + Lacto-Fermentation: %v, want %d terms", d.listIDs(), len(both))
	}
	d.wantScreen("tagged Fermentation + Lacto-Fermentation")

	// esc closes the picker without a change.
	d.keys("t").typeText("jam").keys("esc")
	if d.m.mode != modeBrowse || len(d.m.list.tags) != 2 {
		t.Fatalf("esc in the picker: mode %v, %d tags", d.m.mode, len(d.m.list.tags))
	}
}

func TestTagPickerCountsTaggedTerms(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("t").typeText("smoking")
	// Smoking has no file but two terms list it.
	d.wantScreen("[ ] Smoking (no file)", " 2 ")
}

func TestFollowLinkAndBack(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("3", "/").typeText("sourdough").keys("enter")
	d.keys("esc") // back to the list, with the filter on
	d.keys("tab")
	if d.m.focus != paneDetail || d.m.detail.link != 0 {
		t.Fatalf("tab from the list: focus %v, link %d", d.m.focus, d.m.detail.link)
	}
	first := d.m.detail.selectedLink()
	if first == nil || first.ID != "concepts/technique" {
		t.Fatalf("the first link of Sourdough is %v, want its concept Technique", first)
	}
	d.keys("tab", "tab")
	target := d.m.detail.selectedLink()
	if target.ID != "categories/fermentation" {
		t.Fatalf("the third link is %s", target.ID)
	}
	d.keys("pgdown")
	offset := d.m.detail.offset
	d.keys("enter")
	if d.shown() != "categories/fermentation" || d.selected() != "categories/fermentation" {
		t.Fatalf("following the link shows %s, selects %s", d.shown(), d.selected())
	}
	if d.m.list.tab != tabAll || d.m.list.query != "" {
		t.Errorf("the filters that hid the target stay: tab %d, query %q", d.m.list.tab, d.m.list.query)
	}
	d.wantScreen("Sourdough › Fermentation")

	d.keys("esc")
	if d.selected() != "tags/sourdough" || d.m.list.tab != tabTags || d.m.list.query != "sourdough" {
		t.Fatalf("back: selected %s, tab %d, query %q", d.selected(), d.m.list.tab, d.m.list.query)
	}
	if d.m.detail.link != 2 || d.m.detail.offset != offset || d.m.focus != paneDetail {
		t.Fatalf("back: link %d offset %d focus %v, want link 2 offset %d in the detail", d.m.detail.link, d.m.detail.offset, d.m.focus, offset)
	}
	d.keys("]")
	if d.shown() != "categories/fermentation" {
		t.Fatalf("] goes forward to %s", d.shown())
	}
	d.keys("[")
	if d.shown() != "tags/sourdough" {
		t.Fatalf("[ goes back to %s", d.shown())
	}
	d.keys("esc") // no more history: the focus returns to the list
	if d.m.focus != paneList || d.selected() != "tags/sourdough" {
		t.Fatalf("esc at the start of history: focus %v, selected %s", d.m.focus, d.selected())
	}
}

func TestTabCyclesThroughLinksAndBackToTheList(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	n := len(d.m.detail.links)
	if n == 0 {
		t.Fatal("Technique has no links")
	}
	for range n {
		d.keys("tab")
	}
	if d.m.detail.link != n-1 {
		t.Fatalf("after %d tabs the link is %d", n, d.m.detail.link)
	}
	d.keys("tab")
	if d.m.focus != paneList || d.m.detail.link != -1 {
		t.Fatalf("tab past the last link: focus %v, link %d", d.m.focus, d.m.detail.link)
	}
	d.keys("shift+tab")
	if d.m.focus != paneDetail || d.m.detail.link != n-1 {
		t.Fatalf("shift+tab from the list: focus %v, link %d", d.m.focus, d.m.detail.link)
	}
}

func TestInstructionsKey(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 80, 24, nil)
	d.keys("G", "i")
	d.wantScreen("Smoking has no Instructions.")
	d.keys("/").typeText("curing").keys("enter", "g")
	d.keys("i")
	if d.m.detail.offset != d.m.detail.doc.instructionsLine || d.m.detail.offset == 0 {
		t.Fatalf("i scrolls to %d, the Instructions are at %d", d.m.detail.offset, d.m.detail.doc.instructionsLine)
	}
	if !strings.Contains(strings.Split(d.screen(), "\n")[d.m.headerH+d.m.list.height+1], "┃ INSTRUCTIONS") {
		t.Fatalf("the Instructions heading is not at the top of the detail:\n%s", d.screen())
	}
}

func TestOpenKeepsTheInstructionsInView(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("/").typeText("curing").keys("enter")
		d.wantScreen("INSTRUCTIONS", "Use this tag only for salt curing")
	}
}

func TestCopyInstructions(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("curing").keys("enter", "y")
	if len(d.sent) == 0 {
		t.Fatal("y sends nothing to the terminal")
	}
	last := d.sent[len(d.sent)-1]
	got := fmt.Sprint(last)
	if fmt.Sprintf("%T", last) != "tea.setClipboardMsg" || !strings.HasPrefix(got, "**Use this tag only for salt curing") {
		t.Fatalf("y sends %T %q", last, got)
	}
	d.wantScreen("Copied the Instructions of Curing.")
	d.keys("j")
	d.wantNotScreen("Copied")
}

func TestEditIsRefusedForTheSample(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("e")
	d.wantScreen("The embedded sample cannot be edited")
	for _, msg := range d.sent {
		if strings.Contains(fmt.Sprintf("%T", msg), "exec") {
			t.Fatal("e starts an editor on the embedded sample")
		}
	}
}

func TestProblemsScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("!")
	d.wantScreen("Problems found while loading", "0 errors, 2 warnings", `tag "Smoking" matches no file`, "content/tags/curing/_index.md:32:3")
	d.keys("esc")
	if d.m.mode != modeBrowse {
		t.Fatal("esc does not close the problems")
	}
}

func TestHelpShowsEveryKey(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("?")
		for _, group := range fullHelp(d.m.sh.keys) {
			for _, b := range group {
				d.wantScreen(b.Help().Key + " ")
				d.wantScreen(b.Help().Desc)
			}
		}
		d.keys("?")
		if d.m.mode != modeBrowse {
			t.Fatal("? does not close the help")
		}
	}
}

func TestQuit(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"q", "ctrl+c"} {
		d := newDriver(t, 80, 24, nil)
		d.keys(k)
		if len(d.sent) == 0 {
			t.Fatalf("%s does nothing", k)
		}
		if _, ok := d.sent[len(d.sent)-1].(tea.QuitMsg); !ok {
			t.Fatalf("%s sends %T", k, d.sent[len(d.sent)-1])
		}
	}
	// In the filter, q is a letter.
	d := newDriver(t, 80, 24, nil)
	d.keys("/", "q")
	if d.m.list.query != "q" {
		t.Fatalf("q in the filter: query %q", d.m.list.query)
	}
}

func TestLayoutFitsEverySize(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{80, 24}, {99, 30}, {100, 30}, {120, 40}, {200, 60}, {60, 15}}
	d := newDriver(t, 80, 24, nil)
	for _, size := range sizes {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, keys := range [][]string{nil, {"tab"}, {"t"}, {"esc", "?"}, {"esc", "!"}, {"esc", "/"}} {
			d.keys(keys...)
			w, h := lipgloss.Size(d.m.View().Content)
			if w > size[0] || h != size[1] {
				t.Errorf("at %dx%d after %v the view is %dx%d", size[0], size[1], keys, w, h)
			}
		}
		d.keys("esc", "esc")
	}
}

func TestResizeStacksThePanes(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	if d.m.stacked() {
		t.Fatal("120 columns stack the panes")
	}
	if d.m.list.width+d.m.detail.width+1 != 120 || d.m.list.height != d.m.detail.height {
		t.Fatalf("side by side: list %dx%d, detail %dx%d", d.m.list.width, d.m.list.height, d.m.detail.width, d.m.detail.height)
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !d.m.stacked() || d.m.list.width != 80 || d.m.detail.width != 80 {
		t.Fatalf("80 columns: stacked %v, list %d wide, detail %d wide", d.m.stacked(), d.m.list.width, d.m.detail.width)
	}
	if !d.m.detail.exact || d.m.detail.doc == nil {
		t.Fatal("the term is not rendered again at the new width")
	}
	wide := d.m.detail.height
	d.keys("tab")
	if d.m.detail.height <= wide {
		t.Fatalf("the detail with the focus is %d rows, not more than %d", d.m.detail.height, wide)
	}
}

func TestStaleRenderingIsNotShown(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	oldKey := d.m.renderKey(d.m.detail.term)
	oldDoc := d.m.detail.doc
	// Resize without running the rendering the resize asks for.
	next, _ := d.m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	d.m = next.(Model)
	newKey := d.m.renderKey(d.m.detail.term)
	if newKey == oldKey {
		t.Fatal("the resize did not change the rendering wanted")
	}
	doc, err := renderDoc(d.m.tx.Graph, d.m.detail.term, newKey.style, newKey.width)
	if err != nil {
		t.Fatal(err)
	}
	d.send(termRenderedMsg{key: newKey, doc: doc})
	if d.m.detail.doc != doc {
		t.Fatal("the rendering for the new width is not shown")
	}
	// The rendering for the old width arrives late: it must not replace the new one.
	d.send(termRenderedMsg{key: oldKey, doc: oldDoc})
	if d.m.detail.doc != doc {
		t.Fatal("a late rendering for the old width replaced the new one")
	}
	// One for a term no longer shown is cached, not shown.
	other := d.m.tx.Graph.Get("tags/jam")
	otherKey := d.m.renderKey(other)
	d.send(termRenderedMsg{key: otherKey, doc: &termDoc{lines: []string{"JAM"}, instructionsLine: -1}})
	if d.m.detail.doc != doc || d.m.cache[otherKey] == nil {
		t.Fatal("a rendering for another term was shown, or not cached")
	}
}

func TestMouseWheelScrollsThePaneUnderIt(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.send(tea.MouseWheelMsg{X: 80, Y: 10, Button: tea.MouseWheelDown})
	if d.m.detail.offset != 3 {
		t.Fatalf("the wheel over the detail scrolls it to %d", d.m.detail.offset)
	}
	d.send(tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if d.m.list.cursor != 1 {
		t.Fatalf("the wheel over the list moves the cursor to %d", d.m.list.cursor)
	}
}

func TestNoColor(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, map[string]string{"NO_COLOR": "1"})
	if d.m.sh.styles.Glamour != render.StylePlain {
		t.Fatalf("NO_COLOR renders with %s", d.m.sh.styles.Glamour)
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	view := d.m.View().Content
	if c := colourSGR(view); c != "" {
		t.Fatalf("NO_COLOR view has the colour %q", c)
	}
	if !strings.Contains(view, "\x1b[7m") {
		t.Fatal("the cursor is not in reverse video without colour")
	}
}

// colourSGR returns the first SGR sequence in s that sets a colour.
func colourSGR(s string) string {
	for _, m := range regexp.MustCompile(`\x1b\[([0-9;:]*)m`).FindAllStringSubmatch(s, -1) {
		for p := range strings.SplitSeq(m[1], ";") {
			n, _ := strconv.Atoi(strings.Split(p, ":")[0])
			if n >= 30 && n <= 49 || n >= 90 && n <= 107 {
				return m[0]
			}
		}
	}
	return ""
}

func TestBackgroundPicksTheStyles(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	if d.m.sh.styles.Glamour != render.StyleDark {
		t.Fatalf("before the terminal answers: %s", d.m.sh.styles.Glamour)
	}
	if colourSGR(d.m.View().Content) == "" {
		t.Fatal("the dark styles have no colour")
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if d.m.sh.styles.Glamour != render.StyleLight || d.m.detail.doc == nil || !d.m.detail.exact {
		t.Fatalf("a light background: style %s, rendered %v", d.m.sh.styles.Glamour, d.m.detail.exact)
	}

	// COLORFGBG beats the terminal's answer.
	d = newDriver(t, 120, 40, map[string]string{"COLORFGBG": "0;15"})
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if d.m.sh.styles.Glamour != render.StyleLight {
		t.Fatalf("COLORFGBG=0;15 then a dark answer: %s", d.m.sh.styles.Glamour)
	}
}

func TestReloadKeepsThePlace(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("3", "/").typeText("curing").keys("enter", "pgdown")
	offset := d.m.detail.offset
	d.send(editorClosedMsg{})
	if d.shown() != "tags/curing" || d.m.list.tab != tabTags || d.m.list.query != "curing" || d.m.detail.offset != offset {
		t.Fatalf("after the reload: shown %s, tab %d, query %q, offset %d (was %d)", d.shown(), d.m.list.tab, d.m.list.query, d.m.detail.offset, offset)
	}
	d.wantScreen("Reloaded.")
}

func TestKeysTypedWhileLoadingAreKept(t *testing.T) {
	t.Parallel()
	m := New(Options{Load: loadSample, Getenv: func(string) string { return "" }})
	d := &driver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.keys("/").typeText("quick").keys("backspace", "backspace", "backspace", "backspace", "backspace").typeText("kimchi").keys("enter")
	if len(d.sent) > 0 {
		t.Fatalf("keys typed before the load sent %v", d.sent)
	}
	tx, _ := loadSample()
	d.send(taxonomyLoadedMsg{tx: tx})
	if d.shown() != "tags/kimchi" || d.m.focus != paneDetail {
		t.Fatalf("keys typed before the load: shown %s, focus %v", d.shown(), d.m.focus)
	}
}

func TestClickSelectsInTheList(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("tab")
		d.send(tea.MouseClickMsg{X: 3, Y: d.m.headerH + 2, Button: tea.MouseLeft})
		if d.selected() != "concepts/tradition" || d.m.focus != paneList {
			t.Fatalf("at %dx%d a click on the third row selects %s, focus %v", size[0], size[1], d.selected(), d.m.focus)
		}
	}
}

// TestHeaderCutsTheSource checks that a long source gives way to the tabs:
// its start is cut first, and on a narrow screen it goes, the tabs whole.
func TestHeaderCutsTheSource(t *testing.T) {
	t.Parallel()
	long := "/home/editor/sites/a-long-name-for-a-site/content"
	for _, tc := range []struct {
		name  string
		width int
		want  string // how the header starts
	}{
		{"wide", 160, "taxo " + long + "   All "},
		{"cut", 80, "taxo …"},
		{"gone", 50, "taxo  All "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDriverWith(t, tc.width, 24, map[string]string{"NO_COLOR": "1"}, Options{Load: loadSample, Source: long})
			head := ansi.Strip(strings.SplitN(d.m.headerView(), "\n", 2)[0])
			if !strings.HasPrefix(head, tc.want) {
				t.Errorf("header %q, want it to start %q", head, tc.want)
			}
			if w := ansi.StringWidth(head); w > tc.width {
				t.Errorf("header is %d cells wide on a screen of %d: %q", w, tc.width, head)
			}
			tabs := ansi.Strip(d.m.list.tabsView())
			if tc.width >= 80 && !strings.HasSuffix(head, tabs) {
				t.Errorf("header %q does not end with the whole tabs %q", head, tabs)
			}
			if tc.name == "cut" && !strings.Contains(head, "/content   All ") {
				t.Errorf("the cut source lost its end: %q", head)
			}
		})
	}
}

func TestEditorCommand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"VISUAL first", map[string]string{"VISUAL": "code --wait", "EDITOR": "nano"}, []string{"code", "--wait", "f.md"}},
		{"else EDITOR", map[string]string{"EDITOR": "nano -R"}, []string{"nano", "-R", "f.md"}},
		{"else vi", nil, []string{"vi", "f.md"}},
		{"blank is unset", map[string]string{"VISUAL": "  ", "EDITOR": "hx"}, []string{"hx", "f.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := EditorCommand(func(k string) string { return tc.env[k] }, "f.md")
			if !slices.Equal(c.Args, tc.want) {
				t.Errorf("runs %q, want %q", c.Args, tc.want)
			}
		})
	}
}
