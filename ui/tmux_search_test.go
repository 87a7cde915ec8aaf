package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSearchScreensInARealTerminal drives search, find, suggest and compare
// in tmux on the sample's folder, reading the screen as a person would.
func TestSearchScreensInARealTerminal(t *testing.T) {
	t.Parallel()
	bin := tmuxBinary(t)
	data, err := filepath.Abs(filepath.Join("..", "sample", "content"))
	if err != nil {
		t.Fatal(err)
	}
	content, err := filepath.Abs(sauerkraut)
	if err != nil {
		t.Fatal(err)
	}

	tm := &tmux{t: t, socket: fmt.Sprintf("taxo-test-search-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	script := fmt.Sprintf("%q %q; echo TAXO-EXIT=$?; sleep 30", bin, data)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "120", "-y", "40",
		"env", "COLORFGBG=15;0", "TERM=xterm-256color", "sh", "-c", script)
	tm.waitFor("All 36", "Technique")

	// s: the hits replace the list; enter opens the one selected.
	tm.keys("s")
	tm.waitFor("search: ")
	tm.keys("-l", "brine")
	tm.waitFor("search: brine", "7 terms match.", "# Pickling", "# Lacto-Fermentation")
	tm.keys("Enter")
	tm.waitFor("INSTRUCTIONS", "esc back")

	// ctrl+f finds in the term; n goes to the next match.
	tm.keys("C-f")
	tm.waitFor("find: ")
	tm.keys("-l", "vinegar")
	tm.waitFor("find: vinegar", "1/")
	tm.keys("Enter")
	tm.waitFor(`find "vinegar"  1/`)
	tm.keys("n")
	tm.waitFor(`find "vinegar"  2/`)
	// Escapes sent together reach the program as one read, which the
	// terminal's input rules take as alt+esc: each waits for what the one
	// before did, as a person's keys have their moments.
	tm.keys("Escape") // ends the find
	tm.waitGone(`find "vinegar"`)
	tm.keys("Escape") // back to the hits
	tm.waitFor("7 terms match.", "s edits · esc closes", "enter open • s edit search")
	tm.keys("Escape") // closes the search
	tm.waitFor("enter open • / filter • s search")

	// S suggests terms for a file; m marks one.
	tm.keys("S")
	tm.waitFor("Suggest terms for a piece of content")
	tm.keys("-l", content)
	tm.waitFor("sauerkraut.md")
	tm.keys("Enter")
	tm.waitFor("Terms for "+content, "Lacto-Fermentation", "Use this tag only for vegetables or fruit soured")
	tm.keys("m")
	tm.waitFor("marked: Technique")
	tm.keys("Escape")
	tm.waitFor("enter open • / filter • s search") // before "/", lest it read as alt+/

	// c compares the marked term with the one open.
	tm.keys("/")
	tm.waitFor("filter on title and slug")
	tm.keys("-l", "ingredient")
	tm.keys("Enter")
	tm.waitFor("esc back")
	tm.keys("c")
	tm.waitFor("Compare", "◆ Technique", "◆ Ingredient", "Use this concept only for terms that name a method")
	tm.keys("q") // closes the compare screen
	tm.waitGone("Compare")
	tm.keys("q")
	tm.waitFor("TAXO-EXIT=0")
}
