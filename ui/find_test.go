package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var ctrlF = tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}

// occurrences counts a word in the detail pane's text, ignoring case, as
// a reader counting on the screen would.
func (d *driver) occurrences(word string) int {
	n := 0
	for _, l := range d.m.detail.lines(0, d.m.detail.lineCount()) {
		n += strings.Count(strings.ToLower(ansi.Strip(l)), word)
	}
	return n
}

// currentMatchInView reports whether the find's current match is on a
// line of the pane in view.
func (d *driver) currentMatchInView() bool {
	f := d.m.find
	if f.current >= len(f.matches) {
		return false
	}
	line := f.matches[f.current].line
	return line >= d.m.detail.offset && line < d.m.detail.offset+d.m.detail.height
}

func TestFindInTheTerm(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("curing").keys("enter")
	d.send(ctrlF)
	if d.m.mode != modeFind || d.m.focus != paneDetail {
		t.Fatalf("ctrl+f: mode %v, focus %v", d.m.mode, d.m.focus)
	}
	d.typeText("salt")
	n := d.occurrences("salt")
	if n < 5 {
		t.Fatalf("Curing shows salt %d times; the test wants a term with many", n)
	}
	if len(d.m.find.matches) != n {
		t.Fatalf("the find has %d matches, the pane shows salt %d times", len(d.m.find.matches), n)
	}
	d.wantScreen("find: salt", fmt.Sprintf("1/%d", n))
	if !d.currentMatchInView() {
		t.Fatal("the first match is not in view")
	}

	// enter keeps the find; n and N move between the matches, round the
	// ends, and scroll each into view.
	d.keys("enter")
	if d.m.mode != modeBrowse || !d.m.find.active {
		t.Fatalf("enter: mode %v, find on %v", d.m.mode, d.m.find.active)
	}
	d.wantScreen(fmt.Sprintf(`find "salt"  1/%d`, n), "n/N next/prev match")
	for i := 2; i <= n; i++ {
		d.keys("n")
		d.wantScreen(fmt.Sprintf("%d/%d", i, n))
		if !d.currentMatchInView() {
			t.Fatalf("match %d of %d is not in view", i, n)
		}
	}
	d.keys("n")
	d.wantScreen("Back to the first match.")
	if d.m.find.current != 0 || !d.currentMatchInView() {
		t.Fatalf("n at the last match goes to match %d", d.m.find.current+1)
	}
	d.keys("N")
	d.wantScreen("On to the last match.")
	if d.m.find.current != n-1 || !d.currentMatchInView() {
		t.Fatalf("N at the first match goes to match %d", d.m.find.current+1)
	}

	// esc ends the find before it goes back.
	d.keys("esc")
	if d.m.find.active || d.m.focus != paneDetail || len(d.m.detail.found) != 0 {
		t.Fatalf("esc: find on %v, focus %v, %d marked", d.m.find.active, d.m.focus, len(d.m.detail.found))
	}
	d.wantNotScreen(`find "salt"`)
	d.keys("n") // no longer a find key
	d.wantNotScreen("/" + fmt.Sprint(n))
}

func TestFindMarksTheMatches(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, map[string]string{"NO_COLOR": "1"})
	d.keys("/").typeText("curing").keys("enter")
	d.send(ctrlF)
	d.typeText("nitrite")
	view := d.m.View().Content
	// Without colour the current match is in reverse video, the others
	// underlined.
	if !strings.Contains(view, "\x1b[7mnitrite\x1b[m") && !strings.Contains(view, "\x1b[7mNitrite\x1b[m") {
		t.Fatalf("the current match is not in reverse video:\n%q", view)
	}
	if len(d.m.find.matches) > 1 && !underlined("nitrite").MatchString(view) {
		t.Errorf("the other matches are not underlined:\n%q", view)
	}
	// Marking changes the looks of the pane, not its text.
	unmarked := d.m.detail
	unmarked.found = nil
	if got, want := ansi.Strip(d.m.detail.View()), ansi.Strip(unmarked.View()); got != want || d.m.detail.View() == unmarked.View() {
		t.Errorf("marked, the pane reads:\n%s\nunmarked:\n%s", got, want)
	}
}

func TestFindFromWhereThePaneIs(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 80, 24, nil)
	d.keys("/").typeText("curing").keys("enter", "G")
	bottom := d.m.detail.offset
	d.send(ctrlF)
	d.typeText("salt")
	if m := d.m.find.matches[d.m.find.current]; m.line < bottom && d.m.find.current != 0 {
		t.Fatalf("from the bottom the find starts at line %d, above %d", m.line, bottom)
	}
	// esc while typing ends the find where it began.
	d.keys("esc")
	if d.m.find.active || d.m.detail.offset != bottom || d.m.mode != modeBrowse {
		t.Fatalf("esc: find on %v, offset %d (began at %d)", d.m.find.active, d.m.detail.offset, bottom)
	}
}

func TestFindEnds(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("curing").keys("enter")
	d.send(ctrlF)
	d.typeText("zzqx").keys("enter")
	d.wantScreen(`No match for "zzqx".`)
	if d.m.find.active {
		t.Fatal("a find with no match stays on")
	}

	// Another term ends the find: here, following a link.
	d.send(ctrlF)
	d.typeText("salt").keys("enter", "tab", "enter")
	if d.m.find.active || len(d.m.detail.found) != 0 {
		t.Fatalf("following a link to %s keeps the find", d.shown())
	}
	// So does the focus going back to the list.
	d.keys("esc", "esc")
	d.send(ctrlF)
	d.typeText("salt").keys("enter", "shift+tab")
	for d.m.focus == paneDetail {
		d.keys("shift+tab")
	}
	if d.m.find.active {
		t.Fatal("the find stays on with the focus on the list")
	}
	// ctrl+f with no term shown does nothing.
	d.keys("/").typeText("zzzz").keys("enter")
	d.send(ctrlF)
	if d.m.mode == modeFind {
		t.Fatal("ctrl+f opens a find with no term shown")
	}
}

func TestFindIn(t *testing.T) {
	t.Parallel()
	lines := []string{
		"Salt and salt",
		"\x1b[1mbold salt\x1b[m here",
		"日本 salt",
		"no match",
	}
	for _, tc := range []struct {
		query string
		want  []findMatch
	}{
		{"salt", []findMatch{{0, 0, 4}, {0, 9, 13}, {1, 5, 9}, {2, 5, 9}}},
		{"Salt", []findMatch{{0, 0, 4}}}, // a capital makes case count
		{"aa", nil},
		{"", nil},
	} {
		got := findIn(lines, tc.query)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("findIn(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
	// Matches do not overlap.
	if got := findIn([]string{"aaaa"}, "aa"); len(got) != 2 {
		t.Errorf("aa in aaaa: %v", got)
	}
}

func TestMarkCells(t *testing.T) {
	t.Parallel()
	line := "\x1b[1mbold\x1b[m \x1b[32mgreen text\x1b[m"
	got := markCells(line, 5, 10, func(s ...string) string { return "<" + strings.Join(s, "") + ">" })
	if ansi.Strip(got) != "bold <green> text" {
		t.Fatalf("markCells: %q", ansi.Strip(got))
	}
	// After the mark, the text goes on in its own colour.
	if !strings.Contains(got, ">") || !strings.Contains(got[strings.Index(got, ">"):], "\x1b[32m") {
		t.Errorf("the text after the mark lost its colour: %q", got)
	}
}
