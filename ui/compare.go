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
	"taxo/ui/render"
)

// compareGap is what stands between the two columns.
const compareGap = " │ "

// compareModel shows two terms' Instructions side by side (one above the
// other below stackBelow columns), each under its title and description,
// rendered with Glamour as the detail renders them, so that near
// neighbours such as Scaling and Large Scale Agility can be told apart.
// The two scroll together.
type compareModel struct {
	sh   *shared
	g    *model.Graph
	a, b *model.Term // a is the marked term
	back mode        // the screen it was opened from, where esc returns

	key   compareKey // what lines were rendered for
	asked compareKey // the rendering on its way
	lines []string
	err   error

	offset        int
	width, height int
}

// compareKey names one rendering of the screen; one that does not match
// what the screen needs now is dropped.
type compareKey struct {
	gen     int
	a, b    model.ID
	width   int // of a column
	stacked bool
	style   string
}

// compareRenderedMsg brings the two columns rendered.
type compareRenderedMsg struct {
	key         compareKey
	left, right []string
	err         error
}

func newCompare(sh *shared, g *model.Graph, a, b *model.Term) compareModel {
	return compareModel{sh: sh, g: g, a: a, b: b}
}

func (c *compareModel) setSize(w, h int) {
	c.width, c.height = w, max(h, 1)
	c.clamp()
}

// inner is the width inside the frame.
func (c compareModel) inner() int { return max(c.width-c.sh.styles.Box.GetHorizontalFrameSize(), 20) }

// rows is how many lines of the columns fit under the title.
func (c compareModel) rows() int {
	return max(c.height-c.sh.styles.Box.GetVerticalFrameSize()-2, 1)
}

// want is the rendering the screen needs at its size.
func (c compareModel) want(gen int) compareKey {
	k := compareKey{gen: gen, a: c.a.ID, b: c.b.ID, width: c.inner(), stacked: c.width < stackBelow, style: c.sh.styles.Glamour}
	if !k.stacked {
		k.width = (k.width - len(compareGap)) / 2
	}
	return k
}

func (c *compareModel) clamp() {
	c.offset = max(min(c.offset, len(c.lines)-c.rows()), 0)
}

// Update scrolls; closing is the root's.
func (c compareModel) Update(msg tea.Msg) (compareModel, tea.Cmd) {
	c.offset = moved(c.sh.keys, msg, c.offset, c.rows(), 3, len(c.lines))
	c.clamp()
	return c, nil
}

// View draws the screen to fill width×height.
func (c compareModel) View() string {
	st := c.sh.styles
	keys := c.sh.keys
	inner := c.inner()
	title := st.Title.Render("Compare") + st.Dim.Render(fmt.Sprintf("  the marked term, then the one open · %s closes", firstKey(keys.Cancel)))
	lines := []string{ansi.Truncate(title, inner, "…"), ""}
	switch {
	case c.err != nil:
		lines = append(lines, st.Problems.Render(ansi.Truncate("Cannot render the Instructions: "+safe.Line(c.err.Error()), inner, "…")))
	case c.lines == nil:
		lines = append(lines, st.Dim.Render("Rendering…"))
	default:
		end := min(c.offset+c.rows(), len(c.lines))
		lines = append(lines, c.lines[c.offset:end]...)
	}
	return st.Box.Width(c.width).Height(c.height).MaxHeight(c.height).Render(strings.Join(lines, "\n"))
}

// setColumns lays the two columns out: side by side, the shorter padded,
// or one above the other.
func (c *compareModel) setColumns(k compareKey, left, right []string) {
	c.key = k
	if k.stacked {
		c.lines = append(append(append([]string{}, left...), "", ""), right...)
		c.clamp()
		return
	}
	gap := c.sh.styles.Rule.Render(compareGap)
	c.lines = make([]string, max(len(left), len(right)))
	for i := range c.lines {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		c.lines[i] = fit(l, k.width, 1) + gap + r
	}
	c.clamp()
}

// commands

// render renders the columns the screen needs, unless they are in hand
// or on their way.
func (c *compareModel) render(gen int) tea.Cmd {
	k := c.want(gen)
	if k == c.key || k == c.asked || c.width == 0 {
		return nil
	}
	c.asked = k
	g, a, b, st := c.g, c.a, c.b, c.sh.styles
	return func() tea.Msg {
		left, err := compareColumn(g, a, st, k.style, k.width)
		if err != nil {
			return compareRenderedMsg{key: k, err: err}
		}
		right, err := compareColumn(g, b, st, k.style, k.width)
		return compareRenderedMsg{key: k, left: left, right: right, err: err}
	}
}

// compareColumn is one term as the compare screen shows it: the kind
// marker and title, the kind and ID, the description, then the
// Instructions framed as in the detail.
func compareColumn(g *model.Graph, t *model.Term, st Styles, style string, width int) ([]string, error) {
	r, err := render.NewRenderer(style, width)
	if err != nil {
		return nil, err
	}
	title := st.Kinds[t.Kind].Render(kindMarker(t.Kind)) + " " + st.Crumb.Render(safe.Line(t.DisplayTitle()))
	lines := []string{
		ansi.Truncate(title, width, "…"),
		st.Dim.Render(ansi.Truncate(t.Kind.String()+" · "+safe.Line(string(t.ID)), width, "…")),
	}
	if desc := strings.Join(strings.Fields(safe.Line(t.Description)), " "); desc != "" {
		lines = append(lines, "")
		for l := range strings.SplitSeq(lipgloss.Wrap(desc, width, " "), "\n") {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	lines = append(lines, "")
	md := render.Document(g, t, render.DocOptions{}).Instructions
	if md == "" {
		return append(lines, st.Dim.Render("No Instructions.")), nil
	}
	framed, err := r.Instructions(md)
	if err != nil {
		return nil, err
	}
	return append(lines, strings.Split(framed, "\n")...), nil
}

// the root's handling of marking and comparing

// markTerm marks a term to compare another with, or unmarks it.
func (m *Model) markTerm(t *model.Term) {
	if t == nil {
		return
	}
	if m.mark == t.ID {
		m.mark = ""
		m.message = "Unmarked " + safe.Line(t.DisplayTitle()) + "."
		return
	}
	m.mark = t.ID
	m.message = fmt.Sprintf("Marked %s: open another term and press %s to compare them.", safe.Line(t.DisplayTitle()), firstKey(m.sh.keys.Compare))
}

// compareWith opens the compare screen on the marked term and t.
func (m *Model) compareWith(t *model.Term) {
	if t == nil {
		return
	}
	marked := m.tx.Graph.Get(m.mark)
	switch {
	case marked == nil:
		m.message = fmt.Sprintf("Mark a term with %s first, then press %s on another to compare them.", firstKey(m.sh.keys.Mark), firstKey(m.sh.keys.Compare))
		return
	case marked.ID == t.ID:
		m.message = fmt.Sprintf("%s is the marked term: open another to compare it with.", safe.Line(t.DisplayTitle()))
		return
	}
	m.compare = newCompare(m.sh, m.tx.Graph, marked, t)
	m.compare.back = m.mode
	m.mode = modeCompare
	m.layout()
}

// handleComparing scrolls the compare screen, or closes it.
func (m *Model) handleComparing(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	if key.Matches(k, keys.Cancel, keys.Back, keys.Quit, keys.Compare) {
		m.mode = m.compare.back
		return nil
	}
	var cmd tea.Cmd
	m.compare, cmd = m.compare.Update(k)
	return cmd
}

func (m *Model) handleCompareRendered(msg compareRenderedMsg) {
	c := &m.compare
	if c.a == nil || msg.key != c.want(m.gen) {
		return
	}
	c.asked = compareKey{}
	c.err = msg.err
	if msg.err == nil {
		c.setColumns(msg.key, msg.left, msg.right)
	}
}

// markStatus names the marked term for the status line.
func (m Model) markStatus() string {
	if m.mark == "" {
		return ""
	}
	t := m.tx.Graph.Get(m.mark)
	if t == nil {
		return ""
	}
	return m.sh.styles.Filter.Render("marked: " + ansi.Truncate(safe.Line(t.DisplayTitle()), 24, "…"))
}

// refreshCompare follows a reload: the screen shows the terms anew, and
// closes when one of them is gone.
func (m *Model) refreshCompare() {
	if m.mode != modeCompare {
		return
	}
	g := m.tx.Graph
	a, b := g.Get(m.compare.a.ID), g.Get(m.compare.b.ID)
	if a == nil || b == nil {
		m.mode = m.compare.back
		return
	}
	back, offset := m.compare.back, m.compare.offset
	m.compare = newCompare(m.sh, g, a, b)
	m.compare.back, m.compare.offset = back, offset
}
