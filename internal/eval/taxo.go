package main

import (
	"taxo/model"
	"taxo/model/learn"
)

// text ranks terms by their own text alone, as taxo suggest did before it
// learned from pages.
var text = method{name: "text", build: func(terms []*model.Term, _ []learn.Example) func(learn.Content) ranking {
	p := model.NewProfiles(terms)
	return func(c learn.Content) ranking { return rankScores(terms, p.Match(c.Text).Scores) }
}}

// taxo is the model of package learn.
var taxo = method{name: "taxo", build: func(terms []*model.Term, train []learn.Example) func(learn.Content) ranking {
	m := learn.New(terms, train)
	return func(c learn.Content) ranking {
		r := make(ranking)
		for _, tr := range m.Rank(c, depth) {
			for _, sg := range tr.Suggestions {
				r[tr.Taxonomy] = append(r[tr.Taxonomy], sg.Term.ID)
			}
		}
		return r
	}
}}

// depth is how many terms of each taxonomy the rankings are cut to: the
// reciprocal rank of a term below is less than 0.01.
const depth = 100
