package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The content lint: what editors of a site ask about the way its pages use
// its terms (check reports it, as warnings). None of it is wrong to Hugo;
// each is worth a look.

// lintMinPages is the fewest pages (sections aside) that make "most pages
// carry a term of this taxonomy" mean something.
const lintMinPages = 4

// LintContent reports, for the pages of the graph: the terms a single page
// carries; the terms whose spellings differ only in case or punctuation,
// which Hugo files under two keys ("CI/CD" and "CI-CD"); the term pages
// that no page uses; and the pages that carry no term of a taxonomy most
// of the pages carry. A graph without pages has nothing to report.
//
// Its warnings are made into one slice of the size they need: at 100k
// terms and pages they are 160k, whose slice grown by append left four
// times its size for the garbage collector.
func (g *Graph) LintContent() []Problem {
	if len(g.pages) == 0 {
		return nil
	}
	spellings, lacks := g.lintSpellings(), g.lacks()
	n := len(spellings)
	for i, t := range g.terms {
		if g.lonely(i, t) {
			n++
		}
	}
	for _, l := range lacks {
		n += l.of - l.n
	}
	out := make([]Problem, 0, n)
	for i, t := range g.terms {
		if !g.lonely(i, t) {
			continue
		}
		if g.CountPagesAt(i) == 1 {
			p := g.pages[g.termPages[i][0]]
			line, col := spellingAt(p, t)
			out = append(out, Problem{Path: p.Path, Line: line, Col: col, Severity: Warning,
				Err: fmt.Errorf("%s %q (%s) is carried by this page only", t.Kind, t.DisplayTitle(), t.ID)})
			continue
		}
		out = append(out, Problem{Path: t.Path, Severity: Warning,
			Err: fmt.Errorf("%s %q (%s) has a term page but no page carries it", t.Kind, t.DisplayTitle(), t.ID)})
	}
	out = append(out, spellings...)
	return g.appendMissing(out, lacks)
}

// lonely says whether the term at place i is carried by one page only, or
// by none though it has a term page.
func (g *Graph) lonely(i int, t *Term) bool {
	n := g.CountPagesAt(i)
	return n == 1 || n == 0 && t.Path != ""
}

// spellingAt is where page p spells term t.
func spellingAt(p *Page, t *Term) (line, col int) {
	for _, pt := range p.Terms {
		if pt.Kind == t.Kind && pt.Key == t.Slug {
			return pt.Line, pt.Col
		}
	}
	return 0, 0
}

// foldKey is a term's key without case and punctuation, which two
// spellings of one word share: "ci/cd" and "ci-cd" are both "cicd". A +
// and a # are kept, as they name things of their own (C, C++, C#).
func foldKey(key string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#':
			return unicode.ToLower(r)
		case unicode.IsMark(r):
			return r
		}
		return -1
	}, key)
}

// lintSpellings warns, for each group of terms of one kind whose keys fold
// to one, at every term of it but the most used: where its first page
// carries it, or its term page. The terms are walked by place, not found
// by their IDs (which would make a graph from the cache build its maps),
// and grouped by sorting their folded keys rather than in a map of a
// group a key (a hundred thousand groups of one, at 100k terms); the
// groups are taken by kind and then in the order of their first terms, so
// that two warnings at one place (a page's list of tags on one line) come
// in the same order from one run to the next.
func (g *Graph) lintSpellings() []Problem {
	type folded struct {
		kind  Kind
		key   string
		place int
	}
	var all []folded
	for i, t := range g.terms {
		if !t.Defined || g.CountPagesAt(i) == 0 && t.Path == "" {
			continue
		}
		if f := foldKey(t.Slug); f != "" {
			all = append(all, folded{t.Kind, f, i})
		}
	}
	slices.SortFunc(all, func(x, y folded) int {
		return cmp.Or(CompareKinds(x.kind, y.kind), strings.Compare(x.key, y.key), cmp.Compare(x.place, y.place))
	})
	var groups [][]folded
	for start := 0; start < len(all); {
		end := start + 1
		for end < len(all) && all[end].kind == all[start].kind && all[end].key == all[start].key {
			end++
		}
		if end-start > 1 {
			groups = append(groups, all[start:end])
		}
		start = end
	}
	slices.SortFunc(groups, func(x, y []folded) int {
		return cmp.Or(CompareKinds(x[0].kind, y[0].kind), cmp.Compare(x[0].place, y[0].place))
	})
	var out []Problem
	for _, gr := range groups {
		ts := make([]int, len(gr))
		for n, f := range gr {
			ts[n] = f.place
		}
		slices.SortStableFunc(ts, func(x, y int) int { return cmp.Compare(g.CountPagesAt(y), g.CountPagesAt(x)) })
		for _, t := range ts[1:] {
			out = append(out, g.spellingProblem(t, ts[0]))
		}
	}
	return out
}

// spellingProblem is the warning at the term at place t, spelt as the
// term at place keep is but for case and punctuation.
func (g *Graph) spellingProblem(t, keep int) Problem {
	tt, kt := g.terms[t], g.terms[keep]
	p := Problem{Path: tt.Path, Severity: Warning, Err: fmt.Errorf(
		"%s %q (%s, %s) and %q (%s, %s) differ only in case or punctuation; taxo retag %s %s merges them",
		tt.Kind, tt.DisplayTitle(), tt.ID, countPages(g.CountPagesAt(t)),
		kt.DisplayTitle(), kt.ID, countPages(g.CountPagesAt(keep)), tt.ID, kt.ID)}
	if g.CountPagesAt(t) > 0 {
		first := g.pages[slices.MinFunc(g.termPages[t], func(x, y int32) int { return strings.Compare(g.pages[x].Path, g.pages[y].Path) })]
		p.Path = first.Path
		p.Line, p.Col = spellingAt(first, tt)
	}
	return p
}

// lack is a taxonomy more than half of the pages of a folder carry, but
// not all of them: lintMissing warns at the others.
type lack struct {
	kind   Kind
	folder string
	n, of  int     // how many of the folder's pages carry it, of how many
	pages  []int32 // the folder's pages
}

// lacks finds, for lintMissing, the taxonomies most pages but not all of
// each folder carry, sections aside: the pages are grouped by the first
// folder under the one they all share (post/, page/), as an about page
// carries no tags where every post does.
func (g *Graph) lacks() []lack {
	groups := map[string][]int32{}
	var folders []string
	top := commonFolder(g.pages)
	for i, p := range g.pages {
		if p.Section {
			continue
		}
		f := top
		if sub, _, ok := strings.Cut(p.Path[len(top):], "/"); ok {
			f = top + sub + "/"
		}
		if groups[f] == nil {
			folders = append(folders, f)
		}
		groups[f] = append(groups[f], int32(i))
	}
	slices.Sort(folders)
	var out []lack
	for _, f := range folders {
		pages := groups[f]
		if len(pages) < lintMinPages {
			continue
		}
		for _, k := range g.kinds {
			n := 0
			for _, i := range pages {
				if g.carries(i, k) {
					n++
				}
			}
			if n*2 > len(pages) && n < len(pages) {
				out = append(out, lack{kind: k, folder: f, n: n, of: len(pages), pages: pages})
			}
		}
	}
	return out
}

// appendMissing warns at each page that carries no term of a taxonomy more
// than half of the pages of its folder carry (lacks). The pages of a
// folder share their warning's error, which says the same for each.
func (g *Graph) appendMissing(out []Problem, lacks []lack) []Problem {
	for _, l := range lacks {
		err := fmt.Errorf("the page has no %s, which %d of the %d pages in %s carry", l.kind.Taxonomy(), l.n, l.of, l.folder)
		for _, i := range l.pages {
			if !g.carries(i, l.kind) {
				out = append(out, Problem{Path: g.pages[i].Path, Severity: Warning, Err: err})
			}
		}
	}
	return out
}

// carries says whether the page at place i carries a term of kind k.
func (g *Graph) carries(i int32, k Kind) bool {
	return slices.ContainsFunc(g.pageTerms[i], func(t int32) bool { return g.terms[t].Kind == k })
}

// commonFolder is the folder every page is in ("content/"), with its
// slash; "" when they share none.
func commonFolder(pages []*Page) string {
	if len(pages) == 0 {
		return ""
	}
	prefix := pages[0].Path[:strings.LastIndexByte(pages[0].Path, '/')+1]
	for _, p := range pages[1:] {
		for !strings.HasPrefix(p.Path, prefix) {
			prefix = prefix[:strings.LastIndexByte(prefix[:len(prefix)-1], '/')+1]
		}
	}
	return prefix
}

// countPages is "1 page", "3 pages".
func countPages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return strconv.Itoa(n) + " pages"
}
