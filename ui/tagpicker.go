package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
)

// tagPickerModel picks the tags the list is filtered by: every tag with how
// many terms carry it, filtered as the user types. Tab toggles a tag, as in
// fzf, because space is part of what is typed: tag titles have spaces.
type tagPickerModel struct {
	sh *shared
	g  *model.Graph

	text   *termText
	tags   []int32       // places of the tags in text
	chosen []*model.Term // toggled, in the order they were

	input          textinput.Model
	items          []*model.Term
	cursor, offset int
	width, height  int
}

func newTagPicker(sh *shared, g *model.Graph, text *termText, current []*model.Term) tagPickerModel {
	p := tagPickerModel{sh: sh, g: g, text: text, chosen: slices.Clone(current)}
	for i, t := range text.terms {
		if t.Kind == model.Tag && (t.Defined || !sh.reading) {
			p.tags = append(p.tags, int32(i))
		}
	}
	p.input = textinput.New()
	p.input.Prompt = "› "
	p.input.Placeholder = "type to filter tags"
	p.input.SetStyles(sh.styles.Input)
	p.input.Focus()
	p.filter()
	return p
}

// filter keeps the tags that fit what is typed, best first.
func (p *tagPickerModel) filter() {
	best, _ := p.text.match(newMatcher(p.input.Value()), p.tags)
	p.items = p.items[:0]
	for _, i := range best {
		p.items = append(p.items, p.text.terms[i])
	}
	p.cursor, p.offset = 0, 0
}

func (p *tagPickerModel) setSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clamp()
}

func (p *tagPickerModel) clamp() {
	p.cursor = max(min(p.cursor, len(p.items)-1), 0)
	rows := p.rows()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+rows {
		p.offset = p.cursor - rows + 1
	}
}

// rows is how many tags fit under the title and the input.
func (p tagPickerModel) rows() int { return max(p.height-3, 1) }

func (p tagPickerModel) highlighted() *model.Term {
	if p.cursor >= len(p.items) {
		return nil
	}
	return p.items[p.cursor]
}

func (p tagPickerModel) isChosen(t *model.Term) bool { return slices.Contains(p.chosen, t) }

func (p *tagPickerModel) toggle(t *model.Term) {
	if i := slices.Index(p.chosen, t); i >= 0 {
		p.chosen = slices.Delete(p.chosen, i, i+1)
		return
	}
	p.chosen = append(p.chosen, t)
}

// result is what enter applies: the toggled tags, or else the highlighted one.
func (p tagPickerModel) result() []*model.Term {
	if len(p.chosen) > 0 {
		return p.chosen
	}
	if t := p.highlighted(); t != nil {
		return []*model.Term{t}
	}
	return nil
}

// Update types into the filter, moves and toggles; enter and esc are the
// root's, which closes the picker.
func (p tagPickerModel) Update(msg tea.Msg) (tagPickerModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := p.sh.keys
		switch {
		case key.Matches(k, keys.Toggle):
			if t := p.highlighted(); t != nil {
				p.toggle(t)
				p.cursor++
				p.clamp()
			}
			return p, nil
		case key.Matches(k, keys.InputUp):
			p.cursor--
			p.clamp()
			return p, nil
		case key.Matches(k, keys.InputDown):
			p.cursor++
			p.clamp()
			return p, nil
		case k.String() == "pgup":
			p.cursor -= p.rows()
			p.clamp()
			return p, nil
		case k.String() == "pgdown":
			p.cursor += p.rows()
			p.clamp()
			return p, nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return p, cmd
}

// View draws the picker to fill width×height.
func (p tagPickerModel) View() string {
	st := p.sh.styles
	inner := max(p.width-st.Box.GetHorizontalFrameSize(), 10)
	title := st.Title.Render("Filter by tags") + st.Dim.Render(fmt.Sprintf("  %d of %d", len(p.items), len(p.tags)))
	if len(p.chosen) > 0 {
		names := make([]string, len(p.chosen))
		for i, t := range p.chosen {
			names[i] = safe.Line(t.DisplayTitle())
		}
		title += st.Filter.Render("  ✓ " + strings.Join(names, " + "))
	}
	p.input.SetWidth(max(inner-4, 5))
	lines := []string{ansi.Truncate(title, inner, "…"), p.input.View(), ""}
	rows := max(p.height-st.Box.GetVerticalFrameSize()-len(lines), 1)
	if len(p.items) == 0 {
		lines = append(lines, st.Dim.Render("No tag fits."))
	}
	offset := max(min(p.offset, len(p.items)-rows), 0)
	if p.cursor >= offset+rows {
		offset = p.cursor - rows + 1
	}
	for i := offset; i < len(p.items) && i < offset+rows; i++ {
		lines = append(lines, p.row(p.items[i], i == p.cursor, inner))
	}
	body := strings.Join(lines, "\n")
	return st.Box.Width(p.width).Height(p.height).MaxHeight(p.height).Render(body)
}

func (p tagPickerModel) row(t *model.Term, cursor bool, width int) string {
	st := p.sh.styles
	check := "[ ]"
	if p.isChosen(t) {
		check = "[x]"
	}
	count := fmt.Sprint(p.g.CountTaggedWith(t))
	name := safe.Line(t.DisplayTitle())
	if !t.Defined {
		name += p.sh.noFile()
	}
	room := max(width-len(check)-len(count)-4, 5)
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

// center places a box in the middle of a width×height area.
func center(box string, width, height int) string {
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
