package learn

import (
	"reflect"
	"unsafe"
)

// Trees is how many regression trees the model's blends hold, for tests
// that must see the encoding of trees.
func Trees(m *Model) int {
	n := 0
	for _, bl := range m.blends {
		if bl != nil {
			n += len(bl.trees)
		}
	}
	return n
}

// CodecFields is codecFields, for the test that every field is named.
var CodecFields = codecFields

// DifferentFields names the fields of the model that are not deeply equal
// in a and b, for a test to say what an encoding lost.
func DifferentFields(a, b *Model) []string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []string
	for i := range va.NumField() {
		fa, fb := va.Field(i), vb.Field(i)
		x := reflect.NewAt(fa.Type(), unsafe.Pointer(fa.UnsafeAddr())).Elem().Interface()
		y := reflect.NewAt(fb.Type(), unsafe.Pointer(fb.UnsafeAddr())).Elem().Interface()
		if !reflect.DeepEqual(x, y) {
			out = append(out, va.Type().Field(i).Name)
		}
	}
	return out
}

// FingerprintStamped is fingerprint, for the codec's sums.
var FingerprintStamped = fingerprint
