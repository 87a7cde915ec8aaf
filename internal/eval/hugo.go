package main

// This file is the temporary adapter the evaluation reads sites with until
// the loader reads content pages (issue 12, branch site). It takes the
// pages and their terms from the site's hugo-answer/<lang>.json (Hugo's own
// answer: term → pages) and their text from the content files it names.
// When pages land, readSite becomes: load the site, and for each page of
// the language that carries a term, an Example of its path, title, text
// (loader.ContentText of its file) and terms; the terms are the graph's.

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// site is one language of a site: its terms and its tagged pages.
type site struct {
	name  string
	terms []*model.Term
	pages []learn.Example
}

// siteLanguages lists the languages hugo-answer has an answer for.
func siteLanguages(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "hugo-answer", "*.json"))
	if err != nil {
		return nil, err
	}
	var langs []string
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".json"); name != "summary" {
			langs = append(langs, name)
		}
	}
	if len(langs) == 0 {
		return nil, fmt.Errorf("%s: no hugo-answer/<lang>.json", dir)
	}
	return langs, nil
}

// answerConfig is what the adapter needs of hugo-answer/config.yaml.
type answerConfig struct {
	DefaultContentLanguage string `yaml:"defaultContentLanguage"`
	ContentDir             string `yaml:"contentDir"`
	Languages              map[string]struct {
		ContentDir string `yaml:"contentDir"`
	} `yaml:"languages"`
}

// readSite reads one language of the site at dir.
func readSite(dir, lang string) (*site, error) {
	answer, err := readAnswer(filepath.Join(dir, "hugo-answer", lang+".json"))
	if err != nil {
		return nil, err
	}
	var cfg answerConfig
	if data, err := os.ReadFile(filepath.Join(dir, "hugo-answer", "config.yaml")); err == nil {
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			return nil, fmt.Errorf("hugo-answer/config.yaml: %w", err)
		}
	}
	content := cmpOr(cfg.Languages[lang].ContentDir, cfg.ContentDir, "content")
	s := &site{name: filepath.Base(filepath.Clean(dir)) + " (" + lang + ")"}
	terms := termPages(filepath.Join(dir, content), answer.taxonomies, lang, cmpOr(cfg.DefaultContentLanguage, "en"))
	for _, id := range answer.terms {
		if terms[id] == nil {
			_, key, _ := strings.Cut(string(id), "/")
			terms[id] = &model.Term{ID: id, Slug: key, Title: strings.ReplaceAll(key, "-", " "), Defined: true}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(terms)) {
		s.terms = append(s.terms, terms[id])
	}
	for _, p := range answer.pages {
		ex, err := readPage(filepath.Join(dir, content), p, answer.carried[p])
		if err != nil {
			return nil, err
		}
		s.pages = append(s.pages, ex)
	}
	return s, nil
}

// answer is one hugo-answer/<lang>.json turned round: each page's terms.
type answer struct {
	taxonomies []string
	terms      []model.ID
	pages      []string // sorted
	carried    map[string][]model.ID
}

func readAnswer(file string) (*answer, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var byTerm map[string][]string
	if err := json.Unmarshal(data, &byTerm); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	a := &answer{carried: make(map[string][]model.ID)}
	for _, id := range slices.Sorted(maps.Keys(byTerm)) {
		a.terms = append(a.terms, model.ID(id))
		if tax := learn.Taxonomy(model.ID(id)); !slices.Contains(a.taxonomies, tax) {
			a.taxonomies = append(a.taxonomies, tax)
		}
		for _, p := range byTerm[id] {
			if a.carried[p] == nil {
				a.pages = append(a.pages, p)
			}
			a.carried[p] = append(a.carried[p], model.ID(id))
		}
	}
	slices.Sort(a.pages)
	return a, nil
}

// termPages reads the term pages of the taxonomies
// (<plural>/<key>/_index.md, or _index.<lang>.md), for their title,
// description and Instructions.
func termPages(content string, taxonomies []string, lang, defaultLang string) map[model.ID]*model.Term {
	terms := make(map[model.ID]*model.Term)
	for _, tax := range taxonomies {
		dirs, _ := os.ReadDir(filepath.Join(content, tax))
		for _, d := range dirs {
			if !d.IsDir() {
				continue
			}
			names := []string{"_index." + lang + ".md"}
			if lang == defaultLang {
				names = append(names, "_index.md")
			}
			for _, name := range names {
				rel := path.Join(tax, d.Name(), name)
				src, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(rel)))
				if err != nil {
					continue
				}
				key := model.Urlize(d.Name())
				t, _ := loader.Parse(rel, src, key, model.Tag)
				if t != nil {
					t.ID, t.Defined = model.ID(tax+"/"+key), true
					terms[t.ID] = t
				}
				break
			}
		}
	}
	return terms
}

// readPage reads a page's text as suggest reads a piece of content: the
// title, description and body, the front matter (and so the page's terms)
// left out.
func readPage(content, rel string, terms []model.ID) (learn.Example, error) {
	src, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(rel)))
	if err != nil {
		return learn.Example{}, err
	}
	t, problems := loader.Parse(rel, src, "page", model.Tag)
	if t == nil {
		return learn.Example{}, fmt.Errorf("%s: %v", rel, problems)
	}
	text, _ := loader.ContentText(rel, src)
	return learn.Example{Path: rel, Title: t.DisplayTitle(), Text: text, Terms: slices.Clone(terms), Date: t.Date}, nil
}

func cmpOr(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
