package loader

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"taxo/internal/gen/synth"
)

// fastYAMLCases are front matter that fastYAML reads (true) or leaves to
// yaml.v3 (false); either way, what it reads must be what yaml.v3 reads.
var fastYAMLCases = []struct {
	name string
	src  string
	fast bool
}{
	{"flat map", "title: Scaling\nweight: 400\ndraft: false\ndate: 2025-01-06T09:00:00Z\n", true},
	{"quoted text", "title: \"A \\\"quoted\\\" \\u00e9 title\"\nsub: 'it''s'\n", true},
	{"escapes", "a: \"\\t\\n\\\\\\'\\x41\\U0001F600\\N\\_\\L\\P\\e\\0\"\n", true},
	{"literal block", "Instructions: |-\n  **Use** this.\n\n  - one\n  - two\n\nnext: 1\n", true},
	{"literal kept", "a: |+\n  x\n\n\nb: 1\n", true},
	{"literal clipped", "a: |\n  x\n\n", true},
	{"folded block", "a: >\n  p\n  q\n\n  r\n", true},
	{"folded stripped", "a: >-\n  p\n  q\n", true},
	{"block list", "tags:\n- \"Agile\"\n- Scrum Master\n- 'Kanban'\n", true},
	{"indented block list", "tags:\n  - a\n  -   b\n", true},
	{"flow list", "tags: [a, \"b c\", 'd']\ncards: []\n", true},
	{"empty map", "m: {}\n", true},
	{"nested map", "headline:\n  cards: []\n  title: \"T\"\n  updated: 2025-01-09T09:00:00Z\nsitemap:\n  filename: sitemap.xml\n  priority: 0.7\n", true},
	{"null value", "a:\nb: ~\nc: null\n", true},
	{"comments", "# head\na: b # c\n\n  # indented\nd: e\n", true},
	{"numbers", "a: 0x1F\nb: 010\nc: 1_000\nd: -5\ne: +3\nf: 1e3\ng: .5\nh: .inf\ni: 0o17\nj: 0b101\nk: 99999999999999999999\nl: 2025-1-2\n", true},
	{"dates and text like them", "a: 2025-02-21T15:00:00\nb: 2025-2-3t4:5:6.7+01:00\nc: 2025-02-21 15:00:00\nd: 2025-13-45\ne: 2025-1-2x\nf: 2025-02-21T15:00:00-05:00\ng: 2025-02-30\nh: 1999-\ni: 2025-02-21T25:00:00Z\n", true},
	{"numbers like text", "a: 0012\nb: 089\nc: -0\nd: +0x1_F\ne: 1.2.3\nf: 12:30\ng: -0.5e-3\nh: 123456789012345678\ni: 1234567890123456789012\nj: 0xZZ\n", true},
	{"words", "a: yes\nb: on\nc: True\nd: NULL\ne: y\n", true},
	{"keys resolved", "1: one\ntrue: t\nnull: n\n", true},
	{"key given twice", "a: 1\na: 2\n", true},
	{"non-ASCII", "title: Café crème\nt: [é, b]\nu: \"😀\"\n", true},
	{"URL", "url: https://example.org/a#b\n", true},
	{"anchor", "a: &x 1\nb: *x\n", false},
	{"tag", "a: !!str 1\n", false},
	{"text over lines", "a: one\n  two  \n\n   three # c\nb: 1\n", true},
	{"quoted over lines", "a: \"one \\t\n  two\n\n  three\"\nb: 'x\n  ''y'''\n", true},
	{"escaped line break", "a: \"one\\\n  two\"\n", false},
	{"comment in text over lines", "a: one\n  # c\n  two\n", false},
	{"text over lines not indented", "a:\n  b: one\n  two\n", false},
	{"flow map", "a: {b: c}\n", false},
	{"merge key", "<<: {a: 1}\n", false},
	{"tab indentation", "a:\n\tb: c\n", false},
	{"list of maps", "a:\n- b: c\n", false},
	{"empty block", "a: |\nb: 1\n", false},
	{"not a map", "- a\n- b\n", false},
	{"key with a space", "a b: c\n", false},
	{"quoted key", "'a': b\n", false},
	{"indentation indicator", "a: |2\n   x\n", false},
	{"colon in text", "a: b: c\n", false},
	{"null after spaces", "a:   \nb: 1 \nc: # c\n", true},
	{"trailing comma", "a: [b, ]\n", false},
	{"empty", "", false},
	{"comments only", "# nothing\n", false},
}

func TestFastYAMLIsYAMLv3(t *testing.T) {
	for _, c := range fastYAMLCases {
		t.Run(c.name, func(t *testing.T) {
			_, ok := fastYAML([]byte(c.src), nil)
			if ok != c.fast {
				t.Errorf("fastYAML read it: %v, want %v", ok, c.fast)
			}
			checkFastYAML(t, []byte(c.src))
		})
	}
}

// FuzzFastYAML checks that whatever fastYAML reads, yaml.v3 reads into
// the same nodes.
func FuzzFastYAML(f *testing.F) {
	for _, c := range fastYAMLCases {
		f.Add([]byte(c.src))
	}
	for _, file := range synth.Generate(3, 1)[3:] {
		if s, err := SplitFrontMatter(file.Data); err == nil {
			f.Add(s.Front)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFastYAML(t, src)
	})
}

// usedNodes is front matter of every shape fastYAML reads, which
// checkFastYAML reads into the nodes before src, so that src is read into
// nodes that held something, as in a load.
const usedNodes = "a: [x, 'y', \"z\"]\nb:\n  c: \"q\"\n  d: 'r'\n  e: {}\n  l: >-\n    w\ne: |\n  t\n  u\nf:\n- [1, 2]\n- x\ng: 2025-02-17\n"

// checkFastYAML fails when fastYAML reads src other than yaml.v3 does,
// into fresh nodes or into nodes used before.
func checkFastYAML(t *testing.T, src []byte) {
	t.Helper()
	got, ok := fastYAML(src, nil)
	if !ok {
		return
	}
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		t.Fatalf("fastYAML read %q, which yaml.v3 refuses: %v", src, err)
	}
	if diff := nodeDiff(got, &want, "doc"); diff != "" {
		t.Fatalf("fastYAML read %q other than yaml.v3: %s", src, diff)
	}
	used := new(yamlNodes)
	if _, ok := fastYAML([]byte(usedNodes), used); !ok {
		t.Fatal("fastYAML does not read usedNodes")
	}
	used.reset()
	again, _ := fastYAML(src, used)
	if diff := nodeDiff(again, &want, "doc"); diff != "" {
		t.Fatalf("fastYAML read %q into used nodes other than yaml.v3: %s", src, diff)
	}
}

// nodeDiff says where two node trees differ, comments aside; "" when they
// do not.
func nodeDiff(got, want *yaml.Node, at string) string {
	g := fmt.Sprintf("kind %d style %d tag %q value %q at %d:%d", got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column)
	w := fmt.Sprintf("kind %d style %d tag %q value %q at %d:%d", want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column)
	if g != w || got.Anchor != want.Anchor || (got.Alias == nil) != (want.Alias == nil) {
		return fmt.Sprintf("%s: %s, want %s", at, g, w)
	}
	if len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: %d children, want %d", at, len(got.Content), len(want.Content))
	}
	for i := range got.Content {
		if d := nodeDiff(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// TestFastYAMLOnRealFiles reads the front matter of every real file in
// ../shared and of a synthetic site both ways, and says how much of it
// fastYAML reads.
func TestFastYAMLOnRealFiles(t *testing.T) {
	var fronts [][]byte
	var names []string
	for _, f := range synth.GenerateSite(200, 300, 1) {
		if s, err := SplitFrontMatter(f.Data); err == nil && s.Format == YAML {
			fronts, names = append(fronts, s.Front), append(names, "synth:"+f.Path)
		}
	}
	synthetic := len(fronts)
	for _, dir := range []string{sharedFolder("corpus", "nkdagility"), sharedFolder("corpus", "hugo-sites")} {
		if dir == "" {
			continue
		}
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			if s, err := SplitFrontMatter(Normalize(data)); err == nil && s.Format == YAML {
				fronts, names = append(fronts, s.Front), append(names, p)
			}
			return nil
		})
	}
	read, readSynth := 0, 0
	for i, front := range fronts {
		if _, ok := fastYAML(front, nil); ok {
			read++
			if i < synthetic {
				readSynth++
			}
		}
		t.Run(names[i], func(t *testing.T) { checkFastYAML(t, front) })
	}
	t.Logf("fastYAML read %d of %d YAML front matters (%d of %d synthetic)", read, len(fronts), readSynth, synthetic)
	if readSynth < synthetic*95/100 {
		t.Errorf("fastYAML read %d of %d synthetic front matters, want nearly all", readSynth, synthetic)
	}
}

// sharedFolder is sharedPath of the external tests, for this package's:
// a folder of ../shared, under $TAXO_SHARED when set.
func sharedFolder(parts ...string) string {
	places := []string{filepath.Join("..", "..", "shared"), filepath.Join("..", "..", "..", "shared")}
	if dir := os.Getenv("TAXO_SHARED"); dir != "" {
		places = append([]string{dir}, places...)
	}
	for _, shared := range places {
		if p := filepath.Join(append([]string{shared}, parts...)...); isFolder(p) {
			return p
		}
	}
	return ""
}

func isFolder(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// TestPlainASCII checks the eight-byte test against one byte at a time:
// every byte value in every place among letters, every pair of values in
// two neighbouring places (where a borrow or carry would show), and random
// words.
func TestPlainASCII(t *testing.T) {
	naive := func(w [8]byte) bool {
		for _, c := range w {
			if (c < 0x20 || c > 0x7e) && c != '\n' && c != '\t' {
				return false
			}
		}
		return true
	}
	check := func(w [8]byte) {
		if got := plainASCII(binary.LittleEndian.Uint64(w[:])); got != naive(w) {
			t.Fatalf("plainASCII(%q) = %v", w, got)
		}
	}
	for at := range 8 {
		for c := range 256 {
			w := [8]byte{'a', 'b', ' ', '~', 'z', '0', 'A', '!'}
			w[at] = byte(c)
			check(w)
		}
	}
	for _, at := range []int{0, 3, 6} {
		for c := range 1 << 16 {
			w := [8]byte{'a', 'b', ' ', '~', 'z', '0', 'A', '!'}
			w[at], w[at+1] = byte(c), byte(c>>8)
			check(w)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		var w [8]byte
		for i := range w {
			w[i] = byte(rng.IntN(256))
			if rng.IntN(4) > 0 {
				w[i] = byte(0x1e + rng.IntN(0x63)) // near the edges, often
			}
			if rng.IntN(8) == 0 {
				w[i] = "\n\t"[rng.IntN(2)]
			}
		}
		check(w)
	}
}
