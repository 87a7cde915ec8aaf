package model

import (
	"fmt"
	"runtime"
	"strconv"
	"testing"
)

// undefinedTaxonomy is files terms, each listing refs tags that have no
// file, all distinct: the shape of a taxonomy that refers to a million
// titles it never defines.
func undefinedTaxonomy(files, refs int) []*Term {
	terms := make([]*Term, files)
	for f := range terms {
		t := &Term{ID: MakeID(Tag, "t"+strconv.Itoa(f)), Kind: Tag, Slug: "t" + strconv.Itoa(f), Title: "T" + strconv.Itoa(f), Defined: true, Path: fmt.Sprintf("tags/t%d.md", f)}
		tags := make([]Ref, refs)
		for i := range refs {
			tags[i] = Ref{Title: fmt.Sprintf("U%dx%d", f, i), Line: 4 + i, Col: 3}
		}
		t.SetRefs(Tag, tags)
		terms[f] = t
	}
	return terms
}

// liveHeap is the bytes the heap holds after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestUndefinedReferencesMemory bounds what the graph keeps for each title
// that matches no file: a million of them (11 MB of front matter) took
// 950 MB of live heap, 1.5 GB at the peak, for terms, problems, and maps
// and slices per term.
func TestUndefinedReferencesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a graph of 100,000 references")
	}
	const files, refs = 50, 2000
	terms := undefinedTaxonomy(files, refs)
	before := liveHeap()
	g := New(terms)
	per := float64(liveHeap()-before) / (files * refs)
	if g.Len() != files+files*refs || len(g.Problems()) != files*refs {
		t.Fatalf("%d terms, %d problems", g.Len(), len(g.Problems()))
	}
	const most = 650 // bytes a reference to a distinct undefined term may keep
	t.Logf("%.0f bytes kept a reference", per)
	if per > most {
		t.Errorf("the graph keeps %.0f bytes for each reference to a title without a file, more than %d", per, most)
	}
	if got, want := g.Problems()[0].Error(), `tags/t0.md:4:3: warning: tag "U0x0" matches no file (expected tags/u0x0)`; got != want {
		t.Errorf("first problem %q, want %q", got, want)
	}
	runtime.KeepAlive(g)
}

// BenchmarkUndefinedReferences links 100 terms that each list 10,000
// distinct titles without files: the million references of issue 15.
func BenchmarkUndefinedReferences(b *testing.B) {
	terms := undefinedTaxonomy(100, 10000)
	b.ReportAllocs()
	for b.Loop() {
		New(terms)
	}
}
