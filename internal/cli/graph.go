package cli

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/model"
)

type graphFlags struct {
	format string
	kinds  []string
	tags   []string
	root   string
	depth  int
	all    bool
}

// graphFormats are the formats graph writes, the first the default.
var graphFormats = []string{"dot", "json", "mermaid"}

func (a *app) graphCommand() *cobra.Command {
	var f graphFlags
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Print the graph of terms and links as DOT, JSON or Mermaid",
		Long: `Print the terms and the links between them (a term's concepts, categories
and tags) as Graphviz DOT, JSON or a Mermaid flowchart.

--kind keeps the terms of a kind (repeat for several). --tag keeps the terms
tagged with every tag given, and those tags. --root keeps the terms within
--depth links of one term (1 unless given), counting links either way and
walking only through the terms the other flags keep. --all adds the terms
that are referred to but have no file.`,
		Example: `  taxo graph | dot -Tsvg > taxonomy.svg
  taxo graph --root scrum --depth 2 --format mermaid
  taxo graph --kind concept --kind category --format json | jq '.edges | length'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("depth") && f.root == "" {
				return usage(fmt.Errorf("--depth needs --root: the depth is counted from a term"))
			}
			return a.graph(f)
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", graphFormats[0], "output format: dot, json or mermaid")
	cmd.Flags().StringArrayVarP(&f.kinds, "kind", "k", nil, "only terms of this kind: concept, category or tag (repeat for several)")
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "only terms tagged with this tag, and the tag (repeat to require several)")
	cmd.Flags().StringVarP(&f.root, "root", "r", "", "only terms near this term (an ID, slug or title; of a kind --kind keeps)")
	cmd.Flags().IntVar(&f.depth, "depth", 1, "with --root, keep terms at most this many links away")
	cmd.Flags().BoolVarP(&f.all, "all", "a", false, "include undefined terms (referred to, but with no file)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(graphFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"concept", "category", "tag"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("tag", a.completeTags)
	_ = cmd.RegisterFlagCompletionFunc("root", a.completeTerms)
	return cmd
}

func (a *app) graph(f graphFlags) error {
	write, ok := map[string]func(io.Writer, model.Subgraph, *model.Term) error{
		"dot": writeDOT, "json": writeGraphJSON, "mermaid": writeMermaid,
	}[strings.ToLower(f.format)]
	if !ok {
		return usage(fmt.Errorf("--format %q: want dot, json or mermaid", f.format))
	}
	if f.depth < 0 {
		return usage(fmt.Errorf("--depth %d: want 0 or more links", f.depth))
	}
	var cut model.Cut
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return err
	}
	for _, s := range f.kinds {
		k, err := parseKind(tx.Graph, s)
		if err != nil {
			return err
		}
		cut.Kinds = append(cut.Kinds, k)
	}
	a.noteErrors(tx)
	if err := a.requireTerms(tx); err != nil {
		return err
	}
	if cut.Tags, err = resolveTags(tx.Graph, f.tags); err != nil {
		return err
	}
	cut.Undefined = f.all
	if f.root != "" {
		if cut.Root, err = pick(tx.Graph, f.root, cut.Kinds); err != nil {
			return err
		}
		cut.Depth = f.depth
	}
	w := bufio.NewWriter(a.io.Out)
	if err := write(w, tx.Graph.Cut(cut), cut.Root); err != nil {
		return err
	}
	return w.Flush()
}

// kindColours are the fills and lines of each kind in the pictures, the
// browser's colours for concepts, categories and tags; a site's other
// kinds are grey.
var kindColours = map[model.Kind]struct{ fill, line string }{
	model.Concept:  {"#EEE6FB", "#7A4FC9"},
	model.Category: {"#E3EFFA", "#1F6FB2"},
	model.Tag:      {"#E6F4E7", "#2E7D32"},
}

// otherKindColour is the fill and line of the kinds a site declares.
var otherKindColour = struct{ fill, line string }{"#EEEEEE", "#616161"}

// kindColour is the fill and line of kind k.
func kindColour(k model.Kind) struct{ fill, line string } {
	if c, ok := kindColours[k]; ok {
		return c
	}
	return otherKindColour
}

// writeDOT writes the graph for Graphviz: terms as boxes coloured by kind,
// undefined terms dashed, the root drawn bold.
func writeDOT(w io.Writer, sub model.Subgraph, root *model.Term) error {
	fmt.Fprintln(w, "digraph taxo {")
	fmt.Fprintln(w, `  graph [rankdir=LR, fontname="Helvetica"];`)
	fmt.Fprintln(w, `  node [shape=box, style="rounded,filled", fontname="Helvetica"];`)
	fmt.Fprintln(w, `  edge [color="#8A8A8A"];`)
	for _, t := range sub.Terms {
		c := kindColour(t.Kind)
		attrs := fmt.Sprintf(`label=%s, tooltip=%s, fillcolor=%q, color=%q`,
			dotQuote(t.DisplayTitle()), dotQuote(string(t.ID)), c.fill, c.line)
		if !t.Defined {
			attrs += `, style="rounded,dashed"`
		}
		if root != nil && t.ID == root.ID {
			attrs += `, penwidth=2.5`
		}
		fmt.Fprintf(w, "  %s [%s];\n", dotQuote(string(t.ID)), attrs)
	}
	for _, e := range sub.Edges {
		fmt.Fprintf(w, "  %s -> %s;\n", dotQuote(string(e.From.ID)), dotQuote(string(e.To.ID)))
	}
	_, err := fmt.Fprintln(w, "}")
	return err
}

// dotQuote makes a DOT string: quotes and backslashes escaped, so that a
// title never ends the string or turns into a Graphviz escape such as \N.
func dotQuote(s string) string {
	s = safe.Line(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// writeMermaid writes a Mermaid flowchart: concepts as hexagons, categories
// as boxes, tags as rounded boxes, undefined terms dashed.
func writeMermaid(w io.Writer, sub model.Subgraph, root *model.Term) error {
	fmt.Fprintln(w, "flowchart LR")
	node := make(map[model.ID]string, len(sub.Terms))
	for i, t := range sub.Terms {
		id := fmt.Sprintf("n%d", i)
		node[t.ID] = id
		open, end := "[", "]"
		switch t.Kind {
		case model.Concept:
			open, end = "{{", "}}"
		case model.Tag:
			open, end = "([", "])"
		default: // a category, in the box open and end already draw
		}
		fmt.Fprintf(w, "  %s%s\"%s\"%s\n", id, open, mermaidText(t.DisplayTitle()), end)
	}
	for _, e := range sub.Edges {
		fmt.Fprintf(w, "  %s --> %s\n", node[e.From.ID], node[e.To.ID])
	}
	for _, k := range model.Kinds {
		c := kindColour(k)
		fmt.Fprintf(w, "  classDef %s fill:%s,stroke:%s\n", k, c.fill, c.line)
	}
	if slices.ContainsFunc(sub.Terms, func(t *model.Term) bool { return !t.Kind.Builtin() }) {
		c := otherKindColour
		fmt.Fprintf(w, "  classDef other fill:%s,stroke:%s\n", c.fill, c.line)
	}
	fmt.Fprintln(w, "  classDef undefined stroke-dasharray:4 3")
	fmt.Fprintln(w, "  classDef root stroke-width:3px")
	for _, t := range sub.Terms {
		class := t.Kind.String()
		if !t.Kind.Builtin() {
			class = "other" // a site's name for a taxonomy need not be a Mermaid name
		}
		if !t.Defined {
			class += ",undefined"
		}
		if root != nil && t.ID == root.ID {
			class += ",root"
		}
		fmt.Fprintf(w, "  class %s %s\n", node[t.ID], class)
	}
	return nil
}

// mermaidText escapes a label as Mermaid's entity codes, so that quotes,
// brackets and markup in a title stay text.
func mermaidText(s string) string {
	return strings.NewReplacer(
		"#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;",
		"[", "#91;", "]", "#93;", "{", "#123;", "}", "#125;", "`", "#96;",
	).Replace(safe.Line(s))
}

// writeGraphJSON writes the graph as a graphJSON, a node and an edge at a
// time.
func writeGraphJSON(w io.Writer, sub model.Subgraph, root *model.Term) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head := []byte("{\n")
	if root != nil {
		head = appendJSONString(append(head, `  "root": `...), string(root.ID))
		head = append(head, ",\n"...)
	}
	// bufio keeps a write's error for every later one and Flush: the
	// writes between are not checked one by one.
	_, _ = bw.Write(append(head, `  "nodes": `...))
	nodes := newJSONArray(bw, 1)
	var b []byte
	for _, t := range sub.Terms {
		o := newJSONObject(b[:0], 2)
		o.str("id", string(t.ID))
		o.str("kind", t.Kind.String())
		o.str("title", t.DisplayTitle())
		o.str("path", t.Path)
		o.bool("defined", t.Defined)
		b = o.end()
		nodes.add(b)
	}
	if err := nodes.close(); err != nil {
		return err
	}
	_, _ = bw.WriteString(",\n  \"edges\": ")
	edges := newJSONArray(bw, 1)
	for _, e := range sub.Edges {
		o := newJSONObject(b[:0], 2)
		o.str("from", string(e.From.ID))
		o.str("to", string(e.To.ID))
		o.str("kind", e.To.Kind.String())
		b = o.end()
		edges.add(b)
	}
	if err := edges.close(); err != nil {
		return err
	}
	if _, err := bw.WriteString("\n}\n"); err != nil {
		return err
	}
	return bw.Flush()
}
