package watch

import (
	"bytes"
	"os"
	"path/filepath"
	"time"
)

// GitBusy tells, for a taxonomy at path inside a git work tree, whether
// git is changing the work tree now: a checkout, a merge or a rebase holds
// the index's lock file until it is done, however long the pauses between
// the files it writes. A lock older than stale was left by a git that
// died, and does not count. GitBusy is nil outside a git work tree.
func GitBusy(path string, stale time.Duration) func() bool {
	dir := gitDir(path)
	if dir == "" {
		return nil
	}
	lock := filepath.Join(dir, "index.lock")
	return func() bool {
		info, err := os.Stat(lock)
		return err == nil && time.Since(info.ModTime()) < stale
	}
}

// gitDir is the git folder of the work tree holding path: its .git
// folder, or the folder a .git file names (a linked work tree, a
// submodule); "" when there is none.
func gitDir(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		dotGit := filepath.Join(dir, ".git")
		if info, err := os.Stat(dotGit); err == nil {
			if info.IsDir() {
				return dotGit
			}
			return gitDirOf(dotGit)
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// gitDirOf reads the folder a .git file names ("gitdir: ../.git/worktrees/x").
func gitDirOf(dotGit string) string {
	data, err := os.ReadFile(dotGit)
	if err != nil {
		return ""
	}
	rest, ok := bytes.CutPrefix(data, []byte("gitdir:"))
	if !ok {
		return ""
	}
	dir := string(bytes.TrimSpace(rest))
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(dotGit), dir)
	}
	return dir
}
