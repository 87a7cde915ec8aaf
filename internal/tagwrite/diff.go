package tagwrite

import (
	"github.com/aymanbagabas/go-udiff"

	"taxo/loader"
)

// Diff is the change as a unified diff, labelled a/name and b/name as git
// labels them. Its lines end in LF and a byte order mark is left out, so
// that it reads the same in a terminal whatever the file's line ends.
func (c Change) Diff(name string) string {
	return udiff.Unified("a/"+name, "b/"+name, string(loader.Normalize(c.Old)), string(loader.Normalize(c.New)))
}
