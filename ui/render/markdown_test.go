package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestMarkdownWithin: a page's body renders as Glamour renders it within
// the budget; past the budget it comes back as written, cleaned, wrapped
// and saying so; a caller that stops wanting it gets its context's error.
func TestMarkdownWithin(t *testing.T) {
	r, err := NewRenderer(StylePlain, 60)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("in time", func(t *testing.T) {
		out, err := r.MarkdownWithin(context.Background(), RenderBudget, "# Day one\n\nMix **50 g** of flour.\n")
		if err != nil || out.AsWritten || !strings.Contains(out.Text, "Mix 50 g of flour.") || strings.Contains(out.Text, "**") {
			t.Fatalf("got %+v, %v", out, err)
		}
	})
	for name, body := range slowBodies {
		t.Run("past the budget: "+name, func(t *testing.T) {
			const budget = 100 * time.Millisecond
			start := time.Now()
			out, err := r.MarkdownWithin(context.Background(), budget, body+"\n\x1b]0;pwned\x07\n")
			if took := time.Since(start); took > budget+time.Second {
				t.Errorf("took %s with a budget of %s", took, budget)
			}
			if err != nil || !out.AsWritten || !strings.HasPrefix(strings.TrimSpace(out.Text), "(shown as written: rendering it took over 100ms)") {
				t.Fatalf("not shown as written: %v\n%.200s", err, out.Text)
			}
			if strings.ContainsRune(out.Text, 0x1b) || strings.ContainsRune(out.Text, 0x07) {
				t.Errorf("a control character reaches the screen")
			}
			for line := range strings.Lines(out.Text) {
				if w := len([]rune(strings.TrimRight(line, "\n"))); w > 60 {
					t.Fatalf("a line of %d columns, wider than 60: %q", w, line)
				}
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		if _, err := r.MarkdownWithin(ctx, RenderBudget, slowBodies["unclosed links"]); !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want context.Canceled", err)
		}
	})
}
