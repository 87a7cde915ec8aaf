package model_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

func sampleIndex(t testing.TB) (*model.Graph, *model.Index) {
	t.Helper()
	res := loader.LoadFS(sample.FS, nil, loader.Options{})
	g := model.New(res.Terms)
	return g, model.NewIndex(g)
}

func search(t *testing.T, ix *model.Index, query string, limit int) model.Results {
	t.Helper()
	q, err := model.ParseQuery(query)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", query, err)
	}
	res, err := ix.Search(q, limit)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	return res
}

func hitIDs(res model.Results) []model.ID {
	var ids []model.ID
	for _, h := range res.Hits {
		ids = append(ids, h.Term.ID)
	}
	return ids
}

// term makes a defined term for hand-built graphs.
func term(id model.ID, title string, fields map[string]string) *model.Term {
	k, slug, _ := id.Split()
	t := &model.Term{ID: id, Kind: k, Slug: slug, Title: title, Defined: true, Path: string(id) + ".md"}
	t.Description = fields["description"]
	t.Abstract = fields["abstract"]
	t.Instructions = fields["instructions"]
	t.Body = fields["body"]
	for _, name := range strings.Fields(fields["tags"]) {
		t.SetRefs(model.Tag, append(t.RefsOf(model.Tag), model.Ref{Title: name}))
	}
	return t
}

func TestParseQuery(t *testing.T) {
	type clause struct {
		words   string
		offsets []int32
		prefix  bool
	}
	tests := []struct {
		name    string
		query   string
		clauses []clause
		kinds   []model.Kind
		tags    []string
		err     string
	}{
		{name: "words", query: "Value  Stream", clauses: []clause{{"value", []int32{0}, false}, {"stream", []int32{0}, false}}},
		{name: "stopwords dropped", query: "the flow of value", clauses: []clause{{"flow", []int32{0}, false}, {"value", []int32{0}, false}}},
		{name: "phrase keeps the gap of a stopword", query: `"Definition of Done"`, clauses: []clause{{"definition done", []int32{0, 2}, false}}},
		{name: "curly quotes", query: "“value stream”", clauses: []clause{{"value stream", []int32{0, 1}, false}}},
		{name: "unclosed quote runs to the end", query: `flow "value stream`, clauses: []clause{{"flow", []int32{0}, false}, {"value stream", []int32{0, 1}, false}}},
		{name: "hyphenated word is a phrase", query: "cross-functional", clauses: []clause{{"cross functional", []int32{0, 1}, false}}},
		{name: "slash", query: "CI/CD", clauses: []clause{{"ci cd", []int32{0, 1}, false}}},
		{name: "prefix", query: "scal*", clauses: []clause{{"scal", []int32{0}, true}}},
		{name: "prefix may be a stopword", query: "in*", clauses: []clause{{"in", []int32{0}, true}}},
		{name: "quoted star is no prefix", query: `"scal*"`, clauses: []clause{{"scal", []int32{0}, false}}},
		{name: "non-ASCII", query: "Pâte", clauses: []clause{{"pâte", []int32{0}, false}}},
		{name: "ideographs are words", query: "品質", clauses: []clause{{"品 質", []int32{0, 1}, false}}},
		{name: "ideographs after letters", query: "abc価値", clauses: []clause{{"abc 価 値", []int32{0, 1, 2}, false}}},
		{name: "kind filter", query: "kind:category flow", clauses: []clause{{"flow", []int32{0}, false}}, kinds: []model.Kind{model.Category}},
		{name: "several kinds", query: "KIND:tags kind:Concept", kinds: []model.Kind{model.Tag, model.Concept}},
		{name: "tag filters", query: `tag:scrum tag:"Value Delivery" flow`, clauses: []clause{{"flow", []int32{0}, false}}, tags: []string{"scrum", "Value Delivery"}},
		{name: "unknown filter is text", query: "colour:red", clauses: []clause{{"colour red", []int32{0, 1}, false}}},
		{name: "quoted filter is text", query: `"kind:tag"`, clauses: []clause{{"kind tag", []int32{0, 1}, false}}},
		{name: "only stopwords", query: "the of and"},
		{name: "bad kind", query: "kind:colour", err: "kind:colour: want concept, category or tag"},
		{name: "too many words", query: strings.Repeat("word ", 65), err: "the query has 65 words, phrases and prefixes; at most 64 are searched for"},
		{name: "empty tag", query: "tag: flow", err: "tag: needs a tag's title, slug or ID, as in tag:scrum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := model.ParseQuery(tt.query)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []clause
			for _, c := range q.Clauses {
				got = append(got, clause{strings.Join(c.Words, " "), c.Offsets, c.Prefix})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.clauses) {
				t.Errorf("clauses %v, want %v", got, tt.clauses)
			}
			if fmt.Sprint(q.Kinds) != fmt.Sprint(tt.kinds) || fmt.Sprint(q.Tags) != fmt.Sprint(tt.tags) {
				t.Errorf("kinds %v tags %q, want %v %q", q.Kinds, q.Tags, tt.kinds, tt.tags)
			}
			if q.Empty() != (len(tt.clauses) == 0 && len(tt.kinds) == 0 && len(tt.tags) == 0) {
				t.Errorf("Empty() = %v", q.Empty())
			}
		})
	}
}

// termText is everything search reads of a term, in lower case.
func termText(t *model.Term) string {
	return strings.ToLower(strings.Join([]string{t.Title, t.Description, t.Abstract, t.Instructions, t.Body}, "\n"))
}

func TestSearchSample(t *testing.T) {
	g, ix := sampleIndex(t)

	t.Run("the term named by the query comes first", func(t *testing.T) {
		for query, want := range map[string]model.ID{
			"sourdough":           "tags/sourdough",
			"cross-contamination": "tags/cross-contamination",
			"pâte à choux":        "tags/pâte-à-choux",
			"kimchi":              "tags/kimchi",
			"kind:category salt":  "categories/preserving",
		} {
			if got := hitIDs(search(t, ix, query, 1)); len(got) != 1 || got[0] != want {
				t.Errorf("%q: first hit %v, want %s", query, got, want)
			}
		}
	})

	t.Run("every word must occur", func(t *testing.T) {
		res := search(t, ix, "salt vinegar", 0)
		if res.Total == 0 || res.Total != len(res.Hits) {
			t.Fatalf("total %d, %d hits", res.Total, len(res.Hits))
		}
		for _, h := range res.Hits {
			text := termText(h.Term)
			if !strings.Contains(text, "salt") || !strings.Contains(text, "vinegar") {
				t.Errorf("%s matches without both words", h.Term.ID)
			}
		}
		one := search(t, ix, "salt", 0)
		if one.Total <= res.Total {
			t.Errorf("salt alone finds %d terms, salt vinegar %d: the second word narrowed nothing", one.Total, res.Total)
		}
	})

	t.Run("phrase", func(t *testing.T) {
		res := search(t, ix, `"lactic acid"`, 0)
		if res.Total == 0 {
			t.Fatal("no hit")
		}
		for _, h := range res.Hits {
			if !strings.Contains(termText(h.Term), "lactic acid") {
				t.Errorf("%s has no %q", h.Term.ID, "lactic acid")
			}
		}
		both := search(t, ix, "lactic acid", 0)
		if both.Total < res.Total {
			t.Errorf("the words find %d terms, the phrase %d", both.Total, res.Total)
		}
		if got := search(t, ix, `"acid lactic"`, 0); got.Total != 0 {
			t.Errorf("words out of order match %v", hitIDs(got))
		}
	})

	t.Run("a long phrase, then two words side by side", func(t *testing.T) {
		// The two words' bonus reuses the phrase's scratch space.
		res := search(t, ix, `"lactic acid bacteria" sourdough starter`, 0)
		if got := hitIDs(res); len(got) == 0 || got[0] != "tags/sourdough" {
			t.Errorf("hits %v", got)
		}
	})

	t.Run("prefix", func(t *testing.T) {
		res := search(t, ix, "ferment*", 0)
		whole := search(t, ix, "fermentation", 0)
		if res.Total < whole.Total {
			t.Errorf("ferment* finds %d terms, fermentation %d", res.Total, whole.Total)
		}
		for _, id := range hitIDs(whole) {
			if !slices.Contains(hitIDs(res), id) {
				t.Errorf("ferment* misses %s", id)
			}
		}
	})

	t.Run("kind filter", func(t *testing.T) {
		res := search(t, ix, "kind:category fermentation", 0)
		if res.Total == 0 {
			t.Fatal("no hit")
		}
		for _, h := range res.Hits {
			if h.Term.Kind != model.Category {
				t.Errorf("%s is not a category", h.Term.ID)
			}
		}
	})

	t.Run("tag filters mean all of them", func(t *testing.T) {
		res := search(t, ix, "tag:Fermentation tag:lacto-fermentation", 0)
		want := g.TaggedWithAll(append(g.Lookup("tags/fermentation"), g.Lookup("tags/lacto-fermentation")...))
		var wantIDs []model.ID
		for _, t := range want {
			wantIDs = append(wantIDs, t.ID)
		}
		if got := hitIDs(res); len(got) == 0 || !slices.Equal(got, wantIDs) {
			t.Errorf("got %v, want %v in display order", got, wantIDs)
		}
		for _, h := range res.Hits {
			if h.Score != 0 {
				t.Errorf("a query of filters scored %s %v", h.Term.ID, h.Score)
			}
		}
	})

	t.Run("unknown tag", func(t *testing.T) {
		q, _ := model.ParseQuery("tag:nothing-like-it salt")
		if _, err := ix.Search(q, 0); err == nil || err.Error() != `no tag named "nothing-like-it"` {
			t.Errorf("error %v", err)
		}
	})

	t.Run("limit keeps the best and counts all", func(t *testing.T) {
		all := search(t, ix, "salt", 0)
		top := search(t, ix, "salt", 3)
		if top.Total != all.Total || len(top.Hits) != 3 || !slices.Equal(hitIDs(top), hitIDs(all)[:3]) {
			t.Errorf("limit 3: %v of %d; all: %v", hitIDs(top), top.Total, hitIDs(all))
		}
		for i := 1; i < len(all.Hits); i++ {
			if all.Hits[i].Score > all.Hits[i-1].Score {
				t.Errorf("hit %d scores more than hit %d", i, i-1)
			}
		}
	})

	t.Run("undefined terms are not found", func(t *testing.T) {
		for _, h := range search(t, ix, "smoking", 0).Hits {
			if !h.Term.Defined {
				t.Errorf("%s has no file but was found", h.Term.ID)
			}
		}
	})

	t.Run("no match", func(t *testing.T) {
		for _, query := range []string{"xylophone", "salt xylophone", `"salt xylophone"`, "xyl*"} {
			if res := search(t, ix, query, 0); res.Total != 0 || len(res.Hits) != 0 {
				t.Errorf("%q found %v", query, hitIDs(res))
			}
		}
	})
}

func TestSearchSnippets(t *testing.T) {
	g := model.New([]*model.Term{
		term("tags/flow", "Flow", map[string]string{
			"description":  "How work moves.",
			"instructions": "**Use this tag only for flow.**\n\n**Key Topics:**\n- Limiting *work in progress*\n- Value stream mapping\n\n**Strictly exclude:**\n- Cross-team politics",
			"body":         "See [the guide](https://example.com/{{< ref \"x\" >}}) on value streams.",
		}),
		term("tags/quiet", "Quiet", map[string]string{"description": "Nothing about it at all."}),
	})
	ix := model.NewIndex(g)
	tests := []struct {
		query, text string
		field       model.TextField
		marks       []string
	}{
		{"progress", "…flow. Key Topics: Limiting work in progress; Value stream mapping; Strictly exclude: Cross-team politics", model.InstructionsField, []string{"progress"}},
		{`"value stream"`, "…Key Topics: Limiting work in progress; Value stream mapping; Strictly exclude: Cross-team politics", model.InstructionsField, []string{"Value stream"}},
		{"cross-team", "…progress; Value stream mapping; Strictly exclude: Cross-team politics", model.InstructionsField, []string{"Cross-team"}},
		{"guide", "See the guide on value streams.", model.BodyField, []string{"guide"}},
		{"flow", "Use this tag only for flow. Key Topics: Limiting work in progress; Value stream mapping; Strictly exclude: Cross-team politics", model.InstructionsField, []string{"flow"}},
		{"quiet", "Nothing about it at all.", model.DescriptionField, nil}, // the title alone matches: the description stands in
		{"kind:tag", "How work moves.", model.DescriptionField, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := search(t, ix, tt.query, 1)
			if len(res.Hits) != 1 {
				t.Fatalf("%d hits", len(res.Hits))
			}
			s := res.Hits[0].Snippet
			var marks []string
			for _, m := range s.Marks {
				marks = append(marks, s.Text[m.Start:m.End])
			}
			if s.Text != tt.text || s.Field != tt.field || !slices.Equal(marks, tt.marks) {
				t.Errorf("snippet %s %q marks %q,\nwant     %s %q marks %q", s.Field, s.Text, marks, tt.field, tt.text, tt.marks)
			}
		})
	}
}

func TestSnippetLength(t *testing.T) {
	long := strings.Repeat("filler words go here ", 40) + "the needle sits here " + strings.Repeat("more filler after it ", 40)
	g := model.New([]*model.Term{term("tags/hay", "Hay", map[string]string{"body": long})})
	res := search(t, model.NewIndex(g), "needle", 1)
	s := res.Hits[0].Snippet
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") || utf8.RuneCountInString(s.Text) > 205 {
		t.Errorf("snippet %q: want a cut of about 200 bytes with … at both ends", s.Text)
	}
	if len(s.Marks) != 1 || s.Text[s.Marks[0].Start:s.Marks[0].End] != "needle" {
		t.Errorf("marks %v in %q", s.Marks, s.Text)
	}
}

func TestSearchEmptyGraph(t *testing.T) {
	ix := model.NewIndex(model.New(nil))
	for _, query := range []string{"flow", "kind:tag", `"a b"`, "a*"} {
		q, _ := model.ParseQuery(query)
		res, err := ix.Search(q, 10)
		if err != nil || res.Total != 0 {
			t.Errorf("%q: %v, %d hits", query, err, res.Total)
		}
	}
}

// TestSearchConcurrent runs searches side by side on one index, for the
// race detector.
func TestSearchConcurrent(t *testing.T) {
	_, ix := sampleIndex(t)
	want := hitIDs(search(t, ix, "salt*", 0))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			q, _ := model.ParseQuery("salt*")
			res, err := ix.Search(q, 0)
			if err != nil || !slices.Equal(hitIDs(res), want) {
				t.Errorf("a concurrent search found %v, %v", hitIDs(res), err)
			}
		})
	}
	wg.Wait()
}

// FuzzSearch checks that no query makes search fail, and that snippet
// marks always fall on character boundaries of their text.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"salt", `"lactic acid"`, "ferment* kind:tag", `tag:"Fermentation" "`, "in*", "**", "kind:", "é*", "\x00\xff"} {
		f.Add(s)
	}
	_, ix := sampleIndex(f)
	f.Fuzz(func(t *testing.T, query string) {
		q, err := model.ParseQuery(query)
		if err != nil {
			return
		}
		res, err := ix.Search(q, 5)
		if err != nil {
			return
		}
		for _, h := range res.Hits {
			s := h.Snippet
			last := 0
			for _, m := range s.Marks {
				if m.Start < last || m.End <= m.Start || m.End > len(s.Text) ||
					!utf8.RuneStart(s.Text[m.Start]) || m.End < len(s.Text) && !utf8.RuneStart(s.Text[m.End]) {
					t.Fatalf("%q: bad mark %v in %q", query, m, s.Text)
				}
				last = m.End
			}
		}
	})
}

// FuzzSnippet indexes one term of arbitrary text and searches it for its
// own words: no text makes search fail, and marks fall on character
// boundaries of the snippet.
func FuzzSnippet(f *testing.F) {
	for _, s := range []string{"plain words here", "**Key Topics:**\n- a\n- b", "[link](http://x/{{< ref \"y\" >}}) z", "- \n#\n1. ", "é\u0301 ü\x00\xff", strings.Repeat("long", 100)} {
		f.Add(s, "words")
	}
	f.Fuzz(func(t *testing.T, body, query string) {
		g := model.New([]*model.Term{term("tags/t", "T", map[string]string{"body": body, "instructions": body})})
		ix := model.NewIndex(g)
		for _, qs := range []string{query, strings.Join(strings.Fields(body), " "), strings.SplitN(body+" ", " ", 2)[0] + "*"} {
			q, err := model.ParseQuery(qs)
			if err != nil {
				continue
			}
			res, err := ix.Search(q, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				s := h.Snippet
				if !utf8.ValidString(body) {
					continue
				}
				for _, m := range s.Marks {
					if m.End <= m.Start || m.End > len(s.Text) || !utf8.RuneStart(s.Text[m.Start]) || m.End < len(s.Text) && !utf8.RuneStart(s.Text[m.End]) {
						t.Fatalf("query %q: bad mark %v in %q", qs, m, s.Text)
					}
				}
			}
		}
	})
}
