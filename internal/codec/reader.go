package codec

import "math"

// Reader reads an encoding from a string or a byte slice; what it gives
// of it is cut from it, not copied.
type Reader[T string | []byte] struct {
	s   T
	bad bool
}

// NewReader is a Reader of s.
func NewReader[T string | []byte](s T) Reader[T] { return Reader[T]{s: s} }

// Len is how many bytes are left to read.
func (r *Reader[T]) Len() int { return len(r.s) }

// Bad says whether a read failed.
func (r *Reader[T]) Bad() bool { return r.bad }

// Fail makes r bad, as a read that failed does: every read after it
// gives zeros.
func (r *Reader[T]) Fail() { r.bad, r.s = true, r.s[:0] }

// Uint reads a number binary.AppendUvarint wrote.
func (r *Reader[T]) Uint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64 && len(r.s) > 0; shift += 7 {
		c := r.s[0]
		r.s = r.s[1:]
		if c < 0x80 {
			if shift == 63 && c > 1 {
				break // more than 64 bits
			}
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
	}
	r.bad, r.s = true, r.s[:0]
	return 0
}

// Int reads a number binary.AppendVarint wrote.
func (r *Reader[T]) Int() int64 { return zigzag(r.Uint()) }

// Bool reads what Writer.Bool wrote: true for 1.
func (r *Reader[T]) Bool() bool { return r.Uint() == 1 }

// Byte reads a byte.
func (r *Reader[T]) Byte() byte {
	if s := r.Next(1); len(s) > 0 {
		return s[0]
	}
	return 0
}

// Fixed16 reads what Writer.Fixed16 wrote.
func (r *Reader[T]) Fixed16() uint16 {
	if s := r.Next(2); len(s) > 0 {
		return le16(s)
	}
	return 0
}

// Float32 reads what Writer.Float32 wrote.
func (r *Reader[T]) Float32() float32 {
	if len(r.s) < 4 {
		r.bad, r.s = true, r.s[:0]
		return 0
	}
	v := le32(r.s)
	r.s = r.s[4:]
	return math.Float32frombits(v)
}

// Float64 reads what Writer.Float64 wrote.
func (r *Reader[T]) Float64() float64 {
	if s := r.Next(8); len(s) > 0 {
		return math.Float64frombits(le64(s))
	}
	return 0
}

// Count reads a number of items that take size bytes each at the least,
// bounded by what is left, so that a damaged one cannot ask for a huge
// slice.
func (r *Reader[T]) Count(size int) int {
	n := r.Uint()
	if n > uint64(len(r.s)/size) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Next reads n bytes.
func (r *Reader[T]) Next(n int) T {
	if n < 0 || n > len(r.s) {
		r.Fail()
		return r.s
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

// Str reads what Writer.Str wrote.
func (r *Reader[T]) Str() T {
	n := r.Count(1) // no more than are left
	s := r.s
	r.s = s[n:]
	return s[:n]
}

// Prefix reads p, which must be what comes next.
func (r *Reader[T]) Prefix(p string) bool {
	if len(r.s) < len(p) || string(r.s[:len(p)]) != p {
		r.Fail()
		return false
	}
	r.s = r.s[len(p):]
	return true
}
