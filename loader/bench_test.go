package loader_test

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

// The cost of loading at scale, with two floors beside it measured the same
// way: reading every file on all cores (the read floor), and decoding every
// file's front matter with yaml.v3 on all cores and nothing else (the parse
// floor). Load is measured from the folder on disk to the linked graph.
//
//	go test -run '^$' -bench . -benchmem ./loader
//
// runs them at 1k, 20k and 100k synthetic terms (internal/gen/synth),
// written once under the temporary folder; -bench '/1k$' runs only 1k.

// benchSizes are the taxonomies benchmarked.
var benchSizes = []struct {
	name  string
	terms int
}{{"1k", 1_000}, {"20k", 20_000}, {"100k", 100_000}}

// benchCorpus returns the folder of a synthetic taxonomy of n terms and the
// bytes of its files.
func benchCorpus(b *testing.B, n int) (string, int64) {
	b.Helper()
	dir, err := synth.Cached(n, 1)
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, p := range termFiles(b, dir) {
		info, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += info.Size()
	}
	return dir, size
}

// termFiles lists the markdown files under dir, as the floors read them.
func termFiles(b *testing.B, dir string) []string {
	b.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// eachSize runs bench on every taxonomy size, with the bytes of its files
// set so that the rates compare.
func eachSize(b *testing.B, bench func(b *testing.B, dir string)) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			dir, size := benchCorpus(b, s.terms)
			b.SetBytes(size)
			bench(b, dir)
		})
	}
}

// BenchmarkLoad reads, parses and links a taxonomy: what every command
// does before it can answer.
func BenchmarkLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			res, err := loader.Load(dir, loader.Options{})
			if err != nil {
				b.Fatal(err)
			}
			model.New(res.Terms)
		}
	})
}

// BenchmarkLoadList is BenchmarkLoad without bodies, as list, check and
// pages load: a first start's, with no cache.
func BenchmarkLoadList(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			res, err := loader.Load(dir, loader.Options{NoBodies: true})
			if err != nil {
				b.Fatal(err)
			}
			model.New(res.Terms)
		}
	})
}

// BenchmarkReload is what the browser does when one file is saved: a load
// that takes the unchanged files from the one before it, then the linking.
func BenchmarkReload(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		prev := settledLoad(b, dir)
		var one string // a term's file, not a folder's _index.md
		for _, p := range termFiles(b, dir) {
			if filepath.Base(p) != "_index.md" {
				one = p
				break
			}
		}
		base := time.Now().Add(-time.Hour)
		i := 0
		defer reportCPU(b)()
		for b.Loop() {
			b.StopTimer()
			i++
			at := base.Add(time.Duration(i) * time.Second) // a new stamp, not a recent one
			if err := os.Chtimes(one, at, at); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := loader.Load(dir, loader.Options{Remember: true, Previous: prev})
			if err != nil {
				b.Fatal(err)
			}
			if res.Reused != res.Files-1 {
				b.Fatalf("reused %d of %d files", res.Reused, res.Files)
			}
			model.New(res.Terms)
			prev = res
		}
	})
}

// settledLoad is a load that the next, with it as Previous, takes every
// file from: files written within two seconds of a load are read again by
// the next, so a taxonomy written just now (as in CI) takes a while.
func settledLoad(b *testing.B, dir string) *loader.Result {
	for range 4 {
		prev, err := loader.Load(dir, loader.Options{Remember: true})
		if err != nil {
			b.Fatal(err)
		}
		next, err := loader.Load(dir, loader.Options{Remember: true, Previous: prev})
		if err != nil {
			b.Fatal(err)
		}
		if next.Reused == next.Files {
			return next
		}
		time.Sleep(2 * time.Second)
	}
	b.Fatal("a load never takes the files from the one before it")
	return nil
}

// BenchmarkLink is the linking part of BenchmarkLoad alone.
func BenchmarkLink(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		res, err := loader.Load(dir, loader.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer reportCPU(b)()
		for b.Loop() {
			model.New(res.Terms)
		}
	})
}

// BenchmarkReadFloor reads every file on all cores while one goroutine
// walks the folders, and does nothing with them.
func BenchmarkReadFloor(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			onAllCores(b, dir, func([]byte) {})
		}
	})
}

// BenchmarkParseFloor is the read floor plus cutting out each file's
// front matter and decoding it with yaml.v3 into a map, and nothing else.
func BenchmarkParseFloor(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			onAllCores(b, dir, func(data []byte) {
				rest, ok := bytes.CutPrefix(data, []byte("---\n"))
				if !ok {
					return
				}
				front, _, ok := bytes.Cut(rest, []byte("\n---\n"))
				if !ok {
					return
				}
				var m map[string]any
				if err := yaml.Unmarshal(front, &m); err != nil {
					b.Error(err)
				}
			})
		}
	})
}

// onAllCores walks dir in one goroutine and reads its markdown files in
// one goroutine per core, handing each file's bytes to use.
func onAllCores(b *testing.B, dir string, use func([]byte)) {
	onAllCoresPaths(b, dir, func(p string) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Error(err)
			return
		}
		use(data)
	})
}

// onAllCoresPaths walks dir in one goroutine and hands the paths of its
// markdown files to use in one goroutine per core.
func onAllCoresPaths(b *testing.B, dir string, use func(string)) {
	paths := make(chan string, 1024)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range paths {
				use(p)
			}
		})
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasSuffix(p, ".md") {
			paths <- p
		}
		return err
	})
	close(paths)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
}

// The cost of starting on a synthetic Hugo site of as many content pages
// as terms (internal/gen/synth.GenerateSite), the way list starts: without
// bodies, then the graph of the default language. A first start reads
// every file (term pages whole, content pages to the end of their front
// matter); a second start takes them from the index cache and stats every
// file; after one file changed, it reads that one and leaves the cache as
// it is (one file in a thousand or fewer changed). Beside them, two floors: reading every file whole on all cores
// (the read floor), and reading what a load must read, term pages whole
// and content pages to the end of their front matter (the front floor).
//
//	go test -run '^$' -bench 'Site(Load|Cached|ReadFloor|FrontFloor)' -benchmem ./loader

// benchSites are the synthetic sites benchmarked.
var benchSites = []struct {
	name         string
	terms, pages int
}{{"1k", 1_000, 1_000}, {"20k", 20_000, 20_000}, {"100k", 100_000, 100_000}}

// eachSite runs bench on every synthetic site, with the bytes of its
// files set so that the rates compare.
func eachSite(b *testing.B, bench func(b *testing.B, dir string)) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			dir, err := synth.CachedSite(s.terms, s.pages, 1)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(filesSize(b, dir))
			bench(b, dir)
		})
	}
}

// filesSize is how many bytes the markdown files under dir hold.
func filesSize(b *testing.B, dir string) int64 {
	var size int64
	for _, p := range termFiles(b, dir) {
		info, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += info.Size()
	}
	return size
}

// startList is what list does before it prints: the load, without bodies,
// and the default language's graph; then it waits for the cache, which a
// command does before it exits.
func startList(b *testing.B, dir string, c *loader.Cache) *loader.Result {
	res, err := loader.Load(dir, loader.Options{NoBodies: true, Cache: c})
	if err != nil {
		b.Fatal(err)
	}
	res.Graph("")
	if err := res.Wait(); err != nil {
		b.Fatal(err)
	}
	return res
}

// warmCache makes a cache of the site at dir that a start takes every
// file from: files written within a second or two of the load that wrote
// the cache are not trusted, so a site written just now takes a while.
func warmCache(b *testing.B, dir string) *loader.Cache {
	c := &loader.Cache{Dir: b.TempDir(), Version: "bench"}
	for range 3 {
		if res := startList(b, dir, c); res.FromCache == res.Files {
			return c
		}
		time.Sleep(2 * time.Second)
	}
	b.Fatal("the cache is never used")
	return nil
}

// BenchmarkSiteLoad is a first start: no cache.
func BenchmarkSiteLoad(b *testing.B) {
	eachSite(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			startList(b, dir, nil)
		}
	})
}

// BenchmarkSiteCached is a second start on a site that has not changed.
func BenchmarkSiteCached(b *testing.B) {
	eachSite(b, func(b *testing.B, dir string) {
		c := warmCache(b, dir)
		defer reportCPU(b)()
		for b.Loop() {
			if res := startList(b, dir, c); res.FromCache != res.Files {
				b.Fatalf("%d of %d files from the cache", res.FromCache, res.Files)
			}
		}
	})
}

// BenchmarkSiteCachedOneChanged is a second start after one page was
// saved: it reads that page, and leaves the cache as it is.
func BenchmarkSiteCachedOneChanged(b *testing.B) {
	eachSite(b, func(b *testing.B, dir string) {
		c := warmCache(b, dir)
		one := filepath.Join(dir, "content", "posts", "_index.md")
		base := time.Now().Add(-time.Hour)
		i := 0
		defer reportCPU(b)()
		for b.Loop() {
			b.StopTimer()
			i++
			at := base.Add(time.Duration(i) * time.Second) // a new stamp, not a recent one
			if err := os.Chtimes(one, at, at); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if res := startList(b, dir, c); res.FromCache != res.Files-1 {
				b.Fatalf("%d of %d files from the cache", res.FromCache, res.Files)
			}
		}
	})
}

// BenchmarkSiteReadFloor reads every file of the site whole, on all cores.
func BenchmarkSiteReadFloor(b *testing.B) {
	eachSite(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			onAllCores(b, dir, func([]byte) {})
		}
	})
}

// BenchmarkSiteFrontFloor reads what a load must: the term pages whole,
// the content pages up to the end of their front matter (the first 8 KB,
// and on while the front matter goes on), on all cores.
func BenchmarkSiteFrontFloor(b *testing.B) {
	eachSite(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			readFronts(b, dir)
		}
	})
}

// readFronts reads the files under dir as a load of a site must.
func readFronts(b *testing.B, dir string) {
	onAllCoresPaths(b, dir, func(p string) {
		if isTermPage(p) {
			if _, err := os.ReadFile(p); err != nil {
				b.Error(err)
			}
			return
		}
		f, err := os.Open(p)
		if err != nil {
			b.Error(err)
			return
		}
		defer f.Close()
		buf := make([]byte, 8<<10)
		n, _ := io.ReadFull(f, buf)
		for n == len(buf) && frontOpen(buf[:n]) {
			buf = append(buf, make([]byte, len(buf))...)
			m, _ := io.ReadFull(f, buf[n:])
			n += m
		}
	})
}

// isTermPage says which files of a synthetic site are term pages.
func isTermPage(p string) bool {
	p = filepath.ToSlash(p)
	for _, tax := range []string{"/concepts/", "/categories/", "/tags/"} {
		if strings.Contains(p, "/content"+tax) {
			return true
		}
	}
	return false
}

// frontOpen says whether the front matter at the start of b goes on past it.
func frontOpen(b []byte) bool {
	for _, delim := range []string{"---\n", "+++\n"} {
		if rest, ok := bytes.CutPrefix(b, []byte(delim)); ok {
			return !bytes.Contains(rest, []byte("\n"+delim))
		}
	}
	return false
}

// The cost of reading a site's content pages: a site of a thousand terms
// and 20k or 100k pages, loaded without a cache, against reading what the
// load reads (the term pages whole, the content pages to the end of their
// front matter) and against decoding every page's front matter with its
// format's decoder into a map, on all cores, and nothing else.
//
//	go test -run '^$' -bench 'Pages' -benchmem ./loader

var benchPages = []struct {
	name         string
	terms, pages int
}{{"1k", 1_000, 1_000}, {"20k", 1_000, 20_000}, {"100k", 1_000, 100_000}}

func eachPages(b *testing.B, bench func(b *testing.B, dir string)) {
	for _, s := range benchPages {
		b.Run(s.name, func(b *testing.B) {
			dir, err := synth.CachedSite(s.terms, s.pages, 1)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(filesSize(b, dir))
			bench(b, dir)
		})
	}
}

// BenchmarkPagesLoad loads the site as list does, without a cache.
func BenchmarkPagesLoad(b *testing.B) {
	eachPages(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			startList(b, dir, nil)
		}
	})
}

// BenchmarkPagesFrontFloor reads what the load reads.
func BenchmarkPagesFrontFloor(b *testing.B) {
	eachPages(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			readFronts(b, dir)
		}
	})
}

// BenchmarkPagesDecodeFloor reads every file whole and decodes its front
// matter into a map.
func BenchmarkPagesDecodeFloor(b *testing.B) {
	eachPages(b, func(b *testing.B, dir string) {
		defer reportCPU(b)()
		for b.Loop() {
			onAllCores(b, dir, decodeFrontMatter(b))
		}
	})
}

// The cost of loading a real Hugo site, jupiterbroadcasting (2,263 pages,
// 15k tags, front matter in JSON, YAML and TOML), against its floor:
// reading every content file and decoding its front matter into a map with
// its format's decoder, on all cores, and nothing else. The target is a
// load within 1.5x the floor:
//
//	go test -run '^$' -bench 'Site' -benchmem ./loader

// benchSite is the real site the two benchmarks read, skipped when absent.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := sharedPath("corpus", "hugo-sites", "jupiterbroadcasting")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no site at %s", dir)
	}
	return dir
}

// BenchmarkLoadSite reads the site as every command does: the config, every
// page up to the end of its front matter, and the graph of each language.
func BenchmarkLoadSite(b *testing.B) {
	dir := benchSite(b)
	defer reportCPU(b)()
	for b.Loop() {
		res, err := loader.Load(dir, loader.Options{NoBodies: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, lang := range res.LanguageCodes() {
			res.Graph(lang)
		}
	}
}

// BenchmarkSiteFrontMatterFloor reads every content file of the site and
// decodes its front matter into a map, YAML with yaml.v3, TOML with
// go-toml, JSON with encoding/json.
func BenchmarkSiteFrontMatterFloor(b *testing.B) {
	dir := filepath.Join(benchSite(b), "content")
	defer reportCPU(b)()
	for b.Loop() {
		onAllCores(b, dir, decodeFrontMatter(b))
	}
}

// decodeFrontMatter decodes a file's front matter into a map: YAML with
// yaml.v3, TOML with go-toml, JSON with encoding/json.
func decodeFrontMatter(b *testing.B) func([]byte) {
	return func(data []byte) {
		var m map[string]any
		var err error
		switch {
		case bytes.HasPrefix(data, []byte("---\n")):
			front, _, _ := bytes.Cut(data[4:], []byte("\n---"))
			err = yaml.Unmarshal(front, &m)
		case bytes.HasPrefix(data, []byte("+++\n")):
			front, _, _ := bytes.Cut(data[4:], []byte("\n+++"))
			err = toml.Unmarshal(front, &m)
		case bytes.HasPrefix(data, []byte("{")):
			err = json.NewDecoder(bytes.NewReader(data)).Decode(&m)
		}
		if err != nil {
			b.Error(err)
		}
	}
}

// reportCPU reports, once the benchmark's loop is over, the CPU time (user
// and system, every core) an op took, beside its wall time: the machine
// these run on is shared, and CPU time is the steadier of the two.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}
