package watch

import (
	"path/filepath"
	"slices"
	"strings"

	"taxo/loader"
)

// A Hugo site's root (one with a site config) is watched as the loader
// reads it: the config files at its root and in config/, and each
// language's content folder whole, since a page anywhere in it carries
// terms. Nothing else at the root counts: a build's public/ or
// resources/ is never watched.

// siteFolders are the folders of the site at root to watch whole: each
// language's content folder and config/, in that order; ok is false when
// root is not a site's.
func siteFolders(root string) (dirs []string, ok bool) {
	site, _ := loader.ReadSite(root)
	if site == nil {
		return nil, false
	}
	for _, l := range site.Languages {
		if l.ContentDir == "" {
			continue // its pages are in another language's folder
		}
		if d := filepath.Join(root, filepath.FromSlash(l.ContentDir)); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return append(dirs, filepath.Join(root, "config")), true
}

// startSite watches a site's root, for its config files and its folders
// coming and going, and the folders the site reads.
func (w *Watcher) startSite(root string, dirs []string) error {
	w.siteDirs = dirs
	if err := w.add(root); err != nil {
		return err
	}
	for _, d := range dirs {
		if isDir(d) {
			if err := w.addTree(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// siteRootChange tells whether a change at a site's root can change the
// site: a config file, or a folder the site reads made, removed or
// renamed. When the config now names other content folders, or one of
// them came or went, the watches are made again.
func (w *Watcher) siteRootChange(name string) bool {
	isConfig := isSiteConfig(filepath.Base(name))
	if !isConfig && !slices.Contains(w.siteDirs, name) {
		return false
	}
	if dirs, ok := siteFolders(w.path); !isConfig || !ok || !slices.Equal(dirs, w.siteDirs) {
		w.rearm()
	}
	return true
}

// isSiteFile tells the files under a site's folders that the loader
// reads besides markdown: pages in HTML, and the files of config/.
func (w *Watcher) isSiteFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" {
		return true
	}
	config := filepath.Join(w.path, "config") + string(filepath.Separator)
	return strings.HasPrefix(name, config) && isConfigExt(ext)
}

// isSiteConfig tells the names of a site config at a site's root.
func isSiteConfig(base string) bool {
	stem, ext := strings.TrimSuffix(base, filepath.Ext(base)), filepath.Ext(base)
	return (stem == "hugo" || stem == "config") && isConfigExt(strings.ToLower(ext))
}

func isConfigExt(ext string) bool {
	return ext == ".toml" || ext == ".yaml" || ext == ".yml" || ext == ".json"
}
