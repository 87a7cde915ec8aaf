package loader

import (
	"io/fs"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// changeOf is what the system alone sets when a file is written, renamed
// over or otherwise changed: its inode and status change time, which no
// tool that copies modification times (cp -p, rsync -t, touch -d) keeps.
func changeOf(info fs.FileInfo) (ino uint64, ctime int64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ino, st.Ctim.Nano()
	}
	return 0, 0
}

// folderStamps stats files under a folder on disk by their paths from it,
// without Go's file info: one fstatat from the folder's descriptor, for
// the cache's checks of every file and folder at a start.
type folderStamps struct {
	fd   int
	root string
}

func openFolderStamps(root string) (*folderStamps, error) {
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &folderStamps{fd: fd, root: root}, nil
}

// stamp is the stamp of the file or folder at rel (links followed), and
// whether it is a folder; ok is false when it cannot be stat'ed or is
// neither a regular file nor a folder.
func (s *folderStamps) stamp(rel string) (st stamp, dir, ok bool) {
	var sys unix.Stat_t
	if err := unix.Fstatat(s.fd, rel, &sys, 0); err != nil {
		return stamp{}, false, false
	}
	switch sys.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		dir = true
	case unix.S_IFREG:
	default:
		return stamp{}, false, false
	}
	return stamp{size: sys.Size, modTime: time.Unix(sys.Mtim.Unix()), ino: sys.Ino, ctime: sys.Ctim.Nano()}, dir, true
}

func (s *folderStamps) close() { unix.Close(s.fd) }
