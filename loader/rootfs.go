package loader

import (
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// bigFolder is how many entries make a folder worth opening as a root of
// its own: a taxonomy folder, not a term's bundle.
const bigFolder = 16

// maxSubRoots bounds the folders kept open, which each hold a descriptor.
const maxSubRoots = 64

// rootFS is a folder on disk as the loader reads it: through os.Root, so
// that nothing outside it is ever opened, but with its big folders (the
// taxonomies) kept open as roots of their own. os.Root checks a path one
// folder at a time from its top, which for content/tags/x/_index.md costs
// more than reading the file; from the open content/tags it costs two
// steps. An operation that fails from a sub-root is tried again from the
// top, so that symbolic links that climb out of a sub-root but stay in the
// top resolve exactly as they do there.
type rootFS struct {
	top     *os.Root
	mu      sync.RWMutex
	subs    map[string]*os.Root // slash path -> the folder opened as a root
	beneath *beneath            // where the system opens a path beneath the root in one call
}

func newRootFS(top *os.Root) *rootFS {
	return &rootFS{top: top, subs: make(map[string]*os.Root), beneath: openBeneath(top.Name())}
}

// Close closes the sub-roots; the top belongs to the caller.
func (r *rootFS) Close() error {
	r.beneath.close()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, sub := range r.subs {
		sub.Close()
	}
	clear(r.subs)
	return nil
}

// nearest returns the deepest open root above name and name relative to
// it; the top and name when none is open.
func (r *rootFS) nearest(name string) (*os.Root, string) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if len(r.subs) == 0 {
		return r.top, name
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if sub, ok := r.subs[dir]; ok {
			return sub, name[len(dir)+1:]
		}
	}
	return r.top, name
}

// do runs op from the nearest root, then from the top if that failed.
func do[T any](r *rootFS, name string, op func(root *os.Root, name string) (T, error)) (T, error) {
	if root, rel := r.nearest(name); root != r.top {
		if v, err := op(root, rel); err == nil {
			return v, nil
		}
	}
	return op(r.top, name)
}

func (r *rootFS) Open(name string) (fs.File, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return do(r, name, func(root *os.Root, name string) (fs.File, error) { return root.Open(name) })
}

// validPath is fs.ValidPath without its demand that a name be UTF-8: a file
// on disk may be named with any bytes (bad\xff.md), and os.Root opens it.
func validPath(name string) bool {
	if runtime.GOOS == "windows" && strings.IndexByte(name, '\\') >= 0 {
		return false // as os.Root's own FS: fs.FS paths are /-separated
	}
	return fs.ValidPath(strings.ToValidUTF8(name, "\uFFFD"))
}

// openFile opens a file for reading without blocking on a named pipe,
// which the caller then refuses for not being a regular file.
func (r *rootFS) openFile(name string) (*os.File, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, err, ok := r.beneath.open(name, os.O_RDONLY|openNonblock); ok {
		return f, err
	}
	return do(r, name, func(root *os.Root, name string) (*os.File, error) {
		return root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	})
}

// openRead is openFile for a file that is read once, whole or in part,
// and closed: a plain descriptor where the system can open it beneath
// the root.
func (r *rootFS) openRead(name string) (fs.File, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, err, ok := r.beneath.openRead(name); ok {
		return f, err
	}
	f, err := r.openFile(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (r *rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, err, ok := r.beneath.readDir(name, r.Lstat)
	if !ok {
		f, openErr := do(r, name, func(root *os.Root, name string) (*os.File, error) { return root.Open(name) })
		if openErr != nil {
			return nil, openErr
		}
		defer f.Close()
		entries, err = f.ReadDir(-1)
	}
	if entries == nil && err != nil {
		return nil, err
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	if len(entries) >= bigFolder && name != "." {
		r.keepOpen(name)
	}
	return entries, err
}

// keepOpen opens the folder name as a root of its own, while there is room.
func (r *rootFS) keepOpen(name string) {
	r.mu.RLock()
	_, open := r.subs[name]
	full := len(r.subs) >= maxSubRoots
	r.mu.RUnlock()
	if open || full {
		return
	}
	sub, err := do(r, name, func(root *os.Root, name string) (*os.Root, error) { return root.OpenRoot(name) })
	if err != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, open := r.subs[name]; open || len(r.subs) >= maxSubRoots {
		sub.Close()
		return
	}
	r.subs[name] = sub
}

func (r *rootFS) Stat(name string) (fs.FileInfo, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return do(r, name, func(root *os.Root, name string) (fs.FileInfo, error) { return root.Stat(name) })
}

func (r *rootFS) Lstat(name string) (fs.FileInfo, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	return do(r, name, func(root *os.Root, name string) (fs.FileInfo, error) { return root.Lstat(name) })
}

func (r *rootFS) ReadLink(name string) (string, error) {
	if !validPath(name) {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return do(r, name, func(root *os.Root, name string) (string, error) { return root.Readlink(name) })
}
