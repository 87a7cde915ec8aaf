package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"taxo/loader"
	"taxo/model"
)

// loadDir reads a folder of testdata/edges as the CLI does.
func loadDir(name string) func() (*model.Taxonomy, error) {
	return func() (*model.Taxonomy, error) {
		res, err := loader.Load("testdata/edges/"+name, loader.Options{})
		if err != nil {
			return nil, err
		}
		return model.NewTaxonomy(res.Root, res.Terms, res.Problems), nil
	}
}

// The browser's rough edges a new user hit (issue 17), each as a user sees
// it on the screen.

// TestLinksSayTheirKind: a category and a tag may share a title, so every
// group of links says its kind; the terms that list Kimchi were one
// "Used by (3) Fermentation · Fermentation · Lacto-Fermentation".
func TestLinksSayTheirKind(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 100, 40, nil)
	d.openTerm("kimchi").keys("G")
	d.wantScreen("Used by categories (1)", "Used by tags (2)", "Categories (1)", "Tags (4)")
	d.wantNotScreen("Used by (")

	d = newDriver(t, 100, 40, nil)
	d.openTerm("braising").keys("G")
	d.wantScreen("Tags mentioned in the text (1)")
}

// TestDescriptionsAreRendered: a description is markdown, rendered in the
// term pane and in compare, never shown with its marks.
func TestDescriptionsAreRendered(t *testing.T) {
	t.Parallel()
	scrum, kanban := "Scrum is a social technology for building", "A strategy for making work observable."
	for _, tc := range []struct {
		name  string
		w, h  int
		drive func(d *driver)
		want  []string
	}{
		{name: "term pane", w: 120, h: 40, drive: func(d *driver) { d.openTerm("scrum") }, want: []string{scrum}},
		{name: "compare side by side", w: 120, h: 40, drive: func(d *driver) {
			d.openTerm("scrum").keys("m", "esc", "esc")
			d.openTerm("kanban").keys("c")
		}, want: []string{scrum, kanban}},
		{name: "compare stacked", w: 80, h: 40, drive: func(d *driver) {
			d.openTerm("kanban").keys("m", "esc", "esc")
			d.openTerm("scrum").keys("c")
		}, want: []string{scrum, kanban}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDriverWith(t, tc.w, tc.h, nil, Options{Load: loadDir("marked"), Source: "marked"})
			tc.drive(d)
			d.wantScreen(tc.want...)
			d.wantNotScreen("**", "`", "_work_")
		})
	}
}

// TestBreadcrumbsAreLinksFollowed: the breadcrumbs are the links followed
// to the term shown; a term opened from the list after following a link
// starts again, and history keeps the trail for going back and forward.
func TestBreadcrumbsAreLinksFollowed(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 100, 30, nil)
	status := func() string {
		lines := strings.Split(d.screen(), "\n")
		return strings.TrimSpace(lines[len(lines)-2])
	}
	wantCrumbs := func(what, want string) {
		t.Helper()
		if got := status(); !strings.HasPrefix(got, want+"  ") {
			t.Fatalf("%s: the status line is %q, want the breadcrumbs %q", what, got, want)
		}
	}
	// Technique's first link is the first of the terms that use it.
	d.keys("tab", "enter")
	first := d.graph().Get(d.shown()).DisplayTitle()
	wantCrumbs("a link followed", "Technique › "+first)
	d.openTerm("kimchi")
	wantCrumbs("a term opened from the list", "Kimchi")
	d.keys("tab", "enter") // Kimchi's concept, Tradition
	wantCrumbs("a link from there", "Kimchi › Tradition")
	d.keys("[")
	wantCrumbs("back", "Kimchi")
	d.keys("[")
	wantCrumbs("back before the first link", "Technique")
	d.keys("]")
	wantCrumbs("forward", "Kimchi")
	d.keys("]")
	wantCrumbs("forward again", "Kimchi › Tradition")
}

// TestEmptyFolderSaysWhatWasLookedFor: a folder with no term says what
// taxo looks for and where, or that what it found could not be read,
// rather than "No terms." alone.
func TestEmptyFolderSaysWhatWasLookedFor(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		dir  string
		want []string
	}{
		{name: "no term files", dir: empty, want: []string{"No term files in " + empty + ". taxo reads:", "<slug>/_index.md", "or PATH as one file"}},
		{name: "none readable", dir: "testdata/edges/unreadable", want: []string{"No term could be read from testdata/edges/unreadable: ! lists the 1 problem."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			load := func() (*model.Taxonomy, error) {
				res, err := loader.Load(tc.dir, loader.Options{})
				if err != nil {
					return nil, err
				}
				return model.NewTaxonomy(tc.dir, res.Terms, res.Problems), nil
			}
			d := newDriverWith(t, 200, 30, nil, Options{Load: load, Source: tc.dir})
			d.wantScreen(tc.want...)
			d.wantNotScreen("Nothing selected.")
		})
	}
}

// TestOneFileSelectsItsTerm: the browser on one file starts on the file's
// own term, not on a term it lists that has no file (which sorts first,
// being a concept).
func TestOneFileSelectsItsTerm(t *testing.T) {
	t.Parallel()
	file := "testdata/edges/onefile/scaling.txt"
	load := func() (*model.Taxonomy, error) {
		res, err := loader.Load(file, loader.Options{})
		if err != nil {
			return nil, err
		}
		return model.NewTaxonomy(res.Root, res.Terms, res.Problems), nil
	}
	d := newDriverWith(t, 100, 30, nil, Options{Load: load, Source: file})
	if ids := d.listIDs(); len(ids) < 2 || ids[0] != "concepts/strategy" {
		t.Fatalf("the list is %v, want the concept Strategy first", ids)
	}
	if d.selected() != "tags/scaling" || d.shown() != "tags/scaling" {
		t.Fatalf("selected %s, shown %s; want the file's own tag, Scaling", d.selected(), d.shown())
	}
	d.wantScreen("› # Scaling", "Coordinating many teams.")
}

// TestNoFileHintKeepsThePathWhole: the hint of a term without a file puts
// the path to create on a line of its own, whole, at every width.
func TestNoFileHintKeepsThePathWhole(t *testing.T) {
	t.Parallel()
	for _, w := range []int{80, 100, 120, 200} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			d := newDriverWith(t, w, 30, nil, Options{Load: loadDir("onefile/scaling.txt"), Source: "scaling.txt"})
			d.keys("g") // the concept Strategy, which has no file
			d.wantScreen("No file defines this concept.")
			for l := range strings.SplitSeq(d.screen(), "\n") {
				if _, pane, beside := strings.Cut(l, "│"); beside {
					l = pane // the term's pane, right of the list's
				}
				if strings.Contains(l, "concepts/strategy.md") {
					if strings.TrimSpace(l) != "concepts/strategy.md" {
						t.Fatalf("the path shares its line: %q", l)
					}
					return
				}
			}
			t.Fatalf("the path is not whole on a line:\n%s", d.screen())
		})
	}
}

// TestHelpLineFitsByUse: the help line lists the keys most used first and
// drops, at the window's width, those that do not fit from the end, never
// the key to all keys; at 80 columns the list's offers tab and S.
func TestHelpLineFitsByUse(t *testing.T) {
	t.Parallel()
	helpLine := func(d *driver) string {
		lines := strings.Split(d.screen(), "\n")
		return strings.TrimRight(lines[len(lines)-1], " ")
	}
	d := newDriver(t, 80, 24, nil)
	if got, want := helpLine(d), "enter open • / filter • s search • t tags • tab links • S suggest • ? keys"; got != want {
		t.Errorf("at 80 columns the list's help line is\n%q, want\n%q", got, want)
	}
	for _, w := range []int{40, 60, 80, 99, 100, 120, 200} {
		for _, open := range []bool{false, true} {
			d := newDriver(t, w, 24, nil)
			if open {
				d.keys("enter")
			}
			line := helpLine(d)
			if !strings.HasSuffix(line, "? keys") || strings.Contains(line, "…") || len([]rune(line)) > w {
				t.Errorf("at %d columns (term open %v) the help line is %q", w, open, line)
			}
		}
	}
	// A key that fits to the column is shown.
	if line := helpLine(newDriver(t, 100, 24, nil)); !strings.HasSuffix(line, "q quit • ? keys") || len([]rune(line)) != 100 {
		t.Errorf("at 100 columns the help line is %q, want it to end with q quit", line)
	}
	if line := helpLine(newDriver(t, 200, 24, nil)); !strings.Contains(line, "v neighbourhood") {
		t.Errorf("at 200 columns the help line leaves keys out: %q", line)
	}
}

// TestHelpIsReadable: the help line's keys and words stand out from the
// background as text must (4.5:1, WCAG's contrast for text) on the darkest
// and lightest backgrounds of each theme, and stay quieter than a term.
func TestHelpIsReadable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		dark bool
		bgs  []color.Color
	}{
		{name: "dark", dark: true, bgs: []color.Color{color.Black, color.RGBA{0x28, 0x28, 0x28, 0xff}}},
		{name: "light", dark: false, bgs: []color.Color{color.White, color.RGBA{0xee, 0xee, 0xee, 0xff}}},
	} {
		st := DefaultStyles(tc.dark)
		for _, bg := range tc.bgs {
			text := contrast(st.Item.GetForeground(), bg)
			for part, style := range map[string]lipgloss.Style{"key": st.Help.ShortKey, "words": st.Help.ShortDesc, "help screen key": st.Help.FullKey} {
				c := contrast(style.GetForeground(), bg)
				if c < 4.5 || c >= text {
					t.Errorf("%s theme on %v: the help's %s contrast %.1f:1, want at least 4.5:1 and under a term's %.1f:1", tc.name, bg, part, c, text)
				}
			}
		}
	}
}

// contrast is WCAG's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is WCAG's relative luminance of a colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// TestHelpScreenListsEveryKey: the help screen (?) lists every action with
// every key bound to it (ctrl+u, ctrl+d, backspace and ctrl+c were left
// out), scrolling when the window is short.
func TestHelpScreenListsEveryKey(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 15}} {
		d := newDriver(t, size[0], size[1], nil)
		d.keys("?")
		d.wantOn("help", "?")
		seen := d.screen()
		for range 20 {
			before := d.screen()
			d.keys("pgdown")
			if d.screen() == before {
				break
			}
			seen += d.screen()
		}
		km := d.m.sh.keys
		for _, a := range km.Actions() {
			want := allKeys(*a.Binding)
			switch {
			case a.Name == "find-next" || a.Name == "find-previous":
				want = "n/N"
			case strings.HasPrefix(a.Name, "tab-") && a.Name != "tab-all":
				want = "1…9" // the numbered tabs, as one entry
			}
			if !strings.Contains(seen, want+" ") {
				t.Errorf("at %dx%d the help screen lacks %s (%q):\n%s", size[0], size[1], a.Name, want, seen)
			}
		}
		if !strings.Contains(seen, "a, /") || strings.Contains(seen, "a//") {
			t.Errorf("at %dx%d the help screen does not write the keys of tag-add as \"a, /\"", size[0], size[1])
		}
		d.keys("?")
		d.wantOn("list", "? again")
	}
}

// TestPlainWords: the neighbourhood's arrows and the suggestions' scores
// and words are said in the words the term pane and taxo suggest use, not
// "listed by the term above it", a bare "41.69" or "against: tools".
func TestPlainWords(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 80, 24, nil)
	d.keys("v")
	d.wantScreen("← uses the term above", "→ is used by the term above")
	d.wantNotScreen("listed by")

	d = newDriver(t, 80, 40, nil)
	d.keys("S").typeText(sauerkraut).keys("enter")
	d.wantOn("suggestions", "a file named")
	d.wantScreen("a score ranks the terms for this text and is not a percentage", "words that fit: ")
	d.wantNotScreen("against:")
	// The suggestion selected says what fitted it, under its score and
	// title, wherever the cursor takes it.
	for range 8 {
		lines := strings.Split(d.screen(), "\n")
		i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "│ › ") })
		if i < 0 || !strings.Contains(lines[i+1], "words that fit: ") {
			t.Fatalf("the suggestion selected is not followed by the words that fit it:\n%s", d.screen())
		}
		d.keys("j")
	}
}
