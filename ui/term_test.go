package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"taxo/model"
)

// slowBody is markdown that Glamour takes time over that grows with the
// square of its size: many seconds at this size.
var slowBody = "Links:\n" + strings.Repeat("[a](", 40000)

// slowTaxonomy is a few tags, the last of which is slow to render: the
// first, shown at the start, and the one beside it, rendered ahead, are
// quick.
func slowTaxonomy() (*model.Taxonomy, error) {
	var terms []*model.Term
	for i, title := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"} {
		t := &model.Term{ID: model.ID("tags/" + strings.ToLower(title)), Kind: model.Tag, Slug: strings.ToLower(title),
			Title: title, Defined: true, Path: "tags/" + strings.ToLower(title) + ".md", Body: "Quick."}
		if i == 4 {
			t.Body = slowBody
		}
		terms = append(terms, t)
	}
	return model.NewTaxonomy("", terms, nil), nil
}

// TestSlowTermShownAsWritten: a term whose rendering runs out of its
// budget is shown as written, saying so, in the browser too (issue 15,
// defect 3).
func TestSlowTermShownAsWritten(t *testing.T) {
	t.Parallel()
	d := newDriverWith(t, 120, 30, map[string]string{"NO_COLOR": "1"}, Options{Load: slowTaxonomy})
	d.m.term.budget = 50 * time.Millisecond
	start := time.Now()
	d.keys("G")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the term took %s to show with a budget of 50ms", took)
	}
	d.wantScreen("(shown as written: rendering it took over 50ms)", "# Echo", "Links:", "[a]([a](")
	if !d.rendered() {
		t.Error("the term as written is not taken as its rendering")
	}
}

// TestUnwantedRenderingsStop: a rendering that is no longer wanted (the
// window resized, the taxonomy reloaded, the list moved on) is stopped,
// rather than left to cost a core for the rest of its budget, and what it
// brings back is dropped (issue 15, defect 3: 8 resizes on a slow term
// cost 35 s of CPU).
func TestUnwantedRenderingsStop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		after tea.Msg
		// load runs the load tc.after asks for: the messages of a
		// command are those it makes when run, and a rendering's would
		// take long.
		load bool
	}{
		{"a resize", tea.WindowSizeMsg{Width: 100, Height: 30}, false},
		{"a reload", editorClosedMsg{}, true},
		{"a move past the terms beside", press("g"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDriverWith(t, 120, 30, nil, Options{Load: slowTaxonomy})
			d.m.term.budget = time.Minute
			// Echo's rendering is asked for, and not run yet.
			asked := d.update(press("G"))
			if cmd := d.update(tc.after); tc.load {
				for _, msg := range messagesOf(cmd) {
					d.post(msg)
				}
			}
			start := time.Now()
			var got []termRenderedMsg
			for _, msg := range messagesOf(asked) {
				if r, ok := msg.(termRenderedMsg); ok && r.key.id == "tags/echo" {
					got = append(got, r)
				}
				d.send(msg)
			}
			if len(got) != 1 {
				t.Fatalf("%d renderings of Echo asked for, want 1", len(got))
			}
			if !errors.Is(got[0].err, context.Canceled) {
				t.Errorf("the rendering of Echo ran on for %s after %s: %v", time.Since(start), tc.name, got[0].err)
			}
			d.wantNotScreen("Cannot render", "canceled")
		})
	}
}
