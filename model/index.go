package model

import (
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// TextField names a part of a term that search reads.
type TextField uint8

// The fields search reads, in the order positions run through a term.
const (
	TitleField TextField = iota
	DescriptionField
	AbstractField
	InstructionsField
	BodyField
	numFields
)

// String is the field's name as JSON shows it: "title", "description", …
func (f TextField) String() string {
	switch f {
	case TitleField:
		return "title"
	case DescriptionField:
		return "description"
	case AbstractField:
		return "abstract"
	case InstructionsField:
		return "instructions"
	default:
		return "body"
	}
}

// MarshalText writes the name, so JSON shows "instructions" rather than 3.
func (f TextField) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// text returns the field of t.
func (f TextField) text(t *Term) string {
	switch f {
	case TitleField:
		return t.DisplayTitle()
	case DescriptionField:
		return t.Description
	case AbstractField:
		return t.Abstract
	case InstructionsField:
		return t.Instructions
	default:
		return t.Body
	}
}

// Scoring is BM25F over the description, abstract, Instructions and body,
// each field weighted (the Instructions, which say what a term is for,
// count double) and normalised by its length, plus BM25 over the title,
// saturated on its own and weighted up. Were the title one more BM25F field,
// a term that repeats a word through a long body would outrank the term
// named by it, since one saturation caps them both.
var (
	fieldWeight = [numFields]float64{0, 1.5, 1, 2, 1}
	fieldB      = [numFields]float64{0.3, 0.75, 0.75, 0.75, 0.75}
)

const (
	k1          = 1.2
	titleWeight = 2.0
	// fieldGap separates the positions of two fields, so that no phrase can
	// run from the end of one field into the start of the next.
	fieldGap = 64
	// impactScale maps the saturated frequency of a word in a term, in
	// [0, maxImpact), to a uint16.
	maxImpact   = (k1 + 1) * (1 + titleWeight)
	impactScale = 65535 / maxImpact
)

// Index is the full-text index of a graph's defined terms, for Search. It is
// built once by NewIndex, in time proportional to the text, and is then read
// only, so any number of goroutines may search it at once.
//
// Postings are flat arrays shared by every word: for word w, the documents
// (term indexes in the graph's display order) are docs[start[w]:start[w+1]],
// each with its BM25F impact, and its positions are a run of uvarints in
// pos from posStart[w]. Words are numbered in sorted order, so that a word is
// found by binary search and a prefix is a range.
type Index struct {
	g     *Graph
	words []string // sorted
	start []int32  // len(words)+1
	docs  []int32
	imp   []uint16
	// pos holds, for each posting, uvarint(n) and then n bytes of uvarint
	// position deltas.
	pos      []byte
	posStart []int
	bounds   [][numFields]int32 // per term: the position where each field ends
	ndocs    int                // defined terms
	avgLen   [numFields]float64

	// The words by stem: those of stems[i] are stemWords[stemStart[i]:
	// stemStart[i+1]]. lang is the stemmer's language, "" for none.
	lang      string
	stems     []string // sorted
	stemStart []int32
	stemWords []int32
}

// NewIndex indexes the title, description, abstract, Instructions and body
// of every defined term of g, its words stemmed as English ones are. It
// reads each text once; memory is a few bytes per word occurrence, plus the
// vocabulary. The nkdagility taxonomy (241 terms) takes milliseconds; 100k
// synthetic terms (about 370 MB of text) take about 3.5 s on two cores,
// each indexing a run of the terms, and keep 190 MB, so an interactive
// program builds it off its main goroutine, once, and only when search is
// first wanted.
func NewIndex(g *Graph) *Index { return NewIndexLang(g, DefaultLanguage) }

// NewIndexLang is NewIndex for terms written in the language with the code
// lang ("en", "fr", "de", "pt-BR"): a word matches the other words of its
// stem by that language's Snowball stemmer, or only as written when there
// is none for it (HasStemmer).
func NewIndexLang(g *Graph, lang string) *Index {
	return newIndex(g, min(runtime.GOMAXPROCS(0), max(len(g.terms)/1024, 1)), lang)
}

// newIndex indexes the terms in parts runs of consecutive terms at once,
// then puts the runs together: the index is the same for any parts.
func newIndex(g *Graph, parts int, lang string) *Index {
	terms := g.terms
	runs := make([]*indexBuilder, parts)
	var wg sync.WaitGroup
	for r := range runs {
		lo, hi := len(terms)*r/parts, len(terms)*(r+1)/parts
		wg.Go(func() {
			size := 0
			for _, t := range terms[lo:hi] {
				for f := range numFields {
					size += len(f.text(t))
				}
			}
			b := newIndexBuilder(hi-lo, size)
			for doc, t := range terms[lo:hi] {
				if t.Defined {
					b.add(int32(doc), t)
				} else {
					b.skip()
				}
			}
			runs[r] = b
		})
	}
	wg.Wait()
	ix := finish(g, runs)
	ix.groupStems(stemLanguage(lang), parts)
	return ix
}

// groupStems stems every word of the index, in parts runs of words at once,
// and groups the words by stem.
func (ix *Index) groupStems(lang string, parts int) {
	ix.lang = lang
	if lang == "" {
		return
	}
	stemOf := make([]string, len(ix.words))
	var wg sync.WaitGroup
	for r := range parts {
		lo, hi := len(ix.words)*r/parts, len(ix.words)*(r+1)/parts
		wg.Go(func() {
			st := newStemmer(lang)
			for i := lo; i < hi; i++ {
				stemOf[i] = st.of(ix.words[i])
			}
		})
	}
	wg.Wait()
	ix.stemWords = make([]int32, len(ix.words))
	for i := range ix.stemWords {
		ix.stemWords[i] = int32(i)
	}
	// Stable, so that a stem's words stay in the index's order.
	slices.SortStableFunc(ix.stemWords, func(a, b int32) int { return strings.Compare(stemOf[a], stemOf[b]) })
	for i, w := range ix.stemWords {
		if i == 0 || stemOf[w] != stemOf[ix.stemWords[i-1]] {
			ix.stems = append(ix.stems, stemOf[w])
			ix.stemStart = append(ix.stemStart, int32(i))
		}
	}
	ix.stemStart = append(ix.stemStart, int32(len(ix.stemWords)))
}

// indexBuilder gathers postings term by term, then sorts them by word.
type indexBuilder struct {
	sc     wordScanner
	ids    map[string]int32 // word → provisional id, in order of first sight
	words  []string
	df     []int32
	posLen []int // bytes of positions per word, over all postings
	bounds [][numFields]int32
	sumLen [numFields]int64
	ndocs  int

	// One entry per posting, in document order.
	pTok   []int32
	pTF    []uint8 // numFields counts per posting, saturated at 255
	pPos   []byte  // per posting, the size of its positions (a uvarint), then them
	docEnd []int32 // per document: the end of its postings in pTok

	// Per document scratch: the postings of the document being read.
	slot   []int32 // word → index in local, valid when seen[word] == cur
	seen   []int32
	cur    int32
	local  []localPosting
	posBuf []byte
}

type localPosting struct {
	tok int32
	tf  [numFields]uint8
	pos []int32
}

// newIndexBuilder makes a builder for n terms of size bytes of text in
// all. Its arrays start a little above the size text of that length needs,
// as measured on the nkdagility taxonomy and on synthetic ones (a posting
// for every 21 bytes, a byte of positions for every 5), so that they seldom
// grow and copy.
func newIndexBuilder(n, size int) *indexBuilder {
	postings := size / 20
	return &indexBuilder{
		ids:    make(map[string]int32, size/256),
		bounds: make([][numFields]int32, 0, n),
		docEnd: make([]int32, 0, n),
		pTok:   make([]int32, 0, postings),
		pTF:    make([]uint8, 0, postings*int(numFields)),
		pPos:   make([]byte, 0, size/4),
		cur:    -1,
	}
}

// skip records a term with no text: an undefined one.
func (b *indexBuilder) skip() {
	b.bounds = append(b.bounds, [numFields]int32{})
	b.docEnd = append(b.docEnd, int32(len(b.pTok)))
}

func (b *indexBuilder) add(doc int32, t *Term) {
	b.cur = doc
	b.ndocs++
	b.local = b.local[:0]
	var bounds [numFields]int32
	p := int32(0)
	for f := range numFields {
		if f > 0 {
			p += fieldGap
		}
		fieldStart := p
		b.sc.scan(f.text(t), func(w []byte, _, _ int, stop bool) {
			if !stop {
				b.occur(w, f, p)
			}
			p++
		})
		bounds[f] = p
		b.sumLen[f] += int64(p - fieldStart)
	}
	b.bounds = append(b.bounds, bounds)
	for i := range b.local {
		lp := &b.local[i]
		b.posBuf = b.posBuf[:0]
		prev := int32(0)
		for _, q := range lp.pos {
			b.posBuf = binary.AppendUvarint(b.posBuf, uint64(q-prev))
			prev = q
		}
		n := len(b.pPos)
		b.pPos = binary.AppendUvarint(b.pPos, uint64(len(b.posBuf)))
		b.pPos = append(b.pPos, b.posBuf...)
		size := len(b.pPos) - n
		b.pTok = append(b.pTok, lp.tok)
		b.pTF = append(b.pTF, lp.tf[:]...)
		b.df[lp.tok]++
		b.posLen[lp.tok] += size
	}
	b.docEnd = append(b.docEnd, int32(len(b.pTok)))
}

// occur notes word w at position p of field f of the current document.
func (b *indexBuilder) occur(w []byte, f TextField, p int32) {
	id, ok := b.ids[string(w)]
	if !ok {
		id = int32(len(b.words))
		word := string(w)
		b.ids[word] = id
		b.words = append(b.words, word)
		b.df = append(b.df, 0)
		b.posLen = append(b.posLen, 0)
		b.seen = append(b.seen, -1)
		b.slot = append(b.slot, 0)
	}
	if b.seen[id] != b.cur {
		b.seen[id] = b.cur
		b.slot[id] = int32(len(b.local))
		if len(b.local) < cap(b.local) {
			b.local = b.local[:len(b.local)+1]
			lp := &b.local[len(b.local)-1]
			lp.tok, lp.tf, lp.pos = id, [numFields]uint8{}, lp.pos[:0]
		} else {
			b.local = append(b.local, localPosting{tok: id})
		}
	}
	lp := &b.local[b.slot[id]]
	if lp.tf[f] < math.MaxUint8 {
		lp.tf[f]++
	}
	lp.pos = append(lp.pos, p)
}

// finish joins the runs of terms indexed apart, in order, numbering their
// words as one vocabulary, then sorts the postings by word (a counting
// sort, so each word's documents stay in order) and computes their
// impacts.
func finish(g *Graph, runs []*indexBuilder) *Index {
	ix := &Index{g: g}
	ix.averageLengths(runs)
	words, df, posLen, global := mergeVocabularies(runs)
	rank := ix.sortWords(words, df, posLen)
	ix.fillPostings(runs, global, rank)
	return ix
}

// averageLengths counts the documents of the runs and the average length
// of each field, which BM25F weighs a field's length against.
func (ix *Index) averageLengths(runs []*indexBuilder) {
	var sumLen [numFields]int64
	for _, b := range runs {
		ix.ndocs += b.ndocs
		ix.bounds = append(ix.bounds, b.bounds...)
		for f := range numFields {
			sumLen[f] += b.sumLen[f]
		}
	}
	for f := range numFields {
		if ix.ndocs > 0 {
			ix.avgLen[f] = max(float64(sumLen[f])/float64(ix.ndocs), 1)
		} else {
			ix.avgLen[f] = 1
		}
	}
}

// mergeVocabularies makes one vocabulary of the runs': the first run's
// word ids stay, and global maps each later run's ids to ids in it. It
// returns each word with its document frequency and the bytes of its
// positions, and lets go of the runs' vocabularies.
func mergeVocabularies(runs []*indexBuilder) (words []string, df []int32, posLen []int, global [][]int32) {
	first := runs[0]
	words, df, posLen = first.words, first.df, first.posLen
	ids := first.ids
	global = make([][]int32, len(runs))
	for r, b := range runs {
		if r == 0 {
			continue
		}
		global[r] = make([]int32, len(b.words))
		for local, w := range b.words {
			id, ok := ids[w]
			if !ok {
				id = int32(len(words))
				ids[w] = id
				words = append(words, w)
				df = append(df, 0)
				posLen = append(posLen, 0)
			}
			global[r][local] = id
			df[id] += b.df[local]
			posLen[id] += b.posLen[local]
		}
		b.ids, b.words, b.df, b.posLen = nil, nil, nil, nil
	}
	first.ids, first.words, first.df, first.posLen = nil, nil, nil, nil
	return words, df, posLen, global
}

// sortWords puts the vocabulary in order, with where each word's postings
// and positions will start, and returns each vocabulary id's sorted id.
func (ix *Index) sortWords(words []string, df []int32, posLen []int) []int32 {
	order := make([]int32, len(words))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(words[x], words[y]) })
	rank := make([]int32, len(order)) // vocabulary id → sorted id
	ix.words = make([]string, len(order))
	ix.start = make([]int32, len(order)+1)
	ix.posStart = make([]int, len(order)+1)
	for r, id := range order {
		rank[id] = int32(r)
		ix.words[r] = words[id]
		ix.start[r+1] = ix.start[r] + df[id]
		ix.posStart[r+1] = ix.posStart[r] + posLen[id]
	}
	return rank
}

// fillPostings copies each run's postings to their places in the index,
// dropping each run once it is in.
func (ix *Index) fillPostings(runs []*indexBuilder, global [][]int32, rank []int32) {
	words := len(ix.words)
	n := int(ix.start[words])
	ix.docs = make([]int32, n)
	ix.imp = make([]uint16, n)
	ix.pos = make([]byte, ix.posStart[words])
	next := slices.Clone(ix.start[:words])
	nextPos := slices.Clone(ix.posStart[:words])
	base := int32(0) // the first document of the run
	for r, b := range runs {
		doc, src := int32(0), 0
		for i := range b.pTok {
			for int32(i) >= b.docEnd[doc] {
				doc++
			}
			tok := b.pTok[i]
			if r > 0 {
				tok = global[r][tok]
			}
			w := rank[tok]
			at := next[w]
			next[w]++
			ix.docs[at] = base + doc
			ix.imp[at] = ix.impact(base+doc, b.pTF[i*int(numFields):(i+1)*int(numFields)])
			n, k := binary.Uvarint(b.pPos[src:]) // the size of the positions, as the index keeps it too
			size := k + int(n)
			copy(ix.pos[nextPos[w]:], b.pPos[src:src+size])
			nextPos[w] += size
			src += size
		}
		base += int32(len(b.docEnd))
		runs[r] = nil // its postings are in the index now
	}
}

// impact is the saturated frequency of a word in a term, from its counts
// per field, scaled to a uint16.
func (ix *Index) impact(doc int32, tf []uint8) uint16 {
	s := ix.saturated(doc, func(f TextField) float64 { return float64(tf[f]) })
	return uint16(math.Round(s * impactScale))
}

// saturated combines the counts of a word (or phrase) per field into its
// weight in a term: BM25F's saturated frequency over the fields other than
// the title, plus the title's own, weighted. Multiplied by idf, it is the
// word's score.
func (ix *Index) saturated(doc int32, count func(TextField) float64) float64 {
	var s float64
	for f := DescriptionField; f < numFields; f++ {
		if c := count(f); c > 0 {
			s += fieldWeight[f] * c / ix.norm(doc, f)
		}
	}
	s = s * (k1 + 1) / (k1 + s)
	if c := count(TitleField); c > 0 {
		t := c / ix.norm(doc, TitleField)
		s += titleWeight * t * (k1 + 1) / (k1 + t)
	}
	return s
}

// norm is BM25's length normalisation of field f of a term.
func (ix *Index) norm(doc int32, f TextField) float64 {
	return 1 - fieldB[f] + fieldB[f]*float64(ix.fieldLen(doc, f))/ix.avgLen[f]
}

// fieldStart is the first position of field f in a term.
func (ix *Index) fieldStart(doc int32, f TextField) int32 {
	if f == 0 {
		return 0
	}
	return ix.bounds[doc][f-1] + fieldGap
}

func (ix *Index) fieldLen(doc int32, f TextField) int32 {
	return ix.bounds[doc][f] - ix.fieldStart(doc, f)
}

// fieldAt says which field position p of a term falls in.
func (ix *Index) fieldAt(doc int32, p int32) TextField {
	for f := range numFields - 1 {
		if p < ix.bounds[doc][f] {
			return f
		}
	}
	return BodyField
}

// lookup returns the id of a normalised word, or -1.
func (ix *Index) lookup(w string) int32 {
	i, ok := slices.BinarySearch(ix.words, w)
	if !ok {
		return -1
	}
	return int32(i)
}

// prefixRange returns the ids of the words that start with prefix.
func (ix *Index) prefixRange(prefix string) (lo, hi int32) {
	l, _ := slices.BinarySearch(ix.words, prefix)
	h := l
	for h < len(ix.words) && strings.HasPrefix(ix.words[h], prefix) {
		h++
	}
	return int32(l), int32(h)
}

// stemForms returns the ids of the words of word's stem, word itself among
// them when the index holds it; they are the index's own, not to be changed.
func (ix *Index) stemForms(word string) []int32 {
	if ix.lang == "" {
		if w := ix.lookup(word); w >= 0 {
			return []int32{w}
		}
		return nil
	}
	i, ok := slices.BinarySearch(ix.stems, newStemmer(ix.lang).of(word))
	if !ok {
		return nil
	}
	return ix.stemWords[ix.stemStart[i]:ix.stemStart[i+1]]
}

// typedForms returns the ids of the words a word being typed may become:
// those it starts, and those of its stem, in order.
func (ix *Index) typedForms(word string) []int32 {
	lo, hi := ix.prefixRange(word)
	forms := slices.Clone(ix.stemForms(word))
	for w := lo; w < hi; w++ {
		forms = append(forms, w)
	}
	slices.Sort(forms)
	return slices.Compact(forms)
}

func (ix *Index) df(w int32) int { return int(ix.start[w+1] - ix.start[w]) }

// idf is BM25's inverse document frequency, always positive.
func (ix *Index) idf(w int32) float64 { return idfOf(ix.df(w), ix.ndocs) }

// idfOf is the idf of a word df of ndocs terms hold.
func idfOf(df, ndocs int) float64 {
	return math.Log(1 + (float64(ndocs)-float64(df)+0.5)/(float64(df)+0.5))
}

// cursor walks one word's postings in document order, with their positions.
type cursor struct {
	ix       *Index
	i, end   int32
	at, size int // the current posting's positions in ix.pos
}

func (ix *Index) cursor(w int32) cursor {
	c := cursor{ix: ix, i: ix.start[w], end: ix.start[w+1], at: ix.posStart[w]}
	c.readSize()
	return c
}

func (c *cursor) readSize() {
	if c.i >= c.end {
		return
	}
	n, k := binary.Uvarint(c.ix.pos[c.at:])
	c.at += k
	c.size = int(n)
}

func (c *cursor) done() bool { return c.i >= c.end }
func (c *cursor) doc() int32 { return c.ix.docs[c.i] }

func (c *cursor) next() {
	c.at += c.size
	c.i++
	c.readSize()
}

// seek moves to the first posting at or after doc.
func (c *cursor) seek(doc int32) {
	for !c.done() && c.doc() < doc {
		c.next()
	}
}

// positions appends the current posting's positions to buf.
func (c *cursor) positions(buf []int32) []int32 {
	data := c.ix.pos[c.at : c.at+c.size]
	p := int32(0)
	for len(data) > 0 {
		d, k := binary.Uvarint(data)
		data = data[k:]
		p += int32(d)
		buf = append(buf, p)
	}
	return buf
}
