package ui

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"taxo/model"
)

// sampleWith is the sample loaded with tags titled as in extra added
// (tags sort by title).
func sampleWith(extra ...string) *model.Taxonomy {
	tx, _ := loadSample()
	var terms []*model.Term
	for _, t := range tx.Graph.Terms() {
		if t.Defined {
			terms = append(terms, t)
		}
	}
	return model.NewTaxonomy(tx.Root, append(terms, tags(extra...)...), tx.Problems())
}

// tags are new tags with these titles, linked to nothing.
func tags(titles ...string) []*model.Term {
	var terms []*model.Term
	for _, title := range titles {
		slug := strings.ToLower(strings.ReplaceAll(title, " ", "-"))
		terms = append(terms, &model.Term{ID: model.ID("tags/" + slug), Kind: model.Tag, Slug: slug, Title: title,
			Defined: true, Path: "tags/" + slug + ".md"})
	}
	return terms
}

// half is a taxonomy half way through a checkout: twenty new tags and none
// of the sample.
func half() *model.Taxonomy {
	var titles []string
	for i := range 20 {
		titles = append(titles, fmt.Sprintf("New %02d", i))
	}
	return model.NewTaxonomy("", tags(titles...), nil)
}

// reloads is a browser whose loads give what the test sets next to.
type reloads struct {
	*driver
	next  func() (*model.Taxonomy, error)
	loads int
}

func newReloads(t *testing.T, width, height int) *reloads {
	t.Helper()
	r := &reloads{next: loadSample}
	load := func() (*model.Taxonomy, error) { r.loads++; return r.next() }
	// The files are watched; a closed channel leaves nothing waiting.
	changes := make(chan struct{})
	close(changes)
	r.driver = newDriverWith(t, width, height, nil, Options{Load: load, Source: "sample", Changes: changes})
	r.m.load.quiet, r.m.load.pause = time.Millisecond, 0
	return r
}

// changed tells of a change on disk and returns the reload it schedules.
func (r *reloads) changed() reloadDueMsg {
	r.t.Helper()
	for _, msg := range messagesOf(r.update(filesChangedMsg{})) {
		if due, ok := msg.(reloadDueMsg); ok {
			return due
		}
	}
	r.t.Fatal("a change schedules no reload")
	return reloadDueMsg{}
}

// reload reloads with what gives, as after a change on disk.
func (r *reloads) reload(gives *model.Taxonomy) {
	r.t.Helper()
	r.next = func() (*model.Taxonomy, error) { return gives, nil }
	r.send(r.changed())
}

// TestOwnChangeEcho: the watcher's echo of a change the browser made
// itself (the tagging screen's write) keeps what the browser said of it;
// a change that comes later says the files changed on disk.
func TestOwnChangeEcho(t *testing.T) {
	t.Parallel()
	r := newReloads(t, 120, 30)
	r.send(reloadMsg{why: "Wrote content/post/a.md: tags +Go."})
	r.wantScreen("Wrote content/post/a.md: tags +Go.")
	r.reload(sampleWith())
	r.wantScreen("Wrote content/post/a.md: tags +Go.")
	r.wantNotScreen("files changed on disk")

	r.m.load.asked = time.Now().Add(-ownEcho)
	r.reload(sampleWith())
	r.wantScreen("Reloaded: files changed on disk.")
}

// TestTaxonomyGoneAndBack: a reload that finds the taxonomy gone from disk
// says so plainly and keeps its terms on the screen; the reload that finds
// it back says that (issue 15, defect 4).
func TestTaxonomyGoneAndBack(t *testing.T) {
	t.Parallel()
	r := newReloads(t, 120, 30)
	r.next = func() (*model.Taxonomy, error) {
		return nil, fmt.Errorf("cannot read the taxonomy: %w", &fs.PathError{Op: "stat", Path: "/site/content", Err: fs.ErrNotExist})
	}
	r.send(r.changed())
	r.wantScreen("taxo sample (gone)", "/site/content is gone: shown as it was until it is back.", "All 36")
	r.wantNotScreen("Reloading failed", "no such file")
	r.keys("j", "e")
	r.wantScreen("/site/content is gone: its files cannot be opened.", "(gone)")

	r.reload(sampleWith())
	r.wantScreen("Reloaded: /site/content is back.", "All 36")
	r.wantNotScreen("(gone)")

	// An error that does not name the path names the taxonomy.
	r.next = func() (*model.Taxonomy, error) {
		return nil, fmt.Errorf("cannot read the taxonomy at /site: %w", fs.ErrNotExist)
	}
	r.send(r.changed())
	r.wantScreen("sample is gone: shown as it was until it is back.", "(gone)")
	r.reload(sampleWith())
	r.wantScreen("Reloaded: sample is back.")

	// Any other failure says what it was.
	r.next = func() (*model.Taxonomy, error) {
		return nil, fmt.Errorf("cannot read the taxonomy: %w", fs.ErrPermission)
	}
	r.send(r.changed())
	r.wantScreen("Reloading failed: cannot read the taxonomy: permission denied")
	r.wantNotScreen("(gone)")
}

// TestBurstReloadsOnceSettled: a reload that files change under while it
// runs (a git checkout half done) is not shown; the one after the files
// settle is. Files that never settle are shown all the same, at most
// settleAtMost apart (issue 15, defect 10).
func TestBurstReloadsOnceSettled(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		atMost time.Duration
		want   []string // after the load that the files changed under
	}{
		{"settling", time.Hour, []string{"All 36", "Files are changing on disk: reloading once they settle…"}},
		{"never settling", 0, []string{"All 20", "Reloaded: files changed on disk."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newReloads(t, 120, 30)
			r.m.load.atMost = tc.atMost
			r.next = func() (*model.Taxonomy, error) { return half(), nil }
			r.loads = 0
			running := r.update(r.changed())
			if running == nil || r.loads != 0 {
				t.Fatal("the change's reload did not start")
			}
			last := r.changed() // the checkout goes on under the load
			r.run(running)
			r.wantScreen(tc.want...)

			r.next = loadSample
			r.send(last)
			r.wantScreen("All 36", "Reloaded: files changed on disk.")
		})
	}
}

// TestReloadsKeepThePlace: the user's place (the tab, the filter, the term
// selected on its row of the list, the term's scroll, history) is kept
// through reloads, and comes back with a reload after one that lacked the
// term, as long as the user has not moved meanwhile (issue 15, defect 10).
func TestReloadsKeepThePlace(t *testing.T) {
	t.Parallel()
	// A window too short for the tags, so that the list scrolls.
	r := newReloads(t, 120, 10)
	r.keys("3", "/").typeText("e").keys("enter", "esc")
	for range 9 {
		r.keys("j")
	}
	sel := r.selected()
	// Follow a link from it, back to it, and scroll it.
	r.keys("tab", "enter", "[", "pgdown")
	if r.selected() != sel || r.termTop() == 0 {
		t.Fatalf("setting up: %s selected, scrolled to %d", r.selected(), r.termTop())
	}
	before := r.body()
	if r.m.list.cur.offset == 0 {
		t.Fatal("setting up: the list is not scrolled")
	}
	row := func() int {
		for i, l := range strings.Split(r.screen(), "\n") {
			if strings.Contains(l, "› ") {
				return i
			}
		}
		return -1
	}
	at := row()

	r.reload(half())
	if r.selected() == sel {
		t.Fatal("the term removed is still selected")
	}
	if row() != at {
		t.Errorf("with the term gone the cursor moved from row %d to %d", at, row())
	}
	r.reload(sampleWith())
	if after := r.body(); after != before {
		t.Fatalf("the term back, the screen is\n%s\nwant it as it was:\n%s", after, before)
	}

	// Terms that sort before it leave it on its row.
	r.reload(sampleWith("Aa One", "Aa Two", "Ae Three"))
	if r.selected() != sel || row() != at {
		t.Errorf("with terms added above it, %s is selected on row %d; want %s on row %d", r.selected(), row(), sel, at)
	}
	r.keys("]", "[")
	if r.selected() != sel {
		t.Errorf("history after reloads: back leads to %s, want %s", r.selected(), sel)
	}
}

// TestReloadWaitsForGit: files quiet while git still holds its lock (a
// checkout paused on a busy machine) are not reloaded until git is done
// (issue 15, defect 10).
func TestReloadWaitsForGit(t *testing.T) {
	t.Parallel()
	r := newReloads(t, 120, 30)
	busy := true
	r.m.load.busy = func() bool { return busy }
	r.next = func() (*model.Taxonomy, error) { return half(), nil }
	r.loads = 0
	due := r.changed()
	for range 3 {
		again := messagesOf(r.update(due))
		if r.loads != 0 || len(again) != 1 {
			t.Fatalf("git busy: %d loads, %d messages; want none, and a look later", r.loads, len(again))
		}
		due = again[0].(reloadDueMsg)
	}
	r.wantScreen("All 36")
	busy = false
	r.send(due)
	r.wantScreen("All 20", "Reloaded: files changed on disk.")

	// Git is waited for however long the files have changed: GitBusy
	// stops saying so once its lock is old.
	busy = true
	r.m.load.atMost = 0
	r.next = loadSample
	due = r.changed()
	if again := messagesOf(r.update(due)); r.loads != 1 || len(again) != 1 {
		t.Fatalf("git busy for long: %d loads, want none more", r.loads-1)
	}
	r.wantScreen("All 20")
}

// TestReloadWhileTyping: a reload leaves what is being typed where it is
// typed: the search's prompt, the list's filter.
func TestReloadWhileTyping(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, open, prompt string }{
		{"search", "s", "search: ferm"},
		{"filter", "/", "/ ferm"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newReloads(t, 120, 30)
			r.keys(tc.open).typeText("fer")
			r.reload(sampleWith())
			r.typeText("m")
			r.wantScreen(tc.prompt)
		})
	}
}
