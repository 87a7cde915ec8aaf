package model

import (
	"strings"
	"unicode"
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
	var b strings.Builder
	b.Grow(len(title))
	pendingHyphen := false
	for _, r := range title {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '-' || r == '_':
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r):
			pendingHyphen = true
		}
	}
	return b.String()
}
