package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

// The suggestions' drawing: the prompt's box, and the terms of each
// taxonomy with their scores, words and pages.

// inner is the width inside the frame.
func (s suggestScreen) inner() int { return max(s.width-s.sh.styles.Box.GetHorizontalFrameSize(), 20) }

// listHeight is how many lines of suggestions show: the frame less the
// title, the legend and a blank line.
func (s suggestScreen) listHeight() int {
	return s.height - s.sh.styles.Box.GetVerticalFrameSize() - 2 - len(s.legend(s.inner()))
}

// clamp keeps the cursor on an item, with all its lines in view, the
// heading over the first term too.
func (s *suggestScreen) clamp() {
	s.page.setHeight(s.listHeight())
	s.at = max(min(s.at, len(s.items)-1), 0)
	lines, at := s.body()
	first, last := 0, 0
	if s.at < len(at) {
		first, last = at[s.at], len(lines)
		if s.at+1 < len(at) {
			last = at[s.at+1]
		}
		if s.at == 0 {
			first = 0
		}
	}
	s.page.total = len(lines)
	s.page.reveal(first, last)
	s.page.clamp()
}

// body is every line of the suggestions, per taxonomy, and the line of
// each item in it: the score, the term and the first line of its
// Instructions, then the words of the file that fit it and those its
// Instructions exclude, as taxo suggest says them, then the tagged pages
// like the file that carry it, a line each.
func (s suggestScreen) body() (lines []string, at []int) {
	st := s.sh.styles
	inner := s.inner()
	width := 0
	for _, kf := range s.got {
		for _, f := range kf.fits {
			width = max(width, len(f.scoreText()))
		}
	}
	indent := strings.Repeat(" ", width+6)
	i := 0
	for _, kf := range s.got {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.LinkLabel.Render(kf.kind.Label()))
		if len(kf.fits) == 0 {
			lines = append(lines, "  "+st.Dim.Render(noneFits(kf.learned)))
		}
		for _, f := range kf.fits {
			at = append(at, len(lines))
			lines = append(lines, s.row(f, fmt.Sprintf("%*s", width, f.scoreText()), i == s.at, inner))
			for _, l := range s.reasons(f, max(inner-len(indent), 1)) {
				lines = append(lines, indent+l)
			}
			i++
			for j := range f.like {
				at = append(at, len(lines))
				lines = append(lines, s.pageRow(f, j, indent, i == s.at, inner))
				i++
			}
		}
	}
	if s.note != "" {
		lines = append(lines, "")
		for l := range strings.SplitSeq(ansi.Wrap(safe.Line(s.note), inner, " /"), "\n") {
			lines = append(lines, st.Problems.Render(l))
		}
	}
	return lines, at
}

// noneFits says that no term of a taxonomy fits: where the model learned
// from pages, that none fits well enough to offer.
func noneFits(learned bool) string {
	if learned {
		return "Nothing fits well."
	}
	return "None fits."
}

// reasons say which words of the file counted for a suggestion and which
// against it, on one line when they fit in width columns, else on two.
func (s suggestScreen) reasons(f termFit, width int) []string {
	st := s.sh.styles
	var fit, against string
	if len(f.why) > 0 {
		fit = "words that fit: " + safe.Line(strings.Join(f.why, ", "))
	}
	if len(f.against) > 0 {
		against = "words its Instructions exclude: " + safe.Line(strings.Join(f.against, ", "))
	}
	cut := func(text string) string { return ansi.Truncate(text, width, "…") }
	switch {
	case fit == "" && against == "":
		return nil
	case against == "":
		return []string{st.Item.Render(cut(fit))}
	case fit == "":
		return []string{st.Problems.Render(cut(against))}
	case ansi.StringWidth(fit)+3+ansi.StringWidth(against) <= width:
		return []string{st.Item.Render(fit) + st.Dim.Render(" · ") + st.Problems.Render(against)}
	}
	return []string{st.Item.Render(cut(fit)), st.Problems.Render(cut(against))}
}

// row draws one suggestion: a cursor mark, the score, the kind marker, the
// title, and the first line of its Instructions as far as it fits.
func (s suggestScreen) row(f termFit, score string, cursor bool, width int) string {
	st := s.sh.styles
	marker := kindMarker(f.term.Kind)
	title := safe.Line(f.term.DisplayTitle())
	lead := "  " + leadLine(f.term)
	if cursor {
		line := ansi.Truncate("› "+score+"  "+marker+" "+title, width, "…")
		return st.Selected.Render(line) + st.Dim.Render(ansi.Truncate(lead, max(width-ansi.StringWidth(line), 0), "…"))
	}
	line := "  " + st.Score.Render(score) + "  " + st.Kinds[f.term.Kind].Render(marker) + " " + st.Item.Render(title)
	line = ansi.Truncate(line, width, "…")
	return line + st.Dim.Render(ansi.Truncate(lead, max(width-ansi.StringWidth(line), 0), "…"))
}

// pageRow draws the j-th tagged page like the file that carries the
// suggestion's term: a link the cursor goes to, how like the file it is
// (the cosine of their words, 0 to 1, as taxo suggest says), its title,
// then its path.
func (s suggestScreen) pageRow(f termFit, j int, indent string, cursor bool, width int) string {
	st := s.sh.styles
	p := f.like[j]
	label := fmt.Sprintf("tagged page like it (%.2f): ", p.Similarity)
	title := safe.Line(p.Title)
	tail := "  " + safe.Line(p.Path)
	if cursor {
		line := ansi.Truncate("›"+indent[1:]+label+title, width, "…")
		return st.Selected.Render(line) + st.Dim.Render(ansi.Truncate(tail, max(width-ansi.StringWidth(line), 0), "…"))
	}
	line := ansi.Truncate(indent+st.Dim.Render(label)+st.Link.Render(title), width, "…")
	return line + st.Dim.Render(ansi.Truncate(tail, max(width-ansi.StringWidth(line), 0), "…"))
}

// leadLine is the first line of a term's Instructions without markdown
// emphasis, or its description when it has no Instructions.
func leadLine(t *model.Term) string {
	for line := range strings.Lines(t.Instructions) {
		line = strings.TrimSpace(strings.NewReplacer("**", "", "__", "").Replace(line))
		line = strings.TrimSpace(strings.TrimLeft(line, "#>-*+ "))
		if line != "" {
			return safe.Line(line)
		}
	}
	return safe.Line(strings.Join(strings.Fields(t.Description), " "))
}

// View draws the prompt in a box in the middle of the body, or the
// suggestions filling it.
func (s suggestScreen) View() string {
	if s.input.Focused() {
		return center(s.promptView(min(s.width, 76)), s.width, s.height)
	}
	st := s.sh.styles
	keys := s.sh.keys
	inner := s.inner()
	title := st.Title.Render("Terms for "+safe.Line(s.path)) + st.Dim.Render(fmt.Sprintf("  %s opens · %s closes", firstKey(keys.Open), firstKey(keys.Cancel)))
	out := []string{ansi.Truncate(title, inner, "…")}
	for _, l := range s.legend(inner) {
		out = append(out, st.Dim.Render(l))
	}
	out = append(out, "")
	lines, _ := s.body()
	p := s.page
	p.total = len(lines)
	start, end := p.window()
	out = append(out, lines[start:end]...)
	return st.Box.Width(s.width).Height(s.height).MaxHeight(s.height).Render(strings.Join(out, "\n"))
}

// legend says what the scores are, which a bare "41.69" does not, as taxo
// suggest does, in lines of width columns: a chance where a taxonomy
// learned from the site's tagged pages, a rank where it did not.
func (s suggestScreen) legend(width int) []string {
	text := "Best first: a score ranks the terms for this text and is not a percentage."
	if slices.ContainsFunc(s.got, func(kf kindFits) bool { return kf.learned }) {
		text = "Best first: a % is the chance an editor would give the text the term, learned from the site's pages; other scores rank by its words."
	}
	return strings.Split(ansi.Wrap(text, width, " "), "\n")
}

// promptView draws the box that asks for the file, width columns wide.
func (s suggestScreen) promptView(width int) string {
	st := s.sh.styles
	keys := s.sh.keys
	inner := max(width-st.Box.GetHorizontalFrameSize(), 20)
	s.input.SetWidth(max(inner-len(s.input.Prompt)-1, 5))
	lines := []string{
		st.Title.Render("Suggest terms for a piece of content"),
		st.Dim.Render(ansi.Truncate("Paste text, or a markdown file relative to "+safe.Line(s.tildePath(s.cwd)), inner, "…")),
		"",
		s.input.View(),
		"",
	}
	switch {
	case s.reading && !s.learned.ready() && s.g != nil && len(s.g.Pages()) > 0:
		lines = append(lines, st.Dim.Render("Learning from the site's tagged pages (once), then weighing the terms…"))
	case s.reading:
		lines = append(lines, st.Dim.Render(fmt.Sprintf("Reading the file and weighing %s…", english.Plural(s.terms, "term"))))
	case s.problem != "":
		for l := range strings.SplitSeq(ansi.Wrap(safe.Line(s.problem), inner, " /"), "\n") {
			lines = append(lines, st.Problems.Render(l))
		}
	case len(s.choices) > 0:
		lines = append(lines, choicesLines(s.choices, inner, st.Dim.Render)...)
	default:
		lines = append(lines, st.Dim.Render(fmt.Sprintf("%s completes · %s suggests · %s closes",
			firstKey(keys.Complete), firstKey(keys.Accept), firstKey(keys.Cancel))))
	}
	return st.Box.Width(width).Render(strings.Join(lines, "\n"))
}
