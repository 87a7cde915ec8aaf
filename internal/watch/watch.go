// Package watch tells when the files of a taxonomy change on disk, so that
// the browser can reload. It watches the folders the loader reads, adds
// the folders made in them later (fsnotify does not recurse), and passes on
// only the changes that can matter: term files, folders, and the one file
// when the taxonomy is a single file.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"

	"taxo/model"
)

// Watcher reports changes to a taxonomy's files.
type Watcher struct {
	fw      *fsnotify.Watcher
	path    string // the taxonomy as given, cleaned
	file    string // the taxonomy's only file, when it is one; else ""
	base    string // the folder whose taxonomy folders may appear later; else ""
	changes chan struct{}
	done    chan struct{}

	// anchors are folders above the taxonomy, each watched for one name in
	// it (the taxonomy's folder, a site's content/), so that the watches
	// are made again when that folder is removed or renamed and comes back.
	anchors map[string]string

	mu      sync.Mutex
	watched map[string]bool // folders watched

	// siteDirs are, on a Hugo site's root, the folders the site reads
	// (site.go); nil for any other taxonomy.
	siteDirs []string

	// passed, when set, is told the name of every change passed on, after
	// it is: a test waits for its own file's change with it instead of
	// for a while.
	passed chan<- string
}

// New watches the taxonomy at path, as loader.Load reads it.
func New(path string) (*Watcher, error) { return newWatcher(path, nil) }

// newWatcher is New telling passed of each change it passes on.
func newWatcher(path string, passed chan<- string) (*Watcher, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fw: fw, path: filepath.Clean(path), changes: make(chan struct{}, 1), done: make(chan struct{}),
		watched: make(map[string]bool), anchors: make(map[string]string), passed: passed}
	if err := w.start(path, info); err != nil {
		fw.Close()
		return nil, err
	}
	if info.IsDir() {
		w.anchor(filepath.Dir(w.path), w.path)
		w.anchor(w.path, filepath.Join(w.path, "content"))
	}
	go w.loop()
	return w, nil
}

// anchor watches the folder dir for its child name coming and going, when
// it can; the taxonomy is watched all the same without.
func (w *Watcher) anchor(dir, name string) {
	if dir == name || w.fw.Add(dir) != nil {
		return
	}
	w.anchors[dir] = name
}

// rearm drops every watch in the taxonomy and, when it is there again,
// watches it afresh: after its folder was removed or renamed, the old
// watches follow the old folder, or nothing.
func (w *Watcher) rearm() {
	w.mu.Lock()
	old := w.watched
	w.watched = make(map[string]bool)
	w.mu.Unlock()
	for dir := range old {
		if _, isAnchor := w.anchors[dir]; !isAnchor {
			_ = w.fw.Remove(dir)
		}
	}
	w.base, w.siteDirs = "", nil
	if info, err := os.Stat(w.path); err == nil && info.IsDir() {
		_ = w.start(w.path, info)
	}
}

// start adds the first watches: a single file's folder, or the folders of
// a taxonomy with the folder that holds them.
func (w *Watcher) start(path string, info fs.FileInfo) error {
	if !info.IsDir() {
		w.file = filepath.Clean(path)
		return w.add(filepath.Dir(path))
	}
	if dirs, ok := siteFolders(path); ok {
		return w.startSite(path, dirs)
	}
	base := path
	if isDir(filepath.Join(path, "content")) {
		base = filepath.Join(path, "content")
	}
	var starts []string
	for _, d := range model.Taxonomies() {
		if p := filepath.Join(base, d); isDir(p) {
			starts = append(starts, p)
		}
	}
	if len(starts) == 0 {
		return w.addTree(base)
	}
	// Watch the base itself, not its other folders, to see a taxonomy
	// folder made later.
	w.base = base
	if err := w.add(base); err != nil {
		return err
	}
	for _, s := range starts {
		if err := w.addTree(s); err != nil {
			return err
		}
	}
	return nil
}

// Changes delivers a value after files changed. Changes that come before
// the last is read are merged into it: a reader learns that something
// changed, not how often.
func (w *Watcher) Changes() <-chan struct{} { return w.changes }

// Close stops watching and closes Changes.
func (w *Watcher) Close() error {
	err := w.fw.Close()
	<-w.done
	return err
}

func (w *Watcher) loop() {
	defer close(w.done)
	defer close(w.changes)
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.matters(ev) {
				w.signal()
				if w.passed != nil {
					w.passed <- filepath.Clean(ev.Name)
				}
			}
		case _, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			// Events were lost (the queue overflowed, say): reload to be sure.
			w.signal()
		}
	}
}

func (w *Watcher) signal() {
	select {
	case w.changes <- struct{}{}:
	default:
	}
}

// matters tells whether an event can change the taxonomy, and watches the
// folders it makes.
func (w *Watcher) matters(ev fsnotify.Event) bool {
	name := filepath.Clean(ev.Name)
	if w.file != "" {
		return name == w.file
	}
	dir, base := filepath.Dir(name), filepath.Base(name)
	if child, ok := w.anchors[dir]; ok && (name == child || !w.isWatched(dir)) {
		// Above the taxonomy, only its folder coming or going counts.
		if name != child || ev.Op == fsnotify.Chmod {
			return false
		}
		w.rearm()
		return true
	}
	if strings.HasPrefix(base, ".") {
		return false // editors' swap files, .git
	}
	if w.siteDirs != nil && dir == w.path {
		return w.siteRootChange(name)
	}
	if isDir(name) && (ev.Has(fsnotify.Create) || ev.Op == fsnotify.Chmod) {
		if w.base != "" && dir == w.base && !isTaxonomyDir(base) {
			return false // a folder beside the taxonomy folders, which the loader does not read
		}
		// A folder made, or one that can be read again after chmod 000
		// (as the loader will read it, so will the watch).
		_ = w.addTree(name)
		return true
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.mu.Lock()
		wasDir := w.watched[name]
		delete(w.watched, name)
		w.mu.Unlock()
		if wasDir {
			return true
		}
	}
	// A term file written, made, removed, or that can or can no longer be
	// read.
	return isTermFile(base) || w.siteDirs != nil && w.isSiteFile(name)
}

// addTree watches a folder and every folder under it but hidden ones.
func (w *Watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // a folder that went away or cannot be read: the load will say
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if err := w.add(p); err != nil && p == root {
			return err
		}
		return nil
	})
}

// isWatched reports whether dir is watched as part of the taxonomy.
func (w *Watcher) isWatched(dir string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.watched[dir]
}

func (w *Watcher) add(dir string) error {
	if err := w.fw.Add(dir); err != nil {
		if errors.Is(err, fsnotify.ErrClosed) {
			return nil
		}
		return err
	}
	w.mu.Lock()
	w.watched[filepath.Clean(dir)] = true
	w.mu.Unlock()
	return nil
}

// isTermFile tells the names the loader reads in a folder.
func isTermFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

func isTaxonomyDir(name string) bool {
	for _, d := range model.Taxonomies() {
		if strings.EqualFold(name, d) {
			return true
		}
	}
	return false
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
