package learn

import (
	"fmt"
	"slices"
	"taxo/model"
	"testing"
)

// TestATermOfOnePage checks a term that one page alone carries (a guest,
// a product): its centroid is that page, so content like the page is close
// to it, and the words it shares with the page say why.
func TestATermOfOnePage(t *testing.T) {
	var examples []Example
	for i := range 30 {
		text := fmt.Sprintf("Post %d about sourdough: the starter, the levain, the crumb and a long cold proof.", i)
		examples = append(examples, Example{Path: fmt.Sprintf("post/%02d.md", i), Text: text, Terms: []model.ID{"tags/bread"}})
	}
	solo := "A visit to the kimchi cellar: napa cabbage, gochugaru and a crock of brine."
	examples = append(examples, Example{Path: "post/solo.md", Text: solo, Terms: []model.ID{"tags/bread", "guests/ana"}})
	m := New(nil, examples)
	tests := []struct {
		name    string
		text    string
		close   bool
		wantWhy string
	}{
		{"content like the page", "Napa cabbage and gochugaru in a crock of brine, down in the kimchi cellar.", true, "gochugaru"},
		{"content like the others", "The starter and the levain before a long cold proof.", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := m.gather(Content{Text: tc.text}, weigh(numbered(counts("", tc.text), m.vocab), m.idf), nil, -1, nil)
			ana := m.index["guests/ana"]
			cos := m.centroidCosine(ev, ana)
			if got := slices.Contains(ev.close, ana); got != tc.close {
				t.Errorf("close = %v (cosine %.2f), want %v", got, cos, tc.close)
			}
			if tc.wantWhy != "" && !slices.Contains(m.sharedWords(ev, ana), tc.wantWhy) {
				t.Errorf("shared words %v, want %q among them", m.sharedWords(ev, ana), tc.wantWhy)
			}
		})
	}
}
