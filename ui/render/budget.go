package render

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/glamour/v2/ansi"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"taxo/internal/safe"
	"taxo/model"
)

// RenderBudget is how long rendering one term may take before it is shown
// as written instead: some markdown takes Glamour time that grows with the
// square of its size (200 KB of "[a](" took 16 s, 400 KB 134 s).
const RenderBudget = 2 * time.Second

// TermWithin renders a term as TermContext does, within budget. When the
// budget runs out first, the term is given as written: its markdown as
// plain text cleaned of control characters, wrapped at the width, under a
// line that says why, with AsWritten set. The error is ctx's when the
// caller stops wanting the term (a resize, a reload), or the renderer's.
//
// Most of a render stops as soon as the budget is spent; a few steps of
// Glamour's cannot be stopped half way (a code block's or a table's layout,
// emphasis matching in one paragraph), and those finish in the background,
// their result dropped.
func (r *Renderer) TermWithin(ctx context.Context, budget time.Duration, g *model.Graph, t *model.Term, opts DocOptions) (Rendered, error) {
	out, late, err := within(ctx, budget, func(ctx context.Context) (Rendered, error) {
		return r.TermContext(ctx, g, t, opts)
	})
	if late {
		return r.asWritten(g, t, opts, budget), nil
	}
	return out, err
}

// FieldsWithin renders a term's other fields as Fields does, within
// budget; when the budget runs out first, they are given as written, as
// TermWithin gives a term. The browser, which shows them apart, gives them
// what is left of the term's budget.
func (r *Renderer) FieldsWithin(ctx context.Context, budget time.Duration, g *model.Graph, t *model.Term) (Rendered, error) {
	tail := Document(g, t, DocOptions{Fields: true}).Tail
	if tail == "" {
		return Rendered{InstructionsLine: -1}, nil
	}
	text, late, err := within(ctx, budget, func(ctx context.Context) (string, error) {
		return r.render(ctx, tail, r.config, r.width)
	})
	if late {
		text, _ = r.plainText([]string{fmt.Sprintf("(fields shown as written: rendering them took over %s)", budget), unescapeInline.Replace(tail)}, -1)
		return Rendered{Text: text, InstructionsLine: -1, AsWritten: true}, nil
	}
	return Rendered{Text: trimBlankLines(text), InstructionsLine: -1}, err
}

// within runs do with a context that ends when ctx does or budget is
// spent, whichever comes first, and waits no longer than that. late says
// the budget ran out first; the error is ctx's when the caller stopped
// wanting the result, else do's.
func within[T any](ctx context.Context, budget time.Duration, do func(context.Context) (T, error)) (out T, late bool, err error) {
	rctx, cancel := context.WithTimeout(ctx, max(budget, 0))
	defer cancel()
	type result struct {
		out T
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := do(rctx)
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
		return out, false, ctx.Err()
	case errors.Is(res.err, context.DeadlineExceeded):
		return out, true, nil
	}
	return res.out, false, res.err
}

// asWritten is a term's markdown shown as it is, for when rendering it
// takes too long: the document's sections (the parts taxo wrote, made
// safe, without their escapes), wrapped at the width.
func (r *Renderer) asWritten(g *model.Graph, t *model.Term, opts DocOptions, budget time.Duration) Rendered {
	s := Document(g, t, opts)
	parts := []string{
		fmt.Sprintf("(shown as written: rendering it took over %s)", budget),
		unescapeInline.Replace(s.Head),
		"",
		s.Body,
		unescapeInline.Replace(s.Tail),
	}
	if s.Instructions != "" {
		parts[2] = strings.ToUpper(InstructionsHeading) + "\n\n" + s.Instructions
	}
	text, instructions := r.plainText(parts, 2)
	return Rendered{Text: text, InstructionsLine: instructions, AsWritten: true}
}

// plainText lays parts out as plain text cleaned of control characters,
// wrapped at the width inside the document's margin, a blank line between
// them; it gives the line where part number mark starts (-1 when it is
// empty or out of range).
func (r *Renderer) plainText(parts []string, mark int) (text string, markLine int) {
	markLine = -1
	width, margin := max(r.width-2*r.margin(), 10), strings.Repeat(" ", r.margin())
	var b strings.Builder
	lines := 0
	for i, part := range parts {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if lines > 0 {
			b.WriteByte('\n')
			lines++
		}
		if i == mark {
			markLine = lines
		}
		kept := urls{whole: r.wholeURLs}
		wrapped := kept.restore(xansi.Wrap(kept.keep(safe.Text(part), width), width, ""))
		for line := range strings.SplitSeq(wrapped, "\n") {
			if line = strings.TrimRight(line, " "); line != "" {
				b.WriteString(margin + line)
			}
			b.WriteByte('\n')
			lines++
		}
	}
	return breakable.Replace(b.String()), markLine
}

// unescapeInline undoes inlineSpecial, for the parts of a document that
// taxo wrote (a title, links, fields) when they are shown as written.
var unescapeInline = strings.NewReplacer(`\\`, `\`, `\*`, "*", `\_`, "_", "&#126;", "~", "\\`", "`", `\[`, "[", `\]`, "]", `\<`, "<", `\#`, "#", "&amp;", "&")

// errStopped ends a render whose context is done from inside goldmark's
// parser, which has no way to stop but a panic.
var errStopped = errors.New("the render was stopped")

// newMarkdown is Glamour's markdown converter (as glamour.NewTermRenderer
// makes it: GitHub's extensions, definition lists, heading IDs, Glamour's
// ANSI renderer) made to stop once stop is set: the parser looks at it at
// every link, emphasis and code mark, and in the loop that pairs emphasis
// marks; the renderer at every node. Its linkify also reads the URLs that
// urls.keep wrote.
func newMarkdown(cfg ansi.StyleConfig, width int, stop *atomic.Bool) goldmark.Markdown {
	linkify := extension.NewLinkify(extension.WithLinkifyURLRegexp(linkifyURL), extension.WithLinkifyWWWRegexp(linkifyWWW))
	md := goldmark.New(
		goldmark.WithExtensions(linkify, extension.Table, extension.Strikethrough, extension.TaskList, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithInlineParsers(util.Prioritized(stopParser{stop}, 0)),
		),
	)
	ar := ansi.NewRenderer(ansi.Options{WordWrap: width, Styles: cfg})
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(stopRenderer{ar, stop}, 1000))))
	return md
}

// stopParser runs before every other inline parser and parses nothing: it
// panics with errStopped once stop is set, and makes the emphasis marks
// pushed so far look at stop too, as pairing them can take quadratic time
// in one call.
type stopParser struct{ stop *atomic.Bool }

func (p stopParser) Trigger() []byte {
	return []byte{'[', ']', '!', '*', '_', '~', '`', '<'}
}

func (p stopParser) Parse(_ ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	if p.stop.Load() {
		panic(errStopped)
	}
	if d := pc.LastDelimiter(); d != nil {
		if _, ok := d.Processor.(stopProcessor); !ok {
			d.Processor = stopProcessor{d.Processor, p.stop}
		}
	}
	return nil
}

// stopProcessor is a delimiter processor that panics with errStopped once
// stop is set.
type stopProcessor struct {
	parser.DelimiterProcessor
	stop *atomic.Bool
}

func (p stopProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	if p.stop.Load() {
		panic(errStopped)
	}
	return p.DelimiterProcessor.CanOpenCloser(opener, closer)
}

// stopRenderer is a node renderer whose every function first fails with
// errStopped once stop is set, which ends goldmark's walk.
type stopRenderer struct {
	inner renderer.NodeRenderer
	stop  *atomic.Bool
}

func (s stopRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	s.inner.RegisterFuncs(registerFunc(func(kind ast.NodeKind, f renderer.NodeRendererFunc) {
		reg.Register(kind, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if s.stop.Load() {
				return ast.WalkStop, errStopped
			}
			return f(w, src, n, entering)
		})
	}))
}

// registerFunc is a NodeRendererFuncRegisterer made of a function.
type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) { f(kind, fn) }
