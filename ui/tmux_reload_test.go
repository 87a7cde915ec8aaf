package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
)

// reloadTree is a copy of the sample in a folder of its own, made so that
// the user nobody may read it, and the session that browses it in tmux.
type reloadTree struct {
	tm   *tmux
	dir  string // the folder of the copy, its parent
	root string // what taxo is run on
}

// browseCopy copies the sample's content/ to under (a path in a new
// folder) and browses root, a path in that folder, with taxo run as the
// user nobody if asked and the tests run as root.
func browseCopy(t *testing.T, under, root string, nobody bool) *reloadTree {
	t.Helper()
	bin := tmuxBinary(t)
	// A folder of its own right under the temporary folder, which nobody
	// can reach (t.TempDir's parent is only its owner's).
	dir, err := os.MkdirTemp("", "taxo-reload-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.CopyFS(filepath.Join(dir, under), os.DirFS(filepath.Join("..", "sample", "content"))); err != nil {
		t.Fatal(err)
	}
	run := []string{bin, filepath.Join(dir, root)}
	if nobody && os.Geteuid() == 0 {
		// Permissions do not stop root: taxo runs as nobody, who must
		// reach its binary and the files.
		own := filepath.Join(dir, "taxo")
		data, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(own, data, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		run = []string{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", own, filepath.Join(dir, root)}
	}
	tm := &tmux{t: t, socket: fmt.Sprintf("taxo-test-copy-%d-%d", os.Getpid(), copies.Add(1))}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	args := append([]string{"-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "120", "-y", "30",
		"env", "TERM=xterm-256color", "HOME=" + dir}, run...)
	tm.run(args...)
	tm.waitFor("All 36", "2 problems")
	return &reloadTree{tm: tm, dir: dir, root: filepath.Join(dir, root)}
}

// copies numbers the tmux servers of browseCopy.
var copies atomic.Int32

// TestPermissionChangesInARealTerminal: a folder made unreadable and then
// readable again, by a user whom permissions stop, takes its term away and
// brings it back with no other change (issue 15, defect 5).
func TestPermissionChangesInARealTerminal(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("runs taxo as nobody with setpriv")
	}
	if _, err := exec.LookPath("setpriv"); err != nil && os.Geteuid() == 0 {
		t.Skip("setpriv is not installed")
	}
	tr := browseCopy(t, "content", "content", true)
	kimchi := filepath.Join(tr.root, "tags", "kimchi")
	if err := os.Chmod(kimchi, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(kimchi, 0o755) })
	// Kimchi's folder cannot be read: its file is a problem, and the
	// terms that tag it match no file.
	tr.tm.waitFor("Reloaded: files changed on disk.", "6 problems")
	tr.tm.keys("j")
	tr.tm.waitGone("Reloaded")
	if err := os.Chmod(kimchi, 0o755); err != nil {
		t.Fatal(err)
	}
	tr.tm.waitFor("Reloaded: files changed on disk.", "2 problems")
}

// TestGoneAndBackInARealTerminal: the taxonomy's folder renamed away and
// removed is said to be gone, its terms still shown; copied back, it is
// read again, and so is an edit after that (issue 15, defect 4). A site's
// content/ is the same.
func TestGoneAndBackInARealTerminal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, under, root, gone string
	}{
		{"a taxonomy folder", "T", "T", "T"},
		{"a site's content", filepath.Join("site", "content"), "site", filepath.Join("site", "content")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr := browseCopy(t, tc.under, tc.root, false)
			gone := filepath.Join(tr.dir, tc.gone)
			if err := os.Rename(gone, gone+".x"); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(gone + ".x"); err != nil {
				t.Fatal(err)
			}
			tr.tm.waitFor(gone+" is gone", "(gone)", "All 36")
			tr.tm.keys("j")
			tr.tm.waitGone("is gone")
			if err := os.CopyFS(gone, os.DirFS(filepath.Join("..", "sample", "content"))); err != nil {
				t.Fatal(err)
			}
			tr.tm.waitFor("Reloaded: "+gone+" is back.", "All 36")
			tr.tm.keys("j")
			tr.tm.waitGone("is back", "(gone)")
			if err := os.WriteFile(filepath.Join(gone, "tags", "zeta.md"), []byte("---\ntitle: Zeta\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			tr.tm.waitFor("Reloaded: files changed on disk.", "All 37")
		})
	}
}
