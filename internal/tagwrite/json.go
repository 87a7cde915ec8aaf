package tagwrite

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// jsonFormat is front matter as a leading JSON object.
type jsonFormat struct{}

func (jsonFormat) comments() bool { return false }

// defaultLayout writes a term a line in an object written a key a line, as
// json.MarshalIndent does.
func (jsonFormat) defaultLayout(front []byte, entries []entry) layout {
	if len(entries) == 0 {
		return layout{}
	}
	open := bytes.IndexByte(front, '{')
	if !bytes.Contains(front[open:entries[0].keyStart], []byte("\n")) {
		return layout{}
	}
	unit := indentOf(front, lineStart(front, entries[0].keyStart))
	if unit == "" {
		unit = "  "
	}
	return layout{ownLines: true, unit: unit}
}

func (jsonFormat) decode(front []byte) (map[string]any, error) {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(front))
	dec.UseNumber()
	err := dec.Decode(&m)
	return m, err
}

// jsonScan walks a JSON object the splitter has checked already.
type jsonScan struct {
	b []byte
	i int
}

var errJSON = errors.New("invalid JSON front matter")

func (s *jsonScan) ws() {
	for s.i < len(s.b) && strings.IndexByte(" \t\r\n", s.b[s.i]) >= 0 {
		s.i++
	}
}

func (s *jsonScan) at(c byte) bool { return s.i < len(s.b) && s.b[s.i] == c }

// str moves past a string and returns its span.
func (s *jsonScan) str() (int, int, error) {
	start := s.i
	for s.i++; s.i < len(s.b); s.i++ {
		switch s.b[s.i] {
		case '\\':
			s.i++
		case '"':
			s.i++
			return start, s.i, nil
		}
	}
	return 0, 0, errJSON
}

// skip moves past any value and returns its span.
func (s *jsonScan) skip() (int, int, error) {
	start := s.i
	if s.at('"') {
		return s.str()
	}
	depth := 0
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			if _, _, err := s.str(); err != nil {
				return 0, 0, err
			}
			s.i--
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return start, s.i, nil
			}
			depth--
			if depth == 0 {
				s.i++
				return start, s.i, nil
			}
		case depth == 0 && strings.IndexByte(", \t\r\n", c) >= 0:
			return start, s.i, nil
		}
	}
	return start, s.i, nil
}

func (jsonFormat) entries(front []byte) ([]entry, error) {
	s := &jsonScan{b: front}
	s.ws()
	if !s.at('{') {
		return nil, errors.New("the JSON front matter is not an object")
	}
	s.i++
	var entries []entry
	for {
		s.ws()
		if s.at('}') || s.i >= len(s.b) {
			return entries, nil
		}
		e, err := s.member()
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
		s.ws()
		if s.at(',') {
			s.i++
		}
	}
}

func (s *jsonScan) member() (entry, error) {
	var e entry
	if !s.at('"') {
		return e, errJSON
	}
	start, end, err := s.str()
	if err != nil {
		return e, err
	}
	if e.key, err = jsonString(s.b[start:end]); err != nil {
		return e, errJSON
	}
	e.keyStart, e.keyEnd = start, end
	s.ws()
	if !s.at(':') {
		return e, errJSON
	}
	s.i++
	e.colon = s.i
	s.ws()
	e.valueStart = s.i
	switch {
	case s.at('['):
		err = s.array(&e)
	case s.at('"'):
		err = s.scalar(&e)
	case bytes.HasPrefix(s.b[s.i:], []byte("null")):
		e.shape, e.start, e.end = null, s.i, s.i+4
		s.i += 4
	default:
		e.shape, e.why = other, "not a list of terms"
		_, _, err = s.skip()
	}
	e.after = s.i
	return e, err
}

func (s *jsonScan) scalar(e *entry) error {
	it, err := s.item()
	e.shape, e.items, e.start, e.end = scalar, []item{it}, it.start, it.end
	return err
}

func (s *jsonScan) item() (item, error) {
	start, end, err := s.skip()
	if err != nil {
		return item{}, err
	}
	raw := s.b[start:end]
	it := item{start: start, end: end, term: string(raw)}
	if raw[0] == '"' {
		it.term, err = jsonString(raw)
	}
	return it, err
}

// jsonString decodes a JSON string; most have no escapes and need no
// decoder (the file is valid UTF-8 already).
func jsonString(raw []byte) (string, error) {
	if len(raw) >= 2 && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

func (s *jsonScan) array(e *entry) error {
	e.shape, e.open = flow, s.i
	s.i++
	for {
		s.ws()
		switch {
		case s.i >= len(s.b):
			return errJSON
		case s.at(']'):
			e.close = s.i
			s.i++
			return nil
		case s.at(','):
			s.i++
		case s.at('{') || s.at('[') || bytes.HasPrefix(s.b[s.i:], []byte("null")):
			e.shape, e.why, e.items = other, "a list holding other than terms", nil
			s.i = e.open
			_, _, err := s.skip()
			return err
		default:
			it, err := s.item()
			if err != nil {
				return err
			}
			e.items = append(e.items, it)
		}
	}
}

func (jsonFormat) render(t string, _ bool, _ layout) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(t) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func (jsonFormat) reuse(raw, _ string) string { return raw }

// newKey writes `"key": [...]` after the value at anchor, with the comma,
// line break and spacing the object uses between its members.
func (f jsonFormat) newKey(front []byte, entries []entry, anchor int, key string, ed *editor, terms []string) splice {
	name := f.render(key, false, layout{})
	if len(entries) == 0 {
		return splice{anchor, anchor, name + ": " + ed.freshFlow(ed.renderAll(terms, true), "")}
	}
	like := len(entries) - 1
	for i, e := range entries {
		if e.after == anchor {
			like = i
		}
	}
	e := entries[like]
	var sep string
	switch {
	case like+1 < len(entries):
		sep = string(front[e.after:entries[like+1].keyStart])
	case like > 0:
		sep = string(front[entries[like-1].after:e.keyStart])
	default:
		gap := string(front[bytes.IndexByte(front, '{')+1 : e.keyStart])
		sep = ", "
		if nl := strings.LastIndexByte(gap, '\n'); nl >= 0 {
			sep = ",\n" + gap[nl+1:]
		}
	}
	indent := indentOf(front, lineStart(front, e.keyStart))
	colon := string(front[e.keyEnd:e.valueStart])
	return splice{anchor, anchor, sep + name + colon + ed.freshFlow(ed.renderAll(terms, true), indent)}
}

func (jsonFormat) endOfRoot(front []byte, entries []entry) int {
	if len(entries) == 0 {
		return bytes.IndexByte(front, '{') + 1
	}
	return entries[len(entries)-1].after
}
