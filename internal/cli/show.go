package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

type showFlags struct {
	json    bool
	kind    string
	noPager bool
}

func (a *app) showCommand() *cobra.Command {
	var f showFlags
	cmd := &cobra.Command{
		Use:   "show [NAME]",
		Short: "Show one term: description, Instructions, body, links",
		Long: `Show one term rendered as styled markdown: its title and description, its
Instructions set apart, its body, then its links and backlinks.

NAME is an ID (tags/scaling), a slug (scaling) or a title ("Scaling"), in
any case. When it fits several terms (a category and a tag may share a
name), they are listed with their kinds and the exit status is 1: name one
by its ID, or add --kind. With no NAME, a taxonomy of one term file (such
as -d post.md) shows that term. Output is plain text when it is not a
terminal or NO_COLOR is set. On a terminal, a term taller than the window
is shown through $PAGER (less -R when it is unset), as git does;
--no-pager prints it directly.`,
		Example: `  taxo show scaling
  taxo show kanban --kind tag
  taxo show "Product Development" --width 72
  taxo show tags/scaling --json | jq .instructions`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				err := fmt.Errorf("show takes one term NAME, got %d arguments", len(args))
				return usageHint(err, quoteHint("taxo show", "a name", args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			return a.show(cmd.Context(), name, f)
		},
		ValidArgsFunction: a.completeTerms,
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print the term as a JSON object, with body and fields")
	cmd.Flags().StringVarP(&f.kind, "kind", "k", "", "only a term of this KIND: concept, category or tag")
	cmd.Flags().BoolVar(&f.noPager, "no-pager", false, "print directly, even when the term is taller than the terminal")
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(kindNames, cobra.ShellCompDirectiveNoFileComp))
	// The width is a setting: the config file and $TAXO_WIDTH set it too.
	cmd.Flags().IntP("width", "w", 0, "wrap at N columns (default: the config's width, else the terminal's, at most 100; 80 when not a terminal)")
	return cmd
}

func (a *app) show(ctx context.Context, name string, f showFlags) error {
	if name == "" {
		// Only a taxonomy of one file can do without a NAME: say so before
		// reading a big one.
		if err := a.settle(a.cmd); err != nil {
			return err
		}
		if info, err := os.Stat(a.source()); a.source() == "" || err == nil && info.IsDir() {
			return errNeedName
		}
	}
	tx, err := a.load()
	if err != nil {
		return err
	}
	a.noteErrors(tx)
	if err := a.requireTerms(tx); err != nil {
		return err
	}
	// After the load: a site declares kinds of its own.
	kinds, err := parseKinds(tx.Graph, f.kind)
	if err != nil {
		return err
	}
	t, err := pickOrOnly(tx.Graph, name, kinds)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(a.io.Out, toJSON(tx.Graph, t, true))
	}
	out, err := a.renderShown(ctx, tx, t)
	if err != nil {
		return err
	}
	return a.pageOrWrite(out, f.noPager)
}

// renderShown is the term as show prints it: rendered within the budget,
// a site's pages under it, in the colours the terminal has.
func (a *app) renderShown(ctx context.Context, tx *taxonomy, t *model.Term) (string, error) {
	style, width := a.showStyle()
	r, err := render.NewRenderer(style, width)
	if err != nil {
		return "", usage(err)
	}
	if !isTerminal(a.io.Out) {
		// A script looks for a URL whole, whatever the width.
		r.KeepURLsWhole()
	}
	// Some markdown takes Glamour minutes; past the budget the term is
	// shown as written, and the first line says so.
	doc, err := r.TermWithin(ctx, render.RenderBudget, tx.Graph, t, render.DocOptions{Links: true, Fields: true})
	if err != nil {
		return "", failure("rendering %s: %v", t.ID, err)
	}
	out := doc.Text
	if tx.result.Site != nil {
		pages, err := r.Markdown(pagesMarkdown(tx.Graph, tx.result.Site.Publishing(time.Now()), t))
		if err != nil {
			return "", failure("rendering %s: %v", t.ID, err)
		}
		out += pages
	}
	if style != render.StylePlain {
		// Down to the colours the terminal has, before a pager sees them.
		var b strings.Builder
		w := colorprofile.NewWriter(&b, os.Environ())
		w.Profile = colorprofile.Detect(a.io.Out, os.Environ())
		if _, err := io.WriteString(w, out); err != nil {
			return "", err
		}
		out = b.String()
	}
	return out, nil
}

// shownPages is how many of a term's pages show lists.
const shownPages = 20

// pagesMarkdown lists the pages that carry t, newest first, the first
// shownPages of them, with the date and, for a page Hugo does not publish
// now, why.
func pagesMarkdown(g *model.Graph, pub model.Publishing, t *model.Term) string {
	pages := g.PagesOf(t)
	var b strings.Builder
	switch len(pages) {
	case 0:
		b.WriteString("**Pages:** none carries it.\n")
		return b.String()
	case 1:
		b.WriteString("**Pages** (1)\n\n")
	default:
		fmt.Fprintf(&b, "**Pages** (%d), newest first\n\n", len(pages))
	}
	for _, p := range pages[:min(len(pages), shownPages)] {
		fmt.Fprintf(&b, "- %s — %s", mdEscape(safe.Line(p.DisplayTitle())), render.Path(safe.Line(p.Path)))
		var notes []string
		if !p.Date.IsZero() {
			notes = append(notes, render.Whole(p.Date.Format(time.DateOnly)))
		}
		if st := pub.State(p); st != model.Published {
			notes = append(notes, st.String())
		}
		if len(notes) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
		}
		b.WriteString("\n")
	}
	if n := len(pages) - shownPages; n > 0 {
		fmt.Fprintf(&b, "\n%d more: `taxo pages --term %s`\n", n, safe.Line(string(t.ID)))
	}
	return b.String()
}

// mdEscape keeps text from being read as markdown.
func mdEscape(s string) string { return markdownSpecial.Replace(s) }

var markdownSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "#", `\#`)

// kindNames are the values --kind takes.
var kindNames = []string{"concept", "category", "tag"}

// parseKinds reads the values of --kind, kinds of g's; none means any kind.
func parseKinds(g *model.Graph, names ...string) ([]model.Kind, error) {
	var kinds []model.Kind
	for _, s := range names {
		if s == "" {
			continue
		}
		k, err := parseKind(g, s)
		if err != nil {
			return nil, err
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// pickOrOnly is pick, except that no name means the only term with a file,
// when there is one: a taxonomy read from one file shows that file's term.
func pickOrOnly(g *model.Graph, name string, kinds []model.Kind) (*model.Term, error) {
	if name != "" {
		return pick(g, name, kinds)
	}
	var only *model.Term
	for _, t := range g.Terms() {
		if t.Defined && (len(kinds) == 0 || slices.Contains(kinds, t.Kind)) {
			if only != nil {
				return nil, errNeedName
			}
			only = t
		}
	}
	if only == nil {
		return nil, errNeedName
	}
	return only, nil
}

// errNeedName is show without a NAME on a taxonomy of more than one term.
var errNeedName = usageHint(errors.New("show needs a term NAME"), "taxo list shows the terms")

// pick finds the one term a name means among the kinds given (any, when
// none is), or says why there is none: the close names when nothing fits,
// every term that fits when several do.
func pick(g *model.Graph, name string, kinds []model.Kind) (*model.Term, error) {
	found := lookupKinds(g, name, kinds)
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, noSuchTerm(g, name, kinds)
	}
	return nil, failure("%q fits %d terms; name one by its ID, or add --kind:%s", safe.Line(name), len(found), termTable(found))
}

// noSuchTerm says that no term of the kinds given (any, when none is) has
// the name, and lists the closest names.
func noSuchTerm(g *model.Graph, name string, kinds []model.Kind) error {
	what := "term"
	if len(kinds) == 1 {
		what = kinds[0].String()
	}
	var near []*model.Term
	for _, t := range g.Near(name, 2*maxNear) {
		if len(kinds) == 0 || slices.Contains(kinds, t.Kind) {
			near = append(near, t)
		}
	}
	if len(near) == 0 {
		return failure("no %s named %q", what, safe.Line(name))
	}
	return failure("no %s named %q; the closest names:%s", what, safe.Line(name), termTable(near[:min(maxNear, len(near))]))
}

// maxNear is how many close names a failed lookup offers.
const maxNear = 5

// lookupKinds is Lookup among the kinds given; a term with a file beats
// those without one, as in Lookup.
func lookupKinds(g *model.Graph, name string, kinds []model.Kind) []*model.Term {
	if len(kinds) == 0 {
		return g.Lookup(name)
	}
	var found []*model.Term
	for _, k := range kinds {
		found = append(found, g.LookupKind(name, k)...)
	}
	if slices.ContainsFunc(found, func(t *model.Term) bool { return t.Defined }) {
		found = slices.DeleteFunc(found, func(t *model.Term) bool { return !t.Defined })
	}
	return found
}

// termTable lists terms a line each, their kind, ID and title in aligned
// columns, for a message.
func termTable(terms []*model.Term) string {
	kindW, idW := 0, 0
	for _, t := range terms {
		kindW = max(kindW, len(t.Kind.String()))
		idW = max(idW, ansi.StringWidth(safe.Line(string(t.ID))))
	}
	var b strings.Builder
	for _, t := range terms {
		id := safe.Line(string(t.ID))
		title := safe.Line(t.DisplayTitle())
		if !t.Defined {
			title += " (no file)"
		}
		fmt.Fprintf(&b, "\n  %-*s  %s%s  %s", kindW, t.Kind, id, strings.Repeat(" ", idW-ansi.StringWidth(id)), title)
	}
	return b.String()
}

// showStyle picks the Glamour style and width: plain text for a pipe or
// NO_COLOR, else the style the settings name, else light or dark after the
// theme or the terminal's background.
func (a *app) showStyle() (string, int) {
	out, tty := a.io.Out.(*os.File)
	tty = tty && term.IsTerminal(out.Fd())
	width := a.cfg.Width
	if width == 0 {
		width = 80
		if tty {
			if w, _, err := term.GetSize(out.Fd()); err == nil && w > 0 {
				width = min(w, 100)
			}
		}
	}
	if !tty || a.io.Getenv("NO_COLOR") != "" {
		return render.StylePlain, width
	}
	if a.cfg.Style != "" {
		return a.cfg.Style, width
	}
	if dark, ok := a.cfg.Theme.Fixed(); ok {
		if dark {
			return render.StyleDark, width
		}
		return render.StyleLight, width
	}
	if prefs.DetectDark(os.Stdin, out) {
		return render.StyleDark, width
	}
	return render.StyleLight, width
}
