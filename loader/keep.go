package loader

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"taxo/model"
)

// Keeper keeps, beside a load's index cache, what is built from what was
// loaded (the learned suggestion model, the search index): a file per name, with the
// fingerprint of what it was built from, read back by a later start that
// builds from the same. The files are written and checked as the graphs
// are (a temporary file renamed, a CRC-32C over it); one that does not
// check out is not read. It implements learn.Store and model.Store.
type Keeper struct {
	c *graphCache
}

// Keeper is where what is built from this load is kept; nil when the
// load used no index cache (--no-cache, TAXO_NO_CACHE, no cache folder,
// a reload), and then nothing is read or written.
func (r *Result) Keeper() *Keeper {
	if r.graphs == nil {
		return nil
	}
	return &Keeper{r.graphs}
}

// keepMagic opens every file a Keeper writes.
const keepMagic = "taxo-kept\n"

// path is the file of name.
func (k *Keeper) path(name string) string {
	return strings.TrimSuffix(k.c.entry.path, ".idx") + "-k" + hex.EncodeToString([]byte(name)) + ".idx"
}

// head is how the file of name begins: the magic line and what it is for,
// in full.
func (k *Keeper) head(name string) []byte {
	key := k.c.entry.key + "kept " + name + "\n"
	head := binary.AppendUvarint([]byte(keepMagic), uint64(len(key)))
	return append(head, key...)
}

// Read is what is kept under name and the fingerprint of what it was
// built from; ok is false when nothing whole is kept.
func (k *Keeper) Read(name string) (sum [32]byte, data string, ok bool) {
	if k == nil {
		return sum, "", false
	}
	return readSummed(k.path(name), k.head(name))
}

// Open is what is kept under name, to be read as a stream, and the
// fingerprint of what it was built from; ok is false when nothing is
// kept. What is read is checked as it is read: Close says whether it was
// whole.
func (k *Keeper) Open(name string) (sum [32]byte, data model.KeptData, ok bool) {
	if k == nil {
		return sum, nil, false
	}
	r, sum, ok := openSummed(k.path(name), k.head(name))
	if !ok {
		return sum, nil, false
	}
	return sum, r, true
}

// Write keeps under name what encode writes to w, in the background (the
// load's Wait and Writes wait for it), streamed to the file; an error
// from encode keeps nothing.
func (k *Keeper) Write(name string, sum [32]byte, encode func(w io.Writer) error) {
	if k == nil {
		return
	}
	k.c.start(func() error { return writeSummed(k.path(name), k.head(name), sum, encode) })
}

// openSummed opens a file beside the cache as readSummed reads it, to be
// read as a stream after its head and fingerprint; ok is false when it is
// not there or its head is not head.
func openSummed(path string, head []byte) (*summedReader, [32]byte, bool) {
	var sum [32]byte
	f, err := os.Open(path)
	if err != nil {
		return nil, sum, false
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxGraphFile {
		f.Close()
		return nil, sum, false
	}
	r := &summedReader{f: f, r: bufio.NewReaderSize(f, 256<<10)}
	top := make([]byte, len(head)+len(sum)+8)
	if _, err := io.ReadFull(r.r, top); err != nil || !bytes.HasPrefix(top, head) {
		f.Close()
		return nil, sum, false
	}
	top = top[copy(sum[:], top[len(head):])+len(head):]
	r.left = int64(binary.LittleEndian.Uint32(top))
	r.want = binary.LittleEndian.Uint32(top[4:])
	if r.left != info.Size()-int64(len(head)+len(sum)+8) {
		f.Close()
		return nil, sum, false
	}
	return r, sum, true
}

// summedReader reads what follows a file's head, taking its CRC-32C.
type summedReader struct {
	f    *os.File
	r    *bufio.Reader
	left int64 // bytes not yet read
	crc  uint32
	want uint32 // the CRC-32C the file gives
}

// errNotWhole is why what was kept is not to be used.
var errNotWhole = errors.New("what was kept is cut short or damaged")

func (s *summedReader) Read(p []byte) (int, error) {
	if s.left == 0 {
		return 0, io.EOF
	}
	n, err := s.r.Read(p[:min(int64(len(p)), s.left)])
	s.crc = crc32.Update(s.crc, castagnoli, p[:n])
	s.left -= int64(n)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// Len is how many bytes are left to read.
func (s *summedReader) Len() int { return int(s.left) }

// Close closes the file; errNotWhole when it was not read to its end or
// its CRC is not the one written.
func (s *summedReader) Close() error {
	err := s.f.Close()
	if s.left != 0 || s.crc != s.want {
		return errNotWhole
	}
	return err
}

// pageStamp is a content page's file as the load found it.
type pageStamp struct {
	path string
	st   stamp
}

// keepStamps keeps, for PageStamp, the stamps of the pages' files that
// may stand for what the files hold: those the load read, or took from
// the cache, not changed within racyWindow before it began (a file
// written again within its file system's timestamp step keeps its
// stamp). The load began at started.
func (r *Result) keepStamps(started time.Time) {
	trusted := started.Add(-racyWindow)
	for _, p := range r.parsed {
		if p.page != nil && p.stamp.size >= 0 && p.stamp.modTime.Before(trusted) {
			r.stamps = append(r.stamps, pageStamp{path: p.rel, st: p.stamp})
		}
	}
	byPath := func(a, b pageStamp) int { return strings.Compare(a.path, b.path) }
	if !slices.IsSortedFunc(r.stamps, byPath) { // a load's files are in path order: this costs a look
		slices.SortFunc(r.stamps, byPath)
	}
}

// PageStamp stands for the text of p's file, for what is kept built from
// this load (the learned model) to be checked without reading the file:
// its size, modification time and, where the system gives them, its
// inode and status change time, as this load found them when it read
// the file or took it from the index cache. A file whose text changed
// has another stamp, as the index cache trusts it. ok is false when the
// load used no index cache (Keeper is nil), when p is not one of its
// pages, and when the file was changed too shortly before the load for
// its stamp to tell; the text itself must then be read.
func (r *Result) PageStamp(p *model.Page) (string, bool) {
	i, ok := slices.BinarySearchFunc(r.stamps, p.Path, func(s pageStamp, path string) int {
		return strings.Compare(s.path, path)
	})
	if !ok {
		return "", false
	}
	st := r.stamps[i].st
	b := binary.AppendVarint(nil, st.size)
	b = binary.AppendVarint(b, st.modTime.UnixNano())
	b = binary.AppendUvarint(b, st.ino)
	b = binary.AppendVarint(b, st.ctime)
	return string(b), true
}
