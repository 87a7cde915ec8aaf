package ui

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// loadSample reads the embedded sample as the CLI does.
func loadSample() (*model.Taxonomy, error) {
	res := loader.LoadFS(sample.FS, nil, loader.Options{})
	return model.NewTaxonomy(res.Root, res.Terms, res.Problems), nil
}

// driver runs the model as Bubble Tea would, but in the test's goroutine:
// each command is run at once and its message fed back, whatever it is,
// so that a test sees the screen as it is once everything asked for has
// arrived. Only what the program itself acts on (quit, the clipboard, an
// editor, a question to the terminal) is kept in sent instead.
type driver struct {
	t    *testing.T
	m    Model
	sent []tea.Msg
}

func newDriver(t *testing.T, width, height int, env map[string]string) *driver {
	t.Helper()
	return newDriverWith(t, width, height, env, Options{})
}

// newDriverWith is newDriver with options; the sample is loaded unless
// they say otherwise.
func newDriverWith(t *testing.T, width, height int, env map[string]string, opts Options) *driver {
	t.Helper()
	if opts.Load == nil && opts.LoadResult == nil {
		opts.Load, opts.Source = loadSample, "sample"
	}
	opts.Getenv = func(k string) string { return env[k] }
	d := &driver{t: t, m: New(opts)}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	d.run(d.m.Init())
	if strings.Contains(d.screen(), "Loading") {
		t.Fatal("the sample did not load")
	}
	return d
}

// update gives the model a message and returns the command it asks for,
// not run: for a test that plays the asynchronous messages itself.
func (d *driver) update(msg tea.Msg) tea.Cmd {
	d.t.Helper()
	next, cmd := d.m.Update(msg)
	d.m = next.(Model)
	return cmd
}

// send gives the model a message and runs what it asks for.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	d.run(d.update(msg))
}

// post gives the model a message without running the commands it returns,
// for messages whose commands wait on a load that the test plays itself.
func (d *driver) post(msg tea.Msg) {
	d.t.Helper()
	d.update(msg)
}

func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	for _, msg := range messagesOf(cmd) {
		if forProgram(msg) {
			d.sent = append(d.sent, msg)
			continue
		}
		d.send(msg)
	}
}

// forProgram reports whether a message is one Bubble Tea's program acts on
// rather than hands to the model: its own types, such as tea.QuitMsg.
func forProgram(msg tea.Msg) bool {
	return reflect.TypeOf(msg).PkgPath() == reflect.TypeFor[tea.QuitMsg]().PkgPath()
}

// messagesOf runs a command, and the commands it batches, and returns
// their messages.
func messagesOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, messagesOf(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// keys presses keys by name ("enter", "shift+tab", "j") in turn.
func (d *driver) keys(names ...string) *driver {
	d.t.Helper()
	for _, n := range names {
		d.send(press(n))
	}
	return d
}

// typeText types text a letter at a time.
func (d *driver) typeText(s string) *driver {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return d
}

func press(name string) tea.KeyPressMsg {
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "space": tea.KeySpace,
		"end": tea.KeyEnd, "home": tea.KeyHome}
	switch {
	case name == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case name == "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case name == "ctrl+f":
		return tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}
	case named[name] != 0:
		return tea.KeyPressMsg{Code: named[name]}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}

// What the user sees.

// screen is the view as plain text.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

// body is the view with its colours, less the status and help lines: what
// the screen shows of the taxonomy, to compare before and after.
func (d *driver) body() string {
	lines := strings.Split(d.m.View().Content, "\n")
	return strings.Join(lines[:max(len(lines)-2, 0)], "\n")
}

func (d *driver) wantScreen(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			d.t.Fatalf("the screen lacks %q:\n%s", p, s)
		}
	}
}

func (d *driver) wantNotScreen(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			d.t.Fatalf("the screen shows %q:\n%s", p, s)
		}
	}
}

// screenSigns tell the screens apart as a user does: by what the help
// line offers first, or the title, with the default keys.
var screenSigns = map[string]string{
	"list":          "enter open • / filter",
	"term":          "tab link • enter follow",
	"term+find":     "n/N next/prev match • esc end find",
	"filter":        "enter open top match",
	"find":          "enter keep • ",
	"picker":        "tab toggle tag",
	"search":        "enter open • ↑/↓ move • esc close search",
	"hits":          "enter open • s edit search",
	"problems":      "Problems found while loading",
	"help":          "? or esc closes",
	"neighbourhood": "↑/↓ move • enter open • esc/q close",
	"suggest":       "Suggest terms for a piece of content",
	"suggestions":   "Terms for ",
	"compare":       "the marked term, then the one open",
	"pages":         "enter open • / filter • t terms",
	"page":          "tab term • enter follow • i instructions",
}

// isOn reports whether the screen named in screenSigns is in use.
func (d *driver) isOn(name string) bool {
	d.t.Helper()
	sign, ok := screenSigns[name]
	if !ok {
		d.t.Fatalf("no screen is named %q", name)
	}
	return strings.Contains(d.screen(), sign)
}

// wantOn fails the test unless the screen named is in use; what is
// wanted says what the test was doing.
func (d *driver) wantOn(name, what string) {
	d.t.Helper()
	if !d.isOn(name) {
		d.t.Fatalf("%s: want the %s screen, the screen is:\n%s", what, name, d.screen())
	}
}

// What the tests read of the model beyond the screen, in one place, so
// that reshaping the model changes these and not the tests.

// selected is the term under the list's cursor.
func (d *driver) selected() model.ID {
	if t := d.m.list.selected(); t != nil {
		return t.ID
	}
	return ""
}

// shown is the term in the term pane.
func (d *driver) shown() model.ID {
	if t, _ := d.m.term.Selected(); t != nil {
		return t.ID
	}
	return ""
}

// listIDs are the terms the list shows, in order.
func (d *driver) listIDs() []model.ID {
	ids := make([]model.ID, len(d.m.list.items))
	for i, t := range d.m.list.items {
		ids[i] = t.ID
	}
	return ids
}

// hitIDs are the IDs of the search's hits, best first.
func (d *driver) hitIDs() []model.ID {
	ids := make([]model.ID, len(d.m.hits.hits))
	for i, h := range d.m.hits.hits {
		ids[i] = h.Term.ID
	}
	return ids
}

// link is the link selected in the term pane, or "".
func (d *driver) link() model.ID {
	if t := d.m.term.selectedLink(); t != nil {
		return t.ID
	}
	return ""
}

// links are the term pane's links, in order.
func (d *driver) links() []model.ID {
	ids := make([]model.ID, len(d.m.term.links))
	for i, t := range d.m.term.links {
		ids[i] = t.ID
	}
	return ids
}

// termTop is the line of the term pane at its top: how far it is scrolled.
func (d *driver) termTop() int { offset, _ := d.m.term.place(); return offset }

// rendered reports whether the term pane shows its term rendered for the
// pane as it is, not a placeholder or a rendering for another width.
func (d *driver) rendered() bool { return d.m.term.doc != nil && d.m.term.exact }

// style is the Glamour style terms are rendered in.
func (d *driver) style() string { return d.m.sh.styles.Glamour }

// graph is the graph on the screen.
func (d *driver) graph() *model.Graph { return d.m.load.tx.Graph }

// loadErr is the error of a first load that failed, which Run returns.
func loadErr(m Model) error { return m.load.err }
