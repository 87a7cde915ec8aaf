package loader_test

import (
	"crypto/sha256"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// TestPageStamp: with the index cache, every page's file long unchanged
// has a stamp, the same when the next start takes the page from the
// cache; a file written just before the load has none (its stamp would
// not tell a later change), and one changed since has another; a load
// without the cache, or a reload, gives none.
func TestPageStamp(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", "page-stamps"))); err != nil {
		t.Fatal(err)
	}
	ageAll(t, site, time.Hour)
	c := testCache(t)
	stamps := func(res *loader.Result) map[string]string {
		out := map[string]string{}
		for _, p := range res.Pages {
			if s, ok := res.PageStamp(p); ok {
				out[p.Path] = s
			}
		}
		return out
	}
	first := loadCached(t, site, c, loader.Options{Remember: true})
	want := stamps(first)
	if len(first.Pages) == 0 || len(want) != len(first.Pages) {
		t.Fatalf("%d of %d pages have a stamp, want all", len(want), len(first.Pages))
	}
	if got := stamps(loadCached(t, site, c, loader.Options{})); !maps.Equal(got, want) {
		t.Errorf("taken from the cache, the stamps are\n%q\nwant\n%q", got, want)
	}
	uncached, err := loader.Load(site, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reload, err := loader.Load(site, loader.Options{Cache: c, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	for name, res := range map[string]*loader.Result{"without the cache": uncached, "a reload": reload} {
		if got := stamps(res); len(got) != 0 {
			t.Errorf("%s: stamps %q, want none", name, got)
		}
	}

	page := first.Pages[len(first.Pages)-1].Path
	file := filepath.Join(site, filepath.FromSlash(page))
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(text, " Edited."...), 0o644); err != nil {
		t.Fatal(err)
	}
	got := stamps(loadCached(t, site, c, loader.Options{}))
	if _, ok := got[page]; ok || len(got) != len(want)-1 {
		t.Errorf("a page written just now: stamps of %d pages, %s among them %v; want the others", len(got), page, ok)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	got = stamps(loadCached(t, site, c, loader.Options{}))
	if s, ok := got[page]; !ok || s == want[page] || len(got) != len(want) {
		t.Errorf("a page changed an hour ago: stamp %q (%v), was %q; %d stamps, want %d", s, ok, want[page], len(got), len(want))
	}
}
