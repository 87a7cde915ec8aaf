package learn

import (
	"math"
	"path"
	"slices"
	"strings"
)

// A page's section is the folder it is in, as Hugo's sections are: the
// folder of a page file, the folder above a bundle's index.md or a
// section's _index.md. Pages of one section tend to carry the same terms
// (the episodes of one show, the posts of one year), so the share of a
// section's pages that carry a term is evidence, mixed with the share in
// the section above it, up to the whole site, so that a section of few
// pages says little.

// sectionOf returns the section of a page path ("" for the site's root,
// and for a piece of content whose place is unknown).
func sectionOf(p string) string {
	p = strings.Trim(path.Clean("/"+p), "/")
	base := path.Base(p)
	dir := path.Dir(p)
	if strings.HasPrefix(base, "index.") || strings.HasPrefix(base, "_index.") {
		dir = path.Dir(dir)
	}
	if dir == "." || dir == "/" {
		return ""
	}
	return dir
}

// slugOf is the name a page's path gives it, its words apart: the file's
// name without its extensions ("reflexer-rai" for "post/reflexer-rai.fr.md"),
// or the folder's for a bundle's index.md; "" when the path is not known.
func slugOf(p string) string {
	if p == "" {
		return ""
	}
	p = strings.Trim(path.Clean("/"+p), "/")
	base := path.Base(p)
	if strings.HasPrefix(base, "index.") || strings.HasPrefix(base, "_index.") {
		base = path.Base(path.Dir(p))
	}
	base, _, _ = strings.Cut(base, ".")
	return base
}

// parent is the section above s ("" above a top-level section).
func parent(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return ""
}

// sectionCounts are how many pages a section holds, below it included,
// and how many of them carry each term.
type sectionCounts struct {
	pages float64
	terms map[int32]float64
}

// sectionSmoothing is how many pages of the section above a section's own
// share is mixed with.
const sectionSmoothing = 2.0

// countSections counts the pages of every section and those above.
func (m *Model) countSections() {
	m.sections = make(map[string]*sectionCounts)
	for i := range m.pages {
		m.pages[i].section = sectionOf(m.pages[i].path)
		for s := m.pages[i].section; s != ""; s = parent(s) {
			c := m.sections[s]
			if c == nil {
				c = &sectionCounts{terms: make(map[int32]float64)}
				m.sections[s] = c
			}
			c.pages++
			for _, t := range m.pages[i].terms {
				c.terms[t]++
			}
		}
	}
}

// sectionChain lists the counts of a section and of those above it, the
// top-level one first.
func (m *Model) sectionChain(section string) []*sectionCounts {
	var chain []*sectionCounts
	for s := section; s != ""; s = parent(s) {
		if c := m.sections[s]; c != nil {
			chain = append(chain, c)
		}
	}
	slices.Reverse(chain)
	return chain
}

// sectionShare is the log of the share of the pages of the content's
// section (its chain) that carry term t, mixed with the sections above it,
// down from global: the share of all pages. When the content is a page, it
// is in the section and is left out of the counts; mine says it carries t.
func (m *Model) sectionShare(ev *evidence, t int32, global float64, mine bool) float64 {
	p := global
	for _, c := range ev.chain {
		pages, carried := c.pages, c.terms[t]
		if ev.self >= 0 {
			pages--
			if mine {
				carried--
			}
		}
		p = (carried + sectionSmoothing*p) / (pages + sectionSmoothing)
	}
	return math.Log(p)
}
