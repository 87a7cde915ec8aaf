package loader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"taxo/loader"
	"taxo/model"
)

// The real taxonomy and seed the issue names, beside the project; the tests
// that read them are skipped where they are absent.
var (
	corpusDir = sharedPath("corpus", "nkdagility")
	seedFile  = sharedPath("seeds", "000_a2a0047432d385a2.txt")
)

// sharedPath is a path in the shared folder beside the project: under
// $TAXO_SHARED when set, else beside the repository's root (../shared from
// it), or beside the folder of worktrees the repository is checked out in
// (../../shared). The first that exists; the first when none does.
func sharedPath(parts ...string) string {
	var first string
	places := []string{filepath.Join("..", "..", "shared"), filepath.Join("..", "..", "..", "shared")}
	if dir := os.Getenv("TAXO_SHARED"); dir != "" {
		places = append([]string{dir}, places...)
	}
	for _, shared := range places {
		p := filepath.Join(append([]string{shared}, parts...)...)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if first == "" {
			first = p
		}
	}
	return first
}

// corpusFile is one term file of the corpus as found by walking its folders,
// without the loader.
type corpusFile struct {
	id    model.ID
	index bool // <slug>/_index.md rather than <slug>.md
	front frontMatter
}

// frontMatter is the part of a term file's YAML the corpus tests need.
type frontMatter struct {
	Title        string    `yaml:"title"`
	Instructions string    `yaml:"Instructions"`
	Tags         *[]string `yaml:"tags"` // nil when the file has no tags field
}

// readCorpus walks content/<taxonomy>/ and returns every <slug>.md and
// <slug>/_index.md, decoded with yaml.v3.
func readCorpus(t *testing.T) []corpusFile {
	t.Helper()
	var files []corpusFile
	for _, k := range model.Kinds {
		dir := filepath.Join(corpusDir, "content", k.Taxonomy())
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			var f corpusFile
			switch {
			case e.IsDir():
				f = corpusFile{id: model.ID(k.Taxonomy() + "/" + name), index: true}
				name = filepath.Join(name, "_index.md")
				if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
					continue
				}
			case strings.HasSuffix(name, ".md") && name != "_index.md":
				f = corpusFile{id: model.ID(k.Taxonomy() + "/" + strings.TrimSuffix(name, ".md"))}
			default:
				continue
			}
			f.front = decodeFront(t, filepath.Join(dir, name))
			files = append(files, f)
		}
	}
	return files
}

// decodeFront decodes the YAML between a file's first two --- lines.
func decodeFront(t *testing.T, path string) frontMatter {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parts := bytes.SplitN(src, []byte("\n---"), 2)
	front, ok := bytes.CutPrefix(parts[0], []byte("---\n"))
	if !ok || len(parts) < 2 {
		t.Fatalf("%s: no YAML front matter", path)
	}
	var fm frontMatter
	if err := yaml.Unmarshal(front, &fm); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return fm
}

func loadCorpus(t *testing.T) (*loader.Result, *model.Graph) {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s", corpusDir)
	}
	res, err := loader.Load(corpusDir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res, model.New(res.Terms)
}

// TestCorpus checks the "done when" on the real taxonomy.
func TestCorpus(t *testing.T) {
	res, g := loadCorpus(t)
	files := readCorpus(t)

	t.Run("every slug is exactly one term", func(t *testing.T) {
		want := make(map[model.ID]bool)
		for _, f := range files {
			want[f.id] = true
		}
		got := make(map[model.ID]int)
		for _, term := range res.Terms {
			got[term.ID]++
		}
		for id := range want {
			if got[id] != 1 {
				t.Errorf("%s: %d terms, want 1", id, got[id])
			}
		}
		for id := range got {
			if !want[id] {
				t.Errorf("%s is a term but no slug in the folders", id)
			}
		}
		if res.Files != len(files) {
			t.Errorf("Files = %d, want the %d term files found by walking", res.Files, len(files))
		}
		defined := 0
		for _, term := range g.Terms() {
			if term.Defined {
				defined++
			}
		}
		if defined != len(want) {
			t.Errorf("the graph has %d defined terms, want %d", defined, len(want))
		}
		t.Logf("%d term files, %d slugs, %d terms in the graph", len(files), len(want), g.Len())
	})

	t.Run("agile-strategy and its links", func(t *testing.T) {
		tag := g.Get("tags/agile-strategy")
		if tag == nil {
			t.Fatal("no tags/agile-strategy")
		}
		if got := ids(g.Links(tag, model.Concept)); !slices.Contains(got, "concepts/capability") {
			t.Errorf("concepts = %v, want concepts/capability among them", got)
		}
		if got := ids(g.Links(tag, model.Category)); !slices.Contains(got, "categories/product-development") {
			t.Errorf("categories = %v, want categories/product-development among them", got)
		}
		back := ids(g.Backlinks(g.Get("categories/product-development")))
		if !slices.Contains(back, "tags/agile-strategy") {
			t.Errorf("backlinks of categories/product-development = %v, want tags/agile-strategy among them", back)
		}
	})

	t.Run("tagged Value Delivery", func(t *testing.T) {
		const title = "Value Delivery"
		// The tags of a slug are its _index.md's when it has a tags field,
		// else its flat file's.
		tags := make(map[model.ID][]string)
		fromIndex := make(map[model.ID]bool)
		for _, f := range files {
			if f.front.Tags == nil || (fromIndex[f.id] && !f.index) {
				continue
			}
			tags[f.id], fromIndex[f.id] = *f.front.Tags, f.index
		}
		var want []model.ID
		for id, list := range tags {
			if slices.ContainsFunc(list, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), title) }) {
				want = append(want, id)
			}
		}
		slices.Sort(want)

		// "Value Delivery" is a category too: list --tag takes the tag.
		found := slices.DeleteFunc(g.Lookup(title), func(t *model.Term) bool { return t.Kind != model.Tag })
		if len(found) != 1 {
			t.Fatalf("Lookup(%q) has tags %v, want one", title, ids(found))
		}
		got := ids(g.TaggedWithAll(found))
		slices.Sort(got)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("tagged %q:\n got  %v\n want %v", title, got, want)
		}
		t.Logf("%d terms tagged %q", len(got), title)
	})

	t.Run("problems are warnings with paths", func(t *testing.T) {
		for _, p := range model.NewTaxonomy(res.Root, res.Terms, res.Problems).Problems() {
			if p.Severity != model.Warning {
				t.Errorf("%v: want only warnings on the corpus", p)
			}
			if _, err := os.Stat(p.Path); err != nil {
				t.Errorf("%v: the path cannot be opened: %v", p, err)
			}
		}
		for _, term := range g.Terms() {
			if term.Defined {
				continue
			}
			warned := slices.ContainsFunc(g.Problems(), func(p model.Problem) bool {
				msg := p.Err.Error()
				return p.Line > 0 && (strings.Contains(msg, string(term.ID)) || strings.Contains(msg, strconv.Quote(term.Title)))
			})
			if !warned {
				t.Errorf("undefined %s: no warning with a line says which file refers to it", term.ID)
			}
		}
	})
}

// TestSeed loads the seed file the issue names: a single .txt file.
func TestSeed(t *testing.T) {
	if _, err := os.Stat(seedFile); err != nil {
		t.Skipf("no seed at %s", seedFile)
	}
	res, err := loader.Load(seedFile, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, res.Problems, nil)
	want := decodeFront(t, seedFile)
	found := model.New(res.Terms).Lookup("scaling")
	if len(found) != 1 {
		t.Fatalf("Lookup(scaling) = %v, want one term", ids(found))
	}
	term := found[0]
	if term.Kind != model.Tag || term.Title != want.Title {
		t.Errorf("got %s %q, want a tag titled %q", term.Kind, term.Title, want.Title)
	}
	if want.Instructions == "" || term.Instructions != want.Instructions {
		t.Errorf("Instructions = %q, want the seed's %q", term.Instructions, want.Instructions)
	}
}

func ids(terms []*model.Term) []model.ID {
	out := make([]model.ID, len(terms))
	for i, t := range terms {
		out[i] = t.ID
	}
	return out
}
