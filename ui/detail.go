package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/render"
)

// termDoc is a term rendered for the detail pane at one width and style.
type termDoc struct {
	lines            []string // the head, the Instructions, the body
	fields           []string // the other front matter fields, shown after the links
	instructionsLine int      // -1 when the term has none
}

// renderKey names one rendering; a result that does not match what the
// detail shows now is cached, never shown.
type renderKey struct {
	gen   int // the graph's generation: a reload makes every render stale
	id    model.ID
	width int
	style string
}

// detailModel is the selected term: its rendered text, then its links, in
// a pane that scrolls. The links are drawn here rather than by Glamour so
// that moving between them does not render the term again.
type detailModel struct {
	sh *shared
	g  *model.Graph

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

	offset        int
	width, height int
	focused       bool

	// want is where to scroll once the rendering is in.
	want scrollWish

	// found are the matches of a find in lines(), current the one the
	// find is at; the view marks them.
	found   []findMatch
	current int
}

// scrollWish is a scroll that waits for the rendering.
type scrollWish int

const (
	wishNone         scrollWish = iota
	wishInstructions            // the Instructions at the top
	wishInView                  // the start of the Instructions in view
)

func newDetail(sh *shared) detailModel { return detailModel{sh: sh, link: -1} }

// linkRow is one line of the links under the term: the rule above them,
// a group's label, some of its links, or a blank between groups. Rows are
// drawn only when they are in view, so that a term with thousands of
// backlinks costs the screen no more than one with a few.
type linkRow struct {
	kind        linkRowKind
	group       int // for a label
	first, last int // the links of a row of links: links[first:last]
}

type linkRowKind uint8

// linkFlow is how far the links are laid out. They are laid out as far as
// the pane needs, so that showing a term with thousands of backlinks, or
// moving between them, costs what is in view.
type linkFlow struct {
	group, next int     // the group being laid out and its next term
	row         linkRow // the row being filled
	used        int     // its columns taken
	done        bool
}

const (
	rowRule linkRowKind = iota
	rowLabel
	rowLinks
	rowBlank
)

// show puts a term in the pane, scrolled to the top, no link selected.
func (d *detailModel) show(g *model.Graph, t *model.Term) {
	d.g, d.term = g, t
	d.doc, d.exact, d.err = nil, false, nil
	d.offset, d.link, d.want = 0, -1, wishNone
	d.groups, d.links, d.found = nil, nil, nil
	if t != nil {
		d.groups = render.Links(g, t)
		if refs := render.BodyRefs(g, t); len(refs) > 0 {
			d.groups = append(d.groups, render.LinkGroup{Label: "Mentioned in the text", Terms: refs})
		}
		for _, grp := range d.groups {
			d.links = append(d.links, grp.Terms...)
		}
	}
	d.layoutLinks()
}

// setDoc puts a rendering in; exact says it fits the current width and style.
func (d *detailModel) setDoc(doc *termDoc, exact bool, err error) {
	d.doc, d.exact, d.err = doc, exact, err
	switch {
	case doc == nil:
	case d.want == wishInstructions:
		d.jumpToInstructions()
	case d.want == wishInView:
		d.showInstructions()
	}
	d.clamp()
}

func (d *detailModel) setSize(w, h int) {
	h = max(h, 1)
	if w == d.width && h == d.height {
		return
	}
	relayout := w != d.width
	if relayout {
		d.exact = false
	}
	d.width, d.height = w, h
	if relayout {
		d.layoutLinks()
	}
	d.clamp()
}

// renderWidth is the width Glamour wraps at: the pane less a column on the
// right so that wrapped text never touches the edge, at most the width the
// user set.
func (d detailModel) renderWidth() int {
	w := max(d.width-1, 20)
	if d.sh.wrap > 0 {
		w = min(w, max(d.sh.wrap, 20))
	}
	return w
}

// hasInstructions reports whether the rendered term has Instructions; true
// while the rendering is not in yet and the term has some.
func (d detailModel) hasInstructions() bool {
	return d.term != nil && strings.TrimSpace(d.term.Instructions) != ""
}

// jumpToInstructions scrolls the Instructions to the top of the pane, now
// or when the rendering arrives.
func (d *detailModel) jumpToInstructions() {
	if d.doc == nil {
		d.want = wishInstructions
		return
	}
	d.want = wishNone
	if d.doc.instructionsLine >= 0 {
		d.offset = d.doc.instructionsLine
		d.clamp()
	}
}

// showInstructions scrolls only as far as needed for the start of the
// Instructions to be in view, so the title stays when there is room.
func (d *detailModel) showInstructions() {
	if d.doc == nil {
		d.want = wishInView
		return
	}
	d.want = wishNone
	if l := d.doc.instructionsLine; l >= 0 && l+4 > d.offset+d.height {
		d.jumpToInstructions()
	}
}

// text is what the pane shows above the links: the rendered term, or
// what stands for it.
func (d detailModel) text() []string {
	switch {
	case d.term == nil:
		return []string{"", "  " + d.sh.styles.Dim.Render("Nothing selected.")}
	case d.err != nil:
		return []string{"", "  " + d.sh.styles.Problems.Render("Cannot render this term: "+safe.Line(d.err.Error()))}
	case d.doc == nil:
		return d.placeholder()
	}
	return d.doc.lines
}

// lineCount is how many lines the pane can scroll through: the text, the
// links and the other fields, a blank line before each of the last two.
// While the links are not all laid out, it counts those that are, and the
// fields cannot be reached yet.
func (d detailModel) lineCount() int {
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
func (d detailModel) totalLines() int {
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

// lines draws the lines of the pane from start up to end.
func (d detailModel) lines(start, end int) []string {
	out := make([]string, 0, max(end-start, 0))
	text := d.text()
	var fields []string
	if d.doc != nil {
		fields = d.doc.fields
	}
	for i := start; i < end; i++ {
		switch j := i; {
		case j < len(text):
			out = append(out, text[j])
			continue
		case len(d.linkRows) > 0:
			j -= len(text)
			if j == 0 {
				out = append(out, "")
				continue
			}
			if j-1 < len(d.linkRows) {
				out = append(out, d.drawRow(d.linkRows[j-1]))
				continue
			}
			j -= 1 + len(d.linkRows)
			if j == 0 {
				out = append(out, "")
			} else if j-1 < len(fields) {
				out = append(out, fields[j-1])
			}
		default:
			j -= len(text)
			if j == 0 {
				out = append(out, "")
			} else if j-1 < len(fields) {
				out = append(out, fields[j-1])
			}
		}
	}
	return out
}

// placeholder stands for the term until Glamour is done: its title and
// description, so that moving through the list never shows a blank pane.
func (d detailModel) placeholder() []string {
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
func (d detailModel) linksStart() int {
	n := len(d.placeholder())
	switch {
	case d.err != nil:
		n = 2
	case d.doc != nil:
		n = len(d.doc.lines)
	}
	return n + 1
}

// layoutLinks starts laying the links out again, for the pane's width, as
// far as the pane shows them.
func (d *detailModel) layoutLinks() {
	d.linkRows, d.linkAt, d.names = nil, nil, nil
	d.flow = linkFlow{done: len(d.groups) == 0}
	d.layoutRows(d.offset + d.height)
}

// layoutRows lays the links out until the pane has lines lines, or all of
// them are.
func (d *detailModel) layoutRows(lines int) {
	if d.flow.done {
		return
	}
	rows := lines - len(d.text()) - 1
	d.layout(func() bool { return len(d.linkRows) >= rows })
}

// layoutLink lays the links out as far as link i.
func (d *detailModel) layoutLink(i int) {
	d.layout(func() bool { return len(d.linkAt) > i })
}

// layout flows the links into rows under their labels until enough says
// so, or every link is laid out.
func (d *detailModel) layout(enough func() bool) {
	f := &d.flow
	if f.done || enough() {
		return
	}
	width := max(d.width-5, 10)
	if len(d.linkRows) == 0 {
		d.linkRows = append(d.linkRows, linkRow{kind: rowRule})
	}
	for !f.done && !enough() {
		grp := d.groups[f.group]
		if f.next == 0 && f.row.kind != rowLinks {
			d.linkRows = append(d.linkRows, linkRow{kind: rowLabel, group: f.group})
			f.row, f.used = linkRow{kind: rowLinks, first: len(d.linkAt), last: len(d.linkAt)}, 0
		}
		if f.next == len(grp.Terms) {
			d.linkRows = append(d.linkRows, f.row)
			f.group, f.next, f.row = f.group+1, 0, linkRow{}
			if f.done = f.group == len(d.groups); !f.done {
				d.linkRows = append(d.linkRows, linkRow{kind: rowBlank})
			}
			continue
		}
		t := grp.Terms[f.next]
		f.next++
		name := safe.Line(t.DisplayTitle())
		w := textWidth(name)
		if w > width {
			name = ansi.Truncate(name, width, "…")
			w = ansi.StringWidth(name)
		}
		if !t.Defined {
			w += ansi.StringWidth(d.sh.noFile())
		}
		n := len(d.linkAt)
		if f.used > 0 && f.used+3+w > width {
			d.linkRows = append(d.linkRows, f.row)
			f.row, f.used = linkRow{kind: rowLinks, first: n, last: n}, 0
		}
		if f.used > 0 {
			f.used += 3
		}
		f.used += w
		f.row.last = n + 1
		d.names = append(d.names, name)
		d.linkAt = append(d.linkAt, len(d.linkRows))
	}
}

// drawRow draws one row of the links, the selected link highlighted.
func (d detailModel) drawRow(r linkRow) string {
	st := d.sh.styles
	switch r.kind {
	case rowRule:
		return "  " + st.Rule.Render(strings.Repeat("─", max(d.width-5, 10)))
	case rowLabel:
		grp := d.groups[r.group]
		return "  " + st.LinkLabel.Render(fmt.Sprintf("%s (%d)", grp.Label, len(grp.Terms)))
	case rowBlank:
		return ""
	case rowLinks:
	}
	var b strings.Builder
	b.WriteString("    ")
	for n := r.first; n < r.last; n++ {
		t := d.links[n]
		if n > r.first {
			b.WriteString(st.Dim.Render(" · "))
		}
		style := st.Link
		switch {
		case n == d.link:
			style = st.LinkSelected
		case !t.Defined:
			style = st.Undefined
		}
		b.WriteString(style.Render(d.names[n]))
		if !t.Defined {
			b.WriteString(st.Dim.Render(d.sh.noFile()))
		}
	}
	return b.String()
}

// selectLink highlights link i (-1 for none) and scrolls it into view.
func (d *detailModel) selectLink(i int) {
	d.link = i
	if i < 0 || i >= len(d.links) {
		return
	}
	d.layoutLink(i)
	line := d.linksStart() + d.linkAt[i]
	if line < d.offset {
		d.offset = line
	}
	if line >= d.offset+d.height {
		d.offset = line - d.height + 1
	}
	d.clamp()
}

// selectedLink is the term of the selected link, or nil.
func (d detailModel) selectedLink() *model.Term {
	if d.link < 0 || d.link >= len(d.links) {
		return nil
	}
	return d.links[d.link]
}

func (d *detailModel) scroll(n int) {
	d.offset += n
	d.clamp()
}

// clamp keeps the pane full: no scrolling past the last line. It waits for
// the rendering, so an offset restored from history is not lost to the
// shorter placeholder.
func (d *detailModel) clamp() {
	d.layoutRows(d.offset + d.height)
	if d.doc == nil && d.err == nil {
		return
	}
	d.offset = max(min(d.offset, d.lineCount()-d.height), 0)
}

// Update scrolls the pane and moves between its links.
func (d detailModel) Update(msg tea.Msg) (detailModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scroll(-3)
		case tea.MouseWheelDown:
			d.scroll(3)
		default: // the wheel tilted sideways
		}
	case tea.KeyPressMsg:
		keys := d.sh.keys
		switch {
		case key.Matches(msg, keys.Up):
			d.scroll(-1)
		case key.Matches(msg, keys.Down):
			d.scroll(1)
		case key.Matches(msg, keys.PageUp):
			d.scroll(-max(d.height-2, 1))
		case key.Matches(msg, keys.PageDown):
			d.scroll(max(d.height-2, 1))
		case key.Matches(msg, keys.Top):
			d.offset = 0
		case key.Matches(msg, keys.Bottom):
			d.layout(func() bool { return false })
			d.offset = d.lineCount()
			d.clamp()
		}
	}
	return d, nil
}

// scrollPercent is how far down the pane is scrolled, for the status line.
func (d detailModel) scrollPercent() int {
	total := d.totalLines() - d.height
	if total <= 0 {
		return 100
	}
	return min(100, d.offset*100/total)
}

// View draws the lines in view.
func (d detailModel) View() string {
	n := d.lineCount()
	start := min(d.offset, max(n-1, 0))
	end := min(start+d.height, n)
	shown := d.lines(start, end)
	if len(d.found) > 0 {
		shown = d.markFound(shown, start)
	}
	return fit(strings.Join(shown, "\n"), d.width, d.height)
}

// commands

// renderDoc renders a term for the detail pane: Glamour for the text, the
// other fields apart so that the links can sit between.
func renderDoc(g *model.Graph, t *model.Term, style string, width int) (*termDoc, error) {
	r, err := render.NewRenderer(style, width)
	if err != nil {
		return nil, err
	}
	out, err := r.Term(g, t, render.DocOptions{})
	if err != nil {
		return nil, err
	}
	doc := &termDoc{lines: append([]string{""}, strings.Split(strings.TrimRight(out.Text, "\n"), "\n")...), instructionsLine: -1}
	if out.InstructionsLine >= 0 {
		doc.instructionsLine = out.InstructionsLine + 1
	}
	fields, err := r.Fields(g, t)
	if err != nil {
		return nil, err
	}
	if fields != "" {
		doc.fields = strings.Split(fields, "\n")
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
