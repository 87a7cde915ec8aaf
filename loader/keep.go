package loader

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// Keeper keeps, beside a load's index cache, what is built from what was
// loaded (the learned suggestion model): a file per name, with the
// fingerprint of what it was built from, read back by a later start that
// builds from the same. The files are written and checked as the graphs
// are (a temporary file renamed, a CRC-32C over it); one that does not
// check out is not read. It implements learn.Store.
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

// Write keeps under name what encode gives, in the background (the load's
// Wait and Writes wait for it); nil from encode keeps nothing.
func (k *Keeper) Write(name string, sum [32]byte, encode func() []byte) {
	if k == nil {
		return
	}
	k.c.start(func() error {
		data := encode()
		if data == nil || len(data) > maxGraphFile-1<<20 {
			return nil
		}
		return writeSummed(k.path(name), k.head(name), sum, data)
	})
}
