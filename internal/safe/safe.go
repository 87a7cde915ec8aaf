// Package safe makes text from term files harmless to print in a terminal.
package safe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text returns s with nothing a terminal would take as a command: ESC and
// the other C0 and C1 control characters become visible symbols (␛, ␇, …),
// Unicode bidi overrides and isolates are dropped, a tab becomes four spaces
// and a byte that is not UTF-8 is written as \xff (only a file name can
// hold one: taxo decodes the text of files). Newlines are kept. Text that
// needs none of this is returned as it is, without allocating.
func Text(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for j, r := range s[i:] {
		if r == utf8.RuneError && !strings.HasPrefix(s[i+j:], "\uFFFD") {
			fmt.Fprintf(&b, `\x%02x`, s[i+j])
			continue
		}
		writeSafe(&b, r)
	}
	return b.String()
}

// Line is Text for a single line: newlines become spaces too.
func Line(s string) string {
	s = Text(s)
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\n", " ")
}

// firstUnsafe returns the index of the first byte Text must change, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

func unsafeRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || isBidiControl(r)
}

// isBidiControl reports the characters that reorder text around them
// (embeddings, overrides and isolates), which can make text read other than
// it is.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

func writeSafe(b *strings.Builder, r rune) {
	switch {
	case r == '\n':
		b.WriteByte('\n')
	case r == '\t':
		b.WriteString("    ")
	case r < 0x20:
		b.WriteRune(0x2400 + r) // the Control Pictures block: ␀ … ␟
	case r == 0x7f:
		b.WriteRune('␡')
	case r >= 0x80 && r <= 0x9f:
		b.WriteRune(utf8.RuneError)
	case isBidiControl(r):
		// dropped
	default:
		b.WriteRune(r)
	}
}
