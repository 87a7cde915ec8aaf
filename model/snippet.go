package model

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// Snippet is a short piece of a term's text around what a search matched.
// Text is one line: white space is collapsed and markdown emphasis, code
// ticks and list marks are dropped; "…" stands where the field was cut.
// Marks are the matched words as byte ranges of Text, in order and apart;
// words side by side are one mark. Nothing is escaped: Text is a term's own
// text, to be made safe before it reaches a terminal.
type Snippet struct {
	Field TextField
	Text  string
	Marks []Span
}

// Span is the byte range [Start, End) of a string.
type Span struct{ Start, End int }

const (
	snippetLen     = 200 // bytes of text at most, before "…"
	snippetContext = 6   // words shown before the first match when they fit
	ellipsis       = "…"
)

// snippetFields are the fields a snippet may come from, the most telling
// first; the title is left out, as it is shown anyway.
var snippetFields = [...]TextField{DescriptionField, InstructionsField, AbstractField, BodyField}

// matcher finds the words of a query in a text: a word clause's word, a
// word starting with a prefix, or the words of a phrase where the whole
// phrase stands.
type matcher struct {
	single   map[string]int // normalised word → clause
	prefixes []string
	prefixOf []int // clause of each prefix
	phrases  []int // clauses that are phrases
	clauses  []Clause
	sc       wordScanner
}

func newMatcher(clauses []Clause) *matcher {
	m := &matcher{single: make(map[string]int), clauses: clauses}
	for ci, c := range clauses {
		switch {
		case c.Prefix, c.Typed:
			m.prefixes = append(m.prefixes, c.Words[0])
			m.prefixOf = append(m.prefixOf, ci)
		case c.Phrase():
			m.phrases = append(m.phrases, ci)
		default:
			m.single[c.Words[0]] = ci
		}
	}
	return m
}

// addForm marks a form of clause ci's word ("retrospective" for
// "retrospectives") where it stands in a text.
func (m *matcher) addForm(w string, ci int) {
	if _, ok := m.single[w]; !ok {
		m.single[w] = ci
	}
}

// word is a word of a field with the clause it matches (-1 for none).
type word struct {
	start, end int
	clause     int
}

func (m *matcher) words(text string) []word {
	var out []word
	var norms []string
	m.sc.scan(text, func(w []byte, start, end int, stop bool) {
		ci := -1
		if c, ok := m.single[string(w)]; ok && !stop {
			ci = c
		}
		for i, p := range m.prefixes {
			if ci < 0 && strings.HasPrefix(string(w), p) {
				ci = m.prefixOf[i] // a prefix may be a stopword, as "in*"
			}
		}
		out = append(out, word{start: start, end: end, clause: ci})
		if len(m.phrases) > 0 {
			norms = append(norms, string(w))
		}
	})
	for _, ci := range m.phrases {
		c := m.clauses[ci]
		last := int(c.Offsets[len(c.Offsets)-1])
		for i := 0; i+last < len(norms); i++ {
			if phraseStandsAt(norms, c, i) {
				for j := i; j <= i+last; j++ { // stopwords within too, so the phrase is one mark
					out[j].clause = ci
				}
			}
		}
	}
	return out
}

// phraseStandsAt reports whether the words of phrase c start at norms[i].
func phraseStandsAt(norms []string, c Clause, i int) bool {
	for j, w := range c.Words {
		if norms[i+int(c.Offsets[j])] != w {
			return false
		}
	}
	return true
}

// snippet picks, over the fields of t, the stretch of text that shows the
// most different clauses of the query (then the most matches; then the
// earlier field), and cuts it out. With no match outside the title, it is
// the start of the first field that has text.
func (m *matcher) snippet(t *Term) Snippet {
	type choice struct {
		field      TextField
		words      []word
		from       int // index in words of the first word shown
		rank, hits int
	}
	var best choice
	found := false
	for _, f := range snippetFields {
		text := f.text(t)
		if text == "" {
			continue
		}
		ws := m.words(text)
		if !found && len(ws) > 0 && best.words == nil {
			best = choice{field: f, words: ws}
		}
		for i, w := range ws {
			if w.clause < 0 {
				continue
			}
			from := max(i-snippetContext, 0)
			var seen uint64 // clauses, of which there are at most MaxClauses
			hits := 0
			for _, v := range ws[from:] {
				if v.end-ws[from].start > snippetLen {
					break
				}
				if v.clause >= 0 {
					seen |= 1 << v.clause
					hits++
				}
			}
			if rank := bits.OnesCount64(seen); !found || rank > best.rank || rank == best.rank && hits > best.hits {
				best = choice{field: f, words: ws, from: from, rank: rank, hits: hits}
				found = true
			}
		}
	}
	if best.words == nil {
		return Snippet{}
	}
	return cut(best.field, best.field.text(t), best.words, best.from)
}

// cut makes the snippet of text that starts at words[from].
func cut(f TextField, text string, ws []word, from int) Snippet {
	start := ws[from].start
	if from == 0 {
		start = 0
	}
	end := start
	var marks []Span
	for _, w := range ws[from:] {
		if w.end-start > snippetLen {
			break
		}
		end = w.end
		if w.clause >= 0 {
			marks = append(marks, Span{w.start, w.end})
		}
	}
	if end == start { // a first word longer than a snippet
		end = start + snippetLen
		for end > start && !utf8.RuneStart(text[end]) {
			end--
		}
	}
	if rest := strings.TrimSpace(text[end:]); rest == "" || strings.Trim(rest, "*_`.") == "" {
		end = len(text)
	}
	s := clean(text[start:end], start, marks)
	s.Field = f
	if start > 0 {
		s.Text = ellipsis + s.Text
		for i := range s.Marks {
			s.Marks[i].Start += len(ellipsis)
			s.Marks[i].End += len(ellipsis)
		}
	}
	if end < len(text) {
		s.Text += ellipsis
	}
	return s
}

// clean flattens markdown text to one line, carrying the marks (byte ranges
// of the whole field, which starts base bytes before text) over to the
// result. List items are run together with "; "; links keep their text and
// lose their target; Hugo shortcodes go. Marks that only spaces, hyphens or
// slashes separate become one ("[Cross-Contamination]", not
// "[Cross]-[Contamination]").
func clean(text string, base int, marks []Span) Snippet {
	drop := markupMask(text)
	marks = slices.DeleteFunc(slices.Clone(marks), func(m Span) bool {
		return slices.Contains(drop[m.Start-base:m.End-base], true)
	})
	out := make([]byte, 0, len(text))
	var spans []Span
	// sep says that a list item starts or ends before the next character.
	space, lineStart, inItem, sep := false, true, false, false
	mi, open := 0, -1
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case drop[i]:
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = len(out) > 0
			if c == '\n' {
				lineStart, sep, inItem = true, sep || inItem, false
			}
			continue
		case c == '*' || c == '`':
			continue
		case lineStart:
			if n := listMarker(text[i:]); n > 0 {
				i += n - 1
				inItem, sep = true, len(out) > 0
				continue
			}
		}
		if space {
			if sep && !strings.ContainsRune(".,:;!?", rune(out[len(out)-1])) {
				out = append(out, ';')
			}
			out = append(out, ' ')
		}
		space, lineStart, sep = false, false, false
		abs := base + i
		if mi < len(marks) && abs == marks[mi].Start {
			open = len(out)
		}
		out = append(out, c)
		if open >= 0 && abs+1 == marks[mi].End {
			spans = joinSpan(spans, Span{open, len(out)}, out)
			open = -1
			mi++
		}
	}
	return Snippet{Text: string(out), Marks: spans}
}

// markupMask marks the bytes of text that a snippet leaves out: Hugo
// shortcodes ("{{< ref … >}}") and the brackets and targets of markdown
// links and images, whose text stays.
func markupMask(text string) []bool {
	drop := make([]bool, len(text))
	fill := func(from, to int) {
		for i := from; i < to; i++ {
			drop[i] = true
		}
	}
	for i := 0; i < len(text); i++ {
		switch {
		case strings.HasPrefix(text[i:], "{{"):
			if end := strings.Index(text[i:], "}}"); end >= 0 {
				fill(i, i+end+2)
				i += end + 1
			}
		case text[i] == '[':
			line := text[i:]
			if nl := strings.IndexByte(line, '\n'); nl >= 0 {
				line = line[:nl]
			}
			mid := strings.Index(line, "](")
			if mid < 0 {
				continue
			}
			end := strings.IndexByte(line[mid:], ')')
			if end < 0 {
				continue
			}
			if i > 0 && text[i-1] == '!' {
				drop[i-1] = true
			}
			drop[i] = true
			fill(i+mid, i+mid+end+1)
		}
	}
	return drop
}

// listMarker returns the length of the list bullet or number ("- ", "12. ")
// or heading marks ("## ") that s starts with, or 0.
func listMarker(s string) int {
	switch {
	case s == "":
		return 0
	case s[0] == '#':
		return len(s) - len(strings.TrimLeft(s, "#"))
	case s[0] == '-' || s[0] == '+':
		if len(s) == 1 || s[1] == ' ' {
			return 1
		}
		return 0
	}
	n := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') && (n+1 == len(s) || s[n+1] == ' ') {
		return n + 1
	}
	return 0
}

// joinSpan appends sp, merged with the last span when only spaces,
// hyphens or slashes separate them.
func joinSpan(spans []Span, sp Span, out []byte) []Span {
	if n := len(spans); n > 0 && strings.Trim(string(out[spans[n-1].End:sp.Start]), " -/") == "" {
		spans[n-1].End = sp.End
		return spans
	}
	return append(spans, sp)
}
