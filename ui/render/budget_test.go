package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"charm.land/glamour/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"taxo/internal/safe"
	"taxo/model"
)

// slowBodies are markdown that Glamour takes quadratic time over, each
// scaled to take it a good part of a second or more: well over the tests'
// budget, without leaving much work behind (a code block's layout cannot be
// stopped, and finishes in the background).
var slowBodies = map[string]string{
	"unclosed links":      "Links:\n" + strings.Repeat("[a](", 30000),
	"mixed emphasis runs": "Emphasis:\n" + strings.Repeat("*a_", 15000),
	"a long code block":   "```\n" + strings.Repeat("x = 1 + 2 # some code\n", 5000) + "```\n",
}

// slowTerm is a term with a body and a title that must be cleaned.
func slowTerm(body string) (*model.Graph, *model.Term) {
	t := &model.Term{ID: "tags/slow", Kind: model.Tag, Slug: "slow", Title: "Slow \x1b[2J", Instructions: "Use it *when* slow.", Defined: true, Path: "tags/slow.md", Body: body + "\n\x1b]0;pwned\x07\n"}
	return model.New([]*model.Term{t}), t
}

// TestTermWithinFallsBack renders terms that take Glamour seconds with a
// budget of a tenth of a second: each comes back in about that time, as
// written, cleaned, and saying so.
func TestTermWithinFallsBack(t *testing.T) {
	const budget = 100 * time.Millisecond
	for name, body := range slowBodies {
		t.Run(name, func(t *testing.T) {
			g, term := slowTerm(body)
			r, err := NewRenderer(StyleDark, 80)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			out, err := r.TermWithin(context.Background(), budget, g, term, DocOptions{})
			took := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if took > budget+time.Second {
				t.Errorf("took %s with a budget of %s", took, budget)
			}
			if !out.AsWritten || !strings.HasPrefix(strings.TrimSpace(out.Text), "(shown as written: rendering it took over 100ms)") {
				t.Fatalf("not marked as written:\n%.300s", out.Text)
			}
			if strings.ContainsRune(out.Text, 0x1b) || strings.ContainsRune(out.Text, 0x07) {
				t.Errorf("a control character reaches the screen:\n%q", out.Text[:min(len(out.Text), 300)])
			}
			if strings.ContainsAny(out.Text, nameSpace+nameHyphen) {
				t.Errorf("the no-break characters that keep names whole reach the screen:\n%q", out.Text[:min(len(out.Text), 300)])
			}
			if !strings.Contains(out.Text, strings.Split(body, "\n")[1][:15]) || !strings.Contains(out.Text, body[:3]) || !strings.Contains(out.Text, "# Slow ␛[2J") {
				t.Errorf("the markdown is not shown as written:\n%.300s", out.Text)
			}
			if lines := strings.Split(out.Text, "\n"); out.InstructionsLine < 0 || strings.TrimSpace(lines[out.InstructionsLine]) != "INSTRUCTIONS" {
				t.Errorf("InstructionsLine %d is not the Instructions' heading:\n%.300s", out.InstructionsLine, out.Text)
			}
			for line := range strings.Lines(out.Text) {
				if w := len([]rune(strings.TrimRight(line, "\n"))); w > 80 {
					t.Fatalf("a line of %d columns, wider than 80: %q", w, line)
				}
			}
		})
	}
}

// TestTermWithinRendersInTime: a term that renders within the budget is
// rendered, as Term renders it.
func TestTermWithinRendersInTime(t *testing.T) {
	g, term := slowTerm("Some **bold** text.")
	r, _ := NewRenderer(StylePlain, 80)
	want, err := r.Term(g, term, DocOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.TermWithin(context.Background(), RenderBudget, g, term, DocOptions{})
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

// TestTermContextStops cancels renders half way: the work itself stops
// (not just the wait for it), so that a browser that no longer wants a
// term (a resize, a reload) does not pay for it.
func TestTermContextStops(t *testing.T) {
	for _, name := range []string{"unclosed links", "mixed emphasis runs"} {
		t.Run(name, func(t *testing.T) {
			g, term := slowTerm(slowBodies[name])
			r, _ := NewRenderer(StyleDark, 80)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			start := time.Now()
			_, err := r.TermContext(ctx, g, term, DocOptions{})
			if took := time.Since(start); took > time.Second {
				t.Errorf("the render ran on for %s after it was cancelled", took)
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
		})
	}
}

// TestTermWithinCancelled: a caller that stops wanting the term gets its
// context's error, not a fallback.
func TestTermWithinCancelled(t *testing.T) {
	g, term := slowTerm(slowBodies["unclosed links"])
	r, _ := NewRenderer(StyleDark, 80)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.TermWithin(ctx, RenderBudget, g, term, DocOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

// FuzzRenderBudget renders any body within a budget: no term takes longer
// than the budget (and a little for the fallback), and nothing from the
// body reaches the terminal as a control sequence.
func FuzzRenderBudget(f *testing.F) {
	f.Add("Some **bold** text and a [link](x).")
	f.Add(strings.Repeat("[a](", 2000))
	f.Add(strings.Repeat("*a_", 2000))
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n")
	const budget = 300 * time.Millisecond
	f.Fuzz(func(t *testing.T, body string) {
		g, term := slowTerm(body)
		r, _ := NewRenderer(StylePlain, 60)
		start := time.Now()
		out, err := r.TermWithin(context.Background(), budget, g, term, DocOptions{Links: true})
		if took := time.Since(start); took > budget+2*time.Second {
			t.Fatalf("took %s with a budget of %s", took, budget)
		}
		if err != nil {
			t.Fatal(err)
		}
		if i := strings.IndexAny(out.Text, "\x1b\x07\u009b"); i >= 0 {
			t.Fatalf("a control character reaches the screen: %q", out.Text[max(0, i-20):min(len(out.Text), i+20)])
		}
	})
}

// TestRenderIsGlamours: the converter taxo builds so that it can stop is
// Glamour's own, output for output.
func TestRenderIsGlamours(t *testing.T) {
	docs := []string{
		"# Heading\n\nSome *em*, **strong**, ~~struck~~, `code` and a [link](https://example.com).\n",
		"- a\n- b\n  1. c\n  2. d\n\n> quote\n> more\n\n---\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n",
		"```go\nfunc main() {}\n```\n\n    indented\n\nterm\n: definition\n\n- [x] done\n- [ ] not\n",
		"Autolinks www.example.com and <https://example.com>, an image ![alt](x.png), a footnote[^1].\n\n[^1]: note\n",
		"&amp; &#27; &copy; <b>html</b> \\* \\_ a_b_c *a_ [a](\n",
	}
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		for i, md := range docs {
			r, err := NewRenderer(style, 60)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Markdown(md)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := glamour.NewTermRenderer(glamour.WithStyles(r.config), glamour.WithWordWrap(60))
			if err != nil {
				t.Fatal(err)
			}
			want, err := tr.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			if r.plain {
				want = xansi.Strip(want)
			}
			if want = trimLineEnds(safe.Styled(want)); got != want {
				t.Errorf("%s, document %d: taxo renders\n%q\nGlamour\n%q", style, i, got, want)
			}
		}
	}
}

// TestFieldsWithin: the other fields render as Fields renders them within
// the budget, and are shown as written, cleaned and saying so, when it
// runs out.
func TestFieldsWithin(t *testing.T) {
	g, term := slowTerm("Body.")
	term.Fields = []model.Field{{Key: "aliases", Value: []any{"a_b*c", "Esc \x1b[2J"}}}
	r, _ := NewRenderer(StylePlain, 60)
	want, err := r.Fields(g, term)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.FieldsWithin(context.Background(), RenderBudget, g, term)
	if err != nil || got.Text != want || got.AsWritten {
		t.Fatalf("within the budget: got %+v, %v; want %q", got, err, want)
	}
	got, err = r.FieldsWithin(context.Background(), 0, g, term)
	if err != nil || !got.AsWritten {
		t.Fatalf("without a budget: got %+v, %v; want them as written", got, err)
	}
	for _, s := range []string{"(fields shown as written: rendering them took over 0s)", "a_b*c", "Esc ␛[2J"} {
		if !strings.Contains(got.Text, s) {
			t.Errorf("as written, %q is missing:\n%s", s, got.Text)
		}
	}
}
