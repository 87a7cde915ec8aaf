package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestInARealTerminal builds taxo and drives it in tmux on the sample's
// folder, reading the screen as a person would see it: it filters, opens a
// term, shows its Instructions and quits with the terminal restored.
func TestInARealTerminal(t *testing.T) {
	t.Parallel()
	bin := tmuxBinary(t)
	data, err := filepath.Abs(filepath.Join("..", "sample", "content"))
	if err != nil {
		t.Fatal(err)
	}

	tm := &tmux{t: t, socket: fmt.Sprintf("taxo-test-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	// After taxo quits, stty shows whether the terminal is back in cooked
	// mode, with echo, as the shell needs it.
	script := fmt.Sprintf("%q %q; echo TAXO-EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ' '; echo; sleep 30", bin, data)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "100", "-y", "30",
		"env", "COLORFGBG=15;0", "TERM=xterm-256color", "sh", "-c", script)

	tm.waitFor("All 36", "Technique")
	tm.keys("/")
	tm.waitFor("filter on title and slug")
	tm.keys("-l", "sourdough")
	tm.waitFor("/ sourdough", "All 1")
	tm.keys("Enter")
	tm.waitFor("INSTRUCTIONS", "Use this tag only for baking leavened by a wild sourdough")
	tm.keys("q")
	screen := tm.waitFor("TAXO-EXIT=0", "icanon")
	if strings.Contains(screen, "INSTRUCTIONS") || strings.Contains(screen, "All 36") {
		t.Fatalf("the browser is still on the screen after quitting:\n%s", screen)
	}
	if !strings.Contains(screen, "icanon echo") {
		t.Fatalf("the terminal is not back in cooked mode with echo:\n%s", screen)
	}
}

// TestLiveReloadInARealTerminal runs taxo in tmux on a copy of the sample
// with a config file that sets the light theme and rebinds quit to x, then
// edits the file of the term on the screen: the screen shows the edit with
// the term still selected, and x quits.
func TestLiveReloadInARealTerminal(t *testing.T) {
	t.Parallel()
	bin := tmuxBinary(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "content")
	if err := os.CopyFS(data, os.DirFS(filepath.Join("..", "sample", "content"))); err != nil {
		t.Fatal(err)
	}
	xdg := filepath.Join(dir, "config")
	if err := os.MkdirAll(filepath.Join(xdg, "taxo"), 0o755); err != nil {
		t.Fatal(err)
	}
	config := "theme: light\nkeys:\n  quit: x\n"
	if err := os.WriteFile(filepath.Join(xdg, "taxo", "config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}

	tm := &tmux{t: t, socket: fmt.Sprintf("taxo-test-live-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	script := fmt.Sprintf("%q %q; echo TAXO-EXIT=$?; sleep 30", bin, data)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "100", "-y", "30",
		"env", "XDG_CONFIG_HOME="+xdg, "TERM=xterm-256color", "sh", "-c", script)

	tm.waitFor("All 36", "x quit")
	tm.keys("/")
	tm.waitFor("filter on title and slug")
	tm.keys("-l", "kimchi")
	tm.keys("Enter")
	tm.waitFor("INSTRUCTIONS", "Korea's family of salted")

	file := filepath.Join(data, "tags", "kimchi", "_index.md")
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(text), "Korea's family of salted", "Edited on disk, Korea's family of salted", 1)
	start := time.Now()
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Edited on disk, Korea's family", "Reloaded: files changed on disk.")
	t.Logf("the edit was on the screen %v after it was written", time.Since(start).Round(10*time.Millisecond))

	// q is no longer quit: the browser still takes the keys after it.
	tm.keys("q", "Escape")
	tm.waitFor("Edited on disk", "enter open • / filter")
	tm.keys("x")
	tm.waitFor("TAXO-EXIT=0")
}

// tmux drives one tmux server of the test's own.
type tmux struct {
	t      *testing.T
	socket string
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends keys. A test waits for what they show before it sends an
// escape and then another key: sent together, an esc and a letter read as
// alt+letter, as in any terminal.
func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	tm.run(append([]string{"send-keys", "-t", "taxo"}, keys...)...)
}

// waitFor polls the screen until it shows every part, and returns it.
func (tm *tmux) waitFor(parts ...string) string {
	tm.t.Helper()
	return tm.poll(func(screen string) string {
		for _, p := range parts {
			if !strings.Contains(screen, p) {
				return fmt.Sprintf("the screen never showed %q", p)
			}
		}
		return ""
	})
}

// waitGone polls the screen until it shows none of the parts.
func (tm *tmux) waitGone(parts ...string) string {
	tm.t.Helper()
	return tm.poll(func(screen string) string {
		for _, p := range parts {
			if strings.Contains(screen, p) {
				return fmt.Sprintf("the screen kept showing %q", p)
			}
		}
		return ""
	})
}

// poll reads the screen until wrong says nothing is wrong with it, for
// at most 20 seconds, and returns it.
func (tm *tmux) poll(wrong func(screen string) string) string {
	tm.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		screen := tm.run("capture-pane", "-p", "-t", "taxo")
		problem := wrong(screen)
		if problem == "" {
			return screen
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s:\n%s", problem, screen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// builtBinary is taxo built once for the real-terminal tests of a run, in
// a folder TestMain removes.
var builtBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "taxo-tmux-test-")
	if err != nil {
		return "", err
	}
	builtDir = dir
	bin := filepath.Join(dir, "taxo")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

var builtDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// tmuxBinary skips a test that needs a real terminal when tmux is missing
// or the tests are short, and otherwise returns the built taxo.
func tmuxBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and starts tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	bin, err := builtBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
