package codec

import (
	"encoding/binary"
	"math"
)

// Writer appends an encoding to a slice; the zero Writer appends to nil.
// Its methods are small enough to be inlined where they are called.
type Writer struct{ b []byte }

// NewWriter is a Writer appending to b.
func NewWriter(b []byte) Writer { return Writer{b: b} }

// Bytes is what was appended.
func (w *Writer) Bytes() []byte { return w.b }

// Reset empties what was appended, to append again over the memory.
func (w *Writer) Reset() { w.b = w.b[:0] }

// Uint appends v as binary.AppendUvarint does.
func (w *Writer) Uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

// Int appends v as binary.AppendVarint does.
func (w *Writer) Int(v int64) { w.b = binary.AppendVarint(w.b, v) }

// Byte appends c.
func (w *Writer) Byte(c byte) { w.b = append(w.b, c) }

// Bool appends 1 for true, 0 for false, as Uint would.
func (w *Writer) Bool(b bool) {
	if b {
		w.Byte(1)
	} else {
		w.Byte(0)
	}
}

// Fixed16 appends v in two bytes, least significant first.
func (w *Writer) Fixed16(v uint16) { w.b = binary.LittleEndian.AppendUint16(w.b, v) }

// Float32 appends x's bits in four bytes, least significant first.
func (w *Writer) Float32(x float32) { w.b = binary.LittleEndian.AppendUint32(w.b, math.Float32bits(x)) }

// Float64 appends x's bits in eight bytes, least significant first.
func (w *Writer) Float64(x float64) { w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(x)) }

// Str appends s's length, then s.
func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// Raw appends p, and nothing of its length.
func (w *Writer) Raw(p []byte) { w.b = append(w.b, p...) }
