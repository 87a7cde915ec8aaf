package learn_test

import (
	"sync"
	"syscall"
	"testing"
	"time"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// synthetic is a synthetic taxonomy of terms terms with pages tagged pages.
func synthetic(terms, pages int) ([]*model.Term, []learn.Example) {
	res := loader.LoadFS(synth.FS(synth.Generate(terms, 1)), nil, loader.Options{})
	g := model.New(res.Terms)
	var examples []learn.Example
	for _, p := range synth.TaggedPages(g.Terms(), pages, 1) {
		examples = append(examples, learn.Example{Path: p.Path, Title: p.Title, Text: p.Text, Terms: p.Terms})
	}
	return g.Terms(), examples
}

// bigModel is the 100k-term, 100k-page model, built once per run, with
// pages it has not seen and the CPU time the build took.
type bigModel struct {
	m     *learn.Model
	fresh []learn.Example
	build time.Duration
}

var big = sync.OnceValue(func() bigModel {
	terms, examples := synthetic(100_000, 101_000)
	start := cpuTime()
	m := learn.New(terms, examples[:100_000])
	return bigModel{m, examples[100_000:], cpuTime() - start}
})

// BenchmarkNew times building the model from 2,000 tagged pages (and a
// taxonomy of 2,000 terms): the target is 1 s on two cores.
func BenchmarkNew(b *testing.B) {
	terms, examples := synthetic(2000, 2000)
	start := cpuTime()
	for b.Loop() {
		learn.New(terms, examples)
	}
	reportCPU(b, start)
}

// cpuTime is the CPU time the process has used, user and system: on a
// machine that other work shares, it says what a benchmark costs when the
// wall clock cannot.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start, in seconds.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkSuggest times one suggestion, every taxonomy ranked, from a
// model of 100k terms and 100k tagged pages built once outside the timing
// (its CPU time is reported as build-cpu-s): the target is 50 ms.
func BenchmarkSuggest(b *testing.B) {
	bm := big()
	i := 0
	start := cpuTime()
	for b.Loop() {
		bm.m.Suggest(learn.Content{Text: bm.fresh[i%len(bm.fresh)].Text}, 5)
		i++
	}
	reportCPU(b, start)
	b.ReportMetric(bm.build.Seconds(), "build-cpu-s")
}
