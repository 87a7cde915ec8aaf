package model

import (
	"fmt"
	"strings"
	"unicode"
)

// Query is a parsed search: clauses every result must match, and filters.
//
// The syntax, as a user types it:
//
//	value stream          every word must occur (in any field)
//	"definition of done"  a phrase: the words in this order; stopwords
//	                      inside stand for any one word
//	scal*                 any word starting with "scal"
//	kind:category         only categories (kind:concept, kind:tag; several
//	                      kind: filters mean any of them)
//	tag:scrum             only terms tagged Scrum (a title, slug or ID;
//	                      quote a title with spaces: tag:"Value Delivery";
//	                      several tag: filters mean all of them)
//
// Words are matched in any case, and a word outside quotes matches the
// other words of its stem, so "retrospectives" finds "retrospective" (see
// NewIndexLang); a phrase matches its words as written. A word joined by
// punctuation, such as "cross-functional" or "CI/CD", is a phrase.
type Query struct {
	Clauses []Clause
	Kinds   []Kind   // any of them; none means every kind
	Tags    []string // names as written; a result must be tagged with all
}

// Clause is one thing a result must match: a word, a phrase or a prefix.
type Clause struct {
	Text    string   // as the user wrote it
	Words   []string // normalised; one for a word or a prefix
	Offsets []int32  // for a phrase, where each word stands from the first
	Prefix  bool
	// Typed is the word still being typed (ParseTyped): it matches the
	// words it starts as well as those of its stem.
	Typed bool
}

// Phrase reports whether the clause needs several words in order.
func (c Clause) Phrase() bool { return len(c.Words) > 1 }

// Empty reports whether the query asks for nothing: no clause and no filter.
func (q Query) Empty() bool { return len(q.Clauses) == 0 && len(q.Kinds) == 0 && len(q.Tags) == 0 }

// ParseQuery reads a query in the syntax Query describes. Words that are all
// stopwords ("the", "of") are dropped; the error is for a filter that makes
// no sense, such as kind:colour or an empty tag:.
func ParseQuery(s string) (Query, error) { return parseQuery(s, false) }

// ParseTyped reads a query as it is being typed, for search as you type:
// as ParseQuery does, except that the last word, unless a space follows it,
// is not finished, so it also matches the words it starts ("retro" finds
// "retrospective"), and is kept even when it is a stopword ("in" may be
// becoming "innovation").
func ParseTyped(s string) (Query, error) {
	typing := s != "" && !unicode.IsSpace(rune(s[len(s)-1]))
	return parseQuery(s, typing)
}

func parseQuery(s string, typing bool) (Query, error) {
	var q Query
	var sc wordScanner
	items := splitQuery(s)
	for i, item := range items {
		if typing && i == len(items)-1 && !item.quoted && !strings.HasSuffix(item.text, "*") {
			if _, _, isFilter := cutFilter(item.text); !isFilter {
				if c, ok := typedClause(&sc, item.text); ok {
					q.Clauses = append(q.Clauses, c)
					continue
				}
			}
		}
		name, value, isFilter := cutFilter(item.text)
		isFilter = isFilter && !item.quoted // "kind:tag" in quotes is text
		switch {
		case isFilter && name == "kind":
			k, ok := ParseKind(value)
			if !ok {
				return Query{}, fmt.Errorf("kind:%s: want concept, category or tag", value)
			}
			q.Kinds = append(q.Kinds, k)
		case isFilter && name == "tag":
			if strings.TrimSpace(value) == "" {
				return Query{}, fmt.Errorf("tag: needs a tag's title, slug or ID, as in tag:scrum")
			}
			q.Tags = append(q.Tags, value)
		default:
			if c, ok := makeClause(&sc, item.text, item.quoted); ok {
				q.Clauses = append(q.Clauses, c)
			}
		}
	}
	if len(q.Clauses) > MaxClauses {
		return Query{}, fmt.Errorf("the query has %d words, phrases and prefixes; at most %d are searched for", len(q.Clauses), MaxClauses)
	}
	return q, nil
}

// MaxClauses is how many words, phrases and prefixes a query may hold; a
// term must match them all, so a longer query finds nothing anyway (to find
// terms for a whole text, use a Suggester). Snippets count the clauses they
// show in a uint64, so it is at most 64.
const MaxClauses = 64

type queryItem struct {
	text   string
	quoted bool
}

// splitQuery cuts a query at white space, keeping quoted runs whole: `tag:"Value
// Delivery"` is one item, as is `"value stream"`. An unclosed quote runs to
// the end.
func splitQuery(s string) []queryItem {
	var items []queryItem
	var b strings.Builder
	quoted, inQuote := false, false
	flush := func() {
		if b.Len() > 0 || quoted {
			items = append(items, queryItem{text: b.String(), quoted: quoted})
		}
		b.Reset()
		quoted = false
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '“' || r == '”':
			if inQuote {
				inQuote = false
				continue
			}
			inQuote = true
			// A quote that opens an item makes it a phrase; one after
			// "tag:" only groups the value.
			if b.Len() == 0 {
				quoted = true
			}
		case unicode.IsSpace(r) && !inQuote:
			flush()
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return items
}

// cutFilter splits "name:value" for the filters taxo knows.
func cutFilter(item string) (name, value string, ok bool) {
	name, value, found := strings.Cut(item, ":")
	if !found {
		return "", "", false
	}
	name = strings.ToLower(name)
	if name != "kind" && name != "tag" {
		return "", "", false
	}
	return name, value, true
}

// typedClause is the clause of the word being typed, when the item is one
// word; a phrase being typed is left to makeClause.
func typedClause(sc *wordScanner, text string) (Clause, bool) {
	var words []string
	sc.scan(text, func(w []byte, _, _ int, _ bool) { words = append(words, string(w)) })
	if len(words) != 1 {
		return Clause{}, false
	}
	return Clause{Text: text, Words: words, Offsets: []int32{0}, Typed: true}, true
}

// makeClause turns one item into a clause: a word, a phrase, or a prefix
// when it is a single word ending in "*" and not quoted. A prefix may be a
// stopword ("in*" finds "innovation").
func makeClause(sc *wordScanner, text string, quoted bool) (Clause, bool) {
	prefix := !quoted && strings.HasSuffix(text, "*")
	c := Clause{Text: text}
	var all []string
	pos := int32(0)
	first := int32(-1)
	sc.scan(strings.TrimSuffix(text, "*"), func(w []byte, _, _ int, stop bool) {
		all = append(all, string(w))
		if !stop {
			if first < 0 {
				first = pos
			}
			c.Words = append(c.Words, string(w))
			c.Offsets = append(c.Offsets, pos-first)
		}
		pos++
	})
	if prefix && len(all) == 1 {
		c.Words, c.Offsets, c.Prefix = all, []int32{0}, true
	}
	if len(c.Words) == 0 {
		return Clause{}, false
	}
	return c, true
}
