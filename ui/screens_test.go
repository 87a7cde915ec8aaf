package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"taxo/ui/prefs"
)

// TestGoldenSearchScreens pins the screens of search, find, suggest and
// compare on the embedded sample, as plain text.
// Refresh with: go test ./ui -run TestGoldenSearchScreens -update
func TestGoldenSearchScreens(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		w, h  int
		opts  Options
		drive func(d *driver)
	}{
		{name: "search_120x40", w: 120, h: 40, drive: func(d *driver) { d.keys("s").typeText("brine") }},
		{name: "search_stacked_80x24", w: 80, h: 24, drive: func(d *driver) { d.keys("s").typeText("brine").keys("down") }},
		{name: "find_120x40", w: 120, h: 40, drive: func(d *driver) {
			d.openTerm("curing").send(ctrlF)
			d.typeText("salt").keys("enter", "n", "n")
		}},
		{name: "suggest_prompt_80x24", w: 80, h: 24, opts: Options{WorkDir: "/home/editor/site"}, drive: func(d *driver) {
			d.keys("S").typeText("posts/kraut.md")
		}},
		{name: "suggestions_120x40", w: 120, h: 40, drive: func(d *driver) { d.keys("S").typeText(sauerkraut).keys("enter", "j") }},
		{name: "compare_120x40", w: 120, h: 40, drive: func(d *driver) {
			d.openTerm("pickling").keys("m", "esc", "esc")
			d.openTerm("lacto").keys("c")
		}},
		{name: "compare_stacked_80x24", w: 80, h: 24, drive: func(d *driver) {
			d.openTerm("pickling").keys("m", "esc", "esc")
			d.openTerm("lacto").keys("c")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDriverWith(t, tc.w, tc.h, nil, tc.opts)
			tc.drive(d)
			view := d.m.View().Content
			if w, h := lipgloss.Size(view); w > tc.w || h != tc.h {
				t.Fatalf("the view is %dx%d in a %dx%d window", w, h, tc.w, tc.h)
			}
			golden.RequireEqual(t, inProfile(view, colorprofile.NoTTY))
		})
	}
}

// The new screens fit every size, as the others do.
func TestSearchScreensFitEverySize(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {99, 30}, {100, 30}, {200, 60}, {60, 15}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			fitsEverySize(t, size)
		})
	}
}

// fitsEverySize drives each new screen in a window of one size.
func fitsEverySize(t *testing.T, size [2]int) {
	for _, drive := range []func(d *driver){
		func(d *driver) { d.keys("s").typeText("brine") },
		func(d *driver) { d.keys("s").typeText("kind:colour") },
		func(d *driver) { d.openTerm("curing").send(ctrlF); d.typeText("salt") },
		func(d *driver) { d.keys("S").typeText("missing-file.md").keys("enter") },
		func(d *driver) { d.keys("S").typeText(sauerkraut).keys("enter", "G") },
		func(d *driver) { d.keys("m", "j", "c", "G") },
	} {
		d := newDriver(t, size[0], size[1], nil)
		drive(d)
		if w, h := lipgloss.Size(d.m.View().Content); w > size[0] || h != size[1] {
			t.Errorf("at %dx%d the view is %dx%d:\n%s", size[0], size[1], w, h, d.screen())
		}
	}
}

func TestNewActionsAreRebindable(t *testing.T) {
	t.Parallel()
	km := prefs.DefaultKeyMap()
	// tab completes in the suggest prompt and toggles in the tag picker:
	// never read at once, so no conflict.
	if k, a, b, ok := km.Conflict(); ok {
		t.Fatalf("the defaults bind %s to both %s and %s", k, a, b)
	}
	if err := km.Rebind("down", []string{"j", "n"}); err != nil {
		t.Fatal(err)
	}
	if k, a, b, ok := km.Conflict(); !ok || k != "n" || a != "down" || b != "find-next" {
		t.Errorf("down on n: conflict %q %q %q %v", k, a, b, ok)
	}
	km = prefs.DefaultKeyMap()
	for action, keys := range map[string][]string{"search": {"ctrl+s"}, "find": {"/"}, "filter": {"f"}, "page-down": {"pgdown"}, "compare": {"C"}} {
		if err := km.Rebind(action, keys); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriverWith(t, 120, 40, nil, Options{Keys: &km})
	d.keys("s")
	d.wantNotScreen("search:")
	d.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	d.wantScreen("search: ", "esc close search")
	d.keys("esc", "enter", "/")
	d.wantOn("find", "/ (find) in the term")
	d.wantScreen("find: ")
}
