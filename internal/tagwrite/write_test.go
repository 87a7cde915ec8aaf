package tagwrite_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"taxo/internal/tagwrite"
)

const (
	page   = "---\ntitle: x\ntags: [a]\n---\nbody\n"
	tagged = "---\ntitle: x\ntags: [a, b]\n---\nbody\n"
)

// newSite makes a site folder holding content/post.md and returns the
// folder and the page's path.
func newSite(t *testing.T) (string, string) {
	t.Helper()
	root := t.TempDir()
	path := filepath.Join(root, "content", "post.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(page), 0o640); err != nil {
		t.Fatal(err)
	}
	return root, path
}

func fileHolds(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds\n%s\nwant\n%s", path, got, want)
	}
}

// noTemporaryFiles checks that no temporary file is left beside the page.
func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".taxo-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWrite(t *testing.T) {
	root, path := newSite(t)
	u, err := tagwrite.Writer{Root: root}.Write(path, []byte(page), []byte(tagged))
	if err != nil {
		t.Fatal(err)
	}
	fileHolds(t, path, tagged)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own -rw-r-----", info.Mode().Perm())
	}
	noTemporaryFiles(t, filepath.Dir(path))
	if u.Path != path || string(u.Before) != page || string(u.After) != tagged {
		t.Errorf("undo record %+v", u)
	}
}

func TestWriteRefusesAFileChangedSinceRead(t *testing.T) {
	root, path := newSite(t)
	theirs := page + "their edit\n"
	if err := os.WriteFile(path, []byte(theirs), 0o640); err != nil {
		t.Fatal(err)
	}
	_, err := tagwrite.Writer{Root: root}.Write(path, []byte(page), []byte(tagged))
	if !errors.Is(err, tagwrite.ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if want := "cannot write " + path + ": the file changed on disk since it was read"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	fileHolds(t, path, theirs)
}

// TestWriteRefusesAChangeDuringTheWrite: another program saves the page
// while taxo writes its temporary file; the other program's save is kept.
func TestWriteRefusesAChangeDuringTheWrite(t *testing.T) {
	root, path := newSite(t)
	theirs := page + "their edit\n"
	w := tagwrite.WithBeforeRename(tagwrite.Writer{Root: root}, func(string) {
		if err := os.WriteFile(path, []byte(theirs), 0o640); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := w.Write(path, []byte(page), []byte(tagged)); !errors.Is(err, tagwrite.ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	fileHolds(t, path, theirs)
	noTemporaryFiles(t, filepath.Dir(path))
}

func TestWriteRefusesAReadOnlyFile(t *testing.T) {
	root, path := newSite(t)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	_, err := tagwrite.Writer{Root: root}.Write(path, []byte(page), []byte(tagged))
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("err = %v, want it to say the file is read-only", err)
	}
	fileHolds(t, path, page)
}

func TestWriteRefusesWhatIsNotAPageOfTheSite(t *testing.T) {
	root, path := newSite(t)
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	linkOut := filepath.Join(root, "content", "out.md")
	linkTerm := filepath.Join(root, "content", "term-link.md")
	term := filepath.Join(root, "content", "tags", "a", "_index.md")
	for _, err := range []error{
		os.Symlink(outside, linkOut),
		os.MkdirAll(filepath.Dir(term), 0o755),
		os.WriteFile(term, []byte(page), 0o644),
		os.Symlink(term, linkTerm),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	isTerm := func(p string) bool { return strings.Contains(filepath.ToSlash(p), "/tags/") }
	w := tagwrite.Writer{Root: root, IsTermFile: isTerm}
	tests := []struct {
		name, path string
		want       error
	}{
		{"a link out of the site", linkOut, tagwrite.ErrOutsideSite},
		{"a file outside the site", outside, tagwrite.ErrOutsideSite},
		{"a term file", term, tagwrite.ErrTermFile},
		{"a link to a term file", linkTerm, tagwrite.ErrTermFile},
		{"a folder", filepath.Dir(path), nil},
		{"no site given", path, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := w
			if tt.name == "no site given" {
				w.Root = ""
			}
			_, err := w.Write(tt.path, []byte(page), []byte(tagged))
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	fileHolds(t, outside, page)
	fileHolds(t, term, page)
	fileHolds(t, path, page)
}

// TestWriteThroughALinkInTheSite: a page that is a link to another file of
// the site is written where it leads, and stays a link.
func TestWriteThroughALinkInTheSite(t *testing.T) {
	root, path := newSite(t)
	link := filepath.Join(root, "content", "alias.md")
	if err := os.Symlink("post.md", link); err != nil {
		t.Fatal(err)
	}
	if _, err := (tagwrite.Writer{Root: root}).Write(link, []byte(page), []byte(tagged)); err != nil {
		t.Fatal(err)
	}
	fileHolds(t, path, tagged)
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v, %v", info, err)
	}
}

func TestUndo(t *testing.T) {
	root, path := newSite(t)
	w := tagwrite.Writer{Root: root}
	u, err := w.Write(path, []byte(page), []byte(tagged))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Undo(u); err != nil {
		t.Fatal(err)
	}
	fileHolds(t, path, page)
	// Undone once, the record no longer matches the file.
	if err := w.Undo(u); !errors.Is(err, tagwrite.ErrChanged) {
		t.Fatalf("second undo: err = %v, want ErrChanged", err)
	}
	fileHolds(t, path, page)
}

func TestJournal(t *testing.T) {
	root, _ := newSite(t)
	w := tagwrite.Writer{Root: root}
	var j tagwrite.Journal
	j.Command = "taxo retag a b"
	paths := make([]string, 3)
	for i := range paths {
		paths[i] = filepath.Join(root, "content", fmt.Sprintf("p%d.md", i))
		if err := os.WriteFile(paths[i], []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		u, err := w.Write(paths[i], []byte(page), []byte(tagged))
		if err != nil {
			t.Fatal(err)
		}
		j.Files = append(j.Files, u)
	}
	journal := filepath.Join(t.TempDir(), "state", "retag.json")
	if err := tagwrite.SaveJournal(journal, j); err != nil {
		t.Fatal(err)
	}
	// Someone edits one page after the retag.
	if err := os.WriteFile(paths[1], []byte(tagged+"more\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	read, err := tagwrite.ReadJournal(journal)
	if err != nil {
		t.Fatal(err)
	}
	undone, err := w.UndoAll(read)
	if undone != 2 || !errors.Is(err, tagwrite.ErrChanged) || !strings.Contains(err.Error(), paths[1]) {
		t.Fatalf("UndoAll = %d, %v; want 2 and the changed page named", undone, err)
	}
	fileHolds(t, paths[0], page)
	fileHolds(t, paths[1], tagged+"more\n")
	fileHolds(t, paths[2], page)
}

// The tests below run a helper process: the test binary again, told by
// TAGWRITE_HELPER what to do.

func TestMain(m *testing.M) {
	if mode := os.Getenv("TAGWRITE_HELPER"); mode != "" {
		os.Exit(helper(mode, os.Getenv("TAGWRITE_ROOT"), os.Getenv("TAGWRITE_PATH")))
	}
	os.Exit(m.Run())
}

// helper writes the page as Write would and reports how it went: "crash"
// stops the process between the temporary file and the rename, as a power
// cut or kill -9 would; "write" prints the error.
func helper(mode, root, path string) int {
	w := tagwrite.Writer{Root: root}
	if mode == "crash" {
		w = tagwrite.WithBeforeRename(w, func(string) { os.Exit(3) })
	}
	_, err := w.Write(path, []byte(page), []byte(tagged))
	fmt.Println(err)
	return 0
}

func runHelper(t *testing.T, mode, root, path string, attr *syscall.SysProcAttr, exe string) string {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "TAGWRITE_HELPER="+mode, "TAGWRITE_ROOT="+root, "TAGWRITE_PATH="+path)
	cmd.SysProcAttr = attr
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !(mode == "crash" && errors.As(err, &exit) && exit.ExitCode() == 3) {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestWriteStoppedBeforeTheRename: a writer stopped once its temporary
// file is written leaves the page whole; the next write works.
func TestWriteStoppedBeforeTheRename(t *testing.T) {
	root, path := newSite(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	runHelper(t, "crash", root, path, nil, exe)
	fileHolds(t, path, page)
	left, _ := filepath.Glob(filepath.Join(root, "content", ".post.md.taxo-*.tmp"))
	if len(left) != 1 {
		t.Fatalf("the stopped writer left %q, want its one temporary file", left)
	}
	fileHolds(t, left[0], tagged)
	// A later write removes the leftover once it is a few minutes old.
	old := time.Now().Add(-5 * time.Minute)
	if err := os.Chtimes(left[0], old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := (tagwrite.Writer{Root: root}).Write(path, []byte(page), []byte(tagged)); err != nil {
		t.Fatal(err)
	}
	fileHolds(t, path, tagged)
	noTemporaryFiles(t, filepath.Dir(path))
}
