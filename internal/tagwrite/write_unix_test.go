//go:build unix

package tagwrite_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"taxo/internal/tagwrite"
)

// TestWriteInAReadOnlyFolder: the temporary file cannot be made; the error
// says so and the page is whole. The super-user may write any folder, so
// as root the write runs in a helper process as nobody.
func TestWriteInAReadOnlyFolder(t *testing.T) {
	root, path := newSite(t)
	dir := filepath.Dir(path)
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	var msg string
	if os.Geteuid() != 0 {
		_, err := tagwrite.Writer{Root: root}.Write(path, []byte(page), []byte(tagged))
		msg = fmt.Sprint(err)
	} else {
		msg = runHelper(t, "write", root, path, &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}, helperCopy(t, root))
	}
	want := "cannot write " + path + ": cannot make a temporary file in " + dir + ": permission denied; the file is unchanged"
	if msg != want {
		t.Errorf("error %q, want %q", msg, want)
	}
	fileHolds(t, path, page)
}

// helperCopy copies the test binary where nobody may run it, and opens the
// site's folders to them.
func helperCopy(t *testing.T, root string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, "helper.test")
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	for d := root; strings.HasPrefix(d, os.TempDir()+string(filepath.Separator)); d = filepath.Dir(d) {
		if info, err := os.Stat(d); err == nil && info.Mode().Perm()&0o005 != 0o005 {
			if err := os.Chmod(d, info.Mode().Perm()|0o005); err != nil {
				t.Fatal(err)
			}
		}
	}
	return bin
}
