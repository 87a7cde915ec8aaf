package tagwrite

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"taxo/loader"
)

// Site is what the writer needs to know of the site a page belongs to. The
// zero Site works: terms are compared as Hugo keys them (loader.TermKey), and a
// missing key goes at the end of the front matter.
type Site struct {
	// Taxonomies are the site's taxonomies (plural names). A taxonomy key
	// the page lacks is written after the last of theirs it has.
	Taxonomies []string
	// TermKey is how the site keys a term, so that "Go" and "go" are one
	// term; nil is loader.TermKey.
	TermKey func(term string) string
}

// Change is what an edit makes of a page.
type Change struct {
	Taxonomy string   // the key as the front matter writes it ("Tags"), or as added
	Before   []string // the terms the page carried
	After    []string // the terms it carries after the edit
	Old, New []byte   // the whole file before and after
}

// Changed reports whether the edit changes the file.
func (c Change) Changed() bool { return !bytes.Equal(c.Old, c.New) }

// Added returns the terms After has that Before has not, as spelt.
func (c Change) Added() []string { return minus(c.After, c.Before) }

// Removed returns the terms Before has that After has not, as spelt.
func (c Change) Removed() []string { return minus(c.Before, c.After) }

func minus(a, b []string) []string {
	var out []string
	for _, t := range a {
		if !slices.Contains(b, t) {
			out = append(out, t)
		}
	}
	return out
}

// Summary says the change in one line: "tags: +go -rust", or "tags:
// unchanged".
func (c Change) Summary() string {
	var parts []string
	for _, t := range c.Added() {
		parts = append(parts, "+"+t)
	}
	for _, t := range c.Removed() {
		parts = append(parts, "-"+t)
	}
	if len(parts) == 0 {
		return c.Taxonomy + ": unchanged"
	}
	return c.Taxonomy + ": " + strings.Join(parts, " ")
}

// format is what differs between YAML, TOML and JSON front matter.
type format interface {
	entries(front []byte) ([]entry, error)
	decode(front []byte) (map[string]any, error)
	comments() bool
	defaultLayout(front []byte, entries []entry) layout
	render(term string, flowCtx bool, like layout) string
	reuse(raw, term string) string
	newKey(front []byte, entries []entry, anchor int, key string, ed *editor, terms []string) splice
	endOfRoot(front []byte, entries []entry) int
}

func formatOf(f loader.Format) format {
	switch f {
	case loader.TOML:
		return tomlFormat{}
	case loader.JSON:
		return jsonFormat{}
	default: // YAML, or no front matter yet, which is written as YAML
		return yamlFormat{}
	}
}

// ErrUnsafe is returned when an edit would change more of the front matter
// than the one list, which the writer refuses rather than write.
var ErrUnsafe = errors.New("taxo cannot change this front matter safely")

// page is a page read for editing one taxonomy.
type page struct {
	src     *source
	format  format
	entries []entry
	target  entry // shape missing when the page lacks the key
	// decoded is the front matter as the real decoder reads it; nil
	// without front matter.
	decoded map[string]any
}

func (s Site) read(src []byte, taxonomy string) (*page, error) {
	if strings.TrimSpace(taxonomy) == "" {
		return nil, errors.New("no taxonomy given")
	}
	so, err := newSource(src)
	if err != nil {
		return nil, err
	}
	p := &page{src: so, format: formatOf(so.split.Format), target: entry{key: taxonomy}}
	if so.split.Format != loader.NoFrontMatter {
		if p.entries, err = p.format.entries(so.split.Front); err != nil {
			return nil, err
		}
		// The scanner reads the lines; what Hugo reads is the decoder's
		// answer, and a front matter it refuses (a key given twice in
		// TOML, say) is the editor's to mend first.
		if p.decoded, err = p.format.decode(so.split.Front); err != nil {
			return nil, fmt.Errorf("the front matter does not read: %w", err)
		}
	}
	found := 0
	for _, e := range p.entries {
		// Hugo lower-cases front matter keys: "Tags" is the tags taxonomy.
		if strings.EqualFold(e.key, taxonomy) {
			if found++; found > 1 {
				return nil, fmt.Errorf("the front matter has %q and %q: Hugo reads only one of them; keep one first", p.target.key, e.key)
			}
			p.target = e
		}
	}
	if p.target.shape == other {
		return nil, fmt.Errorf("%s holds %s, not a list of terms; taxo leaves it alone", p.target.key, p.target.why)
	}
	return p, nil
}

func (p *page) terms() []string {
	terms := make([]string, len(p.target.items))
	for i, it := range p.target.items {
		terms[i] = it.term
	}
	return terms
}

// Terms returns the terms of the taxonomy the page carries, as written.
func (s Site) Terms(src []byte, taxonomy string) ([]string, error) {
	p, err := s.read(src, taxonomy)
	if err != nil {
		return nil, err
	}
	return p.terms(), nil
}

// Apply makes the edit to the page's terms of the taxonomy (its plural
// name, matched in any case as Hugo does) and returns the new bytes. Every
// byte outside that one list stays as it was; an edit that would change
// anything else is refused with ErrUnsafe.
func (s Site) Apply(src []byte, taxonomy string, e Edit) (Change, error) {
	p, err := s.read(src, taxonomy)
	if err != nil {
		return Change{}, err
	}
	before := p.terms()
	pl, err := e.plan(before, termKey(s.TermKey))
	if err != nil {
		return Change{}, err
	}
	pl = pl.settled()
	after, _ := pl.result(before)
	c := Change{Taxonomy: p.target.key, Before: before, After: after, Old: src, New: src}
	if !pl.changes(before) {
		return c, nil
	}
	if c.New, err = p.src.apply(s.splices(p, pl)); err != nil {
		return Change{}, err
	}
	if err := p.verify(c.New, pl); err != nil {
		return Change{}, err
	}
	return c, nil
}

func (s Site) splices(p *page, pl plan) []splice {
	front := p.src.split.Front
	ed := &editor{front: front, comments: p.format.comments(), render: p.format.render, reuse: p.format.reuse}
	ed.like = ed.pickLayout(p.entries, s.Taxonomies, p.format.defaultLayout(front, p.entries))
	if p.src.split.Format == loader.NoFrontMatter {
		return []splice{newFrontMatter(ed, p.target.key, pl.add)}
	}
	if p.target.shape != missing {
		return ed.edit(p.target, pl)
	}
	anchor := p.format.endOfRoot(front, p.entries)
	for _, e := range p.entries {
		if e.shape != other && slices.ContainsFunc(s.Taxonomies, func(t string) bool { return strings.EqualFold(t, e.key) }) {
			anchor = e.after
		}
	}
	return []splice{p.format.newKey(front, p.entries, anchor, p.target.key, ed, pl.add)}
}

// newFrontMatter gives a page without front matter a YAML one holding the
// terms.
func newFrontMatter(ed *editor, key string, terms []string) splice {
	f := yamlFormat{}
	ed.render, ed.like = f.render, f.defaultLayout(nil, nil)
	return splice{0, 0, "---\n" + f.render(key, false, layout{}) + ":\n" + ed.freshBlock(ed.renderAll(terms, false), "") + "---\n"}
}

// verify decodes the old and the new front matter with the real decoders
// and checks that they differ only in the one list, which holds what the
// plan says, and that the body is the same.
func (p *page) verify(newSrc []byte, pl plan) error {
	split, err := loader.SplitFrontMatter(loader.Normalize(newSrc))
	if err != nil || !bytes.Equal(split.Body, p.src.split.Body) {
		return fmt.Errorf("%w: the body would change", ErrUnsafe)
	}
	f := formatOf(split.Format)
	oldMap := p.decoded
	newMap, err := f.decode(split.Front)
	if err != nil {
		return fmt.Errorf("%w: the new front matter does not read: %w", ErrUnsafe, err)
	}
	key := p.target.key
	for k, v := range oldMap {
		if nv, ok := newMap[k]; k != key && (!ok || !reflect.DeepEqual(v, nv)) {
			return fmt.Errorf("%w: %s would change", ErrUnsafe, k)
		}
	}
	for k := range newMap {
		if _, ok := oldMap[k]; !ok && k != key {
			return fmt.Errorf("%w: %s would appear", ErrUnsafe, k)
		}
	}
	if want := p.want(oldMap[key], pl); !reflect.DeepEqual(newMap[key], want) {
		return fmt.Errorf("%w: %s would read %v, not %v", ErrUnsafe, key, newMap[key], want)
	}
	return nil
}

// want is what the decoder should read for the list after the plan: the
// terms kept as they were decoded, the new ones as text.
func (p *page) want(old any, pl plan) any {
	var was []any
	switch o := old.(type) {
	case nil:
	case []any:
		was = o
	default:
		was = []any{o}
	}
	terms, from := pl.result(p.terms())
	list := make([]any, len(terms))
	for j, i := range from {
		list[j] = terms[j]
		if _, respelt := pl.replace[i]; i >= 0 && !respelt && i < len(was) {
			list[j] = was[i]
		}
	}
	if p.target.shape == scalar && len(list) == 1 {
		return list[0]
	}
	return list
}
