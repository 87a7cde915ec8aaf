package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// progressScreen is the first load before any term is read: "Loading…"
// and a bar of the files read of those found so far, in the middle of the
// window. It keeps the keys typed meanwhile, which go to the screens once
// there is something to show. The bar shows on the status line too, while
// the first load reads on and while a reload runs.
type progressScreen struct {
	basic
	sh          *shared
	done, found int // files of the load in progress; found is 0 for none
	early       []tea.KeyPressMsg
}

func newProgress(sh *shared) progressScreen { return progressScreen{sh: sh} }

// progressMsg says how far the load in progress has got; found is 0 when
// none runs.
type progressMsg struct{ done, found int }

// replayMsg gives the screens a key typed before there was anything to
// show.
type replayMsg struct{ key tea.KeyPressMsg }

// Update keeps the keys typed while nothing is shown: q quits at once
// unless it may be a letter of a filter typed ahead. Once the first terms
// are shown it hands the keys back to the root, in order.
func (p progressScreen) Update(msg tea.Msg) (progressScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case progressMsg:
		p.done, p.found = msg.done, msg.found
	case taxonomyMsg:
		for _, k := range p.early {
			p.sh.tell(replayMsg{key: k})
		}
		p.early = nil
	case tea.KeyPressMsg:
		if key.Matches(msg, p.sh.keys.Quit) && len(p.early) == 0 {
			return p, tea.Quit
		}
		p.early = append(p.early, msg)
	}
	return p, nil
}

// Help is nothing: the window is the loading screen alone.
func (p progressScreen) Help() []key.Binding { return nil }

// View draws "Loading…" and the bar in the middle of the window.
func (p progressScreen) View() string {
	msg := p.sh.styles.Dim.Render("Loading " + p.sh.source + "…")
	if bar := p.bar(min(p.sh.width-4, 60)); bar != "" {
		msg = lipgloss.JoinVertical(lipgloss.Center, msg, "", bar)
	}
	return lipgloss.Place(p.sh.width, p.sh.height, lipgloss.Center, lipgloss.Center, msg)
}

// bar draws the bar and the count of files read, in width columns; "" when
// no load runs.
func (p progressScreen) bar(width int) string {
	if p.found == 0 {
		return ""
	}
	text := fmt.Sprintf(" %s of %s files", thousands(p.done), thousands(p.found))
	bar := progress.New(progress.WithFillCharacters('█', '░'), progress.WithoutPercentage(),
		progress.WithWidth(max(min(width-len(text), 30), 5)))
	bar.FullColor, bar.EmptyColor = p.sh.styles.BarFull, p.sh.styles.BarEmpty
	return bar.ViewAs(float64(p.done)/float64(p.found)) + p.sh.styles.Status.Render(text)
}

// thousands writes n with commas between the thousands.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
