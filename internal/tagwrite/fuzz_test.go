package tagwrite

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"taxo/loader"
)

// fuzzTaxonomies are the keys the fuzz target edits: taxonomies the seeds
// carry, one they lack, and one in another case.
var fuzzTaxonomies = []string{"tags", "categories", "series", "Tags", "hosts"}

// FuzzApply edits front matter in the shapes the real sites use with random
// terms: the writer must not panic, and whatever it writes must decode as
// before but for the one list, which holds what the edit meant, with no byte
// outside the list's lines changed. Refusing is always allowed.
func FuzzApply(f *testing.F) {
	seeds := []string{
		"---\ntitle: x\ntags: [DeFi, Ethereum]\nseries: defi\ndifficulty: \"beginner\"\n---\nbody\n",
		"---\ntitle: x\ndate: 2021-08-28T09:32:30-07:00\ntags: \n    - flutter\n    - firebase\n\npro: true\n---\n",
		"---\ntitle: \"x\"\ncategories: [Projects]\ntags:\n- a # note\n- 'b c'\n---\n",
		"---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\nbody\r\n",
		"\uFEFF---\ntags: ~\n---\n",
		"+++\ntitle = \"x\"\ndate =  \"2020-01-26T17:20:03+09:00\"\ntags = [ \"security\", \"risk\" ]\npageType = \"text\"\n\n[scripts]\n  mathjax = false\n+++\nbody\n",
		"+++\ntags = [\n  \"a\", # one\n  'b',\n]\ncategories = []\n+++\n",
		"{\n  \"title\": \"x\",\n  \"categories\": [\n    \"The Launch\"\n  ],\n  \"tags\": [],\n  \"hosts\": [\n    \"chris\"\n  ],\n  \"guests\": [\n  ],\n  \"n\": 1\n}\nbody\n",
		"{\"tags\": [\"a\", 1], \"series\": null}\n",
		"no front matter\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), "a,New Term,yes", "DeFi,b c", uint8(i))
	}
	f.Fuzz(func(t *testing.T, src []byte, which uint8, adds, removes string, op uint8) {
		tax := fuzzTaxonomies[int(which)%len(fuzzTaxonomies)]
		e := fuzzEdit(op, adds, removes)
		s := Site{Taxonomies: []string{"categories", "tags", "series"}}
		before, err := s.Terms(src, tax)
		if err != nil {
			return
		}
		c, err := s.Apply(src, tax, e)
		if errors.Is(err, ErrUnsafe) {
			// The splice went wrong and only the check caught it.
			t.Fatalf("%v on %q: %v", e, src, err)
		}
		if err != nil || !c.Changed() {
			return
		}
		old, new := read(t, src), read(t, c.New)
		want := expectedTerms(before, e)
		if !slices.Equal(c.After, want) {
			t.Fatalf("%v on %q: After = %q, want %q", e, before, c.After, want)
		}
		checkDecoded(t, old, new, tax, want)
		if n := outsideBytes(t, old, new, findKey(old.decoded, tax)); n > 0 {
			t.Fatalf("%d bytes changed outside the list", n)
		}
	})
}

// fuzzEdit makes an edit of the fuzzer's strings: comma-separated terms,
// none empty, none both added and removed.
func fuzzEdit(op uint8, adds, removes string) Edit {
	key := termKey(nil)
	split := func(s string) []string {
		return slices.DeleteFunc(strings.Split(s, ","), func(t string) bool { return strings.TrimSpace(t) == "" })
	}
	a, r := split(adds), split(removes)
	switch op % 3 {
	case 1:
		return SetTo(a)
	case 2:
		return Rename(adds, removes)
	}
	a = slices.DeleteFunc(a, func(t string) bool {
		return slices.ContainsFunc(r, func(x string) bool { return key(x) == key(t) })
	})
	return AddRemove(a, r)
}

// expectedTerms is what an edit should leave, worked out plainly.
func expectedTerms(terms []string, e Edit) []string {
	key := termKey(nil)
	keys := func(ts []string) map[string]bool {
		m := map[string]bool{}
		for _, t := range ts {
			m[key(t)] = true
		}
		return m
	}
	appendNew := func(out, ts []string) []string {
		for _, t := range ts {
			if !slices.ContainsFunc(out, func(o string) bool { return key(o) == key(t) }) {
				out = append(out, t)
			}
		}
		return out
	}
	var out []string
	switch e.op {
	case opAddRemove:
		gone := keys(e.remove)
		for _, t := range terms {
			if !gone[key(t)] {
				out = append(out, t)
			}
		}
		return appendNew(out, e.add)
	case opSet:
		want := keys(e.set)
		for _, t := range terms {
			if want[key(t)] && !slices.ContainsFunc(out, func(o string) bool { return key(o) == key(t) }) {
				out = append(out, t)
			}
		}
		return appendNew(out, e.set)
	case opRename: // below
	}
	carriesNew := slices.ContainsFunc(terms, func(t string) bool { return key(t) == key(e.new) && key(t) != key(e.old) })
	renamed := false
	for _, t := range terms {
		switch {
		case key(t) != key(e.old):
			out = append(out, t)
		case !carriesNew && !renamed:
			out, renamed = append(out, e.new), true
		}
	}
	return out
}

// checkDecoded checks that the decoders read the same front matter in both
// files but for the taxonomy, and that its terms written as text read back
// as that text.
func checkDecoded(t *testing.T, old, new state, tax string, want []string) {
	t.Helper()
	key := findKey(old.decoded, tax)
	if key == "" {
		key = findKey(new.decoded, tax)
	}
	for k, v := range old.decoded {
		if k != key && !reflect.DeepEqual(v, new.decoded[k]) {
			t.Fatalf("%s changed from %#v to %#v", k, v, new.decoded[k])
		}
	}
	for k := range new.decoded {
		if _, ok := old.decoded[k]; !ok && k != key {
			t.Fatalf("%s appeared", k)
		}
	}
	got := asTerms(new.decoded[key])
	if len(got) != len(want) {
		t.Fatalf("%s reads %q, want %q", key, got, want)
	}
	for i := range want {
		// A term that was a number (tags: [1.0]) decodes as one; the text
		// taxo writes decodes as itself.
		if got[i] != want[i] && isText(new, key, i) {
			t.Fatalf("%s reads %q, want %q", key, got, want)
		}
	}
	if !bytes.Equal(old.so.split.Body, new.so.split.Body) && old.so.split.Format != loader.NoFrontMatter {
		t.Fatalf("the body changed")
	}
}

func isText(st state, key string, i int) bool {
	switch v := st.decoded[key].(type) {
	case []any:
		_, ok := v[i].(string)
		return ok
	case string:
		return utf8.ValidString(v)
	}
	return false
}
