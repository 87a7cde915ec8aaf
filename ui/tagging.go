package ui

import (
	"fmt"
	"path/filepath"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/internal/tagwrite"
	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
	"taxo/ui/prefs"
)

// taggingScreen changes a content page's terms and writes them: the terms
// it carries, per taxonomy, each toggled with space, and beside them the
// terms suggested for its text, with their scores and why; a term typed
// to add (the site's complete first; a new one is said to be new); the
// diff of the front matter (enter); the write (w) and its undo (u). A pane
// beside the list shows the term under the cursor: how many pages carry
// it, why it is suggested, and its Instructions; i goes into the term and
// back comes back here, the list and the cursor as they were.
//
// It opens on a page from tagPageMsg alone, which taxo tag FILE sends
// (Options.TagPage) and any screen that shows a page may send. The page is
// read, written and put back in tea.Cmds, through the one writer
// (internal/tagwrite): a write tells the root to reload, and the screen
// keeps its rows, its cursor and its undo across the reload, reading the
// page again to follow a change made on disk.
type taggingScreen struct {
	sh      *shared
	tx      *model.Taxonomy
	g       *model.Graph
	gen     int
	partial bool

	want    string // the page asked for, until the whole taxonomy is in
	path    string // the page shown, from the site's root
	src     []byte // the file as read: what a write must still find there
	seq     int    // counts reads and writes, so that a late one is dropped
	busy    string // what is under way ("Reading…"); "" when nothing is
	problem string // why the page cannot be tagged; "" when it can

	rows []tagRow
	cur  cursor

	fits       map[model.Kind][]termFit
	suggesting bool
	learned    *learnedModel // the taxonomy's, shared with S

	adding  bool
	input   textinput.Model
	text    *termText // every term's title, to complete what is typed
	textGen int
	choices []tagChoice
	pick    int

	showDiff bool
	diff     []string
	diffPage pager

	undo    *tagwrite.Undo
	leaving bool // esc or q once with changes not written; again leaves them

	width, height int
}

// tagRow is a term on the tagging screen: one the page carries, one
// suggested for it, or one typed.
type tagRow struct {
	kind     model.Kind
	id       model.ID    // <taxonomy>/<key>
	term     *model.Term // the site's term; nil for a new one
	spelling string      // as the page writes it, or will
	carried  bool        // the file carries it
	on       bool        // the page will carry it once written
	fit      *termFit    // why it is suggested; nil when it is not
}

// changed reports whether writing changes the row.
func (r tagRow) changed() bool { return r.on != r.carried }

// tagChoice is what a typed name may add: a term of the site, or a new one.
type tagChoice struct {
	kind     model.Kind
	term     *model.Term // nil for a new term
	spelling string
}

// fitsPerKind is how many suggestions of each taxonomy the screen lists,
// as taxo suggest does by default.
const fitsPerKind = 5

// maxTagChoices is how many completions show under what is typed.
const maxTagChoices = 5

func newTagging(sh *shared, page string) taggingScreen {
	in := textinput.New()
	in.Prompt = "add: "
	in.Placeholder = "a term's title, or a new one (series/Name for another taxonomy)"
	in.SetStyles(sh.styles.Input)
	return taggingScreen{sh: sh, input: in, want: page}
}

// messages

// tagPageMsg opens the tagging screen on a content page, given by its path
// from the site's root (model.Page.Path) or as a path on disk; without a
// path (T where no page is), it says where the pages are.
type tagPageMsg struct{ path string }

// tagReadMsg brings the page's file.
type tagReadMsg struct {
	seq  int
	path string
	src  []byte
	err  error
}

// tagSuggestedMsg brings the terms suggested for the page.
type tagSuggestedMsg struct {
	path string
	gen  int // of the taxonomy they were weighed in
	fits map[model.Kind][]termFit
}

// tagWrittenMsg says whether the page was written.
type tagWrittenMsg struct {
	seq     int
	undo    tagwrite.Undo
	summary string
	err     error
}

// tagUndoneMsg says whether the last write was undone.
type tagUndoneMsg struct {
	seq int
	src []byte
	err error
}

func (tagPageMsg) screen() mode      { return modeTagging }
func (tagReadMsg) screen() mode      { return modeTagging }
func (tagSuggestedMsg) screen() mode { return modeTagging }
func (tagWrittenMsg) screen() mode   { return modeTagging }
func (tagUndoneMsg) screen() mode    { return modeTagging }

// Update takes the page asked for, the files read and written, the
// taxonomy and the keys.
func (s taggingScreen) Update(msg tea.Msg) (taggingScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tagPageMsg:
		if msg.path == "" {
			s.sh.tell(statusMsg{text: s.noPageHere()})
			break
		}
		s.want = msg.path
		cmd = s.openWanted()
	case tagReadMsg:
		cmd = s.read(msg)
	case tagSuggestedMsg:
		s.suggested(msg)
	case tagWrittenMsg:
		cmd = s.written(msg)
	case tagUndoneMsg:
		s.undone(msg)
	case taxonomyMsg:
		cmd = s.setTaxonomy(msg)
	case sizeMsg:
		s.width, s.height = msg.width, max(msg.height, 1)
		s.cur.setHeight(s.listHeight())
		s.cur.moveTo(s.cur.at)
		s.diffPage.setHeight(s.height - 3)
	case stylesMsg:
		s.input.SetStyles(s.sh.styles.Input)
	case tea.KeyPressMsg:
		cmd = s.handleKey(msg)
	case tea.MouseWheelMsg:
		s.wheel(msg)
	default:
		if s.adding {
			cmd = s.typeName(msg)
		}
	}
	return s, cmd
}

// setTaxonomy follows a new graph: the rows keep their place, each term
// taken from the new graph (a term written new is the site's now), and
// the page is read again, to follow a change on disk.
func (s *taggingScreen) setTaxonomy(msg taxonomyMsg) tea.Cmd {
	s.tx, s.g, s.gen, s.partial = msg.tx, msg.tx.Graph, msg.gen, msg.partial
	s.learned = msg.learned
	if s.partial {
		return nil
	}
	for i := range s.rows {
		s.rows[i].term = s.g.Get(s.rows[i].id)
		if f := s.rows[i].fit; f != nil && s.rows[i].term != nil {
			f.term = s.rows[i].term
		}
	}
	s.fits = fitsIn(s.fits, s.g)
	if s.want != "" {
		return s.openWanted()
	}
	if s.path == "" {
		return nil
	}
	if s.g.Page(s.path) == nil {
		s.problem = fmt.Sprintf("%s is no longer a page of the site.", safe.Line(s.path))
		return nil
	}
	return s.readCmd()
}

// noPageHere says where the pages to tag are, to T pressed where no page
// is under the cursor.
func (s *taggingScreen) noPageHere() string {
	switch {
	case s.tx != nil && s.tx.Root == "":
		return "The embedded sample has no pages to tag: run taxo on a Hugo site."
	case s.g != nil && len(s.g.Pages()) == 0 && !s.partial:
		return "There are no pages to tag here: T tags a Hugo site's content pages."
	}
	return "T tags a content page: choose one in the Pages tab."
}

// openWanted opens the page asked for, once the whole taxonomy is in.
func (s *taggingScreen) openWanted() tea.Cmd {
	if s.g == nil || s.partial {
		return nil
	}
	path := s.relative(s.want)
	s.want = ""
	switch {
	case s.tx.Root == "":
		s.sh.tell(statusMsg{text: "The embedded sample has no pages to tag: run taxo on a Hugo site."})
		return nil
	case s.g.Page(path) == nil:
		s.sh.tell(statusMsg{text: fmt.Sprintf("%s is not a content page of this site (of this language: --lang chooses another).", safe.Line(path))})
		return nil
	}
	s.sh.tell(openMsg{to: modeTagging})
	if path == s.path && s.problem == "" {
		return s.readCmd() // the same page: its rows and cursor stay
	}
	s.path, s.src, s.problem = path, nil, ""
	s.rows, s.fits, s.undo, s.suggesting = nil, nil, nil, false
	s.adding, s.showDiff, s.leaving = false, false, false
	s.input.Blur()
	s.cur = cursor{pager: pager{height: s.listHeight()}}
	s.busy = "Reading the page…"
	return s.readCmd()
}

// relative makes a path on disk a path from the site's root; one given
// from the root already is kept.
func (s *taggingScreen) relative(path string) string {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(filepath.Clean(path))
	}
	root, err := filepath.Abs(s.tx.Root)
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(root, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return path
}

// read takes the page's file in: the rows of what it carries, with the
// choices made on the screen kept, and the suggestions asked for once.
func (s *taggingScreen) read(msg tagReadMsg) tea.Cmd {
	if msg.seq != s.seq || msg.path != s.path {
		return nil
	}
	s.busy = ""
	if msg.err != nil {
		s.problem = "Cannot read the page: " + safe.Line(msg.err.Error())
		return nil
	}
	rows, err := s.rowsFor(msg.src)
	if err != nil {
		s.problem = "taxo cannot change this page's terms: " + safe.Line(err.Error())
		return nil
	}
	s.src, s.problem = msg.src, ""
	s.rows = keepChoices(rows, s.rows)
	s.placeFits()
	s.cur.total = len(s.rows)
	s.cur.moveTo(s.cur.at)
	if s.fits != nil || s.suggesting {
		return nil
	}
	s.suggesting = true
	return suggestPageCmd(s.gen, s.learned, s.g, s.g.Page(s.path), msg.src)
}

// rowsFor is a row for each term the page's file carries, per taxonomy
// in the site's order, a term spelt twice once.
func (s *taggingScreen) rowsFor(src []byte) ([]tagRow, error) {
	site, _ := tagwrite.ForGraph(s.tx.Root, s.g)
	key := s.g.TermKey()
	var rows []tagRow
	for _, k := range s.g.Kinds() {
		terms, err := site.Terms(src, k.Taxonomy())
		if err != nil {
			return nil, err
		}
		for _, sp := range terms {
			id := model.MakeID(k, key(sp))
			if slices.ContainsFunc(rows, func(r tagRow) bool { return r.id == id }) {
				continue
			}
			rows = append(rows, tagRow{kind: k, id: id, term: s.g.Get(id), spelling: sp, carried: true, on: true})
		}
	}
	return rows, nil
}

// keepChoices is the rows of the file read, with what was chosen on the
// screen before kept: a term toggled keeps its toggle, and every row
// stays where it was while the page is open, so that a term the file no
// longer carries (written away, undone, changed on disk) is one key from
// coming back and the cursor keeps its row.
func keepChoices(fresh, before []tagRow) []tagRow {
	out := make([]tagRow, 0, len(fresh)+len(before))
	for _, b := range before {
		i := slices.IndexFunc(fresh, func(r tagRow) bool { return r.id == b.id })
		if i >= 0 {
			r := fresh[i]
			r.fit = b.fit
			if b.changed() {
				r.on = b.on
			}
			out = append(out, r)
			continue
		}
		if !b.changed() {
			b.on = false // as the file is
		}
		b.carried = false
		out = append(out, b)
	}
	for _, r := range fresh {
		if !slices.ContainsFunc(out, func(o tagRow) bool { return o.id == r.id }) {
			out = insertRow(out, r)
		}
	}
	return out
}

// insertRow puts a row after the others of its taxonomy, the taxonomies
// in the order of their first rows (a new one last).
func insertRow(rows []tagRow, r tagRow) []tagRow {
	at := len(rows)
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].kind == r.kind {
			at = i + 1
			break
		}
	}
	return slices.Insert(rows, at, r)
}

// suggested takes the suggestions in: each is a row of its taxonomy,
// after the terms the page carries.
func (s *taggingScreen) suggested(msg tagSuggestedMsg) {
	if msg.path != s.path || !s.suggesting {
		return
	}
	s.suggesting = false
	s.fits = msg.fits
	if msg.gen != s.gen { // weighed in the taxonomy before a reload
		s.fits = fitsIn(s.fits, s.g)
	}
	s.placeFits()
	s.cur.total = len(s.rows)
	s.cur.moveTo(s.cur.at)
}

// fitsIn is the suggestions with each term taken from g, those g lacks
// left out.
func fitsIn(fits map[model.Kind][]termFit, g *model.Graph) map[model.Kind][]termFit {
	if fits == nil {
		return nil
	}
	out := make(map[model.Kind][]termFit, len(fits))
	for k, fs := range fits {
		for _, f := range fs {
			if f.term = g.Get(f.term.ID); f.term != nil {
				out[k] = append(out[k], f)
			}
		}
	}
	return out
}

// placeFits gives each suggestion its row: the row of a term listed
// already, else one of its own, off, after its taxonomy's rows.
func (s *taggingScreen) placeFits() {
	if s.g == nil {
		return
	}
	for _, k := range s.g.Kinds() {
		for _, f := range s.fits[k] {
			if j := slices.IndexFunc(s.rows, func(r tagRow) bool { return r.id == f.term.ID }); j >= 0 {
				s.rows[j].fit = &f
				continue
			}
			s.rows = insertRow(s.rows, tagRow{kind: k, id: f.term.ID, term: f.term, spelling: s.g.Spelling(f.term), fit: &f})
		}
	}
}

// keys

// keyMap is the key map as the screen's state has it: typing while a
// name is typed, else the screen's own keys and those it shares.
func (s taggingScreen) keyMap() prefs.KeyMap {
	keys := s.sh.keysWhile(s.adding, !s.adding)
	enable(&keys.Toggle, false)
	own := []*key.Binding{&keys.TagToggle, &keys.TagAdd, &keys.TagDiff, &keys.TagWrite, &keys.TagUndo, &keys.TagRead}
	for _, b := range own {
		enable(b, !s.adding && s.problem == "")
	}
	enable(&keys.TagAdd, !s.adding && !s.showDiff && s.problem == "")
	enable(&keys.TagToggle, !s.adding && !s.showDiff && s.problem == "")
	return keys
}

func (s *taggingScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := s.keyMap()
	if s.adding {
		return s.handleAdding(k, keys)
	}
	leaving := s.leaving
	s.leaving = false
	switch {
	case key.Matches(k, keys.TagWrite):
		return s.write()
	case key.Matches(k, keys.TagUndo):
		return s.undoWrite()
	case key.Matches(k, keys.TagDiff):
		s.toggleDiff()
	case key.Matches(k, keys.TagRead):
		s.readTerm()
	case key.Matches(k, keys.TagToggle):
		s.toggle()
	case key.Matches(k, keys.NextLink) && !s.showDiff:
		s.jump(1)
	case key.Matches(k, keys.PrevLink) && !s.showDiff:
		s.jump(-1)
	case key.Matches(k, keys.TagAdd):
		s.adding, s.choices = true, nil
		s.input.SetValue("")
		return s.input.Focus()
	case key.Matches(k, keys.Help):
		s.sh.tell(openMsg{to: modeHelp})
	case key.Matches(k, keys.Back) && s.showDiff:
		s.showDiff = false
	case key.Matches(k, keys.Back, keys.Quit):
		return s.leave(k, keys, leaving)
	default:
		s.move(k, keys)
	}
	return nil
}

// leave closes the screen (back) or quits, unless changes are not written
// yet: then it says so, and the same key again leaves them.
func (s *taggingScreen) leave(k tea.KeyPressMsg, keys prefs.KeyMap, again bool) tea.Cmd {
	if n := s.pending(); n > 0 && !again {
		s.leaving = true
		s.sh.tell(statusMsg{text: fmt.Sprintf("%s not written: %s writes, %s again leaves without writing.",
			english.Plural(n, "change"), firstKey(keys.TagWrite), k.String())})
		return nil
	}
	if key.Matches(k, keys.Quit) {
		return tea.Quit
	}
	s.discard()
	s.sh.tell(closeMsg{from: modeTagging})
	return nil
}

// discard forgets the changes not written, and the rows added by name for
// them, so that the page tagged again is shown as it is on disk.
func (s *taggingScreen) discard() {
	s.rows = slices.DeleteFunc(s.rows, func(r tagRow) bool { return !r.carried && r.fit == nil })
	for i := range s.rows {
		s.rows[i].on = s.rows[i].carried
	}
	s.adding, s.showDiff = false, false
	s.cur.total = len(s.rows)
	s.cur.moveTo(s.cur.at)
}

// move moves the cursor, or scrolls the diff.
func (s *taggingScreen) move(k tea.KeyPressMsg, keys prefs.KeyMap) {
	page := 0
	switch k.String() { // the page keys include letters and space, which are the screen's
	case "pgup":
		page = -1
	case "pgdown":
		page = 1
	}
	if s.showDiff {
		s.diffPage.scrollTo(moved(keys, k, s.diffPage.offset, 0, 1, s.diffPage.total) + page*s.diffPage.height)
		return
	}
	s.cur.moveTo(moved(keys, k, s.cur.at, 0, 1, len(s.rows)-1) + page*s.cur.height)
}

func (s *taggingScreen) wheel(msg tea.MouseWheelMsg) {
	keys := s.keyMap()
	if s.showDiff {
		s.diffPage.scrollTo(moved(keys, msg, s.diffPage.offset, 0, 3, 0))
		return
	}
	s.cur.moveTo(moved(keys, msg, s.cur.at, 0, 1, 0))
}

// toggle turns the term under the cursor on or off.
func (s *taggingScreen) toggle() {
	if s.cur.at >= len(s.rows) {
		return
	}
	r := &s.rows[s.cur.at]
	r.on = !r.on
	s.cur.moveTo(s.cur.at + 1)
}

// jump moves the cursor to the next (1) or previous (-1) taxonomy: to its
// first suggestion, else its first term, as the suggestions are what an
// editor comes for.
func (s *taggingScreen) jump(dir int) {
	if len(s.rows) == 0 {
		return
	}
	var starts []int
	for i, r := range s.rows {
		if i == 0 || r.kind != s.rows[i-1].kind {
			starts = append(starts, i)
		}
	}
	group := 0
	for g, start := range starts {
		if start <= s.cur.at {
			group = g
		}
	}
	group = (group + dir + len(starts)) % len(starts)
	at := starts[group]
	for i := at; i < len(s.rows) && s.rows[i].kind == s.rows[at].kind; i++ {
		if !s.rows[i].carried && s.rows[i].fit != nil {
			at = i
			break
		}
	}
	s.cur.moveTo(at)
}

// readTerm goes into the term under the cursor, to read all of it.
func (s *taggingScreen) readTerm() {
	if s.cur.at >= len(s.rows) {
		return
	}
	r := s.rows[s.cur.at]
	if r.term == nil {
		s.sh.tell(statusMsg{text: fmt.Sprintf("%s is new: nothing describes it yet.", safe.Line(r.spelling))})
		return
	}
	s.sh.tell(visitMsg{term: r.term})
}

// pending is how many rows a write would change.
func (s taggingScreen) pending() int {
	n := 0
	for _, r := range s.rows {
		if r.changed() {
			n++
		}
	}
	return n
}

// the contract

// Help is the help line of what the screen is doing.
func (s taggingScreen) Help() []key.Binding {
	k := s.keyMap()
	switch {
	case s.adding:
		return []key.Binding{pair(k.InputUp, k.InputDown, "pick"), brief(k.Complete, "complete"), brief(k.Accept, "add"), brief(k.Cancel, "cancel")}
	case s.showDiff:
		return []key.Binding{pair(k.Up, k.Down, "scroll"), brief(k.TagWrite, "write"), brief(k.Back, "back")}
	}
	// How to leave comes before the keys a user finds by trying, so that
	// it stays at 80 columns; ? stays whatever the width (fitHelp).
	return []key.Binding{brief(k.TagToggle, "toggle"), brief(k.TagDiff, "diff"), brief(k.TagWrite, "write"), brief(k.TagUndo, "undo"),
		brief(k.TagAdd, "add"), brief(k.Back, "close"), brief(k.TagRead, "read term"), brief(k.NextLink, "next taxonomy"),
		pair(k.Up, k.Down, "move"), brief(k.Help, "keys")}
}

// Status says which page is tagged and how many changes wait.
func (s taggingScreen) Status() (left, right string) {
	if s.path == "" {
		return "", ""
	}
	left = "Tagging " + safe.Line(s.path)
	if n := s.pending(); n > 0 {
		right = english.Plural(n, "change") + " not written"
	}
	return left, right
}

// Selected is the term under the cursor.
func (s taggingScreen) Selected() (*model.Term, []*model.Term) {
	if s.cur.at < len(s.rows) {
		return s.rows[s.cur.at].term, nil
	}
	return nil, nil
}

// commands

// readCmd reads the page's file.
func (s *taggingScreen) readCmd() tea.Cmd {
	s.seq++
	seq, path, abs := s.seq, s.path, s.tx.Path(s.path)
	return func() tea.Msg {
		src, err := safe.ReadFile(abs, safe.MaxNamedFile)
		return tagReadMsg{seq: seq, path: path, src: src, err: err}
	}
}

// suggestPageCmd weighs the terms of g for the page's text, with the
// taxonomy's learned model (built then if no screen has asked for it).
func suggestPageCmd(gen int, l *learnedModel, g *model.Graph, p *model.Page, src []byte) tea.Cmd {
	return func() tea.Msg {
		text, _ := loader.ContentText(p.Path, src)
		fits := map[model.Kind][]termFit{}
		for _, kf := range fitsFor(l.get(), g, learn.Content{Path: p.Path, Text: text, Date: p.Date}, fitsPerKind) {
			fits[kf.kind] = kf.fits
		}
		return tagSuggestedMsg{path: p.Path, gen: gen, fits: fits}
	}
}
