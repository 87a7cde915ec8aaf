package main

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"

	"taxo/model"
	"taxo/model/learn"
)

// scores are the three measures for one taxonomy, summed over test pages.
type scores struct {
	pages               int
	p3, r10, mrr        float64
	labels, unreachable int     // labels in all, and of terms no training page or term page has
	ceiling             float64 // the sum of the best P@3 any method could reach
}

func (s *scores) add(ranked []model.ID, labels []model.ID, known map[model.ID]bool) {
	s.pages++
	hits, in10, first := 0, 0, 0
	for i, id := range ranked {
		if !slices.Contains(labels, id) {
			continue
		}
		if i < 3 {
			hits++
		}
		if i < 10 {
			in10++
		}
		if first == 0 {
			first = i + 1
		}
	}
	s.p3 += float64(hits) / 3
	s.r10 += float64(in10) / float64(len(labels))
	if first > 0 {
		s.mrr += 1 / float64(first)
	}
	s.labels += len(labels)
	reach := 0
	for _, id := range labels {
		if known[id] {
			reach++
		}
	}
	s.unreachable += len(labels) - reach
	s.ceiling += float64(min(3, reach)) / 3
}

// P3 is the mean precision at 3: the share of the first three terms that
// are right.
func (s scores) P3() float64 { return s.p3 / float64(max(s.pages, 1)) }

// R10 is the mean recall at 10: the share of the right terms in the first
// ten.
func (s scores) R10() float64 { return s.r10 / float64(max(s.pages, 1)) }

// MRR is the mean reciprocal rank of the first right term (0 when none is
// in the first depth).
func (s scores) MRR() float64 { return s.mrr / float64(max(s.pages, 1)) }

// result is what the evaluation found on one site: by taxonomy, by method.
type result struct {
	site, title string // the site and language; a line saying what was measured
	taxonomies  []string
	methods     []string
	by          map[string]map[string]*scores // taxonomy → method → scores
	terms       map[string]int                // taxonomy → terms known from all pages
}

// fold is the part of the split a page falls in: a hash of the seed and
// its path, so the split is the same on every run and every machine, and
// does not depend on the pages' order.
func fold(path string, seed uint64, folds int) int {
	h := fnv.New64a()
	_ = binary.Write(h, binary.LittleEndian, seed)
	h.Write([]byte(path))
	return int(h.Sum64() % uint64(folds))
}

// evaluate splits the site's tagged pages in folds; each fold in turn is
// tested on while the methods learn from the others. A term counts as
// known in a fold when a term page describes it or a training page
// carries it: a term only the test pages carry does not exist for the
// model, and is a miss for every method.
func evaluate(s *site, methods []method, folds int, seed uint64, show io.Writer, showTax string) *result {
	res := newResult(s.terms, methods)
	res.site = s.name
	res.title = fmt.Sprintf("%s: %d tagged pages, %d folds, seed %d", s.name, len(s.pages), folds, seed)
	for f := range folds {
		var train, test []learn.Example
		for _, p := range s.pages {
			if fold(p.Path, seed, folds) == f {
				test = append(test, p)
			} else {
				train = append(train, p)
			}
		}
		terms, known := knownTerms(s, train)
		for _, m := range methods {
			rank := m.build(terms, train)
			for _, p := range test {
				r := rank(learn.Content{Path: p.Path, Text: p.Text, Date: p.Date})
				for tax, labels := range byTaxonomy(p.Terms) {
					res.by[tax][m.name].add(r[tax], labels, known)
					if show != nil && tax == showTax {
						showRanking(show, p.Path, m.name, r[tax], labels)
					}
				}
			}
		}
	}
	return res
}

// newResult makes the empty result for the terms' taxonomies.
func newResult(terms []*model.Term, methods []method) *result {
	res := &result{by: make(map[string]map[string]*scores), terms: make(map[string]int)}
	for _, m := range methods {
		res.methods = append(res.methods, m.name)
	}
	for _, t := range terms {
		tax := learn.Taxonomy(t.ID)
		if res.by[tax] == nil {
			res.taxonomies = append(res.taxonomies, tax)
			res.by[tax] = make(map[string]*scores)
			for _, m := range methods {
				res.by[tax][m.name] = &scores{}
			}
		}
		res.terms[tax]++
	}
	return res
}

// knownTerms are the site's terms that exist for a model learning from
// train: those with a term page, and those a training page carries.
func knownTerms(s *site, train []learn.Example) ([]*model.Term, map[model.ID]bool) {
	known := make(map[model.ID]bool)
	for _, p := range train {
		for _, id := range p.Terms {
			known[id] = true
		}
	}
	var terms []*model.Term
	for _, t := range s.terms {
		if t.Path != "" {
			known[t.ID] = true
		}
		if known[t.ID] {
			terms = append(terms, t)
		}
	}
	return terms, known
}

func byTaxonomy(ids []model.ID) map[string][]model.ID {
	out := make(map[string][]model.ID)
	for _, id := range ids {
		tax := learn.Taxonomy(id)
		out[tax] = append(out[tax], id)
	}
	return out
}

// showRanking writes a method's first three terms for a test page, each
// marked + when the page carries it, and the page's terms it missed.
func showRanking(out io.Writer, path, method string, ranked, labels []model.ID) {
	var got, missed []string
	for i, id := range ranked[:min(3, len(ranked))] {
		mark := "-"
		if slices.Contains(labels, id) {
			mark = "+"
		}
		got = append(got, fmt.Sprintf("%s%d %s", mark, i+1, id))
	}
	for _, id := range labels {
		if !slices.Contains(ranked[:min(3, len(ranked))], id) {
			missed = append(missed, string(id))
		}
	}
	fmt.Fprintf(out, "%s\t%s\t%s\tmissed: %s\n", path, method, strings.Join(got, "  "), strings.Join(missed, " "))
}
