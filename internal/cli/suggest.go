package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
)

type suggestFlags struct {
	json  bool
	limit int
}

// pasteCount is how many suggestions of a kind go into the front matter to
// paste: on the labelled set, the first three hold about half the terms an
// editor picks, with the best precision a fixed cut gives.
const pasteCount = 3

// instructionLines is how many lines of a term's Instructions suggest shows.
const instructionLines = 2

func (a *app) suggestCommand() *cobra.Command {
	var f suggestFlags
	cmd := &cobra.Command{
		Use:   "suggest FILE|-",
		Short: "Suggest the concepts, categories and tags that fit a piece of content",
		Long: `Read a piece of content (markdown, with front matter or not; - for stdin)
and rank the concepts, categories and tags that fit it. Content is matched
against each term's title, description, abstract and the part of its
Instructions that says what the term is for; words found only in what the
Instructions exclude count against the term.

For each kind it prints the best terms with their score, the words of the
content that counted most for them (and against them), and the first lines
of their Instructions; then the categories: and tags: lines to paste into
the content's front matter (the first ` + strconv.Itoa(pasteCount) + ` of each; read their
Instructions before you keep them). The content's own front matter is not
matched, except its title, description and abstract.`,
		Example: `  taxo suggest -d ~/site content/posts/flow-metrics.md
  pbpaste | taxo suggest - --limit 3
  taxo suggest post.md --json | jq '.tags[].title'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(fmt.Errorf("suggest takes one FILE (or - for stdin), got %d arguments", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return a.suggest(args[0], f) },
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON object of suggestions per kind")
	cmd.Flags().IntVarP(&f.limit, "limit", "n", 5, "show at most N terms of each kind (0 for all)")
	return cmd
}

func (a *app) suggest(file string, f suggestFlags) error {
	if f.limit < 0 {
		return usage(fmt.Errorf("--limit %d: want 0 (all) or more", f.limit))
	}
	content, err := a.readContent(file)
	if err != nil {
		return err
	}
	tx, err := a.load()
	if err != nil {
		return err
	}
	a.noteErrors(tx)
	got := model.NewSuggester(tx.Graph).Suggest(content, f.limit)
	if f.json {
		return writeJSON(a.io.Out, suggestionsJSON(got))
	}
	return a.printSuggestions(got)
}

// binaryPrefix is how much of the content is looked at for a NUL byte, the
// mark of a file that is not text, as the loader does.
const binaryPrefix = 8000

// contentName names the content in messages.
func contentName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return safe.Line(file)
}

// readContent reads the piece of content to suggest terms for: its title,
// description and abstract if its front matter has them, then its body. As
// the browser's S does, it reads only a regular file of text of at most
// safe.MaxNamedFile (stdin too), so that no name makes it wait or fill the
// memory.
func (a *app) readContent(file string) (string, error) {
	var src []byte
	var err error
	if file == "-" {
		src, err = safe.ReadAll(a.io.In, "standard input", safe.MaxNamedFile)
	} else {
		src, err = safe.ReadFile(file, safe.MaxNamedFile)
	}
	if err != nil {
		return "", usage(fmt.Errorf("cannot read the content: %w", err))
	}
	if bytes.IndexByte(src[:min(len(src), binaryPrefix)], 0) >= 0 {
		return "", usage(fmt.Errorf("cannot read the content: %s is not text", contentName(file)))
	}
	text, problems := loader.ContentText(file, src)
	if len(problems) > 0 {
		fmt.Fprintf(a.io.Err, "taxo: %s; its front matter is matched as text\n", safe.Line(problems[0].Error()))
	}
	if strings.TrimSpace(text) == "" {
		return "", usage(errors.New("the content is empty"))
	}
	return text, nil
}

// suggestionJSON is a suggestion as suggest --json prints it.
type suggestionJSON struct {
	ID           model.ID   `json:"id"`
	Kind         model.Kind `json:"kind"`
	Title        string     `json:"title"`
	Score        float64    `json:"score"`
	Why          []string   `json:"why"`
	Against      []string   `json:"against"`
	Instructions string     `json:"instructions"`
}

// suggestOutputJSON is the whole of suggest --json.
type suggestOutputJSON struct {
	Concepts    []suggestionJSON `json:"concepts"`
	Categories  []suggestionJSON `json:"categories"`
	Tags        []suggestionJSON `json:"tags"`
	FrontMatter frontMatterJSON  `json:"frontMatter"`
}

// frontMatterJSON holds the titles to paste into the content's front matter.
type frontMatterJSON struct {
	Categories []string `json:"categories"`
	Tags       []string `json:"tags"`
}

func suggestionsJSON(got [model.NumKinds][]model.Suggestion) suggestOutputJSON {
	conv := func(sgs []model.Suggestion) []suggestionJSON {
		out := make([]suggestionJSON, len(sgs))
		for i, sg := range sgs {
			out[i] = suggestionJSON{ID: sg.Term.ID, Kind: sg.Term.Kind, Title: sg.Term.DisplayTitle(), Score: round2(sg.Score),
				Why: nonNil(sg.Why), Against: nonNil(sg.Against), Instructions: sg.Term.Instructions}
		}
		return out
	}
	return suggestOutputJSON{
		Concepts: conv(got[model.Concept]), Categories: conv(got[model.Category]), Tags: conv(got[model.Tag]),
		FrontMatter: frontMatterJSON{Categories: pasteTitles(got[model.Category]), Tags: pasteTitles(got[model.Tag])},
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// pasteTitles are the titles of the suggestions to paste.
func pasteTitles(sgs []model.Suggestion) []string {
	out := []string{}
	for _, sg := range sgs[:min(pasteCount, len(sgs))] {
		out = append(out, sg.Term.DisplayTitle())
	}
	return out
}

// printSuggestions writes, per kind, a heading and each suggestion (score,
// ID, title, then the first lines of its Instructions, or its description),
// and last the front matter to paste.
func (a *app) printSuggestions(got [model.NumKinds][]model.Suggestion) error {
	st := a.outputStyles()
	w := bufio.NewWriter(st.writer(a.io.Out))
	width := 0
	for _, sgs := range got {
		for _, sg := range sgs {
			width = max(width, len(strconv.FormatFloat(sg.Score, 'f', 2, 64)))
		}
	}
	indent := strings.Repeat(" ", width+4)
	for _, k := range model.Kinds {
		fmt.Fprintln(w, st.title.Render(k.Label()))
		if len(got[k]) == 0 {
			fmt.Fprintf(w, "  %s\n", st.dimmed.Render("(none fits)"))
		}
		for _, sg := range got[k] {
			score := fmt.Sprintf("%*s", width, strconv.FormatFloat(sg.Score, 'f', 2, 64))
			fmt.Fprintf(w, "  %s  %s  %s%s\n", st.score.Render(score), st.id.Render(safe.Line(string(sg.Term.ID))),
				st.title.Render(safe.Line(sg.Term.DisplayTitle())), st.dimmed.Render(reasons(sg)))
			for _, line := range leadLines(sg.Term) {
				fmt.Fprintf(w, "%s%s\n", indent, st.dimmed.Render(safe.Line(line)))
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, st.title.Render("Front matter"))
	fmt.Fprint(w, frontMatterLines(got))
	return w.Flush()
}

// reasons says which words of the content counted for the suggestion and
// which against it: "  · kanban flow wip · against: scrum".
func reasons(sg model.Suggestion) string {
	var b strings.Builder
	if len(sg.Why) > 0 {
		b.WriteString("  · " + safe.Line(strings.Join(sg.Why, " ")))
	}
	if len(sg.Against) > 0 {
		b.WriteString("  · against: " + safe.Line(strings.Join(sg.Against, " ")))
	}
	return b.String()
}

// leadLines are the first lines of a term's Instructions, without markdown
// emphasis, or its description when it has no Instructions.
func leadLines(t *model.Term) []string {
	var out []string
	for line := range strings.Lines(t.Instructions) {
		line = strings.TrimSpace(strings.ReplaceAll(line, "**", ""))
		if line == "" {
			continue
		}
		out = append(out, truncate(line, 100))
		if len(out) == instructionLines {
			break
		}
	}
	if len(out) == 0 && strings.TrimSpace(t.Description) != "" {
		out = append(out, truncate(strings.TrimSpace(t.Description), 100))
	}
	return out
}

// truncate cuts s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// frontMatterLines are the categories: and tags: lists, in YAML, of the
// suggestions to paste.
func frontMatterLines(got [model.NumKinds][]model.Suggestion) string {
	var b strings.Builder
	for _, k := range []model.Kind{model.Category, model.Tag} {
		titles := pasteTitles(got[k])
		if len(titles) == 0 {
			continue
		}
		b.WriteString(k.Taxonomy() + ":\n")
		for _, title := range titles {
			b.WriteString("- " + yamlScalar(safe.Line(title)) + "\n")
		}
	}
	return b.String()
}

// yamlScalar writes s as YAML would, quoted only when it must be.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
