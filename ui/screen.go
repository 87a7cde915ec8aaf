package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/model"
	"taxo/ui/prefs"
)

// The screen contract. Each screen is a type in a file of its own that
// owns its state, its keys and its messages, with
//
//	func (s fooScreen) Update(msg tea.Msg) (fooScreen, tea.Cmd)
//	func (s fooScreen) View() string
//	func (s fooScreen) Help() []key.Binding
//
// and, when it has them, a line of its own for the status line (Status)
// and the term under its cursor (Selected). The root hands it its
// messages through one dispatch (Model.room) and never writes its fields;
// the screen tells the root what happened with messages (sh.tell): open
// this term, close me, follow this link.

// mode names the screen in use: the one that gets the keys.
type mode int

const (
	modeList          mode = iota // the list of terms, its filters and tabs
	modeHits                      // the search's prompt and hits, in the list's pane
	modeTerm                      // the term shown, its links
	modePages                     // a site's pages, the Pages tab, in the list's pane
	modePage                      // the page shown, its terms, its body
	modeFind                      // typing text to find in the term
	modePicker                    // picking tags to filter by
	modeSuggest                   // the file to suggest terms for, then the suggestions
	modeCompare                   // two terms' Instructions side by side
	modeNeighbourhood             // the terms around one, as a tree
	modeProblems                  // the problems the load found
	modeHelp                      // every key
	modeTagging                   // a page's terms, to change and write
	modeProgress                  // the first load, before any term is read; last, so that it hears of the taxonomy last
)

// numModes is how many modes there are.
const numModes = int(modeProgress) + 1

// place is where a screen is drawn.
type place int

const (
	placeLeft   place = iota // the list's pane, beside or above the term
	placeRight               // the term's pane, beside or under the list's
	placeStatus              // the status line, over the panes, the term's keeping the focus
	placeBox                 // a box in the middle of the body
	placeBody                // the whole body, under the header
	placeFull                // the whole window
)

// screen is what the root asks of the screen in use, whatever its type.
type screen interface {
	update(tea.Msg) tea.Cmd
	view() string
	help() []key.Binding
	status() (left, right string)
	selected() (t *model.Term, beside []*model.Term)
}

// screenType is the contract a screen's type keeps.
type screenType[T any] interface {
	Update(tea.Msg) (T, tea.Cmd)
	View() string
	Help() []key.Binding
	Status() (left, right string)
	Selected() (t *model.Term, beside []*model.Term)
}

// room is a screen of the model, held by a pointer to its field.
type room[T screenType[T]] struct{ s *T }

func (r room[T]) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*r.s, cmd = (*r.s).Update(msg)
	return cmd
}

func (r room[T]) view() string                           { return (*r.s).View() }
func (r room[T]) help() []key.Binding                    { return (*r.s).Help() }
func (r room[T]) status() (left, right string)           { return (*r.s).Status() }
func (r room[T]) selected() (*model.Term, []*model.Term) { return (*r.s).Selected() }

// at is a screen of the model and the place it is drawn at, as the
// dispatch gives them.
func at[T screenType[T]](s *T, where place) (screen, place) { return room[T]{s: s}, where }

// basic gives a screen what most screens have nothing of: no status of its
// own and no term under a cursor. Screens embed it.
type basic struct{}

// Status is nothing: the status line shows where the user is.
func (basic) Status() (left, right string) { return "", "" }

// Selected is nothing: the screen has no term under a cursor.
func (basic) Selected() (*model.Term, []*model.Term) { return nil, nil }

// shared is what every screen needs to draw itself and read keys, and the
// one way back to the root.
type shared struct {
	styles  Styles
	keys    prefs.KeyMap
	keyMaps [4]prefs.KeyMap // keys with the typing ones or the others off, for keysWhile
	help    help.Model
	wrap    int // the most columns a term is wrapped at; 0 for the pane's width
	// reading is set while the first load runs: a term without a file
	// may only not have been read yet.
	reading bool
	// width and height are the window's.
	width, height int
	// source names the taxonomy in the header: its path, or "sample".
	source string

	told []tea.Msg
}

// tell says something to the root: how a screen reports what happened.
// The root reads what was told as soon as the screen's Update returns,
// before any other message. A command's message would come after the keys
// already typed, which then would reach the wrong screen: keys are typed
// faster than that, pasted, or kept from before the first frame.
func (sh *shared) tell(msg tea.Msg) { sh.told = append(sh.told, msg) }

// noFile marks a term referred to that has no file.
func (sh *shared) noFile() string {
	if sh.reading {
		return " (not read yet)"
	}
	return " (no file)"
}

// Messages every screen may get from the root.

// sizeMsg gives a screen the room it is drawn in. The root sends it to
// every screen after every message, so that each keeps its state for
// where it is.
type sizeMsg struct {
	width, height int
	// focused says the screen has the keys, or, for the term, that its
	// pane has the focus under a screen opened over the panes.
	focused bool
	// shown says the screen is on the window: in use, or, for the list
	// and the hits, the one in the list's pane.
	shown bool
}

// taxonomyMsg brings the taxonomy to show, whole or as read so far: each
// screen keeps what it shows where the taxonomy still has it.
type taxonomyMsg struct {
	tx  *model.Taxonomy
	gen int // bumped by every taxonomy shown, to drop work done for an older one
	// site is the rest of a Hugo site: its languages, what it publishes,
	// its files; nil when the taxonomy is no site, or is partial.
	site *siteView
	// partial says the first load is still running: tx is the terms
	// read so far, without their problems.
	partial bool
	// top keeps the list at its top: the first load runs and the user has
	// not moved yet.
	top bool
	// learned is the taxonomy's learned suggester, built when first asked
	// for: S and the tagging screen share it.
	learned *learnedModel
	// store is where the whole taxonomy's search index is kept between
	// starts (the index cache); nil when the load used none.
	store model.Store
}

// stylesMsg says the styles changed: the terminal told its background.
type stylesMsg struct{}

// Messages screens tell the root.

// openMsg makes a screen the one in use. A screen opened over the panes
// (a box or the body) goes back, when it closes, to the screen it was
// opened from.
type openMsg struct{ to mode }

// closeMsg closes the screen it comes from, if it is in use.
type closeMsg struct{ from mode }

// statusMsg is said on the status line until the next key.
type statusMsg struct{ text string }

// followMsg goes to a term as a link followed: a step in history.
type followMsg struct{ term *model.Term }

// visitMsg goes into a term from a screen over the panes (the tagging
// screen, the suggestions) as a link followed; going back from the term
// comes back to that screen as it was.
type visitMsg struct{ term *model.Term }

// reloadMsg loads the taxonomy again, as after the editor: a screen wrote
// a file. why is said once the reload is in.
type reloadMsg struct{ why string }

// historyMsg goes back (-1) or forward (1) in history.
type historyMsg struct{ dir int }

// backMsg is back from the term: to the hits, or back in history, or to
// the list when there is no more history.
type backMsg struct{}

// focusLeftMsg gives the keys to the screen in the list's pane.
type focusLeftMsg struct{}

// leftMsg puts a screen in the list's pane (the list, or the search's
// hits), without giving it the keys. The one it replaces gets a hideMsg.
type leftMsg struct{ to mode }

// rightMsg puts a screen in the term's pane without giving it the keys.
// The one it replaces gets a hideMsg.
type rightMsg struct{ to mode }

// hideMsg tells the screen in a pane that another replaces it.
type hideMsg struct{}

// editMsg opens a term's file in the user's editor.
type editMsg struct{ term *model.Term }

// A message for one screen, whichever is in use, says which.
type forScreen interface{ screen() mode }

// enable turns a binding on or off as a screen's state says, leaving off a
// binding the user unbound (no keys), which help would show empty.
func enable(b *key.Binding, on bool) { b.SetEnabled(on && len(b.Keys()) > 0) }

// keysWhile is the key map with the keys read while text is typed on or
// off, and the others on or off: a screen's start for its own keys. The
// four are made once, so that a screen's keys cost no allocation per
// message.
func (sh *shared) keysWhile(typing, others bool) prefs.KeyMap {
	i := 0
	if typing {
		i |= 1
	}
	if others {
		i |= 2
	}
	return sh.keyMaps[i]
}

// makeKeyMaps makes the four key maps keysWhile gives.
func (sh *shared) makeKeyMaps() {
	for i := range sh.keyMaps {
		km := sh.keys
		for _, a := range km.Actions() {
			enable(a.Binding, a.Typing && i&1 != 0 || !a.Typing && i&2 != 0)
		}
		sh.keyMaps[i] = km
	}
}

// drawing

// fit pads or cuts text to exactly width columns and height lines. The
// screens lay their text out themselves, so this is all a frame needs,
// and far cheaper than a lipgloss style, which would wrap it again.
func fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		w := ansi.StringWidth(l)
		if w > width {
			l = ansi.Truncate(l, width, "")
			w = ansi.StringWidth(l)
		}
		lines[i] = l + strings.Repeat(" ", width-w)
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", width))
	}
	return strings.Join(lines, "\n")
}

// center places a box in the middle of a width×height area.
func center(box string, width, height int) string {
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
