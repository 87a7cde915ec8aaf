package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"taxo/model"
	"taxo/ui/prefs"
)

// browseKey does what the keys every pane reads do (the list, the hits and
// the term): open another screen, switch tabs, go back and forward, act on
// the term shown. It says so by telling the screen or the root that does
// it. It reports false for a key that is none of these, which the pane
// reads itself.
func browseKey(sh *shared, keys prefs.KeyMap, k tea.KeyPressMsg, shown *model.Term) (tea.Cmd, bool) {
	if cmd, ok := listKey(sh, keys, k); ok {
		return cmd, true
	}
	if cmd, ok := appKey(sh, keys, k); ok {
		return cmd, true
	}
	return termKey(sh, keys, k, shown)
}

// appKey is what the keys that open another screen or move in history do,
// from any pane.
func appKey(sh *shared, keys prefs.KeyMap, k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, keys.Quit):
		sh.tell(quitMsg{}) // the root asks first when a page's changes are not written
	case key.Matches(k, keys.Help):
		sh.tell(openMsg{to: modeHelp})
	case key.Matches(k, keys.Problems):
		sh.tell(problemsMsg{})
	case key.Matches(k, keys.HistBack):
		sh.tell(historyMsg{dir: -1})
	case key.Matches(k, keys.HistForward):
		sh.tell(historyMsg{dir: 1})
	case key.Matches(k, keys.Search):
		sh.tell(searchMsg{})
	case key.Matches(k, keys.Suggest):
		sh.tell(suggestMsg{})
	case key.Matches(k, keys.Language):
		sh.tell(languageMsg{})
	default:
		return nil, false
	}
	return nil, true
}

// listKey is what the keys that work on the list do from any pane: the
// list takes its pane back from the search first.
func listKey(sh *shared, keys prefs.KeyMap, k tea.KeyPressMsg) (tea.Cmd, bool) {
	var msg tea.Msg
	switch {
	case key.Matches(k, keys.Filter):
		msg = filterMsg{}
	case key.Matches(k, keys.Tags):
		msg = pickTagsMsg{}
	case key.Matches(k, keys.Order):
		msg = orderMsg{}
	default:
		for tab, b := range tabKeys(keys) {
			if key.Matches(k, b) {
				sh.tell(tabMsg{tab: tab}) // the list says which pane shows it
				return nil, true
			}
		}
		return nil, false
	}
	sh.tell(leftMsg{to: modeList})
	sh.tell(msg)
	return nil, true
}

// termKey is what the keys that act on the term shown do from any pane.
func termKey(sh *shared, keys prefs.KeyMap, k tea.KeyPressMsg, shown *model.Term) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, keys.Instructions):
		sh.tell(instructionsMsg{})
	case key.Matches(k, keys.Copy):
		sh.tell(copyMsg{})
	case key.Matches(k, keys.Edit):
		sh.tell(editMsg{term: shown})
	case key.Matches(k, keys.Neighbourhood):
		sh.tell(neighbourhoodMsg{term: shown})
	case key.Matches(k, keys.Find):
		sh.tell(findMsg{})
	case key.Matches(k, keys.Mark):
		sh.tell(markMsg{term: shown})
	case key.Matches(k, keys.Compare):
		sh.tell(compareMsg{term: shown})
	case key.Matches(k, keys.NextLink):
		sh.tell(cycleMsg{dir: 1})
	case key.Matches(k, keys.PrevLink):
		sh.tell(cycleMsg{dir: -1})
	case key.Matches(k, keys.TagPage):
		sh.tell(tagPageMsg{}) // no page here: the tagging screen says where one is
	default:
		return nil, false
	}
	return nil, true
}

// tabKeys are the keys of the list's tabs, in the tabs' order: All, then
// one per kind, then a site's pages.
func tabKeys(k prefs.KeyMap) []key.Binding {
	return append([]key.Binding{k.TabAll}, k.Tabs[:]...)
}

// tabsHelp is the numbered tabs' keys as one entry of help: "1…9" as
// bound by default, else every tab's keys.
func tabsHelp(k prefs.KeyMap) key.Binding {
	b := k.Tabs[0]
	names := make([]string, len(k.Tabs))
	numbered := true
	for i, t := range k.Tabs {
		names[i] = allKeys(t)
		numbered = numbered && names[i] == strconv.Itoa(i+1)
	}
	help := strings.Join(names, " ")
	if numbered {
		help = names[0] + "…" + names[len(names)-1]
	}
	b.SetHelp(help, "the tabs in order")
	return b
}

// fullHelp is the help screen, one column per group of keys, every
// binding with every key it has (the help line shows one key each). The
// key that opens the screen is in its title, with the one that closes it.
func fullHelp(k prefs.KeyMap) [][]key.Binding {
	every := func(bs ...key.Binding) []key.Binding {
		for i, b := range bs {
			bs[i].SetHelp(allKeys(b), b.Help().Desc)
		}
		return bs
	}
	return [][]key.Binding{
		every(k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom),
		every(k.Open, k.Back, k.HistBack, k.HistForward, k.NextLink, k.PrevLink),
		append(every(k.TabAll), append([]key.Binding{tabsHelp(k)}, every(k.Filter, k.Tags, k.Order, k.Language)...)...),
		every(k.Instructions, k.Copy, k.Edit, k.Neighbourhood, k.Problems, k.Quit, k.ForceQuit),
		append(every(k.Search, k.Suggest, k.Find), append([]key.Binding{pairAll(k.FindNext, k.FindPrev, "next/previous match")}, every(k.Mark, k.Compare)...)...),
		every(k.Accept, k.Cancel, k.InputUp, k.InputDown, k.Toggle, k.Complete),
		every(k.TagPage, k.TagToggle, k.TagAdd, k.TagRead, k.TagDiff, k.TagWrite, k.TagUndo),
	}
}

// fullHelpTitles name the columns of fullHelp on the help screen.
func fullHelpTitles() []string {
	return []string{"Move", "Open and go back", "List and filters", "Read and act", "Search and compare", "While typing", "Tagging a page"}
}

// allKeys writes every key of a binding as help shows keys: "pgup/b/ctrl+u",
// or "a, /" when a key is the slash, which "a//" hides.
func allKeys(b key.Binding) string {
	labels := make([]string, len(b.Keys()))
	for i, k := range b.Keys() {
		labels[i] = prefs.Label(k)
	}
	if len(labels) > 1 && slices.Contains(labels, "/") {
		return strings.Join(labels, ", ")
	}
	return strings.Join(labels, "/")
}

// pairAll is two bindings shown as one entry of the help screen, with
// every key of each.
func pairAll(a, b key.Binding, desc string) key.Binding {
	a.SetHelp(allKeys(a)+"/"+allKeys(b), desc)
	a.SetEnabled(a.Enabled() || b.Enabled())
	return a
}

// closeHelp is the help line of the screens that only scroll and close.
func closeHelp(k prefs.KeyMap) []key.Binding {
	scroll := brief(k.Up, "scroll")
	scroll.SetHelp(strings.Join([]string{firstKey(k.Up), firstKey(k.Down), firstKey(k.PageUp), firstKey(k.PageDown)}, "/"), "scroll")
	return []key.Binding{scroll, pair(k.Cancel, k.Quit, "close")}
}

// fitHelp is the bindings of a help line that fit width columns, as
// help.Model.ShortHelpView draws them: a screen lists its keys most used
// first, and those that do not fit give way from the end, except the key
// to every key (?), which stays, last.
func fitHelp(h help.Model, keys prefs.KeyMap, bindings []key.Binding, width int) []key.Binding {
	var rest, pinned []key.Binding
	for _, b := range bindings {
		switch {
		case !b.Enabled():
		case len(b.Keys()) > 0 && slices.Equal(b.Keys(), keys.Help.Keys()):
			pinned = append(pinned, b)
		default:
			rest = append(rest, b)
		}
	}
	sep := lipgloss.Width(h.ShortSeparator)
	item := func(b key.Binding) int { return lipgloss.Width(b.Help().Key) + 1 + lipgloss.Width(b.Help().Desc) }
	used := 0
	for i, b := range pinned {
		if i > 0 {
			used += sep
		}
		used += item(b)
	}
	var out []key.Binding
	for _, b := range rest {
		w := item(b)
		if len(out) > 0 || len(pinned) > 0 {
			w += sep
		}
		if used+w > width {
			break
		}
		used += w
		out = append(out, b)
	}
	return append(out, pinned...)
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
