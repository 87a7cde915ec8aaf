package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// sauerkraut is a piece of content about lacto-fermentation, relative to
// the package's folder, where the tests run.
const sauerkraut = "testdata/content/sauerkraut.md"

func TestSuggestForAFile(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("S")
	d.wantOn("suggest", "S")
	d.wantScreen("Suggest terms for a piece of content", "file: ", "tab completes · enter suggests · esc closes")
	d.typeText(sauerkraut).keys("enter")
	d.wantOn("suggestions", "enter")
	// The suggestions as taxo suggest makes them: the sample has no pages,
	// so the learned model ranks by the terms' text.
	content, err := os.ReadFile(sauerkraut)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := loader.ContentText(sauerkraut, content)
	got := fitsFor(learn.New(d.graph().Terms(), nil), d.graph(), learn.Content{Text: text}, suggestLimit)
	top := func(k model.Kind) []model.ID {
		var ids []model.ID
		for _, kf := range got {
			if kf.kind == k {
				for _, f := range kf.fits[:min(3, len(kf.fits))] {
					ids = append(ids, f.term.ID)
				}
			}
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
	d.wantScreen("Terms for "+sauerkraut, "Concepts", "Categories", "Tags", "Lacto-Fermentation",
		"Use this tag only for vegetables or fruit soured by lactic acid bacteria")
	var i int // the place of Lacto-Fermentation among the suggestions shown
	for _, kf := range got {
		for _, f := range kf.fits {
			if f.term.ID == "tags/lacto-fermentation" {
				d.wantScreen(f.scoreText() + "  # Lacto-Fermentation")
				break
			}
			i++
		}
	}

	// enter opens the selected term.
	for range i {
		d.keys("j")
	}
	d.keys("enter")
	d.wantOn("term", "enter on Lacto-Fermentation")
	if d.shown() != "tags/lacto-fermentation" {
		t.Fatalf("enter on Lacto-Fermentation shows %s", d.shown())
	}
	// S again has the file typed, for another go or another file.
	d.keys("S")
	d.wantScreen("file: " + sauerkraut)
	d.keys("esc")
	d.wantOn("term", "esc in the prompt")
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
	big := write("big.md", []byte(strings.Repeat("a", safe.MaxNamedFile+1)))
	locked := write("locked.md", []byte("text"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, says string }{
		{"missing.md", "missing.md: no such file or directory"},
		{".", ". is a folder, not a file: name a file in it (tab lists them)"},
		{"/dev/zero", "/dev/zero is a character device, not a regular file"},
		{empty, "empty.md is empty"},
		{blank, "blank.md is empty"},
		{binary, "photo.md is not text"},
		{big, "big.md is 4.0 MiB, over the 4 MiB limit"},
		{"", "Type the path of a file"},
	} {
		d := newDriverWith(t, 120, 40, nil, Options{WorkDir: dir}) // relative paths are relative to it
		d.keys("S").typeText(strings.TrimPrefix(tc.path, dir+"/")).keys("enter")
		d.wantOn("suggest", tc.path)
		d.wantScreen(tc.says)
		// Typing again clears it.
		d.typeText("x")
		d.wantNotScreen(tc.says)
	}
	if os.Getuid() != 0 { // root reads anything
		d := newDriver(t, 120, 40, nil)
		d.keys("S").typeText(locked).keys("enter")
		d.wantScreen("permission denied")
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
	d.wantOn("suggestions", "enter")
	d.wantScreen("post.md:3: error: invalid YAML front matter", "its front matter was matched as text")
	if tags := strings.SplitN(d.screen(), "Tags", 2)[1]; !strings.Contains(tags, "# ") {
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
	d.wantScreen("file: ~/posts/ ")
	d.keys("tab")
	d.wantScreen("file: ~/posts/2025/ ")
	d.keys("tab", "enter")
	d.wantOn("suggestions", "~/posts/2025/kraut.md")
	d.wantScreen("Terms for ~/posts/2025/kraut.md")
}

// TestSuggestCompletesOddNames: tab completes a name the prompt cannot
// hold as it is (control characters, a byte that is not UTF-8) to the name
// made safe to show, and the file it names is the one read (issue 15).
func TestSuggestCompletesOddNames(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(sauerkraut)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, shown string }{
		{"escape", "kraut\x1b[2J.md", "kraut␛[2J.md"},
		{"tab", "kraut\tnotes.md", "kraut    notes.md"},
		{"not UTF-8", "kraut\xff.md", `kraut\xff.md`},
		{"in a folder", "posts\x07/kraut.md", "posts␇/kraut.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, tc.file)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			d := newDriverWith(t, 120, 40, nil, Options{WorkDir: dir})
			d.keys("S")
			// Each part of the path: its first letter, then tab.
			for part := range strings.SplitSeq(tc.file, "/") {
				d.typeText(part[:1]).keys("tab")
			}
			d.wantScreen("file: " + tc.shown)
			d.keys("enter")
			d.wantOn("suggestions", "enter on "+tc.shown)
			d.wantScreen("Terms for " + tc.shown)
		})
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
	// The first concept is selected, the second below it.
	var concepts []string
	for _, l := range strings.Split(d.screen(), "\n") {
		if i := strings.Index(l, "◆ "); i >= 0 {
			concepts = append(concepts, strings.Fields(l[i+len("◆ "):])[0])
		}
	}
	if len(concepts) < 2 {
		t.Fatalf("fewer than two concepts fit:\n%s", d.screen())
	}
	d.keys("m")
	d.wantScreen("marked: " + concepts[0])
	d.keys("j", "c")
	d.wantOn("compare", "c on the suggestions")
	if screen := d.screen(); !strings.Contains(screen, "◆ "+concepts[0]) || strings.Index(screen, "◆ "+concepts[1]) < strings.Index(screen, "◆ "+concepts[0]) {
		t.Fatalf("the compare screen does not show %s, then %s:\n%s", concepts[0], concepts[1], screen)
	}
	d.keys("esc")
	d.wantOn("suggestions", "esc from the compare screen")
	d.keys("esc")
	d.wantOn("list", "esc from the suggestions")
}

// TestSuggestForTextPasted pastes a piece of content into the prompt
// (bracketed paste): it is suggested for at once, the legend saying
// "text", not "file"; a path pasted is typed.
func TestSuggestForTextPasted(t *testing.T) {
	t.Parallel()
	content, err := os.ReadFile(sauerkraut)
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 120, 40, nil)
	d.keys("S")
	d.wantScreen("Paste text, or a markdown file relative to")
	d.send(tea.PasteMsg{Content: string(content)})
	d.wantOn("suggestions", "a paste")
	d.wantScreen("Terms for the text pasted (", "Lacto-Fermentation", "for this text")
	d.wantNotScreen("this file") // the legend says text: text pasted is no file

	d.keys("S")
	d.send(tea.PasteMsg{Content: sauerkraut})
	d.wantOn("suggest", "a path pasted")
	d.wantScreen("file: " + sauerkraut)
	d.keys("enter")
	d.wantScreen("Terms for "+sauerkraut, "Lacto-Fermentation")
}
