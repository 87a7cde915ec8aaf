package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
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

	groups    []LinkGroup
	links     []*model.Term // every link, in the order shown
	linkLines []string
	linkAt    []int // the line of each link within linkLines
	link      int   // the selected link, -1 for none

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

// show puts a term in the pane, scrolled to the top, no link selected.
func (d *detailModel) show(g *model.Graph, t *model.Term) {
	d.g, d.term = g, t
	d.doc, d.exact, d.err = nil, false, nil
	d.offset, d.link, d.want = 0, -1, wishNone
	d.groups, d.links, d.found = nil, nil, nil
	if t != nil {
		d.groups = Links(g, t)
		if refs := BodyRefs(g, t); len(refs) > 0 {
			d.groups = append(d.groups, LinkGroup{Label: "Mentioned in the text", Terms: refs})
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
	if w != d.width {
		d.exact = false
	}
	d.width, d.height = w, h
	d.layoutLinks()
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

// lines is everything the pane can scroll through.
func (d detailModel) lines() []string {
	var out []string
	switch {
	case d.term == nil:
		return []string{"", "  " + d.sh.styles.Dim.Render("Nothing selected.")}
	case d.err != nil:
		out = []string{"", "  " + d.sh.styles.Problems.Render("Cannot render this term: "+safe.Line(d.err.Error()))}
	case d.doc == nil:
		out = d.placeholder()
	default:
		out = d.doc.lines
	}
	if len(d.linkLines) > 0 {
		out = append(append(out[:len(out):len(out)], ""), d.linkLines...)
	}
	if d.doc != nil && len(d.doc.fields) > 0 {
		out = append(append(out[:len(out):len(out)], ""), d.doc.fields...)
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

// layoutLinks flows each group's links into lines under its label, the
// selected link highlighted.
func (d *detailModel) layoutLinks() {
	d.linkLines, d.linkAt = nil, make([]int, 0, len(d.links))
	if len(d.groups) == 0 {
		return
	}
	st := d.sh.styles
	width := max(d.width-5, 10)
	rule := st.Rule.Render(strings.Repeat("─", max(d.width-5, 10)))
	d.linkLines = append(d.linkLines, "  "+rule)
	n := 0
	for _, grp := range d.groups {
		d.linkLines = append(d.linkLines, "  "+st.LinkLabel.Render(fmt.Sprintf("%s (%d)", grp.Label, len(grp.Terms))))
		line, used := "    ", 0
		for _, t := range grp.Terms {
			name := ansi.Truncate(safe.Line(t.DisplayTitle()), width, "…")
			style := st.Link
			switch {
			case n == d.link:
				style = st.LinkSelected
			case !t.Defined:
				style = st.Undefined
			}
			item := style.Render(name)
			if !t.Defined {
				item += st.Dim.Render(" (no file)")
			}
			w := ansi.StringWidth(name)
			if !t.Defined {
				w += len(" (no file)")
			}
			if used > 0 && used+3+w > width {
				d.linkLines = append(d.linkLines, line)
				line, used = "    ", 0
			}
			if used > 0 {
				line += st.Dim.Render(" · ")
				used += 3
			}
			line += item
			used += w
			d.linkAt = append(d.linkAt, len(d.linkLines))
			n++
		}
		d.linkLines = append(d.linkLines, line, "")
	}
	d.linkLines = d.linkLines[:len(d.linkLines)-1]
}

// selectLink highlights link i (-1 for none) and scrolls it into view.
func (d *detailModel) selectLink(i int) {
	d.link = i
	d.layoutLinks()
	if i < 0 || i >= len(d.linkAt) {
		return
	}
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
	if d.doc == nil && d.err == nil {
		return
	}
	d.offset = max(min(d.offset, len(d.lines())-d.height), 0)
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
			d.offset = len(d.lines())
			d.clamp()
		}
	}
	return d, nil
}

// scrollPercent is how far down the pane is scrolled, for the status line.
func (d detailModel) scrollPercent() int {
	total := len(d.lines()) - d.height
	if total <= 0 {
		return 100
	}
	return min(100, d.offset*100/total)
}

// View draws the lines in view.
func (d detailModel) View() string {
	all := d.lines()
	start := min(d.offset, max(len(all)-1, 0))
	end := min(start+d.height, len(all))
	shown := all[start:end]
	if len(d.found) > 0 {
		shown = d.markFound(shown, start)
	}
	return fit(strings.Join(shown, "\n"), d.width, d.height)
}

// commands

// renderDoc renders a term for the detail pane: Glamour for the text, the
// other fields apart so that the links can sit between.
func renderDoc(g *model.Graph, t *model.Term, style string, width int) (*termDoc, error) {
	r, err := NewRenderer(style, width)
	if err != nil {
		return nil, err
	}
	out, err := r.Term(g, t, DocOptions{})
	if err != nil {
		return nil, err
	}
	doc := &termDoc{lines: append([]string{""}, strings.Split(strings.TrimRight(out.Text, "\n"), "\n")...), instructionsLine: -1}
	if out.InstructionsLine >= 0 {
		doc.instructionsLine = out.InstructionsLine + 1
	}
	if tail := Document(g, t, DocOptions{Fields: true}).Tail; tail != "" {
		fields, err := r.Markdown(tail)
		if err != nil {
			return nil, err
		}
		doc.fields = strings.Split(trimBlankLines(fields), "\n")
	}
	return doc, nil
}
