package learn_test

import (
	"testing"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
	"taxo/sample"
)

// FuzzDecode: whatever a kept model's file holds, reading it never
// panics, and a model it gives suggests only the terms and pages it was
// read with, for new content and for one of its own pages.
func FuzzDecode(f *testing.F) {
	// Few terms and pages: profiling the terms is most of what reading
	// costs, and a small input is soon minimised by the fuzzer.
	terms := model.New(loader.LoadFS(sample.FS, nil, loader.Options{}).Terms).Terms()[:4]
	examples := sitePages(1)
	for _, ex := range [][]learn.Example{examples, examples[:3]} {
		data, err := learn.New(terms, ex).AppendBinary(nil)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, len(ex))
	}
	known := map[model.ID]bool{}
	for _, t := range terms {
		known[t.ID] = true
	}
	for _, ex := range examples {
		for _, id := range ex.Terms {
			known[id] = true
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, pages int) {
		ex := examples[:min(max(pages, 0), len(examples))]
		m, ok := learn.Decode(terms, ex, string(data))
		if !ok {
			return
		}
		paths := map[string]bool{}
		for _, e := range ex {
			paths[e.Path] = true
		}
		contents := []learn.Content{{Text: "Kimchi, sourdough and apricot jam: a jar of each on the shelf."}}
		if len(ex) > 0 {
			contents = append(contents, learn.Content{Path: ex[0].Path, Text: ex[0].Text, Date: ex[0].Date})
		}
		for _, c := range contents {
			for _, r := range m.Suggest(c, 0) {
				for _, s := range r.Suggestions {
					if s.Term == nil || !known[s.Term.ID] {
						t.Fatalf("suggested a term it was not given: %v", s.Term)
					}
					for _, p := range s.Pages {
						if !paths[p.Path] {
							t.Fatalf("named a page it was not given: %q", p.Path)
						}
					}
				}
			}
		}
	})
}
