package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"taxo/internal/cli"
)

// searchRun runs taxo in-process with stdin and an environment of env pairs.
func searchRun(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	io := cli.IO{In: strings.NewReader(stdin), Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] }}
	code = cli.Run(context.Background(), args, io)
	return code, out.String(), errb.String()
}

// searchCorpus is the real taxonomy, beside the project.
const searchCorpus = "../../../shared/corpus/nkdagility"

func needSearchCorpus(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(searchCorpus); err != nil {
		t.Skipf("the nkdagility corpus is not at %s", searchCorpus)
	}
}

func TestSearchCommand(t *testing.T) {
	t.Run("plain output marks matches in brackets", func(t *testing.T) {
		code, out, errOut := searchRun(t, "", nil, "search", "sourdough", "starter")
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		first, second, _ := strings.Cut(out, "\n")
		if f := strings.Fields(first); len(f) != 3 || f[1] != "tags/sourdough" || f[2] != "Sourdough" {
			t.Errorf("first line %q, want score, tags/sourdough, Sourdough", first)
		}
		snippet, _, _ := strings.Cut(second, "\n")
		if !strings.HasPrefix(snippet, "      ") || !strings.Contains(strings.ToLower(snippet), "[starter]") {
			t.Errorf("snippet line %q: want it indented with [starter] marked", snippet)
		}
		if strings.Contains(out, "\x1b") {
			t.Error("escape codes in output to a pipe")
		}
	})

	t.Run("words as one argument or several", func(t *testing.T) {
		_, one, _ := searchRun(t, "", nil, "search", "lactic acid")
		_, many, _ := searchRun(t, "", nil, "search", "lactic", "acid")
		if one == "" || one != many {
			t.Errorf("one argument:\n%s\nseveral:\n%s", one, many)
		}
	})

	t.Run("json", func(t *testing.T) {
		code, out, _ := searchRun(t, "", nil, "search", "--json", "kind:category", "salt")
		if code != cli.ExitOK {
			t.Fatalf("exit %d", code)
		}
		var hits []struct {
			ID      string  `json:"id"`
			Kind    string  `json:"kind"`
			Title   string  `json:"title"`
			Score   float64 `json:"score"`
			Snippet struct {
				Field string   `json:"field"`
				Text  string   `json:"text"`
				Marks [][2]int `json:"marks"`
			} `json:"snippet"`
		}
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		if len(hits) == 0 || hits[0].ID != "categories/preserving" {
			t.Fatalf("hits %+v", hits)
		}
		for _, h := range hits {
			if h.Kind != "category" || h.Score <= 0 || h.Snippet.Field == "" {
				t.Errorf("hit %+v", h)
			}
			for _, m := range h.Snippet.Marks {
				if got := strings.ToLower(h.Snippet.Text[m[0]:m[1]]); got != "salt" {
					t.Errorf("%s: mark %v is %q, want salt", h.ID, m, got)
				}
			}
		}
	})

	t.Run("limit", func(t *testing.T) {
		code, out, errOut := searchRun(t, "", nil, "search", "salt", "--limit", "2")
		if code != cli.ExitOK || strings.Count(out, "\n") != 4 {
			t.Errorf("exit %d, output:\n%s", code, out)
		}
		if !strings.HasPrefix(errOut, "2 of ") || !strings.Contains(errOut, "--limit 0 shows all") {
			t.Errorf("stderr %q", errOut)
		}
	})

	t.Run("no match, as JSON: an empty array and exit 1, as grep", func(t *testing.T) {
		code, out, _ := searchRun(t, "", nil, "search", "xylophone", "--json")
		if code != cli.ExitFailure || strings.TrimSpace(out) != "[]" {
			t.Errorf("exit %d, stdout %q", code, out)
		}
	})

	t.Run("filters only: no score", func(t *testing.T) {
		_, out, _ := searchRun(t, "", nil, "search", "kind:concept")
		first, _, _ := strings.Cut(out, "\n")
		if !strings.HasPrefix(first, "concepts/") || strings.Count(out, "concepts/") != 4 {
			t.Errorf("output:\n%s", out)
		}
	})

	for _, tt := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no query", []string{"search"}, cli.ExitUsage, "search needs a QUERY"},
		{"only stopwords", []string{"search", "the", "of"}, cli.ExitUsage, "every word is too common"},
		{"bad kind", []string{"search", "kind:colour", "salt"}, cli.ExitUsage, "kind:colour"},
		{"bad limit", []string{"search", "salt", "--limit", "-1"}, cli.ExitUsage, "--limit -1"},
		{"unknown tag", []string{"search", "tag:nothing", "salt"}, cli.ExitFailure, `taxo: no tag named "nothing"`},
		{"no match", []string{"search", "xylophone"}, cli.ExitFailure, `taxo: no term matches "xylophone"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := searchRun(t, "", nil, tt.args...)
			if code != tt.code || !strings.Contains(strings.ToLower(errOut), strings.ToLower(tt.err)) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.err)
			}
		})
	}
}

// TestSearchSafe checks that term text with terminal controls reaches the
// output harmless.
func TestSearchSafe(t *testing.T) {
	dir := t.TempDir()
	evil := "---\ntitle: \"Evil \\e]0;pwned\\a\\e[2J\"\ndescription: \"Bell \\a and escape \\e[31m red\"\n---\nThe word trap sits \x1b[1mhere\x1b[0m with a bidi \u202e override.\n"
	if err := os.WriteFile(filepath.Join(dir, "evil.md"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"search", "-d", dir, "trap"}, {"search", "-d", dir, "evil"}, {"search", "-d", dir, "--json", "trap"}} {
		code, out, errOut := searchRun(t, "", nil, args...)
		if code != cli.ExitOK || !strings.Contains(out, "evil") {
			t.Fatalf("%v: exit %d, %q %q", args, code, out, errOut)
		}
		if strings.ContainsAny(out, "\x1b\a\u202e") {
			t.Errorf("%v: control characters reach the output: %q", args, out)
		}
	}
}

func TestSuggestCommand(t *testing.T) {
	kimchi := "Napa cabbage kimchi starts with salting. Rub every leaf with gochugaru, garlic, ginger and fish sauce, pack it in a crock and leave it to ferment for two days."

	t.Run("stdin", func(t *testing.T) {
		code, out, errOut := searchRun(t, kimchi, nil, "suggest", "-")
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{"Concepts\n", "Categories\n", "Tags\n", "tags/kimchi  Kimchi\n", "words that fit: kimchi", "is not a percentage", "Front matter\ncategories:\n- Fermentation\n", "tags:\n- Kimchi\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
		if !strings.Contains(out, "Use this tag only for") {
			t.Errorf("the first lines of the Instructions are missing:\n%s", out)
		}
	})

	t.Run("file with front matter, json", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "post.md")
		post := "---\ntitle: Refrigerator pickles\ntags: [Something Else]\n---\nCider vinegar brine poured hot over cucumbers in a jar, kept in the fridge.\n"
		if err := os.WriteFile(file, []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := searchRun(t, "", nil, "suggest", file, "--json", "--limit", "2")
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Categories []struct {
				ID    string   `json:"id"`
				Score float64  `json:"score"`
				Why   []string `json:"why"`
			} `json:"categories"`
			Tags        []struct{ ID string } `json:"tags"`
			FrontMatter struct {
				Categories []string `json:"categories"`
				Tags       []string `json:"tags"`
			} `json:"frontMatter"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		if len(got.Categories) == 0 || len(got.Categories) > 2 || got.Categories[0].ID != "categories/preserving" || len(got.Categories[0].Why) == 0 {
			t.Errorf("categories %+v", got.Categories)
		}
		if len(got.FrontMatter.Tags) == 0 || got.FrontMatter.Tags[0] != "Pickling" {
			t.Errorf("front matter %+v", got.FrontMatter)
		}
	})

	t.Run("json is an object per taxonomy, then the front matter", func(t *testing.T) {
		code, out, errOut := searchRun(t, kimchi, nil, "suggest", "-", "--json", "--limit", "1")
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		dec := json.NewDecoder(strings.NewReader(out))
		var keys []string
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, tok.(string))
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
		}
		if want := []string{"concepts", "categories", "tags", "frontMatter"}; !slices.Equal(keys, want) {
			t.Errorf("keys %v, want %v", keys, want)
		}
		var got map[string]json.RawMessage
		_ = json.Unmarshal([]byte(out), &got)
		var tags []map[string]any
		if err := json.Unmarshal(got["tags"], &tags); err != nil || len(tags) != 1 {
			t.Fatalf("tags %s: %v", got["tags"], err)
		}
		for _, field := range []string{"id", "kind", "title", "score", "why", "against", "pages", "instructions"} {
			if _, ok := tags[0][field]; !ok {
				t.Errorf("a suggestion has no %q: %v", field, tags[0])
			}
		}
		if pages, ok := tags[0]["pages"].([]any); !ok || len(pages) != 0 {
			t.Errorf("pages %v, want [] with no tagged pages", tags[0]["pages"])
		}
	})

	t.Run("broken front matter is read as text", func(t *testing.T) {
		code, out, errOut := searchRun(t, "---\ntitle: [unclosed\n---\n"+kimchi, nil, "suggest", "-")
		if code != cli.ExitOK || !strings.Contains(out, "tags/kimchi") || !strings.Contains(errOut, "matched as text") {
			t.Errorf("exit %d, stderr %q, output:\n%s", code, errOut, out)
		}
	})

	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string
	}{
		{"no file", "", []string{"suggest"}, cli.ExitUsage, "suggest takes one FILE"},
		{"missing file", "", []string{"suggest", "/nonexistent/post.md"}, cli.ExitUsage, "cannot read the content"},
		{"empty content", "---\ntitle: \"\"\n---\n", []string{"suggest", "-"}, cli.ExitUsage, "the content is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := searchRun(t, tt.stdin, nil, tt.args...)
			if code != tt.code || !strings.Contains(strings.ToLower(errOut), strings.ToLower(tt.err)) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.err)
			}
		})
	}
}

// TestDoneWhen runs the checks issue 6 names on the real taxonomy.
func TestDoneWhen(t *testing.T) {
	needSearchCorpus(t)

	t.Run("value stream terms first", func(t *testing.T) {
		_, out, _ := searchRun(t, "", nil, "search", "-d", searchCorpus, "--json", "value stream")
		var hits []struct{ Title string }
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Fatal(err)
		}
		for i, h := range hits[:3] {
			if !strings.HasPrefix(h.Title, "Value Stream") {
				t.Errorf("hit %d is %q, want a value stream term", i+1, h.Title)
			}
		}
	})

	t.Run("kind:category returns only categories", func(t *testing.T) {
		_, out, _ := searchRun(t, "", nil, "search", "-d", searchCorpus, "--json", "--limit", "0", "kind:category flow")
		var hits []struct{ ID, Kind, Title string }
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Title != "Flow Efficiency" {
			t.Errorf("hits %+v", hits)
		}
		for _, h := range hits {
			if h.Kind != "category" {
				t.Errorf("%s is a %s", h.ID, h.Kind)
			}
		}
	})

	t.Run("suggest on Kanban flow metrics", func(t *testing.T) {
		para := "Our team manages its work with a Kanban board. We limit work in progress on each column and review our flow metrics every week: cycle time for each item, throughput per week, work item age, and a cumulative flow diagram to see where work piles up."
		_, out, _ := searchRun(t, para, nil, "suggest", "-d", searchCorpus, "-", "--json")
		var got map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{"categories", "tags"} {
			var sgs []struct{ Title string }
			if err := json.Unmarshal(got[kind], &sgs); err != nil {
				t.Fatal(err)
			}
			related := 0
			for _, s := range sgs {
				switch s.Title {
				case "Kanban", "Flow Efficiency", "Cycle Time", "Throughput", "Lead Time", "Metrics and Learning", "Value Stream Management":
					related++
				}
			}
			if len(sgs) != 5 || related < 2 {
				t.Errorf("%s: %+v; want five, with flow and Kanban terms among them", kind, sgs)
			}
		}
	})
}
