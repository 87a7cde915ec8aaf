package safe

import (
	"bytes"
	"strings"
)

// MaxMarkdownDepth is how deeply block quotes and list items may nest in
// markdown that is rendered. Glamour's time grows with about the cube of
// the depth (400 nested quotes take seconds, 5000 minutes) and nothing past
// a dozen levels fits a terminal, so deeper text is shown as written.
const MaxMarkdownDepth = 16

// TooDeep returns the index (from 0) of the first line of md that nests
// block quotes and list items deeper than MaxMarkdownDepth, or -1. Each
// ">" and each list marker is a level, and so are every two columns of
// indentation before a list marker.
// It reads text or bytes alike, so that a body need not be copied to be
// checked.
func TooDeep[T ~string | ~[]byte](md T) int {
	for i := 0; ; i++ {
		end := indexNewline(md)
		if end < 0 {
			end = len(md)
		}
		if lineDepth(md[:end]) > MaxMarkdownDepth {
			return i
		}
		if end == len(md) {
			return -1
		}
		md = md[end+1:]
	}
}

// indexNewline is the index of md's first line feed, or -1; found a
// word at a time in text and bytes (a body is read line by line).
func indexNewline[T ~string | ~[]byte](md T) int {
	switch v := any(md).(type) {
	case string:
		return strings.IndexByte(v, '\n')
	case []byte:
		return bytes.IndexByte(v, '\n')
	}
	for i := 0; i < len(md); i++ {
		if md[i] == '\n' {
			return i
		}
	}
	return -1
}

// lineDepth counts the levels a line opens, stopping past MaxMarkdownDepth.
func lineDepth[T ~string | ~[]byte](line T) int {
	depth, indent := 0, 0
	for i := 0; i < len(line) && depth <= MaxMarkdownDepth; {
		switch c := line[i]; {
		case c == ' ':
			indent++
			i++
		case c == '\t':
			indent += 4
			i++
		case c == '>':
			depth++
			indent = 0
			i++
		default:
			n := listMarker(line[i:])
			if n == 0 {
				return depth
			}
			depth += 1 + indent/2
			indent = 0
			i += n
		}
	}
	return depth
}

// listMarker returns the length of the list marker ("- ", "* ", "+ ", "1. ",
// "1) ") that s starts with, or 0.
func listMarker[T ~string | ~[]byte](s T) int {
	j := 0
	for j < len(s) && j < 9 && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	switch {
	case j == 0 && len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		j = 1
	case j > 0 && j < len(s) && (s[j] == '.' || s[j] == ')'):
		j++
	default:
		return 0
	}
	if j == len(s) || s[j] == ' ' || s[j] == '\t' {
		return j
	}
	return 0
}
