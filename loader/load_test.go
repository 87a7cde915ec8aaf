package loader_test

import (
	"cmp"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"taxo/internal/testtree"
	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// siteIDs are the terms of testdata/site, sorted.
var siteIDs = []model.ID{
	"categories/planting", "categories/pruning",
	"concepts/practice", "concepts/tool",
	"tags/mulch", "tags/secateurs", "tags/winter-work",
}

func TestLoadPathShapes(t *testing.T) {
	tests := []struct {
		name      string
		path      string // under testdata
		wantIDs   []model.ID
		wantFiles int
		wantPaths map[model.ID]string // Term.Path for some terms
	}{
		{
			name: "site root", path: "site",
			wantIDs: siteIDs, wantFiles: 8,
			wantPaths: map[model.ID]string{
				"concepts/tool":      "content/concepts/tool.md",
				"tags/secateurs":     "content/tags/secateurs/_index.md",
				"tags/mulch":         "content/tags/mulch/_index.md",
				"categories/pruning": "content/categories/pruning/_index.md",
			},
		},
		{
			name: "content folder", path: "site/content",
			wantIDs: siteIDs, wantFiles: 8,
			wantPaths: map[model.ID]string{"concepts/tool": "concepts/tool.md"},
		},
		{
			name: "one taxonomy folder", path: "site/content/tags",
			wantIDs:   []model.ID{"tags/mulch", "tags/secateurs", "tags/winter-work"},
			wantFiles: 4,
			wantPaths: map[model.ID]string{"tags/winter-work": "winter-work.md", "tags/mulch": "mulch/_index.md"},
		},
		{
			name: "term bundle folder", path: "site/content/tags/mulch",
			wantIDs: []model.ID{"tags/mulch"}, wantFiles: 1,
			wantPaths: map[model.ID]string{"tags/mulch": "_index.md"},
		},
		{
			name: "single file in a taxonomy folder", path: "site/content/concepts/tool.md",
			wantIDs: []model.ID{"concepts/tool"}, wantFiles: 1,
			wantPaths: map[model.ID]string{"concepts/tool": "tool.md"},
		},
		{
			name: "single _index.md of a term bundle", path: "site/content/concepts/practice/_index.md",
			wantIDs: []model.ID{"concepts/practice"}, wantFiles: 1,
		},
		{
			name: "single file of any extension", path: "single-file/pruning-notes.txt",
			wantIDs: []model.ID{"categories/pruning-notes"}, wantFiles: 1,
			wantPaths: map[model.ID]string{"categories/pruning-notes": "pruning-notes.txt"},
		},
		{
			name: "any folder of term files", path: "any-folder",
			wantIDs:   []model.ID{"categories/beds", "concepts/crop-rotation", "tags/raised-beds"},
			wantFiles: 3,
			wantPaths: map[model.ID]string{"categories/beds": "beds/_index.md", "concepts/crop-rotation": "crop-rotation.markdown"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadFixture(t, tt.path)
			if got := termIDs(res.Terms); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("terms = %v, want %v", got, tt.wantIDs)
			}
			if res.Files != tt.wantFiles {
				t.Errorf("Files = %d, want %d", res.Files, tt.wantFiles)
			}
			checkProblems(t, res.Problems, nil)
			for id, want := range tt.wantPaths {
				if got := byID(t, res.Terms, id).Path; got != want {
					t.Errorf("%s: Path = %q, want %q", id, got, want)
				}
			}
		})
	}
}

// TestLoadRoot checks that the root is the folder as the user gave it, so
// that a term's path joined to it, as model.Taxonomy.Path joins them, is a
// file the user can open.
func TestLoadRoot(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		id       model.ID
		wantRoot string
		wantShow string
	}{
		{"folder", "testdata/site/content/tags", "tags/winter-work", "testdata/site/content/tags", "testdata/site/content/tags/winter-work.md"},
		{"single file", "testdata/site/content/concepts/tool.md", "concepts/tool", "testdata/site/content/concepts", "testdata/site/content/concepts/tool.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := loader.Load(filepath.FromSlash(tt.path), loader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Root != filepath.FromSlash(tt.wantRoot) {
				t.Errorf("Root = %q, want %q", res.Root, tt.wantRoot)
			}
			got := model.NewTaxonomy(res.Root, nil, nil).Path(byID(t, res.Terms, tt.id).Path)
			if got != filepath.FromSlash(tt.wantShow) {
				t.Errorf("the path shown is %q, want %q", got, tt.wantShow)
			}
			if _, err := os.Stat(got); err != nil {
				t.Errorf("the displayed path cannot be opened: %v", err)
			}
		})
	}
}

func TestLoadMissingPath(t *testing.T) {
	res, err := loader.Load(filepath.Join("testdata", "no-such-folder"), loader.Options{})
	if err == nil {
		t.Fatalf("Load of a missing path = %d terms, want an error", len(res.Terms))
	}
	if !os.IsNotExist(err) {
		t.Errorf("error = %v, want one that says the path does not exist", err)
	}
}

// TestLoadFixtures loads each small fixture folder and compares what the
// user would see of every term.
func TestLoadFixtures(t *testing.T) {
	const (
		instructions = "**Use for watering.**\nExclude irrigation systems."
		body         = "Early morning is best.\nEvening will do.\n"
	)
	watering := func(id model.ID, path string) termView {
		return termView{ID: id, Title: "Watering", Description: "Water at the roots, not the leaves.",
			Instructions: instructions, Path: path, Body: body, Tags: []string{"Drought"}}
	}
	compost := func(id model.ID, path string) termView {
		return termView{ID: id, Title: "Compost", Description: "Rotted-down garden waste.",
			Instructions: "**Use this tag for making compost.**\nExclude leaf mould.",
			Weight:       3, Icon: "fa-recycle", Path: path, Body: "Turn the heap once a month.\n",
			Concepts: []string{"Practice"}, Tags: []string{"Worms", "Leaf Mould"}}
	}
	tests := []struct {
		name         string
		path         string
		want         []termView // sorted by ID
		wantProblems []wantProblem
	}{
		{
			name: "taxonomy _index.md is not a term", path: "taxonomy-index",
			want: []termView{{ID: "tags/ladders", Title: "Ladders", Path: "tags/ladders/_index.md",
				Body: "Three legs stand on uneven ground.\n"}},
		},
		{
			name: "both layouts for one slug", path: "both-layouts-agree",
			want: []termView{{ID: "tags/espalier", Title: "Espalier", Description: "Training a tree flat against a wall.",
				Weight: 4, Path: "tags/espalier/_index.md", AltPath: "tags/espalier.md", Body: "Tie in the tiers each summer.\n"}},
		},
		{
			name: "both layouts that disagree", path: "both-layouts-disagree",
			want: []termView{
				{
					ID: "tags/grafting",
					// _index.md wins on every field both set...
					Title:        "Grafting",
					Description:  "Joining a scion to a rootstock (from _index.md).",
					Instructions: "Use for grafting methods (from _index.md).",
					Tags:         []string{"Budding"},
					Body:         "Index body: match the cambium layers.\n",
					// ...and the flat file fills in what _index.md lacks.
					Abstract:   "Only the flat file has an abstract.",
					Weight:     7,
					Icon:       "fa-scissors",
					Categories: []string{"Propagation"},
					Path:       "tags/grafting/_index.md", AltPath: "tags/grafting.md",
				},
				{
					ID: "tags/layering", Title: "Layering", Description: "Rooting a branch while it is still on the parent.",
					Body: "Flat body: pin a low branch to the soil until it roots.\n",
					Path: "tags/layering/_index.md", AltPath: "tags/layering.md",
				},
			},
		},
		{
			name: "kind from ClassificationType, else the folder", path: "kind-from-field-vs-folder",
			want: []termView{
				{ID: "categories/season", Title: "Season", Path: "tags/season.md"},
				{ID: "concepts/frost", Title: "Frost", Path: "tags/frost/_index.md"},
				{ID: "concepts/habit", Title: "Habit", Path: "concepts/habit.md"},
				{ID: "tags/rain", Title: "Rain", Path: "tags/rain.md"},
				{ID: "tags/weather", Title: "Weather", Path: "tags/weather.md"},
			},
			wantProblems: []wantProblem{{"tags/weather.md:3:21: warning", `ClassificationType "widgets"`}},
		},
		{
			name: "kind is tag outside taxonomy folders unless ClassificationType says", path: "any-folder",
			want: []termView{
				{ID: "categories/beds", Title: "Beds", Path: "beds/_index.md", Body: "Where things grow.\n"},
				{ID: "concepts/crop-rotation", Title: "Crop Rotation", Path: "crop-rotation.markdown",
					Body: "Never the same family in the same bed two years running.\n"},
				{ID: "tags/raised-beds", Title: "Raised Beds", Description: "Beds built up above the path.",
					Path: "raised-beds.md", Body: "Warmer soil in spring.\n"},
			},
		},
		{
			name: "YAML, TOML and JSON front matter", path: "front-matter-formats",
			want: []termView{
				compost("tags/json", "json.md"),
				compost("tags/toml", "toml.md"),
				compost("tags/yaml", "yaml.md"),
			},
		},
		{
			name: "BOM and CRLF", path: "bom-and-crlf",
			want: []termView{
				watering("tags/bom", "bom.md"),
				watering("tags/bom-crlf", "bom-crlf.md"),
				watering("tags/crlf", "crlf.md"),
			},
		},
		{
			name: "body with its own --- rule", path: "body-with-rule",
			want: []termView{{ID: "tags/hedges", Title: "Hedges", Path: "hedges.md",
				Body: "Above the rule.\n\n---\n\nBelow the rule.\n+++\nStill body.\n"}},
		},
		{
			name: "list items at column 0 and indented", path: "list-items",
			want: []termView{
				{ID: "tags/column-0", Title: "Column Zero", Path: "column-0.md",
					Tags: []string{"Apples", "Pears"}, Categories: []string{"Fruit"}},
				{ID: "tags/indented", Title: "Indented", Path: "indented.md",
					Tags: []string{"Apples", "Pears"}, Categories: []string{"Fruit"}},
			},
		},
		{
			name: "raw tab in a value", path: "raw-tab",
			want: []termView{{ID: "tags/tabs", Title: "Tabs", Description: "Tools (e.g., \tspades and forks) for digging.",
				Icon: "fa-trowel", Path: "tabs.md", Body: "Body.\n"}},
		},
		{
			name: "no final newline", path: "no-final-newline",
			want: []termView{
				{ID: "tags/body", Title: "Last Line", Path: "body.md", Body: "The body ends here"},
				{ID: "tags/front-only", Title: "Front Only", Path: "front-only.md", Tags: []string{"Apples"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadFixture(t, tt.path)
			checkProblems(t, res.Problems, tt.wantProblems)
			terms := slices.Clone(res.Terms)
			slices.SortFunc(terms, func(a, b *model.Term) int { return cmp.Compare(a.ID, b.ID) })
			if len(terms) != len(tt.want) {
				t.Fatalf("terms = %v, want %d", termIDs(terms), len(tt.want))
			}
			for i, term := range terms {
				if d := diffViews(view(term), tt.want[i]); d != "" {
					t.Errorf("%s:%s", tt.want[i].ID, d)
				}
				if !term.Defined {
					t.Errorf("%s is not Defined", term.ID)
				}
			}
		})
	}
}

func TestLoadKinds(t *testing.T) {
	res := loadFixture(t, "kind-from-field-vs-folder")
	want := map[model.ID]model.Kind{
		"categories/season": model.Category,
		"concepts/frost":    model.Concept,
		"concepts/habit":    model.Concept,
		"tags/rain":         model.Tag,
		"tags/weather":      model.Tag,
	}
	for id, kind := range want {
		term := byID(t, res.Terms, id)
		if term.Kind != kind {
			t.Errorf("%s: Kind = %s, want %s", id, term.Kind, kind)
		}
		if k, slug, _ := id.Split(); k != term.Kind || slug != term.Slug {
			t.Errorf("%s: Slug = %q, want %q", id, term.Slug, slug)
		}
	}
}

// TestLoadExtraFields checks that front matter taxo has no use for is kept,
// whatever the format.
func TestLoadExtraFields(t *testing.T) {
	res := loadFixture(t, "front-matter-formats")
	for _, term := range res.Terms {
		t.Run(term.Path, func(t *testing.T) {
			if v, ok := term.Field("Season"); !ok || v != "autumn" {
				t.Errorf("Field(season) = %v, %v; want autumn", v, ok)
			}
			for _, known := range []string{"title", "ClassificationType", "tags", "weight", "date"} {
				if _, ok := term.Field(known); ok {
					t.Errorf("known field %q is also kept as an extra field", known)
				}
			}
			want := time.Date(2024, 10, 1, 8, 30, 0, 0, time.UTC)
			if !term.Date.Equal(want) {
				t.Errorf("Date = %v, want %v", term.Date, want)
			}
		})
	}

	merged := byID(t, loadFixture(t, "both-layouts-disagree").Terms, "tags/grafting")
	if v, ok := merged.Field("season"); !ok || v != "spring" {
		t.Errorf("merged layouts: Field(season) = %v, %v; want the flat file's spring", v, ok)
	}
}

func TestLoadDates(t *testing.T) {
	instant := time.Date(2025, 4, 9, 13, 53, 11, 0, time.UTC)
	tests := []struct {
		id   model.ID
		want time.Time
	}{
		{"tags/zone", instant},
		{"tags/offset", instant},
		{"tags/no-zone", instant},
		{"tags/space-no-zone", instant},
		{"tags/toml-local", instant},
		{"tags/date-only", time.Date(2025, 4, 9, 0, 0, 0, 0, time.UTC)},
	}
	res := loadFixture(t, "dates")
	checkProblems(t, res.Problems, nil)
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			if got := byID(t, res.Terms, tt.id).Date; !got.Equal(tt.want) {
				t.Errorf("Date = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLoadRefPositions checks that each listed title knows its line and
// column in the file, so check can point at it.
func TestLoadRefPositions(t *testing.T) {
	type at struct {
		title     string
		line, col int
	}
	tests := []struct {
		name string
		path string
		id   model.ID
		kind model.Kind
		want []at
	}{
		{"list items at column 0", "list-items", "tags/column-0", model.Tag, []at{{"Apples", 4, 3}, {"Pears", 5, 3}}},
		{"indented list items", "list-items", "tags/indented", model.Tag, []at{{"Apples", 4, 5}, {"Pears", 5, 5}}},
		{"deeper indented list items", "list-items", "tags/indented", model.Category, []at{{"Fruit", 7, 7}}},
		{"flow list after blank lines", "problem-positions", "tags/blank-lines-first", model.Tag, []at{{"Far Away", 5, 8}}},
		{"CRLF", "bom-and-crlf", "tags/crlf", model.Tag, []at{{"Drought", 8, 3}}},
		{"BOM and CRLF", "bom-and-crlf", "tags/bom-crlf", model.Tag, []at{{"Drought", 8, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := byID(t, loadFixture(t, tt.path).Terms, tt.id)
			var got []at
			for _, r := range term.RefsOf(tt.kind) {
				got = append(got, at{r.Title, r.Line, r.Col})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s refs = %v, want %v", tt.kind.Taxonomy(), got, tt.want)
			}
		})
	}
}

// TestLoadProblemPositions checks that every problem points at the file's
// line and column, not the front matter's, and that bad files do not stop
// the good ones from loading.
func TestLoadProblemPositions(t *testing.T) {
	res := loadFixture(t, "problem-positions")
	if got, want := termIDs(res.Terms), []model.ID{"tags/apples", "tags/blank-lines-first", "tags/undefined-ref"}; !slices.Equal(got, want) {
		t.Errorf("terms = %v, want %v", got, want)
	}
	if res.Files != 7 {
		t.Errorf("Files = %d, want 7", res.Files)
	}
	t.Run("loading", func(t *testing.T) {
		checkProblems(t, res.Problems, []wantProblem{
			// The front matter starts on line 3, after a blank line; the bad value is on line 4.
			{"yaml-error.md:4: error", "mapping values are not allowed"},
			{"toml-error.md:3:10: error", "invalid TOML front matter"},
			// The second comma of `"weight": 3,,` is column 15.
			{"json-error.md:3:15: error", "invalid JSON front matter"},
			{"unterminated.md:1:1: error", "never closed"},
		})
	})
	t.Run("linking", func(t *testing.T) {
		checkProblems(t, model.New(res.Terms).Problems(), []wantProblem{
			{"undefined-ref.md:4:3: warning", `category "Nowhere" matches no file`},
			{"undefined-ref.md:7:5: warning", `tag "Missing Tag" matches no file`},
			{"blank-lines-first.md:5:8: warning", `tag "Far Away" matches no file`},
		})
	})
}

// TestLoadFS checks that the names given for the root decide the kind of
// files outside any taxonomy folder, and that a root which is a term's own
// folder keeps its _index.md.
func TestLoadFS(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"_index.md": file("---\ntitle: Own Page\n---\n"),
		"loose.md":  file("---\ntitle: Loose\n---\n"),
	}
	tests := []struct {
		name  string
		names []string
		want  []model.ID
	}{
		{"no names", nil, []model.ID{"tags/loose"}},
		{"a folder of concepts", []string{"concepts", "content"}, []model.ID{"concepts/loose"}},
		{"a term's folder inside categories", []string{"soil", "categories"}, []model.ID{"categories/loose", "categories/soil"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loader.LoadFS(fsys, tt.names, loader.Options{})
			checkProblems(t, res.Problems, nil)
			if got := termIDs(res.Terms); !slices.Equal(got, tt.want) {
				t.Errorf("terms = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLoadDeterministic checks that the number of workers changes nothing
// the user sees, and that progress, called one file at a time, reaches the
// number of files with a count found that only grows.
func TestLoadDeterministic(t *testing.T) {
	dir := filepath.Join("testdata", "site")
	one, err := loader.Load(dir, loader.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var inCall atomic.Bool
	var calls, last, lastFound int
	many, err := loader.Load(dir, loader.Options{Workers: 8, Progress: func(done, found int) {
		if !inCall.CompareAndSwap(false, true) {
			t.Error("progress called twice at once")
		}
		defer inCall.Store(false)
		calls++
		if done <= last || found < lastFound || found < done || found > 8 {
			t.Errorf("progress (%d, %d) after (%d, %d)", done, found, last, lastFound)
		}
		last, lastFound = done, found
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != many.Files || last != many.Files || lastFound != many.Files {
		t.Errorf("progress called %d times reaching (%d, %d), want %d", calls, last, lastFound, many.Files)
	}
	if len(one.Terms) != len(many.Terms) {
		t.Fatalf("1 worker: %d terms, 8 workers: %d", len(one.Terms), len(many.Terms))
	}
	for i := range one.Terms {
		if d := diffViews(view(many.Terms[i]), view(one.Terms[i])); d != "" {
			t.Errorf("term %d differs with 8 workers:%s", i, d)
		}
	}
}

func TestLoadMaxFileSize(t *testing.T) {
	res, err := loader.Load(filepath.Join("testdata", "site", "content", "tags"), loader.Options{MaxFileSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	// Only secateurs.md is under 100 bytes.
	if got, want := termIDs(res.Terms), []model.ID{"tags/secateurs"}; !slices.Equal(got, want) {
		t.Errorf("terms = %v, want %v", got, want)
	}
	checkProblems(t, res.Problems, []wantProblem{
		{"mulch/_index.md: error", "over the 100 B limit"},
		{"secateurs/_index.md: error", "over the 100 B limit"},
		{"winter-work.md: error", "over the 100 B limit"},
	})
}

// TestLoadSlugNamedLikeATaxonomy checks that a term whose folder is named
// concepts, categories or tags is still a term of the taxonomy it sits in,
// whatever PATH the load starts from.
func TestLoadSlugNamedLikeATaxonomy(t *testing.T) {
	const root = "slug-named-like-a-taxonomy"
	tests := []struct {
		name string
		path string
		want []model.ID
	}{
		{"site root", root, []model.ID{"categories/categories", "concepts/tags", "tags/concepts"}},
		{"content folder", root + "/content", []model.ID{"categories/categories", "concepts/tags", "tags/concepts"}},
		{"one taxonomy folder", root + "/content/tags", []model.ID{"tags/concepts"}},
		{"term bundle folder", root + "/content/tags/concepts", []model.ID{"tags/concepts"}},
		{"single _index.md", root + "/content/tags/concepts/_index.md", []model.ID{"tags/concepts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadFixture(t, tt.path)
			checkProblems(t, res.Problems, nil)
			if got := termIDs(res.Terms); !slices.Equal(got, tt.want) {
				t.Errorf("terms = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("links between them resolve", func(t *testing.T) {
		checkProblems(t, model.New(loadFixture(t, root).Terms).Problems(), nil)
	})
}

// TestLoadHandsOutTermsAsParsed checks Options.Terms: every file's term
// comes once, one call at a time, and a term handed out is never changed
// afterwards, not even when the two layouts of its slug are merged.
func TestLoadHandsOutTermsAsParsed(t *testing.T) {
	var inCall atomic.Bool
	var handed []*model.Term
	var copies []model.Term
	res := loader.LoadFS(sample.FS, nil, loader.Options{Workers: 4, Terms: func(batch []*model.Term) {
		if !inCall.CompareAndSwap(false, true) {
			t.Error("Terms called twice at once")
		}
		defer inCall.Store(false)
		for _, term := range batch {
			handed = append(handed, term)
			copies = append(copies, *term)
		}
	}})
	// The sample has two slugs in both layouts: two files, one term each.
	if got, want := len(handed), len(res.Terms)+2; got != want {
		t.Errorf("%d terms handed out for %d terms from %d files; want %d", got, len(res.Terms), res.Files, want)
	}
	got := ids(handed)
	slices.Sort(got)
	got = slices.Compact(got)
	if want := ids(res.Terms); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("IDs handed out %v; the load's %v", got, want)
	}
	for i, term := range handed {
		if !reflect.DeepEqual(*term, copies[i]) {
			t.Errorf("%s changed after it was handed out", term.ID)
		}
	}
	merged := 0
	for _, term := range res.Terms {
		if term.AltPath != "" {
			merged++
			if slices.Contains(handed, term) {
				t.Errorf("merged term %s is one handed out, not a new one", term.ID)
			}
		}
	}
	if merged != 2 {
		t.Errorf("%d terms merged from two layouts; the sample has 2", merged)
	}
}

// TestLoadNoBodies checks that a load without bodies gives the same terms,
// body aside, and the same problems, on the fixtures, the sample, the tree
// of bad files and the real taxonomy when it is there.
func TestLoadNoBodies(t *testing.T) {
	t.Parallel()
	bad := t.TempDir()
	if _, err := testtree.Write(bad); err != nil {
		t.Fatal(err)
	}
	trees := map[string]func(loader.Options) (*loader.Result, error){
		"site": func(o loader.Options) (*loader.Result, error) {
			return loader.Load(filepath.Join("testdata", "site"), o)
		},
		"sample": func(o loader.Options) (*loader.Result, error) { return loader.LoadFS(sample.FS, nil, o), nil },
		"bad":    func(o loader.Options) (*loader.Result, error) { return loader.Load(bad, o) },
	}
	if corpus := sharedPath("corpus", "nkdagility"); isDir(corpus) {
		trees["nkdagility"] = func(o loader.Options) (*loader.Result, error) { return loader.Load(corpus, o) }
	}
	for name, load := range trees {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			with, err := load(loader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			without, err := load(loader.Options{NoBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(with.Terms) != len(without.Terms) {
				t.Fatalf("%d terms with bodies, %d without", len(with.Terms), len(without.Terms))
			}
			bodies := 0
			for i, w := range with.Terms {
				got := view(without.Terms[i])
				if got.Body != "" {
					t.Errorf("%s keeps its body", got.ID)
				}
				want := view(w)
				if want.Body != "" {
					bodies++
				}
				want.Body = ""
				if d := diffViews(got, want); d != "" {
					t.Errorf("%s differs without its body:%s", w.ID, d)
				}
				if without.Terms[i].Fields != nil {
					t.Errorf("%s keeps its other fields: %v", w.ID, without.Terms[i].Fields)
				}
			}
			if bodies == 0 {
				t.Fatal("no term has a body to leave out")
			}
			if g, w := problemLines(without.Problems), problemLines(with.Problems); !slices.Equal(g, w) {
				t.Errorf("problems without bodies:\n%v\nwith:\n%v", g, w)
			}
		})
	}
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
