package learn

import "testing"

func TestFitScratch(t *testing.T) {
	var lists [][]row
	for i := range 50 {
		var l []row
		for j := range 10 {
			var f features
			f[fVote] = float64((i*7+j*3)%10) / 10
			f[fText] = float64((i*3+j*5)%7) / 7
			l = append(l, row{f: f, y: f[fVote] > 0.7})
		}
		lists = append(lists, l)
	}
	bl, ok := fitBlend(lists)
	t.Log(bl, ok)
}
