package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"taxo/internal/cli"
	"taxo/internal/gen/synth"
)

// TestClosedPipe: taxo list --json | head reads a few bytes and goes. taxo
// says nothing, exits with the status a shell gives a program the closed
// pipe killed, and has first finished its index cache: killed by SIGPIPE
// mid-write, it left a temporary file in the cache folder.
func TestClosedPipe(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds taxo and runs it on a pipe")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "taxo")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "site")
	if err := os.CopyFS(site, synth.FS(synth.GenerateSite(500, 500, 1))); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	cmd := exec.Command(bin, "pages", "--json", "-d", site)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache, "TAXO_NO_CACHE=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(out, make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	_ = out.Close()
	_ = cmd.Wait()
	if got := cmd.ProcessState.ExitCode(); got != cli.ExitClosedPipe {
		t.Errorf("exit status %d (%s), want %d", got, cmd.ProcessState, cli.ExitClosedPipe)
	}
	if stderr.Len() > 0 {
		t.Errorf("it said %q", stderr.String())
	}
	var files []string
	_ = filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, filepath.Base(path))
		}
		return nil
	})
	if len(files) == 0 {
		t.Errorf("no cache written")
	}
	for _, f := range files {
		if strings.Contains(f, "tmp") {
			t.Errorf("a temporary file is left in the cache: %s", f)
		}
	}
}
