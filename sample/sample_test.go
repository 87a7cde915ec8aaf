package sample_test

import (
	"strings"
	"testing"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// TestSample checks that the embedded sample loads cleanly and is the
// taxonomy issue 2 asks for: at least 3 concepts, 6 categories and 20 tags,
// each with a description, Instructions and a body, linked to each other,
// with one reference to a term that has no file.
func TestSample(t *testing.T) {
	res := loader.LoadFS(sample.FS, nil, loader.Options{})
	for _, p := range res.Problems {
		t.Errorf("loading: %v", p)
	}
	g := model.New(res.Terms)

	var counts [model.NumKinds]int
	var undefined []*model.Term
	for _, term := range g.Terms() {
		if !term.Defined {
			undefined = append(undefined, term)
			continue
		}
		counts[term.Kind]++
		t.Run(string(term.ID), func(t *testing.T) {
			for name, text := range map[string]string{
				"title": term.Title, "description": term.Description,
				"Instructions": term.Instructions, "body": term.Body,
			} {
				if strings.TrimSpace(text) == "" {
					t.Errorf("no %s", name)
				}
			}
			lower := strings.ToLower(term.Instructions)
			for _, part := range []string{"use this", "key topics", "exclude"} {
				if !strings.Contains(lower, part) {
					t.Errorf("the Instructions do not say %q", part)
				}
			}
			links := len(g.Backlinks(term))
			for _, k := range model.Kinds {
				links += len(g.Links(term, k))
			}
			if links == 0 {
				t.Error("no links and no backlinks")
			}
		})
	}
	for k, least := range [model.NumKinds]int{model.Concept: 3, model.Category: 6, model.Tag: 20} {
		if counts[k] < least {
			t.Errorf("%d %s, want at least %d", counts[k], model.Kind(k).Label(), least)
		}
	}
	if len(undefined) != 1 {
		var names []string
		for _, u := range undefined {
			names = append(names, string(u.ID))
		}
		t.Errorf("undefined terms %v, want exactly one", names)
	}
	for _, p := range g.Problems() {
		if len(undefined) == 1 && !strings.Contains(p.Error(), string(undefined[0].ID)) {
			t.Errorf("linking: %v", p)
		}
		if p.Line == 0 {
			t.Errorf("linking: %v has no line", p)
		}
	}
	t.Logf("%d concepts, %d categories, %d tags, %d undefined", counts[model.Concept], counts[model.Category], counts[model.Tag], len(undefined))
}
