package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"

	"taxo/internal/safe"
	"taxo/model"
)

// matcher is a query typed to find terms, prepared once to be tried on many.
//
// A term fits when every word of the query appears in its title or slug,
// its letters in order though maybe apart. Higher scores are better: the
// whole title typed out beats a prefix, which beats words found whole,
// which beat scattered letters; among equals a shorter title wins, so
// "agile strategy" puts "Agile Strategy" before "Agile Strategy Alignment".
type matcher struct {
	q     string // lower case, its words apart by one space
	slugQ string // q as a slug
	words []string
}

func newMatcher(query string) matcher {
	q := strings.ToLower(strings.Join(strings.Fields(query), " "))
	return matcher{q: q, slugQ: model.Urlize(q), words: strings.Fields(q)}
}

// all reports whether the query is empty, which every term fits.
func (m matcher) all() bool { return m.q == "" }

// narrows reports whether every term that fits m also fits the earlier
// query before: m only adds letters or words at its end, and a word found
// whole or letter by letter is found without its last letters too.
func (m matcher) narrows(before matcher) bool {
	return !before.all() && strings.HasPrefix(m.q, before.q)
}

// score tries a term, given its title in lower case and its length in
// runes, and its slug.
func (m matcher) score(title string, runes int, slug string) (int, bool) {
	if m.all() {
		return 0, true
	}
	score := 0
	switch {
	case title == m.q || slug == m.q || slug == m.slugQ:
		score += 1000
	case strings.HasPrefix(title, m.q) || strings.HasPrefix(slug, m.slugQ):
		score += 500
	case strings.Contains(title, m.q):
		score += 300
	}
	for _, word := range m.words {
		s, ok := wordScore(word, title)
		if s2, ok2 := wordScore(word, slug); ok2 && (!ok || s2 > s) {
			s, ok = s2, true
		}
		if !ok {
			return 0, false
		}
		score += s
	}
	return score - min(runes, 100), true
}

// wordScore scores one query word against one text: found whole at the
// start of a word, found whole, or found as letters in order.
func wordScore(word, text string) (int, bool) {
	if i := strings.Index(text, word); i >= 0 {
		if i == 0 || !isWordRune(lastRune(text[:i])) {
			return 100, true
		}
		return 60, true
	}
	gaps, end := 0, -1 // end: where the previous letter matched ends
	rest, offset := text, 0
	for _, r := range word {
		i := strings.IndexRune(rest, r)
		if i < 0 {
			return 0, false
		}
		if end >= 0 && offset+i != end {
			gaps++
		}
		n := utf8.RuneLen(r)
		end = offset + i + n
		rest = rest[i+n:]
		offset = end
	}
	return max(20-4*gaps, 1), true
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// termText is what the filters read of a graph's terms, worked out once
// per graph: each title in lower case and its length, each slug, kind and
// whether it has a file, in display order. The titles and slugs of each part of the terms are copied
// into one string, so that a scan reads memory in order instead of jumping
// from term to term.
type termText struct {
	terms   []*model.Term
	lower   []string
	slugs   []string
	runes   []int32
	kinds   []model.Kind
	defined []bool
}

func newTermText(terms []*model.Term) *termText {
	n := len(terms)
	tt := &termText{terms: terms, lower: make([]string, n), slugs: make([]string, n), runes: make([]int32, n),
		kinds: make([]model.Kind, n), defined: make([]bool, n)}
	inParallel(n, func(lo, hi int) {
		var buf strings.Builder
		titleLen := make([]int, hi-lo)
		for i := lo; i < hi; i++ {
			title := strings.ToLower(terms[i].DisplayTitle())
			titleLen[i-lo] = len(title)
			tt.runes[i] = int32(utf8.RuneCountInString(title))
			tt.kinds[i], tt.defined[i] = terms[i].Kind, terms[i].Defined
			buf.WriteString(title)
			buf.WriteString(terms[i].Slug)
		}
		text := buf.String()
		for i := lo; i < hi; i++ {
			tt.lower[i], text = text[:titleLen[i-lo]], text[titleLen[i-lo]:]
			tt.slugs[i], text = text[:len(terms[i].Slug)], text[len(terms[i].Slug):]
		}
	})
	return tt
}

// positions finds the places of some of the terms, given in display order.
func (tt *termText) positions(some []*model.Term) []int32 {
	out := make([]int32, 0, len(some))
	j := 0
	for i, t := range tt.terms {
		if j == len(some) {
			break
		}
		if t == some[j] {
			out = append(out, int32(i))
			j++
		}
	}
	return out
}

// match returns the places among from (every term when nil; else in
// display order) whose terms fit m: best first, and in display order among
// equals; and in display order, to narrow from when the query grows.
func (tt *termText) match(m matcher, from []int32) (best, inOrder []int32) {
	n := len(tt.lower)
	if from != nil {
		n = len(from)
	}
	place := func(k int) int32 {
		if from == nil {
			return int32(k)
		}
		return from[k]
	}
	if m.all() {
		out := make([]int32, n)
		for k := range out {
			out[k] = place(k)
		}
		return out, out
	}
	type hit struct{ at, score int32 }
	parts := make([][]hit, parallelParts(n))
	inParallelParts(n, len(parts), func(p, lo, hi int) {
		var hits []hit
		for k := lo; k < hi; k++ {
			i := place(k)
			if s, ok := m.score(tt.lower[i], int(tt.runes[i]), tt.slugs[i]); ok {
				hits = append(hits, hit{i, int32(s)})
			}
		}
		parts[p] = hits
	})
	hits := slices.Concat(parts...)
	inOrder = make([]int32, len(hits))
	for k, h := range hits {
		inOrder[k] = h.at
	}
	if len(hits) == 0 {
		return inOrder, inOrder
	}
	// A stable counting sort: scores span a few thousand at most.
	lo, hi := hits[0].score, hits[0].score
	for _, h := range hits {
		lo, hi = min(lo, h.score), max(hi, h.score)
	}
	starts := make([]int, hi-lo+2)
	for _, h := range hits {
		starts[hi-h.score+1]++
	}
	for s := 1; s < len(starts); s++ {
		starts[s] += starts[s-1]
	}
	best = make([]int32, len(hits))
	for _, h := range hits {
		best[starts[hi-h.score]] = h.at
		starts[hi-h.score]++
	}
	return best, inOrder
}

// minPart is the least work worth a goroutine of its own.
const minPart = 4096

func parallelParts(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n/minPart)) }

// inParallel calls work on ranges that split [0, n) between the cores.
func inParallel(n int, work func(lo, hi int)) {
	inParallelParts(n, parallelParts(n), func(_, lo, hi int) { work(lo, hi) })
}

func inParallelParts(n, parts int, work func(part, lo, hi int)) {
	if parts == 1 {
		work(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { work(p, n*p/parts, n*(p+1)/parts) })
	}
	wg.Wait()
}

// filterParts starts the line under the header of a filtered list: the
// text filter being typed, or the one in use, then the terms chosen after
// verb ("tagged" terms, pages "carrying" them).
func filterParts(st Styles, input textinput.Model, query string, width int, verb string, terms []*model.Term) []string {
	var parts []string
	if input.Focused() {
		input.SetWidth(max(width/2, 10))
		parts = append(parts, input.View())
	} else if query != "" {
		parts = append(parts, st.Filter.Render("/ "+safe.Line(query)))
	}
	if len(terms) > 0 {
		names := make([]string, len(terms))
		for i, t := range terms {
			names[i] = safe.Line(t.DisplayTitle())
		}
		parts = append(parts, st.Filter.Render(verb+" "+strings.Join(names, " + ")))
	}
	return parts
}
