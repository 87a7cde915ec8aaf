package learn_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
	"taxo/sample"
)

// sampleTerms are the terms of the embedded sample taxonomy (a food
// magazine's), in display order.
func sampleTerms(t *testing.T) []*model.Term {
	t.Helper()
	res := loader.LoadFS(sample.FS, nil, loader.Options{})
	return model.New(res.Terms).Terms()
}

// subject is what a set of the magazine's pages is about: the sentences
// its posts are made of and the terms its editors gave them.
type subject struct {
	name      string
	sentences []string
	terms     []model.ID
}

// subjects are written for these tests: posts about each, tagged as a
// careful editor would, with a habit (every post on bread also carries
// the custom "series/bread-week") that only the pages can teach.
var subjects = []subject{
	{"bread", []string{
		"The starter doubled overnight, so the dough went into the banneton before breakfast.",
		"A long cold proof gives the crumb its open, glossy holes and the crust its blisters.",
		"Score the loaf at a shallow angle and bake it in a lidded pot for the first twenty minutes.",
		"Feed the levain twice a day at room temperature, equal weights of flour and water.",
		"Hydration above seventy-five percent makes the dough slack; stretch and fold it every half hour.",
	}, []model.ID{"categories/baking", "tags/sourdough", "series/bread-week"}},
	{"kimchi", []string{
		"Salt the napa cabbage for two hours, rinse it and squeeze out the water.",
		"The paste is gochugaru, garlic, ginger, fish sauce and a little rice porridge.",
		"Pack the leaves tightly in a crock and leave them at room temperature for two days.",
		"The brine turns sour and fizzy as lactic acid bacteria take over.",
		"Taste it every day; once it is sour enough, move the jar to the fridge.",
	}, []model.ID{"categories/fermentation", "tags/kimchi", "tags/lacto-fermentation"}},
	{"braise", []string{
		"Brown the short ribs hard in a heavy pot, then pour off most of the fat.",
		"Deglaze with red wine, add stock to come halfway up the meat and cover.",
		"Three hours in a low oven and the meat falls from the bone.",
		"Skim the fat from the braising liquid and reduce it to a glossy sauce.",
		"A braise is better the next day, once the flavours have settled overnight.",
	}, []model.ID{"categories/slow-cooking", "tags/braising", "tags/stock"}},
	{"jam", []string{
		"Weigh the apricots, halve them and leave them overnight with the sugar.",
		"Boil hard until a drop wrinkles on a cold saucer, the setting point.",
		"Ladle the jam into sterilised jars, leave a little headspace and seal.",
		"Process the jars in a boiling water bath for ten minutes before storing them.",
		"Pectin from the lemon pips helps the set when the fruit is very ripe.",
	}, []model.ID{"categories/preserving", "tags/jam", "tags/canning"}},
}

// sitePages writes n posts per subject, each of four of its sentences,
// dated a week apart, under post/<subject>/.
func sitePages(n int) []learn.Example {
	var out []learn.Example
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		for j, s := range subjects {
			var b strings.Builder
			for k := range 4 {
				b.WriteString(s.sentences[(i+k)%len(s.sentences)] + " ")
			}
			title := fmt.Sprintf("%s notes %d", s.name, i+1)
			out = append(out, learn.Example{Path: fmt.Sprintf("post/%s/%02d.md", s.name, i+1), Title: title,
				Text: title + "\n\n" + b.String(), Terms: s.terms, Date: start.AddDate(0, 0, 7*(i*len(subjects)+j))})
		}
	}
	return out
}

// top returns the IDs of a ranking's suggestions.
func top(rs []learn.Ranking, taxonomy string) []model.ID {
	var out []model.ID
	for _, r := range rs {
		if r.Taxonomy == taxonomy {
			for _, sg := range r.Suggestions {
				out = append(out, sg.Term.ID)
			}
		}
	}
	return out
}

func find(rs []learn.Ranking, taxonomy string) (learn.Ranking, bool) {
	i := slices.IndexFunc(rs, func(r learn.Ranking) bool { return r.Taxonomy == taxonomy })
	if i < 0 {
		return learn.Ranking{}, false
	}
	return rs[i], true
}

// TestNoPagesIsTheTermText checks that, with no tagged page, the model
// suggests exactly what the terms' own text says (today's taxo suggest):
// the same terms, in the same order, with the same scores and words.
func TestNoPagesIsTheTermText(t *testing.T) {
	terms := sampleTerms(t)
	m := learn.New(terms, nil)
	g := model.New(loader.LoadFS(sample.FS, nil, loader.Options{}).Terms)
	old := model.NewSuggester(g)
	for _, content := range []string{
		"Napa cabbage kimchi starts with salting, then gochugaru paste, then two days in a crock.",
		"Cider vinegar brine poured hot over cucumbers in a jar, kept in the fridge.",
		"Nothing here is about food at all.",
	} {
		want := old.Suggest(content, 0)
		got := m.Suggest(learn.Content{Text: content}, 0)
		for _, k := range model.Kinds {
			r, _ := find(got, k.Taxonomy())
			if r.Learned {
				t.Errorf("%q: %s learned from no pages", content, k.Taxonomy())
			}
			if len(r.Suggestions) != len(want[k]) {
				t.Fatalf("%q: %s: %d suggestions, want %d", content, k.Taxonomy(), len(r.Suggestions), len(want[k]))
			}
			for i, sg := range r.Suggestions {
				w := want[k][i]
				if sg.Term.ID != w.Term.ID || sg.Score != w.Score || !slices.Equal(sg.Why, w.Why) || !slices.Equal(sg.Against, w.Against) {
					t.Errorf("%q: %s #%d: %s %.3f %v %v, want %s %.3f %v %v", content, k.Taxonomy(), i,
						sg.Term.ID, sg.Score, sg.Why, sg.Against, w.Term.ID, w.Score, w.Why, w.Against)
				}
			}
		}
	}
}

// TestLearnsFromPages checks what an editor sees once the site has tagged
// pages: the terms its editors give such content first, the pages like it
// that carry them, a habit the terms' text cannot say (a custom taxonomy),
// and "nothing fits" for content unlike any page.
func TestLearnsFromPages(t *testing.T) {
	m := learn.New(sampleTerms(t), sitePages(24))
	for _, tt := range []struct {
		name     string
		content  learn.Content
		taxonomy string
		want     []model.ID // the first suggestions, in any order
		page     string     // a page that must be named for the first of want
	}{
		{"bread tags", learn.Content{Text: "Sourdough at home\n\nMy starter is sluggish in winter, so the dough proofs in the oven with the light on, then I score the loaf and bake it in a pot."},
			"tags", []model.ID{"tags/sourdough"}, "post/bread/"},
		{"bread series, a habit of the site", learn.Content{Text: "Sourdough at home\n\nMy starter is sluggish in winter, so the dough proofs in the oven with the light on, then I score the loaf and bake it in a pot."},
			"series", []model.ID{"series/bread-week"}, "post/bread/"},
		{"kimchi category", learn.Content{Text: "Radish kimchi\n\nCube the radish, salt it, then rub it with gochugaru, garlic and fish sauce and leave the jar out for two days until it is sour."},
			"categories", []model.ID{"categories/fermentation"}, "post/kimchi/"},
		{"braise in its section", learn.Content{Path: "post/braise/99.md", Text: "Lamb shanks\n\nBrown the shanks, deglaze with wine, add stock and leave them three hours in a low oven."},
			"tags", []model.ID{"tags/braising", "tags/stock"}, "post/braise/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rs := m.Suggest(tt.content, 5)
			r, ok := find(rs, tt.taxonomy)
			if !ok || !r.Learned {
				t.Fatalf("no learned ranking of %s in %+v", tt.taxonomy, rs)
			}
			got := top(rs, tt.taxonomy)
			if len(got) < len(tt.want) || !sameSet(got[:len(tt.want)], tt.want) {
				t.Errorf("first suggestions %v, want %v first", got, tt.want)
			}
			first := r.Suggestions[0]
			if first.Score <= 0 || first.Score > 1 {
				t.Errorf("score %.3f is not a chance", first.Score)
			}
			if len(first.Pages) == 0 || !strings.HasPrefix(first.Pages[0].Path, tt.page) {
				t.Errorf("%s: pages %+v, want one under %s", first.Term.ID, first.Pages, tt.page)
			}
			if len(first.Why) == 0 {
				t.Errorf("%s: no words say why", first.Term.ID)
			}
		})
	}
	t.Run("nothing fits", func(t *testing.T) {
		rs := m.Suggest(learn.Content{Text: "Quarterly earnings\n\nThe board approved the budget and the auditors signed off the accounts of the holding company."}, 5)
		for _, tax := range []string{"tags", "categories", "series"} {
			if got := top(rs, tax); len(got) > 0 {
				t.Errorf("%s: %v suggested for a text about accounts", tax, got)
			}
		}
	})
}

func sameSet(a, b []model.ID) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(id model.ID) bool { return !slices.Contains(b, id) })
}

// TestFewPagesTeachNothing checks that a taxonomy with too few tagged
// pages is suggested from its terms' text, not from a blend learned on a
// handful of pages.
func TestFewPagesTeachNothing(t *testing.T) {
	m := learn.New(sampleTerms(t), sitePages(2))
	for _, r := range m.Suggest(learn.Content{Text: "Kimchi and gochugaru in a crock."}, 5) {
		if r.Learned {
			t.Errorf("%s learned from %d pages", r.Taxonomy, 2*len(subjects))
		}
	}
}

// TestSuggestIsDeterministic checks that one content gets one answer,
// however the work was shared between cores.
func TestSuggestIsDeterministic(t *testing.T) {
	terms, pages := sampleTerms(t), sitePages(8)
	content := learn.Content{Text: "Apricot jam set on a cold saucer, then jars in a water bath."}
	want := fmt.Sprint(learn.New(terms, pages).Suggest(content, 0))
	for range 3 {
		if got := fmt.Sprint(learn.New(terms, pages).Suggest(content, 0)); got != want {
			t.Fatalf("two builds differ:\n%s\n%s", got, want)
		}
	}
}

// TestAPageOfTheSiteIsLeftOut suggests for a page the model learned from,
// as the tagging screen does: the page is not among the pages like it, and
// a term only it carries is not handed back.
func TestAPageOfTheSiteIsLeftOut(t *testing.T) {
	pages := sitePages(24)
	own := &pages[5]
	own.Terms = append(slices.Clone(own.Terms), "tags/only-here")
	m := learn.New(sampleTerms(t), pages)
	rs := m.Suggest(learn.Content{Path: own.Path, Text: own.Text, Date: own.Date}, 5)
	for _, r := range rs {
		for _, sg := range r.Suggestions {
			if sg.Term.ID == "tags/only-here" {
				t.Errorf("the term only the page carries is suggested for it (%.2f)", sg.Score)
			}
			for _, p := range sg.Pages {
				if p.Path == own.Path {
					t.Errorf("%s: the page is among the pages like itself", sg.Term.ID)
				}
			}
		}
	}
	if got := top(rs, "tags"); len(got) == 0 {
		t.Error("no tags suggested for a page like the others of its subject")
	}
}
