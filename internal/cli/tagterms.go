package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"taxo/internal/safe"
	"taxo/internal/tagwrite"
	"taxo/model"
)

// The terms tag and retag are given: a title, key or ID of a term of the
// site, or a new one.

// termChoice is a term named on the command line: one of the site's, or a
// new one of kind.
type termChoice struct {
	kind     model.Kind
	spelling string      // as it goes into the front matter
	term     *model.Term // nil for a term the site does not have yet
}

// tagEdits works out the edits of tag's --add and --remove, a taxonomy at
// a time in the site's order, and which spellings added are new terms.
func (a *app) tagEdits(pg *sitePage, f tagFlags, kinds []model.Kind) ([]tagwrite.TaxonomyEdit, map[string]bool, error) {
	adds := map[model.Kind][]string{}
	removes := map[model.Kind][]string{}
	fresh := map[string]bool{}
	for _, name := range f.add {
		c, err := chooseTerm(pg.graph, name, kinds)
		if err != nil {
			return nil, nil, err
		}
		adds[c.kind] = append(adds[c.kind], c.spelling)
		fresh[c.spelling] = fresh[c.spelling] || c.term == nil
	}
	for _, name := range f.remove {
		c, ok, err := carriedTerm(pg.graph, pg.page, name, kinds)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			fmt.Fprintf(a.io.Err, "taxo: %s does not carry %q; nothing to remove\n", safe.Line(pg.page.Path), safe.Line(name))
			continue
		}
		removes[c.kind] = append(removes[c.kind], c.spelling)
	}
	var edits []tagwrite.TaxonomyEdit
	for _, k := range pg.graph.Kinds() {
		if len(adds[k]) > 0 || len(removes[k]) > 0 {
			edits = append(edits, tagwrite.TaxonomyEdit{Taxonomy: k.Taxonomy(), Edit: tagwrite.AddRemove(adds[k], removes[k])})
		}
	}
	return edits, fresh, nil
}

// chooseTerm finds the term a name means among the kinds given: by ID, by
// the site's key of it, by slug or title in any case. When none fits, it
// is a new term: of the one kind given, or of the kind its ID names, else a
// tag. Several that fit are an error that lists them.
func chooseTerm(g *model.Graph, name string, kinds []model.Kind) (termChoice, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return termChoice{}, usage(errors.New("a term cannot be empty"))
	}
	if k, rest, ok := idOf(g, name, kinds); ok {
		if t := g.KeyedTerm(k, rest); t != nil {
			return termChoice{kind: k, spelling: g.Spelling(t), term: t}, nil
		}
		return newTerm(g, k, rest)
	}
	found := termsNamed(g, name, kinds)
	switch len(found) {
	case 1:
		return termChoice{kind: found[0].Kind, spelling: g.Spelling(found[0]), term: found[0]}, nil
	case 0:
		k := model.Tag
		switch {
		case len(kinds) == 1:
			k = kinds[0]
		case !slices.Contains(kinds, model.Tag):
			return termChoice{}, usage(fmt.Errorf("no term named %q, and the site has no tags to add it to; say its taxonomy with --taxonomy", safe.Line(name)))
		}
		return newTerm(g, k, name)
	}
	return termChoice{}, failure("%q fits %d terms; name one by its ID, or add --taxonomy:%s", safe.Line(name), len(found), termTable(found))
}

// newTerm is a term of kind k the site does not have, spelt as given.
func newTerm(g *model.Graph, k model.Kind, spelling string) (termChoice, error) {
	if key := g.TermKey(); key != nil && key(spelling) == "" {
		return termChoice{}, usage(fmt.Errorf("%q has no letter or digit for Hugo to file it under", safe.Line(spelling)))
	}
	return termChoice{kind: k, spelling: spelling}, nil
}

// idOf reads name as an ID, <taxonomy>/<key>, of one of the kinds given.
func idOf(g *model.Graph, name string, kinds []model.Kind) (model.Kind, string, bool) {
	plural, rest, ok := strings.Cut(name, "/")
	if !ok || strings.TrimSpace(rest) == "" {
		return 0, "", false
	}
	for _, k := range kinds {
		if strings.EqualFold(plural, k.Taxonomy()) && slices.Contains(g.Kinds(), k) {
			return k, strings.TrimSpace(rest), true
		}
	}
	return 0, "", false
}

// termsNamed are the terms of the kinds given that name fits: by the
// site's key, or as Lookup finds them (slug or title in any case).
func termsNamed(g *model.Graph, name string, kinds []model.Kind) []*model.Term {
	var found []*model.Term
	add := func(t *model.Term) {
		if t != nil && !slices.ContainsFunc(found, func(f *model.Term) bool { return f.ID == t.ID }) {
			found = append(found, t)
		}
	}
	for _, k := range kinds {
		add(g.KeyedTerm(k, name))
		for _, t := range g.LookupKind(name, k) {
			add(t)
		}
	}
	return found
}

// carriedTerm finds which of the terms page carries name means, among the
// kinds given: by ID, key, spelling or the term's title. ok is false when
// it carries none, which is an error only when no term of the site has
// that name either (a mistake rather than a term already gone).
func carriedTerm(g *model.Graph, p *model.Page, name string, kinds []model.Kind) (termChoice, bool, error) {
	name = strings.TrimSpace(name)
	key := g.TermKey()
	var found []termChoice
	for _, pt := range p.Terms {
		if !slices.Contains(kinds, pt.Kind) {
			continue
		}
		t := g.Get(pt.ID())
		fits := strings.EqualFold(name, string(pt.ID())) || strings.EqualFold(name, pt.Title) ||
			key != nil && key(name) == pt.Key || t != nil && strings.EqualFold(name, strings.TrimSpace(t.Title))
		if fits && t != nil {
			found = append(found, termChoice{kind: pt.Kind, spelling: pt.Title, term: t})
		}
	}
	switch len(found) {
	case 1:
		return found[0], true, nil
	case 0:
		if len(termsNamed(g, name, kinds)) == 0 {
			if _, _, isID := idOf(g, name, kinds); !isID {
				return termChoice{}, false, noSuchTerm(g, name, kinds)
			}
		}
		return termChoice{}, false, nil
	}
	terms := make([]*model.Term, len(found))
	for i, c := range found {
		terms[i] = c.term
	}
	return termChoice{}, false, failure("%q fits %d terms the page carries; name one by its ID, or add --taxonomy:%s", safe.Line(name), len(found), termTable(terms))
}
