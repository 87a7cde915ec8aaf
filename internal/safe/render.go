package safe

import (
	"html"
	"strings"
	"unicode/utf8"
)

// maxRefLen bounds the characters read as one character reference; the
// longest HTML entity name is 32 letters.
const maxRefLen = 40

// Markdown is Text for markdown that is about to be rendered. Renderers
// decode character references (Glamour turns "&#27;" into ESC even inside
// code spans), so a reference to a character that Text would change has its
// ampersand escaped and shows as written.
func Markdown(s string) string {
	s = Text(s)
	amp := strings.IndexByte(s, '&')
	if amp < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := amp; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		ref := charRef(s[i:])
		if len(ref) < 2 || firstUnsafe(html.UnescapeString(ref)) < 0 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString("&amp;")
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// charRef returns the character reference s starts with, such as "&#27;",
// "&#x1b" or "&Tab;", as far as a decoder would read it.
func charRef(s string) string {
	j := 1
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
		}
	}
	for j < len(s) && j < maxRefLen && isAlnum(s[j]) {
		j++
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return s[:j]
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// Styled is Text for text that has been rendered and so carries styling of
// taxo's own: SGR sequences (colour, bold, underline …) and OSC 8 hyperlinks
// pass; every other escape sequence and control character is made visible
// or dropped as Text does. It is the last guard between a renderer and the
// terminal, for anything the renderer decoded into a control character.
func Styled(s string) string {
	if firstUnsafeStyled(s) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			if n := styleSequence(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			writeSafe(&b, r)
		}
		i += size
	}
	return b.String()
}

// firstUnsafeStyled is firstUnsafe for rendered text: the index of the first
// byte Styled must change, or -1.
func firstUnsafeStyled(s string) int {
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			if n := styleSequence(s[i:]); n > 0 {
				i += n
				continue
			}
			return i
		}
		j := firstUnsafe(s[i:])
		if j < 0 {
			return -1
		}
		if s[i+j] != 0x1b {
			return i + j
		}
		i += j
	}
	return -1
}

// styleSequence returns the length of the SGR sequence or OSC 8 hyperlink
// that s starts with, or 0 when it starts with neither.
func styleSequence(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '[': // CSI: parameters, then a final byte; only "m", SGR, passes
		for j := 2; j < len(s); j++ {
			c := s[j]
			switch {
			case '0' <= c && c <= '9' || c == ';' || c == ':':
				continue
			case c == 'm':
				return j + 1
			}
			return 0
		}
	case ']': // OSC: "8;params;uri", ended by BEL or ESC \
		if !strings.HasPrefix(s[2:], "8;") {
			return 0
		}
		end := strings.IndexAny(s[2:], "\a\x1b\n")
		if end < 0 {
			return 0
		}
		end += 2
		if firstUnsafe(s[2:end]) >= 0 {
			return 0
		}
		switch {
		case s[end] == 0x07:
			return end + 1
		case s[end] == 0x1b && end+1 < len(s) && s[end+1] == '\\':
			return end + 2
		}
	}
	return 0
}
