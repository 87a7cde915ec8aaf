package model_test

import (
	"fmt"
	"reflect"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// indexGraphs are the graphs the index's encoding is tried on.
func indexGraphs(t testing.TB) map[string]*model.Graph {
	t.Helper()
	return map[string]*model.Graph{
		"sample":    model.New(loader.LoadFS(sample.FS, nil, loader.Options{}).Terms),
		"synthetic": model.New(loader.LoadFS(synth.FS(synth.Generate(500, 1)), nil, loader.Options{}).Terms),
		"empty":     model.New(nil),
	}
}

// indexQueries are searches whose results a read index must give as the
// built one does: words, a prefix, a phrase, a stem, an exclusion.
var indexQueries = []string{"sourdough", "ferm", `"lactic acid"`, "fermenting -kimchi", "starter dough bake", "tag:jam jar"}

func searchText(ix *model.Index) string {
	var out string
	for _, q := range indexQueries {
		pq, err := model.ParseQuery(q)
		if err != nil {
			continue
		}
		res, err := ix.Search(pq, 0)
		out += fmt.Sprintf("%s: %v %d\n", q, err, res.Total)
		for _, h := range res.Hits {
			out += fmt.Sprintf("  %s %v %v\n", h.Term.ID, h.Score, h.Snippet)
		}
	}
	return out
}

// TestIndexFromBinaryIsNewIndex checks that an index read back from its
// encoding is the index NewIndex builds, array by array, and finds the
// same terms with the same scores and snippets.
func TestIndexFromBinaryIsNewIndex(t *testing.T) {
	for name, g := range indexGraphs(t) {
		t.Run(name, func(t *testing.T) {
			built := model.NewIndex(g)
			read, ok := model.IndexFromBinary(g, model.DefaultLanguage, string(built.AppendBinary(nil)))
			if !ok {
				t.Fatal("the encoding of an index built now does not check out")
			}
			if !reflect.DeepEqual(read, built) {
				t.Errorf("the index read back is not the index built: %s", model.IndexDiff(read, built))
			}
			if got, want := searchText(read), searchText(built); got != want {
				t.Errorf("the index read back finds\n%s\nthe index built\n%s", got, want)
			}
		})
	}
}

// TestIndexFromBinaryRefuses checks that an encoding cut short or
// lengthened, or read for another graph or language, gives no index.
func TestIndexFromBinaryRefuses(t *testing.T) {
	graphs := indexGraphs(t)
	g := graphs["sample"]
	data := string(model.NewIndex(g).AppendBinary(nil))
	tests := []struct {
		name string
		g    *model.Graph
		lang string
		data string
	}{
		{"empty", g, model.DefaultLanguage, ""},
		{"cut in the middle", g, model.DefaultLanguage, data[:len(data)/2]},
		{"cut by one byte", g, model.DefaultLanguage, data[:len(data)-1]},
		{"a byte more", g, model.DefaultLanguage, data + "\x00"},
		{"another graph", graphs["synthetic"], model.DefaultLanguage, data},
		{"another language", g, "xx", data},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := model.IndexFromBinary(tc.g, tc.lang, tc.data); ok {
				t.Error("read an index")
			}
		})
	}
}

// TestIndexFingerprint checks that the fingerprint changes with the text
// search reads of the terms, and not with the rest.
func TestIndexFingerprint(t *testing.T) {
	load := func() []*model.Term { return loader.LoadFS(sample.FS, nil, loader.Options{}).Terms }
	want := model.IndexFingerprint(model.New(load()), model.DefaultLanguage)
	tests := []struct {
		name    string
		change  func([]*model.Term)
		changes bool
	}{
		{"nothing", func([]*model.Term) {}, false},
		{"a weight", func(ts []*model.Term) { ts[0].Weight += 7 }, false},
		{"an icon", func(ts []*model.Term) { ts[0].Icon = "fa-x" }, false},
		{"a title", func(ts []*model.Term) { ts[0].Title += "s" }, true},
		{"a description", func(ts []*model.Term) { ts[0].Description += "s" }, true},
		{"an abstract", func(ts []*model.Term) { ts[0].Abstract += "s" }, true},
		{"the Instructions", func(ts []*model.Term) { ts[0].Instructions += "s" }, true},
		{"a body", func(ts []*model.Term) { ts[0].Body += "s" }, true},
		{"a body's end into the next field", func(ts []*model.Term) {
			ts[0].Instructions, ts[0].Body = ts[0].Instructions+ts[0].Body[:1], ts[0].Body[1:]
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			terms := load()
			tc.change(terms)
			if changed := model.IndexFingerprint(model.New(terms), model.DefaultLanguage) != want; changed != tc.changes {
				t.Errorf("fingerprint changed: %v, want %v", changed, tc.changes)
			}
		})
	}
	g := model.New(load())
	if model.IndexFingerprint(g, "xx") == model.IndexFingerprint(g, model.DefaultLanguage) {
		t.Error("the fingerprint is the same for a language with no stemmer")
	}
}

// FuzzIndexFromBinary: whatever a kept index's file holds, reading it
// never panics, and an index it gives searches without panicking and finds
// only the graph's terms.
func FuzzIndexFromBinary(f *testing.F) {
	// A few short terms: a small input is soon minimised by the fuzzer.
	g := model.New([]*model.Term{
		term("tags/sourdough", "Sourdough", map[string]string{"description": "Bread from a starter.", "body": "Feed the starter; bake the dough.", "tags": "jam"}),
		term("tags/kimchi", "Kimchi", map[string]string{"instructions": "Fermenting cabbage, lactic acid.", "abstract": "Sour jar"}),
		term("tags/jam", "Jam", map[string]string{"body": "Fruit in a jar, set with pectin."}),
	})
	f.Add(model.NewIndex(g).AppendBinary(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, ok := model.IndexFromBinary(g, model.DefaultLanguage, string(data))
		if !ok {
			return
		}
		for _, q := range indexQueries {
			pq, err := model.ParseQuery(q)
			if err != nil {
				continue
			}
			res, _ := ix.Search(pq, 0)
			for _, h := range res.Hits {
				if g.Get(h.Term.ID) != h.Term {
					t.Fatalf("found a term not of the graph: %v", h.Term.ID)
				}
			}
		}
	})
}

// BenchmarkIndexKept times what a start that finds the search index kept
// does instead of building it (BenchmarkIndex), at 100k terms: the
// fingerprint of their text, and reading the index back; and encoding it.
func BenchmarkIndexKept(b *testing.B) {
	g := benchGraph()
	data := model.NewIndex(g).AppendBinary(nil)
	b.Run("fingerprint", func(b *testing.B) {
		for b.Loop() {
			model.IndexFingerprint(g, model.DefaultLanguage)
		}
	})
	b.Run("read", func(b *testing.B) {
		b.ReportMetric(float64(len(data))/1e6, "MB")
		for b.Loop() {
			if _, ok := model.IndexFromBinary(g, model.DefaultLanguage, string(data)); !ok {
				b.Fatal("the encoding does not check out")
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		ix, _ := model.IndexFromBinary(g, model.DefaultLanguage, string(data))
		for b.Loop() {
			ix.AppendBinary(nil)
		}
	})
}
