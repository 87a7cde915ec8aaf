package ui

import (
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

// bigTaxonomy is 100k synthetic terms, made once for the benchmarks of a run.
var bigTaxonomy = sync.OnceValue(func() *model.Taxonomy {
	res := loader.LoadFS(synth.FS(synth.Generate(100_000, 1)), nil, loader.Options{})
	return model.NewTaxonomy(res.Root, res.Terms, res.Problems)
})

// BenchmarkSearchKeystroke is one key typed into the search prompt over
// 100k terms, with the index built: the query it makes, run as its
// tea.Cmd would run it, the hits shown and the frame drawn. Typing
// "customer feedback" and deleting it again, every key but the ones that
// empty the prompt searches.
func BenchmarkSearchKeystroke(b *testing.B) {
	tx := bigTaxonomy()
	m := New(Options{Load: func() (*model.Taxonomy, error) { return tx, nil }, Getenv: func(string) string { return "" }})
	update := func(msg tea.Msg) tea.Cmd {
		next, cmd := m.Update(msg)
		m = next.(Model)
		return cmd
	}
	update(tea.WindowSizeMsg{Width: 120, Height: 40})
	update(taxonomyLoadedMsg{tx: tx})
	update(press("s"))
	update(indexBuiltMsg{gen: m.load.gen, ix: model.NewIndex(tx.Graph)})

	var keys []tea.KeyPressMsg
	for _, r := range "customer feedback" {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	for range len("customer feedback") {
		keys = append(keys, press("backspace"))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		update(keys[i%len(keys)])
		if done, ok := runSearch(m); ok {
			update(done)
		}
		_ = m.View()
	}
}

// runSearch runs the query the prompt holds as its tea.Cmd would.
func runSearch(m Model) (tea.Msg, bool) {
	s := m.hits
	q, err := model.ParseTyped(s.asked)
	if err != nil || q.Empty() {
		return nil, false
	}
	res, err := s.ix.Search(q, searchLimit)
	return searchDoneMsg{seq: s.seq, query: s.asked, res: res, err: err}, true
}
