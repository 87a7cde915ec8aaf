// Package cli is taxo's command line: the cobra commands, their flags and
// their output. main wires it to the process and hands it the browser
// (ui.Run, through IO.Browse): the work is done by loader and model, and
// the package links no Bubble Tea, so a command starts without it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"syscall"
	"taxo/internal/config"
	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/internal/watch"
	"taxo/loader"
	"taxo/model"
	"taxo/sample"
	"taxo/ui/launch"
)

// pathArgument is where a taxonomy given as taxo's argument came from.
const pathArgument = "the PATH argument"

// Exit statuses, as the README's "Exit status" paragraph sets them.
const (
	ExitOK      = 0
	ExitFailure = 1 // check found errors, or show found no such term
	ExitUsage   = 2 // bad usage or an unreadable PATH
	// ExitClosedPipe is the status when the reader of the output went
	// away (taxo list | head): what a shell reports of a program SIGPIPE
	// killed, which is what taxo was before it finished its cache first.
	ExitClosedPipe = 128 + 13
)

// IO is what a run of taxo reads and writes; tests give buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	Getenv   func(string) string
	// Browse opens the browser; main gives ui.Run. The command line does
	// not link the browser itself, so that taxo show and its kin load
	// no Bubble Tea. Without one, taxo on a terminal prints the list.
	Browse launch.Browser
}

// OS is the process's own standard streams and environment.
func OS() IO { return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv} }

// exitError ends a command with a status; a nil err means the command has
// already said what went wrong.
type exitError struct {
	code int
	err  error
	hint string // what to do about it, a line under the message; "" for none
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

// usageHint is a usage error with a line of advice under it.
func usageHint(err error, hint string) error {
	return &exitError{code: ExitUsage, err: err, hint: hint}
}

// app is the state every command shares: where to read and write, the
// persistent flags, and the settings they settle into.
type app struct {
	io         IO
	dir        string   // --dir, or PATH
	lang       string   // --lang: a site's language; "" for its default
	configFile string   // --config
	maxSize    byteSize // --max-size, read through the settings as the others
	cmd        *cobra.Command

	// dirFrom says where dir came from, for messages: "--dir", "$TAXO_DIR",
	// …; root and args are the command line, for the help an error points to.
	dirFrom string
	root    *cobra.Command
	args    []string

	cfg       config.Config // after settle
	settled   bool
	settleErr error

	// browser, when set, is told how the load is going instead of stderr;
	// quiet says nothing at all, for completions.
	browser *launch.Progress
	quiet   bool

	// remember keeps what each load read for the next, which takes
	// previous: the browser's reloads read only the files changed.
	remember bool
	previous *loader.Result

	// writes are the loads that may be writing the index cache, which Run
	// waits for before it returns.
	writesMu sync.Mutex
	writes   []loader.Writes

	// tagPage, when set, is the page (from the site's root) the browser
	// opens on its tagging screen: taxo tag FILE.
	tagPage string
}

// Run executes taxo with args (without the program name) and returns the
// exit status. It never panics on bad input: a panic is a bug and is
// reported as one.
func Run(ctx context.Context, args []string, streams IO) (code int) {
	a := &app{io: streams, maxSize: loader.DefaultMaxFileSize, args: args}
	root := a.rootCommand()
	a.root = root
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	err := fang.Execute(ctx, root,
		fang.WithVersion(Version().Short()),
		fang.WithErrorHandler(a.handleError),
	)
	a.waitForWrites()
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, syscall.EPIPE) {
		return ExitClosedPipe
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitUsage // cobra's own errors: unknown commands, flags and arguments
}

// handleError prints what went wrong in one style for every error, as git
// and go do: "taxo: " and the message, then a line of advice when there is
// one. A mistake in the config file starts with its path:line:col, as
// compilers write them, so that editors can jump to it. Messages can quote
// term IDs, titles and paths, so they are made safe for the terminal first.
func (a *app) handleError(w io.Writer, _ fang.Styles, err error) {
	var ee *exitError
	isExit := errors.As(err, &ee)
	if isExit && ee.err == nil || errors.Is(err, syscall.EPIPE) {
		return // the command has said what went wrong, or no one reads
	}
	fmt.Fprintf(w, "taxo: %s\n", safe.Text(err.Error()))
	var inConfig *config.Error
	switch {
	case isExit:
		if ee.hint != "" {
			fmt.Fprintf(w, "  %s\n", safe.Text(ee.hint))
		}
	case !errors.As(err, &inConfig): // cobra's own: an unknown command or argument
		fmt.Fprintf(w, "  %s\n", a.helpHint())
	}
}

// helpHint points to the help of the command the arguments call.
func (a *app) helpHint() string { return a.commandPath() + " --help shows how to use it" }

// commandPath names the command the arguments call, such as "taxo show".
func (a *app) commandPath() string {
	if a.root == nil {
		return "taxo"
	}
	cmd, _, err := a.root.Find(a.args)
	if err != nil || cmd == nil {
		return a.root.CommandPath()
	}
	return cmd.CommandPath()
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
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) <= 1 {
				return nil
			}
			if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
				return usageHint(fmt.Errorf("unknown command %q", args[0]), fmt.Sprintf("did you mean taxo %s?", near[0]))
			}
			err := fmt.Errorf("taxo takes one PATH, got %d arguments", len(args))
			return usageHint(err, quoteHint("taxo", "a path", args))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if a.dir != "" && a.dir != args[0] {
					return usage(errors.New("give the taxonomy as PATH or as --dir, not both"))
				}
				if err := a.settle(cmd); err != nil {
					return err
				}
				a.dir, a.cfg.Dir, a.dirFrom = args[0], args[0], pathArgument
			}
			return a.browse(cmd)
		},
		// The commands settle the settings when they need them, so that a
		// broken config file does not stop version, help or config edit.
		PersistentPreRun: func(cmd *cobra.Command, _ []string) { a.cmd = cmd },
	}
	root.PersistentFlags().StringVarP(&a.dir, "dir", "d", "", "the taxonomy (default $TAXO_DIR, else the config file's dir, else the embedded sample)")
	root.PersistentFlags().Var(&a.maxSize, "max-size", "skip term files larger than SIZE (such as 512KiB or 8MiB)")
	root.PersistentFlags().StringVar(&a.lang, "lang", "", "on a Hugo site, the language L to read (default: the site's defaultContentLanguage)")
	root.PersistentFlags().String("theme", "", "colours for a dark or light background, or auto: the terminal's (default auto)")
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "the config file (default $TAXO_CONFIG, else taxo/config.yaml in the user's config folder: taxo config path)")
	root.PersistentFlags().Bool("no-cache", false, "read every file, neither reading nor writing the index cache (also $TAXO_NO_CACHE)")
	root.SuggestionsMinimumDistance = 2
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageHint(err, a.helpHint()) })
	_ = root.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions([]string{"auto", "dark", "light"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("lang", a.completeLanguages)
	root.AddCommand(a.listCommand(), a.showCommand(), a.checkCommand(), a.searchCommand(), a.suggestCommand(),
		a.graphCommand(), a.pagesCommand(), a.tagCommand(), a.retagCommand(), a.configCommand(), a.versionCommand())
	checkValuesFirst(root)
	return root
}

// checkValuesFirst makes cmd and its subcommands refuse a flag that took
// another flag as its value ("--kind -d site" reads "-d" as the kind and
// "site" as an argument) before their arguments are checked, which would
// blame the argument.
func checkValuesFirst(cmd *cobra.Command) {
	args := cmd.Args
	cmd.Args = func(c *cobra.Command, a []string) error {
		if err := swallowedFlag(c); err != nil {
			return err
		}
		if args == nil {
			return nil
		}
		return args(c, a)
	}
	for _, sub := range cmd.Commands() {
		checkValuesFirst(sub)
	}
}

// swallowedFlag finds a flag of c set to a value that is one of c's flags.
func swallowedFlag(c *cobra.Command) error {
	var err error
	c.Flags().Visit(func(f *pflag.Flag) {
		if err != nil || f.Value.Type() == "bool" {
			return
		}
		values := []string{f.Value.String()}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice()
		}
		for _, v := range values {
			if other := flagNamed(c, v); other != nil {
				err = usage(fmt.Errorf("--%s needs a value before %s", f.Name, v))
				return
			}
		}
	})
	return err
}

// flagNamed is the flag of c that arg names ("-d", "--dir", "--dir=x"), or nil.
func flagNamed(c *cobra.Command, arg string) *pflag.Flag {
	switch {
	case strings.HasPrefix(arg, "--") && !strings.ContainsAny(arg, " \t\n"):
		name, _, _ := strings.Cut(arg[2:], "=")
		return c.Flags().Lookup(name)
	case len(arg) == 2 && arg[0] == '-':
		return c.Flags().ShorthandLookup(arg[1:])
	}
	return nil
}

// settle works out the settings once: the defaults, then the config file,
// then the environment, then the flags of cmd, each beating the one before.
func (a *app) settle(cmd *cobra.Command) error {
	if a.settled {
		return a.settleErr
	}
	a.settled = true
	a.settleErr = a.resolve(cmd)
	return a.settleErr
}

func (a *app) resolve(cmd *cobra.Command) error {
	c := config.Default()
	path, explicit, err := a.configPath()
	switch {
	case err != nil && explicit:
		return usage(err)
	case err == nil:
		found, err := c.Load(path, a.io.Getenv("HOME"))
		if err != nil {
			return usage(err)
		}
		if !found && explicit {
			return usage(fmt.Errorf("the config file %s does not exist", path))
		}
		if c.Dir != "" {
			a.dirFrom = "dir in " + path
		}
	}
	if err := c.ApplyEnv(a.io.Getenv); err != nil {
		return usage(err)
	}
	if a.io.Getenv("TAXO_DIR") != "" {
		a.dirFrom = "$TAXO_DIR"
	}
	if cmd != nil {
		for _, s := range config.Settings() {
			f := cmd.Flags().Lookup(s.Flag)
			if s.Flag == "" || f == nil || !f.Changed {
				continue
			}
			if err := c.Set(s.Name, f.Value.String()); err != nil {
				return usage(fmt.Errorf("--%s: %w", s.Flag, err))
			}
			if s.Name == "dir" {
				a.dirFrom = "--" + s.Flag
			}
		}
	}
	a.cfg = c
	return nil
}

// configPath is where the config file is; explicit is true when --config
// or $TAXO_CONFIG named it, so that it must exist.
func (a *app) configPath() (path string, explicit bool, err error) {
	if a.configFile != "" {
		return a.configFile, true, nil
	}
	explicit = a.io.Getenv("TAXO_CONFIG") != ""
	path, err = config.Path(a.io.Getenv)
	return path, explicit, err
}

// browse opens the browser on a terminal. When stdout is not a terminal
// (a pipe, a file, a test) it prints the list instead, as list does.
func (a *app) browse(cmd *cobra.Command) error {
	if !isTerminal(a.io.Out) || a.io.Browse == nil {
		tx, err := a.loadWithoutBodies()
		if err != nil {
			return err
		}
		if err := a.requireTerms(tx); err != nil {
			return err
		}
		return a.printList(tx, tx.Graph.Terms(), false)
	}
	if err := a.settle(cmd); err != nil {
		return err
	}
	source := a.source()
	opts := launch.Options{Getenv: a.io.Getenv, Theme: a.cfg.Theme, Style: a.cfg.Style,
		Width: a.cfg.Width, NoMouse: !a.cfg.Mouse, Keys: &a.cfg.Keys, TagPage: a.tagPage}
	if source != "" {
		// Fail before the screen changes, with the exit status of a bad PATH.
		if _, err := os.Stat(source); err != nil {
			return a.unreadable(err)
		}
		// Watching a big taxonomy's folders takes a while: the browser
		// starts it once its first frame is out.
		w := &lazyWatch{source: source}
		defer w.Close()
		opts.Watch = w.Start
		// A git checkout pauses between files on a busy machine; the
		// browser reloads once git is done, not in a pause.
		opts.Busy = watch.GitBusy(source, gitLockStale)
	}
	// Each load after the first reads only the files changed since the
	// one before: a reload of a big taxonomy after one file is saved takes
	// the walk and the linking, not the parsing of every file.
	load := a.browserLoad(source)
	lang, err := a.browserLanguage(source)
	if err != nil {
		return err
	}
	a.browser = launch.NewProgress()
	opts.LoadResult, opts.Lang, opts.Source, opts.Progress = load, lang, source, a.browser
	if source == "" {
		opts.Source = "sample"
	}
	return a.io.Browse(cmd.Context(), opts)
}

// browserLoad is the browser's load of source. Each load after the first
// reads only the files changed since the one before: a reload of a big
// taxonomy after one file is saved takes the walk and the linking, not
// the parsing of every file.
func (a *app) browserLoad(source string) func() (*loader.Result, error) {
	a.remember = true
	content := siteContent(source)
	return func() (*loader.Result, error) {
		if content != "" {
			// A site whose content/ went away would load as a folder of no
			// terms: the browser says it is gone instead.
			if _, err := os.Stat(content); err != nil {
				return nil, err
			}
		}
		res, err := a.loadResult(true)
		if err != nil {
			return nil, err
		}
		a.previous = res
		return res, nil
	}
}

// gitLockStale is the age at which a git index lock is taken as left over
// by a git that died rather than held by one at work: no checkout of a
// taxonomy takes a minute.
const gitLockStale = time.Minute

// siteContent is the content/ folder of a site root, as the loader reads
// it; "" when source is not a site root.
func siteContent(source string) string {
	if source == "" {
		return ""
	}
	content := filepath.Join(source, "content")
	if info, err := os.Stat(content); err != nil || !info.IsDir() {
		return ""
	}
	return content
}

// unreadable says that the taxonomy cannot be read, naming its path and
// where the path came from. A PATH that is neither a file nor a folder but
// is close to a command's name ("taxo lst") was most likely that command.
func (a *app) unreadable(err error) error {
	dir := a.source()
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err // "stat PATH: " would name the path twice
	}
	if a.dirFrom == pathArgument && errors.Is(err, fs.ErrNotExist) && a.root != nil {
		if near := a.root.SuggestionsFor(dir); len(near) > 0 {
			return usageHint(fmt.Errorf("%q is neither a command nor a file or folder", dir),
				fmt.Sprintf("did you mean taxo %s?", near[0]))
		}
	}
	from := ""
	if a.dirFrom != "" {
		from = " (from " + a.dirFrom + ")"
	}
	return usage(fmt.Errorf("cannot read the taxonomy at %s%s: %w", dir, from, reason))
}

// sayWhySample says, on stderr, that a command run inside a Hugo site
// read the embedded sample (for want of --dir, $TAXO_DIR or dir in the
// config file), and how to read the site: zk and git find their folder
// from the working one, and a user in a site expects that. Not for the
// browser, whose screen says "sample", nor for pages, which fails saying
// the same.
func (a *app) sayWhySample() {
	if a.quiet || a.browser != nil || a.cmd == nil || a.cmd.Name() == "pages" {
		return
	}
	if hint := a.siteHint(); hint != "" {
		fmt.Fprintf(a.io.Err, "taxo: %s\n  %s\n", sampleRead, hint)
	}
}

// sampleRead says why taxo read its embedded sample.
const sampleRead = "read the embedded sample, " + forWantOfDir

// forWantOfDir names what would have named a taxonomy instead of the sample.
const forWantOfDir = "for want of --dir, $TAXO_DIR or dir in the config file"

// siteHint names the Hugo site the working folder is in and how to read
// it with the command run; "" outside a site.
func (a *app) siteHint() string {
	root := loader.SiteRoot(".")
	if root == "" {
		return ""
	}
	line := []string{a.cmd.CommandPath()}
	for _, arg := range a.cmd.Flags().Args() {
		if strings.ContainsAny(arg, " \t\"'$`\\") || arg == "" {
			arg = strconv.Quote(arg)
		}
		line = append(line, safe.Line(arg))
	}
	return "the working folder is in the Hugo site at " + safe.Line(root) + ": " + strings.Join(line, " ") + " -d " + safe.Line(root)
}

// quoteHint tells how to give words with spaces as one argument, as a
// user who types taxo show Scrum Master meant.
func quoteHint(command, noun string, args []string) string {
	return fmt.Sprintf("quote %s with spaces: %s %s", noun, command, strconv.Quote(strings.Join(args, " ")))
}

// taxonomy is a loaded taxonomy with what the commands need of the load
// that read it.
type taxonomy struct {
	*model.Taxonomy
	result *loader.Result
}

// source returns where the taxonomy comes from, once the settings are
// settled: PATH or --dir, else $TAXO_DIR, else the config file's dir, else
// "" for the embedded sample.
func (a *app) source() string { return a.cfg.Dir }

// load reads the taxonomy the settings name.
func (a *app) load() (*taxonomy, error) { return a.loadTerms(true) }

// loadWithoutBodies is load for a command that prints no term's body: the
// files are read and checked as always, their bodies are not kept (at 100k
// terms, ~200 MB less at the peak, and quicker).
func (a *app) loadWithoutBodies() (*taxonomy, error) { return a.loadTerms(false) }

func (a *app) loadTerms(bodies bool) (*taxonomy, error) {
	res, err := a.loadResult(bodies)
	if err != nil {
		return nil, err
	}
	g, err := languageGraph(res, a.lang)
	if err != nil {
		return nil, err
	}
	return &taxonomy{Taxonomy: model.TaxonomyOf(res.Root, g, res.Problems), result: res}, nil
}

// loadResult reads what the settings name, as the loader gives it: every
// language of a site.
func (a *app) loadResult(bodies bool) (*loader.Result, error) {
	if err := a.settle(a.cmd); err != nil {
		return nil, err
	}
	opts := a.loadOptions()
	opts.NoBodies = !bodies
	opts.Remember, opts.Previous = a.remember, a.previous
	opts.Cache = a.indexCache()
	var report *loadReport
	switch {
	case a.browser != nil:
		opts.Progress, opts.Terms = a.browser.Files, a.browser.Terms
	case !a.quiet && isTerminal(a.io.Err):
		report = reportLoad(a.io.Err, progressAfter, progressEvery)
		defer report.stop()
		opts.Progress = report.files
	}
	var res *loader.Result
	if dir := a.source(); dir != "" {
		var err error
		res, err = loader.Load(dir, opts)
		if err != nil {
			return nil, a.unreadable(err)
		}
		a.writing(res)
	} else {
		res = loader.LoadFS(sample.FS, nil, opts)
		a.sayWhySample()
	}
	if report != nil {
		report.link(len(res.Terms))
	}
	return res, nil
}

// indexCache is the index cache loads read and write: in the user's cache
// folder, unless the settings say no-cache or there is no such folder.
func (a *app) indexCache() *loader.Cache {
	if a.cfg.NoCache {
		return nil
	}
	dir, err := config.CacheDir(a.io.Getenv)
	if err != nil {
		return nil
	}
	v := Version()
	return &loader.Cache{Dir: dir, Version: v.Short() + " " + v.GoVersion}
}

// writing notes a load that may be writing the index cache, and the graphs
// linked from it, in the background, for Run to wait for before taxo exits.
func (a *app) writing(res *loader.Result) {
	a.writesMu.Lock()
	defer a.writesMu.Unlock()
	a.writes = slices.DeleteFunc(a.writes, loader.Writes.Done)
	a.writes = append(a.writes, res.Writes())
}

// waitForWrites waits for the index caches being written. One that cannot
// be written costs the next start its speed, nothing else: it is not an
// error of the command.
func (a *app) waitForWrites() {
	a.writesMu.Lock()
	writes := a.writes
	a.writes = nil
	a.writesMu.Unlock()
	for _, w := range writes {
		w.Wait()
	}
}

// loadOptions are the loader's options as the settings set them.
func (a *app) loadOptions() loader.Options {
	return loader.Options{MaxFileSize: a.cfg.MaxSize}
}

// counts returns how many problems are errors and how many warnings.
func (tx *taxonomy) counts() (errs, warnings int) {
	for _, p := range tx.Problems() {
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
		fmt.Fprintf(a.io.Err, "taxo: %s while loading; run taxo check to see them\n", english.Plural(errs, "error"))
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// lazyWatch starts watching a taxonomy when the browser asks, and stops
// when the browser is done, even if that comes first.
type lazyWatch struct {
	source string
	mu     sync.Mutex
	w      *watch.Watcher
	closed bool
}

// Start watches the files; it fits launch.Options.Watch.
func (l *lazyWatch) Start() (<-chan struct{}, error) {
	w, err := watch.New(l.source)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		w.Close()
		return nil, errors.New("the browser has quit")
	}
	l.w = w
	return w.Changes(), nil
}

// Close stops watching.
func (l *lazyWatch) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.w != nil {
		l.w.Close()
	}
}
