package codec

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// values are numbers and strings of every size the encodings hold.
var (
	uints  = []uint64{0, 1, 127, 128, 300, 1 << 32, math.MaxUint64}
	ints   = []int64{0, 1, -1, 63, -64, 64, math.MinInt64, math.MaxInt64}
	int32s = []int32{0, -5, 7, math.MaxInt32, math.MinInt32}
	strs   = []string{"", "a", "sourdough", strings.Repeat("long ", 30000)}
)

// writeAll writes every value, each kind in turn.
func writeAll(w *StreamWriter) {
	for _, v := range uints {
		w.Uint(v)
	}
	for _, v := range ints {
		w.Int(v)
	}
	w.Bool(true)
	w.Bool(false)
	w.Fixed16(0xbeef)
	w.Float32(1.5)
	w.Float64(-2.25)
	for _, s := range strs {
		w.Str(s)
	}
	w.Int32s(int32s)
	w.Raw(bytes.Repeat([]byte{9}, 5000))
}

// encodingBinary is what writeAll writes, as encoding/binary writes it.
func encodingBinary() []byte {
	var b []byte
	for _, v := range uints {
		b = binary.AppendUvarint(b, v)
	}
	for _, v := range ints {
		b = binary.AppendVarint(b, v)
	}
	b = append(b, 1, 0)
	b = binary.LittleEndian.AppendUint16(b, 0xbeef)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(1.5))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(-2.25))
	for _, s := range strs {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(int32s)))
	for _, v := range int32s {
		b = binary.AppendVarint(b, int64(v))
	}
	return append(b, bytes.Repeat([]byte{9}, 5000)...)
}

// TestWriters: appended, streamed in runs, or hashed, the bytes are
// encoding/binary's.
func TestWriters(t *testing.T) {
	want := encodingBinary()
	appended := NewStreamWriter(nil, nil)
	writeAll(&appended)
	if !bytes.Equal(appended.Bytes(), want) {
		t.Error("appended, the bytes are not encoding/binary's")
	}
	var out bytes.Buffer
	streamed := NewStreamWriter(&out, nil)
	writeAll(&streamed)
	if err := streamed.Flush(); err != nil || !bytes.Equal(out.Bytes(), want) {
		t.Errorf("streamed, the bytes are not encoding/binary's (%v)", err)
	}
	var plain Writer
	for _, v := range uints {
		plain.Uint(v)
	}
	if !bytes.Equal(plain.Bytes(), want[:len(plain.Bytes())]) {
		t.Error("a Writer's bytes are not encoding/binary's")
	}
	h := NewHasher()
	writeAll(&h.StreamWriter)
	if h.Sum() != sha256.Sum256(want) {
		t.Error("the hash is not of encoding/binary's bytes")
	}
}

// TestReaders: a Reader and a StreamReader (with a small window, its
// source read a byte at a time) read back what was written, to its end.
func TestReaders(t *testing.T) {
	data := encodingBinary()
	r := NewReader(string(data))
	sr := newStreamReader(iotest.OneByteReader(bytes.NewReader(data)), len(data), 16)
	for _, v := range uints {
		if a, b := r.Uint(), sr.Uint(); a != v || b != v {
			t.Errorf("Uint %d, %d; want %d", a, b, v)
		}
	}
	for _, v := range ints {
		if a, b := r.Int(), sr.Int(); a != v || b != v {
			t.Errorf("Int %d, %d; want %d", a, b, v)
		}
	}
	if !r.Bool() || r.Bool() || sr.Uint() != 1 || sr.Uint() != 0 {
		t.Error("the bools are not read back")
	}
	if a, b := r.Fixed16(), sr.Fixed16(); a != 0xbeef || b != 0xbeef {
		t.Errorf("Fixed16 %x, %x", a, b)
	}
	if a, b := r.Float32(), sr.Span(4); a != 1.5 || math.Float32frombits(binary.LittleEndian.Uint32(b)) != 1.5 {
		t.Errorf("Float32 %v, %v", a, b)
	}
	if a, b := r.Float64(), sr.Float64(); a != -2.25 || b != -2.25 {
		t.Errorf("Float64 %v, %v", a, b)
	}
	for _, s := range strs {
		if a, b := r.Str(), sr.Str(); a != s || b != s {
			t.Errorf("Str %.10q, %.10q; want %.10q", a, b, s)
		}
	}
	if got := sr.Int32s(); !slices.Equal(got, int32s) {
		t.Errorf("Int32s %v; want %v", got, int32s)
	}
	for range r.Count(1) {
		r.Int()
	}
	if a, b := r.Next(5000), sr.Span(5000); a != string(b) || len(a) != 5000 {
		t.Error("the raw bytes are not read back")
	}
	if r.Bad() || sr.Bad() || r.Len() != 0 || sr.Len() != 0 {
		t.Errorf("bad %v %v, left %d %d", r.Bad(), sr.Bad(), r.Len(), sr.Len())
	}
}

// TestStrs: a list of strings is read back, long ones across the
// window, into one copy.
func TestStrs(t *testing.T) {
	w := NewStreamWriter(nil, nil)
	w.Uint(uint64(len(strs)))
	for _, s := range strs {
		w.Str(s)
	}
	data := w.Bytes()
	sr := newStreamReader(bytes.NewReader(data), len(data), 16)
	if got := sr.Strs(); !slices.Equal(got, strs) || sr.Bad() || sr.Len() != 0 {
		t.Errorf("Strs: %d strings, bad %v, %d bytes left", len(got), sr.Bad(), sr.Len())
	}
}

// TestBad: what a reader cannot read makes it bad, and every read after
// gives zeros, for a Reader and a StreamReader alike.
func TestBad(t *testing.T) {
	uv := func(vs ...uint64) string {
		var b []byte
		for _, v := range vs {
			b = binary.AppendUvarint(b, v)
		}
		return string(b)
	}
	tests := []struct {
		name string
		data string
		read func(r reader)
	}{
		{"nothing", "", func(r reader) { r.Uint() }},
		{"a number cut short", "\x80\x80", func(r reader) { r.Uint() }},
		{"more than 64 bits", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", func(r reader) { r.Uint() }},
		{"eleven bytes", strings.Repeat("\x80", 10) + "\x00", func(r reader) { r.Uint() }},
		{"a count of more than is left", uv(3, 1, 2), func(r reader) { r.Count(1) }},
		{"a count of more items than fit", uv(2, 1, 2, 3), func(r reader) { r.Count(2) }},
		{"a string longer than is left", uv(5) + "abc", func(r reader) { r.Str() }},
		{"a float cut short", "\x01\x02\x03", func(r reader) { r.Float64() }},
		{"a fixed16 cut short", "\x01", func(r reader) { r.Fixed16() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []reader{
				&Reader[string]{s: tt.data},
				newStreamReader(strings.NewReader(tt.data), len(tt.data), 16),
			} {
				tt.read(r)
				if !r.Bad() || r.Len() != 0 {
					t.Errorf("%T: bad %v, %d bytes left; want bad, none", r, r.Bad(), r.Len())
				}
				if r.Uint() != 0 || r.Str() != "" || r.Float64() != 0 || !r.Bad() {
					t.Errorf("%T: a read after a failure gives more than zero", r)
				}
			}
		})
	}
	sr := NewStreamReader(iotest.ErrReader(io.ErrUnexpectedEOF), 5)
	if sr.Uint(); !sr.Bad() {
		t.Error("a source that fails does not make the StreamReader bad")
	}
	r := NewReader("taxo-1\n")
	if r.Prefix("taxo-2\n") || !r.Bad() {
		t.Error("another prefix is read")
	}
}

// reader is what a Reader and a StreamReader both do, for the tests.
type reader interface {
	Uint() uint64
	Int() int64
	Fixed16() uint16
	Float64() float64
	Count(size int) int
	Str() string
	Len() int
	Bad() bool
}
