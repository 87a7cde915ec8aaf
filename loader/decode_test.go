package loader

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// yamlValueCases are front matter values that the fast path reads and that
// it must leave to the decoder, each to come out as the decoder gives it.
var yamlValueCases = map[string]string{
	"text":                   `v: hello`,
	"quoted number":          `v: "10"`,
	"booleans":               `v: [true, False, TRUE, yes, on]`,
	"nulls":                  `v: [~, null, NULL, ""]`,
	"empty value":            `v:`,
	"whole numbers":          `v: [0, 10, -7, 123456789012345678]`,
	"not a number":           `v: [.nan, .NaN, .NAN, {n: .nan}, {.nan: 1, .NaN: 2}]`,
	"octal of YAML 1.1":      `v: 010`,
	"octal of YAML 1.2":      `v: 0o17`,
	"hexadecimal":            `v: 0x1F`,
	"underscores":            `v: 1_000`,
	"plus sign":              `v: +5`,
	"too big for an int":     `v: 99999999999999999999`,
	"float":                  `v: 0.7`,
	"floats":                 `v: [-1.5, 00.25, 1.0, 3., .5, 1e3, 0.1_0, .inf, -.NaN]`,
	"date":                   `v: 2025-01-06`,
	"date and time":          `v: 2025-01-06T09:00:00Z`,
	"date without zone":      `v: 2025-01-06T09:00:00`,
	"explicit tag":           `v: !!str 10`,
	"explicit int tag":       `v: !!int "12"`,
	"binary":                 `v: !!binary aGVsbG8=`,
	"map":                    "v:\n  title: T\n  cards: []\n  n: 3\n  on: true",
	"nested":                 "v:\n  a:\n    - b: [1, 2]\n      c: {d: e}",
	"number keys":            "v:\n  1: one\n  2: two",
	"null key":               "v:\n  ~: x",
	"merge key":              "base: &b {x: 1}\nv:\n  <<: *b\n  y: 2",
	"alias inside":           "a: &a [1, 2]\nv:\n  list: *a",
	"set":                    "v: !!set {a, b}",
	"block text":             "v: |\n  line one\n  line two\n",
	"quoted key":             "v:\n  'a b': 1",
	"empty map":              `v: {}`,
	"list of maps and nulls": "v:\n  - {a: ~}\n  - ~\n  -",
}

func TestYAMLValueIsTheDecoders(t *testing.T) {
	for name, src := range yamlValueCases {
		t.Run(name, func(t *testing.T) {
			checkYAMLValue(t, []byte(src))
		})
	}
}

// FuzzYAMLValue checks that every value read without the decoder is what
// the decoder gives.
func FuzzYAMLValue(f *testing.F) {
	for _, src := range yamlValueCases {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkYAMLValue(t, src)
	})
}

func checkYAMLValue(t *testing.T, src []byte) {
	t.Helper()
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return
	}
	root := doc.Content[0]
	for i := 1; i < len(root.Content); i += 2 {
		n := root.Content[i]
		var want any
		wantErr := n.Decode(&want)
		got, err := yamlValue(n)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, the decoder's %v", src, err, wantErr)
		}
		if err == nil && !sameValue(got, want) {
			t.Fatalf("%q: got %#v, the decoder gives %#v", src, got, want)
		}
	}
}

// sameValue is reflect.DeepEqual for decoded YAML, except that NaN (.nan)
// equals NaN, as the two readings of it are the same value.
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case float64:
		b, ok := b.(float64)
		return ok && (a == b || math.IsNaN(a) && math.IsNaN(b))
	case []any:
		b, ok := b.([]any)
		return ok && len(a) == len(b) && sameSlices(a, b)
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	case map[any]any:
		b, ok := b.(map[any]any)
		if !ok || len(a) != len(b) {
			return false
		}
		// A NaN key is found by no lookup: those entries are matched
		// with each other, in any order.
		var nanA, nanB []any
		for k, v := range b {
			if f, ok := k.(float64); ok && math.IsNaN(f) {
				nanB = append(nanB, v)
			}
		}
		for k, v := range a {
			if f, ok := k.(float64); ok && math.IsNaN(f) {
				nanA = append(nanA, v)
				continue
			}
			w, ok := b[k]
			if !ok || !sameValue(v, w) {
				return false
			}
		}
		if len(nanA) != len(nanB) {
			return false
		}
		for _, v := range nanA {
			i := slices.IndexFunc(nanB, func(w any) bool { return sameValue(v, w) })
			if i < 0 {
				return false
			}
			nanB = slices.Delete(nanB, i, i+1)
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

func sameSlices(a, b []any) bool {
	for i := range a {
		if !sameValue(a[i], b[i]) {
			return false
		}
	}
	return true
}
