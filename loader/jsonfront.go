package loader

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A site's pages are often JSON front matter (jupiterbroadcasting's 2,000
// episodes), and encoding/json decodes it into maps by reflection, after
// a pass to find where it ends and another to check it. readJSONObject
// does all three in one pass. It reads strictly what encoding/json reads
// and gives what decodeJSON gives; on anything it is not sure of (an
// error, invalid UTF-8, deep nesting) it gives up, and encoding/json reads
// the file and says what is wrong.

// maxQuickJSONDepth is how deeply readJSONObject nests before it leaves
// the object to encoding/json, whose own limit it need not know.
const maxQuickJSONDepth = 64

// jsonReader reads JSON values from b, whose strings without escapes are
// cut from it rather than copied.
type jsonReader struct {
	b     string
	i     int
	line  int // of b[i], counted from the object's first line
	depth int
	ok    bool
}

// readJSONObject reads the JSON object at the start of b into its
// top-level fields in file order, each on the line where its key is
// (firstLine being the object's first), and how many bytes it takes; ok
// is false when encoding/json must read it.
func readJSONObject(b []byte, firstLine int) (entries []entry, n int, ok bool) {
	n, ok = jsonObjectLen(b)
	if !ok {
		return nil, 0, false
	}
	r := &jsonReader{b: string(b[:n]), line: firstLine, ok: true}
	entries = make([]entry, 0, 16)
	if !r.eat('{') {
		return nil, 0, false
	}
	r.space()
	if r.peek() == '}' {
		r.i++
		return nil, r.i, true // as encoding/json reads it: no fields
	}
	for r.ok {
		r.space()
		line := r.line
		key, ok := r.string()
		if !ok || !r.eat(':') {
			return nil, 0, false
		}
		v := r.value()
		entries = append(entries, entry{key: key, value: v, line: line})
		r.space()
		switch r.next() {
		case ',':
			continue
		case '}':
			return entries, r.i, r.ok
		}
		return nil, 0, false
	}
	return nil, 0, false
}

func (r *jsonReader) peek() byte {
	if r.i < len(r.b) {
		return r.b[r.i]
	}
	return 0
}

func (r *jsonReader) next() byte {
	c := r.peek()
	if c == 0 {
		r.ok = false
		return 0
	}
	r.i++
	return c
}

// eat skips white space and then c, or fails.
func (r *jsonReader) eat(c byte) bool {
	r.space()
	if r.peek() != c {
		r.ok = false
		return false
	}
	r.i++
	return true
}

func (r *jsonReader) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case '\n':
			r.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		r.i++
	}
}

// value reads any value, as decodeJSON decodes it: numbers as int when
// they are whole and fit, else float64.
func (r *jsonReader) value() any {
	r.space()
	switch c := r.peek(); {
	case c == '"':
		s, _ := r.string()
		return s
	case c == '{':
		return r.object()
	case c == '[':
		return r.array()
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	}
	for _, lit := range [...]struct {
		word string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(r.b)-r.i >= len(lit.word) && r.b[r.i:r.i+len(lit.word)] == lit.word {
			r.i += len(lit.word)
			return lit.v
		}
	}
	r.ok = false
	return nil
}

func (r *jsonReader) object() any {
	if r.depth++; r.depth > maxQuickJSONDepth {
		r.ok = false
		return nil
	}
	defer func() { r.depth-- }()
	r.i++ // {
	m := map[string]any{}
	r.space()
	if r.peek() == '}' {
		r.i++
		return m
	}
	for r.ok {
		r.space()
		key, ok := r.string()
		if !ok || !r.eat(':') {
			return nil
		}
		m[key] = r.value()
		r.space()
		switch r.next() {
		case ',':
			continue
		case '}':
			return m
		}
		r.ok = false
	}
	return nil
}

func (r *jsonReader) array() any {
	if r.depth++; r.depth > maxQuickJSONDepth {
		r.ok = false
		return nil
	}
	defer func() { r.depth-- }()
	r.i++ // [
	items := make([]any, 0, 4)
	r.space()
	if r.peek() == ']' {
		r.i++
		return items
	}
	for r.ok {
		items = append(items, r.value())
		r.space()
		switch r.next() {
		case ',':
			continue
		case ']':
			return items
		}
		r.ok = false
	}
	return nil
}

// number reads a number as JSON writes one, as json.Number's Int64 and
// then Float64 read it.
func (r *jsonReader) number() any {
	start := r.i
	if r.peek() == '-' {
		r.i++
	}
	switch c := r.peek(); {
	case c == '0':
		r.i++
	case '1' <= c && c <= '9':
		r.digits()
	default:
		r.ok = false
		return nil
	}
	whole := true
	if r.peek() == '.' {
		r.i++
		if !r.digits() {
			return nil
		}
		whole = false
	}
	if c := r.peek(); c == 'e' || c == 'E' {
		r.i++
		if c := r.peek(); c == '+' || c == '-' {
			r.i++
		}
		if !r.digits() {
			return nil
		}
		whole = false
	}
	text := r.b[start:r.i]
	if whole {
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			return int(i)
		}
	}
	f, _ := strconv.ParseFloat(text, 64)
	return f
}

// digits skips one digit or more; false, and the reader failed, for none.
func (r *jsonReader) digits() bool {
	start := r.i
	for r.i < len(r.b) && '0' <= r.b[r.i] && r.b[r.i] <= '9' {
		r.i++
	}
	if r.i == start {
		r.ok = false
		return false
	}
	return true
}

// string reads a string, unescaped. Text that is not UTF-8, which
// encoding/json mends, is left to it.
func (r *jsonReader) string() (string, bool) {
	if r.peek() != '"' {
		r.ok = false
		return "", false
	}
	r.i++
	start := r.i
	plain := true
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			s := r.b[start:r.i]
			r.i++
			if plain {
				return s, true
			}
			return r.unescape(s)
		case c == '\\':
			plain = false
			r.i += 2
			continue
		case c < 0x20:
			r.ok = false
			return "", false
		case c >= utf8.RuneSelf:
			ru, size := utf8.DecodeRuneInString(r.b[r.i:])
			if ru == utf8.RuneError && size == 1 {
				r.ok = false
				return "", false
			}
			r.i += size
			continue
		}
		r.i++
	}
	r.ok = false
	return "", false
}

// unescape reads the escapes of a string's text.
func (r *jsonReader) unescape(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out = append(out, s[i])
			continue
		}
		i++
		if i >= len(s) {
			r.ok = false
			return "", false
		}
		switch s[i] {
		case '"', '\\', '/':
			out = append(out, s[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			ru, ok := hex4(s[i+1:])
			if !ok {
				r.ok = false
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(ru) {
				lo, ok := rune(-1), false
				if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					lo, ok = hex4(s[i+3:])
				}
				if dec := utf16.DecodeRune(ru, lo); ok && dec != utf8.RuneError {
					out = utf8.AppendRune(out, dec)
					i += 6
					continue
				}
				ru = utf8.RuneError
			}
			out = utf8.AppendRune(out, ru)
		default:
			r.ok = false
			return "", false
		}
	}
	return string(out), true
}

// hex4 reads the four hex digits of a \u escape.
func hex4(b string) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var ru rune
	for i := range 4 {
		c := b[i]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		ru = ru*16 + rune(c)
	}
	return ru, true
}

// jsonObjectLen is the length of the JSON object b starts with, found by
// matching brackets outside strings; ok is false when b ends first.
func jsonObjectLen(b []byte) (n int, ok bool) {
	depth, inString, escaped := 0, false, false
	for i, c := range b {
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
				return i + 1, true
			}
		}
	}
	return 0, false
}
