package learn_test

import (
	"os"
	"testing"

	"taxo/loader"
	"taxo/model/learn"
)

// BenchmarkRealSite times building the model from the tagged pages of the
// site at $TAXO_SITE (its default language), read once outside the timing:
//
//	TAXO_SITE=../shared/corpus/hugo-sites/jupiterbroadcasting go test -run '^$' -bench RealSite ./model/learn
func BenchmarkRealSite(b *testing.B) {
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
	b.ReportMetric(float64(len(examples)), "pages")
	start := cpuTime()
	for b.Loop() {
		learn.New(g.Terms(), examples)
	}
	reportCPU(b, start)
}
