package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"taxo/internal/safe"
	"taxo/model"
)

// maxLinkHops bounds the symbolic links followed to resolve one path, as
// the kernel's ELOOP does, so that a chain of links that loops ends.
const maxLinkHops = 40

// Why a symbolic link is not followed.
var (
	errLinkOutside  = errors.New("leads outside PATH")
	errLinkAbsolute = errors.New("has an absolute target; only relative links inside PATH are followed")
	errLinkLoop     = errors.New("is part of a loop of links")
)

// walker lists the term files under the root of fsys. Symbolic links are
// followed only when they resolve inside the root; folders reached through
// them are read after the real ones, and a folder is never read twice, which
// is also what stops loops.
type walker struct {
	fsys       fs.FS
	names      []string // of the root and its parents, nearest first
	rootIsTerm bool     // the root is one term's folder inside a taxonomy folder

	site *siteMount // a site's content folder, when not nil: its files are pages

	emit     func(found)
	problems []model.Problem
	read     map[string]string // real path of every folder read -> the path it was read as
	links    []dirLink         // links to folders, to read once the real folders are
	log      *walkLog          // what the walk saw, for the cache; nil when not kept
}

// walkLog is what a walk saw, for the index cache: every folder it read,
// with its stamp taken before its entries were read, and whether it met a
// symbolic link. A later start whose folders all have their stamps (no
// file added, removed or renamed in any) finds the same files without
// walking, unless the walk met links, which may lead elsewhere since.
type walkLog struct {
	dirs  []dirStamp
	links bool
}

// dirStamp is a folder and its stamp.
type dirStamp struct {
	path  string
	stamp stamp
}

// note records the stamp of the folder p, if it can be read.
func (l *walkLog) note(fsys fs.FS, p string) {
	if l == nil {
		return
	}
	if info, err := fs.Stat(fsys, p); err == nil && info.IsDir() {
		l.dirs = append(l.dirs, dirStamp{path: p, stamp: stampOf(info)})
	}
}

// noteStarts records the root and the folders above each start, whose
// entries say whether a start is there at all.
func (l *walkLog) noteStarts(fsys fs.FS, starts []string) {
	if l == nil {
		return
	}
	seen := map[string]bool{}
	for _, s := range starts {
		for d := path.Dir(s); ; d = path.Dir(d) {
			if !seen[d] {
				seen[d] = true
				l.note(fsys, d)
			}
			if d == "." || d == "/" {
				break
			}
		}
	}
	if !seen["."] {
		l.note(fsys, ".")
	}
}

// dirLink is a symbolic link to a folder inside the root.
type dirLink struct {
	path, real string
}

// find gives emit each term file under the root of fsys as it is found, and
// returns the problems met on the way.
func find(fsys fs.FS, names []string, emit func(found), log *walkLog) []model.Problem {
	w := &walker{
		fsys:       fsys,
		names:      names,
		emit:       emit,
		rootIsTerm: len(names) > 1 && isTaxonomyName(names[1]),
		read:       make(map[string]string),
		log:        log,
	}
	base := "."
	if isDir(fsys, "content") {
		base = "content"
	}
	// Inside a taxonomy, a folder named like one ("tags/concepts/") is a
	// term's, so it is not where the walk should start.
	var starts []string
	if !w.rootIsTerm && !(len(names) > 0 && isTaxonomyName(names[0])) {
		for _, d := range taxonomyDirs {
			if isDir(fsys, path.Join(base, d)) {
				starts = append(starts, path.Join(base, d))
			}
		}
	}
	if len(starts) == 0 {
		starts = []string{base}
	}
	log.noteStarts(fsys, starts)
	for _, start := range starts {
		real, err := realPath(fsys, start)
		if err != nil {
			w.problem(start, model.Error, fmt.Errorf("cannot read the folder: %w", err))
			continue
		}
		w.dir(start, real)
	}
	for len(w.links) > 0 {
		l := w.links[0]
		w.links = w.links[1:]
		w.followLink(l)
	}
	return w.problems
}

func (w *walker) problem(p string, sev model.Severity, err error) {
	w.problems = append(w.problems, model.Problem{Path: p, Severity: sev, Err: err})
}

// dir reads the folder p, whose symbolic links resolve to real.
func (w *walker) dir(p, real string) {
	if _, done := w.read[real]; done {
		return
	}
	w.read[real] = p
	w.log.note(w.fsys, p)
	entries, err := fs.ReadDir(w.fsys, p)
	if err != nil {
		w.problem(p, model.Error, fmt.Errorf("cannot read the folder: %w", unwrapPathError(err)))
		// ReadDir may still return the entries it could read.
	}
	if w.site != nil && isLeafBundle(entries) {
		for _, e := range entries {
			if name := e.Name(); strings.HasPrefix(name, "index.") && isContentFile(name) && e.Type().IsRegular() {
				w.site.file(path.Join(p, name), w.emit)
			}
		}
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue // .git, .obsidian, editor swap files
		}
		child := joinName(p, name)
		switch t := e.Type(); {
		case t.IsDir():
			realChild := child // one string for both when no link was followed, as nearly always
			if real != p {
				realChild = joinName(real, name)
			}
			w.dir(child, realChild)
		case t&fs.ModeSymlink != 0:
			w.link(child)
		case w.site != nil:
			if !isContentFile(name) {
				continue
			}
			if t.IsRegular() {
				w.site.file(child, w.emit)
			} else {
				w.problem(child, model.Error, notRegular(t))
			}
		case !isTermFileName(name):
			// Images and other files of a page bundle are not terms.
		case t.IsRegular():
			w.file(child)
		default:
			w.problem(child, model.Error, notRegular(t))
		}
	}
}

// joinName is path.Join(dir, name) for a clean dir and the name of an
// entry in it (no slash, not "." or ".."), without cleaning again.
func joinName(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// link decides what to do with the symbolic link p.
func (w *walker) link(p string) {
	if w.log != nil {
		w.log.links = true
	}
	name := path.Base(p)
	if extOf(name) != "" && !w.reads(name) {
		return // a link to an image or other file taxo does not read
	}
	real, err := realPath(w.fsys, p)
	if err != nil {
		w.problem(p, model.Warning, fmt.Errorf("symbolic link %s; it is not followed", linkReason(w.fsys, p, err)))
		return
	}
	info, err := fs.Stat(w.fsys, p)
	if err != nil {
		w.problem(p, model.Warning, fmt.Errorf("symbolic link cannot be followed: %w", unwrapPathError(err)))
		return
	}
	switch {
	case info.IsDir():
		w.links = append(w.links, dirLink{path: p, real: real})
	case !w.reads(name):
	case info.Mode().IsRegular() && w.site != nil:
		w.site.file(p, w.emit)
	case info.Mode().IsRegular():
		w.file(p)
	default:
		w.problem(p, model.Error, fmt.Errorf("symbolic link to %s, which is not a regular file (%s); it is skipped", real, safe.FileType(info.Mode())))
	}
}

// followLink reads the folder a link leads to, unless that folder holds the
// link (a loop) or is read already.
func (w *walker) followLink(l dirLink) {
	if parent, err := realPath(w.fsys, path.Dir(l.path)); err == nil && isWithin(parent, l.real) {
		w.problem(l.path, model.Warning, fmt.Errorf("symbolic link to %s, a folder that holds it, would loop; it is not followed", l.real))
		return
	}
	if as, done := w.read[l.real]; done {
		w.problem(l.path, model.Warning, fmt.Errorf("symbolic link to %s, which is read already; it is not read twice", as))
		return
	}
	w.dir(l.path, l.real)
}

// reads says which files the walk reads: term files, or a site's pages.
func (w *walker) reads(name string) bool {
	if w.site != nil {
		return isContentFile(name)
	}
	return isTermFileName(name)
}

// file records a term file, unless it describes a taxonomy rather than a term.
func (w *walker) file(p string) {
	dir := path.Dir(p)
	var room [8]string // a term file's folders, most often, without an allocation
	dirNames := dirChain(dir, w.names, room[:0])
	if isIndexFile(p) && (isTaxonomyFolder(dirNames) || (dir == "." && !w.rootIsTerm)) {
		return
	}
	w.emit(found{rel: p, slug: slugOf(path.Base(p), dirNames[0]), kind: kindOf(path.Base(p), dirNames)})
}

// realPath resolves every symbolic link in name, a slash-separated path
// inside fsys, without leaving fsys: a link that climbs out of the root or
// is absolute is an error, as os.Root would have it.
func realPath(fsys fs.FS, name string) (string, error) {
	done := "."
	rest := strings.Split(name, "/")
	hops := 0
	for len(rest) > 0 {
		c := rest[0]
		rest = rest[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if done == "." {
				return "", errLinkOutside
			}
			done = path.Dir(done)
			continue
		}
		next := path.Join(done, c)
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", unwrapPathError(err)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if hops++; hops > maxLinkHops {
			return "", errLinkLoop
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", unwrapPathError(err)
		}
		if filepath.IsAbs(target) || strings.HasPrefix(target, "/") {
			return "", errLinkAbsolute
		}
		rest = append(strings.Split(filepath.ToSlash(target), "/"), rest...)
	}
	return done, nil
}

// linkReason says why the link p cannot be followed, with its target.
func linkReason(fsys fs.FS, p string, err error) string {
	target, rerr := fs.ReadLink(fsys, p)
	if rerr != nil {
		return err.Error()
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("to %s leads nowhere", target)
	}
	return fmt.Sprintf("to %s %v", target, err)
}

// isWithin reports whether the slash path p is dir or inside it.
func isWithin(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// notRegular is the problem of a file that is not a regular one, named by
// its kind.
func notRegular(m fs.FileMode) error {
	return fmt.Errorf("is not a regular file (%s); it is skipped", safe.FileType(m))
}
