package render

import (
	"context"
	"fmt"
	"time"
)

// MarkdownWithin renders a markdown document (a page's body) within
// budget, as TermWithin renders a term: when the budget runs out first,
// the markdown is given as written, cleaned of control characters and
// wrapped at the width, under a line that says why, with AsWritten set.
// The error is ctx's when the caller stops wanting it, or the renderer's.
func (r *Renderer) MarkdownWithin(ctx context.Context, budget time.Duration, md string) (Rendered, error) {
	text, late, err := within(ctx, budget, func(ctx context.Context) (string, error) {
		return r.render(ctx, md, r.config, r.width)
	})
	if late {
		text, _ = r.plainText([]string{fmt.Sprintf("(shown as written: rendering it took over %s)", budget), md}, -1)
		return Rendered{Text: text, InstructionsLine: -1, AsWritten: true}, nil
	}
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{Text: trimBlankLines(text) + "\n", InstructionsLine: -1}, nil
}
