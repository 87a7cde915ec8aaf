package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

type showFlags struct {
	json bool
}

func (a *app) showCommand() *cobra.Command {
	var f showFlags
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show one term: description, Instructions, body, links",
		Long: `Show one term rendered as styled markdown: its title and description, its
Instructions set apart, its body, then its links and backlinks.

NAME is an ID (tags/scaling), a slug (scaling) or a title ("Scaling"), in
any case. When it fits several terms, their IDs are listed and the exit
status is 1. Output is plain text when it is not a terminal or NO_COLOR is
set.`,
		Example: `  taxo show scaling
  taxo show "Product Development" --width 72
  taxo show tags/scaling --json | jq .instructions`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(fmt.Errorf("show takes one term NAME, got %d arguments", len(args)))
			}
			return nil
		},
		RunE:              func(cmd *cobra.Command, args []string) error { return a.show(cmd.Context(), args[0], f) },
		ValidArgsFunction: a.completeTerms,
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print the term as a JSON object, with body and fields")
	// The width is a setting: the config file and $TAXO_WIDTH set it too.
	cmd.Flags().IntP("width", "w", 0, "wrap at N columns (default: the config's width, else the terminal's, at most 100; 80 when not a terminal)")
	return cmd
}

func (a *app) show(ctx context.Context, name string, f showFlags) error {
	tx, err := a.load()
	if err != nil {
		return err
	}
	a.noteErrors(tx)
	t, err := pick(tx.Graph, name)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(a.io.Out, toJSON(tx.Graph, t, true))
	}
	style, width := a.showStyle()
	r, err := render.NewRenderer(style, width)
	if err != nil {
		return usage(err)
	}
	// Some markdown takes Glamour minutes; past the budget the term is
	// shown as written, and the first line says so.
	doc, err := r.TermWithin(ctx, render.RenderBudget, tx.Graph, t, render.DocOptions{Links: true, Fields: true})
	if err != nil {
		return failure("rendering %s: %v", t.ID, err)
	}
	out := doc.Text
	if tx.result.Site != nil {
		pages, err := r.Markdown(pagesMarkdown(tx.Graph, tx.result.Site.Publishing(time.Now()), t))
		if err != nil {
			return failure("rendering %s: %v", t.ID, err)
		}
		out += pages
	}
	if style == render.StylePlain {
		_, err = io.WriteString(a.io.Out, out)
		return err
	}
	w := colorprofile.NewWriter(a.io.Out, os.Environ())
	_, err = io.WriteString(w, out)
	return err
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
		fmt.Fprintf(&b, "- %s — `%s`", mdEscape(safe.Line(p.DisplayTitle())), strings.ReplaceAll(safe.Line(p.Path), "`", "'"))
		var notes []string
		if !p.Date.IsZero() {
			notes = append(notes, p.Date.Format(time.DateOnly))
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

// pick finds the one term a name means, or says why there is none.
func pick(g *model.Graph, name string) (*model.Term, error) {
	found := g.Lookup(name)
	switch len(found) {
	case 0:
		return nil, failure("no term named %q", safe.Line(name))
	case 1:
		return found[0], nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q fits %d terms; name one by its ID:", safe.Line(name), len(found))
	for _, t := range found {
		fmt.Fprintf(&b, "\n  %s\t%s", safe.Line(string(t.ID)), safe.Line(t.DisplayTitle()))
	}
	return nil, failure("%s", b.String())
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
