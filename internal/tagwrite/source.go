package tagwrite

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"taxo/loader"
)

// source is a page's bytes as read, cut by the loader's own splitter, with
// what it takes to carry an edit of the front matter's normalized text (no
// byte order mark, LF line ends) back onto the file's own bytes.
type source struct {
	raw   []byte
	text  []byte // loader.Normalize(raw)
	split loader.Split
	front int   // offset of split.Front in text
	bom   int   // length of the byte order mark raw starts with
	crs   []int // offsets in text before which raw had a CR that text lacks
	crlf  bool  // new lines are written CRLF, as the file's first line ends
}

var utf8BOM = []byte("\uFEFF")

func newSource(raw []byte) (*source, error) {
	if bytes.IndexByte(raw, 0) >= 0 {
		return nil, errors.New("the file holds a NUL byte: it is not text")
	}
	if !utf8.Valid(raw) {
		return nil, errors.New("the file is not UTF-8 (Hugo reads UTF-8 only); taxo does not write it")
	}
	s := &source{raw: raw, text: loader.Normalize(raw)}
	if bytes.HasPrefix(raw, utf8BOM) {
		s.bom = len(utf8BOM)
	}
	for i, k := s.bom, 0; i < len(raw); i++ {
		if raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
			s.crs = append(s.crs, k)
			continue
		}
		k++
	}
	if nl := bytes.IndexByte(raw, '\n'); nl > 0 && raw[nl-1] == '\r' {
		s.crlf = true
	}
	split, err := loader.SplitFrontMatter(s.text)
	if err != nil {
		var pe *loader.PosError
		if errors.As(err, &pe) && pe.Line > 0 {
			return nil, fmt.Errorf("line %d: %w", pe.Line, err)
		}
		return nil, err
	}
	s.split = split
	if lead := bytes.TrimLeft(s.text, " \t\r\n"); split.Format == loader.NoFrontMatter &&
		(bytes.HasPrefix(lead, []byte("---")) || bytes.HasPrefix(lead, []byte("+++"))) {
		// A page taxo would give front matter of its own on top of this.
		return nil, errors.New("the file starts like front matter that is not on lines of its own (indented, or lines ending in CR alone); taxo does not write it")
	}
	if bytes.IndexByte(split.Front, '\r') >= 0 {
		return nil, errors.New("the front matter has lines ending in CR alone; taxo does not write it")
	}
	if split.Format != loader.NoFrontMatter {
		// Front is a subslice of text: the capacities tell where it starts.
		s.front = cap(s.text) - cap(split.Front)
	}
	return s, nil
}

// splice replaces front[start:end] by text; start == end inserts.
type splice struct {
	start, end int
	text       string
}

// orig maps a boundary between two bytes of text to the same boundary in
// raw. A CR that text dropped stays with its LF: a boundary just before an
// LF maps to just before the CR.
func (s *source) orig(p int) int {
	return p + s.bom + sort.SearchInts(s.crs, p)
}

// apply returns raw with the splices (in front matter offsets) made, their
// line ends written as the file writes them.
func (s *source) apply(sp []splice) ([]byte, error) {
	slices.SortStableFunc(sp, func(a, b splice) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	var out bytes.Buffer
	at := 0
	for _, x := range sp {
		from, to := s.orig(s.front+x.start), s.orig(s.front+x.end)
		if x.start > x.end || from < at {
			return nil, fmt.Errorf("internal error: overlapping edits at %d", x.start)
		}
		out.Write(s.raw[at:from])
		text := x.text
		if s.crlf {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		out.WriteString(text)
		at = to
	}
	out.Write(s.raw[at:])
	return out.Bytes(), nil
}
