package loader_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"taxo/loader"
	"taxo/model"
)

// loadFixture loads loader/testdata/<rel> and fails the test if the path
// cannot be read at all.
func loadFixture(t *testing.T, rel string) *loader.Result {
	t.Helper()
	res, err := loader.Load(filepath.Join("testdata", filepath.FromSlash(rel)), loader.Options{})
	if err != nil {
		t.Fatalf("Load(%s): %v", rel, err)
	}
	return res
}

// termView is what a user sees of a term, minus its dates and extra fields,
// which have tests of their own.
type termView struct {
	ID           model.ID
	Title        string
	Description  string
	Abstract     string
	Instructions string
	Weight       int
	Icon         string
	Path         string
	AltPath      string
	Body         string
	Concepts     []string
	Categories   []string
	Tags         []string
}

func view(t *model.Term) termView {
	titles := func(refs []model.Ref) []string {
		var out []string
		for _, r := range refs {
			out = append(out, r.Title)
		}
		return out
	}
	return termView{
		ID: t.ID, Title: t.Title, Description: t.Description, Abstract: t.Abstract,
		Instructions: t.Instructions, Weight: t.Weight, Icon: t.Icon,
		Path: t.Path, AltPath: t.AltPath, Body: t.Body,
		Concepts:   titles(t.RefsOf(model.Concept)),
		Categories: titles(t.RefsOf(model.Category)),
		Tags:       titles(t.RefsOf(model.Tag)),
	}
}

// diffViews lists the fields in which got and want differ, one a line.
func diffViews(got, want termView) string {
	var b strings.Builder
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			fmt.Fprintf(&b, "\n  %s: got %q, want %q", gv.Type().Field(i).Name, g, w)
		}
	}
	return b.String()
}

// byID finds the term with the given ID among terms.
func byID(t *testing.T, terms []*model.Term, id model.ID) *model.Term {
	t.Helper()
	for _, term := range terms {
		if term.ID == id {
			return term
		}
	}
	t.Fatalf("no term %s among %v", id, termIDs(terms))
	return nil
}

// termIDs lists the IDs of terms, sorted.
func termIDs(terms []*model.Term) []model.ID {
	ids := make([]model.ID, len(terms))
	for i, t := range terms {
		ids[i] = t.ID
	}
	slices.Sort(ids)
	return ids
}

// wantProblem is a problem as check prints it: "path:line:col: severity"
// exactly, and a part of the message that names what is wrong.
type wantProblem struct {
	pos string
	msg string
}

// checkProblems asserts that got holds exactly the problems in want, in
// any order.
func checkProblems(t *testing.T, got []model.Problem, want []wantProblem) {
	t.Helper()
	left := slices.Clone(got)
	for _, w := range want {
		i := slices.IndexFunc(left, func(p model.Problem) bool {
			s := p.Error()
			return strings.HasPrefix(s, w.pos+": ") && strings.Contains(s, w.msg)
		})
		if i < 0 {
			t.Errorf("no problem %q containing %q; got:%s", w.pos, w.msg, listProblems(got))
			continue
		}
		left = slices.Delete(left, i, i+1)
	}
	if len(left) > 0 {
		t.Errorf("unexpected problems:%s", listProblems(left))
	}
}

func listProblems(ps []model.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("\n  " + p.Error())
	}
	if b.Len() == 0 {
		return " none"
	}
	return b.String()
}

// problemLines are the problems as they print, sorted, to compare loads.
func problemLines(ps []model.Problem) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Error())
	}
	slices.Sort(out)
	return out
}
