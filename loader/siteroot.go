package loader

import (
	"os"
	"path/filepath"
)

// SiteRoot is the nearest folder at or above dir that holds a Hugo site's
// config (hugo.toml, config.yaml, config/_default/ and the like), as git
// finds the repository a file is in; "" when none does.
func SiteRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, ok := findSiteConfig(os.DirFS(abs)); ok {
			return abs
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}
