// Package model is the vocabulary of taxo: terms, their kinds and IDs, and the
// graph that links them. It does no I/O and knows nothing of the terminal.
package model

import "strings"

// Kind says whether a term is a concept, a category or a tag.
type Kind uint8

// The kinds, in the order lists show them.
const (
	Concept Kind = iota
	Category
	Tag
)

// Kinds lists every kind in display order.
var Kinds = [...]Kind{Concept, Category, Tag}

// NumKinds is how many kinds there are; arrays indexed by Kind have this length.
const NumKinds = len(Kinds)

// String is the singular name: "concept", "category", "tag".
func (k Kind) String() string {
	switch k {
	case Concept:
		return "concept"
	case Category:
		return "category"
	default:
		return "tag"
	}
}

// Taxonomy is the plural used for folders, IDs and front matter lists:
// "concepts", "categories", "tags".
func (k Kind) Taxonomy() string {
	switch k {
	case Concept:
		return "concepts"
	case Category:
		return "categories"
	default:
		return "tags"
	}
}

// Taxonomies are the kinds' folder names, in display order: the folders
// of a site's content/ that hold terms.
func Taxonomies() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Taxonomy()
	}
	return names
}

// Label is the plural for headings: "Concepts", "Categories", "Tags".
func (k Kind) Label() string {
	switch k {
	case Concept:
		return "Concepts"
	case Category:
		return "Categories"
	default:
		return "Tags"
	}
}

// ParseKind reads a kind from its singular or plural name in any case.
func ParseKind(s string) (Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "concept", "concepts":
		return Concept, true
	case "category", "categories":
		return Category, true
	case "tag", "tags":
		return Tag, true
	}
	return Tag, false
}

// MarshalText writes the singular name, so JSON shows "concept" rather than 0.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }
