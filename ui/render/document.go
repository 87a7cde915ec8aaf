package render

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"taxo/internal/safe"
	"taxo/model"
)

// LinkGroup is one labelled list of terms a term points to or is used by.
type LinkGroup struct {
	Label string // "Concepts", "Categories", "Tags", "Used by tags", "Tags mentioned in the text", …
	Terms []*model.Term
}

// Links returns a term's links in the order the term pane and show give
// them: its concepts, categories and tags, then the terms that list it, a
// group per kind ("Used by tags"): a category and a tag may share a title
// (Fermentation), and only the label tells them apart. Empty groups are
// left out.
func Links(g *model.Graph, t *model.Term) []LinkGroup {
	var groups []LinkGroup
	for _, k := range g.Kinds() {
		if ts := g.Links(t, k); len(ts) > 0 {
			groups = append(groups, LinkGroup{Label: k.Label(), Terms: ts})
		}
	}
	return append(groups, byKind(g, g.Backlinks(t), func(k model.Kind) string { return "Used by " + k.Taxonomy() })...)
}

// Mentions returns the terms a term's Instructions and body link to, in
// order of first mention, a group per kind for the reason Links gives.
func Mentions(g *model.Graph, t *model.Term) []LinkGroup {
	return byKind(g, BodyRefs(g, t), func(k model.Kind) string { return k.Label() + " mentioned in the text" })
}

// byKind splits terms into a group per kind, in the order of g's kinds,
// each keeping the terms' order; label names a kind's group.
func byKind(g *model.Graph, terms []*model.Term, label func(model.Kind) string) []LinkGroup {
	of := make(map[model.Kind][]*model.Term)
	for _, t := range terms {
		of[t.Kind] = append(of[t.Kind], t)
	}
	var groups []LinkGroup
	for _, k := range g.Kinds() {
		if ts := of[k]; len(ts) > 0 {
			groups = append(groups, LinkGroup{Label: label(k), Terms: ts})
		}
	}
	return groups
}

// DocOptions choose the parts of a term's document.
type DocOptions struct {
	Links  bool // add the links and backlinks at the end
	Fields bool // add the other front matter fields at the end
}

// Sections is a term as markdown, cut where the renderer styles the parts
// differently. Every piece of the term's text is made safe for the terminal.
type Sections struct {
	Title        string // the title as text, which Head starts with as a heading
	Head         string // title, description, a line of facts
	Instructions string // empty when the term has none
	Body         string
	Tail         string // links and other fields, as DocOptions asks
}

// Document writes a term as markdown sections: title and description, the
// Instructions, the body, then, as opts asks, links and other fields.
func Document(g *model.Graph, t *model.Term, opts DocOptions) Sections {
	s := Sections{Title: safe.Line(t.DisplayTitle())}
	var b strings.Builder
	b.WriteString(titleHeading(s.Title))
	if d := description(t); d != "" {
		b.WriteString(d + "\n\n")
	}
	b.WriteString(facts(t))
	if !t.Defined {
		// The path on a line of its own: whole, where it is easy to copy,
		// and never wrapped into the middle of the sentence.
		fmt.Fprintf(&b, "\n\n**No file defines this %s.** The terms below list it. To define it, create:\n\n`%s`",
			t.Kind, unbreakable(t.Kind.Taxonomy()+"/"+t.Slug+".md"))
	}
	s.Head = b.String()
	s.Instructions = renderable(expandRefs(g, strings.TrimSpace(safe.Markdown(t.Instructions))))
	s.Body = renderable(expandRefs(g, strings.TrimSpace(safe.Markdown(t.Body))))

	b.Reset()
	if opts.Links {
		writeLinks(&b, Links(g, t))
	}
	if opts.Fields && len(t.Fields) > 0 {
		b.WriteString("**Other fields**\n\n")
		for _, f := range t.Fields {
			writeField(&b, f.Key, f.Value)
		}
	}
	s.Tail = strings.TrimSpace(b.String())
	return s
}

// titleHeading is the heading a term's head starts with.
func titleHeading(title string) string { return "# " + escapeInline(title) + "\n\n" }

// description is a term's description as markdown, "" when it has none.
// The description is markdown too ("a **social technology**"): its inline
// marks are rendered, within the emphasis that sets it apart, which also
// keeps a leading "#" or "-" from starting a heading or a list.
func description(t *model.Term) string {
	d := strings.TrimSpace(safe.Markdown(t.Description))
	if d == "" {
		return ""
	}
	return "*" + strings.Join(strings.Fields(d), " ") + "*"
}

// renderable returns md, or md as a code block when it nests block quotes
// or lists too deeply to render in reasonable time (check warns about it).
func renderable(md string) string {
	if safe.TooDeep(md) < 0 {
		return md
	}
	longest, run := 0, 0
	for _, c := range md {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "\n" + md + "\n" + fence
}

// facts are the lines under the title: kind, ID, weight, icon and date,
// then the file.
func facts(t *model.Term) string {
	parts := []string{t.Kind.String(), escapeInline(safe.Line(string(t.ID)))}
	if t.Weight != 0 {
		parts = append(parts, fmt.Sprintf("weight %d", t.Weight))
	}
	if t.Icon != "" {
		parts = append(parts, "icon "+escapeInline(safe.Line(t.Icon)))
	}
	if !t.Date.IsZero() {
		parts = append(parts, t.Date.Format(time.DateOnly))
	}
	out := joinUnbreakable(parts)
	if t.Path != "" {
		paths := []string{escapeInline(safe.Line(t.Path))}
		if t.AltPath != "" {
			paths = append(paths, escapeInline(safe.Line(t.AltPath)))
		}
		out += "\n\n" + strings.Join(mapSlice(paths, markPath), " + ")
	}
	return out
}

// joinUnbreakable joins items with " · ", each kept whole on its line and
// the dot kept with the item before it.
func joinUnbreakable(items []string) string {
	return joinItems(mapSlice(items, unbreakable))
}

// joinItems joins items kept whole with " · ", the dot kept with the item
// before it.
func joinItems(items []string) string { return strings.Join(items, nameSpace+"· ") }

func mapSlice(items []string, f func(string) string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = f(s)
	}
	return out
}

// writeLinks writes a line for each group of links, each name kept whole.
func writeLinks(b *strings.Builder, groups []LinkGroup) {
	for _, grp := range groups {
		writeLinkLine(b, grp.Label, grp.Terms)
	}
}

func writeLinkLine(b *strings.Builder, label string, terms []*model.Term) {
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = unbreakable(escapeInline(safe.Line(t.DisplayTitle())))
		if !t.Defined {
			// The emphasis inside the brackets: beside a character that
			// is neither space nor punctuation, "*(…)*" would not close.
			names[i] += nameSpace + "(*no" + nameSpace + "file*)"
		}
	}
	fmt.Fprintf(b, "**%s:** %s\n\n", label, joinItems(names))
}

// writeField writes one front matter field as a list item; maps become
// nested items, in key order.
func writeField(b *strings.Builder, key string, v any) {
	writeFieldAt(b, 0, key, v)
}

func writeFieldAt(b *strings.Builder, depth int, key string, v any) {
	indent := strings.Repeat("  ", depth)
	label := escapeInline(safe.Line(key))
	switch x := v.(type) {
	case map[string]any:
		fmt.Fprintf(b, "%s- **%s**\n", indent, label)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			writeFieldAt(b, depth+1, k, x[k])
		}
	default:
		// A hyphen in a value (an alias's path, an ID) is no place to break.
		value := strings.ReplaceAll(escapeInline(FieldText(v)), "-", nameHyphen)
		fmt.Fprintf(b, "%s- **%s**: %s\n", indent, label, value)
	}
}

// FieldText shows a front matter value on one line.
func FieldText(v any) string {
	switch x := v.(type) {
	case nil:
		return "(empty)"
	case string:
		return safe.Line(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339)
	case []any:
		items := make([]string, len(x))
		for i, item := range x {
			items[i] = FieldText(item)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		items := make([]string, len(keys))
		for i, k := range keys {
			items[i] = safe.Line(k) + ": " + FieldText(x[k])
		}
		return "{" + strings.Join(items, ", ") + "}"
	}
	return safe.Line(fmt.Sprint(v))
}

// inlineSpecial escapes what markdown would read as markup. "&" becomes
// "&amp;" rather than "\&" because Glamour decodes character references in
// the source of a text even after a backslash; "~" (strikethrough) becomes
// "&#126;" because Glamour shows "\~" with its backslash.
var inlineSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", "&#126;", "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "#", `\#`, "&", "&amp;")

// escapeInline keeps text from being read as markdown.
func escapeInline(s string) string { return inlineSpecial.Replace(s) }

// shortcodeRef matches Hugo's {{< ref "…" >}} and {{< relref "…" >}} (and
// the {{% … %}} form), optionally as the target of a markdown link.
var shortcodeRef = regexp.MustCompile(`(?:\[([^\]\n]*)\]\(\s*)?\{\{[<%]\s*(?:rel)?ref\s+"?([^"\s}]+)"?\s*[>%]\}\}(\s*\))?`)

// expandRefs turns Hugo ref shortcodes into links to the terms they name,
// shown by the link's own text or else the term's title.
func expandRefs(g *model.Graph, md string) string {
	if !strings.Contains(md, "{{") {
		return md
	}
	return shortcodeRef.ReplaceAllStringFunc(md, func(m string) string {
		sub := shortcodeRef.FindStringSubmatch(m)
		text, target, inLink := sub[1], sub[2], strings.HasPrefix(m, "[")
		if inLink && sub[3] == "" {
			// "[text](" without the closing parenthesis: not a link after all.
			inLink = false
		}
		id, title := refTarget(g, target)
		if !inLink || strings.TrimSpace(text) == "" {
			text = escapeInline(title)
		}
		return "[" + text + "](" + string(id) + ")"
	})
}

// refTarget finds the term a ref path such as "/tags/scrum-team" names.
func refTarget(g *model.Graph, ref string) (model.ID, string) {
	p := strings.Trim(ref, "/")
	p = strings.TrimPrefix(p, "content/")
	for _, suffix := range []string{"/_index.md", "/index.md", ".md"} {
		p = strings.TrimSuffix(p, suffix)
	}
	if t := g.Get(model.ID(strings.ToLower(p))); t != nil {
		return t.ID, t.DisplayTitle()
	}
	slug := p[strings.LastIndexByte(p, '/')+1:]
	if ts := g.Lookup(slug); len(ts) > 0 {
		return ts[0].ID, ts[0].DisplayTitle()
	}
	return model.ID(p), slug
}

// BodyRefs lists the terms a term's Instructions and body link to with
// Hugo ref shortcodes, in order of first mention.
func BodyRefs(g *model.Graph, t *model.Term) []*model.Term {
	var out []*model.Term
	for _, text := range []string{t.Instructions, t.Body} {
		if !strings.Contains(text, "{{") {
			continue
		}
		for _, m := range shortcodeRef.FindAllStringSubmatch(text, -1) {
			id, _ := refTarget(g, m[2])
			if ref := g.Get(id); ref != nil && ref != t && !slices.Contains(out, ref) {
				out = append(out, ref)
			}
		}
	}
	return out
}
