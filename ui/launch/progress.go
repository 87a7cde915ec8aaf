package launch

import (
	"sync"
	"time"

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

// News is what came in since the browser last took.
type News struct {
	Done, Found int
	Terms       []*model.Term
}

// Take returns what came in since the last Take.
func (p *Progress) Take() News {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := News{Done: p.done, Found: p.found, Terms: p.terms}
	p.terms = nil
	return n
}

// every spaces the frames drawn for progress: a load sends news far more
// often than a screen needs it.
const every = 50 * time.Millisecond

// Wait blocks until there is news, and no sooner than 50 ms after the last
// time it returned.
func (p *Progress) Wait() {
	<-p.news
	if d := every - time.Since(p.last); d > 0 {
		time.Sleep(d)
	}
	p.last = time.Now()
}
