package model_test

import (
	"slices"
	"sync"
	"testing"

	"taxo/model"
)

func TestDeclareKind(t *testing.T) {
	tests := []struct {
		name                  string
		singular, plural      string
		builtin               bool
		want                  model.Kind // when builtin
		str, taxonomy, label  string
		parseSingular, parsed bool
	}{
		{name: "a built-in plural", singular: "tag", plural: "tags", builtin: true, want: model.Tag, str: "tag", taxonomy: "tags", label: "Tags", parseSingular: true},
		{name: "a built-in plural with another singular", singular: "tags", plural: "tags", builtin: true, want: model.Tag, str: "tag", taxonomy: "tags", label: "Tags"},
		{name: "a built-in plural in capitals", singular: "Category", plural: " Categories ", builtin: true, want: model.Category, str: "category", taxonomy: "categories", label: "Categories"},
		{name: "a taxonomy of its own", singular: "host", plural: "hosts", str: "host", taxonomy: "hosts", label: "Hosts", parseSingular: true},
		{name: "singular and plural alike", singular: "series", plural: "series", str: "series", taxonomy: "series", label: "Series", parseSingular: true},
		{name: "no singular", singular: "", plural: "Difficulty", str: "difficulty", taxonomy: "difficulty", label: "Difficulty", parseSingular: true},
		{name: "not ASCII", singular: "étiquette", plural: "étiquettes", str: "étiquette", taxonomy: "étiquettes", label: "Étiquettes", parseSingular: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := model.DeclareKind(tt.singular, tt.plural)
			if tt.builtin && k != tt.want {
				t.Fatalf("DeclareKind(%q, %q) = %d, want %d", tt.singular, tt.plural, k, tt.want)
			}
			if !tt.builtin && k.Builtin() {
				t.Fatalf("DeclareKind(%q, %q) = %s, a built-in kind", tt.singular, tt.plural, k)
			}
			if again := model.DeclareKind("", tt.plural); again != k {
				t.Errorf("declared again: %d, want %d", again, k)
			}
			got := [...]string{k.String(), k.Taxonomy(), k.Label()}
			if want := [...]string{tt.str, tt.taxonomy, tt.label}; got != want {
				t.Errorf("String, Taxonomy, Label = %q, want %q", got, want)
			}
			if p, ok := model.ParseKind(tt.taxonomy); p != k || !ok {
				t.Errorf("ParseKind(%q) = %s, %v", tt.taxonomy, p, ok)
			}
			if p, ok := model.ParseKind(tt.str); tt.parseSingular && (p != k || !ok) {
				t.Errorf("ParseKind(%q) = %s, %v", tt.str, p, ok)
			}
			id := model.MakeID(k, "x-y")
			if back, slug, ok := id.Split(); back != k || slug != "x-y" || !ok {
				t.Errorf("%s.Split() = %s, %q, %v", id, back, slug, ok)
			}
		})
	}
}

func TestKindOrder(t *testing.T) {
	zebras := model.DeclareKind("zebra", "zebras")
	authors := model.DeclareKind("author", "authors")
	all := model.AllKinds()
	if !slices.Equal(all[:model.NumKinds], model.Kinds[:]) {
		t.Fatalf("AllKinds starts %v, want the built-in kinds", all[:model.NumKinds])
	}
	if a, z := slices.Index(all, authors), slices.Index(all, zebras); a < model.NumKinds || a > z {
		t.Errorf("AllKinds = %v: authors at %d, zebras at %d; want them after the built-in ones, by name", all, a, z)
	}
	ks := []model.Kind{zebras, model.Tag, authors, model.Concept}
	model.SortKinds(ks)
	if want := []model.Kind{model.Concept, model.Tag, authors, zebras}; !slices.Equal(ks, want) {
		t.Errorf("SortKinds = %v, want %v", ks, want)
	}
	terms := []*model.Term{mk("zebras/a", "A", 0), mk("tags/z", "Z", 0), mk("authors/b", "B", 0), mk("concepts/y", "Y", 0)}
	slices.SortFunc(terms, model.Compare)
	var ids []model.ID
	for _, term := range terms {
		ids = append(ids, term.ID)
	}
	if want := []model.ID{"concepts/y", "tags/z", "authors/b", "zebras/a"}; !slices.Equal(ids, want) {
		t.Errorf("sorted = %v, want %v", ids, want)
	}
}

// TestDeclareKindConcurrently declares kinds from many goroutines while
// others read names: each name gets one kind (run with -race).
func TestDeclareKindConcurrently(t *testing.T) {
	names := []string{"venues", "speakers", "tracks", "rooms"}
	got := make([][]model.Kind, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for _, n := range names {
				k := model.DeclareKind("", n)
				got[g] = append(got[g], k)
				if k.Taxonomy() != n {
					t.Errorf("kind %d is %q, want %q", k, k.Taxonomy(), n)
				}
			}
		})
	}
	wg.Wait()
	for _, ks := range got[1:] {
		if !slices.Equal(ks, got[0]) {
			t.Fatalf("kinds differ between goroutines: %v and %v", ks, got[0])
		}
	}
}

func TestGraphWithADeclaredKind(t *testing.T) {
	hosts := model.DeclareKind("host", "hosts")
	g := model.New([]*model.Term{
		mk("tags/linux", "Linux", 0),
		lists(mk("hosts/chris", "Chris", 0), model.Tag, "Linux"),
		lists(mk("tags/podcast", "Podcast", 0), hosts, "Chris", "Wes"),
	})
	if want := []model.Kind{model.Concept, model.Category, model.Tag, hosts}; !slices.Equal(g.Kinds(), want) {
		t.Errorf("Kinds() = %v, want %v", g.Kinds(), want)
	}
	var order []model.ID
	for _, term := range g.Terms() {
		order = append(order, term.ID)
	}
	if want := []model.ID{"tags/linux", "tags/podcast", "hosts/chris", "hosts/wes"}; !slices.Equal(order, want) {
		t.Errorf("Terms() = %v, want %v", order, want)
	}
	podcast := g.Get("tags/podcast")
	if got := ids(g.Links(podcast, hosts)); !slices.Equal(got, []model.ID{"hosts/chris", "hosts/wes"}) {
		t.Errorf("Links(podcast, hosts) = %v", got)
	}
	if got := ids(g.Backlinks(g.Get("tags/linux"))); !slices.Equal(got, []model.ID{"hosts/chris"}) {
		t.Errorf("Backlinks(linux) = %v", got)
	}
	if got := ids(g.Links(podcast, model.DeclareKind("", "never-listed"))); len(got) > 0 {
		t.Errorf("Links of a kind the graph has not = %v", got)
	}
}
