package loader

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"taxo/internal/codec"
	"taxo/model"
)

// The index cache keeps what a load read, so that the next start on a
// taxonomy that has not changed reads no file: each file's record (its
// stamp, its problems, its term or page), one cache file per taxonomy
// under the user's cache folder, named after the taxonomy's real path,
// taxo's version and the options that change what a load keeps. Nothing
// is written inside the taxonomy.
//
// A start with a cache stats every folder the last walk read and every
// file it found, on all cores, and reads only the files whose stamp is
// not their record's: when no folder changed (no file was added, removed
// or renamed), the files are those the walk found, and nothing is walked.
// When a folder changed, or the walk met symbolic links, it walks the
// folders as a reload does with Options.Previous, taking the unchanged
// files from the cache.
//
// A cache file is the magic line, its key (what it is for, in full, so
// that a file of another taxonomy whose name collided is told apart),
// blocks of records each with its length and CRC-32C, a trailer (when the
// load began, its options, the site config's stamp, the kinds of the
// records, where the blocks are, the folders and what the walk met) and
// the trailer's offset. Any part that does not check out makes the whole
// file unread, and the load reads the files as if there were no cache;
// the file is then written anew. A cache is written to a temporary file
// that is renamed over the old one, so that two processes at once never
// leave half of one.

// cacheFormat is the version of the cache's layout; a file of another is
// not read.
const cacheFormat = 2

// cacheMagic opens every cache file.
const cacheMagic = "taxo-idx"

// cacheBlock is how many records a block holds: small enough that the
// first terms are handed out soon and that blocks spread over the cores,
// large enough that blocks cost little.
const cacheBlock = 256

// Cache is a folder of index caches, one file per taxonomy.
type Cache struct {
	// Dir holds the cache files: os.UserCacheDir()/taxo for the user's
	// (config.CacheDir).
	Dir string
	// Version names the taxo that writes and reads the cache: a file
	// written by another is not read. The loader adds the executable's
	// size and modification time, so that two builds of one version
	// (a developer's) do not read each other's.
	Version string
}

// executable is what tells this build of taxo from another: its path, size
// and modification time.
var executable = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "?"
	}
	info, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return fmt.Sprintf("%s %d %d", exe, info.Size(), info.ModTime().UnixNano())
})

// cacheEntry is the cache file of one taxonomy under one set of options.
type cacheEntry struct {
	path string // the cache file
	key  string // what it is for, written in it
	root string // the taxonomy's real path, where files are stat'ed
}

// entry names the cache file of the taxonomy at root (an absolute path
// whose links are resolved) as a load with opts reads it.
func (c *Cache) entry(root string, maxSize int64, noBodies bool) cacheEntry {
	key := fmt.Sprintf("taxo index cache %d\nroot %s\nversion %s\nbuild %s\nmax size %d\nbodies %v\n",
		cacheFormat, root, c.Version, executable(), maxSize, !noBodies)
	sum := sha256.Sum256([]byte(key))
	return cacheEntry{path: filepath.Join(c.Dir, hex.EncodeToString(sum[:16])+".idx"), key: key, root: root}
}

// cacheFile is a cache file opened, its trailer read.
type cacheFile struct {
	entry    cacheEntry
	f        *os.File
	started  time.Time
	maxSize  int64
	noBodies bool
	config   string
	kinds    map[uint64]model.Kind // the writer's numbers to this process's
	blocks   []blockSpan
	records  int
	walk     walkResult // the folders and what the walk met
}

// blockSpan is where a block of records is in the file.
type blockSpan struct {
	at, size int64
	terms    bool // it holds terms, which a start hands out first
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// openCache opens the cache file of e, if there is one that checks out
// and was written under the same options and site config (whose stamp is
// config): a page read under another config may read otherwise now.
func openCache(e cacheEntry, maxSize int64, noBodies bool, config string) *cacheFile {
	f, err := os.Open(e.path)
	if err != nil {
		return nil
	}
	c := &cacheFile{entry: e, f: f}
	if !c.readTrailer() || c.maxSize != maxSize || c.noBodies != noBodies || c.config != config || !c.readHead() {
		f.Close()
		return nil
	}
	return c
}

// readHead checks the magic line and the key.
func (c *cacheFile) readHead() bool {
	head := make([]byte, len(cacheMagic)+1+binary.MaxVarintLen64+len(c.entry.key))
	n, _ := c.f.ReadAt(head, 0)
	head = head[:n]
	rest, ok := strings.CutPrefix(string(head), cacheMagic+"\n")
	if !ok {
		return false
	}
	size, w := binary.Uvarint([]byte(rest))
	return w > 0 && size == uint64(len(c.entry.key)) && strings.HasPrefix(rest[w:], c.entry.key)
}

// readTrailer reads the trailer at the end of the file.
func (c *cacheFile) readTrailer() bool {
	info, err := c.f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() < int64(len(cacheMagic))+8 {
		return false
	}
	size := info.Size()
	var tail [8]byte
	if _, err := c.f.ReadAt(tail[:], size-8); err != nil {
		return false
	}
	at := int64(binary.LittleEndian.Uint64(tail[:]))
	if at < int64(len(cacheMagic)) || at > size-8-frameHead {
		return false
	}
	buf, ok := readFrame(c.f, at, size-8-at, 'T')
	if !ok {
		return false
	}
	d := &recordDecoder{}
	if !d.split(buf) {
		return false
	}
	c.started = time.Unix(0, d.r.Int())
	c.maxSize, c.noBodies, c.config, c.records = d.r.Int(), d.bool(), d.str(), int(d.r.Uint())
	c.kinds = make(map[uint64]model.Kind)
	for range d.r.Count(1) {
		n, singular, plural := d.r.Uint(), d.str(), d.str()
		c.kinds[n] = model.Kind(n)
		if n >= uint64(model.NumKinds) {
			c.kinds[n] = model.DeclareKind(singular, plural)
		}
	}
	c.blocks = make([]blockSpan, d.r.Count(1))
	for i := range c.blocks {
		c.blocks[i] = blockSpan{at: int64(d.r.Uint()), size: int64(d.r.Uint()), terms: d.bool()}
	}
	c.walk = walkResult{log: &walkLog{links: d.bool()}}
	c.walk.log.dirs = make([]dirStamp, d.r.Count(1))
	for i := range c.walk.log.dirs {
		c.walk.log.dirs[i] = dirStamp{path: d.str(), stamp: d.stamp()}
	}
	c.walk.problems = d.problems("")
	return !d.r.Bad() && d.r.Len() == 0 && len(d.text) == 0
}

// frameHead is the length of a frame's head: its kind, length and CRC.
const frameHead = 9

// readFrame reads the frame of kind at off, size bytes long at most, and
// gives its payload if its CRC checks out.
func readFrame(f *os.File, off, size int64, kind byte) ([]byte, bool) {
	return readFrameInto(f, off, size, kind, nil)
}

// readFrameInto is readFrame reading into buf when it is large enough.
func readFrameInto(f *os.File, off, size int64, kind byte, buf []byte) ([]byte, bool) {
	if size < frameHead {
		return nil, false
	}
	var head [frameHead]byte
	if _, err := f.ReadAt(head[:], off); err != nil || head[0] != kind {
		return nil, false
	}
	n, sum := int64(binary.LittleEndian.Uint32(head[1:])), binary.LittleEndian.Uint32(head[5:])
	if n > size-frameHead {
		return nil, false
	}
	buf = slices.Grow(buf[:0], int(n))[:n]
	if _, err := f.ReadAt(buf, off+frameHead); err != nil || crc32.Checksum(buf, castagnoli) != sum {
		return nil, false
	}
	return buf, true
}

// decoder is a record decoder for this file.
func (c *cacheFile) decoder() *recordDecoder { return &recordDecoder{kinds: c.kinds} }

// readBlock reads block i's records; nil when it does not check out.
func (c *cacheFile) readBlock(d *recordDecoder, i int) []*fileParser {
	b := c.blocks[i]
	buf, ok := readFrameInto(c.f, b.at, b.size, 'B', d.buf)
	if !ok {
		return nil
	}
	d.buf = buf
	var out []*fileParser
	if !d.block(buf, func(p *fileParser) { out = append(out, p) }) {
		return nil
	}
	return out
}

// fromCache starts a load from the cache: on all cores, the blocks of
// records are read back, each record's file stat'ed and read again when
// its stamp changed, then the folders the last walk read are stat'ed. When no
// folder changed, that is the load, and no folder is walked; when one did
// (or the walk met links, or the cache does not check out), the result is
// nil and r.prev holds the records for a walk to take the unchanged files
// from. The cached terms go to Options.Terms as each block is read.
func (r *parseRun) fromCache(c *cacheFile) (*Result, walkResult) {
	keep := false // the file stays open for the writer to copy its blocks
	defer func() {
		if !keep {
			c.f.Close()
		}
	}()
	stamps, err := openFolderStamps(c.entry.root)
	if err != nil {
		return nil, walkResult{}
	}
	defer stamps.close()
	blocks, clean, total, ok, moved := r.checkBlocks(c, stamps)
	results := slices.Concat(blocks...)
	switch {
	case !ok || len(results) != c.records:
		return nil, walkResult{}
	case moved:
		r.prev = remember(results, c.started, r.maxSize, r.opts.NoBodies)
		r.prev.config, r.handed = r.config, r.opts.Terms != nil
		return nil, walkResult{}
	}
	r.cached = true
	res := r.assemble(results, total)
	res.FromCache = total
	if total != len(results) && c.sameKinds() {
		keep = true
		res.copyFrom = &blockCopy{f: c.f, spans: c.blocks, clean: clean, counts: make([]int, len(blocks)),
			kinds: slices.Collect(maps.Values(c.kinds))}
		for i, b := range blocks {
			res.copyFrom.counts[i] = len(b)
		}
	}
	return res, c.walk
}

// checkBlocks reads the cache's blocks on every core, the terms' first,
// and checks each record's file against its stamp (reading again those
// that changed), then whether a folder the last walk read changed
// (moved). It returns the records by block, whether each block's are all
// as they were, how many records were taken as they were, and false if
// a block could not be read.
func (r *parseRun) checkBlocks(c *cacheFile, stamps *folderStamps) (blocks [][]*fileParser, clean []bool, reused int, ok, moved bool) {
	blocks = make([][]*fileParser, len(c.blocks))
	clean = make([]bool, len(c.blocks)) // every record of the block as it was
	var next atomic.Int64
	var bad, movedAny atomic.Bool
	movedAny.Store(c.walk.log.links)
	perWorker := make([]int, r.workers)
	var wg sync.WaitGroup
	order := c.termsFirst()
	for w := range r.workers {
		wg.Go(func() {
			d := c.decoder()
			for n := int(next.Add(1) - 1); n < len(blocks) && !bad.Load(); n = int(next.Add(1) - 1) {
				i := order[n]
				recs := c.readBlock(d, i)
				if recs == nil {
					bad.Store(true)
					break
				}
				n := r.check(c, stamps, recs)
				perWorker[w] += n
				blocks[i], clean[i] = recs, n == len(recs)
			}
			for i := w; i < len(c.walk.log.dirs) && !movedAny.Load() && !bad.Load(); i += r.workers {
				if !c.unchanged(stamps, c.walk.log.dirs[i]) {
					movedAny.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, n := range perWorker {
		reused += n
	}
	return blocks, clean, reused, !bad.Load(), movedAny.Load()
}

// blockCopy is what the writer of a new cache takes from the one a start
// read: the blocks none of whose files changed, copied as they are.
type blockCopy struct {
	f      *os.File
	spans  []blockSpan
	clean  []bool
	counts []int        // records a block
	kinds  []model.Kind // every kind the file's records name
}

// sameKinds reports whether the writer numbered the kinds as this
// process does, so that its blocks can be copied into a new cache.
func (c *cacheFile) sameKinds() bool {
	for n, k := range c.kinds {
		if uint64(k) != n {
			return false
		}
	}
	return true
}

// termsFirst orders the blocks for reading: those that hold terms first,
// so that a browser has rows to show at once (pages sort before term
// pages in a site's content folder).
func (c *cacheFile) termsFirst() []int {
	order := make([]int, 0, len(c.blocks))
	for _, terms := range []bool{true, false} {
		for i, b := range c.blocks {
			if b.terms == terms {
				order = append(order, i)
			}
		}
	}
	return order
}

// check stats the files of recs and reads again those whose stamp is not
// their record's, in place; it hands the terms to Options.Terms, counts
// the files to Options.Progress, and says how many it took as they were.
func (r *parseRun) check(c *cacheFile, stamps *folderStamps, recs []*fileParser) (reused int) {
	var batch []*model.Term
	trusted := c.started.Add(-racyWindow)
	for i, p := range recs {
		if st, dir, ok := stamps.stamp(p.rel); ok && !dir && p.stamp.modTime.Before(trusted) && st == p.stamp {
			reused++
		} else {
			recs[i] = readAndParse(r.fsys, p.found, r.maxSize, !r.opts.NoBodies, r.site)
			recs[i].load = r.id
		}
		if recs[i].term != nil && r.opts.Terms != nil {
			batch = append(batch, recs[i].term.term)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(batch) > 0 {
		r.opts.Terms(batch)
	}
	if r.opts.Progress != nil {
		r.done += len(recs)
		r.opts.Progress(r.done, c.records)
	}
	return reused
}

// unchanged reports whether a folder has its stamp still, one that was
// well before the cache was written.
func (c *cacheFile) unchanged(stamps *folderStamps, d dirStamp) bool {
	st, dir, ok := stamps.stamp(d.path)
	return ok && dir && d.stamp.modTime.Before(c.started.Add(-racyWindow)) && st == d.stamp
}

// block reads the records of a block, handing each to use; false when
// one does not check out. A block is its records' count, their text (every
// string of every record, one after the other), then each record's data.
// The text is made one string, which the records' strings are cut from:
// one allocation a block for all of them.
func (d *recordDecoder) block(b []byte, use func(*fileParser)) bool {
	data := codec.NewReader(b)
	n, text := data.Count(1), data.Count(1)
	if data.Bad() {
		return false
	}
	d.text = string(data.Next(text))
	for range n {
		rec := data.Next(data.Count(1))
		if data.Bad() {
			return false
		}
		p := d.record(rec)
		if p == nil {
			return false
		}
		use(p)
	}
	return data.Len() == 0 && len(d.text) == 0
}

// writeCache writes the cache of the load in the background; Wait waits
// for it.
func (res *Result) writeCache(e cacheEntry, r *parseRun, walk walkResult) {
	results, from := res.parsed, res.copyFrom
	res.copyFrom = nil
	done := make(chan struct{})
	res.written = done
	go func() {
		defer close(done)
		if from != nil {
			defer from.f.Close()
		}
		res.writeErr = writeCache(e, results, r.started, r.maxSize, r.opts.NoBodies, r.config, walk, from)
	}()
}

// writeCache writes the records of a load to the cache file of e: a
// temporary file beside it, renamed over it once whole. Records that
// cannot be written are left out: their files are read again next time.
// The unchanged blocks of from, when given, are copied as they are.
func writeCache(e cacheEntry, results []*fileParser, started time.Time, maxSize int64, noBodies bool, config string, walk walkResult, from *blockCopy) error {
	if err := os.MkdirAll(filepath.Dir(e.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(e.path), filepath.Base(e.path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // once renamed, this fails and does nothing
	w := &cacheWriter{w: bufio.NewWriterSize(tmp, 1<<20), enc: recordEncoder{kinds: make(map[model.Kind]bool)}}
	w.head(e.key)
	records := 0
	add := func(ps []*fileParser) {
		for _, p := range ps {
			if p.stamp.size >= 0 && w.add(p) {
				records++
			}
		}
	}
	if from == nil {
		add(results)
	} else {
		for _, k := range from.kinds {
			w.enc.kinds[k] = true // the copied records' kinds, numbered alike
		}
		at := 0
		for i, span := range from.spans {
			recs := results[at : at+from.counts[i]]
			at += from.counts[i]
			if from.clean[i] && w.copyBlock(from.f, span) {
				records += len(recs)
				continue
			}
			add(recs)
		}
	}
	w.flushBlock()
	w.trailer(started, maxSize, noBodies, config, records, walk)
	if err := errors.Join(w.err, w.w.Flush(), tmp.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), e.path); err != nil {
		return err
	}
	cleanCache(filepath.Dir(e.path))
	return nil
}

// cacheWriter writes a cache file's parts.
type cacheWriter struct {
	w       *bufio.Writer
	err     error
	off     int64 // bytes written so far
	enc     recordEncoder
	block   []byte // the data of the records of the block being made
	text    []byte // their text
	n       int    // how many
	terms   bool   // whether one holds a term
	payload []byte
	blocks  []blockSpan
}

func (w *cacheWriter) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.w.Write(b)
	w.off += int64(n)
	w.err = err
}

func (w *cacheWriter) head(key string) {
	w.write([]byte(cacheMagic + "\n"))
	w.write(binary.AppendUvarint(nil, uint64(len(key))))
	w.write([]byte(key))
}

// add encodes one record into the block; false when it cannot be.
func (w *cacheWriter) add(p *fileParser) bool {
	if !w.enc.record(p) {
		return false
	}
	w.text = append(w.text, w.enc.text...)
	w.terms = w.terms || p.term != nil
	w.block = binary.AppendUvarint(w.block, uint64(len(w.enc.data.Bytes())))
	w.block = append(w.block, w.enc.data.Bytes()...)
	if w.n++; w.n == cacheBlock {
		w.flushBlock()
	}
	return true
}

// copyBlock copies a block of another cache file as it is, after the
// block being made; false when it cannot be read.
func (w *cacheWriter) copyBlock(f *os.File, span blockSpan) bool {
	w.flushBlock()
	buf := slices.Grow(w.payload[:0], int(span.size))[:span.size]
	if _, err := f.ReadAt(buf, span.at); err != nil {
		return false
	}
	w.payload = buf
	at := w.off
	w.write(buf)
	w.blocks = append(w.blocks, blockSpan{at: at, size: span.size, terms: span.terms})
	return true
}

func (w *cacheWriter) flushBlock() {
	if w.n == 0 {
		return
	}
	at := w.off
	w.payload = binary.AppendUvarint(w.payload[:0], uint64(w.n))
	w.payload = binary.AppendUvarint(w.payload, uint64(len(w.text)))
	w.payload = append(append(w.payload, w.text...), w.block...)
	w.frame('B', w.payload)
	w.blocks = append(w.blocks, blockSpan{at: at, size: w.off - at, terms: w.terms})
	w.block, w.text, w.n, w.terms = w.block[:0], w.text[:0], 0, false
}

// frame writes a block: its kind, length, CRC and payload.
func (w *cacheWriter) frame(kind byte, payload []byte) {
	var head [frameHead]byte
	head[0] = kind
	binary.LittleEndian.PutUint32(head[1:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(head[5:], crc32.Checksum(payload, castagnoli))
	w.write(head[:])
	w.write(payload)
}

func (w *cacheWriter) trailer(started time.Time, maxSize int64, noBodies bool, config string, records int, walk walkResult) {
	at := w.off
	e := &recordEncoder{kinds: map[model.Kind]bool{}}
	e.reset()
	e.data.Int(started.UnixNano())
	e.data.Int(maxSize)
	e.data.Bool(noBodies)
	e.str(config)
	e.data.Uint(uint64(records))
	kinds := slices.Sorted(func(yield func(model.Kind) bool) {
		for k := range w.enc.kinds {
			if !yield(k) {
				return
			}
		}
	})
	e.data.Uint(uint64(len(kinds)))
	for _, k := range kinds {
		e.data.Uint(uint64(k))
		e.str(k.String())
		e.str(k.Taxonomy())
	}
	e.data.Uint(uint64(len(w.blocks)))
	for _, b := range w.blocks {
		e.data.Uint(uint64(b.at))
		e.data.Uint(uint64(b.size))
		e.data.Bool(b.terms)
	}
	log := walk.log
	if log == nil {
		log = &walkLog{links: true} // a walk that kept no log: the next start walks
	}
	e.data.Bool(log.links)
	e.data.Uint(uint64(len(log.dirs)))
	for _, d := range log.dirs {
		e.str(d.path)
		e.stamp(d.stamp)
	}
	e.problems(walk.problems, "")
	w.frame('T', e.appendTo(nil))
	w.write(binary.LittleEndian.AppendUint64(nil, uint64(at)))
}

// staleTemp is how old a temporary cache file must be for a writer to
// take it for one a killed process left behind; staleEntry how long a
// cache file may go unwritten before a writer removes it (a taxonomy no
// longer browsed, an old version's).
const (
	staleTemp  = time.Hour
	staleEntry = 30 * 24 * time.Hour
)

// cleanCache removes what is left of cache files that are no longer of
// use from the cache folder.
func cleanCache(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		limit := staleEntry
		switch {
		case strings.Contains(name, ".idx.tmp-"):
			limit = staleTemp
		case !strings.HasSuffix(name, ".idx"):
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > limit {
			os.Remove(filepath.Join(dir, name))
		}
	}
}
