package loader

import (
	"fmt"
	"strings"
	"testing"
)

// TestFieldGivenTwice checks the warning for a field given twice, in front
// matter of few fields and of more than fieldNames keeps in its list.
func TestFieldGivenTwice(t *testing.T) {
	cases := []struct {
		name   string
		fields int // distinct fields before the repeated ones
	}{{"few fields", 3}, {"as many as the list holds", 23}, {"more than the list holds", 40}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("---\ntitle: A\n")
			for i := range c.fields {
				fmt.Fprintf(&b, "f%d: x\n", i)
			}
			b.WriteString("Title: B\nTITLE: C\n---\n")
			titleLine, first, second := 2, c.fields+3, c.fields+4
			_, problems := Parse("a.md", []byte(b.String()), "a", 0)
			var got []string
			for _, p := range problems {
				got = append(got, fmt.Sprintf("%d: %v", p.Line, p.Err))
			}
			want := []string{
				fmt.Sprintf("%d: field \"Title\" is given twice (also on line %d); the later value wins", first, titleLine),
				fmt.Sprintf("%d: field \"TITLE\" is given twice (also on line %d); the later value wins", second, first),
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
