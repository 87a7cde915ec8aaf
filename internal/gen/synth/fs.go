package synth

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// FS holds files in memory for loader.LoadFS. Unlike testing/fstest.MapFS,
// which lists a folder by scanning every file, it indexes its folders, so
// that walking 100k term folders takes time in proportion to them.
func FS(files []File) fs.FS {
	m := &memFS{files: make(map[string][]byte, len(files)), dirs: map[string][]fs.DirEntry{".": nil}}
	listed := map[string]bool{} // folders already entered in their parent
	for _, f := range files {
		m.files[f.Path] = f.Data
		d := path.Dir(f.Path)
		m.dirs[d] = append(m.dirs[d], entry{name: path.Base(f.Path), size: int64(len(f.Data))})
		for ; d != "." && !listed[d]; d = path.Dir(d) {
			listed[d] = true
			parent := path.Dir(d)
			m.dirs[parent] = append(m.dirs[parent], entry{name: path.Base(d), dir: true})
		}
	}
	for _, es := range m.dirs {
		slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return m
}

type memFS struct {
	files map[string][]byte
	dirs  map[string][]fs.DirEntry
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.files[name]; ok {
		return &memFile{info: entry{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if es, ok := m.dirs[name]; ok {
		return &memDir{info: entry{name: path.Base(name), dir: true}, entries: es}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, ok := m.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(es), nil
}

func (m *memFS) ReadFile(name string) ([]byte, error) {
	data, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(data), nil
}

// entry describes a file or folder; it is its own fs.FileInfo and fs.DirEntry.
type entry struct {
	name string
	dir  bool
	size int64
}

func (e entry) Name() string { return e.name }
func (e entry) Size() int64 {
	if e.dir {
		return 0
	}
	return e.size
}
func (e entry) Mode() fs.FileMode {
	if e.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (e entry) ModTime() time.Time         { return baseDate }
func (e entry) IsDir() bool                { return e.dir }
func (e entry) Sys() any                   { return nil }
func (e entry) Type() fs.FileMode          { return e.Mode().Type() }
func (e entry) Info() (fs.FileInfo, error) { return e, nil }

type memFile struct {
	info entry
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info    entry
	entries []fs.DirEntry
	at      int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.at:]
	if n <= 0 {
		d.at = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.at += len(rest)
	return slices.Clone(rest), nil
}
