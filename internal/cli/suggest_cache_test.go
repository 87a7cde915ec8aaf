package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"taxo/internal/cli"
)

// modelFiles are the learned models the index cache under home keeps.
func modelFiles(t *testing.T, home string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(home, "taxo", "*-k*.idx"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// suggestJSON runs taxo suggest --json on file in dir with env, and fails
// the test unless it succeeds.
func suggestJSON(t *testing.T, env map[string]string, dir, file string, flags ...string) string {
	t.Helper()
	code, out, errOut := searchRun(t, "", env, append([]string{"suggest", "-d", dir, file, "--json"}, flags...)...)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	return out
}

// TestSuggestKeepsTheModel checks that suggest keeps the model it learned
// in the index cache and that a second suggest reads it (the file is not
// written again) and suggests exactly what a model built anew does; that a
// kept model that is spoilt, or was learned from pages since edited, is
// learned anew without a word; that --no-cache and TAXO_NO_CACHE neither
// read nor write one; and that nothing is written inside the site.
func TestSuggestKeepsTheModel(t *testing.T) {
	dir := learnedSite(t)
	post := filepath.Join(t.TempDir(), "post.md")
	if err := os.WriteFile(post, []byte("---\ntitle: My first loaf\n---\nMy starter doubled, so I shaped the dough and baked the loaf in a pot.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := cli.FileContents(t, dir)
	want := suggestJSON(t, nil, dir, post, "--no-cache")
	home := t.TempDir()
	env := map[string]string{"XDG_CACHE_HOME": home}

	if got := suggestJSON(t, env, dir, post); got != want {
		t.Fatalf("a model built and kept suggests\n%s\nwant\n%s", got, want)
	}
	files := modelFiles(t, home)
	if len(files) != 1 {
		t.Fatalf("kept models %q, want one", files)
	}
	kept := files[0]
	stat := func() os.FileInfo {
		t.Helper()
		info, err := os.Stat(kept)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	first := stat()
	if got := suggestJSON(t, env, dir, post); got != want {
		t.Errorf("the kept model suggests\n%s\nwant\n%s", got, want)
	}
	if !os.SameFile(first, stat()) {
		t.Error("the kept model was written again: it was not read")
	}

	good, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	spoil := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"cut short", good[:len(good)/2]},
		{"a byte changed", func() []byte {
			b := append([]byte(nil), good...)
			b[len(b)*3/4] ^= 0x10
			return b
		}()},
	}
	for _, sp := range spoil {
		t.Run(sp.name, func(t *testing.T) {
			if err := os.WriteFile(kept, sp.data, 0o600); err != nil {
				t.Fatal(err)
			}
			if got := suggestJSON(t, env, dir, post); got != want {
				t.Errorf("suggests\n%s\nwant\n%s", got, want)
			}
			if again, err := os.ReadFile(kept); err != nil || string(again) != string(good) {
				t.Errorf("the model was not kept anew: %d bytes, %v", len(again), err)
			}
		})
	}

	t.Run("a page edited", func(t *testing.T) {
		page := filepath.Join(dir, "content", "post", "bike-03.md")
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(page, append(text, "The starter and the dough went on the bike.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := os.WriteFile(page, text, 0o644); err != nil {
				t.Fatal(err)
			}
		}()
		want := suggestJSON(t, nil, dir, post, "--no-cache")
		old := stat()
		if got := suggestJSON(t, env, dir, post); got != want {
			t.Errorf("suggests\n%s\nwant\n%s", got, want)
		}
		if os.SameFile(old, stat()) {
			t.Error("the model learned from the page as it was is still kept")
		}
	})

	for _, tc := range []struct {
		name  string
		env   map[string]string
		flags []string
	}{
		{"--no-cache", map[string]string{}, []string{"--no-cache"}},
		{"TAXO_NO_CACHE", map[string]string{"TAXO_NO_CACHE": "1"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			tc.env["XDG_CACHE_HOME"] = home
			if err := os.MkdirAll(filepath.Join(home, "taxo"), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(home, "taxo", filepath.Base(kept)), good, 0o600); err != nil {
				t.Fatal(err)
			}
			if got := suggestJSON(t, tc.env, dir, post, tc.flags...); got != want {
				t.Errorf("suggests\n%s\nwant\n%s", got, want)
			}
			if files, _ := filepath.Glob(filepath.Join(home, "taxo", "*")); len(files) != 1 {
				t.Errorf("files in the cache %q, want the model put there alone", files)
			}
		})
	}

	after := cli.FileContents(t, dir)
	if len(after) != len(before) {
		t.Errorf("the site has %d files, had %d", len(after), len(before))
	}
	for p, text := range before {
		if after[p] != text {
			t.Errorf("%s changed", p)
		}
	}
}

// TestSuggestKeptModelOnARealSite checks, on a real site when it is beside
// the project, that the kept model suggests for one of its posts exactly
// what a model built anew does.
func TestSuggestKeptModelOnARealSite(t *testing.T) {
	dir := "../../../shared/corpus/hugo-sites/fireship"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("the real sites are not beside the project")
	}
	post := filepath.Join(dir, "content", "lessons", "flutter-ipod", "index.md")
	want := suggestJSON(t, nil, dir, post, "--no-cache")
	env := map[string]string{"XDG_CACHE_HOME": t.TempDir()}
	for _, run := range []string{"built and kept", "read"} {
		if got := suggestJSON(t, env, dir, post); got != want {
			t.Errorf("the model %s suggests\n%s\nwant\n%s", run, got, want)
		}
		if len(modelFiles(t, env["XDG_CACHE_HOME"])) != 1 {
			t.Fatalf("%s: no model kept", run)
		}
	}
}

// TestSuggestKeptModelSeesAPageChanged checks, on a site whose files were
// written long enough ago for their stamps to be trusted (the second
// start then reads no page's body to check the kept model), that a page
// given other words of the same length, with another modification time or
// even with its old one put back, has the model learned again: suggest
// suggests what a model built anew from the page as it is does, not what
// it did before.
func TestSuggestKeptModelSeesAPageChanged(t *testing.T) {
	post := filepath.Join(t.TempDir(), "post.md")
	if err := os.WriteFile(post, []byte("---\ntitle: Chain and dough\n---\nI replaced the chain, then fed the starter flour and water.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-time.Hour)
	for _, tc := range []struct {
		name  string
		mtime time.Time
	}{
		{"another modification time", long.Add(time.Minute)},
		{"its modification time put back", long},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.mtime.Equal(long) && runtime.GOOS != "linux" {
				t.Skip("only a status change time tells a file whose time was put back, and it is read on Linux alone")
			}
			dir := learnedSite(t)
			ageFiles(t, dir, long)
			env := map[string]string{"XDG_CACHE_HOME": t.TempDir()}
			first := suggestJSON(t, env, dir, post)
			if again := suggestJSON(t, env, dir, post); again != first {
				t.Fatalf("the kept model suggests\n%s\nthe one built\n%s", again, first)
			}
			kept := modelFiles(t, env["XDG_CACHE_HOME"])
			if len(kept) != 1 {
				t.Fatalf("kept models %q, want one", kept)
			}
			old, err := os.Stat(kept[0])
			if err != nil {
				t.Fatal(err)
			}
			for i := range 12 {
				rewriteSameSize(t, filepath.Join(dir, "content", "post", fmt.Sprintf("bike-%02d.md", i)), tc.mtime)
			}
			want := suggestJSON(t, nil, dir, post, "--no-cache")
			if want == first {
				t.Fatal("the pages changed, but a model built anew suggests as before: the test tells nothing")
			}
			if got := suggestJSON(t, env, dir, post); got != want {
				t.Errorf("suggests\n%s\nwant\n%s", got, want)
			}
			if now, err := os.Stat(kept[0]); err != nil || os.SameFile(old, now) {
				t.Errorf("the model learned from the pages as they were is still kept (%v)", err)
			}
		})
	}
}

// ageFiles gives every file under dir the modification time mtime.
func ageFiles(t *testing.T, dir string, mtime time.Time) {
	t.Helper()
	for p := range cli.FileContents(t, dir) {
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}

// rewriteSameSize gives the page at path the bread sentences of
// learnedSite for its body's bike ones, as many bytes as it had, and the
// modification time mtime.
func rewriteSameSize(t *testing.T, path string, mtime time.Time) {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	front, body, ok := strings.Cut(string(text), "---\n\n")
	if !ok {
		front, body, _ = strings.Cut(string(text), "\n---\n")
		front += "\n---\n"
	} else {
		front += "---\n\n"
	}
	bread := strings.Repeat("Feed the levain flour and water, then score the loaf. ", 4)
	changed := front + bread[:len(body)-1] + "\n"
	if len(changed) != len(text) {
		t.Fatalf("rewritten %d bytes, was %d", len(changed), len(text))
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}
