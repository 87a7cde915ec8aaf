package ui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/testtree"
	"taxo/loader"
	"taxo/model"
)

// allowedEscape is what the browser itself writes: colours and styles
// (SGR) and hyperlinks (OSC 8). Anything else on screen came from a file.
var allowedEscape = regexp.MustCompile(`^\x1b(\[[0-9;:]*m|\]8;[^\x07\x1b]*(\x07|\x1b\\))`)

// TestHostileTreeIsSafeOnScreen walks every term of a tree made of every
// bad input taxo knows, and the problems screen, and checks that nothing
// reaches the terminal but the browser's own styling: no title change, no
// screen clear, no bell.
func TestHostileTreeIsSafeOnScreen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mixed")
	if _, err := testtree.Write(dir); err != nil {
		t.Fatal(err)
	}
	load := func() (*model.Taxonomy, error) {
		res, err := loader.Load(dir, loader.Options{})
		if err != nil {
			return nil, err
		}
		return model.NewTaxonomy(res.Root, res.Terms, res.Problems), nil
	}
	d := &driver{t: t, m: New(Options{Load: load, Source: dir, Getenv: func(string) string { return "" }})}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.run(d.m.Init())
	if d.m.load.tx == nil {
		t.Fatal("the tree did not load")
	}
	check := func(where string) {
		t.Helper()
		v := d.m.View()
		if v.WindowTitle != "" {
			t.Errorf("%s: the browser sets the window title to %q", where, v.WindowTitle)
		}
		s := v.Content
		for i := strings.IndexByte(s, 0x1b); i >= 0; i = next(s, i) {
			if m := allowedEscape.FindString(s[i:]); m == "" {
				t.Fatalf("%s: an escape sequence from a file reaches the screen: %q", where, s[i:min(len(s), i+24)])
			}
		}
		if strings.ContainsRune(s, '\a') && !strings.Contains(s, "\x1b]8;") {
			t.Errorf("%s: a bell reaches the screen", where)
		}
		if strings.ContainsFunc(s, func(r rune) bool {
			return r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		}) {
			t.Errorf("%s: a C1 control or bidi override reaches the screen", where)
		}
	}
	n := len(d.graph().Terms())
	if n < 10 {
		t.Fatalf("only %d terms loaded", n)
	}
	for i := range n {
		check(string(d.selected()))
		if i < n-1 {
			d.keys("down")
		}
	}
	d.keys("!")
	check("the problems screen")
}

// next finds the escape after the one at i.
func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], 0x1b)
	if j < 0 {
		return -1
	}
	return i + 1 + j
}
