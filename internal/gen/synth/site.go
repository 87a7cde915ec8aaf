package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"taxo/model"
)

// A synthetic Hugo site: a config (hugo.toml) declaring the three
// taxonomies and two languages, every term as a term page
// (content/<taxonomy>/<slug>/_index.md, the full term file Generate
// writes), French term pages for the most used terms, and content pages
// shaped like a blog's.
//
// Shape, per page: about 3 KB of body; 1–10 terms, drawn by a Zipf-like
// law over the terms of each kind, so that a few terms are on many pages
// and most on few or none (about 75% tags, 20% categories, 5% concepts),
// a few of them terms without a term page; 90% YAML front matter
// (title, date, lastmod, description, author, draft, the terms' lists as
// block or bracketed lists, sometimes images and a folded summary), 10%
// TOML; 5% drafts; 10% in French (post.fr.md, index.fr.md), carrying the
// terms that have French term pages; 30% leaf bundles
// (<section>/<slug>/index.md), the rest <section>/<year>/<slug>.md, in
// a dozen sections with their _index.md.

// Rates of the site's shape, in percent.
const (
	frenchPages     = 10
	draftPages      = 5
	tomlPages       = 10
	bundlePages     = 30
	missingPageTerm = 1
	frenchTerms     = 5 // of each kind's terms, the most used, have a French term page
)

// sections are the site's top folders of pages.
var sections = strings.Fields("posts articles guides news notes talks reviews tutorials case-studies events podcasts newsletters")

// siteConfig is the site's hugo.toml.
const siteConfig = `baseURL = "https://example.org/"
title = "Synthetic"
defaultContentLanguage = "en"

[taxonomies]
  concept = "concepts"
  category = "categories"
  tag = "tags"

[languages.en]
  languageName = "English"
  weight = 1

[languages.fr]
  languageName = "Français"
  weight = 2
`

// GenerateSite returns the files of a Hugo site of terms terms and pages
// content pages, in a stable order, deterministically for seed.
func GenerateSite(terms, pages int, seed uint64) []File {
	v := newVocabulary()
	planned := plan(terms, seed, v)
	var byKind [model.NumKinds][]string
	for _, t := range planned {
		byKind[t.kind] = append(byKind[t.kind], t.title)
	}
	files := make([]File, 0, terms+pages+terms/10+3*len(sections)+8)
	files = append(files, File{Path: "hugo.toml", Data: []byte(siteConfig)})
	for _, k := range model.Kinds {
		files = append(files, File{Path: "content/" + k.Taxonomy() + "/_index.md", Data: []byte("---\ntitle: " + k.Label() + "\n---\n")})
	}
	french := frenchTitles(byKind)
	for i, t := range planned {
		r := rand.New(rand.NewPCG(seed, uint64(i)+1))
		w := &writer{r: r, v: v, t: t, topic: topicWords(r, v, t)}
		dir := "content/" + t.kind.Taxonomy() + "/" + t.slug + "/"
		files = append(files, File{Path: dir + "_index.md", Data: w.file(byKind)})
		if french[t.kind][t.title] {
			files = append(files, File{Path: dir + "_index.fr.md", Data: []byte("---\ntitle: " + quote(t.title+" (fr)") + "\n---\n")})
		}
	}
	for _, s := range sections {
		files = append(files, File{Path: "content/" + s + "/_index.md", Data: []byte("---\ntitle: " + titleCase(s) + "\n---\n")},
			File{Path: "content/" + s + "/_index.fr.md", Data: []byte("---\ntitle: " + titleCase(s) + " (fr)\n---\n")})
	}
	slugs := make(map[string]bool, pages)
	for i := range pages {
		r := rand.New(rand.NewPCG(seed, 1<<40+uint64(i)))
		files = append(files, newPage(r, v, byKind, slugs).file())
	}
	return files
}

// frenchTitles are, by kind, the titles of the most used terms, which
// have French term pages.
func frenchTitles(byKind [model.NumKinds][]string) [model.NumKinds]map[string]bool {
	var out [model.NumKinds]map[string]bool
	for k, titles := range byKind {
		out[k] = make(map[string]bool)
		for _, t := range titles[:frenchCount(len(titles))] {
			out[k][t] = true
		}
	}
	return out
}

// frenchCount is how many of a kind's n terms have French term pages.
func frenchCount(n int) int { return min(n, max(1, n*frenchTerms/100)) }

// page is what the generator decides about one content page.
type page struct {
	w       *writer
	path    string
	date    time.Time
	draft   bool
	toml    bool
	terms   [model.NumKinds][]string
	section string
}

// newPage decides a page: its place, language, dates and terms.
func newPage(r *rand.Rand, v *vocabulary, byKind [model.NumKinds][]string, slugs map[string]bool) *page {
	var title, slug string
	for {
		title = upperFirst(strings.Join([]string{adjectives[zipfRank(r, len(adjectives))], nouns[zipfRank(r, len(nouns))],
			verbs[r.IntN(len(verbs))], v.tail(r)}, " "))
		if slug = model.Urlize(title); !slugs[slug] {
			slugs[slug] = true
			break
		}
	}
	p := &page{w: &writer{r: r, v: v, t: term{title: title, slug: slug}}, section: sections[zipfRank(r, len(sections))]}
	p.w.topic = topicWords(r, v, p.w.t)
	p.date = baseDate.AddDate(-3, 0, 0).Add(time.Duration(r.IntN(3*365*24)) * time.Hour)
	p.draft = r.IntN(100) < draftPages
	p.toml = r.IntN(100) < tomlPages
	fr := r.IntN(100) < frenchPages
	name := slug + ".md"
	if fr {
		name = slug + ".fr.md"
	}
	if r.IntN(100) < bundlePages {
		p.path = "content/" + p.section + "/" + slug + "/" + strings.Replace(name, slug, "index", 1)
	} else {
		p.path = "content/" + p.section + "/" + strconv.Itoa(p.date.Year()) + "/" + name
	}
	p.pickTerms(byKind, fr)
	return p
}

// pickTerms draws 1–10 terms: tags mostly, then categories and concepts,
// each by its popularity; a French page draws among the terms with French
// term pages.
func (p *page) pickTerms(byKind [model.NumKinds][]string, fr bool) {
	r := p.w.r
	n := 1 + r.IntN(10)
	for range n {
		k := model.Tag
		switch x := r.IntN(100); {
		case x < 5:
			k = model.Concept
		case x < 25:
			k = model.Category
		}
		titles := byKind[k]
		if len(titles) == 0 {
			continue
		}
		if fr {
			titles = titles[:frenchCount(len(titles))]
		}
		title := titles[zipfRank(r, len(titles))]
		if !fr && r.IntN(100) < missingPageTerm {
			title = "Unfiled " + titleCase(p.w.v.tail(r))
		}
		if !contains(p.terms[k], title) {
			p.terms[k] = append(p.terms[k], title)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// file writes the page.
func (p *page) file() File {
	if p.toml {
		return File{Path: p.path, Data: p.tomlFile()}
	}
	return File{Path: p.path, Data: p.yamlFile()}
}

func (p *page) yamlFile() []byte {
	w, r := p.w, p.w.r
	w.b.Grow(4 << 10)
	w.line("---")
	if r.IntN(2) == 0 {
		w.field("title", quote(w.t.title))
	} else {
		w.field("title", w.t.title)
	}
	w.field("date", p.date.Format(time.RFC3339))
	if r.IntN(3) == 0 {
		w.field("lastmod", p.date.Add(time.Duration(r.IntN(90*24))*time.Hour).Format(time.RFC3339))
	}
	w.field("description", quote(w.sentences(1+r.IntN(2))))
	w.field("author", titleCase(w.v.tail(r))+" "+titleCase(w.v.tail(r)))
	w.field("draft", strconv.FormatBool(p.draft))
	for _, k := range model.Kinds {
		if len(p.terms[k]) == 0 {
			continue
		}
		if r.IntN(10) < 3 {
			quoted := make([]string, len(p.terms[k]))
			for i, t := range p.terms[k] {
				quoted[i] = quote(t)
			}
			w.field(k.Taxonomy(), "["+strings.Join(quoted, ", ")+"]")
			continue
		}
		w.line(k.Taxonomy() + ":")
		for _, t := range p.terms[k] {
			w.line("- " + quote(t))
		}
	}
	if r.IntN(4) == 0 {
		w.field("images", "[\"/images/"+w.t.slug+".png\"]")
	}
	if r.IntN(5) == 0 {
		w.line("summary: >-")
		w.line("  " + w.sentences(2))
		w.line("  " + w.sentences(1))
	}
	w.line("---")
	p.body()
	return []byte(w.b.String())
}

func (p *page) tomlFile() []byte {
	w, r := p.w, p.w.r
	w.b.Grow(4 << 10)
	w.line("+++")
	w.line("title = " + quote(w.t.title))
	w.line("date = " + p.date.Format(time.RFC3339))
	w.line("description = " + quote(w.sentences(1+r.IntN(2))))
	w.line("author = " + quote(titleCase(w.v.tail(r))+" "+titleCase(w.v.tail(r))))
	w.line("draft = " + strconv.FormatBool(p.draft))
	for _, k := range model.Kinds {
		if len(p.terms[k]) == 0 {
			continue
		}
		quoted := make([]string, len(p.terms[k]))
		for i, t := range p.terms[k] {
			quoted[i] = quote(t)
		}
		w.line(k.Taxonomy() + " = [" + strings.Join(quoted, ", ") + "]")
	}
	w.line("+++")
	p.body()
	return []byte(w.b.String())
}

// body writes about 3 KB of markdown: paragraphs, a heading or two, a
// list now and then.
func (p *page) body() {
	w, r := p.w, p.w.r
	for i := range 4 + r.IntN(3) {
		if i > 0 && r.IntN(3) == 0 {
			w.line("## " + titleCase(w.adjective()) + " " + w.noun())
			w.line("")
		}
		w.line(w.sentences(5 + r.IntN(3)))
		w.line("")
		if r.IntN(4) == 0 {
			for range 3 + r.IntN(3) {
				w.line("- " + w.phrase())
			}
			w.line("")
		}
	}
	fmt.Fprintf(&w.b, "Written in %d.\n", p.date.Year())
}
