package prefs

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestParseKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		err      string
	}{
		{in: "q", want: "q"},
		{in: "G", want: "G"},
		{in: "?", want: "?"},
		{in: "+", want: "+"},
		{in: "ctrl+f", want: "ctrl+f"},
		{in: "CTRL+F", want: "ctrl+shift+f"},
		{in: "alt+ctrl+x", want: "ctrl+alt+x"},
		{in: "ctrl++", want: "ctrl++"},
		{in: "shift+tab", want: "shift+tab"},
		{in: "PgDn", want: "pgdown"},
		{in: "escape", want: "esc"},
		{in: "space", want: "space"},
		{in: " ", want: "space"},
		{in: "f12", want: "f12"},
		{in: "ctrl+home", want: "ctrl+home"},
		{in: "é", want: "é"},
		{in: "", err: "empty"},
		{in: "shift+a", err: `write a shifted key as the character it types, such as "A"`},
		{in: "hyperdrive", err: "unknown key"},
		{in: "f64", err: "unknown key"},
		{in: "cmd+q", err: `unknown modifier "cmd"`},
		{in: "ctrl+", err: "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseKey(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseKey(%q) = %q, %v; want an error with %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseKey(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// Every key ParseKey returns must be the string Bubble Tea gives the key
// press, or key.Matches would never see it.
func TestParsedKeysMatchKeyPresses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in    string
		press tea.KeyPressMsg
	}{
		{"ctrl+f", tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}},
		{"alt+ctrl+x", tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl | tea.ModAlt}},
		{"CTRL+F", tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl | tea.ModShift}},
		{"G", tea.KeyPressMsg{Code: 'g', Mod: tea.ModShift, Text: "G"}},
		{"pgdn", tea.KeyPressMsg{Code: tea.KeyPgDown}},
		{"shift+tab", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}},
		{"space", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}},
		{"f5", tea.KeyPressMsg{Code: tea.KeyF5}},
	} {
		k, err := ParseKey(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if b := key.NewBinding(key.WithKeys(k)); !key.Matches(tt.press, b) {
			t.Errorf("%q parses to %q, which the key press %q does not match", tt.in, k, tt.press.String())
		}
	}
}

func TestRebind(t *testing.T) {
	t.Parallel()
	km := DefaultKeyMap()
	if err := km.Rebind("quit", []string{"x", "ctrl+q", "x"}); err != nil {
		t.Fatal(err)
	}
	if got := km.Quit.Keys(); !slices.Equal(got, []string{"x", "ctrl+q"}) {
		t.Errorf("quit keys = %q", got)
	}
	if h := km.Quit.Help(); h.Key != "x/ctrl+q" || h.Desc != "quit" {
		t.Errorf("quit help = %+v", h)
	}
	if err := km.Rebind("page-down", []string{"pgdown", "down"}); err != nil {
		t.Fatal(err)
	}
	if h := km.PageDown.Help().Key; h != "pgdn/↓" {
		t.Errorf("page-down help key = %q", h)
	}
	if err := km.Rebind("copy", nil); err != nil {
		t.Fatal(err)
	}
	if km.Copy.Enabled() {
		t.Error("copy bound to no key is still enabled")
	}
	if err := km.Rebind("quiet", []string{"q"}); err == nil || !strings.Contains(err.Error(), `unknown action "quiet"`) {
		t.Errorf("an unknown action: %v", err)
	}
	if err := km.Rebind("quit", []string{"hyperdrive"}); err == nil {
		t.Error("an unknown key is taken")
	}
}

func TestConflict(t *testing.T) {
	t.Parallel()
	km := DefaultKeyMap()
	if k, a, b, ok := km.Conflict(); ok {
		t.Fatalf("the defaults bind %s to both %s and %s", k, a, b)
	}
	// The defaults have enter for open and for accept: the list reads one
	// and the filter the other, never both at once. Within the tag picker
	// enter cannot be both accept and toggle.
	if err := km.Rebind("toggle", []string{"enter"}); err != nil {
		t.Fatal(err)
	}
	if k, a, b, ok := km.Conflict(); !ok || k != "enter" || a != "accept" || b != "toggle" {
		t.Errorf("toggle on enter: conflict %q %q %q %v", k, a, b, ok)
	}
	km = DefaultKeyMap()
	if err := km.Rebind("filter", []string{"t"}); err != nil {
		t.Fatal(err)
	}
	if k, a, b, ok := km.Conflict(); !ok || k != "t" || a != "filter" || b != "tags" {
		t.Errorf("filter on t: conflict %q %q %q %v", k, a, b, ok)
	}
	km = DefaultKeyMap()
	if err := km.Rebind("cancel", []string{"ctrl+c"}); err != nil {
		t.Fatal(err)
	}
	if _, a, b, ok := km.Conflict(); !ok || a != "force-quit" || b != "cancel" {
		t.Errorf("cancel on ctrl+c: conflict %q %q %v", a, b, ok)
	}
	// The tagging screen reads up and down but not page-down: space may
	// toggle there, j may not.
	km = DefaultKeyMap()
	if err := km.Rebind("tag-toggle", []string{"j"}); err != nil {
		t.Fatal(err)
	}
	if k, a, b, ok := km.Conflict(); !ok || k != "j" || a != "down" || b != "tag-toggle" {
		t.Errorf("tag-toggle on j: conflict %q %q %q %v", k, a, b, ok)
	}
}
