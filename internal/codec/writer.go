package codec

import (
	"encoding/binary"
	"io"
	"math"
)

// A streaming Writer holds a run of runSize bytes, written out once it
// holds runFull: keeping a large encoding adds no copy of it in memory.
// A slice of at least bigRaw bytes is written out as it is, not copied.
const (
	runSize = 64 << 10
	runFull = 60 << 10
	bigRaw  = 4 << 10
)

// Writer writes an encoding: appended to a slice (NewWriter; the zero
// Writer appends to nil), or written to an io.Writer a run at a time
// (NewStreamWriter).
type Writer struct {
	b   []byte
	out io.Writer
	err error
}

// NewWriter is a Writer appending to b.
func NewWriter(b []byte) Writer { return Writer{b: b} }

// NewStreamWriter is a Writer writing to out in runs of 64 KB; Flush
// writes the last.
func NewStreamWriter(out io.Writer) Writer {
	return Writer{b: make([]byte, 0, runSize), out: out}
}

// Bytes is what a Writer appended, or what a streaming one holds and has
// not written out.
func (w *Writer) Bytes() []byte { return w.b }

// Reset empties what a Writer appended, to write again over the memory.
func (w *Writer) Reset() { w.b, w.err = w.b[:0], nil }

// Fail records err as the first error, for Err or Flush to give.
func (w *Writer) Fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// Err is the first write that failed, or the first error given to Fail.
func (w *Writer) Err() error { return w.err }

// Flush writes out what a streaming Writer holds; the error is Err's.
func (w *Writer) Flush() error {
	if w.out != nil {
		w.flush()
	}
	return w.err
}

func (w *Writer) flush() {
	if w.err == nil {
		_, w.err = w.out.Write(w.b)
	}
	w.b = w.b[:0]
}

// room writes the run out when it is full.
func (w *Writer) room() {
	if w.out != nil && len(w.b) >= runFull {
		w.flush()
	}
}

// Uint writes v as binary.AppendUvarint does.
func (w *Writer) Uint(v uint64) { w.room(); w.b = binary.AppendUvarint(w.b, v) }

// Int writes v as binary.AppendVarint does.
func (w *Writer) Int(v int64) { w.room(); w.b = binary.AppendVarint(w.b, v) }

// Byte writes c.
func (w *Writer) Byte(c byte) { w.room(); w.b = append(w.b, c) }

// Bool writes 1 for true, 0 for false, as Uint would.
func (w *Writer) Bool(b bool) {
	if b {
		w.Byte(1)
	} else {
		w.Byte(0)
	}
}

// Fixed16 writes v in two bytes, least significant first.
func (w *Writer) Fixed16(v uint16) { w.room(); w.b = binary.LittleEndian.AppendUint16(w.b, v) }

// Float32 writes x's bits in four bytes, least significant first.
func (w *Writer) Float32(x float32) {
	w.room()
	w.b = binary.LittleEndian.AppendUint32(w.b, math.Float32bits(x))
}

// Float64 writes x's bits in eight bytes, least significant first.
func (w *Writer) Float64(x float64) {
	w.room()
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(x))
}

// Str writes s's length, then s.
func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.Text(s)
}

// Text writes s, and nothing of its length; a streaming Writer copies a
// long one a run at a time.
func (w *Writer) Text(s string) {
	for w.out != nil && len(w.b)+len(s) > cap(w.b) {
		n := copy(w.b[len(w.b):cap(w.b)], s)
		w.b, s = w.b[:len(w.b)+n], s[n:]
		w.flush()
	}
	w.b = append(w.b, s...)
}

// Raw writes p, and nothing of its length; a streaming Writer writes a
// long one out as it is.
func (w *Writer) Raw(p []byte) {
	if w.out == nil || len(p) < bigRaw {
		w.room()
		w.b = append(w.b, p...)
		return
	}
	w.flush()
	if w.err == nil {
		_, w.err = w.out.Write(p)
	}
}

// Int32s writes a list: its length, then each number as Int.
func (w *Writer) Int32s(xs []int32) {
	w.Uint(uint64(len(xs)))
	for _, x := range xs {
		w.Int(int64(x))
	}
}
