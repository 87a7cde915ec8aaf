package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

// problemsModel lists what went wrong while loading, one problem as
// path:line:col: severity: message, wrapped to the width.
type problemsModel struct {
	sh       *shared
	problems []model.Problem
	lines    []string
	offset   int
	width    int
	height   int
}

func newProblems(sh *shared, problems []model.Problem) problemsModel {
	return problemsModel{sh: sh, problems: problems}
}

func (p *problemsModel) setSize(w, h int) {
	if w != p.width {
		p.width = w
		p.wrap()
	}
	p.height = max(h, 1)
	p.clamp()
}

// wrap lays the problems out at the width, continuation lines indented.
func (p *problemsModel) wrap() {
	st := p.sh.styles
	inner := max(p.width-st.Box.GetHorizontalFrameSize(), 20)
	p.lines = p.lines[:0]
	for _, pr := range p.problems {
		text := safe.Line(pr.Error())
		wrapped := strings.Split(ansi.Wrap(text, inner-2, " /"), "\n")
		for i, l := range wrapped {
			if i > 0 {
				l = "  " + l
			}
			if pr.Severity == model.Error {
				l = st.Problems.Render(l)
			}
			p.lines = append(p.lines, l)
		}
	}
}

// rows is how many problem lines fit under the title.
func (p problemsModel) rows() int {
	return max(p.height-p.sh.styles.Box.GetVerticalFrameSize()-2, 1)
}

func (p *problemsModel) clamp() {
	p.offset = max(min(p.offset, len(p.lines)-p.rows()), 0)
}

// Update scrolls; esc and q are the root's, which closes the screen.
func (p problemsModel) Update(msg tea.Msg) (problemsModel, tea.Cmd) {
	p.offset = moved(p.sh.keys, msg, p.offset, p.rows(), 3, len(p.lines))
	p.clamp()
	return p, nil
}

// View draws the screen to fill width×height.
func (p problemsModel) View() string {
	st := p.sh.styles
	errs, warns := countProblems(p.problems)
	title := st.Title.Render("Problems found while loading") + st.Dim.Render(fmt.Sprintf("  %s, %s", english.Plural(errs, "error"), english.Plural(warns, "warning")))
	lines := []string{title, ""}
	end := min(p.offset+p.rows(), len(p.lines))
	lines = append(lines, p.lines[p.offset:end]...)
	return st.Box.Width(p.width).Height(p.height).MaxHeight(p.height).Render(strings.Join(lines, "\n"))
}

func countProblems(ps []model.Problem) (errs, warns int) {
	for _, p := range ps {
		if p.Severity == model.Error {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// helpScreen draws every key, one column per group, the columns flowing
// into rows when the window is narrow so that no key is ever cut off.
func helpScreen(sh *shared, width, height int) string {
	st := sh.styles
	h := sh.help
	titles := fullHelpTitles()
	inner := max(width-st.Box.GetHorizontalFrameSize(), 20)
	cols := make([]string, 0, len(titles))
	for i, group := range fullHelp(sh.keys) {
		col := h.FullHelpView([][]key.Binding{group})
		cols = append(cols, st.LinkLabel.Render(titles[i])+"\n"+col)
	}
	var rows []string
	var row []string
	used := 0
	for _, c := range cols {
		w := lipgloss.Width(c) + 4
		if used > 0 && used+w > inner {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(c))
		used += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	closes := fmt.Sprintf("   %s or %s closes", firstKey(sh.keys.Help), firstKey(sh.keys.Cancel))
	body := st.Title.Render("Keys") + st.Dim.Render(closes) + "\n\n" + strings.Join(rows, "\n\n") + "\n\n" +
		st.Dim.Render("In the tag picker: type to filter, tab toggles a tag, enter applies.")
	box := st.Box
	if lipgloss.Height(body)+box.GetVerticalFrameSize() > height {
		// Short windows get the keys without the frame rather than lose some.
		box = lipgloss.NewStyle().Padding(0, 1)
	}
	return box.Width(width).Height(height).MaxHeight(height).Render(body)
}
