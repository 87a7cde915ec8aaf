package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"taxo/model"
)

// The root's navigation: which screen has the keys and which is in the
// list's pane, and the history of the links followed. It moves between
// screens; what each screen shows, each screen keeps.

// navigation is where the user is: the screen with the keys, the one in
// the list's pane, the screens to go back to, and the links followed.
type navigation struct {
	mode  mode   // the screen in use
	left  mode   // the screen in the list's pane: the list, or the search's hits
	right mode   // the screen in the term's pane: the term
	stack []mode // the screens the one in use was opened over, to go back to
	hist  history
}

// viewState is what going back restores: the list as it was filtered and
// where its cursor was, and how far the term was scrolled.
type viewState struct {
	tab        int
	query      string
	tags       []model.ID
	selected   model.ID
	listAt     int // the cursor's place in the list, for when the term is gone
	listOffset int

	inTerm     bool // the term had the keys
	termOffset int
	link       int

	search string   // the query whose hits replaced the list; "" for none
	hit    model.ID // the hit selected

	onPages bool       // the Pages tab was in the list's pane, the page view beside it
	pages   pagesState // the Pages tab, kept whichever pane showed

	// shown is the term the pane showed, and to the term the link
	// followed from it led to: the breadcrumbs are the steps whose link
	// led to the term shown next, and a term opened from the list or the
	// search breaks the trail. History moves to with its step.
	shown, to model.ID

	// over is the screen the user was on over the panes when the view was
	// left (by visitMsg), opened again when it comes back; reopen says
	// there is one.
	over   mode
	reopen bool
}

// history is the views left by following links, as a browser keeps them.
type history struct {
	back, forward []viewState
}

// push records the view being left by following a link to the term to; a
// new path forgets the way forward.
func (h *history) push(v viewState, to model.ID) {
	v.to = to
	h.back = append(h.back, v)
	h.forward = nil
}

// goBack trades the current view for the last one left, if any. The view
// kept for going forward holds where the step led, for goForward to give
// back to the view it leaves.
func (h *history) goBack(cur viewState) (viewState, bool) {
	if len(h.back) == 0 {
		return viewState{}, false
	}
	v := h.back[len(h.back)-1]
	h.back = h.back[:len(h.back)-1]
	cur.to = v.to
	h.forward = append(h.forward, cur)
	return v, true
}

// goForward undoes a goBack.
func (h *history) goForward(cur viewState) (viewState, bool) {
	if len(h.forward) == 0 {
		return viewState{}, false
	}
	v := h.forward[len(h.forward)-1]
	h.forward = h.forward[:len(h.forward)-1]
	cur.to = v.to
	h.back = append(h.back, cur)
	return v, true
}

// trail is the terms the links followed to shown passed through, first
// first: the steps back whose link led to the term shown after them.
func (h history) trail(shown model.ID) []model.ID {
	var ids []model.ID
	for i := len(h.back) - 1; i >= 0 && shown != "" && h.back[i].to == shown; i-- {
		shown = h.back[i].shown
		ids = append(ids, shown)
	}
	slices.Reverse(ids)
	return ids
}

// navigate does what the screens tell the root about moving between
// them; it reports false for any other message.
func (m *Model) navigate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case openMsg:
		return m.open(msg.to), true
	case closeMsg:
		if m.nav.mode == msg.from {
			m.nav.mode = m.nav.left
			if n := len(m.nav.stack); n > 0 {
				m.nav.mode, m.nav.stack = m.nav.stack[n-1], m.nav.stack[:n-1]
			}
		}
	case leftMsg:
		return m.setLeft(msg.to), true
	case rightMsg:
		return m.setRight(msg.to), true
	case focusLeftMsg:
		m.nav.mode, m.nav.stack = m.nav.left, nil
	case followMsg:
		return m.follow(msg.term), true
	case visitMsg:
		return m.visit(msg.term), true
	case historyMsg:
		cmd, _ := m.travel(msg.dir)
		return cmd, true
	case backMsg:
		// Back from a hit goes back to the hits, not in history.
		var cmd tea.Cmd
		moved := false
		if m.nav.left != modeHits {
			cmd, moved = m.travel(-1)
		}
		if !moved {
			m.nav.mode = m.nav.left
			cmd = tea.Batch(cmd, m.step(deselectMsg{}))
		}
		return cmd, true
	default:
		return m.navigatePages(msg)
	}
	return nil, true
}

// open gives the keys to a screen. One opened over the panes goes back,
// when it closes, to the screen it was opened from.
func (m *Model) open(to mode) tea.Cmd {
	var cmd tea.Cmd
	switch _, where := m.room(to); where {
	case placeLeft:
		cmd = m.setLeft(to)
		m.nav.stack = nil
	case placeRight:
		cmd = m.setRight(to)
		m.nav.stack = nil
	case placeStatus:
		m.nav.stack = nil
	case placeBox, placeBody:
		if m.nav.mode != to {
			m.nav.stack = append(m.nav.stack, m.nav.mode)
		}
	case placeFull:
	}
	m.nav.mode = to
	return cmd
}

// setLeft puts a screen in the list's pane (the list, or the search's
// hits); the one it replaces hears of it first, and the keys follow when
// it had them.
func (m *Model) setLeft(to mode) tea.Cmd {
	if m.nav.left == to {
		return nil
	}
	cmd := m.drain(m.to(m.nav.left, hideMsg{}))
	if m.nav.mode == m.nav.left {
		m.nav.mode = to
	}
	m.nav.left = to
	return tea.Batch(cmd, m.setRight(rightOf(to)))
}

// setRight puts a screen in the term's pane; the one it replaces hears of
// it first.
func (m *Model) setRight(to mode) tea.Cmd {
	if m.nav.right == to {
		return nil
	}
	cmd := m.drain(m.to(m.nav.right, hideMsg{}))
	if m.nav.mode == m.nav.right {
		m.nav.mode = to
	}
	m.nav.right = to
	return cmd
}

// follow goes to a linked term, leaving the current view in history. The
// list's filters give way when they hide the term.
func (m *Model) follow(t *model.Term) tea.Cmd {
	m.nav.hist.push(m.snapshot(), t.ID)
	cmds := []tea.Cmd{m.setLeft(modeList), m.setRight(modeTerm)}
	m.nav.mode, m.nav.stack = modeTerm, nil
	return tea.Batch(append(cmds, m.step(revealMsg{id: t.ID}))...)
}

// visit follows a link to a term from the screen in use, over the panes,
// which going back opens again.
func (m *Model) visit(t *model.Term) tea.Cmd {
	from := m.nav.mode
	cmd := m.follow(t)
	left := &m.nav.hist.back[len(m.nav.hist.back)-1]
	left.over, left.reopen = from, true
	left.shown = "" // no link led there: the breadcrumbs start at the term
	return cmd
}

// travel goes back (-1) or forward (1) in history; false when there is
// nowhere to go.
func (m *Model) travel(dir int) (tea.Cmd, bool) {
	step := m.nav.hist.goBack
	if dir > 0 {
		step = m.nav.hist.goForward
	}
	v, ok := step(m.snapshot())
	if !ok {
		return nil, false
	}
	return m.restore(v), true
}

// snapshot is the view as history keeps it.
func (m *Model) snapshot() viewState {
	v := m.list.snapshot()
	v.inTerm = m.focus() == placeRight
	v.termOffset, v.link = m.term.place()
	if t, _ := m.term.Selected(); t != nil {
		v.shown = t.ID
	}
	if m.nav.left == modeHits {
		v.search, v.hit = m.hits.snapshot()
	}
	v.onPages, v.pages = m.nav.left == modePages, m.pages.snapshot()
	if v.onPages {
		v.termOffset, v.link = m.page.place()
		v.shown = "" // the page view shows no term
	}
	return v
}

// keepPlace puts the list and the term back as v has them, as far as the
// taxonomy shown still has them, after a reload; the screen in use keeps
// the keys. The search's hits keep their own place, and the prompt what
// is being typed in it.
func (m *Model) keepPlace(v viewState) tea.Cmd {
	cmds := []tea.Cmd{m.step(listRestoreMsg{view: v})}
	shown := v.selected
	if v.search != "" {
		shown = v.hit
	}
	cmds = append(cmds, m.settle())
	// The Pages tab and the page view keep their own place: the term's
	// offset is then the page's.
	if t, _ := m.term.Selected(); t != nil && t.ID == shown && !v.onPages {
		cmds = append(cmds, m.step(termRestoreMsg{offset: v.termOffset, link: v.link}))
	}
	return tea.Batch(cmds...)
}

// restore brings a view back: the list, the search's hits if they were
// up, the focus, and the term scrolled as it was.
func (m *Model) restore(v viewState) tea.Cmd {
	cmds := []tea.Cmd{m.step(listRestoreMsg{view: v}), m.step(pagesRestoreMsg{state: v.pages})}
	if v.onPages {
		return tea.Batch(append(cmds, m.restorePages(v))...)
	}
	if v.search != "" {
		cmds = append(cmds, m.setLeft(modeHits), m.step(hitsRestoreMsg{query: v.search, hit: v.hit}))
	} else {
		cmds = append(cmds, m.setLeft(modeList), m.step(selectMsg{id: v.selected}))
	}
	m.nav.mode, m.nav.stack = m.nav.left, nil
	cmds = append(cmds, m.setRight(modeTerm))
	if v.inTerm {
		m.nav.mode = modeTerm
	}
	// The filters and the focus size the panes, and so the scroll.
	cmds = append(cmds, m.settle(), m.step(termRestoreMsg{offset: v.termOffset, link: v.link}))
	if v.reopen {
		cmds = append(cmds, m.open(v.over))
	}
	return tea.Batch(cmds...)
}
