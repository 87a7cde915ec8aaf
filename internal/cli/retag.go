package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/internal/tagwrite"
	"taxo/model"
)

type retagFlags struct {
	taxonomy string
	dryRun   bool
	undo     bool
}

func (a *app) retagCommand() *cobra.Command {
	var f retagFlags
	cmd := &cobra.Command{
		Use:   "retag OLD NEW",
		Short: "Rename a term on every page that carries it, or merge it into another",
		Long: `Rename the term OLD to NEW on every content page of a Hugo site that carries
it, or merge OLD into NEW when the site has NEW already: a page carrying
both keeps NEW alone. OLD and NEW are titles, keys or IDs, as tag takes
them; NEW is of OLD's taxonomy. It prints each page that changes with what
changes in it, then how many pages change.

Each page is written as tag writes it (only its list changes, atomically,
refused when the file changed since it was read), and what was written is
kept in a journal in the user's state folder, so that retag --undo puts
back every page of the last retag, leaving alone (and naming) those changed
since. --dry-run changes nothing.

The site is --dir when given, else the Hugo site the working folder is in,
else $TAXO_DIR or the config's dir.`,
		Example: `  taxo retag golang Go --dry-run
  taxo retag tags/ci-cd tags/ci/cd      # merge one spelling into the other
  taxo retag --undo`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case f.undo && len(args) > 0:
				return usage(errors.New("retag --undo takes no terms: it undoes the last retag"))
			case !f.undo && len(args) != 2:
				err := fmt.Errorf("retag takes OLD and NEW, got %s", english.Plural(len(args), "argument"))
				if len(args) < 2 {
					return usageHint(err, "name the term and what it becomes: taxo retag golang Go")
				}
				return usageHint(err, `quote a name with spaces: taxo retag "Old Name" "New Name"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.undo {
				return a.retagUndo()
			}
			return a.retag(args[0], args[1], f)
		},
		ValidArgsFunction: a.completeTerms,
	}
	cmd.Flags().StringVarP(&f.taxonomy, "taxonomy", "x", "", "OLD is a term of the taxonomy PLURAL (tags, categories, series…)")
	cmd.Flags().BoolVarP(&f.dryRun, "dry-run", "n", false, "print what would change, write nothing")
	cmd.Flags().BoolVar(&f.undo, "undo", false, "put back every page the last retag wrote")
	return cmd
}

// retagged is one page a retag changes.
type retagged struct {
	path   string // from the site's root
	abs    string
	change tagwrite.Change
	writer tagwrite.Writer
}

func (a *app) retag(oldName, newName string, f retagFlags) error {
	wd, err := os.Getwd()
	if err != nil {
		return usage(err)
	}
	if err := a.settleSite(wd, "the working folder"); err != nil {
		return err
	}
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return err
	}
	if tx.result.Site == nil {
		return usage(fmt.Errorf("%s is not a Hugo site (no hugo.toml, config.toml or config/_default/ at its root); taxo writes the pages of a site", safe.Line(a.source())))
	}
	old, target, err := retagTerms(tx.Graph, oldName, newName, f.taxonomy)
	if err != nil {
		return err
	}
	pages, err := a.retagPages(tx, old, target)
	if err != nil {
		return err
	}
	a.printRetag(pages, old, target, f.dryRun)
	if f.dryRun || len(pages) == 0 {
		return nil
	}
	return a.writeRetag(tx.result.Root, pages, oldName, newName)
}

// retagTerms finds the term to rename and what it becomes: a term of the
// site in its taxonomy (a merge), or a new spelling.
func retagTerms(g *model.Graph, oldName, newName, taxonomy string) (*model.Term, termChoice, error) {
	kinds, err := taxonomyKinds(g, taxonomy)
	if err != nil {
		return nil, termChoice{}, err
	}
	oldChoice, err := chooseTerm(g, oldName, kinds)
	if err != nil {
		return nil, termChoice{}, err
	}
	if oldChoice.term == nil {
		return nil, termChoice{}, noSuchTerm(g, oldName, kinds)
	}
	old := oldChoice.term
	if k, _, isID := idOf(g, newName, g.Kinds()); isID && k != old.Kind {
		return nil, termChoice{}, usage(fmt.Errorf("retag renames a term within its taxonomy: %s is a %s, %s names a %s", old.ID, old.Kind, safe.Line(newName), k))
	}
	target, err := chooseTerm(g, newName, []model.Kind{old.Kind})
	if err != nil {
		return nil, termChoice{}, err
	}
	return old, target, nil
}

// retagPages works out the change to every page carrying old, in every
// language (or --lang's), in path order.
func (a *app) retagPages(tx *taxonomy, old *model.Term, target termChoice) ([]retagged, error) {
	res := tx.result
	graphs := []*model.Graph{tx.Graph}
	if a.lang == "" {
		for _, l := range res.Site.Languages[1:] {
			graphs = append(graphs, res.Graph(l.Code))
		}
	}
	var out []retagged
	for _, g := range graphs {
		t := g.Get(old.ID)
		if t == nil {
			continue
		}
		spelling := target.spelling
		if target.term != nil {
			if there := g.Get(target.term.ID); there != nil {
				spelling = g.Spelling(there)
			}
		}
		site, w := tagwrite.ForGraph(res.Root, g)
		for _, p := range g.PagesOf(t) {
			abs := filepath.Join(res.Root, filepath.FromSlash(p.Path))
			src, err := safe.ReadFile(abs, safe.MaxNamedFile)
			if err != nil {
				return nil, failure("cannot read %s: %v", safe.Line(p.Path), err)
			}
			c, err := site.Apply(src, old.Kind.Taxonomy(), tagwrite.Rename(old.Slug, spelling))
			if err != nil {
				return nil, failure("cannot change %s: %v; nothing was written", safe.Line(p.Path), err)
			}
			if c.Changed() {
				out = append(out, retagged{path: p.Path, abs: abs, change: c, writer: w})
			}
		}
	}
	return out, nil
}

// printRetag prints each page that changes and what changes in it, then
// how many pages change and how.
func (a *app) printRetag(pages []retagged, old *model.Term, target termChoice, dryRun bool) {
	w := bufio.NewWriter(a.io.Out)
	for _, p := range pages {
		fmt.Fprintf(w, "%s\t%s\n", safe.Line(p.path), safe.Line(changeSummary(p.change, nil)))
	}
	_ = w.Flush()
	how := fmt.Sprintf("%s renamed to %q", old.ID, target.spelling)
	if target.term != nil && target.term.ID != old.ID {
		how = fmt.Sprintf("%s merged into %s", old.ID, target.term.ID)
	}
	verb := "change"
	if len(pages) == 1 {
		verb = "changes"
	}
	fmt.Fprintf(a.io.Err, "%s %s: %s\n", english.Plural(len(pages), "page"), verb, safe.Line(how))
	if note := termPageNote(old, target); note != "" && len(pages) > 0 {
		fmt.Fprintln(a.io.Err, note)
	}
	if dryRun {
		fmt.Fprintln(a.io.Err, "dry run: nothing written")
	}
}

// termPageNote says what becomes of OLD's term page, which taxo never
// writes, when the retag moves its pages to another key: it describes a
// term no page carries, and its Instructions reach no editor, unless it is
// moved (a rename) or folded into NEW's (a merge). "" when the key stays.
func termPageNote(old *model.Term, target termChoice) string {
	key := model.Urlize(target.spelling)
	if target.term != nil {
		key = target.term.Slug
	}
	if old.Path == "" || key == old.Slug {
		return ""
	}
	if target.term != nil && target.term.Path != "" {
		return fmt.Sprintf("note: %s, the term page of %s, is left as it is (taxo never writes term files): fold what it says into %s, or remove it",
			safe.Line(old.Path), old.ID, safe.Line(target.term.Path))
	}
	// A site's term page is <plural>/<key>/_index.md, its translations
	// (_index.fr.md) and resources beside it: the folder moves whole.
	moved := path.Join(path.Dir(path.Dir(old.Path)), key)
	return fmt.Sprintf("note: %s, the term page of %s, is left as it is (taxo never writes term files): rename its folder to %s to keep it with the term",
		safe.Line(old.Path), old.ID, safe.Line(moved))
}

// writeRetag writes every page, keeping the journal that retag --undo
// reads. The journal is saved first with every page to write, so that a
// run stopped halfway can be undone too (a page still as it was is left
// alone), then with the pages written.
func (a *app) writeRetag(root string, pages []retagged, oldName, newName string) error {
	path, err := a.journalPath(root)
	if err != nil {
		return failure("nothing written: %v", err)
	}
	abs, _ := filepath.Abs(root)
	j := tagwrite.Journal{Root: abs, Command: fmt.Sprintf("taxo retag %q %q", oldName, newName), Time: time.Now()}
	for _, p := range pages {
		j.Files = append(j.Files, tagwrite.Undo{Path: p.abs, Before: p.change.Old, After: p.change.New})
	}
	if err := tagwrite.SaveJournal(path, j); err != nil {
		return failure("nothing written: cannot keep the journal for --undo: %v", err)
	}
	var written []tagwrite.Undo
	failed := 0
	for _, p := range pages {
		u, err := p.writer.Write(p.abs, p.change.Old, p.change.New)
		if err != nil {
			fmt.Fprintf(a.io.Err, "taxo: %s\n", safe.Line(err.Error()))
			failed++
			continue
		}
		written = append(written, u)
	}
	j.Files = written
	if err := tagwrite.SaveJournal(path, j); err != nil {
		fmt.Fprintf(a.io.Err, "taxo: cannot update the journal: %v; retag --undo will leave alone the pages not written\n", err)
	}
	fmt.Fprintf(a.io.Err, "wrote %s; taxo retag --undo puts %s back\n", english.Plural(len(written), "page"), them(len(written)))
	if failed > 0 {
		return failure("%s not written", english.Plural(failed, "page"))
	}
	return nil
}

// retagUndo puts back every page the last retag wrote that is still as it
// wrote it; a page changed since is named and left alone, and kept in the
// journal for another try.
func (a *app) retagUndo() error {
	path, err := a.journalPath("")
	if err != nil {
		return failure("%v", err)
	}
	j, err := tagwrite.ReadJournal(path)
	if errors.Is(err, fs.ErrNotExist) {
		return failure("no retag to undo")
	}
	if err != nil {
		return failure("%v", err)
	}
	w := tagwrite.Writer{Root: j.Root}
	var left []tagwrite.Undo
	restored := 0
	for _, u := range j.Files {
		if now, err := os.ReadFile(u.Path); err == nil && bytes.Equal(now, u.Before) {
			continue // as it was: never written, or put back already
		}
		if err := w.Undo(u); err != nil {
			fmt.Fprintf(a.io.Err, "taxo: %s\n", safe.Line(err.Error()))
			left = append(left, u)
			continue
		}
		restored++
	}
	fmt.Fprintf(a.io.Err, "put back %s of %s (%s)\n", english.Plural(restored, "page"), safe.Line(j.Command), j.Time.Format(time.DateTime))
	if len(left) > 0 {
		j.Files = left
		if err := tagwrite.SaveJournal(path, j); err != nil {
			return failure("cannot update the journal: %v", err)
		}
		return failure("%s changed since the retag %s left alone; put %s as the retag left %s and retag --undo again", english.Plural(len(left), "page"), verb(len(left)), them(len(left)), them(len(left)))
	}
	if err := os.Remove(path); err != nil {
		return failure("cannot remove the journal: %v", err)
	}
	return nil
}

// verb is "was" or "were" for a count.
func verb(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// them is "it" or "them" for a count.
func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// journalPath is where retag keeps its journal: the user's state folder
// ($XDG_STATE_HOME, else ~/.local/state; the cache folder on macOS and
// Windows), never inside the site at root.
func (a *app) journalPath(root string) (string, error) {
	dir := a.io.Getenv("XDG_STATE_HOME")
	switch {
	case dir != "" && filepath.IsAbs(dir):
	case a.io.Getenv("HOME") != "" && runtime.GOOS != "darwin" && runtime.GOOS != "windows":
		dir = filepath.Join(a.io.Getenv("HOME"), ".local", "state")
	default:
		var err error
		if dir, err = os.UserCacheDir(); err != nil {
			return "", fmt.Errorf("no folder to keep the journal in: %w", err)
		}
	}
	path := filepath.Join(dir, "taxo", "retag-journal.json")
	if root != "" {
		abs, _ := filepath.Abs(root)
		if rel, err := filepath.Rel(abs, path); err == nil && filepath.IsLocal(rel) && !strings.HasPrefix(rel, "..") {
			return "", fmt.Errorf("the journal would be inside the site (%s); set XDG_STATE_HOME elsewhere", path)
		}
	}
	return path, nil
}
