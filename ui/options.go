package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"taxo/loader"
	"taxo/model"
	"taxo/ui/prefs"
)

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

// Run shows the browser until the user quits. An error in loading the
// taxonomy ends it and is returned.
func Run(ctx context.Context, opts Options) error {
	// Lip Gloss has found the terminal's colours for stdout as the program
	// started; asking again costs a run of "tmux info" inside tmux, a
	// third of the first frame's time.
	final, err := tea.NewProgram(New(opts), tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile)).Run()
	if err != nil {
		return err
	}
	if m, ok := final.(Model); ok {
		return m.load.err
	}
	return nil
}
