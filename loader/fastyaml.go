package loader

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 turns front matter into nodes through a scanner, a parser of
// events and a composer, each a state machine that copies what it reads;
// it took half of a load's time. Nearly all front matter is a few shapes:
// a map of keys to plain or quoted text on one line, block text (| and >),
// lists of such text, written a line an item or in brackets, and maps of
// the same nested by indentation. fastYAML reads those shapes into the very
// nodes yaml.Unmarshal gives (kind, style, tag, value, line and column), in
// one pass, and gives up on anything else (anchors, tags written out, text
// over several lines, tabs in the indentation, complex keys, …), which
// yaml.v3 then reads. FuzzFastYAML checks that whatever it reads, yaml.v3
// reads the same; the comments yaml.v3 keeps on nodes are not made, since
// the loader reads none.

// maxFastDepth is how deeply fastYAML nests maps and lists before it
// leaves the text to yaml.v3.
const maxFastDepth = 16

// maxFastKey is the longest key fastYAML reads: yaml.v3 refuses a key over
// 1024 characters, and no field needs a long one.
const maxFastKey = 256

// fastReader reads front matter line by line.
type fastReader struct {
	src   []byte
	i     int // start of the current line
	line  int // its number, 1-based
	depth int
	ok    bool
	nodes *yamlNodes // where nodes are cut from
	// text is src[textAt:textEnd] as text, the values written as they
	// stand being cut from it (cut).
	text            string
	textAt, textEnd int
}

// cut is the text of src[start:end]. Each top-level field's value is
// copied whole the first time a value in it is wanted (small front matter
// all at once), and the values in it cut from that one copy: a list of titles or a map of text is one
// allocation, not one per item, and what a term keeps of a field holds no
// more than that field (nothing a term leaves, nor the keys).
func (r *fastReader) cut(start, end int) string {
	if start == end {
		return ""
	}
	if start < r.textAt || end > r.textEnd {
		r.textAt, r.textEnd = start, fieldEnd(r.src, start, end)
		if len(r.src) <= smallFront {
			r.textAt, r.textEnd = 0, len(r.src)
		}
		r.text = string(r.src[r.textAt:r.textEnd])
	}
	return r.text[start-r.textAt : end-r.textAt]
}

// smallFront is the size of front matter copied whole, once: a content
// page's few fields, nearly all of which the page keeps.
const smallFront = 1024

// fieldEnd is where the copy of the top-level field that src[end-1] is
// in ends: at the next line that starts at the margin with neither a
// list's dash nor a comment (or at the end), taking in the fields of one
// line that follow, while the copy from start is under maxCut, so that
// a date, a weight and the like are not each a copy of their own. A
// guess too short costs only another copy.
func fieldEnd(src []byte, start, end int) int {
	for i := end; ; {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return len(src)
		}
		i += nl + 1
		if i == len(src) {
			return i
		}
		if !atMargin(src, i) {
			continue // the field goes on
		}
		next := bytes.IndexByte(src[i:], '\n')
		if next < 0 || i-start > maxCut {
			return i - 1 // without the line feed
		}
		if j := i + next + 1; j < len(src) && !atMargin(src, j) {
			return i - 1 // a field over several lines: a copy of its own
		}
	}
}

// atMargin reports whether the line at i starts a top-level field: at
// the margin, neither a list's dash nor a comment nor blank.
func atMargin(src []byte, i int) bool {
	switch c := src[i]; {
	case c == ' ', c == '\t', c == '\n', c == '#':
		return false
	case c == '-' && (i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n'):
		return false
	}
	return true
}

// maxCut is how long a copy grows before fieldEnd takes in no more fields.
const maxCut = 1024

// yamlNodes are the nodes of one file's front matter, cut from chunks that
// go back to a pool once the file is read (release): a load makes them by
// the million, and nothing keeps one past its file.
type yamlNodes struct {
	chunks [][]yaml.Node
	used   int // chunks in use, the last maybe in part
	// The maps' and lists' children are cut from lists of pointers the
	// same way, each made once its last child is read (stack holds them
	// until then); lines is blockLines' list of lines.
	ptrs     [][]*yaml.Node
	ptrsUsed int
	stack    []*yaml.Node
	lines    [][]byte
	cut      bool    // whether fastYAML read the text, its values cut by field (fastReader.cut)
	entries  []entry // decodeYAML's, which hold the nodes
	items    []pos   // decodeYAML's, where the lists' items stand
}

// ptrChunk is how many children a chunk of ptrs holds.
const ptrChunk = 128

// nodeChunk is how many nodes a chunk holds: most front matter needs one.
const nodeChunk = 64

var nodePool = sync.Pool{New: func() any { return new(yamlNodes) }}

// newYAMLNodes takes nodes from the pool; nil stands for nodes that are
// never given back.
func newYAMLNodes() *yamlNodes { return nodePool.Get().(*yamlNodes) }

// release gives the nodes back: none of them may be used after. They are
// not cleared: fastReader.node sets again what a node held as it hands it
// out, and every list is written before it is read, so clearing them
// (memory with pointers, which the garbage collector must be told of
// while it marks) would cost a tenth of fastYAML for nothing. What the
// pooled chunks still point to (a file's text values, a few KB) is kept
// until they are written over or the pool is emptied, at the next
// collection but one.
func (ns *yamlNodes) release() {
	if ns == nil {
		return
	}
	ns.reset()
	nodePool.Put(ns)
}

// reset makes the nodes ready for another file, as release does, without
// giving them back.
func (ns *yamlNodes) reset() {
	for i := range ns.chunks[:ns.used] {
		ns.chunks[i] = ns.chunks[i][:0]
	}
	ns.used = 0
	for i := range ns.ptrs[:ns.ptrsUsed] {
		ns.ptrs[i] = ns.ptrs[i][:0]
	}
	ns.ptrsUsed = 0
	ns.stack = ns.stack[:0]
	ns.lines = ns.lines[:0]
	ns.entries = ns.entries[:0]
	ns.items = ns.items[:0]
	ns.cut = false
}

// entryList is an empty list of entries with room for n, to be
// released with the nodes; nil nodes make one of its own.
func (ns *yamlNodes) entryList(n int) []entry {
	if ns == nil {
		return make([]entry, 0, n)
	}
	if cap(ns.entries) < n {
		ns.entries = make([]entry, 0, max(n, 32))
	}
	return ns.entries[:0]
}

// children is a node's list of children, a copy of kids cut from the
// chunks (made on its own when longer than one): its capacity is its
// length, so that an append makes a new list.
func (ns *yamlNodes) children(kids []*yaml.Node) []*yaml.Node {
	n := len(kids)
	if n == 0 {
		return nil
	}
	if n > ptrChunk {
		return append([]*yaml.Node(nil), kids...)
	}
	if ns.ptrsUsed == 0 || cap(ns.ptrs[ns.ptrsUsed-1])-len(ns.ptrs[ns.ptrsUsed-1]) < n {
		if ns.ptrsUsed == len(ns.ptrs) {
			ns.ptrs = append(ns.ptrs, make([]*yaml.Node, 0, ptrChunk))
		}
		ns.ptrsUsed++
	}
	c := &ns.ptrs[ns.ptrsUsed-1]
	start := len(*c)
	*c = append(*c, kids...)
	return (*c)[start : start+n : start+n]
}

// node is a node for the caller to write whole: it may hold what a
// released node held.
func (ns *yamlNodes) node() *yaml.Node {
	if ns.used == 0 || len(ns.chunks[ns.used-1]) == cap(ns.chunks[ns.used-1]) {
		if ns.used == len(ns.chunks) {
			ns.chunks = append(ns.chunks, make([]yaml.Node, 0, nodeChunk))
		}
		ns.used++
	}
	c := &ns.chunks[ns.used-1]
	*c = (*c)[:len(*c)+1]
	return &(*c)[len(*c)-1]
}

// fastYAML reads front matter into a document node as yaml.Unmarshal
// would, its nodes cut from nodes (fresh ones when nil); ok is false when
// yaml.v3 must read it.
func fastYAML(src []byte, nodes *yamlNodes) (doc *yaml.Node, ok bool) {
	if !fastYAMLText(src) {
		return nil, false
	}
	if nodes == nil {
		nodes = new(yamlNodes)
	}
	r := &fastReader{src: src, line: 1, ok: true, nodes: nodes}
	r.skipBlank()
	if r.i >= len(src) || r.indent() != 0 {
		return nil, false // empty, or not a map at the margin
	}
	doc = r.node(yaml.DocumentNode, "", r.line, 1)
	m := r.mapping(0)
	if !r.ok || r.i < len(src) {
		return nil, false
	}
	doc.Content = nodes.children([]*yaml.Node{m})
	nodes.cut = true
	return doc, true
}

// fastYAMLText reports whether src holds only characters fastYAML reads
// as yaml.v3 does: printable text, tabs and line feeds, no line breaks
// but the line feed (YAML 1.1 has NEL, LS and PS too), no byte order mark
// inside. Anything else, yaml.v3 reads or refuses.
func fastYAMLText(src []byte) bool {
	for i := 0; i < len(src); {
		if i+8 <= len(src) {
			if x := binary.LittleEndian.Uint64(src[i:]); printable8(x) || plainASCII(x) {
				i += 8
				continue
			}
		}
		c := src[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' && c != '\t' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return false
		case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

// plainASCII reports whether the eight bytes of x are all printable
// ASCII (0x20 to 0x7e), tabs or line feeds, so that fastYAMLText need not
// look at them one by one. Once no byte has its high bit set, no sum below
// carries from one byte into the next, so each test is exact: a byte plus
// one reaches the high bit only if it is 0x7f, and a byte plus 0x60 only
// if it is a space or above.
func plainASCII(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return printable8(x) || x&highs == 0 && (x+ones)&highs == 0 && onlyBreaks(x)
}

// printable8 reports whether the eight bytes of x are printable ASCII,
// the usual word, in few enough steps to be inlined.
func printable8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x|(x+ones)|^(x+0x60*ones))&highs == 0
}

// onlyBreaks reports whether every byte of x below a space (x has no
// high bit set) is a tab or a line feed.
func onlyBreaks(x uint64) bool {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	zero := func(y uint64) uint64 { return ^((y&lows + lows) | y) & highs } // a high bit in each zero byte
	control := ^(x + 0x60*ones) & highs
	return control&^(zero(x^'\n'*ones)|zero(x^'\t'*ones)) == 0
}

func (r *fastReader) fail() { r.ok = false }

// node makes a node.
func (r *fastReader) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	n := r.nodes.node()
	// A released node keeps what it held: every field fastYAML writes is
	// set again (the others it never writes, so they stay zero). Writing
	// the node whole costs more than the clearing it spares.
	n.Kind, n.Style, n.Tag, n.Value, n.Content, n.Line, n.Column = kind, 0, tag, "", nil, line, col
	return n
}

// lineEnd is where the line starting at i ends: its line feed, or the end.
func (r *fastReader) lineEnd(i int) int {
	if nl := bytes.IndexByte(r.src[i:], '\n'); nl >= 0 {
		return i + nl
	}
	return len(r.src)
}

// next moves to the line after the one starting at r.i.
func (r *fastReader) next() {
	end := r.lineEnd(r.i)
	if end < len(r.src) {
		end++
	}
	r.i = end
	r.line++
}

// indent is how many spaces start the current line; a tab among them is
// left to yaml.v3.
func (r *fastReader) indent() int {
	n := 0
	for r.i+n < len(r.src) && r.src[r.i+n] == ' ' {
		n++
	}
	if r.i+n < len(r.src) && r.src[r.i+n] == '\t' {
		r.fail()
	}
	return n
}

// blankFrom reports whether the rest of the line from c is spaces, maybe
// followed by a comment (which must follow a space, or start the line).
func (r *fastReader) blankFrom(c int, spaced bool) bool {
	for ; c < len(r.src); c++ {
		switch r.src[c] {
		case ' ':
			spaced = true
		case '\n':
			return true
		case '#':
			return spaced
		case '\t':
			spaced = true
		default:
			return false
		}
	}
	return true
}

// skipBlank moves past empty lines, lines of spaces and comment lines.
func (r *fastReader) skipBlank() {
	for r.ok && r.i < len(r.src) {
		c := r.i
		for c < len(r.src) && r.src[c] == ' ' {
			c++
		}
		if c < len(r.src) && r.src[c] == '\t' {
			r.fail() // a tab in the indentation, or a line of tabs
			return
		}
		if c < len(r.src) && r.src[c] != '\n' && r.src[c] != '#' {
			return
		}
		r.next()
	}
}

// col is the 1-based column of byte c of the current line, in characters.
func (r *fastReader) col(c int) int {
	seg := r.src[r.i:c]
	for _, b := range seg {
		if b >= utf8.RuneSelf {
			return utf8.RuneCount(seg) + 1
		}
	}
	return len(seg) + 1
}

// isDashItem reports whether the text at c opens a block list item: a
// dash followed by a space or the end of the line.
func (r *fastReader) isDashItem(c int) bool {
	return c < len(r.src) && r.src[c] == '-' && (c+1 == len(r.src) || r.src[c+1] == ' ' || r.src[c+1] == '\n')
}

// mapping reads a block map whose keys are indented by indent spaces.
func (r *fastReader) mapping(indent int) *yaml.Node {
	if r.depth++; r.depth > maxFastDepth {
		r.fail()
	}
	defer func() { r.depth-- }()
	m := r.node(yaml.MappingNode, "!!map", r.line, indent+1)
	mark := len(r.nodes.stack)
	defer func() {
		m.Content = r.nodes.children(r.nodes.stack[mark:])
		r.nodes.stack = r.nodes.stack[:mark]
	}()
	for r.ok {
		r.skipBlank()
		if r.i >= len(r.src) {
			break
		}
		ind := r.indent()
		if ind < indent || ind == indent && r.isDashItem(r.i+ind) {
			break // the map's parent goes on, or a list at its key's indent
		}
		if ind > indent {
			r.fail()
			break
		}
		key, c := r.key(r.i + ind)
		if !r.ok {
			break
		}
		r.nodes.stack = append(r.nodes.stack, key)
		v := r.value(indent, c)
		r.nodes.stack = append(r.nodes.stack, v)
	}
	return m
}

// key reads a plain key at c and its colon, returning where its value may
// start. Keys are letters, digits, _, - and . (no spaces, no quotes).
func (r *fastReader) key(c int) (*yaml.Node, int) {
	start := c
	for c < len(r.src) && isKeyByte(r.src[c], c == start) {
		c++
	}
	if c == start || c-start > maxFastKey || c >= len(r.src) || r.src[c] != ':' ||
		c+1 < len(r.src) && r.src[c+1] != ' ' && r.src[c+1] != '\n' {
		r.fail()
		return nil, 0
	}
	k := keyOf(r.src[start:c])
	return r.scalar(k.text, k.tag, 0, r.line, start-r.i+1), c + 1
}

// key is a key's text and the tag yaml.v3 resolves it to.
type key struct{ text, tag string }

// keyOf is the key written b, the common ones given as they are rather
// than made and resolved again for each file.
func keyOf(b []byte) key {
	for i := keySlot(b); commonKeyTable[i].text != ""; i = (i + 1) % len(commonKeyTable) {
		if commonKeyTable[i].text == string(b) {
			return commonKeyTable[i]
		}
	}
	text := string(b)
	return key{text, plainTag(text)}
}

// commonKeys are the front matter keys seen most, given as they are
// rather than made again for each file.
var commonKeys = func() map[string]key {
	m := map[string]key{}
	for _, k := range strings.Fields(`title description date lastmod publishDate expiryDate draft published weight
		icon abstract Instructions ClassificationType ClassificationContentOrigin BodyContentGenDate trustpilot
		headline cards subtitle content updated sitemap filename priority tags categories concepts series
		author authors images image summary aliases slug keywords type layout url toc featured ResourceId
		resourceId sitemap_exclude menu params cover thumbnail translationKey linktitle`) {
		m[k] = key{k, plainTag(k)}
	}
	return m
}()

// commonKeyTable holds commonKeys in open addressing by keySlot, a probe
// cheaper than the map's hash for what every line of front matter asks.
var commonKeyTable = func() (t [256]key) {
	for k, v := range commonKeys {
		i := keySlot([]byte(k))
		for t[i].text != "" {
			i = (i + 1) % len(t)
		}
		t[i] = v
	}
	return t
}()

// keySlot is where commonKeyTable's probe for key b starts.
func keySlot(b []byte) int {
	n := len(b)
	if n == 0 {
		return 0
	}
	return int(uint(n)*37+uint(b[0])*7+uint(b[n-1])*3+uint(b[n/2])) % 256
}

func isKeyByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		return true
	case c == '-', c == '.':
		return !first
	}
	return false
}

func (r *fastReader) scalar(value, tag string, style yaml.Style, line, col int) *yaml.Node {
	n := r.node(yaml.ScalarNode, tag, line, col)
	n.Value, n.Style = value, style
	return n
}

// value reads the value of a key of the map at indent, the text after its
// colon starting at c.
func (r *fastReader) value(indent, c int) *yaml.Node {
	afterColon := c
	for c < len(r.src) && r.src[c] == ' ' {
		c++
	}
	if c < len(r.src) && r.src[c] != '\n' && r.src[c] != '#' {
		return r.inline(indent, c)
	}
	line, col := r.line, r.col(afterColon) // where yaml.v3 puts a null
	r.next()
	r.skipBlank()
	if !r.ok {
		return nil
	}
	if r.i < len(r.src) {
		ind := r.indent()
		switch {
		case !r.ok:
			return nil
		case ind >= indent && r.isDashItem(r.i+ind):
			return r.sequence(ind)
		case ind > indent:
			return r.mapping(ind)
		}
	}
	return r.scalar("", "!!null", 0, line, col)
}

// inline reads a value that starts at c on the current line, which is
// indented by indent: text, quoted text, block text or a list in brackets.
// It leaves r at the next line.
func (r *fastReader) inline(indent, c int) *yaml.Node {
	var n *yaml.Node
	switch r.src[c] {
	case '|', '>':
		return r.block(indent, c)
	case '"':
		n, c = r.doubleQuoted(c, indent)
	case '\'':
		n, c = r.singleQuoted(c, indent)
	case '[':
		n, c = r.flowSequence(c)
	case '{':
		n, c = r.emptyFlowMap(c)
	default:
		n, c = r.plain(c, indent)
	}
	if !r.ok || !r.blankFrom(c, c > 0 && (r.src[c-1] == ' ' || r.src[c-1] == '\t')) {
		r.fail()
		return nil
	}
	r.next()
	r.noMoreIndented(indent)
	return n
}

// noMoreIndented gives up when the next line that is neither blank nor a
// comment is indented more than indent: text going on over several lines.
func (r *fastReader) noMoreIndented(indent int) {
	for i := r.i; i < len(r.src); {
		c := i
		for c < len(r.src) && r.src[c] == ' ' {
			c++
		}
		if c < len(r.src) && r.src[c] != '\n' && r.src[c] != '#' {
			if c-i > indent || r.src[c] == '\t' {
				r.fail()
			}
			return
		}
		i = r.lineEnd(c) + 1
	}
}

// sequence reads a block list whose dashes are indented by indent.
func (r *fastReader) sequence(indent int) *yaml.Node {
	if r.depth++; r.depth > maxFastDepth {
		r.fail()
	}
	defer func() { r.depth-- }()
	s := r.node(yaml.SequenceNode, "!!seq", r.line, indent+1)
	mark := len(r.nodes.stack)
	defer func() {
		s.Content = r.nodes.children(r.nodes.stack[mark:])
		r.nodes.stack = r.nodes.stack[:mark]
	}()
	for r.ok {
		r.skipBlank()
		if r.i >= len(r.src) {
			break
		}
		ind := r.indent()
		if ind < indent || ind == indent && !r.isDashItem(r.i+ind) {
			break
		}
		if ind > indent {
			r.fail()
			break
		}
		c := r.i + ind + 1
		for c < len(r.src) && r.src[c] == ' ' {
			c++
		}
		if c >= len(r.src) || r.src[c] == '\n' || r.src[c] == '#' || r.isDashItem(c) {
			r.fail() // an empty item, or a list in a list
			break
		}
		item := r.inline(indent, c)
		r.nodes.stack = append(r.nodes.stack, item)
	}
	return s
}

// block reads block text (| or >) whose indicator is at c, in a node
// indented by indent.
func (r *fastReader) block(indent, c int) *yaml.Node {
	n := r.node(yaml.ScalarNode, "!!str", r.line, r.col(c))
	folded := r.src[c] == '>'
	n.Style = yaml.LiteralStyle
	if folded {
		n.Style = yaml.FoldedStyle
	}
	c++
	chomp := byte(0)
	if c < len(r.src) && (r.src[c] == '-' || r.src[c] == '+') {
		chomp = r.src[c]
		c++
	}
	if !r.blankFrom(c, false) {
		r.fail() // an indentation indicator, or text after the indicator
		return nil
	}
	r.next()
	lines, ok := r.blockLines(indent, folded)
	if !ok {
		r.fail()
		return nil
	}
	n.Value = blockText(lines, folded, chomp)
	clear(lines)
	r.nodes.lines = lines[:0] // for the next block
	return n
}

// blockLines reads the lines of block text in a node indented by indent,
// without their indentation; a blank line is empty. ok is false for what
// yaml.v3 reads otherwise or refuses: no text at all, blank lines before
// the first with more spaces than it, a line less indented than the first
// but more than the node, lines of spaces longer than the indentation, a
// tab in the indentation, lines that end the front matter without a line
// feed; in folded text, lines indented more than the first, and blank
// lines before it.
func (r *fastReader) blockLines(indent int, folded bool) (lines [][]byte, ok bool) {
	m := -1   // the text's indentation, from its first line that is not blank
	lead := 0 // the most spaces on a blank line before it
	lines = r.nodes.lines[:0]
	for r.i < len(r.src) {
		end := r.lineEnd(r.i)
		if end == len(r.src) {
			return nil, false
		}
		s := 0
		for r.i+s < end && r.src[r.i+s] == ' ' {
			s++
		}
		rest := r.src[r.i+s : end]
		if len(rest) == 0 {
			if m >= 0 && s > m || m < 0 && folded {
				return nil, false
			}
			lead = max(lead, s)
			lines = append(lines, nil)
			r.next()
			continue
		}
		switch {
		case m < 0 && s <= indent:
			return nil, false // no text: yaml.v3 gives "" or its own reading
		case m < 0:
			if lead > s || rest[0] == '\t' {
				return nil, false
			}
			m = s
		case s < m && s > indent:
			return nil, false
		case s < m:
			return lines, true
		}
		if folded && (s > m || rest[0] == '\t') {
			return nil, false
		}
		lines = append(lines, r.src[r.i+m:end])
		r.next()
	}
	return lines, m >= 0
}

// blockText joins block text's lines as YAML does: literal text keeps its
// line breaks, folded text joins lines with a space unless blank lines
// part them; then the final line breaks are chomped: all of them (-), all
// but one (the default), or none (+).
func blockText(lines [][]byte, folded bool, chomp byte) string {
	last := len(lines) - 1
	for last >= 0 && len(lines[last]) == 0 {
		last--
	}
	trailing := len(lines) - 1 - last
	var b strings.Builder
	size := len(lines) + 1 // the line breaks, at most
	for _, l := range lines {
		size += len(l)
	}
	b.Grow(size)
	blank := 0
	for i, l := range lines[:last+1] {
		switch {
		case !folded:
			if i > 0 {
				b.WriteByte('\n')
			}
		case len(l) == 0:
			blank++
			continue
		case i == 0:
		case blank == 0:
			b.WriteByte(' ')
		default:
			b.WriteString(strings.Repeat("\n", blank))
			blank = 0
		}
		b.Write(l)
	}
	switch chomp {
	case '-':
	case '+':
		b.WriteString(strings.Repeat("\n", 1+trailing))
	default:
		b.WriteByte('\n')
	}
	return b.String()
}

// doubleQuoted reads text in double quotes opened at c, in a node
// indented by indent, and returns where the text after it starts (on the
// line where it ends). Text over several lines is folded as YAML folds
// it; in brackets (indent -1) it must be on one line.
func (r *fastReader) doubleQuoted(c, indent int) (*yaml.Node, int) {
	n := r.node(yaml.ScalarNode, "!!str", r.line, r.col(c))
	n.Style = yaml.DoubleQuotedStyle
	start := c + 1
	if q := bytes.IndexByte(r.src[start:], '"'); q >= 0 {
		if span := r.src[start : start+q]; bytes.IndexByte(span, '\\') < 0 && bytes.IndexByte(span, '\n') < 0 {
			n.Value = r.cut(start, start+q) // nearly all quoted text: one line, no escapes
			return n, start + q + 1
		}
	}
	var b []byte
	hard := 0 // b up to it ends in an escape, which is not trimmed
	for c = start; c < len(r.src); c++ {
		switch r.src[c] {
		case '"':
			if b == nil {
				n.Value = r.cut(start, c)
			} else {
				n.Value = string(b)
			}
			return n, c + 1
		case '\n':
			if b == nil {
				b = append(make([]byte, 0, 2*(c-start)+64), r.src[start:c]...)
			}
			b = trimBlanks(b, hard)
			if b, c = r.fold(b, c, indent); !r.ok {
				return nil, c
			}
			c-- // at the first character of the next line, which the loop reads
		case '\\':
			if b == nil {
				b = append(make([]byte, 0, c-start+64), r.src[start:c]...)
			}
			var ok bool
			if b, c, ok = unescapeYAML(b, r.src, c); !ok {
				r.fail()
				return nil, c
			}
			hard = len(b)
		default:
			if b != nil {
				b = append(b, r.src[c])
			}
		}
	}
	r.fail()
	return nil, c
}

// trimBlanks drops the spaces and tabs that end b, down to len keep.
func trimBlanks(b []byte, keep int) []byte {
	for len(b) > keep && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// fold goes on with text over several lines at the line break at c: the
// break becomes a space, or the blank lines after it as many line feeds,
// and the next line's leading blanks go. It moves r to the line where the
// text goes on, and returns where on it. The text must go on indented
// more than indent; otherwise (or at the end) r fails.
func (r *fastReader) fold(b []byte, c, indent int) ([]byte, int) {
	if indent < 0 {
		r.fail()
		return b, c
	}
	blank := 0
	for i, line := c+1, r.line+1; i < len(r.src); line++ {
		s := i
		for s < len(r.src) && r.src[s] == ' ' {
			s++
		}
		spaces := s - i
		for s < len(r.src) && (r.src[s] == ' ' || r.src[s] == '\t') {
			s++
		}
		if s < len(r.src) && r.src[s] != '\n' {
			if spaces <= indent {
				break
			}
			if blank == 0 {
				b = append(b, ' ')
			}
			for ; blank > 0; blank-- {
				b = append(b, '\n')
			}
			r.i, r.line = i, line
			return b, s
		}
		if s > i+spaces {
			break // a tab on a blank line, which yaml.v3 may take for indentation
		}
		blank++
		i = s + 1
	}
	r.fail()
	return b, c
}

// yamlEscapes are the one-letter escapes of double-quoted YAML text.
var yamlEscapes = [256]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
	'e': "\x1b", ' ': " ", '"': "\"", '\'': "'", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

// unescapeYAML appends what the escape at src[c] (a backslash) stands for
// to b, and returns the index of its last byte.
func unescapeYAML(b, src []byte, c int) ([]byte, int, bool) {
	if c+1 >= len(src) {
		return b, c, false
	}
	e := src[c+1]
	if s := yamlEscapes[e]; s != "" {
		return append(b, s...), c + 1, true
	}
	width := 0
	switch e {
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	}
	if width == 0 || c+2+width > len(src) {
		return b, c, false
	}
	v, err := strconv.ParseUint(string(src[c+2:c+2+width]), 16, 32)
	if err != nil || v >= 0xd800 && v <= 0xdfff || v > 0x10ffff {
		return b, c, false
	}
	return utf8.AppendRune(b, rune(v)), c + 1 + width, true
}

// singleQuoted reads text in single quotes opened at c, as doubleQuoted
// reads text in double quotes.
func (r *fastReader) singleQuoted(c, indent int) (*yaml.Node, int) {
	n := r.node(yaml.ScalarNode, "!!str", r.line, r.col(c))
	n.Style = yaml.SingleQuotedStyle
	var b []byte
	start := c + 1
	for c = start; c < len(r.src); c++ {
		switch r.src[c] {
		case '\'':
			if c+1 < len(r.src) && r.src[c+1] == '\'' {
				if b == nil {
					b = append(make([]byte, 0, c-start+16), r.src[start:c]...)
				}
				b = append(b, '\'')
				c++
				continue
			}
			if b == nil {
				n.Value = r.cut(start, c)
			} else {
				n.Value = string(b)
			}
			return n, c + 1
		case '\n':
			if b == nil {
				b = append(make([]byte, 0, 2*(c-start)+64), r.src[start:c]...)
			}
			if b, c = r.fold(trimBlanks(b, 0), c, indent); !r.ok {
				return nil, c
			}
			c--
		default:
			if b != nil {
				b = append(b, r.src[c])
			}
		}
	}
	r.fail()
	return nil, c
}

// plain reads plain text in a block, from c to the end of the line or a
// comment, and on over the lines indented more than indent that follow,
// folded. Text that could be a key (a colon and a space) or that starts
// with an indicator is left to yaml.v3.
func (r *fastReader) plain(c, indent int) (*yaml.Node, int) {
	if !plainStart(r.src, c) {
		r.fail()
		return nil, c
	}
	n := r.node(yaml.ScalarNode, "", r.line, r.col(c))
	start, end, c, comment := r.plainLine(c)
	if !r.ok {
		return nil, c
	}
	var b []byte
	for !comment && c < len(r.src) {
		more, at := r.fold(nil, c, indent)
		if !r.ok {
			r.ok = true // no more text: the value ends on its line
			break
		}
		if r.src[at] == '#' {
			r.fail() // a comment where yaml.v3 reads on, or not
			return nil, at
		}
		if b == nil {
			b = append(make([]byte, 0, 2*(end-start)+64), r.src[start:end]...)
		}
		b = append(b, more...)
		var s, e int
		s, e, c, comment = r.plainLine(at)
		b = append(b, r.src[s:e]...)
	}
	if b == nil {
		n.Value = r.cut(start, end)
	} else {
		n.Value = string(b)
	}
	n.Tag = plainTag(n.Value)
	return n, c
}

// plainLine reads one line of plain text from c: it returns where the
// text starts and ends, blanks trimmed, where the line ends (its line
// feed, or a comment), and whether a comment ends it.
func (r *fastReader) plainLine(c int) (start, end, at int, comment bool) {
	eol := r.lineEnd(c)
	if line := r.src[c:eol]; bytes.IndexByte(line, ':') < 0 && bytes.IndexByte(line, '#') < 0 {
		// Nearly all plain text: no colon, no comment; only blanks to trim.
		end = eol
		for end > c && (r.src[end-1] == ' ' || r.src[end-1] == '\t') {
			end--
		}
		return c, end, eol, false
	}
	start, end = c, c
	for ; c < len(r.src) && r.src[c] != '\n'; c++ {
		switch ch := r.src[c]; {
		case ch == ':' && (c+1 == len(r.src) || r.src[c+1] == ' ' || r.src[c+1] == '\t' || r.src[c+1] == '\n'):
			r.fail()
			return start, end, c, false
		case ch == '#' && c > start && (r.src[c-1] == ' ' || r.src[c-1] == '\t'):
			return start, end, c, true
		case ch != ' ' && ch != '\t':
			end = c + 1
		}
	}
	return start, end, c, false
}

func (r *fastReader) plainNode(start, end int) *yaml.Node {
	text := r.cut(start, end)
	return r.scalar(text, plainTag(text), 0, r.line, r.col(start))
}

// plainStart reports whether plain text may start at c: not with an
// indicator, except a dash or question mark before a letter or digit.
func plainStart(src []byte, c int) bool {
	switch src[c] {
	case '-', '?', ':':
		return c+1 < len(src) && isAlnum(src[c+1]) && src[c] != ':'
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\t', '\n':
		return false
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// flowSequence reads a list in brackets on one line, opened at c: plain
// or quoted text, parted by commas.
func (r *fastReader) flowSequence(c int) (*yaml.Node, int) {
	s := r.node(yaml.SequenceNode, "!!seq", r.line, r.col(c))
	s.Style = yaml.FlowStyle
	c++
	for r.ok {
		for c < len(r.src) && r.src[c] == ' ' {
			c++
		}
		if c < len(r.src) && r.src[c] == ']' && len(s.Content) == 0 {
			return s, c + 1
		}
		var item *yaml.Node
		switch {
		case c >= len(r.src):
			r.fail()
			return nil, c
		case r.src[c] == '"':
			item, c = r.doubleQuoted(c, -1)
		case r.src[c] == '\'':
			item, c = r.singleQuoted(c, -1)
		default:
			item, c = r.flowPlain(c)
		}
		if !r.ok {
			return nil, c
		}
		s.Content = append(s.Content, item)
		for c < len(r.src) && r.src[c] == ' ' {
			c++
		}
		switch {
		case c < len(r.src) && r.src[c] == ']':
			return s, c + 1
		case c < len(r.src) && r.src[c] == ',':
			c++
			for c < len(r.src) && r.src[c] == ' ' {
				c++
			}
			if c < len(r.src) && r.src[c] == ']' {
				r.fail() // a comma before the bracket
			}
		default:
			r.fail()
		}
	}
	return nil, c
}

// flowPlain reads plain text in brackets: up to a comma or the closing
// bracket, with nothing YAML reads otherwise there.
func (r *fastReader) flowPlain(c int) (*yaml.Node, int) {
	if !plainStart(r.src, c) {
		r.fail()
		return nil, c
	}
	start, end := c, c
	for ; c < len(r.src); c++ {
		switch ch := r.src[c]; ch {
		case ',', ']':
			return r.plainNode(start, end), c
		case '\n', '\t', ':', '#', '[', '{', '}', '?':
			r.fail()
			return nil, c
		case ' ':
		default:
			end = c + 1
		}
	}
	r.fail()
	return nil, c
}

// emptyFlowMap reads {} opened at c; any other map in braces is left to
// yaml.v3.
func (r *fastReader) emptyFlowMap(c int) (*yaml.Node, int) {
	n := r.node(yaml.MappingNode, "!!map", r.line, r.col(c))
	n.Style = yaml.FlowStyle
	c++
	for c < len(r.src) && r.src[c] == ' ' {
		c++
	}
	if c >= len(r.src) || r.src[c] != '}' {
		r.fail()
		return nil, c
	}
	return n, c + 1
}

// plainTag is the tag yaml.v3 resolves plain text to, as its resolve
// does: null, booleans, numbers (YAML 1.2's, with 1.1's octals and
// underscores), dates, else text.
func plainTag(s string) string {
	if s == "" {
		return "!!null"
	}
	c := s[0]
	switch {
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		return numberTag(s)
	case c == '.':
		if tag := yamlWords[s]; tag != "" {
			return tag
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		if tag := yamlWords[s]; tag != "" {
			return tag
		}
	}
	return "!!str"
}

// yamlWords are the plain words yaml.v3 reads as other than text.
var yamlWords = map[string]string{
	"true": "!!bool", "True": "!!bool", "TRUE": "!!bool", "false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
	"~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
	".nan": "!!float", ".NaN": "!!float", ".NAN": "!!float", ".inf": "!!float", ".Inf": "!!float", ".INF": "!!float",
	"+.inf": "!!float", "+.Inf": "!!float", "+.INF": "!!float", "-.inf": "!!float", "-.Inf": "!!float", "-.INF": "!!float",
	"<<": "!!merge",
}

// numberTag resolves plain text that starts with a sign or a digit.
func numberTag(s string) string {
	if len(s) > 1 && s[1] == '.' { // the words a sign starts are "+.inf" and the like
		if tag := yamlWords[s]; tag != "" {
			return tag
		}
	}
	if len(s) <= 20 && isPlainDecimal(s) {
		return "!!float" // a priority, a rating: what the pattern and strconv below take, told without them
	}
	if _, ok := yamlTime(s); ok {
		return "!!timestamp"
	}
	if isShortDecimal(s) {
		return "!!int" // a weight, a count: most numbers, told without strconv
	}
	plain := strings.ReplaceAll(s, "_", "")
	if isInt(plain, 0) {
		return "!!int"
	}
	if onlyBytes(plain, "+-.0123456789eE") && yaml11Float.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		switch {
		case strings.HasPrefix(plain, p.prefix):
			if isInt(plain[2:], p.base) {
				return "!!int"
			}
		case strings.HasPrefix(plain, "-"+p.prefix):
			if _, err := strconv.ParseInt("-"+plain[3:], p.base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

// isShortDecimal reports whether s is decimal digits, maybe after a sign,
// with no leading zero and too few to overflow: a whole number in every
// base-0 reading.
func isShortDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	return s != "" && len(s) <= 18 && (s[0] != '0' || len(s) == 1) && allDigits(s)
}

// onlyBytes reports whether every byte of s is one of set's.
func onlyBytes(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}

// mayBeInt reports whether strconv may read s as a whole number in some
// base: a sign maybe, then only digits and the letters of a base's prefix
// or of hexadecimal.
func mayBeInt(s string) bool {
	if len(s) > 1 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	return onlyBytes(s, "0123456789abcdefABCDEFxXoObB")
}

// isInt reports whether s is a whole number in base (0: by its prefix)
// that fits 64 bits, signed or not. Text with a byte that no prefix, sign
// or digit has is told at once: each refusal of strconv's allocates.
func isInt(s string, base int) bool {
	if !mayBeInt(s) {
		return false
	}
	if _, err := strconv.ParseInt(s, base, 64); err == nil {
		return true
	}
	_, err := strconv.ParseUint(s, base, 64)
	return err == nil
}
