package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"taxo/model"
)

// hostileTerm puts escape sequences, C1 and bidi controls and character
// references to them in every field a document shows.
func hostileTerm() *model.Term {
	const nasty = "\x1b]0;PWNED\x07 \x1b[2J\x1b[H \u009b31m \u202eabc\u202c &#27;]0;REF&#7; &#x1b;[2J &#8238; \x07\ttab"
	return &model.Term{
		ID: "tags/\x1b[2jhostile", Kind: model.Tag, Slug: "\x1b[2jhostile", Defined: true,
		Path:         "tags/\x1b]0;x\x07.md",
		Title:        "Title " + nasty,
		Description:  "Description " + nasty,
		Instructions: "Instructions " + nasty + "\n\n- item " + nasty + "\n\n`code &#27;[2J`",
		Icon:         "fa-" + nasty,
		Body:         "Body " + nasty + "\n\n```\ncode " + nasty + "\n```\n\n<b>" + nasty + "</b>\n\n[link " + nasty + "](http://x/&#27;)\n\n~~struck &#27;]0;S&#7;~~\n",
		Refs:         [model.NumKinds][]model.Ref{model.Tag: {{Title: "Ref " + nasty}}},
		Fields: []model.Field{
			{Key: "key " + nasty, Value: "value " + nasty},
			{Key: "map", Value: map[string]any{"k" + nasty: []any{nasty, 1}}},
		},
	}
}

// TestRenderedTermIsSafe renders a hostile term in every style and checks
// that the only escape sequences left are the renderer's own styling.
func TestRenderedTermIsSafe(t *testing.T) {
	term := hostileTerm()
	g := model.New([]*model.Term{term})
	for _, style := range []string{StyleDark, StyleLight, StylePlain} {
		t.Run(style, func(t *testing.T) {
			r, err := NewRenderer(style, 80)
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.Term(g, g.Get(term.ID), DocOptions{Links: true, Fields: true})
			if err != nil {
				t.Fatal(err)
			}
			if bad := unsafeSequences(out.Text); len(bad) > 0 {
				t.Errorf("%d unsafe sequences, first %q, in:\n%s", len(bad), bad[0], out.Text)
			}
			if style == StylePlain && strings.ContainsRune(out.Text, 0x1b) {
				t.Errorf("plain output holds ESC:\n%q", out.Text)
			}
			for _, want := range []string{"␛]0;PWNED␇", "&#27;]0;REF&#7;", "abc"} {
				if !strings.Contains(out.Text, want) {
					t.Errorf("output lacks %q", want)
				}
			}
		})
	}
}

// unsafeSequences lists what a terminal would act on in s, apart from SGR
// styling and OSC 8 hyperlinks.
func unsafeSequences(s string) []string {
	var bad []string
	for i := 0; i < len(s); {
		r := rune(s[i])
		size := 1
		if r >= 0x80 {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == 0x1b:
			n := styling(s[i:])
			if n == 0 {
				bad = append(bad, s[i:min(len(s), i+12)])
				n = 1
			}
			i += n
			continue
		case r == '\n':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			bad = append(bad, string(r))
		}
		i += size
	}
	return bad
}

// styling is the length of the SGR sequence or OSC 8 hyperlink s starts with.
func styling(s string) int {
	switch {
	case strings.HasPrefix(s, "\x1b["):
		end := strings.IndexFunc(s[2:], func(r rune) bool { return !strings.ContainsRune("0123456789;:", r) })
		if end >= 0 && s[2+end] == 'm' {
			return 2 + end + 1
		}
	case strings.HasPrefix(s, "\x1b]8;"):
		if end := strings.IndexByte(s, 0x07); end > 0 && !strings.ContainsAny(s[2:end], "\x1b\n") {
			return end + 1
		}
	}
	return 0
}

// TestDeepMarkdownShownAsWritten checks that a body nesting quotes too
// deeply for Glamour (whose time grows with the cube of the depth) is shown
// as written instead.
func TestDeepMarkdownShownAsWritten(t *testing.T) {
	deep := strings.Repeat(">", 300) + " deep"
	term := &model.Term{ID: "tags/deep", Kind: model.Tag, Slug: "deep", Title: "Deep", Defined: true,
		Body: "Intro.\n\n" + deep + "\n", Instructions: "```\n" + strings.Repeat("- ", 40) + "x"}
	g := model.New([]*model.Term{term})
	r, err := NewRenderer(StylePlain, 80)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Term(g, g.Get(term.ID), DocOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.Text, strings.Repeat(">", 60)) {
		t.Errorf("the quotes are not shown as written:\n%s", out.Text)
	}
	if !strings.Contains(out.Text, "```") {
		t.Errorf("the fence inside the Instructions is not kept:\n%s", out.Text)
	}
}
