package loader_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"taxo/loader"
)

// askHugo makes TestHugoRules ask the hugo binary (Hugo 0.111, as Debian
// ships it) for each case's answer and write it to the case's want.json
// before comparing: go test ./loader -run HugoRules -hugo.
var askHugo = flag.Bool("hugo", false, "write each testdata/hugo case's want.json from the hugo binary's answer")

// hugoRulesDir holds a small site for each rule of Hugo's that taxo
// follows, each with Hugo's own answer in want.json: the pages it lists
// under each term, per language (relative to the language's content
// folder), at the time in the case's clock file, else at hugoClock.
const hugoRulesDir = "testdata/hugo"

// TestHugoRules compares, for each case, the published (language, term,
// page) triples taxo finds with Hugo's answer, exactly.
func TestHugoRules(t *testing.T) {
	cases, err := os.ReadDir(hugoRulesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join(hugoRulesDir, c.Name())
			clock := caseClock(t, dir)
			if *askHugo {
				writeHugoAnswer(t, dir, clock)
			}
			res, err := loader.Load(dir, loader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Site == nil {
				t.Fatal("not read as a site")
			}
			want, got := readHugoAnswer(t, dir), taxoTriples(res, clock)
			missing, extra := diffTriples(want, got)
			for _, tr := range missing {
				t.Errorf("Hugo lists %s under %s (%s); taxo does not", tr.page, tr.term, tr.lang)
			}
			for _, tr := range extra {
				t.Errorf("taxo lists %s under %s (%s); Hugo does not", tr.page, tr.term, tr.lang)
			}
		})
	}
}

// caseClock is the time a case is judged at.
func caseClock(t *testing.T, dir string) time.Time {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "clock"))
	if err != nil {
		return hugoClock
	}
	clock, err := time.Parse(time.RFC3339, strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return clock
}

// readHugoAnswer reads a case's want.json.
func readHugoAnswer(t *testing.T, dir string) []triple {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatalf("%v (go test ./loader -run HugoRules -hugo writes it)", err)
	}
	var answer map[string]map[string][]string
	if err := json.Unmarshal(data, &answer); err != nil {
		t.Fatal(err)
	}
	var out []triple
	for lang, terms := range answer {
		for term, pages := range terms {
			for _, p := range pages {
				out = append(out, triple{lang, term, p})
			}
		}
	}
	return out
}

// answerLayout is the layout hugo-answer/ was made with, as the home
// page's HTML: every term of every taxonomy with the pages Hugo lists.
const answerLayout = `{{- $out := dict -}}
{{- range $tax, $terms := .Site.Taxonomies -}}
  {{- range $slug, $pages := $terms -}}
    {{- $ids := slice -}}
    {{- range $pages.Pages -}}{{- $ids = $ids | append (printf "%s" .File.Path) -}}{{- end -}}
    {{- $out = merge $out (dict (printf "%s/%s" $tax $slug) $ids) -}}
  {{- end -}}
{{- end -}}
{{- $out | jsonify -}}`

// writeHugoAnswer builds a copy of the case with the hugo binary and the
// answer layout at the case's clock, and writes what it lists.
func writeHugoAnswer(t *testing.T, dir string, clock time.Time) {
	t.Helper()
	if _, err := exec.LookPath("hugo"); err != nil {
		t.Skip("no hugo binary")
	}
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(filepath.Join(work, "want.json"))
	if err := os.MkdirAll(filepath.Join(work, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "layouts", "index.html"), []byte(answerLayout), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) []byte {
		cmd := exec.Command("hugo", args...)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("hugo %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	def := "en"
	if m := regexp.MustCompile(`(?m)^defaultcontentlanguage = "([^"]*)"`).FindSubmatch(run("config")); m != nil {
		def = string(m[1])
	}
	run("--quiet", "--clock", clock.Format(time.RFC3339), "-d", "public")
	answer := map[string]map[string][]string{}
	public := filepath.Join(work, "public")
	err := fs.WalkDir(os.DirFS(public), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		lang := filepath.Dir(p)
		switch {
		case lang == ".":
			lang = def
		case strings.Contains(lang, "/"):
			return nil // a page's or a term's own, not the home page
		}
		data, err := os.ReadFile(filepath.Join(public, p))
		if err != nil || !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			return err // a section's page, empty for want of a layout
		}
		var terms map[string][]string
		if err := json.Unmarshal(data, &terms); err != nil {
			return err
		}
		answer[lang] = terms
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(answer, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "want.json"), append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
