// Package testtree builds, for tests, a taxonomy that mixes good term files
// with a file of every kind taxo must report: unreadable, not UTF-8,
// binary, empty, malformed in each front matter format, hostile (alias
// bombs, deep nesting, oversized, links that loop or leave the tree) and
// full of terminal escape sequences. Small files are kept in
// testdata/mixed; the ones git cannot hold or that would be large are made
// by Write.
package testtree

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"taxo/model"
)

//go:embed all:testdata/mixed
var committed embed.FS

// OversizedBytes is the size of the oversized file Write makes: over the
// loader's default limit.
const OversizedBytes = 5 << 20

// Case is one file of the tree and what taxo must make of it.
type Case struct {
	Path  string // slash-separated, relative to the tree's root
	Class string // what is special about it, as the issue names it

	// Term is the ID the file still gives, or "" when it is skipped.
	Term model.ID

	// Problem is a part of the message of the problem reported for the
	// file, or "" when there must be none; Severity, Line and Col are
	// checked with it (Line and Col when not 0).
	Problem   string
	Severity  model.Severity
	Line, Col int
}

// Bad reports whether the file has a problem.
func (c Case) Bad() bool { return c.Problem != "" }

// EscapeName is the name of the generated term file whose name holds escape
// sequences that would set the terminal's title and clear the screen.
const EscapeName = "\x1b]0;PWNED-NAME\x07\x1b[2J.md"

// Write makes the tree in dir, which must be empty or not exist, and returns
// its cases in path order. Files that only make sense on some systems (a
// named pipe, a file root can read anyway) are adapted to the one it runs on.
func Write(dir string) ([]Case, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := copyCommitted(dir); err != nil {
		return nil, err
	}
	cases := committedCases()
	for _, g := range generators {
		c, err := g(dir)
		if err != nil {
			return nil, fmt.Errorf("making %s: %w", c.Path, err)
		}
		if c.Path != "" {
			cases = append(cases, c)
		}
	}
	return cases, nil
}

func copyCommitted(dir string) error {
	const base = "testdata/mixed"
	return fs.WalkDir(committed, base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, base), "/")
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := committed.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// write makes one file of the tree.
func write(dir, rel string, data []byte) error {
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

func tag(slug string) model.ID { return model.MakeID(model.Tag, slug) }

// committedCases are the files of testdata/mixed.
func committedCases() []Case {
	const c, w = "content/", model.Warning
	e := model.Error
	return []Case{
		{Path: c + "concepts/quality/_index.md", Class: "good (YAML)", Term: "concepts/quality"},
		{Path: c + "categories/delivery/_index.md", Class: "good (YAML)", Term: "categories/delivery"},
		{Path: c + "categories/planning.md", Class: "good (TOML)", Term: "categories/planning"},
		{Path: c + "tags/scaling/_index.md", Class: "good (YAML)", Term: tag("scaling")},
		{Path: c + "tags/teamwork.md", Class: "good (JSON)", Term: tag("teamwork")},
		{Path: c + "tags/crlf-bom.md", Class: "good (byte order mark, CRLF)", Term: tag("crlf-bom")},
		{Path: c + "tags/unicode/_index.md", Class: "good (beyond ASCII)", Term: tag("unicode")},
		{Path: c + "tags/escape-sequences/_index.md", Class: "escape sequences in every field", Term: tag("escape-sequences")},
		{Path: c + "tags/no-front-matter.md", Class: "no front matter", Term: tag("no-front-matter"),
			Problem: "no front matter; the title is taken from the first heading", Severity: w},
		{Path: c + "tags/empty.md", Class: "empty file", Term: tag("empty"),
			Problem: "file is empty", Severity: w},
		{Path: c + "tags/unclosed/_index.md", Class: "front matter never closed",
			Problem: `front matter opened here is never closed with a "---" line`, Severity: e, Line: 1, Col: 1},
		{Path: c + "tags/bad-yaml/_index.md", Class: "invalid YAML",
			Problem: "invalid YAML front matter: did not find expected ',' or ']'", Severity: e, Line: 3},
		{Path: c + "tags/bad-toml.md", Class: "invalid TOML",
			Problem: "invalid TOML front matter", Severity: e, Line: 3, Col: 10},
		{Path: c + "tags/bad-json.md", Class: "invalid JSON",
			Problem: "invalid JSON front matter", Severity: e, Line: 3, Col: 22},
		{Path: c + "tags/duplicate-keys/_index.md", Class: "duplicate keys", Term: tag("duplicate-keys"),
			Problem: `field "description" is given twice (also on line 3)`, Severity: w, Line: 4, Col: 14},
		{Path: c + "tags/scalar-for-list/_index.md", Class: "a scalar where a list is expected", Term: tag("scalar-for-list"),
			Problem: `tags should be a list; "Scaling" is taken as a list of one`, Severity: w, Line: 3, Col: 7},
		{Path: c + "tags/bad-weight/_index.md", Class: "a non-number weight", Term: tag("bad-weight"),
			Problem: `weight must be a whole number, not "heavy"`, Severity: w, Line: 3, Col: 9},
		{Path: c + "tags/not-text/_index.md", Class: "a non-string title and Instructions", Term: tag("not-text"),
			Problem: "title must be text, not a list", Severity: e, Line: 2, Col: 8},
		{Path: c + "tags/unknown-type/_index.md", Class: "an unknown ClassificationType", Term: tag("unknown-type"),
			Problem: `ClassificationType "widgets" is not concepts, categories or tags; the kind is taken from the folder (tag)`, Severity: w, Line: 3, Col: 21},
		{Path: c + "tags/twin-one.md", Class: "two terms with one title", Term: tag("twin-one")},
		{Path: c + "tags/twin-two.md", Class: "two terms with one title", Term: tag("twin-two"),
			Problem: `title "Twin" is also the title of tags/twin-one; references to it are ambiguous`, Severity: w},
		{Path: c + "tags/self-reference/_index.md", Class: "a term that lists itself", Term: tag("self-reference"),
			Problem: "tags/self-reference lists itself under tags", Severity: w, Line: 4, Col: 5},
		{Path: c + "tags/alias-bomb/_index.md", Class: "YAML alias bomb", Term: tag("alias-bomb"),
			Problem: `field "d" cannot be read: document contains excessive aliasing`, Severity: e, Line: 6, Col: 4},
		{Path: c + "tags/deep-markdown.md", Class: "deep nesting (markdown body)", Term: tag("deep-markdown"),
			Problem: "the body nests block quotes or lists more than 16 deep; it is shown as written", Severity: w, Line: 6},
		{Path: c + "tags/notes.txt", Class: "not a term file (ignored)"},
		{Path: c + "tags/.draft.md", Class: "hidden file (ignored)"},
	}
}

// generators make the files that testdata cannot hold.
var generators = []func(dir string) (Case, error){
	genDeep("content/tags/deep-yaml/_index.md", "deep nesting (YAML)",
		"---\ntitle: Deep YAML\nnested: %s\n---\n", "[", "]", "invalid YAML front matter: exceeded max depth", 3, 0),
	genDeep("content/tags/deep-toml.md", "deep nesting (TOML)",
		"+++\ntitle = 'Deep TOML'\nnested = %s\n+++\n", "[", "]", "nested more than the maximum of 10000 levels deep", 3, 0),
	genDeep("content/tags/deep-json.md", "deep nesting (JSON)",
		"{\"title\": \"Deep JSON\", \"nested\": %s}\n", "[", "]", "exceeded max depth", 1, 0),
	genDeepField,
	genOversized,
	genLatin1,
	genUTF16,
	genBinary,
	genUnreadable,
	genEscapeName,
	genNotUTF8Name,
	genPipe,
	link("content/tags/loop", ".", "symbolic link loop", "", "a folder that holds it, would loop; it is not followed"),
	link("content/tags/outside", "../../..", "symbolic link out of PATH", "", "symbolic link to ../../.. leads outside PATH; it is not followed"),
	link("content/tags/absolute.md", "/etc/hostname", "symbolic link with an absolute target", "", "has an absolute target"),
	link("content/tags/dangling.md", "missing.md", "dangling symbolic link", "", "symbolic link to missing.md leads nowhere"),
	link("content/tags/linked", "../../shared/linked-folder", "symbolic link to a folder inside PATH", tag("linked"), ""),
	link("content/tags/linked-file.md", "../../shared/linked-file.md", "symbolic link to a file inside PATH", tag("linked-file"), ""),
	link("content/tags/ping.md", "pong.md", "loop of symbolic links", "", "is part of a loop of links"),
	link("content/tags/pong.md", "ping.md", "loop of symbolic links", "", "is part of a loop of links"),
}

// genDeep makes a file whose front matter nests 20000 levels deep.
func genDeep(rel, class, format, open, close, msg string, line, col int) func(string) (Case, error) {
	return func(dir string) (Case, error) {
		const levels = 20000
		nested := strings.Repeat(open, levels) + strings.Repeat(close, levels)
		c := Case{Path: rel, Class: class, Problem: msg, Severity: model.Error, Line: line, Col: col}
		return c, write(dir, rel, fmt.Appendf(nil, format, nested))
	}
}

// genDeepField nests a field deeper than taxo shows, but well within what
// the YAML decoder reads.
func genDeepField(dir string) (Case, error) {
	const rel, levels = "content/tags/deep-field/_index.md", 100
	nested := strings.Repeat("{a: ", levels) + "1" + strings.Repeat("}", levels)
	c := Case{Path: rel, Class: "deep nesting (a field)", Term: tag("deep-field"),
		Problem: `field "nested" nests lists or maps more than 32 deep`, Severity: model.Error, Line: 3, Col: 9}
	return c, write(dir, rel, fmt.Appendf(nil, "---\ntitle: Deep Field\nnested: %s\n---\n", nested))
}

// genOversized makes a file over the default size limit. It is sparse: the
// limit is checked before a byte is read.
func genOversized(dir string) (Case, error) {
	const rel = "content/tags/oversized/_index.md"
	c := Case{Path: rel, Class: "file over the size limit",
		Problem: "file is 5.0 MiB, over the 4.0 MiB limit; it is skipped", Severity: model.Error}
	if err := write(dir, rel, []byte("---\ntitle: Oversized\n---\n")); err != nil {
		return c, err
	}
	return c, os.Truncate(filepath.Join(dir, filepath.FromSlash(rel)), OversizedBytes)
}

func genLatin1(dir string) (Case, error) {
	const rel = "content/tags/latin1.md"
	c := Case{Path: rel, Class: "not UTF-8", Term: tag("latin1"),
		Problem: "2 bytes are not valid UTF-8, the first here; they are read as Windows-1252", Severity: model.Warning, Line: 2, Col: 11}
	return c, write(dir, rel, []byte("---\ntitle: Caf\xe9 Cr\xe8me\n---\nWritten in Latin-1.\n"))
}

func genUTF16(dir string) (Case, error) {
	const rel = "content/tags/utf16.md"
	c := Case{Path: rel, Class: "UTF-16 with a byte order mark", Term: tag("utf16"),
		Problem: "file is UTF-16", Severity: model.Warning, Line: 1, Col: 1}
	text := "---\ntitle: Sixteen Bits\n---\nSaved by a Windows editor.\n"
	data := []byte{0xff, 0xfe}
	for _, r := range text {
		data = append(data, byte(r), 0)
	}
	return c, write(dir, rel, data)
}

func genBinary(dir string) (Case, error) {
	const rel = "content/tags/binary.md"
	c := Case{Path: rel, Class: "binary content",
		Problem: "binary content (a NUL byte), not text; the file is skipped", Severity: model.Error, Line: 3, Col: 1}
	data := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	return c, write(dir, rel, data)
}

// genUnreadable makes a file no one may read. Root reads it all the same,
// and then it is a good term.
func genUnreadable(dir string) (Case, error) {
	const rel = "content/tags/unreadable/_index.md"
	c := Case{Path: rel, Class: "unreadable file", Problem: "cannot read the file: permission denied", Severity: model.Error}
	if err := write(dir, rel, []byte("---\ntitle: Unreadable\n---\n")); err != nil {
		return c, err
	}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.Chmod(name, 0); err != nil {
		return c, err
	}
	if f, err := os.Open(name); err == nil {
		f.Close()
		c.Class += " (readable all the same: running as root)"
		c.Term, c.Problem = tag("unreadable"), ""
	}
	return c, nil
}

// genEscapeName makes a good term whose file name would set the terminal's
// title and clear the screen.
func genEscapeName(dir string) (Case, error) {
	rel := "content/tags/" + EscapeName
	c := Case{Path: rel, Class: "escape sequences in a file name", Term: tag(strings.ToLower(strings.TrimSuffix(EscapeName, ".md")))}
	return c, write(dir, rel, []byte("---\ntitle: Badly Named\n---\nIts name holds escape sequences.\n"))
}

// NotUTF8Name is the name of the generated term file whose name is not
// UTF-8, which the file systems of Linux allow.
const NotUTF8Name = "bad\xff.md"

// genNotUTF8Name makes a good term whose file name is not UTF-8; where the
// file system refuses the name (as macOS's does), there is no such case.
func genNotUTF8Name(dir string) (Case, error) {
	rel := "content/tags/" + NotUTF8Name
	c := Case{Path: rel, Class: "a file name that is not UTF-8", Term: tag(strings.ToLower(strings.TrimSuffix(NotUTF8Name, ".md")))}
	if err := write(dir, rel, []byte("---\ntitle: Not UTF-8 Name\n---\nIts name holds a byte that is not UTF-8.\n")); err != nil {
		return Case{}, nil
	}
	return c, nil
}

// link makes a symbolic link; term is what it gives and msg the problem.
func link(rel, target, class string, term model.ID, msg string) func(string) (Case, error) {
	return func(dir string) (Case, error) {
		c := Case{Path: rel, Class: class, Term: term, Problem: msg, Severity: model.Warning}
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return c, err
		}
		return c, os.Symlink(filepath.FromSlash(target), name)
	}
}
