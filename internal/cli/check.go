package cli

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
)

type checkFlags struct {
	json   bool
	strict bool
}

func (a *app) checkCommand() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report every problem in the taxonomy",
		Long: `Report every problem found while loading and linking the taxonomy, one a
line: PATH:LINE:COL: error|warning: MESSAGE (LINE and COL where known).

On a Hugo site it also warns about how the pages use the terms: a term
only one page carries; terms whose spellings differ only in case or
punctuation (CI/CD and CI-CD, two terms to Hugo); a term page that no page
uses; a page with no term of a taxonomy that most pages carry.

The exit status is 1 when there are errors, or warnings too with --strict.`,
		Example: `  taxo check -d ~/site
  taxo check --strict --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.check(f) },
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON array of problems")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "fail on warnings as well as errors")
	return cmd
}

// problemJSON is a problem as check --json prints it.
type problemJSON struct {
	Path     string         `json:"path"`
	Line     int            `json:"line,omitempty"`
	Col      int            `json:"col,omitempty"`
	Severity model.Severity `json:"severity"`
	Message  string         `json:"message"`
}

// checkAll adds what check reports beyond the load: for a site checked
// without --lang, the problems of linking its other languages' terms and
// pages; and for every language checked, the content lint
// (Graph.LintContent).
func (a *app) checkAll(tx *taxonomy) {
	res := tx.result
	if res.Site == nil {
		return
	}
	problems := [][]model.Problem{res.Problems, tx.Graph.LintContent()}
	if a.lang == "" {
		for _, l := range res.Site.Languages[1:] {
			g := res.Graph(l.Code)
			problems = append(problems, g.Problems(), g.LintContent())
		}
	}
	tx.Taxonomy = model.TaxonomyOf(res.Root, tx.Graph, problems...)
}

func (a *app) check(f checkFlags) error {
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return err
	}
	if tx.result.Files == 0 {
		// Nothing to check is a wrong folder, not a clean taxonomy.
		if err := a.requireTerms(tx); err != nil {
			return err
		}
	}
	a.checkAll(tx)
	if f.json {
		problems := tx.Problems()
		err := writeJSONArray(a.io.Out, len(problems), func(i int, b []byte) []byte {
			p := problems[i]
			return appendProblemJSON(b, &problemJSON{Path: p.Path, Line: p.Line, Col: p.Col, Severity: p.Severity, Message: p.Err.Error()})
		})
		if err != nil {
			return err
		}
	} else {
		w := bufio.NewWriter(a.io.Out)
		var b []byte
		for _, p := range tx.Problems() {
			b = appendProblemLine(b[:0], p)
			_, _ = w.Write(b) // bufio keeps the error for Flush
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	errs, warnings := tx.counts()
	fmt.Fprintf(a.io.Err, "%s, %s in %s\n", english.Plural(errs, "error"), english.Plural(warnings, "warning"), english.Plural(tx.result.Files, "file"))
	if errs > 0 || f.strict && warnings > 0 {
		return &exitError{code: ExitFailure}
	}
	return nil
}

// appendProblemLine appends what safe.Line(p.Error()) and a new line
// print, without making the line a string first (a site may have a
// hundred thousand problems): safe.Line maps rune by rune, so the parts
// between the ASCII separators are made safe one by one.
func appendProblemLine(b []byte, p model.Problem) []byte {
	b = append(b, safe.Line(p.Path)...)
	if p.Line > 0 {
		b = strconv.AppendInt(append(b, ':'), int64(p.Line), 10)
		if p.Col > 0 {
			b = strconv.AppendInt(append(b, ':'), int64(p.Col), 10)
		}
	}
	b = append(append(append(b, ": "...), p.Severity.String()...), ": "...)
	if p.Err == nil {
		return append(b, "<nil>\n"...)
	}
	return append(append(b, safe.Line(p.Err.Error())...), '\n')
}
