package loader

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"taxo/internal/english"
)

// binarySniffLen is how much of a file is searched for a NUL byte, the sign
// of binary content that git uses too.
const binarySniffLen = 8000

var (
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// textOf turns a file's bytes into UTF-8 text. UTF-16 with a byte order
// mark is converted, with a warning since Hugo reads UTF-8 only; bytes that
// are not UTF-8 are read as Windows-1252, the encoding such files usually
// have, with a warning at the first. Binary content is an error.
func (p *fileParser) textOf(src []byte) ([]byte, bool) {
	if utf16Text, ok := fromUTF16(src); ok {
		p.warn(1, 1, "file is UTF-16; taxo reads it, but Hugo expects UTF-8")
		src = utf16Text
	}
	if i := bytes.IndexByte(src[:min(len(src), binarySniffLen)], 0); i >= 0 {
		line, col := position(src, i)
		p.fail(&PosError{Line: line, Col: col, Err: fmt.Errorf("binary content (a NUL byte), not text; the file is skipped")})
		return nil, false
	}
	if utf8.Valid(src) {
		return src, true
	}
	text, first, n := fromWindows1252(src)
	line, col := position(src, first)
	p.warn(line, col, "%s %s not valid UTF-8, the first here; %s read as Windows-1252",
		english.Plural(n, "byte"), map[bool]string{true: "is", false: "are"}[n == 1], map[bool]string{true: "it is", false: "they are"}[n == 1])
	return text, true
}

// fromUTF16 converts text that starts with a UTF-16 byte order mark.
func fromUTF16(src []byte) ([]byte, bool) {
	var order func(hi, lo byte) uint16
	switch {
	case bytes.HasPrefix(src, bomUTF16LE):
		order = func(a, b byte) uint16 { return uint16(b)<<8 | uint16(a) }
	case bytes.HasPrefix(src, bomUTF16BE):
		order = func(a, b byte) uint16 { return uint16(a)<<8 | uint16(b) }
	default:
		return nil, false
	}
	src = src[2:]
	units := make([]uint16, len(src)/2)
	for i := range units {
		units[i] = order(src[2*i], src[2*i+1])
	}
	out := make([]byte, 0, len(src))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

// fromWindows1252 keeps the valid UTF-8 of src and reads every other byte
// as Windows-1252. It returns the offset of the first such byte and how
// many there were.
func fromWindows1252(src []byte) (out []byte, first, n int) {
	out = make([]byte, 0, len(src)+len(src)/8)
	first = -1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			if first < 0 {
				first = i
			}
			n++
			r = windows1252(src[i])
		}
		out = utf8.AppendRune(out, r)
		i += size
	}
	return out, first, n
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252; the five it leaves
// undefined become U+FFFD.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// windows1252 reads one byte that is not UTF-8 (so 0x80 or above).
func windows1252(b byte) rune {
	if b >= 0x80 && b < 0xa0 {
		return cp1252[b-0x80]
	}
	return rune(b) // the rest of the upper half is Latin-1
}
