package codec

import (
	"encoding/binary"
	"io"
	"math"
	"strings"
)

// StreamReader reads an encoding from an io.Reader holding a known number
// of bytes, through a window of 64 KB: the encoding is never all in
// memory beside what it decodes to. The strings and slices it gives are
// copies.
type StreamReader struct {
	src  io.Reader
	buf  []byte // the window
	b    []byte // what the window holds that is not read yet
	left int    // how many bytes src holds past the window
	bad  bool
}

// NewStreamReader is a StreamReader of the n bytes src holds.
func NewStreamReader(src io.Reader, n int) *StreamReader {
	return newStreamReader(src, n, runSize)
}

// newStreamReader is a StreamReader with a window of size bytes, at least
// binary.MaxVarintLen64.
func newStreamReader(src io.Reader, n, size int) *StreamReader {
	return &StreamReader{src: src, buf: make([]byte, size), left: n}
}

// Len is how many bytes are left to read.
func (r *StreamReader) Len() int { return len(r.b) + r.left }

// Bad says whether a read failed.
func (r *StreamReader) Bad() bool { return r.bad }

// Fail makes r bad, as a read that failed does: every read after it
// gives zeros.
func (r *StreamReader) Fail() { r.bad, r.b, r.left = true, nil, 0 }

// fill moves what the window holds to its start and reads after it as
// much as it holds.
func (r *StreamReader) fill() {
	n := copy(r.buf, r.b)
	m := min(len(r.buf)-n, r.left)
	if _, err := io.ReadFull(r.src, r.buf[n:n+m]); err != nil {
		r.Fail()
		return
	}
	r.b, r.left = r.buf[:n+m], r.left-m
}

// next reads n bytes, no more than the window holds, from the window.
func (r *StreamReader) next(n int) []byte {
	if len(r.b) < n && r.left > 0 {
		r.fill()
	}
	if len(r.b) < n {
		r.Fail()
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

// Uint reads a number binary.AppendUvarint wrote.
func (r *StreamReader) Uint() uint64 {
	if len(r.b) < binary.MaxVarintLen64 && r.left > 0 {
		r.fill()
	}
	x, n := uvarint(r.b)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

// Int reads a number binary.AppendVarint wrote.
func (r *StreamReader) Int() int64 { return zigzag(r.Uint()) }

// Fixed16 reads what Writer.Fixed16 wrote.
func (r *StreamReader) Fixed16() uint16 {
	if p := r.next(2); p != nil {
		return le16(p)
	}
	return 0
}

// Float64 reads what Writer.Float64 wrote.
func (r *StreamReader) Float64() float64 {
	if p := r.next(8); p != nil {
		return math.Float64frombits(le64(p))
	}
	return 0
}

// Count reads a number of items that take size bytes each at the least,
// bounded by what is left, so that a damaged one cannot ask for a huge
// slice.
func (r *StreamReader) Count(size int) int {
	n := r.Uint()
	if n > uint64(r.Len()/size) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Span reads n bytes into a slice of their own.
func (r *StreamReader) Span(n int) []byte {
	if n < 0 || n > r.Len() {
		r.Fail()
		return nil
	}
	p := make([]byte, n)
	k := copy(p, r.b)
	r.b = r.b[k:]
	if k < n {
		if _, err := io.ReadFull(r.src, p[k:]); err != nil {
			r.Fail()
			return nil
		}
		r.left -= n - k
	}
	return p
}

// Str reads what Writer.Str wrote.
func (r *StreamReader) Str() string {
	n := r.Count(1)
	if n <= len(r.b) {
		s := string(r.b[:n])
		r.b = r.b[n:]
		return s
	}
	return string(r.Span(n))
}

// Strs reads a list of strings, its length then each as Writer.Str
// wrote it, into one copy they are cut from.
func (r *StreamReader) Strs() []string {
	sizes := make([]int, r.Count(1))
	var all strings.Builder
	for i := range sizes {
		sizes[i] = r.Count(1)
		for n := sizes[i]; n > 0 && !r.bad; {
			p := r.next(min(n, max(len(r.b), 1)))
			all.Write(p)
			n -= len(p)
		}
	}
	if r.bad {
		return nil
	}
	joined := all.String()
	ss := make([]string, len(sizes))
	for i, size := range sizes {
		ss[i], joined = joined[:size], joined[size:]
	}
	return ss
}

// Int32s reads what Writer.Int32s wrote; a number that does not fit in
// an int32 makes r bad.
func (r *StreamReader) Int32s() []int32 {
	xs := make([]int32, r.Count(1))
	for i := range xs {
		v := r.Int()
		if v < math.MinInt32 || v > math.MaxInt32 {
			r.Fail()
		}
		xs[i] = int32(v)
	}
	return xs
}
