package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// siteDir is a small Hugo site: two languages, a taxonomy of its own, a
// draft, a page dated in the future, term pages with and without pages, a
// term a page carries that has no term page, and a page whose front
// matter is broken.
const siteDir = "testdata/site"

func TestPages(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // lines, PATH<TAB>TITLE
	}{
		{"every page of every language, newest first", nil, []string{
			"content/post/c.md\tRust later",
			"content/post/b.md\tA draft about Go",
			"content/post/a.fr.md\tDébuter en Go",
			"content/post/a.md\tGetting started with Go",
			"content/_index.md\tHome",
		}},
		{"published at a clock", []string{"--published", "--clock", "2025-01-01T00:00:00Z"}, []string{
			"content/post/a.fr.md\tDébuter en Go",
			"content/post/a.md\tGetting started with Go",
			"content/_index.md\tHome",
		}},
		{"a clock after the future page's date", []string{"--published", "--clock", "2031-01-01"}, []string{
			"content/post/c.md\tRust later",
			"content/post/a.fr.md\tDébuter en Go",
			"content/post/a.md\tGetting started with Go",
			"content/_index.md\tHome",
		}},
		{"one language", []string{"--lang", "fr"}, []string{"content/post/a.fr.md\tDébuter en Go"}},
		{"a tag, by title", []string{"--tag", "Go"}, []string{
			"content/post/b.md\tA draft about Go",
			"content/post/a.fr.md\tDébuter en Go",
			"content/post/a.md\tGetting started with Go",
		}},
		{"a tag and a term of another taxonomy", []string{"--tag", "go", "--term", "series/learn-go"}, []string{
			"content/post/a.md\tGetting started with Go",
		}},
		{"two tags", []string{"--tag", "go", "--tag", "tags/testing"}, []string{
			"content/post/a.md\tGetting started with Go",
		}},
		{"a term no page carries", []string{"--term", "tags/unused"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, nil, append([]string{"pages", "-d", siteDir}, tt.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := lines(out); !slices.Equal(got, tt.want) {
				t.Errorf("pages %q =\n%s\nwant\n%s", tt.args, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestPagesJSON(t *testing.T) {
	out, errOut, code := run(t, nil, "pages", "-d", siteDir, "--json", "--clock", "2025-01-01T00:00:00Z", "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var pages []map[string]any
	if err := json.Unmarshal([]byte(out), &pages); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	byPath := map[string]map[string]any{}
	for _, p := range pages {
		byPath[p["path"].(string)] = p
	}
	a := byPath["content/post/a.md"]
	want := map[string]any{
		"path": "content/post/a.md", "lang": "en", "title": "Getting started with Go", "date": "2024-01-02T00:00:00Z",
		"draft": false, "published": true, "state": "published", "section": false,
		"terms": map[string]any{
			"tags":       []any{"tags/go", "tags/testing"},
			"categories": []any{"categories/engineering"},
			"series":     []any{"series/learn-go"},
		},
	}
	if fmt.Sprint(a) != fmt.Sprint(want) {
		t.Errorf("a.md =\n%v\nwant\n%v", a, want)
	}
	for path, state := range map[string]string{"content/post/b.md": "draft", "content/post/c.md": "future"} {
		if p := byPath[path]; p["state"] != state || p["published"] != false {
			t.Errorf("%s: state %v, published %v; want %s, false", path, p["state"], p["published"], state)
		}
	}
	if home := byPath["content/_index.md"]; home["date"] != nil || home["section"] != true {
		t.Errorf("the home page: date %v, section %v; want null, true", home["date"], home["section"])
	}
}

func TestPagesUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"a clock that is no time", []string{"pages", "-d", siteDir, "--clock", "soon"}, ExitUsage, "--clock"},
		{"a language the site has not", []string{"pages", "-d", siteDir, "--lang", "de"}, ExitUsage, "en, fr"},
		{"a language in list", []string{"list", "-d", siteDir, "--lang", "de"}, ExitUsage, "en, fr"},
		{"a term the site has not", []string{"pages", "-d", siteDir, "--term", "tags/zig"}, ExitFailure, "zig"},
		{"a language of what is not a site", []string{"list", "--lang", "en"}, ExitUsage, "not a Hugo site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, %q; want %d and %q", code, errOut, tt.code, tt.msg)
			}
		})
	}
}

// TestPagesOfWhatIsNotASite says why there are no pages: the folder
// named is no site, or, with no folder named, the embedded sample is
// read; from inside a site, it says how to name it instead of calling it
// no site.
func TestPagesOfWhatIsNotASite(t *testing.T) {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cwd  string // the working folder, when not the package's
		args []string
		want string
	}{
		{"the sample", "", []string{"pages"},
			"taxo: the embedded sample (read for want of --dir, $TAXO_DIR or dir in the config file) is not a Hugo site: it has no pages\n"},
		{"the sample, from inside a site", filepath.Join(site, "content"), []string{"pages"},
			"it has no pages\n  the working folder is in the Hugo site at " + site + ": taxo pages -d " + site + "\n"},
		{"a folder of terms", "", []string{"pages", "-d", "testdata/site/content/tags"},
			"taxo: testdata/site/content/tags is not a Hugo site (no hugo.toml, config.toml or config/_default/ at its root): it has no pages\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.cwd != "" {
				t.Chdir(tt.cwd)
			}
			out, errOut, code := run(t, nil, tt.args...)
			if code != ExitOK || out != "" || !strings.HasSuffix(errOut, tt.want) {
				t.Errorf("exit %d, out %q, err %q; want 0, nothing, and ending %q", code, out, errOut, tt.want)
			}
		})
	}
}

func TestListSite(t *testing.T) {
	out, _, code := run(t, nil, "list", "-d", siteDir)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	want := []string{
		"categories/engineering\tEngineering\t1",
		"tags/go\tGo\t2",
		"tags/rust\tRust\t1",
		"tags/testing\tTesting\t1",
		"tags/unused\tUnused\t0",
		"series/learn-go\tLearn Go\t1",
	}
	if got := lines(out); !slices.Equal(got, want) {
		t.Errorf("list =\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	out, _, _ = run(t, nil, "list", "-d", siteDir, "--kind", "serie")
	if got := lines(out); !slices.Equal(got, []string{"series/learn-go\tLearn Go\t1"}) {
		t.Errorf("list --kind serie = %q", got)
	}
	out, _, _ = run(t, nil, "list", "-d", siteDir, "--lang", "fr")
	if got := lines(out); !slices.Equal(got, []string{"tags/go\tGo\t1"}) {
		t.Errorf("list --lang fr = %q", got)
	}
	_, errOut, code := run(t, nil, "list", "-d", siteDir, "--kind", "concept")
	if code != ExitUsage || !strings.Contains(errOut, "category, tag or serie") {
		t.Errorf("list --kind concept on a site without concepts: exit %d, %q", code, errOut)
	}
	out, _, _ = run(t, nil, "list", "-d", siteDir, "--json")
	var terms []struct {
		ID    string
		Lang  string
		Pages *int
	}
	if err := json.Unmarshal([]byte(out), &terms); err != nil {
		t.Fatal(err)
	}
	for _, term := range terms {
		if term.Pages == nil || term.Lang != "en" {
			t.Errorf("%s: pages %v, lang %q; want a count and en", term.ID, term.Pages, term.Lang)
		}
	}
}

func TestShowPages(t *testing.T) {
	out, _, code := run(t, nil, "show", "-d", siteDir, "tags/go")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	draft := strings.Index(out, "A draft about Go — content/post/b.md (2024-02-01, draft)")
	older := strings.Index(out, "Getting started with Go — content/post/a.md (2024-01-02)")
	if !strings.Contains(out, "Pages (2), newest first") || draft < 0 || older < draft {
		t.Errorf("show tags/go lists its pages as\n%s", out)
	}
	out, _, _ = run(t, nil, "show", "-d", siteDir, "tags/unused")
	if !strings.Contains(out, "Pages: none carries it.") {
		t.Errorf("show tags/unused:\n%s", out)
	}
}

func TestShowManyPages(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hugo.toml"), "title = 'Many'\n")
	for i := range 23 {
		writeFile(t, filepath.Join(dir, "content", fmt.Sprintf("p%02d.md", i)), fmt.Sprintf("---\ntitle: Page %02d\ndate: 2024-01-%02d\ntags: [many]\n---\n", i, i+1))
	}
	out, _, code := run(t, nil, "show", "-d", dir, "many")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "Page 22 — content/p22.md") || strings.Contains(out, "Page 02 —") ||
		!strings.Contains(out, "3 more: taxo pages --term tags/many") {
		t.Errorf("show lists the 20 newest pages and says how many more:\n%s", out)
	}
}

func TestCheckSite(t *testing.T) {
	out, _, code := run(t, nil, "check", "-d", siteDir)
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	for _, want := range []string{
		filepath.Join(siteDir, "content/post/bad.md") + ":3: error: invalid YAML front matter",
		filepath.Join(siteDir, "content/post/a.md") + `:4:12: warning: tag "Testing" has no term file (tags/testing)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
}

// TestPagesOfHugoSites runs pages --published --json on the real sites
// beside the project and compares every (language, term, page) with
// Hugo's own answer.
func TestPagesOfHugoSites(t *testing.T) {
	dir := sharedDir(t, "corpus", "hugo-sites")
	for _, site := range []string{"fireship", "jupiterbroadcasting", "tokenbrice", "baldanders"} {
		t.Run(site, func(t *testing.T) {
			root := filepath.Join(dir, site)
			out, errOut, code := run(t, nil, "pages", "-d", root, "--published", "--clock", "2026-12-06T00:00:00Z", "--json")
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var pages []struct {
				Path, Lang string
				Terms      map[string][]string
			}
			if err := json.Unmarshal([]byte(out), &pages); err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, p := range pages {
				rel := strings.TrimPrefix(p.Path, "content/") // each site's content folder
				for _, ids := range p.Terms {
					for _, id := range ids {
						got[p.Lang+" "+id+" "+rel] = true
					}
				}
			}
			want := map[string]bool{}
			files, _ := filepath.Glob(filepath.Join(root, "hugo-answer", "*.json"))
			for _, f := range files {
				lang := strings.TrimSuffix(filepath.Base(f), ".json")
				if lang == "summary" {
					continue
				}
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				var answer map[string][]string
				if err := json.Unmarshal(data, &answer); err != nil {
					t.Fatal(err)
				}
				for term, paths := range answer {
					for _, p := range paths {
						want[lang+" "+term+" "+p] = true
					}
				}
			}
			var missing, extra []string
			for k := range want {
				if !got[k] {
					missing = append(missing, k)
				}
			}
			for k := range got {
				if !want[k] {
					extra = append(extra, k)
				}
			}
			if len(missing)+len(extra) > 0 {
				slices.Sort(missing)
				slices.Sort(extra)
				t.Errorf("%d of Hugo's %d triples missing, %d extra; first missing %q, first extra %q",
					len(missing), len(want), len(extra), missing[:min(3, len(missing))], extra[:min(3, len(extra))])
			}
		})
	}
}

// sharedDir is a folder of the shared data beside the project: under
// $TAXO_SHARED when set, else from the repository's root or from a
// worktree beside it; the test is skipped when it is in none.
func sharedDir(t *testing.T, parts ...string) string {
	t.Helper()
	places := []string{"../../../shared", "../../../../shared"}
	if dir := os.Getenv("TAXO_SHARED"); dir != "" {
		places = append([]string{dir}, places...)
	}
	for _, shared := range places {
		dir, err := filepath.Abs(filepath.Join(append([]string{shared}, parts...)...))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	t.Skipf("no %s beside the project", filepath.Join(parts...))
	return ""
}

func TestSearchASiteKind(t *testing.T) {
	out, errOut, code := run(t, nil, "search", "-d", siteDir, "kind:series learn")
	if code != ExitOK || !strings.Contains(out, "series/learn-go") {
		t.Errorf("search kind:series: exit %d, %q, %q", code, out, errOut)
	}
}

// TestShowPagesKeepsDatesWhole wraps show's list of pages at every width:
// a page's date stays on one line ("(2024-" then "02-01, draft)" reads
// as two things), as its path does.
func TestShowPagesKeepsDatesWhole(t *testing.T) {
	split := regexp.MustCompile(`\d{4}-$|^\s*\d{2}-\d{2}\b|\d{4}-\d{2}-$`)
	for width := 30; width <= 90; width++ {
		out, _, code := run(t, nil, "show", "-d", siteDir, "tags/go", "--width", strconv.Itoa(width))
		if code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		for _, line := range strings.Split(out, "\n") {
			if split.MatchString(strings.TrimRight(line, " ")) {
				t.Fatalf("at --width %d a date is cut at %q:\n%s", width, line, out)
			}
		}
	}
}

// TestSampleReadInsideASite: a command run inside a Hugo site without a
// folder named reads the sample, as the contract says, and says on stderr
// how to read the site instead; outside a site it says nothing.
func TestSampleReadInsideASite(t *testing.T) {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cwd  string // the working folder, when not the package's
		args []string
		want string
	}{
		{"list in a site", filepath.Join(site, "content"), []string{"list"},
			"taxo: read the embedded sample, for want of --dir, $TAXO_DIR or dir in the config file\n" +
				"  the working folder is in the Hugo site at " + site + ": taxo list -d " + site + "\n"},
		{"search in a site, the query kept", site, []string{"search", "two words"},
			"taxo: read the embedded sample, for want of --dir, $TAXO_DIR or dir in the config file\n" +
				"  the working folder is in the Hugo site at " + site + ": taxo search \"two words\" -d " + site + "\n"},
		{"list outside a site", "", []string{"list"}, ""},
		{"list of the site named", "", []string{"list", "-d", siteDir}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.cwd != "" {
				t.Chdir(tt.cwd)
			}
			_, errOut, _ := run(t, nil, tt.args...)
			if tt.want == "" && strings.Contains(errOut, "sample") || !strings.HasPrefix(errOut, tt.want) {
				t.Errorf("stderr %q, want it to begin %q", errOut, tt.want)
			}
		})
	}
}
