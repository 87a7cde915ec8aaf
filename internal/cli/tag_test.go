package cli

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tagSiteDir is a small Hugo site to tag: YAML, TOML and JSON pages, a
// tag and a category of one name, term pages.
const tagSiteDir = "testdata/tagsite"

// copySite copies a site to a folder of the test's, where it may be written.
func copySite(t *testing.T, from string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot is every file of a folder and its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changedFiles names the files whose bytes differ between two snapshots.
func changedFiles(before, after map[string]string) []string {
	var out []string
	for p := range maps.Keys(before) {
		if before[p] != after[p] {
			out = append(out, p)
		}
	}
	for p := range maps.Keys(after) {
		if _, ok := before[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func TestTag(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		args    []string
		code    int
		out     []string // lines the diff must hold
		errOut  []string // what stderr must say
		changes bool     // the file is written
	}{
		{"add an existing tag and a new one, remove one", "content/post/yaml.md",
			[]string{"--add", "kubernetes", "--add", "Brand New", "--remove", "testing"}, ExitOK,
			[]string{"-  - Testing", "+  - Kubernetes", "+  - Brand New"},
			[]string{"tags: +Kubernetes +Brand New (new) -Testing", "wrote content/post/yaml.md"}, true},
		{"a term by ID, of another taxonomy", "content/post/toml.md",
			[]string{"--add", "categories/ops"}, ExitOK,
			[]string{`+categories = ["Ops"]`}, []string{"categories: +Ops"}, true},
		{"the site's spelling, not the one typed", "content/post/json.md",
			[]string{"--add", "GO"}, ExitOK,
			[]string{`+  "tags": ["Kubernetes", "Go"],`}, []string{"tags: +Go"}, true},
		{"a single string becomes a list", "content/post/toml.md",
			[]string{"--add", "series/Tooling"}, ExitOK,
			[]string{`-series = "Languages"`, `+series = ["Languages", "Tooling"]`}, []string{"series: +Tooling (new)"}, true},
		{"dry run", "content/post/yaml.md",
			[]string{"--add", "rust", "--dry-run"}, ExitOK,
			[]string{"+  - Rust"}, []string{"dry run: content/post/yaml.md is left as it was"}, false},
		{"a name that fits a tag and a category", "content/post/yaml.md",
			[]string{"--add", "dev"}, ExitFailure, nil,
			[]string{`"dev" fits 2 terms; name one by its ID, or add --taxonomy:`, "category  categories/dev  Dev", "tag       tags/dev        Dev"}, false},
		{"--taxonomy settles it", "content/post/toml.md",
			[]string{"--add", "dev", "--taxonomy", "categories"}, ExitOK,
			[]string{`+categories = ["Dev"]`}, nil, true},
		{"removing what the page does not carry", "content/post/json.md",
			[]string{"--remove", "rust"}, ExitOK, nil,
			[]string{`does not carry "rust"`, "nothing to change"}, false},
		{"removing a term nobody has", "content/post/json.md",
			[]string{"--remove", "rustt"}, ExitFailure, nil, []string{`no term named "rustt"`}, false},
		{"a term page is no page to tag", "content/tags/go/_index.md",
			[]string{"--add", "rust"}, ExitFailure, nil, []string{"it is a term file, which taxo never writes"}, false},
		{"an unknown taxonomy", "content/post/yaml.md",
			[]string{"--add", "x", "--taxonomy", "colours"}, ExitUsage, nil,
			[]string{`--taxonomy "colours": the site's taxonomies are categories, tags, series`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t, tagSiteDir)
			before := snapshot(t, dir)
			args := append([]string{"tag", filepath.Join(dir, tt.page)}, tt.args...)
			out, errOut, code := run(t, nil, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, want := range tt.out {
				if !slices.Contains(lines(out), want) {
					t.Errorf("the diff lacks %q:\n%s", want, out)
				}
			}
			for _, want := range tt.errOut {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			want := []string{}
			if tt.changes {
				want = []string{filepath.Join(dir, tt.page)}
			}
			if got := changedFiles(before, snapshot(t, dir)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("files changed: %q, want %q", got, want)
			}
		})
	}
}

func TestTagJSON(t *testing.T) {
	dir := copySite(t, tagSiteDir)
	out, errOut, code := run(t, nil, "tag", filepath.Join(dir, "content/post/yaml.md"), "--add", "Fresh", "--remove", "go", "--json", "-n")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got tagJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := tagChangeJSON{Taxonomy: "tags", Before: []string{"Go", "Testing"}, After: []string{"Testing", "Fresh"},
		Added: []string{"Fresh"}, Removed: []string{"Go"}, New: []string{"Fresh"}}
	if got.Path != "content/post/yaml.md" || got.Written || len(got.Changes) != 1 || !strings.Contains(got.Diff, "+  - Fresh") {
		t.Fatalf("tag --json = %+v", got)
	}
	if c := got.Changes[0]; c.Taxonomy != want.Taxonomy || !slices.Equal(c.Before, want.Before) || !slices.Equal(c.After, want.After) ||
		!slices.Equal(c.Added, want.Added) || !slices.Equal(c.Removed, want.Removed) || !slices.Equal(c.New, want.New) {
		t.Errorf("change = %+v, want %+v", c, want)
	}
}

// TestTagSaysWhyAFileIsNoPage names what keeps a file of the site from
// being a page to tag: its front matter that the loader could not read
// (the loader's words, where check shows them), or a folder; not "not a
// content page", which sends the user to taxo pages for nothing.
// TestTagWithoutAChangeOffATerminal: taxo tag FILE alone opens the
// browser; piped, it says once what it needs and how to change the page
// from a script.
func TestTagWithoutAChangeOffATerminal(t *testing.T) {
	dir := copySite(t, tagSiteDir)
	_, errOut, code := run(t, nil, "tag", filepath.Join(dir, "content/post/yaml.md"))
	want := "taxo: tag FILE without --add or --remove opens the browser, which needs a terminal: add --add or --remove"
	if code != ExitUsage || !strings.HasPrefix(errOut, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errOut, ExitUsage, want)
	}
}

func TestTagSaysWhyAFileIsNoPage(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		src    string // written to file first, when given
		code   int
		errOut string
	}{
		{"a TOML key given twice", "content/post/dup.md", "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\nbody\n", ExitFailure,
			"content/post/dup.md:3:1: invalid TOML front matter: key title is already defined"},
		{"a folder", "content/post", "", ExitUsage, "content/post is a folder, not a content page"},
		{"a file outside content", "hugo.toml", "", ExitUsage, "hugo.toml is not a content page of the site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t, tagSiteDir)
			if tt.src != "" {
				if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)
			out, errOut, code := run(t, nil, "tag", filepath.Join(dir, tt.file), "--add", "rust")
			if code != tt.code || !strings.Contains(errOut, tt.errOut) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q (stdout: %s)", code, errOut, tt.code, tt.errOut, out)
			}
			if got := changedFiles(before, snapshot(t, dir)); len(got) > 0 {
				t.Errorf("files changed: %q", got)
			}
		})
	}
}

// TestTagThenPages tags pages of every format and checks that taxo pages
// lists each under its new terms, and, when hugo is installed, that Hugo
// files every page under the terms taxo says it carries.
func TestTagThenPages(t *testing.T) {
	dir := copySite(t, tagSiteDir)
	edits := map[string][]string{
		"content/post/yaml.md": {"--add", "Brand New", "--add", "series/Go Basics"},
		"content/post/toml.md": {"--add", "Brand New", "--remove", "go"},
		"content/post/json.md": {"--add", "brand-new", "--add", "categories/dev"},
	}
	for page, args := range edits {
		if _, errOut, code := run(t, nil, append([]string{"tag", filepath.Join(dir, page)}, args...)...); code != ExitOK {
			t.Fatalf("tag %s: exit %d: %s", page, code, errOut)
		}
	}
	tests := []struct {
		term string
		want []string
	}{
		{"tags/brand-new", []string{"content/post/json.md", "content/post/toml.md", "content/post/yaml.md"}},
		{"series/go-basics", []string{"content/post/yaml.md"}},
		{"tags/go", []string{"content/post/yaml.md"}},
		{"categories/dev", []string{"content/post/json.md", "content/post/yaml.md"}},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, nil, "pages", "-d", dir, "--term", tt.term)
		if code != ExitOK {
			t.Fatalf("pages --term %s: exit %d: %s", tt.term, code, errOut)
		}
		var got []string
		for _, l := range lines(out) {
			got = append(got, strings.Split(l, "\t")[0])
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("pages --term %s = %q, want %q", tt.term, got, tt.want)
		}
	}
	compareWithHugo(t, dir)
}

// hugoTermsLayout makes Hugo write, for every term, the pages it files
// under it.
const hugoTermsLayout = `{{- $out := dict -}}
{{- range $tax, $terms := .Site.Taxonomies -}}
  {{- range $key, $pages := $terms -}}
    {{- $ids := slice -}}
    {{- range $pages.Pages -}}{{- $ids = $ids | append (printf "content/%s" .File.Path) -}}{{- end -}}
    {{- $out = merge $out (dict (printf "%s/%s" $tax $key) $ids) -}}
  {{- end -}}
{{- end -}}
{{- $out | jsonify -}}
`

// compareWithHugo runs hugo on the site and checks that it files every page
// under the terms taxo pages --published --json gives it.
func compareWithHugo(t *testing.T, dir string) {
	t.Helper()
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Log("hugo is not installed: taxo's answer is not compared with Hugo's")
		return
	}
	work := filepath.Join(t.TempDir(), "hugo")
	if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(work, "layouts", "_default", "index.json")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte(hugoTermsLayout), 0o644); err != nil {
		t.Fatal(err)
	}
	config := "\n[outputs]\nhome = [\"JSON\"]\n"
	f, err := os.OpenFile(filepath.Join(work, "hugo.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(config)
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(hugo, "--quiet", "-s", work, "-d", filepath.Join(work, "public")).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(work, "public", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var filed map[string][]string
	if err := json.Unmarshal(data, &filed); err != nil {
		t.Fatal(err)
	}
	t.Logf("hugo filed %d terms", len(filed))
	hugoTerms := map[string][]string{}
	for term, pages := range filed {
		for _, p := range pages {
			hugoTerms[p] = append(hugoTerms[p], term)
		}
	}
	out, errOut, code := run(t, nil, "pages", "-d", dir, "--published", "--json")
	if code != ExitOK {
		t.Fatalf("pages: exit %d: %s", code, errOut)
	}
	var pages []struct {
		Path  string              `json:"path"`
		Terms map[string][]string `json:"terms"`
	}
	if err := json.Unmarshal([]byte(out), &pages); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		var taxo []string
		for _, ids := range p.Terms {
			taxo = append(taxo, ids...)
		}
		slices.Sort(taxo)
		h := hugoTerms[p.Path]
		slices.Sort(h)
		if !slices.Equal(taxo, h) {
			t.Errorf("%s: taxo says %q, Hugo files it under %q", p.Path, taxo, h)
		}
	}
}

func TestRetagAndUndo(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		errOut   string
		want     map[string]string // page -> a line it holds after the retag
	}{
		{"rename", "go", "Golang", "2 pages change: tags/go renamed to \"Golang\"", map[string]string{
			"content/post/yaml.md": "  - Golang",
			"content/post/toml.md": `tags = ["Rust", "Golang"]`,
		}},
		{"merge into a tag the site has", "testing", "Go", "1 page changes: tags/testing merged into tags/go", map[string]string{
			"content/post/yaml.md": "  - Go\ncategories",
		}},
		{"a page carrying both keeps one", "rust", "go", "1 page changes: tags/rust merged into tags/go", map[string]string{
			"content/post/toml.md": `tags = ["go"]`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t, tagSiteDir)
			state := t.TempDir()
			env := map[string]string{"XDG_STATE_HOME": state}
			before := snapshot(t, dir)

			_, errOut, code := run(t, env, "retag", tt.old, tt.new, "-d", dir, "--dry-run")
			if code != ExitOK || !strings.Contains(errOut, "dry run: nothing written") {
				t.Fatalf("dry run: exit %d: %s", code, errOut)
			}
			if got := changedFiles(before, snapshot(t, dir)); len(got) > 0 {
				t.Fatalf("the dry run changed %q", got)
			}

			_, errOut, code = run(t, env, "retag", tt.old, tt.new, "-d", dir)
			if code != ExitOK || !strings.Contains(errOut, tt.errOut) {
				t.Fatalf("retag: exit %d, want stderr to say %q:\n%s", code, tt.errOut, errOut)
			}
			for page, line := range tt.want {
				b, _ := os.ReadFile(filepath.Join(dir, page))
				if !strings.Contains(string(b), line) {
					t.Errorf("%s after the retag:\n%s\nwant it to hold %q", page, b, line)
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(state, "taxo")); len(entries) != 1 {
				t.Errorf("the state folder holds %d files, want the journal", len(entries))
			}

			_, errOut, code = run(t, env, "retag", "--undo")
			if code != ExitOK {
				t.Fatalf("undo: exit %d: %s", code, errOut)
			}
			if got := changedFiles(before, snapshot(t, dir)); len(got) > 0 {
				t.Errorf("after --undo these files differ from before the retag: %q", got)
			}
			if _, errOut, code = run(t, env, "retag", "--undo"); code != ExitFailure || !strings.Contains(errOut, "no retag to undo") {
				t.Errorf("a second undo: exit %d: %s", code, errOut)
			}
		})
	}
}

// TestRetagUndoRefusesChangedPages changes a page after a retag: the undo
// puts back the others, leaves that one as the user made it, and can be
// tried again once the page is as the retag left it.
func TestRetagUndoRefusesChangedPages(t *testing.T) {
	dir := copySite(t, tagSiteDir)
	env := map[string]string{"XDG_STATE_HOME": t.TempDir()}
	before := snapshot(t, dir)
	if _, errOut, code := run(t, env, "retag", "go", "Golang", "-d", dir); code != ExitOK {
		t.Fatalf("retag: exit %d: %s", code, errOut)
	}
	edited := filepath.Join(dir, "content/post/toml.md")
	retagged, _ := os.ReadFile(edited)
	mine := strings.Replace(string(retagged), "Comparing", "Contrasting", 1)
	if err := os.WriteFile(edited, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, env, "retag", "--undo")
	if code != ExitFailure || !strings.Contains(errOut, "the file changed on disk since it was read") || !strings.Contains(errOut, "1 page changed since the retag was left alone") {
		t.Fatalf("undo over a changed page: exit %d:\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(edited); string(got) != mine {
		t.Errorf("the page changed since was written over:\n%s", got)
	}
	if got := changedFiles(before, snapshot(t, dir)); !slices.Equal(got, []string{edited}) {
		t.Errorf("after the undo, changed files = %q; want only the one edited since", got)
	}
	if err := os.WriteFile(edited, retagged, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, env, "retag", "--undo"); code != ExitOK {
		t.Fatalf("the second undo: exit %d: %s", code, errOut)
	}
	if got := changedFiles(before, snapshot(t, dir)); len(got) > 0 {
		t.Errorf("after the second undo these differ: %q", got)
	}
}

// TestRetagNamesTheTermPageLeft says, when the retag moves OLD's pages to
// another key, that OLD's term page (never written) is left describing a
// term no page carries, and where it would go.
func TestRetagNamesTheTermPageLeft(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // "" for no note
	}{
		{"a rename", "go", "Golang",
			"note: content/tags/go/_index.md, the term page of tags/go, is left as it is (taxo never writes term files): rename its folder to content/tags/golang to keep it with the term"},
		{"a merge", "rust", "go",
			"note: content/tags/rust/_index.md, the term page of tags/rust, is left as it is (taxo never writes term files): fold what it says into content/tags/go/_index.md, or remove it"},
		{"a new spelling of the same key", "go", "GO", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t, tagSiteDir)
			if err := os.MkdirAll(filepath.Join(dir, "content/tags/rust"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "content/tags/rust/_index.md"), []byte("---\ntitle: Rust\n---\nThe Rust language.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, errOut, code := run(t, map[string]string{"XDG_STATE_HOME": t.TempDir()}, "retag", tt.old, tt.new, "-d", dir, "--dry-run")
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if tt.want == "" && strings.Contains(errOut, "note:") || !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr:\n%s\nwant %q", errOut, tt.want)
			}
		})
	}
}
