package cli

import (
	"bufio"
	"encoding/binary"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"taxo/model"
)

// The big JSON outputs (list, pages, check, graph) are written an object
// at a time, as they are made, rather than made whole and encoded at once:
// no second copy of the output is held, and list's and pages' objects are
// written by hand, byte for byte what encoding/json with two-space
// indentation and escapeTerminalRunes write (TestStreamedJSONIsEncodingJSON
// checks), at a fraction of its cost.

// jsonArray writes a JSON array an item at a time, indented as writeJSON
// indents one written whole, the array being at depth (0 for the whole
// output).
type jsonArray struct {
	w     *bufio.Writer
	depth int
	items int
	err   error
}

func newJSONArray(w *bufio.Writer, depth int) *jsonArray {
	return &jsonArray{w: w, depth: depth}
}

// add writes one item: b is its JSON at the array's items' depth, as the
// append functions below make it.
func (a *jsonArray) add(b []byte) {
	if a.err != nil {
		return
	}
	sep := ",\n"
	if a.items == 0 {
		sep = "[\n"
	}
	a.items++
	if _, a.err = a.w.WriteString(sep + indentOf(a.depth+1)); a.err == nil {
		_, a.err = a.w.Write(b)
	}
}

// close ends the array.
func (a *jsonArray) close() error {
	if a.err != nil {
		return a.err
	}
	end := "\n" + indentOf(a.depth) + "]"
	if a.items == 0 {
		end = "[]"
	}
	_, err := a.w.WriteString(end)
	return err
}

// writeJSONArray writes n items as a JSON array, the output's whole, item
// i made by item into the buffer it is given. Runs of items are made on
// every core and written in order, a few runs ahead of the writing at
// most; item must be safe to call from several goroutines.
func writeJSONArray(w io.Writer, n int, item func(i int, b []byte) []byte) error {
	if n == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	// A run is short enough that the few runs' buffers alive at once
	// stay small (64 terms of list --json are about 200 KB): at 20k terms
	// the heap of list ends just under the garbage collector's goal, and
	// four buffers of 256 terms were enough to cost a collection (a
	// tenth of list's CPU).
	const run = 64
	made, buffers := makeRuns(n, run, item)
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	for r, ch := range made {
		b := <-ch
		if r == 0 {
			b[0] = '[' // the first item opens the array instead of following one
		}
		if err == nil {
			_, err = bw.Write(b)
		}
		buffers <- b
	}
	if err != nil {
		return err
	}
	if _, err := bw.WriteString("\n]\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// makeRuns makes the runs of run items of an array of n on every core,
// each run's bytes sent on its own channel in made; the writing gives
// each buffer back on buffers once written.
func makeRuns(n, run int, item func(i int, b []byte) []byte) (made []chan []byte, buffers chan []byte) {
	runs := (n + run - 1) / run
	workers := max(1, runtime.GOMAXPROCS(0))
	made = make([]chan []byte, runs)
	for i := range made {
		made[i] = make(chan []byte, 1)
	}
	// The buffers of the runs made and not yet written: a run takes one
	// (a fresh one for the first few), the writing gives it back. A worker
	// takes its buffer before its run: the other way round, a worker
	// descheduled between the two let the others take every buffer for
	// later runs while the writing waited for its run, and taxo hung (seen
	// once, under a load average of 10).
	buffers = make(chan []byte, 2*workers)
	for range cap(buffers) {
		buffers <- nil
	}
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				b := (<-buffers)[:0]
				r := int(next.Add(1) - 1)
				if r >= runs {
					buffers <- b
					return
				}
				for i := r * run; i < min(n, (r+1)*run); i++ {
					b = roomy(b)
					b = append(b, ",\n  "...)
					b = item(i, b)
				}
				made[r] <- b
			}
		}()
	}
	return made, buffers
}

// roomy gives b room for an item or more: twice its capacity, at least
// 64 KiB, when it has less than 16 KiB to spare. An item's appends alone
// would grow a run's buffer by a quarter at a time, each growth a copy
// for the garbage collector: ~4 MB of garbage a megabyte of run.
func roomy(b []byte) []byte {
	if cap(b)-len(b) >= 16<<10 {
		return b
	}
	return slices.Grow(b, max(cap(b), 64<<10))
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it (without
// escaping HTML), with the runes escapeTerminalRunes escapes escaped too.
// Most text is bytes JSON writes as they are: those are read and written
// eight at a time, in one pass, and only the words holding another byte
// are looked at a byte at a time.
func appendJSONString(b []byte, s string) []byte {
	b = append(slices.Grow(b, len(s)+2), '"')
	for i := 0; i < len(s); {
		// b has room for the rest of s as it is and the closing quote
		// until an escape makes it longer: then grow it again.
		if cap(b)-len(b) < len(s)-i+1 {
			b = slices.Grow(b, len(s)-i+1)
		}
		n := len(b)
		out := b[:cap(b)]
		for ; i+8 <= len(s); i += 8 {
			w := binary.LittleEndian.Uint64([]byte(s[i : i+8])) // one load: the bytes are not copied
			if !plainWord(w) {
				break
			}
			binary.LittleEndian.PutUint64(out[n:n+8], w)
			n += 8
		}
		b = b[:n]
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= ' ' && c < utf8.RuneSelf && c != '"' && c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = appendEscapedByte(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029' || isTerminalRune(r):
			b = append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// appendEscapedByte appends an ASCII byte JSON escapes: a quote, a
// backslash or a control.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// plainWord says whether the eight bytes of w (read little-endian) are
// all bytes JSON writes as they are: printable ASCII but " and \.
func plainWord(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := w^(ones*'"'), w^(ones*'\\') // a zero byte where w has " or a backslash
	special := (w-ones*0x20)&^w | (q-ones)&^q | (bs-ones)&^bs
	return (special|w)&highs == 0 // no byte below 0x20, ", backslash, or above 0x7f
}

// isTerminalRune says which runes escapeTerminalRunes escapes: C1 controls
// and bidi overrides.
func isTerminalRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// jsonObject appends an object's fields, indented at depth (the array's
// items are at depth 1).
type jsonObject struct {
	b      []byte
	indent string // of the fields
	fields int
}

func newJSONObject(b []byte, depth int) *jsonObject {
	return &jsonObject{b: append(b, '{'), indent: newlineIndent(depth + 1)}
}

// spaces indent the JSON, two a level.
const spaces = "\n                                "

// indentOf is the indentation of depth.
func indentOf(depth int) string { return spaces[1:min(1+2*depth, len(spaces))] }

// newlineIndent is a new line and the indentation of depth.
func newlineIndent(depth int) string { return spaces[:min(1+2*depth, len(spaces))] }

// key starts a field: the names given are printable ASCII but " and \,
// and are written as they are, but for a taxonomy's (pages' terms).
func (o *jsonObject) key(name string) {
	if o.fields > 0 {
		o.b = append(o.b, ',')
	}
	o.fields++
	o.b = append(o.b, o.indent...)
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':', ' ')
}

// escapedKey is key for a name that may hold what JSON escapes.
func (o *jsonObject) escapedKey(name string) {
	if o.fields > 0 {
		o.b = append(o.b, ',')
	}
	o.fields++
	o.b = append(o.b, o.indent...)
	o.b = appendJSONString(o.b, name)
	o.b = append(o.b, ':', ' ')
}

func (o *jsonObject) str(name, v string) {
	o.key(name)
	o.b = appendJSONString(o.b, v)
}

func (o *jsonObject) int(name string, v int) {
	o.key(name)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObject) bool(name string, v bool) {
	o.key(name)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObject) null(name string) {
	o.key(name)
	o.b = append(o.b, "null"...)
}

// end closes the object, whose brace is at depth.
func (o *jsonObject) end() []byte {
	if o.fields == 0 {
		return append(o.b, '}')
	}
	return append(append(o.b, o.indent[:len(o.indent)-2]...), '}')
}

// quotedIDs holds every term of a graph's ID as a list of IDs at some
// depth writes it, a comma, a new line and the indentation before the
// quoted ID, made once: the lists of links name each term many times over
// (27 times a term at 20k), and copying bytes made once costs less than
// escaping the ID again from wherever it lies in memory.
type quotedIDs struct {
	b    []byte
	ends []int32 // where the ID of the term at each place ends in b
}

// newQuotedIDs quotes the IDs of g's terms for lists whose items are at
// depth.
func newQuotedIDs(g *model.Graph, depth int) *quotedIDs {
	terms := g.Terms()
	size := 0
	for _, t := range terms {
		size += len(",\"\"") + len(newlineIndent(depth)) + len(t.ID)
	}
	q := &quotedIDs{b: make([]byte, 0, size), ends: make([]int32, len(terms))}
	for i, t := range terms {
		q.b = appendJSONString(append(append(q.b, ','), newlineIndent(depth)...), string(t.ID))
		q.ends[i] = int32(len(q.b))
	}
	return q
}

// item is the term at place i as an item of a list: a comma, a new line,
// the indentation and its quoted ID.
func (q *quotedIDs) item(i int32) []byte {
	start := int32(0)
	if i > 0 {
		start = q.ends[i-1]
	}
	return q.b[start:q.ends[i]]
}

// places writes a list of terms, given by place, whose items are at the
// depth of q: [] when empty, else an ID a line.
func (o *jsonObject) places(name string, q *quotedIDs, places []int32) {
	o.key(name)
	o.placesAfterKey(q, places)
}

func (o *jsonObject) placesAfterKey(q *quotedIDs, places []int32) {
	if len(places) == 0 {
		o.b = append(o.b, '[', ']')
		return
	}
	o.b = append(o.b, '[')
	o.b = append(o.b, q.item(places[0])[1:]...) // no comma before the first
	for _, p := range places[1:] {
		o.b = append(o.b, q.item(p)...)
	}
	o.b = append(append(o.b, o.indent...), ']')
}

// date writes a time as a string in RFC 3339, which has nothing to escape.
func (o *jsonObject) date(name string, t time.Time) {
	o.key(name)
	o.b = append(t.AppendFormat(append(o.b, '"'), time.RFC3339), '"')
}

// termLister writes list --json's objects, what toJSON makes without body
// and fields, straight from the graph: each term's links by its place.
type termLister struct {
	g     *model.Graph
	ids   *quotedIDs
	pages bool // the graph has pages: every term says its language and count
}

func newTermLister(g *model.Graph) *termLister {
	return &termLister{g: g, ids: newQuotedIDs(g, 3), pages: len(g.Pages()) > 0}
}

// append appends the term at place i of the graph's terms.
func (l *termLister) append(b []byte, i int) []byte {
	t := l.g.Terms()[i]
	o := newJSONObject(b, 1)
	o.key("id")
	o.b = append(o.b, l.ids.item(int32(i))[len(",")+len(newlineIndent(3)):]...)
	o.str("kind", t.Kind.String())
	o.str("slug", t.Slug)
	o.str("title", t.Title)
	o.str("description", t.Description)
	o.str("abstract", t.Abstract)
	o.str("instructions", t.Instructions)
	o.int("weight", t.Weight)
	o.str("icon", t.Icon)
	if !t.Date.IsZero() {
		o.date("date", t.Date)
	}
	o.str("path", t.Path)
	o.bool("defined", t.Defined)
	o.places("concepts", l.ids, l.g.LinksAt(i, model.Concept))
	o.places("categories", l.ids, l.g.LinksAt(i, model.Category))
	o.places("tags", l.ids, l.g.LinksAt(i, model.Tag))
	o.places("backlinks", l.ids, l.g.BacklinksAt(i))
	if t.Lang != "" || l.pages {
		if t.Lang != "" {
			o.str("lang", t.Lang)
		}
		o.int("pages", l.g.CountPagesAt(i))
	}
	return o.end()
}

// pageLister writes pages --json's objects (a pageJSON each) straight
// from the graphs, each page's terms by their places.
type pageLister struct {
	pub       model.Publishing
	published bool // list only the terms Hugo lists a page under
	ids       map[*model.Graph]*quotedIDs
}

func newPageLister(pub model.Publishing, published bool, pages []listedPage) *pageLister {
	l := &pageLister{pub: pub, published: published, ids: map[*model.Graph]*quotedIDs{}}
	for _, p := range pages {
		if l.ids[p.graph] == nil {
			l.ids[p.graph] = newQuotedIDs(p.graph, 4)
		}
	}
	return l
}

// append appends a page.
func (l *pageLister) append(b []byte, lp listedPage) []byte {
	p := lp.page
	state := l.pub.State(p)
	o := newJSONObject(b, 1)
	o.str("path", p.Path)
	o.str("lang", p.Lang)
	o.str("title", p.Title)
	if p.Date.IsZero() {
		o.null("date")
	} else {
		o.date("date", p.Date)
	}
	o.bool("draft", p.Draft)
	o.bool("published", state == model.Published)
	o.str("state", state.String())
	o.bool("section", p.Section)
	o.key("terms")
	o.b = l.appendTerms(o.b, lp, state)
	return o.end()
}

// appendTerms appends the object of a page's terms: each taxonomy's
// plural name, in byte order as encoding/json sorts a map's keys, to the
// IDs of the page's terms of it, in display order.
func (l *pageLister) appendTerms(b []byte, lp listedPage, state model.PageState) []byte {
	g, q := lp.graph, l.ids[lp.graph]
	places := g.TermsAt(lp.place)
	if l.published {
		places = l.listed(g, places, state)
	}
	var small [8]string
	names := small[:0]
	for _, i := range places {
		if name := g.Terms()[i].Kind.Taxonomy(); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	terms := newJSONObject(b, 2)
	var kept [16]int32
	for _, name := range names {
		of := kept[:0]
		for _, i := range places {
			if g.Terms()[i].Kind.Taxonomy() == name {
				of = append(of, i)
			}
		}
		terms.escapedKey(name)
		terms.placesAfterKey(q, of)
	}
	return terms.end()
}

// listed keeps, of a page's terms, those Hugo lists it under: none when
// it is not published (as PublishedTerms).
func (l *pageLister) listed(g *model.Graph, places []int32, state model.PageState) []int32 {
	if state != model.Published {
		return nil
	}
	var out []int32
	for _, i := range places {
		if g.Listed(l.pub, g.Terms()[i]) {
			out = append(out, i)
		}
	}
	return out
}

// placesOf gives the place in all of each of some, which holds members of
// all in all's order, as the graph's lookups return them.
func placesOf[T comparable](all, some []T) []int {
	out := make([]int, len(some))
	j := 0
	for n, x := range some {
		for all[j] != x {
			j++
		}
		out[n] = j
		j++
	}
	return out
}

// appendProblemJSON appends a problem as check --json writes it.
func appendProblemJSON(b []byte, j *problemJSON) []byte {
	o := newJSONObject(b, 1)
	o.str("path", j.Path)
	if j.Line != 0 {
		o.int("line", j.Line)
	}
	if j.Col != 0 {
		o.int("col", j.Col)
	}
	o.str("severity", j.Severity.String())
	o.str("message", j.Message)
	return o.end()
}
