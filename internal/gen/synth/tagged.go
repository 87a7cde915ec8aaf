package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"taxo/model"
)

// TaggedPage is a synthetic content page with the terms an editor gave it,
// for the benchmarks of suggestions that learn from tagged pages.
type TaggedPage struct {
	Path, Title, Text string
	Terms             []model.ID
}

// TaggedPages makes n pages tagged with the given terms, deterministically
// for seed. Each page carries one category and 2 to 8 tags, drawn so that
// a few terms are on many pages and most on few (Zipf, as real sites are),
// and says, in about 400 words, things from its terms' descriptions and
// titles among sentences of the common vocabulary, as a post about them
// would.
func TaggedPages(terms []*model.Term, n int, seed uint64) []TaggedPage {
	var cats, tags []*model.Term
	for _, t := range terms {
		switch {
		case !t.Defined:
		case t.Kind == model.Category:
			cats = append(cats, t)
		case t.Kind == model.Tag:
			tags = append(tags, t)
		}
	}
	v := newVocabulary()
	pages := make([]TaggedPage, n)
	for i := range pages {
		r := rand.New(rand.NewPCG(seed, uint64(i)+1))
		chosen := []*model.Term{pick(r, cats)}
		for range 2 + r.IntN(7) {
			chosen = append(chosen, pick(r, tags))
		}
		pages[i] = taggedPage(r, v, i, chosen)
	}
	return pages
}

// pick draws a term, the first ones most often (Zipf with exponent 1).
func pick(r *rand.Rand, terms []*model.Term) *model.Term {
	if len(terms) == 0 {
		return &model.Term{ID: "tags/none", Title: "None", Defined: true}
	}
	// Inverse of the Zipf distribution's continuous approximation.
	x := math.Exp(r.Float64() * math.Log(float64(len(terms))+1))
	return terms[min(int(x)-1, len(terms)-1)]
}

func taggedPage(r *rand.Rand, v *vocabulary, i int, chosen []*model.Term) TaggedPage {
	w := &writer{r: r, v: v}
	for _, t := range chosen {
		w.topic = append(w.topic, strings.Fields(strings.ToLower(t.Title))...)
	}
	p := TaggedPage{Path: "post/" + strconv.Itoa(i) + ".md", Title: chosen[len(chosen)-1].Title + " in practice"}
	var b strings.Builder
	b.WriteString(p.Title + "\n\n")
	for _, t := range chosen {
		if !slices.Contains(p.Terms, t.ID) {
			p.Terms = append(p.Terms, t.ID)
		}
		if r.IntN(3) > 0 {
			b.WriteString(t.Title + ": ")
		}
		b.WriteString(firstSentence(t.Description) + " " + w.sentences(3+r.IntN(4)) + "\n\n")
	}
	return TaggedPage{Path: p.Path, Title: p.Title, Text: b.String(), Terms: p.Terms}
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
