package model_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

// TestCodecSums checks that the kept formats' bytes are the ones every
// build since the formats were made wrote, to the byte: a kept graph,
// search index or fingerprint on a user's disk stays valid. A sum that
// changes means a format changed, which needs its version raised.
func TestCodecSums(t *testing.T) {
	synthetic := model.New(loader.LoadFS(synth.FS(synth.Generate(500, 1)), nil, loader.Options{}).Terms)
	got := map[string]string{}
	for name, g := range indexGraphs(t) {
		got["index fingerprint "+name] = sum(model.IndexFingerprint(g, model.DefaultLanguage))
		data := model.NewIndex(g).AppendBinary(nil)
		got["index "+name] = sum(sha256.Sum256(data))
		var streamed bytes.Buffer
		if err := model.NewIndex(g).WriteBinary(&streamed); err != nil || !bytes.Equal(streamed.Bytes(), data) {
			t.Errorf("%s: the index written as a stream is not the one appended (%v)", name, err)
		}
	}
	got["index fingerprint synthetic, no stemmer"] = sum(model.IndexFingerprint(synthetic, "xx"))
	// Strings longer than the runs the encoders write and hash in.
	long := strings.Repeat("Sourdough starter, fed and folded. ", 5000)
	big := model.New([]*model.Term{term("tags/long", long[:70000], map[string]string{"body": long, "description": long[:5000]})})
	got["index fingerprint long"] = sum(model.IndexFingerprint(big, model.DefaultLanguage))
	got["index long"] = sum(sha256.Sum256(model.NewIndex(big).AppendBinary(nil)))
	got["fingerprint long"] = sum(model.Fingerprint(model.Content{Kinds: model.Kinds[:], Terms: big.Terms()}))
	// Kinds a site declares are numbered in the order they are declared,
	// which other tests' order changes: these contents have the three.
	contents := map[string]model.Content{
		"terms": {Kinds: model.Kinds[:], Terms: orchard()},
		"repeated and odd": {Kinds: model.Kinds[:], Terms: append(orchard(), mk("tags/baking", "Baking Again", 0), mk("tags/blank", " ", 0),
			lists(mk("tags/self", "Self", 0), model.Tag, "Self", "", "Nowhere"))},
		"orchard site": orchardSite(),
		"empty":        {Kinds: model.Kinds[:]},
	}
	for name, c := range contents {
		got["fingerprint "+name] = sum(model.Fingerprint(c))
		data := model.NewSite(c).AppendSnapshot(nil, c)
		// The maps' order in a snapshot changes from one run to the next:
		// its bytes, sorted, do not.
		slices.Sort(data)
		got["snapshot's bytes sorted "+name] = sum(sha256.Sum256(data))
	}
	got["snapshot small site"] = snapshotSums(t)
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if got[name] != codecSums[name] {
			t.Errorf("%q: %s, want %s", name, got[name], codecSums[name])
		}
	}
}

// orchardSite is a site's language with the three kinds: terms with
// files and pages carrying them and terms that have none.
func orchardSite() model.Content {
	return model.Content{
		Kinds: model.Kinds[:],
		Terms: orchard(),
		Pages: []*model.Page{
			page("content/post/b.md", "2024-02-01", "tags/Cider", "tags/Self Hosted", "categories/Baking"),
			page("content/post/a.md", "2024-01-01", "tags/cider", "tags/self-hosted", "tags/Cider"),
			page("content/post/c.md", "", "categories/Learn Go"),
			page("content/post/d.md", "2024-03-01"),
		},
	}
}

// snapshotSums are the sums of a small site's snapshot in every order its
// maps are written in: small enough that a few thousand runs meet them
// all.
func snapshotSums(t *testing.T) string {
	c := model.Content{
		Kinds: model.Kinds[:],
		Terms: []*model.Term{mk("tags/go", "Go", 0), mk("tags/unused", "Unused", 0)},
		Pages: []*model.Page{
			page("content/post/b.md", "2024-02-01", "tags/Go", "tags/Self Hosted", "categories/Learn Go"),
			page("content/post/a.md", "2024-01-01", "tags/go", "tags/self-hosted", "tags/Go"),
		},
	}
	seen := map[string]bool{}
	for range 5000 {
		seen[sum(sha256.Sum256(model.NewSite(c).AppendSnapshot(nil, c)))] = true
	}
	sums := slices.Sorted(maps.Keys(seen))
	t.Logf("a small site's snapshot in %d orders", len(sums))
	return sum(sha256.Sum256(fmt.Append(nil, sums)))
}

func sum(s [32]byte) string { return hex.EncodeToString(s[:8]) }

// codecSums are the first 8 bytes of each sum, in hex.
var codecSums = map[string]string{
	"fingerprint orchard site":                 "ef66999551b4b7dc",
	"snapshot small site":                      "d0f148732734985b",
	"snapshot's bytes sorted orchard site":     "b2e339f96984349f",
	"fingerprint empty":                        "899912446f9ead97",
	"fingerprint long":                         "2eb453a3f2455a54",
	"fingerprint repeated and odd":             "f98de132738d5800",
	"fingerprint site":                         "697d835f2ef87b11",
	"fingerprint site with lists":              "759fa4250938abc1",
	"fingerprint terms":                        "4640bfe5d2f1fc3c",
	"index empty":                              "e74bd0d9280e23ca",
	"index fingerprint empty":                  "ce8e20ebf2b64f06",
	"index fingerprint long":                   "7626f4c9300fe0f6",
	"index fingerprint sample":                 "90783dee8fcc2bcf",
	"index fingerprint synthetic":              "6b13faa0827958cf",
	"index fingerprint synthetic, no stemmer":  "133e58306bdd852a",
	"index long":                               "a0a6ca330fdb1cf9",
	"index sample":                             "015a45d322a71c85",
	"index synthetic":                          "376a757e9e29e5c0",
	"snapshot garden":                          "84029f7ee2d7e6d3",
	"snapshot's bytes sorted empty":            "f3622b075373043e",
	"snapshot's bytes sorted repeated and odd": "20b61575aa996e36",
	"snapshot's bytes sorted site":             "d5c0f4472893873e",
	"snapshot's bytes sorted site with lists":  "d32dba2d95245d96",
	"snapshot's bytes sorted terms":            "4f2b474749338591",
}
