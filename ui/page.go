package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/render"
)

// pageScreen is the page shown, in the term's pane beside the Pages tab:
// its title, date, state and path, its terms by taxonomy as links to
// follow, then its body, read from its file and rendered as a term's
// text is (ui/render, within the same budget) in a command. What comes
// from the graph is drawn at once; the body follows when it is in.
type pageScreen struct {
	sh   *shared
	g    *model.Graph
	site *siteView
	gen  int // the taxonomy's generation: a reload makes every body stale

	page   *model.Page
	groups []pageGroup    // its terms, by taxonomy
	links  []*model.Term  // the terms, in the order shown
	link   int            // the selected link, -1 for none
	rows   []pageTermsRow // the terms laid out at the width
	linkAt []int          // the row of each link in rows

	body    *pageBody // nil until the body is in
	err     error
	cache   map[bodyKey]*pageBody
	pending map[bodyKey]bool
	cancel  context.CancelFunc // the body being read for the page before

	view    pager
	width   int
	focused bool
	keep    pagePlace // where to be when a reload shows the page again
}

// pageGroup is a page's terms of one taxonomy.
type pageGroup struct {
	kind  model.Kind
	terms []*model.Term
}

// pageTermsRow is one line of the page's terms: a group's label (on its
// first line) and links[first:last]; group is -1 for the line that says
// the page has no term.
type pageTermsRow struct {
	group       int
	label       bool
	first, last int
}

// pageBody is a page's body rendered for the pane at one width and style.
type pageBody struct{ lines []string }

// bodyKey names one rendering of a body; one that does not match what the
// pane shows now is cached, never shown.
type bodyKey struct {
	gen   int
	path  string
	width int
	style string
}

// pagePlace is where the pane was, for a reload to keep.
type pagePlace struct {
	path         string
	offset, link int
}

func newPage(sh *shared) pageScreen {
	return pageScreen{sh: sh, link: -1, cache: make(map[bodyKey]*pageBody), pending: make(map[bodyKey]bool)}
}

// messages

// showPageMsg shows the page the Pages tab selects.
type showPageMsg struct{ page *model.Page }

// pageRenderedMsg brings a page's body rendered, with what it was made for.
type pageRenderedMsg struct {
	key  bodyKey
	body *pageBody
	err  error
}

// pageCycleMsg moves from the pages through each of the page's terms, and
// back to the pages, as tab moves through a form.
type pageCycleMsg struct{ dir int }

// pageInstructionsMsg opens the selected term with its Instructions at the
// top.
type pageInstructionsMsg struct{}

// pageRestoreMsg puts the pane back as a step in history left it.
type pageRestoreMsg struct{ offset, link int }

// editPageMsg opens a page's file in the user's editor.
type editPageMsg struct{ page *model.Page }

func (showPageMsg) screen() mode         { return modePage }
func (pageRenderedMsg) screen() mode     { return modePage }
func (pageCycleMsg) screen() mode        { return modePage }
func (pageInstructionsMsg) screen() mode { return modePage }
func (pageRestoreMsg) screen() mode      { return modePage }

// Update reads keys as the page, and follows what the root and the Pages
// tab tell it.
func (v pageScreen) Update(msg tea.Msg) (pageScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = v.handleKey(msg)
	case tea.MouseWheelMsg:
		v.scroll(moved(v.sh.keys, msg, 0, 0, 3, 0))
	case sizeMsg:
		cmd = v.setSize(msg)
	case showPageMsg:
		cmd = v.sync(msg.page)
	case pageRenderedMsg:
		cmd = v.rendered(msg)
	case taxonomyMsg:
		v.setTaxonomy(msg)
	case stylesMsg:
		v.body = nil
		cmd = v.sync(v.page)
	case pageCycleMsg:
		v.cycle(msg.dir)
	case pageInstructionsMsg:
		v.instructions()
	case pageRestoreMsg:
		v.selectLink(min(msg.link, len(v.links)-1))
		v.view.offset = msg.offset
		v.clamp()
	}
	return v, cmd
}

func (v *pageScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := v.sh.keysWhile(false, true)
	switch {
	case key.Matches(k, keys.Open):
		if v.link >= 0 {
			v.sh.tell(followMsg{term: v.links[v.link]})
		} else if len(v.links) > 0 {
			v.selectLink(0)
		}
	case key.Matches(k, keys.Back):
		v.selectLink(-1)
		v.sh.tell(backMsg{})
	case key.Matches(k, keys.Top):
		v.view.offset = 0
	case key.Matches(k, keys.Bottom):
		v.view.offset = v.lineCount()
		v.clamp()
	default:
		if cmd, ok := pageKey(v.sh, keys, k, v.page); ok {
			return cmd
		}
		v.scroll(moved(keys, k, 0, max(v.view.height-2, 1), 0, 0))
	}
	return nil
}

// Help is the page's help line.
func (v pageScreen) Help() []key.Binding {
	k := v.sh.keysWhile(false, true)
	return []key.Binding{
		brief(k.NextLink, "term"), brief(k.Open, "follow"), brief(k.Instructions, "instructions"),
		brief(k.Back, "back"), brief(k.Quit, "quit"), brief(k.Edit, "edit"),
		brief(k.Filter, "filter pages"), brief(k.Help, "keys"),
	}
}

// Status is how far the pane is scrolled.
func (v pageScreen) Status() (left, right string) {
	p := v.view
	p.total = v.lineCount()
	return "", fmt.Sprintf("%d%%", p.percent())
}

// Selected is no term: the pane shows a page.
func (v pageScreen) Selected() (*model.Term, []*model.Term) { return nil, nil }

// current is the page shown, nil for none: what the tagging screen is
// opened on.
func (v pageScreen) current() *model.Page { return v.page }

// place is how far the pane is scrolled and the link selected, as history
// keeps them.
func (v pageScreen) place() (offset, link int) { return v.view.offset, v.link }

// showing

// setTaxonomy takes a new graph: every body is stale, and the pane keeps
// its place when it shows the same page again.
func (v *pageScreen) setTaxonomy(msg taxonomyMsg) {
	if v.page != nil {
		v.keep = pagePlace{path: v.page.Path, offset: v.view.offset, link: v.link}
	}
	v.g, v.site, v.gen = msg.tx.Graph, msg.site, msg.gen
	clear(v.cache)
	clear(v.pending)
	v.show(nil)
}

// sync shows a page, its body from the cache when it has it, and asks for
// its body when it has not.
func (v *pageScreen) sync(p *model.Page) tea.Cmd {
	if v.g == nil || v.site == nil {
		return nil
	}
	if p != v.page {
		v.show(p)
		if p != nil && p.Path == v.keep.path {
			v.selectLink(min(v.keep.link, len(v.links)-1))
			v.view.offset = v.keep.offset
		}
		v.keep = pagePlace{}
	}
	if p == nil {
		return nil
	}
	k := v.bodyKey(p)
	if b, ok := v.cache[k]; ok {
		v.body, v.err = b, nil
		v.clamp()
		return nil
	}
	return v.render(p, k)
}

func (v pageScreen) bodyKey(p *model.Page) bodyKey {
	return bodyKey{gen: v.gen, path: p.Path, width: v.renderWidth(), style: v.sh.styles.Glamour}
}

// renderWidth is the width Glamour wraps at, as the term's pane has it.
func (v pageScreen) renderWidth() int {
	w := max(v.width-1, 20)
	if v.sh.wrap > 0 {
		w = min(w, max(v.sh.wrap, 20))
	}
	return w
}

// show puts a page in the pane, scrolled to the top, no link selected, its
// terms grouped by taxonomy in the taxonomies' order.
func (v *pageScreen) show(p *model.Page) {
	v.page, v.body, v.err = p, nil, nil
	v.view.offset, v.link = 0, -1
	v.groups, v.links = nil, nil
	if p != nil {
		for _, t := range v.g.TermsOf(p) {
			if n := len(v.groups); n == 0 || v.groups[n-1].kind != t.Kind {
				v.groups = append(v.groups, pageGroup{kind: t.Kind})
			}
			v.groups[len(v.groups)-1].terms = append(v.groups[len(v.groups)-1].terms, t)
			v.links = append(v.links, t)
		}
	}
	v.layoutTerms()
}

// render reads and renders a page's body unless it is on its way; the
// body asked for the page before, if still on its way, is stopped.
func (v *pageScreen) render(p *model.Page, k bodyKey) tea.Cmd {
	if v.pending[k] || v.width == 0 {
		return nil
	}
	if v.cancel != nil {
		v.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.pending[k], v.cancel = true, cancel
	site := v.site
	return func() tea.Msg {
		defer cancel()
		body, err := renderBody(ctx, site, p, k.style, k.width)
		return pageRenderedMsg{key: k, body: body, err: err}
	}
}

// rendered takes a body in: it is cached, and shown when it is the page
// shown's at the pane's width. One stopped for another page is asked for
// again if its page is back in the pane.
func (v *pageScreen) rendered(msg pageRenderedMsg) tea.Cmd {
	delete(v.pending, msg.key)
	if msg.key.gen != v.gen {
		return nil
	}
	p := v.page
	shown := p != nil && msg.key == v.bodyKey(p)
	if errors.Is(msg.err, context.Canceled) {
		if shown {
			return v.render(p, msg.key)
		}
		return nil
	}
	if msg.err == nil {
		if len(v.cache) >= maxCached {
			clear(v.cache)
		}
		v.cache[msg.key] = msg.body
	}
	if shown || p != nil && p.Path == msg.key.path && v.body == nil {
		v.body, v.err = msg.body, msg.err
		v.clamp()
	}
	return nil
}

func (v *pageScreen) setSize(msg sizeMsg) tea.Cmd {
	if !msg.focused && v.focused {
		v.selectLink(-1)
	}
	v.focused = msg.focused
	v.view.setHeight(msg.height)
	if msg.width == v.width {
		v.clamp()
		return nil
	}
	v.width = msg.width
	v.layoutTerms()
	if !msg.shown {
		return nil
	}
	return v.sync(v.page)
}

// moving

func (v *pageScreen) scroll(n int) {
	v.view.offset += n
	v.clamp()
}

func (v *pageScreen) clamp() {
	v.view.total = v.lineCount()
	v.view.clamp()
}

// cycle moves the focus from the pages to each of the page's terms, then
// back to the pages, as tab moves through a form.
func (v *pageScreen) cycle(dir int) {
	n := len(v.links)
	if !v.focused {
		v.sh.tell(openMsg{to: modePage})
		switch {
		case n == 0:
		case dir > 0:
			v.selectLink(0)
		default:
			v.selectLink(n - 1)
		}
		return
	}
	next := v.link + dir
	if v.link < 0 && dir < 0 {
		next = n - 1
	}
	if next < 0 || next >= n {
		v.selectLink(-1)
		v.sh.tell(focusLeftMsg{})
		return
	}
	v.selectLink(next)
}

// selectLink highlights link i (-1 for none) and scrolls it into view.
func (v *pageScreen) selectLink(i int) {
	v.link = i
	if i < 0 || i >= len(v.links) {
		v.link = -1
		return
	}
	line := len(v.head()) + v.linkAt[i]
	v.view.reveal(line, line+1)
	v.clamp()
}

// instructions opens the selected term with its Instructions at the top,
// as i does on a term, or says how to choose one.
func (v *pageScreen) instructions() {
	if v.link < 0 {
		if len(v.links) == 0 {
			v.sh.tell(statusMsg{text: "This page carries no term."})
			return
		}
		v.sh.tell(statusMsg{text: "Choose one of the page's terms with tab; i then shows its Instructions."})
		return
	}
	t := v.links[v.link]
	v.sh.tell(followMsg{term: t})
	v.sh.tell(showMsg{term: t})
	v.sh.tell(instructionsMsg{})
}

// drawing

// head is the page's title, its description, and a line of its date,
// state and path; a path that does not fit after them has lines of its
// own, broken after a "/" as show breaks it.
func (v pageScreen) head() []string {
	st := v.sh.styles
	p := v.page
	width := max(v.width-5, 10)
	out := []string{"", "  " + st.Crumb.Render(ansi.Truncate(safe.Line(v.site.pageTitle(p)), width, "…"))}
	if desc := strings.TrimSpace(safe.Line(p.Description)); desc != "" {
		for l := range strings.SplitSeq(lipgloss.Wrap(desc, width, " "), "\n") {
			out = append(out, "  "+st.Dim.Render(l))
		}
	}
	state := v.site.state(p)
	stateStyle := st.Dim
	if state != model.Published {
		stateStyle = st.Message
	}
	facts := stateStyle.Render(state.String())
	if d := pageDate(p); d != "" {
		facts = st.Dim.Render(d+" · ") + facts
	}
	path := safe.Line(p.Path)
	if ansi.StringWidth(facts)+ansi.StringWidth(" · "+path) <= width {
		return append(out, "  "+facts+st.Dim.Render(" · "+path), "")
	}
	out = append(out, "  "+ansi.Truncate(facts, width, "…"))
	for _, l := range render.PathLines(path, width) {
		out = append(out, "  "+st.Dim.Render(l))
	}
	return append(out, "")
}

// layoutTerms lays the page's terms out at the width: a label column, and
// the terms of each taxonomy flowed into lines beside it.
func (v *pageScreen) layoutTerms() {
	v.rows, v.linkAt = nil, make([]int, len(v.links))
	labelW := 0
	for _, grp := range v.groups {
		labelW = max(labelW, ansi.StringWidth(grp.kind.Label()))
	}
	room := max(v.width-5-labelW-2, 10)
	n := 0
	for g, grp := range v.groups {
		row, used := pageTermsRow{group: g, label: true, first: n, last: n}, 0
		for _, t := range grp.terms {
			w := min(textWidth(safe.Line(t.DisplayTitle())), room)
			if used > 0 && used+3+w > room {
				v.rows = append(v.rows, row)
				row, used = pageTermsRow{group: g, first: n, last: n}, 0
			}
			if used > 0 {
				used += 3
			}
			used += w
			v.linkAt[n] = len(v.rows)
			n++
			row.last = n
		}
		v.rows = append(v.rows, row)
	}
	if len(v.rows) == 0 {
		v.rows = append(v.rows, pageTermsRow{group: -1}) // says it has none
	}
}

// lineCount is how many lines the pane scrolls through: the head, the
// terms, a rule, the body.
func (v pageScreen) lineCount() int {
	if v.page == nil {
		return 2
	}
	return len(v.head()) + len(v.rows) + 2 + len(v.bodyLines())
}

// bodyLines are the body's lines, or what stands for them.
func (v pageScreen) bodyLines() []string {
	st := v.sh.styles
	switch {
	case v.err != nil:
		return []string{"  " + st.Problems.Render("Cannot show the body: "+safe.Line(v.err.Error()))}
	case v.body == nil:
		return []string{"  " + st.Dim.Render("Reading the page…")}
	case len(v.body.lines) == 0:
		return []string{"  " + st.Dim.Render("The page has no body.")}
	}
	return v.body.lines
}

// View draws the lines in view.
func (v pageScreen) View() string {
	st := v.sh.styles
	if v.page == nil {
		return fit("\n  "+st.Dim.Render("No page selected."), v.width, v.view.height)
	}
	head := v.head()
	body := v.bodyLines()
	out := make([]string, 0, v.view.height)
	for i := v.view.offset; i < v.view.offset+v.view.height; i++ {
		j := i - len(head)
		switch {
		case j < 0:
			out = append(out, head[i])
		case j < len(v.rows):
			out = append(out, v.drawTermsRow(v.rows[j]))
		case j == len(v.rows):
			out = append(out, "")
		case j == len(v.rows)+1:
			out = append(out, "  "+st.Rule.Render(strings.Repeat("─", max(v.width-5, 10))))
		case j-len(v.rows)-2 < len(body):
			out = append(out, body[j-len(v.rows)-2])
		}
	}
	return fit(strings.Join(out, "\n"), v.width, v.view.height)
}

// drawTermsRow draws a line of the page's terms, the selected one
// highlighted.
func (v pageScreen) drawTermsRow(r pageTermsRow) string {
	st := v.sh.styles
	if r.group < 0 {
		return "  " + st.Dim.Render("No term.")
	}
	labelW := 0
	for _, grp := range v.groups {
		labelW = max(labelW, ansi.StringWidth(grp.kind.Label()))
	}
	label := strings.Repeat(" ", labelW)
	if r.label {
		name := v.groups[r.group].kind.Label()
		label = st.LinkLabel.Render(name) + strings.Repeat(" ", labelW-ansi.StringWidth(name))
	}
	room := max(v.width-5-labelW-2, 10)
	var b strings.Builder
	b.WriteString("  " + label + "  ")
	for n := r.first; n < r.last; n++ {
		if n > r.first {
			b.WriteString(st.Dim.Render(" · "))
		}
		style := st.Link
		if n == v.link {
			style = st.LinkSelected
		}
		b.WriteString(style.Render(ansi.Truncate(safe.Line(v.links[n].DisplayTitle()), room, "…")))
	}
	return b.String()
}

// commands

// renderBody reads a page's body from its file and renders it for the
// pane, within the render budget.
func renderBody(ctx context.Context, site *siteView, p *model.Page, style string, width int) (*pageBody, error) {
	md, err := site.res.Body(p)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(md) == "" {
		return &pageBody{}, nil
	}
	r, err := render.NewRenderer(style, width)
	if err != nil {
		return nil, err
	}
	out, err := r.MarkdownWithin(ctx, render.RenderBudget, md)
	if err != nil {
		return nil, err
	}
	return &pageBody{lines: strings.Split(strings.TrimRight(out.Text, "\n"), "\n")}, nil
}
