package learn_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"taxo/model"
	"taxo/model/learn"
)

// TestCodecNamesEveryField checks that the encoding names every field of
// the model and of the structs it is made of, as kept or made again: a
// field added to the model and not to the encoding fails here, rather than
// being dropped from the models the index cache keeps.
func TestCodecNamesEveryField(t *testing.T) {
	pkg := reflect.TypeFor[learn.Model]().PkgPath()
	seen := map[string]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(typ.Elem())
			return
		case reflect.Map:
			walk(typ.Key())
			walk(typ.Elem())
			return
		case reflect.Struct:
		default:
			return
		}
		if typ.PkgPath() != pkg || seen[typ.Name()] {
			return
		}
		seen[typ.Name()] = true
		named, ok := learn.CodecFields[typ.Name()]
		if !ok {
			t.Errorf("the encoding does not name the struct %s the model holds", typ.Name())
			return
		}
		for f := range typ.Fields() {
			if how := named[f.Name]; how != "kept" && how != "made" {
				t.Errorf("the encoding does not say how it deals with %s.%s", typ.Name(), f.Name)
			}
			walk(f.Type)
		}
		for name := range named {
			if _, ok := typ.FieldByName(name); !ok {
				t.Errorf("the encoding names %s.%s, which is no field", typ.Name(), name)
			}
		}
	}
	walk(reflect.TypeFor[learn.Model]())
	for name := range learn.CodecFields {
		if !seen[name] {
			t.Errorf("the encoding names the struct %s, which the model does not hold", name)
		}
	}
}

// codecCases are the terms and pages the encoding is tried on: no page,
// too few pages to teach a blend, and enough for blends and their trees.
func codecCases(t *testing.T) []struct {
	name     string
	terms    []*model.Term
	examples []learn.Example
} {
	terms, examples := synthetic(300, 600)
	return []struct {
		name     string
		terms    []*model.Term
		examples []learn.Example
	}{
		{"no pages", sampleTerms(t), nil},
		{"a few pages", sampleTerms(t), sitePages(2)},
		{"the magazine's pages", sampleTerms(t), sitePages(20)},
		{"a synthetic site", terms, examples},
	}
}

// TestDecodeIsNew checks that a model read back from its encoding is the
// model New builds, field by field, and suggests the same, word for word.
func TestDecodeIsNew(t *testing.T) {
	trees := 0
	for _, tc := range codecCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			built := learn.New(tc.terms, tc.examples)
			data, err := built.AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			read, ok := learn.Decode(tc.terms, tc.examples, string(data))
			if !ok {
				t.Fatal("the encoding of a model built now does not check out")
			}
			if !reflect.DeepEqual(read, built) {
				t.Errorf("the model read back is not the model built: %v differ", learn.DifferentFields(read, built))
			}
			trees += learn.Trees(read)
			for _, c := range codecContents(tc.examples) {
				if got, want := fmt.Sprint(suggestions(read, c)), fmt.Sprint(suggestions(built, c)); got != want {
					t.Errorf("%.40q: read back suggests\n%s\nbuilt suggests\n%s", c.Text, got, want)
				}
			}
		})
	}
	if trees == 0 {
		t.Error("no case has trees: their encoding is not tried")
	}
}

// codecContents are contents to ask suggestions for: new text, and the
// first and last pages of examples as themselves.
func codecContents(examples []learn.Example) []learn.Content {
	out := []learn.Content{{Text: "The sourdough starter and a jar of kimchi share a shelf with apricot jam."}}
	if len(examples) > 0 {
		for _, ex := range []learn.Example{examples[0], examples[len(examples)-1]} {
			out = append(out, learn.Content{Path: ex.Path, Text: ex.Text, Date: ex.Date})
		}
	}
	return out
}

// suggestion is a suggestion as a user sees it, to compare.
type suggestion struct {
	Taxonomy string
	Learned  bool
	ID       model.ID
	Score    float64
	Why      []string
	Against  []string
	Pages    []learn.PageRef
}

func suggestions(m *learn.Model, c learn.Content) []suggestion {
	var out []suggestion
	for _, r := range m.Suggest(c, 0) {
		for _, s := range r.Suggestions {
			out = append(out, suggestion{r.Taxonomy, r.Learned, s.Term.ID, s.Score, s.Why, s.Against, s.Pages})
		}
	}
	return out
}

// TestDecodeRefuses checks that an encoding cut short, lengthened, or
// read with other terms or pages than it was written for gives no model.
func TestDecodeRefuses(t *testing.T) {
	terms, examples := sampleTerms(t), sitePages(20)
	data, err := learn.New(terms, examples).AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		terms    []*model.Term
		examples []learn.Example
		data     string
	}{
		{"empty", terms, examples, ""},
		{"cut after the magic", terms, examples, string(data[:13])},
		{"cut in the middle", terms, examples, string(data[:len(data)/2])},
		{"cut by one byte", terms, examples, string(data[:len(data)-1])},
		{"a byte more", terms, examples, string(data) + "\x00"},
		{"another version", terms, examples, "taxo-learn-0\n" + string(data[13:])},
		{"a page fewer", terms, examples[1:], string(data)},
		{"a term fewer", terms[1:], examples, string(data)},
		{"no pages", terms, nil, string(data)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := learn.Decode(tc.terms, tc.examples, tc.data); ok {
				t.Error("read a model")
			}
		})
	}
}

// TestFingerprint checks that the fingerprint changes with everything New
// reads of the terms and pages, and with nothing else.
func TestFingerprint(t *testing.T) {
	base := func() ([]*model.Term, []learn.Example) {
		var terms []*model.Term
		for _, tm := range sampleTerms(t) {
			c := *tm
			terms = append(terms, &c)
		}
		examples := sitePages(2)
		for i := range examples {
			examples[i].Terms = slices.Clone(examples[i].Terms)
		}
		return terms, examples
	}
	terms, examples := base()
	want := learn.Fingerprint(terms, examples)
	tests := []struct {
		name    string
		change  func([]*model.Term, []learn.Example) ([]*model.Term, []learn.Example)
		changes bool
	}{
		{"nothing", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) { return ts, es }, false},
		{"a term's weight", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[0].Weight++
			return ts, es
		}, false},
		{"a term's body", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[0].Body += "more"
			return ts, es
		}, false},
		{"a term's title", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[0].Title += "s"
			return ts, es
		}, true},
		{"a term's description", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[1].Description += "s"
			return ts, es
		}, true},
		{"a term's abstract", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[1].Abstract += "s"
			return ts, es
		}, true},
		{"a term's Instructions", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[2].Instructions += "\nNot for soup."
			return ts, es
		}, true},
		{"a term's slug", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[2].Slug += "s"
			return ts, es
		}, true},
		{"a term's language", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[2].Lang = "fr"
			return ts, es
		}, true},
		{"a term's path", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[2].Path = ""
			return ts, es
		}, true},
		{"a term undefined", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[2].Defined = false
			return ts, es
		}, true},
		{"the terms' order", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			ts[0], ts[1] = ts[1], ts[0]
			return ts, es
		}, true},
		{"a term fewer", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) { return ts[1:], es }, true},
		{"a page's text", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Text += "."
			return ts, es
		}, true},
		{"a page's title", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Title += "."
			return ts, es
		}, true},
		{"a page's path", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Path = "other/" + es[0].Path
			return ts, es
		}, true},
		{"a page's date", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Date = es[0].Date.Add(time.Nanosecond)
			return ts, es
		}, true},
		{"a page undated", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Date = time.Time{}
			return ts, es
		}, true},
		{"a page's terms", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Terms = es[0].Terms[1:]
			return ts, es
		}, true},
		{"a page's text into its title", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) {
			es[0].Title, es[0].Text = es[0].Title+es[0].Text[:1], es[0].Text[1:]
			return ts, es
		}, true},
		{"a page fewer", func(ts []*model.Term, es []learn.Example) ([]*model.Term, []learn.Example) { return ts, es[1:] }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := learn.Fingerprint(tc.change(base()))
			if changed := got != want; changed != tc.changes {
				t.Errorf("fingerprint changed: %v, want %v", changed, tc.changes)
			}
		})
	}
}
