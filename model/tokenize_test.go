package model

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestRuneClassesAgreeWithUnicode checks the table that classes the runes
// of Chinese and Japanese against Unicode's own tables, for every rune.
func TestRuneClassesAgreeWithUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		word := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
		ideograph := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
		if isWordRune(r) != word {
			t.Errorf("isWordRune(%U) = %v, want %v", r, !word, word)
		}
		if IsIdeograph(r) != ideograph {
			t.Errorf("IsIdeograph(%U) = %v, want %v", r, !ideograph, ideograph)
		}
		if ideograph && unicode.ToLower(r) != r {
			t.Errorf("%U is an ideograph with a lower case, %U, that the scanner would miss", r, unicode.ToLower(r))
		}
	}
}

// TestStopwords checks which words are stopwords, in any case.
func TestStopwords(t *testing.T) {
	tests := []struct {
		text string
		want []bool // for each word, whether it is a stopword
	}{
		{"the value of flow", []bool{true, false, true, false}},
		{"Yourselves THEMSELVES selves", []bool{true, true, false}},
		{"品質の改善", []bool{false, false, false, false, false}},
		{"", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var got []bool
			Words(tc.text, func(_ []byte, _, _ int, stop bool) { got = append(got, stop) })
			if len(got) != len(tc.want) {
				t.Fatalf("got %d words, want %d", len(got), len(tc.want))
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("word %d: stop = %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestStopwordsOfLanguage checks that a language's stopwords, and
// English's, are left out of its text, and only English's elsewhere.
func TestStopwordsOfLanguage(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []bool // for each word, whether it is a stopword
	}{
		{"French", "fr", "Les jetons de la DeFi, même été the protocol", []bool{true, false, true, true, false, true, true, true, false}},
		{"French of Canada", "fr-CA", "dans cette", []bool{true, true}},
		{"English", "en", "dans cette the", []bool{false, false, true}},
		{"unknown language", "", "dans cette the", []bool{false, false, true}},
		{"language with no list", "ja", "dans the 品質", []bool{false, true, false, false}},
		{"Bokmål by its own code", "nb", "og ikke", []bool{true, true}},
		{"German", "de_AT", "und über", []bool{true, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []bool
			WordsIn(tc.lang, tc.text, func(_ []byte, _, _ int, stop bool) { got = append(got, stop) })
			if len(got) != len(tc.want) {
				t.Fatalf("got %d words, want %d", len(got), len(tc.want))
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("word %d: stop = %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}
