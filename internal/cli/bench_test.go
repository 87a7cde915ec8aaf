package cli_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"taxo/internal/cli"
	"taxo/internal/gen/synth"
)

// The cost of list and its JSON at 1k, 20k and 100k terms with as many
// pages (internal/gen/synth.GenerateSite), as a command, its output
// thrown away; the index cache warm, as at a second start. The target is
// list --json within 1.15x list:
//
//	go test -run '^$' -bench 'List' -benchmem ./internal/cli

var benchSites = []struct {
	name         string
	terms, pages int
}{{"1k", 1_000, 1_000}, {"20k", 20_000, 20_000}, {"100k", 100_000, 100_000}}

// benchList runs taxo with args on each site, the cache in a folder of
// the benchmark's own and warmed first.
func benchList(b *testing.B, args ...string) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			dir, err := synth.CachedSite(s.terms, s.pages, 1)
			if err != nil {
				b.Fatal(err)
			}
			env := map[string]string{"XDG_CACHE_HOME": b.TempDir()}
			io := cli.IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Getenv: func(k string) string { return env[k] }}
			all := append([]string{"-d", dir}, args...)
			for range 2 { // the second writes a cache the racy window does not spoil
				cli.Run(context.Background(), all, io)
			}
			defer reportCPU(b)()
			for b.Loop() {
				if code := cli.Run(context.Background(), all, io); code != cli.ExitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

func BenchmarkList(b *testing.B)      { benchList(b, "list") }
func BenchmarkListJSON(b *testing.B)  { benchList(b, "list", "--json") }
func BenchmarkPages(b *testing.B)     { benchList(b, "pages") }
func BenchmarkPagesJSON(b *testing.B) { benchList(b, "pages", "--json") }

// reportCPU reports, once the benchmark's loop is over, the CPU time (user
// and system, every core) an op took, beside its wall time: the machine
// these run on is shared, and CPU time is the steadier of the two.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}
