package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestShowPagesInARealTerminal runs taxo show in tmux, a terminal of 80×24,
// with PAGER set to a script that keeps what it is given: a term taller
// than the terminal goes through it, with its colours; --no-pager, a term
// that fits and a pipe print directly.
func TestShowPagesInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "taxo")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	pager := filepath.Join(dir, "pager")
	writeFile(t, pager, "#!/bin/sh\ncat > \"$1\"\necho FAKE PAGER RAN\n")
	if err := os.Chmod(pager, 0o755); err != nil {
		t.Fatal(err)
	}
	paged := func(name string) string { return filepath.Join(dir, name+".txt") }
	// Pickling is taller than 24 lines at 80 columns; Smoking, which has no
	// file, is a few lines.
	runs := []struct {
		name, args string
		paged      bool
	}{
		{"tall", "show pickling", true},
		{"no-pager", "show pickling --no-pager", false},
		{"short", "show smoking", false},
		{"piped", "show pickling | cat >/dev/null", false},
	}
	var script strings.Builder
	for _, r := range runs {
		fmt.Fprintf(&script, "PAGER='%s %s' %s %s; echo %s=$?; ", pager, paged(r.name), bin, r.args, r.name)
	}
	script.WriteString("echo ALL-DONE; sleep 30")
	socket := fmt.Sprintf("taxo-cli-pager-%d", os.Getpid())
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })
	start := exec.Command("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "taxo", "-x", "80", "-y", "24",
		"env", "TERM=xterm-256color", "COLORFGBG=15;0", "LESS=", "sh", "-c", script.String())
	if out, err := start.CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	screen := waitForScreen(t, socket, "ALL-DONE")
	for _, r := range runs {
		if !strings.Contains(screen, r.name+"=0") {
			t.Errorf("%s: taxo did not exit 0:\n%s", r.name, screen)
		}
		got, err := os.ReadFile(paged(r.name))
		switch {
		case !r.paged && err == nil:
			t.Errorf("%s: the pager ran", r.name)
		case r.paged && err != nil:
			t.Errorf("%s: the pager did not run: %v\n%s", r.name, err, screen)
		case r.paged:
			text := string(got)
			for _, want := range []string{"Pickling", "INSTRUCTIONS", "Used by", "\x1b["} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the pager was not given %q", r.name, want)
				}
			}
		}
	}
}

// waitForScreen polls a tmux pane until it shows want, and returns it with
// the lines scrolled off the top.
func waitForScreen(t *testing.T, socket, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := exec.Command("tmux", "-L", socket, "capture-pane", "-p", "-S", "-", "-t", "taxo").CombinedOutput()
		if err != nil {
			t.Fatalf("tmux capture-pane: %v\n%s", err, out)
		}
		if strings.Contains(string(out), want) {
			return string(out)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q:\n%s", want, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
