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
	"taxo/ui/prefs"
)

// searchLimit is how many hits a search lists: more than a screen holds,
// few enough that their snippets cost little. The summary says how many
// terms matched in all.
const searchLimit = 200

// snippetLines is the most lines the selected hit's snippet takes.
const snippetLines = 3

// hitsScreen is full-text search over every term's text. Its prompt sits
// under the header; its hits, best first, replace the list until esc, the
// selected one with its snippet under it, and the term pane follows the
// selection as it follows the list's.
//
// The index is built once per graph, in a tea.Cmd, the first time search
// is wanted: milliseconds for hundreds of terms, seconds for 100k. A query
// takes milliseconds, and runs in a tea.Cmd too, so that typing never waits
// for it; the hits of a query typed over are dropped when they come.
type hitsScreen struct {
	sh    *shared
	input textinput.Model // focused while the query is typed

	g        *model.Graph
	gen      int         // the generation of g
	partial  bool        // g is the terms read so far of the first load
	store    model.Store // where g's index is kept, when it is whole; nil for none
	pastHalf bool        // the first load has read half its files

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

	at      int   // the hit under the cursor
	page    pager // over the hits, the first in view at its offset
	width   int
	focused bool
	// shown says the hits are in the list's pane, as the root places them:
	// they are indexed and asked for only then.
	shown bool
}

func newHits(sh *shared) hitsScreen {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = `words, "a phrase", prefix*, kind:category, tag:scrum`
	in.SetStyles(sh.styles.Input)
	h := hitsScreen{sh: sh, input: in}
	return h
}

// messages

// searchMsg opens the prompt, on the hits of the last query when they are
// still shown.
type searchMsg struct{}

// hitsRestoreMsg shows the hits of a query again, with a term selected,
// as going back in history finds them.
type hitsRestoreMsg struct {
	query string
	hit   model.ID
}

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

func (searchMsg) screen() mode      { return modeHits }
func (hitsRestoreMsg) screen() mode { return modeHits }
func (indexBuiltMsg) screen() mode  { return modeHits }
func (searchDoneMsg) screen() mode  { return modeHits }

// Update types the query, moves through the hits, and takes the index and
// the hits as they come.
func (h hitsScreen) Update(msg tea.Msg) (hitsScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = h.handleKey(msg)
	case tea.MouseWheelMsg:
		h.move(moved(h.keyMap(), msg, 0, 0, 1, 0))
	case clickMsg:
		if i := h.hitAt(msg.row); i >= 0 && !h.input.Focused() {
			h.at = i
			h.clamp()
			h.sh.tell(openMsg{to: modeHits})
		}
	case sizeMsg:
		h.width, h.focused, h.shown = msg.width, msg.focused, msg.shown
		h.page.setHeight(msg.height)
		h.clamp()
	case taxonomyMsg:
		h.setTaxonomy(msg)
	case progressMsg:
		h.pastHalf = 2*msg.done >= msg.found
	case stylesMsg:
		h.input.SetStyles(h.sh.styles.Input)
	default:
		cmd = h.follow(msg)
	}
	if h.shown && h.g != nil {
		cmd = tea.Batch(cmd, h.indexCmd())
	}
	return h, cmd
}

// follow does what another screen, the root or a command tells the hits.
func (h *hitsScreen) follow(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchMsg:
		return h.open()
	case hideMsg:
		h.hide()
	case hitsRestoreMsg:
		h.restore(msg.query, msg.hit)
	case indexBuiltMsg:
		return h.indexBuilt(msg)
	case searchDoneMsg:
		if msg.seq == h.seq {
			problem := ""
			if msg.err != nil {
				problem = msg.err.Error()
			}
			h.setHits(msg.query, msg.res, problem)
		}
	default: // a paste, the input's own messages
		return h.typeQuery(msg)
	}
	return nil
}

// keyMap is the key map as the screen's state has it: while the query is
// typed only the prompt's keys work, letters being text.
func (h hitsScreen) keyMap() prefs.KeyMap {
	typing := h.input.Focused()
	keys := h.sh.keysWhile(typing, !typing)
	enable(&keys.Cancel, true)
	enable(&keys.Toggle, false)
	enable(&keys.Complete, false)
	enable(&keys.FindNext, false)
	enable(&keys.FindPrev, false)
	return keys
}

func (h *hitsScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := h.keyMap()
	switch {
	case key.Matches(k, keys.Accept):
		h.input.Blur()
		h.openHit()
	case key.Matches(k, keys.Cancel):
		h.sh.tell(leftMsg{to: modeList})
	case key.Matches(k, keys.InputUp):
		h.move(-1)
	case key.Matches(k, keys.InputDown):
		h.move(1)
	case key.Matches(k, keys.Open):
		h.openHit()
	case key.Matches(k, keys.Back):
		h.sh.tell(historyMsg{dir: -1})
	default:
		if cmd, ok := browseKey(h.sh, keys, k, h.selected()); ok {
			return cmd
		}
		if !h.input.Focused() {
			h.move(moved(keys, k, h.at, h.pageStep(), 0, len(h.hits)-1) - h.at)
			return nil
		}
		// The page keys include letters, which are typed: only pgup and
		// pgdown page while the query is typed.
		switch k.String() {
		case "pgup":
			h.move(-h.pageStep())
		case "pgdown":
			h.move(h.pageStep())
		default:
			return h.typeQuery(k)
		}
	}
	return nil
}

// openHit opens the hit under the cursor in the term pane.
func (h *hitsScreen) openHit() {
	if h.selected() != nil {
		h.sh.tell(openedMsg{})
	}
}

// open opens the prompt, on the hits of the last query when they are
// still shown, and has the index built if it is not.
func (h *hitsScreen) open() tea.Cmd {
	if !h.shown {
		h.input.SetValue("")
		h.asked, h.query, h.hits, h.problem = "", "", nil, ""
	}
	h.sh.tell(openMsg{to: modeHits})
	h.input.CursorEnd()
	return tea.Batch(h.input.Focus(), h.indexCmd())
}

// hide gives the list its pane back, the hit last selected selected in it
// when the list shows it.
func (h *hitsScreen) hide() {
	if t := h.selected(); t != nil {
		h.sh.tell(selectMsg{id: t.ID})
	}
	h.input.Blur()
}

// typeQuery gives the prompt what is typed or pasted, and asks for the
// hits when the query changed.
func (h *hitsScreen) typeQuery(msg tea.Msg) tea.Cmd {
	if !h.input.Focused() {
		return nil
	}
	var cmd tea.Cmd
	h.input, cmd = h.input.Update(msg)
	return tea.Batch(cmd, h.ask())
}

// Help is the prompt's help line while the query is typed, else the hits'.
func (h hitsScreen) Help() []key.Binding {
	k := h.keyMap()
	if h.input.Focused() {
		return []key.Binding{brief(k.Accept, "open"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "close search")}
	}
	return []key.Binding{
		brief(k.Open, "open"), brief(k.Search, "edit search"), brief(k.Cancel, "close search"),
		brief(k.Instructions, "instructions"), brief(k.Help, "keys"), brief(k.Quit, "quit"),
	}
}

// Status has nothing of the hits' own.
func (h hitsScreen) Status() (left, right string) { return "", "" }

// Selected is the hit under the cursor and those beside it.
func (h hitsScreen) Selected() (*model.Term, []*model.Term) {
	items := make([]*model.Term, len(h.hits))
	for i, hit := range h.hits {
		items[i] = hit.Term
	}
	return h.selected(), beside(items, h.at)
}

// snapshot is the query the hits are for and the hit selected, as history
// keeps them.
func (h hitsScreen) snapshot() (query string, hit model.ID) {
	if t := h.selected(); t != nil {
		hit = t.ID
	}
	return h.asked, hit
}

// position is where the cursor is among the hits, for the status line.
func (h hitsScreen) position() (at, of int) { return h.at, len(h.hits) }

// selected is the hit under the cursor, or nil.
func (h hitsScreen) selected() *model.Term {
	if h.at < 0 || h.at >= len(h.hits) {
		return nil
	}
	return h.hits[h.at].Term
}

// the index and the queries

// ready reports whether the index is built for generation gen.
func (h hitsScreen) ready(gen int) bool { return h.ix != nil && h.ixGen == gen }

// setTaxonomy follows a new graph: the hits keep the terms still there,
// and are asked for again once the new graph is indexed.
func (h *hitsScreen) setTaxonomy(msg taxonomyMsg) {
	had := h.g != nil
	h.g, h.gen, h.partial, h.store = msg.tx.Graph, msg.gen, msg.partial, msg.store
	if !had || !h.shown {
		return
	}
	var at model.ID
	if t := h.selected(); t != nil {
		at = t.ID
	}
	hits := h.hits[:0:0]
	for _, hit := range h.hits {
		if t := h.g.Get(hit.Term.ID); t != nil {
			hit.Term = t
			hits = append(hits, hit)
		}
	}
	h.hits, h.want = hits, at
}

// indexCmd builds the index of the graph shown, unless it is built or on
// its way.
//
// One index is built at a time: a build for an older graph, overtaken by a
// reload or by more terms read, starts the next one when it ends. Several
// at once would only slow each other and the load, and hold an index each.
func (h *hitsScreen) indexCmd() tea.Cmd {
	if h.ready(h.gen) || h.building != 0 {
		return nil
	}
	if h.partial && h.ix != nil && h.pastHalf {
		// Past half the files, the next index to build is the whole
		// taxonomy's: one of the terms read so far would only delay it.
		return nil
	}
	h.building = h.gen
	g, gen, store := h.g, h.gen, h.store
	if h.partial {
		store = nil // the terms read so far: the next start will not have them alone
	}
	h.terms = definedTerms(g)
	return func() tea.Msg { return indexBuiltMsg{gen: gen, ix: model.KeptIndex(g, store)} }
}

// indexBuilt takes an index in, and asks what was typed while it was built.
func (h *hitsScreen) indexBuilt(msg indexBuiltMsg) tea.Cmd {
	h.building = 0
	if msg.gen != h.gen {
		// The graph changed while it was indexed. While the first load
		// runs, the terms read so far are worth searching until the index
		// of more of them is in; after a reload, the old hits stay as they
		// are until the new index is.
		if !h.shown || !h.partial || (h.ix != nil && !h.interim) {
			return nil
		}
		h.ix, h.ixGen, h.interim, h.dirty = msg.ix, msg.gen, true, true
		return h.ask()
	}
	// An index made while the first load runs is of the terms read so far.
	h.ix, h.ixGen, h.interim = msg.ix, msg.gen, h.partial
	if !h.shown {
		return nil
	}
	// What was typed while the index was built, or the query of the hits
	// from before a reload, is asked now.
	h.dirty = true
	return h.ask()
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

// ask runs what the prompt holds, unless it was asked already. An empty
// query or one with a mistake clears the hits at once; a query typed
// before the index is in waits for it, except that while the first load
// runs, the index of the terms read so far answers.
func (h *hitsScreen) ask() tea.Cmd {
	text := strings.TrimSpace(h.input.Value())
	if text == h.asked && !h.dirty {
		return nil
	}
	h.asked, h.dirty = text, false
	h.seq++
	q, err := model.ParseTyped(text)
	switch {
	case err != nil:
		h.setHits(text, model.Results{}, err.Error())
		return nil
	case text == "":
		h.setHits(text, model.Results{}, "")
		return nil
	case q.Empty():
		h.setHits(text, model.Results{}, "Every word is too common to search for.")
		return nil
	case !h.ready(h.gen) && !h.interim:
		return nil
	}
	seq, ix := h.seq, h.ix
	return func() tea.Msg {
		res, err := ix.Search(q, searchLimit)
		return searchDoneMsg{seq: seq, query: text, res: res, err: err}
	}
}

// restore shows the hits of query again with a term selected, as going
// back in history finds them. The hits in hand serve when they are for
// that query and the index has not changed since; else the query runs
// here, going back being rare and a query quick, or once the index is in.
func (h *hitsScreen) restore(query string, hit model.ID) {
	h.input.SetValue(query)
	h.input.Blur()
	h.want = hit
	switch {
	case h.asked == query && h.query == query && h.ready(h.gen):
		h.setHits(query, model.Results{Hits: h.hits, Total: h.total}, h.problem)
	case h.ready(h.gen):
		h.asked, h.dirty = query, false
		h.seq++
		h.searchNow(query)
	default:
		h.asked, h.dirty = query, true
	}
}

// searchNow runs a query in the caller's goroutine.
func (h *hitsScreen) searchNow(query string) {
	q, err := model.ParseTyped(query)
	if err != nil {
		h.setHits(query, model.Results{}, err.Error())
		return
	}
	res, err := h.ix.Search(q, searchLimit)
	problem := ""
	if err != nil {
		problem = err.Error()
	}
	h.setHits(query, res, problem)
}

// setHits shows the hits of a query, the best selected, or the one going
// back in history wants.
func (h *hitsScreen) setHits(query string, res model.Results, problem string) {
	h.query, h.hits, h.total, h.problem = query, res.Hits, res.Total, problem
	h.at, h.page.offset = 0, 0
	if h.want != "" {
		for i, hit := range h.hits {
			if hit.Term.ID == h.want {
				h.at = i
			}
		}
		h.want = ""
	}
	h.clamp()
}

// scrolling

// pageStep is how far the page keys move the cursor: a screen of hits,
// less the snippet under the last.
func (h hitsScreen) pageStep() int { return max(h.rows()-snippetLines-1, 1) }

func (h *hitsScreen) move(n int) {
	h.at += n
	h.clamp()
}

// rows is how many lines the hits have under the summary.
func (h hitsScreen) rows() int { return max(h.page.height-len(h.summaryLines()), 1) }

// clamp keeps the cursor on a hit, and the hit with its snippet in view.
func (h *hitsScreen) clamp() {
	h.at = max(min(h.at, len(h.hits)-1), 0)
	p := pager{offset: h.page.offset, height: h.rows()}
	p.reveal(h.at, h.at+1+len(h.snippet(h.at)))
	h.page.offset = p.offset
}

// hitAt is the hit drawn on a row of the pane, under the summary, or -1.
func (h hitsScreen) hitAt(row int) int {
	line := len(h.summaryLines())
	for i := h.page.offset; i < len(h.hits); i++ {
		end := line + 1
		if i == h.at {
			end += len(h.snippet(i))
		}
		if row >= line && row < end {
			return i
		}
		line = end
	}
	return -1
}

// drawing

// summaryLines are the summary wrapped to the pane, in at most three lines.
func (h hitsScreen) summaryLines() []string {
	lines := strings.Split(ansi.Wrap(h.summary(), max(h.width-2, 10), " "), "\n")
	if len(lines) > 3 {
		lines = append(lines[:2], ansi.Truncate(strings.Join(lines[2:], " "), max(h.width-2, 10), "…"))
	}
	return lines
}

// summary is the line over the hits: how many matched, or why none is shown.
func (h hitsScreen) summary() string {
	switch {
	case h.ix == nil || (h.building != 0 && !h.interim):
		return fmt.Sprintf("Indexing %s…", english.Plural(h.terms, "term"))
	case h.interim && h.asked != "" && h.problem == "" && h.query == h.asked:
		return fmt.Sprintf("%d of the terms read so far match; more as the rest are read.", h.total)
	case h.asked == "":
		return "Type to search every term's text."
	case h.problem != "":
		return safe.Line(h.problem)
	case h.query != h.asked && len(h.hits) == 0:
		return "Searching…"
	case h.total == 0:
		return "No term matches."
	case h.total == 1:
		return "1 term matches."
	case h.total > len(h.hits):
		return fmt.Sprintf("The best %d of %d matches.", len(h.hits), h.total)
	}
	return fmt.Sprintf("%d terms match.", h.total)
}

// View draws the summary, then the hits in view.
func (h hitsScreen) View() string {
	st := h.sh.styles
	var lines []string
	for _, l := range h.summaryLines() {
		lines = append(lines, " "+st.Dim.Render(l))
	}
	for i := h.page.offset; i < len(h.hits) && len(lines) < h.page.height; i++ {
		lines = append(lines, h.row(i))
		if i == h.at {
			lines = append(lines, h.snippet(i)...)
		}
	}
	return fit(strings.Join(lines, "\n"), h.width, h.page.height)
}

// row draws one hit: a cursor mark, the kind marker, the title, the score.
func (h hitsScreen) row(i int) string {
	st := h.sh.styles
	hit := h.hits[i]
	score := strconv.FormatFloat(hit.Score, 'f', 2, 64)
	room := max(h.width-4-len(score)-3, 1) // a column on the right, as the list leaves
	title := ansi.Truncate(safe.Line(hit.Term.DisplayTitle()), room, "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(title), 0))
	marker := kindMarker(hit.Term.Kind)
	if i == h.at {
		style := st.SelectedBlur
		if h.focused {
			style = st.Selected
		}
		return style.Render("› " + marker + " " + title + pad + "  " + score + " ")
	}
	return "  " + st.Kinds[hit.Term.Kind].Render(marker) + " " + st.Item.Render(title) + pad + "  " + st.Score.Render(score)
}

// snippet is hit i's snippet as drawn under it: the field it comes from,
// then the text with the matches marked, wrapped to the pane.
func (h hitsScreen) snippet(i int) []string {
	if i < 0 || i >= len(h.hits) || h.hits[i].Snippet.Text == "" || h.width < 12 {
		return nil
	}
	st := h.sh.styles
	sn := h.hits[i].Snippet
	label := sn.Field.String() + ": "
	lines := markedLines(sn.Text, sn.Marks, h.width-4, len(label), snippetLines, st.Dim, st.Match)
	for j, l := range lines {
		if j == 0 {
			l = st.Dim.Render(label) + l
		}
		lines[j] = "    " + l
	}
	return lines
}

// header is the line under the header: the prompt while the query is
// typed, else the query the hits are for.
func (h hitsScreen) header(width int) string {
	st := h.sh.styles
	keys := h.sh.keys
	if h.input.Focused() {
		h.input.SetWidth(max(width/2, 10))
		return ansi.Truncate(h.input.View()+st.Dim.Render("  "+firstKey(keys.Accept)+" opens · "+firstKey(keys.Cancel)+" closes"), width, "…")
	}
	return ansi.Truncate(st.Filter.Render("search: "+safe.Line(h.asked))+st.Dim.Render("  "+firstKey(keys.Search)+" edits · "+firstKey(keys.Cancel)+" closes"), width, "…")
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
	for i := 0; i < len(text) && len(lines) < n; {
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			j = len(text) - i
		}
		w := ansi.StringWidth(safe.Line(text[i : i+j]))
		if end > start && used+1+w > width {
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
		line := markSpan(text, marks, ln.start, ln.end, plain, mark)
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

// markSpan draws text[start:end], its marked ranges with mark, the rest
// with plain.
func markSpan(text string, marks []model.Span, start, end int, plain, mark lipgloss.Style) string {
	var b strings.Builder
	at := start
	for _, m := range marks {
		ms, me := max(m.Start, start), min(m.End, end)
		if ms >= me {
			continue
		}
		b.WriteString(plain.Render(safe.Line(text[at:ms])))
		b.WriteString(mark.Render(safe.Line(text[ms:me])))
		at = me
	}
	b.WriteString(plain.Render(safe.Line(text[at:end])))
	return b.String()
}
