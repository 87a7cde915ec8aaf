package ui

import (
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
}

// history is the views left by following links, as a browser keeps them.
type history struct {
	back, forward []viewState
}

// push records the view being left; a new path forgets the way forward.
func (h *history) push(v viewState) {
	h.back = append(h.back, v)
	h.forward = nil
}

// goBack trades the current view for the last one left, if any.
func (h *history) goBack(cur viewState) (viewState, bool) {
	if len(h.back) == 0 {
		return viewState{}, false
	}
	v := h.back[len(h.back)-1]
	h.back = h.back[:len(h.back)-1]
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
	h.back = append(h.back, cur)
	return v, true
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
		return nil, false
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
	return cmd
}

// setRight puts a screen in the term's pane; the one it replaces hears of
// it first.
func (m *Model) setRight(to mode) tea.Cmd {
	if m.nav.right == to {
		return nil
	}
	cmd := m.drain(m.to(m.nav.right, hideMsg{}))
	m.nav.right = to
	return cmd
}

// follow goes to a linked term, leaving the current view in history. The
// list's filters give way when they hide the term.
func (m *Model) follow(t *model.Term) tea.Cmd {
	m.nav.hist.push(m.snapshot())
	cmds := []tea.Cmd{m.setLeft(modeList), m.setRight(modeTerm)}
	m.nav.mode, m.nav.stack = modeTerm, nil
	return tea.Batch(append(cmds, m.step(revealMsg{id: t.ID}))...)
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
	if m.nav.left == modeHits {
		v.search, v.hit = m.hits.snapshot()
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
	if t, _ := m.term.Selected(); t != nil && t.ID == shown {
		cmds = append(cmds, m.step(termRestoreMsg{offset: v.termOffset, link: v.link}))
	}
	return tea.Batch(cmds...)
}

// restore brings a view back: the list, the search's hits if they were
// up, the focus, and the term scrolled as it was.
func (m *Model) restore(v viewState) tea.Cmd {
	cmds := []tea.Cmd{m.step(listRestoreMsg{view: v})}
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
	return tea.Batch(cmds...)
}
