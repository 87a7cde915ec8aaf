package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/ui/launch"
)

// loading is the browser's side of loading the taxonomy: the first load,
// which shows the terms read so far while it runs, the reloads after the
// editor or a change on disk, one at a time, and watching the files. It
// tells the root the taxonomy to show (taxonomyReadyMsg) and what to say.
//
// A burst of changes (a git checkout, a sync) reloads once the files are
// quiet, and git is done with them: a reload that files changed under
// while it ran is not shown, as it may hold half of the old tree and half
// of the new, unless the files have kept changing for longer than
// settleAtMost.
type loading struct {
	sh       *shared
	load     func() (*model.Taxonomy, error)
	progress *launch.Progress
	watch    func() (<-chan struct{}, error)
	changes  <-chan struct{} // the files' changes, once watched
	quiet    time.Duration   // how long the files stay unchanged before a reload
	atMost   time.Duration   // how long files that keep changing go without a reload shown
	busy     func() bool     // whether a tool is changing the files; nil when none tells
	pause    time.Duration   // how long after a change the next is waited for
	notice   string          // said once the taxonomy is in
	getenv   func(string) string
	err      error // why the first load failed, which Run returns
	site     siteState

	tx      *model.Taxonomy
	gen     int       // bumped by every taxonomy shown
	started bool      // the first load has started
	since   time.Time // when it started

	// The first load shows what it has read so far: tx is then a partial
	// taxonomy of terms (as of built of them), rebuilt in the background.
	partial  bool
	terms    []*model.Term
	ids      map[model.ID]struct{}
	built    int
	building bool
	touched  bool // a key was pressed during the first load

	done, found int // files of the load in progress

	// Reloading: one load at a time, and another after it when the files
	// changed while it ran.
	running bool
	again   bool
	why     string // said once the reload is in
	// asked is when the browser last asked for a reload itself (after a
	// write of its own, or the editor), and askedWhy what it said: the
	// watcher's echo of that change keeps saying it.
	asked    time.Time
	askedWhy string
	seen     int // changes seen on disk; a reload waits for the last one to settle
	// stale says files changed while the reload in progress ran.
	stale bool
	// burst is when the files started changing, since the last taxonomy
	// shown; zero while they are as shown.
	burst time.Time

	// gone names what of the taxonomy is no longer on disk (its folder, a
	// site's content/), made safe to show, since a reload found it so; ""
	// when it is there.
	gone string
}

// reloadQuiet is how long the files must stay unchanged before a reload,
// so that a burst of changes (a git checkout) reloads once.
const reloadQuiet = 250 * time.Millisecond

// changePause is how long after a change the next is waited for: the
// changes meanwhile come as one. A checkout makes thousands a second, and
// each would cost the screen a frame, and the checkout its CPU.
const changePause = 100 * time.Millisecond

// longBurst is how long changes have gone on for a burst to count as long:
// one that may pause, a checkout on a busy machine say, for longer than
// the quiet it waits for; the files must then stay unchanged for
// longQuiet times as long (a second, after reloadQuiet).
const (
	longBurst = time.Second
	longQuiet = 4
)

// settleAtMost bounds the wait for files that keep changing: a reload is
// shown at least this often, so that a tree that never settles (a long
// sync) is not left as it was. A tool that says it is at the files (git
// with its lock) is waited for as long as it says so.
const settleAtMost = 15 * time.Second

// firstFrameWait is the longest the first load waits for the first frame.
const firstFrameWait = 100 * time.Millisecond

func newLoading(sh *shared, opts Options, getenv func(string) string) loading {
	return loading{sh: sh, load: opts.Load, progress: opts.Progress, watch: opts.Watch, changes: opts.Changes,
		quiet: reloadQuiet, atMost: settleAtMost, busy: opts.Busy, pause: changePause, notice: opts.Notice, getenv: getenv, ids: make(map[model.ID]struct{}),
		site: siteState{loadResult: opts.LoadResult, lang: opts.Lang}}
}

// messages

// taxonomyLoadedMsg brings a (re)loaded taxonomy, or why it failed.
type taxonomyLoadedMsg struct {
	tx  *model.Taxonomy
	err error
	// On a site (Options.LoadResult): the load tx is a language of.
	res  *loader.Result
	lang string
}

// taxonomyReadyMsg tells the root the taxonomy to show: partial while the
// first load runs; first for what the first load gives.
type taxonomyReadyMsg struct {
	tx             *model.Taxonomy
	site           *siteView // nil when the taxonomy is not a site
	partial, first bool
	store          model.Store // where the search index is kept; nil when the load used no index cache
}

// startLoadMsg starts the first load when the first frame is late.
type startLoadMsg struct{}

// loadProgressMsg says a load has news to take from Options.Progress.
type loadProgressMsg struct{}

// partialGraphMsg brings the taxonomy of the terms read so far, built while
// the first load goes on.
type partialGraphMsg struct {
	tx    *model.Taxonomy
	terms int // how many it was built from
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

// init starts what runs from the start: the first load (at once, or when
// the first frame is out if the load reports progress: a big load takes
// every core), the watcher, and waiting for changes and progress.
func (l *loading) init() tea.Cmd {
	cmds := []tea.Cmd{l.waitForChange(0), l.waitForProgress(), l.startWatching()}
	if l.progress == nil {
		cmds = append(cmds, l.loadCmd())
	} else {
		cmds = append(cmds, tea.Tick(firstFrameWait, func(time.Time) tea.Msg { return startLoadMsg{} }))
	}
	return tea.Batch(cmds...)
}

// sized starts a first load that reports progress once the window has a
// size: the frame the program draws next is the first. (Without progress,
// Init starts it.)
func (l *loading) sized() tea.Cmd { return l.start() }

func (l *loading) start() tea.Cmd {
	if l.started || l.progress == nil {
		return nil
	}
	l.started, l.since = true, time.Now()
	return l.loadCmd()
}

// update takes the load's messages; it reports false for any other.
func (l *loading) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case startLoadMsg:
		return l.start(), true
	case taxonomyLoadedMsg:
		return l.loaded(msg), true
	case loadProgressMsg:
		return l.news(), true
	case partialGraphMsg:
		return l.partialGraph(msg), true
	case editorClosedMsg:
		text := "Reloading after the editor…"
		if msg.err != nil {
			text = "The editor failed: " + safe.Line(msg.err.Error())
		}
		l.sh.tell(statusMsg{text: text})
		return l.reload("Reloaded."), true
	case reloadMsg:
		l.asked, l.askedWhy = time.Now(), msg.why
		return l.reload(msg.why), true
	case watchStartedMsg:
		return l.watchStarted(msg), true
	case filesChangedMsg:
		return l.changed(), true
	case reloadDueMsg:
		return l.due(msg), true
	}
	return l.updateSite(msg)
}

// due reloads when the files have been quiet since the change a timer was
// set for, or have changed for too long, unless a tool is still at them.
func (l *loading) due(msg reloadDueMsg) tea.Cmd {
	latest := msg.seq == l.seen
	switch {
	case l.busy != nil && l.busy():
		if latest {
			// Quiet, but not done: look again a while later.
			return tea.Tick(l.quiet, func(time.Time) tea.Msg { return msg })
		}
	case latest, l.unsettled() && !l.running:
		return l.reload(l.onDisk())
	}
	return nil
}

// ownEcho is how long after the browser changed the files itself a change
// seen on disk is taken as the echo of its own: the watcher sees a write
// of the tagging screen's a little after the screen has said what it
// wrote, and saying "files changed on disk" over that would hide it.
const ownEcho = 3 * time.Second

// onDisk is what a reload after a change on disk says: what the browser
// said of its own change when the change is its echo.
func (l *loading) onDisk() string {
	if !l.asked.IsZero() && time.Since(l.asked) < ownEcho {
		return l.askedWhy
	}
	return "Reloaded: files changed on disk."
}

// changed notes a change on disk. Each pushes the reload back, so that a
// burst of them reloads once, and makes the reload running stale.
func (l *loading) changed() tea.Cmd {
	l.seen++
	seq := l.seen
	if l.burst.IsZero() {
		l.burst = time.Now()
	}
	l.stale = l.stale || l.running
	quiet := l.quiet
	if time.Since(l.burst) >= longBurst {
		quiet *= longQuiet
	}
	return tea.Batch(l.waitForChange(l.pause), tea.Tick(quiet, func(time.Time) tea.Msg { return reloadDueMsg{seq: seq} }))
}

// unsettled reports whether the files have kept changing for longer than
// a reload is held back.
func (l *loading) unsettled() bool {
	return !l.burst.IsZero() && time.Since(l.burst) >= l.atMost
}

// firstLoad reports whether the taxonomy has not been read whole yet.
func (l *loading) firstLoad() bool { return l.tx == nil || l.partial }

// key notes a key pressed while the first load runs: the list then stays
// where the user put it.
func (l *loading) key() { l.touched = l.touched || l.firstLoad() }

// loadCmd runs Options.Load, or Options.LoadResult.
func (l *loading) loadCmd() tea.Cmd {
	if l.site.loadResult != nil {
		return l.site.loadCmd()
	}
	load := l.load
	return func() tea.Msg {
		tx, err := load()
		return taxonomyLoadedMsg{tx: tx, err: err}
	}
}

// reload loads the taxonomy again unless a load is on its way, in which
// case another follows it; why is said once the reload is in.
func (l *loading) reload(why string) tea.Cmd {
	l.why = why
	if l.running || l.firstLoad() {
		l.again = true
		return nil
	}
	l.running, l.stale = true, false
	return l.loadCmd()
}

// loaded takes a load in: the first, or a reload, which keeps what the
// screens show.
func (l *loading) loaded(msg taxonomyLoadedMsg) tea.Cmd {
	l.running = false
	first := l.firstLoad()
	var again tea.Cmd
	if l.again && !first {
		l.again = false
		again = l.reload(l.why)
	}
	switch {
	case msg.err != nil && first:
		l.err = msg.err
		return tea.Quit
	case msg.err != nil:
		l.failed(msg.err)
		return again
	case l.stale && !l.unsettled() && !first:
		// Files changed under this load: it may hold half of a checkout.
		// The next reload comes once they are quiet.
		l.done, l.found = 0, 0
		l.sh.tell(l.progressNow())
		l.sh.tell(statusMsg{text: "Files are changing on disk: reloading once they settle…"})
		return again
	}
	if l.progress != nil {
		l.progress.Take() // what is left is in the taxonomy
	}
	l.partial, l.terms, l.ids = false, nil, nil
	l.done, l.found = 0, 0
	l.settled()
	if rebuild := l.site.loaded(msg); rebuild != nil {
		again = tea.Batch(again, rebuild) // shown once built
	} else {
		l.show(msg.tx, false, first)
	}
	if first {
		l.sh.tell(statusMsg{text: safe.Line(l.notice)})
		if l.again {
			// The files changed while the first load ran.
			l.again = false
			again = l.reload(l.why)
		}
	} else {
		l.sh.tell(statusMsg{text: l.why})
	}
	return again
}

// settled notes that the taxonomy about to be shown is as the files are
// now, or as they were when they had changed for too long.
func (l *loading) settled() {
	l.burst = time.Time{}
	if l.stale {
		l.burst = time.Now() // they are changing still
	}
	if l.gone != "" {
		l.why = "Reloaded: " + l.gone + " is back."
		l.gone = ""
	}
}

// failed says why a reload failed: plainly when the taxonomy has gone
// from disk (moved or deleted), which the watch sees come back.
func (l *loading) failed(err error) {
	if !errors.Is(err, fs.ErrNotExist) {
		l.sh.tell(statusMsg{text: "Reloading failed: " + safe.Line(err.Error())})
		return
	}
	// What is gone is the path the error names (a site's content/), else
	// the taxonomy.
	l.gone = l.sh.source
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		l.gone = safe.Line(pe.Path)
	}
	l.burst = time.Time{}
	text := l.gone + " is gone: shown as it was until it is back."
	if l.changes == nil {
		text = l.gone + " is gone: shown as it was."
	}
	l.sh.tell(statusMsg{text: text})
}

// show tells the root the taxonomy to show, and the screens how far the
// load has got.
func (l *loading) show(tx *model.Taxonomy, partial, first bool) {
	l.tx = tx
	l.gen++
	var site *siteView
	var store model.Store
	if !partial {
		site = l.site.view
		if res := l.site.res; res != nil && res.Keeper() != nil {
			store = res.Keeper()
		}
	}
	l.sh.tell(taxonomyReadyMsg{tx: tx, site: site, partial: partial, first: first, store: store})
	l.sh.tell(l.progressNow())
}

// progressNow is how far the load in progress has got, for the bars.
func (l *loading) progressNow() progressMsg {
	if !l.firstLoad() && !l.running {
		return progressMsg{}
	}
	return progressMsg{done: l.done, found: l.found}
}

// commands

// waitForProgress waits for the load's next news.
func (l *loading) waitForProgress() tea.Cmd {
	p := l.progress
	if p == nil {
		return nil
	}
	return func() tea.Msg {
		p.Wait()
		return loadProgressMsg{}
	}
}

// news takes the load's news. While the first load runs, the terms read
// so far are shown: the list fills as they come, and the taxonomy of them
// is built again in the background each time they have doubled, so that
// the work stays in proportion to the taxonomy and every key has
// something to act on. A reload shows only its progress.
func (l *loading) news() tea.Cmd {
	news := l.progress.Take()
	l.done, l.found = news.Done, news.Found
	l.sh.tell(l.progressNow())
	if !l.firstLoad() {
		return l.waitForProgress()
	}
	for _, t := range news.Terms {
		if !l.site.shows(t) {
			continue // another language's
		}
		// Both layouts of one slug come as two terms; the first stands
		// for both until the load merges them.
		if _, dup := l.ids[t.ID]; !dup {
			l.ids[t.ID] = struct{}{}
			l.terms = append(l.terms, t)
		}
	}
	return tea.Batch(l.waitForProgress(), l.buildPartial())
}

// buildPartial links the terms read so far, away from the screen's
// goroutine, when there are twice as many as in the last build and none
// is running, and the whole taxonomy is not due soon: once the first
// rows are shown, a load that will be over within partialWorth (a second
// start from the index cache, whose graph is kept too) is not slowed by
// linking what it is about to replace.
func (l *loading) buildPartial() tea.Cmd {
	n := len(l.terms)
	if l.building || n == 0 || n < 2*l.built || l.built > 0 && l.dueWithin(partialWorth) {
		return nil
	}
	l.building = true
	terms := l.terms[:n:n]
	link := l.site.partialGraph
	return func() tea.Msg {
		return partialGraphMsg{tx: model.TaxonomyOf("", link(terms), nil), terms: len(terms)}
	}
}

// partialWorth is how far off the end of the first load must be for the
// terms read so far to be linked again: at 100k terms and 100k pages from
// the index cache, the partial graphs took more CPU than the load and a
// tenth of the browser's memory at its peak.
const partialWorth = 5 * time.Second

// dueWithin says whether the first load will be over within d, as the
// files read so far, and the time they took, tell.
func (l *loading) dueWithin(d time.Duration) bool {
	if l.done <= 0 || l.found < l.done {
		return false
	}
	left := time.Duration(float64(time.Since(l.since)) * float64(l.found-l.done) / float64(l.done))
	return left < d
}

func (l *loading) partialGraph(msg partialGraphMsg) tea.Cmd {
	l.building = false
	if !l.firstLoad() {
		return nil // the whole taxonomy is in already
	}
	l.partial, l.built = true, msg.terms
	l.show(msg.tx, true, true)
	return l.buildPartial()
}

// startWatching starts Options.Watch.
func (l *loading) startWatching() tea.Cmd {
	watch := l.watch
	if watch == nil {
		return nil
	}
	return func() tea.Msg {
		changes, err := watch()
		return watchStartedMsg{changes: changes, err: err}
	}
}

func (l *loading) watchStarted(msg watchStartedMsg) tea.Cmd {
	if msg.err != nil {
		l.notice = "Live reload is off: " + msg.err.Error()
		if !l.firstLoad() {
			l.sh.tell(statusMsg{text: safe.Line(l.notice)})
		}
		return nil
	}
	l.changes = msg.changes
	return l.waitForChange(0)
}

// waitForChange waits for the next change to the files after pause, if
// they are watched.
func (l *loading) waitForChange(pause time.Duration) tea.Cmd {
	changes := l.changes
	if changes == nil {
		return nil
	}
	return func() tea.Msg {
		time.Sleep(pause)
		if _, ok := <-changes; !ok {
			return nil
		}
		return filesChangedMsg{}
	}
}

// edit opens the term's file in the user's editor; the taxonomy is
// loaded again when it closes.
func (l *loading) edit(t *model.Term) tea.Cmd {
	var why string
	switch {
	case t == nil:
		return nil
	case l.partial:
		why = "Files can be opened once every file is read."
	case l.gone != "":
		why = l.gone + " is gone: its files cannot be opened."
	case l.tx.Root == "":
		why = "The embedded sample cannot be edited: run taxo on a folder of your own."
	case l.site.view != nil && t.Path == "":
		why = l.site.view.noTermPage(t)
	case !t.Defined:
		why = fmt.Sprintf("No file defines %s yet: create %s/%s.md to define it.", safe.Line(t.DisplayTitle()), t.Kind.Taxonomy(), t.Slug)
	default:
		c := launch.Editor(l.getenv, l.tx.Path(t.Path))
		return tea.ExecProcess(c, func(err error) tea.Msg { return editorClosedMsg{err: err} })
	}
	l.sh.tell(statusMsg{text: why})
	return nil
}
