package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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
	sg         *learn.Model
	sgGen      int

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

// scoreText is the score as the list shows it: a chance as a percentage,
// a text's score as it is.
func (f termFit) scoreText() string {
	if f.learned {
		return fmt.Sprintf("%d%%", int(f.score*100+0.5))
	}
	return strconv.FormatFloat(f.score, 'f', 2, 64)
}

// reasons say in words what the score is and what made it: the words of
// the page that fit the term, those its Instructions exclude, the tagged
// pages like this one that carry it.
func (f termFit) reasons() []string {
	out := []string{fmt.Sprintf("Suggested, score %.2f: ranks the terms for this page by its words (higher fits better).", f.score)}
	if f.learned {
		out = []string{fmt.Sprintf("Suggested: a %s chance that an editor of this site would give this page the term, learned from its tagged pages.", f.scoreText())}
	}
	if len(f.why) > 0 {
		out = append(out, "Words of the page that fit: "+safe.Line(strings.Join(f.why, ", ")))
	}
	if len(f.against) > 0 {
		out = append(out, "Words its Instructions exclude: "+safe.Line(strings.Join(f.against, ", ")))
	}
	if len(f.like) > 0 {
		var names []string
		for _, p := range f.like {
			names = append(names, fmt.Sprintf("%s (%.2f)", safe.Line(p.Title), p.Similarity))
		}
		out = append(out, "Tagged pages like it: "+strings.Join(names, "; "))
	}
	return out
}

// changed reports whether writing changes the row.
func (r tagRow) changed() bool { return r.on != r.carried }

// termFit is a term suggested for the page, with its score and why.
type termFit struct {
	term  *model.Term
	score float64
	// learned says the score is a chance, from 0 to 1, that an editor
	// would give the page the term, learned from the site's tagged pages;
	// otherwise it ranks the terms by the page's words.
	learned bool
	why     []string // the words of the page that fit the term
	against []string // the words its Instructions exclude
	like    []learn.PageRef
}

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
// from the site's root (model.Page.Path) or as a path on disk.
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
	gen  int
	sg   *learn.Model
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
	if s.partial {
		return nil
	}
	for i := range s.rows {
		s.rows[i].term = s.g.Get(s.rows[i].id)
		if f := s.rows[i].fit; f != nil && s.rows[i].term != nil {
			f.term = s.rows[i].term
		}
	}
	for k, fs := range s.fits {
		kept := fs[:0]
		for _, f := range fs {
			if f.term = s.g.Get(f.term.ID); f.term != nil {
				kept = append(kept, f)
			}
		}
		s.fits[k] = kept
	}
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
	sg := s.sg
	if s.sgGen != s.gen {
		sg = nil
	}
	return suggestPageCmd(s.gen, s.g, sg, s.tx.Root, s.g.Page(s.path), msg.src)
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
// screen before kept: a term toggled keeps its toggle, a term added or
// suggested stays. The rows stay in their order.
func keepChoices(fresh, before []tagRow) []tagRow {
	out := make([]tagRow, 0, len(fresh)+len(before))
	for _, b := range before {
		i := slices.IndexFunc(fresh, func(r tagRow) bool { return r.id == b.id })
		switch {
		case i >= 0:
			r := fresh[i]
			r.fit = b.fit
			if b.changed() {
				r.on = b.on
			}
			out = append(out, r)
		case b.fit != nil || b.on && !b.carried:
			b.carried = false
			out = append(out, b)
		}
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
	if msg.gen == s.gen {
		s.sg, s.sgGen = msg.sg, msg.gen
	}
	if msg.path != s.path || !s.suggesting {
		return
	}
	s.suggesting = false
	s.fits = msg.fits
	s.placeFits()
	s.cur.total = len(s.rows)
	s.cur.moveTo(s.cur.at)
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
	s.sh.tell(closeMsg{from: modeTagging})
	return nil
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

// adding a term by name

func (s *taggingScreen) handleAdding(k tea.KeyPressMsg, keys prefs.KeyMap) tea.Cmd {
	switch {
	case key.Matches(k, keys.Accept):
		s.add()
	case key.Matches(k, keys.Cancel):
		s.adding = false
		s.input.Blur()
	case key.Matches(k, keys.InputUp):
		s.pick = max(s.pick-1, 0)
	case key.Matches(k, keys.InputDown):
		s.pick = min(s.pick+1, max(len(s.choices)-1, 0))
	case key.Matches(k, keys.Complete):
		if s.pick < len(s.choices) && s.choices[s.pick].term != nil {
			s.input.SetValue(s.choices[s.pick].spelling)
			s.input.CursorEnd()
			s.complete()
		}
	default:
		return s.typeName(k)
	}
	return nil
}

// typeName gives the prompt what is typed or pasted, and completes it.
func (s *taggingScreen) typeName(msg tea.Msg) tea.Cmd {
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() != before {
		s.complete()
	}
	return cmd
}

// complete lists what the name typed may add: the site's terms that fit
// it, best first, then a new term of that name unless the site has it.
func (s *taggingScreen) complete() {
	s.choices, s.pick = nil, 0
	typed := strings.TrimSpace(s.input.Value())
	if typed == "" || s.g == nil {
		return
	}
	if s.text == nil || s.textGen != s.gen {
		s.text, s.textGen = newTermText(s.g.Terms()), s.gen
	}
	kinds := s.g.Kinds()
	best, _ := s.text.match(newMatcher(typed), nil)
	for _, i := range best {
		t := s.text.terms[i]
		if slices.Contains(kinds, t.Kind) {
			s.choices = append(s.choices, tagChoice{kind: t.Kind, term: t, spelling: s.g.Spelling(t)})
		}
		if len(s.choices) == maxTagChoices {
			break
		}
	}
	k, name := s.kindOf(typed)
	if key := s.g.TermKey(); key != nil && key(name) != "" && s.g.KeyedTerm(k, name) == nil {
		s.choices = append(s.choices, tagChoice{kind: k, spelling: name})
	}
}

// kindOf reads a typed name: "series/Go Basics" names a term of series;
// any other is a tag (or of the site's first taxonomy when it has no tags).
func (s *taggingScreen) kindOf(typed string) (model.Kind, string) {
	if plural, rest, ok := strings.Cut(typed, "/"); ok && strings.TrimSpace(rest) != "" {
		for _, k := range s.g.Kinds() {
			if strings.EqualFold(strings.TrimSpace(plural), k.Taxonomy()) {
				return k, strings.TrimSpace(rest)
			}
		}
	}
	kinds := s.g.Kinds()
	if slices.Contains(kinds, model.Tag) || len(kinds) == 0 {
		return model.Tag, typed
	}
	return kinds[0], typed
}

// add adds the choice picked: the row of a term listed already is turned
// on, else a row is made for it, and the cursor goes there.
func (s *taggingScreen) add() {
	if s.pick >= len(s.choices) {
		return
	}
	c := s.choices[s.pick]
	s.adding = false
	s.input.Blur()
	id := model.MakeID(c.kind, s.g.TermKey()(c.spelling))
	if c.term != nil {
		id = c.term.ID
	}
	i := slices.IndexFunc(s.rows, func(r tagRow) bool { return r.id == id })
	if i < 0 {
		s.rows = insertRow(s.rows, tagRow{kind: c.kind, id: id, term: c.term, spelling: c.spelling})
		i = slices.IndexFunc(s.rows, func(r tagRow) bool { return r.id == id })
	}
	s.rows[i].on = true
	s.cur.total = len(s.rows)
	s.cur.moveTo(i)
}

// the diff, the write and the undo

// edits are what writing the rows takes: for each taxonomy whose terms
// change, the terms the page is to carry.
func (s *taggingScreen) edits() []tagwrite.TaxonomyEdit {
	var out []tagwrite.TaxonomyEdit
	for _, k := range s.g.Kinds() {
		changed := false
		var want []string
		for _, r := range s.rows {
			if r.kind == k {
				changed = changed || r.changed()
				if r.on {
					want = append(want, r.spelling)
				}
			}
		}
		if changed {
			out = append(out, tagwrite.TaxonomyEdit{Taxonomy: k.Taxonomy(), Edit: tagwrite.SetTo(want)})
		}
	}
	return out
}

// change is the page as the rows would leave it, and a line per taxonomy
// that changes.
func (s *taggingScreen) change() (tagwrite.Change, []string, error) {
	site, _ := tagwrite.ForGraph(s.tx.Root, s.g)
	changes, after, err := site.ApplyAll(s.src, s.edits())
	if err != nil {
		return tagwrite.Change{}, nil, err
	}
	var lines []string
	for _, c := range changes {
		if c.Changed() {
			lines = append(lines, s.summary(c))
		}
	}
	return tagwrite.Change{Old: s.src, New: after}, lines, nil
}

// summary says one taxonomy's change: "tags: +Kubernetes (new) -Rust".
func (s *taggingScreen) summary(c tagwrite.Change) string {
	parts := []string{strings.ToLower(c.Taxonomy) + ":"}
	for _, t := range c.Added() {
		if i := slices.IndexFunc(s.rows, func(r tagRow) bool { return r.spelling == t && r.term == nil }); i >= 0 {
			t += " (new)"
		}
		parts = append(parts, "+"+t)
	}
	for _, t := range c.Removed() {
		parts = append(parts, "-"+t)
	}
	return strings.Join(parts, " ")
}

// toggleDiff shows the diff of the front matter, or goes back from it.
func (s *taggingScreen) toggleDiff() {
	if s.showDiff {
		s.showDiff = false
		return
	}
	if s.src == nil {
		return
	}
	c, lines, err := s.change()
	switch {
	case err != nil:
		s.sh.tell(statusMsg{text: "Cannot make this change: " + safe.Line(err.Error())})
		return
	case !c.Changed():
		s.sh.tell(statusMsg{text: "Nothing to change: the page carries these terms already."})
		return
	}
	s.diff = append(lines, "")
	s.diff = append(s.diff, strings.Split(strings.TrimSuffix(c.Diff(s.path), "\n"), "\n")...)
	s.showDiff = true
	s.diffPage = pager{height: s.height - 3, total: len(s.diff)}
}

// write writes the rows into the page, in a command.
func (s *taggingScreen) write() tea.Cmd {
	if s.src == nil || s.busy != "" {
		return nil
	}
	c, lines, err := s.change()
	switch {
	case err != nil:
		s.sh.tell(statusMsg{text: "Cannot make this change: " + safe.Line(err.Error())})
		return nil
	case !c.Changed():
		s.sh.tell(statusMsg{text: "Nothing to write: the page carries these terms already."})
		return nil
	}
	_, w := tagwrite.ForGraph(s.tx.Root, s.g)
	s.seq++
	s.busy = "Writing…"
	seq, abs, summary := s.seq, s.tx.Path(s.path), strings.Join(lines, "; ")
	return func() tea.Msg {
		u, err := w.Write(abs, c.Old, c.New)
		return tagWrittenMsg{seq: seq, undo: u, summary: summary, err: err}
	}
}

// written takes the write in: the rows are what the page carries now, the
// undo is kept, and the taxonomy reloads so that the counts follow. A
// page changed on disk meanwhile is read again, the choices kept.
func (s *taggingScreen) written(msg tagWrittenMsg) tea.Cmd {
	if msg.seq != s.seq {
		return nil
	}
	s.busy = ""
	if msg.err != nil {
		text := s.writeError("Cannot write", msg.err)
		if errors.Is(msg.err, tagwrite.ErrChanged) {
			text += ": it was read again, your choices kept; see the diff and write again."
			s.showDiff = false
			s.sh.tell(statusMsg{text: text})
			return s.readCmd()
		}
		s.sh.tell(statusMsg{text: text})
		return nil
	}
	s.src, s.undo, s.showDiff = msg.undo.After, &msg.undo, false
	s.rows = slices.DeleteFunc(s.rows, func(r tagRow) bool { return !r.on && r.term == nil && r.fit == nil })
	for i := range s.rows {
		s.rows[i].carried = s.rows[i].on
	}
	s.cur.total = len(s.rows)
	s.cur.moveTo(s.cur.at)
	said := fmt.Sprintf("Wrote %s: %s. %s undoes.", safe.Line(s.path), safe.Line(msg.summary), firstKey(s.sh.keys.TagUndo))
	s.sh.tell(statusMsg{text: said})
	s.sh.tell(reloadMsg{why: said})
	return nil
}

// writeError says why the page could not be written, naming it by its
// path from the site's root rather than the writer's whole path.
func (s *taggingScreen) writeError(what string, err error) string {
	if inner := errors.Unwrap(err); inner != nil {
		err = inner
	}
	return fmt.Sprintf("%s %s: %s", what, safe.Line(s.path), safe.Line(err.Error()))
}

// undoWrite puts the page back as it was before the last write, in a
// command; refused when the page changed since.
func (s *taggingScreen) undoWrite() tea.Cmd {
	if s.undo == nil {
		s.sh.tell(statusMsg{text: "Nothing to undo: no write since this page was opened."})
		return nil
	}
	if s.busy != "" {
		return nil
	}
	_, w := tagwrite.ForGraph(s.tx.Root, s.g)
	u := *s.undo
	u.Path = s.tx.Path(s.path)
	s.seq++
	s.busy = "Undoing…"
	seq := s.seq
	return func() tea.Msg { return tagUndoneMsg{seq: seq, src: u.Before, err: w.Undo(u)} }
}

// undone takes the undo in: the rows are what the page carried before.
func (s *taggingScreen) undone(msg tagUndoneMsg) {
	if msg.seq != s.seq {
		return
	}
	s.busy = ""
	if msg.err != nil {
		s.sh.tell(statusMsg{text: s.writeError("Cannot undo the write of", msg.err)})
		return
	}
	s.undo, s.src, s.showDiff = nil, msg.src, false
	if rows, err := s.rowsFor(msg.src); err == nil {
		for i := range s.rows {
			s.rows[i].on = slices.ContainsFunc(rows, func(r tagRow) bool { return r.id == s.rows[i].id })
			s.rows[i].carried = s.rows[i].on
		}
		s.rows = keepChoices(rows, s.rows)
		s.cur.total = len(s.rows)
		s.cur.moveTo(s.cur.at)
	}
	said := fmt.Sprintf("Put %s back as it was.", safe.Line(s.path))
	s.sh.tell(statusMsg{text: said})
	s.sh.tell(reloadMsg{why: said})
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
	return []key.Binding{brief(k.TagToggle, "toggle"), brief(k.TagDiff, "diff"), brief(k.TagWrite, "write"), brief(k.TagUndo, "undo"),
		brief(k.TagAdd, "add"), brief(k.TagRead, "read term"), brief(k.NextLink, "next taxonomy"), pair(k.Up, k.Down, "move"), brief(k.Back, "close")}
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

// drawing

// split reports whether the list and the preview stand side by side.
func (s taggingScreen) split() bool { return s.width >= stackBelow }

// listHeight is how many rows of terms the list pane shows: the body less
// the page's title and the legend, and, stacked, the preview's share.
func (s taggingScreen) listHeight() int {
	h := s.height - 3
	if !s.split() {
		h = h * 3 / 5
	}
	return max(h, 1)
}

// View draws the page's title, then the diff, or the list of terms and the
// preview of the one under the cursor.
func (s taggingScreen) View() string {
	st := s.sh.styles
	if s.path == "" {
		return st.Dim.Render("No page to tag.")
	}
	head := ansi.Truncate(st.Title.Render("Terms of "+safe.Line(s.pageTitle()))+st.Dim.Render("  "+safe.Line(s.path)), s.width, "…")
	switch {
	case s.problem != "":
		return head + "\n\n" + st.Problems.Render(ansi.Wrap(s.problem, s.width, " /"))
	case s.busy != "" && s.src == nil:
		return head + "\n\n" + st.Dim.Render(s.busy)
	case s.showDiff:
		return head + "\n" + s.diffView()
	}
	if !s.split() {
		listH := s.listHeight() + 2
		list := fit(s.listView(s.width), s.width, listH)
		rule := st.Rule.Render(strings.Repeat("─", s.width))
		return head + "\n" + list + "\n" + rule + "\n" + s.previewView(s.width, max(s.height-listH-2, 1))
	}
	listW := min(max(s.width*11/20, 40), s.width-30)
	list := fit(s.listView(listW), listW, s.height-1)
	sep := st.Rule.Render(strings.TrimSuffix(strings.Repeat("│\n", s.height-1), "\n"))
	preview := fit(s.previewView(s.width-listW-3, s.height-1), s.width-listW-3, s.height-1)
	return head + "\n" + lipgloss.JoinHorizontal(lipgloss.Top, list, sep, " ", preview)
}

// pageTitle is the page's title, or its file's name.
func (s taggingScreen) pageTitle() string {
	if p := s.g.Page(s.path); p != nil {
		return p.DisplayTitle()
	}
	return s.path
}

// listView is the legend, the rows per taxonomy under its heading, and
// the prompt with its completions while a name is typed.
func (s taggingScreen) listView(width int) string {
	st := s.sh.styles
	legend := "Suggested: a % is the chance an editor gives the term, learned from the site's pages; other scores rank by the page's words."
	if s.suggesting {
		legend = "Weighing the terms for this page…"
	}
	lines := []string{ansi.Truncate(st.Dim.Render(legend), width, "…")}
	if len(s.rows) == 0 {
		lines = append(lines, st.Dim.Render(fmt.Sprintf("The page carries no term. %s adds one.", firstKey(s.sh.keys.TagAdd))))
	}
	body, at := s.rowLines(width)
	h := s.listHeight()
	start := 0
	if s.cur.at < len(at) && len(body) > h {
		// The cursor's row in the middle once the list scrolls, its
		// heading in view above the first row.
		start = max(min(at[s.cur.at]-h/2, len(body)-h), 0)
	}
	lines = append(lines, body[start:min(start+h, len(body))]...)
	return strings.Join(lines, "\n")
}

// rowLines are the rows under a heading per taxonomy, and the line of each
// row.
func (s taggingScreen) rowLines(width int) (lines []string, at []int) {
	st := s.sh.styles
	for i, r := range s.rows {
		if i == 0 || r.kind != s.rows[i-1].kind {
			lines = append(lines, st.LinkLabel.Render(r.kind.Label()))
		}
		at = append(at, len(lines))
		lines = append(lines, s.rowView(r, i == s.cur.at && !s.adding, width))
	}
	return lines, at
}

// rowView draws a row: a + or - when writing changes it, the box, the
// title, how many pages carry it (or that it is new), and its score.
func (s taggingScreen) rowView(r tagRow, cursor bool, width int) string {
	st := s.sh.styles
	mark, box := " ", "[ ]"
	switch {
	case r.on && !r.carried:
		mark = "+"
	case !r.on && r.carried:
		mark = "-"
	}
	if r.on {
		box = "[x]"
	}
	name := safe.Line(r.spelling)
	if r.term != nil {
		name = safe.Line(r.term.DisplayTitle())
	}
	info := "new " + r.kind.String()
	if r.term != nil {
		info = english.Plural(s.g.CountPages(r.term), "page")
	}
	if r.fit != nil {
		info += "  " + r.fit.scoreText()
	}
	nameW := max(width-4-len(box)-ansi.StringWidth(info)-2, 6)
	name = ansi.Truncate(name, nameW, "…")
	pad := strings.Repeat(" ", max(nameW-ansi.StringWidth(name), 0))
	if cursor {
		return st.Selected.Render("›" + mark + box + " " + name + pad + "  " + info)
	}
	markStyle := st.Dim
	switch mark {
	case "+":
		markStyle = st.Added
	case "-":
		markStyle = st.Removed
	}
	nameStyle := st.Item
	if !r.on {
		nameStyle = st.Dim
	}
	return " " + markStyle.Render(mark) + box + " " + nameStyle.Render(name) + pad + "  " + st.Count.Render(info)
}

// promptView is the prompt a name is typed in.
func (s taggingScreen) promptView(width int) string {
	in := s.input
	in.SetWidth(max(width-len(in.Prompt)-1, 5))
	return in.View()
}

// choiceLines are the completions of the name typed, the one picked marked.
func (s taggingScreen) choiceLines(width int) []string {
	st := s.sh.styles
	if len(s.choices) == 0 {
		return []string{st.Dim.Render("  Type a title: the site's terms complete first.")}
	}
	var lines []string
	for i, c := range s.choices {
		text := fmt.Sprintf("%s  (a new %s)", safe.Line(c.spelling), c.kind)
		if c.term != nil {
			text = fmt.Sprintf("%s  (%s, %s)", safe.Line(c.spelling), c.kind, english.Plural(s.g.CountPages(c.term), "page"))
		}
		if i == s.pick {
			lines = append(lines, st.Selected.Render(ansi.Truncate("› "+text, width, "…")))
			continue
		}
		lines = append(lines, ansi.Truncate("  "+text, width, "…"))
	}
	return lines
}

// previewView shows the term under the cursor: its title and ID, how many
// pages carry it, why it is suggested, then its Instructions, else its
// description.
func (s taggingScreen) previewView(width, height int) string {
	st := s.sh.styles
	if s.adding {
		return strings.Join(append([]string{s.promptView(width)}, s.choiceLines(width)...), "\n")
	}
	if s.cur.at >= len(s.rows) {
		return ""
	}
	r := s.rows[s.cur.at]
	wrap := func(text string) []string { return strings.Split(ansi.Wrap(text, max(width, 10), " /"), "\n") }
	var lines []string
	if r.term == nil {
		lines = append(lines, st.Title.Render(safe.Line(r.spelling)),
			st.Dim.Render(fmt.Sprintf("%s · a new %s: no page carries it yet and no term page describes it", r.id, r.kind)))
		return strings.Join(lines, "\n")
	}
	t := r.term
	lines = append(lines, st.Title.Render(safe.Line(t.DisplayTitle())),
		st.Dim.Render(fmt.Sprintf("%s · %s carry it", t.ID, english.Plural(s.g.CountPages(t), "page"))))
	if r.fit != nil {
		for _, l := range r.fit.reasons() {
			lines = append(lines, wrap(l)...)
		}
	}
	lines = append(lines, "")
	lines = append(lines, s.instructionLines(t, width)...)
	if len(lines) > height {
		lines = append(lines[:height-1], st.Dim.Render(fmt.Sprintf("… %s reads the whole term", firstKey(s.sh.keys.TagRead))))
	}
	return strings.Join(lines, "\n")
}

// instructionLines are a term's Instructions as plain text, wrapped, under
// their heading; else its description; else that it has none.
func (s taggingScreen) instructionLines(t *model.Term, width int) []string {
	st := s.sh.styles
	text := strings.TrimSpace(t.Instructions)
	heading := "INSTRUCTIONS"
	if text == "" {
		text, heading = strings.TrimSpace(t.Description), "DESCRIPTION"
	}
	if text == "" {
		none := fmt.Sprintf("No Instructions: no term page tells when to apply this %s.", t.Kind)
		return strings.Split(st.Dim.Render(ansi.Wrap(none, max(width, 10), " /")), "\n")
	}
	text = strings.NewReplacer("**", "", "__", "").Replace(safe.Text(text))
	out := []string{st.LinkLabel.Render(heading)}
	for line := range strings.Lines(text) {
		out = append(out, strings.Split(ansi.Wrap(strings.TrimRight(line, "\n"), max(width, 10), " /"), "\n")...)
	}
	return out
}

// diffView is the summary of the change and the diff of the file, the
// lines it adds and removes in colour.
func (s taggingScreen) diffView() string {
	st := s.sh.styles
	lines := []string{st.Dim.Render(fmt.Sprintf("The change, as git diff will show it. %s writes it, %s goes back.",
		firstKey(s.sh.keys.TagWrite), firstKey(s.sh.keys.Back))), ""}
	p := s.diffPage
	p.total = len(s.diff)
	p.clamp()
	start, end := p.window()
	for _, l := range s.diff[start:end] {
		text := ansi.Truncate(safe.Line(l), s.width, "…")
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"), strings.HasPrefix(l, "@@"):
			text = st.Dim.Render(text)
		case strings.HasPrefix(l, "+"):
			text = st.Added.Render(text)
		case strings.HasPrefix(l, "-"):
			text = st.Removed.Render(text)
		}
		lines = append(lines, text)
	}
	return strings.Join(lines, "\n")
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

// suggestPageCmd weighs the terms of g for the page's text, building the
// suggester when sg is nil.
func suggestPageCmd(gen int, g *model.Graph, sg *learn.Model, root string, p *model.Page, src []byte) tea.Cmd {
	return func() tea.Msg {
		text, _ := loader.ContentText(p.Path, src)
		fits, sg := suggestTerms(g, sg, root, learn.Content{Path: p.Path, Text: text, Date: p.Date})
		return tagSuggestedMsg{path: p.Path, gen: gen, sg: sg, fits: fits}
	}
}

// suggestTerms is where the tagging screen asks which terms fit a page:
// the learned suggester (model/learn), for every taxonomy, built once per
// graph from its terms and the site's tagged pages, their bodies read from
// root as the loader reads them.
func suggestTerms(g *model.Graph, sg *learn.Model, root string, c learn.Content) (map[model.Kind][]termFit, *learn.Model) {
	if sg == nil {
		sg = learn.New(g.Terms(), learn.Examples(g, (&loader.Result{Root: root}).Body))
	}
	kinds := map[string]model.Kind{}
	for _, k := range g.Kinds() {
		kinds[k.Taxonomy()] = k
	}
	out := map[model.Kind][]termFit{}
	for _, r := range sg.Suggest(c, fitsPerKind) {
		k, ok := kinds[r.Taxonomy]
		if !ok {
			continue
		}
		for _, x := range r.Suggestions {
			if t := g.Get(x.Term.ID); t != nil {
				out[k] = append(out[k], termFit{term: t, score: x.Score, learned: r.Learned, why: x.Why, against: x.Against, like: x.Pages})
			}
		}
	}
	return out, sg
}
