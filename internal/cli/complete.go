package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/model"
)

// completeTerms completes a term NAME from the taxonomy the flags, the
// environment and the config file name: slugs, or IDs once a / is typed.
// The title is the description zsh and fish show beside each. A slug that
// terms of two kinds share is offered once, saying so: shells keep only
// the words that start with what was typed, so its IDs cannot stand in.
func (a *app) completeTerms(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp
	if cmd.Name() == "show" && len(args) > 0 {
		return nil, directive
	}
	g := a.completionGraph(cmd)
	if g == nil {
		return nil, directive
	}
	prefix := strings.ToLower(toComplete)
	bySlug := make(map[string]int)
	for _, t := range g.Terms() {
		if t.Defined {
			bySlug[strings.ToLower(t.Slug)]++
		}
	}
	var out []cobra.Completion
	offered := make(map[string]bool)
	for _, t := range g.Terms() {
		if !t.Defined {
			continue
		}
		name := strings.ToLower(t.Slug)
		if strings.Contains(prefix, "/") {
			name = string(t.ID)
		}
		if !strings.HasPrefix(name, prefix) || offered[name] {
			continue
		}
		offered[name] = true
		if n := bySlug[name]; n > 1 {
			out = append(out, cobra.CompletionWithDesc(safe.Line(name), fmt.Sprintf("%d terms: type the ID, such as %s", n, safe.Line(string(t.ID)))))
			continue
		}
		out = append(out, completion(name, t))
	}
	return out, directive
}

// completeTags completes a --tag value with the slugs of the tags.
func (a *app) completeTags(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp
	g := a.completionGraph(cmd)
	if g == nil {
		return nil, directive
	}
	prefix := strings.ToLower(toComplete)
	var out []cobra.Completion
	for _, t := range g.Terms() {
		if t.Kind != model.Tag {
			continue
		}
		name := strings.ToLower(t.Slug)
		if strings.Contains(prefix, "/") {
			name = string(t.ID)
		}
		if strings.HasPrefix(name, prefix) {
			out = append(out, completion(name, t))
		}
	}
	return out, directive
}

// completionGraph loads the taxonomy for a completion, or returns nil: a
// shell completing a word has no room for an error message.
func (a *app) completionGraph(cmd *cobra.Command) *model.Graph {
	a.cmd, a.quiet = cmd, true
	if err := a.settle(cmd); err != nil {
		return nil
	}
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return nil
	}
	return tx.Graph
}

func completion(name string, t *model.Term) cobra.Completion {
	return cobra.CompletionWithDesc(safe.Line(name), safe.Line(t.DisplayTitle()))
}
