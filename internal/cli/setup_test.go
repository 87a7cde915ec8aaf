package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"taxo/loader"
)

func TestGraphDOT(t *testing.T) {
	out, errOut, code := run(t, nil, "graph", "--root", "tags/kimchi", "--depth", "1")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"digraph taxo {\n",
		`  "tags/kimchi" [label="Kimchi", tooltip="tags/kimchi", fillcolor="#E6F4E7", color="#2E7D32", penwidth=2.5];`,
		`  "concepts/tradition" [label="Tradition"`,
		`  "tags/kimchi" -> "concepts/tradition";`,
		`  "tags/lacto-fermentation" -> "tags/kimchi";`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the DOT lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("the DOT does not end the graph:\n%s", out)
	}
	if strings.Contains(out, "tags/sourdough") {
		t.Error("a term two links away is in a depth-1 cut")
	}
}

// TestGraphRendersWithGraphviz feeds the whole graph, and one with titles
// made to break quoting, to dot when it is installed.
func TestGraphRendersWithGraphviz(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("graphviz is not installed")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "quote.md"), "---\ntitle: 'Say \"hi\" \\N and \\'\ntags: [Back\\slash]\n---\n")
	writeFile(t, filepath.Join(dir, "tags", "backslash.md"), "---\ntitle: 'Back\\slash'\n---\n")
	for _, args := range [][]string{{"graph"}, {"graph", "--all"}, {"graph", "-d", dir}} {
		out, _, code := run(t, nil, args...)
		if code != ExitOK {
			t.Fatalf("%q: exit %d", args, code)
		}
		cmd := exec.Command("dot", "-Tsvg")
		cmd.Stdin = strings.NewReader(out)
		var svg, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &svg, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Fatalf("%q | dot -Tsvg: %v\n%s\n%s", args, err, stderr.String(), out)
		}
		if !strings.Contains(svg.String(), "<svg") {
			t.Fatalf("%q | dot -Tsvg made no SVG", args)
		}
		if args[len(args)-1] == dir && !strings.Contains(svg.String(), "Say &quot;hi&quot; \\N and \\") {
			t.Fatalf("the quoted title is not drawn as written:\n%s", svg.String())
		}
	}
}

func TestGraphJSON(t *testing.T) {
	out, _, code := run(t, nil, "graph", "--format", "json", "--kind", "concept", "--kind", "category")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var g struct {
		Root  *string
		Nodes []struct {
			ID, Kind, Title, Path string
			Defined               bool
		}
		Edges []struct{ From, To, Kind string }
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	if g.Root != nil || len(g.Nodes) != 11 {
		t.Fatalf("root %v, %d nodes; want no root and the 4 concepts and 7 categories", g.Root, len(g.Nodes))
	}
	ids := make(map[string]bool)
	for _, n := range g.Nodes {
		if n.Kind != "concept" && n.Kind != "category" {
			t.Errorf("node %s is a %s", n.ID, n.Kind)
		}
		ids[n.ID] = true
	}
	if len(g.Edges) == 0 {
		t.Fatal("no edges")
	}
	for _, e := range g.Edges {
		if !ids[e.From] || !ids[e.To] || !strings.HasPrefix(e.To, map[string]string{"concept": "concepts/", "category": "categories/"}[e.Kind]) {
			t.Errorf("edge %+v", e)
		}
	}
}

func TestGraphMermaid(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "odd.md"), "---\ntitle: 'A \"quoted\" [odd] <b>#1</b>'\ntags: [Plain]\n---\n")
	writeFile(t, filepath.Join(dir, "tags", "plain.md"), "---\ntitle: Plain\n---\n")
	out, _, code := run(t, nil, "graph", "-d", dir, "-f", "mermaid")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	want := `flowchart LR
  n0(["A #quot;quoted#quot; #91;odd#93; #lt;b#gt;#35;1#lt;/b#gt;"])
  n1(["Plain"])
  n0 --> n1
`
	if !strings.HasPrefix(out, want) {
		t.Fatalf("mermaid:\n%s\nwant it to start:\n%s", out, want)
	}
	if !strings.Contains(out, "  class n0 tag\n") {
		t.Fatalf("mermaid lacks the classes:\n%s", out)
	}
}

func TestGraphTagAndUsage(t *testing.T) {
	out, _, code := run(t, nil, "graph", "--tag", "kimchi", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, id := range []string{`"tags/kimchi"`, `"tags/lacto-fermentation"`, `"categories/fermentation"`} {
		if !strings.Contains(out, id) {
			t.Errorf("--tag lacto-fermentation lacks %s", id)
		}
	}
	if strings.Contains(out, `"tags/sourdough"`) {
		t.Error("--tag keeps a term without the tag")
	}
	for _, tt := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"graph", "--format", "png"}, ExitUsage, `--format "png"`},
		{[]string{"graph", "--depth", "2"}, ExitUsage, "--depth needs --root"},
		{[]string{"graph", "--root", "kimchi", "--depth", "-1"}, ExitUsage, "--depth -1"},
		{[]string{"graph", "--kind", "post"}, ExitUsage, `--kind "post"`},
		{[]string{"graph", "--root", "nothing"}, ExitFailure, `no term named "nothing"`},
		{[]string{"graph", "--root", "fermentation"}, ExitFailure, "fits 2 terms"},
		{[]string{"graph", "--tag", "nothing"}, ExitFailure, `no tag named "nothing"`},
	} {
		_, errOut, code := run(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.err) {
			t.Errorf("%q: exit %d, %q; want %d and %q", tt.args, code, errOut, tt.code, tt.err)
		}
	}
}

// complete asks cobra's hidden __complete command, as the shell scripts do,
// and returns the candidates without descriptions.
func complete(t *testing.T, env map[string]string, args ...string) []string {
	t.Helper()
	out, errOut, code := run(t, env, append([]string{"__complete"}, args...)...)
	if code != ExitOK {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut)
	}
	var got []string
	for _, l := range lines(out) {
		if strings.HasPrefix(l, ":") {
			break
		}
		name, _, _ := strings.Cut(l, "\t")
		got = append(got, name)
	}
	return got
}

func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "alpha.md"), "---\ntitle: Alpha\ntags: [Alpine]\n---\n")
	writeFile(t, filepath.Join(dir, "tags", "alpine.md"), "---\ntitle: Alpine\n---\n")
	writeFile(t, filepath.Join(dir, "categories", "alpine.md"), "---\ntitle: Alpine\n---\n")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{name: "show by slug", args: []string{"show", "sour"}, want: []string{"sourdough"}},
		{name: "show in any case", args: []string{"show", "KIM"}, want: []string{"kimchi"}},
		{name: "show by ID", args: []string{"show", "tags/s"}, want: []string{"tags/salt-fat-acid", "tags/sheet-pan-dinners", "tags/sourdough", "tags/stewing", "tags/stock", "tags/sous-vide"}},
		{name: "show takes one name", args: []string{"show", "kimchi", ""}, want: nil},
		{name: "a slug of two kinds once", args: []string{"show", "ferm"}, want: []string{"fermentation"}},
		{name: "the folder --dir names", args: []string{"show", "-d", dir, "al"}, want: []string{"alpine", "alpha"}},
		{name: "the folder TAXO_DIR names", env: map[string]string{"TAXO_DIR": dir}, args: []string{"show", "alph"}, want: []string{"alpha"}},
		{name: "list --tag", args: []string{"list", "--tag", "la"}, want: []string{"laminated-dough", "lacto-fermentation"}},
		{name: "list --tag, a tag with no file too", args: []string{"list", "--tag", "smo"}, want: []string{"smoking"}},
		{name: "graph --tag", args: []string{"graph", "--tag", "kim"}, want: []string{"kimchi"}},
		{name: "graph --root", args: []string{"graph", "--root", "kim"}, want: []string{"kimchi"}},
		{name: "graph --format", args: []string{"graph", "--format", ""}, want: []string{"dot", "json", "mermaid"}},
		{name: "--theme", args: []string{"list", "--theme", ""}, want: []string{"auto", "dark", "light"}},
		{name: "a missing folder gives nothing", args: []string{"show", "-d", filepath.Join(dir, "nowhere"), "a"}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := complete(t, tt.env, tt.args...); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBashCompletion sources the bash completion script in bash and
// completes a term name as bash would on tab.
func TestBashCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	// cobra's script needs _get_comp_words_by_ref from bash-completion.
	const bashCompletion = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(bashCompletion); err != nil {
		t.Skip("bash-completion is not installed")
	}
	bin := buildTaxo(t)
	script, _, code := run(t, nil, "completion", "bash")
	if code != ExitOK || !strings.Contains(script, "__start_taxo") {
		t.Fatalf("completion bash: exit %d", code)
	}
	scriptPath := filepath.Join(t.TempDir(), "taxo.bash")
	if err := os.WriteFile(scriptPath, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	// What bash does on tab after the words typed: set COMP_* and call the
	// function complete -F registered.
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"taxo show sourd", []string{"sourdough"}},
		{"taxo list --tag lacto", []string{"lacto-fermentation"}},
		{"taxo show tags/kim", []string{"tags/kimchi"}},
	} {
		prog := `
PATH=` + filepath.Dir(bin) + `:$PATH
. ` + bashCompletion + `
. ` + scriptPath + `
COMP_LINE="` + tt.line + `"
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
# compopt complains outside a real completion; what it would set is not tested.
__start_taxo taxo "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"
`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog)
		cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.line, err, out)
		}
		var got []string
		for _, l := range lines(string(out)) {
			got = append(got, strings.TrimSpace(l))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("bash completes %q with %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestManPage runs taxo man, which writes to the process's own stdout.
func TestManPage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	out, err := exec.Command(buildTaxo(t), "man").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".TH TAXO 1", "taxo - Browse a taxonomy", "graph", "--theme"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
}

// buildTaxo builds the binary for the tests that need a real one.
func buildTaxo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "taxo")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSettingsPrecedence checks each source beats the one before: the
// config file beats the defaults, the environment the file, flags both.
func TestSettingsPrecedence(t *testing.T) {
	home := t.TempDir()
	cfgDir := filepath.Join(home, ".config", "taxo")
	fileDir, envDir, flagDir := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, id := range map[string]string{fileDir: "from-file", envDir: "from-env", flagDir: "from-flag"} {
		writeFile(t, filepath.Join(dir, "tags", id+".md"), "---\ntitle: "+id+"\n---\nThe body of the term, long enough to wrap at a narrow width: one two three four five six seven eight nine ten.\n")
	}
	writeFile(t, filepath.Join(cfgDir, "config.yaml"), "dir: "+fileDir+"\nwidth: 40\n")

	env := map[string]string{"HOME": home}
	out, _, _ := run(t, env, "list")
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-file"}) {
		t.Errorf("the config file's dir: %v", got)
	}
	env["TAXO_DIR"] = envDir
	out, _, _ = run(t, env, "list")
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-env"}) {
		t.Errorf("TAXO_DIR does not beat the file: %v", got)
	}
	out, _, _ = run(t, env, "list", "--dir", flagDir)
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-flag"}) {
		t.Errorf("--dir does not beat TAXO_DIR: %v", got)
	}
	out, _, _ = run(t, env, flagDir)
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-flag"}) {
		t.Errorf("PATH does not beat TAXO_DIR: %v", got)
	}

	widest := func(s string) int {
		n := 0
		for _, l := range lines(s) {
			n = max(n, len([]rune(l)))
		}
		return n
	}
	out, _, _ = run(t, env, "show", "from-env")
	if w := widest(out); w > 40 || w < 30 {
		t.Errorf("the config file's width 40: lines up to %d wide", w)
	}
	env["TAXO_WIDTH"] = "60"
	out, _, _ = run(t, env, "show", "from-env")
	if w := widest(out); w > 60 || w <= 40 {
		t.Errorf("TAXO_WIDTH=60: lines up to %d wide", w)
	}
	out, _, _ = run(t, env, "show", "from-env", "--width", "30")
	if w := widest(out); w > 30 {
		t.Errorf("--width 30: lines up to %d wide", w)
	}

	// XDG_CONFIG_HOME moves the file; --config names another.
	xdg := t.TempDir()
	writeFile(t, filepath.Join(xdg, "taxo", "config.yaml"), "dir: "+flagDir+"\n")
	out, _, _ = run(t, map[string]string{"HOME": home, "XDG_CONFIG_HOME": xdg}, "list")
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-flag"}) {
		t.Errorf("XDG_CONFIG_HOME's file: %v", got)
	}
	other := filepath.Join(t.TempDir(), "other.yaml")
	writeFile(t, other, "dir: "+envDir+"\n")
	out, _, _ = run(t, map[string]string{"HOME": home}, "list", "--config", other)
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-env"}) {
		t.Errorf("--config's file: %v", got)
	}
	out, _, _ = run(t, map[string]string{"HOME": home, "TAXO_CONFIG": other}, "list")
	if got := listIDs(out); !slices.Equal(got, []string{"tags/from-env"}) {
		t.Errorf("TAXO_CONFIG's file: %v", got)
	}
}

// TestMaxSizeFromEverySource checks that the size limit the bad-input
// work added is a setting like the others: file, then environment, then flag.
func TestMaxSizeFromEverySource(t *testing.T) {
	home := t.TempDir()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "small.md"), "---\ntitle: Small\n---\n"+strings.Repeat("x", 100))
	writeFile(t, filepath.Join(dir, "tags", "large.md"), "---\ntitle: Large\n---\n"+strings.Repeat("x", 3000))
	writeFile(t, filepath.Join(home, ".config", "taxo", "config.yaml"), "max-size: 1KiB\n")
	ids := func(env map[string]string, args ...string) []string {
		t.Helper()
		out, _, _ := run(t, env, append([]string{"list", "-d", dir}, args...)...)
		return listIDs(out)
	}
	env := map[string]string{"HOME": home}
	if got := ids(env); !slices.Equal(got, []string{"tags/small"}) {
		t.Errorf("max-size 1KiB in the file: %v", got)
	}
	env["TAXO_MAX_SIZE"] = "1MiB"
	if got := ids(env); !slices.Equal(got, []string{"tags/large", "tags/small"}) {
		t.Errorf("TAXO_MAX_SIZE=1MiB over the file's 1KiB: %v", got)
	}
	if got := ids(env, "--max-size", "2k"); !slices.Equal(got, []string{"tags/small"}) {
		t.Errorf("--max-size 2k over TAXO_MAX_SIZE: %v", got)
	}
}

func TestBrokenSettings(t *testing.T) {
	home := t.TempDir()
	cfg := filepath.Join(home, ".config", "taxo", "config.yaml")
	writeFile(t, cfg, "theme: dark\nkeys:\n  quit: [q]\n  frobnicate: [f]\n")
	env := map[string]string{"HOME": home}
	for _, args := range [][]string{{"list"}, {"show", "kimchi"}, {"check"}, {"graph"}, {}} {
		_, errOut, code := run(t, env, args...)
		if code != ExitUsage || !strings.Contains(errOut, cfg+`:4:3: keys: unknown action "frobnicate"`) {
			t.Errorf("%q with a broken config: exit %d, %q", args, code, errOut)
		}
	}
	// What fixes it, and what has nothing to do with it, still runs.
	for _, args := range [][]string{{"version"}, {"config", "path"}, {"--help"}, {"completion", "bash"}} {
		if _, errOut, code := run(t, env, args...); code != ExitOK {
			t.Errorf("%q with a broken config: exit %d, %q", args, code, errOut)
		}
	}

	for _, tt := range []struct {
		env  map[string]string
		args []string
		err  string
	}{
		{map[string]string{"TAXO_THEME": "sepia"}, []string{"list"}, `$TAXO_THEME: theme "sepia": want auto, dark or light`},
		{nil, []string{"list", "--theme", "sepia"}, `--theme: theme "sepia": want auto, dark or light`},
		{nil, []string{"show", "kimchi", "--width", "-3"}, `--width: width "-3"`},
		{map[string]string{"TAXO_MAX_SIZE": "lots"}, []string{"list"}, `$TAXO_MAX_SIZE: "lots" is not a size`},
		{nil, []string{"list", "--config", filepath.Join(home, "none.yaml")}, "none.yaml does not exist"},
		{map[string]string{"TAXO_CONFIG": filepath.Join(home, "none.yaml")}, []string{"list"}, "none.yaml does not exist"},
	} {
		_, errOut, code := run(t, tt.env, tt.args...)
		if code != ExitUsage || !strings.Contains(errOut, tt.err) {
			t.Errorf("%v %q: exit %d, %q; want %q", tt.env, tt.args, code, errOut, tt.err)
		}
	}
}

func TestThemeFlagIsAccepted(t *testing.T) {
	for _, theme := range []string{"auto", "dark", "light", "LIGHT"} {
		if _, errOut, code := run(t, nil, "show", "kimchi", "--theme", theme); code != ExitOK {
			t.Errorf("--theme %s: exit %d, %s", theme, code, errOut)
		}
	}
}

func TestConfigPath(t *testing.T) {
	out, _, code := run(t, map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/home/me"}, "config", "path")
	if code != ExitOK || out != filepath.Join("/x", "taxo", "config.yaml")+"\n" {
		t.Errorf("config path: exit %d, %q", code, out)
	}
	out, _, _ = run(t, map[string]string{"XDG_CONFIG_HOME": "/x"}, "config", "path", "--config", "/etc/t.yaml")
	if out != "/etc/t.yaml\n" {
		t.Errorf("config path --config: %q", out)
	}
	if _, errOut, code := run(t, nil, "config", "path"); code != ExitFailure || errOut == "" {
		t.Errorf("config path with no HOME: exit %d, %q", code, errOut)
	}
}

func TestConfigEdit(t *testing.T) {
	xdg := t.TempDir()
	seen := filepath.Join(t.TempDir(), "seen")
	editor := filepath.Join(t.TempDir(), "editor")
	// The editor copies what it was given where the test can read it.
	writeFile(t, editor, "#!/bin/sh\ncp \"$1\" "+seen+"\n")
	if err := os.Chmod(editor, 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"XDG_CONFIG_HOME": xdg, "EDITOR": editor}
	_, errOut, code := run(t, env, "config", "edit")
	if code != ExitOK {
		t.Fatalf("config edit: exit %d: %s", code, errOut)
	}
	path := filepath.Join(xdg, "taxo", "config.yaml")
	made, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited, err := os.ReadFile(seen)
	if err != nil {
		t.Fatalf("the editor was not run on the file: %v", err)
	}
	if !bytes.Equal(made, edited) || !strings.Contains(string(made), "# theme: auto") || !strings.Contains(errOut, "made "+path) {
		t.Fatalf("config edit made:\n%s\nstderr %q", made, errOut)
	}

	// An existing file is not written over; a broken one is reported once
	// the editor closes.
	writeFile(t, path, "width: wide\n")
	_, errOut, code = run(t, env, "config", "edit")
	if data, _ := os.ReadFile(path); string(data) != "width: wide\n" {
		t.Fatalf("config edit wrote over the file: %q", data)
	}
	if code != ExitUsage || !strings.Contains(errOut, path+`:1:8: width: width "wide"`) {
		t.Fatalf("config edit on a broken file: exit %d, %q", code, errOut)
	}
	// VISUAL beats EDITOR.
	env["VISUAL"] = "false"
	if _, errOut, code = run(t, env, "config", "edit"); code != ExitFailure || !strings.Contains(errOut, "the editor false failed") {
		t.Fatalf("VISUAL=false: exit %d, %q", code, errOut)
	}
}

// TestFlagHelpHasNoQuotes checks the flags' help text for backticks: pflag
// reads them as the name of a flag's argument, but fang prints them as
// written.
func TestFlagHelpHasNoQuotes(t *testing.T) {
	t.Parallel()
	a := &app{maxSize: loader.DefaultMaxFileSize}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if strings.Contains(f.Usage, "`") {
				t.Errorf("%s --%s: help %q has a backtick", c.CommandPath(), f.Name, f.Usage)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(a.rootCommand())
}
