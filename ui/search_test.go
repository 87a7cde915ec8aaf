package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/model"
)

func TestSearchReplacesTheList(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s")
	d.wantOn("search", "s")
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
	d.wantScreen("search: brine", "terms match.", "› # "+d.graph().Get(hits[0]).DisplayTitle())
	d.wantNotScreen("■ Baking")
	if d.shown() != hits[0] {
		t.Fatalf("the detail shows %s, want the best hit %s", d.shown(), hits[0])
	}
	// The selected hit has its snippet under it, with the field it is from
	// (Pickling's Instructions hold brine and brines).
	d.wantScreen("    instructions: ")

	// The arrows move through the hits as the prompt is typed, and the
	// detail follows.
	d.keys("down")
	if d.shown() != hits[1] {
		t.Fatalf("down: the detail shows %s, want %s", d.shown(), hits[1])
	}
	// enter opens the hit; esc goes back to the hits, not in history.
	d.keys("enter")
	d.wantOn("term", "enter")
	if d.shown() != hits[1] {
		t.Fatalf("enter shows %s", d.shown())
	}
	d.wantScreen("search: brine", "INSTRUCTIONS")
	d.keys("esc")
	d.wantOn("hits", "esc from the hit")
	if d.shown() != hits[1] {
		t.Fatalf("esc from the hit shows %s", d.shown())
	}
	d.keys("j")
	if d.shown() != hits[2] {
		t.Fatalf("j on the hits shows %s, want %s", d.shown(), hits[2])
	}
	// s edits the query; esc there closes the search.
	d.keys("s")
	d.wantOn("search", "s on the hits")
	d.wantScreen("search: brine")
	d.keys("esc")
	d.wantOn("list", "esc in the prompt")
	// The list is back, on the hit last selected.
	d.wantScreen("◆ Technique")
	d.wantNotScreen("search:")
	if d.selected() != hits[2] || d.shown() != hits[2] {
		t.Fatalf("after the search the list selects %s, shows %s; want %s", d.selected(), d.shown(), hits[2])
	}
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
		if d.graph().Get(id).Kind != model.Category {
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
		if len(d.hitIDs()) != 0 {
			t.Errorf("%q has hits %v", tc.query, d.hitIDs())
		}
		d.keys("enter") // nothing to open: the prompt closes, the search stays
		d.wantOn("hits", "enter on no hits")
		d.keys("esc")
	}
}

// The index is built in a tea.Cmd, once: what is typed before it is in
// waits for it, and hits for a query typed over are dropped.
func TestSearchWaitsForTheIndex(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	cmd := d.update(press("s"))
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
		d.post(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	d.wantScreen("search: kimchi", "Indexing 35 terms…")
	d.send(built[0])
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != "tags/kimchi" {
		t.Fatalf("once the index is in, kimchi finds %v", hits)
	}
	// Closing and opening the search again does not build it again.
	d.keys("esc")
	for _, msg := range messagesOf(d.update(press("s"))) {
		if _, ok := msg.(indexBuiltMsg); ok {
			t.Fatal("the index is built a second time")
		}
	}

	// A late answer to an older query is dropped.
	d.keys("esc", "s").typeText("ja")
	var stale []tea.Msg // the answer for jam, held back
	for _, msg := range messagesOf(d.update(press("m"))) {
		if _, ok := msg.(searchDoneMsg); ok {
			stale = append(stale, msg)
		}
	}
	if len(stale) != 1 {
		t.Fatalf("a letter typed asks %d times", len(stale))
	}
	d.keys("backspace", "backspace", "backspace").typeText("kimchi")
	d.send(stale[0])
	if hits := d.hitIDs(); len(hits) == 0 || hits[0] != "tags/kimchi" {
		t.Fatalf("a late answer for jam replaced the hits for kimchi: %v", hits)
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
	target := d.link()
	if target == "" {
		t.Fatalf("%s has no link", hit)
	}
	d.keys("enter")
	if d.shown() != target {
		t.Fatalf("following a link shows %s, want %s", d.shown(), target)
	}
	d.wantNotScreen("search: brine")
	d.keys("[")
	if d.shown() != hit {
		t.Fatalf("back shows %s, want the hit %s", d.shown(), hit)
	}
	d.wantScreen("search: brine", "terms match.")
	d.keys("]")
	if d.shown() != target {
		t.Fatalf("forward shows %s", d.shown())
	}
	d.wantNotScreen("search: brine")
}

// A reload keeps the search and its selection, with the reloaded terms.
func TestSearchSurvivesAReload(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s").typeText("brine").keys("down", "down", "enter")
	hit := d.shown()
	before := d.body()
	d.send(editorClosedMsg{})
	if d.shown() != hit || d.body() != before {
		t.Fatalf("after a reload the screen is\n%s\nwant it as it was:\n%s", d.screen(), ansi.Strip(before))
	}
	// The hits are the reloaded graph's terms: opening one shows it.
	d.keys("esc", "down", "enter")
	if d.graph().Get(d.shown()) == nil {
		t.Fatalf("a hit after the reload is %s, not in the graph", d.shown())
	}
	d.wantScreen("INSTRUCTIONS")
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

// A key that works on the list closes the search from the term too, and
// the list is left on the hit last seen.
func TestSearchClosedFromTheTermLeavesTheListOnTheHit(t *testing.T) {
	t.Parallel()
	d := newDriver(t, 120, 40, nil)
	d.keys("s").typeText("kind:category ferment*").keys("enter")
	hit := d.shown()
	if d.graph().Get(hit).Kind != model.Category {
		t.Fatalf("the first hit is %s, want a category", hit)
	}
	d.wantOn("term", "enter on a hit")
	d.keys("2")
	d.wantNotScreen("search:")
	if d.selected() != hit || d.shown() != hit {
		t.Fatalf("2 from the hit's term leaves the list on %s, showing %s; want the hit %s", d.selected(), d.shown(), hit)
	}
}
