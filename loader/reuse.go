package loader

import (
	"fmt"
	"io/fs"
	"strings"
	"time"
)

// A load can take what an earlier one of the same path read from the
// files that have not changed since (Options.Previous), so that a browser
// reloading a big taxonomy after one file is saved reads that file only;
// the folders are walked, the layouts merged and the terms linked anew.

// racyWindow is how recently before a load a file must have been changed
// for its modification time not to be trusted by the next: a file written
// again within its file system's timestamp step (a second or two on some)
// keeps its time, so such a file is read again whatever its stamp says.
const racyWindow = 2 * time.Second

// stamp is what says a file is as it was: its size and modification time,
// and where the system gives them its inode and status change time.
type stamp struct {
	size    int64
	modTime time.Time
	ino     uint64
	ctime   int64
}

func stampOf(info fs.FileInfo) stamp {
	ino, ctime := changeOf(info)
	return stamp{size: info.Size(), modTime: info.ModTime(), ino: ino, ctime: ctime}
}

// memory is what a load remembers of each file, and under which options.
type memory struct {
	started  time.Time // when the load began: stamps after racyWindow before it are not trusted
	maxSize  int64
	noBodies bool
	files    map[string]*fileParser // by path, with their stamps
	config   string                 // a site's config files and their stamps: a page read under another is read again
}

// configStamp says which config files a site was read with, and what each
// was then; "" for what is not a site.
func configStamp(fsys fs.FS, site *Site) string {
	if site == nil {
		return ""
	}
	var b strings.Builder
	for _, name := range site.ConfigFiles {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			fmt.Fprintf(&b, "%s:?\n", name)
			continue
		}
		fmt.Fprintf(&b, "%s:%+v\n", name, stampOf(info))
	}
	return b.String()
}

// reusable returns what the earlier load got from f, if the file is as it
// was then: same place, same size, same modification time, that time
// well before the earlier load began, same inode and status change time
// where the system tells them, and nothing else changed about how it is
// read.
func (m *memory) reusable(fsys fs.FS, f found, maxSize int64, noBodies bool) *fileParser {
	if m == nil || m.maxSize != maxSize || m.noBodies != noBodies {
		return nil
	}
	p, ok := m.files[f.rel]
	if !ok || p.found != f || !p.stamp.modTime.Before(m.started.Add(-racyWindow)) {
		return nil
	}
	info, err := fs.Stat(fsys, f.rel)
	if err != nil || !info.Mode().IsRegular() || stampOf(info) != p.stamp {
		return nil
	}
	return p
}
