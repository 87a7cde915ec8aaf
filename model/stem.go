package model

import (
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
)

// Search matches a word with the other words of its stem ("retrospectives"
// finds "retrospective"), by the Snowball algorithm of the site's language,
// the one search engines such as Lucene and bleve use. The index keeps the
// words as written and groups them by stem, so that a query stems only its
// own words and a term's text is stemmed once per distinct word. Suggest
// does not stem: it made suggestions no better (see tokenize.go).

// DefaultLanguage is the language a search index stems words in when none
// is given.
const DefaultLanguage = "en"

// snowball are the Snowball stemmers by the language codes of ISO 639-1,
// as Hugo's language keys and HTML's lang attribute name them.
var snowball = map[string]func(*snowballstem.Env) bool{
	"ar": arabic.Stem, "da": danish.Stem, "nl": dutch.Stem, "en": english.Stem,
	"fi": finnish.Stem, "fr": french.Stem, "de": german.Stem, "hu": hungarian.Stem,
	"ga": irish.Stem, "it": italian.Stem, "no": norwegian.Stem, "nb": norwegian.Stem,
	"nn": norwegian.Stem, "pt": portuguese.Stem, "ro": romanian.Stem, "ru": russian.Stem,
	"es": spanish.Stem, "sv": swedish.Stem, "ta": tamil.Stem, "tr": turkish.Stem,
}

// stemLanguage is the key of snowball for a language code ("en", "fr-CA",
// "pt_BR", in any case), or "" when no stemmer knows the language.
func stemLanguage(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	base, _, _ = strings.Cut(base, "_")
	if _, ok := snowball[base]; ok {
		return base
	}
	return ""
}

// HasStemmer reports whether search finds the other forms of a word in the
// language with the code lang; without one, words match as written.
func HasStemmer(lang string) bool { return stemLanguage(lang) != "" }

// stemmer stems lower-case words in one language. It keeps one Snowball
// environment, so it is for one goroutine.
type stemmer struct {
	stem func(*snowballstem.Env) bool
	env  *snowballstem.Env
}

// newStemmer returns the stemmer of a language key of snowball; its zero
// value, for "", leaves words as they are.
func newStemmer(lang string) stemmer {
	if lang == "" {
		return stemmer{}
	}
	return stemmer{stem: snowball[lang], env: snowballstem.NewEnv("")}
}

func (s stemmer) of(word string) string {
	if s.stem == nil {
		return word
	}
	s.env.SetCurrent(word)
	s.stem(s.env)
	return s.env.Current()
}
