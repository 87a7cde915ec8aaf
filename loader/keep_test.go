package loader_test

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"taxo/loader"
)

// TestKeeper: what a Keeper keeps is read back under its name by the next
// start of the same taxo, with its fingerprint; not under another name,
// nor by another version, nor once spoilt; a write asked for after the
// load's writes were waited for is waited for too; and nothing is kept without
// the index cache.
func TestKeeper(t *testing.T) {
	site := copySite(t)
	c := testCache(t)
	sum := sha256.Sum256([]byte("what it was built from"))
	res := loadCached(t, site, c, loader.Options{})
	res.Keeper().Write("model en", sum, func(w io.Writer) error {
		_, err := io.WriteString(w, "the model")
		return err
	})
	res.Keeper().Write("nothing", sum, func(io.Writer) error { return errors.New("cannot be kept") })
	res.Keeper().Write("spoilt half way", sum, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half of it"); err != nil {
			return err
		}
		return errors.New("cannot be kept")
	})
	if err := res.Wait(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(c.Dir, "*-k*.idx"))
	if len(files) != 1 {
		t.Fatalf("kept %q, want one file", files)
	}
	res.Keeper().Write("later", sum, func(w io.Writer) error {
		for _, part := range []string{"la", "", "ter"} {
			if _, err := io.WriteString(w, part); err != nil {
				return err
			}
		}
		return nil
	})
	if err := res.Wait(); err != nil {
		t.Fatal(err)
	}

	next := loadCached(t, site, c, loader.Options{})
	if got, data, ok := next.Keeper().Read("model en"); !ok || got != sum || data != "the model" {
		t.Errorf("read %x %q %v, want %x %q", got, data, ok, sum, "the model")
	}
	if data, err := openKept(next.Keeper(), "model en"); err != nil || data != "the model" {
		t.Errorf("read %q as a stream (%v), want %q", data, err, "the model")
	}
	if _, data, ok := next.Keeper().Read("later"); !ok || data != "later" {
		t.Errorf("read %q under %q, want %q", data, "later", "later")
	}
	for _, name := range []string{"model fr", "nothing", "spoilt half way"} {
		if _, data, ok := next.Keeper().Read(name); ok {
			t.Errorf("read %q under %q, where nothing was kept", data, name)
		}
	}
	other := loadCached(t, site, &loader.Cache{Dir: c.Dir, Version: "other"}, loader.Options{})
	if _, data, ok := other.Keeper().Read("model en"); ok {
		t.Errorf("another version read %q", data)
	}

	good, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for name, spoilt := range map[string][]byte{
		"empty":          nil,
		"cut short":      good[:len(good)-1],
		"a byte changed": append(good[:len(good)-1:len(good)-1], good[len(good)-1]^1),
	} {
		if err := os.WriteFile(files[0], spoilt, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, data, ok := next.Keeper().Read("model en"); ok {
			t.Errorf("%s: read %q", name, data)
		}
		if data, err := openKept(next.Keeper(), "model en"); err == nil {
			t.Errorf("%s: read %q as a stream", name, data)
		}
	}

	uncached, err := loader.Load(site, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if k := uncached.Keeper(); k != nil {
		t.Error("a load without the index cache has a Keeper")
	}
}

// openKept is what k keeps under name, read as a stream to its end and
// checked.
func openKept(k *loader.Keeper, name string) (string, error) {
	_, r, ok := k.Open(name)
	if !ok {
		return "", errors.New("nothing kept")
	}
	data, err := io.ReadAll(r)
	return string(data), errors.Join(err, r.Close())
}
