package learn

import (
	"cmp"
	"container/heap"
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
// in a heap whose root is the worst kept.
type best struct {
	limit int
	items []scored
}

func (b *best) Len() int           { return len(b.items) }
func (b *best) Less(i, j int) bool { return worse(b.items[i], b.items[j]) }
func (b *best) Swap(i, j int)      { b.items[i], b.items[j] = b.items[j], b.items[i] }
func (b *best) Push(x any)         { b.items = append(b.items, x.(scored)) }
func (b *best) Pop() any {
	x := b.items[len(b.items)-1]
	b.items = b.items[:len(b.items)-1]
	return x
}

func (b *best) offer(term int32, score float64) {
	s := scored{term, score}
	switch {
	case b.limit == 0 || len(b.items) < b.limit:
		heap.Push(b, s)
	case worse(b.items[0], s):
		b.items[0] = s
		heap.Fix(b, 0)
	}
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
