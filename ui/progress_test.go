package ui

import (
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// post gives the model a message without running the commands it returns,
// for messages whose commands wait on a load that the test plays itself.
func (d *driver) post(msg tea.Msg) {
	d.t.Helper()
	next, _ := d.m.Update(msg)
	d.m = next.(Model)
}

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
	p := NewProgress()
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
	if !d.m.building {
		t.Fatal("the first terms read are not being linked")
	}
	d.post(partialGraphMsg{g: model.New(tags), terms: len(tags)})
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

// TestTermsReadSoFarAreLinkedEachTimeTheyDouble checks that the graph of
// the terms read so far is built again only once they have doubled, so
// that all the building costs no more than linking the whole taxonomy
// twice, and never two builds at once.
func TestTermsReadSoFarAreLinkedEachTimeTheyDouble(t *testing.T) {
	t.Parallel()
	p := NewProgress()
	d := &driver{t: t, m: New(Options{Load: loadSample, Progress: p, Getenv: func(string) string { return "" }})}
	d.post(tea.WindowSizeMsg{Width: 120, Height: 40})
	tags := sampleTagsRead(t)
	arrive := func(terms []*model.Term) {
		p.Terms(terms)
		d.post(loadProgressMsg{})
	}
	arrive(tags[:3])
	if !d.m.building {
		t.Fatal("the first terms are not linked")
	}
	arrive(tags[3:8])
	d.post(partialGraphMsg{g: model.New(tags[:3]), terms: 3})
	if !d.m.building || d.m.partialBuilt != 3 {
		t.Fatal("8 terms read after 3 were linked, and no new build")
	}
	d.post(partialGraphMsg{g: model.New(tags[:8]), terms: 8})
	arrive(tags[8:15])
	if d.m.building {
		t.Fatal("a build started with 15 terms read after 8 were linked")
	}
	arrive(tags[15:16])
	if !d.m.building {
		t.Fatal("no build with 16 terms read after 8 were linked")
	}
	// Both layouts of one slug come as two terms; the list shows one.
	arrive([]*model.Term{tags[0]})
	if got := len(d.m.partialTerms); got != 16 {
		t.Fatalf("%d terms read so far, want 16", got)
	}
	if !slices.Equal(ids(d.m.partialTerms), ids(tags[:16])) {
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
// starts once the first frame is drawn, so that it does not keep the
// screen waiting for a core.
func TestFirstLoadWaitsForTheFirstFrame(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	load := func() (*Taxonomy, error) {
		close(started)
		return loadSample()
	}
	m := New(Options{Load: load, Progress: NewProgress(), Getenv: func(string) string { return "" }})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = next.(Model)
	begun := time.Now()
	done := make(chan tea.Msg)
	go func() { done <- m.loadCmd()() }()
	time.Sleep(10 * time.Millisecond)
	select {
	case <-started:
		if time.Since(begun) < firstFrameWait {
			t.Fatal("the load started before the first frame")
		}
	default:
	}
	_ = m.View()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the load did not start once the first frame was drawn")
	}
	if msg, ok := (<-done).(taxonomyLoadedMsg); !ok || msg.err != nil {
		t.Fatalf("the load ended with %v", msg)
	}
}
