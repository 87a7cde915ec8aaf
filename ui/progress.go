package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"taxo/model"
)

// Progress carries a load's progress to the browser while it runs: the
// loader reports to it (loader.Options.Progress and Terms take its Files
// and Terms methods) from its own goroutines, and the browser takes what
// has come in when it is ready to draw again, so a fast loader never
// waits for the screen.
type Progress struct {
	mu          sync.Mutex
	done, found int
	terms       []*model.Term
	news        chan struct{} // holds a token when there is something to take
	last        time.Time     // when the browser last took, to space the frames
}

// NewProgress makes a Progress for Options.Progress.
func NewProgress() *Progress { return &Progress{news: make(chan struct{}, 1)} }

// Files records that done files of the found so far have been read; it
// fits loader.Options.Progress.
func (p *Progress) Files(done, found int) {
	p.mu.Lock()
	p.done, p.found = done, found
	p.mu.Unlock()
	p.notify()
}

// Terms adds terms just parsed; it fits loader.Options.Terms.
func (p *Progress) Terms(batch []*model.Term) {
	p.mu.Lock()
	p.terms = append(p.terms, batch...)
	p.mu.Unlock()
	p.notify()
}

func (p *Progress) notify() {
	select {
	case p.news <- struct{}{}:
	default:
	}
}

// progressNews is what came in since the browser last took.
type progressNews struct {
	done, found int
	terms       []*model.Term
}

func (p *Progress) take() progressNews {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := progressNews{done: p.done, found: p.found, terms: p.terms}
	p.terms = nil
	return n
}

// progressEvery spaces the frames drawn for progress: a load sends news
// far more often than a screen needs it.
const progressEvery = 50 * time.Millisecond

// wait blocks until there is news, and no sooner than progressEvery after
// the last time it returned.
func (p *Progress) wait() {
	<-p.news
	if d := progressEvery - time.Since(p.last); d > 0 {
		time.Sleep(d)
	}
	p.last = time.Now()
}

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
