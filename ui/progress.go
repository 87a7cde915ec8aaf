package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

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

// loadProgressMsg says a load has news to take from Options.Progress.
type loadProgressMsg struct{}

// partialGraphMsg brings the graph of the terms read so far, built while
// the first load goes on.
type partialGraphMsg struct {
	tx    *model.Taxonomy
	terms int // how many it was built from
}

// commands

// waitForProgress waits for the load's next news.
func (m Model) waitForProgress() tea.Cmd {
	p := m.opts.Progress
	if p == nil {
		return nil
	}
	return func() tea.Msg {
		p.wait()
		return loadProgressMsg{}
	}
}

// buildPartial links the terms read so far into a graph, away from the
// screen's goroutine.
func buildPartial(terms []*model.Term) tea.Cmd {
	return func() tea.Msg {
		return partialGraphMsg{tx: model.NewTaxonomy("", terms, nil), terms: len(terms)}
	}
}

// handleProgress takes the load's news. While the first load runs, the
// terms read so far are shown: the list fills as they come, and the graph
// of them is built again in the background each time they have doubled,
// so that the work stays in proportion to the taxonomy and every key has
// something to act on. A reload shows only its progress.
func (m *Model) handleProgress() tea.Cmd {
	news := m.opts.Progress.take()
	m.loadDone, m.loadFound = news.done, news.found
	if m.tx != nil && !m.partial {
		return m.waitForProgress()
	}
	for _, t := range news.terms {
		// Both layouts of one slug come as two terms; the first stands
		// for both until the load merges them.
		if _, dup := m.partialIDs[t.ID]; !dup {
			m.partialIDs[t.ID] = struct{}{}
			m.partialTerms = append(m.partialTerms, t)
		}
	}
	return tea.Batch(m.waitForProgress(), m.maybeBuildPartial())
}

// maybeBuildPartial starts building the graph of the terms read so far
// when there are twice as many as in the last one and no build is running.
func (m *Model) maybeBuildPartial() tea.Cmd {
	n := len(m.partialTerms)
	if m.building || n == 0 || n < 2*m.partialBuilt {
		return nil
	}
	m.building = true
	return buildPartial(m.partialTerms[:n:n])
}

func (m *Model) handlePartialGraph(msg partialGraphMsg) tea.Cmd {
	m.building = false
	if m.tx != nil && !m.partial {
		return nil // the whole taxonomy is in already
	}
	m.partial, m.partialBuilt = true, msg.terms
	m.sh.reading = true
	cmd := m.showTaxonomy(msg.tx, true)
	return tea.Batch(cmd, m.maybeBuildPartial())
}

// loadingProgress is how far the load in progress has got, for the bar.
func (m Model) loadingProgress() (float64, bool) {
	if m.loadFound == 0 || !(m.tx == nil || m.partial || m.loading) {
		return 0, false
	}
	return float64(m.loadDone) / float64(m.loadFound), true
}

// progressView draws the bar and the count of files read, in width columns.
func (m Model) progressView(width int) string {
	frac, ok := m.loadingProgress()
	if !ok {
		return ""
	}
	text := fmt.Sprintf(" %s of %s files", thousands(m.loadDone), thousands(m.loadFound))
	bar := progress.New(progress.WithFillCharacters('█', '░'), progress.WithoutPercentage(),
		progress.WithWidth(max(min(width-len(text), 30), 5)))
	bar.FullColor, bar.EmptyColor = m.sh.styles.BarFull, m.sh.styles.BarEmpty
	return bar.ViewAs(frac) + m.sh.styles.Status.Render(text)
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
