package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"taxo/internal/cli"
)

// TestSearchKeepsTheIndex checks that search keeps the index it built in
// the index cache and that a second search reads it (the file is not
// written again) and finds exactly what an index built anew does; that an
// index kept for terms since edited is built anew; and that --no-cache
// keeps none.
func TestSearchKeepsTheIndex(t *testing.T) {
	dir := learnedSite(t)
	term := filepath.Join(dir, "content", "tags", "bread", "_index.md")
	writeTerm := func(description string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(term), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(term, []byte("---\ntitle: Bread\ndescription: "+description+"\n---\nBake it.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeTerm("A starter and a dough.")
	search := func(env map[string]string, args ...string) string {
		t.Helper()
		code, out, errOut := searchRun(t, "", env, append([]string{"search", "-d", dir, "--json"}, args...)...)
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return out
	}
	want := search(nil, "starter dough", "--no-cache")
	home := t.TempDir()
	env := map[string]string{"XDG_CACHE_HOME": home}
	kept := func() os.FileInfo {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(home, "taxo", "*-k*.idx"))
		if err != nil || len(files) != 1 {
			t.Fatalf("kept %q, %v; want one index", files, err)
		}
		info, err := os.Stat(files[0])
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	if got := search(env, "starter dough"); got != want {
		t.Fatalf("an index built and kept finds\n%s\nwant\n%s", got, want)
	}
	first := kept()
	if got := search(env, "starter dough"); got != want {
		t.Errorf("the kept index finds\n%s\nwant\n%s", got, want)
	}
	if !os.SameFile(first, kept()) {
		t.Error("the index was built and kept again, not read")
	}

	writeTerm("A starter, a starter again, a dough.")
	want = search(nil, "starter dough", "--no-cache")
	if got := search(env, "starter dough"); got != want {
		t.Errorf("after an edit, finds\n%s\nwant\n%s", got, want)
	}
	if os.SameFile(first, kept()) {
		t.Error("the index of the terms as they were is still kept")
	}

	noCache := map[string]string{"XDG_CACHE_HOME": t.TempDir()}
	search(noCache, "starter dough", "--no-cache")
	if files, _ := filepath.Glob(filepath.Join(noCache["XDG_CACHE_HOME"], "taxo", "*")); len(files) != 0 {
		t.Errorf("--no-cache wrote %q", files)
	}
}
