package cli

import (
	"errors"
	"testing"

	"taxo/internal/safe"
	"taxo/model"
)

// check writes each problem's line a part at a time: it must be what
// safe.Line made of the whole line.
func TestProblemLineIsSafeLine(t *testing.T) {
	tests := []struct {
		name string
		p    model.Problem
	}{
		{"path only", model.Problem{Path: "content/tags/go.md", Err: errors.New("no title")}},
		{"line", model.Problem{Path: "a.md", Line: 3, Severity: model.Error, Err: errors.New("bad")}},
		{"line and column", model.Problem{Path: "a.md", Line: 3, Col: 7, Err: errors.New("bad")}},
		{"column without line", model.Problem{Path: "a.md", Col: 7, Err: errors.New("bad")}},
		{"controls and newlines", model.Problem{Path: "a\nb\x1b[31m.md", Line: 1, Err: errors.New("tag \"x\x07\"\nsays\t\u202eno")}},
		{"bytes that are not UTF-8", model.Problem{Path: "\xe2\x82.md", Line: 2, Err: errors.New("\x82\xff title")}},
		{"no path", model.Problem{Err: errors.New("empty")}},
		{"no error", model.Problem{Path: "a.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := safe.Line(tt.p.Error()) + "\n"
			if got := string(appendProblemLine(nil, tt.p)); got != want {
				t.Errorf("wrote %q, want %q", got, want)
			}
		})
	}
}
