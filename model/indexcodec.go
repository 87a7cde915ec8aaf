package model

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"slices"
	"strings"
)

// A search index is kept between processes (the index cache keeps it
// beside the graph) as its arrays, written in full; reading it back checks
// every number against the graph it is read for, so that a damaged file
// gives no index, never one that points outside the graph.

// indexMagic opens an encoded index.
const indexMagic = "taxo-search-index-1\n"

// Store keeps what is built from a load between processes: the index
// cache (loader.Keeper). The model does no I/O itself.
type Store interface {
	// Read is what was kept under name, with the fingerprint of what it
	// was built from; ok is false when nothing whole is kept.
	Read(name string) (sum [32]byte, data string, ok bool)
	// Write keeps under name what encode gives, for what has the
	// fingerprint sum, in the background; nil from encode keeps nothing.
	Write(name string, sum [32]byte, encode func() []byte)
}

// KeptIndex is NewIndex(g): read from store when it keeps an index built
// from the same text (IndexFingerprint), else built and handed to store
// to keep. With a nil store it is NewIndex.
func KeptIndex(g *Graph, store Store) *Index {
	if store == nil {
		return NewIndex(g)
	}
	name := "search index"
	for _, t := range g.terms {
		if t.Lang != "" {
			name += " " + t.Lang // a site keeps one per language
			break
		}
	}
	var keptSum [32]byte
	var data string
	var ok bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		keptSum, data, ok = store.Read(name)
	}()
	sum := IndexFingerprint(g, DefaultLanguage)
	<-done
	if ok && keptSum == sum {
		if ix, ok := IndexFromBinary(g, DefaultLanguage, data); ok {
			return ix
		}
	}
	ix := NewIndex(g)
	store.Write(name, sum, func() []byte { return ix.AppendBinary(nil) })
	return ix
}

// IndexFingerprint is the SHA-256 of everything NewIndexLang(g, lang)
// reads: the language, and of every term, in display order, whether it is
// defined and the text of each field search reads.
func IndexFingerprint(g *Graph, lang string) [32]byte {
	h := textHasher{h: sha256.New()}
	h.str(indexMagic)
	h.str(stemLanguage(lang))
	h.num(uint64(len(g.terms)))
	for _, t := range g.terms {
		if !t.Defined {
			h.num(0)
			continue
		}
		h.num(1)
		for f := range numFields {
			h.str(f.text(t))
		}
	}
	var sum [32]byte
	h.h.Sum(sum[:0])
	return sum
}

// textHasher hashes values, each string after its length, a run at a
// time through buf (a whole body converted to bytes would be copied).
type textHasher struct {
	h   hash.Hash
	buf [4096]byte
}

func (t *textHasher) num(n uint64) { t.h.Write(binary.AppendUvarint(t.buf[:0], n)) }

func (t *textHasher) str(s string) {
	t.num(uint64(len(s)))
	for len(s) > 0 {
		n := copy(t.buf[:], s)
		t.h.Write(t.buf[:n])
		s = s[n:]
	}
}

// AppendBinary appends the index's encoding to b, for IndexFromBinary.
func (ix *Index) AppendBinary(b []byte) []byte {
	// Room for it all at once: grown by doubling, the encoding of a large
	// index would take twice its size at the peak.
	size := len(indexMagic) + 128 + len(ix.pos) + 5*(len(ix.start)+len(ix.docs)+len(ix.posStart)+len(ix.stemStart)+len(ix.stemWords)) +
		2*len(ix.imp) + 5*int(numFields)*len(ix.bounds)
	for _, ws := range [...][]string{ix.words, ix.stems} {
		for _, w := range ws {
			size += len(w) + 5
		}
	}
	b = slices.Grow(b, size)
	b = append(b, indexMagic...)
	b = binary.AppendUvarint(b, uint64(numFields))
	b = binary.AppendUvarint(b, uint64(len(ix.g.terms)))
	b = appendString(b, ix.lang)
	b = binary.AppendUvarint(b, uint64(ix.ndocs))
	for _, x := range ix.avgLen {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	b = appendStrings(b, ix.words)
	b = appendInts(b, ix.start)
	b = appendInts(b, ix.docs)
	b = binary.AppendUvarint(b, uint64(len(ix.imp)))
	for _, x := range ix.imp {
		b = binary.LittleEndian.AppendUint16(b, x)
	}
	b = appendString(b, string(ix.pos))
	b = binary.AppendUvarint(b, uint64(len(ix.posStart)))
	for _, x := range ix.posStart {
		b = binary.AppendUvarint(b, uint64(x))
	}
	b = binary.AppendUvarint(b, uint64(len(ix.bounds)))
	for _, bs := range ix.bounds {
		for _, x := range bs {
			b = binary.AppendVarint(b, int64(x))
		}
	}
	b = appendStrings(b, ix.stems)
	b = appendInts(b, ix.stemStart)
	return appendInts(b, ix.stemWords)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

func appendInts(b []byte, xs []int32) []byte {
	b = binary.AppendUvarint(b, uint64(len(xs)))
	for _, x := range xs {
		b = binary.AppendVarint(b, int64(x))
	}
	return b
}

// IndexFromBinary is the index NewIndexLang(g, lang) would build, read
// from data (as AppendBinary wrote it for the same text) instead. It
// reports false when data does not check out: cut short, written for
// another graph, or any number in it out of range.
func IndexFromBinary(g *Graph, lang string, data string) (*Index, bool) {
	if len(data) < len(indexMagic) || data[:len(indexMagic)] != indexMagic {
		return nil, false
	}
	r := &ixReader{s: data[len(indexMagic):]}
	ix := &Index{g: g}
	if r.uint() != uint64(numFields) || r.uint() != uint64(len(g.terms)) {
		return nil, false
	}
	ix.lang = r.str()
	ix.ndocs = int(r.uint())
	for f := range ix.avgLen {
		ix.avgLen[f] = math.Float64frombits(r.fixed(8))
	}
	ix.words = r.strs()
	ix.start = r.ints()
	ix.docs = r.ints()
	ix.imp = make([]uint16, r.count(2))
	for i := range ix.imp {
		ix.imp[i] = uint16(r.fixed(2))
	}
	ix.pos = []byte(r.span())
	ix.posStart = make([]int, r.count(1))
	for i := range ix.posStart {
		ix.posStart[i] = int(r.uint())
	}
	ix.bounds = make([][numFields]int32, r.count(int(numFields)))
	for i := range ix.bounds {
		for f := range ix.bounds[i] {
			ix.bounds[i][f] = int32(r.int())
		}
	}
	ix.stems = r.strs()
	ix.stemStart = r.ints()
	ix.stemWords = r.ints()
	if r.bad || r.s != "" || ix.lang != stemLanguage(lang) || !ix.valid() {
		return nil, false
	}
	// As newIndex leaves them, made by appending: none without a stemmer,
	// or without terms.
	if ix.lang == "" {
		ix.stems, ix.stemStart, ix.stemWords = nil, nil, nil
	}
	if len(ix.stems) == 0 {
		ix.stems = nil
	}
	if len(ix.bounds) == 0 {
		ix.bounds = nil
	}
	return ix, true
}

// valid checks every number of a read index against its graph and its
// own arrays: what a search or a cursor would index with.
func (ix *Index) valid() bool {
	n := int32(len(ix.g.terms))
	if !slices.IsSorted(ix.words) || len(ix.start) != len(ix.words)+1 || ix.start[0] != 0 ||
		int(ix.start[len(ix.words)]) != len(ix.docs) || len(ix.imp) != len(ix.docs) ||
		len(ix.posStart) != len(ix.words)+1 || ix.posStart[0] != 0 || ix.posStart[len(ix.words)] != len(ix.pos) ||
		len(ix.bounds) != int(n) || ix.ndocs < 0 || ix.ndocs > int(n) {
		return false
	}
	for w := range ix.words {
		if w > 0 && ix.words[w] == ix.words[w-1] || ix.start[w+1] < ix.start[w] || !ix.validPostings(int32(w)) {
			return false
		}
	}
	if ix.lang == "" {
		return len(ix.stems) == 0 && len(ix.stemStart) == 0 && len(ix.stemWords) == 0
	}
	if !slices.IsSorted(ix.stems) || len(ix.stemStart) != len(ix.stems)+1 || len(ix.stemWords) != len(ix.words) ||
		ix.stemStart[0] != 0 || int(ix.stemStart[len(ix.stems)]) != len(ix.stemWords) {
		return false
	}
	for i := range ix.stems {
		if ix.stemStart[i+1] < ix.stemStart[i] {
			return false
		}
	}
	for _, w := range ix.stemWords {
		if w < 0 || int(w) >= len(ix.words) {
			return false
		}
	}
	return true
}

// validPostings checks word w's postings: terms of the graph, in order,
// each with a run of whole positions, the runs filling the word's part of
// pos.
func (ix *Index) validPostings(w int32) bool {
	at := ix.posStart[w]
	if at < 0 || at > ix.posStart[w+1] || ix.posStart[w+1] > len(ix.pos) {
		return false
	}
	for i := ix.start[w]; i < ix.start[w+1]; i++ {
		if d := ix.docs[i]; d < 0 || d >= int32(len(ix.g.terms)) || i > ix.start[w] && d <= ix.docs[i-1] {
			return false
		}
		size, k := binary.Uvarint(ix.pos[at:])
		if k <= 0 || size > uint64(len(ix.pos)-at-k) {
			return false
		}
		run := ix.pos[at+k : at+k+int(size)]
		for len(run) > 0 {
			_, k := binary.Uvarint(run)
			if k <= 0 {
				return false
			}
			run = run[k:]
		}
		at += k + int(size)
	}
	return at == ix.posStart[w+1]
}

// ixReader reads an encoded index; a read past its end makes bad true,
// never a panic. The strings it gives are copies: an index keeps none of
// what it was read from.
type ixReader struct {
	s   string
	bad bool
}

func (r *ixReader) uint() uint64 {
	v, k := binary.Uvarint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if k <= 0 {
		r.bad, r.s = true, ""
		return 0
	}
	r.s = r.s[k:]
	return v
}

func (r *ixReader) int() int64 {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// fixed reads a number of size bytes, least significant first.
func (r *ixReader) fixed(size int) uint64 {
	if len(r.s) < size {
		r.bad, r.s = true, ""
		return 0
	}
	var v uint64
	for i := range size {
		v |= uint64(r.s[i]) << (8 * i)
	}
	r.s = r.s[size:]
	return v
}

// count reads a number of items of at least size bytes each, bounded by
// what is left, so that a corrupt one cannot ask for a huge slice.
func (r *ixReader) count(size int) int {
	n := r.uint()
	if n > uint64(len(r.s)/size) {
		r.bad, r.s = true, ""
		return 0
	}
	return int(n)
}

// span reads a string's length and skips it, returning it uncopied.
func (r *ixReader) span() string {
	n := r.count(1)
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *ixReader) str() string { return strings.Clone(r.span()) }

// strs reads strings into one copy, cut into them.
func (r *ixReader) strs() []string {
	n := r.count(1)
	spans := make([]string, n)
	total := 0
	for i := range spans {
		spans[i] = r.span()
		total += len(spans[i])
	}
	var all strings.Builder
	all.Grow(total)
	for _, s := range spans {
		all.WriteString(s)
	}
	joined := all.String()
	for i, s := range spans {
		spans[i], joined = joined[:len(s)], joined[len(s):]
	}
	return spans
}

func (r *ixReader) ints() []int32 {
	n := r.count(1)
	xs := make([]int32, n)
	for i := range xs {
		v := r.int()
		if v < math.MinInt32 || v > math.MaxInt32 {
			r.bad = true
		}
		xs[i] = int32(v)
	}
	return xs
}
