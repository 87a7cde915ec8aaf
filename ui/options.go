package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"taxo/ui/launch"
)

// Options set up the browser; they are launch's, so that a caller builds
// them without linking the browser.
type Options = launch.Options

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
