package model_test

import (
	"sync"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

// snapshotContents are graphs of every sort: terms only, with references
// to nothing, repeated IDs and shared titles; a site's language with pages
// carrying terms that have files and terms that have none; nothing.
func snapshotContents() map[string]model.Content {
	site, _ := garden()
	repeated := append(orchard(), mk("tags/baking", "Baking Again", 0), mk("tags/blank", " ", 0),
		lists(mk("tags/self", "Self", 0), model.Tag, "Self", "", "Nowhere"))
	withPages := site
	withPages.Terms = append(orchard(), site.Terms...)
	withPages.Pages = append(site.Pages, page("content/post/e.md", "2024-03-01", "tags/Cider", "tags/Nowhere Else"))
	return map[string]model.Content{
		"terms":            {Kinds: model.Kinds[:], Terms: orchard()},
		"repeated and odd": {Kinds: model.Kinds[:], Terms: repeated},
		"site":             site,
		"site with lists":  withPages,
		"empty":            {Kinds: model.Kinds[:]},
	}
}

// TestSnapshotRoundTrip: a graph read back from its snapshot is the graph
// NewSite made, every list, map and problem.
func TestSnapshotRoundTrip(t *testing.T) {
	for name, c := range snapshotContents() {
		t.Run(name, func(t *testing.T) {
			want := model.NewSite(c)
			data := want.AppendSnapshot(nil, c)
			if data == nil {
				t.Fatal("no snapshot")
			}
			got, ok := model.FromSnapshot(c, string(data))
			if !ok {
				t.Fatal("the snapshot is not read back")
			}
			if d := model.GraphDiff(got, want); d != "" {
				t.Error(d)
			}
		})
	}
}

// TestSnapshotSpoilt: a snapshot cut short, or read against other content,
// is refused, never a panic.
func TestSnapshotSpoilt(t *testing.T) {
	c := snapshotContents()["site with lists"]
	data := model.NewSite(c).AppendSnapshot(nil, c)
	for n := range len(data) {
		if _, ok := model.FromSnapshot(c, string(data[:n])); ok {
			t.Errorf("a snapshot cut to %d of %d bytes is read", n, len(data))
		}
	}
	other := snapshotContents()["terms"]
	if _, ok := model.FromSnapshot(other, string(data)); ok {
		t.Error("a snapshot of other content is read")
	}
	for i := range data {
		spoilt := append([]byte(nil), data...)
		spoilt[i] ^= 0x55
		model.FromSnapshot(c, string(spoilt)) // must not panic
	}
}

// TestFingerprint: what linking reads changes the fingerprint; what it
// does not read leaves it.
func TestFingerprint(t *testing.T) {
	base := model.Fingerprint(snapshotContents()["site with lists"])
	tests := []struct {
		name   string
		change func(c *model.Content)
		same   bool
	}{
		{"nothing", func(*model.Content) {}, true},
		{"a description", func(c *model.Content) { c.Terms[0].Description = "new" }, true},
		{"a body", func(c *model.Content) { c.Terms[0].Body = "new" }, true},
		{"a page's title", func(c *model.Content) { c.Pages[0].Title = "new" }, true},
		{"a title", func(c *model.Content) { c.Terms[0].Title = "New" }, false},
		{"a weight", func(c *model.Content) { c.Terms[0].Weight = 9 }, false},
		{"a reference", func(c *model.Content) { c.Terms[1].Refs[model.Tag][0].Title = "Other" }, false},
		{"a reference's line", func(c *model.Content) { c.Terms[1].Refs[model.Tag][0].Line++ }, false},
		{"a term's path", func(c *model.Content) { c.Terms[0].Path = "x.md" }, false},
		{"a page's date", func(c *model.Content) { c.Pages[0].Date = c.Pages[0].Date.AddDate(0, 0, 1) }, false},
		{"a page's term", func(c *model.Content) { c.Pages[0].Terms[0].Key = "other" }, false},
		{"a page fewer", func(c *model.Content) { c.Pages = c.Pages[1:] }, false},
		{"the order of terms", func(c *model.Content) { c.Terms[0], c.Terms[1] = c.Terms[1], c.Terms[0] }, false},
		{"the kinds", func(c *model.Content) { c.Kinds = append(c.Kinds, model.DeclareKind("shelf", "shelves")) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := snapshotContents()["site with lists"]
			tt.change(&c)
			if got := model.Fingerprint(c) == base; got != tt.same {
				t.Errorf("same fingerprint = %v, want %v", got, tt.same)
			}
		})
	}
}

// FuzzSnapshot: whatever a snapshot file holds, reading it never panics,
// and a graph it gives can be walked: every term's lists, pages and
// problems.
func FuzzSnapshot(f *testing.F) {
	c := snapshotContents()["site with lists"]
	f.Add(model.NewSite(c).AppendSnapshot(nil, c))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, ok := model.FromSnapshot(c, string(data))
		if !ok {
			return
		}
		for _, term := range g.Terms() {
			for _, k := range g.Kinds() {
				g.Links(term, k)
			}
			g.Backlinks(term)
			g.TaggedWith(term)
			g.PagesOf(term)
			g.Get(term.ID)
		}
		for _, p := range g.Pages() {
			g.TermsOf(p)
		}
		for _, p := range g.Problems() {
			_ = p.Error()
		}
	})
}

// snapshotBench is the synthetic taxonomy's content, made once for every
// run of BenchmarkSnapshot.
var snapshotBench = sync.OnceValue(func() model.Content {
	res := loader.LoadFS(synth.FS(synth.Generate(benchTerms, 1)), nil, loader.Options{})
	return model.Content{Kinds: model.Kinds[:], Terms: res.Terms}
})

// BenchmarkSnapshot times what a second start does instead of linking the
// graph, at 100k terms: the fingerprint of the content, and reading the
// graph back from its snapshot; and writing the snapshot.
func BenchmarkSnapshot(b *testing.B) {
	c := snapshotBench()
	g := model.NewSite(c)
	data := g.AppendSnapshot(nil, c)
	b.Run("fingerprint", func(b *testing.B) {
		for b.Loop() {
			model.Fingerprint(c)
		}
	})
	b.Run("read", func(b *testing.B) {
		b.ReportMetric(float64(len(data))/1e6, "MB")
		for b.Loop() {
			if _, ok := model.FromSnapshot(c, string(data)); !ok {
				b.Fatal("the snapshot does not check out")
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			g.AppendSnapshot(nil, c)
		}
	})
}
