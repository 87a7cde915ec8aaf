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
func findSite(fsys fs.FS, site *Site, emit func(found), log *walkLog) []model.Problem {
	var problems []model.Problem
	var starts []string
	for _, l := range site.Languages {
		if l.ContentDir != "" {
			starts = append(starts, l.ContentDir)
		}
	}
	log.noteStarts(fsys, starts)
	for _, l := range site.Languages {
		if l.ContentDir == "" || !isDir(fsys, l.ContentDir) {
			continue
		}
		w := &walker{fsys: fsys, emit: emit, read: make(map[string]string), site: &siteMount{site: site, lang: l}, log: log}
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
	f := found{rel: p, lang: lang.Code, mount: m.lang.ContentDir, role: contentPage}
	branch := strings.HasPrefix(name, "_index.")
	first, rest, nested := strings.Cut(rel, "/")
	k, inTaxonomy := lang.kindOf(first)
	switch {
	case inTaxonomy && branch && !strings.Contains(rest, "/"):
		f.role, f.kind = taxonomyPage, k // neither a page nor a term
	case inTaxonomy && branch && nested:
		// A term page: the term's key is its folder's path below the taxonomy.
		f.role, f.kind, f.slug = termFile, k, strings.ToLower(path.Dir(rest))
	case branch:
		f.role = sectionPage
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

// linkSections gives each page the section it is in, and returns the
// content pages (section pages among them) in path order and each
// language's taxonomy pages by kind. A section is the nearest folder above
// a page, in its content folder and in any case, that has an _index file
// of the page's language. With shared (a reload, whose pages may be taken
// from an earlier load whose graph is in use), the pages are copies;
// otherwise no graph holds them yet and they are linked as they are,
// which spares a second copy of every page (44 MB at 100k pages).
func linkSections(results []*fileParser, shared bool) ([]*model.Page, map[string]map[model.Kind]*model.Page) {
	type key struct{ lang, dir string }
	sections := make(map[key]*model.Page)
	taxonomies := make(map[string]map[model.Kind]*model.Page)
	var pages []*model.Page
	var dirs []key // by page: where its section search starts
	for _, r := range results {
		if r.page == nil {
			continue
		}
		pg := r.page
		if shared {
			c := *r.page
			pg = &c
		}
		pg.Parent = nil // what an earlier load gave it, before its sections are looked for again
		f := r.found
		rel := strings.ToLower(strings.TrimPrefix(f.rel, f.mount+"/"))
		switch f.role {
		case taxonomyPage:
			if taxonomies[f.lang] == nil {
				taxonomies[f.lang] = make(map[model.Kind]*model.Page)
			}
			taxonomies[f.lang][f.kind] = pg
			continue
		case sectionPage:
			sections[key{f.lang, path.Dir(rel)}] = pg
			dirs = append(dirs, key{f.lang, parentDir(path.Dir(rel))})
		default:
			dir := path.Dir(rel)
			if strings.HasPrefix(path.Base(rel), "index.") {
				dir = path.Dir(dir) // a leaf bundle is in its folder's section
			}
			dirs = append(dirs, key{f.lang, dir})
		}
		pages = append(pages, pg)
	}
	for i, pg := range pages {
		for dir := dirs[i].dir; dir != ""; dir = parentDir(dir) {
			if s := sections[key{dirs[i].lang, dir}]; s != nil {
				pg.Parent = s
				break
			}
		}
	}
	return pages, taxonomies
}

// parentDir is the folder above dir, "." (the content folder) above a top
// folder, and "" above the content folder.
func parentDir(dir string) string {
	if dir == "." || dir == "" {
		return ""
	}
	return path.Dir(dir)
}
