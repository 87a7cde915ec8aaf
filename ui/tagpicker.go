package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/prefs"
)

// pickerScreen picks the tags the list is filtered by: every tag with how
// many terms carry it, filtered as the user types. On a site it picks the
// terms the pages are filtered by instead: every term pages carry, of any
// taxonomy, with how many pages carry it, the most used first. Tab
// toggles a term, as in fzf, because space is part of what is typed: tag
// titles have spaces.
type pickerScreen struct {
	basic
	sh *shared
	g  *model.Graph

	text     *termText
	tags     []int32       // places of the tags (or the pages' terms) in text
	chosen   []*model.Term // toggled, in the order they were
	forPages bool          // picking for the Pages tab
	// For the pages, made once per graph: text of its terms, how many
	// pages carry each, and the places of those some page carries, the
	// most used first.
	gText      *model.Graph
	pagesText  *termText
	pageCounts []int32
	pageOrder  []int32

	input         textinput.Model
	items         []*model.Term
	places        []int32 // the place in text of each item
	cur           cursor  // over items, under the title and the input
	width, height int
}

func newPicker(sh *shared) pickerScreen {
	p := pickerScreen{sh: sh}
	p.input = textinput.New()
	p.input.Prompt = "› "
	p.input.Placeholder = "type to filter tags"
	p.input.SetStyles(sh.styles.Input)
	return p
}

// pickerMsg opens the picker on the list's terms (text), the tags in use
// toggled; or, forPages, on the terms the pages of g carry.
type pickerMsg struct {
	text     *termText
	g        *model.Graph
	current  []*model.Term
	forPages bool
}

func (pickerMsg) screen() mode { return modePicker }

// Update types into the filter, moves and toggles; enter applies the tags
// chosen, esc closes.
func (p pickerScreen) Update(msg tea.Msg) (pickerScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case pickerMsg:
		cmd = p.open(msg)
	case taxonomyMsg:
		p.g = msg.tx.Graph
	case sizeMsg:
		p.width, p.height = msg.width, max(msg.height, 1)
		p.cur.setHeight(p.height - p.sh.styles.Box.GetVerticalFrameSize() - 3)
		p.cur.moveTo(p.cur.at)
	case stylesMsg:
		p.input.SetStyles(p.sh.styles.Input)
	case tea.KeyPressMsg:
		cmd = p.handleKey(msg)
	default:
		cmd = p.typeText(msg)
	}
	return p, cmd
}

// open starts the picker over the tags of the list's terms, or the terms
// the pages carry.
func (p *pickerScreen) open(msg pickerMsg) tea.Cmd {
	p.forPages, p.chosen, p.tags = msg.forPages, slices.Clone(msg.current), p.tags[:0]
	if msg.forPages {
		p.openForPages(msg.g)
	} else {
		p.text = msg.text
		for i, t := range p.text.terms {
			if t.Kind == model.Tag && (t.Defined || !p.sh.reading) {
				p.tags = append(p.tags, int32(i))
			}
		}
	}
	p.input.Placeholder = "type to filter tags"
	if p.forPages {
		p.input.Placeholder = "type to filter terms"
	}
	p.input.SetValue("")
	p.filter()
	p.sh.tell(openMsg{to: modePicker})
	return p.input.Focus()
}

// keyMap is the key map as the picker reads it: the typing keys while it
// is open, letters being typed.
func (p pickerScreen) keyMap() prefs.KeyMap {
	keys := p.sh.keysWhile(p.input.Focused(), false)
	enable(&keys.Complete, false)
	return keys
}

func (p *pickerScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := p.keyMap()
	switch {
	case key.Matches(k, keys.Accept):
		p.input.Blur()
		if p.forPages {
			p.sh.tell(leftMsg{to: modePages})
			p.sh.tell(pagesTermsMsg{terms: p.result()})
		} else {
			p.sh.tell(tagsMsg{tags: p.result()})
		}
	case key.Matches(k, keys.Cancel):
		p.input.Blur()
		p.sh.tell(closeMsg{from: modePicker})
	case key.Matches(k, keys.Toggle):
		if t := p.highlighted(); t != nil {
			p.toggle(t)
			p.cur.moveTo(p.cur.at + 1)
		}
	case key.Matches(k, keys.InputUp):
		p.cur.moveTo(p.cur.at - 1)
	case key.Matches(k, keys.InputDown):
		p.cur.moveTo(p.cur.at + 1)
	default:
		// The page keys include letters, which are typed: only pgup and
		// pgdown page.
		switch k.String() {
		case "pgup":
			p.cur.moveTo(p.cur.at - p.cur.height)
		case "pgdown":
			p.cur.moveTo(p.cur.at + p.cur.height)
		default:
			return p.typeText(k)
		}
	}
	return nil
}

// typeText types into the filter and filters as it changes.
func (p *pickerScreen) typeText(msg tea.Msg) tea.Cmd {
	if !p.input.Focused() {
		return nil
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd
}

// filter keeps the tags that fit what is typed, best first.
func (p *pickerScreen) filter() {
	best, _ := p.text.match(newMatcher(p.input.Value()), p.tags)
	p.items, p.places = p.items[:0], best
	for _, i := range best {
		p.items = append(p.items, p.text.terms[i])
	}
	p.cur.total = len(p.items)
	p.cur.offset = 0
	p.cur.moveTo(0)
}

func (p pickerScreen) highlighted() *model.Term {
	if p.cur.at >= len(p.items) {
		return nil
	}
	return p.items[p.cur.at]
}

func (p pickerScreen) isChosen(t *model.Term) bool { return slices.Contains(p.chosen, t) }

func (p *pickerScreen) toggle(t *model.Term) {
	if i := slices.Index(p.chosen, t); i >= 0 {
		p.chosen = slices.Delete(p.chosen, i, i+1)
		return
	}
	p.chosen = append(p.chosen, t)
}

// result is what enter applies: the toggled tags, or else the highlighted one.
func (p pickerScreen) result() []*model.Term {
	if len(p.chosen) > 0 {
		return p.chosen
	}
	if t := p.highlighted(); t != nil {
		return []*model.Term{t}
	}
	return nil
}

// Help is the picker's help line.
func (p pickerScreen) Help() []key.Binding {
	k := p.keyMap()
	toggle := "toggle tag"
	if p.forPages {
		toggle = "toggle term"
	}
	return []key.Binding{brief(k.Toggle, toggle), brief(k.Accept, "apply"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "close")}
}

// View draws the picker to fill width×height.
func (p pickerScreen) View() string {
	st := p.sh.styles
	inner := max(p.width-st.Box.GetHorizontalFrameSize(), 10)
	name := "Filter by tags"
	if p.forPages {
		name = "Filter pages by terms"
	}
	title := st.Title.Render(name) + st.Dim.Render(fmt.Sprintf("  %d of %d", len(p.items), len(p.tags)))
	if len(p.chosen) > 0 {
		names := make([]string, len(p.chosen))
		for i, t := range p.chosen {
			names[i] = safe.Line(t.DisplayTitle())
		}
		title += st.Filter.Render("  ✓ " + strings.Join(names, " + "))
	}
	p.input.SetWidth(max(inner-4, 5))
	lines := []string{ansi.Truncate(title, inner, "…"), p.input.View(), ""}
	if len(p.items) == 0 {
		lines = append(lines, st.Dim.Render("No tag fits."))
		if p.forPages {
			lines[len(lines)-1] = st.Dim.Render("No term fits.")
		}
	}
	start, end := p.cur.window()
	for i := start; i < end; i++ {
		lines = append(lines, p.row(i, i == p.cur.at, inner))
	}
	return st.Box.Width(p.width).Height(p.height).MaxHeight(p.height).Render(strings.Join(lines, "\n"))
}

func (p pickerScreen) row(i int, cursor bool, width int) string {
	t := p.items[i]
	st := p.sh.styles
	check := "[ ]"
	if p.isChosen(t) {
		check = "[x]"
	}
	count := fmt.Sprint(p.count(i))
	name := safe.Line(t.DisplayTitle())
	if p.forPages {
		// Terms of every taxonomy: each says its own, as a category and
		// a tag may share a title.
		check += " " + kindMarker(t.Kind)
		count = t.Kind.Taxonomy() + "  " + count
	}
	if !t.Defined {
		name += p.sh.noFile()
	}
	room := max(width-ansi.StringWidth(check)-len(count)-4, 5)
	name = ansi.Truncate(name, room, "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(name), 0))
	mark := "  "
	if cursor {
		mark = "› "
	}
	if cursor {
		return st.Selected.Render(mark + check + " " + name + pad + " " + count)
	}
	nameStyle := st.Item
	if !t.Defined {
		nameStyle = st.Undefined
	}
	return mark + check + " " + nameStyle.Render(name) + pad + " " + st.Count.Render(count)
}

// openForPages takes the terms the pages of g carry, of every taxonomy,
// the most used first.
func (p *pickerScreen) openForPages(g *model.Graph) {
	if p.gText != g {
		p.pagesText, p.gText = newTermText(g.Terms()), g
		p.pageCounts, p.pageOrder = make([]int32, len(p.pagesText.terms)), nil
		for i, t := range p.pagesText.terms {
			if n := g.CountPages(t); n > 0 {
				p.pageCounts[i] = int32(n)
				p.pageOrder = append(p.pageOrder, int32(i))
			}
		}
		counts := p.pageCounts
		slices.SortStableFunc(p.pageOrder, func(a, b int32) int { return int(counts[b] - counts[a]) })
	}
	p.g, p.text = g, p.pagesText
	p.tags = append(p.tags, p.pageOrder...)
}

// count is how many pages carry the item i, or for the list how many
// terms it tags.
func (p pickerScreen) count(i int) int {
	if p.forPages {
		return int(p.pageCounts[p.places[i]])
	}
	return p.g.CountTaggedWith(p.items[i])
}
