package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
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
		Short: "Suggest the terms of every taxonomy that fit a piece of content",
		Long: `Read a piece of content (markdown, with front matter or not; - for stdin)
and rank the terms of every taxonomy that fit it. Content is matched
against each term's title, description, abstract and the part of its
Instructions that says what the term is for; words found only in what the
Instructions exclude count against the term. Where 20 pages or more of the
site carry a taxonomy's terms, suggestions learn from them too: the pages
most like the content, the site's habits, and the score is the chance that
an editor would give the content the term; below 10% nothing is offered.

For each taxonomy it prints the best terms with their score, the words of
the content that fit them and those their Instructions exclude, the first
lines of their Instructions and the tagged pages like the content that
carry them; then the lines to paste into the content's front matter (the
first ` + strconv.Itoa(pasteCount) + ` of each taxonomy but concepts; read their Instructions
before you keep them). A score ranks the terms for this content, higher
fitting better; it is a percentage only where the taxonomy learned from
pages. The content's own front matter is not matched, except its title,
description and abstract.`,
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
	if err := a.requireTerms(tx); err != nil {
		return err
	}
	content.Path = a.contentPath(file)
	got := withKinds(a.learned(tx).Suggest(content, f.limit), tx.Graph.Kinds())
	if f.json {
		return writeJSON(a.io.Out, suggestionsJSON(got))
	}
	return a.printSuggestions(got)
}

// learned is the model of the site's tagging suggestions come from,
// learned from the tagged pages of the current language (drafts too):
// read from the index cache when it keeps one built from the same terms
// and pages (the pages' files told by their stamps, their bodies not
// read), else built (and kept there).
func (a *app) learned(tx *taxonomy) *learn.Model {
	if tx.result == nil {
		return learn.New(tx.Graph.Terms(), nil)
	}
	var store learn.Store
	var stamp func(*model.Page) (string, bool)
	if k := tx.result.Keeper(); k != nil {
		store, stamp = k, tx.result.PageStamp
	}
	return learn.KeptSite(tx.Graph, tx.result.Body, stamp, store)
}

// contentPath is where file is from the site's root, as the pages' paths
// are given, or "" when it is elsewhere (or stdin).
func (a *app) contentPath(file string) string {
	if file == "-" || a.source() == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	root, err := filepath.Abs(a.source())
	if err != nil {
		return ""
	}
	if rel, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return ""
}

// withKinds orders the rankings as the graph's kinds (the three built-in
// ones for a folder of term files, a site's own taxonomies for a site),
// adding those no term of which ranks, so that the output always has
// every taxonomy; any other follows.
func withKinds(got []learn.Ranking, kinds []model.Kind) []learn.Ranking {
	out := make([]learn.Ranking, 0, len(got)+len(kinds))
	for _, k := range kinds {
		i := slices.IndexFunc(got, func(r learn.Ranking) bool { return r.Taxonomy == k.Taxonomy() })
		if i < 0 {
			out = append(out, learn.Ranking{Taxonomy: k.Taxonomy()})
			continue
		}
		out = append(out, got[i])
	}
	for _, r := range got {
		if !slices.ContainsFunc(kinds, func(k model.Kind) bool { return k.Taxonomy() == r.Taxonomy }) {
			out = append(out, r)
		}
	}
	return out
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
// description and abstract if its front matter has them, then its body;
// and its date, if it has one. As the browser's S does, it reads only a
// regular file of text of at most safe.MaxNamedFile (stdin too), so that
// no name makes it wait or fill the memory.
func (a *app) readContent(file string) (learn.Content, error) {
	var src []byte
	var err error
	if file == "-" {
		src, err = safe.ReadAll(a.io.In, "standard input", safe.MaxNamedFile)
	} else {
		src, err = safe.ReadFile(file, safe.MaxNamedFile)
	}
	if err != nil {
		return learn.Content{}, usage(fmt.Errorf("cannot read the content: %w", err))
	}
	if bytes.IndexByte(src[:min(len(src), binaryPrefix)], 0) >= 0 {
		return learn.Content{}, usage(fmt.Errorf("cannot read the content: %s is not text", contentName(file)))
	}
	text, problems := loader.ContentText(file, src)
	if len(problems) > 0 {
		fmt.Fprintf(a.io.Err, "taxo: %s; its front matter is matched as text\n", safe.Line(problems[0].Error()))
	}
	if strings.TrimSpace(text) == "" {
		return learn.Content{}, usage(errors.New("the content is empty"))
	}
	c := learn.Content{Text: text}
	if t, _ := loader.Parse(file, src, "content", model.Tag); t != nil {
		c.Date = t.Date
	}
	return c, nil
}

// suggestionJSON is a suggestion as suggest --json prints it.
type suggestionJSON struct {
	ID           model.ID       `json:"id"`
	Kind         model.Kind     `json:"kind"`
	Title        string         `json:"title"`
	Score        float64        `json:"score"`
	Why          []string       `json:"why"`
	Against      []string       `json:"against"`
	Pages        []likePageJSON `json:"pages"`
	Instructions string         `json:"instructions"`
}

// likePageJSON is a tagged page like the content that carries a suggested term.
type likePageJSON struct {
	Path       string  `json:"path"`
	Title      string  `json:"title"`
	Similarity float64 `json:"similarity"`
}

// suggestOutputJSON is the whole of suggest --json: an object from each
// taxonomy's plural name to its suggestions (concepts, categories and tags
// first and always), then frontMatter, the lists to paste.
type suggestOutputJSON struct {
	rankings []learn.Ranking
}

func suggestionsJSON(got []learn.Ranking) suggestOutputJSON { return suggestOutputJSON{got} }

func (o suggestOutputJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	paste := make(map[string][]string)
	var pasteOrder []string
	for i, r := range o.rankings {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeMember(&b, r.Taxonomy, convertSuggestions(r.Suggestions)); err != nil {
			return nil, err
		}
		if pasted(r.Taxonomy) {
			paste[r.Taxonomy], pasteOrder = pasteTitles(r.Suggestions), append(pasteOrder, r.Taxonomy)
		}
	}
	b.WriteString(`,"frontMatter":{`)
	for i, tax := range pasteOrder {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeMember(&b, tax, paste[tax]); err != nil {
			return nil, err
		}
	}
	b.WriteString("}}")
	return b.Bytes(), nil
}

// writeMember writes "key":value.
func writeMember(b *bytes.Buffer, key string, value any) error {
	k, err := json.Marshal(key)
	if err != nil {
		return err
	}
	v, err := json.Marshal(value)
	if err != nil {
		return err
	}
	b.Write(k)
	b.WriteByte(':')
	b.Write(v)
	return nil
}

func convertSuggestions(sgs []learn.Suggestion) []suggestionJSON {
	out := make([]suggestionJSON, len(sgs))
	for i, sg := range sgs {
		pages := make([]likePageJSON, len(sg.Pages))
		for j, p := range sg.Pages {
			pages[j] = likePageJSON{Path: p.Path, Title: p.Title, Similarity: round2(p.Similarity)}
		}
		out[i] = suggestionJSON{ID: sg.Term.ID, Kind: sg.Term.Kind, Title: sg.Term.DisplayTitle(), Score: round2(sg.Score),
			Why: nonNil(sg.Why), Against: nonNil(sg.Against), Pages: pages, Instructions: sg.Term.Instructions}
	}
	return out
}

// pasted reports whether a taxonomy's terms go into the front matter to
// paste: every taxonomy but concepts, which term files use and content
// pages do not.
func pasted(taxonomy string) bool { return taxonomy != model.Concept.Taxonomy() }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// pasteTitles are the titles of the suggestions to paste.
func pasteTitles(sgs []learn.Suggestion) []string {
	out := []string{}
	for _, sg := range sgs[:min(pasteCount, len(sgs))] {
		out = append(out, sg.Term.DisplayTitle())
	}
	return out
}

// printSuggestions writes what the scores are, then, per taxonomy, a
// heading and each suggestion (score, ID, title, the words and the tagged
// pages that say why, then the first lines of its Instructions, or its
// description), and last the front matter to paste.
func (a *app) printSuggestions(got []learn.Ranking) error {
	st := a.outputStyles()
	w := bufio.NewWriter(st.writer(a.io.Out))
	width := 0
	for _, r := range got {
		for _, sg := range r.Suggestions {
			width = max(width, len(strconv.FormatFloat(sg.Score, 'f', 2, 64)))
		}
	}
	indent := strings.Repeat(" ", width+4)
	fmt.Fprintln(w, st.dimmed.Render(scoreLegend(got)))
	fmt.Fprintln(w)
	for _, r := range got {
		fmt.Fprintln(w, st.title.Render(taxonomyLabel(r.Taxonomy)))
		switch {
		case len(r.Suggestions) == 0 && r.Learned:
			fmt.Fprintf(w, "  %s\n", st.dimmed.Render("(nothing fits well)"))
		case len(r.Suggestions) == 0:
			fmt.Fprintf(w, "  %s\n", st.dimmed.Render("(none fits)"))
		}
		for _, sg := range r.Suggestions {
			score := fmt.Sprintf("%*s", width, strconv.FormatFloat(sg.Score, 'f', 2, 64))
			fmt.Fprintf(w, "  %s  %s  %s\n", st.score.Render(score), st.id.Render(safe.Line(string(sg.Term.ID))),
				st.title.Render(safe.Line(sg.Term.DisplayTitle())))
			for _, line := range reasons(sg) {
				fmt.Fprintf(w, "%s%s\n", indent, line)
			}
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

// taxonomyLabel is the heading of a taxonomy: "Tags", "Series".
func taxonomyLabel(taxonomy string) string {
	if k, ok := model.ParseKind(taxonomy); ok {
		return k.Label()
	}
	r, size := utf8.DecodeRuneInString(taxonomy)
	return safe.Line(string(unicode.ToUpper(r)) + taxonomy[size:])
}

// scoreLegend says what the scores are, which a bare "41.69" does not.
func scoreLegend(got []learn.Ranking) string {
	legend := `Best first for each taxonomy. A score weighs the words of the content
against each term's title, description, abstract and Instructions: it ranks
the terms for this content (higher fits better) and is not a percentage.`
	if slices.ContainsFunc(got, func(r learn.Ranking) bool { return r.Learned }) {
		legend += `
Where a taxonomy has learned from the site's tagged pages, its score is
the chance, from 0 to 1, that an editor would give the content the term.`
	}
	return legend
}

// reasons say, in words, which words of the content counted for the
// suggestion and which against it.
func reasons(sg learn.Suggestion) []string {
	var out []string
	if len(sg.Why) > 0 {
		out = append(out, "words that fit: "+safe.Line(strings.Join(sg.Why, ", ")))
	}
	if len(sg.Against) > 0 {
		out = append(out, "words its Instructions exclude: "+safe.Line(strings.Join(sg.Against, ", ")))
	}
	if len(sg.Pages) > 0 {
		out = append(out, "tagged pages like it: "+likePages(sg.Pages))
	}
	return out
}

// likePages names the tagged pages like the content that carry the term,
// with their similarity: "Push Notifications on the Web
// (lessons/push-messages/index.md, 0.26); …".
func likePages(pages []learn.PageRef) string {
	parts := make([]string, len(pages))
	for i, p := range pages {
		parts[i] = fmt.Sprintf("%s (%s, %.2f)", truncate(safe.Line(p.Title), 50), safe.Line(p.Path), p.Similarity)
	}
	return strings.Join(parts, "; ")
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

// frontMatterLines are the lists, in YAML, of the suggestions to paste:
// categories, tags and the site's other taxonomies.
func frontMatterLines(got []learn.Ranking) string {
	var b strings.Builder
	for _, r := range got {
		titles := pasteTitles(r.Suggestions)
		if len(titles) == 0 || !pasted(r.Taxonomy) {
			continue
		}
		b.WriteString(yamlScalar(safe.Line(r.Taxonomy)) + ":\n")
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
