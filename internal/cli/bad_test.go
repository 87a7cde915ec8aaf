package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"taxo/internal/cli"
	"taxo/internal/safe"
	"taxo/internal/testtree"
	"taxo/loader"
)

// run runs taxo in-process with no environment.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Run(context.Background(), args, cli.IO{
		In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(string) string { return "" },
	})
	return out.String(), errOut.String(), code
}

// controls returns the characters in s that a terminal would act on: ESC,
// the other C0 controls but newline, DEL, C1 controls and bidi controls.
func controls(s string) []string {
	var found []string
	for i, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			found = append(found, fmt.Sprintf("%U at byte %d", r, i))
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			found = append(found, fmt.Sprintf("invalid UTF-8 at byte %d", i))
		}
	}
	return found
}

func assertNoControls(t *testing.T, what, s string) {
	t.Helper()
	if c := controls(s); len(c) > 0 {
		t.Errorf("%s holds %d control characters, first %s", what, len(c), c[0])
	}
}

func mixedTree(t *testing.T) (string, []testtree.Case) {
	t.Helper()
	dir := t.TempDir()
	cases, err := testtree.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, cases
}

// TestMixedTreeCommands runs the commands on a tree of good and bad files:
// check fails and names every bad file, list still has every good term, and
// nothing from the files reaches the terminal as a control character.
func TestMixedTreeCommands(t *testing.T) {
	dir, cases := mixedTree(t)

	t.Run("check", func(t *testing.T) {
		out, errOut, code := run(t, "check", "-d", dir)
		if code != cli.ExitFailure {
			t.Errorf("exit status %d; want %d", code, cli.ExitFailure)
		}
		assertNoControls(t, "stdout", out)
		assertNoControls(t, "stderr", errOut)
		for _, c := range cases {
			path := safe.Line(filepath.Join(dir, filepath.FromSlash(c.Path)))
			named := strings.Contains(out, "\n"+path+":") || strings.HasPrefix(out, path+":") ||
				strings.Contains(out, "\n"+path+string(filepath.Separator)) // a folder reached through a link
			if c.Bad() != named {
				t.Errorf("check names %s: %v; want %v (%s)", c.Path, named, c.Bad(), c.Class)
			}
		}
		if !strings.Contains(errOut, " errors, ") {
			t.Errorf("stderr = %q; want the count of errors", errOut)
		}
	})

	t.Run("check --json", func(t *testing.T) {
		out, _, code := run(t, "check", "--json", "-d", dir)
		if code != cli.ExitFailure {
			t.Errorf("exit status %d; want %d", code, cli.ExitFailure)
		}
		assertNoControls(t, "stdout", out)
		var problems []struct{ Path, Message string }
		if err := json.Unmarshal([]byte(out), &problems); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			want := filepath.Join(dir, filepath.FromSlash(c.Path))
			named := slices.ContainsFunc(problems, func(p struct{ Path, Message string }) bool {
				return p.Path == want || strings.HasPrefix(p.Path, want+string(filepath.Separator))
			})
			if c.Bad() != named {
				t.Errorf("check --json names %s: %v; want %v", c.Path, named, c.Bad())
			}
		}
	})

	t.Run("list", func(t *testing.T) {
		out, errOut, code := run(t, "list", "-d", dir)
		if code != cli.ExitOK {
			t.Errorf("exit status %d; want 0", code)
		}
		// The tab between ID and title is list's own.
		assertNoControls(t, "stdout", strings.ReplaceAll(out, "\t", " "))
		assertNoControls(t, "stderr", errOut)
		for _, c := range cases {
			if c.Term != "" && !strings.Contains("\n"+out, "\n"+safe.Line(string(c.Term))+"\t") {
				t.Errorf("list lacks %s (%s)", c.Term, c.Class)
			}
		}
	})

	t.Run("list --json", func(t *testing.T) {
		out, _, _ := run(t, "list", "--json", "-d", dir)
		assertNoControls(t, "stdout", out)
		var terms []struct{ ID string }
		if err := json.Unmarshal([]byte(out), &terms); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.Term != "" && !slices.ContainsFunc(terms, func(x struct{ ID string }) bool { return x.ID == string(c.Term) }) {
				t.Errorf("list --json lacks %s", c.Term)
			}
		}
	})

	for _, name := range []string{"tags/escape-sequences", "tags/" + strings.ToLower(strings.TrimSuffix(testtree.EscapeName, ".md"))} {
		t.Run("show "+safe.Line(name), func(t *testing.T) {
			out, errOut, code := run(t, "show", "-d", dir, name)
			if code != cli.ExitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			assertNoControls(t, "stdout", out)
			assertNoControls(t, "stderr", errOut)
		})
		t.Run("show --json "+safe.Line(name), func(t *testing.T) {
			out, _, _ := run(t, "show", "--json", "-d", dir, name)
			assertNoControls(t, "stdout", out)
		})
	}

	t.Run("show makes escapes visible", func(t *testing.T) {
		out, _, _ := run(t, "show", "-d", dir, "escape-sequences")
		for _, want := range []string{"␛]0;PWNED-TITLE␇", "␛]0;PWNED-BODY␇", "␛[2J", "&#27;]0;ENTITY&#7;", "&#27;]0;REF&#7;", "reversed"} {
			if !strings.Contains(out, want) {
				t.Errorf("show lacks %q:\n%s", want, out)
			}
		}
	})
}

// TestAmbiguousNameWithEscapes checks the error that lists the terms a name
// fits: their IDs come from file names.
func TestAmbiguousNameWithEscapes(t *testing.T) {
	dir := t.TempDir()
	name := "\x1b]0;x\x07"
	for _, rel := range []string{"content/tags/" + name + ".md", "content/categories/" + name + ".md"} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\ntitle: \"\\e[2J\"\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := run(t, "show", "-d", dir, name)
	if code != cli.ExitFailure {
		t.Errorf("exit status %d; want %d", code, cli.ExitFailure)
	}
	if !strings.Contains(errOut, "fits 2 terms") {
		t.Errorf("stderr = %q; want the terms listed", errOut)
	}
	assertNoControls(t, "stdout", out)
	assertNoControls(t, "stderr", errOut)
}

// TestReadOnly proves taxo writes nothing in the taxonomy: the tree is the
// same, byte for byte and mode for mode, after a load and every command.
func TestReadOnly(t *testing.T) {
	dir, _ := mixedTree(t)
	before := snapshot(t, dir)

	if _, err := loader.Load(dir, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{dir}, // the browser, for now a list
		{"list", "-d", dir}, {"list", "--json", "--all", "-d", dir},
		{"show", "-d", dir, "escape-sequences"}, {"show", "--json", "-d", dir, "scaling"},
		{"check", "-d", dir}, {"check", "--json", "--strict", "-d", dir},
	} {
		run(t, args...)
	}

	after := snapshot(t, dir)
	for _, p := range slices.Sorted(maps.Keys(before)) {
		if after[p] != before[p] {
			t.Errorf("%s changed: %s -> %s", p, before[p], after[p])
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was created", p)
		}
	}
}

// snapshot describes every entry under dir, following no link: its type,
// mode, modification time, and the target of a link or the hash of a file.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		desc := fmt.Sprintf("%v %d %s", info.Mode(), info.Size(), info.ModTime())
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			desc += " -> " + target
		case info.Mode().IsRegular() && info.Mode().Perm()&0o444 != 0:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		snap[p] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func TestMaxSizeFlag(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"small.md": 100, "large.md": 3000} {
		data := "---\ntitle: " + name + "\n---\n" + strings.Repeat("x", size)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		size      string
		code      int
		wantLarge bool
	}{
		{"", cli.ExitOK, true},
		{"2KiB", cli.ExitOK, false},
		{"2k", cli.ExitOK, false},
		{"0.5MiB", cli.ExitOK, true},
		{"1000", cli.ExitOK, false},
		{"4 MiB", cli.ExitOK, true},
		{"0", cli.ExitUsage, false},
		{"-1KiB", cli.ExitUsage, false},
		{"lots", cli.ExitUsage, false},
		{"NaN", cli.ExitUsage, false},
	}
	for _, tt := range tests {
		t.Run(tt.size, func(t *testing.T) {
			args := []string{"list", "-d", dir}
			if tt.size != "" {
				args = append(args, "--max-size", tt.size)
			}
			out, errOut, code := run(t, args...)
			if code != tt.code {
				t.Fatalf("exit status %d; want %d (%s)", code, tt.code, errOut)
			}
			if code != cli.ExitOK {
				return
			}
			if got := strings.Contains(out, "tags/large"); got != tt.wantLarge {
				t.Errorf("large file listed: %v; want %v", got, tt.wantLarge)
			}
			if !strings.Contains(out, "tags/small") {
				t.Errorf("small file not listed:\n%s", out)
			}
		})
	}
	out, _, code := run(t, "check", "-d", dir, "--max-size", "2KiB")
	if code != cli.ExitFailure || !strings.Contains(out, "large.md: error: file is 3.0 KiB, over the 2.0 KiB limit; it is skipped") {
		t.Errorf("check --max-size 2KiB: status %d, output %q", code, out)
	}
}

// BenchmarkCheckMixedTree times check on the mixed tree, hostile files and
// all; the issue asks for a few seconds at most.
func BenchmarkCheckMixedTree(b *testing.B) {
	dir := b.TempDir()
	if _, err := testtree.Write(dir); err != nil {
		b.Fatal(err)
	}
	var out, errOut bytes.Buffer
	io := cli.IO{In: strings.NewReader(""), Out: &out, Err: &errOut, Getenv: func(string) string { return "" }}
	for b.Loop() {
		out.Reset()
		errOut.Reset()
		if code := cli.Run(context.Background(), []string{"check", "-d", dir}, io); code != cli.ExitFailure {
			b.Fatalf("exit status %d", code)
		}
	}
}
