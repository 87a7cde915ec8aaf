package ui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"taxo/ui/prefs"
)

// The browser reads the keys it is given: a rebound key does the action,
// the old one no longer does, and the help line shows the new one.
func TestReboundKeysDrive(t *testing.T) {
	t.Parallel()
	km := prefs.DefaultKeyMap()
	for action, keys := range map[string][]string{
		"quit": {"x"}, "down": {"n", "down"}, "tab-tags": {"T"}, "tags": {"ctrl+t"}, "cancel": {"ctrl+g"},
		"instructions": {"I"},
	} {
		if err := km.Rebind(action, keys); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriverWith(t, 120, 40, nil, Options{Keys: &km})
	d.wantScreen("x quit", "I instructions")
	d.wantNotScreen("q quit")
	d.keys("n")
	if d.selected() != "concepts/ingredient" {
		t.Fatalf("n (down) selects %s, want the second term", d.selected())
	}
	d.keys("j")
	if d.selected() != "concepts/ingredient" {
		t.Fatalf("j, no longer down, selects %s", d.selected())
	}
	d.keys("T")
	d.wantScreen("› # Mise en Place") // the first tag
	if d.selected() != "tags/mise-en-place" {
		t.Fatalf("T selects %s, want the first tag", d.selected())
	}
	d.send(tea.KeyPressMsg{Code: 't', Mod: tea.ModCtrl})
	d.wantScreen("Filter by tags")
	d.send(tea.KeyPressMsg{Code: 'g', Mod: tea.ModCtrl})
	d.wantNotScreen("Filter by tags")
	quits := func() bool {
		return slices.ContainsFunc(d.sent, func(m tea.Msg) bool { _, ok := m.(tea.QuitMsg); return ok })
	}
	d.keys("q")
	if quits() {
		t.Fatal("q, no longer quit, quits")
	}
	d.keys("x")
	if !quits() {
		t.Fatalf("x does not quit: sent %#v", d.sent)
	}
}

func TestMoved(t *testing.T) {
	t.Parallel()
	km := prefs.DefaultKeyMap()
	for _, tc := range []struct {
		name string
		msg  tea.Msg
		want int
	}{
		{"up", press("k"), 9},
		{"down", press("down"), 11},
		{"page up", press("pgup"), 4},
		{"page down", press("pgdown"), 16},
		{"top", press("g"), 0},
		{"bottom", press("G"), 99},
		{"wheel up", tea.MouseWheelMsg{Button: tea.MouseWheelUp}, 7},
		{"wheel down", tea.MouseWheelMsg{Button: tea.MouseWheelDown}, 13},
		{"another key", press("x"), 10},
	} {
		if got := moved(km, tc.msg, 10, 6, 3, 99); got != tc.want {
			t.Errorf("%s: 10 moves to %d, want %d", tc.name, got, tc.want)
		}
	}
}
