package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

type searchFlags struct {
	json  bool
	limit int
}

func (a *app) searchCommand() *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Find terms by their title, description, abstract, Instructions and body",
		Long: `Search every term's title, description, abstract, Instructions and body, and
print the best matches: score, ID and title, then a snippet with the matches
marked (in colour on a terminal, else [between brackets]).

Every word must occur; titles and Instructions count most. The words of
QUERY may also be given as one argument.

  value stream        both words, anywhere in the term
  '"value stream"'    the phrase (quote it for the shell too)
  scal*               words starting with "scal"
  kind:category       only categories (or concept, tag)
  tag:scrum           only terms tagged Scrum (title, slug or ID;
                      tag:"Value Delivery"; several tag: mean all)

Words are compared in any case, and a word finds the other words of its
stem (English ones): retrospectives finds retrospective. A phrase matches
its words as written; team* finds team, teams and teamwork.
A query of filters only lists the terms that pass them. The exit status is 1
when no term matches, as grep's is.`,
		Example: `  taxo search value stream
  taxo search 'kind:category flow'
  taxo search '"definition of done"' --limit 5
  taxo search 'tag:scrum scal*' --json | jq '.[].id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, "")) == "" {
				return usage(errors.New("search needs a QUERY"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return a.search(strings.Join(args, " "), f) },
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON array of hits")
	cmd.Flags().IntVarP(&f.limit, "limit", "n", 20, "show at most N terms (0 for all)")
	return cmd
}

// hitJSON is a hit as search --json prints it.
type hitJSON struct {
	ID      model.ID    `json:"id"`
	Kind    model.Kind  `json:"kind"`
	Title   string      `json:"title"`
	Score   float64     `json:"score"`
	Snippet snippetJSON `json:"snippet"`
}

// snippetJSON carries the marks as byte offsets, so scripts need not parse
// brackets out of the text.
type snippetJSON struct {
	Field model.TextField `json:"field"`
	Text  string          `json:"text"`
	Marks [][2]int        `json:"marks"`
}

func (a *app) search(query string, f searchFlags) error {
	if f.limit < 0 {
		return usage(fmt.Errorf("--limit %d: want 0 (all) or more", f.limit))
	}
	// The query is read once the taxonomy is: kind: may name a site's own.
	tx, err := a.load()
	if err != nil {
		return err
	}
	q, err := model.ParseQuery(query)
	if err != nil {
		return usage(err)
	}
	if q.Empty() {
		return usage(fmt.Errorf("%q has no word to search for: every word is too common", query))
	}
	a.noteErrors(tx)
	if err := a.requireTerms(tx); err != nil {
		return err
	}
	var store model.Store
	if tx.result != nil {
		if k := tx.result.Keeper(); k != nil {
			store = k
		}
	}
	res, err := model.KeptIndex(tx.Graph, store).Search(q, f.limit)
	if err != nil {
		return failure("%s", safe.Line(err.Error()))
	}
	if f.json {
		err = writeJSON(a.io.Out, hitsJSON(res.Hits))
	} else {
		err = a.printHits(res.Hits, len(q.Clauses) > 0)
	}
	if err != nil {
		return err
	}
	switch {
	case res.Total == 0:
		// As grep does, so that a script can tell.
		fmt.Fprintf(a.io.Err, "taxo: no term matches %q\n", safe.Line(query))
		return &exitError{code: ExitFailure}
	case res.Total > len(res.Hits) && !f.json:
		fmt.Fprintf(a.io.Err, "%d of %s shown; --limit 0 shows all\n", len(res.Hits), english.Plural(res.Total, "matching term"))
	}
	return nil
}

func hitsJSON(hits []model.Hit) []hitJSON {
	out := make([]hitJSON, len(hits))
	for i, h := range hits {
		marks := make([][2]int, len(h.Snippet.Marks))
		for j, m := range h.Snippet.Marks {
			marks[j] = [2]int{m.Start, m.End}
		}
		out[i] = hitJSON{ID: h.Term.ID, Kind: h.Term.Kind, Title: h.Term.DisplayTitle(), Score: round2(h.Score),
			Snippet: snippetJSON{Field: h.Snippet.Field, Text: h.Snippet.Text, Marks: marks}}
	}
	return out
}

func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

// printHits writes each hit as two lines: score, ID and title, then the
// field the snippet comes from and the snippet, indented under the ID. A
// query of filters only ranks nothing, so it shows no score.
func (a *app) printHits(hits []model.Hit, ranked bool) error {
	st := a.outputStyles()
	width := -2 // no score column
	if ranked {
		for _, h := range hits {
			width = max(width, len(strconv.FormatFloat(h.Score, 'f', 2, 64)))
		}
	}
	indent := strings.Repeat(" ", width+2)
	w := bufio.NewWriter(st.writer(a.io.Out))
	for _, h := range hits {
		if ranked {
			fmt.Fprintf(w, "%s  ", st.score.Render(fmt.Sprintf("%*s", width, strconv.FormatFloat(h.Score, 'f', 2, 64))))
		}
		fmt.Fprintf(w, "%s  %s\n", st.id.Render(safe.Line(string(h.Term.ID))), st.title.Render(safe.Line(h.Term.DisplayTitle())))
		if h.Snippet.Text != "" {
			fmt.Fprintf(w, "%s%s %s\n", indent, st.field.Render(h.Snippet.Field.String()+":"), st.marked(h.Snippet))
		}
	}
	return w.Flush()
}

// outputStyles are how search and suggest dress their output: in colour on
// a terminal without NO_COLOR, else plain with matches in brackets.
type outputStyles struct {
	color                                 bool
	score, id, title, field, mark, dimmed lipgloss.Style
}

func (a *app) outputStyles() outputStyles {
	if !isTerminal(a.io.Out) || a.io.Getenv("NO_COLOR") != "" {
		plain := lipgloss.NewStyle()
		return outputStyles{score: plain, id: plain, title: plain, field: plain, mark: plain, dimmed: plain}
	}
	return outputStyles{
		color:  true,
		score:  lipgloss.NewStyle().Faint(true),
		id:     lipgloss.NewStyle().Foreground(lipgloss.Magenta),
		title:  lipgloss.NewStyle().Bold(true),
		field:  lipgloss.NewStyle().Faint(true),
		mark:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Red),
		dimmed: lipgloss.NewStyle().Faint(true),
	}
}

// writer downsamples colours to what the terminal supports.
func (st outputStyles) writer(w io.Writer) io.Writer {
	if !st.color {
		return w
	}
	return colorprofile.NewWriter(w, os.Environ())
}

// marked renders a snippet with its marks in colour, or in [brackets] when
// plain. Each piece of term text is made safe on its own, so that the marks
// stay where they belong.
func (st outputStyles) marked(s model.Snippet) string {
	var b strings.Builder
	last := 0
	for _, m := range s.Marks {
		b.WriteString(safe.Line(s.Text[last:m.Start]))
		word := safe.Line(s.Text[m.Start:m.End])
		if st.color {
			b.WriteString(st.mark.Render(word))
		} else {
			b.WriteString("[" + word + "]")
		}
		last = m.End
	}
	b.WriteString(safe.Line(s.Text[last:]))
	return b.String()
}
