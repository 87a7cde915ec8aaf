package ui

import tea "charm.land/bubbletea/v2"

// syncScreens keeps the screens that hang on the term shown, or on the
// window, up to date after every message: the find finds again in a new
// rendering, the compare screen asks for its rendering at the new width,
// and the search has its index built for a reloaded graph.
func (m *Model) syncScreens() tea.Cmd {
	m.syncFind()
	var index tea.Cmd
	if m.search.open && m.tx != nil {
		index = m.indexCmd()
	}
	var compare tea.Cmd
	if m.mode == modeCompare {
		compare = m.compare.render(m.gen)
	}
	return tea.Batch(index, compare)
}
