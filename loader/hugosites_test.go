package loader_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"taxo/loader"
	"taxo/model"
)

// hugoSitesDir holds real Hugo sites, each with hugo-answer/: what Hugo
// 0.111 itself lists under each term, per language, at hugoClock.
var hugoSitesDir = sharedPath("corpus", "hugo-sites")

var hugoClock = time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)

// triple is one page Hugo lists under one term, in one language; page is
// relative to the language's content folder, as Hugo's .File.Path is.
type triple struct{ lang, term, page string }

// hugoAnswer reads a site's hugo-answer/<lang>.json files.
func hugoAnswer(t *testing.T, site string) []triple {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(site, "hugo-answer", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []triple
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".json")
		if lang == "summary" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var answer map[string][]string
		if err := json.Unmarshal(data, &answer); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for term, pages := range answer {
			for _, p := range pages {
				out = append(out, triple{lang, term, p})
			}
		}
	}
	return out
}

// taxoTriples are the published (language, term, page) triples of a
// load, each language's from its graph.
func taxoTriples(res *loader.Result, now time.Time) []triple {
	pub := res.Site.Publishing(now)
	var out []triple
	for _, lang := range res.LanguageCodes() {
		g := res.Graph(lang)
		for _, p := range g.Pages() {
			rel := p.Path
			for _, l := range res.Site.Languages {
				if l.ContentDir != "" && strings.HasPrefix(p.Path, l.ContentDir+"/") {
					rel = strings.TrimPrefix(p.Path, l.ContentDir+"/")
					break
				}
			}
			for _, t := range g.PublishedTerms(pub, p) {
				out = append(out, triple{lang, string(t.ID), rel})
			}
		}
	}
	return out
}

// TestHugoSites compares, for each real site, the published triples taxo
// finds with Hugo's own answer, exactly.
func TestHugoSites(t *testing.T) {
	sites, err := os.ReadDir(hugoSitesDir)
	if err != nil {
		t.Skipf("no Hugo sites at %s", hugoSitesDir)
	}
	for _, s := range sites {
		if !s.IsDir() {
			continue
		}
		t.Run(s.Name(), func(t *testing.T) {
			dir := filepath.Join(hugoSitesDir, s.Name())
			res, err := loader.Load(dir, loader.Options{NoBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Site == nil {
				t.Fatal("not read as a site")
			}
			want, got := hugoAnswer(t, dir), taxoTriples(res, hugoClock)
			missing, extra := diffTriples(want, got)
			for _, tr := range missing[:min(len(missing), 10)] {
				t.Errorf("Hugo lists %s under %s (%s); taxo does not", tr.page, tr.term, tr.lang)
			}
			for _, tr := range extra[:min(len(extra), 10)] {
				t.Errorf("taxo lists %s under %s (%s); Hugo does not", tr.page, tr.term, tr.lang)
			}
			if len(missing)+len(extra) > 0 {
				t.Errorf("%d triples missing, %d extra, of %d", len(missing), len(extra), len(want))
			}
			t.Log(tripleCounts(got))
			for _, p := range res.Problems {
				if p.Severity == model.Error {
					t.Errorf("problem: %v", p)
				}
			}
		})
	}
}

// diffTriples returns what want has and got has not, and the reverse,
// each triple counted once: Hugo 0.111 lists a page twice under a term
// whose key holds a slash ("ci/cd").
func diffTriples(want, got []triple) (missing, extra []triple) {
	count := make(map[triple]int)
	for _, tr := range want {
		count[tr] = 1
	}
	for _, tr := range got {
		count[tr]--
	}
	for tr, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, tr)
		}
		for ; n < 0; n++ {
			extra = append(extra, tr)
		}
	}
	less := func(a, b triple) int { return strings.Compare(a.lang+a.term+a.page, b.lang+b.term+b.page) }
	slices.SortFunc(missing, less)
	slices.SortFunc(extra, less)
	return missing, extra
}

// tripleCounts sums triples by language and taxonomy.
func tripleCounts(ts []triple) string {
	n := map[string]int{}
	for _, tr := range ts {
		tax, _, _ := strings.Cut(tr.term, "/")
		n[tr.lang+" "+tax]++
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %d; ", k, n[k])
	}
	return b.String()
}
