package learn

import (
	"errors"
	"io"
	"math"
	"strings"
	"sync"

	"taxo/internal/codec"
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
	h := codec.NewHasher()
	h.Str(codecMagic)
	h.Uint(uint64(len(terms)))
	for _, t := range terms {
		h.Str(string(t.ID))
		h.Uint(uint64(t.Kind))
		h.Str(t.Slug)
		h.Str(t.Title)
		h.Str(t.Description)
		h.Str(t.Abstract)
		h.Str(t.Instructions)
		h.Bool(t.Defined)
		h.Str(t.Lang)
		h.Str(t.Path)
	}
	h.Uint(uint64(len(examples)))
	for i, ex := range examples {
		h.Str(ex.Path)
		h.Str(ex.Title)
		h.Bool(ex.Date.IsZero())
		h.Uint(uint64(ex.Date.Unix()))
		h.Uint(uint64(ex.Date.Nanosecond()))
		h.Uint(uint64(len(ex.Terms)))
		for _, id := range ex.Terms {
			h.Str(string(id))
		}
		stamped := stamps != nil && stamps[i] != ""
		h.Bool(stamped)
		if stamped {
			h.Str(stamps[i])
		}
		h.Str(ex.Text)
	}
	return h.Sum()
}

// errNotKept is why a model cannot be encoded: a count that is not a
// whole number, which the encoding writes as one.
var errNotKept = errors.New("learn: the model holds a count that is not a whole number")

// AppendBinary appends the model's encoding to b: what building it
// computed, for Decode to read back with the same terms and examples.
func (m *Model) AppendBinary(b []byte) ([]byte, error) {
	w := encoder{codec.NewStreamWriter(nil, b)}
	m.encode(&w)
	if err := w.Err(); err != nil {
		return nil, err
	}
	return w.Bytes(), nil
}

// WriteBinary writes the model's encoding (AppendBinary's) to out as it
// is made, a run of 64 KB at a time: keeping a model adds no copy of it
// in memory. The error is the first write's that failed, or why the
// model cannot be encoded.
func (m *Model) WriteBinary(out io.Writer) error {
	w := encoder{codec.NewStreamWriter(out, nil)}
	m.encode(&w)
	return w.Flush()
}

func (m *Model) encode(w *encoder) {
	w.Text(codecMagic)
	w.Uint(numFeatures)
	w.Uint(uint64(len(m.terms)))
	w.Uint(uint64(len(m.pages)))
	w.Uint(uint64(len(m.taxonomies)))
	w.Uint(uint64(len(m.words)))
	for _, s := range m.words {
		w.Uint(uint64(len(s)))
	}
	for _, s := range m.words {
		w.Text(s)
	}
	for _, d := range m.df {
		w.count(d)
	}
	for _, x := range m.idf {
		w.Float32(x)
	}
	for _, p := range m.pages {
		w.vector(p.vec)
	}
	for _, post := range m.centroids {
		w.postings(post)
	}
	for i := range m.terms {
		w.Float64(m.centroidNorm[i])
		w.Int(int64(m.onlyPage[i]))
	}
	w.phrases(m)
	for _, bl := range m.blends {
		w.blend(bl)
	}
}

// encoder writes a model's parts; its error is the first part it could
// not encode, or the first write that failed.
type encoder struct{ codec.StreamWriter }

// count appends a whole number kept as a float64.
func (w *encoder) count(x float64) {
	if x < 0 || x != math.Trunc(x) || x > 1<<53 {
		w.Fail(errNotKept)
		return
	}
	w.Uint(uint64(x))
}

// vector appends a page's vector, its words as steps from the one before.
func (w *encoder) vector(v vector) {
	w.Uint(uint64(len(v)))
	prev := int32(-1)
	for _, e := range v {
		w.Uint(uint64(e.word - prev))
		w.Float32(e.x)
		prev = e.word
	}
}

// postings appends a word's postings, their documents as steps.
func (w *encoder) postings(post []posting) {
	w.Uint(uint64(len(post)))
	prev := int32(-1)
	for _, p := range post {
		w.Uint(uint64(p.doc - prev))
		w.Float32(p.x)
		prev = p.doc
	}
}

// phrases appends the counts of titles standing in pages, when they were
// taken.
func (w *encoder) phrases(m *Model) {
	w.Uint(uint64(m.phraseStep))
	if m.phraseRate == nil {
		w.Uint(0)
		return
	}
	w.Uint(1)
	for i := range m.terms {
		w.count(m.phraseStands[i])
		w.count(m.phraseCarried[i])
	}
	for _, r := range m.phraseRate {
		w.Float64(r)
	}
}

// blend appends a taxonomy's blend, or its absence.
func (w *encoder) blend(bl *blend) {
	if bl == nil {
		w.Uint(0)
		return
	}
	w.Uint(1)
	for _, fs := range [...]*features{&bl.w, &bl.mean, &bl.std} {
		for _, x := range fs {
			w.Float64(x)
		}
	}
	w.Float64(bl.b)
	w.Uint(uint64(len(bl.trees)))
	for _, t := range bl.trees {
		w.Uint(uint64(len(t)))
		for _, n := range t {
			w.Int(int64(n.feature))
			w.Float64(n.threshold)
			w.Uint(uint64(n.left))
			w.Uint(uint64(n.right))
			w.Float64(n.value)
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
	r := decoder{codec.NewReader(data)}
	ok := r.Prefix(codecMagic) && r.Uint() == numFeatures && r.Uint() == uint64(len(m.terms)) &&
		r.Uint() == uint64(len(m.pages)) && r.Uint() == uint64(len(m.taxonomies)) &&
		r.words(m) && r.vectors(m) && r.centroids(m) && r.perTerm(m) && r.phrases(m) && r.blends(m) && r.Len() == 0
	wg.Wait()
	if !ok || r.Bad() {
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

// decoder reads a model's parts; the first that does not check out makes
// it bad, and every read after it gives zeros.
type decoder struct{ codec.Reader[string] }

// length reads a number of items of at least size bytes each, which must
// be below limit and fit in what is left.
func (r *decoder) length(limit int, size int) int {
	n := r.Count(size)
	if n >= limit {
		r.Fail()
		return 0
	}
	return n
}

// words reads the vocabulary, sorted and without a word twice as number
// makes it, how many pages hold each word and its idf. The words are cut
// from one string, copied out of data: the model keeps none of data.
func (r *decoder) words(m *Model) bool {
	n := r.length(math.MaxInt32, 2) // a word's length and its idf at least
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.Count(1)
		total += lens[i]
	}
	all := strings.Clone(r.Next(total))
	if r.Bad() {
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
		m.df[i] = float64(r.Uint())
	}
	m.idf = make([]float32, n)
	for i := range m.idf {
		m.idf[i] = r.Float32()
	}
	return !r.Bad()
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
			step := r.Uint()
			if r.Bad() || step == 0 || step > uint64(len(m.words)) {
				return false
			}
			word += int64(step)
			if word >= int64(len(m.words)) {
				return false
			}
			v[j] = entry{int32(word), r.Float32()}
		}
		m.pages[i].vec = v
	}
	m.post = make([][]posting, len(m.words))
	for i, p := range m.pages {
		for _, e := range p.vec {
			m.post[e.word] = append(m.post[e.word], posting{int32(i), e.x})
		}
	}
	return !r.Bad()
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
			step := r.Uint()
			if r.Bad() || step == 0 || step > uint64(len(m.terms)) {
				return false
			}
			doc += int64(step)
			if doc >= int64(len(m.terms)) {
				return false
			}
			post[j] = posting{int32(doc), r.Float32()}
		}
		m.centroids[w] = post
	}
	return !r.Bad()
}

// perTerm reads each term's centroid length and the one page carrying
// it, noting the term on that page as buildCentroids does.
func (r *decoder) perTerm(m *Model) bool {
	m.centroidNorm = make([]float64, len(m.terms))
	m.onlyPage = make([]int32, len(m.terms))
	for t := range m.terms {
		m.centroidNorm[t] = r.Float64()
		p := r.Int()
		if r.Bad() || p < -1 || p >= int64(len(m.pages)) {
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
	step, taken := r.Uint(), r.Uint()
	if r.Bad() || step > uint64(max(1, len(m.pages))) {
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
		m.phraseStands[t] = float64(r.Uint())
		m.phraseCarried[t] = float64(r.Uint())
	}
	m.phraseRate = make([]float64, len(m.taxonomies))
	for i := range m.phraseRate {
		m.phraseRate[i] = r.Float64()
	}
	return !r.Bad()
}

// blends reads each taxonomy's blend, or its absence; every cut of a
// tree must lead further down it, so that reading it always ends.
func (r *decoder) blends(m *Model) bool {
	m.blends = make([]*blend, len(m.taxonomies))
	for i := range m.blends {
		if r.Uint() == 0 {
			continue
		}
		bl := &blend{}
		for _, fs := range [...]*features{&bl.w, &bl.mean, &bl.std} {
			for k := range fs {
				fs[k] = r.Float64()
			}
		}
		bl.b = r.Float64()
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
	return !r.Bad()
}

// tree reads a tree; nil when it does not check out.
func (r *decoder) tree() tree {
	t := make(tree, r.length(math.MaxInt32, 19)) // the least a node takes
	if len(t) == 0 {
		return nil
	}
	for i := range t {
		n := &t[i]
		f := r.Int()
		n.threshold = r.Float64()
		left, right := r.Uint(), r.Uint()
		n.value = r.Float64()
		if r.Bad() || f < -1 || f >= numFeatures {
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
