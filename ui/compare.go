package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/render"
)

// compareGap is what stands between the two columns.
const compareGap = " │ "

// compareScreen shows two terms' Instructions side by side (one above the
// other below stackBelow columns), each under its title and description,
// rendered with Glamour as the term pane renders them, so that near
// neighbours such as Scaling and Large Scale Agility can be told apart.
// The two scroll together. It keeps the term marked to compare another
// with, which m marks from the term or the suggestions.
type compareScreen struct {
	basic
	sh   *shared
	g    *model.Graph
	gen  int
	mark model.ID    // the term marked to compare another with
	a, b *model.Term // a is the marked term

	key   compareKey // what lines were rendered for
	asked compareKey // the rendering on its way
	lines []string
	err   error

	page          pager // over lines, under the title
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

// messages

// markMsg marks a term to compare another with, or unmarks it.
type markMsg struct{ term *model.Term }

// compareMsg opens the screen on the marked term and this one.
type compareMsg struct{ term *model.Term }

// compareRenderedMsg brings the two columns rendered.
type compareRenderedMsg struct {
	key         compareKey
	left, right []string
	err         error
}

func (markMsg) screen() mode            { return modeCompare }
func (compareMsg) screen() mode         { return modeCompare }
func (compareRenderedMsg) screen() mode { return modeCompare }

// Update scrolls, closes, marks and opens, and asks for the rendering
// the screen needs while it is shown.
func (c compareScreen) Update(msg tea.Msg) (compareScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		keys := c.sh.keys
		if key.Matches(msg, keys.Cancel, keys.Back, keys.Quit, keys.Compare) {
			c.sh.tell(closeMsg{from: modeCompare})
			return c, nil
		}
		c.page.scrollTo(moved(keys, msg, c.page.offset, c.page.height, 3, len(c.lines)))
	case tea.MouseWheelMsg:
		c.page.scrollTo(moved(c.sh.keys, msg, c.page.offset, c.page.height, 3, len(c.lines)))
	case sizeMsg:
		c.width, c.height = msg.width, max(msg.height, 1)
		c.page.setHeight(c.height - c.sh.styles.Box.GetVerticalFrameSize() - 2)
		c.page.clamp()
		if msg.shown {
			return c, c.render()
		}
	case taxonomyMsg:
		c.setTaxonomy(msg)
	case markMsg:
		c.markTerm(msg.term)
	case compareMsg:
		c.compareWith(msg.term)
	case compareRenderedMsg:
		if c.a != nil && msg.key == c.want() {
			c.asked = compareKey{}
			c.err = msg.err
			if msg.err == nil {
				c.setColumns(msg.key, msg.left, msg.right)
			}
		}
	}
	return c, nil
}

// markTerm marks a term to compare another with, or unmarks it.
func (c *compareScreen) markTerm(t *model.Term) {
	if t == nil {
		return
	}
	if c.mark == t.ID {
		c.mark = ""
		c.sh.tell(statusMsg{text: "Unmarked " + safe.Line(t.DisplayTitle()) + "."})
		return
	}
	c.mark = t.ID
	c.sh.tell(statusMsg{text: fmt.Sprintf("Marked %s: open another term and press %s to compare them.", safe.Line(t.DisplayTitle()), firstKey(c.sh.keys.Compare))})
}

// compareWith opens the screen on the marked term and t.
func (c *compareScreen) compareWith(t *model.Term) {
	if t == nil {
		return
	}
	marked := c.g.Get(c.mark)
	switch {
	case marked == nil:
		c.sh.tell(statusMsg{text: fmt.Sprintf("Mark a term with %s first, then press %s on another to compare them.", firstKey(c.sh.keys.Mark), firstKey(c.sh.keys.Compare))})
		return
	case marked.ID == t.ID:
		c.sh.tell(statusMsg{text: fmt.Sprintf("%s is the marked term: open another to compare it with.", safe.Line(t.DisplayTitle()))})
		return
	}
	c.show(marked, t)
	c.page.offset = 0
	c.sh.tell(openMsg{to: modeCompare})
}

// show puts two terms on the screen, to be rendered.
func (c *compareScreen) show(a, b *model.Term) {
	c.a, c.b = a, b
	c.key, c.asked, c.lines, c.err = compareKey{}, compareKey{}, nil, nil
}

// setTaxonomy follows a new graph: the screen shows the terms anew, and
// closes when one of them is gone.
func (c *compareScreen) setTaxonomy(msg taxonomyMsg) {
	c.g, c.gen = msg.tx.Graph, msg.gen
	if c.a == nil {
		return
	}
	a, b := c.g.Get(c.a.ID), c.g.Get(c.b.ID)
	if a == nil || b == nil {
		c.sh.tell(closeMsg{from: modeCompare})
		return
	}
	c.show(a, b)
}

// Help is the help line of a screen that scrolls and closes.
func (c compareScreen) Help() []key.Binding { return closeHelp(c.sh.keys) }

// markStatus names the marked term for the status line.
func (c compareScreen) markStatus() string {
	if c.mark == "" || c.g == nil {
		return ""
	}
	t := c.g.Get(c.mark)
	if t == nil {
		return ""
	}
	return c.sh.styles.Filter.Render("marked: " + ansi.Truncate(safe.Line(t.DisplayTitle()), 24, "…"))
}

// inner is the width inside the frame.
func (c compareScreen) inner() int { return max(c.width-c.sh.styles.Box.GetHorizontalFrameSize(), 20) }

// want is the rendering the screen needs at its size.
func (c compareScreen) want() compareKey {
	k := compareKey{gen: c.gen, a: c.a.ID, b: c.b.ID, width: c.inner(), stacked: c.width < stackBelow, style: c.sh.styles.Glamour}
	if !k.stacked {
		k.width = (k.width - len(compareGap)) / 2
	}
	return k
}

// View draws the screen to fill width×height.
func (c compareScreen) View() string {
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
		start, end := c.page.window()
		lines = append(lines, c.lines[start:end]...)
	}
	return st.Box.Width(c.width).Height(c.height).MaxHeight(c.height).Render(strings.Join(lines, "\n"))
}

// setColumns lays the two columns out: side by side, the shorter padded,
// or one above the other.
func (c *compareScreen) setColumns(k compareKey, left, right []string) {
	c.key = k
	if k.stacked {
		c.lines = append(append(append([]string{}, left...), "", ""), right...)
		c.page.total = len(c.lines)
		c.page.clamp()
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
	c.page.total = len(c.lines)
	c.page.clamp()
}

// commands

// render renders the columns the screen needs, unless they are in hand
// or on their way.
func (c *compareScreen) render() tea.Cmd {
	if c.a == nil || c.width == 0 {
		return nil
	}
	k := c.want()
	if k == c.key || k == c.asked {
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
// Instructions framed as in the term pane.
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
	desc, err := r.Description(t)
	if err != nil {
		return nil, err
	}
	if desc != "" {
		lines = append(lines, "")
		lines = append(lines, strings.Split(desc, "\n")...)
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
