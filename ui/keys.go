package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key the browser knows, one binding per action. The help
// line and the help screen are drawn from it, so what they show is what
// the keys do.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding

	Open        key.Binding // open the selected term, or follow the selected link
	Back        key.Binding // back, after esc has cleared any filter
	HistBack    key.Binding
	HistForward key.Binding
	NextLink    key.Binding // next pane or link
	PrevLink    key.Binding

	TabAll, TabConcepts, TabCategories, TabTags key.Binding

	Filter       key.Binding
	Tags         key.Binding
	Instructions key.Binding
	Copy         key.Binding
	Edit         key.Binding
	Problems     key.Binding
	Help         key.Binding
	Quit         key.Binding
	ForceQuit    key.Binding

	// In the filter and the tag picker, where letters are typed.
	Accept    key.Binding
	Cancel    key.Binding
	Toggle    key.Binding
	InputUp   key.Binding
	InputDown key.Binding
}

// DefaultKeyMap returns the keys PRODUCT.md lists.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b", "ctrl+u"), key.WithHelp("pgup/b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f", "space", "ctrl+d"), key.WithHelp("pgdn/f/space", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),

		Open:        key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter/l/→", "open · follow link")),
		Back:        key.NewBinding(key.WithKeys("esc", "backspace", "h", "left"), key.WithHelp("esc/h/←", "back · clear filter")),
		HistBack:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "history back")),
		HistForward: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "history forward")),
		NextLink:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane · link")),
		PrevLink:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane · link")),

		TabAll:        key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "all terms")),
		TabConcepts:   key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "concepts")),
		TabCategories: key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "categories")),
		TabTags:       key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "tags")),

		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Tags:         key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "filter by tags")),
		Instructions: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "instructions")),
		Copy:         key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy instructions")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit file")),
		Problems:     key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "load problems")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Toggle:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "toggle tag")),
		InputUp:   key.NewBinding(key.WithKeys("up", "ctrl+p", "ctrl+k"), key.WithHelp("↑", "up")),
		InputDown: key.NewBinding(key.WithKeys("down", "ctrl+n", "ctrl+j"), key.WithHelp("↓", "down")),
	}
}

// ShortHelp is the help line for the list, the default pane, in the
// fewest words so that it fits 80 columns.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		withHelp(k.Open, "enter", "open"), withHelp(k.NextLink, "tab", "links"),
		k.Filter, withHelp(k.Tags, "t", "tags"), withHelp(k.Instructions, "i", "instructions"),
		withHelp(k.Help, "?", "keys"), k.Quit,
	}
}

// FullHelp is the help screen, one column per group of keys.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Back, k.HistBack, k.HistForward, k.NextLink, k.PrevLink},
		{k.TabAll, k.TabConcepts, k.TabCategories, k.TabTags, k.Filter, k.Tags},
		{k.Instructions, k.Copy, k.Edit, k.Problems, k.Help, k.Quit},
	}
}

// fullHelpTitles name the columns of FullHelp on the help screen.
func (k KeyMap) fullHelpTitles() []string {
	return []string{"Move", "Open and go back", "List and filters", "Read and act"}
}

// detailHelp is the help line while reading a term.
func (k KeyMap) detailHelp() []key.Binding {
	return []key.Binding{
		withHelp(k.NextLink, "tab", "link"), withHelp(k.Open, "enter", "follow"),
		withHelp(k.Back, "esc", "back"), withHelp(k.Instructions, "i", "instructions"),
		withHelp(k.Copy, "y", "copy"), withHelp(k.Edit, "e", "edit"), withHelp(k.Help, "?", "keys"),
	}
}

// filterHelp is the help line while typing a filter.
func (k KeyMap) filterHelp() []key.Binding {
	open := k.Accept
	open.SetHelp("enter", "open top match")
	return []key.Binding{open, withHelp(k.InputDown, "↑/↓", "move"), withHelp(k.Cancel, "esc", "clear filter")}
}

// pickerHelp is the help line of the tag picker.
func (k KeyMap) pickerHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.Accept, withHelp(k.InputDown, "↑/↓", "move"), withHelp(k.Cancel, "esc", "close")}
}

// closeHelp is the help line of the screens that only close.
func (k KeyMap) closeHelp() []key.Binding {
	return []key.Binding{withHelp(k.Up, "↑/↓/pgup/pgdn", "scroll"), withHelp(k.Cancel, "esc/q", "close")}
}

func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
