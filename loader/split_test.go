package loader_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"taxo/loader"
	"taxo/model"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"nothing to change", "---\ntitle: A\n---\n", "---\ntitle: A\n---\n"},
		{"BOM", "\uFEFF---\ntitle: A\n", "---\ntitle: A\n"},
		{"CRLF", "---\r\ntitle: A\r\n---\r\nBody\r\n", "---\ntitle: A\n---\nBody\n"},
		{"BOM and CRLF", "\uFEFFa\r\nb", "a\nb"},
		{"lone CR kept", "a\rb\r\n", "a\rb\n"},
		{"CR at the end kept", "a\r", "a\r"},
		{"BOM only at the start", "a\uFEFFb", "a\uFEFFb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(loader.Normalize([]byte(tt.in))); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		format    loader.Format
		front     string
		frontLine int
		body      string
		bodyLine  int
		errLine   int // 0: no error expected
		errCol    int // checked when not 0
	}{
		{name: "YAML", in: "---\ntitle: A\n---\nBody\n",
			format: loader.YAML, front: "title: A\n", frontLine: 2, body: "Body\n", bodyLine: 4},
		{name: "TOML", in: "+++\ntitle = 'A'\n+++\nBody\n",
			format: loader.TOML, front: "title = 'A'\n", frontLine: 2, body: "Body\n", bodyLine: 4},
		{name: "JSON", in: "{\n  \"title\": \"A\"\n}\nBody\n",
			format: loader.JSON, front: "{\n  \"title\": \"A\"\n}", frontLine: 1, body: "Body\n", bodyLine: 4},
		{name: "JSON on one line", in: "{\"title\": \"A\"}\nBody\n",
			format: loader.JSON, front: "{\"title\": \"A\"}", frontLine: 1, body: "Body\n", bodyLine: 2},
		{name: "no front matter", in: "# A\n\nBody\n",
			format: loader.NoFrontMatter, body: "# A\n\nBody\n", bodyLine: 1},
		{name: "empty file", in: "", format: loader.NoFrontMatter, bodyLine: 1},
		{name: "blank lines before the front matter", in: "\n  \n---\ntitle: A\n---\nBody\n",
			format: loader.YAML, front: "title: A\n", frontLine: 4, body: "Body\n", bodyLine: 6},
		{name: "body with its own --- rule", in: "---\ntitle: A\n---\nabove\n---\nbelow\n",
			format: loader.YAML, front: "title: A\n", frontLine: 2, body: "above\n---\nbelow\n", bodyLine: 4},
		{name: "delimiters with trailing spaces", in: "--- \ntitle: A\n---\t\nBody\n",
			format: loader.YAML, front: "title: A\n", frontLine: 2, body: "Body\n", bodyLine: 4},
		{name: "a longer rule does not close", in: "---\ntitle: A\n----\nmore: b\n---\n",
			format: loader.YAML, front: "title: A\n----\nmore: b\n", frontLine: 2, bodyLine: 6},
		{name: "TOML is not closed by ---", in: "+++\ntitle = 'A'\n---\n+++\n",
			format: loader.TOML, front: "title = 'A'\n---\n", frontLine: 2, bodyLine: 5},
		{name: "no final newline after the body", in: "---\ntitle: A\n---\nlast",
			format: loader.YAML, front: "title: A\n", frontLine: 2, body: "last", bodyLine: 4},
		{name: "no final newline after the closing line", in: "---\ntitle: A\n---",
			format: loader.YAML, front: "title: A\n", frontLine: 2, bodyLine: 3},
		{name: "empty front matter", in: "---\n---\nBody\n",
			format: loader.YAML, frontLine: 2, body: "Body\n", bodyLine: 3},
		{name: "unterminated YAML", in: "\n---\ntitle: A\nBody\n", errLine: 2},
		{name: "unterminated TOML", in: "+++\ntitle = 'A'\n", errLine: 1},
		{name: "JSON syntax error at the offending character", in: "{\"title\": \"A\",,}\n", errLine: 1, errCol: 15},
		{name: "unterminated JSON", in: "\n{\n  \"title\": \"A\",\n", errLine: 2},
		{name: "a dashed line that is not a delimiter", in: "--- title\nBody\n",
			format: loader.NoFrontMatter, body: "--- title\nBody\n", bodyLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := loader.SplitFrontMatter([]byte(tt.in))
			if tt.errLine != 0 {
				var pe *loader.PosError
				if !errors.As(err, &pe) {
					t.Fatalf("error = %v, want a PosError", err)
				}
				if pe.Line != tt.errLine || (tt.errCol != 0 && pe.Col != tt.errCol) {
					t.Errorf("error at %d:%d, want %d:%d (%v)", pe.Line, pe.Col, tt.errLine, tt.errCol, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if s.Format != tt.format {
				t.Errorf("Format = %s, want %s", s.Format, tt.format)
			}
			if string(s.Front) != tt.front || s.FrontLine != tt.frontLine {
				t.Errorf("Front = %q at line %d, want %q at line %d", s.Front, s.FrontLine, tt.front, tt.frontLine)
			}
			if string(s.Body) != tt.body || s.BodyLine != tt.bodyLine {
				t.Errorf("Body = %q at line %d, want %q at line %d", s.Body, s.BodyLine, tt.body, tt.bodyLine)
			}
			if tt.bodyLine > 1 {
				// The body starts where BodyLine says in the file.
				lines := strings.SplitAfter(tt.in, "\n")
				if rest := strings.Join(lines[tt.bodyLine-1:], ""); len(tt.body) > 0 && rest != tt.body {
					t.Errorf("line %d onwards is %q, not the body", tt.bodyLine, rest)
				}
			}
		})
	}
}

// TestParse checks the pure parser: the slug and kind its caller gives,
// overridden by ClassificationType, and a file with no front matter.
func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		rel, src  string
		slug      string
		kind      model.Kind
		wantID    model.ID
		wantTitle string
		wantProbs []wantProblem
		wantTags  []model.Ref // checked when not nil
	}{
		{name: "kind from the caller", rel: "x.md", src: "---\ntitle: X\n---\n",
			slug: "x", kind: model.Concept, wantID: "concepts/x", wantTitle: "X"},
		{name: "ClassificationType wins", rel: "x.md", src: "---\nClassificationType: categories\ntitle: X\n---\n",
			slug: "x", kind: model.Tag, wantID: "categories/x", wantTitle: "X"},
		{name: "ClassificationType in the singular and any case", rel: "x.md", src: "---\nclassificationtype: Concept\n---\n",
			slug: "x", kind: model.Tag, wantID: "concepts/x"},
		{name: "no front matter takes the first heading", rel: "notes.md", src: "# Field Notes\n\nText.\n",
			slug: "notes", kind: model.Tag, wantID: "tags/notes", wantTitle: "Field Notes",
			wantProbs: []wantProblem{{"notes.md: warning", "no front matter"}}},
		{name: "non-ASCII slug kept", rel: "pâte-à-choux.md", src: "---\ntitle: Pâte à Choux\n---\n",
			slug: "pâte-à-choux", kind: model.Tag, wantID: "tags/pâte-à-choux", wantTitle: "Pâte à Choux"},
		{name: "a list of titles given by a YAML alias", rel: "x.md", src: "---\ntitle: X\nshared: &fruit\n- Apples\n- Pears\ntags: *fruit\n---\n",
			slug: "x", kind: model.Tag, wantID: "tags/x", wantTitle: "X", wantTags: []model.Ref{{Title: "Apples", Line: 4, Col: 3}, {Title: "Pears", Line: 5, Col: 3}}},
		{name: "a field given twice", rel: "x.md", src: "---\ntitle: One\ntitle: Two\n---\n",
			slug: "x", kind: model.Tag, wantID: "tags/x", wantTitle: "Two",
			wantProbs: []wantProblem{{"x.md:3:8: warning", `field "title" is given twice`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term, probs := loader.Parse(tt.rel, []byte(tt.src), tt.slug, tt.kind)
			checkProblems(t, probs, tt.wantProbs)
			if term == nil {
				t.Fatal("no term")
			}
			if term.ID != tt.wantID || term.Title != tt.wantTitle {
				t.Errorf("got %s %q, want %s %q", term.ID, term.Title, tt.wantID, tt.wantTitle)
			}
			if tt.wantTags != nil && !slices.Equal(term.RefsOf(model.Tag), tt.wantTags) {
				t.Errorf("tags = %v, want %v", term.RefsOf(model.Tag), tt.wantTags)
			}
			if !term.Defined || term.Path != tt.rel {
				t.Errorf("Defined = %v, Path = %q; want true, %q", term.Defined, term.Path, tt.rel)
			}
		})
	}
}
