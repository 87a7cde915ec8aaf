package loader

import (
	"os"

	"taxo/model"
)

// ReadSite reads the site config of the folder dir as Load reads it, and
// nothing else: nil when dir is not a Hugo site's root (a file, a folder
// of term files). A caller learns the site's languages and content
// folders before a load (the browser, which shows one language while
// the load runs; the watcher, which watches the content folders).
func ReadSite(dir string) (*Site, []model.Problem) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil
	}
	defer root.Close()
	fsys := root.FS()
	files, ok := findSiteConfig(fsys)
	if !ok {
		return nil, nil
	}
	return readSite(fsys, files)
}
