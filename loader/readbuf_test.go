package loader_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/loader"
)

// TestReadBuffersAreNotKept loads folders of every kind with the buffers
// files are read into filled with 0xff once given back, and checks that
// what the load gives is what it gives without: nothing may keep a
// file's bytes, since the next file is read into them.
func TestReadBuffersAreNotKept(t *testing.T) {
	dirs := []string{}
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fixtures {
		if info, err := os.Stat(d); err == nil && info.IsDir() && filepath.Base(d) != "fuzz" {
			dirs = append(dirs, d)
		}
	}
	site := t.TempDir()
	for _, f := range synth.GenerateSite(40, 60, 1) {
		p := filepath.Join(site, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dirs = append(dirs, site)
	if real, err := filepath.Glob(filepath.Join(hugoSitesDir, "*")); err == nil {
		dirs = append(dirs, real...)
	}
	if _, err := os.Stat(corpusDir); err == nil {
		dirs = append(dirs, corpusDir)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, bodies := range []bool{true, false} {
				want := loadWith(t, dir, bodies, false)
				got := loadWith(t, dir, bodies, true)
				if !reflect.DeepEqual(got.Terms, want.Terms) || !reflect.DeepEqual(got.Pages, want.Pages) ||
					!reflect.DeepEqual(got.Problems, want.Problems) {
					t.Fatalf("bodies %v: a load whose read buffers are overwritten gives another result", bodies)
				}
			}
		})
	}
}

func loadWith(t *testing.T, dir string, bodies, poison bool) *loader.Result {
	t.Helper()
	loader.PoisonReadBuffers(poison)
	defer loader.PoisonReadBuffers(false)
	res, err := loader.Load(dir, loader.Options{Workers: 1, NoBodies: !bodies})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
