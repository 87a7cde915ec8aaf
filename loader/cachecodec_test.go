package loader

import (
	"encoding/binary"
	"reflect"
	"testing"

	"taxo/internal/codec"
	"taxo/model"
)

// TestRecordStringReferences checks that a string a record holds twice is
// written once and read back as the same text, and that a reference to
// text the record has not yet given makes the record bad, never a panic
// or another record's text.
func TestRecordStringReferences(t *testing.T) {
	uv := func(vs ...uint64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.AppendUvarint(b, v)
		}
		return b
	}
	tests := []struct {
		name string
		text string
		data []byte
		want []string // nil: the record is bad
	}{
		{"a string, then a reference to it", "hello", uv(5<<1, 5<<1|1, 0), []string{"hello", "hello"}},
		{"a reference to part of it", "hello", uv(5<<1, 3<<1|1, 2), []string{"hello", "llo"}},
		{"a reference before the text is read", "hello", uv(5<<1|1, 0), nil},
		{"a reference past what was read", "hello world", uv(5<<1, 6<<1|1, 0), nil},
		{"a reference starting past what was read", "hello", uv(5<<1, 1<<1|1, 9), nil},
		{"a reference with no start", "hello", uv(5<<1, 1<<1|1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &recordDecoder{text: tt.text, rec: tt.text, r: codec.NewReader(tt.data)}
			var got []string
			for d.r.Len() > 0 && !d.r.Bad() {
				got = append(got, d.str())
			}
			switch {
			case tt.want == nil && !d.r.Bad():
				t.Errorf("read %q; want the record bad", got)
			case tt.want != nil && (d.r.Bad() || len(got) != len(tt.want)):
				t.Fatalf("read %q (bad %v); want %q", got, d.r.Bad(), tt.want)
			}
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Errorf("string %d is %q; want %q", i, got[i], tt.want[i])
				}
			}
		})
	}

	var e recordEncoder
	e.reset()
	e.share = true
	e.str("instructions")
	e.str("instructions")
	if string(e.text) != "instructions" {
		t.Errorf("text %q; want the string written once", e.text)
	}
	d := &recordDecoder{text: string(e.text), rec: string(e.text), r: codec.NewReader(e.data.Bytes())}
	if a, b := d.str(), d.str(); d.r.Bad() || a != "instructions" || b != a {
		t.Errorf("read %q and %q back (bad %v)", a, b, d.r.Bad())
	}
}

// TestRecordTermFieldReferences checks that a page's field may give the
// value of its term's field only where there is such a field: a
// reference anywhere else makes the record bad.
func TestRecordTermFieldReferences(t *testing.T) {
	term := []model.Field{{Key: "headline", Value: map[string]any{"title": "Go"}}}
	tests := []struct {
		name  string
		term  []model.Field
		depth int
		data  []byte
		ok    bool
	}{
		{"the term's field", term, 0, []byte{valTermField, 0}, true},
		{"no such field", term, 0, []byte{valTermField, 1}, false},
		{"no term", nil, 0, []byte{valTermField, 0}, false},
		{"inside a list", term, 1, []byte{valTermField, 0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &recordDecoder{r: codec.NewReader(tt.data), termFields: tt.term}
			v := d.value(tt.depth)
			if d.r.Bad() == tt.ok {
				t.Fatalf("bad %v; want %v", d.r.Bad(), !tt.ok)
			}
			if tt.ok && reflect.ValueOf(v).UnsafePointer() != reflect.ValueOf(term[0].Value).UnsafePointer() {
				t.Errorf("read %v; want the term's own map", v)
			}
		})
	}
}
