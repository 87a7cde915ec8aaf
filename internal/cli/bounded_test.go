package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"taxo/internal/cli"
)

// zeros is an endless stream, as /dev/zero is.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// boundedRun runs taxo in-process with stdin, failing the test if it does
// not end within 10 s; stderr comes with its spaces and line breaks made one
// space.
func boundedRun(t *testing.T, stdin io.Reader, env map[string]string, args ...string) (code int, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(context.Background(), args, cli.IO{In: stdin, Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] }})
	}()
	select {
	case code = <-done:
		// fang wraps a message to the width of a terminal.
		return code, strings.Join(strings.Fields(errb.String()), " ")
	case <-time.After(10 * time.Second):
		t.Fatalf("taxo %q is still running after 10 s", args)
	}
	return 0, ""
}

// TestSuggestReadsOnlyWhatIsBounded names, as the content to suggest terms
// for, things that would make a bare read wait for ever or fill the memory.
func TestSuggestReadsOnlyWhatIsBounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 2<<30); err != nil { // sparse
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "post.md")
	haveFIFO := mkfifo(fifo) == nil
	binary := filepath.Join(dir, "image.md")
	if err := os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		stdin io.Reader
		args  []string
		want  string
	}{
		{"a device", nil, []string{"suggest", "/dev/zero"}, "/dev/zero is a character device, not a regular file"},
		{"a named pipe", nil, []string{"suggest", fifo}, "post.md is a named pipe, not a regular file"},
		{"a 2 GiB file", nil, []string{"suggest", big}, "big.md is 2 GiB, over the 4 MiB limit"},
		{"endless stdin", zeros{}, []string{"suggest", "-"}, "standard input holds more than the 4 MiB limit"},
		{"a folder", nil, []string{"suggest", dir}, "is a folder, not a file"},
		{"not text", nil, []string{"suggest", binary}, "image.md is not text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "a named pipe" && !haveFIFO {
				t.Skip("no named pipes here")
			}
			if _, err := os.Stat("/dev/zero"); err != nil && tt.name == "a device" {
				t.Skip("no /dev/zero")
			}
			stdin := tt.stdin
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			code, errOut := boundedRun(t, stdin, nil, tt.args...)
			if code != cli.ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, cli.ExitUsage, tt.want)
			}
		})
	}
}

// TestConfigReadsOnlyWhatIsBounded names a device as the config file and
// as the style, through the environment and through the file.
func TestConfigReadsOnlyWhatIsBounded(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("style: /dev/zero\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, env := range map[string]map[string]string{
		"TAXO_CONFIG":       {"TAXO_CONFIG": "/dev/zero"},
		"TAXO_STYLE":        {"TAXO_STYLE": "/dev/zero"},
		"style in the file": {"TAXO_CONFIG": cfg},
	} {
		t.Run(name, func(t *testing.T) {
			code, errOut := boundedRun(t, strings.NewReader(""), env, "list")
			if code != cli.ExitUsage || !strings.Contains(errOut, "/dev/zero is a character device, not a regular file") {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
		})
	}
}

// TestWidthIsBounded: ten million columns took minutes and 1.9 GB.
func TestWidthIsBounded(t *testing.T) {
	for name, tt := range map[string]struct {
		env  map[string]string
		args []string
	}{
		"--width":    {nil, []string{"show", "kimchi", "--width", "10000000"}},
		"TAXO_WIDTH": {map[string]string{"TAXO_WIDTH": "10000000"}, []string{"show", "kimchi"}},
	} {
		t.Run(name, func(t *testing.T) {
			code, errOut := boundedRun(t, strings.NewReader(""), tt.env, tt.args...)
			if code != cli.ExitUsage || !strings.Contains(errOut, `width "10000000": want a number of columns up to 1000`) {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
		})
	}
}

// TestNotUTF8FileName: a file whose name is not UTF-8 loads, and its name
// is shown with the byte escaped.
func TestNotUTF8FileName(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad\xff.md"), []byte("---\ntitle: Bad Name\ntags: [Nowhere]\n---\n"), 0o644); err != nil {
		t.Skipf("the file system refuses the name: %v", err)
	}
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), []string{"check", "-d", dir}, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	want := filepath.Join(dir, `bad\xff.md`) + `:3:8: warning: tag "Nowhere" matches no file (expected tags/nowhere)`
	if code != cli.ExitOK || strings.TrimSpace(out.String()) != want {
		t.Fatalf("exit %d, stdout %q, stderr %q; want %q", code, out.String(), errb.String(), want)
	}
}

// FuzzSuggestInput gives suggest any content on stdin: it never panics or
// hangs, ends with success or a usage error, and nothing from the content
// reaches the terminal as a control character.
func FuzzSuggestInput(f *testing.F) {
	f.Add([]byte("---\ntitle: Kimchi\n---\nFermented napa cabbage with chilli.\n"))
	f.Add([]byte("---\ntitle: [unclosed\n---\nbody"))
	f.Add([]byte("\x00\x01binary"))
	f.Add([]byte("+++\ntitle = 'x'\n+++\n\x1b]0;pwned\x07 sourdough"))
	f.Fuzz(func(t *testing.T, content []byte) {
		var out, errb bytes.Buffer
		done := make(chan int, 1)
		go func() {
			done <- cli.Run(context.Background(), []string{"suggest", "-"}, cli.IO{In: bytes.NewReader(content), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
		}()
		var code int
		select {
		case code = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("suggest is still running after 5 s on %q", content)
		}
		if code != cli.ExitOK && code != cli.ExitUsage {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		for _, s := range []string{out.String(), errb.String()} {
			if i := strings.IndexAny(s, "\x1b\x07\x00\r"); i >= 0 {
				t.Fatalf("a control character reaches the terminal: %q", s[max(0, i-20):min(len(s), i+20)])
			}
		}
	})
}
