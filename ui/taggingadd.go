package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"taxo/model"
	"taxo/ui/prefs"
)

// The tagging screen's prompt for a term by name (a): what is typed is
// completed from the site's terms, and the term picked is added, or a new
// one made.

func (s *taggingScreen) handleAdding(k tea.KeyPressMsg, keys prefs.KeyMap) tea.Cmd {
	switch {
	case key.Matches(k, keys.Accept):
		s.add()
	case key.Matches(k, keys.Cancel):
		s.adding = false
		s.input.Blur()
	case key.Matches(k, keys.InputUp):
		s.pick = max(s.pick-1, 0)
	case key.Matches(k, keys.InputDown):
		s.pick = min(s.pick+1, max(len(s.choices)-1, 0))
	case key.Matches(k, keys.Complete):
		if s.pick < len(s.choices) && s.choices[s.pick].term != nil {
			s.input.SetValue(s.choices[s.pick].spelling)
			s.input.CursorEnd()
			s.complete()
		}
	default:
		return s.typeName(k)
	}
	return nil
}

// typeName gives the prompt what is typed or pasted, and completes it.
func (s *taggingScreen) typeName(msg tea.Msg) tea.Cmd {
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() != before {
		s.complete()
	}
	return cmd
}

// complete lists what the name typed may add: the site's terms that fit
// it, best first, then a new term of that name unless the site has it.
func (s *taggingScreen) complete() {
	s.choices, s.pick = nil, 0
	typed := strings.TrimSpace(s.input.Value())
	if typed == "" || s.g == nil {
		return
	}
	if s.text == nil || s.textGen != s.gen {
		s.text, s.textGen = newTermText(s.g.Terms()), s.gen
	}
	kinds := s.g.Kinds()
	best, _ := s.text.match(newMatcher(typed), nil)
	for _, i := range best {
		t := s.text.terms[i]
		if slices.Contains(kinds, t.Kind) {
			s.choices = append(s.choices, tagChoice{kind: t.Kind, term: t, spelling: s.g.Spelling(t)})
		}
		if len(s.choices) == maxTagChoices {
			break
		}
	}
	k, name := s.kindOf(typed)
	if key := s.g.TermKey(); key != nil && key(name) != "" && s.g.KeyedTerm(k, name) == nil {
		s.choices = append(s.choices, tagChoice{kind: k, spelling: name})
	}
}

// kindOf reads a typed name: "series/Go Basics" names a term of series;
// any other is a tag (or of the site's first taxonomy when it has no tags).
func (s *taggingScreen) kindOf(typed string) (model.Kind, string) {
	if plural, rest, ok := strings.Cut(typed, "/"); ok && strings.TrimSpace(rest) != "" {
		for _, k := range s.g.Kinds() {
			if strings.EqualFold(strings.TrimSpace(plural), k.Taxonomy()) {
				return k, strings.TrimSpace(rest)
			}
		}
	}
	kinds := s.g.Kinds()
	if slices.Contains(kinds, model.Tag) || len(kinds) == 0 {
		return model.Tag, typed
	}
	return kinds[0], typed
}

// add adds the choice picked: the row of a term listed already is turned
// on, else a row is made for it, and the cursor goes there.
func (s *taggingScreen) add() {
	if s.pick >= len(s.choices) {
		return
	}
	c := s.choices[s.pick]
	s.adding = false
	s.input.Blur()
	id := model.MakeID(c.kind, s.g.TermKey()(c.spelling))
	if c.term != nil {
		id = c.term.ID
	}
	i := slices.IndexFunc(s.rows, func(r tagRow) bool { return r.id == id })
	if i < 0 {
		s.rows = insertRow(s.rows, tagRow{kind: c.kind, id: id, term: c.term, spelling: c.spelling})
		i = slices.IndexFunc(s.rows, func(r tagRow) bool { return r.id == id })
	}
	s.rows[i].on = true
	s.cur.total = len(s.rows)
	s.cur.moveTo(i)
}
