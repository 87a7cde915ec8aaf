package learn_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"taxo/model"
	"taxo/model/learn"
)

// memStore keeps models in memory, as the index cache keeps them on
// disk, and counts those it is given to keep.
type memStore struct {
	sums   map[string][32]byte
	data   map[string]string
	writes int
}

func (s *memStore) Read(name string) ([32]byte, string, bool) {
	data, ok := s.data[name]
	return s.sums[name], data, ok
}

func (s *memStore) Write(name string, sum [32]byte, encode func(w io.Writer) error) {
	s.writes++
	var b bytes.Buffer
	if encode(&b) == nil {
		s.sums[name], s.data[name] = sum, b.String()
	}
}

// kimchi is what a page on bread says once edited.
const kimchi = "Salt the napa cabbage, pack it in a crock with gochugaru and let the brine turn sour. "

// taggedGraph is a site of sitePages(n) as a graph, its pages' bodies
// (each example's text after its title) by path.
func taggedGraph(n int) (*model.Graph, map[string]string) {
	bodies := map[string]string{}
	var pages []*model.Page
	for _, ex := range sitePages(n) {
		p := &model.Page{Path: ex.Path, Title: ex.Title, Date: ex.Date}
		for _, id := range ex.Terms {
			tax, key, _ := strings.Cut(string(id), "/")
			if k, ok := model.ParseKind(tax); ok && k.Taxonomy() == tax {
				p.Terms = append(p.Terms, model.PageTerm{Kind: k, Key: key, Title: key})
			}
		}
		pages = append(pages, p)
		bodies[ex.Path] = strings.TrimPrefix(ex.Text, ex.Title+"\n\n")
	}
	g := model.NewSite(model.Content{Kinds: []model.Kind{model.Category, model.Tag}, Pages: pages})
	return g, bodies
}

// TestKeptSiteReadsBodiesOnlyToLearn checks that a model kept for the
// same pages is read without reading a page's body when each page's file
// has a stamp, and is learned again, from the new text, when a stamp
// changes; that a page without a stamp has its body read to tell whether
// the model is current; and that every model given suggests what New
// suggests from the pages as they are.
func TestKeptSiteReadsBodiesOnlyToLearn(t *testing.T) {
	g, bodies := taggedGraph(20)
	reads := 0
	body := func(p *model.Page) (string, error) {
		reads++
		return bodies[p.Path], nil
	}
	stamps := map[string]string{}
	for path := range bodies {
		stamps[path] = "stamp 1"
	}
	stamp := func(p *model.Page) (string, bool) {
		s, ok := stamps[p.Path]
		return s, ok
	}
	const edited, unstamped = "post/bread/01.md", "post/jam/02.md"
	n := len(bodies)
	steps := []struct {
		name    string
		change  func()
		reads   int
		learned bool
		differs bool // suggests otherwise than the model before
	}{
		{"first start: learned, every body read", nil, n, true, true},
		{"second start: kept, no body read", nil, 0, false, false},
		{"a page's file changed: learned again from its text", func() {
			bodies[edited] = kimchi
			stamps[edited] = "stamp 2"
		}, n, true, true},
		{"after the change: kept, no body read", nil, 0, false, false},
		{"a page without a stamp: learned again", func() { delete(stamps, unstamped) }, n, true, false},
		{"after that: kept, the unstamped page's body alone read", nil, 1, false, false},
	}
	store := &memStore{sums: map[string][32]byte{}, data: map[string]string{}}
	var before string
	for _, st := range steps {
		if st.change != nil {
			st.change()
		}
		reads, store.writes = 0, 0
		m := learn.KeptSite(g, body, stamp, store)
		if reads != st.reads {
			t.Errorf("%s: %d bodies read, want %d", st.name, reads, st.reads)
		}
		if learned := store.writes > 0; learned != st.learned {
			t.Errorf("%s: learned again %v, want %v", st.name, learned, st.learned)
		}
		examples := learn.Examples(g, func(p *model.Page) (string, error) { return bodies[p.Path], nil })
		got := fmt.Sprint(allSuggestions(m, examples))
		if want := fmt.Sprint(allSuggestions(learn.New(g.Terms(), examples), examples)); got != want {
			t.Errorf("%s: suggests\n%s\nwant what New suggests\n%s", st.name, got, want)
		}
		if differs := got != before; differs != st.differs {
			t.Errorf("%s: suggests otherwise than the model before %v, want %v", st.name, differs, st.differs)
		}
		before = got
	}
}

// allSuggestions are m's suggestions for codecContents(examples) and for
// kimchi, learned or not.
func allSuggestions(m *learn.Model, examples []learn.Example) [][]suggestion {
	var out [][]suggestion
	for _, c := range append(codecContents(examples), learn.Content{Text: kimchi}) {
		out = append(out, suggestions(m, c))
	}
	return out
}
