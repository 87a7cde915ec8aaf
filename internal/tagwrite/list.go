package tagwrite

import (
	"bytes"
	"strings"
)

// shape is how a front matter key holds its terms.
type shape uint8

const (
	missing shape = iota // no such key
	null                 // the key with no value: "tags:", "tags: ~", "tags": null
	scalar               // one term as a string: "series: defi"
	flow                 // a bracketed list: [a, b], TOML and JSON arrays
	block                // YAML's "- a" lines
	other                // anything else (a map, a number list of lists …)
)

// item is one term of a list as written.
type item struct {
	start, end int    // the term's bytes in the front matter, quotes included
	term       string // as decoded
}

// entry is one top-level key of the front matter and where its value is.
// All offsets are into the front matter's normalized text.
type entry struct {
	key        string // as decoded, in the case written
	keyStart   int    // where the key starts (its line's indentation before it)
	keyEnd     int    // just past the key, quotes included
	colon      int    // just past the ':' or '=' that follows the key
	valueStart int    // where the value starts
	shape      shape
	why        string // for other: what the value is
	start, end int    // null and scalar: the token (start == end: none)
	open       int    // flow: offset of '['
	close      int    // flow: offset of ']'
	items      []item
	after      int // where a key written after this one goes
}

// layout is how a list is laid out, read from a list of the file so a list
// taxo writes afresh looks like the others.
type layout struct {
	block    bool   // YAML "- a" lines
	dash     string // block: what precedes a term on its line, e.g. "  - "
	ownLines bool   // flow: one term a line
	unit     string // ownLines: the terms' indentation beyond their key's
	pad      string // one line: between the brackets and the terms, "[ a ]"
	quote    byte   // the quote the list's quoted terms use, 0 if none
	always   bool   // quote even where the format needs no quotes
}

// render writes a term as an item of a list (flow true) or a block line or
// a lone value (flow false), quoted as the format needs and as like says.
type renderer func(term string, flow bool, like layout) string

// lineStart returns the offset of the start of the line holding i.
func lineStart(b []byte, i int) int {
	return bytes.LastIndexByte(b[:i], '\n') + 1
}

// lineAfter returns the offset just past the end of the line holding i (past
// its LF, or the end of b).
func lineAfter(b []byte, i int) int {
	if n := bytes.IndexByte(b[i:], '\n'); n >= 0 {
		return i + n + 1
	}
	return len(b)
}

// indentOf returns the spaces and tabs a line starts with.
func indentOf(b []byte, lineStart int) string {
	i := lineStart
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return string(b[lineStart:i])
}

// isBlank reports whether s holds only spaces and tabs.
func isBlank(s string) bool {
	return strings.Trim(s, " \t") == ""
}

// lineRest describes what follows a term up to the end of its line: an
// optional comma and an optional comment, nothing else.
type lineRest struct {
	alone bool // only a comma and a comment may follow on the line
	comma int  // offset of the comma after the term, -1 if none
	next  int  // the start of the next line
}

func restOfLine(b []byte, end int, comments bool) lineRest {
	r := lineRest{comma: -1}
	i := skipSpaces(b, end)
	if i < len(b) && b[i] == ',' {
		r.comma = i
		i = skipSpaces(b, i+1)
	}
	if comments && i < len(b) && b[i] == '#' {
		i = lineAfter(b, i) - 1
	}
	r.alone = i < len(b) && b[i] == '\n'
	r.next = i + 1
	return r
}

func skipSpaces(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}
