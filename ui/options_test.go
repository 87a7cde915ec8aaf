package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/model"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

func TestThemeOption(t *testing.T) {
	t.Parallel()
	// A forced theme beats COLORFGBG and the terminal's answer.
	d := newDriverWith(t, 120, 40, map[string]string{"COLORFGBG": "15;0"}, Options{Theme: prefs.ThemeLight})
	if d.style() != render.StyleLight {
		t.Fatalf("--theme light with a dark COLORFGBG renders with %s", d.style())
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if d.style() != render.StyleLight {
		t.Fatalf("--theme light after a dark answer renders with %s", d.style())
	}
	if cmd := d.m.Init(); cmd != nil {
		for _, msg := range flatten1(cmd) {
			if _, ok := msg.(tea.BackgroundColorMsg); ok {
				t.Fatal("with a theme forced, the terminal is still asked its background")
			}
		}
	}

	d = newDriverWith(t, 120, 40, map[string]string{"COLORFGBG": "0;15"}, Options{Theme: prefs.ThemeDark})
	if d.style() != render.StyleDark {
		t.Fatalf("--theme dark with a light COLORFGBG renders with %s", d.style())
	}

	// NO_COLOR beats a theme.
	d = newDriverWith(t, 120, 40, map[string]string{"NO_COLOR": "1"}, Options{Theme: prefs.ThemeDark})
	if d.style() != render.StylePlain || colourSGR(d.m.View().Content) != "" {
		t.Fatalf("NO_COLOR with --theme dark renders with %s", d.style())
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
	if d.style() != "dracula" || !d.rendered() {
		t.Fatalf("style dracula: rendered with %s, rendered %v", d.style(), d.rendered())
	}
	// The terminal's background changes the browser's colours, not the style chosen.
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if d.style() != "dracula" {
		t.Fatalf("after a light answer the style is %s", d.style())
	}
}

func TestWidthOption(t *testing.T) {
	t.Parallel()
	// widest is the widest line of the term's text, beside the list at 160
	// columns, under it at 80.
	widest := func(d *driver) int {
		n, below := 0, false
		lines := strings.Split(d.screen(), "\n")
		for _, l := range lines[:len(lines)-2] { // less the status and help lines
			text := ""
			if _, right, ok := strings.Cut(l, "│"); ok {
				text = right
			} else if below {
				text = l
			}
			below = below || strings.HasPrefix(l, "────")
			n = max(n, lipgloss.Width(strings.TrimRight(text, " ")))
		}
		return n
	}
	for _, size := range [][2]int{{160, 40}, {80, 24}} {
		d := newDriverWith(t, size[0], size[1], nil, Options{Width: 50})
		if w := widest(d); w > 50 || w < 40 {
			t.Fatalf("width 50 at %dx%d: the widest line of the term is %d", size[0], size[1], w)
		}
		if w := widest(newDriver(t, size[0], size[1], nil)); w <= 60 {
			t.Fatalf("without a width the term is wrapped at %d at %dx%d", w, size[0], size[1])
		}
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
	before := d.body()
	d.m.load.quiet, d.m.load.pause = time.Millisecond, 0
	loads = 0

	// changed tells of a change on disk and returns the reload it schedules.
	changed := func() reloadDueMsg {
		t.Helper()
		for _, msg := range messagesOf(d.update(filesChangedMsg{})) {
			if r, ok := msg.(reloadDueMsg); ok {
				return r
			}
		}
		t.Fatal("a change schedules no reload")
		return reloadDueMsg{}
	}
	due := []reloadDueMsg{changed(), changed(), changed()}
	d.send(due[0])
	d.send(due[1])
	if loads != 0 {
		t.Fatalf("a timer of an earlier change reloaded (%d loads)", loads)
	}
	d.send(due[2])
	if loads != 1 {
		t.Fatalf("the last change's timer made %d loads, want 1", loads)
	}
	if after := d.body(); after != before {
		t.Fatalf("after the reload the screen is\n%s\nwant it as it was:\n%s", ansi.Strip(after), ansi.Strip(before))
	}
	d.wantScreen("Reloaded: files changed on disk.")

	// A change that settles while a load runs reloads once more after it.
	loads = 0
	running := d.update(changed()) // the load runs in this command
	if running == nil {
		t.Fatal("a due reload did not start a load")
	}
	d.send(changed())
	if loads != 0 {
		t.Fatal("a second load started while one runs")
	}
	d.run(running) // the first load arrives and starts the second
	if loads != 2 {
		t.Fatalf("after a change during a load: %d loads, want 2", loads)
	}
	// Neither is left running: the next change reloads at once.
	d.send(changed())
	if loads != 3 {
		t.Fatalf("a change after them made %d loads, want 3", loads)
	}
}

func TestChangesChannelFeedsReloads(t *testing.T) {
	t.Parallel()
	changes := make(chan struct{}, 1)
	m := New(Options{Load: loadSample, Changes: changes, Getenv: func(string) string { return "" }})
	wait := m.load.waitForChange(0)
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
	if m := New(Options{Load: loadSample}); m.load.waitForChange(0) != nil {
		t.Fatal("without a channel, something still waits for changes")
	}
}

func TestNeighbourhoodScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("kimchi").keys("enter", "v")
	d.wantOn("neighbourhood", "v")
	d.wantScreen("Around Kimchi", "up to 2 links away", "├─→ ◆ Tradition", "→ ■ Fermentation", "→ # Lacto-Fermentation", "├─← # Mise en Place")
	// The tree's rows under the title and the legend: the first is Kimchi,
	// and every other has a branch that lines up with its depth.
	var rows []string
	for l := range strings.SplitSeq(d.screen(), "\n") {
		if _, row, ok := strings.Cut(l, "│ "); ok && strings.ContainsAny(row, "◆■#") {
			rows = append(rows, strings.TrimRight(strings.TrimSuffix(strings.TrimRight(row, " "), "│"), " "))
		}
	}
	if len(rows) < 8 || rows[0] != "› # Kimchi" && rows[0] != "# Kimchi" {
		t.Fatalf("the tree starts %q", rows[:min(3, len(rows))])
	}
	branch := regexp.MustCompile(`^((│  |   )*)(├─|└─)[→←] `)
	target, want := -1, ""
	for i, r := range rows[1:] {
		m := branch.FindStringSubmatch(r)
		if m == nil {
			t.Fatalf("row %q has no branch", r)
		}
		if depth := len([]rune(m[1]))/3 + 1; depth == 2 && target < 0 {
			target, want = i+1, r[len(m[0]):]
		}
	}
	// Down to a term two links away, then open it: it is a link followed.
	if target < 0 {
		t.Fatal("nothing two links away from Kimchi")
	}
	for range target {
		d.keys("j")
	}
	d.keys("enter")
	d.wantOn("term", "enter in the tree")
	if title := d.graph().Get(d.shown()).DisplayTitle(); !strings.HasSuffix(want, title) {
		t.Fatalf("enter on %q shows %s", want, d.shown())
	}
	d.keys("[")
	if d.shown() != "tags/kimchi" {
		t.Fatalf("back after opening from the tree shows %s", d.shown())
	}
	d.keys("v", "esc")
	d.wantOn("term", "esc on the neighbourhood")
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
		if !regexp.MustCompile(`[├└]─[→←] [◆■#] `).MatchString(d.screen()) {
			t.Fatalf("at %dx%d the last row of the tree is not on the screen:\n%s", size[0], size[1], d.screen())
		}
	}
}
