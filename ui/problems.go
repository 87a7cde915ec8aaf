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

// problemsScreen lists what went wrong while loading, one problem as
// path:line:col: severity: message, wrapped to the width.
type problemsScreen struct {
	basic
	sh       *shared
	problems []model.Problem
	partial  bool // the first load runs: its problems are not known yet
	lines    []string
	page     pager // over lines, under the title

	width, height int
}

// problemsMsg opens the screen, or says why there is nothing to show.
type problemsMsg struct{}

func (problemsMsg) screen() mode { return modeProblems }

// Update scrolls, closes, and takes the problems of each taxonomy.
func (p problemsScreen) Update(msg tea.Msg) (problemsScreen, tea.Cmd) {
	keys := p.sh.keys
	switch msg := msg.(type) {
	case problemsMsg:
		switch {
		case p.partial:
			p.sh.tell(statusMsg{text: "The problems are listed once every file is read."})
		case len(p.problems) == 0:
			p.sh.tell(statusMsg{text: "No problems were found while loading."})
		default:
			p.sh.tell(openMsg{to: modeProblems})
		}
	case taxonomyMsg:
		p.partial, p.problems = msg.partial, nil
		if !msg.partial {
			p.problems = msg.tx.Problems()
		}
		p.wrap()
	case sizeMsg:
		if msg.width != p.width {
			p.width = msg.width
			p.wrap()
		}
		p.height = max(msg.height, 1)
		p.page.setHeight(p.height - p.sh.styles.Box.GetVerticalFrameSize() - 2)
		p.page.clamp()
	case tea.KeyPressMsg:
		if key.Matches(msg, keys.Cancel, keys.Quit, keys.Problems) || msg.String() == "backspace" {
			p.sh.tell(closeMsg{from: modeProblems})
			return p, nil
		}
		p.page.scrollTo(moved(keys, msg, p.page.offset, p.page.height, 3, len(p.lines)))
	case tea.MouseWheelMsg:
		p.page.scrollTo(moved(keys, msg, p.page.offset, p.page.height, 3, len(p.lines)))
	}
	return p, nil
}

// count is how many problems the load found, for the status line.
func (p problemsScreen) count() int { return len(p.problems) }

// wrap lays the problems out at the width, continuation lines indented.
func (p *problemsScreen) wrap() {
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
	p.page.total = len(p.lines)
	p.page.clamp()
}

// Help is the help line of a screen that scrolls and closes.
func (p problemsScreen) Help() []key.Binding { return closeHelp(p.sh.keys) }

// View draws the screen to fill width×height.
func (p problemsScreen) View() string {
	st := p.sh.styles
	errs, warns := countProblems(p.problems)
	title := st.Title.Render("Problems found while loading") + st.Dim.Render(fmt.Sprintf("  %s, %s", english.Plural(errs, "error"), english.Plural(warns, "warning")))
	lines := []string{title, ""}
	start, end := p.page.window()
	lines = append(lines, p.lines[start:end]...)
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
