// Package codec holds what taxo's kept files (the graph's snapshot, the
// search index, the learned model, the index cache) are written and read
// with: numbers as varints, as encoding/binary writes them, or in a fixed
// number of bytes, least significant first; strings after their lengths.
// What each file holds, and in which order, is its own package's.
//
// A Reader or a StreamReader never panics on what it reads: a read past
// the end, a number that does not fit, or a count of more items than are
// left makes it bad, and every read after that gives zeros. Whoever reads
// a file checks Bad at the end, and the numbers it uses against what they
// index.
package codec

import "encoding/binary"

// uvarint is binary.Uvarint, for a string too: n is 0 when b ends within
// the number, less than 0 when it does not fit in 64 bits.
func uvarint[T string | []byte](b T) (x uint64, n int) {
	var s uint
	for i := 0; i < len(b); i++ {
		c := b[i]
		if i == binary.MaxVarintLen64 {
			return 0, -(i + 1)
		}
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -(i + 1)
			}
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, 0
}

// zigzag is the number binary.AppendVarint wrote as u.
func zigzag(u uint64) int64 {
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// le16, le32 and le64 are the numbers of the first 2, 4 and 8 bytes of
// b, least significant first, as encoding/binary's LittleEndian reads
// them, from a string too.
func le16[T string | []byte](b T) uint16 {
	_ = b[1]
	return uint16(b[0]) | uint16(b[1])<<8
}

func le32[T string | []byte](b T) uint32 {
	_ = b[3]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func le64[T string | []byte](b T) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
