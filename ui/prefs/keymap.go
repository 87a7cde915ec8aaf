// Package prefs holds what a user sets about the browser in the config
// file: the key map, how keys are written, and the theme. The config and
// taxo show read it without the browser.
package prefs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

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

	// TabAll shows every term; Tabs are the list's other tabs in their
	// order: a taxonomy's each (concepts, categories and tags first), then
	// a site's pages.
	TabAll key.Binding
	Tabs   [9]key.Binding

	Filter        key.Binding
	Tags          key.Binding
	Instructions  key.Binding
	Copy          key.Binding
	Edit          key.Binding
	Problems      key.Binding
	Neighbourhood key.Binding // the term's neighbourhood as a tree
	Search        key.Binding // full-text search, whose results replace the list
	Suggest       key.Binding // the terms that fit the content of a file
	Find          key.Binding // find text in the term shown
	FindNext      key.Binding // the next match of the find
	FindPrev      key.Binding
	Mark          key.Binding // mark a term to compare another with
	Compare       key.Binding // the marked term's Instructions beside this one's
	Language      key.Binding // a Hugo site's next language
	Order         key.Binding // the list's next order: weight, title, most used
	TagPage       key.Binding // tag the page shown or selected: the tagging screen
	Help          key.Binding
	Quit          key.Binding
	ForceQuit     key.Binding

	// In the filter and the tag picker, where letters are typed.
	Accept    key.Binding
	Cancel    key.Binding
	Toggle    key.Binding // in the tag picker
	Complete  key.Binding // in the suggest prompt: complete the file's path
	InputUp   key.Binding
	InputDown key.Binding

	// On the tagging screen, whose keys take some of the others' (space,
	// enter): it reads only the shared actions TaggingScreen lists.
	TagToggle key.Binding // carry the term under the cursor, or not
	TagAdd    key.Binding // type a term to add
	TagDiff   key.Binding // the diff of the front matter
	TagWrite  key.Binding // write the page
	TagUndo   key.Binding // put the page back as it was before the last write
	TagRead   key.Binding // go into the term under the cursor, to read it
}

// TaggingScreen names the tagging screen in Action.Screen.
const TaggingScreen = "tagging"

// DefaultKeyMap returns the keys the README's table of the browser lists.
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

		TabAll: key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "all terms")),
		Tabs:   numberedTabs(),

		Filter:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Tags:          key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "filter by tags")),
		Instructions:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "instructions")),
		Copy:          key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy instructions")),
		Edit:          key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit file")),
		Problems:      key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "load problems")),
		Neighbourhood: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "neighbourhood")),
		Search:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "search")),
		Suggest:       key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "suggest terms")),
		Find:          key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "find in term")),
		FindNext:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		FindPrev:      key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Mark:          key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark term")),
		Compare:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare")),
		Language:      key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "next language")),
		Order:         key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "order")),
		TagPage:       key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "tag this page")),
		Help:          key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:          key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, even while typing")),

		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept what is typed")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel, close")),
		Toggle:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "toggle a tag (t)")),
		Complete:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete a path (S)")),
		InputUp:   key.NewBinding(key.WithKeys("up", "ctrl+p", "ctrl+k"), key.WithHelp("↑", "previous")),
		InputDown: key.NewBinding(key.WithKeys("down", "ctrl+n", "ctrl+j"), key.WithHelp("↓", "next")),

		TagToggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle term")),
		TagAdd:    key.NewBinding(key.WithKeys("a", "/"), key.WithHelp("a", "add a term")),
		TagDiff:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "diff")),
		TagWrite:  key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write")),
		TagUndo:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo the write")),
		TagRead:   key.NewBinding(key.WithKeys("i", "l", "right"), key.WithHelp("i", "read the term")),
	}
}

// numberedTabs binds 1 to 9 to the tabs after All, in order.
func numberedTabs() [9]key.Binding {
	var tabs [9]key.Binding
	for i := range tabs {
		n := strconv.Itoa(i + 1)
		tabs[i] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, "tab "+n))
	}
	return tabs
}

// Label is how help shows a key: arrows as arrows, pgdown as pgdn.
func Label(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	case "pgdown":
		return "pgdn"
	}
	return k
}

// Action is one thing a key can do, by the name the config file gives it.
type Action struct {
	Name    string
	Binding *key.Binding
	// Typing is true for the actions read while text is typed (the filter,
	// the tag picker, the search and find prompts), which may share keys
	// with the others.
	Typing bool
	// Screen, when set, is the one screen that reads the action: two
	// actions of different screens may share a key.
	Screen string
}

// Actions lists every action of the KeyMap with its name, in the order of
// the help screen. The names are kebab-case: "page-down", "history-back".
func (k *KeyMap) Actions() []Action {
	return []Action{
		{Name: "up", Binding: &k.Up},
		{Name: "down", Binding: &k.Down},
		{Name: "page-up", Binding: &k.PageUp},
		{Name: "page-down", Binding: &k.PageDown},
		{Name: "top", Binding: &k.Top},
		{Name: "bottom", Binding: &k.Bottom},
		{Name: "open", Binding: &k.Open},
		{Name: "back", Binding: &k.Back},
		{Name: "history-back", Binding: &k.HistBack},
		{Name: "history-forward", Binding: &k.HistForward},
		{Name: "next-link", Binding: &k.NextLink},
		{Name: "previous-link", Binding: &k.PrevLink},
		{Name: "tab-all", Binding: &k.TabAll},
		{Name: "tab-1", Binding: &k.Tabs[0]},
		{Name: "tab-2", Binding: &k.Tabs[1]},
		{Name: "tab-3", Binding: &k.Tabs[2]},
		{Name: "tab-4", Binding: &k.Tabs[3]},
		{Name: "tab-5", Binding: &k.Tabs[4]},
		{Name: "tab-6", Binding: &k.Tabs[5]},
		{Name: "tab-7", Binding: &k.Tabs[6]},
		{Name: "tab-8", Binding: &k.Tabs[7]},
		{Name: "tab-9", Binding: &k.Tabs[8]},
		{Name: "filter", Binding: &k.Filter},
		{Name: "tags", Binding: &k.Tags},
		{Name: "order", Binding: &k.Order},
		{Name: "tag-page", Binding: &k.TagPage},
		{Name: "instructions", Binding: &k.Instructions},
		{Name: "copy", Binding: &k.Copy},
		{Name: "edit", Binding: &k.Edit},
		{Name: "neighbourhood", Binding: &k.Neighbourhood},
		{Name: "search", Binding: &k.Search},
		{Name: "suggest", Binding: &k.Suggest},
		{Name: "find", Binding: &k.Find},
		{Name: "find-next", Binding: &k.FindNext},
		{Name: "find-previous", Binding: &k.FindPrev},
		{Name: "mark", Binding: &k.Mark},
		{Name: "compare", Binding: &k.Compare},
		{Name: "language", Binding: &k.Language},
		{Name: "problems", Binding: &k.Problems},
		{Name: "help", Binding: &k.Help},
		{Name: "quit", Binding: &k.Quit},
		{Name: "force-quit", Binding: &k.ForceQuit},
		{Name: "accept", Binding: &k.Accept, Typing: true},
		{Name: "cancel", Binding: &k.Cancel, Typing: true},
		{Name: "toggle", Binding: &k.Toggle, Typing: true, Screen: "tag picker"},
		{Name: "complete", Binding: &k.Complete, Typing: true, Screen: "suggest"},
		{Name: "input-up", Binding: &k.InputUp, Typing: true},
		{Name: "input-down", Binding: &k.InputDown, Typing: true},
		{Name: "tag-toggle", Binding: &k.TagToggle, Screen: TaggingScreen},
		{Name: "tag-add", Binding: &k.TagAdd, Screen: TaggingScreen},
		{Name: "tag-diff", Binding: &k.TagDiff, Screen: TaggingScreen},
		{Name: "tag-write", Binding: &k.TagWrite, Screen: TaggingScreen},
		{Name: "tag-undo", Binding: &k.TagUndo, Screen: TaggingScreen},
		{Name: "tag-read", Binding: &k.TagRead, Screen: TaggingScreen},
	}
}

// screenReads lists the shared actions (those of no one screen) that a
// screen of its own keys reads; nil for a screen that reads them all. Its
// own actions may share keys with the others: space toggles a term on the
// tagging screen and pages down elsewhere.
func screenReads(screen string) []string {
	if screen == TaggingScreen {
		return []string{"up", "down", "top", "bottom", "next-link", "previous-link", "back", "help", "quit", "force-quit"}
	}
	return nil
}

// readTogether reports whether a screen's own action and a shared one are
// read at the same time: always, unless the screen lists those it reads.
func readTogether(own, shared Action) bool {
	reads := screenReads(own.Screen)
	return reads == nil || slices.Contains(reads, shared.Name)
}

// Rebind gives an action new keys in place of its own; no keys unbinds it.
// Keys are written as Bubble Tea names them: "q", "G", "ctrl+f", "pgdown",
// "shift+tab", "space".
func (k *KeyMap) Rebind(action string, keys []string) error {
	action = ActionName(action)
	i := slices.IndexFunc(k.Actions(), func(a Action) bool { return a.Name == action })
	if i < 0 {
		return fmt.Errorf("unknown action %q", action)
	}
	b := k.Actions()[i].Binding
	canon := make([]string, 0, len(keys))
	for _, s := range keys {
		c, err := ParseKey(s)
		if err != nil {
			return err
		}
		if !slices.Contains(canon, c) {
			canon = append(canon, c)
		}
	}
	b.SetEnabled(len(canon) > 0)
	if slices.Equal(canon, b.Keys()) {
		return nil // the help may leave out a key on purpose (ctrl+d for page down)
	}
	labels := make([]string, len(canon))
	for i, c := range canon {
		labels[i] = Label(c)
	}
	b.SetKeys(canon...)
	b.SetHelp(strings.Join(labels, "/"), b.Help().Desc)
	return nil
}

// actionAliases are the names the tabs had when there were three kinds,
// which are the first three tabs of a folder of term files.
var actionAliases = map[string]string{"tab-concepts": "tab-1", "tab-categories": "tab-2", "tab-tags": "tab-3"}

// ActionName is the name of the action a config file names: itself, or
// the action an older name stands for (tab-tags is tab-3).
func ActionName(name string) string {
	if a, ok := actionAliases[name]; ok {
		return a
	}
	return name
}

// Conflict finds a key bound to two actions that are read at the same
// time, and names them; ok is false when there is none.
func (k *KeyMap) Conflict() (keyName, first, second string, ok bool) {
	actions := k.Actions()
	for i, a := range actions {
		for _, b := range actions[i+1:] {
			// force-quit is read everywhere, so it counts among the typing
			// actions too.
			together := a.Typing == b.Typing || a.Name == "force-quit" || b.Name == "force-quit"
			switch {
			case a.Screen != "" && b.Screen == "":
				together = together && readTogether(a, b)
			case b.Screen != "" && a.Screen == "":
				together = together && readTogether(b, a)
			}
			if !together || a.Screen != "" && b.Screen != "" && a.Screen != b.Screen {
				continue
			}
			for _, ka := range a.Binding.Keys() {
				if slices.Contains(b.Binding.Keys(), ka) {
					return ka, a.Name, b.Name, true
				}
			}
		}
	}
	return "", "", "", false
}

// namedKeys are the keys with names, as Bubble Tea writes them.
var namedKeys = []string{
	"enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
	"begin", "find", "insert", "delete", "select", "pgup", "pgdown", "home", "end",
}

// keyAliases are names people write for keys that Bubble Tea names otherwise.
var keyAliases = map[string]string{
	"pgdn": "pgdown", "pagedown": "pgdown", "pageup": "pgup", "escape": "esc", "return": "enter",
	"del": "delete", "ins": "insert", "bs": "backspace", "arrowup": "up", "arrowdown": "down",
	"arrowleft": "left", "arrowright": "right", " ": "space",
}

// modifiers in the order Bubble Tea writes them, which key.Matches needs.
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// ParseKey checks a key as the config file writes it and returns it as Bubble
// Tea writes it, which is what key.Matches compares: modifiers in Bubble
// Tea's order ("alt+ctrl+x" is "ctrl+alt+x"), and a letter with ctrl or alt
// and shift as "ctrl+shift+x".
func ParseKey(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("an empty key")
	}
	if s == "+" || s == " " {
		return map[string]string{"+": "+", " ": "space"}[s], nil
	}
	var modNames []string
	base := s
	if strings.HasSuffix(s, "++") { // "ctrl++"
		modNames, base = strings.Split(s[:len(s)-2], "+"), "+"
	} else if i := strings.LastIndex(s, "+"); i > 0 {
		modNames, base = strings.Split(s[:i], "+"), s[i+1:]
	}
	mods := make(map[string]bool)
	for _, m := range modNames {
		m = strings.ToLower(m)
		if !slices.Contains(modifiers, m) {
			return "", fmt.Errorf("key %q: unknown modifier %q (want ctrl, alt, shift, meta, hyper or super)", s, m)
		}
		mods[m] = true
	}
	if r, size := utf8.DecodeRuneInString(base); size == len(base) && r != utf8.RuneError {
		if !unicode.IsPrint(r) || r == ' ' {
			return "", fmt.Errorf("key %q: write space as \"space\"", s)
		}
		switch {
		case len(mods) == 0:
			return base, nil
		case mods["shift"] && !mods["ctrl"] && !mods["alt"] && !mods["meta"] && !mods["hyper"] && !mods["super"]:
			return "", fmt.Errorf("key %q: write a shifted key as the character it types, such as %q", s, string(unicode.ToUpper(r)))
		case unicode.IsUpper(r):
			mods["shift"] = true
			base = string(unicode.ToLower(r))
		}
	} else {
		lower := strings.ToLower(base)
		if alias, ok := keyAliases[lower]; ok {
			lower = alias
		}
		if !slices.Contains(namedKeys, lower) && !isFunctionKey(lower) {
			return "", fmt.Errorf("unknown key %q: want a character, or one of %s, f1–f63, with ctrl+, alt+ or shift+ before it", s, strings.Join(namedKeys, ", "))
		}
		base = lower
	}
	var b strings.Builder
	for _, m := range modifiers {
		if mods[m] {
			b.WriteString(m + "+")
		}
	}
	return b.String() + base, nil
}

func isFunctionKey(s string) bool {
	var n int
	if _, err := fmt.Sscanf(s, "f%d", &n); err != nil || fmt.Sprintf("f%d", n) != s {
		return false
	}
	return n >= 1 && n <= 63
}
