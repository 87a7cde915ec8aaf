package learn

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// blend weighs the features of a term into the log-odds that an editor
// would give it the content: a logistic regression fitted on the site's
// own tagged pages, one per taxonomy.
type blend struct {
	w    features // on standardised features
	b    float64
	mean features
	std  features
}

// logit is the blend's log-odds for f.
func (bl *blend) logit(f features) float64 {
	z := bl.b
	for i := range f {
		z += bl.w[i] * (f[i] - bl.mean[i]) / bl.std[i]
	}
	return z
}

// example is one row the blend learns from: a term's features for a
// page, and whether the page carries it.
type row struct {
	f features
	y bool
}

// ridge is the L2 penalty on the standardised weights: it keeps the blend
// sensible when a taxonomy has few pages.
var ridge = envFloat("TAXO_LEARN_RIDGE", 1.0)

// fitBlend fits the blend as a ranking: for each page, a softmax over its
// candidate terms, whose log-likelihood of the terms the page carries is
// maximised by Newton's method (a conditional logit). It reports false
// when the lists cannot teach anything: no list holds a carried term.
func fitBlend(lists [][]row) (*blend, bool) {
	if os.Getenv("TAXO_LEARN_LOSS") != "list" {
		var all []row
		for _, l := range lists {
			all = append(all, l...)
		}
		return fitPointwise(all)
	}
	var all []row
	useful := 0
	for _, l := range lists {
		all = append(all, l...)
		if slices.ContainsFunc(l, func(r row) bool { return r.y }) {
			useful++
		}
	}
	if useful == 0 {
		return nil, false
	}
	bl := &blend{}
	standardise(bl, all)
	const dim = numFeatures
	xs := make([][]features, len(lists))
	for i, l := range lists {
		xs[i] = make([]features, len(l))
		for j, r := range l {
			for k := range dim {
				xs[i][j][k] = (r.f[k] - bl.mean[k]) / bl.std[k]
			}
		}
	}
	var w features
	loss := listLoss(lists, xs, &w)
	for range 20 {
		var grad features
		var hess [dim][dim]float64
		for i, l := range lists {
			listGradient(l, xs[i], &w, &grad, &hess)
		}
		for j := range dim {
			grad[j] += ridge * w[j]
			hess[j][j] += ridge
		}
		step, ok := solve(hess, grad)
		if !ok {
			break
		}
		// Newton's step may overshoot far from the optimum: halve it until
		// the loss goes down.
		var next features
		nextLoss := loss
		for range 20 {
			for j := range dim {
				next[j] = w[j] - step[j]
			}
			if nextLoss = listLoss(lists, xs, &next); nextLoss <= loss {
				break
			}
			for j := range step {
				step[j] /= 2
			}
		}
		if debugBlend {
			fmt.Fprintln(os.Stderr, "loss", loss, nextLoss, step)
		}
		if nextLoss > loss {
			break
		}
		w = next
		done := loss-nextLoss < 1e-6*loss
		loss = nextLoss
		if done {
			break
		}
	}
	bl.w = w
	return bl, true
}

// listLoss is the negative log-likelihood of the carried terms, plus the
// penalty.
func listLoss(lists [][]row, xs [][]features, w *features) float64 {
	var loss float64
	for k := range numFeatures {
		loss += ridge * w[k] * w[k] / 2
	}
	for i, l := range lists {
		npos := 0
		z := make([]float64, len(l))
		top := math.Inf(-1)
		for j := range l {
			for k := range numFeatures {
				z[j] += w[k] * xs[i][j][k]
			}
			top = max(top, z[j])
			if l[j].y {
				npos++
			}
		}
		if npos == 0 {
			continue
		}
		var sum float64
		for j := range z {
			sum += math.Exp(z[j] - top)
		}
		lse := top + math.Log(sum)
		for j := range l {
			if l[j].y {
				loss += (lse - z[j]) / float64(npos)
			}
		}
	}
	return loss
}

// listGradient adds one page's share of the gradient and the Hessian of
// the negative log-likelihood.
func listGradient(l []row, x []features, w, grad *features, hess *[numFeatures][numFeatures]float64) {
	npos := 0
	for _, r := range l {
		if r.y {
			npos++
		}
	}
	if npos == 0 {
		return
	}
	z := make([]float64, len(l))
	top := math.Inf(-1)
	for j := range l {
		for k := range numFeatures {
			z[j] += w[k] * x[j][k]
		}
		top = max(top, z[j])
	}
	var sum float64
	for j := range z {
		z[j] = math.Exp(z[j] - top)
		sum += z[j]
	}
	var mean features
	for j := range l {
		p := z[j] / sum
		for k := range numFeatures {
			mean[k] += p * x[j][k]
		}
	}
	for j, r := range l {
		p := z[j] / sum
		for k := range numFeatures {
			if r.y {
				grad[k] -= x[j][k] / float64(npos)
			}
			for k2 := range numFeatures {
				hess[k][k2] += p * (x[j][k] - mean[k]) * (x[j][k2] - mean[k2])
			}
		}
	}
	for k := range numFeatures {
		grad[k] += mean[k]
	}
}

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

// solve solves a x = b by Gaussian elimination with partial pivoting.
func solve(a [numFeatures][numFeatures]float64, b [numFeatures]float64) ([numFeatures]float64, bool) {
	const n = numFeatures
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return b, false
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			k := a[r][c] / a[c][c]
			for j := c; j < n; j++ {
				a[r][j] -= k * a[c][j]
			}
			b[r] -= k * b[c]
		}
	}
	var x [n]float64
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for j := r + 1; j < n; j++ {
			s -= a[r][j] * x[j]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}

// debugBlend prints the fitted blends when TAXO_LEARN_DEBUG is set.
var debugBlend = os.Getenv("TAXO_LEARN_DEBUG") != ""

func (bl *blend) String() string {
	var b strings.Builder
	for i, w := range bl.w {
		fmt.Fprintf(&b, "%s=%.2f ", featureNames[i], w)
	}
	fmt.Fprintf(&b, "bias=%.2f", bl.b)
	return b.String()
}

// fitPointwise fits a logistic regression of whether a page carries a
// term on the term's features, by Newton's method.
func fitPointwise(rows []row) (*blend, bool) {
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
	const dim = numFeatures + 1 // the weights, then the bias
	xs := make([][dim]float64, len(rows))
	for i, r := range rows {
		for k := range numFeatures {
			xs[i][k] = (r.f[k] - bl.mean[k]) / bl.std[k]
		}
		xs[i][numFeatures] = 1
	}
	var beta [dim]float64
	for range 25 {
		var grad [dim]float64
		var hess [dim][dim]float64
		for i, r := range rows {
			var z float64
			for j := range dim {
				z += beta[j] * xs[i][j]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if r.y {
				y = 1
			}
			for j := range dim {
				grad[j] += (p - y) * xs[i][j]
				for k := range dim {
					hess[j][k] += p * (1 - p) * xs[i][j] * xs[i][k]
				}
			}
		}
		for j := range numFeatures {
			grad[j] += ridge * beta[j]
			hess[j][j] += ridge
		}
		step, ok := solveN(hess[:], grad[:])
		if !ok {
			break
		}
		var size float64
		for j := range dim {
			beta[j] -= step[j]
			size += math.Abs(step[j])
		}
		if size < 1e-6 {
			break
		}
	}
	copy(bl.w[:], beta[:numFeatures])
	bl.b = beta[numFeatures]
	return bl, true
}

// solveN solves a x = b, a of any size, by Gaussian elimination with
// partial pivoting.
func solveN[R ~[]float64 | ~[numFeatures + 1]float64](a []R, b []float64) ([]float64, bool) {
	n := len(b)
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n+1)
		for j := range n {
			m[i][j] = a[i][j]
		}
		m[i][n] = b[i]
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return nil, false
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			k := m[r][c] / m[c][c]
			for j := c; j <= n; j++ {
				m[r][j] -= k * m[c][j]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for j := r + 1; j < n; j++ {
			s -= m[r][j] * x[j]
		}
		x[r] = s / m[r][r]
	}
	return x, true
}

func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil {
		return v
	}
	return def
}
