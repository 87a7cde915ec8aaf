package loader

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"taxo/internal/gen/synth"
)

// TestTermPageReadOnce checks that a term page read once as a term and a
// page gives the page that reading it again as a page gives: every term
// page of the Hugo fixtures, a synthetic site and the real sites.
func TestTermPageReadOnce(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "hugo", "*"))
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, synth.GenerateSite(100, 10, 1)); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, synthetic)
	if real := sharedFolder("corpus", "hugo-sites"); real != "" {
		more, _ := filepath.Glob(filepath.Join(real, "*"))
		dirs = append(dirs, more...)
	}
	pages := 0
	for _, dir := range dirs {
		fsys := os.DirFS(dir)
		cfg, ok := findSiteConfig(fsys)
		if !ok {
			continue
		}
		site, _ := readSite(fsys, cfg)
		findSite(fsys, site, func(f found) {
			if f.role != termFile {
				return
			}
			src, err := fs.ReadFile(fsys, f.rel)
			if err != nil {
				t.Fatal(err)
			}
			modTime := time.Unix(1, 0)
			got := parseTermPage(f, src, true, site, modTime)
			if got.term == nil {
				return
			}
			pages++
			var want *fileParser
			if end, ok := frontEnd(src); ok {
				want = parsePage(f, src[:end], site, modTime, true)
			} else {
				want = parsePage(f, src, site, modTime, true)
			}
			if !reflect.DeepEqual(got.term.term.Page, want.page) {
				t.Errorf("%s: read once as a page\n%+v\nread again\n%+v", filepath.Join(dir, f.rel), got.term.term.Page, want.page)
			}
		}, nil)
	}
	if pages == 0 {
		t.Fatal("no term page read")
	}
}
