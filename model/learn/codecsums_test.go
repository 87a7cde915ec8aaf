package learn_test

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"testing"

	"taxo/model"
	"taxo/model/learn"
)

// TestCodecSums checks that a kept model's bytes and its fingerprint are
// the ones every build since the format was made wrote, to the byte: a
// model kept on a user's disk stays valid. A sum that changes means the
// format changed, which needs its version raised.
func TestCodecSums(t *testing.T) {
	got := map[string]string{}
	for _, tc := range codecCases(t) {
		got["fingerprint "+tc.name] = sum(learn.Fingerprint(tc.terms, tc.examples))
		data, err := learn.New(tc.terms, tc.examples).AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got["model "+tc.name] = sum(sha256.Sum256(data))
	}
	// Strings longer than the runs the fingerprint hashes in.
	long := strings.Repeat("Sourdough starter, fed and folded. ", 5000)
	terms := []*model.Term{{ID: "tags/bread", Kind: model.Tag, Slug: "bread", Title: "Bread", Description: long[:70000], Defined: true}}
	got["fingerprint long"] = sum(learn.Fingerprint(terms, []learn.Example{{Path: "a.md", Title: "A", Text: long, Terms: []model.ID{"tags/bread"}}}))
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if got[name] != codecSums[name] {
			t.Errorf("%q: %s, want %s", name, got[name], codecSums[name])
		}
	}
}

func sum(s [32]byte) string { return hex.EncodeToString(s[:8]) }

// codecSums are the first 8 bytes of each sum, in hex.
var codecSums = map[string]string{
	"fingerprint a few pages":          "3e54b3c8e9fa8031",
	"fingerprint a synthetic site":     "c60554c98a370c27",
	"fingerprint long":                 "af26385dd1d220bc",
	"fingerprint no pages":             "6748b81ce80c8c0d",
	"fingerprint the magazine's pages": "0f03b58f90f9e4d8",
	"model a few pages":                "298a962146d6b4dc",
	"model a synthetic site":           "2f3de7c3bbd1cf82",
	"model no pages":                   "6969c8e8bd850f78",
	"model the magazine's pages":       "0ad54a7111b7c939",
}
