package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"taxo/model"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

func TestThemeOption(t *testing.T) {
	t.Parallel()
	// A forced theme beats COLORFGBG and the terminal's answer.
	d := newDriverWith(t, 120, 40, map[string]string{"COLORFGBG": "15;0"}, Options{Theme: prefs.ThemeLight})
	if d.m.sh.styles.Glamour != render.StyleLight {
		t.Fatalf("--theme light with a dark COLORFGBG renders with %s", d.m.sh.styles.Glamour)
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if d.m.sh.styles.Glamour != render.StyleLight {
		t.Fatalf("--theme light after a dark answer renders with %s", d.m.sh.styles.Glamour)
	}
	if cmd := d.m.Init(); cmd != nil {
		for _, msg := range flatten1(cmd) {
			if _, ok := msg.(tea.BackgroundColorMsg); ok {
				t.Fatal("with a theme forced, the terminal is still asked its background")
			}
		}
	}

	d = newDriverWith(t, 120, 40, map[string]string{"COLORFGBG": "0;15"}, Options{Theme: prefs.ThemeDark})
	if d.m.sh.styles.Glamour != render.StyleDark {
		t.Fatalf("--theme dark with a light COLORFGBG renders with %s", d.m.sh.styles.Glamour)
	}

	// NO_COLOR beats a theme.
	d = newDriverWith(t, 120, 40, map[string]string{"NO_COLOR": "1"}, Options{Theme: prefs.ThemeDark})
	if d.m.sh.styles.Glamour != render.StylePlain || colourSGR(d.m.View().Content) != "" {
		t.Fatalf("NO_COLOR with --theme dark renders with %s", d.m.sh.styles.Glamour)
	}
}

// flatten1 runs the commands of a batch that return at once; it skips the
// load, which the driver has run already.
func flatten1(cmd tea.Cmd) []tea.Msg {
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			if c != nil {
				if m := c(); m != nil {
					out = append(out, m)
				}
			}
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestStyleOption(t *testing.T) {
	t.Parallel()
	d := newDriverWith(t, 120, 40, nil, Options{Style: "dracula"})
	if d.m.sh.styles.Glamour != "dracula" || d.m.detail.doc == nil || !d.m.detail.exact {
		t.Fatalf("style dracula: rendered with %s, exact %v", d.m.sh.styles.Glamour, d.m.detail.exact)
	}
	// The terminal's background changes the browser's colours, not the style chosen.
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if d.m.sh.styles.Glamour != "dracula" {
		t.Fatalf("after a light answer the style is %s", d.m.sh.styles.Glamour)
	}
}

func TestWidthOption(t *testing.T) {
	t.Parallel()
	d := newDriverWith(t, 160, 40, nil, Options{Width: 50})
	if w := d.m.detail.renderWidth(); w != 50 {
		t.Fatalf("width 50 in a wide pane renders at %d", w)
	}
	for _, l := range d.m.detail.doc.lines {
		if n := lipgloss.Width(l); n > 50 {
			t.Fatalf("a line is %d wide with width 50: %q", n, l)
		}
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if w := d.m.detail.renderWidth(); w != 50 {
		t.Fatalf("width 50 in an 80-column window renders at %d", w)
	}
	d.send(tea.WindowSizeMsg{Width: 45, Height: 24})
	if w := d.m.detail.renderWidth(); w != 44 {
		t.Fatalf("a 45-column window does not narrow width 50: %d", w)
	}
}

func TestMouseOption(t *testing.T) {
	t.Parallel()
	if mode := newDriver(t, 100, 30, nil).m.View().MouseMode; mode != tea.MouseModeCellMotion {
		t.Fatalf("the mouse is off by default: %v", mode)
	}
	if mode := newDriverWith(t, 100, 30, nil, Options{NoMouse: true}).m.View().MouseMode; mode != tea.MouseModeNone {
		t.Fatalf("mouse off still takes the mouse: %v", mode)
	}
}

func TestNoticeIsSaidOnceLoaded(t *testing.T) {
	t.Parallel()
	d := newDriverWith(t, 120, 40, nil, Options{Notice: "Live reload is off: too many folders"})
	d.wantScreen("Live reload is off: too many folders")
	d.keys("j")
	d.wantNotScreen("Live reload is off")
}

// TestLiveReloadDebounces drives the messages of live reload: each change
// on disk pushes the reload back, only the last one's timer reloads, and a
// change while a load runs brings another load after it.
func TestLiveReloadDebounces(t *testing.T) {
	t.Parallel()
	loads := 0
	load := func() (*model.Taxonomy, error) { loads++; return loadSample() }
	d := newDriverWith(t, 120, 40, nil, Options{Load: load, Source: "sample"})
	d.keys("3", "j", "j", "pgdown")
	selected, offset := d.selected(), d.m.detail.offset
	d.m.quiet = time.Millisecond
	loads = 0

	for range 3 {
		d.send(filesChangedMsg{})
	}
	var due []reloadDueMsg
	for _, m := range d.sent {
		if r, ok := m.(reloadDueMsg); ok {
			due = append(due, r)
		}
	}
	if len(due) != 3 || due[2].seq != 3 {
		t.Fatalf("three changes scheduled %v", due)
	}
	d.send(due[0])
	d.send(due[1])
	if loads != 0 {
		t.Fatalf("a timer of an earlier change reloaded (%d loads)", loads)
	}
	d.send(due[2])
	if loads != 1 {
		t.Fatalf("the last change's timer made %d loads, want 1", loads)
	}
	if d.selected() != selected || d.m.detail.offset != offset || d.m.list.tab != tabTags {
		t.Fatalf("after the reload: selected %s (was %s), offset %d (was %d), tab %d", d.selected(), selected, d.m.detail.offset, offset, d.m.list.tab)
	}
	d.wantScreen("Reloaded: files changed on disk.")

	// A change that settles while a load runs reloads once more after it.
	next, cmd := d.m.Update(reloadDueMsg{seq: d.m.changes})
	d.m = next.(Model)
	if cmd == nil || !d.m.loading {
		t.Fatal("a due reload did not start a load")
	}
	d.send(filesChangedMsg{})
	d.send(reloadDueMsg{seq: d.m.changes})
	if !d.m.reloadAgain {
		t.Fatal("a change during a load is not kept for after it")
	}
	loads = 0
	d.run(cmd) // the first load arrives and starts the second
	if loads != 2 || d.m.loading || d.m.reloadAgain {
		t.Fatalf("after a change during a load: %d loads, loading %v, again %v", loads, d.m.loading, d.m.reloadAgain)
	}
}

func TestChangesChannelFeedsReloads(t *testing.T) {
	t.Parallel()
	changes := make(chan struct{}, 1)
	m := New(Options{Load: loadSample, Changes: changes, Getenv: func(string) string { return "" }})
	wait := m.waitForChange()
	if wait == nil {
		t.Fatal("no command waits for changes")
	}
	changes <- struct{}{}
	if _, ok := wait().(filesChangedMsg); !ok {
		t.Fatal("a change on the channel does not become filesChangedMsg")
	}
	close(changes)
	if msg := wait(); msg != nil {
		t.Fatalf("a closed channel gives %#v", msg)
	}
	if New(Options{Load: loadSample}).waitForChange() != nil {
		t.Fatal("without a channel, something still waits for changes")
	}
}

func TestNeighbourhoodScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("kimchi").keys("enter", "v")
	if d.m.mode != modeNeighbours {
		t.Fatal("v does not open the neighbourhood")
	}
	d.wantScreen("Around Kimchi", "up to 2 links away", "├─→ ◆ Tradition", "→ ■ Fermentation", "→ # Lacto-Fermentation", "├─← # Mise en Place")
	// Every row but the first has a branch, and the tree's lines line up.
	rows := d.m.around.rows
	if len(rows) < 8 || rows[0].term.ID != "tags/kimchi" || rows[0].branch != "" {
		t.Fatalf("the tree starts %v", rows[:min(3, len(rows))])
	}
	for _, r := range rows[1:] {
		if !strings.HasSuffix(r.branch, "├─") && !strings.HasSuffix(r.branch, "└─") || len([]rune(r.branch)) != 3*r.depth-1 {
			t.Fatalf("row %s has the branch %q at depth %d", r.term.ID, r.branch, r.depth)
		}
	}
	// Down to a term two links away, then open it: it is a link followed.
	target := -1
	for i, r := range rows {
		if r.depth == 2 {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("nothing two links away from Kimchi")
	}
	for range target {
		d.keys("j")
	}
	want := rows[target].term.ID
	d.keys("enter")
	if d.m.mode != modeBrowse || d.shown() != want {
		t.Fatalf("enter on %s: mode %v, shown %s", want, d.m.mode, d.shown())
	}
	d.keys("[")
	if d.shown() != "tags/kimchi" {
		t.Fatalf("back after opening from the tree shows %s", d.shown())
	}
	d.keys("v", "esc")
	if d.m.mode != modeBrowse {
		t.Fatal("esc does not close the neighbourhood")
	}
}

func TestNeighbourhoodFitsEverySize(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}, {60, 15}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("2", "j", "v", "G")
		view := d.m.View().Content
		if w, h := lipgloss.Size(view); w > size[0] || h != size[1] {
			t.Fatalf("the neighbourhood is %dx%d in a %dx%d window", w, h, size[0], size[1])
		}
		if sel := d.m.around.selected(); sel == nil || !strings.Contains(d.screen(), sel.DisplayTitle()) {
			t.Fatalf("at %dx%d the cursor's term is not on the screen", size[0], size[1])
		}
	}
}
