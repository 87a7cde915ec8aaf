package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ID names a term uniquely: "<taxonomy>/<slug>", as in "tags/scaling".
type ID string

// MakeID joins a kind's taxonomy and a slug into an ID.
func MakeID(k Kind, slug string) ID { return ID(k.Taxonomy() + "/" + slug) }

// Split returns the kind and slug an ID is made of; ok is false when the ID
// does not start with a known taxonomy.
func (id ID) Split() (k Kind, slug string, ok bool) {
	tax, slug, found := strings.Cut(string(id), "/")
	if !found {
		return Tag, "", false
	}
	k, ok = ParseKind(tax)
	return k, slug, ok && tax == k.Taxonomy()
}

// Urlize maps a title to a slug as Hugo's urlize does: lower case, runs of
// spaces to one hyphen, letters and digits of any script kept, other
// punctuation dropped. "Agile Values and Principles" becomes
// "agile-values-and-principles", "CI/CD" becomes "cicd".
func Urlize(title string) string {
	return string(appendUrlize(make([]byte, 0, len(title)), title))
}

// appendUrlize appends the slug of title to buf, so that a lookup by slug
// need not allocate.
func appendUrlize(buf []byte, title string) []byte {
	start := len(buf)
	pendingHyphen := false
	for _, r := range title {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_'):
			if pendingHyphen && len(buf) > start {
				buf = append(buf, '-')
			}
			pendingHyphen = false
			buf = append(buf, byte(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if pendingHyphen && len(buf) > start {
				buf = append(buf, '-')
			}
			pendingHyphen = false
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case unicode.IsSpace(r):
			pendingHyphen = true
		}
	}
	return buf
}

// appendLower appends s in lower case to buf, as strings.ToLower would
// give it.
func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(buf, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}
