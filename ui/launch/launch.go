// Package launch is what a caller hands taxo's browser: its Options, the
// Progress a load reports to, and the user's editor. It has no Bubble Tea
// in it, so that the command line builds a browser's options, and opens
// the config in an editor, without linking the browser: main passes
// ui.Run to the command line, which calls it only to browse.
package launch

import (
	"context"
	"os/exec"
	"strings"

	"taxo/loader"
	"taxo/model"
	"taxo/ui/prefs"
)

// Browser opens the browser with opts until the user quits; ui.Run is
// one.
type Browser func(ctx context.Context, opts Options) error

// Options set up the browser.
type Options struct {
	// Load reads the taxonomy. It runs in a tea.Cmd, so the first frame
	// does not wait for it, and again after the editor closes.
	Load func() (*model.Taxonomy, error)
	// LoadResult, when set, reads the taxonomy as the loader gives it, in
	// place of Load: on a Hugo site the browser then shows one language
	// at a time (Lang first), the site's pages and their bodies. It runs
	// in a tea.Cmd, as Load does.
	LoadResult func() (*loader.Result, error)
	// Lang is the language shown first on a site: a language code the
	// site has, its default when "". The terms read so far, shown while
	// the first load runs, are this language's only, so a caller that
	// knows the site (loader.ReadSite) names its default here.
	Lang string
	// Progress, when set, is where Load reports as it goes (the loader's
	// Options.Progress and Options.Terms): the browser then shows a
	// progress bar, and the terms read so far while the first load runs.
	Progress *Progress
	// Source names the taxonomy in the header: its path, or "sample".
	Source string
	// Getenv reads NO_COLOR, COLORFGBG, VISUAL, EDITOR and HOME; os.Getenv
	// when nil.
	Getenv func(string) string
	// WorkDir is the folder a file named in the browser (to suggest terms
	// for) is relative to; the working folder when "".
	WorkDir string

	// Theme forces a dark or a light background; prefs.ThemeAuto (or "")
	// asks the terminal. NO_COLOR beats it.
	Theme prefs.Theme
	// Style is the Glamour style of the term: a built-in name or a JSON
	// style file; "" follows the theme.
	Style string
	// Width caps the columns the term is wrapped at; 0 fits the pane.
	Width int
	// NoMouse leaves the mouse to the terminal, which can then select text
	// without shift; the wheel no longer scrolls.
	NoMouse bool
	// Keys are the key bindings; nil means prefs.DefaultKeyMap.
	Keys *prefs.KeyMap
	// Changes, when set, tells of changes to the taxonomy's files; the
	// browser reloads once a burst of them has settled.
	Changes <-chan struct{}
	// Watch, when set, starts watching the taxonomy's files and gives
	// their changes, as Changes does. It runs in a tea.Cmd, since a big
	// taxonomy has many folders to watch; if it fails, live reload is off
	// and the status line says why.
	Watch func() (<-chan struct{}, error)
	// Busy, when set, tells that a tool is changing the files and will
	// say when it is done (git holds its index's lock): a reload waits
	// for it, as for the files to settle.
	Busy func() bool
	// TagPage, when set, is a content page (its path from the site's
	// root) to open the tagging screen on once the taxonomy is in: taxo
	// tag FILE.
	TagPage string
	// Notice is said on the status line once the taxonomy is in, such as
	// why live reload is off.
	Notice string
}

// Editor is the user's editor opening path: $VISUAL, else $EDITOR, else
// vi, as git and lazygit choose; the variable may hold arguments ("code
// --wait").
func Editor(getenv func(string) string, path string) *exec.Cmd {
	editor := strings.Fields(getenv("VISUAL"))
	if len(editor) == 0 {
		editor = strings.Fields(getenv("EDITOR"))
	}
	if len(editor) == 0 {
		editor = []string{"vi"}
	}
	return exec.Command(editor[0], append(editor[1:], path)...)
}
