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

// TestSearchIndexIsKeptWithTheIndexCache: the browser's search index (s)
// of a whole load is kept beside the index cache the load used, and the
// next start's browser reads it instead of indexing again; the index of
// the terms read so far, while a load runs, is not kept.
func TestSearchIndexIsKeptWithTheIndexCache(t *testing.T) {
	t.Parallel()
	dir := learnSite(t)
	writeFile(t, filepath.Join(dir, "content", "tags", "sourdough", "_index.md"),
		"---\ntitle: Sourdough\ndescription: Bread from a starter, the dough proofed cold.\n---\nFeed the starter.\n")
	cache := &loader.Cache{Dir: t.TempDir(), Version: "test"}
	index := func(partial bool) *model.Index {
		t.Helper()
		res, err := loader.Load(dir, loader.Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		g := res.Graph(res.LanguageCodes()[0])
		h := &hitsScreen{}
		h.setTaxonomy(taxonomyMsg{tx: model.TaxonomyOf(res.Root, g, res.Problems), gen: 1, partial: partial, store: res.Keeper()})
		msg := h.indexCmd()().(indexBuiltMsg)
		if err := res.Wait(); err != nil {
			t.Fatal(err)
		}
		return msg.ix
	}
	kept := func() []string {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(cache.Dir, "*-k*.idx"))
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	index(true)
	if files := kept(); len(files) != 0 {
		t.Fatalf("the index of a load still running was kept: %q", files)
	}
	built := index(false)
	files := kept()
	if len(files) != 1 {
		t.Fatalf("kept %q, want the index", files)
	}
	first, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	read := index(false)
	again, err := os.Stat(files[0])
	if err != nil || !os.SameFile(first, again) {
		t.Errorf("the index was built and kept again, not read (%v)", err)
	}
	found := func(ix *model.Index) string {
		q, _ := model.ParseQuery("starter dough")
		res, _ := ix.Search(q, 0)
		out := fmt.Sprint(res.Total)
		for _, h := range res.Hits {
			out += fmt.Sprint(" ", h.Term.ID, h.Score, h.Snippet)
		}
		return out
	}
	if got, want := found(read), found(built); got != want || want == "0" {
		t.Errorf("the kept index finds %s, the index built %s", got, want)
	}
}
