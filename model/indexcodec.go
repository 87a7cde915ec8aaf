package model

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io"
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
	// Open is what was kept under name, to be read as a stream, with the
	// fingerprint of what it was built from; ok is false when nothing is
	// kept.
	Open(name string) (sum [32]byte, data KeptData, ok bool)
	// Write keeps under name what encode writes to w, for what has the
	// fingerprint sum, in the background; an error from encode keeps
	// nothing.
	Write(name string, sum [32]byte, encode func(w io.Writer) error)
}

// KeptData is what a Store kept, read as it is decoded: the file's bytes
// are never all in memory beside what they decode to.
type KeptData interface {
	io.Reader
	// Len is how many bytes are left to read.
	Len() int
	// Close closes it; the error says that it was not read to its end or
	// does not check out (its CRC), and then what was read from it is not
	// to be used.
	Close() error
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
	var data KeptData
	var ok bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		keptSum, data, ok = store.Open(name)
	}()
	sum := IndexFingerprint(g, DefaultLanguage)
	<-done
	if ok {
		var ix *Index
		if keptSum == sum {
			ix, ok = readIndex(g, DefaultLanguage, data)
		}
		if data.Close() == nil && ix != nil && ok {
			return ix
		}
	}
	ix := NewIndex(g)
	store.Write(name, sum, ix.WriteBinary)
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
	e := ixWriter{b: slices.Grow(b, size)}
	ix.encode(&e)
	return e.b
}

// WriteBinary writes the index's encoding (AppendBinary's) to w as it is
// made, a run of 64 KB at a time: keeping an index adds no copy of it in
// memory.
func (ix *Index) WriteBinary(w io.Writer) error {
	e := ixWriter{w: w, b: make([]byte, 0, 64<<10)}
	ix.encode(&e)
	e.write()
	return e.err
}

func (ix *Index) encode(e *ixWriter) {
	e.b = append(e.b, indexMagic...)
	e.uint(uint64(numFields))
	e.uint(uint64(len(ix.g.terms)))
	e.str(ix.lang)
	e.uint(uint64(ix.ndocs))
	for _, x := range ix.avgLen {
		e.fixed(math.Float64bits(x), 8)
	}
	e.strs(ix.words)
	e.ints(ix.start)
	e.ints(ix.docs)
	e.uint(uint64(len(ix.imp)))
	for _, x := range ix.imp {
		e.fixed(uint64(x), 2)
	}
	e.uint(uint64(len(ix.pos)))
	e.raw(ix.pos)
	e.uint(uint64(len(ix.posStart)))
	for _, x := range ix.posStart {
		e.uint(uint64(x))
	}
	e.uint(uint64(len(ix.bounds)))
	for _, bs := range ix.bounds {
		for _, x := range bs {
			e.int(int64(x))
		}
	}
	e.strs(ix.stems)
	e.ints(ix.stemStart)
	e.ints(ix.stemWords)
}

// ixWriter encodes an index into b; with a writer w, b is written to it
// whenever it holds 60 KB, and err is the first write that failed.
type ixWriter struct {
	w   io.Writer
	b   []byte
	err error
}

// write writes out what b holds.
func (e *ixWriter) write() {
	if e.err == nil {
		_, e.err = e.w.Write(e.b)
	}
	e.b = e.b[:0]
}

// room writes b out when it is full.
func (e *ixWriter) room() {
	if e.w != nil && len(e.b) >= 60<<10 {
		e.write()
	}
}

func (e *ixWriter) uint(x uint64) { e.room(); e.b = binary.AppendUvarint(e.b, x) }
func (e *ixWriter) int(x int64)   { e.room(); e.b = binary.AppendVarint(e.b, x) }

// fixed appends x in size bytes, least significant first.
func (e *ixWriter) fixed(x uint64, size int) {
	e.room()
	for range size {
		e.b = append(e.b, byte(x))
		x >>= 8
	}
}

// raw appends p, or writes it straight to w when it is large.
func (e *ixWriter) raw(p []byte) {
	if e.w == nil || len(p) < 4<<10 {
		e.b = append(e.b, p...)
		return
	}
	e.write()
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

func (e *ixWriter) str(s string) {
	e.uint(uint64(len(s)))
	e.room()
	e.b = append(e.b, s...)
}

func (e *ixWriter) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *ixWriter) ints(xs []int32) {
	e.uint(uint64(len(xs)))
	for _, x := range xs {
		e.int(int64(x))
	}
}

// IndexFromBinary is the index NewIndexLang(g, lang) would build, read
// from data (as AppendBinary wrote it for the same text) instead. It
// reports false when data does not check out: cut short, written for
// another graph, or any number in it out of range.
func IndexFromBinary(g *Graph, lang string, data string) (*Index, bool) {
	return readIndex(g, lang, strings.NewReader(data))
}

// readIndex is IndexFromBinary reading its data as a stream, all of it.
func readIndex(g *Graph, lang string, data interface {
	io.Reader
	Len() int
},
) (*Index, bool) {
	r := &ixReader{r: bufio.NewReaderSize(data, 64<<10), left: data.Len()}
	if string(r.span(len(indexMagic))) != indexMagic {
		return nil, false
	}
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
	ix.pos = r.span(r.count(1))
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
	if r.bad || r.left != 0 || ix.lang != stemLanguage(lang) || !ix.valid() {
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

// ixReader reads an encoded index from r, which holds left bytes more; a
// read past its end makes bad true, never a panic.
type ixReader struct {
	r    *bufio.Reader
	left int
	bad  bool
}

// fail marks the encoding bad: every read after it gives zeros.
func (r *ixReader) fail() {
	r.bad, r.left = true, 0
}

// byte reads a byte; 0 once bad.
func (r *ixReader) byte() byte {
	if r.left == 0 {
		r.fail()
		return 0
	}
	b, err := r.r.ReadByte()
	if err != nil {
		r.fail()
		return 0
	}
	r.left--
	return b
}

// uint reads a number written by binary.AppendUvarint.
func (r *ixReader) uint() uint64 {
	var v uint64
	for i := range binary.MaxVarintLen64 {
		b := r.byte()
		if r.bad {
			return 0
		}
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break // more than 64 bits
			}
			return v | uint64(b)<<(7*i)
		}
		v |= uint64(b&0x7f) << (7 * i)
	}
	r.fail()
	return 0
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
	var v uint64
	for i := range size {
		v |= uint64(r.byte()) << (8 * i)
	}
	return v
}

// count reads a number of items of at least size bytes each, bounded by
// what is left, so that a corrupt one cannot ask for a huge slice.
func (r *ixReader) count(size int) int {
	n := r.uint()
	if n > uint64(r.left/size) {
		r.fail()
		return 0
	}
	return int(n)
}

// span reads n bytes (no more than are left: count's).
func (r *ixReader) span(n int) []byte {
	if n > r.left {
		r.fail()
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.fail()
		return nil
	}
	r.left -= n
	return b
}

func (r *ixReader) str() string { return string(r.span(r.count(1))) }

// strs reads strings into one copy, cut into them.
func (r *ixReader) strs() []string {
	n := r.count(1)
	sizes := make([]int, n)
	var all strings.Builder
	var buf []byte
	for i := range sizes {
		sizes[i] = r.count(1)
		buf = slices.Grow(buf[:0], sizes[i])[:sizes[i]]
		if _, err := io.ReadFull(r.r, buf); err != nil {
			r.fail()
			return nil
		}
		r.left -= sizes[i]
		all.Write(buf)
	}
	joined := all.String()
	ss := make([]string, n)
	for i, size := range sizes {
		ss[i], joined = joined[:size], joined[size:]
	}
	return ss
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
