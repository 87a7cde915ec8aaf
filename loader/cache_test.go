package loader_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
)

// testCache is a cache in a folder of the test's own.
func testCache(t *testing.T) *loader.Cache {
	t.Helper()
	return &loader.Cache{Dir: t.TempDir(), Version: "test"}
}

// loadCached loads dir with the cache and waits for the cache to be
// written.
func loadCached(t *testing.T, dir string, c *loader.Cache, opts loader.Options) *loader.Result {
	t.Helper()
	opts.Cache = c
	res, err := loader.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Wait(); err != nil {
		t.Fatalf("writing the cache: %v", err)
	}
	return res
}

// sameLoad fails when got does not hold what want holds: every term and
// page, field by field, and every problem.
func sameLoad(t *testing.T, got, want *loader.Result) {
	t.Helper()
	if len(got.Terms) != len(want.Terms) || len(got.Pages) != len(want.Pages) || got.Files != want.Files {
		t.Fatalf("%d terms, %d pages, %d files; want %d, %d, %d", len(got.Terms), len(got.Pages), got.Files,
			len(want.Terms), len(want.Pages), want.Files)
	}
	for i := range want.Terms {
		if d := deepDiff(reflect.ValueOf(got.Terms[i]), reflect.ValueOf(want.Terms[i]), "", map[[2]uintptr]bool{}); d != "" {
			t.Errorf("term %s%s", want.Terms[i].ID, d)
		}
	}
	for i := range want.Pages {
		if d := deepDiff(reflect.ValueOf(got.Pages[i]), reflect.ValueOf(want.Pages[i]), "", map[[2]uintptr]bool{}); d != "" {
			t.Errorf("page %s%s", want.Pages[i].Path, d)
		}
	}
	if g, w := problemLines(got.Problems), problemLines(want.Problems); !slices.Equal(g, w) {
		t.Errorf("problems:\n got %q\nwant %q", g, w)
	}
}

// cacheFixtures are folders to load with and without a cache: a folder
// of term files, Hugo sites of every rule, a synthetic site, and the real
// sites in ../shared when they are there.
func cacheFixtures(t *testing.T) map[string]string {
	t.Helper()
	dirs := map[string]string{"site": copySite(t)}
	hugo, _ := filepath.Glob(filepath.Join("testdata", "hugo", "*"))
	for _, d := range hugo {
		dirs["hugo/"+filepath.Base(d)] = d
	}
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, synth.GenerateSite(200, 300, 1)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, synthetic, time.Hour)
	dirs["synthetic site"] = synthetic
	real, _ := filepath.Glob(filepath.Join(sharedPath("corpus", "hugo-sites"), "*"))
	for _, d := range real {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			dirs["real/"+filepath.Base(d)] = d
		}
	}
	return dirs
}

func TestCacheSecondStartReadsNoFile(t *testing.T) {
	for name, dir := range cacheFixtures(t) {
		for _, noBodies := range []bool{false, true} {
			t.Run(name+map[bool]string{true: " without bodies"}[noBodies], func(t *testing.T) {
				c := testCache(t)
				opts := loader.Options{NoBodies: noBodies}
				fresh, err := loader.Load(dir, opts)
				if err != nil {
					t.Fatal(err)
				}
				first := loadCached(t, dir, c, opts)
				if first.FromCache != 0 {
					t.Errorf("a first start took %d files from the cache", first.FromCache)
				}
				sameLoad(t, first, fresh)
				second := loadCached(t, dir, c, opts)
				if second.FromCache != second.Files {
					t.Errorf("a second start took %d of %d files from the cache", second.FromCache, second.Files)
				}
				sameLoad(t, second, fresh)
				// The second start links the graphs and keeps them; the
				// third takes them from the cache.
				for _, lang := range fresh.LanguageCodes() {
					sameGraph(t, second.Graph(lang), fresh.Graph(lang))
				}
				if err := second.Wait(); err != nil {
					t.Fatal(err)
				}
				third := loadCached(t, dir, c, opts)
				for _, lang := range fresh.LanguageCodes() {
					sameGraph(t, third.Graph(lang), fresh.Graph(lang))
				}
				if n, want := loader.GraphsFromCache(third), len(fresh.LanguageCodes()); n != want {
					t.Errorf("%d graphs of %d from the cache", n, want)
				}
				if err := third.Wait(); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

func TestCacheReadsOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(100, 200, 2)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	first := loadCached(t, dir, c, loader.Options{})
	for _, lang := range first.LanguageCodes() {
		first.Graph(lang) // kept in the cache, and no longer what the files make
	}
	if err := first.Wait(); err != nil {
		t.Fatal(err)
	}

	// One term page edited (its size kept), one page added, one removed.
	var term, gone string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir():
		case term == "" && strings.Contains(p, "/tags/") && d.Name() == "_index.md":
			term = p
		case gone == "" && strings.Contains(p, "/posts/") && d.Name() != "_index.md":
			gone = p
		}
		return err
	})
	src, err := os.ReadFile(term)
	if err != nil {
		t.Fatal(err)
	}
	writeAged(t, term, string(bytes.Replace(src, []byte("title: \""), []byte("title: \"X"), 1))[:len(src)], time.Minute)
	writeAged(t, filepath.Join(dir, "content", "posts", "added.md"), "---\ntitle: Added\ntags: [Added Tag]\n---\nNew.\n", time.Minute)
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}

	got := loadCached(t, dir, c, loader.Options{})
	if want := got.Files - 2; got.FromCache != want {
		t.Errorf("took %d of %d files from the cache, want %d", got.FromCache, got.Files, want)
	}
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameLoad(t, got, fresh)
	for _, lang := range fresh.LanguageCodes() {
		sameGraph(t, got.Graph(lang), fresh.Graph(lang))
	}
	// The default language's title, page and terms changed: its graph is
	// linked again (another language's, unchanged, may be taken).
	if n, langs := loader.GraphsFromCache(got), len(fresh.LanguageCodes()); n >= langs {
		t.Errorf("%d of %d graphs taken from the cache after a title, a page and its terms changed", n, langs)
	}
	if err := got.Wait(); err != nil {
		t.Fatal(err)
	}
	again := loadCached(t, dir, c, loader.Options{})
	if again.FromCache != again.Files {
		t.Errorf("the cache written after the change gives %d of %d files", again.FromCache, again.Files)
	}
	for _, lang := range fresh.LanguageCodes() {
		sameGraph(t, again.Graph(lang), fresh.Graph(lang))
	}
	if n, want := loader.GraphsFromCache(again), len(fresh.LanguageCodes()); n != want {
		t.Errorf("%d of %d graphs taken from the cache written after the change", n, want)
	}
	if err := again.Wait(); err != nil {
		t.Fatal(err)
	}
}

// TestCacheEditInPlace checks the start that finds one file edited in
// place (no folder changed): it reads that file alone, and the cache it
// writes, its other blocks copied from the one it read, gives the next
// start every file.
func TestCacheEditInPlace(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(300, 600, 5)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	loadCached(t, dir, c, loader.Options{})
	page := filepath.Join(dir, "content", "posts", "_index.md")
	writeAged(t, page, "---\ntitle: Posts, edited\ntags: [Edited]\n---\n", time.Minute)
	got := loadCached(t, dir, c, loader.Options{})
	if want := got.Files - 1; got.FromCache != want {
		t.Errorf("took %d of %d files from the cache, want %d", got.FromCache, got.Files, want)
	}
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameLoad(t, got, fresh)
	again := loadCached(t, dir, c, loader.Options{})
	if again.FromCache != again.Files {
		t.Errorf("the cache written after the edit gives %d of %d files", again.FromCache, again.Files)
	}
	sameLoad(t, again, fresh)
}

// TestCacheFewEditsLeaveItAsItIs checks that a start which finds files
// edited in place, one in a thousand or fewer, reads them and leaves the
// cache as it was (the next start reads them again), and that one which
// finds more writes the cache again.
func TestCacheFewEditsLeaveItAsItIs(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(400, 1200, 6)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	if first := loadCached(t, dir, c, loader.Options{}); first.Files < 1000 || first.Files >= 2000 {
		t.Fatalf("%d files; the test wants one edit to be at most one in a thousand, two more", first.Files)
	}
	written, err := os.ReadFile(cacheFile(t, c))
	if err != nil {
		t.Fatal(err)
	}
	unchanged := func() bool {
		now, err := os.ReadFile(cacheFile(t, c))
		return err == nil && bytes.Equal(now, written)
	}
	edit := func(section string) {
		writeAged(t, filepath.Join(dir, "content", section, "_index.md"), "---\ntitle: "+section+", edited\ntags: [Edited]\n---\n", time.Minute)
	}
	edit("posts")
	for start := range 2 {
		got := loadCached(t, dir, c, loader.Options{})
		if got.FromCache != got.Files-1 || !unchanged() {
			t.Errorf("start %d after one edit: %d of %d files from the cache, the cache unchanged: %v; want all but one, true",
				start+1, got.FromCache, got.Files, unchanged())
		}
		fresh, err := loader.Load(dir, loader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameLoad(t, got, fresh)
	}
	edit("articles")
	if got := loadCached(t, dir, c, loader.Options{}); got.FromCache != got.Files-2 || unchanged() {
		t.Errorf("after two edits: %d of %d files from the cache, the cache unchanged: %v; want all but two, false",
			got.FromCache, got.Files, unchanged())
	}
	if again := loadCached(t, dir, c, loader.Options{}); again.FromCache != again.Files {
		t.Errorf("the cache written after two edits gives %d of %d files", again.FromCache, again.Files)
	}
}

func TestCacheConfigChangeReadsEveryPage(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(50, 80, 3)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	loadCached(t, dir, c, loader.Options{})
	config := filepath.Join(dir, "hugo.toml")
	src, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	writeAged(t, config, strings.Replace(string(src), `tag = "tags"`, `tag = "tags"`+"\n  series = \"series\"", 1), time.Minute)
	got := loadCached(t, dir, c, loader.Options{})
	if got.FromCache != 0 {
		t.Errorf("after the config changed, %d files came from the cache", got.FromCache)
	}
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameLoad(t, got, fresh)
}

// cacheFile is the one cache file in c's folder.
func cacheFile(t *testing.T, c *loader.Cache) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(c.Dir, "*.idx"))
	if len(files) != 1 {
		t.Fatalf("cache files %q, want one", files)
	}
	return files[0]
}

func TestCacheCorruptStaleOrForeignIsRebuilt(t *testing.T) {
	dir := copySite(t)
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	spoil := map[string]func(t *testing.T, data []byte, c *loader.Cache) []byte{
		"empty":     func(*testing.T, []byte, *loader.Cache) []byte { return nil },
		"truncated": func(_ *testing.T, b []byte, _ *loader.Cache) []byte { return b[:len(b)/2] },
		"a byte flipped": func(_ *testing.T, b []byte, _ *loader.Cache) []byte {
			b = slices.Clone(b)
			b[len(b)/2] ^= 0x40
			return b
		},
		"garbage": func(_ *testing.T, b []byte, _ *loader.Cache) []byte { return bytes.Repeat([]byte{0xff}, len(b)) },
		"another taxonomy's": func(t *testing.T, _ []byte, c *loader.Cache) []byte {
			other := copySite(t)
			writeAged(t, filepath.Join(other, "content", "tags", "other.md"), "---\ntitle: Other\n---\n", time.Hour)
			oc := &loader.Cache{Dir: t.TempDir(), Version: c.Version}
			loadCached(t, other, oc, loader.Options{})
			data, err := os.ReadFile(cacheFile(t, oc))
			if err != nil {
				t.Fatal(err)
			}
			return data
		},
		"another version's": func(t *testing.T, _ []byte, c *loader.Cache) []byte {
			oc := &loader.Cache{Dir: t.TempDir(), Version: "other"}
			loadCached(t, dir, oc, loader.Options{})
			data, err := os.ReadFile(cacheFile(t, oc))
			if err != nil {
				t.Fatal(err)
			}
			return data
		},
	}
	for name, f := range spoil {
		t.Run(name, func(t *testing.T) {
			c := testCache(t)
			loadCached(t, dir, c, loader.Options{})
			file := cacheFile(t, c)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, f(t, data, c), 0o600); err != nil {
				t.Fatal(err)
			}
			got := loadCached(t, dir, c, loader.Options{})
			if got.FromCache != 0 {
				t.Errorf("%d files came from a spoilt cache", got.FromCache)
			}
			sameLoad(t, got, fresh)
			if again := loadCached(t, dir, c, loader.Options{}); again.FromCache != again.Files {
				t.Errorf("the cache was not written anew: %d of %d files from it", again.FromCache, again.Files)
			}
		})
	}
}

func TestCacheTwoProcessesAtOnce(t *testing.T) {
	dir := copySite(t)
	c := testCache(t)
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			res, err := loader.Load(dir, loader.Options{Cache: c})
			if err == nil {
				err = res.Wait()
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := loadCached(t, dir, c, loader.Options{})
	if got.FromCache != got.Files {
		t.Errorf("after loads at once, %d of %d files came from the cache", got.FromCache, got.Files)
	}
	sameLoad(t, got, fresh)
	if left, _ := filepath.Glob(filepath.Join(c.Dir, "*.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// TestCacheProcessesAtOnce runs loads of one site with one cache in four
// processes at once, none of which finds a cache, so that all write it:
// the cache left is whole, and gives the next start every file.
func TestCacheProcessesAtOnce(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(300, 900, 7)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	procs := make([]*exec.Cmd, 4)
	for i := range procs {
		procs[i] = exec.Command(os.Args[0], "-test.run=^TestCacheHelperProcess$")
		procs[i].Env = append(os.Environ(), "TAXO_CACHE_HELPER="+dir+string(os.PathListSeparator)+c.Dir)
		if err := procs[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range procs {
		if err := p.Wait(); err != nil {
			t.Errorf("a load in another process: %v", err)
		}
	}
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := loadCached(t, dir, c, loader.Options{})
	if got.FromCache != got.Files {
		t.Errorf("after four processes at once, %d of %d files came from the cache", got.FromCache, got.Files)
	}
	sameLoad(t, got, fresh)
	if left, _ := filepath.Glob(filepath.Join(c.Dir, "*.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// TestCacheHelperProcess is one of TestCacheProcessesAtOnce's processes:
// a load with the cache, waited for.
func TestCacheHelperProcess(t *testing.T) {
	dir, cacheDir, ok := strings.Cut(os.Getenv("TAXO_CACHE_HELPER"), string(os.PathListSeparator))
	if !ok {
		t.Skip("run by TestCacheProcessesAtOnce")
	}
	loadCached(t, dir, &loader.Cache{Dir: cacheDir, Version: "test"}, loader.Options{})
}

func TestCacheWritesNothingInTheTaxonomy(t *testing.T) {
	dir := copySite(t)
	before := listTree(t, dir)
	c := testCache(t)
	loadCached(t, dir, c, loader.Options{})
	loadCached(t, dir, c, loader.Options{})
	if after := listTree(t, dir); !slices.Equal(before, after) {
		t.Errorf("the taxonomy's files changed:\nbefore %q\nafter  %q", before, after)
	}
}

// listTree lists every file under dir with its size and modification time.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, p+" "+info.ModTime().String()+" "+string(rune(info.Size())))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCacheHandsTermsFirst checks that a start from the cache gives
// Options.Terms the cached terms as it checks the files, the first of them
// long before it has checked them all: what the browser's first frame
// shows.
func TestCacheHandsTermsFirst(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(600, 1200, 4)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	loadCached(t, dir, c, loader.Options{})
	var handed []*model.Term
	done, first := 0, -1
	opts := loader.Options{Cache: c, Workers: 1,
		Terms: func(batch []*model.Term) {
			if first < 0 {
				first = done
			}
			handed = append(handed, batch...)
		},
		Progress: func(d, found int) { done = d }}
	res := loadCached(t, dir, c, opts)
	if res.FromCache != res.Files {
		t.Fatalf("%d of %d files from the cache", res.FromCache, res.Files)
	}
	if first < 0 || first > 256 {
		t.Errorf("the first terms came after %d files were checked", first)
	}
	if ids, want := termIDs(handed), termIDs(res.Terms); len(ids) < len(want) {
		t.Errorf("%d terms handed out, %d loaded", len(ids), len(want))
	}
}

// deepDiff names the first place where a and b differ, "" when they do
// not: reflect.DeepEqual, saying where.
func deepDiff(a, b reflect.Value, at string, seen map[[2]uintptr]bool) string {
	if a.IsValid() != b.IsValid() || a.IsValid() && a.Type() != b.Type() {
		return at + ": not of one type"
	}
	if !a.IsValid() {
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return at + ": nil and not nil"
			}
			return ""
		}
		if a.Kind() == reflect.Pointer {
			k := [2]uintptr{a.Pointer(), b.Pointer()}
			if seen[k] {
				return ""
			}
			seen[k] = true
		}
		return deepDiff(a.Elem(), b.Elem(), at, seen)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := deepDiff(a.Field(i), b.Field(i), at+"."+a.Type().Field(i).Name, seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return at + ": nil and empty"
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d items, want %d", at, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := deepDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", at, i), seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return at + ": maps of other sizes"
		}
		for _, k := range a.MapKeys() {
			if d := deepDiff(a.MapIndex(k), b.MapIndex(k), fmt.Sprintf("%s[%v]", at, k), seen); d != "" {
				return d
			}
		}
		return ""
	default: // a value of no parts: compared whole below
	}
	if a.CanInterface() && !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %v, want %v", at, a.Interface(), b.Interface())
	}
	if !a.CanInterface() && fmt.Sprint(a) != fmt.Sprint(b) {
		return fmt.Sprintf("%s: %v, want %v", at, a, b)
	}
	return ""
}

// TestTermPageTextHeldOnce checks that the page of a term page shares the
// text and the maps its fields repeat from the term (its instructions,
// abstract, the fields both keep) rather than holding a copy, on a first
// start and on a start from the cache, which writes them once.
func TestTermPageTextHeldOnce(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.GenerateSite(100, 50, 1)); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	c := testCache(t)
	for _, start := range []string{"first start", "from the cache"} {
		t.Run(start, func(t *testing.T) {
			res := loadCached(t, dir, c, loader.Options{})
			if fromCache := res.FromCache == res.Files; fromCache != (start == "from the cache") {
				t.Fatalf("%d of %d files from the cache", res.FromCache, res.Files)
			}
			shared, sharedMaps, copied := 0, 0, 0
			for _, term := range res.Terms {
				if term.Page == nil {
					continue
				}
				own := []string{term.Title, term.Description, term.Abstract, term.Instructions, term.Icon}
				for _, f := range term.Fields {
					if s, ok := f.Value.(string); ok {
						own = append(own, s)
					}
				}
				texts := []string{term.Page.Title, term.Page.Description}
				for _, f := range term.Page.Fields {
					if s, ok := f.Value.(string); ok {
						texts = append(texts, s)
					}
				}
				for _, pf := range term.Page.Fields {
					pm, ok := pf.Value.(map[string]any)
					if !ok {
						continue
					}
					for _, tf := range term.Fields {
						if tm, ok := tf.Value.(map[string]any); ok && tf.Key == pf.Key && reflect.DeepEqual(tm, pm) {
							if reflect.ValueOf(tm).UnsafePointer() == reflect.ValueOf(pm).UnsafePointer() {
								sharedMaps++
							} else {
								copied++
								t.Errorf("%s: the page holds a copy of the map %s", term.Path, pf.Key)
							}
						}
					}
				}
				for _, s := range texts {
					if s == "" || !slices.Contains(own, s) {
						continue
					}
					if slices.ContainsFunc(own, func(o string) bool { return unsafe.StringData(o) == unsafe.StringData(s) }) {
						shared++
					} else {
						copied++
						if copied <= 3 {
							t.Errorf("%s: the page holds a copy of %.40q", term.Path, s)
						}
					}
				}
			}
			if copied > 0 || shared == 0 || sharedMaps == 0 {
				t.Errorf("%d strings and %d maps shared with the term, %d copied", shared, sharedMaps, copied)
			}
		})
	}
}

// sameGraph fails when got does not show what want shows: the terms in
// order, field by field, their links, backlinks, tagged terms and pages,
// the pages in order with their terms, lookups by slug and title, and the
// problems.
func sameGraph(t *testing.T, got, want *model.Graph) {
	t.Helper()
	if (got == nil) != (want == nil) {
		t.Fatalf("graph %v, want %v", got, want)
	}
	if want == nil {
		return
	}
	ids := func(ts []*model.Term) []model.ID {
		out := make([]model.ID, len(ts))
		for i, t := range ts {
			out[i] = t.ID
		}
		return out
	}
	paths := func(ps []*model.Page) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Path
		}
		return out
	}
	if g, w := ids(got.Terms()), ids(want.Terms()); !slices.Equal(g, w) {
		t.Fatalf("terms %v, want %v", g, w)
	}
	if !slices.Equal(got.Kinds(), want.Kinds()) || !slices.Equal(paths(got.Pages()), paths(want.Pages())) {
		t.Fatalf("kinds %v, pages %v; want %v, %v", got.Kinds(), paths(got.Pages()), want.Kinds(), paths(want.Pages()))
	}
	for i, w := range want.Terms() {
		g := got.Terms()[i]
		if d := deepDiff(reflect.ValueOf(g), reflect.ValueOf(w), "", map[[2]uintptr]bool{}); d != "" {
			t.Errorf("term %s%s", w.ID, d)
		}
		for _, k := range want.Kinds() {
			if a, b := ids(got.Links(g, k)), ids(want.Links(w, k)); !slices.Equal(a, b) {
				t.Errorf("%s's %s: %v, want %v", w.ID, k.Taxonomy(), a, b)
			}
		}
		for _, l := range [][2][]model.ID{
			{ids(got.Backlinks(g)), ids(want.Backlinks(w))},
			{ids(got.TaggedWith(g)), ids(want.TaggedWith(w))},
			{ids(got.Lookup(g.Slug)), ids(want.Lookup(w.Slug))},
			{ids(got.Lookup(g.Title)), ids(want.Lookup(w.Title))},
		} {
			if !slices.Equal(l[0], l[1]) {
				t.Errorf("%s: %v, want %v", w.ID, l[0], l[1])
			}
		}
		if a, b := paths(got.PagesOf(g)), paths(want.PagesOf(w)); !slices.Equal(a, b) {
			t.Errorf("%s's pages: %v, want %v", w.ID, a, b)
		}
		if got.Get(w.ID) != g {
			t.Errorf("Get(%s) is not the term", w.ID)
		}
	}
	for i, w := range want.Pages() {
		if a, b := ids(got.TermsOf(got.Pages()[i])), ids(want.TermsOf(w)); !slices.Equal(a, b) {
			t.Errorf("%s's terms: %v, want %v", w.Path, a, b)
		}
	}
	if g, w := problemLines(got.Problems()), problemLines(want.Problems()); !slices.Equal(g, w) {
		t.Errorf("problems:\n got %q\nwant %q", g, w)
	}
}
