package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

// termScreen is the term shown: its rendered text, then its links, in a
// pane that scrolls, and the matches of a find in it. The links are drawn
// here rather than by Glamour so that moving between them does not render
// the term again. It renders terms in commands, each within a budget and
// stopped once it is no longer wanted, and keeps what they made, per term,
// width and style.
type termScreen struct {
	sh  *shared
	g   *model.Graph
	gen int // the taxonomy's generation: a reload makes every rendering stale
	// empty says why the taxonomy has no term, when it has none: what
	// was looked for and where, or that nothing found could be read.
	empty []string

	term  *model.Term
	doc   *termDoc // nil until the first rendering arrives
	exact bool     // doc was rendered at the current width and style
	err   error

	groups   []render.LinkGroup
	links    []*model.Term // every link, in the order shown
	names    []string      // each link laid out: its name as drawn, cut to the width
	linkRows []linkRow     // the links laid out, flowed into lines under their labels
	linkAt   []int         // the row of each link laid out
	flow     linkFlow      // where laying out the links has got to
	link     int           // the selected link, -1 for none
	site     *siteView     // nil when the taxonomy is not a site
	tp       termPages     // on a site, the pages that carry the term

	page    pager // over lineCount()
	width   int
	focused bool
	want    scrollWish // where to scroll once the rendering and the size are in

	find findState

	cache   map[renderKey]*termDoc
	pending map[renderKey]context.CancelFunc // the renderings on their way, and how to stop each
	beside  []*model.Term                    // the terms next to it in the list, rendered ahead
	// budget is the longest one term's rendering may take before it is
	// shown as written: render.RenderBudget, less in tests.
	budget time.Duration
}

// termDoc is a term rendered for the pane at one width and style.
type termDoc struct {
	lines            []string // the head, the Instructions, the body
	fields           []string // the other front matter fields, shown after the links
	instructionsLine int      // -1 when the term has none
}

// renderKey names one rendering; a result that does not match what the
// pane shows now is cached, never shown.
type renderKey struct {
	gen   int
	id    model.ID
	width int
	style string
}

// scrollWish is a scroll that waits for the rendering and the size.
type scrollWish int

const (
	wishNone         scrollWish = iota
	wishInstructions            // the Instructions at the top
	wishInView                  // the start of the Instructions in view
)

func newTerm(sh *shared) termScreen {
	d := termScreen{sh: sh, link: -1, cache: make(map[renderKey]*termDoc), pending: make(map[renderKey]context.CancelFunc),
		budget: render.RenderBudget}
	return d
}

// messages

// showMsg shows the term selected in the list's pane; beside are the
// terms next to it there.
type showMsg struct {
	term   *model.Term
	beside []*model.Term
}

// termRenderedMsg brings a rendering with what it was made for, so one
// that arrives late is cached and never shown in place of a newer one; a
// rendering stopped because it was no longer wanted brings
// context.Canceled, and is dropped.
type termRenderedMsg struct {
	key renderKey
	doc *termDoc
	err error
}

// openedMsg gives the term the keys with its Instructions in view: enter
// on the list.
type openedMsg struct{}

// instructionsMsg scrolls the Instructions to the top.
type instructionsMsg struct{}

// copyMsg copies the Instructions to the clipboard.
type copyMsg struct{}

// cycleMsg moves from the list through each link, and back to the list,
// as tab moves through a form.
type cycleMsg struct{ dir int }

// termRestoreMsg puts the pane back as a step in history left it.
type termRestoreMsg struct{ offset, link int }

// deselectMsg selects no link.
type deselectMsg struct{}

func (showMsg) screen() mode         { return modeTerm }
func (termRenderedMsg) screen() mode { return modeTerm }
func (openedMsg) screen() mode       { return modeTerm }
func (instructionsMsg) screen() mode { return modeTerm }
func (copyMsg) screen() mode         { return modeTerm }
func (cycleMsg) screen() mode        { return modeTerm }
func (termRestoreMsg) screen() mode  { return modeTerm }
func (deselectMsg) screen() mode     { return modeTerm }

// Update reads keys as the term, and follows what the other screens and
// the root tell it.
func (d termScreen) Update(msg tea.Msg) (termScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = d.handleKey(msg)
	case tea.MouseWheelMsg:
		d.scroll(moved(d.keyMap(), msg, 0, 0, 3, 0))
	case sizeMsg:
		d.setSize(msg.width, msg.height, msg.focused)
	case showMsg:
		cmd = d.sync(msg)
	case termRenderedMsg:
		cmd = d.rendered(msg)
	case taxonomyMsg:
		d.setTaxonomy(msg)
	case stylesMsg:
		d.layoutLinks()
	default:
		cmd = d.follow(msg)
	}
	d.refind()
	return d, cmd
}

// follow does what another screen or the root tells the term.
func (d *termScreen) follow(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openedMsg:
		if d.term != nil {
			d.sh.tell(openMsg{to: modeTerm})
			d.want = wishInView
		}
	case instructionsMsg:
		d.instructions()
	case copyMsg:
		return d.copyInstructions()
	case cycleMsg:
		d.cycleLinks(msg.dir)
	case termRestoreMsg:
		d.page.offset, d.link = msg.offset, min(msg.link, len(d.links)-1)
		d.layoutLinks()
		d.clamp()
	case deselectMsg:
		d.selectLink(-1)
	default:
		d.followFind(msg)
	}
	return nil
}

// keyMap is the key map as the term reads it: the keys of a find are on
// while one is on.
func (d termScreen) keyMap() prefs.KeyMap {
	keys := d.sh.keysWhile(false, true)
	on := d.find.on()
	enable(&keys.FindNext, on)
	enable(&keys.FindPrev, on)
	enable(&keys.Cancel, on)
	return keys
}

func (d *termScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := d.keyMap()
	// esc (cancel) ends a find before it goes back.
	switch {
	case key.Matches(k, keys.FindNext):
		d.nextMatch(1)
	case key.Matches(k, keys.FindPrev):
		d.nextMatch(-1)
	case key.Matches(k, keys.Cancel):
		d.endFind()
	case key.Matches(k, keys.Open):
		if t := d.selectedLink(); t != nil {
			d.sh.tell(followMsg{term: t})
		} else if !d.openPage() && d.selectables() > 0 {
			d.selectRow(0)
		}
	case key.Matches(k, keys.Back):
		d.sh.tell(backMsg{})
	default:
		if p, _ := d.tp.selectedPage(); p != nil && key.Matches(k, keys.TagPage) {
			d.sh.tell(tagPageMsg{path: p.Path}) // the page selected among the term's
			return nil
		}
		if cmd, ok := browseKey(d.sh, keys, k, d.term); ok {
			return cmd
		}
		d.scrollKey(k)
	}
	return nil
}

// scrollKey scrolls the pane with the keys that move.
func (d *termScreen) scrollKey(k tea.KeyPressMsg) {
	keys := d.keyMap()
	switch {
	case key.Matches(k, keys.Top):
		d.page.offset = 0
	case key.Matches(k, keys.Bottom):
		d.layout(func() bool { return false })
		d.page.offset = d.lineCount()
		d.clamp()
	default:
		d.scroll(moved(keys, k, 0, max(d.page.height-2, 1), 0, 0))
	}
}

// Help is the term's help line, the keys most used first, the find's
// first while one is on; those that do not fit the window give way from
// the end, all but ? (fitHelp).
func (d termScreen) Help() []key.Binding {
	k := d.keyMap()
	help := []key.Binding{
		brief(k.NextLink, "link"), brief(k.Open, "follow"),
		brief(k.Back, "back"), brief(k.Instructions, "instructions"),
		brief(k.Find, "find"), brief(k.Copy, "copy"), brief(k.Edit, "edit"),
		brief(k.Mark, "mark"), brief(k.Compare, "compare"), brief(k.Quit, "quit"), brief(k.Help, "keys"),
	}
	if d.find.on() {
		help = append([]key.Binding{pair(k.FindNext, k.FindPrev, "next/prev match"), brief(k.Cancel, "end find")}, help...)
	}
	return help
}

// Status is the find on the term, and how far it is scrolled.
func (d termScreen) Status() (left, right string) {
	if d.find.on() {
		left = d.sh.styles.Filter.Render(fmt.Sprintf("find %q  %s", safe.Line(d.find.query), d.find.count()))
	}
	return left, fmt.Sprintf("%d%%", d.scrollPercent())
}

// Selected is the term shown.
func (d termScreen) Selected() (*model.Term, []*model.Term) { return d.term, nil }

// place is how far the pane is scrolled and the link selected, as history
// keeps them.
func (d termScreen) place() (offset, link int) { return d.page.offset, d.link }

// showing and rendering

// setTaxonomy takes a new graph: every rendering is stale. The root puts
// the pane back where it was (termRestoreMsg) when it shows the same term.
func (d *termScreen) setTaxonomy(msg taxonomyMsg) {
	d.g, d.gen, d.site = msg.tx.Graph, msg.gen, msg.site
	d.empty = nil
	if d.g.Len() == 0 && !msg.partial {
		d.empty = emptyHint(msg.tx)
	}
	clear(d.cache)
	d.stopRenders(func(renderKey) bool { return true })
	d.show(nil)
}

// sync shows the term the list's pane selects, rendered if the cache has
// it, and asks for its rendering when it is not.
func (d *termScreen) sync(msg showMsg) tea.Cmd {
	if d.g == nil {
		return nil
	}
	d.beside = msg.beside
	if msg.term != d.term {
		d.show(msg.term)
	}
	// What was asked for the term or the width before is no longer wanted.
	d.stopRenders(func(k renderKey) bool { return !d.wanted(k) })
	t := d.term
	if t == nil {
		return nil
	}
	k := d.renderKey(t)
	if doc, ok := d.cache[k]; ok {
		if d.doc != doc {
			d.setDoc(doc, true, nil)
		}
		return nil
	}
	return d.render(t, k)
}

func (d termScreen) renderKey(t *model.Term) renderKey {
	return renderKey{gen: d.gen, id: t.ID, width: d.renderWidth(), style: d.sh.styles.Glamour}
}

// render asks for a rendering unless one is on its way.
func (d *termScreen) render(t *model.Term, k renderKey) tea.Cmd {
	if d.pending[k] != nil || d.width == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.pending[k] = cancel
	g, budget := d.g, d.budget
	return func() tea.Msg {
		defer cancel()
		doc, err := renderDoc(ctx, budget, g, t, k.style, k.width)
		return termRenderedMsg{key: k, doc: doc, err: err}
	}
}

// wanted tells whether a rendering is still of use: for the taxonomy,
// width and style shown, of the term shown or one beside it.
func (d termScreen) wanted(k renderKey) bool {
	if d.term != nil && k == d.renderKey(d.term) {
		return true
	}
	for _, b := range d.beside {
		if k == d.renderKey(b) {
			return true
		}
	}
	return false
}

// stopRenders stops the renderings on their way that stop says to: a
// resize, a reload or a move in the list leaves some unwanted, and a term
// that is slow to render would go on costing a core each.
func (d *termScreen) stopRenders(stop func(renderKey) bool) {
	for k, cancel := range d.pending {
		if stop(k) {
			cancel()
			delete(d.pending, k)
		}
	}
}

// maxCached bounds the cache, which a resize fills with widths never seen again.
const maxCached = 512

// rendered takes a rendering in: it is cached, and shown when it is of
// the term shown; one made for the pane as it is renders the terms beside
// it ahead of time.
func (d *termScreen) rendered(msg termRenderedMsg) tea.Cmd {
	if errors.Is(msg.err, context.Canceled) {
		return nil // stopped, and no longer pending
	}
	delete(d.pending, msg.key)
	if msg.key.gen != d.gen {
		return nil
	}
	if msg.err == nil {
		if len(d.cache) >= maxCached {
			clear(d.cache)
		}
		d.cache[msg.key] = msg.doc
	}
	t := d.term
	if t == nil || t.ID != msg.key.id {
		return nil
	}
	exact := msg.key == d.renderKey(t)
	if exact || d.doc == nil {
		d.setDoc(msg.doc, exact, msg.err)
	}
	if !exact {
		return nil
	}
	var cmds []tea.Cmd
	for _, b := range d.beside {
		if k := d.renderKey(b); d.cache[k] == nil {
			cmds = append(cmds, d.render(b, k))
		}
	}
	return tea.Batch(cmds...)
}

// show puts a term in the pane, scrolled to the top, no link selected; a
// find on another term ends.
func (d *termScreen) show(t *model.Term) {
	d.term = t
	d.doc, d.exact, d.err = nil, false, nil
	d.page.offset, d.link, d.want = 0, -1, wishNone
	d.groups, d.links = nil, nil
	d.find = findState{}
	d.tp = newTermPages(d.site, d.g, t)
	if t != nil {
		d.groups = append(render.Links(d.g, t), render.Mentions(d.g, t)...)
		for _, grp := range d.groups {
			d.links = append(d.links, grp.Terms...)
		}
	}
	d.layoutLinks()
}

// setDoc puts a rendering in; exact says it fits the current width and style.
func (d *termScreen) setDoc(doc *termDoc, exact bool, err error) {
	d.doc, d.exact, d.err = doc, exact, err
	d.fulfil()
	d.clamp()
}

// fulfil scrolls as a wish waiting for the rendering says.
func (d *termScreen) fulfil() {
	if d.doc == nil {
		return
	}
	switch d.want {
	case wishInstructions:
		d.jumpToInstructions()
	case wishInView:
		d.showInstructions()
	case wishNone:
	}
}

func (d *termScreen) setSize(w, h int, focused bool) {
	if focused != d.focused && !focused {
		d.endFind() // the focus leaving the term ends a find
	}
	d.focused = focused
	h = max(h, 1)
	if w != d.width || h != d.page.height {
		relayout := w != d.width
		if relayout {
			d.exact = false
		}
		d.width = w
		d.page.setHeight(h)
		if relayout {
			d.layoutLinks()
		}
		d.clamp()
	}
	d.fulfil()
}

// renderWidth is the width Glamour wraps at: the pane less a column on the
// right so that wrapped text never touches the edge, at most the width the
// user set.
func (d termScreen) renderWidth() int {
	w := max(d.width-1, 20)
	if d.sh.wrap > 0 {
		w = min(w, max(d.sh.wrap, 20))
	}
	return w
}

// actions

// instructions scrolls the Instructions to the top and gives the term the
// keys, or says it has none.
func (d *termScreen) instructions() {
	t := d.term
	switch {
	case t == nil:
	case !d.hasInstructions():
		d.sh.tell(statusMsg{text: safe.Line(t.DisplayTitle()) + " has no Instructions."})
	default:
		d.sh.tell(openMsg{to: modeTerm})
		d.want = wishInstructions
	}
}

// copyInstructions puts the Instructions on the clipboard with OSC 52,
// which works over ssh and in tmux (with set-clipboard on).
func (d *termScreen) copyInstructions() tea.Cmd {
	t := d.term
	if t == nil {
		return nil
	}
	text := strings.TrimSpace(safe.Text(t.Instructions))
	if text == "" {
		d.sh.tell(statusMsg{text: safe.Line(t.DisplayTitle()) + " has no Instructions to copy."})
		return nil
	}
	d.sh.tell(statusMsg{text: "Copied the Instructions of " + safe.Line(t.DisplayTitle()) + "."})
	return tea.SetClipboard(text)
}

// cycleLinks moves the focus from the list to each link of the term, then
// back to the list, as tab moves through a form.
func (d *termScreen) cycleLinks(dir int) {
	n, cur := d.selectables(), d.selection()
	if !d.focused {
		d.sh.tell(openMsg{to: modeTerm})
		switch {
		case n == 0:
		case dir > 0:
			d.selectRow(0)
		default:
			d.selectRow(n - 1)
		}
		return
	}
	next := cur + dir
	if cur < 0 && dir < 0 {
		next = n - 1
	}
	if next < 0 || next >= n {
		d.sh.tell(focusLeftMsg{})
		d.selectRow(-1)
		return
	}
	d.selectRow(next)
}

// hasInstructions reports whether the rendered term has Instructions; true
// while the rendering is not in yet and the term has some.
func (d termScreen) hasInstructions() bool {
	return d.term != nil && strings.TrimSpace(d.term.Instructions) != ""
}

// jumpToInstructions scrolls the Instructions to the top of the pane, now
// or when the rendering arrives.
func (d *termScreen) jumpToInstructions() {
	if d.doc == nil {
		d.want = wishInstructions
		return
	}
	d.want = wishNone
	if d.doc.instructionsLine >= 0 {
		d.page.offset = d.doc.instructionsLine
		d.clamp()
	}
}

// showInstructions scrolls only as far as needed for the start of the
// Instructions to be in view, so the title stays when there is room.
func (d *termScreen) showInstructions() {
	if d.doc == nil {
		d.want = wishInView
		return
	}
	d.want = wishNone
	if l := d.doc.instructionsLine; l >= 0 && l+4 > d.page.offset+d.page.height {
		d.jumpToInstructions()
	}
}

// scrolling

func (d *termScreen) scroll(n int) {
	d.page.offset += n
	d.clamp()
}

// clamp keeps the pane full: no scrolling past the last line. It waits for
// the rendering, so an offset restored from history is not lost to the
// shorter placeholder.
func (d *termScreen) clamp() {
	d.layoutRows(d.page.offset + d.page.height)
	if d.doc == nil && d.err == nil {
		return
	}
	d.page.total = d.lineCount()
	d.page.clamp()
}

// scrollPercent is how far down the pane is scrolled, for the status line.
func (d termScreen) scrollPercent() int {
	p := d.page
	p.total = d.totalLines()
	return p.percent()
}

// selectLink highlights link i (-1 for none) and scrolls it into view.
func (d *termScreen) selectLink(i int) {
	d.link, d.tp.sel = i, -1
	if i < 0 || i >= len(d.links) {
		return
	}
	d.layoutLink(i)
	line := d.linksStart() + d.linkAt[i]
	d.page.reveal(line, line+1)
	d.clamp()
}

// selectedLink is the term of the selected link, or nil.
func (d termScreen) selectedLink() *model.Term {
	if d.link < 0 || d.link >= len(d.links) {
		return nil
	}
	return d.links[d.link]
}

// drawing

// View draws the lines in view.
func (d termScreen) View() string {
	n := d.lineCount()
	start := min(d.page.offset, max(n-1, 0))
	end := min(start+d.page.height, n)
	shown := d.lines(start, end)
	if len(d.find.matches) > 0 {
		shown = d.markFound(shown, start)
	}
	return fit(strings.Join(shown, "\n"), d.width, d.page.height)
}

// text is what the pane shows above the links: the rendered term, or
// what stands for it, then on a site the pages that carry it.
func (d termScreen) text() []string {
	base := d.baseText()
	if d.term == nil || d.site == nil {
		return base
	}
	return slices.Concat(base, d.tp.lines(d.sh.styles, d.width))
}

// baseText is the rendered term, or what stands for it.
func (d termScreen) baseText() []string {
	switch {
	case d.term == nil && d.empty != nil:
		return d.emptyLines()
	case d.term == nil:
		return []string{"", "  " + d.sh.styles.Dim.Render("Nothing selected.")}
	case d.err != nil:
		return []string{"", "  " + d.sh.styles.Problems.Render("Cannot render this term: "+safe.Line(d.err.Error()))}
	case d.doc == nil:
		return d.placeholder()
	}
	return d.doc.lines
}

// emptyHint says why a taxonomy has no term: the files found could not be
// read, or there are none where taxo looks, which it lists, as the
// commands do (a wrong or empty folder, more often than not).
func emptyHint(tx *model.Taxonomy) []string {
	where := "the folder"
	if tx.Root != "" {
		where = safe.Line(tx.Root)
	}
	if n := len(tx.Problems()); n > 0 {
		return []string{fmt.Sprintf("No term could be read from %s: ! lists the %s.", where, english.Plural(n, "problem"))}
	}
	lines := []string{"No term files in " + where + ". taxo reads:"}
	for _, l := range loader.LookedFor() {
		lines = append(lines, "• "+l)
	}
	return lines
}

// emptyLines lays out the empty taxonomy's hint at the pane's width, each
// item of the list hanging under its text.
func (d termScreen) emptyLines() []string {
	st := d.sh.styles
	out := []string{""}
	width := max(d.width-5, 20)
	for i, l := range d.empty {
		indent := ""
		if strings.HasPrefix(l, "• ") {
			indent = "  "
		}
		for j, w := range strings.Split(ansi.Wrap(l, width-len(indent), ""), "\n") {
			if j > 0 {
				w = indent + w
			}
			if i == 0 {
				w = st.Crumb.Render(w)
			}
			out = append(out, "  "+w)
		}
	}
	return out
}

// lineCount is how many lines the pane can scroll through: the text, the
// links and the other fields, a blank line before each of the last two.
// While the links are not all laid out, it counts those that are, and the
// fields cannot be reached yet.
func (d termScreen) lineCount() int {
	n := len(d.text())
	if len(d.linkRows) > 0 {
		n += 1 + len(d.linkRows)
	}
	if d.flow.done && d.doc != nil && len(d.doc.fields) > 0 {
		n += 1 + len(d.doc.fields)
	}
	return n
}

// totalLines is lineCount once every link is laid out, guessed from those
// that are: for the scroll position, which must not lay them all out.
func (d termScreen) totalLines() int {
	n := d.lineCount()
	if d.flow.done || len(d.linkAt) == 0 {
		return n
	}
	left := len(d.links) - len(d.linkAt)
	n += left * len(d.linkRows) / len(d.linkAt)
	if d.doc != nil && len(d.doc.fields) > 0 {
		n += 1 + len(d.doc.fields)
	}
	return n
}

// lines draws the lines of the pane from start up to end: the text, then
// a blank line and the links, then a blank line and the other fields.
func (d termScreen) lines(start, end int) []string {
	out := make([]string, 0, max(end-start, 0))
	text := d.text()
	var fields []string
	if d.doc != nil {
		fields = d.doc.fields
	}
	for i := start; i < end; i++ {
		j := i - len(text)
		switch {
		case j < 0:
			out = append(out, text[i])
			continue
		case len(d.linkRows) > 0 && j == 0:
			out = append(out, "")
			continue
		case len(d.linkRows) > 0 && j-1 < len(d.linkRows):
			out = append(out, d.drawRow(d.linkRows[j-1]))
			continue
		case len(d.linkRows) > 0:
			j -= 1 + len(d.linkRows)
		}
		if j == 0 {
			out = append(out, "")
		} else if j-1 < len(fields) {
			out = append(out, fields[j-1])
		}
	}
	return out
}

// placeholder stands for the term until Glamour is done: its title and
// description, so that moving through the list never shows a blank pane.
func (d termScreen) placeholder() []string {
	st := d.sh.styles
	out := []string{"", "  " + st.Crumb.Render(safe.Line(d.term.DisplayTitle())), ""}
	if desc := strings.TrimSpace(safe.Line(d.term.Description)); desc != "" {
		for l := range strings.SplitSeq(lipgloss.Wrap(desc, max(d.width-4, 10), " "), "\n") {
			out = append(out, "  "+st.Dim.Render(l))
		}
	}
	return out
}

// linksStart is the line of the pane where the links begin.
func (d termScreen) linksStart() int { return len(d.text()) + 1 }

// commands

// renderDoc renders a term for the pane: Glamour for the text, the other
// fields apart so that the links can sit between. Both together take at
// most about budget: what would take longer is shown as written, saying
// so. It stops with ctx's error once ctx is done.
func renderDoc(ctx context.Context, budget time.Duration, g *model.Graph, t *model.Term, style string, width int) (*termDoc, error) {
	r, err := render.NewRenderer(style, width)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, err := r.TermWithin(ctx, budget, g, t, render.DocOptions{})
	if err != nil {
		return nil, err
	}
	doc := &termDoc{lines: append([]string{""}, strings.Split(strings.TrimRight(out.Text, "\n"), "\n")...), instructionsLine: -1}
	if out.InstructionsLine >= 0 {
		doc.instructionsLine = out.InstructionsLine + 1
	}
	fields, err := r.FieldsWithin(ctx, budget-time.Since(start), g, t)
	if err != nil {
		return nil, err
	}
	if fields.Text != "" {
		doc.fields = strings.Split(strings.TrimRight(fields.Text, "\n"), "\n")
	}
	return doc, nil
}

// textWidth is the columns text made safe takes: its length when it is
// ASCII, which safe.Line leaves printable, and else as the terminal counts.
// A popular tag has tens of thousands of backlinks to measure.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}
