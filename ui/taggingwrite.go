package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/safe"
	"taxo/internal/tagwrite"
)

// The tagging screen's diff, write and undo: the change the rows make to
// the page, and the commands that write it and put it back.

// edits are what writing the rows takes: for each taxonomy whose terms
// change, the terms the page is to carry.
func (s *taggingScreen) edits() []tagwrite.TaxonomyEdit {
	var out []tagwrite.TaxonomyEdit
	for _, k := range s.g.Kinds() {
		changed := false
		var want []string
		for _, r := range s.rows {
			if r.kind == k {
				changed = changed || r.changed()
				if r.on {
					want = append(want, r.spelling)
				}
			}
		}
		if changed {
			out = append(out, tagwrite.TaxonomyEdit{Taxonomy: k.Taxonomy(), Edit: tagwrite.SetTo(want)})
		}
	}
	return out
}

// change is the page as the rows would leave it, and a line per taxonomy
// that changes.
func (s *taggingScreen) change() (tagwrite.Change, []string, error) {
	site, _ := tagwrite.ForGraph(s.tx.Root, s.g)
	changes, after, err := site.ApplyAll(s.src, s.edits())
	if err != nil {
		return tagwrite.Change{}, nil, err
	}
	var lines []string
	for _, c := range changes {
		if c.Changed() {
			lines = append(lines, s.summary(c))
		}
	}
	return tagwrite.Change{Old: s.src, New: after}, lines, nil
}

// summary says one taxonomy's change: "tags: +Kubernetes (new) -Rust".
func (s *taggingScreen) summary(c tagwrite.Change) string {
	parts := []string{strings.ToLower(c.Taxonomy) + ":"}
	for _, t := range c.Added() {
		if i := slices.IndexFunc(s.rows, func(r tagRow) bool { return r.spelling == t && r.term == nil }); i >= 0 {
			t += " (new)"
		}
		parts = append(parts, "+"+t)
	}
	for _, t := range c.Removed() {
		parts = append(parts, "-"+t)
	}
	return strings.Join(parts, " ")
}

// toggleDiff shows the diff of the front matter, or goes back from it.
func (s *taggingScreen) toggleDiff() {
	if s.showDiff {
		s.showDiff = false
		return
	}
	if s.src == nil {
		return
	}
	c, lines, err := s.change()
	switch {
	case err != nil:
		s.sh.tell(statusMsg{text: "Cannot make this change: " + safe.Line(err.Error())})
		return
	case !c.Changed():
		s.sh.tell(statusMsg{text: "Nothing to change: the page carries these terms already."})
		return
	}
	s.diff = append(lines, "")
	s.diff = append(s.diff, strings.Split(strings.TrimSuffix(c.Diff(s.path), "\n"), "\n")...)
	s.showDiff = true
	s.diffPage = pager{height: s.height - 3, total: len(s.diff)}
}

// write writes the rows into the page, in a command.
func (s *taggingScreen) write() tea.Cmd {
	if s.src == nil || s.busy != "" {
		return nil
	}
	c, lines, err := s.change()
	switch {
	case err != nil:
		s.sh.tell(statusMsg{text: "Cannot make this change: " + safe.Line(err.Error())})
		return nil
	case !c.Changed():
		s.sh.tell(statusMsg{text: "Nothing to write: the page carries these terms already."})
		return nil
	}
	_, w := tagwrite.ForGraph(s.tx.Root, s.g)
	s.seq++
	s.busy = "Writing…"
	seq, abs, summary := s.seq, s.tx.Path(s.path), strings.Join(lines, "; ")
	return func() tea.Msg {
		u, err := w.Write(abs, c.Old, c.New)
		return tagWrittenMsg{seq: seq, undo: u, summary: summary, err: err}
	}
}

// written takes the write in: the rows are what the page carries now, the
// undo is kept, and the taxonomy reloads so that the counts follow. A
// page changed on disk meanwhile is read again, the choices kept.
func (s *taggingScreen) written(msg tagWrittenMsg) tea.Cmd {
	if msg.seq != s.seq {
		return nil
	}
	s.busy = ""
	if msg.err != nil {
		text := s.writeError("Cannot write", msg.err)
		if errors.Is(msg.err, tagwrite.ErrChanged) {
			text += ": it was read again, your choices kept; see the diff and write again."
			s.showDiff = false
			s.sh.tell(statusMsg{text: text})
			return s.readCmd()
		}
		s.sh.tell(statusMsg{text: text})
		return nil
	}
	s.src, s.undo, s.showDiff = msg.undo.After, &msg.undo, false
	s.rows = slices.DeleteFunc(s.rows, func(r tagRow) bool { return !r.on && r.term == nil && r.fit == nil })
	for i := range s.rows {
		s.rows[i].carried = s.rows[i].on
	}
	s.cur.total = len(s.rows)
	s.cur.moveTo(s.cur.at)
	said := fmt.Sprintf("Wrote %s: %s. %s undoes.", safe.Line(s.path), safe.Line(msg.summary), firstKey(s.sh.keys.TagUndo))
	s.sh.tell(statusMsg{text: said})
	s.sh.tell(reloadMsg{why: said})
	return nil
}

// writeError says why the page could not be written, naming it by its
// path from the site's root rather than the writer's whole path.
func (s *taggingScreen) writeError(what string, err error) string {
	if inner := errors.Unwrap(err); inner != nil {
		err = inner
	}
	return fmt.Sprintf("%s %s: %s", what, safe.Line(s.path), safe.Line(err.Error()))
}

// undoWrite puts the page back as it was before the last write, in a
// command; refused when the page changed since.
func (s *taggingScreen) undoWrite() tea.Cmd {
	if s.undo == nil {
		s.sh.tell(statusMsg{text: "Nothing to undo: no write since this page was opened."})
		return nil
	}
	if s.busy != "" {
		return nil
	}
	_, w := tagwrite.ForGraph(s.tx.Root, s.g)
	u := *s.undo
	u.Path = s.tx.Path(s.path)
	s.seq++
	s.busy = "Undoing…"
	seq := s.seq
	return func() tea.Msg { return tagUndoneMsg{seq: seq, src: u.Before, err: w.Undo(u)} }
}

// undone takes the undo in: the rows are what the page carried before.
func (s *taggingScreen) undone(msg tagUndoneMsg) {
	if msg.seq != s.seq {
		return
	}
	s.busy = ""
	if msg.err != nil {
		s.sh.tell(statusMsg{text: s.writeError("Cannot undo the write of", msg.err)})
		return
	}
	s.undo, s.src, s.showDiff = nil, msg.src, false
	if rows, err := s.rowsFor(msg.src); err == nil {
		for i := range s.rows {
			s.rows[i].on = slices.ContainsFunc(rows, func(r tagRow) bool { return r.id == s.rows[i].id })
			s.rows[i].carried = s.rows[i].on
		}
		s.rows = keepChoices(rows, s.rows)
		s.cur.total = len(s.rows)
		s.cur.moveTo(s.cur.at)
	}
	said := fmt.Sprintf("Put %s back as it was.", safe.Line(s.path))
	s.sh.tell(statusMsg{text: said})
	s.sh.tell(reloadMsg{why: said})
}
