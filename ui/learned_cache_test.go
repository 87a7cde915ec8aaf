package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// TestLearnedModelIsKeptWithTheIndex: the browser's learned model (S,
// the tagging screen) is kept beside the index cache the load used, and
// the next start's browser reads it instead of learning again, and
// suggests the same.
func TestLearnedModelIsKeptWithTheIndex(t *testing.T) {
	t.Parallel()
	dir := learnSite(t)
	cache := &loader.Cache{Dir: t.TempDir(), Version: "test"}
	start := func() (*learn.Model, *loader.Result) {
		t.Helper()
		res, err := loader.Load(dir, loader.Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		lang := res.LanguageCodes()[0]
		g := res.Graph(lang)
		m := newLearnedModel(model.TaxonomyOf(res.Root, g, res.Problems), newSiteView(res, lang, time.Now())).get()
		if err := res.Wait(); err != nil {
			t.Fatal(err)
		}
		return m, res
	}
	kept := func() os.FileInfo {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(cache.Dir, "*-k*.idx"))
		if err != nil || len(files) != 1 {
			t.Fatalf("kept models %q, %v; want one", files, err)
		}
		info, err := os.Stat(files[0])
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	built, _ := start()
	first := kept()
	read, _ := start()
	if !os.SameFile(first, kept()) {
		t.Error("the model was learned and kept again, not read")
	}
	content := learn.Content{Text: "My starter is sluggish in winter, so the dough proofs in the oven, then I bake the loaf."}
	if got, want := fmt.Sprint(fitsText(read, content)), fmt.Sprint(fitsText(built, content)); got != want {
		t.Errorf("the kept model suggests\n%s\nthe model learned\n%s", got, want)
	}
}

// fitsText is what m suggests for c, as text to compare.
func fitsText(m *learn.Model, c learn.Content) []string {
	var out []string
	for _, r := range m.Suggest(c, 0) {
		for _, s := range r.Suggestions {
			out = append(out, fmt.Sprintf("%s %s %v %v %v %v", r.Taxonomy, s.Term.ID, s.Score, s.Why, s.Against, s.Pages))
		}
	}
	return out
}
