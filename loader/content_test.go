package loader

import (
	"strings"
	"testing"
)

func TestContentText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		src        string
		has, lacks []string
		problem    string
	}{
		{
			name:  "front matter",
			src:   "---\ntitle: Kraut\ndescription: Cabbage and salt.\nabstract: A crock.\ntags: [Pickling]\nauthor: Ann\n---\nThe body.\n",
			has:   []string{"Kraut", "Cabbage and salt.", "A crock.", "The body."},
			lacks: []string{"Pickling", "Ann", "---"},
		},
		{
			name: "no front matter",
			src:  "# Kraut\n\nThe body.\n",
			has:  []string{"Kraut", "The body."},
		},
		{
			name:    "broken front matter",
			src:     "---\ntitle: [unclosed\n---\nThe body.\r\n",
			has:     []string{"title: [unclosed", "The body.\n"},
			lacks:   []string{"\r"},
			problem: "post.md:3: error: invalid YAML",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, problems := ContentText("post.md", []byte(tc.src))
			for _, s := range tc.has {
				if !strings.Contains(text, s) {
					t.Errorf("the text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(text, s) {
					t.Errorf("the text has %q:\n%s", s, text)
				}
			}
			switch {
			case tc.problem == "" && len(problems) > 0:
				t.Errorf("problems: %v", problems)
			case tc.problem != "" && (len(problems) == 0 || !strings.HasPrefix(problems[0].Error(), tc.problem)):
				t.Errorf("problems %v, want one at %s", problems, tc.problem)
			}
		})
	}
}
