//go:build !linux

package loader

import (
	"io/fs"
	"os"
)

// beneath opens files inside the root in one call where the system can
// keep the call beneath the root; here it cannot, and os.Root opens them.
type beneath struct{}

func openBeneath(string) *beneath { return nil }

func (b *beneath) open(string, int) (*os.File, error, bool) { return nil, nil, false }

func (b *beneath) openRead(string) (fs.File, error, bool) { return nil, nil, false }

func (b *beneath) readDir(string, func(string) (fs.FileInfo, error)) ([]fs.DirEntry, error, bool) {
	return nil, nil, false
}

func (b *beneath) close() {}
