package learn

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"io"
	"math"
	"sync"

	"taxo/model"
)

// A model is kept between processes (the index cache keeps it beside the
// graph) as what building it computed: the pages' vectors, the words and
// their weights, the terms' centroids, the counts of titles standing in
// pages, and the blends. What comes straight from the terms and the pages
// (the terms' numbers, the pages' paths, dates and terms, the sections,
// the terms' profiles) is made again as New makes it: it costs a few
// milliseconds, and the model then holds the terms given, not copies.
// The encoding is only ever read by the build of taxo that wrote it (the
// index cache is keyed by taxo's version and build); whatever it reads is
// checked against the terms and pages, so that a damaged file gives no
// model, never one that points outside them.

// codecMagic opens an encoded model.
const codecMagic = "taxo-learn-1\n"

// Fingerprint is the SHA-256 of everything New reads of terms and
// examples: of each term its ID, kind, slug, title, description, abstract,
// Instructions, whether it is defined, its language and path; of each
// example its path, title, date, terms and text. A model kept for the
// same fingerprint is the model New would build.
func Fingerprint(terms []*model.Term, examples []Example) [32]byte {
	return fingerprint(terms, examples, nil)
}

// fingerprint is Fingerprint, but an example i whose stamps[i] is not ""
// is fingerprinted by its stamp (what stands for its file's text) and
// the text it has so far, its body not read (KeptSite).
func fingerprint(terms []*model.Term, examples []Example, stamps []string) [32]byte {
	h := fingerprinter{h: sha256.New()}
	h.str(codecMagic)
	h.num(uint64(len(terms)))
	for _, t := range terms {
		h.str(string(t.ID))
		h.num(uint64(t.Kind))
		h.str(t.Slug)
		h.str(t.Title)
		h.str(t.Description)
		h.str(t.Abstract)
		h.str(t.Instructions)
		h.flag(t.Defined)
		h.str(t.Lang)
		h.str(t.Path)
	}
	h.num(uint64(len(examples)))
	for i, ex := range examples {
		h.str(ex.Path)
		h.str(ex.Title)
		h.flag(ex.Date.IsZero())
		h.num(uint64(ex.Date.Unix()))
		h.num(uint64(ex.Date.Nanosecond()))
		h.num(uint64(len(ex.Terms)))
		for _, id := range ex.Terms {
			h.str(string(id))
		}
		stamped := stamps != nil && stamps[i] != ""
		h.flag(stamped)
		if stamped {
			h.str(stamps[i])
		}
		h.str(ex.Text)
	}
	var sum [32]byte
	h.h.Sum(sum[:0])
	return sum
}

// fingerprinter hashes values, each string after its length, so that no
// two lists of values hash alike by running into each other. A string is
// hashed a run at a time through buf, not converted whole: the pages'
// texts would be copied once more.
type fingerprinter struct {
	h   hash.Hash
	buf [4096]byte
}

func (f *fingerprinter) num(n uint64) { f.h.Write(binary.AppendUvarint(f.buf[:0], n)) }

func (f *fingerprinter) str(s string) {
	f.num(uint64(len(s)))
	for len(s) > 0 {
		n := copy(f.buf[:], s)
		f.h.Write(f.buf[:n])
		s = s[n:]
	}
}

func (f *fingerprinter) flag(b bool) {
	if b {
		f.num(1)
	} else {
		f.num(0)
	}
}

// errNotKept is why a model cannot be encoded: a count that is not a
// whole number, which the encoding writes as one.
var errNotKept = errors.New("learn: the model holds a count that is not a whole number")

// AppendBinary appends the model's encoding to b: what building it
// computed, for Decode to read back with the same terms and examples.
func (m *Model) AppendBinary(b []byte) ([]byte, error) {
	w := encoder{b: b}
	m.encode(&w)
	if w.err != nil {
		return nil, w.err
	}
	return w.b, nil
}

// WriteBinary writes the model's encoding (AppendBinary's) to out as it
// is made, a run of 64 KB at a time: keeping a model adds no copy of it
// in memory. The error is the first write's that failed, or why the
// model cannot be encoded.
func (m *Model) WriteBinary(out io.Writer) error {
	w := encoder{out: out, b: make([]byte, 0, 64<<10)}
	m.encode(&w)
	w.write()
	return w.err
}

func (m *Model) encode(w *encoder) {
	w.b = append(w.b, codecMagic...)
	w.num(numFeatures)
	w.num(uint64(len(m.terms)))
	w.num(uint64(len(m.pages)))
	w.num(uint64(len(m.taxonomies)))
	w.num(uint64(len(m.words)))
	for _, s := range m.words {
		w.num(uint64(len(s)))
	}
	for _, s := range m.words {
		w.room()
		w.b = append(w.b, s...)
	}
	for _, d := range m.df {
		w.count(d)
	}
	for _, x := range m.idf {
		w.f32(x)
	}
	for _, p := range m.pages {
		w.vector(p.vec)
	}
	for _, post := range m.centroids {
		w.postings(post)
	}
	for i := range m.terms {
		w.f64(m.centroidNorm[i])
		w.b = binary.AppendVarint(w.b, int64(m.onlyPage[i]))
	}
	w.phrases(m)
	for _, bl := range m.blends {
		w.blend(bl)
	}
}

// encoder appends a model's parts to b; with a writer out, b is written
// to it whenever it holds 60 KB. err is the first part it could not
// encode, or the first write that failed.
type encoder struct {
	out io.Writer
	b   []byte
	err error
}

// write writes out what b holds.
func (w *encoder) write() {
	if w.err == nil {
		_, w.err = w.out.Write(w.b)
	}
	w.b = w.b[:0]
}

// room writes b out when it is full.
func (w *encoder) room() {
	if w.out != nil && len(w.b) >= 60<<10 {
		w.write()
	}
}

func (w *encoder) num(n uint64) { w.room(); w.b = binary.AppendUvarint(w.b, n) }

func (w *encoder) f32(x float32) {
	w.room()
	w.b = binary.LittleEndian.AppendUint32(w.b, math.Float32bits(x))
}

func (w *encoder) f64(x float64) {
	w.room()
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(x))
}

// count appends a whole number kept as a float64.
func (w *encoder) count(x float64) {
	if x < 0 || x != math.Trunc(x) || x > 1<<53 {
		w.err = errNotKept
		return
	}
	w.num(uint64(x))
}

// vector appends a page's vector, its words as steps from the one before.
func (w *encoder) vector(v vector) {
	w.num(uint64(len(v)))
	prev := int32(-1)
	for _, e := range v {
		w.num(uint64(e.word - prev))
		w.f32(e.x)
		prev = e.word
	}
}

// postings appends a word's postings, their documents as steps.
func (w *encoder) postings(post []posting) {
	w.num(uint64(len(post)))
	prev := int32(-1)
	for _, p := range post {
		w.num(uint64(p.doc - prev))
		w.f32(p.x)
		prev = p.doc
	}
}

// phrases appends the counts of titles standing in pages, when they were
// taken.
func (w *encoder) phrases(m *Model) {
	w.num(uint64(m.phraseStep))
	if m.phraseRate == nil {
		w.num(0)
		return
	}
	w.num(1)
	for i := range m.terms {
		w.count(m.phraseStands[i])
		w.count(m.phraseCarried[i])
	}
	for _, r := range m.phraseRate {
		w.f64(r)
	}
}

// blend appends a taxonomy's blend, or its absence.
func (w *encoder) blend(bl *blend) {
	if bl == nil {
		w.num(0)
		return
	}
	w.num(1)
	for _, fs := range [...]*features{&bl.w, &bl.mean, &bl.std} {
		for _, x := range fs {
			w.f64(x)
		}
	}
	w.f64(bl.b)
	w.num(uint64(len(bl.trees)))
	for _, t := range bl.trees {
		w.num(uint64(len(t)))
		for _, n := range t {
			w.b = binary.AppendVarint(w.b, int64(n.feature))
			w.f64(n.threshold)
			w.num(uint64(n.left))
			w.num(uint64(n.right))
			w.f64(n.value)
		}
	}
}

// Decode is the model New would build from terms and examples, read from
// data (as AppendBinary wrote it for the same terms and examples) instead
// of computed. It reports false when data does not check out: cut short,
// written for other terms or pages, or any number in it out of range.
func Decode(terms []*model.Term, examples []Example, data string) (*Model, bool) {
	m, profiled := rebuild(terms, examples)
	var wg sync.WaitGroup
	wg.Go(func() { m.profiles = model.NewProfilesIn(profiled, m.lang) })
	r := decoder{s: data}
	ok := r.prefix(codecMagic) && r.num() == numFeatures && r.num() == uint64(len(m.terms)) &&
		r.num() == uint64(len(m.pages)) && r.num() == uint64(len(m.taxonomies)) &&
		r.words(m) && r.vectors(m) && r.centroids(m) && r.perTerm(m) && r.phrases(m) && r.blends(m) && r.s == ""
	wg.Wait()
	if !ok || r.bad {
		return nil, false
	}
	m.findPopular()
	m.countSections()
	m.sortByDate()
	return m, true
}

// rebuild makes what New makes straight from the terms and examples:
// their numbers, the pages but their vectors, the counts of pages carrying
// each term, the terms that may be suggested; it returns the terms to
// profile (nil for those that may not be).
func rebuild(terms []*model.Term, examples []Example) (*Model, []*model.Term) {
	m := &Model{index: make(map[model.ID]int32), lang: languageOf(terms)}
	for _, t := range terms {
		m.addTerm(t)
	}
	m.addPages(examples)
	profiled := make([]*model.Term, len(m.terms))
	m.candidate = make([]bool, len(m.terms))
	for i, t := range m.terms {
		if t.Defined || m.count[i] > 0 {
			profiled[i], m.candidate[i] = t, true
		}
	}
	return m, profiled
}

// decoder reads a model's parts from s, which it consumes; bad is set by
// the first that does not check out, and every read after it gives zeros.
type decoder struct {
	s   string
	bad bool
}

func (r *decoder) prefix(p string) bool {
	if len(r.s) < len(p) || r.s[:len(p)] != p {
		r.bad = true
		return false
	}
	r.s = r.s[len(p):]
	return true
}

func (r *decoder) num() uint64 {
	var x uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64 && !r.bad; i++ {
		b := r.s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break // more than 64 bits
			}
			r.s = r.s[i+1:]
			return x | uint64(b)<<(7*i)
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	r.bad = true
	return 0
}

// signed reads a number written by binary.AppendVarint.
func (r *decoder) signed() int64 {
	x := r.num()
	n := int64(x >> 1)
	if x&1 != 0 {
		n = ^n
	}
	return n
}

// length reads a number of items of at least size bytes each, which must
// be below limit and fit in what is left.
func (r *decoder) length(limit int, size int) int {
	n := r.num()
	if r.bad || n >= uint64(limit) || n > uint64(len(r.s)/size) {
		r.bad = true
		return 0
	}
	return int(n)
}

func (r *decoder) bytes(n int) string {
	if r.bad || len(r.s) < n {
		r.bad = true
		return ""
	}
	b := r.s[:n]
	r.s = r.s[n:]
	return b
}

// u32 reads four bytes, least significant first.
func (r *decoder) u32() uint32 {
	b := r.bytes(4)
	if r.bad {
		return 0
	}
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func (r *decoder) f32() float32 { return math.Float32frombits(r.u32()) }

func (r *decoder) f64() float64 {
	lo := uint64(r.u32())
	return math.Float64frombits(lo | uint64(r.u32())<<32)
}

// words reads the vocabulary, sorted and without a word twice as number
// makes it, how many pages hold each word and its idf. The words are cut
// from one string, copied out of data: the model keeps none of data.
func (r *decoder) words(m *Model) bool {
	n := r.length(math.MaxInt32, 2) // a word's length and its idf at least
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.length(len(r.s)+1, 1)
		total += lens[i]
	}
	all := string([]byte(r.bytes(total)))
	if r.bad {
		return false
	}
	if n > 0 {
		m.words = make([]string, n) // nil for none, as number leaves it
	}
	m.vocab = make(map[string]int32, n)
	for i, k := range lens {
		m.words[i], all = all[:k], all[k:]
		if i > 0 && m.words[i] <= m.words[i-1] {
			return false
		}
		m.vocab[m.words[i]] = int32(i)
	}
	m.df = make([]float64, n)
	for i := range m.df {
		m.df[i] = float64(r.num())
	}
	m.idf = make([]float32, n)
	for i := range m.idf {
		m.idf[i] = r.f32()
	}
	return !r.bad
}

// vectors reads the pages' vectors and indexes the pages by word, as
// buildVectors does.
func (r *decoder) vectors(m *Model) bool {
	for i := range m.pages {
		n := r.length(len(m.words)+1, 5)
		if n == 0 {
			continue // nil, as weigh leaves a vector of no word
		}
		v := make(vector, n)
		word := int64(-1)
		for j := range v {
			step := r.num()
			if r.bad || step == 0 || step > uint64(len(m.words)) {
				return false
			}
			word += int64(step)
			if word >= int64(len(m.words)) {
				return false
			}
			v[j] = entry{int32(word), r.f32()}
		}
		m.pages[i].vec = v
	}
	m.post = make([][]posting, len(m.words))
	for i, p := range m.pages {
		for _, e := range p.vec {
			m.post[e.word] = append(m.post[e.word], posting{int32(i), e.x})
		}
	}
	return !r.bad
}

// centroids reads, by word, the terms whose centroid keeps it.
func (r *decoder) centroids(m *Model) bool {
	m.centroids = make([][]posting, len(m.words))
	for w := range m.centroids {
		n := r.length(len(m.terms)+1, 5)
		if n == 0 {
			continue
		}
		post := make([]posting, n)
		doc := int64(-1)
		for j := range post {
			step := r.num()
			if r.bad || step == 0 || step > uint64(len(m.terms)) {
				return false
			}
			doc += int64(step)
			if doc >= int64(len(m.terms)) {
				return false
			}
			post[j] = posting{int32(doc), r.f32()}
		}
		m.centroids[w] = post
	}
	return !r.bad
}

// perTerm reads each term's centroid length and the one page carrying
// it, noting the term on that page as buildCentroids does.
func (r *decoder) perTerm(m *Model) bool {
	m.centroidNorm = make([]float64, len(m.terms))
	m.onlyPage = make([]int32, len(m.terms))
	for t := range m.terms {
		m.centroidNorm[t] = r.f64()
		p := r.signed()
		if r.bad || p < -1 || p >= int64(len(m.pages)) {
			return false
		}
		m.onlyPage[t] = int32(p)
		if p >= 0 {
			m.pages[p].only = append(m.pages[p].only, int32(t))
		}
	}
	return true
}

// phrases reads the counts of titles standing in pages, when they were
// taken (never without pages).
func (r *decoder) phrases(m *Model) bool {
	step, taken := r.num(), r.num()
	if r.bad || step > uint64(max(1, len(m.pages))) {
		return false
	}
	m.phraseStep = int(step)
	if taken == 0 {
		return len(m.pages) == 0
	}
	if step == 0 || len(m.pages) == 0 {
		return false
	}
	m.phraseStands = make([]float64, len(m.terms))
	m.phraseCarried = make([]float64, len(m.terms))
	for t := range m.terms {
		m.phraseStands[t] = float64(r.num())
		m.phraseCarried[t] = float64(r.num())
	}
	m.phraseRate = make([]float64, len(m.taxonomies))
	for i := range m.phraseRate {
		m.phraseRate[i] = r.f64()
	}
	return !r.bad
}

// blends reads each taxonomy's blend, or its absence; every cut of a
// tree must lead further down it, so that reading it always ends.
func (r *decoder) blends(m *Model) bool {
	m.blends = make([]*blend, len(m.taxonomies))
	for i := range m.blends {
		if r.num() == 0 {
			continue
		}
		bl := &blend{}
		for _, fs := range [...]*features{&bl.w, &bl.mean, &bl.std} {
			for k := range fs {
				fs[k] = r.f64()
			}
		}
		bl.b = r.f64()
		if n := r.length(math.MaxInt32, 1); n > 0 {
			bl.trees = make([]tree, n)
		}
		for j := range bl.trees {
			if bl.trees[j] = r.tree(); bl.trees[j] == nil {
				return false
			}
		}
		m.blends[i] = bl
	}
	return !r.bad
}

// tree reads a tree; nil when it does not check out.
func (r *decoder) tree() tree {
	t := make(tree, r.length(math.MaxInt32, 19)) // the least a node takes
	if len(t) == 0 {
		return nil
	}
	for i := range t {
		n := &t[i]
		f := r.signed()
		n.threshold = r.f64()
		left, right := r.num(), r.num()
		n.value = r.f64()
		if r.bad || f < -1 || f >= numFeatures {
			return nil
		}
		n.feature = int(f)
		if f >= 0 {
			if left <= uint64(i) || right <= uint64(i) || left >= uint64(len(t)) || right >= uint64(len(t)) {
				return nil
			}
			n.left, n.right = int32(left), int32(right)
		}
	}
	return t
}

// codecFields says, for each struct of the model's, how the encoding
// deals with each of its fields: "kept" (written and read back) or "made"
// (made again from the terms and examples when read, as New makes it).
// A field it does not name is a field the encoding would drop:
// TestCodecNamesEveryField fails until it is named here and dealt with.
var codecFields = map[string]map[string]string{
	"Model": {
		"lang": "made", "terms": "made", "index": "made", "taxonomies": "made", "taxOf": "made",
		"profiles": "made", "vocab": "made", "words": "kept", "df": "kept", "idf": "kept",
		"pages": "made", "post": "made", "count": "made",
		"centroids": "kept", "centroidNorm": "kept", "onlyPage": "kept",
		"phraseStands": "kept", "phraseCarried": "kept", "phraseRate": "kept", "phraseStep": "kept",
		"sections": "made", "byDate": "made", "candidate": "made", "popular": "made", "blends": "kept",
	},
	"page": {
		"path": "made", "title": "made", "section": "made", "date": "made", "terms": "made",
		"only": "made", "vec": "kept",
	},
	"posting":       {"doc": "kept", "x": "kept"},
	"entry":         {"word": "kept", "x": "kept"},
	"sectionCounts": {"pages": "made", "terms": "made"},
	"blend":         {"w": "kept", "b": "kept", "mean": "kept", "std": "kept", "trees": "kept"},
	"treeNode":      {"feature": "kept", "threshold": "kept", "left": "kept", "right": "kept", "value": "kept"},
}
