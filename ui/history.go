package ui

import "taxo/model"

// viewState is what going back restores: the list as it was filtered and
// where its cursor was, and how far the term was scrolled.
type viewState struct {
	tab        int
	query      string
	tags       []model.ID
	selected   model.ID
	listOffset int

	focus        pane
	detailOffset int
	link         int

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

// open shows the selected term in the detail pane, with its Instructions
// in view.
func (m *Model) open() {
	if m.selected() == nil {
		return
	}
	m.syncDetail()
	m.focus = paneDetail
	m.layout()
	m.detail.showInstructions()
}

// follow goes to a linked term, leaving the current view in history. The
// list's filters give way when they hide the term.
func (m *Model) follow(t *model.Term) {
	m.hist.push(m.snapshot())
	m.closeSearch()
	if !m.list.shows(t.ID) && m.list.tab != tabAll {
		m.list.setTab(tabAll)
	}
	if !m.list.shows(t.ID) && m.list.query != "" {
		m.list.setQuery("")
	}
	if !m.list.shows(t.ID) && len(m.list.tags) > 0 {
		m.list.setTags(nil)
	}
	m.list.selectID(t.ID)
	m.focus = paneDetail
	m.syncDetail()
}

func (m *Model) goBack() bool {
	v, ok := m.hist.goBack(m.snapshot())
	if ok {
		m.restore(v)
	}
	return ok
}

func (m *Model) goForward() bool {
	v, ok := m.hist.goForward(m.snapshot())
	if ok {
		m.restore(v)
	}
	return ok
}

func (m Model) snapshot() viewState {
	v := viewState{tab: m.list.tab, query: m.list.query, listOffset: m.list.offset,
		focus: m.focus, detailOffset: m.detail.offset, link: m.detail.link}
	for _, t := range m.list.tags {
		v.tags = append(v.tags, t.ID)
	}
	if t := m.list.selected(); t != nil {
		v.selected = t.ID
	}
	if m.search.open {
		v.search = m.search.asked
		if t := m.search.selected(); t != nil {
			v.hit = t.ID
		}
	}
	return v
}

func (m *Model) restore(v viewState) {
	g := m.tx.Graph
	var tags []*model.Term
	for _, id := range v.tags {
		if t := g.Get(id); t != nil {
			tags = append(tags, t)
		}
	}
	m.list.tab, m.list.query, m.list.tags = v.tab, v.query, tags
	m.list.refresh()
	m.list.selectID(v.selected)
	m.list.offset = v.listOffset
	m.list.clamp()
	if v.search != "" {
		m.reopenSearch(v.search, v.hit)
	} else {
		m.closeSearch()
		m.list.selectID(v.selected)
	}
	m.focus = v.focus
	m.layout() // the filters and the focus size the panes, and so the scroll
	m.syncDetail()
	m.detail.offset = v.detailOffset
	m.detail.link = v.link
	m.detail.layoutLinks()
	m.detail.clamp()
}

// cycleLinks moves the focus through the list, then each link of the term,
// then back to the list, as tab moves through a form.
func (m *Model) cycleLinks(dir int) {
	n := len(m.detail.links)
	if m.focus == paneList {
		m.focus = paneDetail
		switch {
		case n == 0:
		case dir > 0:
			m.detail.selectLink(0)
		default:
			m.detail.selectLink(n - 1)
		}
		return
	}
	next := m.detail.link + dir
	if m.detail.link < 0 && dir < 0 {
		next = n - 1
	}
	if next < 0 || next >= n {
		m.focus = paneList
		m.detail.selectLink(-1)
		return
	}
	m.detail.selectLink(next)
}
