package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"taxo/internal/cli"
)

// learnedSite writes a small Hugo site whose posts are tagged: 24 on
// sourdough (tags bread and fermentation, series baking-101) and 24 on
// bicycle repair (tag bikes), enough for suggest to learn from.
func learnedSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel, text string) {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "title = \"Test\"\n[taxonomies]\ntag = \"tags\"\nseries = \"series\"\n")
	bread := []string{"The starter doubled overnight.", "Shape the dough and proof it cold.", "Score the loaf and bake it in a pot.", "Feed the levain flour and water."}
	bikes := []string{"True the wheel with a spoke key.", "Adjust the derailleur's limit screws.", "Bleed the hydraulic brakes.", "Replace the chain when it stretches."}
	for i := range 24 {
		write(fmt.Sprintf("content/post/bread-%02d.md", i), fmt.Sprintf("---\ntitle: Bread notes %d\ndate: 2025-01-%02dT10:00:00Z\ntags: [bread, fermentation]\nseries: baking-101\n---\n%s %s\n",
			i, i+1, bread[i%4], bread[(i+1)%4]))
		write(fmt.Sprintf("content/post/bike-%02d.md", i), fmt.Sprintf("---\ntitle: Bike notes %d\ndate: 2025-03-%02dT10:00:00Z\ntags: [bikes]\n---\n%s %s\n",
			i, i+1, bikes[i%4], bikes[(i+1)%4]))
	}
	return dir
}

// TestSuggestLearnsFromPages checks suggest on a site whose pages are
// tagged: the site's own taxonomy has its key, the scores are chances, and
// each suggestion names the tagged pages like the content that carry it.
func TestSuggestLearnsFromPages(t *testing.T) {
	dir := learnedSite(t)
	post := "---\ntitle: My first loaf\n---\nMy starter doubled, so I shaped the dough and baked the loaf in a pot.\n"

	code, out, errOut := searchRun(t, post, nil, "suggest", "-d", dir, "-", "--json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type sg struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
		Pages []struct {
			Path string `json:"path"`
		} `json:"pages"`
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	// The site's taxonomies, and no other: it has no concepts or categories.
	var keys []string
	dec := json.NewDecoder(strings.NewReader(out))
	for tok, err := dec.Token(); err == nil; tok, err = dec.Token() {
		if k, ok := tok.(string); ok && dec.More() {
			keys = append(keys, k)
			var skip json.RawMessage
			_ = dec.Decode(&skip)
		}
	}
	if want := []string{"tags", "series", "frontMatter"}; !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	for _, tt := range []struct{ taxonomy, want string }{{"tags", "tags/bread"}, {"series", "series/baking-101"}} {
		var sgs []sg
		if err := json.Unmarshal(got[tt.taxonomy], &sgs); err != nil || len(sgs) == 0 {
			t.Fatalf("%s: %s (%v)", tt.taxonomy, got[tt.taxonomy], err)
		}
		first := sgs[0]
		if first.ID != tt.want && (len(sgs) < 2 || sgs[1].ID != tt.want) {
			t.Errorf("%s: %v, want %s first", tt.taxonomy, sgs, tt.want)
		}
		if first.Score <= 0 || first.Score > 1 {
			t.Errorf("%s: score %.2f is not a chance", first.ID, first.Score)
		}
		if len(first.Pages) == 0 || !strings.HasPrefix(first.Pages[0].Path, "content/post/bread-") {
			t.Errorf("%s: pages %+v, want bread posts", first.ID, first.Pages)
		}
	}
	for _, s := range []string{"bikes"} {
		if strings.Contains(string(got["tags"]), "tags/"+s) {
			t.Errorf("tags/%s suggested for a loaf: %s", s, got["tags"])
		}
	}

	code, out, _ = searchRun(t, post, nil, "suggest", "-d", dir, "-")
	if code != cli.ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Series\n", "tagged pages like it: Bread notes", "the chance, from 0 to 1", "series:\n- baking-101\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}
