package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

// neighbourDepth is how many links deep the neighbourhood reaches.
const neighbourDepth = 2

// neighbourhoodScreen shows the terms around one term as a tree, two
// links deep: each term under the first term through which it is
// reached, with an arrow saying which way the link goes. Enter opens a
// term, as a link followed.
type neighbourhoodScreen struct {
	basic
	sh            *shared
	g             *model.Graph
	root          *model.Term
	rows          []treeRow
	cur           cursor // over rows, under the title and the legend
	width, height int
}

// treeRow is one term of the tree as drawn: the branches before it, and
// whether its parent lists it (→) or it lists its parent (←).
type treeRow struct {
	term   *model.Term
	branch string
	out    bool
	depth  int
}

// neighbourhoodMsg opens the screen on the terms around a term.
type neighbourhoodMsg struct{ term *model.Term }

func (neighbourhoodMsg) screen() mode { return modeNeighbourhood }

// Update opens the term under the cursor, closes the screen, or moves the
// cursor; a reload draws the tree again, or closes it when its term is gone.
func (n neighbourhoodScreen) Update(msg tea.Msg) (neighbourhoodScreen, tea.Cmd) {
	keys := n.sh.keys
	switch msg := msg.(type) {
	case neighbourhoodMsg:
		if msg.term != nil {
			n.show(msg.term, "")
			n.sh.tell(openMsg{to: modeNeighbourhood})
		}
	case taxonomyMsg:
		n.setTaxonomy(msg)
	case sizeMsg:
		n.width, n.height = msg.width, max(msg.height, 1)
		n.cur.setHeight(n.height - n.sh.styles.Box.GetVerticalFrameSize() - 3)
		n.cur.moveTo(n.cur.at)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, keys.Open):
			n.sh.tell(closeMsg{from: modeNeighbourhood})
			if t := n.selected(); t != nil && t.ID != n.root.ID {
				n.sh.tell(followMsg{term: t})
			}
		case key.Matches(msg, keys.Cancel, keys.Back, keys.Quit, keys.Neighbourhood):
			n.sh.tell(closeMsg{from: modeNeighbourhood})
		default:
			n.cur.moveTo(moved(keys, msg, n.cur.at, n.cur.height, 3, len(n.rows)-1))
		}
	case tea.MouseWheelMsg:
		n.cur.moveTo(moved(keys, msg, n.cur.at, n.cur.height, 3, len(n.rows)-1))
	}
	return n, nil
}

// show draws the tree around root, the cursor on the term at when the
// tree has it.
func (n *neighbourhoodScreen) show(root *model.Term, at model.ID) {
	n.root = root
	n.rows = flatten(n.g.Neighbourhood(root, neighbourDepth), "", "", 0, nil)
	n.cur.total, n.cur.offset = len(n.rows), 0
	n.cur.moveTo(0)
	for i, r := range n.rows {
		if r.term.ID == at {
			n.cur.moveTo(i)
		}
	}
}

// setTaxonomy draws the tree again from a reloaded graph, with the cursor
// where it was; the screen closes if its term is gone.
func (n *neighbourhoodScreen) setTaxonomy(msg taxonomyMsg) {
	n.g = msg.tx.Graph
	if n.root == nil {
		return
	}
	root := n.g.Get(n.root.ID)
	if root == nil {
		n.root, n.rows = nil, nil
		n.sh.tell(closeMsg{from: modeNeighbourhood})
		return
	}
	var at model.ID
	if t := n.selected(); t != nil {
		at = t.ID
	}
	n.show(root, at)
}

// flatten lays the tree out a term a row, drawing the branches as tree(1)
// does: lead is what goes before this row, indent what goes before its
// children's rows.
func flatten(node *model.TreeNode, lead, indent string, depth int, rows []treeRow) []treeRow {
	rows = append(rows, treeRow{term: node.Term, branch: lead, out: node.Out, depth: depth})
	for i, c := range node.Children {
		if i == len(node.Children)-1 {
			rows = flatten(c, indent+"└─", indent+"   ", depth+1, rows)
		} else {
			rows = flatten(c, indent+"├─", indent+"│  ", depth+1, rows)
		}
	}
	return rows
}

// selected is the term under the cursor.
func (n neighbourhoodScreen) selected() *model.Term {
	if n.cur.at < 0 || n.cur.at >= len(n.rows) {
		return nil
	}
	return n.rows[n.cur.at].term
}

// Help is the screen's help line.
func (n neighbourhoodScreen) Help() []key.Binding {
	k := n.sh.keys
	return []key.Binding{pair(k.Up, k.Down, "move"), brief(k.Open, "open"), pair(k.Cancel, k.Quit, "close")}
}

// View draws the screen to fill width×height.
func (n neighbourhoodScreen) View() string {
	st := n.sh.styles
	if n.root == nil {
		return ""
	}
	inner := max(n.width-st.Box.GetHorizontalFrameSize(), 10)
	reach := fmt.Sprintf("  %s, up to %d links away", english.Plural(len(n.rows)-1, "term"), neighbourDepth)
	if len(n.rows) == 1 {
		reach = "  no term links to it, and it links to none"
	}
	title := st.Title.Render("Around "+safe.Line(n.root.DisplayTitle())) + st.Dim.Render(reach)
	// The words of the term pane's links: a term "uses" the concepts,
	// categories and tags it lists, and is "used by" the terms that list it.
	legend := st.Dim.Render("← uses the term above   → is used by the term above   enter opens")
	lines := []string{ansi.Truncate(title, inner, "…"), ansi.Truncate(legend, inner, "…"), ""}
	start, end := n.cur.window()
	for i := start; i < end; i++ {
		lines = append(lines, n.row(n.rows[i], i == n.cur.at, inner))
	}
	return st.Box.Width(n.width).Height(n.height).MaxHeight(n.height).Render(strings.Join(lines, "\n"))
}

// row draws one term: the branches, the arrow, the kind marker, the title.
func (n neighbourhoodScreen) row(r treeRow, cursor bool, width int) string {
	st := n.sh.styles
	arrow := ""
	if r.depth > 0 {
		arrow = "← "
		if r.out {
			arrow = "→ "
		}
	}
	title := safe.Line(r.term.DisplayTitle())
	if !r.term.Defined {
		title += n.sh.noFile()
	}
	lead := st.Rule.Render(r.branch) + st.Dim.Render(arrow)
	room := width - ansi.StringWidth(r.branch+arrow) - 2
	title = ansi.Truncate(title, max(room, 1), "…")
	marker := kindMarker(r.term.Kind)
	switch {
	case cursor:
		return lead + st.Selected.Render(marker+" "+title)
	case !r.term.Defined:
		return lead + st.Kinds[r.term.Kind].Render(marker) + " " + st.Undefined.Render(title)
	case r.depth == 0:
		return lead + st.Kinds[r.term.Kind].Render(marker) + " " + st.Crumb.Render(title)
	}
	return lead + st.Kinds[r.term.Kind].Render(marker) + " " + st.Item.Render(title)
}
