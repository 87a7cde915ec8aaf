package codec

import (
	"bytes"
	"fmt"
	"math"
	"testing"
	"testing/iotest"
)

// FuzzReaders: whatever the bytes, reading them never panics; a Reader
// and a StreamReader (with a small window, its source read a byte at a
// time) read the same values, fail at the same read, and once bad stay
// bad, giving zeros.
func FuzzReaders(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 13}, encodingBinary()[:300])
	f.Add([]byte{7, 5, 5}, []byte("\x02\x03abc\x01x"))
	f.Add([]byte{0, 0}, []byte("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x80"))
	f.Fuzz(func(t *testing.T, ops, data []byte) {
		r := NewReader(string(data))
		sr := newStreamReader(iotest.OneByteReader(bytes.NewReader(data)), len(data), 16)
		for i, op := range ops {
			wasBad := r.Bad()
			a, b := readBoth(&r, sr, op)
			if a != b || r.Bad() != sr.Bad() || r.Len() != sr.Len() {
				t.Fatalf("op %d (%d): %v and %v, bad %v and %v, %d and %d left", i, op, a, b, r.Bad(), sr.Bad(), r.Len(), sr.Len())
			}
			if wasBad && (!r.Bad() || a != "" && a != "0" && a != "[]" && a != "<nil>") {
				t.Fatalf("op %d (%d): %q read after a failure", i, op, a)
			}
		}
	})
}

// readBoth makes the read op says of r and sr, and gives what each read,
// printed.
func readBoth(r *Reader[string], sr *StreamReader, op byte) (string, string) {
	show := func(v any) string { return fmt.Sprint(v) }
	switch op % 8 {
	case 0:
		return show(r.Uint()), show(sr.Uint())
	case 1:
		return show(r.Int()), show(sr.Int())
	case 2:
		return show(r.Fixed16()), show(sr.Fixed16())
	case 3:
		return show(math.Float64bits(r.Float64())), show(math.Float64bits(sr.Float64()))
	case 4:
		size := int(op/8%4) + 1
		return show(r.Count(size)), show(sr.Count(size))
	case 5:
		return r.Str(), sr.Str()
	case 6:
		n := int(op / 8)
		return r.Next(n), string(sr.Span(n))
	default:
		return fmt.Sprintf("%q", readerStrs(r)), fmt.Sprintf("%q", sr.Strs())
	}
}

// readerStrs is StreamReader.Strs for a Reader.
func readerStrs(r *Reader[string]) []string {
	ss := make([]string, r.Count(1))
	for i := range ss {
		ss[i] = r.Str()
	}
	if r.Bad() {
		return nil
	}
	return ss
}
