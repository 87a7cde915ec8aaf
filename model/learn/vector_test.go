package learn

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"taxo/model"
)

// TestHeaviestOf checks the selection of a centroid's heaviest words
// against a sort, on weights with many ties.
func TestHeaviestOf(t *testing.T) {
	heaviest := func(a, b entry) int {
		if c := cmp.Compare(b.x, a.x); c != 0 {
			return c
		}
		return cmp.Compare(a.word, b.word)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, tt := range []struct {
		name string
		n, k int
	}{{"one", 1, 1}, {"all", 50, 50}, {"half", 100, 50}, {"few of many", 5000, 200}, {"one of many", 300, 1}} {
		t.Run(tt.name, func(t *testing.T) {
			es := make([]entry, tt.n)
			for i := range es {
				es[i] = entry{int32(i), float32(r.IntN(20))}
			}
			r.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
			want := slices.Clone(es)
			slices.SortFunc(want, heaviest)
			got := heaviestOf(slices.Clone(es), tt.k)
			slices.SortFunc(got, heaviest)
			if !slices.Equal(got, want[:tt.k]) {
				t.Errorf("got %v\nwant %v", got, want[:tt.k])
			}
		})
	}
}

// TestSectionOf checks which section a page is in, as Hugo has them.
func TestSectionOf(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"content/post/2021/x.md", "content/post/2021"},
		{"content/lessons/algolia/index.md", "content/lessons"},
		{"content/show/coder-radio/_index.md", "content/show"},
		{"x.md", ""},
		{"", ""},
	} {
		if got := sectionOf(tt.path); got != tt.want {
			t.Errorf("sectionOf(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestCountsPairsIdeographs checks that text without spaces between words
// counts each pair of characters side by side, a character alone as
// itself, and other text its words.
func TestCountsPairsIdeographs(t *testing.T) {
	got := counts("", "素数探索 the Go code, go 素数 猫")
	want := []wordCount{{"素数", 2}, {"数探", 1}, {"探索", 1}, {"go", 2}, {"code", 1}, {"猫", 1}}
	if !slices.Equal(got, want) {
		t.Errorf("counts = %v, want %v (no stopword, each word once, in the order it first occurs)", got, want)
	}
}

// TestCountsOneLetterWords checks that a word of one letter outside the
// scripts written without spaces is read as a word: French "à" is a
// stopword, German "ü" a word, and neither is paired with its neighbour.
func TestCountsOneLetterWords(t *testing.T) {
	for _, tt := range []struct {
		name, lang, text string
		want             []wordCount
	}{
		{"french stopword", "fr", "à paris à vélo", []wordCount{{"paris", 1}, {"vélo", 1}}},
		{"letter beside an ideograph", "", "ü 猫", []wordCount{{"ü", 1}, {"猫", 1}}},
	} {
		if got := counts(tt.lang, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%s: counts = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestHead checks that a content's head is its title and first paragraph.
func TestHead(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"title and paragraph", "Title\n\nFirst para.\n\nSecond.", "Title\n\nFirst para."},
		{"one block", "Just a line", "Just a line"},
		{"cut in a character", strings.Repeat("é", 401), strings.Repeat("é", 250)},
	} {
		if got := head(tt.text); got != tt.want {
			t.Errorf("%s: head = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSlugOf checks that a page's name is its file's, or its bundle's
// folder's, without the extensions.
func TestSlugOf(t *testing.T) {
	for _, tt := range []struct{ name, path, want string }{
		{"page file", "content/post/2021/reflexer-rai.md", "reflexer-rai"},
		{"language and extension", "post/liquity-protocol.fr.md", "liquity-protocol"},
		{"bundle", "lessons/push-messages-with-firestore/index.md", "push-messages-with-firestore"},
		{"section", "show/coder-radio/_index.md", "coder-radio"},
		{"unknown", "", ""},
	} {
		if got := slugOf(tt.path); got != tt.want {
			t.Errorf("%s: slugOf(%q) = %q, want %q", tt.name, tt.path, got, tt.want)
		}
	}
}

// TestReadMatchesAsSplitOnce checks that a text read once, its words
// numbered as the profiles number them, matches the terms' text as the
// text itself does: the same scores, the same titles standing in it.
func TestReadMatchesAsSplitOnce(t *testing.T) {
	terms := []*model.Term{
		{ID: "tags/go", Kind: model.Tag, Title: "Go", Defined: true},
		{ID: "tags/value-stream", Kind: model.Tag, Title: "Value Stream", Description: "flow of value", Defined: true},
		{ID: "tags/sosu", Kind: model.Tag, Title: "素数", Defined: true},
		{ID: "tags/value-of-flow", Kind: model.Tag, Title: "Value of Flow", Defined: true},
		{ID: "tags/les-bases", Kind: model.Tag, Title: "Les bases", Lang: "fr", Defined: true},
	}
	p := model.NewProfilesIn(terms, "fr")
	for _, tt := range []struct{ name, text string }{
		{"titles and stopwords", "The value stream of Go: a value, the stream, go go; the value of flow."},
		{"ideographs", "素数探索 素数 猫 and Go"},
		{"french", "Les bases de la value stream, les bases."},
		{"empty", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newReader("fr", p)
			r.read(tt.text, true)
			got, want := p.MatchWords(nil, r.tokens), p.Match(tt.text)
			if !slices.Equal(got.Scores, want.Scores) || !slices.Equal(got.Titles, want.Titles) {
				t.Errorf("read once: scores %v titles %v, want %v %v", got.Scores, got.Titles, want.Scores, want.Titles)
			}
		})
	}
}

// TestSortByWord checks that a page's counts are sorted by word, each
// count kept with its word, whatever the words' size.
func TestSortByWord(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tt := range []struct {
		name string
		n    int
		top  int32
	}{{"none", 0, 1}, {"one", 1, 5}, {"small words", 100, 1000}, {"large words", 3000, 1 << 30}} {
		t.Run(tt.name, func(t *testing.T) {
			seen := make(map[int32]bool)
			var es []entry
			for len(es) < tt.n {
				if w := r.Int32N(tt.top); !seen[w] {
					seen[w] = true
					es = append(es, entry{w, float32(w % 7)})
				}
			}
			want := slices.Clone(es)
			slices.SortFunc(want, func(a, b entry) int { return cmp.Compare(a.word, b.word) })
			sortByWord(es, nil)
			if !slices.Equal(es, want) {
				t.Errorf("sorted %v, want %v", es, want)
			}
		})
	}
}
