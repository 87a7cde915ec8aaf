package loader

import (
	"strings"

	"taxo/model"
)

// ContentText is a piece of content (a post, a page) as the text to find
// terms for: the title, description and abstract of its front matter, when
// it has them, then its body. Its front matter's other fields are not text
// to match. When the front matter cannot be made sense of, the whole file
// is the text, and the problems say why; the content's other problems are
// not the taxonomy's, and are dropped.
func ContentText(name string, src []byte) (string, []model.Problem) {
	t, problems := Parse(name, src, "content", model.Tag)
	if t == nil {
		return string(Normalize(src)), problems
	}
	return strings.Join([]string{t.Title, t.Description, t.Abstract, t.Body}, "\n\n"), nil
}
