package main

import (
	"fmt"
	"path/filepath"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// site is one language of a site: its terms and its tagged pages, as taxo
// suggest learns from them.
type site struct {
	name  string
	terms []*model.Term
	pages []learn.Example
}

// readSites reads the Hugo site at dir, one site per language, in Hugo's
// order of the languages.
func readSites(dir string) ([]*site, error) {
	res, err := loader.Load(dir, loader.Options{})
	if err != nil {
		return nil, err
	}
	if res.Site == nil {
		return nil, fmt.Errorf("%s is not a Hugo site (no site config at its root)", dir)
	}
	var out []*site
	for _, l := range res.Site.Languages {
		g := res.Graph(l.Code)
		out = append(out, &site{
			name:  filepath.Base(filepath.Clean(dir)) + " (" + l.Code + ")",
			terms: g.Terms(),
			pages: learn.Examples(g, res.Body),
		})
	}
	return out, nil
}
