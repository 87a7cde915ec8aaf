package loader_test

import (
	"bytes"
	"encoding/json"
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
		for b.Loop() {
			res, err := loader.Load(dir, loader.Options{})
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
		prev, err := loader.Load(dir, loader.Options{Remember: true})
		if err != nil {
			b.Fatal(err)
		}
		var one string // a term's file, not a folder's _index.md
		for _, p := range termFiles(b, dir) {
			if filepath.Base(p) != "_index.md" {
				one = p
				break
			}
		}
		base := time.Now().Add(-time.Hour)
		i := 0
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

// BenchmarkLink is the linking part of BenchmarkLoad alone.
func BenchmarkLink(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		res, err := loader.Load(dir, loader.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			model.New(res.Terms)
		}
	})
}

// BenchmarkReadFloor reads every file on all cores while one goroutine
// walks the folders, and does nothing with them.
func BenchmarkReadFloor(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		for b.Loop() {
			onAllCores(b, dir, func([]byte) {})
		}
	})
}

// BenchmarkParseFloor is the read floor plus cutting out each file's
// front matter and decoding it with yaml.v3 into a map, and nothing else.
func BenchmarkParseFloor(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
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
	paths := make(chan string, 1024)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range paths {
				data, err := os.ReadFile(p)
				if err != nil {
					b.Error(err)
					continue
				}
				use(data)
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
	for b.Loop() {
		onAllCores(b, dir, func(data []byte) {
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
		})
	}
}
