package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
)

// The term's links, laid out under its text: this file is the term
// screen's too.

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

// layoutLinks starts laying the links out again, for the pane's width, as
// far as the pane shows them.
func (d *termScreen) layoutLinks() {
	d.linkRows, d.linkAt, d.names = nil, nil, nil
	d.flow = linkFlow{done: len(d.groups) == 0}
	d.layoutRows(d.page.offset + d.page.height)
}

// layoutRows lays the links out until the pane has lines lines, or all of
// them are.
func (d *termScreen) layoutRows(lines int) {
	if d.flow.done {
		return
	}
	rows := lines - len(d.text()) - 1
	d.layout(func() bool { return len(d.linkRows) >= rows })
}

// layoutLink lays the links out as far as link i.
func (d *termScreen) layoutLink(i int) {
	d.layout(func() bool { return len(d.linkAt) > i })
}

// layout flows the links into rows under their labels until enough says
// so, or every link is laid out.
func (d *termScreen) layout(enough func() bool) {
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
func (d termScreen) drawRow(r linkRow) string {
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
