package loader

import (
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"taxo/model"
)

// yamlValueCases are front matter values that the fast path reads and that
// it must leave to the decoder, each to come out as the decoder gives it.
var yamlValueCases = map[string]string{
	"text":                     `v: hello`,
	"quoted number":            `v: "10"`,
	"booleans":                 `v: [true, False, TRUE, yes, on]`,
	"nulls":                    `v: [~, null, NULL, ""]`,
	"empty value":              `v:`,
	"whole numbers":            `v: [0, 10, -7, 123456789012345678]`,
	"dates and text like them": `v: [2025-02-21T15:00:00, 2025-2-3t4:5:6.7+01:00, 2025-02-21 15:00:00, 2025-13-45, 2025-02-30, 2025-02-21T15:00:00-05:00, 2025-02-21T25:00:00Z, 2025-1-2x, 2025-02-21T15:00:00.5Z]`,
	"not a number":             `v: [.nan, .NaN, .NAN, {n: .nan}, {.nan: 1, .NaN: 2}]`,
	"octal of YAML 1.1":        `v: 010`,
	"octal of YAML 1.2":        `v: 0o17`,
	"hexadecimal":              `v: 0x1F`,
	"underscores":              `v: 1_000`,
	"plus sign":                `v: +5`,
	"too big for an int":       `v: 99999999999999999999`,
	"float":                    `v: 0.7`,
	"floats":                   `v: [-1.5, 00.25, 1.0, 3., .5, 1e3, 0.1_0, .inf, -.NaN]`,
	"date":                     `v: 2025-01-06`,
	"date and time":            `v: 2025-01-06T09:00:00Z`,
	"date without zone":        `v: 2025-01-06T09:00:00`,
	"explicit tag":             `v: !!str 10`,
	"explicit int tag":         `v: !!int "12"`,
	"binary":                   `v: !!binary aGVsbG8=`,
	"map":                      "v:\n  title: T\n  cards: []\n  n: 3\n  on: true",
	"nested":                   "v:\n  a:\n    - b: [1, 2]\n      c: {d: e}",
	"number keys":              "v:\n  1: one\n  2: two",
	"null key":                 "v:\n  ~: x",
	"merge key":                "base: &b {x: 1}\nv:\n  <<: *b\n  y: 2",
	"top merge key":            "base: &b {x: 1, y: 2}\n<<: *b\ny: 3",
	"top merge of a list":      "a: &a {x: 1}\nb: &b {x: 2, z: 3}\n<<: [*a, *b]",
	"top merge of a merge":     "a: &a {x: 1, w: 0}\nb: &b {<<: *a, y: 2}\n<<: *b\nw: 4",
	"top merge inline":         "<<: {x: 1}\nv: 2",
	"two top merge keys":       "a: &a {x: 1}\nb: &b {y: 2}\n<<: *a\n<<: *b",
	"alias inside":             "a: &a [1, 2]\nv:\n  list: *a",
	"set":                      "v: !!set {a, b}",
	"block text":               "v: |\n  line one\n  line two\n",
	"quoted key":               "v:\n  'a b': 1",
	"empty map":                `v: {}`,
	"list of maps and nulls":   "v:\n  - {a: ~}\n  - ~\n  -",
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
	checkYAMLFields(t, src)
	root := doc.Content[0]
	for i := 1; i < len(root.Content); i += 2 {
		n := root.Content[i]
		var want any
		wantErr := n.Decode(&want)
		if _, plain := plainYAML(n, maxFieldDepth+1); plainOK(n, maxFieldDepth+1) && !plain {
			t.Fatalf("%q: plainOK says plainYAML reads %d:%d, which it does not", src, n.Line, n.Column)
		}
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

// checkYAMLFields checks that the fields read from the node, merge keys
// resolved, are those the decoder gives for the whole front matter.
func checkYAMLFields(t *testing.T, src []byte) {
	t.Helper()
	var doc yaml.Node
	var want map[string]any
	if yaml.Unmarshal(src, &doc) != nil || yaml.Unmarshal(src, &want) != nil || !textKeys(&doc) {
		// The decoder refuses it (a key given twice, say), or reads a key
		// that is not text (~, 1) as other than the text the loader keys
		// the field by.
		return
	}
	entries, err := decodeYAML(src, 1, nil)
	if err != nil {
		t.Fatalf("%q: %v, but the decoder reads it", src, err)
	}
	got := make(map[string]any, len(entries))
	for _, e := range entries {
		if e.err != nil {
			t.Fatalf("%q: field %q: %v, but the decoder reads it", src, e.key, e.err)
		}
		v, err := yamlValue(e.node)
		if err != nil {
			return // the decoder refuses the field
		}
		got[e.key] = v
	}
	if want == nil {
		want = map[string]any{}
	}
	if !sameValue(got, want) {
		t.Fatalf("%q: fields %#v, the decoder gives %#v", src, got, want)
	}
}

// TestMergeKeys reads front matter that takes fields from a map with YAML's
// merge key, as Hugo (through its YAML decoder) reads it.
func TestMergeKeys(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		title, icon string
		tags        []string
		fields      []string // the keys kept as other fields
		problem     string
		line, col   int
	}{
		{name: "an alias", front: "base: &base {title: From Merge, tags: [Merged Tag]}\n<<: *base",
			title: "From Merge", tags: []string{"Merged Tag"}, fields: []string{"base"}},
		{name: "the mapping's own key wins", front: "base: &base {title: From Merge, icon: fa-x}\ntitle: Own\n<<: *base",
			title: "Own", icon: "fa-x", fields: []string{"base"}},
		{name: "the first of a list wins", front: "a: &a {title: A}\nb: &b {title: B, icon: fa-b}\n<<: [*a, *b]",
			title: "A", icon: "fa-b", fields: []string{"a", "b"}},
		{name: "a map written in place", front: "<<: {title: Inline, tags: [X]}", title: "Inline", tags: []string{"X"}},
		{name: "a merge inside the merged map", front: "a: &a {title: A}\nb: &b {<<: *a, icon: fa-b}\n<<: *b",
			title: "A", icon: "fa-b", fields: []string{"a", "b"}},
		{name: "a quoted << is a field", front: "title: T\n\"<<\": x", title: "T", fields: []string{"<<"}},
		{name: "a merge of text", front: "title: T\n<<: text", title: "T",
			problem: "a merge key (<<) must name a map or a list of maps; it is ignored", line: 3, col: 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			term, problems := Parse("tags/merge.md", []byte("---\n"+tt.front+"\n---\n"), "merge", model.Tag)
			if term == nil {
				t.Fatalf("no term; problems %v", problems)
			}
			var tags, fields []string
			for _, r := range term.RefsOf(model.Tag) {
				tags = append(tags, r.Title)
			}
			for _, f := range term.Fields {
				fields = append(fields, f.Key)
			}
			if term.Title != tt.title || term.Icon != tt.icon || !slices.Equal(tags, tt.tags) || !slices.Equal(fields, tt.fields) {
				t.Errorf("title %q, icon %q, tags %q, fields %q; want %q, %q, %q, %q", term.Title, term.Icon, tags, fields, tt.title, tt.icon, tt.tags, tt.fields)
			}
			switch {
			case tt.problem == "" && len(problems) > 0:
				t.Errorf("problems %v", problems)
			case tt.problem != "" && (len(problems) != 1 || problems[0].Err.Error() != tt.problem || problems[0].Line != tt.line || problems[0].Col != tt.col):
				t.Errorf("problems %v; want %d:%d: %s", problems, tt.line, tt.col, tt.problem)
			}
		})
	}
}

// textKeys reports whether every key of every map in n is text (or a merge
// key).
func textKeys(n *yaml.Node) bool {
	if n.Kind == yaml.MappingNode {
		for i := 0; i < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind != yaml.ScalarNode || k.Tag != "!!str" && !isMergeKey(k) {
				return false
			}
		}
	}
	for _, c := range n.Content {
		if !textKeys(c) {
			return false
		}
	}
	return true
}

// TestUTCTime checks the quick reading of common dates against
// time.Parse with yaml.v3's layouts, on dates near every limit.
func TestUTCTime(t *testing.T) {
	var texts []string
	for _, d := range []string{"2025-02-17", "0000-01-01", "9999-12-31", "2024-02-28", "2024-02-29", "2025-02-29",
		"2025-00-10", "2025-13-10", "2025-01-00", "2025-1a-10", "2025-01-32", "202a-01-01", "2025/01/01"} {
		texts = append(texts, d)
		for _, tm := range []string{"T00:00:00Z", "T23:59:59Z", "T24:00:00Z", "T12:60:00Z", "T12:00:60Z", "t12:00:00Z",
			"T12:00:00z", "T12:00:00", "T1:00:00Z", "T12-00:00Z", "T12:00:00+01:00", " 12:00:00"} {
			texts = append(texts, d+tm)
		}
	}
	for _, s := range texts {
		got, ok := utcTime(s)
		if !ok {
			continue // time.Parse reads it, or not
		}
		var want time.Time
		var err error
		for _, layout := range yamlTimestampLayouts {
			if want, err = time.Parse(layout, s); err == nil {
				break
			}
		}
		if wantOK := err == nil; !wantOK || !reflect.DeepEqual(got, want) {
			t.Errorf("utcTime(%q) = %v, time.Parse gives %v (%v)", s, got, want, wantOK)
		}
	}
}
