// Package render writes a term as a markdown document and renders it, with
// Glamour, as terminal text: taxo show prints it and the browser shows it.
// It knows nothing of the browser.
package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
)

// The Glamour styles taxo picks from; any other name is a built-in Glamour
// style or a JSON style file.
const (
	StyleDark  = styles.DarkStyle
	StyleLight = styles.LightStyle
	StylePlain = styles.NoTTYStyle // text without colour or escape codes
)

// InstructionsHeading labels the Instructions where they are set apart.
const InstructionsHeading = "Instructions"

// Renderer turns terms and markdown into terminal text for one Glamour
// style and width. It is cheap to make; make one per goroutine.
type Renderer struct {
	width     int
	plain     bool
	dark      bool
	wholeURLs bool // KeepURLsWhole
	config    ansi.StyleConfig
}

// MaxWidth is the most columns a term is wrapped at, whatever the window or
// the settings say: Glamour pads every line to the width, so that 10 million
// columns took minutes and 1.9 GB, and no terminal is wider.
const MaxWidth = 1000

// NewRenderer prepares rendering with a style (a built-in Glamour name such
// as StyleDark, StyleLight or StylePlain, or a JSON style file) at width
// columns, at least 20 and at most MaxWidth.
func NewRenderer(style string, width int) (*Renderer, error) {
	r := &Renderer{width: min(max(width, 20), MaxWidth), plain: style == StylePlain, dark: style != StyleLight}
	switch {
	case r.plain:
		r.config = plainStyle()
	case style == "":
		r.config = *styles.DefaultStyles[StyleDark]
	default:
		if cfg, ok := styles.DefaultStyles[style]; ok {
			r.config = *cfg
			break
		}
		data, err := safe.ReadFile(style, safe.MaxNamedFile)
		if err != nil {
			return nil, fmt.Errorf("glamour style %q is neither a built-in style nor a readable file: %w", safe.Line(style), err)
		}
		if err := json.Unmarshal(data, &r.config); err != nil {
			return nil, fmt.Errorf("glamour style file %s: %w", safe.Line(style), err)
		}
	}
	return r, nil
}

// KeepURLsWhole keeps a URL wider than the page whole on its line, past
// the width, where it would break after a "/": for plain text that a
// program reads (taxo show into a pipe), where a URL is looked for whole.
// It does nothing in a style with colours, whose links are hyperlinks that
// open whole from any of their lines.
func (r *Renderer) KeepURLsWhole() { r.wholeURLs = r.plain }

// plainStyle is Glamour's ASCII style without the * and ** it puts around
// emphasis, so piped output reads as text rather than markdown.
func plainStyle() ansi.StyleConfig {
	cfg := styles.ASCIIStyleConfig
	cfg.Emph = ansi.StylePrimitive{}
	cfg.Strong = ansi.StylePrimitive{}
	cfg.Code = ansi.StyleBlock{}
	return cfg
}

// Markdown renders a markdown document.
func (r *Renderer) Markdown(md string) (string, error) {
	return r.render(context.Background(), md, r.config, r.width)
}

// render renders markdown with Glamour's styles cfg, stopping with ctx's
// error as soon as it can once ctx is done.
func (r *Renderer) render(ctx context.Context, md string, cfg ansi.StyleConfig, width int) (out string, err error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	var stop atomic.Bool
	defer context.AfterFunc(ctx, func() { stop.Store(true) })()
	defer func() {
		if v := recover(); v != nil {
			if e, ok := v.(error); !ok || !errors.Is(e, errStopped) {
				panic(v)
			}
			out, err = "", ctx.Err()
		}
	}()
	margin := 0
	if m := cfg.Document.Margin; m != nil {
		margin = int(*m)
	}
	room := width - 2*margin
	kept := urls{whole: r.wholeURLs, code: codeColumns(cfg)}
	md = loosen(kept.keep(md, room), room)
	var buf bytes.Buffer
	if err := newMarkdown(cfg, width, &stop).Convert([]byte(md), &buf); err != nil {
		if errors.Is(err, errStopped) {
			return "", ctx.Err()
		}
		return "", err
	}
	out = buf.String()
	if r.plain {
		out = xansi.Strip(out)
	}
	out = kept.restore(breakable.Replace(hangBullets(out, md, width-margin)))
	return trimLineEnds(safe.Styled(out)), nil
}

// codeColumns is the columns a code span's style adds around its text
// (the dark style's no-break spaces, the ASCII style's backticks).
func codeColumns(cfg ansi.StyleConfig) int {
	c := cfg.Code.StylePrimitive
	return xansi.StringWidth(c.BlockPrefix + c.Prefix + c.Suffix + c.BlockSuffix)
}

// Rendered is a term as terminal text.
type Rendered struct {
	Text string
	// InstructionsLine is the line of Text where the Instructions start,
	// or -1 when the term has none.
	InstructionsLine int
	// AsWritten is set when rendering took too long and Text is the
	// term's markdown as written (TermWithin).
	AsWritten bool
}

// Term renders a term: its head, its Instructions framed so that they stand
// apart, its body, then what opts asks for.
func (r *Renderer) Term(g *model.Graph, t *model.Term, opts DocOptions) (Rendered, error) {
	return r.TermContext(context.Background(), g, t, opts)
}

// TermContext is Term, stopping with ctx's error as soon as it can once
// ctx is done.
func (r *Renderer) TermContext(ctx context.Context, g *model.Graph, t *model.Term, opts DocOptions) (Rendered, error) {
	s := Document(g, t, opts)
	var blocks []string
	add := func(md string) error {
		if md == "" {
			return nil
		}
		out, err := r.render(ctx, md, r.config, r.width)
		if err != nil {
			return err
		}
		if out = trimBlankLines(out); out != "" {
			blocks = append(blocks, out)
		}
		return nil
	}
	head := s.Head
	if block := r.titleBlock(s.Title); block != "" {
		head = block + strings.TrimPrefix(head, titleHeading(s.Title))
	}
	if err := add(head); err != nil {
		return Rendered{}, err
	}
	res := Rendered{InstructionsLine: -1}
	if s.Instructions != "" {
		framed, err := r.instructionsContext(ctx, s.Instructions)
		if err != nil {
			return Rendered{}, err
		}
		res.InstructionsLine = lineCount(blocks)
		blocks = append(blocks, framed)
	}
	if err := add(s.Body); err != nil {
		return Rendered{}, err
	}
	if s.Tail != "" {
		blocks = append(blocks, r.rule())
		if err := add(s.Tail); err != nil {
			return Rendered{}, err
		}
	}
	res.Text = strings.Join(blocks, "\n\n") + "\n"
	return res, nil
}

// margin is the left margin of Glamour's documents, which taxo's own blocks keep too.
func (r *Renderer) margin() int {
	if m := r.config.Document.Margin; m != nil {
		return int(*m)
	}
	return 0
}

// Instructions renders the Instructions inside a frame: a bar down the left
// with the heading on top, in the accent colour.
func (r *Renderer) Instructions(md string) (string, error) {
	return r.instructionsContext(context.Background(), md)
}

// instructionsContext is Instructions, stopping once ctx is done.
func (r *Renderer) instructionsContext(ctx context.Context, md string) (string, error) {
	cfg := r.config
	zero := uint(0)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	indent := strings.Repeat(" ", r.margin())
	inner := r.width - r.margin() - 3
	out, err := r.render(ctx, md, cfg, max(inner, 20))
	if err != nil {
		return "", err
	}
	out = trimBlankLines(out)

	bar, heading := "┃ ", strings.ToUpper(InstructionsHeading)
	if !r.plain {
		accent := lipgloss.NewStyle().Foreground(lipgloss.LightDark(r.dark)(lipgloss.Color("#B35900"), lipgloss.Color("#FFB454")))
		bar = accent.Render("┃") + " "
		heading = accent.Bold(true).Render(heading)
	}
	var b strings.Builder
	b.WriteString(indent + bar + heading + "\n")
	b.WriteString(indent + strings.TrimRight(bar, " ") + "\n")
	for line := range strings.SplitSeq(out, "\n") {
		if line == "" {
			b.WriteString(indent + strings.TrimRight(bar, " ") + "\n")
			continue
		}
		b.WriteString(indent + bar + line + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// Description renders a term's description as its head shows it, without
// the margin (the caller places it); "" when it has none.
func (r *Renderer) Description(t *model.Term) (string, error) {
	md := description(t)
	if md == "" {
		return "", nil
	}
	cfg := r.config
	zero := uint(0)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	out, err := r.render(context.Background(), md, cfg, r.width)
	if err != nil {
		return "", err
	}
	return trimBlankLines(out), nil
}

// rule is a thin line across the page that sets the links apart.
func (r *Renderer) rule() string {
	line := strings.Repeat("─", max(r.width-2*r.margin(), 10))
	if !r.plain {
		line = lipgloss.NewStyle().Foreground(lipgloss.LightDark(r.dark)(lipgloss.Color("#BBBBBB"), lipgloss.Color("#555555"))).Render(line)
	}
	return strings.Repeat(" ", r.margin()) + line
}

// trimLineEnds drops the spaces Glamour pads lines with.
func trimLineEnds(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// trimBlankLines drops blank lines (spaces and escape codes only) at both ends.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	isBlank := func(l string) bool { return strings.TrimSpace(xansi.Strip(l)) == "" }
	for len(lines) > 0 && isBlank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && isBlank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// lineCount is the number of lines blocks take when joined by blank lines,
// plus the blank line that follows them.
func lineCount(blocks []string) int {
	n := 0
	for _, b := range blocks {
		n += strings.Count(b, "\n") + 2
	}
	return n
}

// Fields renders a term's other front matter fields apart, as Term adds
// them with DocOptions.Fields: the browser shows them after its own links.
// It is "" for a term without any.
func (r *Renderer) Fields(g *model.Graph, t *model.Term) (string, error) {
	tail := Document(g, t, DocOptions{Fields: true}).Tail
	if tail == "" {
		return "", nil
	}
	out, err := r.Markdown(tail)
	if err != nil {
		return "", err
	}
	return trimBlankLines(out), nil
}
