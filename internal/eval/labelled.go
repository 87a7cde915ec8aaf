package main

import (
	"fmt"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// labelledPiece is a piece of content with the terms, by title, an editor
// would give it, as model/testdata/suggest holds them.
type labelledPiece struct {
	Name       string   `yaml:"name"`
	Content    string   `yaml:"content"`
	Concepts   []string `yaml:"concepts"`
	Categories []string `yaml:"categories"`
	Tags       []string `yaml:"tags"`
}

// evaluateLabelled measures the methods on a labelled set for the
// taxonomy at dir, which has no tagged pages: the methods learn from
// nothing, and the prior and the neighbours have nothing to say.
func evaluateLabelled(file, dir string, methods []method) (*result, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var pieces []labelledPiece
	if err := yaml.Unmarshal(data, &pieces); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	loaded, err := loader.Load(dir, loader.Options{})
	if err != nil {
		return nil, err
	}
	g := model.New(loaded.Terms)
	res := newResult(g.Terms(), methods)
	res.site = dir
	res.title = fmt.Sprintf("%s: %d labelled pieces, no tagged pages", dir, len(pieces))
	ranks := make([]func(learn.Content) ranking, len(methods))
	for i, m := range methods {
		ranks[i] = m.build(g.Terms(), nil)
	}
	all := map[model.ID]bool{}
	for _, t := range g.Terms() {
		all[t.ID] = true
	}
	for _, p := range pieces {
		labels, err := pieceLabels(g, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for i, m := range methods {
			r := ranks[i](learn.Content{Text: p.Content})
			for tax, ids := range labels {
				res.by[tax][m.name].add(r[tax], ids, all)
			}
		}
	}
	return res, nil
}

// pieceLabels are a piece's terms by taxonomy, as IDs.
func pieceLabels(g *model.Graph, p labelledPiece) (map[string][]model.ID, error) {
	out := make(map[string][]model.ID)
	for k, titles := range [][]string{p.Concepts, p.Categories, p.Tags} {
		kind := model.Kinds[k]
		for _, title := range titles {
			i := slices.IndexFunc(g.Lookup(title), func(t *model.Term) bool { return t.Kind == kind && t.Defined })
			if i < 0 {
				return nil, fmt.Errorf("%s: %s %q is not a term", p.Name, kind, title)
			}
			out[kind.Taxonomy()] = append(out[kind.Taxonomy()], g.Lookup(title)[i].ID)
		}
	}
	return out, nil
}
