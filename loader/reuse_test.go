package loader_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"taxo/loader"
	"taxo/model"
)

// copySite copies testdata/site to a new folder and dates every file an
// hour back, so that the next load trusts their stamps.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "site"))); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	return dir
}

// ageAll dates every file and folder under dir by ago.
func ageAll(t *testing.T, dir string, by time.Duration) {
	t.Helper()
	old := time.Now().Add(-by)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (d.Type().IsRegular() || d.IsDir()) {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeAged(t *testing.T, path, text string, by time.Duration) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-by)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func termByID(terms []*model.Term, id model.ID) *model.Term {
	for _, t := range terms {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// sameAsFresh checks that a load made with Previous has what a load from
// nothing has: the same terms and the same problems.
func sameAsFresh(t *testing.T, dir string, got *loader.Result) {
	t.Helper()
	fresh, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Terms) != len(fresh.Terms) {
		t.Fatalf("%d terms, a fresh load has %d", len(got.Terms), len(fresh.Terms))
	}
	for i := range fresh.Terms {
		if d := diffViews(view(got.Terms[i]), view(fresh.Terms[i])); d != "" {
			t.Errorf("%s differs from a fresh load:%s", fresh.Terms[i].ID, d)
		}
	}
	if g, w := problemLines(got.Problems), problemLines(fresh.Problems); !slices.Equal(g, w) {
		t.Errorf("problems %q, a fresh load has %q", g, w)
	}
}

func TestLoadPreviousReadsOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	tags := filepath.Join(dir, "content", "tags")
	writeAged(t, filepath.Join(tags, "broken.md"), "---\ntitle: [unclosed\n---\n", time.Hour)
	first, err := loader.Load(dir, loader.Options{Remember: true})
	if err != nil {
		t.Fatal(err)
	}
	if first.Reused != 0 {
		t.Fatalf("a first load reused %d files", first.Reused)
	}

	// One file edited (same size, a later time), one added, one removed.
	tool := filepath.Join(dir, "content", "concepts", "tool.md")
	src, err := os.ReadFile(tool)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "sharp.", "blunt.", 1)
	writeAged(t, tool, edited, time.Minute)
	writeAged(t, filepath.Join(tags, "trowel.md"), "---\ntitle: Trowel\n---\nA small hand tool.\n", time.Minute)
	if err := os.Remove(filepath.Join(tags, "secateurs.md")); err != nil {
		t.Fatal(err)
	}

	second, err := loader.Load(dir, loader.Options{Remember: true, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	// Read again: tool.md and trowel.md; gone: secateurs.md.
	if want := second.Files - 2; second.Reused != want {
		t.Errorf("reused %d of %d files, want %d", second.Reused, second.Files, want)
	}
	if got := termByID(second.Terms, "concepts/tool"); got == nil || strings.TrimSpace(got.Body) != "Keep tools clean and blunt." {
		t.Errorf("the edited term reads %+v", got)
	}
	for _, id := range []model.ID{"concepts/practice", "categories/planting"} {
		if termByID(second.Terms, id) != termByID(first.Terms, id) {
			t.Errorf("%s was read again, unchanged", id)
		}
	}
	sameAsFresh(t, dir, second)

	// Nothing changed: everything is taken, and still right.
	third, err := loader.Load(dir, loader.Options{Remember: true, Previous: second})
	if err != nil {
		t.Fatal(err)
	}
	if third.Reused != third.Files {
		t.Errorf("with nothing changed, reused %d of %d files", third.Reused, third.Files)
	}
	sameAsFresh(t, dir, third)
}

func TestLoadPreviousDistrustsRecentStamps(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	// Changed just now: a change within the file system's timestamp step
	// would keep this time, so the next load reads it again.
	tool := filepath.Join(dir, "content", "concepts", "tool.md")
	now := time.Now()
	if err := os.Chtimes(tool, now, now); err != nil {
		t.Fatal(err)
	}
	first, err := loader.Load(dir, loader.Options{Remember: true})
	if err != nil {
		t.Fatal(err)
	}
	second, err := loader.Load(dir, loader.Options{Remember: true, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if want := second.Files - 1; second.Reused != want {
		t.Errorf("reused %d of %d files, want all but the recent one (%d)", second.Reused, second.Files, want)
	}
	if termByID(second.Terms, "concepts/tool") == termByID(first.Terms, "concepts/tool") {
		t.Error("the file changed just before the first load was not read again")
	}
}

func TestLoadPreviousNeedsTheSameOptions(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	first, err := loader.Load(dir, loader.Options{Remember: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, opts := range map[string]loader.Options{
		"without bodies":     {NoBodies: true, Previous: first},
		"another size limit": {MaxFileSize: 10, Previous: first},
		"not remembered":     {Previous: mustLoad(t, dir, loader.Options{})},
	} {
		res, err := loader.Load(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Reused != 0 {
			t.Errorf("%s: reused %d files", name, res.Reused)
		}
	}
}

func mustLoad(t *testing.T, dir string, opts loader.Options) *loader.Result {
	t.Helper()
	res, err := loader.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestLoadPreviousSeesACopiedTime checks that a file rewritten with its
// old modification time put back (cp -p, rsync -t) is read again, where
// the system keeps a status change time that no tool sets.
func TestLoadPreviousSeesACopiedTime(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("size and modification time alone tell files apart here")
	}
	t.Parallel()
	dir := copySite(t)
	tool := filepath.Join(dir, "content", "concepts", "tool.md")
	info, err := os.Stat(tool)
	if err != nil {
		t.Fatal(err)
	}
	first, err := loader.Load(dir, loader.Options{Remember: true})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(tool)
	if err != nil {
		t.Fatal(err)
	}
	// Written anew, as rsync does, same size, and dated as before.
	tmp := tool + ".new"
	if err := os.WriteFile(tmp, []byte(strings.Replace(string(src), "sharp.", "blunt.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tmp, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, tool); err != nil {
		t.Fatal(err)
	}
	second, err := loader.Load(dir, loader.Options{Remember: true, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if got := termByID(second.Terms, "concepts/tool"); got == nil || !strings.Contains(got.Body, "blunt") {
		t.Errorf("the rewritten file was not read again: %+v", got)
	}
	sameAsFresh(t, dir, second)
}

// TestReloadSite: a site's pages are taken from the load before when
// unchanged, and all read again when its config changed, which may change
// what they carry.
func TestReloadSite(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "hugo", "default-taxonomies"))); err != nil {
		t.Fatal(err)
	}
	ageAll(t, dir, time.Hour)
	first, err := loader.Load(dir, loader.Options{Remember: true})
	if err != nil {
		t.Fatal(err)
	}
	again, err := loader.Load(dir, loader.Options{Remember: true, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if again.Reused != again.Files || again.Files == 0 {
		t.Errorf("unchanged: %d of %d files taken from the load before", again.Reused, again.Files)
	}
	config := filepath.Join(dir, "hugo.toml")
	if err := os.WriteFile(config, []byte("[taxonomies]\nserie = 'series'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour / 2) // the pages keep their stamps
	if err := os.Chtimes(config, old, old); err != nil {
		t.Fatal(err)
	}
	changed, err := loader.Load(dir, loader.Options{Remember: true, Previous: again})
	if err != nil {
		t.Fatal(err)
	}
	if changed.Reused != 0 {
		t.Errorf("after the config changed, %d files taken from the load before", changed.Reused)
	}
	var ids []model.ID
	for _, p := range changed.Pages {
		for _, pt := range p.Terms {
			ids = append(ids, pt.ID())
		}
	}
	if !slices.Equal(ids, []model.ID{"series/not-a-taxonomy"}) {
		t.Errorf("after the config changed, the page carries %v", ids)
	}
}

// TestLoadPreviousSections checks that a reload finds each page's section
// anew, and leaves the earlier load's pages as they were: the section a
// page was in is deleted, and the page, hidden by that draft section
// before, is published after; the earlier load still says it was hidden.
func TestLoadPreviousSections(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	post := filepath.Join(dir, "content", "post")
	if err := os.MkdirAll(post, 0o755); err != nil {
		t.Fatal(err)
	}
	writeAged(t, filepath.Join(dir, "hugo.toml"), "title = 'Sections'\n", time.Minute)
	writeAged(t, filepath.Join(post, "_index.md"), "---\ntitle: Posts\ndraft: true\n---\n", time.Minute)
	writeAged(t, filepath.Join(post, "a.md"), "---\ntitle: A\ntags: [go]\n---\nText.\n", time.Minute)
	pub := model.Publishing{Now: time.Now()}
	pageA := func(r *loader.Result) *model.Page {
		for _, p := range r.Pages {
			if strings.HasSuffix(p.Path, "post/a.md") {
				return p
			}
		}
		t.Fatalf("no page post/a.md among %d", len(r.Pages))
		return nil
	}

	first, err := loader.Load(dir, loader.Options{Remember: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := pub.State(pageA(first)); got != model.Hidden {
		t.Fatalf("in a draft section, the page is %v, want hidden", got)
	}
	if err := os.Remove(filepath.Join(post, "_index.md")); err != nil {
		t.Fatal(err)
	}
	second, err := loader.Load(dir, loader.Options{Remember: true, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if second.Reused == 0 {
		t.Fatal("the reload took no file from the first load, which this test is about")
	}
	if got := pub.State(pageA(second)); got != model.Published {
		t.Errorf("its section deleted, the page is %v, want published", got)
	}
	if got := pub.State(pageA(first)); got != model.Hidden {
		t.Errorf("the reload changed the first load's page: %v, want hidden", got)
	}
}
