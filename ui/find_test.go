package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

var ctrlF = press("ctrl+f")

// occurrences counts a word in the term's text, ignoring case, as a reader
// counting on the screen would: the term is shown whole in a window tall
// enough for it.
func occurrences(t *testing.T, query, word string) int {
	t.Helper()
	d := newDriver(t, 120, 200, nil)
	d.keys("/").typeText(query).keys("enter")
	_, right, _ := strings.Cut(d.body(), "\n") // less the header
	n := 0
	for l := range strings.SplitSeq(right, "\n") {
		if _, term, ok := strings.Cut(ansi.Strip(l), "│"); ok {
			n += strings.Count(strings.ToLower(term), word)
		}
	}
	return n
}

// currentMatchInView reports whether the find's current match is on the
// screen: without colour, it is the one match in reverse video.
func (d *driver) currentMatchInView(word string) bool {
	view := d.m.View().Content
	return strings.Contains(strings.ToLower(view), "\x1b[7m"+word+"\x1b[m")
}

func TestFindInTheTerm(t *testing.T) {
	t.Parallel()
	n := occurrences(t, "curing", "salt")
	if n < 5 {
		t.Fatalf("Curing shows salt %d times; the test wants a term with many", n)
	}
	d := newDriver(t, 120, 40, map[string]string{"NO_COLOR": "1"})
	d.keys("/").typeText("curing").keys("enter")
	d.send(ctrlF)
	d.wantOn("find", "ctrl+f")
	d.typeText("salt")
	d.wantScreen("find: salt", fmt.Sprintf("1/%d", n))
	if !d.currentMatchInView("salt") {
		t.Fatal("the first match is not in view")
	}

	// enter keeps the find; n and N move between the matches, round the
	// ends, and scroll each into view.
	d.keys("enter")
	d.wantOn("term+find", "enter")
	d.wantScreen(fmt.Sprintf(`find "salt"  1/%d`, n))
	for i := 2; i <= n; i++ {
		d.keys("n")
		d.wantScreen(fmt.Sprintf("%d/%d", i, n))
		if !d.currentMatchInView("salt") {
			t.Fatalf("match %d of %d is not in view", i, n)
		}
	}
	d.keys("n")
	d.wantScreen("Back to the first match.")
	if !d.currentMatchInView("salt") {
		t.Fatal("n at the last match does not bring the first into view")
	}
	d.keys("N")
	d.wantScreen("On to the last match.")
	if !d.currentMatchInView("salt") {
		t.Fatal("N at the first match does not bring the last into view")
	}

	// esc ends the find before it goes back.
	d.keys("esc")
	d.wantOn("term", "esc")
	d.wantNotScreen(`find "salt"`, "esc end find")
	if d.currentMatchInView("salt") {
		t.Fatal("the matches are still marked once the find ends")
	}
	d.keys("n") // no longer a find key
	d.wantNotScreen("/" + fmt.Sprint(n))
}

func TestFindMarksTheMatches(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, map[string]string{"NO_COLOR": "1"})
	d.keys("/").typeText("curing").keys("enter")
	unmarked := d.body()
	d.send(ctrlF)
	d.typeText("nitrite")
	view := d.m.View().Content
	// Without colour the current match is in reverse video, the others
	// underlined.
	if !strings.Contains(view, "\x1b[7mnitrite\x1b[m") && !strings.Contains(view, "\x1b[7mNitrite\x1b[m") {
		t.Fatalf("the current match is not in reverse video:\n%q", view)
	}
	if !underlined("nitrite").MatchString(view) {
		t.Errorf("the other matches are not underlined:\n%q", view)
	}
	// Marking changes the looks of the pane, not its text.
	if marked := d.body(); ansi.Strip(marked) != ansi.Strip(unmarked) || marked == unmarked {
		t.Errorf("marked, the screen reads:\n%s\nunmarked:\n%s", ansi.Strip(marked), ansi.Strip(unmarked))
	}
}

func TestFindFromWhereThePaneIs(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 80, 24, map[string]string{"NO_COLOR": "1"})
	d.keys("/").typeText("curing").keys("enter", "G")
	bottom := d.body()
	d.send(ctrlF)
	d.typeText("salt")
	// From the bottom, the first match is one in view, or the first of all
	// when none is below.
	if !d.currentMatchInView("salt") {
		t.Fatalf("from the bottom the find does not start in view:\n%s", d.screen())
	}
	// esc while typing ends the find where it began.
	d.keys("esc")
	d.wantOn("term", "esc while typing")
	if ansi.Strip(d.body()) != ansi.Strip(bottom) {
		t.Fatalf("esc leaves the term at\n%s\nwant where the find began:\n%s", d.screen(), ansi.Strip(bottom))
	}
}

func TestFindEnds(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("/").typeText("curing").keys("enter")
	d.send(ctrlF)
	d.typeText("zzqx").keys("enter")
	d.wantScreen(`No match for "zzqx".`)
	d.wantOn("term", "enter on no match")
	d.wantNotScreen("esc end find")

	// Another term ends the find: here, following a link.
	d.send(ctrlF)
	d.typeText("salt").keys("enter", "tab", "enter")
	d.wantNotScreen("esc end find", `find "salt"`)
	// So does the focus going back to the list.
	d.keys("esc", "esc")
	d.send(ctrlF)
	d.typeText("salt").keys("enter", "shift+tab")
	for range 50 {
		if d.isOn("list") {
			break
		}
		d.keys("shift+tab")
	}
	d.wantOn("list", "shift+tab through the links")
	d.wantNotScreen(`find "salt"`)
	// ctrl+f with no term shown does nothing.
	d.keys("/").typeText("zzzz").keys("enter")
	d.send(ctrlF)
	d.wantOn("list", "ctrl+f with no term")
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
