package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/prefs"
)

// pagesScreen is a Hugo site's content pages, in the list's pane: the
// Pages tab, every page of the language shown, newest first. / filters
// them by title or path as typed, t keeps those that carry every term
// chosen (of any taxonomy), and the page view beside it shows the page
// under the cursor. The tab's count follows the filters.
type pagesScreen struct {
	sh   *shared
	g    *model.Graph
	site *siteView
	text *pageText // the pages' titles and paths, for the text filter

	input textinput.Model // the text filter; focused while it is typed
	query string
	terms []*model.Term // the term filter: pages carrying all of them

	items   []*model.Page // what the filters keep
	cur     cursor
	width   int
	focused bool
	shown   bool // in the list's pane
}

// pagesState is the Pages tab as a step in history keeps it.
type pagesState struct {
	query    string
	terms    []model.ID
	selected string // the page's path
	offset   int
}

func newPages(sh *shared) pagesScreen {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "filter on title and path"
	in.SetStyles(sh.styles.Input)
	return pagesScreen{sh: sh, input: in}
}

// messages

// pagesFilterMsg starts typing the text filter of the pages.
type pagesFilterMsg struct{}

// pagesPickMsg opens the term picker for the pages.
type pagesPickMsg struct{}

// pagesTermsMsg shows the pages that carry every one of terms.
type pagesTermsMsg struct{ terms []*model.Term }

// pagesRevealMsg puts the cursor on a page, the filters giving way when
// they hide it: the text filter first, then the terms.
type pagesRevealMsg struct{ path string }

// pagesRestoreMsg puts the tab back as a step in history left it.
type pagesRestoreMsg struct{ state pagesState }

func (pagesFilterMsg) screen() mode  { return modePages }
func (pagesPickMsg) screen() mode    { return modePages }
func (pagesTermsMsg) screen() mode   { return modePages }
func (pagesRevealMsg) screen() mode  { return modePages }
func (pagesRestoreMsg) screen() mode { return modePages }

// Update reads keys as the pages' list, types its filter, and follows
// what the other screens tell it.
func (p pagesScreen) Update(msg tea.Msg) (pagesScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = p.handleKey(msg)
	case tea.MouseWheelMsg:
		p.cur.moveTo(moved(p.keyMap(), msg, p.cur.at, 0, 1, 0))
	case clickMsg:
		if i := p.cur.offset + msg.row; msg.row >= 0 && i < len(p.items) && !p.input.Focused() {
			p.cur.moveTo(i)
			p.sh.tell(openMsg{to: modePages})
		}
	case sizeMsg:
		p.width, p.focused, p.shown = msg.width, msg.focused, msg.shown
		p.cur.setHeight(msg.height)
		p.cur.moveTo(p.cur.at)
	case taxonomyMsg:
		p.setGraph(msg)
	case stylesMsg:
		p.input.SetStyles(p.sh.styles.Input)
	default:
		cmd = p.follow(msg)
	}
	return p, cmd
}

// follow does what another screen or the root tells the pages.
func (p *pagesScreen) follow(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pagesFilterMsg:
		p.sh.tell(openMsg{to: modePages})
		p.input.SetValue(p.query)
		p.input.CursorEnd()
		return p.input.Focus()
	case pagesPickMsg:
		if p.g != nil {
			p.sh.tell(pickerMsg{g: p.g, current: p.terms, forPages: true})
		}
	case pagesTermsMsg:
		p.setTerms(msg.terms)
		p.cur.offset = 0
		p.cur.moveTo(0)
		p.sh.tell(openMsg{to: modePages})
	case pagesRevealMsg:
		p.reveal(msg.path)
	case pagesRestoreMsg:
		p.restore(msg.state)
	case hideMsg:
		p.input.Blur()
	default:
		if p.input.Focused() { // a paste, the input's own messages
			return p.typeFilter(msg)
		}
	}
	return nil
}

// keyMap is the key map as the pages read it: while the filter is typed,
// letters are text; esc clears a filter, and else goes back.
func (p pagesScreen) keyMap() prefs.KeyMap {
	typing := p.input.Focused()
	keys := p.sh.keysWhile(typing, !typing)
	enable(&keys.Cancel, typing || p.filtered())
	enable(&keys.ForceQuit, true)
	enable(&keys.Toggle, false)
	enable(&keys.Complete, false)
	enable(&keys.FindNext, false)
	enable(&keys.FindPrev, false)
	return keys
}

func (p *pagesScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := p.keyMap()
	// esc (cancel) clears the text filter, then the terms, before it goes
	// back, so it comes before back; enter is accept while typing.
	switch {
	case key.Matches(k, keys.Accept):
		p.input.Blur()
		p.open()
	case key.Matches(k, keys.Cancel):
		p.cancel()
	case key.Matches(k, keys.InputUp):
		p.cur.moveTo(p.cur.at - 1)
	case key.Matches(k, keys.InputDown):
		p.cur.moveTo(p.cur.at + 1)
	case p.input.Focused():
		return p.typeFilter(k)
	case key.Matches(k, keys.Open):
		p.open()
	case key.Matches(k, keys.Back):
		p.sh.tell(historyMsg{dir: -1})
	default:
		if cmd, ok := pageKey(p.sh, keys, k, p.selected()); ok {
			return cmd
		}
		p.cur.moveTo(moved(keys, k, p.cur.at, max(p.cur.height-1, 1), 0, len(p.items)-1))
	}
	return nil
}

// pageKey is what the keys of the pages' list and the page view do
// beyond moving: the filters of the Pages tab, the page's terms, the
// page's file, and what every pane does. It reports false for a key that
// is none of these.
func pageKey(sh *shared, keys prefs.KeyMap, k tea.KeyPressMsg, page *model.Page) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, keys.Filter):
		sh.tell(pagesFilterMsg{})
	case key.Matches(k, keys.Tags):
		sh.tell(pagesPickMsg{})
	case key.Matches(k, keys.Order):
		sh.tell(statusMsg{text: "Pages are listed newest first; o orders the terms' tabs."})
	case key.Matches(k, keys.NextLink):
		sh.tell(pageCycleMsg{dir: 1})
	case key.Matches(k, keys.PrevLink):
		sh.tell(pageCycleMsg{dir: -1})
	case key.Matches(k, keys.Instructions):
		sh.tell(pageInstructionsMsg{})
	case key.Matches(k, keys.Edit):
		sh.tell(editPageMsg{page: page})
	case key.Matches(k, keys.TagPage):
		if page != nil {
			sh.tell(tagPageMsg{path: page.Path})
		}
	case key.Matches(k, keys.Copy, keys.Neighbourhood, keys.Find, keys.Mark, keys.Compare):
		sh.tell(statusMsg{text: "That key works on a term: tab to one of the page's terms and open it."})
	default:
		if cmd, ok := listKey(sh, keys, k); ok {
			return cmd, true
		}
		return appKey(sh, keys, k)
	}
	return nil, true
}

// cancel drops the filter being typed; else it clears the text filter,
// then the terms.
func (p *pagesScreen) cancel() {
	switch {
	case p.input.Focused():
		p.input.Blur()
		p.setQuery("")
	case p.query != "":
		p.setQuery("")
	default:
		p.setTerms(nil)
	}
}

// open gives the page under the cursor the keys.
func (p *pagesScreen) open() {
	if p.selected() != nil {
		p.sh.tell(openMsg{to: modePage})
	}
}

// typeFilter types into the text filter and filters as it changes.
func (p *pagesScreen) typeFilter(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.setQuery(strings.TrimSpace(p.input.Value()))
	return cmd
}

// Help is the pages' help line, or the filter's while it is typed.
func (p pagesScreen) Help() []key.Binding {
	k := p.keyMap()
	if p.input.Focused() {
		return []key.Binding{brief(k.Accept, "open top match"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "clear filter")}
	}
	return []key.Binding{
		brief(k.Open, "open"), brief(k.Filter, "filter"), brief(k.Tags, "terms"),
		brief(k.NextLink, "page's terms"), brief(k.Quit, "quit"), brief(k.Edit, "edit"),
		brief(k.Language, "language"), brief(k.Help, "keys"),
	}
}

// Status has nothing of its own: the status line says where the user is.
func (p pagesScreen) Status() (left, right string) { return "", "" }

// Selected is no term: the pages' list selects a page.
func (p pagesScreen) Selected() (*model.Term, []*model.Term) { return nil, nil }

// selected is the page under the cursor, or nil.
func (p pagesScreen) selected() *model.Page {
	if p.cur.at < 0 || p.cur.at >= len(p.items) {
		return nil
	}
	return p.items[p.cur.at]
}

// position is where the cursor is among the pages listed.
func (p pagesScreen) position() (at, of int) { return p.cur.at, len(p.items) }

// the filters

// setGraph takes the pages of another graph (a reload, another language),
// keeping the filters and the selected page where they still exist.
func (p *pagesScreen) setGraph(msg taxonomyMsg) {
	var sel, key string
	if pg := p.selected(); pg != nil {
		sel = pg.Path
		if p.site != nil && msg.site != nil && msg.site.lang != p.site.lang {
			key = p.site.translationKey(pg) // another language: its translation
		}
	}
	p.g, p.site = msg.tx.Graph, msg.site
	if p.site == nil && p.shown && !msg.partial {
		p.sh.tell(leftMsg{to: modeList}) // the folder is no longer a site
	}
	p.text = newPageText(p.site, p.g.Pages())
	terms := p.terms[:0:0]
	for _, t := range p.terms {
		if nt := p.g.Get(t.ID); nt != nil {
			terms = append(terms, nt)
		}
	}
	p.terms = terms
	p.refresh()
	if !p.selectPath(sel) && key != "" {
		i := slices.IndexFunc(p.items, func(pg *model.Page) bool { return p.site.translationKey(pg) == key })
		p.cur.moveTo(max(i, 0))
	}
}

// pageText is what the text filter reads of pages: each title in lower
// case, matched fuzzily as the list's terms are, and each path in lower
// case, where a word must be found whole (a long path holds the letters
// of most words somewhere).
type pageText struct {
	titles, paths []string
	runes         []int32
}

func newPageText(site *siteView, pages []*model.Page) *pageText {
	pt := &pageText{titles: make([]string, len(pages)), paths: make([]string, len(pages)), runes: make([]int32, len(pages))}
	for i, pg := range pages {
		pt.titles[i] = strings.ToLower(site.pageTitle(pg))
		pt.paths[i] = strings.ToLower(pg.Path)
		pt.runes[i] = int32(utf8.RuneCountInString(pt.titles[i]))
	}
	return pt
}

// match returns the places among from (every page when nil) whose pages
// fit m, best first, newest first among equals.
func (pt *pageText) match(m matcher, from []int32) []int32 {
	if from == nil {
		from = make([]int32, len(pt.titles))
		for i := range from {
			from[i] = int32(i)
		}
	}
	if m.all() {
		return from
	}
	type hit struct{ at, score int32 }
	var hits []hit
	for _, i := range from {
		if s, ok := m.scorePage(pt.titles[i], int(pt.runes[i]), pt.paths[i]); ok {
			hits = append(hits, hit{i, int32(s)})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return int(b.score - a.score) })
	out := make([]int32, len(hits))
	for k, h := range hits {
		out[k] = h.at
	}
	return out
}

// scorePage tries a page, given its title in lower case and its length in
// runes, and its path in lower case, as score tries a term.
func (m matcher) scorePage(title string, runes int, path string) (int, bool) {
	score := 0
	switch {
	case title == m.q:
		score += 1000
	case strings.HasPrefix(title, m.q):
		score += 500
	case strings.Contains(title, m.q) || strings.Contains(path, m.q):
		score += 300
	}
	for _, word := range m.words {
		s, ok := wordScore(word, title)
		if !ok && strings.Contains(path, word) {
			s, ok = 40, true
		}
		if !ok {
			return 0, false
		}
		score += s
	}
	return score - min(runes, 100), true
}

// refresh works the filters out again, the cursor kept on its page when
// it is still listed, else on the first.
func (p *pagesScreen) refresh() {
	if p.g == nil {
		return
	}
	sel := p.selected()
	pages := p.g.Pages()
	var from []int32
	if len(p.terms) > 0 {
		from = p.places(p.g.PagesWithAll(p.terms))
	}
	best := p.text.match(newMatcher(p.query), from)
	p.items = p.items[:0]
	for _, i := range best {
		p.items = append(p.items, pages[i])
	}
	p.cur.total = len(p.items)
	p.cur.moveTo(max(slices.Index(p.items, sel), 0))
}

// places finds the places of some pages, given newest first as the
// graph's are, in the graph's pages.
func (p *pagesScreen) places(some []*model.Page) []int32 {
	out := make([]int32, 0, len(some))
	j := 0
	for i, pg := range p.g.Pages() {
		if j == len(some) {
			break
		}
		if pg == some[j] {
			out = append(out, int32(i))
			j++
		}
	}
	return out
}

func (p *pagesScreen) setQuery(q string) {
	if q == p.query {
		return
	}
	p.query = q
	p.refresh()
	if q != "" {
		// As the query changes, the best match is the one to open.
		p.cur.at, p.cur.offset = 0, 0
		p.cur.moveTo(0)
	}
}

func (p *pagesScreen) setTerms(terms []*model.Term) {
	p.terms = terms
	p.refresh()
}

// filtered reports whether a text or term filter is on.
func (p pagesScreen) filtered() bool { return p.query != "" || len(p.terms) > 0 }

// selectPath moves the cursor to a page; false when it is not listed.
func (p *pagesScreen) selectPath(path string) bool {
	i := slices.IndexFunc(p.items, func(pg *model.Page) bool { return pg.Path == path })
	if i >= 0 {
		p.cur.moveTo(i)
	}
	return i >= 0
}

// reveal selects a page, the filters giving way when they hide it.
func (p *pagesScreen) reveal(path string) {
	if !p.selectPath(path) && p.query != "" {
		p.setQuery("")
	}
	if !p.selectPath(path) && len(p.terms) > 0 {
		p.setTerms(nil)
	}
	p.selectPath(path)
}

// snapshot is the tab as a step in history keeps it.
func (p pagesScreen) snapshot() pagesState {
	s := pagesState{query: p.query, offset: p.cur.offset}
	for _, t := range p.terms {
		s.terms = append(s.terms, t.ID)
	}
	if pg := p.selected(); pg != nil {
		s.selected = pg.Path
	}
	return s
}

// restore puts the tab back as a step in history left it.
func (p *pagesScreen) restore(s pagesState) {
	if p.g == nil {
		return
	}
	var terms []*model.Term
	for _, id := range s.terms {
		if t := p.g.Get(id); t != nil {
			terms = append(terms, t)
		}
	}
	p.query, p.terms = s.query, terms
	p.input.Blur()
	p.refresh()
	p.selectPath(s.selected)
	p.cur.offset = s.offset
	p.cur.moveTo(p.cur.at)
}

// drawing

// View draws the rows in view: each page's title, and its date.
func (p pagesScreen) View() string {
	st := p.sh.styles
	rows := make([]string, 0, p.cur.height)
	if len(p.items) == 0 {
		msg := "No pages."
		if p.filtered() {
			msg = "No pages match; esc clears the filter."
		}
		rows = append(rows, st.Dim.Render(ansi.Truncate(" "+msg, p.width, "…")))
	}
	start, end := p.cur.window()
	for i := start; i < end && len(rows) < p.cur.height; i++ {
		rows = append(rows, p.row(p.items[i], i == p.cur.at))
	}
	return fit(strings.Join(rows, "\n"), p.width, p.cur.height)
}

// row draws one page: a cursor mark, its title, and its date (or its
// state when Hugo does not publish it), flush right.
func (p pagesScreen) row(pg *model.Page, cursor bool) string {
	st := p.sh.styles
	mark := "  "
	if cursor {
		mark = "› "
	}
	right := pageDate(pg)
	state := p.site.state(pg)
	if state != model.Published {
		right = state.String()
	}
	room := max(p.width-2-len(right)-2, 1)
	title := ansi.Truncate(safe.Line(p.site.pageTitle(pg)), room, "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(title), 0)) + "  "
	switch {
	case cursor && p.focused:
		return st.Selected.Render(mark + title + pad + right)
	case cursor:
		return st.SelectedBlur.Render(mark + title + pad + right)
	}
	rightStyle := st.Count
	if state != model.Published {
		rightStyle = st.Message
	}
	return mark + st.Item.Render(title) + pad + rightStyle.Render(right)
}

// pageDate is a page's date as the rows show it, "" for none.
func pageDate(pg *model.Page) string {
	if pg.Date.IsZero() {
		return ""
	}
	return pg.Date.Format("2006-01-02")
}

// tabView draws the Pages tab, with its count, for the header; short cuts
// its label when it is not the tab shown.
func (p pagesScreen) tabView(active, short bool) string {
	if p.site == nil {
		return ""
	}
	st := p.sh.styles
	label := st.Tab.Render(shortLabel("Pages", short))
	if active {
		label = st.ActiveTab.Render("Pages")
	}
	return label + " " + st.Count.Render(fmt.Sprint(len(p.items)))
}

// header is the line under the header while the Pages tab is shown: the
// filters in use, or the text filter being typed; "" when there is none.
func (p pagesScreen) header(width int) string {
	st := p.sh.styles
	parts := filterParts(st, p.input, p.query, width, "carrying", p.terms)
	if len(parts) == 0 {
		return ""
	}
	if !p.input.Focused() {
		parts = append(parts, st.Dim.Render(english.Plural(len(p.items), "page")+"  ·  esc clears"))
	}
	return ansi.Truncate(strings.Join(parts, st.Dim.Render("  ·  ")), width, "…")
}
