package loader

import (
	"io/fs"
	"syscall"
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
