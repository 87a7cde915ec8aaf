package loader

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"

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
	if b == nil || noOpenat2.Load() {
		return nil, nil, false
	}
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err := unix.Openat2(b.fd, name, &how)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM) && fd < 0:
			noOpenat2.Store(true)
			return nil, nil, false
		case errors.Is(err, unix.EXDEV), errors.Is(err, unix.EAGAIN), errors.Is(err, unix.ELOOP):
			return nil, nil, false // a link out, or a race: os.Root says what it is
		case err != nil:
			return nil, &os.PathError{Op: "openat", Path: name, Err: err}, true
		}
		return os.NewFile(uintptr(fd), filepath.Join(b.path, filepath.FromSlash(name))), nil, true
	}
}

func (b *beneath) close() {
	if b != nil {
		unix.Close(b.fd)
	}
}
