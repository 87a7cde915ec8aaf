package learn

import (
	"cmp"
	"math"
	"slices"
)

// blend weighs the features of a term into the log-odds that an editor
// would give the content the term: a logistic regression fitted on the
// site's own tagged pages, one per taxonomy. Ranking each page's terms by
// that chance is what makes the most right terms come first: the best
// three are the three most likely.
type blend struct {
	w     features // on standardised features
	b     float64
	mean  features
	std   features
	trees []tree // what they add to the regression's log-odds
}

// linear is the regression's log-odds for f.
func (bl *blend) linear(f *features) float64 {
	z := bl.b
	for i := range f {
		z += bl.w[i] * (f[i] - bl.mean[i]) / bl.std[i]
	}
	return z
}

// logit is the blend's log-odds for f: the regression's and the trees'.
func (bl *blend) logit(f features) float64 {
	z := bl.linear(&f)
	for _, t := range bl.trees {
		z += t.add(&f)
	}
	return z
}

// chance is the blend's chance for f, from 0 to 1.
func (bl *blend) chance(f features) float64 { return 1 / (1 + math.Exp(-bl.logit(f))) }

// row is what the blend learns from: a term's features for a page, and
// whether the page carries the term.
type row struct {
	f features
	y bool
}

// trainPages is at most how many pages the blends learn from: a few
// hundred pages give thousands of rows, plenty for a handful of weights.
// minPages is the least number of tagged pages a taxonomy's blend is
// learned from: with fewer, its terms are suggested by their own text.
const (
	trainPages = 400
	minPages   = 20
)

// trainingSample are the pages the blends learn from, of n: every page,
// or trainPages spread evenly over them.
func trainingSample(n int) []int {
	k := min(n, trainPages)
	sample := make([]int, k)
	for s := range sample {
		sample[s] = s * n / k
	}
	return sample
}

// fitBlends fits each taxonomy's blend on the tagged pages, each page
// standing for new content: it is left out of what the model learned,
// its candidates weighed and checked against the terms it carries.
func (m *Model) fitBlends(examples []Example, rd read) {
	sample := make([][][]row, len(rd.sample)) // by page of the sample, by taxonomy
	inParallel(len(sample), func(lo, hi int) {
		var sc scratch
		for s := lo; s < hi; s++ {
			i := rd.sample[s]
			c := Content{Path: examples[i].Path, Text: examples[i].Text, Date: examples[i].Date}
			ev := m.gather(c, m.selfVector(rd.ids[i]), rd.tokens[s], i, &sc)
			sample[s] = make([][]row, len(m.taxonomies))
			for _, t := range m.candidates(ev) {
				tax := m.taxOf[t]
				sample[s][tax] = append(sample[s][tax], row{f: m.featuresOf(ev, t), y: contains(m.pages[i].terms, t)})
			}
			sc.release(m, ev)
		}
	})
	pages := make([]int, len(m.taxonomies))
	for s := range sample {
		for tax := range m.taxonomies {
			if m.taxonomyUsed(rd.sample[s], int32(tax)) {
				pages[tax]++
			}
		}
	}
	m.blends = make([]*blend, len(m.taxonomies))
	inParallel(len(m.taxonomies), func(lo, hi int) {
		for tax := lo; tax < hi; tax++ {
			if pages[tax] < minPages {
				continue
			}
			byPage := make([][]row, len(sample))
			for s := range sample {
				byPage[s] = sample[s][tax]
			}
			m.blends[tax] = fitTaxonomy(byPage)
		}
	})
}

// fitTaxonomy fits a taxonomy's blend on its rows, by page: the
// regression on them all, then the trees on each page's boostCandidates
// best by the regression, when they are boostMinRows or more. It returns
// nil when the rows cannot teach anything.
func fitTaxonomy(byPage [][]row) *blend {
	bl, ok := fitBlend(slices.Concat(byPage...))
	if !ok {
		return nil
	}
	tops := make([][]row, len(byPage))
	zs := make([][]float64, len(byPage))
	inParallel(len(byPage), func(lo, hi int) {
		for p := lo; p < hi; p++ {
			tops[p], zs[p] = bl.best(byPage[p], boostCandidates)
		}
	})
	if rows := slices.Concat(tops...); len(rows) >= boostMinRows {
		bl.trees = boost(rows, slices.Concat(zs...))
	}
	return bl
}

// best are the n rows with the highest log-odds by the regression, highest
// first, and their log-odds.
func (bl *blend) best(rows []row, n int) ([]row, []float64) {
	logits := make([]float64, len(rows))
	order := make([]int, len(rows))
	for i := range rows {
		logits[i], order[i] = bl.linear(&rows[i].f), i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(logits[b], logits[a]) })
	var top []row
	var z []float64
	for _, i := range order[:min(n, len(order))] {
		top = append(top, rows[i])
		z = append(z, logits[i])
	}
	return top, z
}

// taxonomyUsed reports whether page i carries a term of taxonomy tax: a
// page without any says nothing of how that taxonomy is applied.
func (m *Model) taxonomyUsed(i int, tax int32) bool {
	for _, t := range m.pages[i].terms {
		if m.taxOf[t] == tax {
			return true
		}
	}
	return false
}

// ridge is the L2 penalty on the standardised weights: it keeps the blend
// sensible when a taxonomy has few pages.
const ridge = 1.0

// believed are the weights the blend starts from and is drawn back to,
// the fewer pages it learns from the more: a term's own text counts, as it
// does when nothing is learned.
var believed = [dim]float64{fText: 1, fTitle: 1}

// dim is the number of the blend's parameters: the weights, then the bias.
const dim = numFeatures + 1

// fitBlend fits the logistic regression by Newton's method. It reports
// false when the rows cannot teach anything: no term carried, or none
// missed.
func fitBlend(rows []row) (*blend, bool) {
	pos := 0
	for _, r := range rows {
		if r.y {
			pos++
		}
	}
	if pos == 0 || pos == len(rows) {
		return nil, false
	}
	bl := &blend{}
	standardise(bl, rows)
	xs := make([][dim]float64, len(rows))
	inParallel(len(rows), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for k := range numFeatures {
				xs[i][k] = (rows[i].f[k] - bl.mean[k]) / bl.std[k]
			}
			xs[i][numFeatures] = 1
		}
	})
	var beta [dim]float64
	for range 25 {
		step, ok := newtonStep(rows, xs, &beta)
		if !ok {
			break
		}
		var size float64
		for j := range dim {
			beta[j] -= step[j]
			size += math.Abs(step[j])
		}
		if size < 1e-4 {
			break
		}
	}
	copy(bl.w[:], beta[:numFeatures])
	bl.b = beta[numFeatures]
	return bl, true
}

// newtonStep is the step of Newton's method from beta on the penalised
// negative log-likelihood: the Hessian's inverse times the gradient. The
// rows are summed in sumChunks runs on every core, then the runs in order,
// so that the sums do not depend on the number of cores.
func newtonStep(rows []row, xs [][dim]float64, beta *[dim]float64) ([dim]float64, bool) {
	type sums struct {
		grad [dim]float64
		hess [dim][dim]float64
	}
	parts := make([]sums, sumChunks)
	inParallel(sumChunks, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			// Summed on the stack, each row's terms in the same order.
			var ps sums
			for i := c * len(rows) / sumChunks; i < (c+1)*len(rows)/sumChunks; i++ {
				x := &xs[i]
				var z float64
				for j := range dim {
					z += beta[j] * x[j]
				}
				p := 1 / (1 + math.Exp(-z))
				y := 0.0
				if rows[i].y {
					y = 1
				}
				for j := range dim {
					ps.grad[j] += (p - y) * x[j]
					w := p * (1 - p) * x[j]
					h := &ps.hess[j]
					for k := j; k < dim; k++ {
						h[k] += w * x[k]
					}
				}
			}
			parts[c] = ps
		}
	})
	var grad [dim]float64
	var hess [dim][dim]float64
	for c := range parts {
		for j := range dim {
			grad[j] += parts[c].grad[j]
			for k := j; k < dim; k++ {
				hess[j][k] += parts[c].hess[j][k]
			}
		}
	}
	for j := range dim {
		for k := range j {
			hess[j][k] = hess[k][j]
		}
	}
	for j := range numFeatures {
		grad[j] += ridge * (beta[j] - believed[j])
		hess[j][j] += ridge
	}
	return solve(hess, grad)
}

// sumChunks is how many runs the rows are summed in, on every core.
const sumChunks = 8

// standardise sets the blend's mean and spread of each feature over rows;
// a feature that never varies gets a spread of 1.
func standardise(bl *blend, rows []row) {
	n := float64(len(rows))
	for _, r := range rows {
		for i, v := range r.f {
			bl.mean[i] += v / n
		}
	}
	for _, r := range rows {
		for i, v := range r.f {
			d := v - bl.mean[i]
			bl.std[i] += d * d / n
		}
	}
	for i, v := range bl.std {
		bl.std[i] = math.Sqrt(v)
		if bl.std[i] < 1e-9 {
			bl.std[i] = 1
		}
	}
}

// solve solves a x = b by Gaussian elimination with partial pivoting; it
// reports false when a is singular.
func solve(a [dim][dim]float64, b [dim]float64) ([dim]float64, bool) {
	for c := range dim {
		p := c
		for r := c + 1; r < dim; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return b, false
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < dim; r++ {
			k := a[r][c] / a[c][c]
			for j := c; j < dim; j++ {
				a[r][j] -= k * a[c][j]
			}
			b[r] -= k * b[c]
		}
	}
	var x [dim]float64
	for r := dim - 1; r >= 0; r-- {
		s := b[r]
		for j := r + 1; j < dim; j++ {
			s -= a[r][j] * x[j]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}
