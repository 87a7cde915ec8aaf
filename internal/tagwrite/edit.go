package tagwrite

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"taxo/loader"
)

// Edit is a change to a page's terms of one taxonomy. Make one with
// AddRemove, SetTo or Rename. Terms are compared by their key (see
// Site.TermKey), as Hugo merges "Go" and "go" into one term; the terms a
// page keeps keep their spelling, quoting and place.
type Edit struct {
	op       editOp
	add      []string
	remove   []string
	set      []string
	old, new string
}

type editOp uint8

const (
	opAddRemove editOp = iota
	opSet
	opRename
)

// AddRemove adds the terms of add that the page does not carry yet, at the
// end of its list and in the order given, and removes every spelling of the
// terms of remove. A term in both is an error.
func AddRemove(add, remove []string) Edit {
	return Edit{op: opAddRemove, add: add, remove: remove}
}

// SetTo makes the page carry exactly these terms: those it keeps stay where
// they are, the others are added at the end in the order given, and a term
// the page carries twice is kept once.
func SetTo(terms []string) Edit {
	return Edit{op: opSet, set: terms}
}

// Rename replaces the term old by new where the page carries old, keeping
// its place; when the page carries new already, old is removed instead, so
// a page carrying both keeps one (a merge).
func Rename(old, new string) Edit {
	return Edit{op: opRename, old: old, new: new}
}

// String says what the edit does, for messages.
func (e Edit) String() string {
	switch e.op {
	case opSet:
		return fmt.Sprintf("set to %q", e.set)
	case opRename:
		return fmt.Sprintf("rename %q to %q", e.old, e.new)
	default:
		return fmt.Sprintf("add %q, remove %q", e.add, e.remove)
	}
}

// plan is an edit made concrete for one list: what happens to each term the
// page carries, and what is added at the end.
type plan struct {
	keep    []bool         // per term carried: still there (maybe replaced)
	replace map[int]string // per term carried: now spelled this way
	add     []string       // at the end
}

// changes reports whether the plan changes the list.
func (p plan) changes(terms []string) bool {
	if len(p.add) > 0 {
		return true
	}
	for i, k := range p.keep {
		if !k {
			return true
		}
		if r, ok := p.replace[i]; ok && r != terms[i] {
			return true
		}
	}
	return false
}

// settled moves the first new term into the place of the first term when
// every term the page carried goes, so the list keeps its place and layout.
func (p plan) settled() plan {
	if len(p.keep) == 0 || len(p.add) == 0 {
		return p
	}
	for _, k := range p.keep {
		if k {
			return p
		}
	}
	keep := slices.Clone(p.keep)
	replace := maps.Clone(p.replace)
	keep[0], replace[0] = true, p.add[0]
	return plan{keep: keep, replace: replace, add: p.add[1:]}
}

// result is the list after the plan: each term with the index of the term
// it was, or -1 for a new one.
func (p plan) result(terms []string) (out []string, from []int) {
	for i, t := range terms {
		if !p.keep[i] {
			continue
		}
		if r, ok := p.replace[i]; ok {
			t = r
		}
		out, from = append(out, t), append(from, i)
	}
	for _, t := range p.add {
		out, from = append(out, t), append(from, -1)
	}
	return out, from
}

// plan works out the edit on the terms a page carries.
func (e Edit) plan(terms []string, key func(string) string) (plan, error) {
	for _, t := range slicesOf(e.add, e.remove, e.set, e.renameTerms()) {
		if err := validTerm(t); err != nil {
			return plan{}, err
		}
	}
	p := plan{keep: make([]bool, len(terms)), replace: map[int]string{}}
	switch e.op {
	case opSet:
		e.planSet(&p, terms, key)
	case opRename:
		e.planRename(&p, terms, key)
	default:
		if err := e.planAddRemove(&p, terms, key); err != nil {
			return plan{}, err
		}
	}
	return p, nil
}

func (e Edit) renameTerms() []string {
	if e.op != opRename {
		return nil
	}
	return []string{e.old, e.new}
}

func slicesOf(lists ...[]string) []string {
	var all []string
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}

func (e Edit) planAddRemove(p *plan, terms []string, key func(string) string) error {
	gone := map[string]bool{}
	for _, t := range e.remove {
		gone[key(t)] = true
	}
	has := map[string]bool{}
	for i, t := range terms {
		k := key(t)
		p.keep[i] = !gone[k]
		has[k] = has[k] || p.keep[i]
	}
	for _, t := range e.add {
		k := key(t)
		if gone[k] {
			return fmt.Errorf("%q is both added and removed", t)
		}
		if !has[k] {
			p.add = append(p.add, t)
			has[k] = true
		}
	}
	return nil
}

func (e Edit) planSet(p *plan, terms []string, key func(string) string) {
	want := map[string]bool{}
	for _, t := range e.set {
		want[key(t)] = true
	}
	has := map[string]bool{}
	for i, t := range terms {
		k := key(t)
		p.keep[i] = want[k] && !has[k]
		has[k] = has[k] || p.keep[i]
	}
	for _, t := range e.set {
		if k := key(t); !has[k] {
			p.add = append(p.add, t)
			has[k] = true
		}
	}
}

func (e Edit) planRename(p *plan, terms []string, key func(string) string) {
	oldKey, newKey := key(e.old), key(e.new)
	first, carriesNew := -1, false
	for i, t := range terms {
		k := key(t)
		p.keep[i] = k != oldKey
		if k == oldKey && first < 0 {
			first = i
		}
		carriesNew = carriesNew || (k == newKey && k != oldKey)
	}
	if first >= 0 && !carriesNew {
		p.keep[first] = true
		p.replace[first] = e.new
	}
}

// validTerm refuses what no page should carry as a term.
func validTerm(t string) error {
	switch {
	case !utf8.ValidString(t):
		return fmt.Errorf("term %q is not valid UTF-8", t)
	case strings.TrimSpace(t) == "":
		return errors.New("a term cannot be empty")
	case strings.IndexFunc(t, unicode.IsControl) >= 0:
		return fmt.Errorf("term %q holds a control character", t)
	}
	return nil
}

// termKey returns how terms are compared: the site's key, or the text itself
// where the key is empty (a term of punctuation only).
func termKey(key func(string) string) func(string) string {
	if key == nil {
		key = loader.TermKey
	}
	return func(t string) string {
		if k := key(t); k != "" {
			return k
		}
		return "\x00" + t
	}
}
