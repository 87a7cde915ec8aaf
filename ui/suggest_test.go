package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"taxo/model"
)

// sauerkraut is a piece of content about lacto-fermentation, relative to
// the package's folder, where the tests run.
const sauerkraut = "testdata/content/sauerkraut.md"

func TestSuggestForAFile(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("S")
	if d.m.mode != modeSuggestPrompt {
		t.Fatalf("S: mode %v", d.m.mode)
	}
	d.wantScreen("Suggest terms for a piece of content", "file: ", "tab completes · enter suggests · esc closes")
	d.typeText(sauerkraut).keys("enter")
	if d.m.mode != modeSuggestions {
		t.Fatalf("enter: mode %v, problem %q", d.m.mode, d.m.suggest.problem)
	}
	got := d.m.suggest.got
	top := func(k model.Kind) []model.ID {
		var ids []model.ID
		for _, sg := range got[k][:min(3, len(got[k]))] {
			ids = append(ids, sg.Term.ID)
		}
		return ids
	}
	if !slices.Contains(top(model.Tag), "tags/lacto-fermentation") {
		t.Errorf("the top tags for sauerkraut are %v", top(model.Tag))
	}
	if !slices.Contains(top(model.Category), "categories/fermentation") {
		t.Errorf("the top categories for sauerkraut are %v", top(model.Category))
	}
	// Per kind, each with its score and the first line of its Instructions.
	lacto := d.m.tx.Graph.Get("tags/lacto-fermentation")
	d.wantScreen("Terms for "+sauerkraut, "Concepts", "Categories", "Tags", "Lacto-Fermentation",
		"Use this tag only for vegetables or fruit soured by lactic acid bacteria")
	for _, sg := range got[model.Tag] {
		if sg.Term == lacto {
			d.wantScreen(strconv.FormatFloat(sg.Score, 'f', 2, 64) + "  # Lacto-Fermentation")
		}
	}

	// enter opens the selected term.
	i := slices.Index(d.m.suggest.items, lacto)
	for range i {
		d.keys("j")
	}
	d.keys("enter")
	if d.m.mode != modeBrowse || d.shown() != lacto.ID || d.m.focus != paneDetail {
		t.Fatalf("enter on Lacto-Fermentation: mode %v, shown %s, focus %v", d.m.mode, d.shown(), d.m.focus)
	}
	// S again has the file typed, for another go or another file.
	d.keys("S")
	if d.m.suggest.input.Value() != sauerkraut {
		t.Fatalf("S again holds %q", d.m.suggest.input.Value())
	}
	d.keys("esc")
	if d.m.mode != modeBrowse {
		t.Fatalf("esc in the prompt: mode %v", d.m.mode)
	}
}

func TestSuggestSaysWhyAFileGivesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.md", nil)
	blank := write("blank.md", []byte("---\ntitle: \"\"\n---\n\n   \n"))
	binary := write("photo.md", []byte("\x89PNG\x00\x00\x00\rIHDR"))
	big := write("big.md", []byte(strings.Repeat("a", maxContentSize+1)))
	locked := write("locked.md", []byte("text"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, says string }{
		{"missing.md", "missing.md: no such file or directory"},
		{".", ". is a folder: name a file in it"},
		{empty, "empty.md is empty"},
		{blank, "blank.md is empty"},
		{binary, "photo.md is not text"},
		{big, "more than the 4 MiB a piece of content may be"},
		{"", "Type the path of a file"},
	} {
		d := newDriver(t, 120, 40, nil)
		d.m.suggest.cwd = dir // relative paths are relative to it
		d.keys("S").typeText(strings.TrimPrefix(tc.path, dir+"/")).keys("enter")
		if d.m.mode != modeSuggestPrompt || !strings.Contains(d.m.suggest.problem, tc.says) {
			t.Errorf("%s: mode %v, problem %q; want %q", tc.path, d.m.mode, d.m.suggest.problem, tc.says)
			continue
		}
		d.wantScreen(tc.says)
		// Typing again clears it.
		d.typeText("x")
		if d.m.suggest.problem != "" {
			t.Errorf("%s: typing leaves the problem", tc.path)
		}
	}
	if os.Getuid() != 0 { // root reads anything
		d := newDriver(t, 120, 40, nil)
		d.keys("S").typeText(locked).keys("enter")
		if !strings.Contains(d.m.suggest.problem, "permission denied") {
			t.Errorf("a file that cannot be read: %q", d.m.suggest.problem)
		}
	}
}

// Content whose front matter cannot be read is matched whole, and the
// suggestions say so.
func TestSuggestWithBrokenFrontMatter(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "post.md")
	if err := os.WriteFile(p, []byte("---\ntitle: [unclosed\n---\nSalt, brine and lactic acid bacteria sour the cabbage.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 120, 40, nil)
	d.keys("S").typeText(p).keys("enter")
	if d.m.mode != modeSuggestions {
		t.Fatalf("mode %v, problem %q", d.m.mode, d.m.suggest.problem)
	}
	d.wantScreen("post.md:3: error: invalid YAML front matter", "its front matter was matched as text")
	if len(d.m.suggest.got[model.Tag]) == 0 {
		t.Fatal("no tag fits")
	}
}

func TestSuggestExpandsHomeAndCompletesPaths(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "posts", "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sauerkraut)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "posts", "2025", "kraut.md"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 120, 40, map[string]string{"HOME": home})
	d.keys("S").typeText("~/po").keys("tab")
	if v := d.m.suggest.input.Value(); v != "~/posts/" {
		t.Fatalf("tab after ~/po: %q", v)
	}
	d.keys("tab")
	if v := d.m.suggest.input.Value(); v != "~/posts/2025/" {
		t.Fatalf("tab after ~/posts/: %q", v)
	}
	d.keys("tab", "enter")
	if d.m.mode != modeSuggestions || d.m.suggest.path != "~/posts/2025/kraut.md" {
		t.Fatalf("~/posts/2025/kraut.md: mode %v, path %q, problem %q", d.m.mode, d.m.suggest.path, d.m.suggest.problem)
	}
}

func TestCompletePath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, p := range []string{"notes/a.md", "notes/b.md", "news.md", ".hidden.md", "post.md"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "notes"), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		typed, want string
		choices     []string
	}{
		{"po", "post.md", nil},
		{"ne", "news.md", nil},
		{"n", "n", []string{"news.md", "notes/"}},
		{"no", "notes/", nil},
		{"notes/", "notes/", []string{"a.md", "b.md"}},
		{"li", "linked/", nil},
		{".h", ".hidden.md", nil},
		{"", "", []string{"linked/", "news.md", "notes/", "post.md"}},
		{"zz", "zz", nil},
		{"missing/x", "missing/x", nil},
		{"~/no", "~/notes/", nil},
		{dir + "/po", dir + "/post.md", nil},
	} {
		got, choices := completePath(tc.typed, dir, dir)
		if got != tc.want || !slices.Equal(choices, tc.choices) {
			t.Errorf("completePath(%q) = %q, %q; want %q, %q", tc.typed, got, choices, tc.want, tc.choices)
		}
	}
}

func TestExpandPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"post.md", "/work/site/post.md"},
		{"../post.md", "/work/post.md"},
		{"~/post.md", "/home/me/post.md"},
		{"~", "/home/me"},
		{"~other/post.md", "/work/site/~other/post.md"},
		{"/abs/post.md", "/abs/post.md"},
	} {
		if got := expandPath(tc.in, "/work/site", "/home/me"); got != tc.want {
			t.Errorf("expandPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSuggestionsMarkAndCompare(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("S").typeText(sauerkraut).keys("enter")
	first := d.m.suggest.selected()
	d.keys("m")
	if d.m.mark != first.ID {
		t.Fatalf("m on the suggestions marks %q, want %s", d.m.mark, first.ID)
	}
	d.keys("j", "c")
	if d.m.mode != modeCompare || d.m.compare.a != first || d.m.compare.b != d.m.suggest.items[1] {
		t.Fatalf("c on the suggestions: mode %v", d.m.mode)
	}
	d.keys("esc")
	if d.m.mode != modeSuggestions {
		t.Fatalf("esc from the compare screen goes to mode %v, want the suggestions", d.m.mode)
	}
	d.keys("esc")
	if d.m.mode != modeBrowse {
		t.Fatalf("esc from the suggestions: mode %v", d.m.mode)
	}
}
