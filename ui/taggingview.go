package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

// The tagging screen's drawing: the list of rows, the preview of the
// term under the cursor, the prompt and the diff.

// reasons say in words what the score is and what made it: the words of
// the page that fit the term, those its Instructions exclude, the tagged
// pages like this one that carry it.
func (f termFit) reasons() []string {
	out := []string{fmt.Sprintf("Suggested, score %.2f: ranks the terms for this page by its words (higher fits better).", f.score)}
	if f.learned {
		out = []string{fmt.Sprintf("Suggested: a %s chance that an editor of this site would give this page the term, learned from its tagged pages.", f.scoreText())}
	}
	if len(f.why) > 0 {
		out = append(out, "Words of the page that fit: "+safe.Line(strings.Join(f.why, ", ")))
	}
	if len(f.against) > 0 {
		out = append(out, "Words its Instructions exclude: "+safe.Line(strings.Join(f.against, ", ")))
	}
	if len(f.like) > 0 {
		var names []string
		for _, p := range f.like {
			names = append(names, fmt.Sprintf("%s (%.2f)", safe.Line(p.Title), p.Similarity))
		}
		out = append(out, "Tagged pages like it: "+strings.Join(names, "; "))
	}
	return out
}

// split reports whether the list and the preview stand side by side.
func (s taggingScreen) split() bool { return s.width >= stackBelow }

// listHeight is how many rows of terms the list pane shows: the body less
// the page's title and the legend, and, stacked, the preview's share.
func (s taggingScreen) listHeight() int {
	h := s.height - 3
	if !s.split() {
		h = h * 3 / 5
	}
	return max(h, 1)
}

// View draws the page's title, then the diff, or the list of terms and the
// preview of the one under the cursor.
func (s taggingScreen) View() string {
	st := s.sh.styles
	if s.path == "" {
		return st.Dim.Render("No page to tag.")
	}
	head := ansi.Truncate(st.Title.Render("Terms of "+safe.Line(s.pageTitle()))+st.Dim.Render("  "+safe.Line(s.path)), s.width, "…")
	switch {
	case s.problem != "":
		return head + "\n\n" + st.Problems.Render(ansi.Wrap(s.problem, s.width, " /"))
	case s.busy != "" && s.src == nil:
		return head + "\n\n" + st.Dim.Render(s.busy)
	case s.showDiff:
		return head + "\n" + s.diffView()
	}
	if !s.split() {
		listH := s.listHeight() + 2
		list := fit(s.listView(s.width), s.width, listH)
		rule := st.Rule.Render(strings.Repeat("─", s.width))
		return head + "\n" + list + "\n" + rule + "\n" + s.previewView(s.width, max(s.height-listH-2, 1))
	}
	listW := min(max(s.width*11/20, 40), s.width-30)
	list := fit(s.listView(listW), listW, s.height-1)
	sep := st.Rule.Render(strings.TrimSuffix(strings.Repeat("│\n", s.height-1), "\n"))
	preview := fit(s.previewView(s.width-listW-3, s.height-1), s.width-listW-3, s.height-1)
	return head + "\n" + lipgloss.JoinHorizontal(lipgloss.Top, list, sep, " ", preview)
}

// pageTitle is the page's title, or its file's name.
func (s taggingScreen) pageTitle() string {
	if p := s.g.Page(s.path); p != nil {
		return p.DisplayTitle()
	}
	return s.path
}

// listView is the legend, the rows per taxonomy under its heading, and
// the prompt with its completions while a name is typed.
func (s taggingScreen) listView(width int) string {
	st := s.sh.styles
	legend := s.legend()
	if s.suggesting {
		legend = "Weighing the terms for this page…"
	}
	lines := []string{ansi.Truncate(st.Dim.Render(legend), width, "…")}
	if len(s.rows) == 0 {
		lines = append(lines, st.Dim.Render(fmt.Sprintf("The page carries no term. %s adds one.", firstKey(s.sh.keys.TagAdd))))
	}
	body, at := s.rowLines(width)
	h := s.listHeight()
	start := 0
	if s.cur.at < len(at) && len(body) > h {
		// The cursor's row in the middle once the list scrolls, its
		// heading in view above the first row.
		start = max(min(at[s.cur.at]-h/2, len(body)-h), 0)
	}
	lines = append(lines, body[start:min(start+h, len(body))]...)
	return strings.Join(lines, "\n")
}

// legend says what the scores shown are, short enough for the list's pane
// beside the preview (66 columns in a window of 120): a percentage where
// the taxonomy learned from the site's pages, else a number that ranks
// the terms by the page's words.
func (s taggingScreen) legend() string {
	var learned, ranked bool
	for _, r := range s.rows {
		if r.fit != nil {
			learned = learned || r.fit.learned
			ranked = ranked || !r.fit.learned
		}
	}
	switch {
	case learned && ranked:
		return "A % is the chance an editor gives the term; others rank by words."
	case learned:
		return "A % is the chance an editor of the site gives the page the term."
	case ranked:
		return "Scores rank the terms by the page's words: higher fits better."
	}
	return ""
}

// rowLines are the rows under a heading per taxonomy, and the line of each
// row.
func (s taggingScreen) rowLines(width int) (lines []string, at []int) {
	st := s.sh.styles
	cols := s.rowColumns()
	for i, r := range s.rows {
		if i == 0 || r.kind != s.rows[i-1].kind {
			lines = append(lines, st.LinkLabel.Render(r.kind.Label()))
		}
		at = append(at, len(lines))
		lines = append(lines, s.rowView(r, cols, i == s.cur.at && !s.adding, width))
	}
	return lines, at
}

// rowColumns are the widths of the rows' count, its number and their
// score, the widest of the screen's, so that the counts and scores of
// every row stand in columns, whether a row has a score or not.
type rowColumns struct{ number, count, score int }

// rowColumns measures the rows.
func (s taggingScreen) rowColumns() rowColumns {
	var c rowColumns
	for _, r := range s.rows {
		if r.term != nil {
			c.number = max(c.number, len(strconv.Itoa(s.g.CountPages(r.term))))
		}
		if r.fit != nil {
			c.score = max(c.score, len(r.fit.scoreText()))
		}
	}
	for _, r := range s.rows {
		c.count = max(c.count, ansi.StringWidth(s.rowCount(r, c)))
	}
	return c
}

// rowCount is how many pages carry the row's term, the number aligned to
// the others, or that the term is new.
func (s taggingScreen) rowCount(r tagRow, c rowColumns) string {
	if r.term == nil {
		return "new " + r.kind.String()
	}
	n := s.g.CountPages(r.term)
	noun := "pages"
	if n == 1 {
		noun = "page"
	}
	return fmt.Sprintf("%*d %s", c.number, n, noun)
}

// rowView draws a row: a + or - when writing changes it, the box, the
// title, how many pages carry it (or that it is new), and its score.
func (s taggingScreen) rowView(r tagRow, cols rowColumns, cursor bool, width int) string {
	st := s.sh.styles
	mark, box := " ", "[ ]"
	switch {
	case r.on && !r.carried:
		mark = "+"
	case !r.on && r.carried:
		mark = "-"
	}
	if r.on {
		box = "[x]"
	}
	name := safe.Line(r.spelling)
	if r.term != nil {
		name = safe.Line(r.term.DisplayTitle())
	}
	count := s.rowCount(r, cols)
	info := count + strings.Repeat(" ", cols.count-ansi.StringWidth(count))
	if cols.score > 0 {
		score := ""
		if r.fit != nil {
			score = r.fit.scoreText()
		}
		info += "  " + strings.Repeat(" ", cols.score-len(score)) + score
	}
	nameW := max(width-4-len(box)-ansi.StringWidth(info)-2, 6)
	name = ansi.Truncate(name, nameW, "…")
	pad := strings.Repeat(" ", max(nameW-ansi.StringWidth(name), 0))
	if cursor {
		return st.Selected.Render("›" + mark + box + " " + name + pad + "  " + info)
	}
	markStyle := st.Dim
	switch mark {
	case "+":
		markStyle = st.Added
	case "-":
		markStyle = st.Removed
	}
	nameStyle := st.Item
	if !r.on {
		nameStyle = st.Dim
	}
	return " " + markStyle.Render(mark) + box + " " + nameStyle.Render(name) + pad + "  " + st.Count.Render(info)
}

// promptView is the prompt a name is typed in.
func (s taggingScreen) promptView(width int) string {
	in := s.input
	in.SetWidth(max(width-len(in.Prompt)-1, 5))
	return in.View()
}

// choiceLines are the completions of the name typed, the one picked marked.
func (s taggingScreen) choiceLines(width int) []string {
	st := s.sh.styles
	if len(s.choices) == 0 {
		return []string{st.Dim.Render("  Type a title: the site's terms complete first.")}
	}
	var lines []string
	for i, c := range s.choices {
		text := fmt.Sprintf("%s  (a new %s)", safe.Line(c.spelling), c.kind)
		if c.term != nil {
			text = fmt.Sprintf("%s  (%s, %s)", safe.Line(c.spelling), c.kind, english.Plural(s.g.CountPages(c.term), "page"))
		}
		if i == s.pick {
			lines = append(lines, st.Selected.Render(ansi.Truncate("› "+text, width, "…")))
			continue
		}
		lines = append(lines, ansi.Truncate("  "+text, width, "…"))
	}
	return lines
}

// previewView shows the term under the cursor: its title and ID, how many
// pages carry it, why it is suggested, then its Instructions, else its
// description.
func (s taggingScreen) previewView(width, height int) string {
	st := s.sh.styles
	if s.adding {
		return strings.Join(append([]string{s.promptView(width)}, s.choiceLines(width)...), "\n")
	}
	if s.cur.at >= len(s.rows) {
		return ""
	}
	r := s.rows[s.cur.at]
	wrap := func(text string) []string { return strings.Split(ansi.Wrap(text, max(width, 10), " /"), "\n") }
	var lines []string
	if r.term == nil {
		lines = append(lines, st.Title.Render(safe.Line(r.spelling)),
			st.Dim.Render(fmt.Sprintf("%s · a new %s: no page carries it yet and no term page describes it", r.id, r.kind)))
		return strings.Join(lines, "\n")
	}
	t := r.term
	lines = append(lines, st.Title.Render(safe.Line(t.DisplayTitle())),
		st.Dim.Render(fmt.Sprintf("%s · %s", t.ID, carriedBy(s.g.CountPages(t)))))
	if r.fit != nil {
		for _, l := range r.fit.reasons() {
			lines = append(lines, wrap(l)...)
		}
	}
	lines = append(lines, "")
	lines = append(lines, s.instructionLines(t, width)...)
	if len(lines) > height {
		lines = append(lines[:height-1], st.Dim.Render(fmt.Sprintf("… %s reads the whole term", firstKey(s.sh.keys.TagRead))))
	}
	return strings.Join(lines, "\n")
}

// instructionLines are a term's Instructions as plain text, wrapped, under
// their heading; else its description; else that it has none.
func (s taggingScreen) instructionLines(t *model.Term, width int) []string {
	st := s.sh.styles
	text := strings.TrimSpace(t.Instructions)
	heading := "INSTRUCTIONS"
	if text == "" {
		text, heading = strings.TrimSpace(t.Description), "DESCRIPTION"
	}
	if text == "" {
		none := fmt.Sprintf("No Instructions: no term page tells when to apply this %s.", t.Kind)
		return strings.Split(st.Dim.Render(ansi.Wrap(none, max(width, 10), " /")), "\n")
	}
	text = strings.NewReplacer("**", "", "__", "").Replace(safe.Text(text))
	out := []string{st.LinkLabel.Render(heading)}
	for line := range strings.Lines(text) {
		out = append(out, strings.Split(ansi.Wrap(strings.TrimRight(line, "\n"), max(width, 10), " /"), "\n")...)
	}
	return out
}

// diffView is the summary of the change and the diff of the file, the
// lines it adds and removes in colour.
func (s taggingScreen) diffView() string {
	st := s.sh.styles
	lines := []string{st.Dim.Render(fmt.Sprintf("The change, as git diff will show it. %s writes it, %s goes back.",
		firstKey(s.sh.keys.TagWrite), firstKey(s.sh.keys.Back))), ""}
	p := s.diffPage
	p.total = len(s.diff)
	p.clamp()
	start, end := p.window()
	for _, l := range s.diff[start:end] {
		text := ansi.Truncate(safe.Line(l), s.width, "…")
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"), strings.HasPrefix(l, "@@"):
			text = st.Dim.Render(text)
		case strings.HasPrefix(l, "+"):
			text = st.Added.Render(text)
		case strings.HasPrefix(l, "-"):
			text = st.Removed.Render(text)
		}
		lines = append(lines, text)
	}
	return strings.Join(lines, "\n")
}

// carriedBy says how many pages carry a term, in a sentence.
func carriedBy(n int) string {
	if n == 1 {
		return "1 page carries it"
	}
	return english.Plural(n, "page") + " carry it"
}
