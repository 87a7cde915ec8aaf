package loader

import (
	"testing"

	"taxo/model"
)

// yaml.v3 ends a line at a lone "\r", NEL, LS and PS as well as at "\n";
// a problem is still put on the file's line, counted by "\n".
func TestYAMLLinesOtherBreaks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src string
		line      int
	}{
		{"newlines only", "---\na: 1\nb: '\n---\n", 3},
		{"lone CR", "---\na: 1\rb: [x\n---\n", 2},
		{"lone CRs at the end", "---\n'\r\r\r\n---", 3},
		{"CRLF is one break", "---\r\na: 1\r\nb: '\r\n---\r\n", 3},
		{"NEL", "---\na: 1\u0085b: [x\nc: 2\n---\n", 2},
		{"LS and PS", "---\na: 1\u2028\u2029b: '\n---\n", 2},
		{"a field after a lone CR", "---\na: 1\r\rtitle: [x]\n---\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := Parse("tags/x.md", []byte(tc.src), "x", model.Tag)
			if len(problems) == 0 {
				t.Fatalf("no problem")
			}
			if p := problems[0]; p.Line != tc.line {
				t.Errorf("problem %v on line %d, want %d", p, p.Line, tc.line)
			}
		})
	}
}
