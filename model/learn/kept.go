package learn

import (
	"io"
	"sync"

	"taxo/model"
)

// Store keeps built models between processes: the index cache, beside
// the graph (loader.Keeper). The model package does no I/O itself.
type Store interface {
	// Read is what was kept under name, with the fingerprint of what it
	// was built from; ok is false when nothing is kept, or nothing whole.
	Read(name string) (sum [32]byte, data string, ok bool)
	// Write keeps under name what encode writes to w, for what has the
	// fingerprint sum, in the background; an error from encode keeps
	// nothing.
	Write(name string, sum [32]byte, encode func(w io.Writer) error)
}

// Kept is the model New builds from terms and examples: read from store
// when it keeps one built from the same (same fingerprint), else built and
// handed to store to keep. With a nil store it is New. The fingerprint is
// taken while what store keeps is read.
func Kept(terms []*model.Term, examples []Example, store Store) *Model {
	if store == nil {
		return New(terms, examples)
	}
	return kept(terms, examples, store, func() [32]byte { return Fingerprint(terms, examples) }, nil)
}

// KeptSite is Kept for the terms and tagged pages of g, the examples as
// Examples makes them, but a page's body is read (by body) only when the
// model must be learned again. A page for which stamp gives what stands
// for its file's text (the loader's Result.PageStamp) is fingerprinted by
// that, its path, title, description, abstract, date and terms; any other
// by its text, body read, as Kept does. stamp must never give the same
// for two texts of a file: a model kept for another text would be read.
// With a nil store or stamp it is Kept of Examples.
func KeptSite(g *model.Graph, body func(*model.Page) (string, error), stamp func(*model.Page) (string, bool), store Store) *Model {
	terms := g.Terms()
	if store == nil || stamp == nil {
		return Kept(terms, Examples(g, body), store)
	}
	pages := tagged(g)
	examples := make([]Example, len(pages))
	stamps := make([]string, len(pages))
	sum := func() [32]byte {
		for i, p := range pages {
			examples[i] = exampleOf(p)
			if s, ok := stamp(p); ok {
				stamps[i] = s
			} else {
				examples[i].Text = withBody(examples[i].Text, p, body)
			}
		}
		return fingerprint(terms, examples, stamps)
	}
	readBodies := func() {
		for i, p := range pages {
			if stamps[i] != "" {
				examples[i].Text = withBody(examples[i].Text, p, body)
			}
		}
	}
	return kept(terms, examples, store, sum, readBodies)
}

// kept is the model of terms and examples, read from store when it keeps
// one of fingerprint sum (taken while store reads), else built, after
// complete (when not nil) gives the examples their whole texts, and
// handed to store to keep. Decode reads no example's text.
func kept(terms []*model.Term, examples []Example, store Store, sum func() [32]byte, complete func()) *Model {
	name := "model " + languageOf(terms)
	var keptSum [32]byte
	var data string
	var ok bool
	var wg sync.WaitGroup
	wg.Go(func() { keptSum, data, ok = store.Read(name) })
	want := sum()
	wg.Wait()
	if ok && keptSum == want {
		if m, ok := Decode(terms, examples, data); ok {
			return m
		}
	}
	if complete != nil {
		complete()
	}
	m := New(terms, examples)
	store.Write(name, want, m.WriteBinary)
	return m
}
