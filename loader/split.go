package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Format is the language a file's front matter is written in.
type Format uint8

// The front matter formats Hugo allows.
const (
	NoFrontMatter Format = iota
	YAML                 // between --- lines
	TOML                 // between +++ lines
	JSON                 // a leading JSON object
)

// String names the format for messages.
func (f Format) String() string {
	switch f {
	case YAML:
		return "YAML"
	case TOML:
		return "TOML"
	case JSON:
		return "JSON"
	default:
		return "none"
	}
}

// Split is a term file cut into its front matter and its body.
type Split struct {
	Format    Format
	Front     []byte // the front matter without its delimiters
	FrontLine int    // line of the file where Front starts, 1-based
	Body      []byte
	BodyLine  int // line of the file where Body starts, 1-based

	// entries are the fields of JSON front matter read while splitting,
	// when decoded is set.
	entries []entry
	decoded bool
}

// PosError is a problem at a known place in a file.
type PosError struct {
	Line, Col int // 1-based; 0 when unknown
	Err       error
}

func (e *PosError) Error() string { return e.Err.Error() }
func (e *PosError) Unwrap() error { return e.Err }

var bom = []byte("\uFEFF")

// Normalize drops a leading byte order mark and turns CRLF line ends into
// LF, so that the rest of the loader sees one shape of text. Line numbers are
// unchanged. It returns src itself when there is nothing to change.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			continue
		}
		out = append(out, src[i])
	}
	return out
}

// SplitFrontMatter cuts normalized file content into front matter and body.
// Front matter opens on the first non-blank line with "---" (YAML), "+++"
// (TOML) or "{" (JSON) and, for the first two, closes at the next line that
// holds the same delimiter alone; anything after that, including further
// "---" rules, is body. A file without front matter is all body.
func SplitFrontMatter(src []byte) (Split, error) {
	start, line := skipBlankLines(src)
	rest := src[start:]
	switch {
	case isDelimiterLine(rest, "---"):
		return splitDelimited(src, start, line, "---", YAML)
	case isDelimiterLine(rest, "+++"):
		return splitDelimited(src, start, line, "+++", TOML)
	case len(rest) > 0 && rest[0] == '{':
		return splitJSON(src, start, line)
	}
	return Split{Format: NoFrontMatter, Body: src, BodyLine: 1}, nil
}

// skipBlankLines returns the offset and 1-based line of the first line that
// holds more than white space.
func skipBlankLines(src []byte) (offset, line int) {
	line = 1
	for offset < len(src) {
		end := bytes.IndexByte(src[offset:], '\n')
		if end < 0 {
			end = len(src) - offset
		}
		if len(bytes.TrimSpace(src[offset:offset+end])) > 0 {
			return offset, line
		}
		if offset+end >= len(src) {
			return offset, line
		}
		offset += end + 1
		line++
	}
	return offset, line
}

// isDelimiterLine reports whether b starts with a line holding delim and
// nothing else but trailing spaces or tabs.
func isDelimiterLine(b []byte, delim string) bool {
	if !bytes.HasPrefix(b, []byte(delim)) {
		return false
	}
	for _, c := range b[len(delim):] {
		switch c {
		case ' ', '\t':
			continue
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

func splitDelimited(src []byte, start, line int, delim string, f Format) (Split, error) {
	open := line
	// Skip the opening line.
	i := start
	if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
		i += nl + 1
	} else {
		i = len(src)
	}
	line++
	frontStart, frontLine := i, line
	nlDelim := []byte("\n" + delim)
	for i < len(src) {
		if isDelimiterLine(src[i:], delim) {
			s := Split{Format: f, Front: src[frontStart:i], FrontLine: frontLine}
			if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
				s.Body, s.BodyLine = src[i+nl+1:], line+1
			} else {
				s.Body, s.BodyLine = nil, line
			}
			return s, nil
		}
		// On to the next line that starts with the delimiter, counting
		// the lines passed: a word at a time, not a line at a time.
		next := bytes.Index(src[i:], nlDelim)
		if next < 0 {
			break
		}
		line += 1 + bytes.Count(src[i:i+next], []byte{'\n'})
		i += next + 1
	}
	return Split{}, &PosError{Line: open, Col: 1,
		Err: fmt.Errorf("%s front matter opened here is never closed with a %q line", f, delim)}
}

func splitJSON(src []byte, start, line int) (Split, error) {
	// Most objects are read in one pass (readJSONObject); encoding/json
	// reads the others, and says what is wrong with them.
	if entries, n, ok := readJSONObject(src[start:], line); ok {
		s := jsonSplit(src, start, start+n, line)
		s.entries, s.decoded = entries, true
		return s, nil
	}
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		off := start + int(dec.InputOffset())
		var syn *json.SyntaxError
		if errors.As(err, &syn) && syn.Offset > 0 {
			// Offset counts the offending byte too: point at it, not past it.
			off = start + int(syn.Offset) - 1
		}
		l, c := position(src, off)
		return Split{}, &PosError{Line: l, Col: c, Err: fmt.Errorf("invalid JSON front matter: %w", err)}
	}
	return jsonSplit(src, start, start+int(dec.InputOffset()), line), nil
}

// jsonSplit cuts src into the JSON object from start to end, opened on
// line, and the body, which starts on the line after the object.
func jsonSplit(src []byte, start, end, line int) Split {
	s := Split{Format: JSON, Front: src[start:end], FrontLine: line}
	rest := src[end:]
	bodyLine := line + bytes.Count(src[start:end], []byte{'\n'})
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		s.Body, s.BodyLine = rest[nl+1:], bodyLine+1
	} else {
		s.Body, s.BodyLine = nil, bodyLine
	}
	return s
}

// position turns a byte offset into a 1-based line and column (in runes).
func position(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	col = 1 + len(bytes.Runes(src[lineStart:off]))
	return line, col
}
