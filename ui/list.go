package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/prefs"
)

// listScreen is the list of terms: the tabs (All, then one per kind), the
// text filter, the tag filter and the cursor. Each filter is worked out
// from the one before it, so that a change costs only what it changes:
// the tags give the terms the text filter reads (base), which give the
// terms that fit (best), which the tab cuts to its kind (items). A query
// that grows narrows the terms that fitted it before rather than reading
// them all again.
type listScreen struct {
	sh   *shared
	g    *model.Graph
	text *termText // of g's terms

	kinds []model.Kind // the tabs after All
	tabOf []int        // the tab of each kind
	tab   int

	input textinput.Model // the text filter; focused while it is typed
	query string          // the text filter, applied as typed
	tags  []*model.Term   // the tag filter: terms tagged with all of them

	base    []int32 // places in g.Terms() of the terms tagged so; nil for all
	match   matcher // the query that best and inOrder were found for
	best    []int32 // places of the terms that fit both filters, best first
	inOrder []int32 // the same in display order
	// trail keeps what fitted the shorter queries the current one grew
	// from, so that erasing a letter costs nothing.
	trail []fitted

	items  []*model.Term // what the tab shows after the filters
	places []int32       // the place in text of each item
	counts []int         // how many terms each tab shows after the filters
	use    usage         // how pages use the terms, on a site; the order chosen

	cur     cursor
	width   int
	focused bool
}

func newList(sh *shared) listScreen {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "filter on title and slug"
	in.SetStyles(sh.styles.Input)
	l := listScreen{sh: sh, input: in, focused: true}
	l.setKinds(model.Kinds[:])
	return l
}

// messages

// tabMsg shows a tab of the list.
type tabMsg struct{ tab int }

// filterMsg starts typing the text filter, with what it held.
type filterMsg struct{}

// pickTagsMsg opens the tag picker on the list's terms and tags.
type pickTagsMsg struct{}

// tagsMsg filters the list by tags: the terms tagged with all of them.
type tagsMsg struct{ tags []*model.Term }

// selectMsg puts the cursor on a term when the list shows it.
type selectMsg struct{ id model.ID }

// revealMsg puts the cursor on a term, the filters giving way when they
// hide it: the tab first, then the text filter, then the tags.
type revealMsg struct{ id model.ID }

// orderMsg puts the list in its next order.
type orderMsg struct{}

// clickMsg is a click on a row of a pane, counted from its top.
type clickMsg struct{ row int }

// listRestoreMsg puts the list back as a step in history left it.
type listRestoreMsg struct{ view viewState }

func (tabMsg) screen() mode         { return modeList }
func (orderMsg) screen() mode       { return modeList }
func (filterMsg) screen() mode      { return modeList }
func (pickTagsMsg) screen() mode    { return modeList }
func (tagsMsg) screen() mode        { return modeList }
func (selectMsg) screen() mode      { return modeList }
func (revealMsg) screen() mode      { return modeList }
func (listRestoreMsg) screen() mode { return modeList }

// Update reads keys as the list, types the filter while it is typed, and
// follows what the other screens tell it.
func (l listScreen) Update(msg tea.Msg) (listScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = l.handleKey(msg)
	case tea.MouseWheelMsg:
		l.cur.moveTo(moved(l.keyMap(), msg, l.cur.at, 0, 1, 0))
	case clickMsg:
		if i := l.cur.offset + msg.row; msg.row >= 0 && i < len(l.items) && !l.input.Focused() {
			l.cur.moveTo(i)
			l.sh.tell(openMsg{to: modeList})
		}
	case sizeMsg:
		l.width, l.focused = msg.width, msg.focused
		l.cur.setHeight(msg.height)
		l.cur.moveTo(l.cur.at)
	case taxonomyMsg:
		l.setGraph(msg.tx.Graph, msg.site, msg.top)
	case stylesMsg:
		l.input.SetStyles(l.sh.styles.Input)
	default:
		cmd = l.follow(msg)
	}
	return l, cmd
}

// follow does what another screen or the root tells the list.
func (l *listScreen) follow(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tabMsg:
		l.showTab(msg.tab)
	case orderMsg:
		l.nextOrder()
	case filterMsg:
		l.sh.tell(openMsg{to: modeList})
		l.input.SetValue(l.query)
		l.input.CursorEnd()
		return l.input.Focus()
	case pickTagsMsg:
		if l.use.site != nil {
			// On a site, terms tag pages: t filters the pages.
			l.sh.tell(pagesPickMsg{})
			break
		}
		l.sh.tell(pickerMsg{text: l.text, current: l.tags})
	case tagsMsg:
		l.setTags(msg.tags)
		l.cur.offset = 0
		l.cur.moveTo(0)
		l.sh.tell(openMsg{to: modeList})
	case selectMsg:
		l.selectID(msg.id)
	case revealMsg:
		l.reveal(msg.id)
	case listRestoreMsg:
		l.restore(msg.view)
	case hideMsg: // the search's hits lie over the list, which stays as it is
	default:
		if l.input.Focused() { // a paste, the input's own messages
			return l.typeFilter(msg)
		}
	}
	return nil
}

// keyMap is the key map as the list's state has it: while the filter is
// typed, letters are text and only the input's keys work; esc clears a
// filter, and else goes back.
func (l listScreen) keyMap() prefs.KeyMap {
	typing := l.input.Focused()
	keys := l.sh.keysWhile(typing, !typing)
	enable(&keys.Cancel, typing || l.filtered())
	enable(&keys.ForceQuit, true)
	enable(&keys.Toggle, false)
	enable(&keys.Complete, false)
	enable(&keys.FindNext, false) // a find is on only while the term has the keys
	enable(&keys.FindPrev, false)
	return keys
}

func (l *listScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := l.keyMap()
	// esc (cancel) clears the text filter, then the tag filter, before it
	// goes back, so it comes before back; enter is accept while typing.
	switch {
	case key.Matches(k, keys.Accept):
		l.input.Blur()
		l.open()
	case key.Matches(k, keys.Cancel):
		l.cancel()
	case key.Matches(k, keys.InputUp):
		l.cur.moveTo(l.cur.at - 1)
	case key.Matches(k, keys.InputDown):
		l.cur.moveTo(l.cur.at + 1)
	case key.Matches(k, keys.Open):
		l.open()
	case key.Matches(k, keys.Back):
		l.sh.tell(historyMsg{dir: -1})
	default:
		if cmd, ok := browseKey(l.sh, keys, k, l.selected()); ok {
			return cmd
		}
		if l.input.Focused() {
			return l.typeFilter(k)
		}
		l.cur.moveTo(moved(keys, k, l.cur.at, max(l.cur.height-1, 1), 0, len(l.items)-1))
	}
	return nil
}

// cancel drops the filter being typed; else it clears the text filter,
// then the tag filter.
func (l *listScreen) cancel() {
	switch {
	case l.input.Focused():
		l.input.Blur()
		l.setQuery("")
	case l.query != "":
		l.setQuery("")
	default:
		l.setTags(nil)
	}
}

// open shows the term under the cursor, its Instructions in view.
func (l *listScreen) open() {
	if l.selected() != nil {
		l.sh.tell(openedMsg{})
	}
}

// typeFilter types into the text filter and filters as it changes.
func (l *listScreen) typeFilter(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	l.setQuery(strings.TrimSpace(l.input.Value()))
	return cmd
}

// Help is the list's help line, or the filter's while it is typed, the
// keys most used first: those that do not fit the window give way from
// the end, all but ? (fitHelp).
func (l listScreen) Help() []key.Binding {
	k := l.keyMap()
	if l.input.Focused() {
		return []key.Binding{brief(k.Accept, "open top match"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "clear filter")}
	}
	tags := brief(k.Tags, "tags")
	if l.use.site != nil {
		tags = brief(k.Tags, "pages by term")
	}
	return []key.Binding{
		brief(k.Open, "open"), brief(k.Filter, "filter"), brief(k.Search, "search"),
		tags, brief(k.NextLink, "links"), brief(k.Suggest, "suggest"),
		brief(k.Instructions, "instructions"), brief(k.Quit, "quit"),
		brief(k.Neighbourhood, "neighbourhood"), brief(k.Order, "order"), brief(k.Help, "keys"),
	}
}

// Status has nothing of the list's own: the status line says where the
// user is.
func (l listScreen) Status() (left, right string) { return "", "" }

// Selected is the term under the cursor and those beside it.
func (l listScreen) Selected() (*model.Term, []*model.Term) {
	return l.selected(), beside(l.items, l.cur.at)
}

// beside are the items next to the cursor, which the term pane renders
// ahead of time so that moving finds them ready.
func beside(items []*model.Term, at int) []*model.Term {
	var out []*model.Term
	for _, i := range []int{at + 1, at - 1} {
		if i >= 0 && i < len(items) {
			out = append(out, items[i])
		}
	}
	return out
}

// tabName names the tab shown, for the status line.
func (l listScreen) tabName() string { return l.tabLabel(l.tab) }

// position is where the cursor is among the terms listed, for the status line.
func (l listScreen) position() (at, of int) { return l.cur.at, len(l.items) }

// selected is the term under the cursor, or nil when the list is empty.
func (l listScreen) selected() *model.Term {
	if l.cur.at < 0 || l.cur.at >= len(l.items) {
		return nil
	}
	return l.items[l.cur.at]
}

// the filters

// setKinds names the kinds the tabs show after All; the tab shown stays
// on its kind when there still is one.
func (l *listScreen) setKinds(kinds []model.Kind) {
	if l.tab > 0 && l.tab <= len(l.kinds) {
		l.tab = slices.Index(kinds, l.kinds[l.tab-1]) + 1
	}
	l.kinds = kinds
	l.tabOf = nil
	for i, k := range kinds {
		for int(k) >= len(l.tabOf) {
			l.tabOf = append(l.tabOf, 0)
		}
		l.tabOf[k] = i + 1
	}
	l.counts = make([]int, len(kinds)+1)
	l.tab = min(l.tab, len(kinds))
}

// tabLabel names a tab: All, or a kind's plural.
func (l listScreen) tabLabel(tab int) string {
	if tab == 0 {
		return "All"
	}
	return l.kinds[tab-1].Label()
}

// setGraph shows another graph (a reload), keeping the filters and the
// selected term where they still exist; top puts the cursor on the first.
func (l *listScreen) setGraph(g *model.Graph, site *siteView, top bool) {
	var sel model.ID
	if t := l.selected(); t != nil {
		sel = t.ID
	}
	l.g = g
	l.setKinds(g.Kinds())
	l.text = newTermText(g.Terms())
	l.use = newUsage(site, g, l.text, l.use.order)
	tags := l.tags[:0:0]
	for _, t := range l.tags {
		if nt := g.Get(t.ID); nt != nil {
			tags = append(tags, nt)
		}
	}
	l.tags = tags
	l.refresh()
	l.selectID(sel)
	if top {
		// Terms that sort first keep coming while the first load runs;
		// until the user moves, the top of the list is what to show, the
		// cursor on its first term with a file: a term only referred to
		// (a concept the one file opened lists) has nothing to read.
		l.cur.offset = 0
		l.cur.moveTo(max(slices.IndexFunc(l.items, func(t *model.Term) bool { return t.Defined }), 0))
	}
}

// refresh works out every filter again, keeping the cursor on the same term
// when it is still shown.
func (l *listScreen) refresh() {
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
func (l *listScreen) keepSelection(change func()) {
	sel := l.selected()
	change()
	at := 0
	if sel != nil {
		at = max(slices.Index(l.items, sel), 0)
	}
	l.cur.total = len(l.items)
	l.cur.moveTo(at)
}

func (l *listScreen) filterTags() {
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
func (l *listScreen) filterText(narrow bool) {
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
func (l *listScreen) filterTab() {
	tt := l.text
	clear(l.counts)
	l.items, l.places = l.items[:0], l.places[:0]
	in := l.best
	if l.match.all() {
		in = l.use.arrange(tt, in) // with a query, the best match comes first
	}
	for _, i := range in {
		if !tt.defined[i] && l.sh.reading {
			continue
		}
		tab := 0 // a kind without a tab of its own is in All only
		if k := tt.kinds[i]; int(k) < len(l.tabOf) {
			tab = l.tabOf[k]
		}
		l.counts[0]++
		if tab > 0 {
			l.counts[tab]++
		}
		if l.tab == 0 || tab == l.tab {
			l.items = append(l.items, tt.terms[i])
			l.places = append(l.places, i)
		}
	}
}

// selectID moves the cursor to a term; false when the list does not show it.
func (l *listScreen) selectID(id model.ID) bool {
	i := slices.IndexFunc(l.items, func(t *model.Term) bool { return t.ID == id })
	if i >= 0 {
		l.cur.moveTo(i)
	}
	return i >= 0
}

// reveal selects a term, the filters giving way when they hide it.
func (l *listScreen) reveal(id model.ID) {
	if !l.selectID(id) && l.tab != 0 {
		l.setTab(0)
	}
	if !l.selectID(id) && l.query != "" {
		l.setQuery("")
	}
	if !l.selectID(id) && len(l.tags) > 0 {
		l.setTags(nil)
	}
	l.selectID(id)
}

// restore puts the list back as a step in history left it.
func (l *listScreen) restore(v viewState) {
	var tags []*model.Term
	for _, id := range v.tags {
		if t := l.g.Get(id); t != nil {
			tags = append(tags, t)
		}
	}
	// Filters as they are need no work again: a reload kept them.
	same := l.tab == v.tab && l.query == v.query && slices.Equal(l.tags, tags)
	l.tab, l.query, l.tags = v.tab, v.query, tags
	if !same {
		l.refresh()
	}
	if !l.selectID(v.selected) {
		l.cur.moveTo(v.listAt) // the term is gone: the cursor stays where it was
	}
	// The term selected stays on its row, whatever came or went above it.
	l.cur.offset = max(l.cur.at-(v.listAt-v.listOffset), 0)
	l.cur.moveTo(l.cur.at)
}

// snapshot is the list as a step in history keeps it.
func (l listScreen) snapshot() viewState {
	v := viewState{tab: l.tab, query: l.query, listAt: l.cur.at, listOffset: l.cur.offset}
	for _, t := range l.tags {
		v.tags = append(v.tags, t.ID)
	}
	if t := l.selected(); t != nil {
		v.selected = t.ID
	}
	return v
}

// showTab shows a tab: All or a kind's, in the list's pane; past the
// kinds', a site's pages.
func (l *listScreen) showTab(tab int) {
	switch pages := len(l.kinds) + 1; {
	case tab < pages:
		l.sh.tell(leftMsg{to: modeList})
		l.setTab(tab)
	case tab == pages && l.use.site != nil:
		l.sh.tell(leftMsg{to: modePages})
	default:
		l.sh.tell(statusMsg{text: fmt.Sprintf("There is no tab %d.", tab)})
	}
}

// nextOrder puts the list in its next order, the cursor on the same term.
func (l *listScreen) nextOrder() {
	l.use.order = (l.use.order + 1) % l.use.orders()
	if l.g != nil {
		l.keepSelection(l.filterTab)
	}
	l.sh.tell(statusMsg{text: "Terms " + l.use.order.String() + "."})
}

func (l *listScreen) setTab(tab int) {
	l.tab = tab
	if l.g != nil {
		l.keepSelection(l.filterTab)
	}
}

func (l *listScreen) setQuery(q string) {
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
		l.cur.at, l.cur.offset = 0, 0
	}
}

func (l *listScreen) setTags(tags []*model.Term) {
	l.tags = tags
	l.refresh()
}

// filtered reports whether a text or tag filter is on.
func (l listScreen) filtered() bool { return l.query != "" || len(l.tags) > 0 }

// drawing

// View draws the rows in view.
func (l listScreen) View() string {
	st := l.sh.styles
	rows := make([]string, 0, l.cur.height)
	if len(l.items) == 0 {
		msg := "No terms."
		if l.filtered() {
			msg = "No terms match; esc clears the filter."
		}
		rows = append(rows, st.Dim.Render(ansi.Truncate(" "+msg, l.width, "…")))
	}
	start, end := l.cur.window()
	for i := start; i < end && len(rows) < l.cur.height; i++ {
		rows = append(rows, l.row(l.items[i], int(l.places[i]), i == l.cur.at))
	}
	return fit(strings.Join(rows, "\n"), l.width, l.cur.height)
}

// row draws one term: a cursor mark, the kind marker, the title, and on a
// site how many pages carry it, flush right.
func (l listScreen) row(t *model.Term, place int, cursor bool) string {
	st := l.sh.styles
	title := safe.Line(t.DisplayTitle())
	switch {
	case !t.Defined:
		title += l.sh.noFile()
	case l.use.unused(t, place):
		title += " (unused)"
	}
	mark := "  "
	if cursor {
		mark = "› "
	}
	count := countText(l.use.count(place))
	room := l.width - 4
	if count != "" {
		room -= len(count) + 2
	}
	title = ansi.Truncate(title, max(room, 1), "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(title), 0))
	if count != "" {
		pad += "  "
	}
	switch {
	case cursor && l.focused:
		return st.Selected.Render(mark + kindMarker(t.Kind) + " " + title + pad + count)
	case cursor:
		return st.SelectedBlur.Render(mark + kindMarker(t.Kind) + " " + title + pad + count)
	}
	text := st.Item
	if !t.Defined || l.use.unused(t, place) {
		text = st.Undefined
	}
	line := mark + st.Kinds[t.Kind].Render(kindMarker(t.Kind)) + " " + text.Render(title)
	if count != "" {
		line += pad + st.Count.Render(count)
	}
	return line
}

// kindMarker sets kinds apart in the All tab, where an icon name would
// need a special font to show.
func kindMarker(k model.Kind) string {
	switch k {
	case model.Concept:
		return "◆"
	case model.Category:
		return "■"
	case model.Tag:
		return "#"
	default: // a site's own taxonomy: not to be taken for a tag
		return "•"
	}
}

// tabsView draws the tabs with their counts; none is active while the
// Pages tab is shown in its place. short cuts the labels of the others to
// three letters.
func (l listScreen) tabsView(pagesShown, short bool) string {
	st := l.sh.styles
	parts := make([]string, len(l.counts))
	for tab := range l.counts {
		label := st.Tab.Render(shortLabel(l.tabLabel(tab), short))
		if tab == l.tab && !pagesShown {
			label = st.ActiveTab.Render(l.tabLabel(tab))
		}
		parts[tab] = label + " " + st.Count.Render(fmt.Sprint(l.counts[tab]))
	}
	return strings.Join(parts, "  ")
}

// shortLabel is a tab's label cut to three letters when short is set.
func shortLabel(label string, short bool) string {
	if r := []rune(label); short && len(r) > 3 {
		return string(r[:3])
	}
	return label
}

// header is the line under the header: the filters in use, or the text
// filter being typed; "" when there is none.
func (l listScreen) header(width int) string {
	st := l.sh.styles
	parts := filterParts(st, l.input, l.query, width, "tagged", l.tags)
	if !l.input.Focused() && len(parts) > 0 {
		parts = append(parts, st.Dim.Render("esc clears"))
	}
	if l.use.order != orderWeight {
		parts = append(parts, st.Filter.Render("sorted "+l.use.order.String()))
	}
	if len(parts) == 0 {
		return ""
	}
	return ansi.Truncate(strings.Join(parts, st.Dim.Render("  ·  ")), width, "…")
}
