// Package loader reads a taxonomy from disk (or any fs.FS) into terms: it
// finds the term files, splits and decodes their front matter on all cores,
// merges the two layouts of one slug, and reports every problem it meets
// with the file's path and, where known, line and column. One bad file never
// stops a load.
package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"taxo/model"
)

// DefaultMaxFileSize is the size above which a term file is reported and skipped.
const DefaultMaxFileSize = 4 << 20

// Options tune a load; the zero value is ready to use.
type Options struct {
	// MaxFileSize is the largest file read, in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Workers is how many files are parsed at once; 0 means one per CPU.
	Workers int
	// Progress, when set, is called after each file with how many files
	// are done and how many have been found so far; found stops growing
	// once every folder has been read, which happens while files are still
	// being parsed. Calls come from the loading goroutines, one at a time.
	Progress func(done, found int)
	// Terms, when set, is given the terms as they are parsed, in batches,
	// so that a browser can show them before the load is over. They are
	// the files' terms before the two layouts of one slug are merged, so
	// one ID may come twice; the loader never changes them afterwards.
	// Calls come from the loading goroutines, one at a time.
	Terms func([]*model.Term)
	// NoBodies leaves every term's Body empty, and every term's and
	// page's Fields (the front matter taxo has no use of its own for),
	// for a caller that shows neither (a list, a check, a graph): the file
	// is read and checked as always, they are just not kept. At 100k
	// terms it keeps ~300 MB less.
	NoBodies bool
	// Remember keeps, in the Result, what each file gave and its stamp
	// (size, modification time, and inode and change time where the system
	// has them), for a later load to take as Previous.
	Remember bool
	// Previous is an earlier load of the same path made with Remember:
	// the files whose stamp is as it was then
	// (and were not changed just before it) are not read again, their
	// terms and problems taken from it. The walk, the merging of layouts
	// and everything after are done anew.
	Previous *Result
	// Cache, when set, keeps what a load of a folder (Load) read for the
	// next start: a load reads the records the cache holds for the folder
	// (handing their terms to Terms at once), walks the folders and reads
	// only the files changed since, then writes the cache again, in the
	// background, when anything changed (Result.Wait waits for that).
	// With Previous (a browser's reload), the cache is neither read nor
	// written: the next start reads the files changed meanwhile.
	Cache *Cache
}

// Result is what a load found.
type Result struct {
	// Root is the folder that term and problem paths are relative to, as
	// the user gave it; empty for a load from an fs.FS.
	Root     string
	Terms    []*model.Term // on a site, every language's: Term.Lang says whose
	Problems []model.Problem
	Files    int // term files and pages found
	Reused   int // of those, the files taken from Options.Previous unread

	// Site is the site config when the folder read is a Hugo site's root,
	// else nil; Pages are then its content pages, every language's, in
	// path order.
	Site  *Site
	Pages []*model.Page

	taxonomyPages map[string]map[model.Kind]*model.Page // by language

	memory *memory // with Options.Remember, for the next load
	fsys   fs.FS   // for LoadFS, where Body reads

	// FromCache is how many of the files were taken from Options.Cache
	// unread (Reused counts them too).
	FromCache int
	written   chan struct{} // closed once the cache is written, when the load writes it
	writeErr  error
	parsed    []*fileParser // what the load got of each file, in path order, until the cache has it
	copyFrom  *blockCopy    // the blocks of the cache read that the one written copies
	graphs    *graphCache   // where Graph finds and keeps graphs, with the cache
	stamps    []pageStamp   // with the cache, the pages' files that PageStamp vouches for, in path order
}

// Wait waits until the cache is written, if the load writes it, and the
// graphs Graph keeps with it, and says why one could not be (a cache that
// cannot be written costs the next start its speed, nothing else).
func (r *Result) Wait() error {
	if r.written != nil {
		<-r.written
	}
	if r.graphs != nil {
		return errors.Join(r.writeErr, r.graphs.wait())
	}
	return r.writeErr
}

// Writes is what a load writes in the background, for a process to wait
// for before it exits: its cache, and the graphs Graph keeps with it. It
// keeps nothing of the load alive.
type Writes struct {
	written <-chan struct{}
	graphs  *graphCache
}

// Writes is what the load writes in the background; call it once every
// graph wanted has been asked for.
func (r *Result) Writes() Writes { return Writes{written: r.Written(), graphs: r.graphs} }

// Done says whether every write has ended.
func (w Writes) Done() bool {
	select {
	case <-w.written:
		return w.graphs == nil || !w.graphs.writing()
	default:
		return false
	}
}

// Wait waits for every write to end.
func (w Writes) Wait() {
	<-w.written
	if w.graphs != nil {
		_ = w.graphs.wait() // a graph not kept costs the next start its speed, nothing else
	}
}

// Written is closed once the cache is written, or at once when the load
// writes none; it keeps nothing of the load alive.
func (r *Result) Written() <-chan struct{} {
	if r.written != nil {
		return r.written
	}
	done := make(chan struct{})
	close(done)
	return done
}

// Load reads the taxonomy at path: a site root holding content/, a content/
// folder, one taxonomy folder, any folder of term files, or a single file of
// any extension. The error is for a path that cannot be read at all;
// everything else is in Result.Problems.
func Load(p string, opts Options) (*Result, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		// A file named on its own is read wherever its links lead: the
		// user chose it. The root is its real folder.
		if p, err = filepath.EvalSymlinks(p); err != nil {
			return nil, err
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		dir := filepath.Dir(p)
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, err
		}
		defer root.Close()
		name := filepath.Base(p)
		f := found{rel: name, slug: slugOf(name, filepath.Base(filepath.Dir(abs))), kind: kindOf(name, ancestors(filepath.Dir(abs)))}
		files := newQueue()
		files.push(f)
		files.close()
		// Through rootFS, as a folder is, so that a name that is not UTF-8 opens.
		fsys := newRootFS(root)
		defer fsys.Close()
		r := newParseRun(fsys, opts, nil)
		res := r.assemble(r.parseAll(files))
		res.Root = dir
		return res, nil
	}
	var entry *cacheEntry
	if opts.Cache != nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			e := opts.Cache.entry(real, maxFileSize(opts), opts.NoBodies)
			entry = &e
		}
	}
	root, err := os.OpenRoot(p)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if _, err := fs.ReadDir(root.FS(), "."); err != nil {
		return nil, err
	}
	fsys := newRootFS(root)
	defer fsys.Close()
	res := loadFS(fsys, ancestors(abs), opts, entry)
	res.Root = p
	return res, nil
}

// maxFileSize is the largest file a load with opts reads.
func maxFileSize(opts Options) int64 {
	if opts.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return opts.MaxFileSize
}

// LoadFS reads the taxonomy at the root of fsys. names are the names of the
// folder fsys stands for and of its parents, nearest first (nil when it has
// none); they tell the kind of a folder of tags, say, given on its own.
//
// When the root holds a Hugo site's config (hugo.toml, config.yaml,
// config/_default/ and the like), it is read as Hugo reads the site: the
// config's taxonomies and languages, every content page with its terms,
// and the term pages of each taxonomy.
func LoadFS(fsys fs.FS, names []string, opts Options) *Result {
	return loadFS(fsys, names, opts, nil)
}

// loadFS is LoadFS with the cache file of the folder, when it has one.
func loadFS(fsys fs.FS, names []string, opts Options, entry *cacheEntry) *Result {
	var site *Site
	var problems []model.Problem
	if cfg, ok := findSiteConfig(fsys); ok {
		site, problems = readSite(fsys, cfg)
	}
	r := newParseRun(fsys, opts, site)
	r.config = configStamp(fsys, site)
	var res *Result
	var walk walkResult
	switch {
	case opts.Previous != nil:
		if m := opts.Previous.memory; m != nil && m.config == r.config {
			r.prev = m
		}
	case entry != nil:
		if c := openCache(*entry, r.maxSize, opts.NoBodies, r.config); c != nil {
			res, walk = r.fromCache(c)
		}
	}
	if res == nil {
		res, walk = r.walk(names, entry != nil)
		if entry != nil && r.prev != nil {
			res.FromCache = res.Reused
		}
	}
	res.Problems = slices.Concat(problems, walk.problems, res.Problems)
	res.Site, res.fsys = site, fsys
	if entry != nil && opts.Previous == nil {
		res.graphs = &graphCache{entry: *entry}
		res.keepStamps(r.started)
		if r.changed(res) {
			res.writeCache(*entry, r, walk)
		}
	}
	if res.copyFrom != nil {
		res.copyFrom.f.Close() // not written after all
	}
	res.parsed, res.copyFrom = nil, nil
	return res
}

// walkResult is what the walk of the folders met: its problems, and what
// it saw of the folders for the cache.
type walkResult struct {
	problems []model.Problem
	log      *walkLog
}

// walk finds the files by walking the folders and reads them as they are
// found, on all cores; logging keeps what the walk saw for the cache.
func (r *parseRun) walk(names []string, logging bool) (*Result, walkResult) {
	files := newQueue()
	var walk walkResult
	if logging {
		walk.log = &walkLog{}
	}
	go func() {
		defer files.close()
		if r.site != nil {
			walk.problems = findSite(r.fsys, r.site, files.push, walk.log)
		} else {
			walk.problems = find(r.fsys, names, files.push, walk.log)
		}
	}()
	return r.assemble(r.parseAll(files)), walk
}

// changed says whether a load read anything the one before it (Previous,
// or the cache) did not have, or lacks anything it had, so that the cache
// is to be written again. A start from the cache that read only a few
// files, edited in place (no folder changed, so no file came or went),
// leaves the cache as it is: writing it whole again (349 MB at 100k terms
// and 100k pages) costs far more than reading those few files again at
// the next starts.
func (r *parseRun) changed(res *Result) bool {
	if r.cached {
		return (res.Files-res.Reused)*staleShare > res.Files
	}
	return r.prev == nil || res.Reused != res.Files || res.Reused != len(r.prev.files)
}

// staleShare is how few of its files may have changed since a cache was
// written, one in staleShare, for a start to leave it as it is: at 100k
// terms and 100k pages, up to 205 files read again at each start (a few
// milliseconds) rather than the whole cache written again (over a second).
const staleShare = 1000

// found is a term file or, on a site, a content page to read.
type found struct {
	rel  string     // slash-separated, relative to the root
	slug string     // from its place
	kind model.Kind // from its folder
	// On a site: the file's language, the content folder it was found
	// in, and what it is to Hugo.
	lang  string
	mount string
	role  fileRole
}

// fileRole is what a file is to Hugo.
type fileRole uint8

const (
	termFile     fileRole = iota // a term file, outside a site, or a term page
	contentPage                  // a page, or a leaf bundle's index file
	sectionPage                  // a branch bundle's _index.md, the home page's too
	taxonomyPage                 // content/<plural>/_index.md
)

// isPage says which files are read as pages, only up to the end of their
// front matter.
func (r fileRole) isPage() bool { return r != termFile }

// queue holds the files found and not yet read. It has no bound, so that
// the walk, which is quicker than parsing, is soon over and the count of
// files found soon final.
type queue struct {
	mu     sync.Mutex
	ready  *sync.Cond
	files  []found
	next   int
	closed bool
}

func newQueue() *queue {
	q := &queue{}
	q.ready = sync.NewCond(&q.mu)
	return q
}

func (q *queue) push(f found) {
	q.mu.Lock()
	q.files = append(q.files, f)
	q.mu.Unlock()
	q.ready.Signal()
}

// close says no more files will come.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.ready.Broadcast()
}

// pop waits for the next file; false once every file has been taken.
func (q *queue) pop() (found, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.next == len(q.files) && !q.closed {
		q.ready.Wait()
	}
	if q.next == len(q.files) {
		return found{}, false
	}
	f := q.files[q.next]
	q.files[q.next] = found{} // not kept once taken
	q.next++
	return f, true
}

// found is how many files have been found so far.
func (q *queue) found() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.files)
}

// batchSize and batchEvery bound how many terms a worker keeps before it
// hands them to Options.Terms, and for how long: the first comes at once,
// so that a browser has something to show.
const (
	batchSize  = 256
	batchEvery = 50 * time.Millisecond
)

// newParseRun sets up a load of fsys.
func newParseRun(fsys fs.FS, opts Options, site *Site) *parseRun {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &parseRun{fsys: fsys, opts: opts, maxSize: maxFileSize(opts), site: site, workers: max(1, workers), started: time.Now(),
		id: loads.Add(1)}
}

// loads numbers the loads of the process, so that a file's record tells
// which load read it.
var loads atomic.Uint64

// parseAll reads and parses the files as they are found, on all cores,
// and says how many it took from the load before.
func (r *parseRun) parseAll(files *queue) ([]*fileParser, int) {
	r.files = files
	var wg sync.WaitGroup
	perWorker := make([][]*fileParser, r.workers)
	reused := make([]int, r.workers)
	for w := range r.workers {
		wg.Go(func() { perWorker[w], reused[w] = r.work() })
	}
	wg.Wait()
	total := 0
	for _, n := range reused {
		total += n
	}
	results := slices.Concat(perWorker...)
	slices.SortFunc(results, func(a, b *fileParser) int { return strings.Compare(a.rel, b.rel) })
	return results, total
}

// assemble makes the result of a load from what it got of each file, in
// path order: the pages with their sections, the terms with their two
// layouts merged, every problem.
func (r *parseRun) assemble(results []*fileParser, reused int) *Result {
	res := &Result{Files: len(results), Reused: reused, parsed: results}
	if r.opts.Remember {
		res.memory = remember(results, r.started, r.maxSize, r.opts.NoBodies)
		res.memory.config = r.config
	}
	var docs []*parsed
	for _, p := range results {
		res.Problems = append(res.Problems, p.problems...)
		if p.term != nil {
			docs = append(docs, p.term)
		}
	}
	if r.site != nil {
		res.Pages, res.taxonomyPages = linkSections(results, r.opts.Previous != nil)
	}
	var mergeProblems []model.Problem
	res.Terms, mergeProblems = merge(docs)
	res.Problems = append(res.Problems, mergeProblems...)
	return res
}

// parseRun is what the workers of one load share.
type parseRun struct {
	fsys    fs.FS
	files   *queue
	opts    Options
	maxSize int64
	workers int
	id      uint64 // this load's number
	started time.Time
	config  string  // the site config's stamp, "" for what is not a site
	prev    *memory // the load before, whose unchanged files are taken as they were
	handed  bool    // prev's terms are handed to Options.Terms already
	cached  bool    // the load came from the cache without a walk
	site    *Site   // when the folder is a Hugo site's root

	mu   sync.Mutex // one call to opts at a time
	done int
}

// work parses files until there are no more, handing the terms to
// Options.Terms in batches and counting each file to Options.Progress. It
// returns what it parsed and how many files it took from the load before.
func (r *parseRun) work() (parsed []*fileParser, reused int) {
	opts := r.opts
	var batch []*model.Term
	var sent time.Time
	flush := func() {
		r.mu.Lock()
		opts.Terms(batch)
		r.mu.Unlock()
		batch, sent = nil, time.Now()
	}
	for {
		f, ok := r.files.pop()
		if !ok {
			break
		}
		p := r.prev.reusable(r.fsys, f, r.maxSize, opts.NoBodies)
		reusedNow := p != nil
		switch {
		case !reusedNow:
			p = readAndParse(r.fsys, f, r.maxSize, !opts.NoBodies, r.site)
			p.load = r.id
		case p.load != r.id: // not read by this load's look at the cache
			reused++
		}
		parsed = append(parsed, p)
		if opts.Terms != nil && p.term != nil && !(reusedNow && r.handed) {
			batch = append(batch, p.term.term)
			if len(batch) >= batchSize || time.Since(sent) >= batchEvery {
				flush()
			}
		}
		if opts.Progress != nil {
			r.mu.Lock()
			r.done++
			opts.Progress(r.done, r.files.found())
			r.mu.Unlock()
		}
	}
	if len(batch) > 0 {
		flush()
	}
	return parsed, reused
}

// remember keeps the files of a load for the next, which takes those that
// have not changed.
func remember(results []*fileParser, started time.Time, maxSize int64, noBodies bool) *memory {
	mem := &memory{started: started, maxSize: maxSize, noBodies: noBodies, files: make(map[string]*fileParser, len(results))}
	for _, p := range results {
		if p.stamp.size >= 0 {
			mem.files[p.rel] = p
		}
	}
	return mem
}

// readAndParse reads and parses one file, noting where it was found and
// the stamp of what it read (size -1 when it could not tell).
func readAndParse(fsys fs.FS, f found, maxSize int64, body bool, site *Site) *fileParser {
	read := readInto
	if f.role.isPage() {
		read = readFront
	}
	buf := readBuffers.Get().(*[]byte)
	data, info, err := read(*buf, fsys, f.rel, maxSize)
	defer putReadBuffer(buf, data)
	var p *fileParser
	switch {
	case err != nil:
		p = &fileParser{rel: f.rel}
		p.fail(err)
	case f.role.isPage():
		p = parsePage(f, data, site, info.ModTime(), body)
	case site != nil:
		p = parseTermPage(f, data, body, site, info.ModTime())
	default:
		p = parseFile(f.rel, data, f.slug, f.kind, body, termFolder)
	}
	p.found, p.stamp = f, stamp{size: -1}
	if info != nil {
		p.stamp = stampOf(info)
	}
	if !body {
		dropFields(p)
	}
	return p
}

// dropFields drops the fields of what a file gave, for a load without
// bodies: checked and reported as always, not kept.
func dropFields(p *fileParser) {
	if p.page != nil {
		p.page.Fields = nil
	}
	if p.term != nil {
		p.term.term.Fields = nil
		if pg := p.term.term.Page; pg != nil {
			pg.Fields = nil
		}
	}
}

// readBuffers hold what a load's files are read into. Nothing keeps a
// file's bytes once it is parsed (every decoder copies the text it gives,
// and the term keeps its own copy of what it keeps), so a worker reads its
// next file into the same buffer, rather than have the garbage collector
// take back the taxonomy's size in buffers.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxReusedBuffer is the largest buffer kept for the next file.
const maxReusedBuffer = 256 << 10

// poisonReadBuffers has a test fill each buffer given back with bytes no
// file holds, so that what kept a file's bytes shows.
var poisonReadBuffers = false

// putReadBuffer gives the buffer back, grown to what data was read into.
func putReadBuffer(buf *[]byte, data []byte) {
	if poisonReadBuffers {
		full := data[:cap(data)]
		for i := range full {
			full[i] = 0xff
		}
	}
	if cap(data) > cap(*buf) {
		*buf = data[:0]
	}
	if cap(*buf) > maxReusedBuffer {
		*buf = nil
	}
	readBuffers.Put(buf)
}

// readLimited reads a regular file unless it is larger than maxSize,
// without reading more than that. It gives what the open file said of
// itself, except when reading it failed half way, which may not happen
// again.
func readLimited(fsys fs.FS, name string, maxSize int64) ([]byte, fs.FileInfo, error) {
	return readInto(nil, fsys, name, maxSize)
}

// readInto is readLimited reading into buf when it is large enough.
func readInto(buf []byte, fsys fs.FS, name string, maxSize int64) ([]byte, fs.FileInfo, error) {
	f, info, err := openLimited(fsys, name, maxSize)
	if err != nil {
		return nil, info, err
	}
	defer f.Close()
	data := buf[:0]
	if int64(cap(data)) < info.Size()+1 {
		data = make([]byte, 0, info.Size()+1)
	}
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if errors.Is(err, io.EOF) || info.Size() > 0 && int64(len(data)) == info.Size() {
			return data, info, nil // at the end, or all the file said it held: no read to find the end
		}
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read the file: %w", unwrapPathError(err))
		}
		if int64(len(data)) > maxSize {
			return nil, nil, fmt.Errorf("file grew over the %s limit while being read; it is skipped", byteSize(maxSize))
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, 4096)
		}
	}
}

// openLimited opens a regular file unless it is larger than maxSize. A
// named pipe or device is refused without waiting on it: a file on disk is
// opened in a way that does not block and checked once open; in any other
// fs.FS it is checked before it is opened.
func openLimited(fsys fs.FS, name string, maxSize int64) (fs.File, fs.FileInfo, error) {
	var f fs.File
	if r, ok := fsys.(*rootFS); ok {
		var err error
		if f, err = r.openRead(name); err != nil {
			return nil, nil, fmt.Errorf("cannot read the file: %w", unwrapPathError(err))
		}
	} else {
		if info, err := fs.Stat(fsys, name); err != nil {
			return nil, nil, fmt.Errorf("cannot read the file: %w", unwrapPathError(err))
		} else if !info.Mode().IsRegular() {
			return nil, nil, notRegular(info.Mode())
		}
		var err error
		if f, err = fsys.Open(name); err != nil {
			return nil, nil, fmt.Errorf("cannot read the file: %w", unwrapPathError(err))
		}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot read the file: %w", unwrapPathError(err))
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, info, notRegular(info.Mode())
	}
	if info.Size() > maxSize {
		f.Close()
		return nil, info, fmt.Errorf("file is %s, over the %s limit; it is skipped", byteSize(info.Size()), byteSize(maxSize))
	}
	return f, info, nil
}

// merge folds the two layouts of one slug into one term, _index.md winning
// on every field both set, and drops later files that claim a taken ID. The
// merged term is a new one: the files' terms may have been handed out
// already (Options.Terms) and are not changed.
func merge(docs []*parsed) ([]*model.Term, []model.Problem) {
	var problems []model.Problem
	type key struct {
		lang string
		id   model.ID
	}
	at := make(map[key]int, len(docs)) // language and ID -> its place in terms and kept
	terms := make([]*model.Term, 0, len(docs))
	kept := make([]*parsed, 0, len(docs))
	for _, d := range docs {
		i, dup := at[key{d.term.Lang, d.term.ID}]
		if !dup {
			at[key{d.term.Lang, d.term.ID}] = len(terms)
			terms = append(terms, d.term)
			kept = append(kept, d)
			continue
		}
		prev := kept[i]
		if prev.index == d.index {
			problems = append(problems, model.Problem{Path: d.term.Path, Severity: model.Warning,
				Err: fmt.Errorf("%s is already defined by %s; this file is ignored", d.term.ID, prev.term.Path)})
			continue
		}
		index, flat := prev, d
		if d.index {
			index, flat = d, prev
		}
		// The term keeps its place in path order but takes the _index.md's content.
		merged := mergeOf(index, flat)
		terms[i], kept[i] = merged.term, merged
	}
	return terms, problems
}

// mergeOf is index with the fields it does not set filled in from flat.
func mergeOf(index, flat *parsed) *parsed {
	t, f := *index.term, flat.term
	take := func(bit fieldSet) bool { return index.set&bit == 0 && flat.set&bit != 0 }
	if take(setTitle) {
		t.Title = f.Title
	}
	if take(setDescription) {
		t.Description = f.Description
	}
	if take(setAbstract) {
		t.Abstract = f.Abstract
	}
	if take(setInstructions) {
		t.Instructions = f.Instructions
	}
	if take(setWeight) {
		t.Weight = f.Weight
	}
	if take(setIcon) {
		t.Icon = f.Icon
	}
	if take(setDate) {
		t.Date = f.Date
	}
	t.Refs = slices.Clone(t.Refs)
	for _, k := range flat.setRefs {
		if !slices.Contains(index.setRefs, k) {
			t.SetRefs(k, f.RefsOf(k))
		}
	}
	if strings.TrimSpace(t.Body) == "" {
		t.Body = f.Body
	}
	t.Fields = slices.Clip(t.Fields)
	for _, fld := range f.Fields {
		if _, ok := t.Field(fld.Key); !ok {
			t.Fields = append(t.Fields, fld)
		}
	}
	t.AltPath = f.Path
	return &parsed{term: &t, set: index.set | flat.set, setRefs: slices.Concat(index.setRefs, flat.setRefs), index: true}
}

// slugOf gives a file's slug: its folder's name for _index.md and index.md,
// its name without extension otherwise; lower case, as Hugo's URLs are.
func slugOf(name, dirName string) string {
	stem := strings.TrimSuffix(name, extOf(name))
	if s := strings.ToLower(stem); s == "_index" || s == "index" {
		stem = dirName
	}
	return strings.ToLower(stem)
}

// kindFromNames is the kind given by the nearest taxonomy folder among names
// (nearest first), or tag.
func kindFromNames(names []string) model.Kind {
	for _, n := range names {
		if isTaxonomyName(n) {
			k, _ := model.ParseKind(n)
			return k
		}
	}
	return model.Tag
}

// kindOf is the kind a file's place gives it. A bundle's own folder names
// its slug, not its kind, even when it is called "concepts" or "tags".
func kindOf(name string, dirNames []string) model.Kind {
	if isIndexFile(name) && len(dirNames) > 0 {
		dirNames = dirNames[1:]
	}
	return kindFromNames(dirNames)
}

// isTaxonomyFolder reports whether the first of dirNames (nearest first) is
// a taxonomy folder rather than a term's folder inside one.
func isTaxonomyFolder(dirNames []string) bool {
	return isTaxonomyName(dirNames[0]) && !(len(dirNames) > 1 && isTaxonomyName(dirNames[1]))
}

// taxonomyDirs are the folders of a site's content/ that hold terms, one
// per kind; named once, as every folder of a walk is checked against them.
var taxonomyDirs = model.Taxonomies()

func isTaxonomyName(name string) bool {
	return slices.Contains(taxonomyDirs, strings.ToLower(name))
}

// dirChain lists the names of dir and its parents inside fsys, nearest
// first, followed by the names of the root itself and its parents,
// appended to chain.
func dirChain(dir string, rootNames, chain []string) []string {
	for dir != "." && dir != "/" && dir != "" {
		chain = append(chain, path.Base(dir))
		dir = path.Dir(dir)
	}
	chain = append(chain, rootNames...)
	if len(chain) == 0 {
		chain = append(chain, "")
	}
	return chain
}

// ancestors lists the names of an absolute folder and its parents, nearest first.
func ancestors(abs string) []string {
	var names []string
	for {
		base := filepath.Base(abs)
		if base == string(filepath.Separator) || base == "." || base == "" {
			return names
		}
		names = append(names, base)
		parent := filepath.Dir(abs)
		if parent == abs {
			return names
		}
		abs = parent
	}
}

func isDir(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && info.IsDir()
}

// isTermFileName says which files in a folder are term files.
func isTermFileName(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(extOf(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// unwrapPathError drops the operation and path from an fs error: problems
// carry the path already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
