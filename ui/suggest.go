package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
	"taxo/ui/prefs"
)

// suggestLimit is how many terms of each taxonomy the suggestions show,
// as taxo suggest does by default.
const suggestLimit = 5

// maxChoices is how many names tab shows when it cannot pick one.
const maxChoices = 12

// suggestScreen asks for a file (its prompt is focused then), reads it and
// shows the terms of every taxonomy of the taxonomy shown that fit its
// content, best first, as taxo suggest does: each with its score, the
// first line of its Instructions, the words that counted and, where the
// site's tagged pages taught the model, the pages like the file that carry
// the term. enter opens a term, or a page; m and c mark and compare.
//
// The file is read, and the terms weighed, in a tea.Cmd, with the
// taxonomy's learned model (learnedModel), which the first S builds and
// the tagging screen shares: the taxonomy may be large, and the file may
// be on a slow disk.
type suggestScreen struct {
	basic
	sh    *shared
	input textinput.Model
	cwd   string // what a relative path is relative to
	home  string // what ~ stands for

	g       *model.Graph
	gen     int
	root    string        // the site's folder, to name a file of it as its pages are named
	learned *learnedModel // the taxonomy's, shared with the tagging screen

	reading bool
	terms   int      // how many terms are weighed, for the prompt
	problem string   // why the file named gave no suggestions
	choices []string // the names tab found when it could not pick one
	seq     int      // counts reads and completions, so that late ones are dropped
	// completed maps a path tab put in the prompt, as the prompt holds
	// it, to the path itself: a name with characters the prompt cannot
	// hold (control characters, bytes that are not UTF-8) is shown made
	// safe, and read by its own name.
	completed map[string]string

	path  string // the file the suggestions are for, as typed
	note  string // what went wrong reading it, though it was read
	got   []kindFits
	items []suggestItem // every suggested term and page like the file, in the order shown

	at            int   // the item under the cursor
	page          pager // over the lines of the suggestions
	width, height int
}

// suggestItem is a line the cursor can be on: a term suggested, or a
// tagged page like the file that carries the term above it.
type suggestItem struct {
	term *model.Term
	page *learn.PageRef // nil on a term's line
}

// newSuggest makes the screen; cwd is what a relative path is relative to
// ("" for the working folder) and home what ~ stands for.
func newSuggest(sh *shared, cwd, home string) suggestScreen {
	in := textinput.New()
	in.Prompt = "file: "
	in.Placeholder = "path of a markdown file"
	in.SetStyles(sh.styles.Input)
	s := suggestScreen{sh: sh, input: in, cwd: cwd, home: home}
	return s
}

// messages

// suggestMsg opens the prompt, the file last named already typed.
type suggestMsg struct{}

// suggestedMsg brings the suggestions for a file, or why there are none.
type suggestedMsg struct {
	seq  int
	gen  int // of the taxonomy they were weighed in
	path string
	got  []kindFits
	note string
	err  error
}

// completedMsg brings a path completed by tab, for the text it completed.
type completedMsg struct {
	seq       int
	completed string
	choices   []string
}

func (suggestMsg) screen() mode   { return modeSuggest }
func (suggestedMsg) screen() mode { return modeSuggest }
func (completedMsg) screen() mode { return modeSuggest }

// Update reads keys as the prompt or the suggestions, and takes in the
// file read and the path completed.
func (s suggestScreen) Update(msg tea.Msg) (suggestScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case suggestMsg:
		cmd = s.open()
	case suggestedMsg:
		s.suggested(msg)
	case completedMsg:
		if msg.seq == s.seq && s.input.Focused() {
			s.complete(msg)
		}
	case taxonomyMsg:
		s.setTaxonomy(msg)
	case sizeMsg:
		s.width, s.height = msg.width, max(msg.height, 1)
		s.clamp()
	case stylesMsg:
		s.input.SetStyles(s.sh.styles.Input)
	case tea.KeyPressMsg:
		cmd = s.handleKey(msg)
	case tea.PasteMsg:
		cmd = s.paste(msg.Content)
	case tea.MouseWheelMsg:
		if !s.input.Focused() {
			s.at = moved(s.keyMap(), msg, s.at, 0, 1, 0)
			s.clamp()
		}
	default:
		cmd = s.typePath(msg)
	}
	return s, cmd
}

// keyMap is the key map as the screen's state has it: the prompt's keys
// while it is typed, else the suggestions'.
func (s suggestScreen) keyMap() prefs.KeyMap {
	typing := s.input.Focused()
	keys := s.sh.keysWhile(typing, !typing)
	enable(&keys.Toggle, false)
	enable(&keys.Cancel, true)
	return keys
}

func (s *suggestScreen) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := s.keyMap()
	switch {
	case key.Matches(k, keys.Accept):
		return s.read()
	case key.Matches(k, keys.Complete):
		s.seq++
		typed, _ := s.typed()
		return completeCmd(s.seq, typed, s.cwd, s.home)
	case key.Matches(k, keys.Open):
		s.openSelected()
	case key.Matches(k, keys.Mark):
		s.sh.tell(markMsg{term: s.selected()})
	case key.Matches(k, keys.Compare):
		s.sh.tell(compareMsg{term: s.selected()})
	case key.Matches(k, keys.Suggest):
		return s.open()
	case key.Matches(k, keys.Cancel, keys.Back, keys.Quit):
		s.seq++ // a read on its way is no longer wanted
		s.reading = false
		s.input.Blur()
		s.sh.tell(closeMsg{from: modeSuggest})
	case s.input.Focused():
		return s.typePath(k)
	default:
		s.at = moved(keys, k, s.at, max(s.page.height/2, 1), 1, len(s.items)-1)
		s.clamp()
	}
	return nil
}

// open asks for a file, the last one named already typed, and has the
// learned model built meanwhile, if no screen has yet.
func (s *suggestScreen) open() tea.Cmd {
	if s.cwd == "" {
		s.cwd, _ = os.Getwd()
	}
	s.terms = definedTerms(s.g)
	s.problem, s.choices = "", nil
	s.sh.tell(openMsg{to: modeSuggest})
	s.input.CursorEnd()
	return tea.Batch(s.input.Focus(), s.learned.warmCmd())
}

// openSelected goes into the term under the cursor, or to the page.
func (s *suggestScreen) openSelected() {
	if s.at >= len(s.items) {
		return
	}
	it := s.items[s.at]
	if it.page == nil {
		s.sh.tell(visitMsg{term: it.term})
		return
	}
	if p := s.g.Page(it.page.Path); p != nil {
		s.sh.tell(visitPageMsg{page: p})
		return
	}
	s.sh.tell(statusMsg{text: fmt.Sprintf("%s is no longer a page of the site.", safe.Line(it.page.Path))})
}

// read reads the file typed, in a command, and weighs the terms for it.
func (s *suggestScreen) read() tea.Cmd {
	typed, shown := s.typed()
	if typed == "" {
		s.problem = "Type the path of a file"
		return nil
	}
	s.seq++
	s.reading, s.problem, s.choices = true, "", nil
	path := expandPath(typed, s.cwd, s.home)
	return suggestCmd(s.seq, s.gen, s.learned, s.g, path, shown, sitePath(s.root, path))
}

// suggested takes in the suggestions for the file read, or why there are
// none, unless the prompt was closed or another file named meanwhile.
func (s *suggestScreen) suggested(msg suggestedMsg) {
	if msg.seq != s.seq || !s.input.Focused() {
		return
	}
	s.reading = false
	if msg.err != nil {
		s.problem = msg.err.Error()
		return
	}
	got := msg.got
	if msg.gen != s.gen { // weighed in the taxonomy before a reload
		got = rebase(got, s.g)
	}
	s.input.Blur()
	s.set(msg.path, got, msg.note)
}

// paste takes text pasted into the prompt: a piece of content is
// suggested for at once, a path goes into the prompt as if typed.
func (s *suggestScreen) paste(text string) tea.Cmd {
	if !s.input.Focused() {
		return nil
	}
	if !pastedContent(text) {
		return s.typePath(tea.PasteMsg{Content: text})
	}
	s.seq++
	s.reading, s.problem, s.choices = true, "", nil
	shown := fmt.Sprintf("the text pasted (%s)", english.Plural(len(strings.Fields(text)), "word"))
	return suggestTextCmd(s.seq, s.gen, s.learned, s.g, text, shown)
}

// pastedContent reports whether text pasted is a piece of content rather
// than a file's path: it has a line break, or four words or more.
func pastedContent(text string) bool {
	return strings.ContainsAny(strings.TrimSpace(text), "\n\r") || len(strings.Fields(text)) >= 4
}

// typePath gives the prompt what is typed or pasted; a change clears what
// the last file or tab said.
func (s *suggestScreen) typePath(msg tea.Msg) tea.Cmd {
	if !s.input.Focused() {
		return nil
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() != before {
		s.problem, s.choices = "", nil
	}
	return cmd
}

// Help is the prompt's help line, or the suggestions'.
func (s suggestScreen) Help() []key.Binding {
	k := s.keyMap()
	if s.input.Focused() {
		return []key.Binding{brief(k.Complete, "complete"), brief(k.Accept, "suggest"), brief(k.Cancel, "close")}
	}
	return []key.Binding{
		pair(k.Up, k.Down, "move"), brief(k.Open, "open"), brief(k.Mark, "mark"),
		brief(k.Compare, "compare"), brief(k.Suggest, "another file"), pair(k.Cancel, k.Quit, "close"),
	}
}

// setTaxonomy follows a new graph: the suggestions keep the terms still
// there, and the new taxonomy's learned model is built when next wanted.
func (s *suggestScreen) setTaxonomy(msg taxonomyMsg) {
	s.g, s.gen, s.root, s.learned = msg.tx.Graph, msg.gen, msg.tx.Root, msg.learned
	at := s.at
	s.set(s.path, rebase(s.got, s.g), s.note)
	s.at = at
	s.clamp()
}

// rebase is the suggestions with each term taken from g, those g lacks
// left out.
func rebase(got []kindFits, g *model.Graph) []kindFits {
	out := make([]kindFits, 0, len(got))
	for _, kf := range got {
		kept := kindFits{kind: kf.kind, learned: kf.learned}
		for _, f := range kf.fits {
			if f.term = g.Get(f.term.ID); f.term != nil {
				kept.fits = append(kept.fits, f)
			}
		}
		out = append(out, kept)
	}
	return out
}

// set shows the suggestions for a file, the first selected.
func (s *suggestScreen) set(path string, got []kindFits, note string) {
	s.path, s.got, s.note = path, got, note
	s.items = s.items[:0]
	for _, kf := range got {
		for _, f := range kf.fits {
			s.items = append(s.items, suggestItem{term: f.term})
			for i := range f.like {
				s.items = append(s.items, suggestItem{term: f.term, page: &f.like[i]})
			}
		}
	}
	s.at, s.page.offset = 0, 0
	s.clamp()
}

// selected is the term under the cursor (a page's is the term it carries),
// or nil.
func (s suggestScreen) selected() *model.Term {
	if s.at < 0 || s.at >= len(s.items) {
		return nil
	}
	return s.items[s.at].term
}

// commands

// suggestCmd reads the file at path and weighs the terms of g for it with
// the learned model; rel is where the file is in the site ("" when it is
// not in it), so that a page of the site is not its own evidence.
func suggestCmd(seq, gen int, l *learnedModel, g *model.Graph, path, shown, rel string) tea.Cmd {
	return func() tea.Msg {
		c, note, err := readContent(path, shown)
		if err != nil {
			return suggestedMsg{seq: seq, err: err}
		}
		c.Path = rel
		return suggestedMsg{seq: seq, gen: gen, path: shown, got: fitsFor(l.get(), g, c, suggestLimit), note: note}
	}
}

// suggestTextCmd weighs the terms of g for text pasted, read as a file's
// would be (front matter and all).
func suggestTextCmd(seq, gen int, l *learnedModel, g *model.Graph, text, shown string) tea.Cmd {
	return func() tea.Msg {
		content, _ := loader.ContentText(shown, []byte(text))
		if strings.TrimSpace(content) == "" {
			return suggestedMsg{seq: seq, err: errors.New("the text pasted is empty")}
		}
		got := fitsFor(l.get(), g, learn.Content{Text: content}, suggestLimit)
		return suggestedMsg{seq: seq, gen: gen, path: shown, got: got}
	}
}

// sitePath is where path is from the site's root, as its pages' paths
// are, or "" when it is not in root (or there is no root).
func sitePath(root, path string) string {
	if root == "" {
		return ""
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	if rel, err := filepath.Rel(abs, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return ""
}

// readContent reads a piece of content as taxo suggest does, with the
// reader of every file a user names (safe.ReadFile): only a regular file
// of at most safe.MaxNamedFile, so that a named pipe, a device or a huge
// file cannot hang the browser; shown is the path as the messages name it.
func readContent(path, shown string) (c learn.Content, note string, err error) {
	src, err := safe.ReadFile(path, safe.MaxNamedFile)
	if err != nil {
		// Its errors start with the path; the prompt's name it as typed.
		msg := err.Error()
		if full := safe.Line(path); strings.HasPrefix(msg, full) {
			msg = safe.Line(shown) + msg[len(full):]
		}
		if info, serr := os.Stat(path); serr == nil && info.IsDir() {
			msg += ": name a file in it (tab lists them)"
		}
		return c, "", errors.New(msg)
	}
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0 {
		return c, "", fmt.Errorf("%s is not text", shown)
	}
	text, problems := loader.ContentText(shown, src)
	if strings.TrimSpace(text) == "" {
		return c, "", fmt.Errorf("%s is empty", shown)
	}
	if len(problems) > 0 {
		note = problems[0].Error() + "; its front matter was matched as text"
	}
	c.Text = text
	if t, _ := loader.Parse(shown, src, "content", model.Tag); t != nil {
		c.Date = t.Date // recent habits count for more
	}
	return c, note, nil
}
