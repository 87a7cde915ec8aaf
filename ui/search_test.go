package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"taxo/model"
)

// hitIDs are the IDs of the search's hits, best first.
func (d *driver) hitIDs() []model.ID {
	ids := make([]model.ID, len(d.m.search.hits))
	for i, h := range d.m.search.hits {
		ids[i] = h.Term.ID
	}
	return ids
}

func TestSearchReplacesTheList(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s")
	if d.m.mode != modeSearch || !d.m.search.open {
		t.Fatalf("s: mode %v, open %v", d.m.mode, d.m.search.open)
	}
	d.wantScreen("search: ", "Type to search every term's text.")
	d.typeText("brine")
	hits := d.hitIDs()
	if len(hits) < 3 {
		t.Fatalf("brine finds %v", hits)
	}
	for _, id := range []model.ID{"tags/pickling", "tags/lacto-fermentation", "tags/curing"} {
		if !contains(hits[:4], id) {
			t.Errorf("brine: %s is not among the first hits %v", id, hits[:4])
		}
	}
	// The hits replace the list, ranked, and the detail shows the best.
	d.wantScreen("search: brine", "terms match.", "› # "+d.m.tx.Graph.Get(hits[0]).DisplayTitle())
	d.wantNotScreen("■ Baking")
	if d.shown() != hits[0] {
		t.Fatalf("the detail shows %s, want the best hit %s", d.shown(), hits[0])
	}
	// The selected hit has its snippet under it, with the field it is from.
	first := d.m.search.hits[0].Snippet
	d.wantScreen(first.Field.String() + ": ")

	// The arrows move through the hits as the prompt is typed, and the
	// detail follows.
	d.keys("down")
	if d.shown() != hits[1] {
		t.Fatalf("down: the detail shows %s, want %s", d.shown(), hits[1])
	}
	// enter opens the hit; esc goes back to the hits, not in history.
	d.keys("enter")
	if d.m.focus != paneDetail || d.m.mode != modeBrowse || d.shown() != hits[1] {
		t.Fatalf("enter: focus %v, mode %v, shown %s", d.m.focus, d.m.mode, d.shown())
	}
	d.wantScreen("search: brine", "INSTRUCTIONS")
	d.keys("esc")
	if d.m.focus != paneList || !d.m.search.open || d.shown() != hits[1] {
		t.Fatalf("esc from the hit: focus %v, open %v, shown %s", d.m.focus, d.m.search.open, d.shown())
	}
	d.keys("j")
	if d.shown() != hits[2] {
		t.Fatalf("j on the hits shows %s, want %s", d.shown(), hits[2])
	}
	// s edits the query; esc there closes the search.
	d.keys("s")
	if d.m.mode != modeSearch || d.m.search.input.Value() != "brine" {
		t.Fatalf("s on the hits: mode %v, query %q", d.m.mode, d.m.search.input.Value())
	}
	d.keys("esc")
	if d.m.search.open || d.m.mode != modeBrowse {
		t.Fatalf("esc in the prompt: open %v, mode %v", d.m.search.open, d.m.mode)
	}
	// The list is back, on the hit last selected.
	d.wantScreen("◆ Technique")
	d.wantNotScreen("search:")
	if d.selected() != hits[2] || d.shown() != hits[2] {
		t.Fatalf("after the search the list selects %s, shows %s; want %s", d.selected(), d.shown(), hits[2])
	}
}

// messagesOf runs a command, and the commands it batches, and returns
// their messages.
func messagesOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, messagesOf(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func contains(ids []model.ID, id model.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestSearchRanksTheNamedTermFirst(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s").typeText("sourdough")
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != "tags/sourdough" {
		t.Fatalf("sourdough ranks %v", hits)
	}
	// A phrase, a prefix and a kind filter, as taxo search reads them.
	d.keys("esc", "s").typeText(`kind:category ferment*`)
	hits := d.hitIDs()
	if len(hits) == 0 {
		t.Fatal("kind:category ferment* finds nothing")
	}
	for _, id := range hits {
		if d.m.tx.Graph.Get(id).Kind != model.Category {
			t.Errorf("kind:category finds %s", id)
		}
	}
}

func TestSearchSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	for _, tc := range []struct{ query, says string }{
		{"kind:colour", "kind:colour: want concept,"},
		{"zzzyxw", "No term matches."},
		// The word being typed matches as a prefix ("of" may become
		// "offer"), so only quoted stopwords are too common.
		{`"the of"`, "Every word is too common"},
	} {
		d.keys("s").typeText(tc.query)
		d.wantScreen(tc.says)
		if len(d.m.search.hits) != 0 {
			t.Errorf("%q has hits %v", tc.query, d.hitIDs())
		}
		d.keys("enter") // nothing to open: the prompt closes, the search stays
		if d.m.mode != modeBrowse || !d.m.search.open {
			t.Errorf("enter on no hits: mode %v, open %v", d.m.mode, d.m.search.open)
		}
		d.keys("esc")
	}
}

// The index is built in a tea.Cmd, once: what is typed before it is in
// waits for it, and hits for a query typed over are dropped.
func TestSearchWaitsForTheIndex(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	next, cmd := d.m.Update(press("s"))
	d.m = next.(Model)
	d.wantScreen("Indexing 35 terms…")
	var built []tea.Msg
	for _, msg := range messagesOf(cmd) {
		if _, ok := msg.(indexBuiltMsg); ok {
			built = append(built, msg)
		}
	}
	if len(built) != 1 {
		t.Fatalf("s builds the index %d times", len(built))
	}
	for _, r := range "kimchi" {
		next, _ = d.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		d.m = next.(Model)
	}
	d.wantScreen("search: kimchi", "Indexing 35 terms…")
	d.send(built[0])
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != "tags/kimchi" {
		t.Fatalf("once the index is in, kimchi finds %v", hits)
	}
	// Closing and opening the search again does not build it again.
	d.keys("esc")
	_, cmd = d.m.Update(press("s"))
	for _, msg := range messagesOf(cmd) {
		if _, ok := msg.(indexBuiltMsg); ok {
			t.Fatal("the index is built a second time")
		}
	}

	// A late answer to an older query is dropped.
	d.keys("esc", "s").typeText("jam")
	stale := searchDoneMsg{seq: d.m.search.seq - 1, query: "ja", res: model.Results{}}
	d.send(stale)
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != "tags/jam" {
		t.Fatalf("a stale answer replaced the hits: %v", hits)
	}
}

// Following a link from a hit leaves the search; going back brings it back
// with the hit selected.
func TestSearchFollowAndBack(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s").typeText("brine").keys("down", "enter")
	hit := d.shown()
	d.keys("tab")
	target := d.m.detail.selectedLink()
	if target == nil {
		t.Fatalf("%s has no link", hit)
	}
	d.keys("enter")
	if d.m.search.open || d.shown() != target.ID {
		t.Fatalf("following a link: search open %v, shown %s, want %s", d.m.search.open, d.shown(), target.ID)
	}
	d.wantNotScreen("search: brine")
	d.keys("[")
	if !d.m.search.open || d.shown() != hit || d.m.search.asked != "brine" {
		t.Fatalf("back: search open %v (%q), shown %s, want the hit %s", d.m.search.open, d.m.search.asked, d.shown(), hit)
	}
	d.wantScreen("search: brine")
	d.keys("]")
	if d.m.search.open || d.shown() != target.ID {
		t.Fatalf("forward: search open %v, shown %s", d.m.search.open, d.shown())
	}
}

// A reload keeps the search and its selection, with the reloaded terms.
func TestSearchSurvivesAReload(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s").typeText("brine").keys("down", "down", "enter")
	hit := d.shown()
	d.send(editorClosedMsg{})
	if !d.m.search.open || d.shown() != hit {
		t.Fatalf("after a reload: open %v, shown %s, want %s", d.m.search.open, d.shown(), hit)
	}
	if d.m.search.ixGen != d.m.gen {
		t.Fatal("the reloaded graph is not indexed")
	}
	for _, h := range d.m.search.hits {
		if d.m.tx.Graph.Get(h.Term.ID) != h.Term {
			t.Fatalf("hit %s is a term of the old graph", h.Term.ID)
		}
	}
}

func TestSearchSnippetMarksTheMatches(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, map[string]string{"NO_COLOR": "1"})
	d.keys("s").typeText("brine")
	// Without colour the matches are underlined, a letter at a time as
	// Lip Gloss underlines.
	view := d.m.View().Content
	if !underlined("brine").MatchString(view) {
		t.Fatalf("the snippet does not mark brine:\n%q", view)
	}
}

// underlined matches a word underlined, in any case, as the view writes it.
func underlined(word string) *regexp.Regexp {
	var b strings.Builder
	for _, r := range word {
		fmt.Fprintf(&b, `\x1b\[[0-9;]*4m[%c%c]\x1b\[m`, unicode.ToLower(r), unicode.ToUpper(r))
	}
	return regexp.MustCompile(b.String())
}

func TestMarkedLines(t *testing.T) {
	t.Parallel()
	plain, mark := PlainStyles().Dim, PlainStyles().MatchCurrent
	text := "one two three four five six seven eight"
	marks := []model.Span{{Start: 4, End: 7}, {Start: 24, End: 33}} // "two", "six seven"
	got := markedLines(text, marks, 12, 0, 3, plain, mark)
	// "six seven" is cut at the end of the third line, which ends in "…".
	want := []string{"one \x1b[7mtwo\x1b[m", "three four", "five \x1b[7msix\x1b[m…"}
	if !slices.Equal(got, want) {
		t.Fatalf("markedLines = %q, want %q", got, want)
	}
	// The lead columns shorten the first line only.
	got = markedLines("alpha beta gamma", nil, 11, 6, 3, plain, mark)
	if len(got) != 2 || got[0] != "alpha" || got[1] != "beta gamma" {
		t.Errorf("with a lead of 6: %q", got)
	}
	// Control characters in a term's text are shown as symbols.
	got = markedLines("a\x1bb", nil, 20, 0, 1, plain, mark)
	if strings.Contains(got[0], "\x1b") {
		t.Errorf("an escape reaches the screen: %q", got[0])
	}
}
