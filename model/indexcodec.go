package model

import (
	"encoding/binary"
	"io"
	"slices"
	"strings"

	"taxo/internal/codec"
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
	h := codec.NewHasher()
	h.Str(indexMagic)
	h.Str(stemLanguage(lang))
	h.Uint(uint64(len(g.terms)))
	for _, t := range g.terms {
		if !t.Defined {
			h.Uint(0)
			continue
		}
		h.Uint(1)
		for f := range numFields {
			h.Str(f.text(t))
		}
	}
	return h.Sum()
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
	e := codec.NewStreamWriter(nil, slices.Grow(b, size))
	ix.encode(&e)
	return e.Bytes()
}

// WriteBinary writes the index's encoding (AppendBinary's) to w as it is
// made, a run of 64 KB at a time: keeping an index adds no copy of it in
// memory.
func (ix *Index) WriteBinary(w io.Writer) error {
	e := codec.NewStreamWriter(w, nil)
	ix.encode(&e)
	return e.Flush()
}

func (ix *Index) encode(e *codec.StreamWriter) {
	e.Text(indexMagic)
	e.Uint(uint64(numFields))
	e.Uint(uint64(len(ix.g.terms)))
	e.Str(ix.lang)
	e.Uint(uint64(ix.ndocs))
	for _, x := range ix.avgLen {
		e.Float64(x)
	}
	strs(e, ix.words)
	e.Int32s(ix.start)
	e.Int32s(ix.docs)
	e.Uint(uint64(len(ix.imp)))
	for _, x := range ix.imp {
		e.Fixed16(x)
	}
	e.Uint(uint64(len(ix.pos)))
	e.Raw(ix.pos)
	e.Uint(uint64(len(ix.posStart)))
	for _, x := range ix.posStart {
		e.Uint(uint64(x))
	}
	e.Uint(uint64(len(ix.bounds)))
	for _, bs := range ix.bounds {
		for _, x := range bs {
			e.Int(int64(x))
		}
	}
	strs(e, ix.stems)
	e.Int32s(ix.stemStart)
	e.Int32s(ix.stemWords)
}

// strs writes a list of strings: its length, then each.
func strs(e *codec.StreamWriter, ss []string) {
	e.Uint(uint64(len(ss)))
	for _, s := range ss {
		e.Str(s)
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
	r := codec.NewStreamReader(data, data.Len())
	if string(r.Span(len(indexMagic))) != indexMagic {
		return nil, false
	}
	ix := &Index{g: g}
	if r.Uint() != uint64(numFields) || r.Uint() != uint64(len(g.terms)) {
		return nil, false
	}
	ix.lang = r.Str()
	ix.ndocs = int(r.Uint())
	for f := range ix.avgLen {
		ix.avgLen[f] = r.Float64()
	}
	ix.words = r.Strs()
	ix.start = r.Int32s()
	ix.docs = r.Int32s()
	ix.imp = make([]uint16, r.Count(2))
	for i := range ix.imp {
		ix.imp[i] = r.Fixed16()
	}
	ix.pos = r.Span(r.Count(1))
	ix.posStart = make([]int, r.Count(1))
	for i := range ix.posStart {
		ix.posStart[i] = int(r.Uint())
	}
	ix.bounds = make([][numFields]int32, r.Count(int(numFields)))
	for i := range ix.bounds {
		for f := range ix.bounds[i] {
			ix.bounds[i][f] = int32(r.Int())
		}
	}
	ix.stems = r.Strs()
	ix.stemStart = r.Int32s()
	ix.stemWords = r.Int32s()
	if r.Bad() || r.Len() != 0 || ix.lang != stemLanguage(lang) || !ix.valid() {
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
