package learn

import (
	"math"
	"slices"
)

// A logistic regression adds up its evidence: it cannot say that a
// term's title standing in the content counts for more when the term is
// rare, or that the neighbours' vote means less for a term every page
// carries. Boosted regression trees, fitted on what the regression still
// gets wrong, say such things: each tree cuts the evidence in a few boxes
// and adds a little to the log-odds of the terms in each. They are fitted
// on the terms that compete for the first places, each page's
// boostCandidates best by the regression, not on the hundreds of terms no
// one would suggest, which would teach them only what the regression
// already knows.

// tree is a regression tree: its nodes, the root first.
type tree []treeNode

// treeNode is a cut of one feature, or a leaf when feature is -1.
type treeNode struct {
	feature     int
	threshold   float64 // values at most this go left
	left, right int32
	value       float64 // a leaf's addition to the log-odds
}

// add is what the tree adds to the log-odds of a term with features f.
func (t tree) add(f *features) float64 {
	n := int32(0)
	for t[n].feature >= 0 {
		if f[t[n].feature] <= t[n].threshold {
			n = t[n].left
		} else {
			n = t[n].right
		}
	}
	return t[n].value
}

// How the trees are grown: boostRounds trees of boostDepth cuts, each
// adding boostRate of what it found (small steps generalise better); a
// feature is cut between boostBins ranges of about equal counts (a range
// is numbered in a byte); a leaf's value is shrunk as if it held
// boostLambda more, and a box must hold boostMinHessian (in units of the
// chances' variance: some twenty terms or more) to be cut. Each page's
// boostCandidates best terms by the regression are what the trees learn
// from, when they are boostMinRows or more: trees fitted on fewer (a
// taxonomy of a few terms on a few dozen pages) learn their noise.
const (
	boostRounds     = 100
	boostDepth      = 3
	boostRate       = 0.1
	boostBins       = 32
	boostLambda     = 1.0
	boostMinHessian = 5.0
	boostCandidates = 50
	boostMinRows    = 2000
)

// histogram is, for each feature and range, the sums of the gradient and
// of the curvature of the rows in it.
type histogram [numFeatures][boostBins]struct{ g, h float64 }

// grower is the state of the boosting: the rows' ranges (row by row), the
// cuts between ranges, the rows' log-odds so far, and the gradient and
// curvature of the loss at each.
type grower struct {
	y          []bool
	thresholds [numFeatures][]float64
	bins       [][numFeatures]uint8
	z, g, h    []float64
	idx        []int32     // the rows, each node's together
	parts      []histogram // fill's, by run
}

// boost fits the trees on rows, whose log-odds by the regression are z.
func boost(rows []row, z []float64) []tree {
	n := len(rows)
	gr := &grower{y: make([]bool, n), z: slices.Clone(z), g: make([]float64, n), h: make([]float64, n), idx: make([]int32, n)}
	for i, r := range rows {
		gr.y[i] = r.y
	}
	gr.bin(rows)
	trees := make([]tree, 0, boostRounds)
	for range boostRounds {
		var t tree
		root := new(histogram)
		gr.fillRoot(root)
		gr.grow(&t, gr.idx, root, 0)
		trees = append(trees, t)
	}
	return trees
}

// bin cuts each feature's values into boostBins ranges of about equal
// counts, and notes each row's range.
func (gr *grower) bin(rows []row) {
	n := len(rows)
	gr.bins = make([][numFeatures]uint8, n)
	inParallel(numFeatures, func(lo, hi int) {
		sorted := make([]float64, n)
		for k := lo; k < hi; k++ {
			for i, r := range rows {
				sorted[i] = r.f[k]
			}
			slices.Sort(sorted)
			var th []float64
			for b := 1; b < boostBins; b++ {
				if v := sorted[b*n/boostBins]; len(th) == 0 || v > th[len(th)-1] {
					th = append(th, v)
				}
			}
			gr.thresholds[k] = th
			for i, r := range rows {
				b, _ := slices.BinarySearch(th, r.f[k]) // the first threshold at least the value
				gr.bins[i][k] = uint8(b)
			}
		}
	})
}

// fillRoot readies the rows for a new tree: the gradient and curvature of
// the loss at their log-odds so far, all of them at the root in order. It
// adds them up into hist as fill does, in the same pass.
func (gr *grower) fillRoot(hist *histogram) {
	n := len(gr.z)
	chunks := sumChunks
	if n < fillChunked {
		chunks = 1
	}
	if gr.parts == nil {
		gr.parts = make([]histogram, sumChunks)
	}
	parts := gr.parts
	clear(parts)
	inParallel(chunks, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			for i := c * n / chunks; i < (c+1)*n/chunks; i++ {
				p := 1 / (1 + math.Exp(-gr.z[i]))
				gr.g[i], gr.h[i] = p, max(p*(1-p), 1e-6)
				if gr.y[i] {
					gr.g[i]--
				}
				gr.idx[i] = int32(i)
			}
			gr.fillRun(&parts[c], gr.idx[c*n/chunks:(c+1)*n/chunks])
		}
	})
	gr.merge(hist, parts[:chunks])
}

// fillChunked is the least number of rows fill adds up on every core.
const fillChunked = 4 * 1024

// merge adds the histograms parts into hist, in order.
func (gr *grower) merge(hist *histogram, parts []histogram) {
	for c := range parts {
		for k := range hist {
			for b := range hist[k] {
				hist[k][b].g += parts[c][k][b].g
				hist[k][b].h += parts[c][k][b].h
			}
		}
	}
}

// fill adds up the rows idx into hist: many rows in sumChunks runs on
// every core, then the runs in order, so that the sums do not depend on
// the number of cores.
func (gr *grower) fill(hist *histogram, idx []int32) {
	if len(idx) < fillChunked {
		gr.fillRun(hist, idx)
		return
	}
	if gr.parts == nil {
		gr.parts = make([]histogram, sumChunks)
	}
	parts := gr.parts
	clear(parts)
	inParallel(sumChunks, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			gr.fillRun(&parts[c], idx[c*len(idx)/sumChunks:(c+1)*len(idx)/sumChunks])
		}
	})
	gr.merge(hist, parts)
}

// fillRun adds up the rows idx into hist, one after the other.
func (gr *grower) fillRun(hist *histogram, idx []int32) {
	for _, i := range idx {
		g, h := gr.g[i], gr.h[i]
		bins := &gr.bins[i]
		for k := range numFeatures {
			s := &hist[k][bins[k]%boostBins]
			s.g += g
			s.h += h
		}
	}
}

// grow adds to t the node for the rows idx, whose histogram is hist, at
// depth, and the nodes below it; it returns the node's index. A leaf adds
// its value to its rows' log-odds.
func (gr *grower) grow(t *tree, idx []int32, hist *histogram, depth int) int32 {
	node := int32(len(*t))
	var g, h float64
	for _, s := range hist[0] {
		g += s.g
		h += s.h
	}
	value := -boostRate * g / (h + boostLambda)
	*t = append(*t, treeNode{feature: -1, value: value})
	k, b, ok := 0, 0, false
	if depth < boostDepth && h >= 2*boostMinHessian {
		k, b, ok = bestCut(hist, &gr.thresholds, g, h)
	}
	if !ok {
		for _, i := range idx {
			gr.z[i] += value
		}
		return node
	}
	// The rows going left first, then those going right.
	l := 0
	for j, i := range idx {
		if int(gr.bins[i][k]) <= b {
			idx[l], idx[j] = idx[j], idx[l]
			l++
		}
	}
	left, right := idx[:l], idx[l:]
	// The smaller side is added up, the larger is what is left of hist.
	small, large := new(histogram), hist
	if len(left) <= len(right) {
		gr.fill(small, left)
	} else {
		gr.fill(small, right)
	}
	for k := range large {
		for b := range large[k] {
			large[k][b].g -= small[k][b].g
			large[k][b].h -= small[k][b].h
		}
	}
	lh, rh := small, large
	if len(left) > len(right) {
		lh, rh = large, small
	}
	ln := gr.grow(t, left, lh, depth+1)
	rn := gr.grow(t, right, rh, depth+1)
	(*t)[node] = treeNode{feature: k, threshold: gr.thresholds[k][b], left: ln, right: rn}
	return node
}

// bestCut finds the feature and range after which cutting the rows of
// hist lowers the loss most; g and h are their sums.
func bestCut(hist *histogram, thresholds *[numFeatures][]float64, g, h float64) (feature, bin int, ok bool) {
	best := 0.0
	parent := g * g / (h + boostLambda)
	for k := range numFeatures {
		var gl, hl float64
		for b := range len(thresholds[k]) {
			gl += hist[k][b].g
			hl += hist[k][b].h
			gright, hr := g-gl, h-hl
			if hl < boostMinHessian || hr < boostMinHessian {
				continue
			}
			if gain := gl*gl/(hl+boostLambda) + gright*gright/(hr+boostLambda) - parent; gain > best {
				best, feature, bin, ok = gain, k, b, true
			}
		}
	}
	return feature, bin, ok
}
