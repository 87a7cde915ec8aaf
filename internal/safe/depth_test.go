package safe

import (
	"strings"
	"testing"
)

func TestTooDeep(t *testing.T) {
	nestedList := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	tests := []struct {
		name string
		md   string
		want int
	}{
		{"plain text", "Scaling\n\nis hard.", -1},
		{"a quote and a list", "> quoted\n\n- one\n  - two\n    1. three", -1},
		{"indented code", "intro\n\n" + strings.Repeat(" ", 60) + "code", -1},
		{"quotes at the limit", strings.Repeat(">", MaxMarkdownDepth) + " x", -1},
		{"quotes past the limit", "ok\n" + strings.Repeat(">", MaxMarkdownDepth+1) + " x", 1},
		{"quotes with spaces", strings.Repeat("> ", 100) + "x", 0},
		{"lists by indentation", nestedList(40), MaxMarkdownDepth},
		{"lists on one line", strings.Repeat("1. ", 30) + "x", 0},
		{"quoted lists", strings.Repeat("> - ", 9) + "x", 0},
		{"dashes that are text", strings.Repeat("-", 100), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TooDeep(tt.md); got != tt.want {
				t.Errorf("TooDeep = %d, want %d", got, tt.want)
			}
			if got := TooDeep([]byte(tt.md)); got != tt.want {
				t.Errorf("TooDeep of the bytes = %d, want %d", got, tt.want)
			}
		})
	}
}
