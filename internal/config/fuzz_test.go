package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzConfigParse reads any config file: it never panics, and a mistake is an
// *Error naming the file and, when it has one, a line of it, in one line.
func FuzzConfigParse(f *testing.F) {
	f.Add([]byte("dir: ~/site\ntheme: light\nwidth: 88\nkeys:\n  quit: [x, ctrl+q]\n"))
	f.Add([]byte("keys:\n  down: n\n  find-next: n\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("width: 10000000\n"))
	f.Add([]byte("style: /dev/zero\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := Default()
		err := c.Parse("config.yaml", "/home/u", data)
		if err == nil {
			if c.Width < 0 || c.Width > 1000 {
				t.Fatalf("width %d accepted", c.Width)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Path != "config.yaml" {
			t.Fatalf("error %v is not a mistake in config.yaml", err)
		}
		if lines := bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'}) + 2; e.Line < 0 || e.Line > lines {
			t.Fatalf("error %v names line %d of %d", err, e.Line, lines)
		}
		if strings.ContainsAny(err.Error(), "\r\x1b") {
			t.Fatalf("error %q holds a control character", err)
		}
	})
}
