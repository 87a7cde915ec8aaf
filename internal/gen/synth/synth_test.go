package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

func TestDeterministic(t *testing.T) {
	a, b := synth.Generate(300, 7), synth.Generate(300, 7)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s, %s", i, a[i].Path, b[i].Path)
		}
	}
	c := synth.Generate(300, 8)
	same := 0
	for i := range min(len(a), len(c)) {
		if bytes.Equal(a[i].Data, c[i].Data) {
			same++
		}
	}
	if same > 3 { // the three taxonomy _index.md files
		t.Errorf("seeds 7 and 8 share %d files", same)
	}
}

// TestShape checks that a generated taxonomy looks like a real one to the
// loader and the graph.
func TestShape(t *testing.T) {
	const n = 2000
	files := synth.Generate(n, 1)
	res := loader.LoadFS(synth.FS(files), nil, loader.Options{})
	for _, p := range res.Problems {
		t.Errorf("loading: %v", p)
	}
	g := model.New(res.Terms)

	var defined, both, accented, sized int
	var kinds [model.NumKinds]int
	var size int
	for _, f := range files {
		size += len(f.Data)
	}
	for _, term := range g.Terms() {
		if !term.Defined {
			continue
		}
		defined++
		kinds[term.Kind]++
		if term.AltPath != "" {
			both++
		}
		if len(term.Title) != utf8.RuneCountInString(term.Title) {
			accented++
		}
		for k, want := range [model.NumKinds][2]int{{1, 2}, {1, 3}, {5, 15}} {
			if got := len(term.RefsOf(model.Kind(k))); got < want[0] || got > want[1] {
				t.Errorf("%s lists %d %s, want %d to %d", term.ID, got, model.Kind(k).Taxonomy(), want[0], want[1])
			}
		}
		parts := model.ParseInstructions(term.Instructions)
		if parts.Use == "" || parts.Exclude == "" {
			t.Errorf("%s: Instructions without both parts: %+v", term.ID, parts)
		}
		if term.Description != "" && term.Abstract != "" && term.Body != "" {
			sized++
		}
	}
	if defined != n {
		t.Errorf("%d defined terms, want %d", defined, n)
	}
	share := func(x int) float64 { return float64(x) / float64(n) * 100 }
	if c, cat := share(kinds[model.Concept]), share(kinds[model.Category]); c < 2 || c > 6 || cat < 12 || cat > 20 {
		t.Errorf("concepts %.1f%%, categories %.1f%%", c, cat)
	}
	if b := share(both); b < 1.5 || b > 5 {
		t.Errorf("%.1f%% of terms in both layouts", b)
	}
	if a := share(accented); a < 1 || a > 4 {
		t.Errorf("%.1f%% of titles beyond ASCII", a)
	}
	if avg := size / n; avg < 4000 || avg > 6500 {
		t.Errorf("%d bytes a term, want about 5 KB", avg)
	}
	if sized != n {
		t.Errorf("%d terms with description, abstract and body, want %d", sized, n)
	}
	missing := 0
	refs := 0
	for _, term := range g.Terms() {
		refs += len(g.Backlinks(term))
		if !term.Defined {
			missing += len(g.Backlinks(term))
		}
	}
	if m := float64(missing) / float64(refs) * 100; m < 1.5 || m > 5 {
		t.Errorf("%.1f%% of references to missing terms", m)
	}
	if p := len(g.Problems()); p != missing {
		t.Errorf("%d graph problems, want one per missing reference (%d)", p, missing)
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files := synth.Generate(50, 3)
	if err := synth.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Terms) != 50 || len(res.Problems) != 0 {
		t.Errorf("%d terms, problems %v", len(res.Terms), res.Problems)
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(files[5].Path)))
	if err != nil || !bytes.Equal(data, files[5].Data) {
		t.Errorf("%s on disk differs: %v", files[5].Path, err)
	}
	if err := synth.Write(dir, files); err == nil || !strings.Contains(err.Error(), "already holds a content folder") {
		t.Errorf("writing twice: %v", err)
	}
}

// TestFS checks the in-memory file system against io/fs's rules.
func TestFS(t *testing.T) {
	files := synth.Generate(40, 2)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if err := fstest.TestFS(synth.FS(files), paths...); err != nil {
		t.Fatal(err)
	}
}

func TestCachedWritesOnceAndAgainWhenStale(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir, err := synth.Cached(20, 5)
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load(dir, loader.Options{})
	if err != nil || len(res.Terms) != 20 {
		t.Fatalf("the cached folder loads %d terms (%v), want 20", len(res.Terms), err)
	}
	mark := filepath.Join(dir, "content", "tags", "mark.md")
	if err := os.WriteFile(mark, []byte("---\ntitle: Mark\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, err := synth.Cached(20, 5); err != nil || again != dir {
		t.Fatalf("second call: %q, %v", again, err)
	}
	if _, err := os.Stat(mark); err != nil {
		t.Fatal("a folder written whole was written again")
	}
	// A folder left half-written has no stamp.
	if err := os.Remove(filepath.Join(dir, ".taxo-synth")); err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Cached(20, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Fatal("a half-written folder was kept")
	}
	if res, err := loader.Load(dir, loader.Options{}); err != nil || len(res.Terms) != 20 {
		t.Fatalf("the folder written again loads %d terms (%v), want 20", len(res.Terms), err)
	}
}
