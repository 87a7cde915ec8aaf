// Package english writes the small pieces of English that taxo's messages
// share, so that every command and screen counts things the same way.
package english

import "strconv"

// Plural is a count with its noun: "1 term", "2 terms", "0 terms". The
// nouns taxo counts all take an s.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
