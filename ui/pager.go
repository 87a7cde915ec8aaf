package ui

// pager is the browser's one scroller: a window of height rows over total
// rows, starting at offset. Every pane that scrolls keeps one: the list,
// the term, the search's hits, the tag picker, the problems, the
// neighbourhood, the suggestions and the compare screen. A pane with a
// cursor keeps it in view with reveal.
//
// It is not bubbles' viewport, which glow's pager uses, because viewport
// holds every line of a pane up front (SetContent measures them all):
// the list holds up to 100 000 terms, and the term pane lays out a tag's
// tens of thousands of backlinks only as far as it shows them. A pager
// holds numbers, and each pane draws only the rows in its window.
type pager struct {
	offset int // the first row in view
	height int // how many rows are in view; at least 1
	total  int // how many rows there are
}

// setHeight sizes the window; the caller clamps or reveals after.
func (p *pager) setHeight(h int) { p.height = max(h, 1) }

// clamp keeps the window over the rows: no scrolling past the last.
func (p *pager) clamp() { p.offset = max(min(p.offset, p.total-p.height), 0) }

// scrollTo puts the window at offset, kept over the rows.
func (p *pager) scrollTo(offset int) {
	p.offset = offset
	p.clamp()
}

// reveal scrolls as little as it takes for rows [first, last) to be in
// view, first winning when they do not all fit. It does not clamp: a pane
// whose rows vary in height clamps as it needs.
func (p *pager) reveal(first, last int) {
	if last > p.offset+p.height {
		p.offset = last - p.height
	}
	if first < p.offset {
		p.offset = first
	}
	p.offset = max(p.offset, 0)
}

// inView reports whether row i is in the window.
func (p pager) inView(i int) bool { return i >= p.offset && i < p.offset+p.height }

// window is the rows in view: [start, end).
func (p pager) window() (start, end int) {
	end = min(p.offset+p.height, p.total)
	return min(p.offset, end), end
}

// percent is how far down the rows the window is, for the status line.
func (p pager) percent() int {
	if p.total <= p.height {
		return 100
	}
	return min(100, p.offset*100/(p.total-p.height))
}

// cursor is a pager with a cursor on one of its rows, kept in view: the
// list, the tag picker and the neighbourhood's tree.
type cursor struct {
	pager
	at int
}

// moveTo puts the cursor on row i, kept on a row, and the row in view.
func (c *cursor) moveTo(i int) {
	c.at = max(min(i, c.total-1), 0)
	if c.height > 0 { // sized
		c.reveal(c.at, c.at+1)
		c.clamp()
	}
}
