package tagwrite_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"taxo/internal/tagwrite"
	"taxo/loader"
)

// hugoConfig and hugoIndex make Hugo list, for every term, the pages it
// files under it (as hugo-answer/ in the shared corpus was made).
const (
	hugoConfig = `baseURL = "https://example.org/"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["JSON"]
page = []
section = []
taxonomy = []
term = []
[taxonomies]
tag = "tags"
serie = "series"
`
	hugoIndex = `{{- $out := dict -}}
{{- range $tax, $terms := .Site.Taxonomies -}}
  {{- range $key, $pages := $terms -}}
    {{- $ids := slice -}}
    {{- range $pages.Pages -}}{{- $ids = $ids | append (printf "%s" .File.Path) -}}{{- end -}}
    {{- $out = merge $out (dict (printf "%s/%s" $tax $key) $ids) -}}
  {{- end -}}
{{- end -}}
{{- $out | jsonify -}}
`
)

// tricky are terms that YAML 1.1 (Hugo 0.111's YAML), TOML or JSON would
// misread unless written with care, and terms whose Hugo key is not their
// text.
var tricky = []string{"yes", "on", "1.0", "010", "null", "2024-01-02", "x: y", "#hash", "-dash",
	"[b]", "a, b", "C++", "it's", `say "hi"`, "Go Lang", "Ünï", "~t", "@at", "back\\slash"}

// TestHugoReadsWhatTaxoWrites writes terms into pages of every shape with
// the writer, runs the real hugo on the site, and checks that Hugo files
// each page under exactly the terms written, keyed as loader.TermKey keys them.
func TestHugoReadsWhatTaxoWrites(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed")
	}
	root := t.TempDir()
	files := map[string]string{
		"hugo.toml":                           hugoConfig,
		"layouts/_default/index.json":         hugoIndex,
		"content/yaml-block.md":               "---\ntitle: block\ntags:\n  - keep\n  - drop\n---\nbody\n",
		"content/yaml-flow.md":                "---\ntitle: flow\ntags: [keep]\nseries: one\n---\nbody\n",
		"content/yaml-missing.md":             "---\ntitle: missing\n---\nbody\n",
		"content/no-front-matter.md":          "body\n",
		"content/crlf-bom.md":                 "\uFEFF---\r\ntitle: crlf\r\ntags: [keep]\r\n---\r\nbody\r\n",
		"content/toml.md":                     "+++\ntitle = \"toml\"\ntags = [ \"keep\" ]\n\n[params]\n  x = 1\n+++\nbody\n",
		"content/json.md":                     "{\n  \"title\": \"json\",\n  \"tags\": [],\n  \"series\": null\n}\nbody\n",
		"content/bundle/index.md":             "---\ntitle: bundle\nTags: [old]\n---\nbody\n",
		"content/bundle/.index.md.taxo-1.tmp": "a stopped writer's leftover",
	}
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edits := []struct {
		page, taxonomy string
		edit           tagwrite.Edit
	}{
		{"yaml-block.md", "tags", tagwrite.AddRemove(tricky, []string{"drop"})},
		{"yaml-flow.md", "tags", tagwrite.AddRemove(tricky, nil)},
		{"yaml-flow.md", "series", tagwrite.AddRemove([]string{"two: 2"}, nil)},
		{"yaml-missing.md", "tags", tagwrite.AddRemove(tricky, nil)},
		{"no-front-matter.md", "tags", tagwrite.AddRemove([]string{"yes", "x: y"}, nil)},
		{"crlf-bom.md", "tags", tagwrite.AddRemove(tricky, nil)},
		{"toml.md", "tags", tagwrite.AddRemove(tricky, nil)},
		{"toml.md", "series", tagwrite.AddRemove([]string{"1.0"}, nil)},
		{"json.md", "tags", tagwrite.AddRemove(tricky, nil)},
		{"json.md", "series", tagwrite.AddRemove([]string{"on"}, nil)},
		{"bundle/index.md", "tags", tagwrite.Rename("old", "New: Term")},
	}
	site := tagwrite.Site{Taxonomies: []string{"tags", "series"}}
	w := tagwrite.Writer{Root: root}
	want := map[string][]string{}
	for _, e := range edits {
		path := filepath.Join(root, "content", filepath.FromSlash(e.page))
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := site.Apply(src, e.taxonomy, e.edit)
		if err != nil {
			t.Fatalf("%s: %v", e.page, err)
		}
		if _, err := w.Write(path, src, c.New); err != nil {
			t.Fatal(err)
		}
		for _, term := range c.After {
			want[e.page] = append(want[e.page], e.taxonomy+"/"+loader.TermKey(term))
		}
	}
	want["yaml-flow.md"] = append(want["yaml-flow.md"], "series/one")

	out, err := exec.Command(hugo, "--quiet", "-s", root, "-d", filepath.Join(root, "public")).CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(root, "public", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var filed map[string][]string
	if err := json.Unmarshal(data, &filed); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for term, pages := range filed {
		for _, p := range pages {
			got[p] = append(got[p], term)
		}
	}
	for page, terms := range want {
		sort.Strings(terms)
		g := got[page]
		sort.Strings(g)
		if !slices.Equal(slices.Compact(terms), g) {
			t.Errorf("%s: Hugo files it under\n%q\nwant\n%q", page, g, slices.Compact(terms))
		}
	}
}
