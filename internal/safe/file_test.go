package safe

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// zeros is an endless stream, as /dev/zero is.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	small := write("small.md", "hello")
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 2<<30); err != nil { // sparse: 2 GiB of nothing on disk
		t.Fatal(err)
	}
	escape := write("\x1b[2J.md", "x")
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Logf("no named pipe: %v", err)
	}
	tests := []struct {
		name, path string
		limit      int64
		want       string // the text read, or a part of the error
		wantErr    bool
	}{
		{"regular file", small, 100, "hello", false},
		{"exactly at the limit", small, 5, "hello", false},
		{"over the limit", small, 4, "small.md is 5 B, over the 4 B limit", true},
		{"2 GiB file", big, MaxNamedFile, "big.md is 2 GiB, over the 4 MiB limit", true},
		{"folder", dir, 100, "is a folder, not a file", true},
		{"missing", filepath.Join(dir, "nope.md"), 100, "nope.md: no such file or directory", true},
		{"named pipe", fifo, 100, "fifo is a named pipe, not a regular file", true},
		{"device", "/dev/zero", 100, "/dev/zero is a character device, not a regular file", true},
		{"escape in the name", escape, 4, "␛[2J.md", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Lstat(tt.path); err != nil && !strings.Contains(tt.name, "missing") {
				t.Skipf("%s: %v", tt.path, err)
			}
			done := make(chan struct{})
			var got []byte
			var err error
			go func() {
				defer close(done)
				got, err = ReadFile(tt.path, tt.limit)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ReadFile is still waiting after 5 s")
			}
			if tt.name == "escape in the name" {
				if err != nil || string(got) != "x" {
					t.Fatalf("got %q, %v", got, err)
				}
				_, err = ReadFile(escape, 0)
				if err == nil || !strings.Contains(err.Error(), tt.want) || strings.ContainsRune(err.Error(), 0x1b) {
					t.Fatalf("error %q should name the file safely", err)
				}
				return
			}
			if tt.wantErr {
				if err == nil {
					t.Fatalf("read %d bytes, want an error", len(got))
				}
				if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
					t.Fatalf("error %q, want one line with %q", msg, tt.want)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestReadFileMissingIsNotExist(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "config.yaml"), 100)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %v is not fs.ErrNotExist", err)
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		name    string
		r       io.Reader
		want    string
		wantErr string
	}{
		{"short", strings.NewReader("a post"), "a post", ""},
		{"at the limit", strings.NewReader(strings.Repeat("a", 1024)), strings.Repeat("a", 1024), ""},
		{"endless", zeros{}, "", "standard input holds more than the 1 KiB limit"},
		{"one byte over", strings.NewReader(strings.Repeat("a", 1025)), "", "more than the 1 KiB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadAll(tt.r, "standard input", 1024)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %d bytes, %v", len(got), err)
			}
		})
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 512: "512 B", 1536: "1.5 KiB", 4 << 20: "4 MiB", 2 << 30: "2 GiB", 5<<20 + 1<<19: "5.5 MiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
