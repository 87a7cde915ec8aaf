package learn_test

import (
	"os"
	"testing"

	"taxo/loader"
	"taxo/model/learn"
)

// BenchmarkRealSiteKept times what a start that finds the model kept
// does instead of building it, on the site at $TAXO_SITE (its default
// language): the fingerprint of the terms and pages, and reading the
// model back; and reports the encoding's size.
//
//	TAXO_SITE=../shared/corpus/hugo-sites/jupiterbroadcasting go test -run '^$' -bench RealSiteKept ./model/learn
func BenchmarkRealSiteKept(b *testing.B) {
	dir := os.Getenv("TAXO_SITE")
	if dir == "" {
		b.Skip("TAXO_SITE names no site")
	}
	res, err := loader.Load(dir, loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	g := res.Graph("")
	examples := learn.Examples(g, res.Body)
	data, err := learn.New(g.Terms(), examples).AppendBinary(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fingerprint", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			learn.Fingerprint(g.Terms(), examples)
		}
		reportCPU(b, start)
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportMetric(float64(len(data)), "bytes")
		start := cpuTime()
		for b.Loop() {
			if _, ok := learn.Decode(g.Terms(), examples, string(data)); !ok {
				b.Fatal("the encoding does not check out")
			}
		}
		reportCPU(b, start)
	})
	b.Run("encode", func(b *testing.B) {
		m, _ := learn.Decode(g.Terms(), examples, string(data))
		start := cpuTime()
		for b.Loop() {
			if _, err := m.AppendBinary(nil); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
	b.Run("examples", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			learn.Examples(g, res.Body)
		}
		reportCPU(b, start)
	})
}
