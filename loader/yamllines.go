package loader

import "bytes"

// yamlLines turns the lines yaml.v3 counts in front matter into the file's
// lines. The file's lines end at "\n" only; yaml.v3 also ends a line at a
// lone "\r" and at NEL, LS and PS, so in "a: 1\rb: '" it puts the error on
// its line 2, which is the file's line 1.
type yamlLines struct {
	first int   // the file's line of the front matter's first line
	file  []int // file[y-1] is the file line of yaml.v3's line y; nil when they agree
}

// newYAMLLines maps the lines of front, which starts on the file's line first.
func newYAMLLines(front []byte, first int) yamlLines {
	m := yamlLines{first: first}
	if bytes.IndexByte(front, '\r') < 0 && bytes.IndexByte(front, 0xC2) < 0 && bytes.IndexByte(front, 0xE2) < 0 {
		return m // the common case: no byte that could start another break
	}
	if !hasOtherBreak(front) {
		return m
	}
	m.file = []int{first}
	file := first
	for i := 0; i < len(front); i++ {
		if front[i] == '\n' {
			file++
		} else if n := otherBreak(front, i); n > 0 {
			i += n - 1
		} else {
			continue
		}
		m.file = append(m.file, file)
	}
	return m
}

func hasOtherBreak(front []byte) bool {
	for i := range front {
		if otherBreak(front, i) > 0 {
			return true
		}
	}
	return false
}

// otherBreak is the length of a line break yaml.v3 sees at i and the file
// does not (a lone "\r", NEL, LS or PS), or 0.
func otherBreak(b []byte, i int) int {
	switch {
	case b[i] == '\r' && (i+1 == len(b) || b[i+1] != '\n'):
		return 1
	case b[i] == 0xC2 && i+1 < len(b) && b[i+1] == 0x85: // NEL
		return 2
	case b[i] == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9): // LS, PS
		return 3
	}
	return 0
}

// line is the file's line of yaml.v3's line y (counted from 1); a line past
// the front matter's last is its last.
func (m yamlLines) line(y int) int {
	if m.file == nil {
		return m.first + y - 1
	}
	switch {
	case y < 1:
		return m.first
	case y > len(m.file):
		return m.file[len(m.file)-1]
	}
	return m.file[y-1]
}
