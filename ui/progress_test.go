package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
	"taxo/ui/launch"
)

// sampleTagsRead are the sample's defined tags, as the first files read.
func sampleTagsRead(t *testing.T) []*model.Term {
	t.Helper()
	var tags []*model.Term
	for _, term := range loader.LoadFS(sample.FS, nil, loader.Options{}).Terms {
		if term.Kind == model.Tag {
			tags = append(tags, term)
		}
	}
	if len(tags) < 20 {
		t.Fatalf("the sample has %d tags", len(tags))
	}
	return tags
}

func TestTheListFillsWhileLoading(t *testing.T) {
	t.Parallel()
	p := launch.NewProgress()
	d := &driver{t: t, m: New(Options{Load: loadSample, Progress: p, Source: "sample", Getenv: func(string) string { return "" }})}
	d.post(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.wantScreen("Loading sample…")

	p.Files(0, 48)
	d.post(loadProgressMsg{})
	d.wantScreen("Loading sample…", "0 of 48 files")

	tags := sampleTagsRead(t)[:10]
	p.Terms(tags)
	p.Files(10, 48)
	d.post(loadProgressMsg{})
	if !d.m.load.building {
		t.Fatal("the first terms read are not being linked")
	}
	d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags, nil), terms: len(tags)})
	d.wantScreen("All 10", "Tags 10", "10 of 48 files")
	// The concepts and categories the tags list are not read yet: they
	// are not in the list, and their links say so.
	d.wantNotScreen("◆", "■", "(no file)")
	d.wantScreen("(not read yet)")

	// Keys act on what is read so far.
	second := d.m.list.items[1].ID
	d.post(press("j"))
	if d.selected() != second {
		t.Fatalf("j selected %s, want %s", d.selected(), second)
	}
	d.post(press("!"))
	d.wantScreen("The problems are listed once every file is read.")

	full, _ := loadSample()
	d.post(taxonomyLoadedMsg{tx: full})
	d.wantScreen("All 36", "2 problems")
	d.wantNotScreen("files", "(not read yet)")
	if d.selected() != second {
		t.Fatalf("once loaded, %s is selected; the user chose %s", d.selected(), second)
	}
}

// TestTermsReadSoFarNotLinkedWhenAllAreDueSoon: once the first terms are
// shown, a load that will be over within a couple of seconds (a second
// start from the index cache) does not link the terms read so far again;
// a slow one does.
func TestTermsReadSoFarNotLinkedWhenAllAreDueSoon(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		done, found int
		build       bool
	}{
		{"nine tenths of the files read in a second", 900, 1000, false},
		{"a tenth of the files read in a second", 100, 1000, true},
		{"no file counted yet", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := launch.NewProgress()
			d := &driver{t: t, m: New(Options{Load: loadSample, Progress: p, Getenv: func(string) string { return "" }})}
			d.post(tea.WindowSizeMsg{Width: 120, Height: 40})
			tags := sampleTagsRead(t)
			p.Terms(tags[:3])
			d.post(loadProgressMsg{})
			d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags[:3], nil), terms: 3})
			d.m.load.since = time.Now().Add(-time.Second)
			p.Files(tt.done, tt.found)
			p.Terms(tags[3:8])
			d.post(loadProgressMsg{})
			if d.m.load.building != tt.build {
				t.Errorf("a second build: %v, want %v", d.m.load.building, tt.build)
			}
		})
	}
}

// TestTermsReadSoFarAreLinkedEachTimeTheyDouble checks that the graph of
// the terms read so far is built again only once they have doubled, so
// that all the building costs no more than linking the whole taxonomy
// twice, and never two builds at once.
func TestTermsReadSoFarAreLinkedEachTimeTheyDouble(t *testing.T) {
	t.Parallel()
	p := launch.NewProgress()
	d := &driver{t: t, m: New(Options{Load: loadSample, Progress: p, Getenv: func(string) string { return "" }})}
	d.post(tea.WindowSizeMsg{Width: 120, Height: 40})
	tags := sampleTagsRead(t)
	arrive := func(terms []*model.Term) {
		p.Terms(terms)
		d.post(loadProgressMsg{})
	}
	arrive(tags[:3])
	if !d.m.load.building {
		t.Fatal("the first terms are not linked")
	}
	arrive(tags[3:8])
	d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags[:3], nil), terms: 3})
	if !d.m.load.building || d.m.load.built != 3 {
		t.Fatal("8 terms read after 3 were linked, and no new build")
	}
	d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags[:8], nil), terms: 8})
	arrive(tags[8:15])
	if d.m.load.building {
		t.Fatal("a build started with 15 terms read after 8 were linked")
	}
	arrive(tags[15:16])
	if !d.m.load.building {
		t.Fatal("no build with 16 terms read after 8 were linked")
	}
	// Both layouts of one slug come as two terms; the list shows one.
	arrive([]*model.Term{tags[0]})
	if got := len(d.m.load.terms); got != 16 {
		t.Fatalf("%d terms read so far, want 16", got)
	}
	if !slices.Equal(ids(d.m.load.terms), ids(tags[:16])) {
		t.Fatal("the terms read so far are not those read, in order")
	}
}

func ids(terms []*model.Term) []model.ID {
	out := make([]model.ID, len(terms))
	for i, t := range terms {
		out[i] = t.ID
	}
	return out
}

// TestFirstLoadWaitsForTheFirstFrame checks that a load reporting progress
// starts once the window has a size, the first frame being drawn right
// after, so that it does not keep the screen waiting for a core; or when
// the frame is late. It starts once.
func TestFirstLoadWaitsForTheFirstFrame(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		first tea.Msg
	}{
		{"the window's size", tea.WindowSizeMsg{Width: 80, Height: 24}},
		{"the frame is late", startLoadMsg{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loads := 0
			load := func() (*model.Taxonomy, error) { loads++; return loadSample() }
			d := &driver{t: t, m: New(Options{Load: load, Progress: launch.NewProgress(), Getenv: func(string) string { return "" }})}
			_ = d.m.View()
			if loads != 0 {
				t.Fatal("drawing starts the load")
			}
			d.send(tc.first)
			if loads != 1 {
				t.Fatalf("%s: %d loads, want 1", tc.name, loads)
			}
			d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
			d.send(startLoadMsg{})
			if loads != 1 {
				t.Fatalf("after the size and the wait: %d loads, want 1", loads)
			}
			d.wantScreen("All 36")
		})
	}
}

// TestSearchWhileLoading checks search during the first load: one index is
// built at a time, the index of the terms read so far answers until one of
// more of them is in, and the last index is of the whole taxonomy.
func TestSearchWhileLoading(t *testing.T) {
	t.Parallel()
	p := launch.NewProgress()
	d := &driver{t: t, m: New(Options{Load: loadSample, Progress: p, Source: "sample", Getenv: func(string) string { return "" }})}
	d.post(tea.WindowSizeMsg{Width: 120, Height: 40})
	tags := sampleTagsRead(t)
	target := tags[3]
	first := model.NewTaxonomy("", tags[:10], nil)
	p.Terms(tags[:10])
	p.Files(10, 100)
	d.post(loadProgressMsg{})
	d.post(partialGraphMsg{tx: first, terms: 10})
	gen1 := d.m.load.gen

	d.post(press("s"))
	if d.m.hits.building != gen1 {
		t.Fatalf("s indexes generation %d, want the terms read so far (%d)", d.m.hits.building, gen1)
	}
	d.m.hits.input.SetValue(strings.ToLower(target.Title))
	d.post(press("end")) // a key in the prompt asks again; nothing to ask yet
	d.wantScreen("Indexing 10 terms…")

	// More terms are read while the first index is built: no second build.
	p.Terms(tags[10:])
	p.Files(len(tags), 100)
	d.post(loadProgressMsg{})
	d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags, nil), terms: len(tags)})
	gen2 := d.m.load.gen
	if gen2 == gen1 || d.m.hits.building != gen1 {
		t.Fatalf("with more terms read, generation %d is being indexed (first %d, now %d)", d.m.hits.building, gen1, gen2)
	}

	// The first index comes: it answers, and the next build starts.
	next, cmd := d.m.Update(indexBuiltMsg{gen: gen1, ix: model.NewIndex(first.Graph)})
	d.m = next.(Model)
	if !d.m.hits.interim || d.m.hits.building != gen2 {
		t.Fatalf("after the first index: interim %v, building %d; want true, %d", d.m.hits.interim, d.m.hits.building, gen2)
	}
	var built []indexBuiltMsg
	for _, msg := range messagesOf(cmd) {
		switch msg := msg.(type) {
		case indexBuiltMsg:
			built = append(built, msg)
		case searchDoneMsg:
			d.send(msg)
		}
	}
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != target.ID {
		t.Fatalf("the terms read so far answer %v, want %s first", hits, target.ID)
	}
	d.wantScreen("of the terms read so far match")
	if len(built) != 1 || built[0].gen != gen2 {
		t.Fatalf("the next builds are %v, want one of generation %d", built, gen2)
	}

	// The load ends while the second index is built: the whole taxonomy is
	// indexed after it, and its hits are final.
	full, _ := loadSample()
	d.post(taxonomyLoadedMsg{tx: full})
	gen3 := d.m.load.gen
	if d.m.hits.building != gen2 {
		t.Fatalf("the end of the load started another build (%d) beside the one running (%d)", d.m.hits.building, gen2)
	}
	next, cmd = d.m.Update(built[0])
	d.m = next.(Model)
	if d.m.hits.building != gen3 {
		t.Fatalf("after the load, generation %d is indexed, want %d", d.m.hits.building, gen3)
	}
	for _, msg := range messagesOf(cmd) {
		if msg, ok := msg.(indexBuiltMsg); ok {
			d.send(msg)
		}
	}
	if d.m.hits.interim || !d.m.hits.ready(d.m.load.gen) {
		t.Fatal("the index of the whole taxonomy is not the one searched")
	}
	d.wantNotScreen("so far")
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != target.ID {
		t.Fatalf("the whole taxonomy answers %v, want %s first", hits, target.ID)
	}
}

// TestSearchOfTheTermsReadSoFarSaysSo checks that an index finished while
// the first load runs answers as one of the terms read so far, even when
// no more were read meanwhile, and keeps answering while the next is built.
func TestSearchOfTheTermsReadSoFarSaysSo(t *testing.T) {
	t.Parallel()
	p := launch.NewProgress()
	d := &driver{t: t, m: New(Options{Load: loadSample, Progress: p, Source: "sample", Getenv: func(string) string { return "" }})}
	d.post(tea.WindowSizeMsg{Width: 120, Height: 40})
	tags := sampleTagsRead(t)
	first := model.NewTaxonomy("", tags[:10], nil)
	p.Terms(tags[:10])
	p.Files(10, 100)
	d.post(loadProgressMsg{})
	d.post(partialGraphMsg{tx: first, terms: 10})
	d.post(press("s"))
	d.m.hits.input.SetValue(strings.ToLower(tags[3].Title))
	next, cmd := d.m.Update(indexBuiltMsg{gen: d.m.load.gen, ix: model.NewIndex(first.Graph)})
	d.m = next.(Model)
	for _, msg := range messagesOf(cmd) {
		d.send(msg)
	}
	d.wantScreen("of the terms read so far match")
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != tags[3].ID {
		t.Fatalf("the terms read so far answer %v", hits)
	}

	// More terms: the next index is built, the hits stay and say so.
	p.Terms(tags[10:])
	p.Files(len(tags), 100)
	d.post(loadProgressMsg{})
	d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags, nil), terms: len(tags)})
	if d.m.hits.building != d.m.load.gen {
		t.Fatal("more terms read, and no index of them is being built")
	}
	d.wantScreen("of the terms read so far match")
	d.wantNotScreen("Indexing")

	// Past half the files, no index is built of the terms read so far:
	// the next is the whole taxonomy's.
	next, _ = d.m.Update(indexBuiltMsg{gen: d.m.load.gen, ix: model.NewIndex(d.graph())})
	d.m = next.(Model)
	p.Terms(tags[:1])
	p.Files(60, 100)
	d.post(loadProgressMsg{})
	d.post(partialGraphMsg{tx: model.NewTaxonomy("", tags, nil), terms: len(tags) + 1})
	if d.m.hits.building != 0 {
		t.Fatal("past half the files, an index of the terms read so far is built")
	}
	d.wantScreen("of the terms read so far match")
	full, _ := loadSample()
	d.post(taxonomyLoadedMsg{tx: full})
	if d.m.hits.building != d.m.load.gen {
		t.Fatal("once every file is read, the whole taxonomy is not indexed")
	}
}
