package ui

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"taxo/loader"
)

// The browser's costs on the largest real site of the corpus,
// jupiterbroadcasting (2,262 pages, 15k terms), when ../shared is there:
// what the user waits for after each key on a site.

// sharedPath is a path under the shared folder beside the repository, or
// under $TAXO_SHARED; "" when there is none.
func sharedPath(parts ...string) string {
	places := []string{filepath.Join("..", "..", "shared"), filepath.Join("..", "..", "..", "shared")}
	if dir := os.Getenv("TAXO_SHARED"); dir != "" {
		places = append([]string{dir}, places...)
	}
	for _, shared := range places {
		p := filepath.Join(append([]string{shared}, parts...)...)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

var benchSite = sync.OnceValues(func() (*loader.Result, error) {
	dir := sharedPath("corpus", "hugo-sites", "jupiterbroadcasting")
	if dir == "" {
		return nil, os.ErrNotExist
	}
	return loader.Load(dir, loader.Options{})
})

// benchSiteModel is the browser at 120×40 on jupiterbroadcasting, loaded.
func benchSiteModel(b *testing.B) Model {
	b.Helper()
	res, err := benchSite()
	if err != nil {
		b.Skip("the hugo-sites corpus is not there")
	}
	m := New(Options{LoadResult: func() (*loader.Result, error) { return res, nil }, Getenv: func(string) string { return "" }})
	return benchSend(m, tea.WindowSizeMsg{Width: 120, Height: 40}, siteLoaded(res))
}

// siteLoaded is what the load of res brings, the default language built.
func siteLoaded(res *loader.Result) taxonomyLoadedMsg {
	lang := languageOf(res, "")
	return taxonomyLoadedMsg{tx: taxonomyOf(res, lang), res: res, lang: lang}
}

// BenchmarkSiteShown is the site's graph, built already, given to every
// screen (the page counts, the pages' text), and the frame after it: what
// a load, a reload or another language costs the screen.
func BenchmarkSiteShown(b *testing.B) {
	m := benchSiteModel(b)
	res, _ := benchSite()
	msg := siteLoaded(res)
	for b.Loop() {
		m = benchSend(m, msg)
		_ = m.View()
	}
}

// BenchmarkSiteKeyPress is j and k in the list of 15k terms with their
// page counts, and the frame after each.
func BenchmarkSiteKeyPress(b *testing.B) {
	m := benchSiteModel(b)
	down, up := press("j"), press("k")
	for i := 0; b.Loop(); i++ {
		k := down
		if i/30%2 == 1 {
			k = up
		}
		m = benchSend(m, k)
		_ = m.View()
	}
}

// BenchmarkSiteOrder is o, the list put in its next order, and the frame
// after it.
func BenchmarkSiteOrder(b *testing.B) {
	m := benchSiteModel(b)
	for b.Loop() {
		m = benchSend(m, press("o"))
		_ = m.View()
	}
}

// BenchmarkPagesFilterKeystroke is one key typed into the Pages tab's
// filter and the frame after it: "nixos" typed, then erased, a key per op.
func BenchmarkPagesFilterKeystroke(b *testing.B) {
	m := benchSiteModel(b)
	m = benchSend(m, press("5"), press("/"))
	var keys []tea.KeyPressMsg
	for _, r := range "nixos" {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	for range 5 {
		keys = append(keys, press("backspace"))
	}
	for i := 0; b.Loop(); i++ {
		m = benchSend(m, keys[i%len(keys)])
		_ = m.View()
	}
}

// BenchmarkPagesKeyPress is j and k in the Pages tab, the page view
// following with what it has at once (the body comes in a command), and
// the frame after each.
func BenchmarkPagesKeyPress(b *testing.B) {
	m := benchSiteModel(b)
	m = benchSend(m, press("5"))
	down, up := press("j"), press("k")
	for i := 0; b.Loop(); i++ {
		k := down
		if i/30%2 == 1 {
			k = up
		}
		m = benchSend(m, k)
		_ = m.View()
	}
}

// BenchmarkPagesTermPicker is t on the Pages tab, every term the pages
// carry counted and put most used first, its frame, then esc.
func BenchmarkPagesTermPicker(b *testing.B) {
	m := benchSiteModel(b)
	m = benchSend(m, press("5"))
	for b.Loop() {
		m = benchSend(m, press("t"))
		_ = m.View()
		m = benchSend(m, press("esc"))
	}
}

// BenchmarkPageBody is the body of a long page read from its file and
// rendered for the page view, as its command does.
func BenchmarkPageBody(b *testing.B) {
	m := benchSiteModel(b)
	site := m.load.site.view
	longest := site.res.Pages[0]
	for _, p := range m.load.tx.Graph.Pages()[:200] {
		if info, err := os.Stat(filepath.Join(site.res.Root, p.Path)); err == nil && info.Size() > 8000 && info.Size() < 20000 {
			longest = p
			break
		}
	}
	for b.Loop() {
		if _, err := renderBody(b.Context(), site, longest, "dark", 80); err != nil {
			b.Fatal(err)
		}
	}
}
