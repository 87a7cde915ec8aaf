package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"taxo/ui/prefs"
)

// listHelp is the help line for the list, the default pane, in the
// fewest words so that it fits 80 columns; what follows quit shows in wider
// windows. The links (tab) are on the help line of the term.
func listHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{
		brief(k.Open, "open"), brief(k.Filter, "filter"), brief(k.Search, "search"),
		brief(k.Tags, "tags"), brief(k.Instructions, "instructions"),
		brief(k.Help, "keys"), brief(k.Quit, "quit"),
		brief(k.Suggest, "suggest"), brief(k.NextLink, "links"),
	}
}

// fullHelp is the help screen, one column per group of keys. The key that
// opens it is in its title, with the one that closes it.
func fullHelp(k prefs.KeyMap) [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Back, k.HistBack, k.HistForward, k.NextLink, k.PrevLink},
		{k.TabAll, k.TabConcepts, k.TabCategories, k.TabTags, k.Filter, k.Tags},
		{k.Instructions, k.Copy, k.Edit, k.Neighbourhood, k.Problems, k.Quit},
		{k.Search, k.Suggest, k.Find, pair(k.FindNext, k.FindPrev, "next/prev match"), k.Mark, k.Compare},
	}
}

// fullHelpTitles name the columns of fullHelp on the help screen.
func fullHelpTitles() []string {
	return []string{"Move", "Open and go back", "List and filters", "Read and act", "Search and compare"}
}

// detailHelp is the help line while reading a term; what follows keys
// shows in wider windows.
func detailHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{
		brief(k.NextLink, "link"), brief(k.Open, "follow"),
		brief(k.Back, "back"), brief(k.Instructions, "instructions"),
		brief(k.Find, "find"), brief(k.Help, "keys"),
		brief(k.Copy, "copy"), brief(k.Edit, "edit"), brief(k.Mark, "mark"), brief(k.Compare, "compare"),
	}
}

// filterHelp is the help line while typing a filter.
func filterHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{brief(k.Accept, "open top match"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "clear filter")}
}

// pickerHelp is the help line of the tag picker.
func pickerHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{brief(k.Toggle, "toggle tag"), brief(k.Accept, "apply"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "close")}
}

// closeHelp is the help line of the screens that only close.
func closeHelp(k prefs.KeyMap) []key.Binding {
	scroll := brief(k.Up, "scroll")
	scroll.SetHelp(strings.Join([]string{firstKey(k.Up), firstKey(k.Down), firstKey(k.PageUp), firstKey(k.PageDown)}, "/"), "scroll")
	return []key.Binding{scroll, pair(k.Cancel, k.Quit, "close")}
}

// brief is a binding as the help line shows it: its first key and a word
// or two. The key is read from the binding, so a rebound key shows as bound.
func brief(b key.Binding, desc string) key.Binding {
	b.SetHelp(firstKey(b), desc)
	return b
}

// pair is two bindings shown as one entry of the help line, "↑/↓ move".
func pair(a, b key.Binding, desc string) key.Binding {
	a.SetHelp(firstKey(a)+"/"+firstKey(b), desc)
	a.SetEnabled(a.Enabled() || b.Enabled())
	return a
}

func firstKey(b key.Binding) string {
	if keys := b.Keys(); len(keys) > 0 {
		return prefs.Label(keys[0])
	}
	return ""
}

// neighboursHelp is the help line of the neighbourhood screen.
func neighboursHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{pair(k.Up, k.Down, "move"), brief(k.Open, "open"), pair(k.Cancel, k.Quit, "close")}
}

// searchHelp is the help line while typing a search.
func searchHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{brief(k.Accept, "open"), pair(k.InputUp, k.InputDown, "move"), brief(k.Cancel, "close search")}
}

// searchHitsHelp is the help line on the hits of a search.
func searchHitsHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{
		brief(k.Open, "open"), brief(k.Search, "edit search"), brief(k.Cancel, "close search"),
		brief(k.Instructions, "instructions"), brief(k.Help, "keys"), brief(k.Quit, "quit"),
	}
}

// findTypingHelp is the help line while typing text to find.
func findTypingHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{brief(k.Accept, "keep"), pair(k.InputDown, k.InputUp, "next/prev"), brief(k.Cancel, "cancel")}
}

// findHelp is the help line of a term while a find is on.
func findHelp(k prefs.KeyMap) []key.Binding {
	return append([]key.Binding{pair(k.FindNext, k.FindPrev, "next/prev match"), brief(k.Cancel, "end find")}, detailHelp(k)...)
}

// suggestPromptHelp is the help line while typing the file to suggest for.
func suggestPromptHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{brief(k.Complete, "complete"), brief(k.Accept, "suggest"), brief(k.Cancel, "close")}
}

// suggestionsHelp is the help line of the suggestions.
func suggestionsHelp(k prefs.KeyMap) []key.Binding {
	return []key.Binding{
		pair(k.Up, k.Down, "move"), brief(k.Open, "open"), brief(k.Mark, "mark"),
		brief(k.Compare, "compare"), brief(k.Suggest, "another file"), pair(k.Cancel, k.Quit, "close"),
	}
}

// moved is where a position in a scrolling screen (the first line shown,
// or the cursor) goes for msg: a line for up and down, page places for
// the page keys, wheel places a turn of the mouse wheel, the top, or last
// for the bottom. The caller keeps it in range.
func moved(km prefs.KeyMap, msg tea.Msg, at, page, wheel, last int) int {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			return at - wheel
		case tea.MouseWheelDown:
			return at + wheel
		default: // the wheel tilted sideways
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, km.Up):
			return at - 1
		case key.Matches(msg, km.Down):
			return at + 1
		case key.Matches(msg, km.PageUp):
			return at - page
		case key.Matches(msg, km.PageDown):
			return at + page
		case key.Matches(msg, km.Top):
			return 0
		case key.Matches(msg, km.Bottom):
			return last
		}
	}
	return at
}
