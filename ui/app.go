package ui

import (
	"fmt"
	"os"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/ui/prefs"
)

// stackBelow is the width under which the panes are stacked.
const stackBelow = 100

// Model is the browser: the root tea.Model. It handles the window, the
// theme and the loading, routes every other message to the screen it is
// for through one dispatch (room), and moves between the screens as they
// tell it to. It never writes a screen's fields.
type Model struct {
	sh      *shared
	look    look
	noMouse bool
	load    loading

	nav     navigation
	message string // what the last key did; cleared by the next key
	// presses counts the keys pressed; quitWarned is the press at which q
	// was refused for the tagging screen's changes not written.
	presses, quitWarned int
	// place is where the user was when a reload came, kept through the
	// reloads that follow until the user moves: a term that a reload
	// half way through a checkout lacks comes back with the next.
	place *viewState

	progress      progressScreen
	list          listScreen
	hits          hitsScreen
	term          termScreen
	pages         pagesScreen
	page          pageScreen
	find          findScreen
	picker        pickerScreen
	suggest       suggestScreen
	compare       compareScreen
	neighbourhood neighbourhoodScreen
	problems      problemsScreen
	help          helpScreen
	tagging       taggingScreen
}

// room is the screen a mode names and where it is drawn: the one place
// that routes to the screens. A new screen is a file of its own, a mode,
// a field of the Model and a line here.
func (m *Model) room(md mode) (screen, place) {
	switch md {
	case modeList:
		return at(&m.list, placeLeft)
	case modeHits:
		return at(&m.hits, placeLeft)
	case modeTerm:
		return at(&m.term, placeRight)
	case modePages:
		return at(&m.pages, placeLeft)
	case modePage:
		return at(&m.page, placeRight)
	case modeFind:
		return at(&m.find, placeStatus)
	case modePicker:
		return at(&m.picker, placeBox)
	case modeSuggest:
		return at(&m.suggest, placeBody)
	case modeCompare:
		return at(&m.compare, placeBody)
	case modeNeighbourhood:
		return at(&m.neighbourhood, placeBody)
	case modeProblems:
		return at(&m.problems, placeBody)
	case modeHelp:
		return at(&m.help, placeBody)
	case modeTagging:
		return at(&m.tagging, placeBody)
	case modeProgress:
		return at(&m.progress, placeFull)
	}
	panic(fmt.Sprintf("no screen for mode %d", md))
}

// New makes the browser; nothing is loaded until the program runs Init.
func New(opts Options) Model {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	keys := prefs.DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	source := "taxonomy"
	if opts.Source != "" {
		source = safe.Line(opts.Source)
	}
	sh := &shared{keys: keys, help: help.New(), wrap: opts.Width, source: source}
	sh.makeKeyMaps()
	m := Model{sh: sh, look: newLook(opts.Theme, opts.Style, getenv), noMouse: opts.NoMouse,
		load: newLoading(sh, opts, getenv), nav: navigation{mode: modeProgress, left: modeList, right: modeTerm}}
	m.look.apply(sh)
	m.progress, m.list, m.hits, m.term = newProgress(sh), newList(sh), newHits(sh), newTerm(sh)
	m.pages, m.page = newPages(sh), newPage(sh)
	m.find, m.picker, m.suggest = newFind(sh), newPicker(sh), newSuggest(sh, opts.WorkDir, getenv("HOME"))
	m.compare, m.neighbourhood = compareScreen{sh: sh}, neighbourhoodScreen{sh: sh}
	m.problems, m.help = problemsScreen{sh: sh}, helpScreen{sh: sh}
	m.tagging = newTagging(sh, opts.TagPage)
	return m
}

// Init loads the taxonomy and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.load.init()}
	if !m.look.fixed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update handles a message and what the screens tell meanwhile; then the
// screens are sized for what happened and the term follows the selection.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.step(msg)
	return m, tea.Batch(cmd, m.settle())
}

// step handles one message, then each thing the screens told meanwhile,
// in turn and with what it leads to before the next.
func (m *Model) step(msg tea.Msg) tea.Cmd { return m.drain(m.handle(msg)) }

// drain handles what the screens told while a message was handled (which
// asked for cmd), each thing with what it leads to before the next.
func (m *Model) drain(cmd tea.Cmd) tea.Cmd {
	cmds := []tea.Cmd{cmd}
	for len(m.sh.told) > 0 {
		told := m.sh.told
		m.sh.told = nil
		for _, t := range told {
			cmds = append(cmds, m.step(t))
		}
	}
	return tea.Batch(cmds...)
}

// settle sizes every screen for the window and the screen in use, and
// shows the term the list's pane selects.
func (m *Model) settle() tea.Cmd {
	cmd := m.layout()
	if m.nav.left == modePages {
		return tea.Batch(cmd, m.step(showPageMsg{page: m.pages.selected()}))
	}
	t, beside := m.leftPane().Selected()
	return tea.Batch(cmd, m.step(showMsg{term: t, beside: beside}))
}

// handle does what the root does with a message, and hands the rest to
// the screen it is for: the one in use, unless it names another.
func (m *Model) handle(msg tea.Msg) tea.Cmd {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
		m.place = nil // the user moves on from there
	}
	if cmd, ok := m.load.update(msg); ok {
		return cmd
	}
	if cmd, ok := m.navigate(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sh.width, m.sh.height = msg.Width, msg.Height
		return m.load.sized()
	case tea.BackgroundColorMsg:
		if m.look.background(msg.IsDark()) {
			m.look.apply(m.sh)
			return m.broadcast(stylesMsg{})
		}
	case tea.KeyPressMsg:
		m.message = ""
		m.presses++
		m.load.key()
		if key.Matches(msg, m.sh.keys.ForceQuit) {
			return tea.Quit
		}
		return m.to(m.nav.mode, msg)
	case tea.MouseWheelMsg:
		return m.mouse(msg, msg.Mouse())
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			return m.mouse(msg, msg.Mouse())
		}
	case statusMsg:
		m.message = msg.text
	case quitMsg:
		return m.quit()
	case editMsg:
		return m.load.edit(msg.term)
	case taxonomyReadyMsg:
		return m.showTaxonomy(msg)
	case progressMsg:
		return m.broadcast(msg)
	case replayMsg:
		return tea.Batch(m.settle(), m.step(msg.key))
	case forScreen:
		return m.to(msg.screen(), msg)
	default:
		return m.to(m.nav.mode, msg)
	}
	return nil
}

// to hands a message to a screen.
func (m *Model) to(md mode, msg tea.Msg) tea.Cmd {
	s, _ := m.room(md)
	return s.update(msg)
}

// broadcast hands a message to every screen, the progress screen last.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, numModes)
	for md := range numModes {
		cmds[md] = m.to(mode(md), msg)
	}
	return tea.Batch(cmds...)
}

// showTaxonomy gives every screen the taxonomy to show, whole or as read so
// far; the user's place (the term selected, how far the list and the term
// are scrolled, the filters, the search) is kept where the taxonomy still
// has it, and comes back with a later one that has it again. The keys
// typed before there was anything to show come after.
func (m *Model) showTaxonomy(msg taxonomyReadyMsg) tea.Cmd {
	m.sh.reading = msg.partial
	if m.nav.mode == modeProgress {
		m.nav.mode = modeList
	}
	top := msg.first && !m.load.touched
	if m.place == nil && m.load.gen > 1 && !top { // a taxonomy was shown before
		v := m.snapshot()
		m.place = &v
	}
	cmd := m.broadcast(taxonomyMsg{tx: msg.tx, gen: m.load.gen, site: msg.site, partial: msg.partial, top: top,
		learned: newLearnedModel(msg.tx, msg.site), store: msg.store})
	if m.place != nil {
		cmd = tea.Batch(cmd, m.keepPlace(*m.place))
	}
	return cmd
}

// mouse hands the wheel to the pane under the pointer, or to the screen in
// use over the panes; a click selects in the list's pane.
func (m *Model) mouse(msg tea.Msg, at tea.Mouse) tea.Cmd {
	_, where := m.room(m.nav.mode)
	_, click := msg.(tea.MouseClickMsg)
	switch where {
	case placeLeft, placeRight, placeStatus:
		g := m.geometry()
		switch {
		case !g.overList(at):
			if !click {
				return m.to(m.nav.right, msg)
			}
		case click && where != placeStatus:
			return m.to(m.nav.left, clickMsg{row: at.Y - g.headerH})
		case !click:
			return m.to(m.nav.left, msg)
		}
	case placeBody:
		if !click {
			return m.to(m.nav.mode, msg)
		}
	case placeBox, placeFull:
	}
	return nil
}

// quitMsg asks to quit, from a screen other than the tagging screen.
type quitMsg struct{}

// quit quits, unless the tagging screen, left for a term, holds changes
// not written: then it says so first, and q pressed again quits.
func (m *Model) quit() tea.Cmd {
	if n := m.tagging.pending(); n > 0 && m.quitWarned != m.presses-1 {
		m.quitWarned = m.presses
		m.message = fmt.Sprintf("%s not written on %s: T on the page goes back to them, %s again quits without writing.",
			english.Plural(n, "change"), safe.Line(m.tagging.path), firstKey(m.sh.keys.Quit))
		return nil
	}
	return tea.Quit
}
