package tagwrite

import (
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// tomlFormat is front matter between +++ lines.
type tomlFormat struct{}

func (tomlFormat) comments() bool { return true }

func (tomlFormat) defaultLayout([]byte, []entry) layout { return layout{} }

func (tomlFormat) decode(front []byte) (map[string]any, error) {
	var m map[string]any
	err := toml.Unmarshal(front, &m)
	return m, err
}

// entries reads the keys of the root table, the only ones Hugo takes
// taxonomies from; the first [table] header ends it.
func (tomlFormat) entries(front []byte) ([]entry, error) {
	var p unstable.Parser
	p.Reset(front)
	var entries []entry
	for p.NextExpression() {
		n := p.Expression()
		if n.Kind == unstable.Table || n.Kind == unstable.ArrayTable {
			break
		}
		if n.Kind == unstable.KeyValue {
			entries = append(entries, tomlEntry(&p, front, n))
		}
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("invalid TOML front matter: %w", err)
	}
	return entries, nil
}

func tomlEntry(p *unstable.Parser, front []byte, n *unstable.Node) entry {
	keys := n.Key()
	keys.Next()
	k := keys.Node()
	e := entry{key: string(k.Data), keyStart: int(k.Raw.Offset), shape: other}
	lastKey := k
	for keys.Next() {
		lastKey = keys.Node()
		e.why = "a dotted key"
	}
	e.keyEnd = int(lastKey.Raw.Offset + lastKey.Raw.Length)
	e.colon = skipSpaces(front, e.keyEnd) + 1
	e.valueStart = skipSpaces(front, e.colon)
	end := int(n.Raw.Offset + n.Raw.Length)
	e.after = lineAfter(front, end)
	if e.why != "" {
		return e
	}
	v := n.Value()
	switch {
	case v.Kind == unstable.Array:
		e.shape, e.open, e.close = flow, e.valueStart, end-1
		for it := v.Children(); it.Next(); {
			c, ok := tomlItem(p, it.Node())
			if !ok {
				e.shape, e.why, e.items = other, "an array holding other than terms", nil
				break
			}
			e.items = append(e.items, c)
		}
	case v.Kind == unstable.InlineTable:
		e.why = "a table"
	default:
		if it, ok := tomlItem(p, v); ok {
			e.shape, e.items, e.start, e.end = scalar, []item{it}, it.start, it.end
		}
	}
	return e
}

// tomlItem places a term: a string, or another scalar Hugo reads as text.
func tomlItem(p *unstable.Parser, n *unstable.Node) (item, bool) {
	switch n.Kind {
	case unstable.String:
		return item{start: int(n.Raw.Offset), end: int(n.Raw.Offset + n.Raw.Length), term: string(n.Data)}, true
	case unstable.Integer, unstable.Float, unstable.Bool:
		r := p.Range(n.Data)
		return item{start: int(r.Offset), end: int(r.Offset + r.Length), term: string(n.Data)}, true
	default: // a date, a table, an array: not a term
		return item{}, false
	}
}

func (tomlFormat) render(t string, _ bool, like layout) string {
	if like.quote == '\'' && !strings.ContainsAny(t, "'") {
		return "'" + t + "'"
	}
	return tomlBasic(t)
}

// tomlBasic writes a TOML basic string ("…").
func tomlBasic(t string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range t {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (tomlFormat) reuse(raw, _ string) string { return raw }

func tomlKey(k string) string {
	for _, c := range []byte(k) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return tomlBasic(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// newKey writes "key = [...]" on a line of its own, with the spacing around
// "=" of the line before (aligned where that line aligns its "=").
func (tomlFormat) newKey(front []byte, entries []entry, anchor int, key string, ed *editor, terms []string) splice {
	name, indent, eq := tomlKey(key), "", " = "
	if len(entries) > 0 {
		like := entries[0]
		for _, e := range entries {
			if e.after == anchor {
				like = e
			}
		}
		indent = indentOf(front, lineStart(front, like.keyStart))
		before := string(front[like.keyEnd : like.colon-1])
		if len(before) > 1 && isBlank(before) {
			col := like.keyEnd - like.keyStart + len(before)
			before = strings.Repeat(" ", max(1, col-len(name)))
		}
		eq = before + "=" + string(front[like.colon:like.valueStart])
	}
	list := ed.freshFlow(ed.renderAll(terms, true), indent)
	return splice{anchor, anchor, indent + name + eq + list + "\n"}
}

func (tomlFormat) endOfRoot(_ []byte, entries []entry) int {
	if len(entries) == 0 {
		return 0
	}
	return entries[len(entries)-1].after
}
