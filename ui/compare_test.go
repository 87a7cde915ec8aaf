package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// openTerm opens a term by filtering the list for it.
func (d *driver) openTerm(query string) *driver {
	d.t.Helper()
	d.keys("/").typeText(query).keys("enter")
	return d
}

func TestMarkAndCompare(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.openTerm("pickling").keys("m")
	d.wantScreen("Marked Pickling: open another term and press c to compare them.", "marked: Pickling")
	d.keys("esc", "esc")
	d.openTerm("lacto").keys("c")
	d.wantOn("compare", "c")
	// Side by side: the marked term on the left, each under its title,
	// with its Instructions rendered.
	screen := d.screen()
	var titles string
	for l := range strings.SplitSeq(screen, "\n") {
		if strings.Contains(l, "# Pickling") {
			titles = l
		}
	}
	if !strings.Contains(titles, "# Lacto-Fermentation") || strings.Index(titles, "Pickling") > strings.Index(titles, "Lacto") {
		t.Fatalf("the titles are not side by side, the marked one first:\n%s", screen)
	}
	if n := strings.Count(screen, "INSTRUCTIONS"); n != 2 {
		t.Fatalf("the screen shows INSTRUCTIONS %d times:\n%s", n, screen)
	}
	d.wantScreen("Use this tag only for preserving in vinegar", "Use this tag only for vegetables or fruit soured")

	// It scrolls, both columns together.
	top := d.screen()
	d.keys("pgdown")
	if d.screen() == top {
		t.Fatal("pgdown does not scroll the compare screen")
	}
	d.wantNotScreen("# Pickling", "# Lacto-Fermentation")
	d.keys("esc")
	d.wantOn("term", "esc")
	if d.shown() != "tags/lacto-fermentation" {
		t.Fatalf("esc shows %s", d.shown())
	}
	// m on the marked term unmarks it.
	d.keys("esc", "esc")
	d.openTerm("pickling").keys("m")
	d.wantScreen("Unmarked Pickling.")
	d.wantNotScreen("marked: Pickling")
	d.keys("c")
	d.wantScreen("Mark a term with m first")
}

func TestCompareNeedsAMarkAndAnotherTerm(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("c")
	d.wantScreen("Mark a term with m first, then press c on another to compare them.")
	d.keys("m", "c")
	d.wantScreen("Technique is the marked term: open another to compare it with.")
	d.wantOn("list", "c on the marked term")
}

func TestCompareStacksWhenNarrow(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 80, 40, nil)
	d.openTerm("pickling").keys("m", "esc", "esc")
	d.openTerm("lacto").keys("c")
	lines := strings.Split(d.screen(), "\n")
	pickling, lacto := -1, -1
	for i, l := range lines {
		if strings.Contains(l, "# Pickling") {
			pickling = i
		}
		if strings.Contains(l, "# Lacto-Fermentation") {
			lacto = i
		}
	}
	if pickling < 0 {
		t.Fatalf("the marked term is not on top:\n%s", d.screen())
	}
	if lacto >= 0 && lacto <= pickling {
		t.Fatalf("below 100 columns the terms are side by side:\n%s", d.screen())
	}
	for range 20 {
		d.keys("pgdown")
	}
	d.wantScreen("# Lacto-Fermentation")
}

// A term without Instructions says so, and a resize renders the columns
// again at the new width.
func TestCompareWithoutInstructionsAndResized(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("G", "m") // Smoking, which has no file
	d.keys("g", "c")
	d.wantScreen("# Smoking", "No Instructions.", "◆ Technique")
	// gap is where the second column starts, on the line of the titles.
	gap := func() int {
		for l := range strings.SplitSeq(d.screen(), "\n") {
			if strings.Contains(l, "◆ Technique") {
				return strings.Index(l, " │ ◆ Technique")
			}
		}
		return -1
	}
	wide := gap()
	d.send(tea.WindowSizeMsg{Width: 100, Height: 40})
	if narrow := gap(); narrow < 0 || narrow >= wide {
		t.Fatalf("after a resize the second column starts at %d (was %d):\n%s", narrow, wide, d.screen())
	}
	for _, l := range strings.Split(d.screen(), "\n") {
		if w := ansi.StringWidth(l); w > 100 {
			t.Fatalf("a line is %d columns wide in a 100-column window: %q", w, l)
		}
	}
}
