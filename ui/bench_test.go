package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkRenderTerm is the Glamour rendering of one term for the detail
// pane, which runs in a tea.Cmd each time the cursor lands on a term not
// yet cached.
func BenchmarkRenderTerm(b *testing.B) {
	tx, _ := loadSample()
	t := tx.Graph.Get("tags/curing")
	for b.Loop() {
		if _, err := renderDoc(tx.Graph, t, StyleDark, 80); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMoveAndView is one key press in the list and the frame drawn
// after it, with the renderings cached: what holding j costs.
func BenchmarkMoveAndView(b *testing.B) {
	tx, _ := loadSample()
	m := New(Options{Load: loadSample, Getenv: func(string) string { return "" }})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	next, _ = next.Update(taxonomyLoadedMsg{tx: tx})
	m = next.(Model)
	for _, term := range m.list.items {
		k := renderKey{gen: m.gen, id: term.ID, width: m.detail.renderWidth(), style: m.sh.styles.Glamour}
		doc, err := renderDoc(tx.Graph, term, k.style, k.width)
		if err != nil {
			b.Fatal(err)
		}
		m.cache[k] = doc
	}
	down, up := press("j"), press("k")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := down
		if i/30%2 == 1 {
			k = up
		}
		next, _ := m.Update(k)
		m = next.(Model)
		_ = m.View()
	}
}
