package loader_test

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"taxo/loader"
	"taxo/model"
)

// loadSite loads an in-memory site.
func loadSite(t *testing.T, files map[string]string) *loader.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text), ModTime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	return loader.LoadFS(fsys, nil, loader.Options{})
}

// siteView is what a site's config comes to.
type siteView struct {
	Files                  string
	Default                string
	Languages              string // code:folder:plurals, in Hugo's order
	Drafts, Future, Expire bool
}

func viewSite(s *loader.Site) siteView {
	var langs []string
	for _, l := range s.Languages {
		var plurals []string
		for _, tx := range l.Taxonomies {
			plurals = append(plurals, tx.Plural)
		}
		langs = append(langs, l.Code+":"+l.ContentDir+":"+strings.Join(plurals, ","))
	}
	return siteView{strings.Join(s.ConfigFiles, " "), s.DefaultLanguage, strings.Join(langs, " "), s.BuildDrafts, s.BuildFuture, s.BuildExpired}
}

func TestSiteConfig(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  siteView
	}{
		{"no taxonomies: Hugo's two", map[string]string{"hugo.toml": "title = 'x'\n"},
			siteView{Files: "hugo.toml", Default: "en", Languages: "en:content:categories,tags"}},
		{"hugo.toml before config.toml", map[string]string{"hugo.toml": "[taxonomies]\ntag = 'tags'\n", "config.toml": "[taxonomies]\nauthor = 'authors'\n"},
			siteView{Files: "hugo.toml", Default: "en", Languages: "en:content:tags"}},
		{"toml before yaml", map[string]string{"config.yaml": "taxonomies: {}\n", "config.toml": "buildDrafts = true\n"},
			siteView{Files: "config.toml", Default: "en", Languages: "en:content:categories,tags", Drafts: true}},
		{"the config folder over the root file, maps merged", map[string]string{
			"config.toml":                    "buildFuture = true\n[taxonomies]\ntag = 'tags'\n",
			"config/_default/taxonomies.yml": "serie: series\n",
			"config/_default/config.json":    `{"buildFuture": false, "buildExpired": true}`,
			"config/production/hugo.toml":    "buildDrafts = true\n",
		}, siteView{Files: "config.toml config/_default/config.json config/_default/taxonomies.yml config/production/hugo.toml", Default: "en",
			Languages: "en:content:tags,series", Drafts: true, Expire: true}},
		{"YAML 1.1 booleans and keys in any case", map[string]string{"config.yaml": "BuildDrafts: yes\nbuildfuture: on\nTaxonomies:\n  Tag: Tags\n"},
			siteView{Files: "config.yaml", Default: "en", Languages: "en:content:tags", Drafts: true, Future: true}},
		{"taxonomies: {}", map[string]string{"hugo.yaml": "taxonomies: {}\n"},
			siteView{Files: "hugo.yaml", Default: "en", Languages: "en:content:"}},
		{"languages: the default first, then by weight; a shared folder is the first's", map[string]string{"hugo.toml": `
defaultContentLanguage = "FR"
contentDir = "src"
[languages.de]
weight = 1
[languages.en]
weight = 3
contentDir = "english"
[languages.fr]
weight = 2
[languages.it]
weight = 4
disabled = true
[languages.es]
[languages.es.taxonomies]
tema = "temas"
`}, siteView{Files: "hugo.toml", Default: "fr", Languages: "fr:src:categories,tags de::categories,tags en:english:categories,tags es::temas"}},
		{"only config/_default", map[string]string{"config/_default/languages.toml": "[ja]\nweight = 1\n", "config/_default/hugo.toml": "defaultContentLanguage = 'ja'\n"},
			siteView{Files: "config/_default/hugo.toml config/_default/languages.toml", Default: "ja", Languages: "ja:content:categories,tags"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadSite(t, tt.files)
			if res.Site == nil {
				t.Fatal("not read as a site")
			}
			if got := viewSite(res.Site); got != tt.want {
				t.Errorf("site =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestSiteConfigProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a broken TOML config", map[string]string{"hugo.toml": "title = 'x'\n[taxonomies\n"}, "hugo.toml:2:"},
		{"a broken YAML config", map[string]string{"config.yaml": "a: 1\n b: [\n"}, "config.yaml:2:"},
		{"taxonomies that are not a map", map[string]string{"hugo.yaml": "taxonomies: [tags]\n"}, "hugo.yaml: warning: taxonomies is not a map"},
		{"an unknown time zone", map[string]string{"hugo.yaml": "timeZone: Mars/Olympus\n"}, `timeZone "Mars/Olympus"`},
		{"a default language that is none of them", map[string]string{"hugo.yaml": "defaultContentLanguage: de\nlanguages:\n  en: {}\n"}, `defaultContentLanguage "de"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadSite(t, tt.files)
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Error())
			}
			if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, tt.want) }) {
				t.Errorf("problems %q lack %q", got, tt.want)
			}
		})
	}
}

func TestPageFromFrontMatter(t *testing.T) {
	res := loadSite(t, map[string]string{
		"hugo.toml": "timeZone = 'Europe/Paris'\n[taxonomies]\ntag = 'tags'\nserie = 'series'\n",
		"content/post/a.md": `---
title: Hello
description: A first post.
lastmod: 2024-03-01
pubdate: 2024-02-01 10:00:00
expirydate: 2030-01-01T00:00:00Z
published: false
Tags:
  - Go
  - "  Self Hosted "
  - go
series: Learn Go
hero: {image: a.png}
---
The body.
`,
	})
	if len(res.Pages) != 1 {
		t.Fatalf("%d pages, want 1; problems %v", len(res.Pages), res.Problems)
	}
	p := res.Pages[0]
	paris, _ := time.LoadLocation("Europe/Paris")
	checks := []struct {
		what      string
		got, want any
	}{
		{"path", p.Path, "content/post/a.md"},
		{"lang", p.Lang, "en"},
		{"title", p.Title, "Hello"},
		{"description", p.Description, "A first post."},
		{"date (from pubdate, before lastmod)", p.Date, time.Date(2024, 2, 1, 10, 0, 0, 0, paris)},
		{"publish date", p.PublishDate, time.Date(2024, 2, 1, 10, 0, 0, 0, paris)},
		{"expiry date", p.ExpiryDate, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"lastmod", p.Lastmod, time.Date(2024, 3, 1, 0, 0, 0, 0, paris)},
		{"draft (published: false)", p.Draft, true},
		{"terms", fmt.Sprint(p.Terms), fmt.Sprint([]model.PageTerm{
			{Kind: model.Tag, Key: "go", Title: "Go", Line: 9, Col: 5},
			{Kind: model.Tag, Key: "self-hosted", Title: "  Self Hosted ", Line: 10, Col: 5},
			{Kind: model.DeclareKind("serie", "series"), Key: "learn-go", Title: "Learn Go", Line: 12, Col: 9},
		})},
		{"fields", fmt.Sprint(p.Fields), "[{hero map[image:a.png]}]"},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	body, err := res.Body(p)
	if err != nil || body != "The body.\n" {
		t.Errorf("Body = %q, %v", body, err)
	}
}

func TestPageProblems(t *testing.T) {
	res := loadSite(t, map[string]string{
		"hugo.toml":              "",
		"content/yaml.md":        "---\ntitle: A\ntags: [a\n---\n",
		"content/json.md":        "{\n  \"title\": \"A\",,\n}\n",
		"content/open.md":        "---\ntitle: A\n",
		"content/twice.md":       "---\ntags: [a]\nTags: [b]\n---\n",
		"content/lost.md":        "---\ntags: [kde e.v.]\n---\n",
		"content/binary.md":      "---\ntitle: A\x00\n---\n",
		"content/fine.md":        "---\ntitle: Fine\n---\n",
		"content/body-binary.md": "---\ntitle: Its body is not ours to judge\n---\n\x00\xff\n",
	})
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Error())
	}
	for _, want := range []string{
		"content/yaml.md:3: error: invalid YAML front matter",
		"content/json.md:2:16: error: invalid JSON front matter",
		"content/open.md:1:1: error: YAML front matter opened here is never closed",
		`content/twice.md:3:7: warning: field "Tags" is given twice (also on line 2)`,
		`content/lost.md:2:8: warning: tag "kde e.v." is lost`,
		"content/binary.md:2:9: error: binary content",
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("problems lack %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 6 {
		t.Errorf("%d problems, want 6:\n%s", len(got), strings.Join(got, "\n"))
	}
	var paths []string
	for _, p := range res.Pages {
		paths = append(paths, p.Path)
	}
	if want := []string{"content/body-binary.md", "content/fine.md", "content/lost.md", "content/twice.md"}; !slices.Equal(paths, want) {
		t.Errorf("pages = %v, want %v: a page whose front matter cannot be read is left out", paths, want)
	}
}

// countingFS counts the bytes read from each file.
type countingFS struct {
	fs.FS
	read map[string]*atomic.Int64
}

type countingFile struct {
	fs.File
	n *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if n, ok := c.read[name]; ok {
		return countingFile{f, n}, nil
	}
	return f, nil
}

func (f countingFile) Read(b []byte) (int, error) {
	n, err := f.File.Read(b)
	f.n.Add(int64(n))
	return n, err
}

// TestPageReadUpToItsBody: a load reads a page only up to the end of its
// front matter, whatever its body's size; Body reads the rest.
func TestPageReadUpToItsBody(t *testing.T) {
	body := strings.Repeat("A long body, read only when shown.\n", 30000)
	fsys := fstest.MapFS{
		"hugo.toml":          {Data: []byte("")},
		"content/big.md":     {Data: []byte("---\ntitle: Big\ntags: [a]\n---\n" + body)},
		"content/big-js.md":  {Data: []byte("{\"title\": \"Big\", \"tags\": [\"a\"]}\n" + body)},
		"content/big-tml.md": {Data: []byte("+++\ntitle = 'Big'\ntags = ['a']\n+++\n" + body)},
	}
	counts := countingFS{fsys, map[string]*atomic.Int64{}}
	for name := range fsys {
		counts.read[name] = &atomic.Int64{}
	}
	res := loader.LoadFS(counts, nil, loader.Options{})
	if len(res.Pages) != 3 || len(res.Problems) != 0 {
		t.Fatalf("pages %d, problems %v", len(res.Pages), res.Problems)
	}
	for _, name := range []string{"content/big.md", "content/big-js.md", "content/big-tml.md"} {
		if n := counts.read[name].Load(); n > 16<<10 {
			t.Errorf("%s: %d bytes read of %d", name, n, len(fsys[name].Data))
		}
	}
	got, err := res.Body(res.Pages[0])
	if err != nil || got != body {
		t.Errorf("Body: %d bytes, %v; want the %d of the body", len(got), err, len(body))
	}
	if _, err := io.ReadAll(strings.NewReader(got)); err != nil {
		t.Fatal(err)
	}
}

// TestTermPagesPerLanguage: term pages are terms of their language, so one
// ID in two languages is two terms, each with its term page read as a page.
func TestTermPagesPerLanguage(t *testing.T) {
	res := loadSite(t, map[string]string{
		"hugo.yaml":                     "languages:\n  en: {weight: 1}\n  fr: {weight: 2}\n",
		"content/tags/go/_index.md":     "---\ntitle: Go\n---\n",
		"content/tags/go/_index.fr.md":  "---\ntitle: Go en français\ndraft: true\n---\n",
		"content/tags/_index.md":        "---\ntitle: Tags\n---\n",
		"content/categories/x/index.md": "---\ntitle: A leaf bundle in a taxonomy's folder is a page\n---\n",
	})
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	var got []string
	for _, term := range res.Terms {
		got = append(got, fmt.Sprintf("%s %s %q page=%v draft=%v", term.Lang, term.ID, term.Title, term.Page != nil, term.Page != nil && term.Page.Draft))
	}
	want := []string{`en tags/go "Go" page=true draft=false`, `fr tags/go "Go en français" page=true draft=true`}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("terms =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Pages) != 1 || res.Pages[0].Path != "content/categories/x/index.md" {
		t.Errorf("pages = %v", res.Pages)
	}
	if g := res.Graph("fr"); g == nil || g.Get("tags/go").Title != "Go en français" {
		t.Errorf("the French graph's tags/go is not the French term page's")
	}
	if res.Graph("de") != nil {
		t.Error("a graph for a language the site has not")
	}
}

// TestTaxonomiesNumberedInNameOrder: the kinds of a site's own
// taxonomies are numbered in the order of their names, whatever order the
// config's map comes in, so that every start orders the terms alike (and
// finds the graph and the learned model it kept). The names are new to
// the process, so that this load is the one that numbers them.
func TestTaxonomiesNumberedInNameOrder(t *testing.T) {
	names := []string{"zorbs", "quarks", "blips", "mumbles", "fizzes", "wonks", "glints"}
	var cfg strings.Builder
	cfg.WriteString("[taxonomies]\n")
	for _, n := range names {
		fmt.Fprintf(&cfg, "%s = '%s'\n", strings.TrimSuffix(n, "s"), n)
	}
	res := loadSite(t, map[string]string{"hugo.toml": cfg.String()})
	if res.Site == nil {
		t.Fatal("no site")
	}
	var kinds []model.Kind
	var plurals []string
	for _, tx := range res.Site.Languages[0].Taxonomies {
		kinds = append(kinds, tx.Kind)
		plurals = append(plurals, tx.Plural)
	}
	if !slices.IsSorted(plurals) || !slices.IsSorted(kinds) {
		t.Errorf("taxonomies %v numbered %v, want both in the names' order", plurals, kinds)
	}
}
