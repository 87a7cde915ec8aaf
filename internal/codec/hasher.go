package codec

import (
	"crypto/sha256"
	"hash"
)

// Hasher is a StreamWriter into a SHA-256 hash: a fingerprint of values, each
// string after its length, so that no two lists of values hash alike by
// running into each other. It hashes in runs of 64 KB, copying a long
// string a run at a time rather than converting it whole.
type Hasher struct {
	StreamWriter
	h hash.Hash
}

// NewHasher is a Hasher of nothing yet.
func NewHasher() *Hasher {
	h := sha256.New()
	return &Hasher{StreamWriter: NewStreamWriter(h, nil), h: h}
}

// Sum is the SHA-256 of what was written.
func (h *Hasher) Sum() [32]byte {
	h.flush()
	var sum [32]byte
	h.h.Sum(sum[:0])
	return sum
}
