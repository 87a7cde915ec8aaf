// Package cli is taxo's command line: the cobra commands, their flags and
// their output. main wires it to the process; the work is done by loader,
// model and ui.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// Exit statuses, as PRODUCT.md sets them.
const (
	ExitOK      = 0
	ExitFailure = 1 // check found errors, or show found no such term
	ExitUsage   = 2 // bad usage or an unreadable PATH
)

// IO is what a run of taxo reads and writes; tests give buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	Getenv   func(string) string
}

// OS is the process's own standard streams and environment.
func OS() IO { return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv} }

// exitError ends a command with a status; a nil err means the command has
// already said what went wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func failure(format string, args ...any) error {
	return &exitError{code: ExitFailure, err: fmt.Errorf(format, args...)}
}

func usage(err error) error { return &exitError{code: ExitUsage, err: err} }

// app is the state every command shares: where to read and write, and the
// persistent flags.
type app struct {
	io  IO
	dir string
}

// Run executes taxo with args (without the program name) and returns the
// exit status. It never panics on bad input: a panic is a bug and is
// reported as one.
func Run(ctx context.Context, args []string, streams IO) (code int) {
	a := &app{io: streams}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	err := fang.Execute(ctx, root,
		fang.WithVersion(Version().Short()),
		fang.WithErrorHandler(a.handleError),
	)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitUsage // cobra's own errors: unknown commands, flags and arguments
}

// handleError prints what went wrong: a failure as one plain line, a usage
// error in fang's style with a hint.
func (a *app) handleError(w io.Writer, styles fang.Styles, err error) {
	var ee *exitError
	if errors.As(err, &ee) && ee.code == ExitFailure {
		if ee.err != nil {
			fmt.Fprintf(w, "taxo: %v\n", ee.err)
		}
		return
	}
	fang.DefaultErrorHandler(w, styles, err)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "taxo [PATH]",
		Short: "Browse a taxonomy of concepts, categories and tags",
		Long: `taxo browses a content taxonomy kept as markdown files with front matter:
concepts, categories and tags, as in a Hugo site's content/ folder. Read a
term's Instructions before you tag content with it.

PATH (or --dir, or TAXO_DIR) is a site root, a content/ folder, one taxonomy
folder, any folder of term files, or a single file. Without one, taxo shows
its embedded sample taxonomy.`,
		Example: `  taxo                          # browse the embedded sample
  taxo ~/site                   # browse a Hugo site's taxonomy
  taxo list --tag "Value Delivery"
  taxo show scaling | less -R
  taxo check --strict`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if a.dir != "" && a.dir != args[0] {
					return usage(errors.New("give the taxonomy as PATH or as --dir, not both"))
				}
				a.dir = args[0]
			}
			return a.browse(cmd)
		},
	}
	root.PersistentFlags().StringVarP(&a.dir, "dir", "d", "", "taxonomy `PATH` (default $TAXO_DIR, else the embedded sample)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usage(err) })
	root.AddCommand(a.listCommand(), a.showCommand(), a.checkCommand(), a.versionCommand(), a.searchCommand(), a.suggestCommand())
	return root
}

// browse is the root command until the browser exists: it lists the terms.
func (a *app) browse(cmd *cobra.Command) error {
	tx, err := a.load()
	if err != nil {
		return err
	}
	return a.printList(tx, tx.graph.Terms(), false)
}

// taxonomy is a loaded taxonomy with everything the commands need.
type taxonomy struct {
	result   *loader.Result
	graph    *model.Graph
	problems []model.Problem // from loading and linking, in path order
}

// source returns where the taxonomy comes from: --dir, else TAXO_DIR, else "".
func (a *app) source() string {
	if a.dir != "" {
		return a.dir
	}
	return a.io.Getenv("TAXO_DIR")
}

// load reads the taxonomy the flags and environment name.
func (a *app) load() (*taxonomy, error) {
	var res *loader.Result
	if dir := a.source(); dir != "" {
		var err error
		res, err = loader.Load(dir, loader.Options{})
		if err != nil {
			return nil, usage(fmt.Errorf("cannot read the taxonomy: %w", err))
		}
	} else {
		res = loader.LoadFS(sample.FS, nil, loader.Options{})
	}
	g := model.New(res.Terms)
	problems := slices.Concat(res.Problems, g.Problems())
	slices.SortStableFunc(problems, func(x, y model.Problem) int {
		if c := strings.Compare(x.Path, y.Path); c != 0 {
			return c
		}
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Col - y.Col
	})
	for i := range problems {
		problems[i].Path = res.DisplayPath(problems[i].Path)
	}
	return &taxonomy{result: res, graph: g, problems: problems}, nil
}

// counts returns how many problems are errors and how many warnings.
func (tx *taxonomy) counts() (errs, warnings int) {
	for _, p := range tx.problems {
		if p.Severity == model.Error {
			errs++
		} else {
			warnings++
		}
	}
	return errs, warnings
}

// noteErrors tells stderr, in one line, that the load met errors, so that
// list and show do not hide them.
func (a *app) noteErrors(tx *taxonomy) {
	if errs, _ := tx.counts(); errs > 0 {
		fmt.Fprintf(a.io.Err, "taxo: %s while loading; run taxo check to see them\n", plural(errs, "error"))
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
