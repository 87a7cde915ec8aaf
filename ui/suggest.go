package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/english"
	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/ui/prefs"
)

// suggestLimit is how many terms of each kind the suggestions show, as
// taxo suggest does by default.
const suggestLimit = 5

// maxChoices is how many names tab shows when it cannot pick one.
const maxChoices = 12

// suggestScreen asks for a file (its prompt is focused then), reads it and
// shows the concepts, categories and tags that fit its content, best
// first, each with its score and the first line of its Instructions;
// enter opens one, m and c mark and compare from there.
//
// The file is read, and the suggester built (once per graph), in a
// tea.Cmd: the taxonomy may be large, and the file may be on a slow disk.
type suggestScreen struct {
	basic
	sh    *shared
	input textinput.Model
	cwd   string // what a relative path is relative to
	home  string // what ~ stands for

	g   *model.Graph
	gen int

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

	sg    *model.Suggester
	sgGen int

	path  string // the file the suggestions are for, as typed
	note  string // what went wrong reading it, though it was read
	got   [model.NumKinds][]model.Suggestion
	items []*model.Term // every suggested term, in the order shown

	at            int   // the suggestion under the cursor
	page          pager // over the lines of the suggestions
	width, height int
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
	gen  int
	path string
	sg   *model.Suggester
	got  [model.NumKinds][]model.Suggestion
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
		s.page.setHeight(s.height - s.sh.styles.Box.GetVerticalFrameSize() - 3)
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
		if t := s.selected(); t != nil {
			s.sh.tell(visitMsg{term: t})
		}
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

// open asks for a file, the last one named already typed.
func (s *suggestScreen) open() tea.Cmd {
	if s.cwd == "" {
		s.cwd, _ = os.Getwd()
	}
	s.terms = definedTerms(s.g)
	s.problem, s.choices = "", nil
	s.sh.tell(openMsg{to: modeSuggest})
	s.input.CursorEnd()
	return s.input.Focus()
}

// complete puts the path tab completed in the prompt, made safe to show,
// and remembers it as it is.
func (s *suggestScreen) complete(msg completedMsg) {
	s.input.SetValue(safe.Line(msg.completed))
	s.input.CursorEnd()
	s.choices, s.problem = msg.choices, ""
	held := s.input.Value()
	for shown := range s.completed {
		if !strings.HasPrefix(held, shown) {
			delete(s.completed, shown)
		}
	}
	if held != msg.completed {
		if s.completed == nil {
			s.completed = make(map[string]string)
		}
		s.completed[held] = msg.completed
	}
}

// typed is the path in the prompt, with what tab completed there as it is
// on disk.
func (s suggestScreen) typed() (path, shown string) {
	shown = s.input.Value()
	path = shown
	longest := 0
	for held, real := range s.completed {
		if len(held) > longest && strings.HasPrefix(shown, held) {
			path, longest = real+shown[len(held):], len(held)
		}
	}
	return strings.TrimSpace(path), strings.TrimSpace(shown)
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
	sg := s.sg
	if s.sgGen != s.gen {
		sg = nil
	}
	return suggestCmd(s.seq, s.gen, s.g, sg, expandPath(typed, s.cwd, s.home), shown)
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
	if msg.gen == s.gen {
		s.sg, s.sgGen = msg.sg, msg.gen
	}
	s.input.Blur()
	s.set(msg.path, msg.got, msg.note)
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
	sg := s.sg
	if s.sgGen != s.gen {
		sg = nil
	}
	shown := fmt.Sprintf("the text pasted (%s)", english.Plural(len(strings.Fields(text)), "word"))
	return suggestTextCmd(s.seq, s.gen, s.g, sg, text, shown)
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
// there, and the suggester is built anew when next wanted.
func (s *suggestScreen) setTaxonomy(msg taxonomyMsg) {
	s.g, s.gen = msg.tx.Graph, msg.gen
	var got [model.NumKinds][]model.Suggestion
	for k, sgs := range s.got {
		for _, sg := range sgs {
			if t := s.g.Get(sg.Term.ID); t != nil {
				sg.Term = t
				got[k] = append(got[k], sg)
			}
		}
	}
	at := s.at
	s.set(s.path, got, s.note)
	s.at = at
	s.clamp()
}

// set shows the suggestions for a file, the first selected.
func (s *suggestScreen) set(path string, got [model.NumKinds][]model.Suggestion, note string) {
	s.path, s.got, s.note = path, got, note
	s.items = s.items[:0]
	for _, k := range model.Kinds {
		for _, sg := range got[k] {
			s.items = append(s.items, sg.Term)
		}
	}
	s.at, s.page.offset = 0, 0
	s.clamp()
}

// selected is the term under the cursor, or nil.
func (s suggestScreen) selected() *model.Term {
	if s.at < 0 || s.at >= len(s.items) {
		return nil
	}
	return s.items[s.at]
}

// inner is the width inside the frame.
func (s suggestScreen) inner() int { return max(s.width-s.sh.styles.Box.GetHorizontalFrameSize(), 20) }

// clamp keeps the cursor on a term, with all its lines in view, the
// heading over the first term too.
func (s *suggestScreen) clamp() {
	s.at = max(min(s.at, len(s.items)-1), 0)
	lines, at := s.body()
	first, last := 0, 0
	if s.at < len(at) {
		first, last = at[s.at], len(lines)
		if s.at+1 < len(at) {
			last = at[s.at+1]
		}
		if s.at == 0 {
			first = 0
		}
	}
	s.page.total = len(lines)
	s.page.reveal(first, last)
	s.page.clamp()
}

// body is every line of the suggestions, per kind, and the line of each
// term in it: the score, the term and the first line of its Instructions,
// then the words of the file that fit it and those its Instructions
// exclude, as taxo suggest says them.
func (s suggestScreen) body() (lines []string, at []int) {
	st := s.sh.styles
	inner := s.inner()
	width := 0
	for _, sgs := range s.got {
		for _, sg := range sgs {
			width = max(width, len(strconv.FormatFloat(sg.Score, 'f', 2, 64)))
		}
	}
	indent := strings.Repeat(" ", width+6)
	i := 0
	for _, k := range model.Kinds {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.LinkLabel.Render(k.Label()))
		if len(s.got[k]) == 0 {
			lines = append(lines, "  "+st.Dim.Render("None fits."))
		}
		for _, sg := range s.got[k] {
			at = append(at, len(lines))
			score := fmt.Sprintf("%*s", width, strconv.FormatFloat(sg.Score, 'f', 2, 64))
			lines = append(lines, s.row(sg, score, i == s.at, inner))
			for _, l := range s.reasons(sg, max(inner-len(indent), 1)) {
				lines = append(lines, indent+l)
			}
			i++
		}
	}
	if s.note != "" {
		lines = append(lines, "")
		for l := range strings.SplitSeq(ansi.Wrap(safe.Line(s.note), inner, " /"), "\n") {
			lines = append(lines, st.Problems.Render(l))
		}
	}
	return lines, at
}

// reasons say which words of the file counted for a suggestion and which
// against it, on one line when they fit in width columns, else on two.
func (s suggestScreen) reasons(sg model.Suggestion, width int) []string {
	st := s.sh.styles
	var fit, against string
	if len(sg.Why) > 0 {
		fit = "words that fit: " + safe.Line(strings.Join(sg.Why, ", "))
	}
	if len(sg.Against) > 0 {
		against = "words its Instructions exclude: " + safe.Line(strings.Join(sg.Against, ", "))
	}
	cut := func(text string) string { return ansi.Truncate(text, width, "…") }
	switch {
	case against == "":
		return []string{st.Item.Render(cut(fit))}
	case fit == "":
		return []string{st.Problems.Render(cut(against))}
	case ansi.StringWidth(fit)+3+ansi.StringWidth(against) <= width:
		return []string{st.Item.Render(fit) + st.Dim.Render(" · ") + st.Problems.Render(against)}
	}
	return []string{st.Item.Render(cut(fit)), st.Problems.Render(cut(against))}
}

// row draws one suggestion: a cursor mark, the score, the kind marker, the
// title, and the first line of its Instructions as far as it fits.
func (s suggestScreen) row(sg model.Suggestion, score string, cursor bool, width int) string {
	st := s.sh.styles
	marker := kindMarker(sg.Term.Kind)
	title := safe.Line(sg.Term.DisplayTitle())
	lead := "  " + leadLine(sg.Term)
	if cursor {
		line := ansi.Truncate("› "+score+"  "+marker+" "+title, width, "…")
		return st.Selected.Render(line) + st.Dim.Render(ansi.Truncate(lead, max(width-ansi.StringWidth(line), 0), "…"))
	}
	line := "  " + st.Score.Render(score) + "  " + st.Kinds[sg.Term.Kind].Render(marker) + " " + st.Item.Render(title)
	line = ansi.Truncate(line, width, "…")
	return line + st.Dim.Render(ansi.Truncate(lead, max(width-ansi.StringWidth(line), 0), "…"))
}

// leadLine is the first line of a term's Instructions without markdown
// emphasis, or its description when it has no Instructions.
func leadLine(t *model.Term) string {
	for line := range strings.Lines(t.Instructions) {
		line = strings.TrimSpace(strings.NewReplacer("**", "", "__", "").Replace(line))
		line = strings.TrimSpace(strings.TrimLeft(line, "#>-*+ "))
		if line != "" {
			return safe.Line(line)
		}
	}
	return safe.Line(strings.Join(strings.Fields(t.Description), " "))
}

// View draws the prompt in a box in the middle of the body, or the
// suggestions filling it.
func (s suggestScreen) View() string {
	if s.input.Focused() {
		return center(s.promptView(min(s.width, 76)), s.width, s.height)
	}
	st := s.sh.styles
	keys := s.sh.keys
	inner := s.inner()
	title := st.Title.Render("Terms for "+safe.Line(s.path)) + st.Dim.Render(fmt.Sprintf("  %s opens · %s closes", firstKey(keys.Open), firstKey(keys.Cancel)))
	out := []string{ansi.Truncate(title, inner, "…"), st.Dim.Render(ansi.Truncate(scoreLegend, inner, "…")), ""}
	lines, _ := s.body()
	p := s.page
	p.total = len(lines)
	start, end := p.window()
	out = append(out, lines[start:end]...)
	return st.Box.Width(s.width).Height(s.height).MaxHeight(s.height).Render(strings.Join(out, "\n"))
}

// scoreLegend says what the scores are, which a bare "41.69" does not,
// as taxo suggest does.
const scoreLegend = "Best first: a score ranks the terms for this file and is not a percentage."

// promptView draws the box that asks for the file, width columns wide.
func (s suggestScreen) promptView(width int) string {
	st := s.sh.styles
	keys := s.sh.keys
	inner := max(width-st.Box.GetHorizontalFrameSize(), 20)
	s.input.SetWidth(max(inner-len(s.input.Prompt)-1, 5))
	lines := []string{
		st.Title.Render("Suggest terms for a piece of content"),
		st.Dim.Render(ansi.Truncate("Paste text, or a markdown file relative to "+safe.Line(s.tildePath(s.cwd)), inner, "…")),
		"",
		s.input.View(),
		"",
	}
	switch {
	case s.reading:
		lines = append(lines, st.Dim.Render(fmt.Sprintf("Reading the file and weighing %s…", english.Plural(s.terms, "term"))))
	case s.problem != "":
		for l := range strings.SplitSeq(ansi.Wrap(safe.Line(s.problem), inner, " /"), "\n") {
			lines = append(lines, st.Problems.Render(l))
		}
	case len(s.choices) > 0:
		lines = append(lines, choicesLines(s.choices, inner, st.Dim.Render)...)
	default:
		lines = append(lines, st.Dim.Render(fmt.Sprintf("%s completes · %s suggests · %s closes",
			firstKey(keys.Complete), firstKey(keys.Accept), firstKey(keys.Cancel))))
	}
	return st.Box.Width(width).Render(strings.Join(lines, "\n"))
}

// choicesLines flows names into lines of width columns, as a shell lists
// completions, with how many more there are after maxChoices.
func choicesLines(names []string, width int, render func(...string) string) []string {
	var lines []string
	line := ""
	shown := names[:min(len(names), maxChoices)]
	for _, n := range shown {
		n = ansi.Truncate(safe.Line(n), width, "…")
		if line != "" && ansi.StringWidth(line)+2+ansi.StringWidth(n) > width {
			lines = append(lines, render(line))
			line = ""
		}
		if line != "" {
			line += "  "
		}
		line += n
	}
	if more := len(names) - len(shown); more > 0 {
		line += fmt.Sprintf("  … %d more", more)
	}
	return append(lines, render(ansi.Truncate(line, width, "…")))
}

// tildePath writes a path under the home folder with ~, as a shell does.
func (s suggestScreen) tildePath(p string) string {
	if s.home != "" && (p == s.home || strings.HasPrefix(p, s.home+string(filepath.Separator))) {
		return "~" + p[len(s.home):]
	}
	return p
}

// expandPath makes a path typed absolute: ~ is the home folder, and a
// relative path is relative to cwd.
func expandPath(p, cwd, home string) string {
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "~"+string(filepath.Separator))) {
		p = filepath.Join(home, p[1:])
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(cwd, p)
	}
	return filepath.Clean(p)
}

// commands

// suggestCmd reads the file at path and ranks the terms of g for it,
// building the suggester when sg is nil.
func suggestCmd(seq, gen int, g *model.Graph, sg *model.Suggester, path, shown string) tea.Cmd {
	return func() tea.Msg {
		text, note, err := readContent(path, shown)
		if err != nil {
			return suggestedMsg{seq: seq, err: err}
		}
		if sg == nil {
			sg = model.NewSuggester(g)
		}
		return suggestedMsg{seq: seq, gen: gen, path: shown, sg: sg, got: sg.Suggest(text, suggestLimit), note: note}
	}
}

// suggestTextCmd ranks the terms of g for text pasted, read as a file's
// would be (front matter and all), building the suggester when sg is nil.
func suggestTextCmd(seq, gen int, g *model.Graph, sg *model.Suggester, text, shown string) tea.Cmd {
	return func() tea.Msg {
		content, _ := loader.ContentText(shown, []byte(text))
		if strings.TrimSpace(content) == "" {
			return suggestedMsg{seq: seq, err: errors.New("the text pasted is empty")}
		}
		if sg == nil {
			sg = model.NewSuggester(g)
		}
		return suggestedMsg{seq: seq, gen: gen, path: shown, sg: sg, got: sg.Suggest(content, suggestLimit)}
	}
}

// readContent reads a piece of content as taxo suggest does, with the
// reader of every file a user names (safe.ReadFile): only a regular file
// of at most safe.MaxNamedFile, so that a named pipe, a device or a huge
// file cannot hang the browser; shown is the path as the messages name it.
func readContent(path, shown string) (text, note string, err error) {
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
		return "", "", errors.New(msg)
	}
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0 {
		return "", "", fmt.Errorf("%s is not text", shown)
	}
	text, problems := loader.ContentText(shown, src)
	if strings.TrimSpace(text) == "" {
		return "", "", fmt.Errorf("%s is empty", shown)
	}
	if len(problems) > 0 {
		note = problems[0].Error() + "; its front matter was matched as text"
	}
	return text, note, nil
}

// completeCmd completes the path typed, reading the folder it names.
func completeCmd(seq int, typed, cwd, home string) tea.Cmd {
	return func() tea.Msg {
		completed, choices := completePath(typed, cwd, home)
		return completedMsg{seq: seq, completed: completed, choices: choices}
	}
}

// completePath completes the last part of a path typed, as a shell does:
// to the one name in its folder that starts with it (a folder's with a
// slash after it), else as far as all such names agree, with those names
// as choices. Hidden names are left out unless the part starts with a dot.
func completePath(typed, cwd, home string) (string, []string) {
	i := strings.LastIndexAny(typed, "/"+string(filepath.Separator))
	dirPart, base := typed[:i+1], typed[i+1:]
	if typed == "~" {
		dirPart, base = "~/", ""
	}
	dir := cwd
	if dirPart != "" {
		dir = expandPath(dirPart, cwd, home)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return typed, nil
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if isDirEntry(dir, e) {
			name += "/"
		}
		names = append(names, name)
	}
	switch len(names) {
	case 0:
		return typed, nil
	case 1:
		return dirPart + names[0], nil
	}
	slices.Sort(names)
	common := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, common) {
			common = common[:len(common)-1]
		}
	}
	return dirPart + common, names
}

// isDirEntry reports whether an entry is a folder, or a link to one.
func isDirEntry(dir string, e fs.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return false
	}
	info, err := os.Stat(filepath.Join(dir, e.Name()))
	return err == nil && info.IsDir()
}
