package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// The JSON written an object at a time must be, byte for byte, what
// encoding/json wrote when the whole output was encoded at once
// (writeJSON), so that no script reading it sees a change.

// graphJSON and the types below are the graph as graph --format json
// printed it through encoding/json.
type graphJSON struct {
	Root  *model.ID       `json:"root,omitempty"`
	Nodes []graphNodeJSON `json:"nodes"`
	Edges []graphEdgeJSON `json:"edges"`
}

type graphNodeJSON struct {
	ID      model.ID   `json:"id"`
	Kind    model.Kind `json:"kind"`
	Title   string     `json:"title"`
	Path    string     `json:"path"`
	Defined bool       `json:"defined"`
}

type graphEdgeJSON struct {
	From model.ID   `json:"from"`
	To   model.ID   `json:"to"`
	Kind model.Kind `json:"kind"`
}

// streamedJSONSources are taxonomies to write as JSON both ways: the
// sample, a synthetic site, the site fixture and the real sites.
func streamedJSONSources(t *testing.T) map[string]*loader.Result {
	t.Helper()
	out := map[string]*loader.Result{"sample": loader.LoadFS(sample.FS, nil, loader.Options{})}
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, synth.GenerateSite(150, 200, 1)); err != nil {
		t.Fatal(err)
	}
	// Kinds are declared once per process, with the singular name of the
	// first site to declare them: the fixture comes first, so that series
	// stays "serie" for the tests after this one, whatever tokenbrice
	// (series: series) says.
	dirs := [][2]string{{"site fixture", siteDir}, {"synthetic site", synthetic}}
	for _, d := range realSites() {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			dirs = append(dirs, [2]string{filepath.Base(d), d})
		}
	}
	for _, d := range dirs {
		res, err := loader.Load(d[1], loader.Options{NoBodies: true})
		if err != nil {
			t.Fatal(err)
		}
		out[d[0]] = res
	}
	return out
}

// realSites are the real Hugo sites in ../shared, when it is there.
func realSites() []string {
	places := []string{"../../../shared", "../../../../shared"}
	if dir := os.Getenv("TAXO_SHARED"); dir != "" {
		places = append([]string{dir}, places...)
	}
	for _, shared := range places {
		if dirs, _ := filepath.Glob(filepath.Join(shared, "corpus", "hugo-sites", "*")); len(dirs) > 0 {
			return dirs
		}
	}
	return nil
}

// pageJSON is a page as pages --json prints it.
type pageJSON struct {
	Path      string                `json:"path"`
	Lang      string                `json:"lang"`
	Title     string                `json:"title"`
	Date      *string               `json:"date"`
	Draft     bool                  `json:"draft"`
	Published bool                  `json:"published"`
	State     model.PageState       `json:"state"`
	Section   bool                  `json:"section"`
	Terms     map[string][]model.ID `json:"terms"`
}

// toPageJSON describes a page; published keeps, of its terms, those Hugo
// lists it under.
func toPageJSON(g *model.Graph, pub model.Publishing, p *model.Page, published bool) pageJSON {
	state := pub.State(p)
	j := pageJSON{Path: p.Path, Lang: p.Lang, Title: p.Title, Draft: p.Draft, Published: state == model.Published,
		State: state, Section: p.Section, Terms: map[string][]model.ID{}}
	if !p.Date.IsZero() {
		d := p.Date.Format(time.RFC3339)
		j.Date = &d
	}
	terms := g.TermsOf(p)
	if published {
		terms = g.PublishedTerms(pub, p)
	}
	for _, t := range terms {
		j.Terms[t.Kind.Taxonomy()] = append(j.Terms[t.Kind.Taxonomy()], t.ID)
	}
	return j
}

// whole is what writeJSON writes of v.
func whole(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestStreamedJSONIsEncodingJSON(t *testing.T) {
	for name, res := range streamedJSONSources(t) {
		t.Run(name, func(t *testing.T) {
			for _, lang := range res.LanguageCodes() {
				g := res.Graph(lang)
				terms := newTermLister(g)
				checkStreamed(t, "list", g.Terms(), func(tm *model.Term) termJSON { return toJSON(g, tm, false) },
					func(i int, b []byte) []byte { return terms.append(b, i) })
				pub := model.Publishing{Now: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}
				if res.Site != nil {
					pub = res.Site.Publishing(pub.Now)
				}
				listed := make([]listedPage, len(g.Pages()))
				for i, p := range g.Pages() {
					listed[i] = listedPage{p, g, i}
				}
				for _, published := range []bool{false, true} {
					pages := newPageLister(pub, published, listed)
					checkStreamed(t, "pages", g.Pages(), func(p *model.Page) pageJSON { return toPageJSON(g, pub, p, published) },
						func(i int, b []byte) []byte { return pages.append(b, listed[i]) })
				}
				problems := append(res.Problems, g.Problems()...)
				checkStreamed(t, "check", problems, func(p model.Problem) problemJSON {
					return problemJSON{Path: p.Path, Line: p.Line, Col: p.Col, Severity: p.Severity, Message: p.Err.Error()}
				}, func(i int, b []byte) []byte {
					p := problems[i]
					return appendProblemJSON(b, &problemJSON{Path: p.Path, Line: p.Line, Col: p.Col, Severity: p.Severity, Message: p.Err.Error()})
				})
				checkGraph(t, g)
			}
		})
	}
}

// checkStreamed compares writeJSONArray, item i written by add, with
// writeJSON of the first items made by toJ, for none, one and many.
func checkStreamed[T, J any](t *testing.T, what string, items []T, toJ func(T) J, add func(i int, b []byte) []byte) {
	t.Helper()
	for _, n := range []int{0, 1, min(len(items), 2000)} {
		n = min(n, len(items))
		js := make([]J, n)
		for i := range js {
			js[i] = toJ(items[i])
		}
		var got bytes.Buffer
		if err := writeJSONArray(&got, n, add); err != nil {
			t.Fatal(err)
		}
		if want := whole(t, js); got.String() != want {
			t.Fatalf("%s of %d: streamed\n%.3000s\nwant\n%.3000s", what, n, got.String(), want)
		}
	}
}

func checkGraph(t *testing.T, g *model.Graph) {
	t.Helper()
	sub := g.Cut(model.Cut{Undefined: true})
	for _, root := range []*model.Term{nil, g.Terms()[0]} {
		out := graphJSON{Nodes: make([]graphNodeJSON, len(sub.Terms)), Edges: make([]graphEdgeJSON, len(sub.Edges))}
		if root != nil {
			out.Root = &root.ID
		}
		for i, tm := range sub.Terms {
			out.Nodes[i] = graphNodeJSON{ID: tm.ID, Kind: tm.Kind, Title: tm.DisplayTitle(), Path: tm.Path, Defined: tm.Defined}
		}
		for i, e := range sub.Edges {
			out.Edges[i] = graphEdgeJSON{From: e.From.ID, To: e.To.ID, Kind: e.To.Kind}
		}
		var got bytes.Buffer
		if err := writeGraphJSON(&got, sub, root); err != nil {
			t.Fatal(err)
		}
		if want := whole(t, out); got.String() != want {
			t.Fatalf("graph: streamed\n%.2000s\nwant\n%.2000s", got.String(), want)
		}
	}
}

// FuzzJSONString checks that a string is written as encoding/json and
// escapeTerminalRunes write it.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"plain", "quote \" and \\", "\x00\x1f\b\f\n\r\t\x7f", "\u2028\u2029", "\u0085\u202e\u2066",
		"\xff\xfe bad", "é😀", "<a href=\"x\">&amp;</a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := escapeTerminalRunes(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: wrote %s, want %s", s, got, want)
		}
	})
}
