package loader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"taxo/loader"
	"taxo/model"
)

// TestDiskLoadFollowsLinksAsInMemory checks that reading a folder on disk,
// where big folders are opened as roots of their own, follows symbolic links
// exactly as the walk over a plain file system does: a link that climbs out
// of its taxonomy folder but stays inside PATH still leads where it points.
func TestDiskLoadFollowsLinksAsInMemory(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(rel, target string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	// Enough terms in each taxonomy folder to make it a big one.
	for i := range 20 {
		write(fmt.Sprintf("content/tags/t%02d/_index.md", i), fmt.Sprintf("---\ntitle: T%02d\n---\n", i))
		write(fmt.Sprintf("content/categories/c%02d.md", i), fmt.Sprintf("---\ntitle: C%02d\n---\n", i))
	}
	write("content/shared/linked.md", "---\ntitle: Linked\n---\n")
	write("content/shared/folder/_index.md", "---\ntitle: Folder\n---\n")
	write("outside.md", "---\ntitle: Outside\n---\n")
	link("content/tags/up.md", "../shared/linked.md")
	link("content/tags/t03/sideways.md", "../../categories/c04.md")
	link("content/tags/folder", "../shared/folder")
	link("content/categories/out.md", "../../../outside.md")
	link("content/categories/absolute.md", "/etc/hostname")
	link("content/categories/nowhere.md", "missing.md")

	onDisk, err := loader.Load(dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inMemory := loader.LoadFS(os.DirFS(dir), nil, loader.Options{})
	if got, want := ids(onDisk.Terms), ids(inMemory.Terms); !slices.Equal(got, want) {
		t.Errorf("terms on disk:\n%v\nwalking os.DirFS:\n%v", got, want)
	}
	for _, id := range []string{"tags/up", "tags/sideways", "tags/folder"} {
		if !slices.ContainsFunc(onDisk.Terms, func(term *model.Term) bool { return string(term.ID) == id }) {
			t.Errorf("the link %s was not followed", id)
		}
	}
	problems := func(res *loader.Result) []string {
		var out []string
		for _, p := range res.Problems {
			out = append(out, p.Path+": "+p.Err.Error())
		}
		return out
	}
	if got, want := problems(onDisk), problems(inMemory); !slices.Equal(got, want) {
		t.Errorf("problems on disk:\n%s\nwalking os.DirFS:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
