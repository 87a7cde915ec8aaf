package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
)

// The suggest prompt's paths: tab completing them as a shell does, ~ and
// relative paths, and the names tab offers when it cannot pick one.

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
