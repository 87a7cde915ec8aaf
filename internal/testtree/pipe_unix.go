//go:build unix

package testtree

import (
	"os"
	"path/filepath"
	"syscall"

	"taxo/model"
)

// genPipe makes a named pipe with a term file's name: opening it to read
// would wait for a writer for ever.
func genPipe(dir string) (Case, error) {
	const rel = "content/tags/pipe.md"
	c := Case{Path: rel, Class: "named pipe", Problem: "is not a regular file (a named pipe); it is skipped", Severity: model.Error}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return c, err
	}
	return c, syscall.Mkfifo(name, 0o644)
}
