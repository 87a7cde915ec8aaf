package loader

import (
	"fmt"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// The spellings and values below were put to Hugo 0.111 itself (the
// testdata/hugo cases hold its answers); these tests say what each rule
// gives, one case a line.

func TestTermKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Go", "go"},
		{"Self Hosted", "self-hosted"},
		{"self-hosted", "self-hosted"},
		{"self  -  hosted", "self-hosted"},
		{"  spaced  out  ", "spaced-out"},
		{"C++", "c++"},
		{"Node.js", "node.js"},
		{"CI/CD", "ci/cd"},
		{"x, y", "x-y"},
		{"q?", "q"},
		{"100%", "100"},
		{"a%20b", "a%20b"},
		{"hash#tag", "hash#tag"},
		{"Ünïcödé Straße", "ünïcödé-straße"},
		{"İstanbul", "istanbul"},
		{"日本語 タグ", "日本語-タグ"},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := termKey(tt.in, true, false); got != tt.want {
			t.Errorf("termKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := termKey("Élan Vital", false, true); got != "Elan-Vital" {
		t.Errorf("without lower case and accents: %q", got)
	}
}

func TestHugoListsKey(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{{"go", true}, {"node.js", true}, {".net", true}, {"ci/cd", true}, {"kde-e.v.", false}, {"a.", false}}
	for _, tt := range tests {
		if got := hugoListsKey("tags", tt.key); got != tt.want {
			t.Errorf("hugoListsKey(%q) = %v", tt.key, got)
		}
	}
}

func TestYAML11(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"yes", true}, {"Off", false}, {"y", true}, {"n", false}, {"'yes'", "yes"},
		{"0755", 493}, {"1_000", 1000}, {"0x1F", 31}, {"1e3", 1000.0}, {".5", 0.5}, {"08", 8.0},
		{"~", nil}, {"null", nil}, {"2020-01-02", "2020-01-02"}, {"12:30", "12:30"}, {"Go", "Go"},
		{"-0x1F", -31}, {"+12", 12}, {"0b101", 5}, {"18446744073709551615", uint64(18446744073709551615)},
		{"2020-01-02T15:04:05Z", "2020-01-02T15:04:05Z"}, {"-1.5e-3", -0.0015}, {"1.2.3", "1.2.3"}, {"0xZZ", "0xZZ"},
	}
	for _, tt := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("v: "+tt.in), &doc); err != nil {
			t.Fatal(err)
		}
		got, err := yaml11(doc.Content[0].Content[1])
		if err != nil || fmt.Sprintf("%T %v", got, got) != fmt.Sprintf("%T %v", tt.want, tt.want) {
			t.Errorf("yaml11(%s) = %T %v, %v; want %T %v", tt.in, got, got, err, tt.want, tt.want)
		}
	}
}

func TestHugoDate(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		in   any
		want string // RFC 3339, or "" for no date
	}{
		{"2026-12-06", "2026-12-06T00:00:00-05:00"},
		{"2026-12-05T21:00:00", "2026-12-05T21:00:00-05:00"},
		{"2026-12-05T23:00:00Z", "2026-12-05T23:00:00Z"},
		{"2026-12-05 23:00:00", "2026-12-05T23:00:00-05:00"},
		{"2026-12-06T04:00:00+05:00", "2026-12-06T04:00:00+05:00"},
		{"Mon, 07 Dec 2026 00:00:00 GMT", "2026-12-07T00:00:00-05:00"},
		{"02 Jan 2027", "2027-01-02T00:00:00-05:00"},
		{1893456000, "2030-01-01T00:00:00Z"},
		{"2027/01/01", ""},
		{"2027-01-01 10:00", ""},
		{"2026-1-2", ""},
		{1.5, ""},
		{true, ""},
	}
	for _, tt := range tests {
		got, ok := hugoDate(tt.in, ny)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
			if tt.want != "" {
				want, _ := time.Parse(time.RFC3339, tt.want)
				if !got.Equal(want) {
					t.Errorf("hugoDate(%v) = %s, want %s", tt.in, s, tt.want)
				}
				continue
			}
		}
		if (s == "") != (tt.want == "") {
			t.Errorf("hugoDate(%v) = %q, want %q", tt.in, s, tt.want)
		}
	}
}
