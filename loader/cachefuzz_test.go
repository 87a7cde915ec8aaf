package loader

import (
	"bufio"
	"io"
	"path/filepath"
	"testing"

	"taxo/model"
)

// FuzzCacheBlock: whatever a block of the index cache holds, reading its
// records never panics, and a record it gives can be used.
func FuzzCacheBlock(f *testing.F) {
	kinds := map[uint64]model.Kind{}
	for _, dir := range []string{"site", "hugo/term-pages", "hugo/front-matter-formats"} {
		res, err := Load(filepath.Join("testdata", dir), Options{Remember: true})
		if err != nil {
			f.Fatal(err)
		}
		w := &cacheWriter{w: bufio.NewWriter(io.Discard), enc: recordEncoder{kinds: map[model.Kind]bool{}}}
		for _, p := range res.memory.files {
			w.add(p)
		}
		w.flushBlock()
		for k := range w.enc.kinds {
			kinds[uint64(k)] = k
		}
		n := 0
		if d := (&recordDecoder{kinds: kinds}); !d.block(w.payload, func(*fileParser) { n++ }) || n != len(res.memory.files) {
			f.Fatalf("%s: %d of %d records read back", dir, n, len(res.memory.files))
		}
		f.Add(w.payload)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &recordDecoder{kinds: kinds}
		d.block(data, func(p *fileParser) {
			if p.term != nil {
				_ = p.term.term.Title + p.term.term.Body
				for _, refs := range p.term.term.Refs {
					for _, r := range refs {
						_ = r.Title
					}
				}
			}
			if p.page != nil {
				_ = p.page.Path + p.page.Date.String()
			}
		})
	})
}
