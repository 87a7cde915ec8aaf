package model

import (
	"unicode"
	"unicode/utf8"
)

// A word, for search, is a run of Unicode letters, digits and combining
// marks, but for Chinese and Japanese, where each character is a word.
// Everything else separates words, so "cross-functional" is two words and
// "CI/CD" is "ci" and "cd". Words are lower-cased; stopwords are skipped
// but still take a position, so that a phrase such as "value of flow" keeps
// its gap. Words are kept as written: folding plurals and "-ize" spellings
// made suggest no better on the labelled set (0.381 against 0.392
// precision at 3, see model/testdata/suggest), and it merges words editors
// tell apart ("news" and "new"). Search finds the other forms of a word by
// its stem, which the index keeps beside the words (stem.go).

// wordScanner splits text into words. It keeps one buffer for the
// normalised word, so scanning allocates nothing; the word passed to the
// callback is only valid until it returns.
type wordScanner struct {
	buf  []byte
	stop *stopSet // the language's stopwords; nil for English's
}

// scan calls fn for every word of s with its normalised form and its byte
// offsets in s; stop says whether it is a stopword.
func (sc *wordScanner) scan(s string, fn func(w []byte, start, end int, stop bool)) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] == 0 {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
			i += size
			continue
		}
		start := i
		sc.buf = sc.buf[:0]
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				lc := asciiWord[c]
				if lc == 0 {
					break
				}
				sc.buf = append(sc.buf, lc)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			ideograph := IsIdeograph(r)
			if !isWordRune(r) || ideograph && i > start {
				break
			}
			if !ideograph { // they have no case
				r = unicode.ToLower(r)
			}
			sc.buf = utf8.AppendRune(sc.buf, r)
			i += size
			if ideograph {
				break
			}
		}
		if sc.stop.has(sc.buf) {
			fn(sc.buf, start, i, true)
			continue
		}
		fn(sc.buf, start, i, false)
	}
}

// IsIdeograph reports the characters of scripts written without spaces
// between words (Chinese, Japanese kana); each is a word of its own, so that
// "品質" is found in "品質改善" as a phrase of two.
func IsIdeograph(r rune) bool {
	if r >= cjkLow && r <= cjkHigh {
		return cjkClass[r-cjkLow]&cjkIdeograph != 0
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func isWordRune(r rune) bool {
	if r >= cjkLow && r <= cjkHigh {
		return cjkClass[r-cjkLow]&cjkWord != 0
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// Chinese and Japanese text is made of little but the runes from cjkLow
// to cjkHigh (kana, the common Han), and each is read apart: they are
// classed once, in cjkClass, rather than looked up in Unicode's tables
// every time.
const (
	cjkLow  = 0x3000
	cjkHigh = 0x9FFF
)

// The classes of a rune in cjkClass.
const (
	cjkWord      = 1 << iota // isWordRune
	cjkIdeograph             // isIdeograph
)

var cjkClass = func() (t [cjkHigh - cjkLow + 1]uint8) {
	for r := rune(cjkLow); r <= cjkHigh; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			t[r-cjkLow] |= cjkWord
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			t[r-cjkLow] |= cjkIdeograph
		}
	}
	return t
}()

// asciiWord maps an ASCII byte to its lower-case form when it belongs in a
// word, and to 0 when it separates words.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return t
}()

// englishStopwords are the English words too common to tell terms apart,
// plus the pieces an apostrophe leaves ("organisation's", "don't").
var englishStopwords = []string{
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
	"can", "could", "did", "do", "does", "doing", "down", "during",
	"each", "either", "etc", "e", "eg", "few", "for", "from", "further",
	"had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
	"i", "ie", "if", "in", "into", "is", "it", "its", "itself", "just",
	"may", "me", "might", "more", "most", "must", "my", "myself",
	"no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
	"same", "shall", "she", "should", "so", "some", "such",
	"than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
	"under", "until", "up", "upon", "us", "very", "via",
	"was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "within", "without", "would",
	"you", "your", "yours", "yourself", "yourselves",
	"s", "t", "d", "ll", "m", "re", "ve",
}

// stopSet is a set of stopwords, with the length of the longest, which
// most words pass by.
type stopSet struct {
	words   map[string]struct{}
	longest int
	ascii   bool // every word is ASCII: a word that is not passes by at once
}

func newStopSet(lists ...[]string) *stopSet {
	s := &stopSet{words: make(map[string]struct{}), ascii: true}
	for _, list := range lists {
		for _, w := range list {
			s.words[w] = struct{}{}
			s.longest = max(s.longest, len(w))
			s.ascii = s.ascii && w[0] < utf8.RuneSelf
		}
	}
	return s
}

var englishStops = newStopSet(englishStopwords)

// has reports whether w is a stopword of s, of English's when s is nil.
func (s *stopSet) has(w []byte) bool {
	if s == nil {
		s = englishStops
	}
	if len(w) == 0 || len(w) > s.longest || s.ascii && w[0] >= utf8.RuneSelf {
		return false
	}
	_, ok := s.words[string(w)]
	return ok
}

// Words calls fn for every word of s, normalised as search and suggest
// compare words, with its byte offsets in s and whether it is an English
// stopword; see WordsIn.
func Words(s string, fn func(w []byte, start, end int, stop bool)) {
	var sc wordScanner
	sc.scan(s, fn)
}

// WordsIn is Words for text written in the language with the code lang
// ("fr", "pt-BR"): stopwords are that language's as well as English's,
// which technical writing in any language quotes. A language without a
// list of its own has English's alone. Other packages that match text (the
// model that learns from tagged pages) split it as suggest does with it.
// w is only valid until fn returns.
func WordsIn(lang, s string, fn func(w []byte, start, end int, stop bool)) {
	sc := wordScanner{stop: stopwordsOf(lang)}
	sc.scan(s, fn)
}
