package model

import (
	"embed"
	"strings"
	"sync"
)

// Besides English's, taxo knows the stopwords of the languages Snowball
// publishes a list for (stopwords/*.txt, Snowball's own lists, as Lucene
// and bleve ship them): suggest leaves them out, as it does English's, so
// that "dans" or "cette" do not count as what a French page is about.

//go:embed stopwords/*.txt
var stopwordFiles embed.FS

// stopwordSets are the sets made so far, by language key.
var stopwordSets sync.Map

// stopwordsOf is the set of stopwords of the language with the code lang
// and English's; nil (English's alone) for English and for a language
// without a list.
func stopwordsOf(lang string) *stopSet {
	key, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	key, _, _ = strings.Cut(key, "_")
	if key == "nb" || key == "nn" {
		key = "no" // Snowball's Norwegian is Bokmål's and Nynorsk's
	}
	if key == "" || key == "en" || strings.ContainsAny(key, "./") {
		return nil
	}
	if s, ok := stopwordSets.Load(key); ok {
		return s.(*stopSet)
	}
	data, err := stopwordFiles.ReadFile("stopwords/" + key + ".txt")
	if err != nil {
		return nil
	}
	var words []string
	for line := range strings.Lines(string(data)) {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "|") {
			words = append(words, w)
		}
	}
	s, _ := stopwordSets.LoadOrStore(key, newStopSet(englishStopwords, words))
	return s.(*stopSet)
}
