package codec

import "io"

// A StreamWriter holds a run of runSize bytes, written out once it holds
// runFull: keeping a large encoding adds no copy of it in memory. A slice
// of at least bigRaw bytes is written out as it is, not copied.
const (
	runSize = 64 << 10
	runFull = 60 << 10
	bigRaw  = 4 << 10
)

// StreamWriter writes an encoding to an io.Writer a run at a time, or,
// without one, appends it as a Writer does; each write checks whether
// the run is full.
type StreamWriter struct {
	w   Writer
	out io.Writer
	err error
}

// NewStreamWriter is a StreamWriter writing to out, in runs of 64 KB, what
// it appends to b; with a nil out it appends to b alone.
func NewStreamWriter(out io.Writer, b []byte) StreamWriter {
	if out != nil && b == nil {
		b = make([]byte, 0, runSize)
	}
	return StreamWriter{w: NewWriter(b), out: out}
}

// Bytes is what was appended and not written out.
func (w *StreamWriter) Bytes() []byte { return w.w.b }

// Fail records err as the first error, for Err or Flush to give.
func (w *StreamWriter) Fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// Err is the first write that failed, or the first error given to Fail.
func (w *StreamWriter) Err() error { return w.err }

// Flush writes out what is left of the run; the error is Err's.
func (w *StreamWriter) Flush() error {
	if w.out != nil {
		w.flush()
	}
	return w.err
}

func (w *StreamWriter) flush() {
	if w.err == nil {
		_, w.err = w.out.Write(w.w.b)
	}
	w.w.Reset()
}

// room writes the run out when it is full.
func (w *StreamWriter) room() {
	if w.out != nil && len(w.w.b) >= runFull {
		w.flush()
	}
}

// Uint writes v as Writer.Uint does.
func (w *StreamWriter) Uint(v uint64) { w.room(); w.w.Uint(v) }

// Int writes v as Writer.Int does.
func (w *StreamWriter) Int(v int64) { w.room(); w.w.Int(v) }

// Bool writes b as Writer.Bool does.
func (w *StreamWriter) Bool(b bool) { w.room(); w.w.Bool(b) }

// Fixed16 writes v as Writer.Fixed16 does.
func (w *StreamWriter) Fixed16(v uint16) { w.room(); w.w.Fixed16(v) }

// Float32 writes x as Writer.Float32 does.
func (w *StreamWriter) Float32(x float32) { w.room(); w.w.Float32(x) }

// Float64 writes x as Writer.Float64 does.
func (w *StreamWriter) Float64(x float64) { w.room(); w.w.Float64(x) }

// Str writes s's length, then s.
func (w *StreamWriter) Str(s string) {
	w.Uint(uint64(len(s)))
	if w.out != nil && len(w.w.b)+len(s) > cap(w.w.b) {
		w.Text(s)
		return
	}
	w.w.b = append(w.w.b, s...)
}

// Text writes s, and nothing of its length; a long one is copied a run
// at a time.
func (w *StreamWriter) Text(s string) {
	b := &w.w.b
	for w.out != nil && len(*b)+len(s) > cap(*b) {
		n := copy((*b)[len(*b):cap(*b)], s)
		*b, s = (*b)[:len(*b)+n], s[n:]
		w.flush()
	}
	*b = append(*b, s...)
}

// Raw writes p, and nothing of its length; a long one is written out as
// it is.
func (w *StreamWriter) Raw(p []byte) {
	if w.out == nil || len(p) < bigRaw {
		w.room()
		w.w.Raw(p)
		return
	}
	w.flush()
	if w.err == nil {
		_, w.err = w.out.Write(p)
	}
}

// Int32s writes a list: its length, then each number as Int.
func (w *StreamWriter) Int32s(xs []int32) {
	w.Uint(uint64(len(xs)))
	for _, x := range xs {
		w.Int(int64(x))
	}
}
