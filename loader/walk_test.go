package loader_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"taxo/loader"
	"taxo/model"
)

func symlink(target string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
}

func termFile(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\n")}
}

// TestSymlinks checks the rule for symbolic links: followed when they stay
// inside PATH, each folder read once, loops reported.
func TestSymlinks(t *testing.T) {
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		terms    []model.ID
		problems []string // "path: message part"
	}{
		{
			name: "link to a folder outside the taxonomy folders",
			fsys: fstest.MapFS{
				"content/tags/real.md":      termFile("Real"),
				"content/tags/shared":       symlink("../../shared"),
				"shared/one/_index.md":      termFile("One"),
				"shared/two.md":             termFile("Two"),
				"shared/nested/link-to-one": symlink("../one"),
			},
			terms:    []model.ID{"tags/one", "tags/real", "tags/two"},
			problems: []string{"content/tags/shared/nested/link-to-one: symbolic link to content/tags/shared/one, which is read already"},
		},
		{
			name: "link to the folder that holds it",
			fsys: fstest.MapFS{
				"content/tags/a/_index.md": termFile("A"),
				"content/tags/a/again":     symlink("../.."),
			},
			terms:    []model.ID{"tags/a"},
			problems: []string{"content/tags/a/again: symbolic link to content, a folder that holds it, would loop"},
		},
		{
			name: "two links to each other's folders",
			fsys: fstest.MapFS{
				"x/a/_index.md": termFile("A"),
				"x/a/to-b":      symlink("../b"),
				"x/b/_index.md": termFile("B"),
				"x/b/to-a":      symlink("../a"),
			},
			terms: []model.ID{"tags/a", "tags/b"},
			problems: []string{
				"x/a/to-b: symbolic link to x/b, which is read already",
				"x/b/to-a: symbolic link to x/a, which is read already",
			},
		},
		{
			name: "chain of links to a file",
			fsys: fstest.MapFS{
				"tags/first.md":  symlink("second.md"),
				"tags/second.md": symlink("../store/third.md"),
				"store/third.md": termFile("Third"),
			},
			terms: []model.ID{"tags/first", "tags/second"},
		},
		{
			name: "links that loop among themselves",
			fsys: fstest.MapFS{
				"tags/ok.md":   termFile("OK"),
				"tags/ping.md": symlink("pong.md"),
				"tags/pong.md": symlink("ping.md"),
				"tags/self":    symlink("self"),
			},
			terms: []model.ID{"tags/ok"},
			problems: []string{
				"tags/ping.md: symbolic link to pong.md is part of a loop of links",
				"tags/pong.md: symbolic link to ping.md is part of a loop of links",
				"tags/self: symbolic link to self is part of a loop of links",
			},
		},
		{
			name: "links out of the tree",
			fsys: fstest.MapFS{
				"tags/ok.md":       termFile("OK"),
				"tags/up.md":       symlink("../../elsewhere.md"),
				"tags/absolute.md": symlink("/etc/passwd"),
				"tags/gone":        symlink("missing"),
				"tags/picture.png": symlink("../../picture.png"),
			},
			terms: []model.ID{"tags/ok"},
			problems: []string{
				"tags/absolute.md: symbolic link to /etc/passwd has an absolute target",
				"tags/gone: symbolic link to missing leads nowhere",
				"tags/up.md: symbolic link to ../../elsewhere.md leads outside PATH",
			},
		},
		{
			name: "files that are not term files",
			fsys: fstest.MapFS{
				"tags/ok.md":          termFile("OK"),
				"tags/ok.markdown":    termFile("Markdown"),
				"tags/notes.txt":      termFile("Notes"),
				"tags/page/image.png": {Data: []byte("\x89PNG")},
				"tags/.hidden.md":     termFile("Hidden"),
				"tags/.git/x.md":      termFile("Git"),
			},
			terms: []model.ID{"tags/ok"},
			problems: []string{
				"tags/ok.md: tags/ok is already defined by tags/ok.markdown",
			},
		},
		{
			name: "named pipe",
			fsys: fstest.MapFS{
				"tags/ok.md":   termFile("OK"),
				"tags/pipe.md": {Mode: fs.ModeNamedPipe},
			},
			terms:    []model.ID{"tags/ok"},
			problems: []string{"tags/pipe.md: is not a regular file (a named pipe); it is skipped"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loader.LoadFS(tt.fsys, nil, loader.Options{})
			got := ids(res.Terms)
			slices.Sort(got)
			if !slices.Equal(got, tt.terms) {
				t.Errorf("terms = %v; want %v", got, tt.terms)
			}
			var problems []string
			for _, p := range res.Problems {
				problems = append(problems, p.Path+": "+p.Err.Error())
			}
			slices.Sort(problems)
			if len(problems) != len(tt.problems) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(tt.problems, "\n"))
			}
			for i, want := range tt.problems {
				if !strings.HasPrefix(problems[i], want) {
					t.Errorf("problem %d = %q; want it to start %q", i, problems[i], want)
				}
			}
		})
	}
}
