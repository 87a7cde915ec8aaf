package cli

import (
	"bufio"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/model"
)

type listFlags struct {
	kind string
	tags []string
	all  bool
	json bool
}

func (a *app) listCommand() *cobra.Command {
	var f listFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List terms, one a line: ID, a tab, the title",
		Long: `List terms, one a line as ID<TAB>TITLE, ordered by kind (concepts,
categories, tags), then weight, then title.

--tag keeps the terms tagged with every tag given (by title, slug or ID).
--all adds the terms that are referred to but have no file.`,
		Example: `  taxo list --kind category
  taxo list --tag "Value Delivery" --tag Scrum
  taxo list --json | jq '.[].id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.list(f) },
	}
	cmd.Flags().StringVarP(&f.kind, "kind", "k", "", "only terms of this KIND: concept, category, tag or, on a site, another of its taxonomies")
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "only terms tagged with TAG (repeat to require several)")
	cmd.Flags().BoolVarP(&f.all, "all", "a", false, "include undefined terms (referred to, but with no file)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON array of term objects")
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"concept", "category", "tag"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("tag", a.completeTags)
	return cmd
}

func (a *app) list(f listFlags) error {
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return err
	}
	var kind *model.Kind
	if f.kind != "" {
		k, err := parseKind(tx.Graph, f.kind)
		if err != nil {
			return err
		}
		kind = &k
	}
	a.noteErrors(tx)
	if err := a.requireTerms(tx); err != nil {
		return err
	}
	tags, err := resolveTags(tx.Graph, f.tags)
	if err != nil {
		return err
	}
	var terms []*model.Term
	for _, t := range tx.Graph.TaggedWithAll(tags) {
		if (kind == nil || t.Kind == *kind) && (f.all || t.Defined) {
			terms = append(terms, t)
		}
	}
	return a.printList(tx, terms, f.json)
}

// parseKind reads a --kind value: a kind of the graph's, by its singular
// or plural name in any case.
func parseKind(g *model.Graph, name string) (model.Kind, error) {
	if k, ok := model.ParseKind(name); ok && slices.Contains(g.Kinds(), k) {
		return k, nil
	}
	names := make([]string, len(g.Kinds()))
	for i, k := range g.Kinds() {
		names[i] = k.String()
	}
	if len(names) == 0 {
		return 0, usage(fmt.Errorf("--kind %q: the site has no taxonomies", name))
	}
	want := names[0]
	if n := len(names); n > 1 {
		want = strings.Join(names[:n-1], ", ") + " or " + names[n-1]
	}
	return 0, usage(fmt.Errorf("--kind %q: want %s", name, want))
}

// resolveTags finds the tag each name means: a title, slug or ID.
func resolveTags(g *model.Graph, names []string) ([]*model.Term, error) {
	tags := make([]*model.Term, 0, len(names))
	for _, name := range names {
		var found *model.Term
		for _, t := range g.Lookup(name) {
			if t.Kind == model.Tag {
				found = t
				break
			}
		}
		if found == nil {
			return nil, noSuchTerm(g, name, []model.Kind{model.Tag})
		}
		tags = append(tags, found)
	}
	return tags, nil
}

func (a *app) printList(tx *taxonomy, terms []*model.Term, asJSON bool) error {
	places := placesOf(tx.Graph.Terms(), terms)
	if asJSON {
		l := newTermLister(tx.Graph)
		return writeJSONArray(a.io.Out, len(places), func(i int, b []byte) []byte { return l.append(b, places[i]) })
	}
	w := bufio.NewWriter(a.io.Out)
	site := tx.result.Site != nil
	for n, t := range terms {
		if site {
			// A site's terms say how many pages carry them.
			fmt.Fprintf(w, "%s\t%s\t%d\n", safe.Line(string(t.ID)), safe.Line(t.DisplayTitle()), tx.Graph.CountPagesAt(places[n]))
			continue
		}
		fmt.Fprintf(w, "%s\t%s\n", safe.Line(string(t.ID)), safe.Line(t.DisplayTitle()))
	}
	return w.Flush()
}
