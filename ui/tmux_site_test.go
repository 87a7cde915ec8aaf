package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteInARealTerminal runs taxo in tmux on a copy of the fixture site,
// as an editor would use it: the taxonomies as tabs, French one key away,
// the Pages tab filtered by a term, a page opened with its body; then a
// page edited on disk in the French folder's file shows in the page view
// (the site's pages are watched, not only its term folders).
func TestSiteInARealTerminal(t *testing.T) {
	t.Parallel()
	bin := tmuxBinary(t)
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(siteDir)); err != nil {
		t.Fatal(err)
	}
	tm := &tmux{t: t, socket: fmt.Sprintf("taxo-test-site-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	script := fmt.Sprintf("%q %q; echo TAXO-EXIT=$?; sleep 30", bin, dir)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "120", "-y", "30",
		"env", "NO_COLOR=1", "XDG_CONFIG_HOME="+t.TempDir(), "TERM=xterm-256color", "sh", "-c", script)

	tm.waitFor("[en] fr", "All 13  Categories 2  Tags 8  Levels 2  Series 1  Pages 8", "Recipes                            2")
	tm.keys("L")
	tm.waitFor("en [fr]", "All 3  Categories 1  Tags 2", "Language: fr (2 of 2).")
	tm.keys("L")
	tm.waitFor("[en] fr", "All 13")

	tm.keys("t")
	tm.waitFor("Filter pages by terms")
	tm.keys("-l", "baking")
	tm.keys("Enter")
	tm.waitFor("carrying Baking", "Pages 2", "A sourdough starter from scratch")
	tm.keys("Enter")
	tm.waitFor("tab term • enter follow", "Mix 50 g of rye flour", "Levels      beginner")

	page := filepath.Join(dir, "content", "post", "sourdough-starter.md")
	text, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(text), "Mix **50 g**", "Edited on disk: mix **50 g**", 1)
	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Edited on disk: mix 50 g", "Reloaded: files changed on disk.", "carrying Baking")
	tm.keys("q")
	tm.waitFor("TAXO-EXIT=0")
}
