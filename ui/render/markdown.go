package render

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	xansi "github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
)

// MarkdownWithin renders a markdown document (a page's body) within
// budget, as TermWithin renders a term: when the budget runs out first,
// the markdown is given as written, cleaned of control characters and
// wrapped at the width, under a line that says why, with AsWritten set.
// The error is ctx's when the caller stops wanting it, or the renderer's.
func (r *Renderer) MarkdownWithin(ctx context.Context, budget time.Duration, md string) (Rendered, error) {
	rctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := r.render(rctx, md, r.config, r.width)
		done <- result{out, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-rctx.Done():
		res.err = rctx.Err()
	}
	switch {
	case ctx.Err() != nil:
		return Rendered{}, ctx.Err()
	case errors.Is(res.err, context.DeadlineExceeded):
		return r.markdownAsWritten(md, budget), nil
	case res.err != nil:
		return Rendered{}, res.err
	}
	return Rendered{Text: trimBlankLines(res.out) + "\n", InstructionsLine: -1}, nil
}

// markdownAsWritten is markdown shown as it is, for when rendering it
// takes too long: made safe, wrapped at the width, in the margin.
func (r *Renderer) markdownAsWritten(md string, budget time.Duration) Rendered {
	width, margin := max(r.width-2*r.margin(), 10), strings.Repeat(" ", r.margin())
	var b strings.Builder
	text := fmt.Sprintf("(shown as written: rendering it took over %s)\n\n", budget) + strings.TrimSpace(md)
	for line := range strings.SplitSeq(xansi.Wrap(safe.Text(text), width, ""), "\n") {
		if line = strings.TrimRight(line, " "); line != "" {
			b.WriteString(margin + line)
		}
		b.WriteByte('\n')
	}
	return Rendered{Text: b.String(), InstructionsLine: -1, AsWritten: true}
}
