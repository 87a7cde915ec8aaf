package loader_test

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"taxo/internal/testtree"
	"taxo/loader"
	"taxo/model"
)

// TestMixedTree loads a tree with a file of every bad kind beside good
// ones: each bad file gives the problem it should, at its line and column,
// and every other file still loads.
func TestMixedTree(t *testing.T) {
	dir := t.TempDir()
	cases, err := testtree.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := model.New(res.Terms)
	problems := slices.Concat(res.Problems, g.Problems())

	for _, c := range cases {
		t.Run(c.Class+" "+c.Path, func(t *testing.T) {
			term := termAt(res.Terms, c.Path)
			switch {
			case c.Term != "" && term == nil:
				t.Errorf("no term from %s; want %s", c.Path, c.Term)
			case c.Term != "" && term.ID != c.Term:
				t.Errorf("term from %s is %s; want %s", c.Path, term.ID, c.Term)
			case c.Term == "" && term != nil:
				t.Errorf("%s gave term %s; want it skipped", c.Path, term.ID)
			}
			got := problemsAt(problems, c.Path)
			if !c.Bad() {
				for _, p := range got {
					t.Errorf("unexpected problem: %v", p)
				}
				return
			}
			for _, p := range got {
				if strings.Contains(p.Err.Error(), c.Problem) && p.Severity == c.Severity &&
					(c.Line == 0 || p.Line == c.Line) && (c.Col == 0 || p.Col == c.Col) {
					return
				}
			}
			t.Errorf("want %s at %d:%d containing %q; got %d problems:", c.Severity, c.Line, c.Col, c.Problem, len(got))
			for _, p := range got {
				t.Errorf("  %v", p)
			}
		})
	}

	t.Run("no problem outside the cases", func(t *testing.T) {
		for _, p := range problems {
			if !slices.ContainsFunc(cases, func(c testtree.Case) bool { return c.Bad() && isAt(p.Path, c.Path) }) {
				t.Errorf("unexpected problem: %v", p)
			}
		}
	})
}

// termAt finds the term read from the file or folder at rel.
func termAt(terms []*model.Term, rel string) *model.Term {
	for _, t := range terms {
		if isAt(t.Path, rel) {
			return t
		}
	}
	return nil
}

func problemsAt(problems []model.Problem, rel string) []model.Problem {
	var out []model.Problem
	for _, p := range problems {
		if isAt(p.Path, rel) {
			out = append(out, p)
		}
	}
	return out
}

// isAt reports whether path is rel or inside the folder rel.
func isAt(path, rel string) bool { return path == rel || strings.HasPrefix(path, rel+"/") }

// failingFS fails to open or list the names in fail, as a file or folder
// without read permission does for anyone but root.
type failingFS struct {
	fstest.MapFS
	fail map[string]bool
}

func (f failingFS) Open(name string) (fs.File, error) {
	if f.fail[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if f.fail[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

func TestUnreadable(t *testing.T) {
	term := &fstest.MapFile{Data: []byte("---\ntitle: Fine\n---\n")}
	fsys := failingFS{
		MapFS: fstest.MapFS{
			"tags/fine.md":           term,
			"tags/locked.md":         term,
			"tags/private/_index.md": term,
		},
		fail: map[string]bool{"tags/locked.md": true, "tags/private": true},
	}
	res := loader.LoadFS(fsys, nil, loader.Options{})
	want := map[string]string{
		"tags/locked.md": "cannot read the file: permission denied",
		"tags/private":   "cannot read the folder: permission denied",
	}
	for _, p := range res.Problems {
		if msg, ok := want[p.Path]; ok && p.Err.Error() == msg && p.Severity == model.Error {
			delete(want, p.Path)
			continue
		}
		t.Errorf("unexpected problem: %v", p)
	}
	for path, msg := range want {
		t.Errorf("no problem %q for %s", msg, path)
	}
	if len(res.Terms) != 1 || res.Terms[0].ID != "tags/fine" {
		t.Errorf("terms = %v; want only tags/fine", ids(res.Terms))
	}
}

func TestMaxFileSize(t *testing.T) {
	fsys := fstest.MapFS{
		"tags/small.md": {Data: []byte("---\ntitle: Small\n---\n")},
		"tags/large.md": {Data: []byte("---\ntitle: Large\n---\n" + strings.Repeat("x", 2000))},
	}
	res := loader.LoadFS(fsys, nil, loader.Options{MaxFileSize: 1024})
	if got := ids(res.Terms); !slices.Equal(got, []model.ID{"tags/small"}) {
		t.Errorf("terms = %v; want [tags/small]", got)
	}
	if len(res.Problems) != 1 || res.Problems[0].Path != "tags/large.md" ||
		res.Problems[0].Err.Error() != "file is 2.0 KiB, over the 1.0 KiB limit; it is skipped" {
		t.Errorf("problems = %v; want the large file skipped", res.Problems)
	}
}

func TestParseEncodings(t *testing.T) {
	utf16be := []byte{0xfe, 0xff}
	for _, r := range "---\ntitle: Big End\n---\n" {
		utf16be = append(utf16be, 0, byte(r))
	}
	tests := []struct {
		name      string
		src       []byte
		title     string // "" when the file is skipped
		problem   string // "" when there is none
		line, col int
	}{
		{"UTF-8", []byte("---\ntitle: Crème\n---\n"), "Crème", "", 0, 0},
		{"one byte not UTF-8", []byte("---\ntitle: Cr\xe8me\n---\n"), "Crème", "1 byte is not valid UTF-8, the first here; it is read as Windows-1252", 2, 10},
		{"Windows-1252 quotes", []byte("---\ntitle: \x93Quoted\x94\n---\n"), "“Quoted”", "2 bytes are not valid UTF-8", 2, 8},
		{"undefined Windows-1252 byte", []byte("---\ntitle: a\x81b\n---\n"), "a\uFFFDb", "not valid UTF-8", 2, 9},
		{"invalid byte in the body", []byte("---\ntitle: T\n---\nline\nab\xffc\n"), "T", "not valid UTF-8", 5, 3},
		{"UTF-16 big-endian", utf16be, "Big End", "file is UTF-16", 1, 1},
		{"NUL byte", []byte("---\ntitle: T\n---\nab\x00cd"), "", "binary content", 4, 3},
		{"NUL byte past the sniffed part", []byte("---\ntitle: Late\n---\n" + strings.Repeat("a", 8000) + "\x00"), "Late", "", 0, 0},
		{"empty", nil, "", "", 0, 0},
		{"blank lines only", []byte("\n\n  \n"), "", "file is empty", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term, problems := loader.Parse("tags/x.md", tt.src, "x", model.Tag)
			if tt.name == "empty" {
				tt.problem = "file is empty"
			}
			switch {
			case tt.title == "" && tt.problem == "binary content":
				if term != nil {
					t.Errorf("binary file gave term %q", term.Title)
				}
			case term == nil:
				t.Fatalf("no term; problems %v", problems)
			case term.Title != tt.title:
				t.Errorf("title = %q; want %q", term.Title, tt.title)
			}
			if tt.problem == "" {
				if len(problems) > 0 {
					t.Errorf("problems = %v; want none", problems)
				}
				return
			}
			if len(problems) != 1 {
				t.Fatalf("problems = %v; want one containing %q", problems, tt.problem)
			}
			p := problems[0]
			if !strings.Contains(p.Err.Error(), tt.problem) || p.Line != tt.line || p.Col != tt.col {
				t.Errorf("problem = %v; want %d:%d containing %q", p, tt.line, tt.col, tt.problem)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	tests := []struct {
		name, src, problem string
		sev                model.Severity
	}{
		{"alias to a large anchor in an unknown field",
			"---\ntitle: T\nbase: &b [" + strings.Repeat("x,", 5000) + "x]\nmany: [" + strings.Repeat("*b,", 2000) + "*b]\n---\n",
			`field "many" cannot be read: document contains excessive aliasing`, model.Error},
		{"alias in a known list field",
			"---\ntitle: T\nbase: &b [a, b]\ntags: [*b, *b]\n---\n",
			"an item of tags is a list, not a title", model.Warning},
		{"deep YAML", "---\ntitle: T\nx: " + strings.Repeat("[", 12000) + strings.Repeat("]", 12000) + "\n---\n",
			"exceeded max depth of 10000", model.Error},
		{"deep JSON", `{"title": "T", "x": ` + strings.Repeat("[", 12000) + strings.Repeat("]", 12000) + "}\n",
			"exceeded max depth", model.Error},
		{"deep TOML", "+++\ntitle = 'T'\nx = " + strings.Repeat("[", 12000) + strings.Repeat("]", 12000) + "\n+++\n",
			"nested more than the maximum of 10000 levels deep", model.Error},
		{"field nested too deep for display", "---\ntitle: T\nx: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n---\n",
			`field "x" nests lists or maps more than 32 deep`, model.Error},
		{"body nested too deep to render", "---\ntitle: T\n---\nintro\n" + strings.Repeat(">", 200) + " x\n",
			"the body nests block quotes or lists more than 16 deep; it is shown as written", model.Warning},
		{"Instructions nested too deep to render", "---\ntitle: T\nInstructions: \"" + strings.Repeat("> ", 40) + "x\"\n---\n",
			"Instructions nest block quotes or lists more than 16 deep", model.Warning},
		{"duplicate key inside a field", "---\ntitle: T\nx:\n  a: 1\n  a: 2\n---\n",
			`field "x" cannot be read: mapping key "a" already defined at line 4`, model.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loader.Parse("tags/x.md", []byte(tt.src), "x", model.Tag)
			for _, p := range problems {
				if strings.Contains(p.Err.Error(), tt.problem) && p.Severity == tt.sev {
					return
				}
			}
			t.Errorf("problems = %v; want a %s containing %q", problems, tt.sev, tt.problem)
		})
	}
}

func TestYAMLErrorLines(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
	}{
		{"unclosed flow list (parser error)", "---\ntitle: T\ntags: [a\ndescription: d\n---\n", 3},
		{"list item in a map (parser error)", "---\ntitle: T\n- b\n---\n", 3},
		{"mapping in a value (scanner error)", "---\ntitle: T\nx: b: c\n---\n", 3},
		{"tab indentation (scanner error)", "---\ntitle: T\nx:\n\t- a\n---\n", 4},
		{"blank lines before the front matter", "\n\n---\ntitle: T\nx: b: c\n---\n", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loader.Parse("tags/x.md", []byte(tt.src), "x", model.Tag)
			if len(problems) != 1 || problems[0].Line != tt.line {
				t.Errorf("problems = %v; want one on line %d", problems, tt.line)
			}
		})
	}
}

// TestLoadErrors checks that Load itself fails only for a PATH it cannot
// read at all.
func TestLoadErrors(t *testing.T) {
	if _, err := loader.Load(t.TempDir()+"/missing", loader.Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) = %v; want not exist", err)
	}
}

// BenchmarkParseHostile times the hostile shapes the loader must end fast
// on: each should take milliseconds, not seconds.
func BenchmarkParseHostile(b *testing.B) {
	deep := func(open, close string) string {
		return strings.Repeat(open, 20000) + strings.Repeat(close, 20000)
	}
	inputs := []struct{ name, src string }{
		{"alias bomb", "---\ntitle: T\na: &a [" + strings.Repeat("x,", 9) + "x]\n" + bombLevels() + "---\n"},
		{"deep YAML", "---\nx: " + deep("[", "]") + "\n---\n"},
		{"deep TOML", "+++\nx = " + deep("[", "]") + "\n+++\n"},
		{"deep JSON", `{"x": ` + deep("[", "]") + "}\n"},
		{"deep field", "---\nx: " + deep("{a: ", "}") + "\n---\n"},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			src := []byte(in.src)
			for b.Loop() {
				loader.Parse("tags/x.md", src, "x", model.Tag)
			}
		})
	}
}

// bombLevels writes the levels of a billion laughs over the anchor a.
func bombLevels() string {
	var b strings.Builder
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n")
		prev = name
	}
	return b.String()
}
