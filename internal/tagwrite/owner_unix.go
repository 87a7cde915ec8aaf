//go:build unix

package tagwrite

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the temporary file the page's owner and group, where the
// system allows it (a user may keep a file's group if they are in it).
func keepOwner(f *os.File, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
