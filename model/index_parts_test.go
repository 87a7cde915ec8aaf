package model_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"taxo/internal/gen/synth"
	"taxo/loader"
	"taxo/model"
	"taxo/sample"
)

// TestIndexInParts checks that indexing the terms in several runs at once
// gives the very index one run gives, and that it answers the same.
func TestIndexInParts(t *testing.T) {
	t.Parallel()
	graphs := map[string]func() *model.Graph{
		"sample": func() *model.Graph { return model.New(loader.LoadFS(sample.FS, nil, loader.Options{}).Terms) },
		"synthetic 3000": func() *model.Graph {
			return model.New(loader.LoadFS(synth.FS(synth.Generate(3000, 7)), nil, loader.Options{}).Terms)
		},
		"empty": func() *model.Graph { return model.New(nil) },
	}
	corpus := filepath.Join("..", "..", "shared", "corpus", "nkdagility")
	if _, err := os.Stat(corpus); err == nil {
		graphs["nkdagility"] = func() *model.Graph {
			res, err := loader.Load(corpus, loader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return model.New(res.Terms)
		}
	}
	for name, graph := range graphs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := graph()
			one := model.NewIndexParts(g, 1)
			for _, parts := range []int{2, 3, 7} {
				if got := model.NewIndexParts(g, parts); !reflect.DeepEqual(got, one) {
					t.Errorf("indexed in %d runs, the index differs from one run's", parts)
				}
			}
			if name == "empty" {
				return
			}
			q, err := model.ParseQuery(`"value" team* kind:tag`)
			if err != nil {
				t.Fatal(err)
			}
			a, errA := one.Search(q, 50)
			b, errB := model.NewIndex(g).Search(q, 50)
			if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
				t.Errorf("NewIndex answers %v (%v), one run %v (%v)", b.Total, errB, a.Total, errA)
			}
		})
	}
}
