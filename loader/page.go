package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"taxo/model"
)

// A content page is read only up to the end of its front matter, which is
// all a load needs of it; Result.Body reads the rest when it is shown.

// frontChunk is how much of a page is read at first; most front matter
// ends well within it, and a longer one doubles the read until it ends.
const frontChunk = 8 << 10

// readFront reads the start of a page: up to the end of its front matter,
// or the first chunk when it has none. It refuses what readLimited
// refuses, and reads a UTF-16 file whole, to convert it; into buf when
// it is large enough.
func readFront(buf []byte, fsys fs.FS, name string, maxSize int64) ([]byte, fs.FileInfo, error) {
	f, info, err := openLimited(fsys, name, maxSize)
	if err != nil {
		return nil, info, err
	}
	defer f.Close()
	want := min(info.Size()+1, frontChunk)
	data := buf[:0:min(int64(cap(buf)), want)] // no more than a chunk at first, whatever buf holds
	if int64(cap(data)) < want {
		data = make([]byte, 0, want)
	}
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		eof := errors.Is(err, io.EOF)
		if err != nil && !eof {
			return nil, nil, fmt.Errorf("cannot read the file: %w", unwrapPathError(err))
		}
		if int64(len(data)) > maxSize {
			return nil, nil, fmt.Errorf("file grew over the %s limit while being read; it is skipped", byteSize(maxSize))
		}
		if int64(len(data)) == info.Size() {
			// All of it, in one read for most pages: parsePage finds where
			// the front matter ends as it reads it.
			return data, info, nil
		}
		if !bytes.HasPrefix(data, bomUTF16LE) && !bytes.HasPrefix(data, bomUTF16BE) {
			if end, ok := frontEnd(data); ok {
				return data[:end], info, nil
			}
		}
		if eof {
			return data, info, nil
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, max(len(data), frontChunk))
		}
	}
}

// frontEnd says where the front matter at the start of b ends, counting
// the line that closes it; ok is false while b may end inside it. A page
// without front matter ends before its first line that is not blank.
func frontEnd(b []byte) (end int, ok bool) {
	start := 0
	if bytes.HasPrefix(b, bom) {
		start = len(bom)
	}
	for {
		nl := bytes.IndexByte(b[start:], '\n')
		if nl < 0 {
			return 0, false // a first line not yet whole
		}
		line := bytes.TrimRight(b[start:start+nl], " \t\r")
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			start += nl + 1
			continue
		case bytes.Equal(line, []byte("---")), bytes.Equal(line, []byte("+++")):
			return delimitedEnd(b, start+nl+1, string(line))
		case line[0] == '{':
			return jsonEnd(b, start)
		}
		return start, true
	}
}

// delimitedEnd finds the line holding delim alone after from.
func delimitedEnd(b []byte, from int, delim string) (int, bool) {
	for i := from; i < len(b); {
		nl := bytes.IndexByte(b[i:], '\n')
		if nl < 0 {
			return 0, false
		}
		if string(bytes.TrimRight(b[i:i+nl], " \t\r")) == delim {
			return i + nl + 1, true
		}
		i += nl + 1
	}
	return 0, false
}

// jsonEnd finds the end of the line where the JSON object at start
// closes, minding strings and their escapes.
func jsonEnd(b []byte, start int) (int, bool) {
	depth, inString, escaped := 0, false, false
	for i := start; i < len(b); i++ {
		c := b[i]
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				if nl := bytes.IndexByte(b[i:], '\n'); nl >= 0 {
					return i + nl + 1, true
				}
				return 0, false
			}
		}
	}
	return 0, false
}

// isContentFile says which files of a site's content folder are pages:
// those Hugo 0.111 reads as content and that taxo can read (markdown and
// HTML; Hugo's AsciiDoc, reStructuredText, Org and Pandoc pages need
// programs of their own and are left out). Extensions are matched as
// Hugo matches them, in lower case only.
func isContentFile(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	switch path.Ext(name) {
	case ".md", ".markdown", ".mdown", ".html", ".htm":
		return true
	}
	return false
}

// pageParser is a fileParser for a content page, with the site's rules.
type pageParser struct {
	*fileParser
	site    *Site
	lang    *Language
	format  Format
	page    *model.Page
	modTime time.Time
}

// parsePage reads a content page's front matter into a page, as Hugo
// 0.111 reads it, with its other fields or (for a load without bodies)
// without. src is the start of the file that readFront read. An
// HTML file that starts with a tag is no page, as Hugo has it; a page
// whose front matter cannot be read is reported and left out.
func parsePage(f found, src []byte, site *Site, modTime time.Time, fields bool) *fileParser {
	p := &pageParser{fileParser: &fileParser{rel: f.rel, noFields: !fields}, site: site, lang: site.Language(f.lang), modTime: modTime}
	if ext := path.Ext(f.rel); (ext == ".html" || ext == ".htm") && bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("<")) {
		return p.fileParser
	}
	split, ok, err := p.split(src)
	if err != nil {
		p.fail(err)
		return p.fileParser
	}
	if !ok {
		return p.fileParser
	}
	nodes := newYAMLNodes()
	defer nodes.release()
	entries, err := decodeFront(split, nodes)
	if err != nil {
		p.fail(err)
		return p.fileParser
	}
	p.format = split.Format
	p.page = &model.Page{Path: f.rel, Lang: f.lang, Section: f.role == sectionPage || f.role == taxonomyPage}
	p.read(entries)
	p.fileParser.page = p.page
	return p.fileParser
}

// split cuts the page's front matter out of the start of its file, which
// may hold all or part of its body too. Only the front matter is checked
// and read as text: a page's body is not taxo's to judge. JSON front
// matter is read in the same pass, when it can be (readJSONObject). ok
// is false when the file is not text.
func (p *pageParser) split(src []byte) (s Split, ok bool, err error) {
	if !bytes.HasPrefix(src, bomUTF16LE) && !bytes.HasPrefix(src, bomUTF16BE) {
		start, line := skipBlankLines(bytes.TrimPrefix(src, bom))
		start += len(src) - len(bytes.TrimPrefix(src, bom))
		if start < len(src) && src[start] == '{' {
			if entries, n, ok := readJSONObject(src[start:], line); ok {
				s := jsonSplit(src, start, start+n, line)
				s.Body, s.entries, s.decoded = nil, entries, true
				return s, true, nil
			}
		}
		if end, ok := frontEnd(src); ok {
			src = src[:end]
		}
	}
	text, ok := p.textOf(src)
	if !ok {
		return Split{}, false, nil
	}
	s, err = SplitFrontMatter(Normalize(text))
	return s, true, err
}

// read fills the page from its front matter.
func (p *pageParser) read(entries []entry) {
	byKey := fieldMaps.Get().(map[string]*entry)
	defer func() {
		clear(byKey)
		fieldMaps.Put(byKey)
	}()
	for i := range entries {
		e := &entries[i]
		name := lowerASCII(e.key)
		if prev, dup := byKey[name]; dup {
			p.warn(e.line, e.col, "field %q is given twice (also on line %d); the later value wins", e.key, prev.line)
		}
		byKey[name] = e
	}
	pg := p.page
	pg.Title = p.textField(byKey["title"])
	pg.Description = p.textField(byKey["description"])
	p.draft(byKey)
	p.dates(byKey)
	n := 0
	for _, t := range p.lang.Taxonomies {
		if e := byKey[t.Plural]; e != nil {
			n += itemCount(e)
		}
	}
	pg.Terms = slices.Grow(pg.Terms, n) // once for every taxonomy
	for _, t := range p.lang.Taxonomies {
		if e := byKey[t.Plural]; e != nil {
			p.terms(e, t.Kind)
		}
	}
	pg.Terms = slices.Clip(pg.Terms)
	if p.noFields {
		return // a load without bodies keeps no fields, and a page's are checked for nothing
	}
	pg.Fields = make([]model.Field, 0, len(entries))
	for i := range entries {
		e := &entries[i]
		if !p.isKnown(lowerASCII(e.key)) {
			p.keepPage(e)
		}
	}
}

// fieldMaps are maps of a page's fields by lower-case key, which read
// takes and gives back: pages have much the same fields, and a map that
// held one page's holds the next's without growing.
var fieldMaps = sync.Pool{New: func() any { return make(map[string]*entry, 32) }}

// isKnown says which front matter keys the page's own fields hold.
func (p *pageParser) isKnown(name string) bool {
	switch name {
	case "title", "description", "draft", "published":
		return true
	}
	if _, ok := p.lang.kindOf(name); ok {
		return true
	}
	return p.site.dates.all[name]
}

// value is an entry's value as Hugo's decoders give it: YAML as YAML
// 1.1, JSON numbers as floats.
func (p *pageParser) value(e *entry) (any, error) {
	switch {
	case e == nil:
		return nil, nil
	case e.node != nil:
		return yaml11(e.node)
	case p.format == JSON:
		if i, ok := e.value.(int); ok {
			return float64(i), nil
		}
	}
	return e.value, nil
}

// textField reads a field as text, as cast.ToString does: a number or a
// boolean as written, a list or a map as nothing.
func (p *pageParser) textField(e *entry) string {
	if e != nil && e.node != nil {
		if s, ok := yaml11Text(e.node); ok {
			return s // as below, without making it an interface
		}
	}
	v, err := p.value(e)
	if err != nil {
		return ""
	}
	s, _ := scalarText(v)
	return s
}

// draft works out whether the page is a draft: draft, else the opposite of
// published, each as cast.ToBool reads it (a JSON or TOML number is
// neither true nor false, and so not a draft).
func (p *pageParser) draft(byKey map[string]*entry) {
	read := func(e *entry) (bool, bool) {
		v, err := p.value(e)
		if err != nil || e == nil {
			return false, false
		}
		return castBool(v)
	}
	if d, ok := read(byKey["draft"]); ok {
		p.page.Draft = d
		return
	}
	if byKey["draft"] != nil {
		return
	}
	if pub, ok := read(byKey["published"]); ok {
		p.page.Draft = !pub
	}
}

// dates works out the page's dates as Hugo's front matter handler does:
// each from the first of its keys whose value is a date.
func (p *pageParser) dates(byKey map[string]*entry) {
	d := p.site.dates
	pg := p.page
	pg.Date = p.firstDate(d.date, byKey)
	pg.Lastmod = p.firstDate(d.lastmod, byKey)
	pg.PublishDate = p.firstDate(d.publishDate, byKey)
	pg.ExpiryDate = p.firstDate(d.expiryDate, byKey)
}

func (p *pageParser) firstDate(keys []string, byKey map[string]*entry) time.Time {
	for _, k := range keys {
		switch k {
		case ":filename":
			if d, ok := dateFromFilename(p.baseName(), p.lang.Location); ok {
				return d
			}
		case ":filemodtime":
			if !p.modTime.IsZero() {
				return p.modTime
			}
		case ":git":
			// taxo reads no Git history.
		default:
			e := byKey[k]
			if e == nil {
				continue
			}
			if e.node != nil {
				if s, ok := yaml11Text(e.node); ok {
					if d, ok := castDate(s, p.lang.Location); ok { // hugoDate of text, without making it an interface
						return d
					}
					continue
				}
			}
			v, err := p.value(e)
			if err != nil {
				continue
			}
			if d, ok := hugoDate(v, p.lang.Location); ok {
				return d
			}
		}
	}
	return time.Time{}
}

// baseName is the name Hugo's :filename reads a date from: a leaf
// bundle's folder, else the file's name.
func (p *pageParser) baseName() string {
	base := path.Base(p.rel)
	if strings.HasPrefix(base, "index.") {
		return path.Base(path.Dir(p.rel))
	}
	return base
}

// dateFromFilename reads a date from the first ten characters of a file
// name without its extension, as in 2022-02-22-my-post.md.
func dateFromFilename(name string, loc *time.Location) (time.Time, bool) {
	stem := strings.TrimSuffix(name, path.Ext(name))
	if len(stem) < 10 {
		return time.Time{}, false
	}
	return hugoDate(stem[:10], loc)
}

// terms reads the terms of one taxonomy as Hugo does: a list, or one
// value taken as a list of one; each item as text (numbers and booleans as
// written; lists, maps and nulls as nothing); filed under its key, items
// whose key is empty dropped, each key once.
func (p *pageParser) terms(e *entry, k model.Kind) {
	var room [16]termItem // most pages give fewer terms: no allocation
	items := p.termItems(e, room[:0])
	p.page.Terms = slices.Grow(p.page.Terms, len(items))
	start := len(p.page.Terms) // this taxonomy's terms are from here on
	var seen map[string]bool   // when there are many, to find repeats
	if len(items) > 64 {
		seen = make(map[string]bool, len(items))
	}
	plural := k.Taxonomy()
	p.termKeys(items)
	for _, it := range items {
		title, key := it.text, it.key
		if !it.isText {
			continue // not text: scalarText gave nothing
		}
		if key != "" && !hugoListsKey(plural, key) {
			p.warn(it.line, it.col, "%s %q is lost: Hugo 0.111 files it under %q and never lists the page there (a key that ends with a dot)", k, title, key)
			continue
		}
		switch {
		case key == "":
			continue
		case seen != nil:
			if seen[key] {
				continue
			}
			seen[key] = true
		case slices.ContainsFunc(p.page.Terms[start:], func(pt model.PageTerm) bool { return pt.Key == key }):
			continue
		}
		p.page.Terms = append(p.page.Terms, model.PageTerm{Kind: k, Key: key, Title: title, Line: it.line, Col: it.col})
	}
}

// termKeys reads the items' titles (each item made text, when it is
// not already, or marked as not text) and their keys, as termKey makes
// them: those of plain ASCII titles are cut from one string, one
// allocation for the list rather than one a term.
func (p *pageParser) termKeys(items []termItem) {
	type span struct{ i, start, end int }
	var spanArr [16]span
	var bufArr [256]byte
	spans, buf := spanArr[:0], bufArr[:0]
	for i := range items {
		it := &items[i]
		if !it.isText {
			it.text, it.isText = scalarText(it.v)
			if !it.isText {
				continue
			}
		}
		if title := it.text; !isPlainKey(title) && !p.site.noAccents && isASCII(title) {
			start := len(buf)
			buf = appendASCIIKey(buf, title, p.site.pathToLower)
			spans = append(spans, span{i, start, len(buf)})
			continue
		}
		it.key = termKey(it.text, p.site.pathToLower, p.site.noAccents)
	}
	text := string(buf)
	for _, s := range spans {
		items[s.i].key = text[s.start:s.end]
	}
}

// itemCount is about how many terms a taxonomy's field gives: its items
// when it is a list, else one.
func itemCount(e *entry) int {
	if e.node != nil && e.node.Kind == yaml.SequenceNode {
		return len(e.node.Content)
	}
	if v, ok := e.value.([]any); ok {
		return len(v)
	}
	return 1
}

// termItem is one value a taxonomy's field gives, and where it stands:
// text (most are) is kept as text, not made an interface.
type termItem struct {
	v         any
	text      string
	isText    bool
	key       string // termKeys'
	line, col int
}

// termItems are the values of a taxonomy's field, appended to items: a
// list's items, or one value; nothing for a map or a null.
func (p *pageParser) termItems(e *entry, items []termItem) []termItem {
	if n := e.node; n != nil && n.Kind == yaml.SequenceNode {
		for i, c := range n.Content {
			if s, ok := yaml11Text(c); ok {
				items = append(items, termItem{text: s, isText: true, line: e.items[i].line, col: e.items[i].col})
				continue
			}
			v, err := yaml11(c)
			if err != nil {
				v = nil
			}
			items = append(items, termItem{v: v, line: e.items[i].line, col: e.items[i].col})
		}
		return items
	}
	v, err := p.value(e)
	if err != nil {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			items = append(items, termItem{v: it, line: e.line, col: e.col})
		}
		return items
	case map[string]any, nil:
		return nil
	}
	return append(items, termItem{v: v, line: e.line, col: e.col})
}

// keepPage stores a field the page has no special use for, as keep does
// for a term.
func (p *pageParser) keepPage(e *entry) {
	if e.kept != nil { // a term page's field its term keeps: the same value
		p.page.Fields = append(p.page.Fields, model.Field{Key: e.key, Value: e.kept})
		return
	}
	if e.node == nil {
		switch e.value.(type) {
		case string, int, float64, bool, nil:
			// Most fields: nothing nested to check or make plain.
			p.page.Fields = append(p.page.Fields, model.Field{Key: e.key, Value: e.value})
			return
		}
	}
	v, err := e.decoded()
	if err != nil {
		return // the value is shown nowhere but in the page's fields
	}
	if depth(v, maxFieldDepth+1) > maxFieldDepth {
		return
	}
	if p.format != JSON { // JSON has no maps with keys that are not text
		v = plainValue(v)
	}
	p.page.Fields = append(p.page.Fields, model.Field{Key: e.key, Value: v})
}

// parseTermPage reads a site's term page as a term file, and as a page for
// whether Hugo publishes it, from the one reading of its front matter.
func parseTermPage(f found, src []byte, body bool, site *Site, modTime time.Time) *fileParser {
	nodes := newYAMLNodes()
	defer nodes.release()
	p, entries, format := parseTermFile(f.rel, src, f.slug, f.kind, body, site.Language(f.lang), nodes)
	if p.term == nil {
		return p
	}
	p.term.term.Lang = f.lang
	if ext := path.Ext(f.rel); (ext == ".html" || ext == ".htm") && bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("<")) {
		return p // no page to Hugo, as parsePage has it
	}
	pp := &pageParser{fileParser: &fileParser{rel: f.rel, noFields: !body}, site: site, lang: site.Language(f.lang), modTime: modTime, format: format}
	pp.page = &model.Page{Path: f.rel, Lang: f.lang}
	pp.read(entries)
	shareText(pp.page, p.term.term)
	p.term.term.Page = pp.page
	return p
}

// shareText makes the page's text that repeats its term's own (the term
// keeps a copy of its title, description, abstract, instructions and
// icon, which the page has as its title, description and fields) the
// term's, so that a site's term pages hold that text once in memory; the
// fields both keep share their values already (keepPage).
func shareText(pg *model.Page, t *model.Term) {
	own := [...]string{t.Title, t.Description, t.Abstract, t.Instructions, t.Icon}
	find := func(s string) (string, bool) {
		for _, o := range own {
			if len(o) == len(s) && len(s) > 0 && o == s {
				return o, true
			}
		}
		return s, false
	}
	pg.Title, _ = find(pg.Title)
	pg.Description, _ = find(pg.Description)
	for i := range pg.Fields {
		if s, ok := pg.Fields[i].Value.(string); ok {
			if o, ok := find(s); ok {
				pg.Fields[i].Value = o
			}
		}
	}
}

// sameFields calls same(i, k) for each field i of a term page's page that
// holds what the term's field k holds, under the same key. The page has
// the term's fields in the same order, with the term's own between them.
func sameFields(page, term []model.Field, same func(i, k int)) {
	from := 0
	for i, f := range page {
		for k := from; k < len(term); k++ {
			if term[k].Key == f.Key {
				from = k + 1
				if reflect.DeepEqual(term[k].Value, f.Value) {
					same(i, k)
				}
				break
			}
		}
	}
}

// lowerASCII is strings.ToLower, without a copy for a key already in lower
// case, as front matter keys mostly are.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
