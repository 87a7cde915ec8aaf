package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

// The root's frame: where the panes and the screens over them go, and
// the header, the status line and the help line around them.

// geometry is where the panes are: the header, then the list and the term
// side by side, or stacked when narrow, the one with the focus the taller.
type geometry struct {
	headerH, bodyH       int
	stacked              bool
	listW, listH         int
	termW, termH         int
	boxW, boxH           int
	width                int
	focusLeft, focusTerm bool
}

func (m *Model) geometry() geometry {
	w := m.sh.width
	g := geometry{headerH: 1, stacked: w < stackBelow, width: w}
	if m.leftPane().header(w) != "" {
		g.headerH = 2
	}
	g.bodyH = max(m.sh.height-g.headerH-2, 3)
	g.focusTerm = m.focus() == placeRight
	g.focusLeft = !g.focusTerm
	if g.stacked {
		g.listW, g.termW = w, w
		g.listH = max(g.bodyH*2/5, 3)
		if g.focusTerm {
			g.listH = min(4, g.listH)
		}
		g.termH = max(g.bodyH-g.listH-1, 1)
	} else {
		g.listW = min(max(w/3, 30), 44)
		g.termW, g.listH, g.termH = w-g.listW-1, g.bodyH, g.bodyH
	}
	g.boxW, g.boxH = min(w, 72), min(g.bodyH, 24)
	return g
}

// overList reports whether the mouse is over the list's pane.
func (g geometry) overList(at tea.Mouse) bool {
	if g.stacked {
		return at.Y < g.headerH+g.listH
	}
	return at.X < g.listW
}

// focus is the pane with the focus: the term's, or the list's. Under a
// screen opened over the panes, it is the pane it was opened from.
func (m *Model) focus() place {
	md := m.nav.mode
	if len(m.nav.stack) > 0 {
		md = m.nav.stack[0]
	}
	if _, where := m.room(md); where == placeRight || where == placeStatus {
		return placeRight
	}
	return placeLeft
}

// layout gives every screen its size: the panes theirs, the screens over
// them the body or a box in it.
func (m *Model) layout() tea.Cmd {
	if m.sh.width == 0 {
		return nil
	}
	g := m.geometry()
	cmds := make([]tea.Cmd, numModes)
	for i := range numModes {
		md := mode(i)
		size := sizeMsg{width: g.width, height: g.bodyH, focused: md == m.nav.mode, shown: md == m.nav.mode}
		switch _, where := m.room(md); where {
		case placeLeft:
			size = sizeMsg{width: g.listW, height: g.listH, focused: md == m.nav.mode, shown: md == m.nav.left}
		case placeRight:
			size = sizeMsg{width: g.termW, height: g.termH, focused: g.focusTerm && md == m.nav.right, shown: md == m.nav.right}
		case placeBox:
			size.width, size.height = g.boxW, g.boxH
		case placeFull:
			size.height = m.sh.height
		case placeStatus, placeBody:
		}
		cmds[i] = m.to(md, size)
	}
	m.sh.help.SetWidth(g.width)
	return tea.Batch(cmds...)
}

// leftPane is the screen in the list's pane, as the header, the status
// line and the term read it.
func (m *Model) leftPane() interface {
	Selected() (*model.Term, []*model.Term)
	header(width int) string
	position() (at, of int)
} {
	switch m.nav.left {
	case modeHits:
		return &m.hits
	case modePages:
		return &m.pages
	default:
		return &m.list
	}
}

// drawing

// View draws the header, the screen in use, the status line and the help
// line. It leaves the terminal's title alone: terminals do not give it
// back when the program ends.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	if !m.noMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

func (m *Model) screen() string {
	if m.sh.width == 0 || m.sh.height == 0 {
		return ""
	}
	s, where := m.room(m.nav.mode)
	if where == placeFull {
		return s.view()
	}
	g := m.geometry()
	var body string
	switch where {
	case placeBox:
		body = center(s.view(), g.width, g.bodyH)
	case placeBody:
		body = s.view()
	case placeLeft, placeRight, placeStatus, placeFull:
		body = m.panesView(g)
	}
	parts := []string{m.headerView(g), fit(body, g.width, g.bodyH), m.statusView(s), m.sh.help.ShortHelpView(fitHelp(m.sh.help, m.sh.keys, s.help(), g.width))}
	return fit(strings.Join(parts, "\n"), g.width, m.sh.height)
}

func (m *Model) headerView(g geometry) string {
	st := m.sh.styles
	tabs := m.tabsView(false)
	if lang := m.languageView(); lang != "" {
		tabs = lang + "   " + tabs
	}
	if lipgloss.Width(tabs) > g.width-lipgloss.Width("taxo  ") {
		tabs = strings.Replace(tabs, m.tabsView(false), m.tabsView(true), 1)
	}
	// The source gives way first: its start is cut ("…/content/x"), and
	// below a few cells it goes.
	src := m.sh.source
	room := g.width - lipgloss.Width("taxo ") - 3 - lipgloss.Width(tabs)
	gone := ""
	if m.load.gone != "" {
		// Gone from disk: what is shown is as it was.
		gone = st.Problems.Render(" (gone)")
		room -= lipgloss.Width(gone)
	}
	if over := lipgloss.Width(src) - room; over > 0 {
		src = ansi.TruncateLeft(src, over+1, "…")
	}
	line := st.App.Render("taxo") + gone + "  " + tabs
	if room >= 8 {
		line = st.App.Render("taxo") + " " + st.Dim.Render(src) + gone + "   " + tabs
	}
	line = ansi.Truncate(line, g.width, "…")
	if f := m.leftPane().header(g.width); f != "" {
		line += "\n" + f
	}
	return line
}

// tabsView draws the list's tabs and a site's Pages tab; short cuts the
// labels of those not shown to three letters, for a narrow window.
func (m *Model) tabsView(short bool) string {
	onPages := m.nav.left == modePages
	tabs := m.list.tabsView(onPages, short)
	if pages := m.pages.tabView(onPages, short); pages != "" {
		tabs += "  " + pages
	}
	return tabs
}

// languageView names a site's languages, the one shown in brackets; ""
// unless the site has several.
func (m *Model) languageView() string {
	codes, shown := m.load.languages()
	st := m.sh.styles
	parts := make([]string, len(codes))
	for i, code := range codes {
		parts[i] = st.Dim.Render(safe.Line(code))
		if code == shown {
			parts[i] = st.Filter.Render("[" + safe.Line(code) + "]")
		}
	}
	return strings.Join(parts, " ")
}

func (m *Model) panesView(g geometry) string {
	st := m.sh.styles
	rule := st.Rule
	if g.focusTerm {
		rule = st.RuleFocus
	}
	left, _ := m.room(m.nav.left)
	right, _ := m.room(m.nav.right)
	if g.stacked {
		line := rule.Render(strings.Repeat("─", g.width))
		return lipgloss.JoinVertical(lipgloss.Left, left.view(), line, right.view())
	}
	sep := rule.Render(strings.TrimSuffix(strings.Repeat("│\n", g.bodyH), "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left.view(), sep, right.view())
}

// statusView shows where the user is: the breadcrumbs of the links
// followed, or what the screen in use says, or what the last key did;
// then the position, the load's progress and the problems.
func (m *Model) statusView(s screen) string {
	st := m.sh.styles
	width := m.sh.width
	left, right := s.status()
	if left == "" {
		left, _ = m.term.Status() // a find on the term, under a screen opened over it
	}
	var rights []string
	if s := m.compare.markStatus(); s != "" {
		rights = append(rights, s)
	}
	if at, of := m.leftPane().position(); of > 0 {
		rights = append(rights, fmt.Sprintf("%d/%d", at+1, of))
	}
	if right != "" {
		rights = append(rights, right)
	}
	rightText := st.Status.Render(strings.Join(rights, "  "))
	if bar := m.progress.bar(width / 2); bar != "" {
		rightText += "  " + bar
	}
	if n := m.problems.count(); n > 0 {
		rightText += "  " + st.Problems.Render("! "+english.Plural(n, "problem"))
	}
	room := max(width-lipgloss.Width(rightText)-2, 10)
	switch {
	case m.message != "":
		left = st.Message.Render(ansi.Truncate(m.message, room, "…"))
	case left != "":
		left = ansi.Truncate(left, room, "…")
	default:
		left = m.crumbs(room)
	}
	gap := max(width-lipgloss.Width(left)-lipgloss.Width(rightText), 1)
	return left + strings.Repeat(" ", gap) + rightText
}

// crumbs are the terms passed through by following links, ending at the
// one shown, cut from the left to fit. A term opened from the list or the
// search starts the trail again.
func (m *Model) crumbs(width int) string {
	st := m.sh.styles
	if m.nav.left == modePages {
		return st.Crumb.Render(ansi.Truncate(m.pageCrumb(), width, "…"))
	}
	var names []string
	cur := m.list.tabName()
	if t, _ := m.term.Selected(); t != nil {
		cur = safe.Line(t.DisplayTitle())
		g := m.load.tx.Graph
		for _, id := range m.nav.hist.trail(t.ID) {
			if t := g.Get(id); t != nil {
				names = append(names, safe.Line(t.DisplayTitle()))
			}
		}
	}
	sep := st.Status.Render(" › ")
	out := st.Crumb.Render(ansi.Truncate(cur, width, "…"))
	for i := len(names) - 1; i >= 0; i-- {
		next := st.Status.Render(names[i]) + sep + out
		if lipgloss.Width(next)+2 > width {
			return st.Status.Render("…") + sep + out
		}
		out = next
	}
	return out
}
