package loader

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"taxo/internal/safe"
	"taxo/model"
)

// fieldSet records which known fields a file set, so that two layouts of one
// slug can be merged field by field.
type fieldSet uint16

const (
	setTitle fieldSet = 1 << iota
	setDescription
	setAbstract
	setInstructions
	setWeight
	setIcon
	setDate
	setKind
)

// parsed is one file decoded, with what the merge of layouts needs to know.
type parsed struct {
	term    *model.Term
	set     fieldSet
	setRefs []model.Kind // the kinds whose lists the file gives, even empty
	index   bool         // the file is <slug>/_index.md (or index.md)
}

// Parse decodes one term file. rel is its slash-separated path relative to
// the taxonomy root, slug the slug its place gives it and kind the kind its
// folder implies; a ClassificationType field overrides the kind. It never
// fails: what is wrong is returned as problems, and the term is nil only when
// the file cannot be made sense of at all.
func Parse(rel string, src []byte, slug string, kind model.Kind) (*model.Term, []model.Problem) {
	p := parseFile(rel, src, slug, kind, true, termFolder)
	if p.term == nil {
		return nil, p.problems
	}
	return p.term.term, p.problems
}

type fileParser struct {
	rel      string
	found    found  // where the file was found, for Options.Previous
	stamp    stamp  // what the file was when read, for Options.Previous
	load     uint64 // the number of the load that read it
	problems []model.Problem
	term     *parsed
	page     *model.Page // on a site, for a content page
	lang     *Language   // whose taxonomies a term file's lists name
	noFields bool        // fields are checked but not kept (a load without bodies)
}

func (p *fileParser) warn(line, col int, format string, args ...any) {
	p.problems = append(p.problems, model.Problem{Path: p.rel, Line: line, Col: col, Severity: model.Warning, Err: fmt.Errorf(format, args...)})
}

func (p *fileParser) errorAt(line, col int, format string, args ...any) {
	p.problems = append(p.problems, model.Problem{Path: p.rel, Line: line, Col: col, Severity: model.Error, Err: fmt.Errorf(format, args...)})
}

func (p *fileParser) fail(err error) {
	prob := model.Problem{Path: p.rel, Severity: model.Error, Err: err}
	var pe *PosError
	if errors.As(err, &pe) {
		prob.Line, prob.Col, prob.Err = pe.Line, pe.Col, pe.Err
	}
	p.problems = append(p.problems, prob)
}

// parseFile parses one term file; body says whether to keep its body, and
// lang which front matter lists are the terms of a taxonomy.
func parseFile(rel string, src []byte, slug string, kind model.Kind, body bool, lang *Language) *fileParser {
	nodes := newYAMLNodes()
	defer nodes.release()
	p, _, _ := parseTermFile(rel, src, slug, kind, body, lang, nodes)
	return p
}

// parseTermFile is parseFile, giving also the front matter's fields and
// format, for a term page to be read as a page from them; YAML's nodes
// are cut from nodes.
func parseTermFile(rel string, src []byte, slug string, kind model.Kind, body bool, lang *Language, nodes *yamlNodes) (*fileParser, []entry, Format) {
	p := &fileParser{rel: rel, lang: lang, noFields: !body}
	src, ok := p.textOf(src)
	if !ok {
		return p, nil, NoFrontMatter
	}
	src = Normalize(src)
	split, err := SplitFrontMatter(src)
	if err != nil {
		p.fail(err)
		return p, nil, NoFrontMatter
	}
	entries, err := decodeFront(split, nodes)
	if err != nil {
		p.fail(err)
		return p, nil, NoFrontMatter
	}
	t := &model.Term{Kind: kind, Slug: slug, Path: rel, Defined: true}
	p.term = &parsed{term: t, index: isIndexFile(rel)}
	switch {
	case split.Format == NoFrontMatter && len(bytes.TrimSpace(split.Body)) == 0:
		p.warn(0, 0, "file is empty; the term has only the name its path gives it")
	case split.Format == NoFrontMatter:
		t.Title = firstHeading(split.Body)
		p.warn(0, 0, "no front matter; the title is taken from the %s", map[bool]string{true: "first heading", false: "file name"}[t.Title != ""])
	}
	p.fields(entries)
	switch {
	case nodes != nil && nodes.cut:
		// fastYAML cut the term's text from one copy of each field:
		// packing it again would cost more than the few strings it saves.
		if body {
			t.Body = string(split.Body)
		}
	case body:
		pack(t, split.Body)
	default:
		pack(t, nil)
	}
	if i := safe.TooDeep(split.Body); i >= 0 {
		p.warn(split.BodyLine+i, 0, "the body nests block quotes or lists more than %d deep; it is shown as written, not rendered", safe.MaxMarkdownDepth)
	}
	t.ID = idOf(t.Kind, t.Slug, rel)
	return p, entries, split.Format
}

// idOf is model.MakeID(k, slug), cut from the file's path when it is
// written there ("tags/agile/_index.md"), as it most often is: one
// allocation less a term.
func idOf(k model.Kind, slug, rel string) model.ID {
	tax := k.Taxonomy()
	if i := strings.Index(rel, tax+"/"+slug); i >= 0 {
		return model.ID(rel[i : i+len(tax)+1+len(slug)])
	}
	return model.MakeID(k, slug)
}

// pack puts the term's text, body included, in one string that its fields
// are cut from: one allocation per term instead of one per field and title
// listed, which makes a big taxonomy smaller in memory and quicker for the
// garbage collector to go through.
func pack(t *model.Term, body []byte) {
	n := len(t.Title) + len(t.Description) + len(t.Abstract) + len(t.Instructions) + len(t.Icon) + len(body)
	for _, refs := range t.Refs {
		for _, r := range refs {
			n += len(r.Title)
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(t.Title)
	b.WriteString(t.Description)
	b.WriteString(t.Abstract)
	b.WriteString(t.Instructions)
	b.WriteString(t.Icon)
	b.Write(body)
	for _, refs := range t.Refs {
		for _, r := range refs {
			b.WriteString(r.Title)
		}
	}
	text := b.String()
	cut := func(s *string, n int) { *s, text = text[:n], text[n:] }
	cut(&t.Title, len(t.Title))
	cut(&t.Description, len(t.Description))
	cut(&t.Abstract, len(t.Abstract))
	cut(&t.Instructions, len(t.Instructions))
	cut(&t.Icon, len(t.Icon))
	cut(&t.Body, len(body))
	for _, refs := range t.Refs {
		for i := range refs {
			cut(&refs[i].Title, len(refs[i].Title))
		}
	}
}

// fields fills the term from the front matter, field by field.
func (p *fileParser) fields(entries []entry) {
	t := p.term.term
	var seen fieldNames
	var room []model.Ref // every kind's references, cut from one list
	for i := range entries {
		e := &entries[i]
		name := lowerKey(e.key)
		if line, dup := seen.add(name, e.line); dup {
			p.warn(e.line, e.col, "field %q is given twice (also on line %d); the later value wins", e.key, line)
		}
		if e.err != nil {
			p.errorAt(e.line, e.col, "%v; it is ignored", e.err)
			continue
		}
		switch name {
		case "title":
			t.Title, p.term.set = p.text(e), p.term.set|setTitle
		case "description":
			t.Description, p.term.set = p.text(e), p.term.set|setDescription
		case "abstract":
			t.Abstract, p.term.set = p.text(e), p.term.set|setAbstract
		case "instructions":
			t.Instructions, p.term.set = p.text(e), p.term.set|setInstructions
			if safe.TooDeep(t.Instructions) >= 0 {
				p.warn(e.line, e.col, "Instructions nest block quotes or lists more than %d deep; they are shown as written, not rendered", safe.MaxMarkdownDepth)
			}
		case "icon":
			t.Icon, p.term.set = p.text(e), p.term.set|setIcon
		case "weight":
			t.Weight, p.term.set = p.weight(e), p.term.set|setWeight
		case "date":
			if d, ok := p.date(e); ok {
				t.Date, p.term.set = d, p.term.set|setDate
			}
		case "classificationtype":
			if k, ok := p.kind(e); ok {
				t.Kind, p.term.set = k, p.term.set|setKind
			}
		default:
			if k, ok := p.lang.byPlural[name]; ok {
				if t.Refs == nil {
					t.Refs = make([][]model.Ref, 0, p.lang.kinds)
					room = make([]model.Ref, 0, listItems(entries[i:]))
				}
				t.SetRefs(k, p.refs(e, k, &room))
				p.term.setRefs = append(p.term.setRefs, k)
			} else {
				p.keep(e)
			}
		}
	}
}

// fieldNames are the names of a file's fields read so far, with the line
// of each one's last value: a short list for the few most front matter
// has, a map past them.
type fieldNames struct {
	few [24]struct {
		name string
		line int
	}
	n    int
	many map[string]int
}

// add notes a field's name and line, and gives the line it was given on
// before, if it was.
func (f *fieldNames) add(name string, line int) (before int, dup bool) {
	if f.many == nil {
		for i := range f.few[:f.n] {
			if g := &f.few[i]; g.name == name {
				before, g.line = g.line, line
				return before, true
			}
		}
		if f.n < len(f.few) {
			f.few[f.n].name, f.few[f.n].line = name, line
			f.n++
			return 0, false
		}
		f.many = make(map[string]int, 2*len(f.few))
		for _, g := range f.few {
			f.many[g.name] = g.line
		}
	}
	before, dup = f.many[name]
	f.many[name] = line
	return before, dup
}

// lowerKey is strings.ToLower(key), without making the common keys'
// lower case again for every file.
func lowerKey(key string) string {
	i := 0
	for i < len(key) && (key[i] < 'A' || key[i] > 'Z') && key[i] < utf8.RuneSelf {
		i++
	}
	if i == len(key) {
		return key // lower already, as most keys are
	}
	if l, ok := loweredKeys[key]; ok {
		return l
	}
	return strings.ToLower(key)
}

var loweredKeys = func() map[string]string {
	m := make(map[string]string)
	for k := range commonKeys {
		if l := strings.ToLower(k); l != k {
			m[k] = l
		}
	}
	return m
}()

// text reads a field that should be text; numbers and booleans are taken as
// written, with a warning; lists and maps are refused.
func (p *fileParser) text(e *entry) string {
	if n := e.node; n != nil {
		switch {
		case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
			return n.Value
		case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
			return ""
		case n.Kind == yaml.ScalarNode:
			p.warn(e.line, e.col, "%s is a %s, not text; it is taken as written", e.key, yamlKind(n))
			return n.Value
		case n.Kind == yaml.AliasNode && n.Alias != nil && n.Alias.Kind == yaml.ScalarNode:
			return n.Alias.Value
		}
		p.problems = append(p.problems, model.Problem{Path: p.rel, Line: e.line, Col: e.col, Severity: model.Error,
			Err: fmt.Errorf("%s must be text, not a %s; it is ignored", e.key, yamlKind(n))})
		return ""
	}
	switch v := e.value.(type) {
	case string:
		return v
	case nil:
		return ""
	case int, int64, float64, bool:
		p.warn(e.line, e.col, "%s is a %s, not text; it is taken as written", e.key, goKind(v))
		return fmt.Sprint(v)
	}
	p.problems = append(p.problems, model.Problem{Path: p.rel, Line: e.line, Col: e.col, Severity: model.Error,
		Err: fmt.Errorf("%s must be text, not a %s; it is ignored", e.key, goKind(e.value))})
	return ""
}

func (p *fileParser) weight(e *entry) int {
	if n := plainNode(e, "!!int"); n != nil && isPlainInt(n.Value) {
		if w, err := strconv.Atoi(n.Value); err == nil {
			return w // as decoded gives it, without making it an interface
		}
	}
	v, err := e.decoded()
	if err == nil {
		switch w := v.(type) {
		case int:
			return w
		case int64:
			return int(w)
		case uint64:
			if w <= math.MaxInt32 {
				return int(w)
			}
		case float64:
			if w == math.Trunc(w) && math.Abs(w) <= math.MaxInt32 {
				return int(w)
			}
		case string:
			if n, err := strconv.Atoi(strings.TrimSpace(w)); err == nil {
				p.warn(e.line, e.col, "weight %q is text, not a number; it is read as %d", w, n)
				return n
			}
		case nil:
			return 0
		}
	}
	p.warn(e.line, e.col, "weight must be a whole number, not %s; it is ignored", describe(v))
	return 0
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// date reads a date with or without a zone; a date without one is UTC.
func (p *fileParser) date(e *entry) (time.Time, bool) {
	if n := plainNode(e, "!!timestamp"); n != nil {
		if d, ok := yamlTime(n.Value); ok {
			return d, true // as decoded gives it, without making it an interface
		}
	}
	v, err := e.decoded()
	if err == nil {
		switch d := v.(type) {
		case time.Time:
			return d, true
		case toml.LocalDateTime:
			return d.AsTime(time.UTC), true
		case toml.LocalDate:
			return d.AsTime(time.UTC), true
		case string:
			for _, layout := range dateLayouts {
				if t, err := time.Parse(layout, strings.TrimSpace(d)); err == nil {
					return t, true
				}
			}
		case nil:
			return time.Time{}, false
		}
	}
	p.warn(e.line, e.col, "date %s is not a date taxo can read; it is ignored", describe(v))
	return time.Time{}, false
}

func (p *fileParser) kind(e *entry) (model.Kind, bool) {
	name := p.text(e)
	if strings.TrimSpace(name) == "" {
		return 0, false
	}
	k, ok := p.lang.kindByName(name)
	if !ok {
		p.warn(e.line, e.col, "ClassificationType %q is not concepts, categories or tags; the kind is taken from the folder (%s)", name, p.term.term.Kind)
	}
	return k, ok
}

// refs reads a list of titles; a single title is taken as a list of one.
// A list is cut from room while it has room.
func (p *fileParser) refs(e *entry, k model.Kind, room *[]model.Ref) []model.Ref {
	if n := e.node; n != nil {
		switch n.Kind {
		case yaml.SequenceNode:
			refs := takeRefs(room, len(n.Content))
			for i, item := range n.Content {
				title, ok := p.refTitle(e, item, i)
				if ok {
					refs = append(refs, model.Ref{Title: title, Line: e.items[i].line, Col: e.items[i].col})
				}
			}
			return refs
		case yaml.ScalarNode:
			if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
				return nil
			}
			p.warn(e.line, e.col, "%s should be a list; %q is taken as a list of one", e.key, n.Value)
			return []model.Ref{{Title: n.Value, Line: e.line, Col: e.col}}
		default: // a map or an alias, reported below
		}
		p.problems = append(p.problems, model.Problem{Path: p.rel, Line: e.line, Col: e.col, Severity: model.Error,
			Err: fmt.Errorf("%s must be a list of %s titles, not a %s; it is ignored", e.key, k, yamlKind(n))})
		return nil
	}
	switch v := e.value.(type) {
	case nil:
		return nil
	case string:
		if strings.TrimSpace(v) == "" {
			return nil
		}
		p.warn(e.line, e.col, "%s should be a list; %q is taken as a list of one", e.key, v)
		return []model.Ref{{Title: v, Line: e.line, Col: e.col}}
	case []any:
		refs := make([]model.Ref, 0, len(v))
		for _, item := range v {
			switch s := item.(type) {
			case string:
				refs = append(refs, model.Ref{Title: s, Line: e.line})
			default:
				p.warn(e.line, e.col, "an item of %s is a %s, not a title; it is ignored", e.key, goKind(item))
			}
		}
		return refs
	}
	p.problems = append(p.problems, model.Problem{Path: p.rel, Line: e.line, Col: e.col, Severity: model.Error,
		Err: fmt.Errorf("%s must be a list of %s titles, not a %s; it is ignored", e.key, k, goKind(e.value))})
	return nil
}

// takeRefs is an empty list with room for n references, cut from room
// when it has that much left, else made.
func takeRefs(room *[]model.Ref, n int) []model.Ref {
	r := *room
	if cap(r)-len(r) < n {
		return make([]model.Ref, 0, n)
	}
	*room = r[:len(r)+n]
	return r[len(r) : len(r) : len(r)+n]
}

// listItems is how many items the lists among entries hold.
func listItems(entries []entry) int {
	n := 0
	for i := range entries {
		if e := entries[i].node; e != nil && e.Kind == yaml.SequenceNode {
			n += len(e.Content)
		}
	}
	return n
}

func (p *fileParser) refTitle(e *entry, item *yaml.Node, i int) (string, bool) {
	if item.Kind == yaml.AliasNode && item.Alias != nil {
		item = item.Alias
	}
	if item.Kind != yaml.ScalarNode {
		p.warn(e.items[i].line, e.items[i].col, "an item of %s is a %s, not a title; it is ignored", e.key, yamlKind(item))
		return "", false
	}
	if item.Tag == "!!null" || strings.TrimSpace(item.Value) == "" {
		return "", false
	}
	return item.Value, true
}

// maxFieldDepth is how deeply a field may nest lists and maps. Front matter
// never needs more, and show and the browser lay nesting out as indentation,
// which must stay narrow; the decoders' own limits are far deeper.
const maxFieldDepth = 32

// keep stores a field taxo has no special use for, or only checks it
// when fields are not kept.
func (p *fileParser) keep(e *entry) {
	if p.noFields && e.node != nil && plainOK(e.node, maxFieldDepth+1) {
		return // nothing to report: no value need be made
	}
	v, err := e.decoded()
	if err != nil {
		line, col, msg := e.line, e.col, err.Error()
		if e.node != nil {
			if l, c, m := yamlPosition(err, yamlLines{first: e.line - e.node.Line + 1, file: e.lines}); l > 0 {
				line, col, msg = l, c, m
			} else {
				msg = m
			}
		}
		p.errorAt(line, col, "field %q cannot be read: %s; it is ignored", e.key, msg)
		return
	}
	if depth(v, maxFieldDepth+1) > maxFieldDepth {
		p.errorAt(e.line, e.col, "field %q nests lists or maps more than %d deep; it is ignored", e.key, maxFieldDepth)
		return
	}
	if !p.noFields {
		e.kept = plainValue(v)
		p.term.term.Fields = append(p.term.term.Fields, model.Field{Key: e.key, Value: e.kept})
	}
}

// depth is how deeply v nests lists and maps, counting no further than limit.
func depth(v any, limit int) int {
	if limit == 0 {
		return 0
	}
	deepest := 0
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			deepest = max(deepest, depth(item, limit-1))
		}
	case map[string]any:
		for _, item := range x {
			deepest = max(deepest, depth(item, limit-1))
		}
	case map[any]any:
		for _, item := range x {
			deepest = max(deepest, depth(item, limit-1))
		}
	default:
		return 0
	}
	return deepest + 1
}

// plainValue makes decoded values JSON-friendly: maps with keys that are not
// all strings (YAML allows them) get string keys.
func plainValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			x[k] = plainValue(item)
		}
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, item := range x {
			m[fmt.Sprint(k)] = plainValue(item)
		}
		return m
	case []any:
		for i, item := range x {
			x[i] = plainValue(item)
		}
	}
	return v
}

// decoded gives the entry's value as plain Go values.
// plainNode is the entry's YAML scalar when the parser's tag for it is
// tag and none is written out, the value plainScalar reads; else nil.
func plainNode(e *entry, tag string) *yaml.Node {
	if n := e.node; n != nil && n.Kind == yaml.ScalarNode && n.Style&yaml.TaggedStyle == 0 && n.Tag == tag {
		return n
	}
	return nil
}

func (e *entry) decoded() (any, error) {
	if e.node != nil {
		return yamlValue(e.node)
	}
	return e.value, nil
}

// describe names a value in a message: text quoted, numbers as written,
// anything else by its kind.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return "a " + goKind(v)
}

func goKind(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int, int64, uint64, float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case []any:
		return "list"
	case map[string]any:
		return "map"
	case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return "date"
	}
	return fmt.Sprintf("%T", v)
}

// firstHeading returns the text of the body's first "# " heading, if any.
func firstHeading(body []byte) string {
	for line := range bytes.Lines(body) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if h, ok := bytes.CutPrefix(line, []byte("# ")); ok {
			return string(bytes.TrimSpace(h))
		}
		return ""
	}
	return ""
}

// isIndexFile reports whether a path names a bundle's _index.md or index.md.
func isIndexFile(rel string) bool {
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	stem := strings.ToLower(strings.TrimSuffix(base, extOf(base)))
	return stem == "_index" || stem == "index"
}

// extOf is the extension of a file name, with its dot.
func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}
