package ui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/model"
	"taxo/ui/render"
)

func TestFirstScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.wantScreen("All 36", "Concepts 4", "Categories 7", "Tags 25", "› ◆ Technique", "2 problems")
	if d.shown() != "concepts/technique" {
		t.Fatalf("the detail shows %q, want the first term", d.shown())
	}
	if !d.rendered() {
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
	if err := loadErr(next.(Model)); err != failed {
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
	d.wantOn("term", "enter")
	if d.shown() != "tags/sourdough" {
		t.Fatalf("enter shows %s, want tags/sourdough", d.shown())
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
	d.wantOn("list", "esc while typing")
	d.wantScreen("All 36")
	d.wantNotScreen("/ pâte")
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
	d.wantOn("list", "first esc")
	d.wantScreen("/ kim", "tagged Fermentation")
	d.keys("esc") // clears the text filter only
	d.wantNotScreen("/ kim")
	d.wantScreen("tagged Fermentation")
	d.keys("esc") // clears the tag filter
	d.wantScreen("All 36")
	d.wantNotScreen("tagged", "esc clears")
	if d.selected() != "tags/kimchi" {
		t.Errorf("clearing the filters moved the cursor to %s", d.selected())
	}
}

func TestTagPicker(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	g := d.graph()
	fermentation := g.Get("tags/fermentation")

	d.keys("t")
	d.wantScreen("Filter by tags", "25 of 25", "Fermentation")
	d.typeText("fermentation")
	d.wantScreen("› [ ] Fermentation ")
	d.keys("enter")
	want := g.TaggedWith(fermentation)
	if got := d.listIDs(); len(got) != len(want) {
		t.Fatalf("tagged Fermentation: the list has %v, want %d terms", got, len(want))
	}
	for _, id := range d.listIDs() {
		if !slices.Contains(g.Links(g.Get(id), model.Tag), fermentation) {
			t.Errorf("%s is listed but not tagged Fermentation", id)
		}
	}
	d.wantScreen("tagged Fermentation", fmt.Sprintf("All %d", len(want)))

	// Two tags toggled with tab keep the terms tagged with both.
	d.keys("t")
	d.wantScreen("✓ Fermentation", "[x] Fermentation")
	d.typeText("lacto")
	d.keys("tab", "enter")
	lacto := g.Get("tags/lacto-fermentation")
	both := g.TaggedWithAll([]*model.Term{fermentation, lacto})
	if len(d.listIDs()) != len(both) || len(both) == 0 {
		t.Fatalf("Fermentation + Lacto-Fermentation: %v, want %d terms", d.listIDs(), len(both))
	}
	d.wantScreen("tagged Fermentation + Lacto-Fermentation")

	// esc closes the picker without a change.
	d.keys("t").typeText("jam").keys("esc")
	d.wantOn("list", "esc in the picker")
	d.wantScreen("tagged Fermentation + Lacto-Fermentation")
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
	d.wantOn("term", "tab from the list")
	if d.link() != "concepts/technique" {
		t.Fatalf("the first link of Sourdough is %q, want its concept Technique", d.link())
	}
	d.keys("tab", "tab")
	if d.link() != "categories/fermentation" {
		t.Fatalf("the third link is %s", d.link())
	}
	d.keys("pgdown")
	before := d.body()
	d.keys("enter")
	if d.shown() != "categories/fermentation" || d.selected() != "categories/fermentation" {
		t.Fatalf("following the link shows %s, selects %s", d.shown(), d.selected())
	}
	d.wantScreen("All 36", "Sourdough › Fermentation") // the filters that hid the target gave way
	d.wantNotScreen("/ sourdough")

	d.keys("esc")
	if d.selected() != "tags/sourdough" || d.link() != "categories/fermentation" {
		t.Fatalf("back: selected %s, link %s", d.selected(), d.link())
	}
	d.wantOn("term", "back")
	if after := d.body(); after != before {
		t.Fatalf("back does not bring the screen back as it was:\n%s\nwant:\n%s", ansi.Strip(after), ansi.Strip(before))
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
	d.wantOn("list", "esc at the start of history")
	if d.selected() != "tags/sourdough" {
		t.Fatalf("esc at the start of history selects %s", d.selected())
	}
}

func TestTabCyclesThroughLinksAndBackToTheList(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	links := d.links()
	n := len(links)
	if n == 0 {
		t.Fatal("Technique has no links")
	}
	for range n {
		d.keys("tab")
	}
	if d.link() != links[n-1] {
		t.Fatalf("after %d tabs the link is %s", n, d.link())
	}
	d.keys("tab")
	d.wantOn("list", "tab past the last link")
	if d.link() != "" {
		t.Fatalf("tab past the last link leaves %s selected", d.link())
	}
	d.keys("shift+tab")
	d.wantOn("term", "shift+tab from the list")
	if d.link() != links[n-1] {
		t.Fatalf("shift+tab from the list selects %s, want the last link", d.link())
	}
}

func TestInstructionsKey(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 80, 24, nil)
	d.keys("G", "i")
	d.wantScreen("Smoking has no Instructions.")
	d.keys("/").typeText("curing").keys("enter", "g")
	d.keys("i")
	// Stacked, the term with the focus starts under the header (two lines
	// with the filter), the list's four rows and the rule.
	if top := strings.Split(d.screen(), "\n")[2+4+1]; !strings.Contains(top, "┃ INSTRUCTIONS") || d.termTop() == 0 {
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
	d.wantOn("list", "esc on the problems")
}

// TestHelpShowsEveryKey: at 120x40 the help screen shows every key and
// what it does at once; smaller windows scroll it
// (TestHelpScreenListsEveryKey).
func TestHelpShowsEveryKey(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("?")
		for _, group := range fullHelp(d.m.sh.keys) {
			for _, b := range group {
				d.wantScreen(b.Help().Key + " ")
				d.wantScreen(b.Help().Desc)
			}
		}
		d.keys("?")
		d.wantOn("list", "? on the help")
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
	d.wantScreen("/ q")
	if slices.ContainsFunc(d.sent, func(m tea.Msg) bool { _, ok := m.(tea.QuitMsg); return ok }) {
		t.Fatal("q in the filter quits")
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
	// Side by side, the rule between the panes runs down every line of
	// the body, and the term's title is beside the list's first row.
	lines := strings.Split(d.screen(), "\n")
	for _, l := range lines[1 : len(lines)-2] {
		if !strings.Contains(l, "│") {
			t.Fatalf("120 columns: a line of the body has no rule between the panes:\n%s", d.screen())
		}
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !d.rendered() {
		t.Fatal("the term is not rendered again at the new width")
	}
	rule := func() int {
		for i, l := range strings.Split(d.screen(), "\n") {
			if strings.HasPrefix(l, strings.Repeat("─", 80)) {
				return i
			}
		}
		t.Fatalf("80 columns: no rule across the screen between the panes:\n%s", d.screen())
		return 0
	}
	listRows := rule()
	d.keys("tab")
	if rule() >= listRows {
		t.Fatalf("with the focus on the term, the list keeps %d rows of %d", rule(), listRows)
	}
}

func TestStaleRenderingIsNotShown(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	oldKey := d.m.term.renderKey(d.m.term.term)
	oldDoc := d.m.term.doc
	// Resize without running the rendering the resize asks for.
	next, _ := d.m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	d.m = next.(Model)
	newKey := d.m.term.renderKey(d.m.term.term)
	if newKey == oldKey {
		t.Fatal("the resize did not change the rendering wanted")
	}
	doc, err := renderDoc(context.Background(), render.RenderBudget, d.graph(), d.m.term.term, newKey.style, newKey.width)
	if err != nil {
		t.Fatal(err)
	}
	d.send(termRenderedMsg{key: newKey, doc: doc})
	if d.m.term.doc != doc {
		t.Fatal("the rendering for the new width is not shown")
	}
	// The rendering for the old width arrives late: it must not replace the new one.
	d.send(termRenderedMsg{key: oldKey, doc: oldDoc})
	if d.m.term.doc != doc {
		t.Fatal("a late rendering for the old width replaced the new one")
	}
	// One for a term no longer shown is cached, not shown.
	other := d.graph().Get("tags/jam")
	otherKey := d.m.term.renderKey(other)
	d.send(termRenderedMsg{key: otherKey, doc: &termDoc{lines: []string{"JAM"}, instructionsLine: -1}})
	if d.m.term.doc != doc || d.m.term.cache[otherKey] == nil {
		t.Fatal("a rendering for another term was shown, or not cached")
	}
}

func TestMouseWheelScrollsThePaneUnderIt(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.send(tea.MouseWheelMsg{X: 80, Y: 10, Button: tea.MouseWheelDown})
	if d.termTop() != 3 {
		t.Fatalf("the wheel over the detail scrolls it to %d", d.termTop())
	}
	d.send(tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if d.selected() != "concepts/ingredient" {
		t.Fatalf("the wheel over the list selects %s, want the second term", d.selected())
	}
}

func TestNoColor(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, map[string]string{"NO_COLOR": "1"})
	if d.style() != render.StylePlain {
		t.Fatalf("NO_COLOR renders with %s", d.style())
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
	if d.style() != render.StyleDark {
		t.Fatalf("before the terminal answers: %s", d.style())
	}
	if colourSGR(d.m.View().Content) == "" {
		t.Fatal("the dark styles have no colour")
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if d.style() != render.StyleLight || !d.rendered() {
		t.Fatalf("a light background: style %s, rendered %v", d.style(), d.rendered())
	}

	// COLORFGBG beats the terminal's answer.
	d = newDriver(t, 120, 40, map[string]string{"COLORFGBG": "0;15"})
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if d.style() != render.StyleLight {
		t.Fatalf("COLORFGBG=0;15 then a dark answer: %s", d.style())
	}
}

func TestReloadKeepsThePlace(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("3", "/").typeText("curing").keys("enter", "pgdown")
	before := d.body()
	d.send(editorClosedMsg{})
	if after := d.body(); d.shown() != "tags/curing" || after != before {
		t.Fatalf("after the reload the screen is\n%s\nwant it as it was:\n%s", ansi.Strip(after), ansi.Strip(before))
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
	d.wantOn("term", "keys typed before the load")
	if d.shown() != "tags/kimchi" {
		t.Fatalf("keys typed before the load show %s", d.shown())
	}
}

func TestClickSelectsInTheList(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("tab")
		d.send(tea.MouseClickMsg{X: 3, Y: 1 + 2, Button: tea.MouseLeft}) // under the header's one line
		d.wantOn("list", "a click in the list")
		if d.selected() != "concepts/tradition" {
			t.Fatalf("at %dx%d a click on the third row selects %s", size[0], size[1], d.selected())
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
			head := strings.SplitN(d.screen(), "\n", 2)[0]
			if !strings.HasPrefix(head, tc.want) {
				t.Errorf("header %q, want it to start %q", head, tc.want)
			}
			if w := ansi.StringWidth(head); w > tc.width {
				t.Errorf("header is %d cells wide on a screen of %d: %q", w, tc.width, head)
			}
			tabs := "All 36  Concepts 4  Categories 7  Tags 25"
			if tc.width >= 80 && !strings.HasSuffix(strings.TrimRight(head, " "), tabs) {
				t.Errorf("header %q does not end with the whole tabs %q", head, tabs)
			}
			if tc.name == "cut" && !strings.Contains(head, "/content   All ") {
				t.Errorf("the cut source lost its end: %q", head)
			}
		})
	}
}
