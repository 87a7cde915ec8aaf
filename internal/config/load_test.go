//go:build unix

package config

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadRefusesWhatIsNotAFile names, as the config file, things that
// would make a bare read wait for ever or fill the memory.
func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 1<<30); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, path, want string }{
		{"device", "/dev/zero", "cannot read the config file: /dev/zero is a character device, not a regular file"},
		{"named pipe", fifo, "config.yaml is a named pipe, not a regular file"},
		{"a folder", dir, "is a folder, not a file"},
		{"1 GiB", big, "big.yaml is 1 GiB, over the 4 MiB limit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			done := make(chan error, 1)
			go func() { _, err := c.Load(tt.path, ""); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v, want %q", err, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Load is still reading after 5 s")
			}
		})
	}
}

// TestStyleFileRefusesADevice names a device as the Glamour style.
func TestStyleFileRefusesADevice(t *testing.T) {
	c := Default()
	err := c.Set("style", "/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "/dev/zero is a character device, not a regular file") {
		t.Fatalf("error %v", err)
	}
}

// asNobody is set in the environment of the test binary run again as the
// user nobody, to the config path it must load.
const asNobody = "TAXO_TEST_CONFIG_AS_NOBODY"

// TestLoadInAnUnreadableFolder: a config folder the user cannot search
// (say, an unreadable $HOME) hides whether a config is there, and a config
// that may not exist is not an error. Permissions do not stop root, so as
// root the test runs itself again as nobody.
func TestLoadInAnUnreadableFolder(t *testing.T) {
	if path := os.Getenv(asNobody); path != "" {
		c := Default()
		if found, err := c.Load(path, ""); found || err != nil {
			t.Fatalf("found %v, %v; want no config and no error", found, err)
		}
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("the permissions are set up for Linux")
	}
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, ".config", "taxo", "config.yaml")
	if err := os.Chmod(home, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(home, 0o755) })
	if os.Geteuid() != 0 {
		c := Default()
		if found, err := c.Load(path, ""); found || err != nil {
			t.Fatalf("found %v, %v; want no config and no error", found, err)
		}
		return
	}
	// nobody needs to reach the test binary and the folder.
	bin := filepath.Join(dir, "config.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := dir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestLoadInAnUnreadableFolder$", "-test.count=1")
	cmd.Env = append(os.Environ(), asNobody+"="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}
