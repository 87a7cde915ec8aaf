package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
)

// The list's tabs: all terms, then one per kind.
const (
	tabAll = iota
	tabConcepts
	tabCategories
	tabTags
	numTabs
)

// tabKind is the kind a tab shows; ok is false for All.
func tabKind(tab int) (model.Kind, bool) {
	if tab == tabAll {
		return 0, false
	}
	return model.Kinds[tab-1], true
}

func tabLabel(tab int) string {
	if k, ok := tabKind(tab); ok {
		return k.Label()
	}
	return "All"
}

// kindMarker sets kinds apart in the All tab, where an icon name would
// need a special font to show.
func kindMarker(k model.Kind) string {
	switch k {
	case model.Concept:
		return "◆"
	case model.Category:
		return "■"
	default:
		return "#"
	}
}

// listModel is the list of terms: the tabs, the text filter, the tag
// filter and the cursor. Each filter is worked out from the one before it,
// so that a change costs only what it changes: the tags give the terms the
// text filter reads (base), which give the terms that fit (best), which the
// tab cuts to its kind (items). A query that grows narrows the terms that
// fitted it before rather than reading them all again.
type listModel struct {
	sh   *shared
	g    *model.Graph
	text *termText // of g's terms

	tab    int
	input  textinput.Model // the text filter while it is typed
	typing bool
	query  string        // the text filter, applied as typed
	tags   []*model.Term // the tag filter: terms tagged with all of them

	base    []int32 // places in g.Terms() of the terms tagged so; nil for all
	match   matcher // the query that best and inOrder were found for
	best    []int32 // places of the terms that fit both filters, best first
	inOrder []int32 // the same in display order
	// trail keeps what fitted the shorter queries the current one grew
	// from, so that erasing a letter costs nothing.
	trail []fitted

	items  []*model.Term // what the tab shows after the filters
	counts [numTabs]int  // how many terms each tab shows after the filters

	cursor, offset int
	width, height  int
	focused        bool
}

func newList(sh *shared) listModel {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "filter on title and slug"
	in.SetStyles(sh.styles.Input)
	return listModel{sh: sh, input: in, focused: true}
}

// setGraph shows another graph (a reload), keeping the filters and the
// selected term where they still exist.
func (l *listModel) setGraph(g *model.Graph) {
	var sel model.ID
	if t := l.selected(); t != nil {
		sel = t.ID
	}
	l.g = g
	l.text = newTermText(g.Terms())
	tags := l.tags[:0:0]
	for _, t := range l.tags {
		if nt := g.Get(t.ID); nt != nil {
			tags = append(tags, nt)
		}
	}
	l.tags = tags
	l.refresh()
	l.selectID(sel)
}

// refresh works out every filter again, keeping the cursor on the same term
// when it is still shown.
func (l *listModel) refresh() {
	if l.g == nil {
		return
	}
	l.keepSelection(func() {
		l.filterTags()
		l.filterText(false)
		l.filterTab()
	})
}

// keepSelection runs change, then puts the cursor back on the term it was
// on, or on the first.
func (l *listModel) keepSelection(change func()) {
	sel := l.selected()
	change()
	l.cursor = 0
	if sel != nil {
		for i, t := range l.items {
			if t == sel {
				l.cursor = i
				break
			}
		}
	}
	l.clamp()
}

func (l *listModel) filterTags() {
	l.base = nil
	if len(l.tags) > 0 {
		l.base = l.text.positions(l.g.TaggedWithAll(l.tags))
	}
}

// fitted is what fitted one query.
type fitted struct {
	match         matcher
	best, inOrder []int32
}

// maxTrail bounds the queries kept, each holding up to two places per term.
const maxTrail = 24

// filterText finds the terms that fit the query; narrow allows starting
// from those that fitted the queries before, when it grew from them, and
// taking them back when it shrank to one of them.
func (l *listModel) filterText(narrow bool) {
	m := newMatcher(l.query)
	if !narrow {
		l.trail = l.trail[:0]
	}
	for len(l.trail) > 0 && !m.narrows(l.trail[len(l.trail)-1].match) && m.q != l.trail[len(l.trail)-1].match.q {
		l.trail = l.trail[:len(l.trail)-1]
	}
	if n := len(l.trail); n > 0 && l.trail[n-1].match.q == m.q {
		f := l.trail[n-1]
		l.match, l.best, l.inOrder = f.match, f.best, f.inOrder
		return
	}
	from := l.base
	if n := len(l.trail); n > 0 {
		from = l.trail[n-1].inOrder
	}
	l.best, l.inOrder = l.text.match(m, from)
	l.match = m
	if !m.all() {
		if len(l.trail) == maxTrail {
			l.trail = slices.Delete(l.trail, 0, 1)
		}
		l.trail = append(l.trail, fitted{m, l.best, l.inOrder})
	}
}

// filterTab keeps the terms of the tab's kind and counts those of each tab.
// While the first load runs, terms without a file are left out: they may
// only not have been read yet.
func (l *listModel) filterTab() {
	tt := l.text
	kind, oneKind := tabKind(l.tab)
	l.counts = [numTabs]int{}
	l.items = l.items[:0]
	for _, i := range l.best {
		if !tt.defined[i] && l.sh.reading {
			continue
		}
		k := tt.kinds[i]
		l.counts[tabAll]++
		if k.Builtin() { // a site's other taxonomies have no tab yet
			l.counts[int(k)+1]++
		}
		if !oneKind || k == kind {
			l.items = append(l.items, tt.terms[i])
		}
	}
}

// selected is the term under the cursor, or nil when the list is empty.
func (l listModel) selected() *model.Term {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.items[l.cursor]
}

// selectID moves the cursor to a term; false when the list does not show it.
func (l *listModel) selectID(id model.ID) bool {
	for i, t := range l.items {
		if t.ID == id {
			l.cursor = i
			l.clamp()
			return true
		}
	}
	return false
}

// shows reports whether the list, as filtered, has the term.
func (l listModel) shows(id model.ID) bool {
	return slices.ContainsFunc(l.items, func(t *model.Term) bool { return t.ID == id })
}

func (l *listModel) setTab(tab int) {
	l.tab = tab
	if l.g != nil {
		l.keepSelection(l.filterTab)
	}
}

func (l *listModel) setQuery(q string) {
	if q == l.query {
		return
	}
	l.query = q
	if l.g == nil {
		return
	}
	l.keepSelection(func() {
		l.filterText(true)
		l.filterTab()
	})
	if q != "" {
		// As the query changes, the best match is the one to open.
		l.cursor, l.offset = 0, 0
	}
}

func (l *listModel) setTags(tags []*model.Term) {
	l.tags = tags
	l.refresh()
}

// filtered reports whether a text or tag filter is on.
func (l listModel) filtered() bool { return l.query != "" || len(l.tags) > 0 }

func (l *listModel) setSize(w, h int) {
	l.width, l.height = w, max(h, 1)
	l.clamp()
}

func (l *listModel) move(n int) {
	l.cursor += n
	l.clamp()
}

// clamp keeps the cursor on an item and in view.
func (l *listModel) clamp() {
	l.cursor = max(min(l.cursor, len(l.items)-1), 0)
	if l.height <= 0 {
		return
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = max(min(l.offset, len(l.items)-l.height), 0)
}

// Update moves the cursor.
func (l listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if to := l.sh.keys.moved(k, l.cursor, max(l.height-1, 1), 0, len(l.items)-1); to != l.cursor {
			l.cursor = to
			l.clamp()
		}
	}
	return l, nil
}

// startFilter opens the text filter with what it held.
func (l *listModel) startFilter() tea.Cmd {
	l.typing = true
	l.input.SetValue(l.query)
	l.input.CursorEnd()
	return l.input.Focus()
}

// stopFilter closes the text filter, keeping what was typed.
func (l *listModel) stopFilter() {
	l.typing = false
	l.input.Blur()
}

// updateFilter types into the text filter and filters as it changes.
func (l listModel) updateFilter(msg tea.Msg) (listModel, tea.Cmd) {
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	l.setQuery(strings.TrimSpace(l.input.Value()))
	return l, cmd
}

// View draws the rows in view.
func (l listModel) View() string {
	st := l.sh.styles
	rows := make([]string, 0, l.height)
	if len(l.items) == 0 {
		msg := "No terms."
		if l.filtered() {
			msg = "No terms match; esc clears the filter."
		}
		rows = append(rows, st.Dim.Render(ansi.Truncate(" "+msg, l.width, "…")))
	}
	for i := l.offset; i < len(l.items) && len(rows) < l.height; i++ {
		rows = append(rows, l.row(l.items[i], i == l.cursor))
	}
	return fit(strings.Join(rows, "\n"), l.width, l.height)
}

// row draws one term: a cursor mark, the kind marker, the title.
func (l listModel) row(t *model.Term, cursor bool) string {
	st := l.sh.styles
	title := safe.Line(t.DisplayTitle())
	if !t.Defined {
		title += l.sh.noFile()
	}
	mark := "  "
	if cursor {
		mark = "› "
	}
	room := l.width - 4
	title = ansi.Truncate(title, max(room, 1), "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(title), 0))
	switch {
	case cursor && l.focused:
		return st.Selected.Render(mark + kindMarker(t.Kind) + " " + title + pad)
	case cursor:
		return st.SelectedBlur.Render(mark + kindMarker(t.Kind) + " " + title + pad)
	}
	text := st.Item
	if !t.Defined {
		text = st.Undefined
	}
	return mark + st.Kinds[t.Kind].Render(kindMarker(t.Kind)) + " " + text.Render(title)
}

// tabsView draws the tabs with their counts.
func (l listModel) tabsView() string {
	st := l.sh.styles
	parts := make([]string, numTabs)
	for tab := range numTabs {
		label := st.Tab.Render(tabLabel(tab))
		if tab == l.tab {
			label = st.ActiveTab.Render(tabLabel(tab))
		}
		parts[tab] = label + " " + st.Count.Render(fmt.Sprint(l.counts[tab]))
	}
	return strings.Join(parts, "  ")
}

// filterView describes the filters, or shows the text filter being typed.
func (l listModel) filterView(width int) string {
	st := l.sh.styles
	var parts []string
	if l.typing {
		l.input.SetWidth(max(width/2, 10))
		parts = append(parts, l.input.View())
	} else if l.query != "" {
		parts = append(parts, st.Filter.Render("/ "+safe.Line(l.query)))
	}
	if len(l.tags) > 0 {
		names := make([]string, len(l.tags))
		for i, t := range l.tags {
			names[i] = safe.Line(t.DisplayTitle())
		}
		parts = append(parts, st.Filter.Render("tagged "+strings.Join(names, " + ")))
	}
	if len(parts) == 0 {
		return ""
	}
	if !l.typing {
		parts = append(parts, st.Dim.Render("esc clears"))
	}
	return ansi.Truncate(strings.Join(parts, st.Dim.Render("  ·  ")), width, "…")
}
