package model_test

import (
	"slices"
	"strings"
	"testing"

	"taxo/model"
)

// stemGraph holds words in several forms, in English and in French.
func stemGraph() *model.Graph {
	return model.New([]*model.Term{
		term("tags/one", "Sprint Review", map[string]string{"body": "We hold a sprint retrospective every fortnight."}),
		term("tags/two", "Improvement", map[string]string{"body": "Retrospectives help teams improve."}),
		term("tags/three", "Rétrospective", map[string]string{"body": "Les équipes font des rétrospectives chaque mois."}),
		term("tags/four", "Retrofit", map[string]string{"body": "Fitting old machines with new parts, weekly."}),
	})
}

func searchWith(t *testing.T, ix *model.Index, parse func(string) (model.Query, error), query string) model.Results {
	t.Helper()
	q, err := parse(query)
	if err != nil {
		t.Fatalf("%q: %v", query, err)
	}
	res, err := ix.Search(q, 0)
	if err != nil {
		t.Fatalf("%q: %v", query, err)
	}
	return res
}

// TestSearchStems: a word finds the other words of its stem, in the
// language of the index, and the snippet marks the form the term uses.
func TestSearchStems(t *testing.T) {
	g := stemGraph()
	tests := []struct {
		name, lang, query string
		want              []model.ID
		marked            string // a form marked in a hit's snippet
	}{
		{"plural finds singular", "en", "retrospectives", []model.ID{"tags/one", "tags/two"}, "[retrospective]"},
		{"singular finds plural", "en", "retrospective", []model.ID{"tags/one", "tags/two"}, "[retrospective]"},
		{"another form", "en", "improving", []model.ID{"tags/two"}, "[improve]"},
		{"a phrase is as written", "en", `"sprint retrospectives"`, nil, ""},
		{"the default language is English", "", "teams", []model.ID{"tags/two"}, "[teams]"},
		{"French", "fr", "rétrospective", []model.ID{"tags/three"}, "[rétrospectives]"},
		{"a regional code", "fr-CA", "équipe", []model.ID{"tags/three"}, "[équipes]"},
		{"no stemmer for the language", "ja", "retrospectives", []model.ID{"tags/two"}, "[Retrospectives]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := model.NewIndex(g)
			if tt.lang != "" {
				ix = model.NewIndexLang(g, tt.lang)
			}
			res := searchWith(t, ix, model.ParseQuery, tt.query)
			got := hitIDs(res)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%q in %q finds %v, want %v", tt.query, tt.lang, got, want)
			}
			if tt.marked == "" {
				return
			}
			var snippets []string
			for _, h := range res.Hits {
				snippets = append(snippets, snippetText(h.Snippet))
			}
			if !slices.ContainsFunc(snippets, func(s string) bool { return strings.Contains(s, tt.marked) }) {
				t.Errorf("no snippet marks %s: %q", tt.marked, snippets)
			}
		})
	}
}

// snippetText writes a snippet with its marks in brackets.
func snippetText(s model.Snippet) string {
	var b strings.Builder
	last := 0
	for _, m := range s.Marks {
		b.WriteString(s.Text[last:m.Start] + "[" + s.Text[m.Start:m.End] + "]")
		last = m.End
	}
	return b.String() + s.Text[last:]
}

// TestSearchAsYouType: the word being typed matches the words it starts
// and those of its stem; a finished word does not match as a prefix.
func TestSearchAsYouType(t *testing.T) {
	ix := model.NewIndex(stemGraph())
	tests := []struct {
		name, query string
		parse       func(string) (model.Query, error)
		want        []model.ID
	}{
		{"half a word", "retro", model.ParseTyped, []model.ID{"tags/four", "tags/one", "tags/two"}},
		{"half a word, finished", "retro", model.ParseQuery, nil},
		{"a space ends the word", "retro ", model.ParseTyped, nil},
		{"a whole word finds its stem too", "retrospectives", model.ParseTyped, []model.ID{"tags/one", "tags/two"}},
		{"the last word only", "retro hold", model.ParseTyped, nil},
		{"after a whole word", "sprint retr", model.ParseTyped, []model.ID{"tags/one"}},
		{"a stopword being typed", "we", model.ParseTyped, []model.ID{"tags/four"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitIDs(searchWith(t, ix, tt.parse, tt.query))
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q finds %v, want %v", tt.query, got, want)
			}
		})
	}
}

func TestParseTyped(t *testing.T) {
	tests := []struct {
		query string
		typed string // the words of the clause being typed; "" for none
	}{
		{"retro", "retro"},
		{"value str", "str"},
		{"in", "in"},
		{"retro ", ""},
		{`"value str`, ""},
		{"scal*", ""},
		{"kind:tag", ""},
		{"cross-fun", ""},
		{"", ""},
	}
	for _, tt := range tests {
		q, err := model.ParseTyped(tt.query)
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		typed := ""
		for _, c := range q.Clauses {
			if c.Typed {
				typed = strings.Join(c.Words, " ")
			}
		}
		if typed != tt.typed {
			t.Errorf("%q: the word being typed is %q, want %q", tt.query, typed, tt.typed)
		}
	}
}

func TestHasStemmer(t *testing.T) {
	for lang, want := range map[string]bool{"en": true, "EN-us": true, "pt_BR": true, "de": true, "fr": true, "nb": true, "ja": false, "zh-Hans": false, "": false, "english": false} {
		if got := model.HasStemmer(lang); got != want {
			t.Errorf("HasStemmer(%q) = %v", lang, got)
		}
	}
}

// FuzzStem: stemming never fails on a word, whatever its letters.
func FuzzStem(f *testing.F) {
	for _, w := range []string{"retrospectives", "rétrospectives", "Äpfel", "日本語", "a\u0301", "ÿ", "ııı", "123abc"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, body string) {
		g := model.New([]*model.Term{term("tags/x", "X", map[string]string{"body": body})})
		for _, lang := range []string{"en", "fr", "de", "ru", "tr", "ar", "ta"} {
			ix := model.NewIndexLang(g, lang)
			q, err := model.ParseTyped(body)
			if err != nil {
				continue
			}
			if _, err := ix.Search(q, 5); err != nil && len(q.Clauses) <= model.MaxClauses {
				t.Fatalf("%s: %v", lang, err)
			}
		}
	})
}
