package cli

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Loads shorter than progressAfter say nothing; longer ones redraw their
// line every progressEvery.
const (
	progressAfter = time.Second
	progressEvery = 100 * time.Millisecond
)

// loadReport tells a terminal how a long load is going, on one line that
// it clears when the load is over, so that what the command prints after
// is not mixed with it.
type loadReport struct {
	w            io.Writer
	done, found  atomic.Int64
	linking      atomic.Int64 // terms being linked, once every file is read
	quit         chan struct{}
	finished     sync.WaitGroup
	after, every time.Duration
}

// reportLoad starts reporting a load on w once it has taken longer than
// after; stop ends it.
func reportLoad(w io.Writer, after, every time.Duration) *loadReport {
	r := &loadReport{w: w, quit: make(chan struct{}), after: after, every: every}
	r.finished.Go(r.run)
	return r
}

// files fits loader.Options.Progress.
func (r *loadReport) files(done, found int) {
	r.done.Store(int64(done))
	r.found.Store(int64(found))
}

// link says that every file is read and n terms are being linked.
func (r *loadReport) link(n int) { r.linking.Store(int64(n)) }

// stop clears the line, if one was written, and returns once it is.
func (r *loadReport) stop() {
	close(r.quit)
	r.finished.Wait()
}

func (r *loadReport) run() {
	select {
	case <-r.quit:
		return
	case <-time.After(r.after):
	}
	tick := time.NewTicker(r.every)
	defer tick.Stop()
	for {
		r.draw()
		select {
		case <-r.quit:
			fmt.Fprint(r.w, "\r\x1b[K")
			return
		case <-tick.C:
		}
	}
}

func (r *loadReport) draw() {
	if n := r.linking.Load(); n > 0 {
		fmt.Fprintf(r.w, "\r\x1b[Ktaxo: linking %d terms…", n)
		return
	}
	fmt.Fprintf(r.w, "\r\x1b[Ktaxo: read %d of %d files…", r.done.Load(), r.found.Load())
}
