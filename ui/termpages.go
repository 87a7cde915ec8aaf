package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
)

// The pages that carry the term shown, under its text in the term's pane:
// on a site, the newest few, each a link to follow into the page view,
// and a link to all of them in the Pages tab. This file is the term
// screen's too. Off a site there are no pages, and nothing is shown.

// termPagesShown is how many of a term's pages its pane lists, as show
// does; the rest are a link away.
const termPagesShown = 20

// termPages is a term's pages as its pane shows them.
type termPages struct {
	site  *siteView
	pages []*model.Page // the newest termPagesShown
	total int
	// sel is the row selected: a page, or len(pages) for the link to all
	// of them; -1 for none.
	sel int
}

// newTermPages lists the pages that carry t, on a site.
func newTermPages(site *siteView, g *model.Graph, t *model.Term) termPages {
	tp := termPages{site: site, sel: -1}
	if site == nil || t == nil {
		return tp
	}
	pages := g.PagesOf(t)
	tp.total = len(pages)
	tp.pages = pages[:min(len(pages), termPagesShown)]
	return tp
}

// count is how many rows can be selected: the pages, and the link to all
// of them when there are more.
func (tp termPages) count() int {
	if tp.total > len(tp.pages) {
		return len(tp.pages) + 1
	}
	return len(tp.pages)
}

// lines draws the section at width: a blank line, its label, a line per
// page (title, date, state) and the link to the rest; nothing off a site.
func (tp termPages) lines(st Styles, width int) []string {
	if tp.site == nil {
		return nil
	}
	out := []string{"", "  " + st.LinkLabel.Render(fmt.Sprintf("Pages (%d)", tp.total))}
	if tp.total == 0 {
		return append(out, "    "+st.Dim.Render("No page carries it."))
	}
	for i, p := range tp.pages {
		out = append(out, tp.row(st, p, i == tp.sel, width))
	}
	if tp.total > len(tp.pages) {
		style := st.Link
		if tp.sel == len(tp.pages) {
			style = st.LinkSelected
		}
		out = append(out, "    "+style.Render(fmt.Sprintf("All %d pages, in the Pages tab", tp.total)))
	}
	return out
}

// row draws one page: its title as a link, its date and its state.
func (tp termPages) row(st Styles, p *model.Page, selected bool, width int) string {
	// Columns: the date (as long as any), then the state, as long as the
	// longest, so that the dates line up.
	facts := fmt.Sprintf("%-10s  %-9s", pageDate(p), tp.site.state(p))
	room := max(width-4-len(facts)-2-1, 10)
	title := ansi.Truncate(safe.Line(tp.site.pageTitle(p)), room, "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(title), 0))
	style := st.Link
	if selected {
		style = st.LinkSelected
	}
	factStyle := st.Dim
	if tp.site.state(p) != model.Published {
		factStyle = st.Message
	}
	return "    " + style.Render(title) + pad + "  " + factStyle.Render(facts)
}

// selectedPage is the page selected; all is set for the link to every
// page of the term.
func (tp termPages) selectedPage() (p *model.Page, all bool) {
	switch {
	case tp.sel < 0:
		return nil, false
	case tp.sel < len(tp.pages):
		return tp.pages[tp.sel], false
	}
	return nil, true
}

// selectables are the term pane's rows that tab moves through: the pages
// first, as they come first, then the links.
func (d *termScreen) selectables() int { return d.tp.count() + len(d.links) }

// selection is the row selected among selectables, -1 for none.
func (d *termScreen) selection() int {
	switch {
	case d.tp.sel >= 0:
		return d.tp.sel
	case d.link >= 0:
		return d.tp.count() + d.link
	}
	return -1
}

// selectRow selects row i of selectables (-1 for none) and scrolls it
// into view.
func (d *termScreen) selectRow(i int) {
	if i < d.tp.count() && i >= 0 {
		d.selectLink(-1)
		d.tp.sel = i
		line := len(d.baseText()) + 2 + i
		d.page.reveal(line, line+1)
		d.clamp()
		return
	}
	d.selectLink(max(i-d.tp.count(), -1))
}

// openPage follows the page selected, or shows all the term's pages in
// the Pages tab; false when no page is selected.
func (d *termScreen) openPage() bool {
	p, all := d.tp.selectedPage()
	switch {
	case p != nil:
		d.sh.tell(followPageMsg{page: p})
	case all:
		d.sh.tell(pagesWithMsg{term: d.term})
	default:
		return false
	}
	return true
}
