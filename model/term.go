package model

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Term is one concept, category, tag or term of another taxonomy: what its
// file says and where it is. The links to other terms are resolved by the
// Graph, not stored here.
type Term struct {
	ID           ID
	Kind         Kind
	Slug         string
	Title        string
	Description  string
	Abstract     string
	Instructions string // markdown: when to apply the term and when not
	Weight       int    // lower first; 0 means unweighted and sorts last
	Icon         string // a Font Awesome name such as "fa-layer-group"
	Date         time.Time

	// Path is the file relative to the taxonomy root, slash-separated; for a
	// slug kept in both layouts it is the _index.md and AltPath the flat file.
	// Both are empty for an undefined term.
	Path    string
	AltPath string
	// Defined is false for a term that other terms refer to but that has
	// no file and, on a site, that no page carries.
	Defined bool
	Lang    string // on a site, the language of its term page or pages
	// Page is, on a site, the term page (content/tags/go/_index.md) read
	// as a page, for whether Hugo publishes it; nil when there is none.
	Page *Page

	// Refs are the titles the front matter lists under concepts, categories,
	// tags and the site's other taxonomies, indexed by Kind, as written;
	// shorter than a kind's number when it lists none of that kind. RefsOf
	// and SetRefs read and write it without minding its length.
	Refs [][]Ref

	Body   string  // markdown after the front matter
	Fields []Field // every other front matter field, in file order
}

// Ref is one title listed in a term's concepts, categories or tags, with
// where it stands in the file.
type Ref struct {
	Title     string
	Line, Col int // 1-based; 0 when unknown
}

// Field is a front matter field taxo has no special use for, kept as decoded.
type Field struct {
	Key   string
	Value any
}

// RefsOf returns the titles t lists under kind k.
func (t *Term) RefsOf(k Kind) []Ref {
	if int(k) < len(t.Refs) {
		return t.Refs[k]
	}
	return nil
}

// SetRefs sets the titles t lists under kind k.
func (t *Term) SetRefs(k Kind, refs []Ref) {
	if int(k) >= len(t.Refs) {
		t.Refs = slices.Grow(t.Refs, int(k)+1-len(t.Refs))[:int(k)+1]
	}
	t.Refs[k] = refs
}

// DisplayTitle is the title, or the slug when the file gives none.
func (t *Term) DisplayTitle() string {
	if s := t.Title; s != "" && s[0] > ' ' && s[0] < utf8.RuneSelf || strings.TrimSpace(s) != "" {
		return t.Title // a title that starts with a letter is not blank, as most do
	}
	return t.Slug
}

// Field returns the value of the named extra field, matching the key in any case.
func (t *Term) Field(key string) (any, bool) {
	for _, f := range t.Fields {
		if strings.EqualFold(f.Key, key) {
			return f.Value, true
		}
	}
	return nil, false
}

// Less orders terms for display: by kind (concepts, categories, tags, then
// the other kinds by name), then weight (weighted terms first, lower
// first), then title ignoring case, then ID.
func Less(a, b *Term) bool { return Compare(a, b) < 0 }

// Compare is Less as a three-way comparison for slices.SortFunc.
func Compare(a, b *Term) int {
	if a.Kind != b.Kind {
		return kindRank(a.Kind) - kindRank(b.Kind)
	}
	if wa, wb := weightKey(a.Weight), weightKey(b.Weight); wa != wb {
		if wa < wb {
			return -1
		}
		return 1
	}
	if c := compareFold(a.DisplayTitle(), b.DisplayTitle()); c != 0 {
		return c
	}
	return strings.Compare(string(a.ID), string(b.ID))
}

// weightKey sorts unweighted terms (0) after every weighted one, as Hugo does.
func weightKey(w int) int64 {
	if w == 0 {
		return 1 << 62
	}
	return int64(w)
}

// compareFold compares two strings ignoring case without allocating in the
// common ASCII case.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if ca >= 0x80 || cb >= 0x80 {
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}
