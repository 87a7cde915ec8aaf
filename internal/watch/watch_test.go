package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// site makes a small site root: content/tags/a/_index.md and a folder
// beside the taxonomy folders that the loader does not read.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "tags", "a", "_index.md"), "---\ntitle: A\n---\n")
	write(t, filepath.Join(dir, "content", "posts", "p.md"), "---\ntitle: P\n---\n")
	return dir
}

func watcher(t *testing.T, path string) *Watcher {
	t.Helper()
	w, err := New(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	return w
}

// changed waits up to a second for a change.
func changed(t *testing.T, w *Watcher, what string) {
	t.Helper()
	select {
	case <-w.Changes():
	case <-time.After(time.Second):
		t.Fatalf("%s: no change reported within a second", what)
	}
}

// quiet checks that no change is reported for a while.
func quiet(t *testing.T, w *Watcher, what string) {
	t.Helper()
	select {
	case <-w.Changes():
		t.Fatalf("%s: a change is reported", what)
	case <-time.After(150 * time.Millisecond):
	}
}

// drain takes a change that may or may not have been merged in yet.
func drain(w *Watcher) {
	time.Sleep(50 * time.Millisecond)
	select {
	case <-w.Changes():
	default:
	}
}

func TestWatcher(t *testing.T) {
	t.Parallel()
	dir := site(t)
	w := watcher(t, dir)
	tags := filepath.Join(dir, "content", "tags")

	write(t, filepath.Join(tags, "a", "_index.md"), "---\ntitle: A, edited\n---\n")
	changed(t, w, "a term edited")
	drain(w)

	write(t, filepath.Join(tags, "b.md"), "---\ntitle: B\n---\n")
	changed(t, w, "a term added")
	drain(w)

	// A folder made later is watched too, and so is what is put in it.
	write(t, filepath.Join(tags, "c", "_index.md"), "---\ntitle: C\n---\n")
	changed(t, w, "a term's folder made")
	drain(w)
	write(t, filepath.Join(tags, "c", "_index.md"), "---\ntitle: C, edited\n---\n")
	changed(t, w, "a term in a new folder edited")
	drain(w)

	if err := os.RemoveAll(filepath.Join(tags, "a")); err != nil {
		t.Fatal(err)
	}
	changed(t, w, "a term's folder removed")
	drain(w)

	// What the loader does not read does not count.
	write(t, filepath.Join(tags, ".b.md.swp"), "swap")
	write(t, filepath.Join(tags, "notes.txt"), "notes")
	write(t, filepath.Join(dir, "content", "posts", "p.md"), "---\ntitle: P2\n---\n")
	write(t, filepath.Join(dir, "content", "drafts", "d.md"), "---\ntitle: D\n---\n")
	quiet(t, w, "files the loader does not read")

	// A taxonomy folder made later is read by the loader, so it is watched.
	write(t, filepath.Join(dir, "content", "concepts", "x.md"), "---\ntitle: X\n---\n")
	changed(t, w, "a taxonomy folder made")
	drain(w)
	write(t, filepath.Join(dir, "content", "concepts", "x.md"), "---\ntitle: X2\n---\n")
	changed(t, w, "a term in a new taxonomy folder edited")
}

// A burst of changes comes out as one: the channel holds at most one.
func TestWatcherMergesABurst(t *testing.T) {
	t.Parallel()
	dir := site(t)
	w := watcher(t, dir)
	for i := range 50 {
		write(t, filepath.Join(dir, "content", "tags", "t"+string(rune('a'+i%26))+".md"), "---\ntitle: T\n---\n")
	}
	changed(t, w, "a burst")
	time.Sleep(100 * time.Millisecond)
	changes := 0
	for {
		select {
		case <-w.Changes():
			changes++
			continue
		default:
		}
		break
	}
	if changes > 1 {
		t.Fatalf("a burst read late gives %d more changes, want at most 1", changes)
	}
}

func TestWatcherOnOneFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "term.txt")
	write(t, file, "---\ntitle: T\n---\n")
	w := watcher(t, file)
	write(t, filepath.Join(dir, "other.md"), "---\ntitle: O\n---\n")
	quiet(t, w, "another file beside it")
	write(t, file, "---\ntitle: T2\n---\n")
	changed(t, w, "the file edited")
	drain(w)
	// Editors that save by renaming a new file over the old one.
	tmp := filepath.Join(dir, "term.txt.tmp")
	write(t, tmp, "---\ntitle: T3\n---\n")
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	changed(t, w, "the file replaced")
}

func TestWatcherOnAFolderOfTerms(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x.md"), "---\ntitle: X\n---\n")
	w := watcher(t, dir)
	write(t, filepath.Join(dir, "sub", "y.md"), "---\ntitle: Y\n---\n")
	changed(t, w, "a file in a new folder")
}

func TestCloseEndsChanges(t *testing.T) {
	t.Parallel()
	w, err := New(site(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case _, ok := <-w.Changes():
		if ok {
			t.Fatal("a change after Close")
		}
	case <-time.After(time.Second):
		t.Fatal("Changes is still open after Close")
	}
}

func TestNewOnAMissingPath(t *testing.T) {
	t.Parallel()
	if _, err := New(filepath.Join(t.TempDir(), "nowhere")); err == nil {
		t.Fatal("a missing path is watched")
	}
}

// TestWatcherSeesPermissionChanges: a folder or a file made unreadable and
// readable again changes what the loader reads (issue 15, defect 5).
func TestWatcherSeesPermissionChanges(t *testing.T) {
	t.Parallel()
	dir := site(t)
	sub := filepath.Join(dir, "content", "tags", "sub")
	write(t, filepath.Join(sub, "s.md"), "---\ntitle: S\n---\n")
	w := watcher(t, dir)
	for _, step := range []struct {
		path string
		mode os.FileMode
	}{{sub, 0}, {sub, 0o755}, {filepath.Join(sub, "s.md"), 0}, {filepath.Join(sub, "s.md"), 0o644}} {
		if err := os.Chmod(step.path, step.mode); err != nil {
			t.Fatal(err)
		}
		changed(t, w, "chmod "+step.mode.String()+" "+filepath.Base(step.path))
		drain(w)
	}
	// The folder is watched again once readable: what is made in it counts.
	write(t, filepath.Join(sub, "deeper", "d.md"), "---\ntitle: D\n---\n")
	changed(t, w, "a term in a folder made after chmod 755")
}

// TestWatcherComesBack: a taxonomy folder that is renamed or removed, then
// made again, is watched again (issue 15, defect 4); what happens beside it
// does not count.
func TestWatcherComesBack(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "T")
	write(t, filepath.Join(dir, "x.md"), "---\ntitle: X\n---\n")
	w := watcher(t, dir)

	write(t, filepath.Join(parent, "other.md"), "---\ntitle: O\n---\n")
	quiet(t, w, "a file beside the taxonomy")

	if err := os.Rename(dir, dir+".x"); err != nil {
		t.Fatal(err)
	}
	changed(t, w, "the taxonomy renamed")
	drain(w)
	if err := os.RemoveAll(dir + ".x"); err != nil {
		t.Fatal(err)
	}
	drain(w)
	write(t, filepath.Join(dir, "sub", "y.md"), "---\ntitle: Y\n---\n")
	changed(t, w, "the taxonomy made again")
	drain(w)
	write(t, filepath.Join(dir, "sub", "y.md"), "---\ntitle: Y2\n---\n")
	changed(t, w, "a term edited in the taxonomy made again")
}

// TestWatcherSiteContentComesBack: a site's content/ removed and made
// again is watched again.
func TestWatcherSiteContentComesBack(t *testing.T) {
	t.Parallel()
	dir := site(t)
	w := watcher(t, dir)
	content := filepath.Join(dir, "content")
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	changed(t, w, "content/ removed")
	drain(w)
	write(t, filepath.Join(content, "tags", "a", "_index.md"), "---\ntitle: A\n---\n")
	changed(t, w, "content/ made again")
	drain(w)
	write(t, filepath.Join(content, "tags", "a", "_index.md"), "---\ntitle: A2\n---\n")
	changed(t, w, "a term edited in the new content/")
	drain(w)
	write(t, filepath.Join(dir, "hugo.toml"), "title = 'x'\n")
	quiet(t, w, "the site's config")
}
