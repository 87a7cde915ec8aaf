package loader

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"taxo/model"
)

// The index cache keeps, beside a taxonomy's cache file, the graph of each
// language as the last start linked it (model.AppendSnapshot), with the
// fingerprint of what it was linked from (model.Fingerprint). A start
// whose terms and pages give the same fingerprint takes the graph from
// there instead of linking it again: edits to what linking does not read
// (a body, a description) keep it; any other change makes the graph
// linked anew and written again. A graph file that does not check out is
// not read, and is written anew.

// graphMagic opens every graph file.
const graphMagic = "taxo-graph\n"

// maxGraphFile is the largest graph file read: a snapshot's length is
// written in 32 bits.
const maxGraphFile = 1<<32 - 1

// graphCache is where a load's graphs are kept: beside its cache file.
type graphCache struct {
	entry cacheEntry
	mu    sync.Mutex
	idle  *sync.Cond // signalled when busy falls to 0; made with the first write
	busy  int        // graphs (and what a Keeper keeps) being written
	err   error
	taken int // graphs taken from the cache
}

// path is the graph file of the language lang.
func (c *graphCache) path(lang string) string {
	return strings.TrimSuffix(c.entry.path, ".idx") + "-g" + hex.EncodeToString([]byte(lang)) + ".idx"
}

// key is what the graph file of lang is for, in full.
func (c *graphCache) key(lang string) string { return c.entry.key + "graph of " + lang + "\n" }

// graph is the graph of lang linked from content: the one kept for it
// when it was linked from the same, else linked and kept in the
// background. The fingerprint of content is taken while the graph kept is
// read, on another core.
func (c *graphCache) graph(lang string, content model.Content) *model.Graph {
	var sum [32]byte
	done := make(chan struct{})
	go func() {
		defer close(done)
		sum = model.Fingerprint(content)
	}()
	kept, keptSum := c.read(lang, content)
	<-done
	if kept != nil && keptSum == sum {
		c.mu.Lock()
		c.taken++
		c.mu.Unlock()
		return kept
	}
	g := model.NewSite(content)
	c.start(func() error { return c.write(lang, g, content, sum) })
	return g
}

// start runs write in the background, for wait to wait for. A write
// started while wait waits is waited for too (a WaitGroup would not allow
// it: a Keeper writes once a model is built, which may be at any time).
func (c *graphCache) start(write func() error) {
	c.mu.Lock()
	c.busy++
	if c.idle == nil {
		c.idle = sync.NewCond(&c.mu)
	}
	c.mu.Unlock()
	go func() {
		err := write()
		c.mu.Lock()
		defer c.mu.Unlock()
		c.err = errors.Join(c.err, err)
		if c.busy--; c.busy == 0 {
			c.idle.Broadcast()
		}
	}()
}

// read reads the graph file of lang, if it is there and checks out,
// and the fingerprint of what it was linked from. The file is read into
// one string, which the graph's strings are cut from: no second copy.
func (c *graphCache) read(lang string, content model.Content) (*model.Graph, [32]byte) {
	sum, rest, ok := readSummed(c.path(lang), c.head(lang))
	if !ok {
		return nil, sum
	}
	g, ok := model.FromSnapshot(content, rest)
	if !ok {
		return nil, sum
	}
	return g, sum
}

// readSummed reads a file beside the cache that opens with head, then a
// fingerprint, the length of what follows and its CRC-32C: what follows
// and the fingerprint, when the file is there and checks out.
func readSummed(path string, head []byte) ([32]byte, string, bool) {
	var sum [32]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, "", false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxGraphFile {
		return sum, "", false
	}
	var text strings.Builder
	text.Grow(int(info.Size()))
	if _, err := io.Copy(&text, f); err != nil {
		return sum, "", false
	}
	rest, ok := strings.CutPrefix(text.String(), string(head))
	if !ok || len(rest) < len(sum)+8 {
		return sum, "", false
	}
	copy(sum[:], rest)
	rest = rest[len(sum):]
	n, crc := binary.LittleEndian.Uint32([]byte(rest[:4])), binary.LittleEndian.Uint32([]byte(rest[4:8]))
	rest = rest[8:]
	if uint64(n) != uint64(len(rest)) || crcOf(rest) != crc {
		return sum, "", false
	}
	return sum, rest, true
}

// crcOf is the CRC-32C of s, taken a run at a time.
func crcOf(s string) uint32 {
	var buf [64 << 10]byte
	crc := uint32(0)
	for len(s) > 0 {
		n := copy(buf[:], s)
		crc = crc32.Update(crc, castagnoli, buf[:n])
		s = s[n:]
	}
	return crc
}

// head is how a graph file begins: the magic line and the key; the
// fingerprint follows.
func (c *graphCache) head(lang string) []byte {
	key := c.key(lang)
	head := binary.AppendUvarint([]byte(graphMagic), uint64(len(key)))
	return append(head, key...)
}

// write writes the graph file of lang: a temporary file beside it,
// renamed over it once whole.
func (c *graphCache) write(lang string, g *model.Graph, content model.Content, sum [32]byte) error {
	snap := g.AppendSnapshot(nil, content)
	if snap == nil || len(snap) > maxGraphFile-1<<20 {
		return nil // nothing a snapshot holds: it is linked at each start
	}
	return writeSummed(c.path(lang), c.head(lang), sum, snap)
}

// writeSummed writes a file beside the cache as readSummed reads it: to a
// temporary file beside it, renamed over it once whole.
func writeSummed(path string, head []byte, sum [32]byte, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // once renamed, this fails and does nothing
	w := bufio.NewWriterSize(tmp, 1<<20)
	head = append(head, sum[:]...)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(data)))
	head = binary.LittleEndian.AppendUint32(head, crc32.Checksum(data, castagnoli))
	_, err = w.Write(head)
	if err == nil {
		_, err = w.Write(data)
	}
	if err := errors.Join(err, w.Flush(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// wait waits for the graphs being written, and says why one could not be.
func (c *graphCache) wait() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.busy > 0 {
		c.idle.Wait()
	}
	return c.err
}

// writing says whether a graph is being written.
func (c *graphCache) writing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.busy > 0
}
