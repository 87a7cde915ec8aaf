package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// run executes taxo in-process with env as its whole environment.
func run(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, IO{
		In:     strings.NewReader(""),
		Out:    &out,
		Err:    &errOut,
		Getenv: func(k string) string { return env[k] },
	})
	return out.String(), errOut.String(), code
}

// corpus is the real taxonomy beside the project, when it is there.
func corpus(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../../shared/corpus/nkdagility")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/corpus/nkdagility is not here")
	}
	return dir
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func listIDs(listOutput string) []string {
	var out []string
	for _, l := range lines(listOutput) {
		id, _, _ := strings.Cut(l, "\t")
		out = append(out, id)
	}
	return out
}

func TestList(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string // IDs in order; nil means check only the code
		code    int
		inErr   string
		without []string
	}{
		{
			name: "concepts in weight order",
			args: []string{"list", "--kind", "concept"},
			want: []string{"concepts/technique", "concepts/ingredient", "concepts/tradition", "concepts/equipment"},
		},
		{
			name: "kind by plural in any case",
			args: []string{"list", "--kind", "Concepts"},
			want: []string{"concepts/technique", "concepts/ingredient", "concepts/tradition", "concepts/equipment"},
		},
		{
			name: "one tag by title",
			args: []string{"list", "--tag", "Lacto-Fermentation"},
			want: []string{"categories/fermentation", "categories/preserving", "tags/sourdough", "tags/fermentation", "tags/kimchi", "tags/kombucha", "tags/pickling", "tags/curing"},
		},
		{
			name: "two tags keep terms tagged with both",
			args: []string{"list", "--tag", "lacto-fermentation", "--tag", "tags/kimchi"},
			want: []string{"categories/fermentation", "tags/fermentation"},
		},
		{
			name: "a title that is a category and a tag filters by the tag",
			args: []string{"list", "-t", "Fermentation", "--kind", "tag"},
			want: []string{"tags/sourdough", "tags/yeasted-breads", "tags/lacto-fermentation", "tags/kimchi", "tags/kombucha"},
		},
		{
			name:    "undefined terms only with --all",
			args:    []string{"list", "--kind", "tag"},
			without: []string{"tags/smoking"},
		},
		{
			name: "an undefined tag filters too",
			args: []string{"list", "--tag", "Smoking", "--all"},
			want: []string{"categories/preserving", "tags/curing"},
		},
		{name: "unknown tag", args: []string{"list", "--tag", "Nope"}, code: ExitFailure, inErr: `no tag named "Nope"`},
		{name: "unknown kind", args: []string{"list", "--kind", "genre"}, code: ExitUsage, inErr: "want concept, category or tag"},
		{name: "stray argument", args: []string{"list", "extra"}, code: ExitUsage},
		{name: "unknown flag", args: []string{"list", "--colour"}, code: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, nil, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.inErr != "" && !strings.Contains(errOut, tt.inErr) {
				t.Errorf("stderr %q does not say %q", errOut, tt.inErr)
			}
			if tt.want != nil && !slices.Equal(listIDs(out), tt.want) {
				t.Errorf("IDs:\n got %q\nwant %q", listIDs(out), tt.want)
			}
			for _, id := range tt.without {
				if slices.Contains(listIDs(out), id) {
					t.Errorf("%s listed without --all", id)
				}
			}
		})
	}
}

func TestListAllAddsUndefined(t *testing.T) {
	out, _, _ := run(t, nil, "list", "--all")
	if !slices.Contains(listIDs(out), "tags/smoking") {
		t.Errorf("--all does not list the undefined tags/smoking")
	}
	plain, _, _ := run(t, nil, "list")
	if got, want := len(lines(out)), len(lines(plain))+1; got != want {
		t.Errorf("--all lists %d terms, want %d", got, want)
	}
}

func TestListFormat(t *testing.T) {
	out, _, code := run(t, nil, "list")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	ls := lines(out)
	if len(ls) < 29 {
		t.Fatalf("the sample lists %d terms, want at least 29", len(ls))
	}
	var kinds []string
	for _, l := range ls {
		id, title, ok := strings.Cut(l, "\t")
		if !ok || title == "" || strings.Contains(title, "\t") {
			t.Fatalf("line %q is not ID<TAB>TITLE", l)
		}
		kind, _, _ := strings.Cut(id, "/")
		if len(kinds) == 0 || kinds[len(kinds)-1] != kind {
			kinds = append(kinds, kind)
		}
	}
	if want := []string{"concepts", "categories", "tags"}; !slices.Equal(kinds, want) {
		t.Errorf("kinds come in the order %v, want %v", kinds, want)
	}
	if !slices.Contains(ls, "tags/pâte-à-choux\tPâte à Choux") {
		t.Errorf("non-ASCII title or slug mangled")
	}
}

func TestListJSON(t *testing.T) {
	out, _, code := run(t, nil, "list", "--json", "--tag", "Kimchi")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var terms []map[string]any
	if err := json.Unmarshal([]byte(out), &terms); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(terms) == 0 {
		t.Fatal("no terms")
	}
	for _, key := range []string{"id", "kind", "slug", "title", "description", "abstract", "instructions", "weight", "icon", "path", "defined", "concepts", "categories", "tags", "backlinks"} {
		if _, ok := terms[0][key]; !ok {
			t.Errorf("term object has no %q", key)
		}
	}
	for _, key := range []string{"body", "fields"} {
		if _, ok := terms[0][key]; ok {
			t.Errorf("list --json has %q, which only show --json gives", key)
		}
	}
	for _, term := range terms {
		tags, _ := term["tags"].([]any)
		if !slices.Contains(tags, any("tags/kimchi")) {
			t.Errorf("%v is listed for --tag Kimchi but its tags are %v", term["id"], tags)
		}
	}
}

func TestShowPlain(t *testing.T) {
	out, errOut, code := run(t, nil, "show", "Pickling")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("plain output holds escape codes")
	}
	for _, want := range []string{"Pickling", "INSTRUCTIONS", "Strictly exclude", "Vinegar pickle or fermented pickle?", "Concepts: Technique", "Used by categories: Preserving", "Used by tags: Salt, Fat & Acid"} {
		if !strings.Contains(out, want) {
			t.Errorf("show Pickling does not print %q", want)
		}
	}
	instructions := strings.Index(out, "INSTRUCTIONS")
	body := strings.Index(out, "Vinegar pickle or fermented pickle?")
	links := strings.Index(out, "Concepts: Technique")
	if !(instructions < body && body < links) {
		t.Errorf("want Instructions (at %d) before the body (%d) before the links (%d)", instructions, body, links)
	}
	if !strings.Contains(out, "Lacto-Fermentation") || strings.Contains(out, "{{<") {
		t.Errorf("the ref shortcode in the body is not turned into a link to its term")
	}
}

func TestShowWidth(t *testing.T) {
	for _, width := range []int{40, 60, 100} {
		out, _, code := run(t, nil, "show", "sourdough", "--width", strconv.Itoa(width))
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		for _, l := range lines(out) {
			if n := utf8.RuneCountInString(l); n > width {
				t.Errorf("--width %d: a line is %d wide: %q", width, n, l)
				break
			}
		}
	}
}

// TestShowPipedKeepsURLsWhole: show into a pipe prints each URL of a
// term whole on one line at any width, one wider than the page too, so
// that a script finds it; Glamour alone broke them after a hyphen.
func TestShowPipedKeepsURLsWhole(t *testing.T) {
	fit := "https://example.com/a-path-with-hyphens/p-1"
	long := "https://docs.example.com/en-us/a-very-long-section-name/with-a-hyphenated-sub-section/page.html"
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "docker.md"), "---\ntitle: Docker\nlink: "+long+"\nInstructions: Tag pages that cite "+fit+" or "+long+".\n---\n\nSee "+fit+" and [the long guide]("+long+").\n")
	for _, width := range []int{40, 60, 80} {
		out, errOut, code := run(t, nil, "show", "-d", dir, "docker", "--width", strconv.Itoa(width))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		// Each is in the Instructions and the body; the long one is the
		// link field too.
		for u, want := range map[string]int{fit: 2, long: 3} {
			if n := strings.Count(out, u); n != want {
				t.Errorf("--width %d: %s is whole %d times, want %d:\n%s", width, u, n, want, out)
			}
		}
	}
}

func TestShowLookup(t *testing.T) {
	tests := []struct {
		name, arg string
		code      int
		inOut     string
		inErr     []string
	}{
		{name: "by ID", arg: "tags/sourdough", inOut: "Sourdough"},
		{name: "by slug", arg: "sourdough", inOut: "Sourdough"},
		{name: "by title in any case", arg: "SALT, FAT & ACID", inOut: "Salt, Fat & Acid"},
		{name: "by non-ASCII title", arg: "pâte à choux", inOut: "Pâte à Choux"},
		{name: "undefined term", arg: "smoking", inOut: "No file defines this tag"},
		{name: "ambiguous", arg: "fermentation", code: ExitFailure, inErr: []string{"fits 2 terms", "categories/fermentation", "tags/fermentation"}},
		{name: "unknown", arg: "nope", code: ExitFailure, inErr: []string{`no term named "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, nil, "show", tt.arg)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.inOut) {
				t.Errorf("stdout does not hold %q", tt.inOut)
			}
			for _, s := range tt.inErr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr %q does not hold %q", errOut, s)
				}
			}
		})
	}
}

func TestShowJSON(t *testing.T) {
	out, _, code := run(t, nil, "show", "stock", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var term map[string]any
	if err := json.Unmarshal([]byte(out), &term); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if term["id"] != "tags/stock" || term["kind"] != "tag" || term["defined"] != true {
		t.Errorf("id/kind/defined = %v/%v/%v", term["id"], term["kind"], term["defined"])
	}
	if body, _ := term["body"].(string); !strings.Contains(body, "\n") {
		t.Errorf("body missing or empty: %q", body)
	}
	fields, _ := term["fields"].(map[string]any)
	if _, ok := fields["aliases"]; !ok {
		t.Errorf("fields do not keep the unknown field aliases: %v", fields)
	}
}

func TestShowUsage(t *testing.T) {
	for _, args := range [][]string{{"show"}, {"show", "a", "b"}, {"show", "x", "--width", "-3"}} {
		if _, _, code := run(t, nil, args...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	for _, args := range [][]string{{"list", "-d", missing}, {"show", "x", "--dir", missing}, {"check", "-d", missing}} {
		_, errOut, code := run(t, nil, args...)
		if code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
		if !strings.Contains(errOut, "nowhere") {
			t.Errorf("%q: the error does not name the path: %q", args, errOut)
		}
	}
	if _, _, code := run(t, map[string]string{"TAXO_DIR": missing}, "list"); code != ExitUsage {
		t.Errorf("TAXO_DIR missing: exit %d, want %d", code, ExitUsage)
	}
}

func TestDirSources(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "alpha.md"), "---\ntitle: Alpha\n---\nA.\n")
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "tags", "beta.md"), "---\ntitle: Beta\n---\nB.\n")

	out, _, _ := run(t, map[string]string{"TAXO_DIR": dir}, "list")
	if got := listIDs(out); !slices.Equal(got, []string{"tags/alpha"}) {
		t.Errorf("TAXO_DIR: %v", got)
	}
	out, _, _ = run(t, map[string]string{"TAXO_DIR": dir}, "list", "-d", other)
	if got := listIDs(out); !slices.Equal(got, []string{"tags/beta"}) {
		t.Errorf("--dir does not beat TAXO_DIR: %v", got)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheck(t *testing.T) {
	broken := t.TempDir()
	writeFile(t, filepath.Join(broken, "tags", "good.md"), "---\ntitle: Good\ntags: [Missing]\n---\nfine\n")
	writeFile(t, filepath.Join(broken, "tags", "bad.md"), "---\ntitle: Bad\ntags: [unclosed\n---\nbody\n")

	tests := []struct {
		name  string
		args  []string
		code  int
		lines []string // each must appear as a line prefix
	}{
		{
			name: "sample: warnings only",
			args: []string{"check"},
			lines: []string{
				"content/categories/preserving/_index.md:34:3: warning: tag \"Smoking\" matches no file",
				"content/tags/curing/_index.md:32:3: warning: tag \"Smoking\" matches no file",
			},
		},
		{name: "sample: strict fails on warnings", args: []string{"check", "--strict"}, code: ExitFailure},
		{
			name: "an error fails",
			args: []string{"check", "-d", broken},
			code: ExitFailure,
			lines: []string{
				filepath.Join(broken, "tags", "bad.md") + ":", // yaml.v3 places this error on line 2 or 3
				filepath.Join(broken, "tags", "good.md") + ":3:",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, nil, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			for _, want := range tt.lines {
				if !slices.ContainsFunc(lines(out), func(l string) bool { return strings.HasPrefix(l, want) }) {
					t.Errorf("no line starts with %q in:\n%s", want, out)
				}
			}
			if !strings.Contains(errOut, "warning") {
				t.Errorf("no summary on stderr: %q", errOut)
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	out, _, code := run(t, nil, "check", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var problems []struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(out), &problems); err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 || problems[0].Severity != "warning" || problems[0].Line == 0 || !strings.Contains(problems[0].Message, "Smoking") {
		t.Errorf("problems = %+v", problems)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "taxo ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestRootArgs(t *testing.T) {
	if _, _, code := run(t, nil, "a", "b"); code != ExitUsage {
		t.Errorf("two PATHs: exit %d, want %d", code, ExitUsage)
	}
	if _, _, code := run(t, nil, "--nope"); code != ExitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, ExitUsage)
	}
	if _, _, code := run(t, nil, "frobnicate"); code != ExitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, ExitUsage)
	}
}

// The acceptance checks, on the real corpus.
func TestCorpus(t *testing.T) {
	dir := corpus(t)
	env := map[string]string{"TAXO_DIR": dir}

	out, _, code := run(t, env, "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: exit %d", code)
	}
	var terms []struct {
		ID         string   `json:"id"`
		Tags       []string `json:"tags"`
		Concepts   []string `json:"concepts"`
		Categories []string `json:"categories"`
		Backlinks  []string `json:"backlinks"`
	}
	if err := json.Unmarshal([]byte(out), &terms); err != nil {
		t.Fatal(err)
	}
	slugs := corpusSlugs(t, dir)
	seen := map[string]bool{}
	for _, term := range terms {
		if seen[term.ID] {
			t.Errorf("%s listed twice", term.ID)
		}
		seen[term.ID] = true
		if !slugs[term.ID] {
			t.Errorf("%s has no file", term.ID)
		}
	}
	if len(terms) != len(slugs) {
		t.Errorf("list --json has %d terms, the folders %d slugs", len(terms), len(slugs))
	}

	byID := map[string]int{}
	for i, term := range terms {
		byID[term.ID] = i
	}
	as := terms[byID["tags/agile-strategy"]]
	if !slices.Contains(as.Concepts, "concepts/capability") || !slices.Contains(as.Categories, "categories/product-development") {
		t.Errorf("tags/agile-strategy links to %v and %v", as.Concepts, as.Categories)
	}
	pd := terms[byID["categories/product-development"]]
	if !slices.Contains(pd.Backlinks, "tags/agile-strategy") {
		t.Errorf("categories/product-development backlinks lack tags/agile-strategy")
	}

	out, _, _ = run(t, env, "list", "--tag", "Value Delivery")
	var want []string
	for _, term := range terms {
		if slices.Contains(term.Tags, "tags/value-delivery") {
			want = append(want, term.ID)
		}
	}
	if got := listIDs(out); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("--tag \"Value Delivery\" lists %d terms, want the %d whose tags hold it", len(got), len(want))
	}

	out, _, code = run(t, env, "show", "agile-strategy")
	if code != 0 || strings.Contains(out, "\x1b") {
		t.Errorf("show agile-strategy: exit %d, escape codes %v", code, strings.Contains(out, "\x1b"))
	}
	if i, b := strings.Index(out, "INSTRUCTIONS"), strings.Index(out, "Agile Strategy is a comprehensive approach"); i < 0 || b < 0 || i > b {
		t.Errorf("Instructions at %d, body at %d", i, b)
	}

	out, errOut, code := run(t, env, "check")
	if code != 0 {
		t.Errorf("check: exit %d\n%s", code, errOut)
	}
	if len(lines(out)) == 0 || !strings.Contains(out, filepath.Join(dir, "content", "tags")) || !strings.Contains(out, "matches no file") {
		t.Errorf("check does not warn with paths about undefined references:\n%s", out)
	}
}

// corpusSlugs lists the IDs the corpus folders imply, without the loader.
func corpusSlugs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	found := map[string]bool{}
	for _, tax := range []string{"concepts", "categories", "tags"} {
		entries, err := os.ReadDir(filepath.Join(dir, "content", tax))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch {
			case e.IsDir():
				if _, err := os.Stat(filepath.Join(dir, "content", tax, e.Name(), "_index.md")); err == nil {
					found[tax+"/"+e.Name()] = true
				}
			case e.Name() != "_index.md" && strings.HasSuffix(e.Name(), ".md"):
				found[tax+"/"+strings.TrimSuffix(e.Name(), ".md")] = true
			}
		}
	}
	return found
}
