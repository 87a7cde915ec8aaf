package ui

import (
	tea "charm.land/bubbletea/v2"

	"taxo/internal/safe"
	"taxo/model"
)

// The root's navigation to and from a site's pages: the Pages tab in the
// list's pane goes with the page view in the term's pane, as the list and
// the search's hits go with the term. Following a page from a term is a
// step in history, as following a term is.

// followPageMsg goes to a page as a link followed: the Pages tab shows
// it (its filters giving way when they hide it) and the page view has
// the keys.
type followPageMsg struct{ page *model.Page }

// visitPageMsg goes to a page from the screen in use over the panes (the
// suggestions' tagged pages), as a link followed; going back from the
// page comes back to that screen as it was, as visitMsg does for a term.
type visitPageMsg struct{ page *model.Page }

// pagesWithMsg goes to the Pages tab filtered by one term, as a link
// followed: every page that carries it.
type pagesWithMsg struct{ term *model.Term }

// rightOf is the screen in the term's pane beside one in the list's pane.
func rightOf(left mode) mode {
	if left == modePages {
		return modePage
	}
	return modeTerm
}

// navigatePages does what the screens tell the root about pages; it
// reports false for any other message.
func (m *Model) navigatePages(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case followPageMsg:
		m.nav.hist.push(m.snapshot(), "") // no term: the breadcrumbs start again
		cmds := []tea.Cmd{m.setLeft(modePages)}
		m.nav.mode, m.nav.stack = modePage, nil
		return tea.Batch(append(cmds, m.step(pagesRevealMsg{path: msg.page.Path}))...), true
	case visitPageMsg:
		from := m.nav.mode
		cmd, _ := m.navigatePages(followPageMsg(msg))
		left := &m.nav.hist.back[len(m.nav.hist.back)-1]
		left.over, left.reopen = from, true
		return cmd, true
	case pagesWithMsg:
		m.nav.hist.push(m.snapshot(), "")
		cmds := []tea.Cmd{m.setLeft(modePages)}
		m.nav.mode, m.nav.stack = modePages, nil
		return tea.Batch(append(cmds, m.step(pagesRestoreMsg{state: pagesState{terms: []model.ID{msg.term.ID}}}))...), true
	case editPageMsg:
		return m.load.editPage(msg.page), true
	}
	return nil, false
}

// restorePages brings back a view that had the Pages tab in the list's
// pane: the tab as it was (restored already), the focus, the page view
// scrolled as it was.
func (m *Model) restorePages(v viewState) tea.Cmd {
	cmds := []tea.Cmd{m.setLeft(modePages)}
	m.nav.mode, m.nav.stack = modePages, nil
	if v.inTerm {
		m.nav.mode = modePage
	}
	// The filters and the focus size the panes, and so the scroll.
	cmds = append(cmds, m.settle(), m.step(pageRestoreMsg{offset: v.termOffset, link: v.link}))
	if v.reopen {
		cmds = append(cmds, m.open(v.over))
	}
	return tea.Batch(cmds...)
}

// pageCrumb names the page shown, where the status line names the term.
func (m *Model) pageCrumb() string {
	if p := m.page.current(); p != nil {
		return safe.Line(m.page.site.pageTitle(p))
	}
	return "Pages"
}
