package tagwrite

import (
	"path/filepath"
	"slices"

	"taxo/model"
)

// ForGraph is the writer for the pages of one language of a loaded site:
// its taxonomies, its keying of terms, and a Writer that writes only the
// graph's content pages under root (a term page, or any other file, is
// refused as a term file is).
func ForGraph(root string, g *model.Graph) (Site, Writer) {
	site := Site{TermKey: g.TermKey()}
	for _, k := range g.Kinds() {
		site.Taxonomies = append(site.Taxonomies, k.Taxonomy())
	}
	roots := []string{realPath(root)}
	if abs, err := filepath.Abs(root); err == nil {
		roots = append(roots, abs)
	}
	isPage := func(path string) bool {
		abs, err := filepath.Abs(path)
		if err != nil {
			return false
		}
		for _, r := range roots {
			if rel, err := filepath.Rel(r, abs); err == nil && g.Page(filepath.ToSlash(rel)) != nil {
				return true
			}
		}
		return false
	}
	w := Writer{Root: root, IsTermFile: func(path string) bool { return !isPage(path) }}
	return site, w
}

// realPath is path with its links resolved and made absolute, or path
// when that fails.
func realPath(path string) string {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return path
	}
	if abs, err := filepath.Abs(real); err == nil {
		return abs
	}
	return real
}

// TaxonomyEdit is an edit to the terms of one taxonomy (its plural name).
type TaxonomyEdit struct {
	Taxonomy string
	Edit     Edit
}

// ApplyAll makes the edits in turn, each on what the one before made, and
// returns each one's change and the page as they leave it. An edit that
// changes nothing has a change all the same, Changed() false.
func (s Site) ApplyAll(src []byte, edits []TaxonomyEdit) ([]Change, []byte, error) {
	changes := make([]Change, 0, len(edits))
	cur := src
	for _, e := range edits {
		c, err := s.Apply(cur, e.Taxonomy, e.Edit)
		if err != nil {
			return nil, nil, err
		}
		changes = append(changes, c)
		cur = c.New
	}
	return changes, slices.Clip(cur), nil
}
