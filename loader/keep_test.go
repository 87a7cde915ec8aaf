package loader_test

import (
	"crypto/sha256"
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
	res.Keeper().Write("model en", sum, func() []byte { return []byte("the model") })
	res.Keeper().Write("nothing", sum, func() []byte { return nil })
	if err := res.Wait(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(c.Dir, "*-k*.idx"))
	if len(files) != 1 {
		t.Fatalf("kept %q, want one file", files)
	}
	res.Keeper().Write("later", sum, func() []byte { return []byte("later") })
	if err := res.Wait(); err != nil {
		t.Fatal(err)
	}

	next := loadCached(t, site, c, loader.Options{})
	if got, data, ok := next.Keeper().Read("model en"); !ok || got != sum || data != "the model" {
		t.Errorf("read %x %q %v, want %x %q", got, data, ok, sum, "the model")
	}
	if _, data, ok := next.Keeper().Read("later"); !ok || data != "later" {
		t.Errorf("read %q under %q, want %q", data, "later", "later")
	}
	for _, name := range []string{"model fr", "nothing"} {
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
	}

	uncached, err := loader.Load(site, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if k := uncached.Keeper(); k != nil {
		t.Error("a load without the index cache has a Keeper")
	}
}
