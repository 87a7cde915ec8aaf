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

// neighbourDepth is how many links deep the neighbourhood screen reaches.
const neighbourDepth = 2

// neighboursModel shows the terms around one term as a tree, two links
// deep: each term under the first term through which it is reached, with
// an arrow saying which way the link goes. Enter opens a term.
type neighboursModel struct {
	sh     *shared
	root   *model.Term
	rows   []treeRow
	cursor int
	offset int
	width  int
	height int
}

// treeRow is one term of the tree as drawn: the branches before it, and
// whether its parent lists it (→) or it lists its parent (←).
type treeRow struct {
	term   *model.Term
	branch string
	out    bool
	depth  int
}

func newNeighbours(sh *shared, g *model.Graph, root *model.Term) neighboursModel {
	n := neighboursModel{sh: sh, root: root}
	n.rows = flatten(g.Neighbourhood(root, neighbourDepth), "", "", 0, nil)
	return n
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
func (n neighboursModel) selected() *model.Term {
	if n.cursor < 0 || n.cursor >= len(n.rows) {
		return nil
	}
	return n.rows[n.cursor].term
}

// moveTo puts the cursor on a term, if the tree has it.
func (n *neighboursModel) moveTo(id model.ID) {
	for i, r := range n.rows {
		if r.term.ID == id {
			n.cursor = i
			n.clamp()
			return
		}
	}
}

func (n *neighboursModel) setSize(w, h int) {
	n.width, n.height = w, max(h, 1)
	n.clamp()
}

// visible is how many rows fit under the title and the legend.
func (n neighboursModel) visible() int {
	return max(n.height-n.sh.styles.Box.GetVerticalFrameSize()-3, 1)
}

func (n *neighboursModel) clamp() {
	n.cursor = max(min(n.cursor, len(n.rows)-1), 0)
	rows := n.visible()
	if n.cursor < n.offset {
		n.offset = n.cursor
	}
	if n.cursor >= n.offset+rows {
		n.offset = n.cursor - rows + 1
	}
	n.offset = max(min(n.offset, len(n.rows)-rows), 0)
}

// Update moves the cursor; opening and closing are the root's.
func (n neighboursModel) Update(msg tea.Msg) (neighboursModel, tea.Cmd) {
	n.cursor = moved(n.sh.keys, msg, n.cursor, n.visible(), 3, len(n.rows)-1)
	n.clamp()
	return n, nil
}

// View draws the screen to fill width×height.
func (n neighboursModel) View() string {
	st := n.sh.styles
	inner := max(n.width-st.Box.GetHorizontalFrameSize(), 10)
	reach := fmt.Sprintf("  %s, up to %d links away", english.Plural(len(n.rows)-1, "term"), neighbourDepth)
	if len(n.rows) == 1 {
		reach = "  no term links to it, and it links to none"
	}
	title := st.Title.Render("Around "+safe.Line(n.root.DisplayTitle())) + st.Dim.Render(reach)
	legend := st.Dim.Render("→ listed by the term above it   ← lists the term above it   enter opens")
	lines := []string{ansi.Truncate(title, inner, "…"), ansi.Truncate(legend, inner, "…"), ""}
	end := min(n.offset+n.visible(), len(n.rows))
	for i := n.offset; i < end; i++ {
		lines = append(lines, n.row(n.rows[i], i == n.cursor, inner))
	}
	return st.Box.Width(n.width).Height(n.height).MaxHeight(n.height).Render(strings.Join(lines, "\n"))
}

// row draws one term: the branches, the arrow, the kind marker, the title.
func (n neighboursModel) row(r treeRow, cursor bool, width int) string {
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

// the root's handling of the screen

// openNeighbours shows the tree around the term in the detail pane.
func (m *Model) openNeighbours() {
	t := m.detail.term
	if t == nil {
		return
	}
	m.around = newNeighbours(m.sh, m.tx.Graph, t)
	m.mode = modeNeighbours
	m.layout()
}

// refreshNeighbours draws the tree again from a reloaded graph, with the
// cursor where it was; the screen closes if its term is gone.
func (m *Model) refreshNeighbours() {
	if m.mode != modeNeighbours {
		return
	}
	root := m.tx.Graph.Get(m.around.root.ID)
	if root == nil {
		m.mode = modeBrowse
		return
	}
	var at model.ID
	if t := m.around.selected(); t != nil {
		at = t.ID
	}
	m.around = newNeighbours(m.sh, m.tx.Graph, root)
	m.around.setSize(m.width, m.bodyH)
	m.around.moveTo(at)
}

// handleNeighbours opens the term under the cursor, closes the screen, or
// moves the cursor.
func (m *Model) handleNeighbours(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	switch {
	case key.Matches(k, keys.Open):
		m.mode = modeBrowse
		if t := m.around.selected(); t != nil && t.ID != m.around.root.ID {
			m.follow(t)
		}
	case key.Matches(k, keys.Cancel, keys.Back, keys.Quit, keys.Neighbourhood):
		m.mode = modeBrowse
	default:
		var cmd tea.Cmd
		m.around, cmd = m.around.Update(k)
		return cmd
	}
	return nil
}
