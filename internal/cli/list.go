package cli

import (
	"bufio"
	"fmt"

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
	cmd.Flags().StringVarP(&f.kind, "kind", "k", "", "only terms of this KIND: concept, category or tag")
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "only terms tagged with TAG (repeat to require several)")
	cmd.Flags().BoolVarP(&f.all, "all", "a", false, "include undefined terms (referred to, but with no file)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON array of term objects")
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"concept", "category", "tag"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("tag", a.completeTags)
	return cmd
}

func (a *app) list(f listFlags) error {
	var kind *model.Kind
	if f.kind != "" {
		k, ok := model.ParseKind(f.kind)
		if !ok {
			return usage(fmt.Errorf("--kind %q: want concept, category or tag", f.kind))
		}
		kind = &k
	}
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return err
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
	if asJSON {
		out := make([]termJSON, len(terms))
		for i, t := range terms {
			out[i] = toJSON(tx.Graph, t, false)
		}
		return writeJSON(a.io.Out, out)
	}
	w := bufio.NewWriter(a.io.Out)
	for _, t := range terms {
		fmt.Fprintf(w, "%s\t%s\n", safe.Line(string(t.ID)), safe.Line(t.DisplayTitle()))
	}
	return w.Flush()
}
