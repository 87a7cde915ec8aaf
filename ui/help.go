package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpScreen is every key, one column per group, the columns flowing into
// rows when the window is narrow so that no key is ever cut off.
type helpScreen struct {
	basic
	sh            *shared
	width, height int
}

// Update closes the screen.
func (h helpScreen) Update(msg tea.Msg) (helpScreen, tea.Cmd) {
	keys := h.sh.keys
	switch msg := msg.(type) {
	case sizeMsg:
		h.width, h.height = msg.width, msg.height
	case tea.KeyPressMsg:
		if key.Matches(msg, keys.Cancel, keys.Quit, keys.Help) || msg.String() == "backspace" {
			h.sh.tell(closeMsg{from: modeHelp})
		}
	}
	return h, nil
}

// Help is the help line of a screen that closes.
func (h helpScreen) Help() []key.Binding { return closeHelp(h.sh.keys) }

// View draws every key to fill width×height.
func (hs helpScreen) View() string {
	sh, width, height := hs.sh, hs.width, hs.height
	st := sh.styles
	h := sh.help
	titles := fullHelpTitles()
	inner := max(width-st.Box.GetHorizontalFrameSize(), 20)
	cols := make([]string, 0, len(titles))
	for i, group := range fullHelp(sh.keys) {
		col := h.FullHelpView([][]key.Binding{group})
		cols = append(cols, st.LinkLabel.Render(titles[i])+"\n"+col)
	}
	var rows []string
	var row []string
	used := 0
	for _, c := range cols {
		w := lipgloss.Width(c) + 4
		if used > 0 && used+w > inner {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(c))
		used += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	closes := fmt.Sprintf("   %s or %s closes", firstKey(sh.keys.Help), firstKey(sh.keys.Cancel))
	body := st.Title.Render("Keys") + st.Dim.Render(closes) + "\n\n" + strings.Join(rows, "\n\n") + "\n\n" +
		st.Dim.Render("In the tag picker: type to filter, tab toggles a tag, enter applies.") + "\n" +
		st.Dim.Render(fmt.Sprintf("Tagging a page: %s toggles a term, %s adds one, %s reads it, %s shows the diff, %s writes, %s undoes.",
			firstKey(sh.keys.TagToggle), firstKey(sh.keys.TagAdd), firstKey(sh.keys.TagRead), firstKey(sh.keys.TagDiff),
			firstKey(sh.keys.TagWrite), firstKey(sh.keys.TagUndo)))
	box := st.Box
	if lipgloss.Height(body)+box.GetVerticalFrameSize() > height {
		// Short windows get the keys without the frame rather than lose some.
		box = lipgloss.NewStyle().Padding(0, 1)
	}
	return box.Width(width).Height(height).MaxHeight(height).Render(body)
}
