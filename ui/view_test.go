package ui

import (
	"bytes"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldenViews pins whole screens on the embedded sample at fixed sizes.
// Most are compared as plain text (the NoTTY profile), so that a layout
// change reads as a diff; one keeps its colours in the 256-colour profile.
// Refresh with: go test ./ui -run TestGoldenViews -update
func TestGoldenViews(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		w, h    int
		env     map[string]string
		keys    []string
		typed   string
		profile colorprofile.Profile
	}{
		{name: "list_and_detail_120x40", w: 120, h: 40, keys: []string{"j"}, profile: colorprofile.NoTTY},
		{name: "stacked_80x24", w: 80, h: 24, keys: []string{"/"}, typed: "sourdough", profile: colorprofile.NoTTY},
		{name: "stacked_detail_80x24", w: 80, h: 24, keys: []string{"/", "enter"}, typed: "sourdough", profile: colorprofile.NoTTY},
		{name: "tag_picker_120x40", w: 120, h: 40, keys: []string{"t"}, typed: "ferm", profile: colorprofile.NoTTY},
		{name: "help_80x24", w: 80, h: 24, keys: []string{"?"}, profile: colorprofile.NoTTY},
		{name: "problems_80x24", w: 80, h: 24, keys: []string{"!"}, profile: colorprofile.NoTTY},
		{name: "list_and_detail_dark_256", w: 120, h: 40, env: map[string]string{"COLORFGBG": "15;0"}, profile: colorprofile.ANSI256},
		{name: "list_and_detail_no_color", w: 100, h: 30, env: map[string]string{"NO_COLOR": "1"}, keys: []string{"3"}, profile: colorprofile.ANSI256},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, tc.w, tc.h, tc.env)
			if len(tc.keys) > 0 {
				d.keys(tc.keys[0])
				d.typeText(tc.typed)
				d.keys(tc.keys[1:]...)
			}
			view := d.m.View().Content
			if w, h := lipgloss.Size(view); w > tc.w || h != tc.h {
				t.Fatalf("the view is %dx%d in a %dx%d window", w, h, tc.w, tc.h)
			}
			golden.RequireEqual(t, inProfile(view, tc.profile))
		})
	}
}

// inProfile is the view as a terminal of that profile would receive it.
func inProfile(view string, p colorprofile.Profile) string {
	if p == colorprofile.NoTTY {
		return ansi.Strip(view)
	}
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	_, _ = w.WriteString(view)
	return b.String()
}
