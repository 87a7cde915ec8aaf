package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

// searchLimit is how many hits a search lists: more than a screen holds,
// few enough that their snippets cost little. The summary says how many
// terms matched in all.
const searchLimit = 200

// snippetLines is the most lines the selected hit's snippet takes.
const snippetLines = 3

// searchModel is full-text search over every term's text. Its prompt sits
// under the header; its hits, best first, replace the list until esc, the
// selected one with its snippet under it, and the detail follows the
// selection as it follows the list's.
//
// The index is built once per graph, in a tea.Cmd, the first time search
// is wanted: milliseconds for hundreds of terms, seconds for 100k. A query
// takes milliseconds, and runs in a tea.Cmd too, so that typing never waits
// for it; the hits of a query typed over are dropped when they come.
type searchModel struct {
	sh    *shared
	input textinput.Model

	open   bool // the hits replace the list
	typing bool // the prompt has the keys

	ix       *model.Index
	ixGen    int  // the graph generation ix indexes
	building int  // the generation being indexed; 0 for none
	terms    int  // how many terms are being indexed, for the summary
	interim  bool // ix indexes the terms read so far of a load still running

	asked   string // the query last asked for, as typed
	dirty   bool   // asked must be asked again: the index is new
	seq     int    // counts the queries asked, so that a late answer is known
	query   string // the query the hits are for
	hits    []model.Hit
	total   int
	problem string   // why the query cannot run, such as kind:colour
	want    model.ID // the hit to select when the hits come, going back in history

	cursor, offset int
	width, height  int
	focused        bool
}

func newSearch(sh *shared) searchModel {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = `words, "a phrase", prefix*, kind:category, tag:scrum`
	in.SetStyles(sh.styles.Input)
	return searchModel{sh: sh, input: in}
}

// messages

// indexBuiltMsg brings the search index of one generation of the graph.
type indexBuiltMsg struct {
	gen int
	ix  *model.Index
}

// searchDoneMsg brings the hits of query number seq.
type searchDoneMsg struct {
	seq   int
	query string
	res   model.Results
	err   error
}

// ready reports whether the index is built for generation gen.
func (s searchModel) ready(gen int) bool { return s.ix != nil && s.ixGen == gen }

// selected is the hit under the cursor, or nil.
func (s searchModel) selected() *model.Term {
	if s.cursor < 0 || s.cursor >= len(s.hits) {
		return nil
	}
	return s.hits[s.cursor].Term
}

// ask runs what the prompt holds, unless it was asked already. An empty
// query or one with a mistake clears the hits at once; a query typed
// before the index is in waits for it, except that while the first load
// runs, the index of the terms read so far answers.
func (s *searchModel) ask(gen int) tea.Cmd {
	text := strings.TrimSpace(s.input.Value())
	if text == s.asked && !s.dirty {
		return nil
	}
	s.asked, s.dirty = text, false
	s.seq++
	q, err := model.ParseQuery(text)
	switch {
	case err != nil:
		s.setHits(text, model.Results{}, err.Error())
		return nil
	case text == "":
		s.setHits(text, model.Results{}, "")
		return nil
	case q.Empty():
		s.setHits(text, model.Results{}, "Every word is too common to search for.")
		return nil
	case !s.ready(gen) && !s.interim:
		return nil
	}
	seq, ix := s.seq, s.ix
	return func() tea.Msg {
		res, err := ix.Search(q, searchLimit)
		return searchDoneMsg{seq: seq, query: text, res: res, err: err}
	}
}

// setHits shows the hits of a query, the best selected, or the one going
// back in history wants.
func (s *searchModel) setHits(query string, res model.Results, problem string) {
	s.query, s.hits, s.total, s.problem = query, res.Hits, res.Total, problem
	s.cursor, s.offset = 0, 0
	if s.want != "" {
		for i, h := range s.hits {
			if h.Term.ID == s.want {
				s.cursor = i
			}
		}
		s.want = ""
	}
	s.clamp()
}

func (s *searchModel) setSize(w, h int) {
	s.width, s.height = w, max(h, 1)
	s.clamp()
}

// page is how far the page keys move the cursor: a screen of hits, less
// the snippet under the last.
func (s searchModel) page() int { return max(s.rows()-snippetLines-1, 1) }

func (s *searchModel) move(n int) {
	s.cursor += n
	s.clamp()
}

// rows is how many lines the hits have under the summary.
func (s searchModel) rows() int { return max(s.height-len(s.summaryLines()), 1) }

// clamp keeps the cursor on a hit, and the hit with its snippet in view.
func (s *searchModel) clamp() {
	s.cursor = max(min(s.cursor, len(s.hits)-1), 0)
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	need := s.cursor - s.offset + 1 + len(s.snippet(s.cursor))
	if over := need - s.rows(); over > 0 {
		s.offset = min(s.offset+over, s.cursor)
	}
	s.offset = max(s.offset, 0)
}

// hitAt is the hit drawn on a row of the pane, under the summary, or -1.
func (s searchModel) hitAt(row int) int {
	line := len(s.summaryLines())
	for i := s.offset; i < len(s.hits); i++ {
		end := line + 1
		if i == s.cursor {
			end += len(s.snippet(i))
		}
		if row >= line && row < end {
			return i
		}
		line = end
	}
	return -1
}

// Update moves the cursor through the hits.
func (s searchModel) Update(msg tea.Msg) (searchModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if to := moved(s.sh.keys, k, s.cursor, s.page(), 0, len(s.hits)-1); to != s.cursor {
			s.cursor = to
			s.clamp()
		}
	}
	return s, nil
}

// summaryLines are the summary wrapped to the pane, in at most three lines.
func (s searchModel) summaryLines() []string {
	lines := strings.Split(ansi.Wrap(s.summary(), max(s.width-2, 10), " "), "\n")
	if len(lines) > 3 {
		lines = append(lines[:2], ansi.Truncate(strings.Join(lines[2:], " "), max(s.width-2, 10), "…"))
	}
	return lines
}

// summary is the line over the hits: how many matched, or why none is shown.
func (s searchModel) summary() string {
	switch {
	case s.ix == nil || (s.building != 0 && !s.interim):
		return fmt.Sprintf("Indexing %s…", english.Plural(s.terms, "term"))
	case s.interim && s.asked != "" && s.problem == "" && s.query == s.asked:
		return fmt.Sprintf("%d of the terms read so far match; more as the rest are read.", s.total)
	case s.asked == "":
		return "Type to search every term's text."
	case s.problem != "":
		return safe.Line(s.problem)
	case s.query != s.asked && len(s.hits) == 0:
		return "Searching…"
	case s.total == 0:
		return "No term matches."
	case s.total == 1:
		return "1 term matches."
	case s.total > len(s.hits):
		return fmt.Sprintf("The best %d of %d matches.", len(s.hits), s.total)
	}
	return fmt.Sprintf("%d terms match.", s.total)
}

// View draws the summary, then the hits in view.
func (s searchModel) View() string {
	st := s.sh.styles
	var lines []string
	for _, l := range s.summaryLines() {
		lines = append(lines, " "+st.Dim.Render(l))
	}
	for i := s.offset; i < len(s.hits) && len(lines) < s.height; i++ {
		lines = append(lines, s.row(i))
		if i == s.cursor {
			lines = append(lines, s.snippet(i)...)
		}
	}
	return fit(strings.Join(lines, "\n"), s.width, s.height)
}

// row draws one hit: a cursor mark, the kind marker, the title, the score.
func (s searchModel) row(i int) string {
	st := s.sh.styles
	h := s.hits[i]
	score := strconv.FormatFloat(h.Score, 'f', 2, 64)
	room := max(s.width-4-len(score)-3, 1) // a column on the right, as the list leaves
	title := ansi.Truncate(safe.Line(h.Term.DisplayTitle()), room, "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(title), 0))
	marker := kindMarker(h.Term.Kind)
	if i == s.cursor {
		style := st.SelectedBlur
		if s.focused {
			style = st.Selected
		}
		return style.Render("› " + marker + " " + title + pad + "  " + score + " ")
	}
	return "  " + st.Kinds[h.Term.Kind].Render(marker) + " " + st.Item.Render(title) + pad + "  " + st.Score.Render(score)
}

// snippet is hit i's snippet as drawn under it: the field it comes from,
// then the text with the matches marked, wrapped to the pane.
func (s searchModel) snippet(i int) []string {
	if i < 0 || i >= len(s.hits) || s.hits[i].Snippet.Text == "" || s.width < 12 {
		return nil
	}
	st := s.sh.styles
	sn := s.hits[i].Snippet
	label := sn.Field.String() + ": "
	lines := markedLines(sn.Text, sn.Marks, s.width-4, len(label), snippetLines, st.Dim, st.Match)
	for j, l := range lines {
		if j == 0 {
			l = st.Dim.Render(label) + l
		}
		lines[j] = "    " + l
	}
	return lines
}

// markedLines wraps one line of text to width columns, the first line
// leaving room for lead columns, in at most n lines (the last cut with
// "…"), and styles the marked byte ranges with mark and the rest with
// plain. Each piece is made safe on its own, so that the marks stay on
// the words they mark.
func markedLines(text string, marks []model.Span, width, lead, n int, plain, mark lipgloss.Style) []string {
	type span struct{ start, end int }
	var lines []span
	start, end, used := 0, 0, lead
	room := width
	for i := 0; i < len(text) && len(lines) < n; {
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			j = len(text) - i
		}
		w := ansi.StringWidth(safe.Line(text[i : i+j]))
		if end > start && used+1+w > room {
			lines = append(lines, span{start, end})
			start, used = i, 0
		}
		if end > start {
			used++
		}
		used += w
		end = i + j
		i = end + 1
	}
	cut := len(lines) == n
	if !cut && end > start {
		lines = append(lines, span{start, end})
	}
	out := make([]string, len(lines))
	for li, ln := range lines {
		var b strings.Builder
		at := ln.start
		for _, m := range marks {
			ms, me := max(m.Start, ln.start), min(m.End, ln.end)
			if ms >= me {
				continue
			}
			b.WriteString(plain.Render(safe.Line(text[at:ms])))
			b.WriteString(mark.Render(safe.Line(text[ms:me])))
			at = me
		}
		b.WriteString(plain.Render(safe.Line(text[at:ln.end])))
		line := b.String()
		limit := width
		if li == 0 {
			limit -= lead
		}
		if cut && li == len(lines)-1 {
			line = ansi.Truncate(line, max(limit-1, 1), "") + plain.Render("…")
		}
		out[li] = line
	}
	return out
}

// promptView is the line under the header: the prompt while typing, else
// the query the hits are for.
func (s searchModel) promptView(width int) string {
	st := s.sh.styles
	keys := s.sh.keys
	if s.typing {
		s.input.SetWidth(max(width/2, 10))
		return ansi.Truncate(s.input.View()+st.Dim.Render("  "+firstKey(keys.Accept)+" opens · "+firstKey(keys.Cancel)+" closes"), width, "…")
	}
	return ansi.Truncate(st.Filter.Render("search: "+safe.Line(s.asked))+st.Dim.Render("  "+firstKey(keys.Search)+" edits · "+firstKey(keys.Cancel)+" closes"), width, "…")
}

// the root's handling of search

// selected is the term the detail pane shows: the search's while its hits
// replace the list, else the list's.
func (m Model) selected() *model.Term {
	if m.search.open {
		return m.search.selected()
	}
	return m.list.selected()
}

// shownItems are the terms in the list pane, the search's hits while they
// replace the list, and the cursor's place among them.
func (m Model) shownItems() ([]*model.Term, int) {
	if !m.search.open {
		return m.list.items, m.list.cursor
	}
	items := make([]*model.Term, len(m.search.hits))
	for i, h := range m.search.hits {
		items[i] = h.Term
	}
	return items, m.search.cursor
}

// moveShown moves the cursor of the list pane.
func (m *Model) moveShown(n int) {
	if m.search.open {
		m.search.move(n)
		return
	}
	m.list.move(n)
}

// clickHit selects the hit drawn on a row of the list pane.
func (m *Model) clickHit(row int) {
	if i := m.search.hitAt(row); i >= 0 {
		m.search.cursor = i
		m.search.clamp()
		m.focus = paneList
	}
}

// openSearch opens the prompt, on the hits of the last query when they are
// still shown, and has the index built if it is not.
func (m *Model) openSearch() tea.Cmd {
	if !m.search.open {
		m.search.input.SetValue("")
		m.search.asked, m.search.query, m.search.hits, m.search.problem = "", "", nil, ""
	}
	m.search.open, m.search.typing = true, true
	m.mode, m.focus = modeSearch, paneList
	m.search.input.CursorEnd()
	return tea.Batch(m.search.input.Focus(), m.indexCmd())
}

// closeSearch puts the list back, with the hit last selected selected in
// it when the list shows it.
func (m *Model) closeSearch() {
	if !m.search.open {
		return
	}
	if t := m.search.selected(); t != nil {
		m.list.selectID(t.ID)
	}
	m.search.open, m.search.typing = false, false
	m.search.input.Blur()
	if m.mode == modeSearch {
		m.mode = modeBrowse
	}
}

// reopenSearch shows the hits of query again with a term selected, as
// going back in history finds them. The hits in hand serve when they are
// for that query and the index has not changed since; else the query runs
// here, going back being rare and a query quick, or once the index is in.
func (m *Model) reopenSearch(query string, hit model.ID) {
	s := &m.search
	s.open, s.typing = true, false
	s.input.SetValue(query)
	s.input.Blur()
	if m.mode == modeSearch {
		m.mode = modeBrowse
	}
	s.want = hit
	switch {
	case s.asked == query && s.query == query && s.ready(m.gen):
		s.setHits(query, model.Results{Hits: s.hits, Total: s.total}, s.problem)
	case s.ready(m.gen):
		s.asked, s.dirty = query, false
		s.seq++
		s.searchNow(query)
	default:
		s.asked, s.dirty = query, true
	}
}

// searchNow runs a query in the caller's goroutine.
func (s *searchModel) searchNow(query string) {
	q, err := model.ParseQuery(query)
	if err != nil {
		s.setHits(query, model.Results{}, err.Error())
		return
	}
	res, err := s.ix.Search(q, searchLimit)
	problem := ""
	if err != nil {
		problem = err.Error()
	}
	s.setHits(query, res, problem)
}

// definedTerms counts the terms with a file: those search and suggest read.
func definedTerms(g *model.Graph) int {
	n := 0
	for _, t := range g.Terms() {
		if t.Defined {
			n++
		}
	}
	return n
}

// indexCmd builds the index of the graph shown, unless it is built or on
// its way.
//
// One index is built at a time: a build for an older graph, overtaken by a
// reload or by more terms read, starts the next one when it ends. Several
// at once would only slow each other and the load, and hold an index each.
func (m *Model) indexCmd() tea.Cmd {
	if m.search.ready(m.gen) || m.search.building != 0 {
		return nil
	}
	if m.partial && m.search.ix != nil && 2*m.loadDone >= m.loadFound {
		// Past half the files, the next index to build is the whole
		// taxonomy's: one of the terms read so far would only delay it.
		return nil
	}
	m.search.building = m.gen
	g, gen := m.tx.Graph, m.gen
	m.search.terms = definedTerms(g)
	return func() tea.Msg { return indexBuiltMsg{gen: gen, ix: model.NewIndex(g)} }
}

func (m *Model) handleIndexBuilt(msg indexBuiltMsg) tea.Cmd {
	s := &m.search
	s.building = 0
	if msg.gen != m.gen {
		// The graph changed while it was indexed. While the first load
		// runs, the terms read so far are worth searching until the index
		// of more of them is in; after a reload, the old hits stay as they
		// are until the new index is.
		if !s.open {
			return nil
		}
		if !m.partial || (s.ix != nil && !s.interim) {
			return m.indexCmd()
		}
		s.ix, s.ixGen, s.interim, s.dirty = msg.ix, msg.gen, true, true
		return tea.Batch(s.ask(s.ixGen), m.indexCmd())
	}
	// An index made while the first load runs is of the terms read so far.
	s.ix, s.ixGen, s.interim = msg.ix, msg.gen, m.partial
	if !s.open {
		return nil
	}
	// What was typed while the index was built, or the query of the hits
	// from before a reload, is asked now.
	m.search.dirty = true
	return m.search.ask(m.gen)
}

func (m *Model) handleSearchDone(msg searchDoneMsg) {
	if msg.seq != m.search.seq {
		return
	}
	problem := ""
	if msg.err != nil {
		problem = msg.err.Error()
	}
	m.search.setHits(msg.query, msg.res, problem)
}

// refreshSearch follows a reload: the hits keep the terms still there,
// and are asked for again once the new graph is indexed.
func (m *Model) refreshSearch() tea.Cmd {
	if !m.search.open {
		return nil
	}
	g := m.tx.Graph
	var at model.ID
	if t := m.search.selected(); t != nil {
		at = t.ID
	}
	hits := m.search.hits[:0:0]
	for _, h := range m.search.hits {
		if t := g.Get(h.Term.ID); t != nil {
			h.Term = t
			hits = append(hits, h)
		}
	}
	m.search.hits, m.search.want = hits, at
	return m.indexCmd()
}

// handleSearching types into the search prompt: the hits follow what is
// typed, the arrows move through them, enter opens the one selected and
// esc closes the search.
func (m *Model) handleSearching(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	s := &m.search
	switch {
	case key.Matches(k, keys.Accept):
		s.typing = false
		s.input.Blur()
		m.mode = modeBrowse
		if s.selected() != nil {
			m.open()
		}
	case key.Matches(k, keys.Cancel):
		m.closeSearch()
	case key.Matches(k, keys.InputUp):
		s.move(-1)
	case key.Matches(k, keys.InputDown):
		s.move(1)
	case k.String() == "pgup":
		s.move(-s.page())
	case k.String() == "pgdown":
		s.move(s.page())
	default:
		return m.typeSearch(k)
	}
	return nil
}

// typeSearch gives the prompt what is typed or pasted, and asks for the
// hits when the query changed.
func (m *Model) typeSearch(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	return tea.Batch(cmd, m.search.ask(m.gen))
}

// handleSearchHits reads keys on the hits while they replace the list:
// esc closes the search, s edits the query, the rest is as in the list.
func (m *Model) handleSearchHits(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	switch {
	case key.Matches(k, keys.Cancel):
		m.closeSearch()
	case key.Matches(k, keys.Open):
		m.open()
	case key.Matches(k, keys.Back):
		m.goBack()
	default:
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(k)
		return cmd
	}
	return nil
}

// closesSearch reports whether a key works on the list, which the search
// must give back first: a tab, the filter or the tag picker.
func (m Model) closesSearch(k tea.KeyPressMsg) bool {
	keys := m.sh.keys
	return m.search.open && key.Matches(k, keys.Filter, keys.Tags, keys.TabAll, keys.TabConcepts, keys.TabCategories, keys.TabTags)
}
