package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// entry is one top-level front matter field, decoded, with where it stands.
type entry struct {
	key       string
	value     any
	line, col int   // of the value in the file; 0 when unknown
	items     []pos // for a list, where each item stands; nil when unknown
	node      *yaml.Node
	lines     []int // yamlLines.file of the front matter, when it has other line breaks than the file
	err       error // what makes the field unreadable, when it is
	// kept is the value a term file kept of the field, which the term
	// page's page keeps too rather than decoding it again; nil when none.
	kept any
}

type pos struct{ line, col int }

// decodeFront decodes front matter into its top-level fields in file order
// (key order for TOML and JSON, whose decoders do not keep it).
// YAML's nodes are cut from nodes (which may be nil), to release once
// the entries are read.
func decodeFront(s Split, nodes *yamlNodes) ([]entry, error) {
	switch s.Format {
	case YAML:
		return decodeYAML(s.Front, s.FrontLine, nodes)
	case TOML:
		return decodeTOML(s.Front, s.FrontLine)
	case JSON:
		if s.decoded {
			return s.entries, nil
		}
		return decodeJSON(s.Front, s.FrontLine)
	default: // no front matter
		return nil, nil
	}
}

// decodeYAML reads YAML front matter with fastYAML, else with yaml.v3.
func decodeYAML(front []byte, firstLine int, nodes *yamlNodes) ([]entry, error) {
	lines := newYAMLLines(front, firstLine)
	root, err := yamlRoot(front, lines, nodes)
	if root == nil || err != nil {
		return nil, err
	}
	var pairs [][2]*yaml.Node
	var bad *yaml.Node
	n := len(root.Content) / 2
	merged := slices.ContainsFunc(root.Content, isMergeKey)
	if merged {
		pairs, bad = mergedPairs(root)
		n = len(pairs)
	}
	pair := func(i int) (k, v *yaml.Node) {
		if merged {
			return pairs[i][0], pairs[i][1]
		}
		return root.Content[2*i], root.Content[2*i+1]
	}
	entries := nodes.entryList(n + 1)
	if bad != nil {
		entries = append(entries, entry{key: "<<", line: lines.line(bad.Line), col: bad.Column,
			err: errors.New("a merge key (<<) must name a map or a list of maps")})
	}
	var items []pos // the lists' items, cut for each list from one slice
	if nodes != nil {
		items = nodes.items[:0]
	}
	for i := range n {
		k, v := pair(i)
		e := entry{key: k.Value, line: lines.line(v.Line), col: v.Column, node: v, lines: lines.file}
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			// The value, and its items, are written at the anchor.
			v = v.Alias
			e.node = v
		}
		if v.Kind == yaml.SequenceNode {
			if cap(items)-len(items) < len(v.Content) {
				items = make([]pos, 0, max(len(v.Content), 64))
			}
			start := len(items)
			for _, item := range v.Content {
				items = append(items, pos{lines.line(item.Line), item.Column})
			}
			e.items = items[start:len(items):len(items)]
		}
		entries = append(entries, e)
	}
	if nodes != nil && cap(items) > cap(nodes.items) {
		nodes.items = items[:0]
	}
	return entries, nil
}

// yamlRoot is the map of fields front matter holds: read by the fast
// path, else by yaml.v3; nil for empty or null front matter, and an error
// for anything but a map.
func yamlRoot(front []byte, lines yamlLines, nodes *yamlNodes) (*yaml.Node, error) {
	doc, ok := fastYAML(front, nodes)
	if !ok {
		doc = new(yaml.Node)
		if err := yaml.Unmarshal(front, doc); err != nil {
			return nil, yamlError(err, lines)
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty front matter
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &PosError{Line: lines.line(root.Line), Col: root.Column,
			Err: fmt.Errorf("front matter is a %s, not a map of fields", yamlKind(root))}
	}
	return root, nil
}

// mergedPairs lists the keys and values of a mapping as yaml.v3's decoder
// reads them: a merge key ("<<: *base", "<<: [*a, *b]") stands for the
// fields of the maps it names that the mapping does not set itself, an
// earlier map winning over a later one, and a merged map's own merge keys
// are read the same way. As in the decoder, only a mapping's last merge key
// counts. Each map is read once however often it is merged, so that merges
// cannot multiply. A merge key that names something other than maps is
// returned as bad, its pair left out.
func mergedPairs(top *yaml.Node) (pairs [][2]*yaml.Node, bad *yaml.Node) {
	set := make(map[string]bool)
	read := make(map[*yaml.Node]bool)
	var add func(m *yaml.Node)
	add = func(m *yaml.Node) {
		read[m] = true
		var merge *yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			switch {
			case isMergeKey(k):
				merge = m.Content[i+1]
			case m == top || !set[k.Value]:
				// The top mapping keeps a key given twice, for the warning.
				pairs = append(pairs, [2]*yaml.Node{k, m.Content[i+1]})
			}
		}
		for i := 0; i < len(m.Content); i += 2 {
			set[m.Content[i].Value] = true
		}
		if merge == nil {
			return
		}
		sources := mergeSources(merge)
		for _, src := range sources {
			if src == nil || src.Kind != yaml.MappingNode {
				bad = merge
				return
			}
		}
		for _, src := range sources {
			if !read[src] {
				add(src)
			}
		}
	}
	add(top)
	return pairs, bad
}

// isMergeKey reports whether a key is YAML's merge key, as yaml.v3 tells it.
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "" || k.Tag == "!" || k.Tag == "!!merge" || k.Tag == "tag:yaml.org,2002:merge")
}

// mergeSources are the maps a merge key's value names, aliases resolved; a
// nil or a node of another kind where it names something else.
func mergeSources(v *yaml.Node) []*yaml.Node {
	resolve := func(n *yaml.Node) *yaml.Node {
		if n.Kind == yaml.AliasNode {
			return n.Alias
		}
		return n
	}
	if v.Kind == yaml.SequenceNode {
		out := make([]*yaml.Node, len(v.Content))
		for i, item := range v.Content {
			out[i] = resolve(item)
		}
		return out
	}
	return []*yaml.Node{resolve(v)}
}

// yamlValue decodes a node to plain Go values, as yaml.v3 decodes into an
// any. Text, booleans, nulls, whole numbers, dates and the lists and maps
// made of them, which are nearly all that front matter holds, are read from
// the node as they are; the rest goes through the decoder, which is far
// slower.
func yamlValue(n *yaml.Node) (any, error) {
	if v, ok := plainYAML(n, maxFieldDepth+1); ok {
		return v, nil
	}
	var v any
	err := n.Decode(&v)
	return v, err
}

// plainYAML reads a node that needs no decoder, within depth levels; ok is
// false when the decoder must decide (tags written out, anchors, merge keys,
// repeated keys, numbers written other than in plain decimal).
func plainYAML(n *yaml.Node, depth int) (v any, ok bool) {
	if depth == 0 || n.Style&yaml.TaggedStyle != 0 {
		return nil, false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return plainScalar(n)
	case yaml.SequenceNode:
		if n.Tag != "!!seq" {
			return nil, false
		}
		items := make([]any, len(n.Content))
		for i, item := range n.Content {
			if items[i], ok = plainYAML(item, depth-1); !ok {
				return nil, false
			}
		}
		return items, true
	case yaml.MappingNode:
		if n.Tag != "!!map" {
			return nil, false
		}
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || k.Style&yaml.TaggedStyle != 0 {
				return nil, false
			}
			if _, dup := m[k.Value]; dup {
				return nil, false // the decoder says where
			}
			if m[k.Value], ok = plainYAML(n.Content[i+1], depth-1); !ok {
				return nil, false
			}
		}
		return m, true
	default: // a document or an alias, which the decoder reads
		return nil, false
	}
}

// plainOK reports whether plainYAML reads n within depth, without making
// its value: a field that is checked and not kept.
func plainOK(n *yaml.Node, depth int) bool {
	if depth == 0 || n.Style&yaml.TaggedStyle != 0 {
		return false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return plainScalarOK(n)
	case yaml.SequenceNode:
		if n.Tag != "!!seq" {
			return false
		}
		for _, item := range n.Content {
			if !plainOK(item, depth-1) {
				return false
			}
		}
		return true
	case yaml.MappingNode:
		if n.Tag != "!!map" || len(n.Content) > 2*16 {
			return false // a big map's repeated keys are plainYAML's to find
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || k.Style&yaml.TaggedStyle != 0 || !plainOK(n.Content[i+1], depth-1) {
				return false
			}
			for j := 0; j < i; j += 2 {
				if n.Content[j].Value == k.Value {
					return false
				}
			}
		}
		return true
	default:
		return false
	}
}

// plainScalar reads the scalars whose value the parser's tag settles.
func plainScalar(n *yaml.Node) (any, bool) {
	switch n.Tag {
	case "!!str":
		return n.Value, true
	case "!!null":
		switch n.Value {
		case "", "~", "null", "Null", "NULL":
			return nil, true
		}
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return true, true
		case "false", "False", "FALSE":
			return false, true
		}
	case "!!int":
		if isPlainInt(n.Value) {
			i, err := strconv.Atoi(n.Value)
			return i, err == nil
		}
	case "!!float":
		if isPlainDecimal(n.Value) {
			f, err := strconv.ParseFloat(n.Value, 64)
			return f, err == nil
		}
	case "!!timestamp":
		return yamlTimestamp(n.Value)
	}
	return nil, false
}

// plainScalarOK reports whether plainScalar reads n, without making its
// value an interface, which allocates.
func plainScalarOK(n *yaml.Node) bool {
	switch n.Tag {
	case "!!str":
		return true
	case "!!null":
		switch n.Value {
		case "", "~", "null", "Null", "NULL":
			return true
		}
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return true
		}
	case "!!int":
		if isPlainInt(n.Value) {
			_, err := strconv.Atoi(n.Value)
			return err == nil
		}
	case "!!float":
		if isPlainDecimal(n.Value) {
			_, err := strconv.ParseFloat(n.Value, 64)
			return err == nil
		}
	case "!!timestamp":
		_, ok := yamlTime(n.Value)
		return ok
	}
	return false
}

// isPlainDecimal reports whether s is digits, a point and digits, maybe
// after a minus: a number every YAML version reads alike.
func isPlainDecimal(s string) bool {
	whole, frac, ok := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	return ok && whole != "" && frac != "" && allDigits(whole) && allDigits(frac)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// yamlTimestampLayouts are the layouts yaml.v3 reads dates with, in its
// order.
var yamlTimestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// yamlTimestamp reads a date as yaml.v3 does.
func yamlTimestamp(s string) (any, bool) {
	if t, ok := yamlTime(s); ok {
		return t, true
	}
	return nil, false
}

// yamlTime is yamlTimestamp's date, not made an interface (which
// allocates) for those that only ask whether it is one.
func yamlTime(s string) (time.Time, bool) {
	if len(s) < 5 || s[4] != '-' || !allDigits(s[:4]) {
		return time.Time{}, false
	}
	if t, ok := utcTime(s); ok {
		return t, true
	}
	layout, ok := timestampLayout(s)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

// utcTime reads the dates front matter nearly always has, 2025-02-17 and
// 2025-02-17T15:00:00Z, as time.Parse reads them with yamlTimestampLayouts
// but without going through the layouts; ok is false for any other text,
// and for a day past the 28th, which time.Parse checks against its month.
func utcTime(s string) (time.Time, bool) {
	if len(s) != 10 && (len(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') ||
		s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	num := func(i int) int {
		if !isDigit(s[i]) || !isDigit(s[i+1]) {
			return -1
		}
		return int(s[i]-'0')*10 + int(s[i+1]-'0')
	}
	year := num(0)*100 + num(2)
	month, day := num(5), num(8)
	hour, minute, sec := 0, 0, 0
	if len(s) == 20 {
		hour, minute, sec = num(11), num(14), num(17)
	}
	if num(0) < 0 || num(2) < 0 || month < 1 || month > 12 || day < 1 || day > 28 ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC), true
}

// timestampLayout is the one layout of yamlTimestampLayouts that may read
// s (a year and a dash): each starts with the date, its month and day
// read as one digit or two, and goes on with a different byte; the first
// two need a zone. A failed time.Parse costs an allocation, and most text
// that starts like a date is one.
func timestampLayout(s string) (string, bool) {
	i := 5
	for part := range 2 { // the month, then the day: a digit or two
		if i >= len(s) || !isDigit(s[i]) {
			return "", false
		}
		i++
		if i < len(s) && isDigit(s[i]) {
			i++
		}
		if part == 0 {
			if i >= len(s) || s[i] != '-' {
				return "", false
			}
			i++
		}
	}
	switch {
	case i == len(s):
		return yamlTimestampLayouts[3], true
	case s[i] == 'T' && strings.ContainsAny(s[i:], "Z+-"):
		return yamlTimestampLayouts[0], true
	case s[i] == 't' && strings.ContainsAny(s[i:], "Z+-"):
		return yamlTimestampLayouts[1], true
	case s[i] == ' ':
		return yamlTimestampLayouts[2], true
	}
	return "", false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isPlainInt reports whether s is a whole number in decimal digits that
// reads the same in every YAML version: no sign but minus, no leading zero,
// no underscores, short enough for an int.
func isPlainInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && len(s) <= 18 && (s[0] != '0' || len(s) == 1) && allDigits(s)
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "map"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return "number"
		case "!!bool":
			return "boolean"
		case "!!null":
			return "null"
		case "!!timestamp":
			return "date"
		}
		return "text"
	default:
		return "value"
	}
}

var (
	yamlLine    = regexp.MustCompile(`line (\d+)(?:, column (\d+))?:?\s*`)
	yamlLineRef = regexp.MustCompile(`\bline (\d+)`)
)

// yamlError moves the line a YAML error names from the front matter to the file.
func yamlError(err error, lines yamlLines) error {
	line, col, msg := yamlPosition(err, lines)
	if line == 0 {
		line = lines.first
	}
	return &PosError{Line: line, Col: col, Err: fmt.Errorf("invalid YAML front matter: %s", msg)}
}

// yamlPosition splits a YAML error into the place it names, counted in the
// file rather than the front matter (0 when it names none), and its message,
// where other lines it mentions ("already defined at line 4") are moved too.
func yamlPosition(err error, lines yamlLines) (line, col int, msg string) {
	msg = err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		line, _ = strconv.Atoi(msg[m[2]:m[3]])
		if m[4] >= 0 {
			col, _ = strconv.Atoi(msg[m[4]:m[5]])
		}
		msg = msg[:m[0]] + msg[m[1]:]
		if isYAMLParserProblem(msg) {
			// yaml.v3 counts lines from 0 for parser errors (it adds one
			// for scanner errors only).
			line++
		}
		line = lines.line(line)
	}
	msg = yamlLineRef.ReplaceAllStringFunc(trimYAMLPrefix(msg), func(ref string) string {
		n, _ := strconv.Atoi(ref[len("line "):])
		return "line " + strconv.Itoa(lines.line(n))
	})
	return line, col, msg
}

// yamlParserProblems begin the messages of yaml.v3's parser, as opposed to
// its scanner.
var yamlParserProblems = []string{"did not find expected", "found duplicate %", "found incompatible YAML document", "found undefined tag handle"}

func isYAMLParserProblem(msg string) bool {
	msg = trimYAMLPrefix(msg)
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func trimYAMLPrefix(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"yaml: unmarshal errors:", "yaml:"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimSpace(rest)
		}
	}
	return s
}

func decodeTOML(front []byte, firstLine int) ([]entry, error) {
	var m map[string]any
	if err := toml.Unmarshal(front, &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, &PosError{Line: firstLine + row - 1, Col: col, Err: fmt.Errorf("invalid TOML front matter: %s", strings.TrimPrefix(de.Error(), "toml: "))}
		}
		return nil, &PosError{Line: firstLine, Err: fmt.Errorf("invalid TOML front matter: %w", err)}
	}
	return mapEntries(m), nil
}

func decodeJSON(front []byte, firstLine int) ([]entry, error) {
	dec := json.NewDecoder(bytes.NewReader(front))
	dec.UseNumber()
	fail := func(err error) error {
		l, c := position(front, int(dec.InputOffset()))
		return &PosError{Line: firstLine + l - 1, Col: c, Err: fmt.Errorf("invalid JSON front matter: %w", err)}
	}
	if tok, err := dec.Token(); err != nil {
		return nil, fail(err)
	} else if tok != json.Delim('{') {
		return nil, fail(errors.New("front matter is not an object"))
	}
	var entries []entry
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		key, _ := tok.(string)
		l, _ := position(front, int(dec.InputOffset()))
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fail(err)
		}
		entries = append(entries, entry{key: key, value: jsonValue(v), line: firstLine + l - 1})
	}
	if _, err := dec.Token(); err != nil && err != io.EOF {
		return nil, fail(err)
	}
	return entries, nil
}

// jsonValue turns json.Number into int or float64, as YAML would decode them.
func jsonValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = jsonValue(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = jsonValue(x[k])
		}
	}
	return v
}

func mapEntries(m map[string]any) []entry {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	entries := make([]entry, len(keys))
	for i, k := range keys {
		entries[i] = entry{key: k, value: m[k]}
	}
	return entries
}
