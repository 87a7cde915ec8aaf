package safe

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII", "Scaling teams", "Scaling teams"},
		{"newline kept", "a\nb", "a\nb"},
		{"non-ASCII kept", "Crème brûlée 日本", "Crème brûlée 日本"},
		{"tab to spaces", "a\tb", "a    b"},
		{"escape sequence made visible", "\x1b]0;pwned\x07title", "␛]0;pwned␇title"},
		{"clear screen", "\x1b[2J", "␛[2J"},
		{"carriage return", "a\rb", "a␍b"},
		{"DEL", "a\x7fb", "a␡b"},
		{"C1 CSI", "a\u009b31mb", "a\ufffd31mb"},
		{"bidi override dropped", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolate dropped", "x\u2067y\u2069", "xy"},
		{"invalid UTF-8 escaped", "a\xffb", `a\xffb`},
		{"invalid UTF-8 run", "bad\xc3\x28\xfe.md", `bad\xc3(\xfe.md`},
		{"replacement character kept", "a\ufffdb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	if got := Line("a\nb\x1b"); got != "a b␛" {
		t.Errorf("Line = %q", got)
	}
}

func TestTextLeavesNoControls(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	for _, r := range Text(all.String()) {
		if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r)) {
			t.Fatalf("Text left %U", r)
		}
	}
}

func BenchmarkTextClean(b *testing.B) {
	s := strings.Repeat("Scaling refers to the ability of an organisation. ", 100)
	for b.Loop() {
		_ = Text(s)
	}
}
