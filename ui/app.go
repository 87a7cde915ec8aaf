package ui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/model"
	"taxo/ui/prefs"
)

// Options set up the browser.
type Options struct {
	// Load reads the taxonomy. It runs in a tea.Cmd, so the first frame
	// does not wait for it, and again after the editor closes.
	Load func() (*model.Taxonomy, error)
	// Progress, when set, is where Load reports as it goes (the loader's
	// Options.Progress and Options.Terms): the browser then shows a
	// progress bar, and the terms read so far while the first load runs.
	Progress *Progress
	// Source names the taxonomy in the header: its path, or "sample".
	Source string
	// Getenv reads NO_COLOR, COLORFGBG, VISUAL, EDITOR and HOME; os.Getenv
	// when nil.
	Getenv func(string) string
	// WorkDir is the folder a file named in the browser (to suggest terms
	// for) is relative to; the working folder when "".
	WorkDir string

	// Theme forces a dark or a light background; prefs.ThemeAuto (or "") asks
	// the terminal. NO_COLOR beats it.
	Theme prefs.Theme
	// Style is the Glamour style of the term: a built-in name or a JSON
	// style file; "" follows the theme.
	Style string
	// Width caps the columns the term is wrapped at; 0 fits the pane.
	Width int
	// NoMouse leaves the mouse to the terminal, which can then select text
	// without shift; the wheel no longer scrolls.
	NoMouse bool
	// Keys are the key bindings; nil means prefs.DefaultKeyMap.
	Keys *prefs.KeyMap
	// Changes, when set, tells of changes to the taxonomy's files; the
	// browser reloads once a burst of them has settled.
	Changes <-chan struct{}
	// Watch, when set, starts watching the taxonomy's files and gives
	// their changes, as Changes does. It runs in a tea.Cmd, since a big
	// taxonomy has many folders to watch; if it fails, live reload is off
	// and the status line says why.
	Watch func() (<-chan struct{}, error)
	// Notice is said on the status line once the taxonomy is in, such as
	// why live reload is off.
	Notice string
}

// Run shows the browser until the user quits. An error in loading the
// taxonomy ends it and is returned.
func Run(ctx context.Context, opts Options) error {
	// Lip Gloss has found the terminal's colours for stdout as the program
	// started; asking again costs a run of "tmux info" inside tmux, a
	// third of the first frame's time.
	final, err := tea.NewProgram(New(opts), tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile)).Run()
	if err != nil {
		return err
	}
	if m, ok := final.(Model); ok {
		return m.loadErr
	}
	return nil
}

// mode is what the keys go to.
type mode int

const (
	modeBrowse mode = iota
	modeFilter
	modePicker
	modeProblems
	modeHelp
	modeNeighbours
	modeSearch        // typing a search; its hits replace the list
	modeFind          // typing text to find in the term
	modeSuggestPrompt // typing the path of a file to suggest terms for
	modeSuggestions
	modeCompare
)

// pane is the half of the browse screen with the focus.
type pane int

const (
	paneList pane = iota
	paneDetail
)

// stackBelow is the width under which the panes are stacked.
const stackBelow = 100

// reloadQuiet is how long the files must stay unchanged before a reload,
// so that a burst of changes (a git checkout) reloads once.
const reloadQuiet = 200 * time.Millisecond

// shared is what every screen needs to draw itself and read keys.
type shared struct {
	styles Styles
	keys   prefs.KeyMap
	help   help.Model
	wrap   int // the most columns a term is wrapped at; 0 for the pane's width
	// reading is set while the first load runs: a term without a file
	// may only not have been read yet.
	reading bool
	// drawn is closed once the first frame is drawn.
	drawn     chan struct{}
	drawnOnce sync.Once
}

// noFile marks a term referred to that has no file.
func (sh *shared) noFile() string {
	if sh.reading {
		return " (not read yet)"
	}
	return " (no file)"
}

// Model is the browser: the root tea.Model that handles the window, the
// theme and the loading, and hands keys to the screen in use.
type Model struct {
	opts   Options
	getenv func(string) string
	sh     *shared
	plain  bool // NO_COLOR
	dark   bool
	// themeFixed is set when NO_COLOR or COLORFGBG decided the theme, which
	// then beats the terminal's answer to the background query.
	themeFixed bool

	tx      *model.Taxonomy
	gen     int // bumped by every load, to drop renderings of an older graph
	loadErr error

	width, height int
	headerH       int
	bodyH         int
	mode          mode
	focus         pane

	list     listModel
	detail   detailModel
	picker   tagPickerModel
	problems problemsModel
	around   neighboursModel
	hist     history
	search   searchModel
	find     findModel
	suggest  suggestModel
	compare  compareModel
	mark     model.ID // the term marked to compare another with

	cache   map[renderKey]*termDoc
	pending map[renderKey]bool
	message string            // what the last key did; cleared by the next key
	early   []tea.KeyPressMsg // typed before anything could be shown

	// The first load shows what it has read so far: tx is then a partial
	// taxonomy of partialTerms (as of partialBuilt of them), without
	// problems, rebuilt in the background.
	partial             bool
	partialTerms        []*model.Term
	partialIDs          map[model.ID]struct{}
	partialBuilt        int
	building            bool
	loadDone, loadFound int  // files of the load in progress
	touched             bool // a key was pressed during the first load

	// Reloading: one load at a time, and another after it when the files
	// changed while it ran.
	loading     bool
	reloadAgain bool
	reloadWhy   string // the message once the reload is in
	changes     int    // changes seen on disk; a reload waits for the last one to settle
	changesCh   <-chan struct{}
	notice      string // said once the taxonomy is in
	quiet       time.Duration
}

// New makes the browser; nothing is loaded until the program runs Init.
func New(opts Options) Model {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	m := Model{opts: opts, getenv: getenv, dark: true, quiet: reloadQuiet,
		cache: make(map[renderKey]*termDoc), pending: make(map[renderKey]bool),
		partialIDs: make(map[model.ID]struct{}), changesCh: opts.Changes, notice: opts.Notice}
	m.plain = getenv("NO_COLOR") != ""
	if dark, ok := opts.Theme.Fixed(); ok {
		m.dark, m.themeFixed = dark, true
	} else if dark, ok := prefs.DarkFromEnv(getenv("COLORFGBG")); ok {
		m.dark, m.themeFixed = dark, true
	}
	m.themeFixed = m.themeFixed || m.plain
	keys := prefs.DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	m.sh = &shared{keys: keys, help: help.New(), wrap: opts.Width, drawn: make(chan struct{})}
	m.setStyles()
	m.list = newList(m.sh)
	m.detail = newDetail(m.sh)
	m.problems = newProblems(m.sh, nil)
	m.around = neighboursModel{sh: m.sh}
	m.search, m.find, m.suggest, m.compare = newSearch(m.sh), newFind(m.sh), newSuggest(m.sh), compareModel{sh: m.sh}
	return m
}

func (m *Model) setStyles() {
	if m.plain {
		m.sh.styles = PlainStyles()
	} else {
		m.sh.styles = DefaultStyles(m.dark)
		if m.opts.Style != "" {
			m.sh.styles.Glamour = m.opts.Style
		}
	}
	m.sh.help.Styles = m.sh.styles.Help
	m.list.input.SetStyles(m.sh.styles.Input)
	m.search.input.SetStyles(m.sh.styles.Input)
	m.find.input.SetStyles(m.sh.styles.Input)
	m.suggest.input.SetStyles(m.sh.styles.Input)
	m.detail.layoutLinks()
}

// Init loads the taxonomy and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadCmd(), m.waitForChange(), m.waitForProgress(), m.startWatching()}
	if !m.themeFixed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// messages

// taxonomyLoadedMsg brings a (re)loaded taxonomy, or why it failed.
type taxonomyLoadedMsg struct {
	tx  *model.Taxonomy
	err error
}

// termRenderedMsg brings a rendering with what it was made for, so one
// that arrives late is cached and never shown in place of a newer one.
type termRenderedMsg struct {
	key renderKey
	doc *termDoc
	err error
}

// editorClosedMsg says the editor has exited.
type editorClosedMsg struct{ err error }

// watchStartedMsg says whether watching the files could start.
type watchStartedMsg struct {
	changes <-chan struct{}
	err     error
}

// filesChangedMsg says the taxonomy's files changed on disk.
type filesChangedMsg struct{}

// reloadDueMsg comes when the files have been quiet for a while after
// change number seq; a later change makes it stale.
type reloadDueMsg struct{ seq int }

// Update handles the messages every screen shares, then hands keys to the
// handler of the mode in use.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		if !m.themeFixed && msg.IsDark() != m.dark {
			m.dark = msg.IsDark()
			m.setStyles()
		}
	case taxonomyLoadedMsg:
		cmd = m.handleLoaded(msg)
	case loadProgressMsg:
		cmd = m.handleProgress()
	case partialGraphMsg:
		cmd = m.handlePartialGraph(msg)
	case termRenderedMsg:
		cmd = m.handleRendered(msg)
	case editorClosedMsg:
		m.message = "Reloading after the editor…"
		if msg.err != nil {
			m.message = "The editor failed: " + safe.Line(msg.err.Error())
		}
		cmd = m.reload("Reloaded.")
	case watchStartedMsg:
		cmd = m.handleWatchStarted(msg)
	case filesChangedMsg:
		cmd = m.handleFilesChanged()
	case reloadDueMsg:
		if msg.seq == m.changes {
			cmd = m.reload("Reloaded: files changed on disk.")
		}
	case indexBuiltMsg:
		cmd = m.handleIndexBuilt(msg)
	case searchDoneMsg:
		m.handleSearchDone(msg)
	case suggestedMsg:
		m.handleSuggested(msg)
	case completedMsg:
		m.handleCompleted(msg)
	case compareRenderedMsg:
		m.handleCompareRendered(msg)
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.MouseWheelMsg:
		cmd = m.handleWheel(msg)
	case tea.MouseClickMsg:
		m.handleClick(msg)
	default:
		cmd = m.handleOther(msg)
	}
	m.layout()
	return m, tea.Batch(cmd, m.sync(), m.syncScreens()) // sync first: the screens follow the term it shows
}

func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	m.message = ""
	m.touched = m.touched || m.firstLoad()
	if key.Matches(k, m.sh.keys.ForceQuit) {
		return tea.Quit
	}
	if m.tx == nil {
		// q quits at once unless it may be a letter of a filter typed ahead.
		if key.Matches(k, m.sh.keys.Quit) && len(m.early) == 0 {
			return tea.Quit
		}
		// Keys typed while a big taxonomy loads are kept for when it is in.
		m.early = append(m.early, k)
		return nil
	}
	switch m.mode {
	case modeFilter:
		return m.handleFiltering(k)
	case modePicker:
		return m.handlePicker(k)
	case modeProblems:
		return m.handleProblems(k)
	case modeHelp:
		return m.handleHelp(k)
	case modeNeighbours:
		return m.handleNeighbours(k)
	case modeSearch:
		return m.handleSearching(k)
	case modeFind:
		return m.handleFinding(k)
	case modeSuggestPrompt:
		return m.handleSuggestPrompt(k)
	case modeSuggestions:
		return m.handleSuggestions(k)
	case modeCompare:
		return m.handleComparing(k)
	case modeBrowse:
	}
	return m.handleBrowsing(k)
}

// handleOther gives what else arrives (pastes, the input's own messages)
// to the input in use.
func (m *Model) handleOther(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.mode {
	case modeFilter:
		m.list, cmd = m.list.updateFilter(msg)
	case modePicker:
		m.picker, cmd = m.picker.Update(msg)
	case modeSearch:
		cmd = m.typeSearch(msg)
	case modeFind:
		cmd = m.typeFind(msg)
	case modeSuggestPrompt:
		cmd = m.typeSuggestPath(msg)
	case modeBrowse, modeProblems, modeHelp, modeNeighbours, modeSuggestions, modeCompare:
		// no input to type into
	}
	return cmd
}

// handleBrowsing reads keys on the two panes. The keys that act on the
// term or open another screen come first; what is left moves in the pane
// with the focus.
func (m *Model) handleBrowsing(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	if m.closesSearch(k) {
		m.closeSearch()
	}
	switch {
	case key.Matches(k, keys.Quit):
		return tea.Quit
	case key.Matches(k, keys.Help):
		m.mode = modeHelp
	case key.Matches(k, keys.Problems):
		if m.partial {
			m.message = "The problems are listed once every file is read."
			return nil
		}
		if len(m.problems.problems) == 0 {
			m.message = "No problems were found while loading."
			return nil
		}
		m.mode = modeProblems
	case key.Matches(k, keys.Filter):
		m.focus, m.mode = paneList, modeFilter
		return m.list.startFilter()
	case key.Matches(k, keys.Tags):
		m.picker = newTagPicker(m.sh, m.tx.Graph, m.list.text, m.list.tags)
		m.mode = modePicker
	case key.Matches(k, keys.TabAll, keys.TabConcepts, keys.TabCategories, keys.TabTags):
		for tab, b := range []key.Binding{keys.TabAll, keys.TabConcepts, keys.TabCategories, keys.TabTags} {
			if key.Matches(k, b) {
				m.list.setTab(tab)
				break
			}
		}
	case key.Matches(k, keys.HistBack):
		m.goBack()
	case key.Matches(k, keys.HistForward):
		m.goForward()
	case key.Matches(k, keys.Instructions):
		m.jumpToInstructions()
	case key.Matches(k, keys.Copy):
		return m.copyInstructions()
	case key.Matches(k, keys.Edit):
		return m.edit()
	case key.Matches(k, keys.Neighbourhood):
		m.openNeighbours()
	case key.Matches(k, keys.Search):
		return m.openSearch()
	case key.Matches(k, keys.Suggest):
		return m.openSuggest()
	case key.Matches(k, keys.Find):
		return m.startFind()
	case m.find.active && key.Matches(k, keys.FindNext):
		m.nextMatch(1)
	case m.find.active && key.Matches(k, keys.FindPrev):
		m.nextMatch(-1)
	case key.Matches(k, keys.Mark):
		m.markTerm(m.detail.term)
	case key.Matches(k, keys.Compare):
		m.compareWith(m.detail.term)
	case key.Matches(k, keys.NextLink):
		m.cycleLinks(1)
	case key.Matches(k, keys.PrevLink):
		m.cycleLinks(-1)
	case m.focus == paneList && m.search.open:
		return m.handleSearchHits(k)
	case m.focus == paneList:
		return m.handleListKeys(k)
	default:
		return m.handleDetailKeys(k)
	}
	return nil
}

func (m *Model) handleListKeys(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	// esc (cancel) clears the text filter, then the tag filter, before it
	// goes back, so these cases come before back's.
	switch {
	case key.Matches(k, keys.Cancel) && m.list.query != "":
		m.list.setQuery("")
	case key.Matches(k, keys.Cancel) && len(m.list.tags) > 0:
		m.list.setTags(nil)
	case key.Matches(k, keys.Open):
		m.open()
	case key.Matches(k, keys.Back):
		m.goBack()
	default:
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(k)
		return cmd
	}
	return nil
}

func (m *Model) handleDetailKeys(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	// esc (cancel) ends a find before it goes back; back from a search's
	// hit goes back to the hits, not in history.
	switch {
	case key.Matches(k, keys.Cancel) && m.find.active:
		m.endFind()
	case key.Matches(k, keys.Open):
		if t := m.detail.selectedLink(); t != nil {
			m.follow(t)
		} else if len(m.detail.links) > 0 {
			m.detail.selectLink(0)
		}
	case key.Matches(k, keys.Back):
		if m.search.open || !m.goBack() {
			m.focus = paneList
			m.detail.selectLink(-1)
		}
	default:
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(k)
		return cmd
	}
	return nil
}

// handleFiltering types into the text filter; enter opens the top match.
func (m *Model) handleFiltering(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	switch {
	case key.Matches(k, keys.Accept):
		m.list.stopFilter()
		m.mode = modeBrowse
		if m.list.selected() != nil {
			m.open()
		}
	case key.Matches(k, keys.Cancel):
		m.list.stopFilter()
		m.list.setQuery("")
		m.mode = modeBrowse
	case key.Matches(k, keys.InputUp):
		m.list.move(-1)
	case key.Matches(k, keys.InputDown):
		m.list.move(1)
	default:
		var cmd tea.Cmd
		m.list, cmd = m.list.updateFilter(k)
		return cmd
	}
	return nil
}

// handlePicker runs the tag picker; enter applies the tags it gives.
func (m *Model) handlePicker(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	switch {
	case key.Matches(k, keys.Accept):
		m.list.setTags(m.picker.result())
		m.list.cursor, m.list.offset = 0, 0
		m.list.clamp()
		m.mode, m.focus = modeBrowse, paneList
	case key.Matches(k, keys.Cancel):
		m.mode = modeBrowse
	default:
		var cmd tea.Cmd
		m.picker, cmd = m.picker.Update(k)
		return cmd
	}
	return nil
}

func (m *Model) handleProblems(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	if key.Matches(k, keys.Cancel, keys.Quit, keys.Problems) || k.String() == "backspace" {
		m.mode = modeBrowse
		return nil
	}
	var cmd tea.Cmd
	m.problems, cmd = m.problems.Update(k)
	return cmd
}

func (m *Model) handleHelp(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	if key.Matches(k, keys.Cancel, keys.Quit, keys.Help) || k.String() == "backspace" {
		m.mode = modeBrowse
	}
	return nil
}

// handleWheel scrolls what is under the mouse.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	if m.tx == nil {
		return nil
	}
	switch m.mode {
	case modeProblems:
		m.problems, _ = m.problems.Update(msg)
		return nil
	case modeNeighbours:
		m.around, _ = m.around.Update(msg)
		return nil
	case modeSuggestions:
		m.suggest, _ = m.suggest.Update(msg)
		return nil
	case modeCompare:
		m.compare, _ = m.compare.Update(msg)
		return nil
	case modeBrowse, modeFilter, modeSearch, modeFind:
	default:
		return nil
	}
	if m.overList(msg.Mouse()) {
		switch msg.Button {
		case tea.MouseWheelUp:
			m.moveShown(-1)
		case tea.MouseWheelDown:
			m.moveShown(1)
		default: // the wheel tilted sideways
		}
		return nil
	}
	m.detail, _ = m.detail.Update(msg)
	return nil
}

// handleClick selects the term clicked in the list.
func (m *Model) handleClick(msg tea.MouseClickMsg) {
	mouse := msg.Mouse()
	if m.tx == nil || m.mode != modeBrowse || msg.Button != tea.MouseLeft || !m.overList(mouse) {
		return
	}
	row := mouse.Y - m.headerH
	if m.search.open {
		m.clickHit(row)
		return
	}
	if i := m.list.offset + row; row >= 0 && i < len(m.list.items) {
		m.list.cursor = i
		m.list.clamp()
		m.focus = paneList
	}
}

// overList reports whether the mouse is over the list pane.
func (m Model) overList(mouse tea.Mouse) bool {
	if m.stacked() {
		return mouse.Y < m.headerH+m.list.height
	}
	return mouse.X < m.list.width
}

// actions on the term

func (m *Model) jumpToInstructions() {
	t := m.detail.term
	if t == nil {
		return
	}
	if !m.detail.hasInstructions() {
		m.message = safe.Line(t.DisplayTitle()) + " has no Instructions."
		return
	}
	m.focus = paneDetail
	m.detail.jumpToInstructions()
}

// copyInstructions puts the Instructions on the clipboard with OSC 52,
// which works over ssh and in tmux (with set-clipboard on).
func (m *Model) copyInstructions() tea.Cmd {
	t := m.detail.term
	if t == nil {
		return nil
	}
	text := strings.TrimSpace(safe.Text(t.Instructions))
	if text == "" {
		m.message = safe.Line(t.DisplayTitle()) + " has no Instructions to copy."
		return nil
	}
	m.message = "Copied the Instructions of " + safe.Line(t.DisplayTitle()) + "."
	return tea.SetClipboard(text)
}

// edit opens the term's file in $EDITOR and reloads the taxonomy after.
func (m *Model) edit() tea.Cmd {
	t := m.detail.term
	switch {
	case t == nil:
		return nil
	case m.partial:
		m.message = "Files can be opened once every file is read."
		return nil
	case m.tx.Root == "":
		m.message = "The embedded sample cannot be edited: run taxo on a folder of your own."
		return nil
	case !t.Defined:
		m.message = fmt.Sprintf("No file defines %s yet: create %s/%s.md to define it.", safe.Line(t.DisplayTitle()), t.Kind.Taxonomy(), t.Slug)
		return nil
	}
	c := EditorCommand(m.getenv, m.tx.Path(t.Path))
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorClosedMsg{err: err} })
}

// EditorCommand is the user's editor opening path: $VISUAL, else $EDITOR,
// else vi, as git and lazygit choose; the variable may hold arguments
// ("code --wait").
func EditorCommand(getenv func(string) string, path string) *exec.Cmd {
	editor := strings.Fields(getenv("VISUAL"))
	if len(editor) == 0 {
		editor = strings.Fields(getenv("EDITOR"))
	}
	if len(editor) == 0 {
		editor = []string{"vi"}
	}
	return exec.Command(editor[0], append(editor[1:], path)...)
}

// loading and rendering

// startWatching starts Options.Watch.
func (m Model) startWatching() tea.Cmd {
	watch := m.opts.Watch
	if watch == nil {
		return nil
	}
	return func() tea.Msg {
		changes, err := watch()
		return watchStartedMsg{changes: changes, err: err}
	}
}

func (m *Model) handleWatchStarted(msg watchStartedMsg) tea.Cmd {
	if msg.err != nil {
		m.notice = "Live reload is off: " + msg.err.Error()
		if !m.firstLoad() {
			m.message = safe.Line(m.notice)
		}
		return nil
	}
	m.changesCh = msg.changes
	return m.waitForChange()
}

// waitForChange waits for the next change to the files, if they are watched.
func (m Model) waitForChange() tea.Cmd {
	changes := m.changesCh
	if changes == nil {
		return nil
	}
	return func() tea.Msg {
		if _, ok := <-changes; !ok {
			return nil
		}
		return filesChangedMsg{}
	}
}

func (m Model) loadCmd() tea.Cmd {
	load := m.opts.Load
	var drawn <-chan struct{}
	if m.opts.Progress != nil {
		drawn = m.sh.drawn
	}
	return func() tea.Msg {
		// A big load takes every core; it waits for the first frame, or
		// a moment, so that the screen is not kept waiting by it.
		if drawn != nil {
			select {
			case <-drawn:
			case <-time.After(firstFrameWait):
			}
		}
		tx, err := load()
		return taxonomyLoadedMsg{tx: tx, err: err}
	}
}

// firstFrameWait is the longest the first load waits for the first frame.
const firstFrameWait = 100 * time.Millisecond

// reload loads the taxonomy again unless a load is on its way, in which
// case another follows it; why is said once the reload is in.
func (m *Model) reload(why string) tea.Cmd {
	m.reloadWhy = why
	if m.loading || m.firstLoad() {
		m.reloadAgain = true
		return nil
	}
	m.loading = true
	return m.loadCmd()
}

// handleFilesChanged waits for the files to settle before reloading: each
// change pushes the reload back, so a burst of them reloads once.
func (m *Model) handleFilesChanged() tea.Cmd {
	m.changes++
	seq := m.changes
	return tea.Batch(m.waitForChange(), tea.Tick(m.quiet, func(time.Time) tea.Msg { return reloadDueMsg{seq: seq} }))
}

// firstLoad reports whether the taxonomy has not been read whole yet.
func (m Model) firstLoad() bool { return m.tx == nil || m.partial }

func (m *Model) handleLoaded(msg taxonomyLoadedMsg) tea.Cmd {
	m.loading = false
	first := m.firstLoad()
	var again tea.Cmd
	if m.reloadAgain && !first {
		m.reloadAgain = false
		again = m.reload(m.reloadWhy)
	}
	if msg.err != nil {
		if first {
			m.loadErr = msg.err
			return tea.Quit
		}
		m.message = "Reloading failed: " + safe.Line(msg.err.Error())
		return again
	}
	if m.opts.Progress != nil {
		m.opts.Progress.take() // what is left is in the taxonomy
	}
	m.partial, m.partialTerms, m.partialIDs = false, nil, nil
	m.sh.reading = false
	m.loadDone, m.loadFound = 0, 0
	cmd := m.showTaxonomy(msg.tx, first)
	if first {
		m.message = safe.Line(m.notice)
		if m.reloadAgain {
			// The files changed while the first load ran.
			m.reloadAgain = false
			again = m.reload(m.reloadWhy)
		}
	} else {
		m.message = m.reloadWhy
	}
	return tea.Batch(again, cmd)
}

// showTaxonomy puts a taxonomy on screen, whole or as read so far,
// keeping the filters, the selected term and how far it was scrolled; then
// it replays the keys typed before there was anything to show. first says
// it comes from the first load.
func (m *Model) showTaxonomy(tx *model.Taxonomy, first bool) tea.Cmd {
	had := m.tx != nil
	m.tx = tx
	m.gen++
	clear(m.cache)
	clear(m.pending)
	offset, link := m.detail.offset, m.detail.link
	var shown model.ID
	if m.detail.term != nil {
		shown = m.detail.term.ID
	}
	m.list.setGraph(tx.Graph)
	if first && !m.touched {
		// Terms that sort first keep coming while the first load runs;
		// until the user moves, the top of the list is what to show.
		m.list.cursor, m.list.offset = 0, 0
		m.list.clamp()
	}
	if !m.partial {
		m.problems = newProblems(m.sh, tx.Problems())
	}
	m.detail.term = nil
	m.syncDetail()
	var cmds []tea.Cmd
	if had {
		if t := m.detail.term; t != nil && t.ID == shown {
			m.detail.offset = offset
			m.detail.selectLink(min(link, len(m.detail.links)-1))
		}
		m.refreshNeighbours()
		m.refreshSuggestions()
		m.refreshCompare()
		cmds = append(cmds, m.refreshSearch())
	}
	for _, k := range m.early {
		m.layout()
		cmds = append(cmds, m.handleKey(k), m.sync())
	}
	m.early = nil
	return tea.Batch(cmds...)
}

// sync shows the list's selected term in the detail pane and asks for its
// rendering when it is not cached.
func (m *Model) sync() tea.Cmd {
	m.syncDetail()
	t := m.detail.term
	if t == nil {
		return nil
	}
	k := m.renderKey(t)
	if _, ok := m.cache[k]; ok {
		return nil
	}
	return m.render(t, k)
}

// syncDetail shows the list's selected term in the detail pane, rendered
// if the cache has it.
func (m *Model) syncDetail() {
	if m.tx == nil {
		return
	}
	if sel := m.selected(); sel != m.detail.term {
		m.detail.show(m.tx.Graph, sel)
	}
	if t := m.detail.term; t != nil {
		if doc, ok := m.cache[m.renderKey(t)]; ok && m.detail.doc != doc {
			m.detail.setDoc(doc, true, nil)
		}
	}
}

func (m Model) renderKey(t *model.Term) renderKey {
	return renderKey{gen: m.gen, id: t.ID, width: m.detail.renderWidth(), style: m.sh.styles.Glamour}
}

// render asks for a rendering unless one is on its way.
func (m *Model) render(t *model.Term, k renderKey) tea.Cmd {
	if m.pending[k] || m.width == 0 {
		return nil
	}
	m.pending[k] = true
	g := m.tx.Graph
	return func() tea.Msg {
		doc, err := renderDoc(g, t, k.style, k.width)
		return termRenderedMsg{key: k, doc: doc, err: err}
	}
}

// maxCached bounds the cache, which a resize fills with widths never seen again.
const maxCached = 512

func (m *Model) handleRendered(msg termRenderedMsg) tea.Cmd {
	delete(m.pending, msg.key)
	if msg.key.gen != m.gen {
		return nil
	}
	if msg.err == nil {
		if len(m.cache) >= maxCached {
			clear(m.cache)
		}
		m.cache[msg.key] = msg.doc
	}
	t := m.detail.term
	if t == nil || t.ID != msg.key.id {
		return nil
	}
	exact := msg.key == m.renderKey(t)
	if exact || m.detail.doc == nil {
		m.detail.setDoc(msg.doc, exact, msg.err)
	}
	if exact {
		return m.prefetch()
	}
	return nil
}

// prefetch renders the terms next to the cursor, so that moving through
// the list finds them ready.
func (m *Model) prefetch() tea.Cmd {
	var cmds []tea.Cmd
	items, cursor := m.shownItems()
	for _, i := range []int{cursor + 1, cursor - 1} {
		if i < 0 || i >= len(items) {
			continue
		}
		t := items[i]
		if k := m.renderKey(t); m.cache[k] == nil {
			cmds = append(cmds, m.render(t, k))
		}
	}
	return tea.Batch(cmds...)
}

// layout

func (m Model) stacked() bool { return m.width < stackBelow }

// layout sizes the screens to the window: the header, then the panes side
// by side (stacked when narrow, the one with the focus the taller), then
// the status and help lines.
func (m *Model) layout() {
	if m.width == 0 {
		return
	}
	m.headerH = 1
	if m.list.filtered() || m.list.typing || m.search.open {
		m.headerH = 2
	}
	m.bodyH = max(m.height-m.headerH-2, 3)
	if m.stacked() {
		listH := max(m.bodyH*2/5, 3)
		if m.focus == paneDetail {
			listH = min(4, listH)
		}
		m.list.setSize(m.width, listH)
		m.detail.setSize(m.width, max(m.bodyH-listH-1, 1))
	} else {
		listW := min(max(m.width/3, 30), 44)
		m.list.setSize(listW, m.bodyH)
		m.detail.setSize(m.width-listW-1, m.bodyH)
	}
	m.list.focused = m.focus == paneList && m.mode == modeBrowse || m.mode == modeFilter
	m.search.setSize(m.list.width, m.list.height)
	m.search.focused = m.list.focused || m.mode == modeSearch
	m.detail.focused = m.focus == paneDetail
	m.picker.setSize(min(m.width, 72), min(m.bodyH, 24))
	m.problems.setSize(m.width, m.bodyH)
	m.around.setSize(m.width, m.bodyH)
	m.suggest.setSize(m.width, m.bodyH)
	m.compare.setSize(m.width, m.bodyH)
	m.sh.help.SetWidth(m.width)
}

// View draws the header, the screen in use, the status line and the help
// line. It leaves the terminal's title alone: terminals do not give it
// back when the program ends.
func (m Model) View() tea.View {
	screen := m.screen()
	if screen != "" {
		m.sh.drawnOnce.Do(func() { close(m.sh.drawn) })
	}
	v := tea.NewView(screen)
	v.AltScreen = true
	if !m.opts.NoMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

func (m Model) screen() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.tx == nil {
		msg := m.sh.styles.Dim.Render("Loading " + m.source() + "…")
		if bar := m.progressView(min(m.width-4, 60)); bar != "" {
			msg = lipgloss.JoinVertical(lipgloss.Center, msg, "", bar)
		}
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	parts := []string{m.headerView(), m.bodyView(), m.statusView(), m.helpView()}
	return fit(strings.Join(parts, "\n"), m.width, m.height)
}

func (m Model) source() string {
	if m.opts.Source != "" {
		return safe.Line(m.opts.Source)
	}
	return "taxonomy"
}

func (m Model) headerView() string {
	st := m.sh.styles
	tabs := m.list.tabsView()
	// The source gives way first: its start is cut ("…/content/x"), and
	// below a few cells it goes.
	src := m.source()
	room := m.width - lipgloss.Width("taxo ") - 3 - lipgloss.Width(tabs)
	if over := lipgloss.Width(src) - room; over > 0 {
		src = ansi.TruncateLeft(src, over+1, "…")
	}
	line := st.App.Render("taxo") + "  " + tabs
	if room >= 8 {
		line = st.App.Render("taxo") + " " + st.Dim.Render(src) + "   " + tabs
	}
	line = ansi.Truncate(line, m.width, "…")
	f := m.list.filterView(m.width)
	if m.search.open {
		f = m.search.promptView(m.width)
	}
	if f != "" {
		line += "\n" + f
	}
	return line
}

func (m Model) bodyView() string {
	var body string
	switch m.mode {
	case modeHelp:
		body = helpScreen(m.sh, m.width, m.bodyH)
	case modeProblems:
		body = m.problems.View()
	case modeNeighbours:
		body = m.around.View()
	case modePicker:
		body = center(m.picker.View(), m.width, m.bodyH)
	case modeSuggestPrompt:
		body = center(m.suggest.promptView(min(m.width, 76)), m.width, m.bodyH)
	case modeSuggestions:
		body = m.suggest.View()
	case modeCompare:
		body = m.compare.View()
	default:
		body = m.panesView()
	}
	return fit(body, m.width, m.bodyH)
}

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

func (m Model) panesView() string {
	st := m.sh.styles
	rule := st.Rule
	if m.focus == paneDetail {
		rule = st.RuleFocus
	}
	list := m.list.View()
	if m.search.open {
		list = m.search.View()
	}
	if m.stacked() {
		line := rule.Render(strings.Repeat("─", m.width))
		return lipgloss.JoinVertical(lipgloss.Left, list, line, m.detail.View())
	}
	sep := rule.Render(strings.TrimSuffix(strings.Repeat("│\n", m.bodyH), "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, list, sep, m.detail.View())
}

// statusView shows where the user is: the breadcrumbs of the links
// followed, or what the last key did; then the position and the problems.
func (m Model) statusView() string {
	st := m.sh.styles
	var right []string
	if s := m.markStatus(); s != "" {
		right = append(right, s)
	}
	if items, cursor := m.shownItems(); len(items) > 0 {
		right = append(right, fmt.Sprintf("%d/%d", cursor+1, len(items)))
	}
	if m.focus == paneDetail && m.mode == modeBrowse {
		right = append(right, fmt.Sprintf("%d%%", m.detail.scrollPercent()))
	}
	rightText := st.Status.Render(strings.Join(right, "  "))
	if bar := m.progressView(m.width / 2); bar != "" {
		rightText += "  " + bar
	}
	if n := len(m.problems.problems); n > 0 {
		rightText += "  " + st.Problems.Render(fmt.Sprintf("! %s", english.Plural(n, "problem")))
	}
	room := max(m.width-lipgloss.Width(rightText)-2, 10)
	left := m.crumbs(room)
	if f := m.findStatus(); f != "" {
		left = ansi.Truncate(f, room, "…")
	}
	if m.message != "" {
		left = st.Message.Render(ansi.Truncate(m.message, room, "…"))
	}
	gap := max(m.width-lipgloss.Width(left)-lipgloss.Width(rightText), 1)
	return left + strings.Repeat(" ", gap) + rightText
}

// crumbs are the terms visited by following links, ending at the one shown,
// cut from the left to fit.
func (m Model) crumbs(width int) string {
	st := m.sh.styles
	var names []string
	var last model.ID
	g := m.tx.Graph
	for _, v := range m.hist.back {
		if t := g.Get(v.selected); t != nil && v.selected != last {
			names = append(names, safe.Line(t.DisplayTitle()))
			last = v.selected
		}
	}
	cur := tabLabel(m.list.tab)
	if t := m.detail.term; t != nil {
		cur = safe.Line(t.DisplayTitle())
		if t.ID == last {
			names = names[:len(names)-1]
		}
	}
	sep := st.Status.Render(" › ")
	out := st.Crumb.Render(ansi.Truncate(cur, width, "…"))
	for i := len(names) - 1; i >= 0; i-- {
		next := st.Status.Render(names[i]) + sep + out
		if lipgloss.Width(next)+2 > width {
			return st.Status.Render("…") + sep + out
		}
		out = next
	}
	return out
}

func (m Model) helpView() string {
	keys := m.sh.keys
	var bindings []key.Binding
	switch {
	case m.mode == modeFilter:
		bindings = filterHelp(keys)
	case m.mode == modePicker:
		bindings = pickerHelp(keys)
	case m.mode == modeNeighbours:
		bindings = neighboursHelp(keys)
	case m.mode == modeSearch:
		bindings = searchHelp(keys)
	case m.mode == modeFind:
		bindings = findTypingHelp(keys)
	case m.mode == modeSuggestPrompt:
		bindings = suggestPromptHelp(keys)
	case m.mode == modeSuggestions:
		bindings = suggestionsHelp(keys)
	case m.mode == modeProblems || m.mode == modeHelp || m.mode == modeCompare:
		bindings = closeHelp(keys)
	case m.find.active:
		bindings = findHelp(keys)
	case m.focus == paneDetail:
		bindings = detailHelp(keys)
	case m.search.open:
		bindings = searchHitsHelp(keys)
	default:
		bindings = listHelp(keys)
	}
	return m.sh.help.ShortHelpView(bindings)
}
