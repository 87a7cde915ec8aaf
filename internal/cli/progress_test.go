package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer the report's goroutine can write while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor waits until the buffer holds want, or fails.
func waitFor(t *testing.T, out *lockedBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("the report never said %q; it wrote %q", want, out.String())
}

func TestLoadReportCountsThenClearsItsLine(t *testing.T) {
	out := &lockedBuffer{}
	r := reportLoad(out, 0, time.Millisecond)
	r.files(3, 10)
	waitFor(t, out, "\r\x1b[Ktaxo: read 3 of 10 files…")
	r.link(7)
	waitFor(t, out, "\r\x1b[Ktaxo: linking 7 terms…")
	r.stop()
	if got := out.String(); !strings.HasSuffix(got, "\r\x1b[K") {
		t.Fatalf("the line is not cleared at the end: %q", got)
	}
}

func TestLoadReportSaysNothingForAShortLoad(t *testing.T) {
	out := &lockedBuffer{}
	r := reportLoad(out, time.Hour, time.Millisecond)
	r.files(10, 10)
	r.stop()
	if got := out.String(); got != "" {
		t.Fatalf("a load shorter than the delay wrote %q", got)
	}
}
