// Package model is the vocabulary of taxo: terms, their kinds and IDs, and the
// graph that links them. It does no I/O and knows nothing of the terminal.
package model

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Kind is a taxonomy a term belongs to. Concepts, categories and tags are
// the three taxo has always known, and are constants; a Hugo site can
// declare others (series, authors, hosts), each a Kind of its own made once
// by DeclareKind and known by its name from then on, in every package.
type Kind uint16

// The three built-in kinds, in the order lists show them.
const (
	Concept Kind = iota
	Category
	Tag
)

// Kinds lists the three built-in kinds in display order. A site's other
// kinds come after them (AllKinds, Graph.Kinds).
var Kinds = [...]Kind{Concept, Category, Tag}

// NumKinds is how many built-in kinds there are; arrays indexed by one of
// them have this length. A declared kind is NumKinds or above.
const NumKinds = len(Kinds)

// kindInfo is what the names of a kind are.
type kindInfo struct {
	singular, plural, label string
}

// kindTable is every kind declared so far. It is never changed once
// published: DeclareKind publishes a new one, so that reading a kind's
// names needs no lock.
type kindTable struct {
	info   []kindInfo      // by Kind
	byName map[string]Kind // plural and singular names, lower case
	rank   []int           // display rank by Kind
}

var (
	kindsMu sync.Mutex // held by DeclareKind while it makes a new table
	kinds   atomic.Pointer[kindTable]
)

func init() {
	t := &kindTable{
		info: []kindInfo{
			Concept:  {"concept", "concepts", "Concepts"},
			Category: {"category", "categories", "Categories"},
			Tag:      {"tag", "tags", "Tags"},
		},
		byName: make(map[string]Kind),
	}
	t.index()
	kinds.Store(t)
}

// index fills in the names and ranks from info.
func (t *kindTable) index() {
	for k, in := range t.info {
		if _, taken := t.byName[in.plural]; !taken {
			t.byName[in.plural] = Kind(k)
		}
	}
	for k, in := range t.info {
		if _, taken := t.byName[in.singular]; !taken {
			t.byName[in.singular] = Kind(k)
		}
	}
	order := make([]Kind, len(t.info))
	for k := range order {
		order[k] = Kind(k)
	}
	slices.SortFunc(order[NumKinds:], func(a, b Kind) int { return strings.Compare(t.info[a].plural, t.info[b].plural) })
	t.rank = make([]int, len(order))
	for r, k := range order {
		t.rank[k] = r
	}
}

// DeclareKind returns the kind of the taxonomy named plural (a site
// config's "series" in `series: series`), making it the first time: the
// built-in three for "concepts", "categories" and "tags", a new kind for
// any other. singular names one term of it ("host" for "hosts"); when
// empty, the plural does. Names are taken in lower case. Kinds are never
// forgotten: a process reads one site or a few, each with a handful of
// taxonomies. It is safe to call from several goroutines.
func DeclareKind(singular, plural string) Kind {
	plural = strings.ToLower(strings.TrimSpace(plural))
	singular = strings.ToLower(strings.TrimSpace(singular))
	if k, ok := kindByPlural(kinds.Load(), plural); ok {
		return k
	}
	kindsMu.Lock()
	defer kindsMu.Unlock()
	old := kinds.Load()
	if k, ok := kindByPlural(old, plural); ok {
		return k
	}
	if singular == "" {
		singular = plural
	}
	t := &kindTable{
		info:   append(slices.Clip(old.info), kindInfo{singular, plural, label(plural)}),
		byName: make(map[string]Kind, len(old.byName)+2),
	}
	t.index()
	kinds.Store(t)
	return Kind(len(t.info) - 1)
}

// kindByPlural finds a declared kind by its plural name.
func kindByPlural(t *kindTable, plural string) (Kind, bool) {
	k, ok := t.byName[plural]
	return k, ok && t.info[k].plural == plural
}

// label is a plural with its first letter in upper case: "series" → "Series".
func label(plural string) string {
	r, size := utf8.DecodeRuneInString(plural)
	return string(unicode.ToUpper(r)) + plural[size:]
}

// AllKinds lists every kind declared so far, the built-in three first, then
// the others by plural name.
func AllKinds() []Kind {
	t := kinds.Load()
	out := make([]Kind, len(t.info))
	for k, r := range t.rank {
		out[r] = Kind(k)
	}
	return out
}

// SortKinds puts kinds in display order: the built-in three first, then the
// others by plural name.
func SortKinds(ks []Kind) { slices.SortFunc(ks, CompareKinds) }

// CompareKinds compares two kinds' places in display order, for sorting.
func CompareKinds(a, b Kind) int { return kindRank(a) - kindRank(b) }

// kindRank is where a kind comes in display order.
func kindRank(k Kind) int {
	if k < Kind(NumKinds) {
		return int(k)
	}
	if t := kinds.Load(); int(k) < len(t.rank) {
		return t.rank[k]
	}
	return int(k)
}

// info returns the names of k; ok is false for a kind never declared.
func (k Kind) info() (kindInfo, bool) {
	t := kinds.Load()
	if int(k) < len(t.info) {
		return t.info[k], true
	}
	return kindInfo{}, false
}

// String is the singular name: "concept", "category", "tag", or a
// declared kind's ("host").
func (k Kind) String() string {
	if in, ok := k.info(); ok {
		return in.singular
	}
	return fmt.Sprintf("kind%d", int(k))
}

// Taxonomy is the plural used for folders, IDs and front matter lists:
// "concepts", "categories", "tags", or a declared kind's ("hosts").
func (k Kind) Taxonomy() string {
	if in, ok := k.info(); ok {
		return in.plural
	}
	return fmt.Sprintf("kind%d", int(k))
}

// Taxonomies are the built-in kinds' folder names, in display order: the
// folders of a content/ folder that hold term files, outside a site.
func Taxonomies() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Taxonomy()
	}
	return names
}

// Label is the plural for headings: "Concepts", "Categories", "Tags",
// "Hosts".
func (k Kind) Label() string {
	if in, ok := k.info(); ok {
		return in.label
	}
	return fmt.Sprintf("Kind%d", int(k))
}

// Builtin reports whether k is a concept, a category or a tag.
func (k Kind) Builtin() bool { return k < Kind(NumKinds) }

// ParseKind reads a kind from its singular or plural name in any case:
// one of the built-in three, or a kind declared already.
func ParseKind(s string) (Kind, bool) {
	k, ok := kinds.Load().byName[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return Tag, false
	}
	return k, true
}

// MarshalText writes the singular name, so JSON shows "concept" rather than 0.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }
