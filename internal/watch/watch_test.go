package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// watched watches path for a test, which reads the names of the changes
// passed on from the watched's passed.
type watched struct {
	*Watcher
	t      *testing.T
	passed chan string
}

func watcher(t *testing.T, path string) *watched {
	t.Helper()
	passed := make(chan string, 4096)
	w, err := newWatcher(path, passed)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	return &watched{Watcher: w, t: t, passed: passed}
}

// changed waits, up to a few seconds, for a change to path to be passed on,
// and returns the names of the changes passed on before it. The watcher
// tells passed after it has put the change on Changes, where it merges
// with the changes not read yet; the test empties Changes.
func (w *watched) changed(path, what string) []string {
	w.t.Helper()
	path = filepath.Clean(path)
	var before []string
	deadline := time.After(5 * time.Second)
	for {
		select {
		case name := <-w.passed:
			if name == path {
				select {
				case <-w.Changes():
				default:
				}
				return before
			}
			before = append(before, name)
		case <-deadline:
			w.t.Fatalf("%s: no change to %s passed on within 5 seconds", what, path)
		}
	}
}

func TestWatcher(t *testing.T) {
	t.Parallel()
	dir := site(t)
	w := watcher(t, dir)
	tags := filepath.Join(dir, "content", "tags")

	write(t, filepath.Join(tags, "a", "_index.md"), "---\ntitle: A, edited\n---\n")
	w.changed(filepath.Join(tags, "a", "_index.md"), "a term edited")

	write(t, filepath.Join(tags, "b.md"), "---\ntitle: B\n---\n")
	w.changed(filepath.Join(tags, "b.md"), "a term added")

	// A folder made later is watched too, and so is what is put in it.
	write(t, filepath.Join(tags, "c", "_index.md"), "---\ntitle: C\n---\n")
	w.changed(filepath.Join(tags, "c"), "a term's folder made")
	write(t, filepath.Join(tags, "c", "_index.md"), "---\ntitle: C, edited\n---\n")
	w.changed(filepath.Join(tags, "c", "_index.md"), "a term in a new folder edited")

	if err := os.RemoveAll(filepath.Join(tags, "a")); err != nil {
		t.Fatal(err)
	}
	w.changed(filepath.Join(tags, "a"), "a term's folder removed")

	// What the loader does not read does not count: the changes passed on
	// before the next term's are none of these.
	ignored := []string{
		filepath.Join(tags, ".b.md.swp"),
		filepath.Join(tags, "notes.txt"),
		filepath.Join(dir, "content", "posts", "p.md"),
		filepath.Join(dir, "content", "drafts", "d.md"),
	}
	for _, p := range ignored {
		write(t, p, "---\ntitle: ignored\n---\n")
	}
	write(t, filepath.Join(tags, "b.md"), "---\ntitle: B2\n---\n")
	for _, name := range w.changed(filepath.Join(tags, "b.md"), "a term after files the loader does not read") {
		if slices.Contains(ignored, name) || name == filepath.Join(dir, "content", "drafts") {
			t.Errorf("%s is passed on, which the loader does not read", name)
		}
	}

	// A taxonomy folder made later is read by the loader, so it is watched.
	write(t, filepath.Join(dir, "content", "concepts", "x.md"), "---\ntitle: X\n---\n")
	w.changed(filepath.Join(dir, "content", "concepts"), "a taxonomy folder made")
	write(t, filepath.Join(dir, "content", "concepts", "x.md"), "---\ntitle: X2\n---\n")
	w.changed(filepath.Join(dir, "content", "concepts", "x.md"), "a term in a new taxonomy folder edited")
}

// A burst of changes comes out as one: the channel holds at most one.
func TestWatcherMergesABurst(t *testing.T) {
	t.Parallel()
	dir := site(t)
	w := watcher(t, dir)
	files := make(map[string]bool)
	for i := range 50 {
		p := filepath.Join(dir, "content", "tags", "t"+string(rune('a'+i%26))+".md")
		write(t, p, "---\ntitle: T\n---\n")
		files[p] = true
	}
	// Every file's change has been passed on once its name has come.
	deadline := time.After(5 * time.Second)
	for len(files) > 0 {
		select {
		case name := <-w.passed:
			delete(files, name)
		case <-deadline:
			t.Fatalf("%d files of the burst never passed on", len(files))
		}
	}
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
	if changes != 1 {
		t.Fatalf("a burst read late gives %d changes, want 1", changes)
	}
}

func TestWatcherOnOneFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "term.txt")
	write(t, file, "---\ntitle: T\n---\n")
	w := watcher(t, file)
	write(t, filepath.Join(dir, "other.md"), "---\ntitle: O\n---\n")
	write(t, file, "---\ntitle: T2\n---\n")
	if before := w.changed(file, "the file edited"); len(before) > 0 {
		t.Errorf("another file beside it is passed on: %q", before)
	}
	// Editors that save by renaming a new file over the old one.
	tmp := filepath.Join(dir, "term.txt.tmp")
	write(t, tmp, "---\ntitle: T3\n---\n")
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	w.changed(file, "the file replaced")
}

func TestWatcherOnAFolderOfTerms(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x.md"), "---\ntitle: X\n---\n")
	w := watcher(t, dir)
	write(t, filepath.Join(dir, "sub", "y.md"), "---\ntitle: Y\n---\n")
	w.changed(filepath.Join(dir, "sub"), "a new folder")
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

// touched writes a new term file in dir, again and again until its change
// is passed on, for up to a few seconds: dir is watched. Every change that
// came before it has then been passed on too (a watcher's events come in
// order), so a test can tell what came after.
func (w *watched) touched(dir, what string) []string {
	w.t.Helper()
	var before []string
	deadline := time.Now().Add(5 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		name := filepath.Join(dir, fmt.Sprintf("touched-%d.md", i))
		write(w.t, name, "---\ntitle: Touched\n---\n")
		wait := time.After(200 * time.Millisecond)
		for {
			select {
			case got := <-w.passed:
				if got == name {
					select {
					case <-w.Changes():
					default:
					}
					return before
				}
				before = append(before, got)
				continue
			case <-wait:
			}
			break
		}
	}
	w.t.Fatalf("%s: %s is not watched: no change in it passed on within 5 seconds", what, dir)
	return nil
}

// TestWatcherSeesPermissionChanges: a folder or a file made unreadable and
// readable again changes what the loader reads (issue 15, defect 5).
func TestWatcherSeesPermissionChanges(t *testing.T) {
	t.Parallel()
	dir := site(t)
	tags := filepath.Join(dir, "content", "tags")
	sub := filepath.Join(tags, "sub")
	write(t, filepath.Join(sub, "s.md"), "---\ntitle: S\n---\n")
	w := watcher(t, dir)
	for _, step := range []struct {
		path string
		mode os.FileMode
	}{{sub, 0}, {sub, 0o755}, {filepath.Join(sub, "s.md"), 0}, {filepath.Join(sub, "s.md"), 0o644}} {
		if err := os.Chmod(step.path, step.mode); err != nil {
			t.Fatal(err)
		}
		w.changed(step.path, "chmod "+step.mode.String()+" "+filepath.Base(step.path))
		w.touched(tags, "after chmod") // the chmod's other events are passed on
	}
	// The folder is watched again once readable: what is made in it counts.
	w.touched(sub, "a folder after chmod 755")
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

	other := filepath.Join(parent, "other.md")
	write(t, other, "---\ntitle: O\n---\n")
	if before := w.touched(dir, "the taxonomy"); slices.Contains(before, other) {
		t.Error("a file beside the taxonomy is passed on")
	}

	if err := os.Rename(dir, dir+".x"); err != nil {
		t.Fatal(err)
	}
	w.changed(dir, "the taxonomy renamed")
	if err := os.RemoveAll(dir + ".x"); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "sub", "y.md"), "---\ntitle: Y\n---\n")
	w.touched(dir, "the taxonomy made again")
	w.touched(filepath.Join(dir, "sub"), "a folder in the taxonomy made again")
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
	w.changed(content, "content/ removed")
	write(t, filepath.Join(content, "tags", "a", "_index.md"), "---\ntitle: A\n---\n")
	w.touched(filepath.Join(content, "tags"), "content/tags made again")
	config := filepath.Join(dir, "hugo.toml")
	write(t, config, "title = 'x'\n")
	if before := w.touched(filepath.Join(content, "tags", "a"), "a term's folder in the new content/"); slices.Contains(before, config) {
		t.Error("the site's config is passed on")
	}
}

// TestWatcherOnAHugoSite: on a site's root, the config files, config/,
// and every page of every language's content folder count, whatever
// folder it is in; a build's public/ does not.
func TestWatcherOnAHugoSite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "hugo.yaml"), "languages:\n  en: {weight: 1}\n  fr: {weight: 2, contentDir: content_fr}\n")
	write(t, filepath.Join(dir, "content", "post", "a.md"), "---\ntitle: A\ntags: [x]\n---\n")
	write(t, filepath.Join(dir, "content_fr", "post", "a.md"), "---\ntitle: A\n---\n")
	write(t, filepath.Join(dir, "config", "_default", "params.toml"), "x = 1\n")
	w := watcher(t, dir)

	write(t, filepath.Join(dir, "content", "post", "a.md"), "---\ntitle: A\ntags: [y]\n---\n")
	w.changed(filepath.Join(dir, "content", "post", "a.md"), "a page edited")
	write(t, filepath.Join(dir, "content_fr", "post", "a.md"), "---\ntitle: A fr\n---\n")
	w.changed(filepath.Join(dir, "content_fr", "post", "a.md"), "a page of the other language's folder edited")
	write(t, filepath.Join(dir, "content", "post", "b.html"), "---\ntitle: B\n---\n")
	w.changed(filepath.Join(dir, "content", "post", "b.html"), "an HTML page added")
	write(t, filepath.Join(dir, "config", "_default", "params.toml"), "x = 2\n")
	w.changed(filepath.Join(dir, "config", "_default", "params.toml"), "a file of config/ edited")

	ignored := []string{filepath.Join(dir, "public"), filepath.Join(dir, "public", "index.md"), filepath.Join(dir, "README.md")}
	write(t, filepath.Join(dir, "public", "index.md"), "built\n")
	write(t, filepath.Join(dir, "README.md"), "notes\n")
	write(t, filepath.Join(dir, "hugo.yaml"), "languages:\n  en: {weight: 1}\n  fr: {weight: 2, contentDir: content_fr}\ntitle: T\n")
	for _, name := range w.changed(filepath.Join(dir, "hugo.yaml"), "the site config edited") {
		if slices.Contains(ignored, name) {
			t.Errorf("%s is passed on, which the loader does not read", name)
		}
	}

	// The config names another content folder: it is watched from then on.
	write(t, filepath.Join(dir, "content_de", "post", "a.md"), "---\ntitle: A de\n---\n")
	write(t, filepath.Join(dir, "hugo.yaml"), "languages:\n  en: {weight: 1}\n  de: {weight: 2, contentDir: content_de}\n")
	w.changed(filepath.Join(dir, "hugo.yaml"), "a language added to the config")
	w.touched(filepath.Join(dir, "content_de", "post"), "the new language's folder")
}

// TestGitBusy: a taxonomy in a git work tree is busy while git holds the
// index's lock, in the work tree's own .git folder or the one a .git file
// names, unless the lock is old enough to be left over.
func TestGitBusy(t *testing.T) {
	t.Parallel()
	repo := t.TempDir()
	taxonomy := filepath.Join(repo, "site", "content")
	write(t, filepath.Join(taxonomy, "tags", "a.md"), "---\ntitle: A\n---\n")
	if GitBusy(taxonomy, time.Minute) != nil {
		t.Fatal("a folder outside git is said to be in a work tree")
	}
	linked := filepath.Join(repo, "other", "worktrees", "x")
	write(t, filepath.Join(repo, "linked", ".git"), "gitdir: ../other/worktrees/x\n")
	write(t, filepath.Join(repo, "linked", "tags", "b.md"), "---\ntitle: B\n---\n")
	for _, tc := range []struct{ name, taxonomy, gitDir string }{
		{"a .git folder", taxonomy, filepath.Join(repo, ".git")},
		{"a .git file", filepath.Join(repo, "linked", "tags"), linked},
	} {
		if err := os.MkdirAll(tc.gitDir, 0o755); err != nil {
			t.Fatal(err)
		}
		busy := GitBusy(tc.taxonomy, time.Minute)
		if busy == nil {
			t.Fatalf("%s: not seen as in a work tree", tc.name)
		}
		lock := filepath.Join(tc.gitDir, "index.lock")
		for _, step := range []struct {
			what string
			do   func() error
			want bool
		}{
			{"no lock", func() error { return nil }, false},
			{"git holds the lock", func() error { return os.WriteFile(lock, nil, 0o644) }, true},
			{"a lock left over", func() error { old := time.Now().Add(-time.Hour); return os.Chtimes(lock, old, old) }, false},
			{"the lock gone", func() error { return os.Remove(lock) }, false},
		} {
			if err := step.do(); err != nil {
				t.Fatal(err)
			}
			if got := busy(); got != step.want {
				t.Errorf("%s, %s: busy %v, want %v", tc.name, step.what, got, step.want)
			}
		}
	}
}
