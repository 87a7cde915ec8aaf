package tagwrite

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"taxo/loader"
)

// hugoSites is the folder of the four real Hugo sites beside the project
// (../shared from the repository's parent), or under $TAXO_SHARED for a
// clone elsewhere (a worktree); the tests that read them are skipped where
// they are absent.
func hugoSites() string {
	if dir := os.Getenv("TAXO_SHARED"); dir != "" {
		return filepath.Join(dir, "corpus", "hugo-sites")
	}
	return filepath.Join("..", "..", "..", "shared", "corpus", "hugo-sites")
}

// newTerm is a term no page carries, with a space, a quote-worthy colon and
// letters of another script.
const newTerm = "taxo: round trip 新"

// siteTaxonomies reads the taxonomies Hugo was run with (hugo-answer/config.yaml).
func siteTaxonomies(t *testing.T, site string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, "hugo-answer", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Taxonomies map[string]string `yaml:"taxonomies"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	var plurals []string
	for _, p := range cfg.Taxonomies {
		plurals = append(plurals, p)
	}
	sort.Strings(plurals)
	return plurals
}

func contentFiles(t *testing.T, site string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".md", ".markdown", ".html":
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sampleEvery says which pages the round trip tries: every page, but one
// in sixteen under the race detector (about ten times slower: the JSON
// decoder dominates) and one in eight with -short.
func sampleEvery() int {
	switch {
	case raceEnabled:
		return 16
	case testing.Short():
		return 8
	}
	return 1
}

// tally counts, per site and front matter format, what the round trip did.
type tally struct {
	pages, edits, identical, refused, outside int
	multiLineEmpty                            int // "[\n  ]" came back as "[]"
	notList                                   int // missing, null or a string: came back as a list
	byShape                                   map[shape]int
}

// TestRoundTripCorpus adds a new term to every page of the four real sites,
// for each of the site's taxonomies, then removes it: the file must come back
// byte for byte (or, where the key held one string or nothing, differ only
// in that key), the decoders must read the same front matter but for that
// one list, and no byte outside the list's lines may change. It also removes
// a term a page carries and adds it back.
func TestRoundTripCorpus(t *testing.T) {
	sites, err := os.ReadDir(hugoSites())
	if err != nil {
		t.Skip("the Hugo sites are absent:", err)
	}
	for _, d := range sites {
		if !d.IsDir() {
			continue
		}
		site := filepath.Join(hugoSites(), d.Name())
		t.Run(d.Name(), func(t *testing.T) {
			taxonomies := siteTaxonomies(t, site)
			s := Site{Taxonomies: taxonomies}
			tallies := map[loader.Format]*tally{}
			for i, path := range contentFiles(t, site) {
				if i%sampleEvery() != 0 {
					continue
				}
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(site, path)
				for _, tax := range taxonomies {
					roundTrip(t, s, rel, src, tax, tallies)
				}
			}
			for _, f := range []loader.Format{loader.YAML, loader.TOML, loader.JSON, loader.NoFrontMatter} {
				if n := tallies[f]; n != nil {
					t.Logf("%s %s: %d pages, %d edits over %d taxonomies (shapes %v), %d round trips byte-identical (%d more but for an empty list over lines back as `[]`; %d keys missing, empty or a string back as a list), %d refused, %d bytes changed outside the list",
						d.Name(), f, n.pages/len(taxonomies), n.edits, len(taxonomies), shapeCounts(n.byShape), n.identical, n.multiLineEmpty, n.notList, n.refused, n.outside)
				}
			}
		})
	}
}

func shapeCounts(m map[shape]int) string {
	names := map[shape]string{missing: "missing", null: "null", scalar: "string", flow: "flow", block: "block", other: "other"}
	var parts []string
	for sh := missing; sh <= other; sh++ {
		if m[sh] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", names[sh], m[sh]))
		}
	}
	return strings.Join(parts, ", ")
}

func roundTrip(t *testing.T, s Site, rel string, src []byte, tax string, tallies map[loader.Format]*tally) {
	t.Helper()
	p, err := s.read(src, tax)
	if err != nil {
		t.Errorf("%s: %s: %v", rel, tax, err)
		return
	}
	n := tallies[p.src.split.Format]
	if n == nil {
		n = &tally{byShape: map[shape]int{}}
		tallies[p.src.split.Format] = n
	}
	n.pages++
	n.byShape[p.target.shape]++
	before := p.terms()
	orig := read(t, src)

	added, err := s.Apply(src, tax, AddRemove([]string{newTerm}, nil))
	if err != nil {
		n.refused++
		t.Errorf("%s: %s: add: %v", rel, tax, err)
		return
	}
	withNew := read(t, added.New)
	n.edits++
	n.outside += checkEdit(t, rel, tax, orig, withNew, append(slices.Clone(before), newTerm))
	removed, err := s.Apply(added.New, tax, AddRemove(nil, []string{newTerm}))
	if err != nil {
		t.Errorf("%s: %s: remove: %v", rel, tax, err)
		return
	}
	n.edits++
	n.outside += checkEdit(t, rel, tax, withNew, read(t, removed.New), before)
	switch {
	case bytes.Equal(removed.New, src):
		n.identical++
	case p.target.shape == flow && len(before) == 0 && isBlank(strings.ReplaceAll(string(p.src.split.Front[p.target.open+1:p.target.close]), "\n", "")):
		// An empty list written over several lines, "[\n  ]", comes back
		// as the empty list taxo writes, "[]".
		n.multiLineEmpty++
	case p.target.shape != flow && p.target.shape != block:
		// A key that was missing, empty or one string comes back as an
		// empty list, or a list of the one term; checkEdit checked that
		// nothing else changed.
		n.notList++
	default:
		t.Errorf("%s: %s: add then remove is not the file it was:\n%s", rel, tax, Change{Old: src, New: removed.New}.Diff(rel))
	}
	if len(before) == 0 {
		return
	}
	// Remove a term the page carries, then add it back.
	gone, err := s.Apply(src, tax, AddRemove(nil, before[:1]))
	if err != nil {
		t.Errorf("%s: %s: remove %q: %v", rel, tax, before[0], err)
		return
	}
	back, err := s.Apply(gone.New, tax, AddRemove(before[:1], nil))
	if err != nil {
		t.Errorf("%s: %s: add %q back: %v", rel, tax, before[0], err)
		return
	}
	n.edits += 2
	key := termKey(nil)
	rest := slices.DeleteFunc(slices.Clone(before), func(s string) bool { return key(s) == key(before[0]) })
	without := read(t, gone.New)
	n.outside += checkEdit(t, rel, tax, orig, without, rest)
	n.outside += checkEdit(t, rel, tax, without, read(t, back.New), append(rest, before[0]))
}

// state is a file's bytes with its front matter decoded by the real decoder
// of its format and its keys placed.
type state struct {
	src     []byte
	so      *source
	decoded map[string]any
	entries []entry
}

func read(t *testing.T, src []byte) state {
	t.Helper()
	so, err := newSource(src)
	if err != nil {
		t.Fatal(err)
	}
	st := state{src: src, so: so}
	f := formatOf(so.split.Format)
	if so.split.Format == loader.NoFrontMatter {
		return st
	}
	if st.decoded, err = f.decode(so.split.Front); err != nil {
		t.Fatal(err)
	}
	if st.entries, err = f.entries(so.split.Front); err != nil {
		t.Fatal(err)
	}
	return st
}

// checkEdit checks one edit from old to new, which should leave the
// taxonomy holding want: the decoders read the same front matter but for
// that key, which reads as want, and the bytes that changed lie within the
// key's lines (or are new lines at a line's end). It returns how many bytes
// changed outside those lines.
func checkEdit(t *testing.T, rel, tax string, old, new state, want []string) int {
	t.Helper()
	key := findKey(old.decoded, tax)
	if key == "" {
		key = findKey(new.decoded, tax)
	}
	for k, v := range old.decoded {
		if k != key && !reflect.DeepEqual(v, new.decoded[k]) {
			t.Errorf("%s: %s: %s changed from %v to %v", rel, tax, k, v, new.decoded[k])
		}
	}
	if len(new.decoded) > len(old.decoded)+1 {
		t.Errorf("%s: %s: keys appeared: %v", rel, tax, new.decoded)
	}
	if got := asTerms(new.decoded[key]); !slices.Equal(got, want) {
		t.Errorf("%s: %s: reads %q, want %q", rel, tax, got, want)
	}
	return outsideBytes(t, old, new, key)
}

func findKey(m map[string]any, tax string) string {
	for k := range m {
		if strings.EqualFold(k, tax) {
			return k
		}
	}
	return ""
}

// asTerms reads a taxonomy's value as Hugo does: a list, or one string.
func asTerms(v any) []string {
	var out []string
	switch x := v.(type) {
	case nil:
	case []any:
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
	default:
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// outsideBytes counts the bytes of old that changed but lie outside the
// lines of the key in the old front matter, from the key's line to the end
// of its value's last line. A key that was missing allows only an
// insertion.
func outsideBytes(t *testing.T, old, new state, key string) int {
	t.Helper()
	if bytes.Equal(old.src, new.src) {
		return 0
	}
	zoneLo, zoneHi := keyZone(old, key)
	p := commonPrefix(old.src, new.src)
	if zoneLo >= 0 {
		// Lines added at the end of the list match the next line's first
		// bytes ("- 1\n---" after "- 0\n" against "---"): the change is
		// placed no later than the list's end, and a change past it still
		// shows in the suffix.
		p = min(p, zoneHi)
	}
	sfx := commonSuffix(old.src[p:], new.src[p:])
	lo, hi := p, len(old.src)-sfx
	if zoneLo < 0 {
		if lo != hi {
			t.Errorf("adding %s replaced %q", key, old.src[lo:hi])
			return hi - lo
		}
		return 0
	}
	outside := max(0, zoneLo-lo) + max(0, hi-zoneHi)
	if outside > 0 {
		t.Errorf("changed %q outside %s's lines %q", old.src[lo:hi], key, old.src[zoneLo:zoneHi])
	}
	return outside
}

// keyZone returns, in the file's bytes, the span of the key's lines: from
// the start of its line to the end of its value's last line; -1 when the
// key is missing.
func keyZone(st state, key string) (int, int) {
	front := st.so.split.Front
	for _, e := range st.entries {
		if key != "" && e.key == key {
			end := e.after
			if st.so.split.Format == loader.JSON {
				end = lineAfter(front, end)
			}
			return st.so.orig(st.so.front + lineStart(front, e.keyStart)), st.so.orig(st.so.front + end)
		}
	}
	return -1, -1
}

func commonPrefix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}
