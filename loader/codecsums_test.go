package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"taxo/model"
)

// TestCodecSums checks that a cache file's bytes are the ones every build
// since its format was made wrote, to the byte, for the records of
// folders of every sort (their stamps made up, which differ from one
// checkout to the next): a cache on a user's disk stays valid. A sum that
// changes means the format changed, which needs cacheMagic raised. The
// file is then read back, every record of it.
func TestCodecSums(t *testing.T) {
	dirs := []string{"site", "front-matter-formats", "dates", "problem-positions", "hugo/term-pages", "hugo/front-matter-formats", "hugo/dates", "hugo/custom-taxonomy"}
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("CET", 3600)}
	got := map[string]string{}
	for _, dir := range dirs {
		res, err := Load(filepath.Join("testdata", dir), Options{Remember: true})
		if err != nil {
			t.Fatal(err)
		}
		results := slices.SortedFunc(maps.Values(res.memory.files), func(a, b *fileParser) int { return strings.Compare(a.rel, b.rel) })
		for i, p := range results {
			at := time.Date(2024, 1, 2, 3, 4, 5, i, zones[i%len(zones)])
			p.stamp = stamp{size: p.stamp.size, modTime: at, ino: uint64(i), ctime: int64(i) << 20}
		}
		walk := walkResult{
			problems: []model.Problem{{Path: "content", Line: 1, Col: 2, Severity: model.Warning, Err: errors.New("odd")}},
			log:      &walkLog{dirs: []dirStamp{{path: "content", stamp: stamp{size: 4096, modTime: time.Unix(1e9, 0).UTC()}}}},
		}
		e := cacheEntry{path: filepath.Join(t.TempDir(), "cache"), key: "codec sums"}
		started := time.Unix(1.7e9, 5)
		if err := writeCache(e, results, started, 1<<20, false, "config", walk, nil); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(e.path)
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(data)
		got[dir] = hex.EncodeToString(s[:8])
		if n := readAll(t, e); n != len(results) {
			t.Errorf("%s: %d records read back of %d", dir, n, len(results))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if got[name] != codecSums[name] {
			t.Errorf("%q: %s, want %s", name, got[name], codecSums[name])
		}
	}
}

// readAll reads every record of the cache file of e; how many.
func readAll(t *testing.T, e cacheEntry) int {
	c := openCache(e, 1<<20, false, "config")
	if c == nil {
		t.Fatal("the cache file is not read back")
	}
	defer c.f.Close()
	n := 0
	d := c.decoder()
	for i := range c.blocks {
		ps := c.readBlock(d, i)
		if ps == nil {
			t.Fatalf("block %d is not read back", i)
		}
		n += len(ps)
	}
	return n
}

// codecSums are the first 8 bytes of each sum, in hex.
var codecSums = map[string]string{
	"dates":                     "cc6ee6566823c83a",
	"front-matter-formats":      "9ede28d7178f8d98",
	"hugo/custom-taxonomy":      "c8f28d7e1beabb8c",
	"hugo/dates":                "4b30e1d3a2fa821c",
	"hugo/front-matter-formats": "457d7bd9ef605502",
	"hugo/term-pages":           "7c9d178b1ba95e0d",
	"problem-positions":         "7a6660cfc0ee6db8",
	"site":                      "238a889145a4ccb8",
}
