package cli

import (
	"bufio"
	"fmt"
	"slices"

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

// checkOtherLanguages adds, for a site checked without --lang, the
// problems of linking its other languages' terms and pages.
func (a *app) checkOtherLanguages(tx *taxonomy) {
	res := tx.result
	if res.Site == nil || a.lang != "" {
		return
	}
	problems := res.Problems
	for _, l := range res.Site.Languages[1:] {
		problems = slices.Concat(problems, res.Graph(l.Code).Problems())
	}
	tx.Taxonomy = model.TaxonomyOf(res.Root, tx.Graph, problems)
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
	a.checkOtherLanguages(tx)
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
		for _, p := range tx.Problems() {
			fmt.Fprintln(w, safe.Line(p.Error()))
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
