package tagwrite

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrChanged is returned when a file is no longer what was read: someone
// (an editor, git) changed it meanwhile. Read it again and redo the edit.
var ErrChanged = errors.New("the file changed on disk since it was read")

// ErrTermFile is returned for a file the caller marks as a term file: taxo
// never writes those.
var ErrTermFile = errors.New("it is a term file, which taxo never writes")

// ErrOutsideSite is returned for a path that leads, through a symbolic
// link or not, out of the site.
var ErrOutsideSite = errors.New("it lies outside the site")

// Writer writes pages of one site.
type Writer struct {
	// Root is the site's folder: no write leaves it, even through a link.
	Root string
	// IsTermFile tells the files taxo must never write (term files); the
	// writer refuses a path it accepts, as given or as resolved through
	// links. Nil marks none.
	IsTermFile func(path string) bool

	// beforeRename is a test hook: it runs once the temporary file is
	// written and synced, before it replaces the page.
	beforeRename func(tmp string)
}

// Write replaces the file at path, which must still hold before, with
// after: a temporary file in the same folder, synced, then renamed over it,
// with the file's mode. It returns what it takes to undo the write.
func (w Writer) Write(path string, before, after []byte) (Undo, error) {
	real, err := w.target(path)
	if err != nil {
		return Undo{}, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := replace(real, before, after, w.beforeRename); err != nil {
		return Undo{}, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return Undo{Path: path, Before: bytes.Clone(before), After: bytes.Clone(after)}, nil
}

// target checks that path may be written and returns the file to write:
// the path itself, or where its links lead.
func (w Writer) target(path string) (string, error) {
	if w.Root == "" {
		return "", errors.New("no site folder given")
	}
	if w.IsTermFile != nil && w.IsTermFile(path) {
		return "", ErrTermFile
	}
	root, err := filepath.EvalSymlinks(w.Root)
	if err != nil {
		return "", err
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", err
	}
	if !within(root, real) {
		return "", ErrOutsideSite
	}
	if real != filepath.Clean(path) && w.IsTermFile != nil && w.IsTermFile(real) {
		return "", ErrTermFile
	}
	return real, nil
}

// within reports whether path is root or lies under it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// replace writes after over path atomically, if path still holds before.
func replace(path string, before, after []byte, hook func(string)) (err error) {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return errors.New("it is not a regular file")
	}
	if err := unchanged(path, before); err != nil {
		return err
	}
	if err := writable(path, info); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".taxo-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot make a temporary file in %s: %w; the file is unchanged", dir, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := fill(tmp, after, info); err != nil {
		return fmt.Errorf("cannot write a temporary file in %s: %w; the file is unchanged", dir, unwrapPath(err))
	}
	if hook != nil {
		hook(tmp.Name())
	}
	// Read once more just before the rename: the window in which another
	// program's save would be lost is the rename's alone.
	if err := unchanged(path, before); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot replace the file: %w; it is unchanged", unwrapPath(err))
	}
	syncDir(dir)
	removeStale(dir, filepath.Base(path))
	return nil
}

// staleAfter is how old a temporary file of taxo's must be before a later
// write of the same page takes it for the leftover of a writer that was
// stopped (killed, or the power cut) and removes it.
const staleAfter = time.Minute

// removeStale removes the temporary files a stopped writer left beside the
// page, so that they do not linger in git status or the site.
func removeStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + ".taxo-"
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}

// fill writes the new content to the temporary file, with the old file's
// mode (and owner, where the system lets it), and syncs it to disk.
func fill(tmp *os.File, content []byte, info fs.FileInfo) error {
	_, err := tmp.Write(content)
	if err == nil {
		err = tmp.Chmod(info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky))
	}
	if err == nil {
		keepOwner(tmp, info)
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	return err
}

// unchanged compares the file's content with what was read.
func unchanged(path string, before []byte) error {
	now, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, before) {
		return ErrChanged
	}
	return nil
}

// writable refuses a read-only file: the rename would replace it all the
// same (the folder's permission is what a rename needs), which is not what
// a read-only file asks for. The mode is checked too, since the super-user
// may open any file.
func writable(path string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o222 == 0 {
		return errors.New("the file is read-only")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return errors.New("the file is read-only")
		}
		return err
	}
	return f.Close()
}

// syncDir makes the rename durable; where a folder cannot be synced (some
// systems), the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// unwrapPath drops the temporary file's name from an error: the user knows
// the file, not the temporary one.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
