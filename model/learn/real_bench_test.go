package learn_test

import (
	"os"
	"testing"

	"taxo/loader"
	"taxo/model/learn"
)

func BenchmarkRealSite(b *testing.B) {
	dir := os.Getenv("TAXO_SITE")
	if dir == "" {
		b.Skip()
	}
	res, err := loader.Load(dir, loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	g := res.Graph("")
	ex := learn.Examples(g, res.Body)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		learn.New(g.Terms(), ex)
	}
	reportCPU(b, start)
}
