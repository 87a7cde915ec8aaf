package learn_test

import (
	"slices"
	"testing"

	"taxo/model"
	"taxo/model/learn"
)

// TestWhyLeavesOutTheLanguagesStopwords checks that on a site written in
// French the words that fit a suggestion are what the content is about,
// not "la", "et" or "des", which every French term and page holds.
func TestWhyLeavesOutTheLanguagesStopwords(t *testing.T) {
	terms := []*model.Term{
		{ID: "tags/levain", Kind: model.Tag, Slug: "levain", Title: "Levain", Lang: "fr", Defined: true,
			Instructions: "Pour les pages sur le levain et la fermentation de la pâte à pain."},
		{ID: "tags/confiture", Kind: model.Tag, Slug: "confiture", Title: "Confiture", Lang: "fr", Defined: true,
			Instructions: "Pour les pages sur la confiture et les fruits cuits avec du sucre."},
	}
	m := learn.New(terms, nil)
	got := m.Suggest(learn.Content{Text: "Nourrir le levain\n\nLa pâte et le levain de la veille, avec des fruits et des noix."}, 1)
	if len(got) != 1 || len(got[0].Suggestions) != 1 {
		t.Fatalf("got %+v, want one suggestion", got)
	}
	sg := got[0].Suggestions[0]
	if sg.Term.ID != "tags/levain" {
		t.Errorf("first suggestion %s, want tags/levain", sg.Term.ID)
	}
	for _, w := range sg.Why {
		if slices.Contains([]string{"le", "la", "et", "des", "de", "les", "avec"}, w) {
			t.Errorf("why = %q: %q is a French stopword", sg.Why, w)
		}
	}
	if !slices.Contains(sg.Why, "levain") {
		t.Errorf("why = %q, want levain among them", sg.Why)
	}
}
