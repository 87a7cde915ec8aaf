package ui

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
)

// findMatch is one match of a find in the detail pane: a line of it and
// the cells [start, end) the match covers.
type findMatch struct{ line, start, end int }

// findModel finds text in the term shown, as less and browsers do. As the
// prompt is typed every match is marked and the first from where the pane
// was is scrolled into view; n and N go to the next and previous match,
// round the ends, and esc ends the find. It finds what the pane shows
// (the rendered term, its links and fields), ignoring case unless the text
// has a capital, as vim's smartcase does.
type findModel struct {
	sh     *shared
	input  textinput.Model
	typing bool // the prompt has the keys
	active bool // the matches are marked; n and N move between them

	term   model.ID // the term found in: another term ends the find
	origin int      // where the pane was scrolled when the find began
	query  string

	matches []findMatch
	current int
	// source is what the matches were found in, so that they are found
	// again when it changes: a rendering arrives, the width changes.
	source findSource
}

type findSource struct {
	doc   *termDoc
	width int
	lines int
}

func newFind(sh *shared) findModel {
	in := textinput.New()
	in.Prompt = "find: "
	in.Placeholder = "text in this term"
	in.SetStyles(sh.styles.Input)
	return findModel{sh: sh, input: in}
}

// findIn returns every match of query in lines, in order, ignoring case
// unless query has an upper-case letter. Matches on a line do not overlap.
func findIn(lines []string, query string) []findMatch {
	if query == "" {
		return nil
	}
	fold := !strings.ContainsFunc(query, unicode.IsUpper)
	q := []rune(query)
	if fold {
		q = []rune(strings.ToLower(query))
	}
	var out []findMatch
	for li, line := range lines {
		plain := ansi.Strip(line)
		if !containsFold(plain, query, fold) {
			continue
		}
		text := []rune(plain)
		for i := 0; i+len(q) <= len(text); {
			if !runesEqual(text[i:i+len(q)], q, fold) {
				i++
				continue
			}
			start := ansi.StringWidth(string(text[:i]))
			end := start + ansi.StringWidth(string(text[i:i+len(q)]))
			out = append(out, findMatch{line: li, start: start, end: end})
			i += len(q)
		}
	}
	return out
}

// containsFold is a quick test that spares most lines the rune by rune
// search.
func containsFold(s, sub string, fold bool) bool {
	if fold {
		return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
	}
	return strings.Contains(s, sub)
}

func runesEqual(a, b []rune, fold bool) bool {
	for i := range a {
		r := a[i]
		if fold {
			r = unicode.ToLower(r)
		}
		if r != b[i] {
			return false
		}
	}
	return true
}

// markFound styles the matches of a find on the lines in view, which
// start at line first of the pane.
func (d detailModel) markFound(lines []string, first int) []string {
	st := d.sh.styles
	out := make([]string, len(lines))
	copy(out, lines)
	for i, m := range d.found {
		at := m.line - first
		if at < 0 || at >= len(lines) {
			continue
		}
		style := st.Match
		if i == d.current {
			style = st.MatchCurrent
		}
		out[at] = markCells(out[at], m.start, m.end, style.Render)
	}
	return out
}

// markCells restyles the cells [start, end) of a styled line. What comes
// after keeps its style: ansi.TruncateLeft keeps the escape codes of the
// cells it drops, so the codes in force are set again.
func markCells(line string, start, end int, render func(...string) string) string {
	return ansi.Truncate(line, start, "") + render(ansi.Strip(ansi.Cut(line, start, end))) + ansi.TruncateLeft(line, end, "")
}

// the root's handling of a find

// startFind opens the find prompt on the term shown; the query of a find
// still going is kept, to be edited.
func (m *Model) startFind() tea.Cmd {
	t := m.detail.term
	if t == nil {
		return nil
	}
	f := &m.find
	if !f.active || f.term != t.ID {
		f.input.SetValue("")
		f.query, f.matches, f.current = "", nil, 0
	}
	f.typing, f.active, f.term, f.origin = true, true, t.ID, m.detail.offset
	m.mode, m.focus = modeFind, paneDetail
	m.layout()
	f.input.CursorEnd()
	return f.input.Focus()
}

// endFind stops the find and unmarks the matches.
func (m *Model) endFind() {
	f := &m.find
	f.typing, f.active = false, false
	f.matches, f.query = nil, ""
	f.source = findSource{}
	f.input.Blur()
	m.detail.found = nil
	if m.mode == modeFind {
		m.mode = modeBrowse
	}
}

// handleFinding types into the find prompt: the matches follow what is
// typed, the arrows go from match to match, enter keeps the find for n
// and N, and esc ends it where it began.
func (m *Model) handleFinding(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	f := &m.find
	switch {
	case key.Matches(k, keys.Accept):
		f.typing = false
		f.input.Blur()
		m.mode = modeBrowse
		if len(f.matches) == 0 {
			if f.query != "" {
				m.message = fmt.Sprintf("No match for %q.", safe.Line(f.query))
			}
			m.endFind()
		}
	case key.Matches(k, keys.Cancel):
		m.endFind()
		m.detail.offset = f.origin
		m.detail.clamp()
	case key.Matches(k, keys.InputDown):
		m.nextMatch(1)
	case key.Matches(k, keys.InputUp):
		m.nextMatch(-1)
	default:
		return m.typeFind(k)
	}
	return nil
}

// typeFind gives the prompt what is typed or pasted, and finds again when
// the text changed: from where the find began, so that typing on does not
// run away down the page.
func (m *Model) typeFind(msg tea.Msg) tea.Cmd {
	f := &m.find
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if q := f.input.Value(); q != f.query {
		f.query = q
		f.source = findSource{}
		m.syncFind()
		f.current = 0
		for i, match := range f.matches {
			if match.line >= f.origin {
				f.current = i
				break
			}
		}
		m.showMatch()
	}
	return cmd
}

// nextMatch goes dir matches on, round the ends, saying so when it wraps.
func (m *Model) nextMatch(dir int) {
	f := &m.find
	n := len(f.matches)
	if n == 0 {
		return
	}
	next := f.current + dir
	switch {
	case next >= n:
		next = 0
		m.message = "Back to the first match."
	case next < 0:
		next = n - 1
		m.message = "On to the last match."
	}
	f.current = next
	m.showMatch()
}

// showMatch scrolls the current match into view, a third of the way down
// the pane when it was out of view.
func (m *Model) showMatch() {
	f := &m.find
	m.detail.current = f.current
	if f.current >= len(f.matches) {
		return
	}
	line := f.matches[f.current].line
	d := &m.detail
	if line < d.offset || line >= d.offset+d.height {
		d.offset = line - d.height/3
		d.clamp()
	}
}

// syncFind keeps the find on the term shown: another term, or the focus
// leaving the term, ends it; a new rendering of the term finds again.
func (m *Model) syncFind() {
	f := &m.find
	if !f.active {
		return
	}
	d := &m.detail
	if d.term == nil || d.term.ID != f.term || m.focus != paneDetail {
		m.endFind()
		return
	}
	// A find reads every line, so every link is laid out first.
	d.layout(func() bool { return false })
	lines := d.lines(0, d.lineCount())
	src := findSource{doc: d.doc, width: d.width, lines: len(lines)}
	if src == f.source {
		return
	}
	f.source = src
	f.matches = findIn(lines, f.query)
	f.current = max(min(f.current, len(f.matches)-1), 0)
	d.found, d.current = f.matches, f.current
}

// findStatus is the left of the status line while a find is on: the
// prompt, or the text found, and which match of how many is current.
func (m Model) findStatus() string {
	f := m.find
	if !f.active {
		return ""
	}
	st := m.sh.styles
	count := "no match"
	if len(f.matches) > 0 {
		count = fmt.Sprintf("%d/%d", f.current+1, len(f.matches))
	}
	if f.query == "" {
		count = ""
	}
	if f.typing {
		f.input.SetWidth(max(min(m.width/2, 40), 10))
		return f.input.View() + "  " + st.Filter.Render(count)
	}
	return st.Filter.Render(fmt.Sprintf("find %q  %s", safe.Line(f.query), count))
}
