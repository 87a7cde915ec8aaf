package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/internal/tagwrite"
	"taxo/loader"
	"taxo/model"
)

type tagFlags struct {
	add, remove []string
	taxonomy    string
	dryRun      bool
	json        bool
}

func (a *app) tagCommand() *cobra.Command {
	var f tagFlags
	cmd := &cobra.Command{
		Use:   "tag FILE",
		Short: "Add and remove terms in a content page's front matter",
		Long: `Change the terms a content page of a Hugo site carries, and print the diff.

TERM is a title, key or ID (tags/go), in any case. A term the site has is
written as the site spells it; one it has not is added as typed and said to
be new (a tag, unless --taxonomy names another taxonomy or the ID does).
When a name fits terms of several taxonomies (a category and a tag "Go"),
they are listed and the exit status is 1: name one by its ID, or add
--taxonomy. Only the lists of the taxonomies changed are written: every
other byte of the file stays as it was, and the write is refused when the
file changed since it was read.

Without --add or --remove, the browser opens on the page's tagging screen.

The site is --dir when given, else the Hugo site FILE is in (the nearest
folder above it with a site config), else $TAXO_DIR or the config's dir.`,
		Example: `  taxo tag content/post/flow.md --add "Flow Metrics" --remove kanban
  taxo tag content/post/flow.md --add series/metrics --dry-run
  taxo tag content/post/flow.md                 # the browser's tagging screen`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageHint(fmt.Errorf("tag takes one FILE, got %d arguments", len(args)), "give terms with --add and --remove")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(f.add) == 0 && len(f.remove) == 0 {
				if f.dryRun || f.json {
					return usage(errors.New("--dry-run and --json need --add or --remove"))
				}
				return a.tagInBrowser(cmd, args[0])
			}
			return a.tag(args[0], f)
		},
	}
	cmd.Flags().StringArrayVarP(&f.add, "add", "a", nil, "add the term TERM (repeat for several)")
	cmd.Flags().StringArrayVarP(&f.remove, "remove", "r", nil, "remove the term TERM (repeat for several)")
	cmd.Flags().StringVarP(&f.taxonomy, "taxonomy", "x", "", "the terms are of the taxonomy PLURAL (tags, categories, series…)")
	cmd.Flags().BoolVarP(&f.dryRun, "dry-run", "n", false, "print the diff, write nothing")
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON object: the changes, the diff, whether it was written")
	_ = cmd.RegisterFlagCompletionFunc("add", a.completeTerms)
	_ = cmd.RegisterFlagCompletionFunc("remove", a.completeTerms)
	return cmd
}

// tagInBrowser opens the browser on the page's tagging screen, in the
// page's language.
func (a *app) tagInBrowser(cmd *cobra.Command, file string) error {
	if !isTerminal(a.io.Out) || a.io.Browse == nil {
		return usage(errors.New("tag FILE without --add or --remove opens the browser, which needs a terminal: add --add or --remove to change the page from a script"))
	}
	pg, err := a.openPage(file)
	if err != nil {
		return err
	}
	a.lang, a.tagPage = pg.page.Lang, pg.page.Path
	return a.browse(cmd)
}

// tagChangeJSON is one taxonomy's change, as tag --json prints it.
type tagChangeJSON struct {
	Taxonomy string   `json:"taxonomy"`
	Before   []string `json:"before"`
	After    []string `json:"after"`
	Added    []string `json:"added"`
	Removed  []string `json:"removed"`
	New      []string `json:"new"` // of the added, those the site had not
}

// tagJSON is what tag --json prints.
type tagJSON struct {
	Path    string          `json:"path"`
	Written bool            `json:"written"`
	Changes []tagChangeJSON `json:"changes"`
	Diff    string          `json:"diff"`
}

func (a *app) tag(file string, f tagFlags) error {
	pg, err := a.openPage(file)
	if err != nil {
		return err
	}
	kinds, err := taxonomyKinds(pg.graph, f.taxonomy)
	if err != nil {
		return err
	}
	edits, fresh, err := a.tagEdits(pg, f, kinds)
	if err != nil {
		return err
	}
	site, w := tagwrite.ForGraph(pg.root, pg.graph)
	changes, after, err := site.ApplyAll(pg.src, edits)
	if err != nil {
		return failure("cannot change %s: %v", safe.Line(pg.page.Path), err)
	}
	whole := tagwrite.Change{Old: pg.src, New: after}
	written := false
	if whole.Changed() && !f.dryRun {
		if _, err := w.Write(pg.abs, pg.src, after); err != nil {
			return failure("%v", err)
		}
		written = true
	}
	if f.json {
		return writeJSON(a.io.Out, tagResultJSON(pg.page.Path, written, changes, fresh, whole.Diff(pg.page.Path)))
	}
	return a.printTagged(pg.page.Path, whole, changes, fresh, written)
}

// printTagged prints the diff on stdout and, on stderr, what changed and
// whether it was written.
func (a *app) printTagged(path string, whole tagwrite.Change, changes []tagwrite.Change, fresh map[string]bool, written bool) error {
	if !whole.Changed() {
		fmt.Fprintf(a.io.Err, "taxo: nothing to change: %s carries those terms already, and not the others\n", safe.Line(path))
		return nil
	}
	st := a.outputStyles()
	w := bufio.NewWriter(st.writer(a.io.Out))
	fmt.Fprint(w, colourDiff(whole.Diff(path), st))
	if err := w.Flush(); err != nil {
		return err
	}
	for _, c := range changes {
		if c.Changed() {
			fmt.Fprintf(a.io.Err, "%s\n", safe.Line(changeSummary(c, fresh)))
		}
	}
	if written {
		fmt.Fprintf(a.io.Err, "wrote %s\n", safe.Line(path))
	} else {
		fmt.Fprintf(a.io.Err, "dry run: %s is left as it was\n", safe.Line(path))
	}
	return nil
}

// changeSummary says a taxonomy's change in one line, each term new to the
// site marked: "tags: +Kubernetes (new) -rust".
func changeSummary(c tagwrite.Change, fresh map[string]bool) string {
	var parts []string
	for _, t := range c.Added() {
		if fresh[t] {
			t += " (new)"
		}
		parts = append(parts, "+"+t)
	}
	for _, t := range c.Removed() {
		parts = append(parts, "-"+t)
	}
	return strings.ToLower(c.Taxonomy) + ": " + strings.Join(parts, " ")
}

// colourDiff colours a unified diff's lines as git does, on a terminal.
func colourDiff(diff string, st outputStyles) string {
	if !st.color {
		return safe.Text(diff)
	}
	added, removed := lipgloss.NewStyle().Foreground(lipgloss.Green), lipgloss.NewStyle().Foreground(lipgloss.Red)
	var b strings.Builder
	for line := range strings.Lines(diff) {
		text := safe.Line(strings.TrimSuffix(line, "\n"))
		switch {
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"), strings.HasPrefix(line, "@@"):
			text = st.title.Render(text)
		case strings.HasPrefix(line, "+"):
			text = added.Render(text)
		case strings.HasPrefix(line, "-"):
			text = removed.Render(text)
		}
		b.WriteString(text + "\n")
	}
	return b.String()
}

func tagResultJSON(path string, written bool, changes []tagwrite.Change, fresh map[string]bool, diff string) tagJSON {
	out := tagJSON{Path: path, Written: written, Changes: []tagChangeJSON{}, Diff: diff}
	for _, c := range changes {
		j := tagChangeJSON{Taxonomy: strings.ToLower(c.Taxonomy), Before: nonNil(c.Before), After: nonNil(c.After),
			Added: nonNil(c.Added()), Removed: nonNil(c.Removed()), New: []string{}}
		for _, t := range c.Added() {
			if fresh[t] {
				j.New = append(j.New, t)
			}
		}
		out.Changes = append(out.Changes, j)
	}
	return out
}

// sitePage is a content page opened to change its terms: the page as
// loaded, the graph of its language, and its file as it is now.
type sitePage struct {
	root  string // the site's folder, as loaded
	abs   string // the page's file
	page  *model.Page
	graph *model.Graph
	res   *loader.Result
	src   []byte
}

// openPage loads the site file is in and finds file among its pages.
func (a *app) openPage(file string) (*sitePage, error) {
	if info, err := os.Stat(file); err != nil {
		return nil, usage(fmt.Errorf("cannot read %s: %w", safe.Line(file), unwrapPath(err)))
	} else if info.IsDir() {
		return nil, usage(fmt.Errorf("%s is a folder, not a content page", safe.Line(file)))
	}
	if err := a.settleSite(filepath.Dir(file), file); err != nil {
		return nil, err
	}
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return nil, err
	}
	res := tx.result
	if res.Site == nil {
		return nil, usage(fmt.Errorf("%s is not a Hugo site (no hugo.toml, config.toml or config/_default/ at its root); taxo writes the pages of a site", safe.Line(a.source())))
	}
	p, abs, err := findPage(res, file)
	if err != nil {
		return nil, err
	}
	src, err := safe.ReadFile(abs, safe.MaxNamedFile)
	if err != nil {
		return nil, failure("cannot read %s: %v", safe.Line(file), err)
	}
	return &sitePage{root: res.Root, abs: abs, page: p, graph: res.Graph(p.Lang), res: res, src: src}, nil
}

// settleSite settles the settings and then the site a command that writes
// works on: --dir (or PATH) when given, else the Hugo site near is in (a
// file, or the working folder), else $TAXO_DIR or the config's dir. what
// names near in messages.
func (a *app) settleSite(near, what string) error {
	if err := a.settle(a.cmd); err != nil {
		return err
	}
	if strings.HasPrefix(a.dirFrom, "--") {
		return nil
	}
	if root := loader.SiteRoot(near); root != "" {
		a.cfg.Dir, a.dirFrom = root, "the Hugo site "+what+" is in"
		return nil
	}
	if a.source() == "" {
		return usageHint(fmt.Errorf("%s is in no Hugo site (no hugo.toml, config.toml or config/_default/ in its folder or above)", safe.Line(what)),
			"name the site with --dir")
	}
	return nil
}

// findPage finds the page of the site that file is, by its path from the
// site's root (through links, when the root or the file is one).
func findPage(res *loader.Result, file string) (*model.Page, string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, "", usage(err)
	}
	root, _ := filepath.Abs(res.Root)
	var rels []string
	for _, r := range []string{root, evalLinks(root)} {
		for _, f := range []string{abs, evalLinks(abs)} {
			if rel, err := filepath.Rel(r, f); err == nil && filepath.IsLocal(rel) {
				rels = append(rels, filepath.ToSlash(rel))
			}
		}
	}
	if len(rels) == 0 {
		return nil, "", usage(fmt.Errorf("%s is not in the site at %s", safe.Line(file), safe.Line(res.Root)))
	}
	for _, p := range res.Pages {
		if slices.Contains(rels, p.Path) {
			return p, abs, nil
		}
	}
	for _, t := range res.Terms {
		if t.Path != "" && slices.Contains(rels, t.Path) {
			return nil, "", failure("cannot write %s: %v", safe.Line(file), tagwrite.ErrTermFile)
		}
	}
	if p, ok := unreadPage(res, abs); ok {
		at := safe.Line(file)
		if p.Line > 0 {
			at += fmt.Sprintf(":%d:%d", p.Line, max(p.Col, 1))
		}
		return nil, "", failure("cannot change %s: %v", at, p.Err)
	}
	return nil, "", usageHint(fmt.Errorf("%s is not a content page of the site at %s", safe.Line(file), safe.Line(res.Root)),
		"taxo pages lists them")
}

// unreadPage is the error that kept the file at abs out of the site's
// pages: its front matter that the loader could not read.
func unreadPage(res *loader.Result, abs string) (model.Problem, bool) {
	for _, p := range res.Problems {
		if p.Severity != model.Error {
			continue
		}
		at := filepath.FromSlash(p.Path)
		if !filepath.IsAbs(at) {
			at = filepath.Join(res.Root, at) // problems name files from the root
		}
		if at, err := filepath.Abs(at); err == nil && (at == abs || evalLinks(at) == evalLinks(abs)) {
			return p, true
		}
	}
	return model.Problem{}, false
}

// evalLinks is path with its links resolved, or path.
func evalLinks(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return path
}

// unwrapPath drops the operation and path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// taxonomyKinds are the kinds --taxonomy allows: the one it names (plural
// or singular, any case), else every kind of the graph.
func taxonomyKinds(g *model.Graph, name string) ([]model.Kind, error) {
	if strings.TrimSpace(name) == "" {
		return g.Kinds(), nil
	}
	for _, k := range g.Kinds() {
		if strings.EqualFold(name, k.Taxonomy()) || strings.EqualFold(name, k.String()) {
			return []model.Kind{k}, nil
		}
	}
	var names []string
	for _, k := range g.Kinds() {
		names = append(names, k.Taxonomy())
	}
	return nil, usage(fmt.Errorf("--taxonomy %q: the site's taxonomies are %s", safe.Line(name), strings.Join(names, ", ")))
}
