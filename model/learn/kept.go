package learn

import (
	"sync"

	"taxo/model"
)

// Store keeps built models between processes: the index cache, beside
// the graph (loader.Keeper). The model package does no I/O itself.
type Store interface {
	// Read is what was kept under name, with the fingerprint of what it
	// was built from; ok is false when nothing is kept, or nothing whole.
	Read(name string) (sum [32]byte, data string, ok bool)
	// Write keeps under name what encode gives, for what has the
	// fingerprint sum, in the background; nil from encode keeps nothing.
	Write(name string, sum [32]byte, encode func() []byte)
}

// Kept is the model New builds from terms and examples: read from store
// when it keeps one built from the same (same fingerprint), else built and
// handed to store to keep. With a nil store it is New. The fingerprint is
// taken while what store keeps is read.
func Kept(terms []*model.Term, examples []Example, store Store) *Model {
	if store == nil {
		return New(terms, examples)
	}
	name := "model " + languageOf(terms)
	var keptSum [32]byte
	var data string
	var ok bool
	var wg sync.WaitGroup
	wg.Go(func() { keptSum, data, ok = store.Read(name) })
	sum := Fingerprint(terms, examples)
	wg.Wait()
	if ok && keptSum == sum {
		if m, ok := Decode(terms, examples, data); ok {
			return m
		}
	}
	m := New(terms, examples)
	store.Write(name, sum, func() []byte {
		b, err := m.AppendBinary(nil)
		if err != nil {
			return nil
		}
		return b
	})
	return m
}
