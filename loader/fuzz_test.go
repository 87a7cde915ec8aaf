package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"taxo/model"
)

// The seed corpora are in testdata/fuzz; .ci/run fuzzes each target for a
// while, and plain go test runs the seeds.

// FuzzSplitFrontMatter checks that splitting never panics and that what it
// returns is consistent with the file: the body is the file's tail and
// starts on the line it says, and an error names a line of the file.
func FuzzSplitFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: T\n---\nbody\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		src = Normalize(src)
		s, err := SplitFrontMatter(src)
		lines := bytes.Count(src, []byte{'\n'}) + 1
		if err != nil {
			var pe *PosError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Line > lines {
				t.Fatalf("error %v is not at a line of the file (1-%d)", err, lines)
			}
			return
		}
		if !bytes.HasSuffix(src, s.Body) {
			t.Fatalf("body %q is not the end of the file", s.Body)
		}
		if len(s.Body) > 0 {
			want := 1 + bytes.Count(src[:len(src)-len(s.Body)], []byte{'\n'})
			if s.BodyLine != want {
				t.Fatalf("body starts on line %d, not %d", want, s.BodyLine)
			}
		}
		switch s.Format {
		case NoFrontMatter:
			if !bytes.Equal(s.Body, src) || s.BodyLine != 1 {
				t.Fatalf("without front matter the body must be the whole file")
			}
		case JSON:
			if len(s.Front) == 0 || s.Front[0] != '{' {
				t.Fatalf("JSON front matter %q does not start with {", s.Front)
			}
		case YAML, TOML:
			if s.FrontLine < 2 || s.FrontLine > lines {
				t.Fatalf("front matter on line %d of %d", s.FrontLine, lines)
			}
			if bytes.Contains(s.Front, []byte("\n"+map[Format]string{YAML: "---", TOML: "+++"}[s.Format]+"\n")) {
				t.Fatalf("front matter %q holds its closing delimiter", s.Front)
			}
		}
	})
}

// FuzzParse checks that decoding a term file never panics or hangs, that a
// file it skips has an error to say why, that every problem names a line of
// the file, and that what it reads is UTF-8 and no deeper than taxo shows.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: T\ntags: [A, B]\n---\nbody\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		term, problems := Parse("tags/x.md", src, "x", model.Tag)
		lines := bytes.Count(src, []byte{'\n'}) + 1
		errs := 0
		for _, p := range problems {
			if p.Path != "tags/x.md" || p.Err == nil || p.Err.Error() == "" {
				t.Fatalf("problem %#v lacks its path or message", p)
			}
			if p.Line < 0 || p.Line > lines || p.Col < 0 || p.Line == 0 && p.Col != 0 {
				t.Fatalf("problem %v is not at a place in the file (%d lines)", p, lines)
			}
			if p.Severity == model.Error {
				errs++
			}
		}
		if term == nil {
			if errs == 0 {
				t.Fatalf("file skipped without an error; problems %v", problems)
			}
			return
		}
		if term.Path != "tags/x.md" || !term.Defined || !strings.HasSuffix(string(term.ID), "/x") {
			t.Fatalf("term %q at %q is not the file's", term.ID, term.Path)
		}
		for name, text := range map[string]string{"title": term.Title, "description": term.Description,
			"abstract": term.Abstract, "Instructions": term.Instructions, "icon": term.Icon, "body": term.Body} {
			if !utf8.ValidString(text) {
				t.Fatalf("%s %q is not UTF-8", name, text)
			}
		}
		for _, fld := range term.Fields {
			if depth(fld.Value, maxFieldDepth+1) > maxFieldDepth {
				t.Fatalf("field %q nests deeper than %d", fld.Key, maxFieldDepth)
			}
		}
	})
}

// FuzzJSONObject checks that the one-pass reader of JSON front matter,
// whenever it reads an object, reads it as encoding/json does: the same
// length, the same fields in the same order, on the same lines.
func FuzzJSONObject(f *testing.F) {
	for _, seed := range []string{
		`{"title": "T", "tags": ["a", "b"], "n": 1, "f": 1.5, "e": 1e3, "big": 123456789012345678901}`,
		"{\n  \"a\": {\"b\": [true, false, null]},\n  \"s\": \"\\u00e9\\ud83d\\ude00\\n\"\n}\nbody",
		`{"a": 1, "a": 2}`, `{}`, `{"x": "\ud800"}`, `{"x": -0}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		entries, n, ok := readJSONObject(src, 1)
		if !ok {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(src))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("read %d bytes of %q, which encoding/json refuses: %v", n, src, err)
		}
		if end := int(dec.InputOffset()); end != n {
			t.Fatalf("read %d bytes of %q, encoding/json %d", n, src, end)
		}
		want, err := decodeJSON(src[:n], 1)
		if err != nil {
			t.Fatalf("decodeJSON(%q): %v", src[:n], err)
		}
		if !reflect.DeepEqual(entries, want) {
			t.Fatalf("read %q as\n%#v\nwant\n%#v", src[:n], entries, want)
		}
	})
}

// FuzzTermKey checks that the byte-at-a-time key of ASCII text is the
// rune-at-a-time key Hugo's UnicodeSanitize gives.
func FuzzTermKey(f *testing.F) {
	for _, seed := range []string{"Self Hosted", "self  -  hosted", "C++", "CI/CD", "100%", "a%2", "x, y", "\tTab\v", " - a - "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		for _, lower := range []bool{true, false} {
			if got, want := asciiKey(s, lower), unicodeKey(s, lower); got != want {
				t.Fatalf("asciiKey(%q, %v) = %q, want %q", s, lower, got, want)
			}
			if got, want := string(appendASCIIKey([]byte("a b"), s, lower)), "a b"+asciiKey(s, lower); got != want {
				t.Fatalf("appendASCIIKey(%q, %q, %v) = %q, want %q", "a b", s, lower, got, want)
			}
		}
	})
}
