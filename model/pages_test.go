package model_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"taxo/model"
)

func day(d string) time.Time {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		panic(err)
	}
	return t
}

// page makes a page carrying terms written "tags/Self Hosted": the kind's
// plural, then the spelling, whose key is its lower case with hyphens.
func page(path, date string, terms ...string) *model.Page {
	p := &model.Page{Path: path, Lang: "en", Title: strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")}
	if date != "" {
		p.Date, p.PublishDate = day(date), day(date)
	}
	for i, s := range terms {
		plural, title, _ := strings.Cut(s, "/")
		k, _ := model.ParseKind(plural)
		p.Terms = append(p.Terms, model.PageTerm{Kind: k, Key: strings.ReplaceAll(strings.ToLower(title), " ", "-"), Title: title, Line: 3 + i, Col: 5})
	}
	return p
}

// garden is a site's language: term pages for two tags, one of them
// carried by no page, and pages carrying those and other terms.
func garden() (model.Content, model.Kind) {
	series := model.DeclareKind("serie", "series")
	go1 := mk("tags/go", "Go", 0)
	go1.Description = "The Go language"
	return model.Content{
		Kinds: []model.Kind{model.Tag, series},
		Terms: []*model.Term{go1, mk("tags/unused", "Unused", 0)},
		Pages: []*model.Page{
			page("content/post/b.md", "2024-02-01", "tags/Go", "tags/Self Hosted", "series/Learn Go"),
			page("content/post/a.md", "2024-01-01", "tags/go", "tags/self-hosted", "tags/Go"),
			page("content/post/c.md", "", "series/Learn Go"),
			page("content/post/d.md", "2024-03-01"),
		},
	}, series
}

func TestSiteGraph(t *testing.T) {
	c, series := garden()
	g := model.NewSite(c)

	if want := []model.Kind{model.Tag, series}; !slices.Equal(g.Kinds(), want) {
		t.Errorf("Kinds() = %v, want %v (a site's kinds, not the three)", g.Kinds(), want)
	}
	var paths []string
	for _, p := range g.Pages() {
		paths = append(paths, p.Path)
	}
	if want := []string{"content/post/d.md", "content/post/b.md", "content/post/a.md", "content/post/c.md"}; !slices.Equal(paths, want) {
		t.Errorf("Pages() = %v, want newest first, undated last", paths)
	}

	selfHosted := g.Get("tags/self-hosted")
	switch {
	case selfHosted == nil:
		t.Fatal("no term made for a spelling pages carry")
	case selfHosted.Title != "self-hosted" || !selfHosted.Defined || selfHosted.Path != "" || selfHosted.Lang != "en":
		t.Errorf("made term = %+v; want the first page's spelling (in path order), defined, no file", selfHosted)
	}

	tests := []struct {
		term model.ID
		want []string
	}{
		{"tags/go", []string{"content/post/b.md", "content/post/a.md"}},
		{"tags/self-hosted", []string{"content/post/b.md", "content/post/a.md"}},
		{"series/learn-go", []string{"content/post/b.md", "content/post/c.md"}},
		{"tags/unused", nil},
	}
	for _, tt := range tests {
		term := g.Get(tt.term)
		if term == nil {
			t.Errorf("no term %s", tt.term)
			continue
		}
		var got []string
		for _, p := range g.PagesOf(term) {
			got = append(got, p.Path)
		}
		if !slices.Equal(got, tt.want) || g.CountPages(term) != len(tt.want) {
			t.Errorf("PagesOf(%s) = %v (%d), want %v", tt.term, got, g.CountPages(term), tt.want)
		}
	}

	a := g.Page("content/post/a.md")
	if got := ids(g.TermsOf(a)); !slices.Equal(got, []model.ID{"tags/go", "tags/self-hosted"}) {
		t.Errorf("TermsOf(a) = %v, each term once, in display order", got)
	}
	both := g.PagesWithAll([]*model.Term{g.Get("tags/go"), g.Get("series/learn-go")})
	if len(both) != 1 || both[0].Path != "content/post/b.md" {
		t.Errorf("PagesWithAll(go, learn-go) = %v", both)
	}
	if got := g.PagesWithAll(nil); len(got) != 4 {
		t.Errorf("PagesWithAll() gives %d pages, want every one", len(got))
	}
}

// TestPageTermsWithoutFiles: a term pages carry that has no file is a
// warning where its taxonomy's terms have files, and nothing where none has.
func TestPageTermsWithoutFiles(t *testing.T) {
	c, _ := garden()
	g := model.NewSite(c)
	var got []string
	for _, p := range g.Problems() {
		got = append(got, p.Error())
	}
	want := []string{
		`content/post/a.md:4:5: warning: tag "self-hosted" has no term file (tags/self-hosted), as the taxonomy's other terms have`,
		`content/post/b.md:4:5: warning: tag "Self Hosted" has no term file (tags/self-hosted), as the taxonomy's other terms have`,
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPublishing(t *testing.T) {
	now := day("2026-12-06")
	section := &model.Page{Path: "content/post/_index.md", Section: true}
	draftSection := &model.Page{Path: "content/old/_index.md", Section: true, Draft: true}
	tests := []struct {
		name  string
		page  model.Page
		flags model.Publishing
		want  model.PageState
	}{
		{"plain", model.Page{}, model.Publishing{}, model.Published},
		{"draft", model.Page{Draft: true}, model.Publishing{}, model.Draft},
		{"draft, drafts built", model.Page{Draft: true}, model.Publishing{Drafts: true}, model.Published},
		{"published now", model.Page{PublishDate: now}, model.Publishing{}, model.Published},
		{"future", model.Page{PublishDate: day("2026-12-07")}, model.Publishing{}, model.Future},
		{"future, future built", model.Page{PublishDate: day("2026-12-07")}, model.Publishing{Future: true}, model.Published},
		{"expired", model.Page{ExpiryDate: day("2026-12-05")}, model.Publishing{}, model.Expired},
		{"expiring now", model.Page{ExpiryDate: now}, model.Publishing{}, model.Published},
		{"expired, expired built", model.Page{ExpiryDate: day("2026-12-05")}, model.Publishing{Expired: true}, model.Published},
		{"a draft before a future date", model.Page{Draft: true, PublishDate: day("2027-01-01")}, model.Publishing{}, model.Draft},
		{"in a published section", model.Page{Parent: section}, model.Publishing{}, model.Published},
		{"in a draft section", model.Page{Parent: draftSection}, model.Publishing{}, model.Hidden},
		{"below a draft section", model.Page{Parent: &model.Page{Parent: draftSection}}, model.Publishing{}, model.Hidden},
		{"in a draft section, drafts built", model.Page{Parent: draftSection}, model.Publishing{Drafts: true}, model.Published},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.flags.Now = now
			if got := tt.flags.State(&tt.page); got != tt.want || tt.flags.Publishes(&tt.page) != (tt.want == model.Published) {
				t.Errorf("State = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestListed: Hugo lists no page under a term whose term page, or whose
// taxonomy's own page, it does not publish.
func TestListed(t *testing.T) {
	c, _ := garden()
	c.Terms[0].Page = &model.Page{Path: "content/tags/go/_index.md", Draft: true}
	pub := model.Publishing{Now: day("2026-12-06")}
	g := model.NewSite(c)
	b := g.Page("content/post/b.md")
	if got := ids(g.PublishedTerms(pub, b)); !slices.Equal(got, []model.ID{"tags/self-hosted", "series/learn-go"}) {
		t.Errorf("PublishedTerms(b) = %v, want all but the term with a draft term page", got)
	}
	pub.Drafts = true
	if got := ids(g.PublishedTerms(pub, b)); len(got) != 3 {
		t.Errorf("with drafts built, PublishedTerms(b) = %v", got)
	}

	c, _ = garden()
	c.TaxonomyPages = map[model.Kind]*model.Page{model.Tag: {Path: "content/tags/_index.md", ExpiryDate: day("2020-01-01")}}
	g = model.NewSite(c)
	pub = model.Publishing{Now: day("2026-12-06")}
	if got := ids(g.PublishedTerms(pub, g.Page("content/post/b.md"))); !slices.Equal(got, []model.ID{"series/learn-go"}) {
		t.Errorf("with the tags' page expired, PublishedTerms(b) = %v, want the series only", got)
	}
	if got := g.PublishedTerms(pub, &model.Page{Path: "content/post/a.md", Draft: true}); got != nil {
		t.Errorf("PublishedTerms of a draft = %v", got)
	}
}

func TestNewIsASiteWithoutPages(t *testing.T) {
	g := model.New(orchard())
	if !slices.Equal(g.Kinds(), model.Kinds[:]) || g.Pages() != nil {
		t.Errorf("New: kinds %v, pages %v; want the three kinds and no pages", g.Kinds(), g.Pages())
	}
	if n := g.CountPages(g.Get("tags/cider")); n != 0 || g.PagesOf(g.Get("tags/cider")) != nil {
		t.Errorf("a term of New has %d pages", n)
	}
}
