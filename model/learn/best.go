package learn

import (
	"cmp"
	"slices"
)

// scored is a term with its score.
type scored struct {
	term  int32
	score float64
}

// worse orders scored terms: lower score, then later term, first.
func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.term > b.term
}

// best keeps the limit best terms offered (all of them when limit is 0)
// in a heap whose root is the worst kept. The heap is container/heap's,
// without its interface, which would box every term offered.
type best struct {
	limit int
	items []scored
}

func (b *best) offer(term int32, score float64) {
	s := scored{term, score}
	switch {
	case b.limit == 0 || len(b.items) < b.limit:
		b.items = append(b.items, s)
		b.up(len(b.items) - 1)
	case worse(b.items[0], s):
		b.items[0] = s
		if !b.down(0) {
			b.up(0)
		}
	}
}

// up moves the item at j up to its place in the heap.
func (b *best) up(j int) {
	for {
		i := (j - 1) / 2 // parent
		if i == j || !worse(b.items[j], b.items[i]) {
			break
		}
		b.items[i], b.items[j] = b.items[j], b.items[i]
		j = i
	}
}

// down moves the item at i0 down to its place in the heap, and reports
// whether it moved.
func (b *best) down(i0 int) bool {
	i, n := i0, len(b.items)
	for {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 { // j1 < 0 after int overflow
			break
		}
		j := j1 // left child
		if j2 := j1 + 1; j2 < n && worse(b.items[j2], b.items[j1]) {
			j = j2 // right child
		}
		if !worse(b.items[j], b.items[i]) {
			break
		}
		b.items[i], b.items[j] = b.items[j], b.items[i]
		i = j
	}
	return i > i0
}

// sorted returns the kept terms, best first.
func (b *best) sorted() []scored {
	out := slices.Clone(b.items)
	slices.SortFunc(out, func(x, y scored) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(x.term, y.term)
	})
	return out
}
