package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"taxo/model"
)

// fuzzyScore tells whether a query fits a term's title or slug as a user
// typing to find it means it, and how well: every word of the query must
// appear in the title or the slug, its letters in order though maybe apart.
// Higher is better. The whole title typed out beats a prefix, which beats
// words found whole, which beat scattered letters; among equals a shorter
// title wins, so "agile strategy" puts "Agile Strategy" before "Agile
// Strategy Alignment".
func fuzzyScore(query, title, slug string) (int, bool) {
	q := strings.ToLower(strings.Join(strings.Fields(query), " "))
	if q == "" {
		return 0, true
	}
	t := strings.ToLower(title)
	score := 0
	switch {
	case t == q || slug == q || slug == model.Urlize(q):
		score += 1000
	case strings.HasPrefix(t, q) || strings.HasPrefix(slug, model.Urlize(q)):
		score += 500
	case strings.Contains(t, q):
		score += 300
	}
	for word := range strings.FieldsSeq(q) {
		s, ok := wordScore(word, t)
		if s2, ok2 := wordScore(word, slug); ok2 && (!ok || s2 > s) {
			s, ok = s2, true
		}
		if !ok {
			return 0, false
		}
		score += s
	}
	return score - min(utf8.RuneCountInString(t), 100), true
}

// wordScore scores one query word against one text: found whole at the
// start of a word, found whole, or found as letters in order.
func wordScore(word, text string) (int, bool) {
	if i := strings.Index(text, word); i >= 0 {
		if i == 0 || !isWordRune(lastRune(text[:i])) {
			return 100, true
		}
		return 60, true
	}
	gaps, end := 0, -1 // end: where the previous letter matched ends
	rest, offset := text, 0
	for _, r := range word {
		i := strings.IndexRune(rest, r)
		if i < 0 {
			return 0, false
		}
		if end >= 0 && offset+i != end {
			gaps++
		}
		n := utf8.RuneLen(r)
		end = offset + i + n
		rest = rest[i+n:]
		offset = end
	}
	return max(20-4*gaps, 1), true
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
