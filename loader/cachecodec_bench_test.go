package loader

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/model"
)

// BenchmarkCacheBlocks times reading the index cache's blocks of records
// back, and writing them, for the synthetic site of 20k terms and 20k
// pages: the part of a cached start the cache's codec takes, without the
// files' stats.
func BenchmarkCacheBlocks(b *testing.B) {
	dir, err := synth.CachedSite(20_000, 20_000, 1)
	if err != nil {
		b.Fatal(err)
	}
	res, err := Load(dir, Options{Remember: true, NoBodies: true})
	if err != nil {
		b.Fatal(err)
	}
	results := slices.SortedFunc(func(yield func(*fileParser) bool) {
		for _, p := range res.memory.files {
			if !yield(p) {
				return
			}
		}
	}, func(a, b *fileParser) int { return strings.Compare(a.rel, b.rel) })
	var blocks [][]byte
	kinds := map[uint64]model.Kind{}
	write := func() {
		w := &cacheWriter{w: bufio.NewWriter(io.Discard), enc: recordEncoder{kinds: map[model.Kind]bool{}}}
		for _, p := range results {
			w.add(p)
			if w.n == 0 { // a block was written
				blocks = append(blocks, slices.Clone(w.payload))
			}
		}
		w.flushBlock()
		blocks = append(blocks, slices.Clone(w.payload))
		for k := range w.enc.kinds {
			kinds[uint64(k)] = k
		}
	}
	write()
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			d := &recordDecoder{kinds: kinds}
			for _, blk := range blocks {
				if !d.block(blk, func(*fileParser) {}) {
					b.Fatal("a block does not check out")
				}
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			blocks = blocks[:0]
			write()
		}
	})
}
