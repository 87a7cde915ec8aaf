package loader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// On Linux, a file or folder inside the root is opened with one openat2
// call that the kernel keeps beneath the root (RESOLVE_BENEATH: no ".."
// or link leads out of it, as os.Root has it), where os.Root opens every
// folder of the path in turn. A folder opened so is read with the types
// its entries come with, where os.Root's stats each entry. Where openat2
// is missing or refused (a kernel before 5.6, a sandbox), os.Root does it.

// beneath is the root folder opened for openat2.
type beneath struct {
	fd   int
	path string // the root's path, for the names of the files opened
}

// noOpenat2 is set once openat2 is found missing or refused.
var noOpenat2 atomic.Bool

func openBeneath(root string) *beneath {
	if noOpenat2.Load() {
		return nil
	}
	fd, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		unix.Close(fd)
		return nil
	}
	return &beneath{fd: fd, path: abs}
}

// open opens name (slash-separated, relative to the root) with flags;
// ok is false when openat2 cannot be used and os.Root must open it.
func (b *beneath) open(name string, flags int) (f *os.File, err error, ok bool) {
	fd, err, ok := b.openFD(name, flags)
	if !ok || err != nil {
		return nil, err, ok
	}
	return os.NewFile(uintptr(fd), b.pathOf(name)), nil, true
}

// openRead opens name for reading as a plain descriptor (see rawFile),
// without blocking on a named pipe; ok as for open.
func (b *beneath) openRead(name string) (f fs.File, err error, ok bool) {
	fd, err, ok := b.openFD(name, os.O_RDONLY|unix.O_NONBLOCK)
	if !ok || err != nil {
		return nil, err, ok
	}
	return &rawFile{fd: fd, b: b, rel: name}, nil, true
}

func (b *beneath) pathOf(name string) string {
	return filepath.Join(b.path, filepath.FromSlash(name))
}

// openFD is open's openat2 call.
func (b *beneath) openFD(name string, flags int) (fd int, err error, ok bool) {
	if b == nil || noOpenat2.Load() {
		return -1, nil, false
	}
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err := unix.Openat2(b.fd, name, &how)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM) && fd < 0:
			noOpenat2.Store(true)
			return -1, nil, false
		case errors.Is(err, unix.EXDEV), errors.Is(err, unix.EAGAIN), errors.Is(err, unix.ELOOP):
			return -1, nil, false // a link out, or a race: os.Root says what it is
		case err != nil:
			return -1, &os.PathError{Op: "openat", Path: name, Err: err}, true
		}
		return fd, nil, true
	}
}

// rawFile is a file read with plain system calls. An os.File costs two
// calls more than a file read once needs (fcntl, and epoll_ctl, which a
// file opened without blocking is offered to and refuses) and a cleanup
// for the garbage collector to run; a load opens one per file.
type rawFile struct {
	fd   int
	b    *beneath
	rel  string  // its name from the root, its path made only for an error
	info rawInfo // what Stat said last, given out from here: one allocation less a file
}

// name is the file's path, as os.File.Name has it.
func (f *rawFile) name() string { return f.b.pathOf(f.rel) }

func (f *rawFile) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(f.fd, p)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: f.name(), Err: err}
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Stat() (fs.FileInfo, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case err != nil:
			return nil, &os.PathError{Op: "stat", Path: f.name(), Err: err}
		}
		base := path.Base(f.rel) // a valid name's base is its path's
		if f.rel == "." {
			base = filepath.Base(f.name())
		}
		f.info = rawInfo{name: base, sys: st}
		return &f.info, nil
	}
}

func (f *rawFile) Close() error { return unix.Close(f.fd) }

// rawInfo is what fstat said of a rawFile, read as os.File.Stat reads it.
type rawInfo struct {
	name string
	sys  syscall.Stat_t
}

func (i *rawInfo) Name() string       { return i.name }
func (i *rawInfo) Size() int64        { return i.sys.Size }
func (i *rawInfo) ModTime() time.Time { return time.Unix(i.sys.Mtim.Unix()) }
func (i *rawInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i *rawInfo) Sys() any           { return &i.sys }

// Mode is the file's type and permissions as os gives them.
func (i *rawInfo) Mode() fs.FileMode {
	m := fs.FileMode(i.sys.Mode & 0o777)
	switch i.sys.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if i.sys.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if i.sys.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if i.sys.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

// dirBuffers are what getdents fills, as os.File.ReadDir's.
var dirBuffers = sync.Pool{New: func() any { b := make([]byte, 8<<10); return &b }}

// readDir reads the folder name (relative to the root) as os.File.ReadDir
// reads it, without an os.File: each entry's type as getdents gives it, a
// stat from the folder where the file system gives none. An entry's Info
// is lstat(its path). ok is as for open.
func (b *beneath) readDir(name string, lstat func(name string) (fs.FileInfo, error)) (entries []fs.DirEntry, err error, ok bool) {
	fd, err, ok := b.openFD(name, os.O_RDONLY|unix.O_DIRECTORY)
	if !ok || err != nil {
		return nil, err, ok
	}
	defer unix.Close(fd)
	bufp := dirBuffers.Get().(*[]byte)
	defer dirBuffers.Put(bufp)
	buf := *bufp
	for {
		n, err := unix.Getdents(fd, buf)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return entries, &os.PathError{Op: "readdirent", Path: b.pathOf(name), Err: err}, true
		case n <= 0:
			return entries, nil, true
		}
		for rec := buf[:n]; len(rec) >= 19; {
			size := int(binary.NativeEndian.Uint16(rec[16:18]))
			if size < 19 || size > len(rec) {
				break
			}
			ino, typ, nameBytes := binary.NativeEndian.Uint64(rec[0:8]), rec[18], rec[19:size]
			rec = rec[size:]
			if i := bytes.IndexByte(nameBytes, 0); i >= 0 {
				nameBytes = nameBytes[:i]
			}
			if ino == 0 || string(nameBytes) == "." || string(nameBytes) == ".." {
				continue
			}
			e := &rawEntry{name: string(nameBytes), typ: direntType(typ), dir: name, lstat: lstat}
			if typ == unix.DT_UNKNOWN {
				var st unix.Stat_t
				if err := unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
					continue // gone since, as os.File.ReadDir has it
				}
				e.typ = (&rawInfo{sys: syscall.Stat_t{Mode: st.Mode}}).Mode().Type()
			}
			entries = append(entries, e)
		}
	}
}

// direntType is the type of a getdents entry, as fs.FileMode has it.
func direntType(t uint8) fs.FileMode {
	switch t {
	case unix.DT_DIR:
		return fs.ModeDir
	case unix.DT_LNK:
		return fs.ModeSymlink
	case unix.DT_FIFO:
		return fs.ModeNamedPipe
	case unix.DT_SOCK:
		return fs.ModeSocket
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.DT_BLK:
		return fs.ModeDevice
	}
	return 0
}

// rawEntry is an entry readDir read.
type rawEntry struct {
	name  string
	typ   fs.FileMode
	dir   string // the folder's path from the root, for Info
	lstat func(name string) (fs.FileInfo, error)
}

func (e *rawEntry) Name() string               { return e.name }
func (e *rawEntry) IsDir() bool                { return e.typ.IsDir() }
func (e *rawEntry) Type() fs.FileMode          { return e.typ }
func (e *rawEntry) Info() (fs.FileInfo, error) { return e.lstat(path.Join(e.dir, e.name)) }
func (e *rawEntry) String() string             { return fs.FormatDirEntry(e) }

func (b *beneath) close() {
	if b != nil {
		unix.Close(b.fd)
	}
}
