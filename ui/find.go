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
	"taxo/ui/prefs"
)

// findScreen is the prompt of a find in the term shown, as less and
// browsers find: on the status line, it sends the term what is typed, and
// the term marks every match and scrolls the first from where the pane
// was into view. The arrows go from match to match, enter keeps the find
// (n and N then move in the term, esc ends it), esc ends it where it
// began. It finds what the pane shows (the rendered term, its links and
// fields), ignoring case unless the text has a capital, as vim's
// smartcase does.
type findScreen struct {
	basic
	sh    *shared
	input textinput.Model
	count string // which match of how many, as the term last told
}

func newFind(sh *shared) findScreen {
	in := textinput.New()
	in.Prompt = "find: "
	in.Placeholder = "text in this term"
	in.SetStyles(sh.styles.Input)
	f := findScreen{sh: sh, input: in}
	return f
}

// messages

// findMsg starts a find in the term shown; a find still going on it is
// kept, to be edited.
type findMsg struct{}

// findPromptMsg opens the prompt holding a query.
type findPromptMsg struct{ query string }

// findQueryMsg finds what the prompt holds, from where the find began.
type findQueryMsg struct{ query string }

// findStepMsg goes dir matches on, round the ends.
type findStepMsg struct{ dir int }

// findKeepMsg ends typing: the find stays on when it has matches.
type findKeepMsg struct{}

// findEndMsg ends the find, back where it began when restore says so.
type findEndMsg struct{ restore bool }

// foundMsg tells the prompt which match of how many is current.
type foundMsg struct{ count string }

func (findMsg) screen() mode       { return modeTerm }
func (findQueryMsg) screen() mode  { return modeTerm }
func (findStepMsg) screen() mode   { return modeTerm }
func (findKeepMsg) screen() mode   { return modeTerm }
func (findEndMsg) screen() mode    { return modeTerm }
func (findPromptMsg) screen() mode { return modeFind }
func (foundMsg) screen() mode      { return modeFind }

// Update types the text to find and moves between the matches.
func (f findScreen) Update(msg tea.Msg) (findScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case findPromptMsg:
		f.input.SetValue(msg.query)
		f.input.CursorEnd()
		f.count = ""
		cmd = f.input.Focus()
	case foundMsg:
		f.count = msg.count
	case stylesMsg:
		f.input.SetStyles(f.sh.styles.Input)
	case sizeMsg, taxonomyMsg:
	case tea.KeyPressMsg:
		cmd = f.handleKey(msg)
	default:
		cmd = f.typeText(msg)
	}
	return f, cmd
}

// keyMap is the key map as the prompt reads it: the typing keys while
// it is open.
func (f findScreen) keyMap() prefs.KeyMap {
	keys := f.sh.keysWhile(f.input.Focused(), false)
	enable(&keys.Toggle, false)
	enable(&keys.Complete, false)
	return keys
}

func (f *findScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := f.keyMap()
	switch {
	case key.Matches(k, keys.Accept):
		f.close(findKeepMsg{})
	case key.Matches(k, keys.Cancel):
		f.close(findEndMsg{restore: true})
	case key.Matches(k, keys.InputDown):
		f.sh.tell(findStepMsg{dir: 1})
	case key.Matches(k, keys.InputUp):
		f.sh.tell(findStepMsg{dir: -1})
	default:
		return f.typeText(k)
	}
	return nil
}

// close tells the term how the find ends and gives it the keys back.
func (f *findScreen) close(end tea.Msg) {
	f.input.Blur()
	f.sh.tell(end)
	f.sh.tell(openMsg{to: modeTerm})
}

// typeText gives the prompt what is typed or pasted, and finds again when
// the text changed.
func (f *findScreen) typeText(msg tea.Msg) tea.Cmd {
	if !f.input.Focused() {
		return nil
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if q := f.input.Value(); q != before {
		f.sh.tell(findQueryMsg{query: q})
	}
	return cmd
}

// View is nothing: the term's pane stays, and the prompt is on the
// status line.
func (f findScreen) View() string { return "" }

// Help is the prompt's help line.
func (f findScreen) Help() []key.Binding {
	k := f.keyMap()
	return []key.Binding{brief(k.Accept, "keep"), pair(k.InputDown, k.InputUp, "next/prev"), brief(k.Cancel, "cancel")}
}

// Status is the prompt, with which match of how many is current.
func (f findScreen) Status() (left, right string) {
	f.input.SetWidth(max(min(f.sh.width/2, 40), 10))
	return f.input.View() + "  " + f.sh.styles.Filter.Render(f.count), ""
}

// The find as the term keeps it.

// findState is a find in the term: what is found, where, and from where.
// It is on while it has matches; a find with none ends when typing does.
type findState struct {
	query   string
	origin  int // where the pane was scrolled when the find began
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

// findMatch is one match of a find in the term pane: a line of it and
// the cells [start, end) the match covers.
type findMatch struct{ line, start, end int }

// on reports whether the find has matches, which n and N move between.
func (f findState) on() bool { return len(f.matches) > 0 }

// count is which match of how many is current, for the status line.
func (f findState) count() string {
	switch {
	case f.query == "":
		return ""
	case len(f.matches) == 0:
		return "no match"
	}
	return fmt.Sprintf("%d/%d", f.current+1, len(f.matches))
}

// followFind does what the find's prompt tells the term.
func (d *termScreen) followFind(msg tea.Msg) {
	switch msg := msg.(type) {
	case findMsg:
		if d.term == nil {
			return
		}
		if !d.find.on() {
			d.find = findState{}
		}
		d.find.origin = d.page.offset
		d.sh.tell(findPromptMsg{query: d.find.query})
		d.sh.tell(openMsg{to: modeFind})
	case findQueryMsg:
		d.findQuery(msg.query)
	case findStepMsg:
		d.nextMatch(msg.dir)
	case findKeepMsg:
		if !d.find.on() {
			if d.find.query != "" {
				d.sh.tell(statusMsg{text: fmt.Sprintf("No match for %q.", safe.Line(d.find.query))})
			}
			d.endFind()
		}
	case findEndMsg:
		origin := d.find.origin
		d.endFind()
		if msg.restore {
			d.page.offset = origin
			d.clamp()
		}
	}
}

// findQuery finds a query from where the find began, so that typing on
// does not run away down the page.
func (d *termScreen) findQuery(q string) {
	f := &d.find
	f.query, f.source = q, findSource{}
	d.refind()
	f.current = 0
	for i, match := range f.matches {
		if match.line >= f.origin {
			f.current = i
			break
		}
	}
	d.showMatch()
}

// refind finds again when what the pane shows changed: a rendering came,
// the width changed. A find reads every line, so every link is laid out
// first.
func (d *termScreen) refind() {
	f := &d.find
	if f.query == "" {
		return
	}
	d.layout(func() bool { return false })
	lines := d.lines(0, d.lineCount())
	src := findSource{doc: d.doc, width: d.width, lines: len(lines)}
	if src == f.source {
		return
	}
	f.source = src
	f.matches = findIn(lines, f.query)
	f.current = max(min(f.current, len(f.matches)-1), 0)
	d.sh.tell(foundMsg{count: f.count()})
}

// nextMatch goes dir matches on, round the ends, saying so when it wraps.
func (d *termScreen) nextMatch(dir int) {
	f := &d.find
	n := len(f.matches)
	if n == 0 {
		return
	}
	next := f.current + dir
	switch {
	case next >= n:
		next = 0
		d.sh.tell(statusMsg{text: "Back to the first match."})
	case next < 0:
		next = n - 1
		d.sh.tell(statusMsg{text: "On to the last match."})
	}
	f.current = next
	d.showMatch()
}

// showMatch scrolls the current match into view, a third of the way down
// the pane when it was out of view.
func (d *termScreen) showMatch() {
	f := &d.find
	d.sh.tell(foundMsg{count: f.count()})
	if f.current >= len(f.matches) {
		return
	}
	if line := f.matches[f.current].line; !d.page.inView(line) {
		d.page.offset = line - d.page.height/3
		d.clamp()
	}
}

// endFind stops the find and unmarks the matches.
func (d *termScreen) endFind() { d.find = findState{} }

// markFound styles the matches of a find on the lines in view, which
// start at line first of the pane.
func (d termScreen) markFound(lines []string, first int) []string {
	st := d.sh.styles
	out := make([]string, len(lines))
	copy(out, lines)
	for i, m := range d.find.matches {
		at := m.line - first
		if at < 0 || at >= len(lines) {
			continue
		}
		style := st.Match
		if i == d.find.current {
			style = st.MatchCurrent
		}
		out[at] = markCells(out[at], m.start, m.end, style.Render)
	}
	return out
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

// markCells restyles the cells [start, end) of a styled line. What comes
// after keeps its style: ansi.TruncateLeft keeps the escape codes of the
// cells it drops, so the codes in force are set again.
func markCells(line string, start, end int, render func(...string) string) string {
	return ansi.Truncate(line, start, "") + render(ansi.Strip(ansi.Cut(line, start, end))) + ansi.TruncateLeft(line, end, "")
}
