package learn_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
		stamps := make([]string, len(tc.examples))
		for i := 0; i < len(stamps); i += 2 {
			stamps[i] = fmt.Sprintf("stamp %d", i)
		}
		got["fingerprint stamped "+tc.name] = sum(learn.FingerprintStamped(tc.terms, tc.examples, stamps))
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
	"fingerprint a few pages":                  "258e52f624deaabc",
	"fingerprint a synthetic site":             "60a0e422f91a1236",
	"fingerprint long":                         "2f5def0d16178b14",
	"fingerprint no pages":                     "6748b81ce80c8c0d",
	"fingerprint stamped a few pages":          "5ebc2ed706846db8",
	"fingerprint stamped a synthetic site":     "d8c3c57a07986bca",
	"fingerprint stamped no pages":             "6748b81ce80c8c0d",
	"fingerprint stamped the magazine's pages": "6c1891643f901cd5",
	"fingerprint the magazine's pages":         "e0b1de272530ba8a",
	"model a few pages":                        "298a962146d6b4dc",
	"model a synthetic site":                   "2f3de7c3bbd1cf82",
	"model no pages":                           "6969c8e8bd850f78",
	"model the magazine's pages":               "0ad54a7111b7c939",
}
