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
// model back; and reports the encoding's size. "kept by stamps" and
// "kept by text" are all of it, from a Keeper in a temporary index cache:
// KeptSite, which reads no body, and Kept of Examples, which reads them
// all.
//
//	TAXO_SITE=../shared/corpus/hugo-sites/jupiterbroadcasting go test -run '^$' -bench RealSiteKept ./model/learn
func BenchmarkRealSiteKept(b *testing.B) {
	dir := os.Getenv("TAXO_SITE")
	if dir == "" {
		b.Skip("TAXO_SITE names no site")
	}
	res, err := loader.Load(dir, loader.Options{Cache: &loader.Cache{Dir: b.TempDir(), Version: "bench"}})
	if err != nil {
		b.Fatal(err)
	}
	g := res.Graph("")
	examples := learn.Examples(g, res.Body)
	m := learn.KeptSite(g, res.Body, res.PageStamp, res.Keeper())
	if err := res.Wait(); err != nil {
		b.Fatal(err)
	}
	data, err := m.AppendBinary(nil)
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
	b.Run("kept by stamps", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			learn.KeptSite(g, res.Body, res.PageStamp, res.Keeper())
		}
		reportCPU(b, start)
	})
	b.Run("kept by text", func(b *testing.B) {
		learn.Kept(g.Terms(), learn.Examples(g, res.Body), res.Keeper()) // kept under the text's fingerprint
		if err := res.Wait(); err != nil {
			b.Fatal(err)
		}
		start := cpuTime()
		for b.Loop() {
			learn.Kept(g.Terms(), learn.Examples(g, res.Body), res.Keeper())
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
