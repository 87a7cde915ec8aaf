package ui

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
	"taxo/ui/launch"
	"taxo/ui/render"
)

// The browser's costs on synthetic Hugo sites of 1k, 20k and 100k terms
// with as many content pages (internal/gen/synth.GenerateSite): what the
// user waits for after each key. -bench '/1k$' runs only 1k; the sites
// are written once under the temporary folder and loaded once per run.

var benchSizes = []struct {
	name  string
	terms int
}{{"1k", 1_000}, {"20k", 20_000}, {"100k", 100_000}}

var benchLoads sync.Map // terms -> func() *model.Taxonomy

// benchTaxonomy loads the synthetic site of n terms and n pages, once per
// run: the taxonomy of its default language, as the browser shows it.
func benchTaxonomy(b *testing.B, n int) *model.Taxonomy {
	b.Helper()
	once, _ := benchLoads.LoadOrStore(n, sync.OnceValue(func() *model.Taxonomy {
		res, err := loader.Load(synthSite(b, n), loader.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return model.TaxonomyOf(res.Root, res.Graph(""), res.Problems)
	}))
	return once.(func() *model.Taxonomy)()
}

// synthSite is the folder of the synthetic site of n terms and n pages.
func synthSite(b *testing.B, n int) string {
	b.Helper()
	dir, err := synth.CachedSite(n, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// eachSize runs bench on every taxonomy size.
func eachSize(b *testing.B, bench func(b *testing.B, tx *model.Taxonomy)) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { bench(b, benchTaxonomy(b, s.terms)) })
	}
}

// benchModel is the browser at 120×40 with tx loaded, its renderings not
// made: they run apart from the screen, in commands.
func benchModel(tx *model.Taxonomy) Model {
	m := New(Options{Load: func() (*model.Taxonomy, error) { return tx, nil }, Getenv: func(string) string { return "" }})
	return benchSend(m, tea.WindowSizeMsg{Width: 120, Height: 40}, taxonomyLoadedMsg{tx: tx})
}

// benchSend gives the model messages, dropping the commands they return.
func benchSend(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

// BenchmarkFirstFrame is the browser made and its first frame drawn, which
// does not wait for the load.
func BenchmarkFirstFrame(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		for b.Loop() {
			m := New(Options{Load: func() (*model.Taxonomy, error) { return tx, nil }, Progress: launch.NewProgress(), Getenv: func(string) string { return "" }})
			m.Init()
			_ = benchSend(m, tea.WindowSizeMsg{Width: 120, Height: 40}).View()
		}
	})
}

// BenchmarkFirstRows is the first frame that lists terms: the first batch
// the loader hands out (256 terms) linked and drawn.
func BenchmarkFirstRows(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		first := tx.Graph.Terms()[:min(256, len(tx.Graph.Terms()))]
		for b.Loop() {
			m := New(Options{Load: func() (*model.Taxonomy, error) { return tx, nil }, Progress: launch.NewProgress(), Getenv: func(string) string { return "" }})
			m = benchSend(m, tea.WindowSizeMsg{Width: 120, Height: 40}, partialGraphMsg{tx: model.NewTaxonomy("", first, nil), terms: len(first)})
			_ = m.View()
		}
	})
}

// BenchmarkFirstRowsFromCache is a second start's first frame that lists
// terms: the load started with the index cache warm, the first batch of
// terms it hands out (from the cache, before it has checked every file)
// linked and drawn. The rest of the load is not timed.
func BenchmarkFirstRowsFromCache(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			dir := synthSite(b, s.terms)
			c := warmCache(b, dir)
			for b.Loop() {
				p := launch.NewProgress()
				done := make(chan *loader.Result)
				go func() {
					res, _ := loader.Load(dir, loader.Options{Cache: c, Progress: p.Files, Terms: p.Terms})
					done <- res
				}()
				var first []*model.Term
				for len(first) == 0 {
					p.Wait()
					first = p.Take().Terms
				}
				m := New(Options{Load: func() (*model.Taxonomy, error) { return nil, nil }, Progress: p, Getenv: func(string) string { return "" }})
				m = benchSend(m, tea.WindowSizeMsg{Width: 120, Height: 40}, partialGraphMsg{tx: model.NewTaxonomy("", first, nil), terms: len(first)})
				_ = m.View()
				b.StopTimer()
				if res := <-done; res.FromCache != res.Files {
					b.Fatalf("%d of %d files from the cache", res.FromCache, res.Files)
				}
				b.StartTimer()
			}
		})
	}
}

// warmCache makes a cache of the site at dir that a start takes every
// file from: files written within two seconds of the load that wrote the
// cache are read again, so a site written just now (as in CI) takes a
// few loads, a while apart.
func warmCache(b *testing.B, dir string) *loader.Cache {
	c := &loader.Cache{Dir: b.TempDir(), Version: "bench"}
	for range 4 {
		res, err := loader.Load(dir, loader.Options{Cache: c})
		if err != nil {
			b.Fatal(err)
		}
		if err := res.Wait(); err != nil {
			b.Fatal(err)
		}
		if res.FromCache == res.Files {
			return c
		}
		time.Sleep(2 * time.Second)
	}
	b.Fatal("the cache is never used")
	return nil
}

// BenchmarkFilterKeystroke is one key typed into the text filter and the
// frame after it: "agile" typed, then erased, a key per op.
func BenchmarkFilterKeystroke(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchSend(benchModel(tx), press("/"))
		var keys []tea.KeyPressMsg
		for _, r := range "agile" {
			keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		for range 5 {
			keys = append(keys, press("backspace"))
		}
		for i := 0; b.Loop(); i++ {
			m = benchSend(m, keys[i%len(keys)])
			_ = m.View()
		}
	})
}

// BenchmarkFilterFirstLetter is the worst of the filter's keystrokes: the
// first letter typed into the empty filter, which reads every term and
// keeps most, then erased, which shows every term again; with the frame
// after each. An op is the two keystrokes.
func BenchmarkFilterFirstLetter(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchSend(benchModel(tx), press("/"))
		a := tea.KeyPressMsg{Code: 'a', Text: "a"}
		for b.Loop() {
			m = benchSend(m, a)
			_ = m.View()
			m = benchSend(m, press("backspace"))
			_ = m.View()
		}
	})
}

// popularTags are the tags with the most terms, most first.
func popularTags(g *model.Graph, n int) []*model.Term {
	var tags []*model.Term
	for _, t := range g.Terms() {
		if t.Kind == model.Tag {
			tags = append(tags, t)
		}
	}
	slices.SortStableFunc(tags, func(a, b *model.Term) int { return cmp.Compare(g.CountTaggedWith(b), g.CountTaggedWith(a)) })
	return tags[:n]
}

// BenchmarkTagFilter is one change of the tag filter and the frame after
// it: the most used tag applied from the picker, cleared with esc, the two
// most used applied, cleared; a change per op.
func BenchmarkTagFilter(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchModel(tx)
		top := popularTags(tx.Graph, 2)
		pickers := make([]pickerScreen, 2)
		for i := range pickers {
			pickers[i] = newPicker(m.sh)
			pickers[i], _ = pickers[i].Update(taxonomyMsg{tx: tx})
			pickers[i], _ = pickers[i].Update(pickerMsg{text: m.list.text, current: top[:i+1]})
			pickers[i], _ = pickers[i].Update(sizeMsg{width: 72, height: 24})
		}
		m.sh.told = nil // the pickers' asking to be opened: the loop opens them
		for i := 0; b.Loop(); i++ {
			if i%2 == 0 {
				m.picker, m.nav.mode = pickers[i/2%2], modePicker
				m = benchSend(m, press("enter"))
			} else {
				m = benchSend(m, press("esc"))
			}
			_ = m.View()
		}
	})
}

// BenchmarkTagPicker is the tag picker opened with its frame, then closed.
func BenchmarkTagPicker(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchModel(tx)
		for b.Loop() {
			m = benchSend(m, press("t"))
			_ = m.View()
			m = benchSend(m, press("esc"))
		}
	})
}

// BenchmarkRenderTerm is the Glamour rendering of a typical term (the
// median body among the first thousand) for the detail pane; it runs in a
// command, once per term and width.
func BenchmarkRenderTerm(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		var defined []*model.Term
		for _, t := range tx.Graph.Terms()[:min(1000, tx.Graph.Len())] {
			if t.Defined {
				defined = append(defined, t)
			}
		}
		slices.SortFunc(defined, func(x, y *model.Term) int { return cmp.Compare(len(x.Body), len(y.Body)) })
		t := defined[len(defined)/2]
		for b.Loop() {
			if _, err := renderDoc(context.Background(), render.RenderBudget, tx.Graph, t, render.StyleDark, 80); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkKeyPress is one key press in the list and the frame after it,
// its rendering not made yet: what holding j costs the screen. The cursor
// goes down 30 terms and back from the top of the list, where the concepts
// most referred to are.
func BenchmarkKeyPress(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchModel(tx)
		down, up := press("j"), press("k")
		for i := 0; b.Loop(); i++ {
			k := down
			if i/30%2 == 1 {
				k = up
			}
			m = benchSend(m, k)
			_ = m.View()
		}
	})
}

// mostLinked is the term with the most backlinks, in the synthetic
// taxonomies a tag listed by a quarter of the terms.
func mostLinked(g *model.Graph) *model.Term {
	var top *model.Term
	for _, t := range g.Terms() {
		if top == nil || len(g.Backlinks(t)) > len(g.Backlinks(top)) {
			top = t
		}
	}
	return top
}

// BenchmarkKeyPressOntoMostLinked is a key press that moves the cursor
// onto the term with the most links, or off it, and the frame after it.
func BenchmarkKeyPressOntoMostLinked(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchModel(tx)
		m.list.selectID(mostLinked(tx.Graph).ID)
		m = benchSend(m, press("k"))
		b.ResetTimer()
		down, up := press("j"), press("k")
		for i := 0; b.Loop(); i++ {
			k := down
			if i%2 == 1 {
				k = up
			}
			m = benchSend(m, k)
			_ = m.View()
		}
	})
}

// BenchmarkNextLink is tab moving to the next link of the term with the
// most links, and the frame after it.
func BenchmarkNextLink(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchModel(tx)
		m.list.selectID(mostLinked(tx.Graph).ID)
		m = benchSend(m, press("tab"))
		b.ResetTimer()
		for b.Loop() {
			m = benchSend(m, press("tab"))
			_ = m.View()
		}
	})
}

// BenchmarkReloadShown is a reload's taxonomy taken in and the frame after
// it, the user's place (a filter, a term down the list, scrolled) kept.
func BenchmarkReloadShown(b *testing.B) {
	eachSize(b, func(b *testing.B, tx *model.Taxonomy) {
		m := benchSend(benchModel(tx), press("/"), tea.KeyPressMsg{Code: 'a', Text: "a"}, press("enter"), press("esc"))
		for range 20 {
			m = benchSend(m, press("j"))
		}
		m = benchSend(m, press("tab"), press("pgdown"))
		for b.Loop() {
			m = benchSend(m, taxonomyLoadedMsg{tx: tx})
			_ = m.View()
		}
	})
}
