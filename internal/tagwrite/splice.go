package tagwrite

import (
	"slices"
	"strings"
)

// editor turns a plan into splices of one front matter; the format gives it
// how terms are written and what a list written afresh looks like.
type editor struct {
	front    []byte
	comments bool // the format has # comments (YAML, TOML)
	render   renderer
	like     layout // the file's style, for a list written afresh
	reuse    func(raw, term string) string
}

// edit returns the splices that make the entry's list the plan's result.
func (ed *editor) edit(e entry, p plan) []splice {
	switch e.shape {
	case flow:
		return ed.editFlow(e, p)
	case block:
		return ed.editBlock(e, p)
	case scalar:
		return ed.editScalar(e, p)
	case null:
		return ed.editNull(e, p)
	default: // missing or another shape, which the caller handles
		return nil
	}
}

func kept(p plan) int {
	n := 0
	for _, k := range p.keep {
		if k {
			n++
		}
	}
	return n
}

// replacements splices the terms the plan respells, each in the quotes
// of the term it replaces.
func (ed *editor) replacements(e entry, p plan, flowCtx bool) []splice {
	var sp []splice
	for i, r := range p.replace {
		it := e.items[i]
		if !p.keep[i] || r == it.term {
			continue
		}
		like := ed.layoutOf(e)
		if c := ed.front[it.start]; c == '"' || c == '\'' {
			like.quote, like.always = c, true
		}
		sp = append(sp, splice{it.start, it.end, ed.render(r, flowCtx, like)})
	}
	return sp
}

func (ed *editor) editFlow(e entry, p plan) []splice {
	switch {
	case len(e.items) == 0:
		return []splice{{e.open, e.close + 1, ed.freshFlow(ed.renderAll(p.add, true), ed.keyIndent(e))}}
	case kept(p) == 0:
		// The last term gone: an empty list where the list was.
		return []splice{{e.open + 1, e.close, ""}}
	}
	sp := ed.replacements(e, p, true)
	if ed.ownLines(e) {
		return append(sp, ed.ownLineEdits(e, p)...)
	}
	return append(sp, ed.inlineEdits(e, p)...)
}

// ownLines reports whether every term of a flow list sits on a line of its
// own (with its comma and a comment), as JSON and long TOML arrays are laid
// out: such lines are removed and added whole.
func (ed *editor) ownLines(e entry) bool {
	for _, it := range e.items {
		ls := lineStart(ed.front, it.start)
		if ls <= e.open || !isBlank(string(ed.front[ls:it.start])) || !restOfLine(ed.front, it.end, ed.comments).alone {
			return false
		}
	}
	return true
}

func (ed *editor) ownLineEdits(e entry, p plan) []splice {
	n := len(e.items)
	rests := make([]lineRest, n)
	for i, it := range e.items {
		rests[i] = restOfLine(ed.front, it.end, ed.comments)
	}
	trailing := rests[n-1].comma >= 0
	last := -1
	var sp []splice
	for i, it := range e.items {
		if p.keep[i] {
			last = i
			continue
		}
		sp = append(sp, splice{lineStart(ed.front, it.start), rests[i].next, ""})
	}
	if !trailing {
		switch {
		case last == n-1 && len(p.add) > 0:
			sp = append(sp, splice{e.items[last].end, e.items[last].end, ","})
		case last != n-1 && len(p.add) == 0:
			c := rests[last].comma
			sp = append(sp, splice{c, c + 1, ""})
		}
	}
	if len(p.add) > 0 {
		indent := indentOf(ed.front, lineStart(ed.front, e.items[n-1].start))
		own := ed.layoutOf(e)
		var b strings.Builder
		for j, t := range p.add {
			b.WriteString(indent + ed.render(t, true, own))
			if j < len(p.add)-1 || trailing {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		sp = append(sp, splice{rests[n-1].next, rests[n-1].next, b.String()})
	}
	return sp
}

func (ed *editor) inlineEdits(e entry, p plan) []splice {
	items, n := e.items, len(e.items)
	var sp []splice
	for i := 0; i < n; i++ {
		if p.keep[i] {
			continue
		}
		j := i
		for j+1 < n && !p.keep[j+1] {
			j++
		}
		if j+1 < n {
			sp = append(sp, splice{items[i].start, items[j+1].start, ""})
		} else {
			sp = append(sp, splice{items[i-1].end, items[j].end, ""})
		}
		i = j
	}
	if len(p.add) > 0 {
		sep, own := ed.separator(e), ed.layoutOf(e)
		var b strings.Builder
		for _, t := range p.add {
			b.WriteString(sep + ed.render(t, true, own))
		}
		sp = append(sp, splice{items[n-1].end, items[n-1].end, b.String()})
	}
	return sp
}

// separator is what goes between the last term and one added after it: the
// list's own, without a comment it may hold.
func (ed *editor) separator(e entry) string {
	n := len(e.items)
	if n == 1 {
		gap := string(ed.front[e.open+1 : e.items[0].start])
		if nl := strings.LastIndexByte(gap, '\n'); nl >= 0 {
			return ",\n" + gap[nl+1:]
		}
		return ", "
	}
	gap := string(ed.front[e.items[n-2].end:e.items[n-1].start])
	if nl := strings.LastIndexByte(gap, '\n'); nl >= 0 {
		return ",\n" + gap[nl+1:]
	}
	return gap
}

func (ed *editor) editBlock(e entry, p plan) []splice {
	sp := ed.replacements(e, p, false)
	for i, it := range e.items {
		if !p.keep[i] {
			sp = append(sp, splice{lineStart(ed.front, it.start), lineAfter(ed.front, it.end), ""})
		}
	}
	if kept(p) == 0 {
		// A block list cannot be empty: the empty list goes after the key.
		return append(sp, emptyAfterColon(ed.front, e.colon))
	}
	if len(p.add) > 0 {
		last := e.items[len(e.items)-1]
		prefix, own := string(ed.front[lineStart(ed.front, last.start):last.start]), ed.layoutOf(e)
		var b strings.Builder
		for _, t := range p.add {
			b.WriteString(prefix + ed.render(t, false, own) + "\n")
		}
		at := lineAfter(ed.front, last.end)
		sp = append(sp, splice{at, at, b.String()})
	}
	return sp
}

// editScalar edits a key holding one term as a string: it stays a string
// while it holds one term, and becomes a list in the file's style when a
// second is added.
func (ed *editor) editScalar(e entry, p plan) []splice {
	terms, _ := p.result([]string{e.items[0].term})
	switch {
	case len(terms) == 0:
		return []splice{{e.start, e.end, "[]"}}
	case len(terms) == 1:
		return ed.replacements(e, p, false)
	}
	var rendered []string
	for i, t := range terms {
		if _, respelt := p.replace[0]; i == 0 && p.keep[0] && !respelt {
			rendered = append(rendered, ed.reuse(string(ed.front[e.start:e.end]), t))
			continue
		}
		rendered = append(rendered, ed.render(t, !ed.like.block, ed.like))
	}
	if ed.like.block {
		at := lineAfter(ed.front, e.end)
		return []splice{{e.colon, e.end, ""}, {at, at, ed.freshBlock(rendered, ed.keyIndent(e))}}
	}
	return []splice{{e.start, e.end, ed.freshFlow(rendered, ed.keyIndent(e))}}
}

// editNull fills a key that holds nothing.
func (ed *editor) editNull(e entry, p plan) []splice {
	if len(p.add) == 0 {
		return nil
	}
	if ed.like.block {
		at := lineAfter(ed.front, e.colon)
		return []splice{{e.colon, e.end, ""}, {at, at, ed.freshBlock(ed.renderAll(p.add, false), ed.keyIndent(e))}}
	}
	list := ed.freshFlow(ed.renderAll(p.add, true), ed.keyIndent(e))
	if e.start == e.end {
		return []splice{{e.colon, e.colon, " " + list}}
	}
	return []splice{{e.start, e.end, list}}
}

func (ed *editor) renderAll(terms []string, flowCtx bool) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = ed.render(t, flowCtx, ed.like)
	}
	return out
}

// freshFlow writes a bracketed list in the file's style.
func (ed *editor) freshFlow(rendered []string, keyIndent string) string {
	if !ed.like.ownLines {
		return "[" + ed.like.pad + strings.Join(rendered, ", ") + ed.like.pad + "]"
	}
	var b strings.Builder
	b.WriteString("[\n")
	for i, t := range rendered {
		b.WriteString(keyIndent + ed.like.unit + t)
		if i < len(rendered)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(keyIndent + "]")
	return b.String()
}

// freshBlock writes YAML "- term" lines in the file's style.
func (ed *editor) freshBlock(rendered []string, keyIndent string) string {
	var b strings.Builder
	for _, t := range rendered {
		b.WriteString(keyIndent + ed.like.dash + t + "\n")
	}
	return b.String()
}

func (ed *editor) keyIndent(e entry) string {
	return indentOf(ed.front, lineStart(ed.front, e.keyStart))
}

// layoutOf reads how a list is laid out; ok is false for what is not a
// list with terms.
func (ed *editor) layoutOf(e entry) layout {
	var l layout
	if len(e.items) == 0 {
		return l
	}
	first := e.items[0]
	if c := ed.front[first.start]; c == '"' || c == '\'' {
		l.quote = c
	}
	keyIndent := ed.keyIndent(e)
	ls := lineStart(ed.front, first.start)
	switch {
	case e.shape == block:
		l.block = true
		l.dash = strings.TrimPrefix(string(ed.front[ls:first.start]), keyIndent)
	case e.shape == flow && ed.ownLines(e):
		l.ownLines = true
		l.unit = strings.TrimPrefix(indentOf(ed.front, ls), keyIndent)
	case e.shape == flow:
		if gap := string(ed.front[e.open+1 : first.start]); isBlank(gap) {
			l.pad = gap
		}
	}
	return l
}

// pickLayout chooses the style of a list written afresh: that of the
// file's other taxonomies' lists, else of any list in it, else def. In
// YAML, an empty [] says that the file writes flow lists.
func (ed *editor) pickLayout(entries []entry, taxonomies []string, def layout) layout {
	isTaxonomy := func(k string) bool {
		return slices.ContainsFunc(taxonomies, func(t string) bool { return strings.EqualFold(k, t) })
	}
	for _, pass := range []func(entry) bool{
		func(e entry) bool { return isTaxonomy(e.key) },
		func(entry) bool { return true },
	} {
		for _, e := range entries {
			if (e.shape == flow || e.shape == block) && len(e.items) > 0 && pass(e) {
				return ed.layoutOf(e)
			}
		}
	}
	if def.block && slices.ContainsFunc(entries, func(e entry) bool { return e.shape == flow }) {
		return layout{}
	}
	return def
}

// emptyAfterColon writes "[]" after a key's colon, in the space that
// follows it when there is one ("tags: " becomes "tags: []").
func emptyAfterColon(front []byte, colon int) splice {
	if colon < len(front) && front[colon] == ' ' {
		return splice{colon + 1, colon + 1, "[]"}
	}
	return splice{colon, colon, " []"}
}
