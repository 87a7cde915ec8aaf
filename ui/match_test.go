package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
	"taxo/ui/render"
)

// referenceScore is the filter's rule written plainly, one term at a time,
// as the list applied it before it kept its work between keystrokes.
func referenceScore(query, title, slug string) (int, bool) {
	q := strings.ToLower(strings.Join(strings.Fields(query), " "))
	if q == "" {
		return 0, true
	}
	t := strings.ToLower(title)
	score := 0
	switch {
	case t == q || slug == q || slug == model.Urlize(q):
		score += 1000
	case strings.HasPrefix(t, q) || strings.HasPrefix(slug, model.Urlize(q)):
		score += 500
	case strings.Contains(t, q):
		score += 300
	}
	for word := range strings.FieldsSeq(q) {
		s, ok := wordScore(word, t)
		if s2, ok2 := wordScore(word, slug); ok2 && (!ok || s2 > s) {
			s, ok = s2, true
		}
		if !ok {
			return 0, false
		}
		score += s
	}
	return score - min(utf8.RuneCountInString(t), 100), true
}

// referenceFilter is what the list shows for a query and tab: every term
// that fits, best first, in display order among equals.
func referenceFilter(g *model.Graph, tags []*model.Term, query string, tab int) []model.ID {
	type scored struct {
		id    model.ID
		score int
	}
	var found []scored
	for _, t := range g.TaggedWithAll(tags) {
		if s, ok := referenceScore(query, t.DisplayTitle(), t.Slug); ok && (tab == 0 || t.Kind == model.Kinds[tab-1]) {
			found = append(found, scored{t.ID, s})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return b.score - a.score })
	ids := make([]model.ID, len(found))
	for i, f := range found {
		ids[i] = f.id
	}
	return ids
}

// TestFilterKeepsItsRule types queries a letter at a time, and back, over a
// synthetic taxonomy, and checks that the list, narrowing from what fitted
// before, shows what the rule gives for the whole query.
func TestFilterKeepsItsRule(t *testing.T) {
	t.Parallel()
	g := model.New(loader.LoadFS(synth.FS(synth.Generate(3000, 2)), nil, loader.Options{}).Terms)
	l := newList(&shared{})
	l.setGraph(g, nil, false)
	check := func(what string) {
		t.Helper()
		got := make([]model.ID, len(l.items))
		for i, term := range l.items {
			got[i] = term.ID
		}
		if want := referenceFilter(g, l.tags, l.query, l.tab); !slices.Equal(got, want) {
			t.Fatalf("%s: the list shows %d terms, the rule %d:\n%v\n%v", what, len(got), len(want), head(got), head(want))
		}
	}
	queries := []string{"agile", "team flow", "  Qual ", "é", "cust-val", "zz", "a b c", "Strategy"}
	for _, q := range queries {
		for i := range len(q) + 1 {
			l.setQuery(strings.TrimSpace(q[:i]))
			check("typing " + q[:i])
		}
		for i := len(q); i >= 0; i-- {
			l.setQuery(strings.TrimSpace(q[:i]))
			check("erasing to " + q[:i])
		}
	}
	l.setQuery("ag")
	for tab := range len(model.Kinds) + 1 {
		l.setTab(tab)
		check("tab " + l.tabLabel(tab))
	}
	var popular *model.Term
	for _, term := range g.Terms() {
		if term.Kind == model.Tag && (popular == nil || g.CountTaggedWith(term) > g.CountTaggedWith(popular)) {
			popular = term
		}
	}
	l.setTab(0)
	l.setTags([]*model.Term{popular})
	check("tagged")
	l.setQuery("agil")
	check("tagged, typing")
	l.setTags(nil)
	check("the tag filter cleared")
}

func head(ids []model.ID) []model.ID { return ids[:min(len(ids), 8)] }

// TestLinksLaidOutAsFarAsShown checks that the links of a term with
// hundreds of backlinks, laid out only as far as the pane shows them, look
// as they do laid out whole, wherever the pane is scrolled to.
func TestLinksLaidOutAsFarAsShown(t *testing.T) {
	t.Parallel()
	tx := synthTaxonomy(t, 3000)
	g := tx.Graph
	var top *model.Term
	for _, term := range g.Terms() {
		if top == nil || len(g.Backlinks(term)) > len(g.Backlinks(top)) {
			top = term
		}
	}
	if n := len(g.Backlinks(top)); n < 300 {
		t.Fatalf("the most linked term has %d backlinks", n)
	}
	m := benchModelT(t, tx)
	m.list.selectID(top.ID)
	m = benchSend(m, press("tab"))
	doc, err := renderDoc(context.Background(), render.RenderBudget, g, top, m.sh.styles.Glamour, m.term.renderWidth())
	if err != nil {
		t.Fatal(err)
	}
	m.term.cache[m.term.renderKey(top)] = doc
	m.term.setDoc(doc, true, nil)
	whole := m.term
	whole.layout(func() bool { return false })
	if m.term.flow.done {
		t.Fatal("every link was laid out before it was shown")
	}
	for m.term.page.offset+m.term.page.height < whole.lineCount() {
		want := min(m.term.page.offset+max(m.term.page.height-2, 1), whole.lineCount()-m.term.page.height)
		m = benchSend(m, press("pgdown"))
		d := m.term
		if d.page.offset != want {
			t.Fatalf("pgdown scrolled to %d, want %d", d.page.offset, want)
		}
		start, end := d.page.offset, d.page.offset+d.page.height
		if got, want := d.lines(start, end), whole.lines(start, end); !slices.Equal(got, want) {
			t.Fatalf("scrolled to %d:\n%s\nlaid out whole:\n%s", start, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	m = benchSend(m, press("G"))
	if last := max(whole.lineCount()-m.term.page.height, 0); m.term.page.offset != last {
		t.Fatalf("G scrolled to %d, want %d", m.term.page.offset, last)
	}
	m = benchSend(m, press("g"), press("shift+tab"))
	if m.term.link < 0 || m.term.linkAt[m.term.link] != whole.linkAt[m.term.link] {
		t.Fatalf("link %d not where it is laid out whole", m.term.link)
	}
}

// synthTaxonomy loads a synthetic taxonomy of n terms from memory.
func synthTaxonomy(t *testing.T, n int) *model.Taxonomy {
	t.Helper()
	res := loader.LoadFS(synth.FS(synth.Generate(n, 1)), nil, loader.Options{})
	return model.NewTaxonomy(res.Root, res.Terms, res.Problems)
}

func benchModelT(t *testing.T, tx *model.Taxonomy) Model {
	t.Helper()
	return benchModel(tx)
}
