package learn

import (
	"math/rand/v2"
	"testing"
)

// TestBoostLearnsWhatTheRegressionCannot checks the trees on evidence
// where a term is right only when two features are both high, or both
// low: no weighing of the two apart can tell, and the trees must.
func TestBoostLearnsWhatTheRegressionCannot(t *testing.T) {
	tests := []struct {
		name  string
		right func(a, b float64) bool
		least float64 // the least share of rows the trees must get right
	}{
		{"both high or both low", func(a, b float64) bool { return (a > 0.5) == (b > 0.5) }, 0.9},
		{"the first feature alone", func(a, _ float64) bool { return a > 0.3 }, 0.95},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			rows := make([]row, 4000)
			for i := range rows {
				rows[i].f[fVote], rows[i].f[fText] = r.Float64(), r.Float64()
				rows[i].y = tc.right(rows[i].f[fVote], rows[i].f[fText])
			}
			trees := boost(rows, make([]float64, len(rows)))
			good := 0
			for _, rw := range rows {
				var z float64
				for _, tr := range trees {
					z += tr.add(&rw.f)
				}
				if (z > 0) == rw.y {
					good++
				}
			}
			if share := float64(good) / float64(len(rows)); share < tc.least {
				t.Errorf("the trees got %.3f of the rows right, want %.2f or more", share, tc.least)
			}
		})
	}
}
