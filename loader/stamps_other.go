//go:build !linux

package loader

import (
	"os"
	"path/filepath"
)

// folderStamps stats files under a folder on disk by their paths from it,
// for the cache's checks of every file and folder at a start.
type folderStamps struct{ root string }

func openFolderStamps(root string) (*folderStamps, error) { return &folderStamps{root: root}, nil }

// stamp is the stamp of the file or folder at rel (links followed), and
// whether it is a folder; ok is false when it cannot be stat'ed or is
// neither a regular file nor a folder.
func (s *folderStamps) stamp(rel string) (st stamp, dir, ok bool) {
	info, err := os.Stat(filepath.Join(s.root, filepath.FromSlash(rel)))
	if err != nil || !info.IsDir() && !info.Mode().IsRegular() {
		return stamp{}, false, false
	}
	return stampOf(info), info.IsDir(), true
}

func (s *folderStamps) close() {}
