//go:build unix

package loader

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadDirAsOS checks that the loader reads a folder's entries as
// os.ReadDir does: the same names in order, the same types, the same
// Info, for a file, a folder, a link and a named pipe.
func TestReadDirAsOS(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(filepath.Join(sub, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "b.md"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b.md", filepath.Join(sub, "a-link.md")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(sub, "pipe"), 0o600); err != nil {
		t.Logf("no named pipe: %v", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys := newRootFS(root)
	defer fsys.Close()
	got, err := fsys.ReadDir("sub")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadDir(sub)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, os.ReadDir gives %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name() != w.Name() || g.Type() != w.Type() || g.IsDir() != w.IsDir() {
			t.Errorf("entry %d: %s %v, os.ReadDir gives %s %v", i, g.Name(), g.Type(), w.Name(), w.Type())
		}
		gi, gerr := g.Info()
		wi, werr := w.Info()
		if gerr != nil || werr != nil {
			t.Fatalf("Info: %v, %v", gerr, werr)
		}
		if gi.Mode() != wi.Mode() || gi.Size() != wi.Size() || !gi.ModTime().Equal(wi.ModTime()) {
			t.Errorf("%s: Info %v %d, os gives %v %d", g.Name(), gi.Mode(), gi.Size(), wi.Mode(), wi.Size())
		}
		if fs.FormatDirEntry(g) != fs.FormatDirEntry(w) {
			t.Errorf("%s: %s, os gives %s", g.Name(), fs.FormatDirEntry(g), fs.FormatDirEntry(w))
		}
	}
	if _, err := fsys.ReadDir("sub/b.md"); err == nil {
		t.Error("a file read as a folder gives no error")
	}
	if _, err := fsys.ReadDir("missing"); err == nil {
		t.Error("a missing folder gives no error")
	}
}
