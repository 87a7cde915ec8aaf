package launch

import (
	"slices"
	"testing"
)

func TestEditor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"VISUAL first", map[string]string{"VISUAL": "code --wait", "EDITOR": "nano"}, []string{"code", "--wait", "f.md"}},
		{"else EDITOR", map[string]string{"EDITOR": "nano -R"}, []string{"nano", "-R", "f.md"}},
		{"else vi", nil, []string{"vi", "f.md"}},
		{"blank is unset", map[string]string{"VISUAL": "  ", "EDITOR": "hx"}, []string{"hx", "f.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Editor(func(k string) string { return tc.env[k] }, "f.md")
			if !slices.Equal(c.Args, tc.want) {
				t.Errorf("runs %q, want %q", c.Args, tc.want)
			}
		})
	}
}
