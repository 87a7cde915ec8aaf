package model_test

import (
	"runtime"
	"sync"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

// benchTerms is the size of the synthetic taxonomy search must answer in
// 50 ms over (issue 6).
const benchTerms = 100_000

// benchGraph is the synthetic taxonomy, loaded once for every benchmark of
// a run: generating and loading 100k terms takes a while.
var benchGraph = sync.OnceValue(func() *model.Graph {
	files := synth.Generate(benchTerms, 1)
	res := loader.LoadFS(synth.FS(files), nil, loader.Options{})
	return model.New(res.Terms)
})

// benchQueries are typical queries on the synthetic vocabulary: common
// words (long postings), a rare word, a phrase, a prefix and filters.
var benchQueries = []struct{ name, query string }{
	{"word", "backlog"},
	{"two words", "customer feedback"},
	{"rare word", "kagimqua"},
	{"phrase", `"customer feedback"`},
	{"prefix", "deliv*"},
	{"short prefix", "co*"},
	{"one letter", "a*"},
	{"kind", "kind:category flow"},
	{"three words", "adaptive team release"},
}

// benchTyped are queries as the browser's search reads them while they are
// typed: the last word matches the words it starts and those of its stem.
var benchTyped = []struct{ name, query string }{
	{"typed one letter", "c"},
	{"typed half a word", "deliv"},
	{"typed second word", "customer fee"},
}

// BenchmarkSearch times one query over the 100k-term index, built once
// outside the timing, with the 20 best hits and their snippets. Each query
// must answer in ≤ 50 ms (50e6 ns/op).
func BenchmarkSearch(b *testing.B) {
	g := benchGraph()
	ix := model.NewIndex(g)
	type benchQuery struct {
		name, query string
		parse       func(string) (model.Query, error)
	}
	var queries []benchQuery
	for _, bq := range benchQueries {
		queries = append(queries, benchQuery{bq.name, bq.query, model.ParseQuery})
	}
	for _, bq := range benchTyped {
		queries = append(queries, benchQuery{bq.name, bq.query, model.ParseTyped})
	}
	for _, bq := range queries {
		q, err := bq.parse(bq.query)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bq.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				res, err := ix.Search(q, 20)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// BenchmarkIndex times building the index of the 100k-term taxonomy and
// reports the heap it keeps (index-MB), besides -benchmem's allocations.
func BenchmarkIndex(b *testing.B) {
	g := benchGraph()
	var ix *model.Index
	for b.Loop() {
		ix = model.NewIndex(g)
	}
	b.StopTimer()
	b.ReportMetric(float64(retained(func() any { return model.NewIndex(g) }))/1e6, "index-MB")
	runtime.KeepAlive(ix)
}

// BenchmarkSuggest times suggesting terms for a paragraph over the 100k
// terms, the suggester built once outside the timing.
func BenchmarkSuggest(b *testing.B) {
	s := model.NewSuggester(benchGraph())
	content := "Our team limits work in progress and reviews cycle time, throughput and customer feedback every week, so that delivery stays predictable and the backlog reflects what customers value."
	for b.Loop() {
		s.Suggest(content, 5)
	}
}

// BenchmarkSuggester times building the suggester's profiles of the 100k
// terms and reports the heap it keeps (suggester-MB).
func BenchmarkSuggester(b *testing.B) {
	g := benchGraph()
	var s *model.Suggester
	for b.Loop() {
		s = model.NewSuggester(g)
	}
	b.StopTimer()
	b.ReportMetric(float64(retained(func() any { return model.NewSuggester(g) }))/1e6, "suggester-MB")
	runtime.KeepAlive(s)
}

// retained is the heap that what build returns keeps alive.
func retained(build func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// TestBenchQueriesMatch keeps the benchmark honest on a small synthetic
// taxonomy: every benchmark query finds something.
func TestBenchQueriesMatch(t *testing.T) {
	res := loader.LoadFS(synth.FS(synth.Generate(3000, 1)), nil, loader.Options{})
	ix := model.NewIndex(model.New(res.Terms))
	for _, bq := range benchQueries {
		q, _ := model.ParseQuery(bq.query)
		got, err := ix.Search(q, 5)
		if err != nil || got.Total == 0 {
			t.Errorf("%s %q: %d hits, %v", bq.name, bq.query, got.Total, err)
		}
	}
	for _, bq := range benchTyped {
		q, _ := model.ParseTyped(bq.query)
		got, err := ix.Search(q, 5)
		if err != nil || got.Total == 0 {
			t.Errorf("%s %q: %d hits, %v", bq.name, bq.query, got.Total, err)
		}
	}
}
