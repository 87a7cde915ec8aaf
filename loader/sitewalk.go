package loader

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"taxo/model"
)

// findSite gives emit each file of a site's content folders that Hugo
// reads as a page or a term page, in the language it belongs to, and
// returns the problems met on the way. Each folder a language owns is
// walked once: a file named with a language's code (post.fr.md) is that
// language's wherever it is, any other is the folder's language.
func findSite(fsys fs.FS, site *Site, emit func(found)) []model.Problem {
	var problems []model.Problem
	for _, l := range site.Languages {
		if l.ContentDir == "" || !isDir(fsys, l.ContentDir) {
			continue
		}
		w := &walker{fsys: fsys, emit: emit, read: make(map[string]string), site: &siteMount{site: site, lang: l}}
		real, err := realPath(fsys, l.ContentDir)
		if err != nil {
			w.problem(l.ContentDir, model.Error, fmt.Errorf("cannot read the folder: %w", err))
		} else {
			w.dir(l.ContentDir, real)
		}
		for len(w.links) > 0 {
			link := w.links[0]
			w.links = w.links[1:]
			w.followLink(link)
		}
		problems = append(problems, w.problems...)
	}
	return problems
}

// siteMount is a content folder being walked, and whose it is.
type siteMount struct {
	site *Site
	lang *Language
}

// isLeafBundle reports whether a folder's entries make it a leaf bundle:
// it holds an index file (index.md, index.fr.md), which is the page; its
// other files and folders are the page's resources.
func isLeafBundle(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if name := e.Name(); strings.HasPrefix(name, "index.") && isContentFile(name) && !e.IsDir() {
			return true
		}
	}
	return false
}

// file classifies one content file of the folder being walked, p being
// its path from the root.
func (m *siteMount) file(p string, emit func(found)) {
	name := path.Base(p)
	lang, ok := m.langOf(name)
	if !ok {
		return // a disabled language's
	}
	rel := strings.TrimPrefix(p, m.lang.ContentDir+"/")
	f := found{rel: p, lang: lang.Code, page: true}
	branch := strings.HasPrefix(name, "_index.")
	first, rest, nested := strings.Cut(rel, "/")
	k, inTaxonomy := lang.kindOf(first)
	switch {
	case inTaxonomy && branch && !strings.Contains(rest, "/"):
		return // the taxonomy's own list page: neither a page nor a term
	case inTaxonomy && branch && nested:
		// A term page: the term's key is its folder's path below the taxonomy.
		f.page, f.kind, f.slug = false, k, strings.ToLower(path.Dir(rest))
	case branch:
		f.section = true
	}
	emit(f)
}

// langOf is the language of a file: the one its name gives before its
// extension (post.fr.md), else the folder's. ok is false for a file of a
// disabled language, which Hugo leaves out.
func (m *siteMount) langOf(name string) (*Language, bool) {
	stem := strings.TrimSuffix(name, path.Ext(name))
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		code := stem[i+1:]
		if l := m.site.Language(code); code != "" && l != nil {
			return l, true
		}
		if m.site.disabled[code] {
			return nil, false
		}
	}
	return m.lang, true
}
