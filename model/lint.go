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
func (g *Graph) LintContent() []Problem {
	if len(g.pages) == 0 {
		return nil
	}
	var out []Problem
	for _, t := range g.terms {
		switch n := g.CountPages(t); {
		case n == 1:
			p := g.PagesOf(t)[0]
			line, col := spellingAt(p, t)
			out = append(out, Problem{Path: p.Path, Line: line, Col: col, Severity: Warning,
				Err: fmt.Errorf("%s %q (%s) is carried by this page only", t.Kind, t.DisplayTitle(), t.ID)})
		case n == 0 && t.Path != "":
			out = append(out, Problem{Path: t.Path, Severity: Warning,
				Err: fmt.Errorf("%s %q (%s) has a term page but no page carries it", t.Kind, t.DisplayTitle(), t.ID)})
		}
	}
	out = append(out, g.lintSpellings()...)
	return append(out, g.lintMissing()...)
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
// carries it, or its term page.
func (g *Graph) lintSpellings() []Problem {
	type group struct {
		kind Kind
		fold string
	}
	groups := map[group][]*Term{}
	var order []group // as first met in display order, so the output is the same each run
	for _, t := range g.terms {
		if !t.Defined || g.CountPages(t) == 0 && t.Path == "" {
			continue
		}
		f := foldKey(t.Slug)
		if f == "" {
			continue
		}
		k := group{t.Kind, f}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
	}
	slices.SortStableFunc(order, func(x, y group) int { return CompareKinds(x.kind, y.kind) })
	var out []Problem
	for _, k := range order {
		ts := groups[k]
		if len(ts) < 2 {
			continue
		}
		slices.SortStableFunc(ts, func(x, y *Term) int { return cmp.Compare(g.CountPages(y), g.CountPages(x)) })
		keep := ts[0]
		for _, t := range ts[1:] {
			out = append(out, g.spellingProblem(t, keep))
		}
	}
	return out
}

func (g *Graph) spellingProblem(t, keep *Term) Problem {
	p := Problem{Path: t.Path, Severity: Warning, Err: fmt.Errorf(
		"%s %q (%s, %s) and %q (%s, %s) differ only in case or punctuation; taxo retag %s %s merges them",
		t.Kind, t.DisplayTitle(), t.ID, countPages(g.CountPages(t)),
		keep.DisplayTitle(), keep.ID, countPages(g.CountPages(keep)), t.ID, keep.ID)}
	if pages := g.PagesOf(t); len(pages) > 0 {
		first := slices.MinFunc(pages, func(x, y *Page) int { return strings.Compare(x.Path, y.Path) })
		p.Path = first.Path
		p.Line, p.Col = spellingAt(first, t)
	}
	return p
}

// lintMissing warns at each page, not a section's, that carries no term of
// a taxonomy more than half of the pages of its folder carry: the pages
// are grouped by the first folder under the one they all share (post/,
// page/), as an about page carries no tags where every post does.
func (g *Graph) lintMissing() []Problem {
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
	var out []Problem
	for _, f := range folders {
		out = append(out, g.lintFolder(f, groups[f])...)
	}
	return out
}

// lintFolder is lintMissing for the pages of one folder.
func (g *Graph) lintFolder(folder string, pages []int32) []Problem {
	if len(pages) < lintMinPages {
		return nil
	}
	carries := func(i int32, k Kind) bool {
		return slices.ContainsFunc(g.pageTerms[i], func(t int32) bool { return g.terms[t].Kind == k })
	}
	var out []Problem
	for _, k := range g.kinds {
		n := 0
		for _, i := range pages {
			if carries(i, k) {
				n++
			}
		}
		if n*2 <= len(pages) || n == len(pages) {
			continue
		}
		for _, i := range pages {
			if !carries(i, k) {
				out = append(out, Problem{Path: g.pages[i].Path, Severity: Warning,
					Err: fmt.Errorf("the page has no %s, which %d of the %d pages in %s carry", k.Taxonomy(), n, len(pages), folder)})
			}
		}
	}
	return out
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
