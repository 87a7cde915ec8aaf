package cli

import (
	"bufio"
	"encoding/binary"
	"io"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
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
	const run = 256
	runs := (n + run - 1) / run
	workers := max(1, runtime.GOMAXPROCS(0))
	made := make([]chan []byte, runs)
	for i := range made {
		made[i] = make(chan []byte, 1)
	}
	// The buffers of the runs made and not yet written: a run takes one
	// (a fresh one for the first few), the writing gives it back.
	buffers := make(chan []byte, 2*workers)
	for range cap(buffers) {
		buffers <- nil
	}
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				r := int(next.Add(1) - 1)
				if r >= runs {
					return
				}
				b := (<-buffers)[:0]
				for i := r * run; i < min(n, (r+1)*run); i++ {
					b = append(b, ",\n  "...)
					b = item(i, b)
				}
				made[r] <- b
			}
		}()
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	for r := range runs {
		b := <-made[r]
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

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it (without
// escaping HTML), with the runes escapeTerminalRunes escapes escaped too.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		i = plainRun(s, i)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029' || isTerminalRune(r):
			b = append(append(b, s[start:i]...), '\\', 'u',
				hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// plainRun is where the run of bytes from i that JSON writes as they are
// (printable ASCII but " and \) ends, found eight bytes at a time: most
// text is such bytes.
func plainRun(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8])) // one load: the bytes are not copied
		q, bs := w^(ones*'"'), w^(ones*'\\')                // a zero byte where w has " or a backslash
		special := (w-ones*0x20)&^w | (q-ones)&^q | (bs-ones)&^bs
		if (special|w)&highs != 0 { // a byte below 0x20, ", a backslash, or above 0x7f
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			return i
		}
	}
	return i
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
	return &jsonObject{b: append(b, '{'), indent: "\n" + indentOf(depth+1)}
}

func indentOf(depth int) string {
	const spaces = "                                "
	return spaces[:min(2*depth, len(spaces))]
}

func (o *jsonObject) key(name string) {
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

// ids writes a list of IDs: [] when empty, else an ID a line.
func (o *jsonObject) ids(name string, ids []model.ID) {
	o.key(name)
	if len(ids) == 0 {
		o.b = append(o.b, '[', ']')
		return
	}
	o.b = append(o.b, '[')
	for i, id := range ids {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, o.indent...)
		o.b = append(o.b, ' ', ' ')
		o.b = appendJSONString(o.b, string(id))
	}
	o.b = append(append(o.b, o.indent...), ']')
}

// end closes the object, whose brace is at depth.
func (o *jsonObject) end() []byte {
	if o.fields == 0 {
		return append(o.b, '}')
	}
	return append(append(o.b, o.indent[:len(o.indent)-2]...), '}')
}

// appendTermJSON appends a term as list --json writes it: a termJSON
// without body and fields.
func appendTermJSON(b []byte, j *termJSON) []byte {
	o := newJSONObject(b, 1)
	o.str("id", string(j.ID))
	o.str("kind", j.Kind.String())
	o.str("slug", j.Slug)
	o.str("title", j.Title)
	o.str("description", j.Description)
	o.str("abstract", j.Abstract)
	o.str("instructions", j.Instructions)
	o.int("weight", j.Weight)
	o.str("icon", j.Icon)
	if j.Date != "" {
		o.str("date", j.Date)
	}
	o.str("path", j.Path)
	o.bool("defined", j.Defined)
	o.ids("concepts", j.Concepts)
	o.ids("categories", j.Categories)
	o.ids("tags", j.Tags)
	o.ids("backlinks", j.Backlinks)
	if j.Lang != "" {
		o.str("lang", j.Lang)
	}
	if j.Pages != nil {
		o.int("pages", *j.Pages)
	}
	return o.end()
}

// appendPageJSON appends a page as pages --json writes it.
func appendPageJSON(b []byte, j *pageJSON) []byte {
	o := newJSONObject(b, 1)
	o.str("path", j.Path)
	o.str("lang", j.Lang)
	o.str("title", j.Title)
	if j.Date == nil {
		o.null("date")
	} else {
		o.str("date", *j.Date)
	}
	o.bool("draft", j.Draft)
	o.bool("published", j.Published)
	o.str("state", j.State.String())
	o.bool("section", j.Section)
	o.key("terms")
	terms := newJSONObject(o.b, 2)
	for _, plural := range slices.Sorted(maps.Keys(j.Terms)) {
		terms.ids(plural, j.Terms[plural])
	}
	o.b = terms.end()
	return o.end()
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
