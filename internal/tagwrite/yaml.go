package tagwrite

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlFormat is front matter between --- lines.
type yamlFormat struct{}

func (yamlFormat) comments() bool { return true }

func (yamlFormat) defaultLayout([]byte, []entry) layout {
	return layout{block: true, dash: "  - "}
}

// decode reads the top-level keys one by one, the last of a repeated key
// winning, as Hugo's YAML decoder has it (yaml.v3 refuses a repeated key
// when decoding a whole map, and real pages repeat keys).
func (yamlFormat) decode(front []byte) (map[string]any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil || len(doc.Content) == 0 {
		return nil, err
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("the YAML front matter is not a map of keys")
	}
	m := make(map[string]any, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		var v any
		if err := root.Content[i+1].Decode(&v); err != nil {
			return nil, err
		}
		m[root.Content[i].Value] = v
	}
	return m, nil
}

func (yamlFormat) entries(front []byte) ([]entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML front matter: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("the YAML front matter is not a map of keys")
	}
	if root.Style&yaml.FlowStyle != 0 {
		return nil, errors.New("the YAML front matter is a {…} map; taxo edits front matter with a key a line")
	}
	for i := 0; i < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Column != 1 || k.Kind != yaml.ScalarNode {
			// A key added at the start of a line would not be one of
			// them, or would be read as part of this one.
			return nil, fmt.Errorf("line %d of the YAML front matter has a key that is indented, complex or written with ?; taxo edits front matter whose keys start their lines", k.Line)
		}
	}
	if n := documentMarker(front); n > 0 {
		// A key added at the end would land in the next document.
		return nil, fmt.Errorf("line %d of the YAML front matter starts another document (--- or ...); taxo edits front matter of one", n)
	}
	y := yamlText{front: front, lines: lineStarts(front)}
	entries := make([]entry, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		entries = append(entries, y.entry(root.Content[i], root.Content[i+1]))
	}
	return entries, nil
}

// documentMarker is the line (counted from 1) of the first "---" or "..."
// that starts a line of front and ends a YAML document there, or 0.
func documentMarker(front []byte) int {
	n := 0
	for line := range bytes.Lines(front) {
		n++
		if len(line) >= 3 && (string(line[:3]) == "---" || string(line[:3]) == "...") &&
			(len(line) == 3 || strings.IndexByte(" \t\r\n", line[3]) >= 0) {
			return n
		}
	}
	return 0
}

// yamlText finds yaml.v3's nodes in the text they were read from.
type yamlText struct {
	front []byte
	lines []int
}

func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset turns yaml.v3's line and column (1-based, the column in
// characters) into a byte offset.
func (y yamlText) offset(n *yaml.Node) int {
	if n.Line < 1 || n.Line > len(y.lines) {
		return -1
	}
	i := y.lines[n.Line-1]
	for c := 1; c < n.Column && i < len(y.front) && y.front[i] != '\n'; c++ {
		_, size := utf8.DecodeRune(y.front[i:])
		i += size
	}
	return i
}

func (y yamlText) entry(k, v *yaml.Node) entry {
	e := entry{key: k.Value, keyStart: y.offset(k), shape: other}
	if k.Kind != yaml.ScalarNode || e.keyStart < 0 {
		e.why = "a key taxo cannot place"
		return e
	}
	end, ok := y.tokenEnd(e.keyStart, false)
	if !ok {
		e.why = "a key taxo cannot place"
		return e
	}
	e.keyEnd = end
	if c := skipSpaces(y.front, end); c < len(y.front) && y.front[c] == ':' {
		e.colon = c + 1
	} else {
		e.why = "a key taxo cannot place"
		return e
	}
	e.after = lineAfter(y.front, e.colon)
	y.value(&e, v)
	return e
}

// value reads the shape of a key's value and where its terms are.
func (y yamlText) value(e *entry, v *yaml.Node) {
	switch {
	case v.Kind == yaml.AliasNode || v.Anchor != "" || v.Style&yaml.TaggedStyle != 0:
		e.why = "an alias, anchor or tag"
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		y.null(e, v)
	case v.Kind == yaml.ScalarNode:
		if it, ok := y.item(v, false); ok {
			e.shape, e.items, e.start, e.end = scalar, []item{it}, it.start, it.end
			e.valueStart, e.after = it.start, lineAfter(y.front, it.end)
		} else {
			e.why = "text over several lines"
		}
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		y.flow(e, v)
	case v.Kind == yaml.SequenceNode:
		y.block(e, v)
	default:
		e.why = "a map"
	}
}

func (y yamlText) null(e *entry, v *yaml.Node) {
	e.shape, e.start, e.end, e.valueStart = null, e.colon, e.colon, e.colon
	i := skipSpaces(y.front, e.colon)
	if i >= len(y.front) || y.front[i] == '\n' || y.front[i] == '#' {
		return // nothing written after the colon
	}
	if y.offset(v) != i {
		e.shape, e.why = other, "a value taxo cannot place"
		return
	}
	end, _ := y.tokenEnd(i, false)
	e.start, e.end, e.valueStart, e.after = i, end, i, lineAfter(y.front, end)
}

func (y yamlText) flow(e *entry, v *yaml.Node) {
	e.open = y.offset(v)
	if e.open < 0 || y.front[e.open] != '[' {
		e.why = "a list taxo cannot place"
		return
	}
	end := e.open + 1
	for _, c := range v.Content {
		it, ok := y.item(c, true)
		if !ok {
			e.why = "a list holding other than terms"
			return
		}
		e.items, end = append(e.items, it), it.end
	}
	e.close = y.closingBracket(end)
	if e.close < 0 {
		e.why = "a list taxo cannot place"
		return
	}
	e.shape, e.valueStart, e.after = flow, e.open, lineAfter(y.front, e.close)
}

// closingBracket finds the ']' after the last term of a flow list.
func (y yamlText) closingBracket(i int) int {
	for i < len(y.front) {
		switch c := y.front[i]; c {
		case ' ', '\t', '\n', ',':
			i++
		case '#':
			i = lineAfter(y.front, i)
		case ']':
			return i
		default:
			return -1
		}
	}
	return -1
}

var blockDash = regexp.MustCompile(`^[ ]*-[ \t]+$`)

func (y yamlText) block(e *entry, v *yaml.Node) {
	for _, c := range v.Content {
		it, ok := y.item(c, false)
		if !ok {
			e.why = "a list holding other than terms"
			return
		}
		if !blockDash.Match(y.front[lineStart(y.front, it.start):it.start]) {
			e.why = "a list taxo cannot place"
			return
		}
		e.items = append(e.items, it)
	}
	last := e.items[len(e.items)-1]
	e.shape, e.valueStart, e.after = block, e.items[0].start, lineAfter(y.front, last.end)
}

// item finds a term of a list (or a lone term) in the text, and checks
// that the text found reads as the term yaml.v3 read.
func (y yamlText) item(n *yaml.Node, flowCtx bool) (item, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Anchor != "" ||
		n.Style&(yaml.TaggedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return item{}, false
	}
	start := y.offset(n)
	if start < 0 {
		return item{}, false
	}
	end, ok := y.tokenEnd(start, flowCtx)
	if !ok || yamlTokenValue(string(y.front[start:end])) != n.Value {
		return item{}, false
	}
	return item{start: start, end: end, term: n.Value}, true
}

// tokenEnd returns the end of the scalar starting at i: past its closing
// quote, or the end of a plain scalar (before a comment, a ": ", and in a
// flow list a comma or bracket).
func (y yamlText) tokenEnd(i int, flowCtx bool) (int, bool) {
	b := y.front
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1, true
			}
		}
		return i, false
	case '\'':
		for j := i + 1; j < len(b); j++ {
			if b[j] == '\'' {
				if j+1 < len(b) && b[j+1] == '\'' {
					j++
					continue
				}
				return j + 1, true
			}
		}
		return i, false
	}
	j := i
	for ; j < len(b) && !plainEnds(b, i, j, flowCtx); j++ {
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t') {
		j--
	}
	return j, j > i
}

func plainEnds(b []byte, start, j int, flowCtx bool) bool {
	c := b[j]
	spaceOrEnd := func(k int) bool {
		return k >= len(b) || b[k] == ' ' || b[k] == '\t' || b[k] == '\n' || (flowCtx && strings.IndexByte(",[]{}", b[k]) >= 0)
	}
	switch {
	case c == '\n':
		return true
	case c == '#':
		return j > start && (b[j-1] == ' ' || b[j-1] == '\t')
	case c == ':':
		return spaceOrEnd(j + 1)
	case flowCtx:
		return strings.IndexByte(",[]{}", c) >= 0
	}
	return false
}

// yamlTokenValue is what a scalar's text reads as, or "\x00" when it does
// not read as one scalar.
func yamlTokenValue(raw string) string {
	if raw == "" || (raw[0] != '"' && raw[0] != '\'') {
		return raw
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(raw), &n); err != nil || len(n.Content) != 1 || n.Content[0].Kind != yaml.ScalarNode {
		return "\x00"
	}
	return n.Content[0].Value
}

func (yamlFormat) render(t string, flowCtx bool, like layout) string {
	switch {
	case yamlPlain(t, flowCtx) && !like.always:
		return t
	case like.quote == '\'':
		return "'" + strings.ReplaceAll(t, "'", "''") + "'"
	}
	// Go's escapes (\", \\, \n, \t, \xXX, \uXXXX …) are all YAML's too.
	return strconv.Quote(t)
}

// reuse writes a scalar that becomes a list's first item: as it was, so
// that it reads as the same value ("tags: 0" stays the number 0, as
// Hugo read it), unless its plain text would not survive a flow list.
func (f yamlFormat) reuse(raw, term string) string {
	if raw[0] == '"' || raw[0] == '\'' || yamlPlain(term, true) || plainInFlow(raw) {
		return raw
	}
	return f.render(term, true, layout{})
}

// plainInFlow reports whether a plain scalar's text reads the same as an
// item of a flow list or a block list: one line, no flow indicator, no
// ": " or " #" that would end it.
func plainInFlow(raw string) bool {
	if strings.ContainsAny(raw, ",[]{}\n\r") || strings.Contains(raw, ": ") || strings.Contains(raw, " #") ||
		strings.HasSuffix(raw, ":") || strings.TrimSpace(raw) != raw {
		return false
	}
	var v any
	return yaml.Unmarshal([]byte(raw), &v) == nil && readsInFlow(raw, v)
}

// yaml11Words are the plain words YAML 1.1 reads as something else than
// text (Hugo 0.111 reads front matter with a YAML 1.1 decoder).
var yaml11Words = map[string]bool{
	"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true, "=": true, "<<": true,
}

// yaml11Number matches what YAML 1.1 or 1.2 may read as a number or a date.
var yaml11Number = regexp.MustCompile(`(?i)^[-+]?(0[box][0-9a-f_]+|[0-9][0-9_]*(:[0-5]?[0-9])*(\.[0-9_]*)?(e[-+]?[0-9]+)?|\.[0-9_]+(e[-+]?[0-9]+)?|\.inf|\.nan)$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`)

// yamlPlain reports whether a term can be written without quotes and read
// back as the same text by YAML 1.1 and 1.2 decoders alike.
func yamlPlain(t string, flowCtx bool) bool {
	switch {
	case t == "" || strings.TrimSpace(t) != t:
		return false
	case strings.IndexByte("-?:,[]{}#&*!|>'\"%@`.", t[0]) >= 0:
		return false
	case strings.Contains(t, ": ") || strings.Contains(t, " #") || strings.HasSuffix(t, ":"):
		return false
	case flowCtx && strings.ContainsAny(t, ",[]{}"):
		return false
	case strings.IndexFunc(t, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		return false
	case yaml11Words[strings.ToLower(t)] || yaml11Number.MatchString(t):
		return false
	}
	var v any
	if err := yaml.Unmarshal([]byte(t), &v); err != nil || v != t {
		return false
	}
	return !flowCtx || readsInFlow(t, t)
}

// readsInFlow reports whether text, as an item of a flow list, reads as
// want: yaml.v3's scanner ends some plain text inside [ ] ("0?0") that it
// reads whole on a line of its own.
func readsInFlow(text string, want any) bool {
	var v []any
	return yaml.Unmarshal([]byte("["+text+"]"), &v) == nil && len(v) == 1 && v[0] == want
}

func (f yamlFormat) newKey(front []byte, entries []entry, anchor int, key string, ed *editor, terms []string) splice {
	indent := ""
	if len(entries) > 0 {
		indent = indentOf(front, lineStart(front, entries[0].keyStart))
	}
	name := f.render(key, false, layout{})
	if ed.like.block {
		return splice{anchor, anchor, indent + name + ":\n" + ed.freshBlock(ed.renderAll(terms, false), indent)}
	}
	return splice{anchor, anchor, indent + name + ": " + ed.freshFlow(ed.renderAll(terms, true), indent) + "\n"}
}

func (yamlFormat) endOfRoot(front []byte, _ []entry) int { return len(front) }
