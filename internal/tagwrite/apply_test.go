package tagwrite_test

import (
	"strings"
	"testing"

	"taxo/internal/tagwrite"
)

var site = tagwrite.Site{Taxonomies: []string{"tags", "categories", "series"}}

func add(terms ...string) tagwrite.Edit    { return tagwrite.AddRemove(terms, nil) }
func remove(terms ...string) tagwrite.Edit { return tagwrite.AddRemove(nil, terms) }

// TestApply shows, for each shape a taxonomy's value takes, what an edit
// writes: only the list's bytes change, in the list's own style.
func TestApply(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		taxonomy string
		edit     tagwrite.Edit
		want     string
	}{
		// YAML flow lists.
		{"YAML flow: add", "---\ntitle: x\ntags: [a, b]\n---\nbody\n", "tags", add("c"),
			"---\ntitle: x\ntags: [a, b, c]\n---\nbody\n"},
		{"YAML flow: remove the middle", "---\ntags: [a, b, c]\n---\n", "tags", remove("b"),
			"---\ntags: [a, c]\n---\n"},
		{"YAML flow: remove the last", "---\ntags: [a, b, c]\n---\n", "tags", remove("c"),
			"---\ntags: [a, b]\n---\n"},
		{"YAML flow: remove the first and add", "---\ntags: [a, b]\n---\n", "tags", tagwrite.AddRemove([]string{"c"}, []string{"a"}),
			"---\ntags: [b, c]\n---\n"},
		{"YAML flow: remove the last term keeps an empty list", "---\ntags: [a] # mine\n---\n", "tags", remove("a"),
			"---\ntags: [] # mine\n---\n"},
		{"YAML flow: replace every term", "---\ntags: [ 'a', 'b' ]\n---\n", "tags", tagwrite.SetTo([]string{"it's", "d"}),
			"---\ntags: [ 'it''s', d ]\n---\n"},
		{"YAML flow: add to an empty list", "---\ntags: []\n---\n", "tags", add("a", "b"),
			"---\ntags: [a, b]\n---\n"},
		{"YAML flow: quotes what YAML would misread", "---\ntags: [a]\n---\n", "tags", add("yes", "1.0", "x: y", "#x", "-x", "[z]", "a, b", "2024-01-02", "null", "on"),
			"---\ntags: [a, \"yes\", \"1.0\", \"x: y\", \"#x\", \"-x\", \"[z]\", \"a, b\", \"2024-01-02\", \"null\", \"on\"]\n---\n"},
		{"YAML flow: keeps plain what reads as text", "---\ntags: [a]\n---\n", "tags", add("C++", "Node.js", "3D printing", "café", "a-b", "v1.2.3"),
			"---\ntags: [a, C++, Node.js, 3D printing, café, a-b, v1.2.3]\n---\n"},
		{"YAML flow: follows the list's double quotes", "---\ntags: [\"a\"]\n---\n", "tags", add("b", "yes"),
			"---\ntags: [\"a\", b, \"yes\"]\n---\n"},

		// YAML block lists.
		{"YAML block: add after the last term, its indentation kept", "---\ntags: \n    - a\n    - b # bee\n\ndate: 2020-01-01\n---\n", "tags", add("c"),
			"---\ntags: \n    - a\n    - b # bee\n    - c\n\ndate: 2020-01-01\n---\n"},
		{"YAML block: remove a term's line", "---\ntags:\n  - a\n  # a comment stays\n  - b\ntitle: x\n---\n", "tags", remove("a"),
			"---\ntags:\n  # a comment stays\n  - b\ntitle: x\n---\n"},
		{"YAML block: indentless", "---\ntags:\n- a\n- b\n---\n", "tags", tagwrite.AddRemove([]string{"c"}, []string{"b"}),
			"---\ntags:\n- a\n- c\n---\n"},
		{"YAML block: remove every term leaves an empty list", "---\ntags: \n    - a\n    - b\ntitle: x\n---\n", "tags", remove("a", "b"),
			"---\ntags: []\ntitle: x\n---\n"},
		{"YAML block: quoted terms keep their quotes", "---\ntags:\n  - 'a b'\n  - \"c\"\n---\n", "tags", add("on"),
			"---\ntags:\n  - 'a b'\n  - \"c\"\n  - 'on'\n---\n"},

		// A single string.
		{"string: a second term makes it a list in the file's style", "---\ncategories: [x]\nseries: defi\n---\n", "series", add("nft"),
			"---\ncategories: [x]\nseries: [defi, nft]\n---\n"},
		{"string: a block list where the file writes them", "---\nseries: \"defi\" # the arc\ntags:\n  - a\n---\n", "series", add("nft"),
			"---\nseries: # the arc\n  - \"defi\"\n  - nft\ntags:\n  - a\n---\n"},
		{"string: replaced by another stays a string", "---\nseries: defi\n---\n", "series", tagwrite.Rename("defi", "DeFi: 2"),
			"---\nseries: \"DeFi: 2\"\n---\n"},
		{"string: removed leaves an empty list", "---\nseries: defi\n---\n", "series", remove("defi"),
			"---\nseries: []\n---\n"},
		{"a term a flow list would cut is quoted", "---\ntags: [a]\n---\n", "tags", add("0?0"),
			"---\ntags: [a, \"0?0\"]\n---\n"},
		{"a number: kept as written, the value Hugo read", "---\ncategories: [x]\nseries: 2021\n---\n", "series", add("nft"),
			"---\ncategories: [x]\nseries: [2021, nft]\n---\n"},
		{"a boolean in a block list", "---\nseries: yes\ntags:\n  - a\n---\n", "series", add("nft"),
			"---\nseries:\n  - yes\n  - nft\ntags:\n  - a\n---\n"},
		{"string: re-quoted in a flow list when plain would not do", "---\ncategories: [x]\nseries: a, b\n---\n", "series", add("c"),
			"---\ncategories: [x]\nseries: [\"a, b\", c]\n---\n"},

		// A key with no value, or none at all.
		{"null: filled in the file's style", "---\ntags:\ntitle: x\n---\n", "tags", add("a"),
			"---\ntags:\n  - a\ntitle: x\n---\n"},
		{"null: ~ in a file of flow lists", "---\ncategories: [x]\ntags: ~\n---\n", "tags", add("a"),
			"---\ncategories: [x]\ntags: [a]\n---\n"},
		{"missing: after the other taxonomies", "---\ntitle: x\ncategories:\n  - c\ndate: 2020-01-01\n---\nbody\n", "tags", add("a"),
			"---\ntitle: x\ncategories:\n  - c\ntags:\n  - a\ndate: 2020-01-01\n---\nbody\n"},
		{"missing: at the end without other taxonomies", "---\ntitle: x\naliases: [a]\n---\n", "tags", add("b"),
			"---\ntitle: x\naliases: [a]\ntags: [b]\n---\n"},
		{"missing: in empty front matter", "---\n---\nbody\n", "tags", add("a"),
			"---\ntags:\n  - a\n---\nbody\n"},
		{"missing: no front matter gets one", "body\n", "tags", add("a"),
			"---\ntags:\n  - a\n---\nbody\n"},
		{"missing: nothing to remove changes nothing", "---\ntitle: x\n---\n", "tags", remove("a"),
			"---\ntitle: x\n---\n"},

		// Keys, line ends, byte order marks.
		{"key in another case", "---\nTags: [a]\n---\n", "tags", add("b"),
			"---\nTags: [a, b]\n---\n"},
		{"quoted key", "---\n\"tags\": [a]\n---", "tags", remove("a"),
			"---\n\"tags\": []\n---"},
		{"TOML quoted key", "+++\n'tags' = \"a\"\n+++\n", "tags", add("b"),
			"+++\n'tags' = [\"a\", \"b\"]\n+++\n"},
		{"YAML flow list over lines", "---\ntags: [a, # x\n  b]\n---\n", "tags", add("c"),
			"---\ntags: [a, # x\n  b,\n  c]\n---\n"},
		{"CRLF", "---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\nbody\r\n", "tags", add("b"),
			"---\r\ntitle: x\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nbody\r\n"},
		{"CRLF: a new key", "---\r\ntitle: x\r\n---\r\nbody\r\n", "tags", add("b"),
			"---\r\ntitle: x\r\ntags:\r\n  - b\r\n---\r\nbody\r\n"},
		{"BOM", "\uFEFF---\ntags: [a]\n---\n", "tags", add("b"),
			"\uFEFF---\ntags: [a, b]\n---\n"},

		// TOML.
		{"TOML: padded array", "+++\ntitle = \"x\"\ntags = [ \"a\", \"b\" ]\n\n[scripts]\n  m = false\n+++\n", "tags", tagwrite.AddRemove([]string{"c"}, []string{"a"}),
			"+++\ntitle = \"x\"\ntags = [ \"b\", \"c\" ]\n\n[scripts]\n  m = false\n+++\n"},
		{"TOML: multi-line array with a trailing comma and comments", "+++\ntags = [\n  \"a\", # first\n  \"b\", # bee\n]\n+++\n", "tags", tagwrite.AddRemove([]string{"c"}, []string{"b"}),
			"+++\ntags = [\n  \"a\", # first\n  \"c\",\n]\n+++\n"},
		{"TOML: multi-line array without a trailing comma", "+++\ntags = [\n  \"a\",\n  \"b\"\n]\n+++\n", "tags", add("c"),
			"+++\ntags = [\n  \"a\",\n  \"b\",\n  \"c\"\n]\n+++\n"},
		{"TOML: multi-line array, the last term removed", "+++\ntags = [\n  \"a\",\n  \"b\"\n]\n+++\n", "tags", remove("b"),
			"+++\ntags = [\n  \"a\"\n]\n+++\n"},
		{"TOML: literal strings", "+++\ntags = ['a']\n+++\n", "tags", add("b", "it's"),
			"+++\ntags = ['a', 'b', \"it's\"]\n+++\n"},
		{"TOML: a new key goes before the first table, = aligned", "+++\ntitle  = \"x\"\ndate   = 2020-01-01\n\n[scripts]\n  tags = false\n+++\n", "tags", add("a"),
			"+++\ntitle  = \"x\"\ndate   = 2020-01-01\ntags   = [\"a\"]\n\n[scripts]\n  tags = false\n+++\n"},
		{"TOML: a new key after the other taxonomies, their array style", "+++\ncategories = [ \"c\" ]\ntitle = \"x\"\n+++\n", "tags", add("a"),
			"+++\ncategories = [ \"c\" ]\ntags = [ \"a\" ]\ntitle = \"x\"\n+++\n"},
		{"TOML: escapes", "+++\ntags = [\"a\"]\n+++\n", "tags", add(`say "hi" \o/`),
			"+++\ntags = [\"a\", \"say \\\"hi\\\" \\\\o/\"]\n+++\n"},

		// JSON.
		{"JSON: a term a line", "{\n  \"title\": \"x\",\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ]\n}\nbody\n", "tags", tagwrite.AddRemove([]string{"c"}, []string{"b"}),
			"{\n  \"title\": \"x\",\n  \"tags\": [\n    \"a\",\n    \"c\"\n  ]\n}\nbody\n"},
		{"JSON: the last term removed keeps the list valid", "{\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ]\n}\n", "tags", remove("b"),
			"{\n  \"tags\": [\n    \"a\"\n  ]\n}\n"},
		{"JSON: an empty list filled as MarshalIndent would", "{\n  \"title\": \"x\",\n  \"tags\": [],\n  \"n\": 1\n}\n", "tags", add("a", "<b>"),
			"{\n  \"title\": \"x\",\n  \"tags\": [\n    \"a\",\n    \"<b>\"\n  ],\n  \"n\": 1\n}\n"},
		{"JSON: every term removed", "{\n  \"tags\": [\n    \"a\"\n  ],\n  \"n\": 1\n}\n", "tags", remove("a"),
			"{\n  \"tags\": [],\n  \"n\": 1\n}\n"},
		{"JSON: a new key after the other taxonomies", "{\n  \"categories\": [\"c\"],\n  \"n\": 1\n}\n", "tags", add("a"),
			"{\n  \"categories\": [\"c\"],\n  \"tags\": [\"a\"],\n  \"n\": 1\n}\n"},
		{"JSON: one line", "{\"title\": \"x\", \"tags\": [\"a\"]}\n", "tags", add("b"),
			"{\"title\": \"x\", \"tags\": [\"a\", \"b\"]}\n"},
		{"JSON: null", "{\"tags\": null}\n", "tags", add("b"),
			"{\"tags\": [\"b\"]}\n"},

		// Rename, merge, set.
		{"rename keeps the place", "---\ntags: [a, old, b]\n---\n", "tags", tagwrite.Rename("old", "New"),
			"---\ntags: [a, New, b]\n---\n"},
		{"rename keeps the quotes", "---\ndifficulty: \"beginner\"\ntags: ['a', b]\n---\n", "difficulty", tagwrite.Rename("beginner", "expert"),
			"---\ndifficulty: \"expert\"\ntags: ['a', b]\n---\n"},
		{"rename keeps the single quotes", "---\ntags: ['a', b]\n---\n", "tags", tagwrite.Rename("a", "it's"),
			"---\ntags: ['it''s', b]\n---\n"},
		{"rename onto a term the page carries merges", "---\ntags: [a, old, new]\n---\n", "tags", tagwrite.Rename("old", "new"),
			"---\ntags: [a, new]\n---\n"},
		{"rename respells every spelling once", "---\ntags: [golang, a, GoLang]\n---\n", "tags", tagwrite.Rename("golang", "Go Lang"),
			"---\ntags: [Go Lang, a]\n---\n"},
		{"rename of a term the page lacks", "---\ntags: [a]\n---\n", "tags", tagwrite.Rename("old", "new"),
			"---\ntags: [a]\n---\n"},
		{"set keeps the terms that stay where they are", "---\ntags: [a, b, c, b]\n---\n", "tags", tagwrite.SetTo([]string{"d", "c", "a"}),
			"---\ntags: [a, c, d]\n---\n"},
		{"terms compare as Hugo keys them", "---\ntags: [Go Lang]\n---\n", "tags", tagwrite.AddRemove([]string{"go-lang"}, nil),
			"---\ntags: [Go Lang]\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := site.Apply([]byte(tt.src), tt.taxonomy, tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			if string(c.New) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", c.New, tt.want)
			}
			if c.Changed() != (tt.src != tt.want) {
				t.Errorf("Changed() = %v", c.Changed())
			}
		})
	}
}

// TestApplyRefuses lists what the writer will not touch, and says why.
func TestApplyRefuses(t *testing.T) {
	tests := []struct {
		name, src, taxonomy string
		edit                tagwrite.Edit
		want                string
	}{
		{"a map", "---\ntags:\n  a: 1\n---\n", "tags", add("b"), "tags holds a map"},
		{"an alias", "---\nx: &l [a]\ntags: *l\n---\n", "tags", add("b"), "tags holds an alias"},
		{"a block of text", "---\ntags: |\n  a\n---\n", "tags", add("b"), "tags holds text over several lines"},
		{"a nested list", "---\ntags: [a, [b]]\n---\n", "tags", add("c"), "tags holds a list holding other than terms"},
		{"a dotted TOML key", "+++\ntags.a = 1\n+++\n", "tags", add("c"), "tags holds a dotted key"},
		{"a JSON object", "{\"tags\": {\"a\": 1}}\n", "tags", add("c"), "tags holds not a list of terms"},
		{"two spellings of the key", "---\ntags: [a]\nTags: [b]\n---\n", "tags", add("c"), `has "tags" and "Tags"`},
		{"a term with a new line", "---\ntags: [a]\n---\n", "tags", add("b\nc"), "holds a control character"},
		{"an empty term", "---\ntags: [a]\n---\n", "tags", add(" "), "a term cannot be empty"},
		{"a term added and removed", "---\ntags: [a]\n---\n", "tags", tagwrite.AddRemove([]string{"b"}, []string{"B"}), `"b" is both added and removed`},
		{"unclosed front matter", "---\ntags: [a]\n", "tags", add("b"), "never closed"},
		{"not UTF-8", "---\ntags: [a\xff]\n---\n", "tags", add("b"), "not UTF-8"},
		{"no taxonomy", "---\n---\n", " ", add("b"), "no taxonomy given"},
		{"lines ending in CR alone", "---\rtags: [a]\r---\rbody", "tags", add("b"), "CR alone"},
		{"indented front matter", "  ---\ntags: [a]\n---\n", "tags", add("b"), "not on lines of its own"},
		{"a TOML key given twice", "+++\nx = 0\nx = 0\n+++\n", "tags", add("b"), "the front matter does not read: toml: key x is already defined"},
		{"YAML that does not read", "---\ntags: [a]\nx: [\n---\n", "tags", add("b"), "invalid YAML front matter"},
		{"CR alone inside front matter", "---\ntitle: a\rb\ntags: [a]\n---\n", "tags", add("b"), "CR alone"},
		{"indented keys", "---\n  title: a\n  tags: [a]\n---\n", "series", add("b"), "has a key that is indented"},
		{"an explicit key", "---\n? a\n: 1\ntags: [a]\n---\n", "tags", add("b"), "line 1 of the YAML front matter has a key that is indented, complex or written with ?"},
		{"a second YAML document", "---\ntitle: a\n--- x\n---\n", "tags", add("b"), "line 2 of the YAML front matter starts another document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := site.Apply([]byte(tt.src), tt.taxonomy, tt.edit)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestChangeSummaryAndDiff(t *testing.T) {
	src := "---\r\ntitle: x\r\ntags: [a, b]\r\n---\r\nbody\r\n"
	c, err := site.Apply([]byte(src), "tags", tagwrite.AddRemove([]string{"c"}, []string{"a"}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Summary(), "tags: +c -a"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	want := "--- a/post.md\n+++ b/post.md\n@@ -1,5 +1,5 @@\n ---\n title: x\n-tags: [a, b]\n+tags: [b, c]\n ---\n body\n"
	if got := c.Diff("post.md"); got != want {
		t.Errorf("Diff() =\n%s\nwant\n%s", got, want)
	}
	if got := (tagwrite.Change{Taxonomy: "tags", Old: []byte(src), New: []byte(src)}).Diff("post.md"); got != "" {
		t.Errorf("Diff of no change = %q", got)
	}
}

func TestTerms(t *testing.T) {
	got, err := site.Terms([]byte("+++\nTags = [\"a\", 'b']\n+++\n"), "tags")
	if err != nil || strings.Join(got, ",") != "a,b" {
		t.Errorf("Terms = %q, %v", got, err)
	}
}
