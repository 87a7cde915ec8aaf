package safe

import (
	"html"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no references", "Salt, fat and acid", "Salt, fat and acid"},
		{"harmless references kept", "Salt &amp; fat &#233; &lt;b&gt; &copy;", "Salt &amp; fat &#233; &lt;b&gt; &copy;"},
		{"bare ampersand kept", "R&D & more", "R&D & more"},
		{"ESC, decimal", "a&#27;]0;x&#7;b", "a&amp;#27;]0;x&amp;#7;b"},
		{"ESC, hex", "&#x1b;[2J &#X1B;[3J", "&amp;#x1b;[2J &amp;#X1B;[3J"},
		{"without semicolon", "&#27[2J", "&amp;#27[2J"},
		{"leading zeros", "&#0000027;", "&amp;#0000027;"},
		{"C1 that stays C1", "&#x81;", "&amp;#x81;"},
		{"C1 that HTML maps to a printable", "&#x9b;", "&#x9b;"},
		{"bidi override", "&#8238;abc&#x202C;", "&amp;#8238;abc&amp;#x202C;"},
		{"named tab", "a&Tab;b", "a&amp;Tab;b"},
		{"named newline kept", "a&NewLine;b", "a&NewLine;b"},
		{"raw controls too", "\x1b[2J&#27;", "␛[2J&amp;#27;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Markdown(tt.in)
			if got != tt.want {
				t.Errorf("Markdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if i := firstUnsafe(html.UnescapeString(got)); i >= 0 {
				t.Errorf("Markdown(%q) decodes to a control at %d", tt.in, i)
			}
		})
	}
}

func TestStyled(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Scaling", "Scaling"},
		{"SGR kept", "\x1b[38;5;252mScaling\x1b[m \x1b[1;38:2::255:0:0mbold\x1b[0m", "\x1b[38;5;252mScaling\x1b[m \x1b[1;38:2::255:0:0mbold\x1b[0m"},
		{"hyperlink kept", "\x1b]8;id=1;https://example.com/\x07link\x1b]8;;\x07", "\x1b]8;id=1;https://example.com/\x07link\x1b]8;;\x07"},
		{"hyperlink with ST kept", "\x1b]8;;https://example.com/\x1b\\link\x1b]8;;\x1b\\", "\x1b]8;;https://example.com/\x1b\\link\x1b]8;;\x1b\\"},
		{"title change", "\x1b]0;PWNED\x07text", "␛]0;PWNED␇text"},
		{"window title with ST", "\x1b]2;PWNED\x1b\\", "␛]2;PWNED␛\\"},
		{"clear screen", "\x1b[2J\x1b[H", "␛[2J␛[H"},
		{"cursor movement", "\x1b[10A", "␛[10A"},
		{"private mode", "\x1b[?1049h", "␛[?1049h"},
		{"unterminated hyperlink", "\x1b]8;;http://x", "␛]8;;http://x"},
		{"hyperlink holding a control", "\x1b]8;;http://x\x1b[2J\x07", "␛]8;;http://x␛[2J␇"},
		{"lone ESC at the end", "text\x1b", "text␛"},
		{"DCS", "\x1bP1$r\x1b\\", "␛P1$r␛\\"},
		{"C1 CSI", "\u009b2J", "\ufffd2J"},
		{"bidi override", "a\u202eb", "ab"},
		{"bell and backspace", "a\x07\x08", "a␇␈"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Styled(tt.in); got != tt.want {
				t.Errorf("Styled(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzStyled checks that whatever goes in, every ESC that comes out opens a
// sequence Styled allows, and no other control does.
func FuzzStyled(f *testing.F) {
	for _, s := range []string{"\x1b[31mx\x1b[m", "\x1b]8;;u\x07l\x1b]8;;\x07", "\x1b]0;t\x07", "\u009b\u202e\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Styled(s)
		if Styled(out) != out {
			t.Fatalf("Styled is not idempotent on %q", s)
		}
		for i := 0; i < len(out); {
			if out[i] == 0x1b {
				n := styleSequence(out[i:])
				if n == 0 {
					t.Fatalf("Styled(%q) left a bare ESC at %d: %q", s, i, out)
				}
				i += n
				continue
			}
			j := firstUnsafe(out[i:])
			if j < 0 {
				break
			}
			if out[i+j] != 0x1b {
				t.Fatalf("Styled(%q) left %q at %d", s, out[i+j:], i+j)
			}
			i += j
		}
	})
}

func BenchmarkStyled(b *testing.B) {
	s := strings.Repeat("\x1b[38;5;252mScaling refers to the ability\x1b[m ", 200)
	for b.Loop() {
		_ = Styled(s)
	}
}
