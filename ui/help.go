package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpScreen is every key, one column per group, the columns flowing into
// rows when the window is narrow so that no key is ever cut off; what does
// not fit the height scrolls.
type helpScreen struct {
	basic
	sh            *shared
	lines         []string // the columns laid out at the width
	page          pager    // over lines, under the title
	width, height int
}

// Update scrolls and closes the screen.
func (h helpScreen) Update(msg tea.Msg) (helpScreen, tea.Cmd) {
	keys := h.sh.keys
	switch msg := msg.(type) {
	case sizeMsg:
		if msg.width != h.width {
			h.width = msg.width
			h.lines = h.layout()
		}
		h.height = max(msg.height, 1)
		h.page.setHeight(h.height - h.sh.styles.Box.GetVerticalFrameSize() - 2)
		h.page.total = len(h.lines)
		h.page.clamp()
	case stylesMsg:
		h.lines = h.layout()
	case tea.KeyPressMsg:
		if key.Matches(msg, keys.Cancel, keys.Quit, keys.Help) || msg.String() == "backspace" {
			h.sh.tell(closeMsg{from: modeHelp})
			return h, nil
		}
		h.page.scrollTo(moved(keys, msg, h.page.offset, h.page.height, 3, len(h.lines)))
	case tea.MouseWheelMsg:
		h.page.scrollTo(moved(keys, msg, h.page.offset, h.page.height, 3, len(h.lines)))
	}
	return h, nil
}

// Help is the help line of a screen that scrolls and closes.
func (h helpScreen) Help() []key.Binding { return closeHelp(h.sh.keys) }

// layout lays the groups of keys out in columns, as many side by side as
// the width holds.
func (h helpScreen) layout() []string {
	sh := h.sh
	st := sh.styles
	inner := max(h.width-st.Box.GetHorizontalFrameSize(), 20)
	titles := fullHelpTitles()
	var rows, row []string
	used := 0
	for i, group := range fullHelp(sh.keys) {
		c := st.LinkLabel.Render(titles[i]) + "\n" + sh.help.FullHelpView([][]key.Binding{group})
		w := lipgloss.Width(c) + 4
		if used > 0 && used+w > inner {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(c))
		used += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	body := strings.Join(rows, "\n\n") + "\n\n" +
		st.Dim.Render("While typing: in the filter, the search, the find, the tag picker and the S prompt.")
	return strings.Split(body, "\n")
}

// View draws the keys in view to fill width×height.
func (h helpScreen) View() string {
	st := h.sh.styles
	title := st.Title.Render("Keys") + st.Dim.Render(fmt.Sprintf("   %s or %s closes", firstKey(h.sh.keys.Help), firstKey(h.sh.keys.Cancel)))
	if h.page.offset+h.page.height < len(h.lines) {
		title += st.Dim.Render(fmt.Sprintf(" · %s for more", firstKey(h.sh.keys.Down)))
	}
	start, end := h.page.window()
	lines := append([]string{title, ""}, h.lines[start:end]...)
	return st.Box.Width(h.width).Height(h.height).MaxHeight(h.height).Render(strings.Join(lines, "\n"))
}
