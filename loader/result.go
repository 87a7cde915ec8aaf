package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"

	"taxo/model"
)

// Graph links what was loaded into the graph of one language: on a site,
// that language's term pages and content pages, with the language's
// taxonomies ("" is the default language); anything else has one language,
// its terms, as model.New links them. It is nil for a language the site
// does not have.
func (r *Result) Graph(lang string) *model.Graph {
	if r.Site == nil {
		if lang != "" {
			return nil
		}
		return r.link("", model.Content{Kinds: model.Kinds[:], Terms: r.Terms})
	}
	l := r.Site.Language(lang)
	if l == nil {
		return nil
	}
	var terms []*model.Term
	for _, t := range r.Terms {
		if t.Lang == l.Code {
			terms = append(terms, t)
		}
	}
	var pages []*model.Page
	for _, p := range r.Pages {
		if p.Lang == l.Code {
			pages = append(pages, p)
		}
	}
	return r.link(l.Code, model.Content{Kinds: l.Kinds(), Terms: terms, Pages: pages, TaxonomyPages: r.taxonomyPages[l.Code],
		TermKey: r.Site.TermKey})
}

// link links c, the content of the language lang: from the graph the
// cache keeps, when it was linked from the same.
func (r *Result) link(lang string, c model.Content) *model.Graph {
	if r.graphs == nil {
		return model.NewSite(c)
	}
	return r.graphs.graph(lang, c)
}

// Body reads a page's body: its file's text after the front matter, which
// a load does not keep.
func (r *Result) Body(p *model.Page) (string, error) {
	data, err := r.readFile(p.Path)
	if err != nil {
		return "", err
	}
	var fp fileParser
	text, ok := fp.textOf(data)
	if !ok {
		return "", errors.New("the file is not text")
	}
	split, err := SplitFrontMatter(Normalize(text))
	if err != nil {
		return "", err
	}
	return string(split.Body), nil
}

// readFile reads a file of what was loaded, by its path relative to the
// root, without leaving the root.
func (r *Result) readFile(rel string) ([]byte, error) {
	if !fs.ValidPath(rel) {
		return nil, fmt.Errorf("%s is not a path inside the site", rel)
	}
	if r.fsys != nil && r.Root == "" {
		return fs.ReadFile(r.fsys, rel)
	}
	root, err := os.OpenRoot(r.Root)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	data, _, err := readLimited(root.FS(), rel, DefaultMaxFileSize)
	return data, err
}

// ContentPath is where a page's term page would be: the term page of the
// term with that ID in that language, relative to the root, for a message
// that says which file to create.
func (r *Result) ContentPath(lang string, id model.ID) string {
	if r.Site == nil {
		return string(id) + ".md"
	}
	l := r.Site.Language(lang)
	if l == nil {
		return ""
	}
	dir := l.ContentDir
	if dir == "" {
		dir = r.Site.Languages[0].ContentDir
	}
	name := "_index.md"
	if l != r.Site.Languages[0] && l.ContentDir == "" {
		name = "_index." + l.Code + ".md"
	}
	return path.Join(dir, string(id), name)
}

// LanguageCodes names the languages of what was loaded, in Hugo's order: the
// site's, or one unnamed language ("") for a folder that is not a site.
func (r *Result) LanguageCodes() []string {
	if r.Site == nil {
		return []string{""}
	}
	codes := make([]string, len(r.Site.Languages))
	for i, l := range r.Site.Languages {
		codes[i] = l.Code
	}
	return codes
}
