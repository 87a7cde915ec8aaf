package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNamesTwoKindsShare: a name a category and a tag share is listed
// with the kinds, aligned, and --kind picks one (issue 17, 1).
func TestNamesTwoKindsShare(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		out    []string
		stderr string // the whole of it, when set
	}{
		{name: "ambiguous", args: []string{"show", "fermentation"}, code: ExitFailure,
			stderr: `taxo: "fermentation" fits 2 terms; name one by its ID, or add --kind:
  category  categories/fermentation  Fermentation
  tag       tags/fermentation        Fermentation
`},
		{name: "--kind tag", args: []string{"show", "fermentation", "--kind", "tag"}, out: []string{"tag · tags/fermentation"}},
		{name: "--kind category", args: []string{"show", "Fermentation", "-k", "categories"}, out: []string{"category · categories/fermentation"}},
		{name: "--kind of no such term", args: []string{"show", "kimchi", "--kind", "concept"}, code: ExitFailure,
			stderr: "taxo: no concept named \"kimchi\"\n"},
		{name: "--kind that is no kind", args: []string{"show", "kimchi", "--kind", "colour"}, code: ExitUsage,
			stderr: "taxo: --kind \"colour\": want concept, category or tag\n"},
		{name: "graph --root with --kind", args: []string{"graph", "--root", "fermentation", "--kind", "tag", "--format", "json"},
			out: []string{`"root": "tags/fermentation"`}},
		{name: "graph --root ambiguous", args: []string{"graph", "--root", "fermentation"}, code: ExitFailure,
			out: nil},
		{name: "show marks the kind of the terms that use it", args: []string{"show", "tags/fermentation"},
			out: []string{"Used by categories: Fermentation", "Used by tags: Sourdough"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, nil, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.stderr != "" && errOut != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tt.stderr)
			}
			for _, want := range tt.out {
				if !strings.Contains(out, want) {
					t.Errorf("stdout does not hold %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestTypos: a mistyped command, name or unquoted title gets a hint, and a
// path that cannot be read says where it came from (issue 17, 4).
func TestTypos(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	config := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, config, "dir: "+missing+"\n")
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stderr string
	}{
		{name: "command", args: []string{"lst"}, code: ExitUsage,
			stderr: "taxo: \"lst\" is neither a command nor a file or folder\n  did you mean taxo list?\n"},
		{name: "command with an argument", args: []string{"shw", "kimchi"}, code: ExitUsage,
			stderr: "taxo: unknown command \"shw\"\n  did you mean taxo show?\n"},
		{name: "name", args: []string{"show", "kimchee"}, code: ExitFailure,
			stderr: "taxo: no term named \"kimchee\"; the closest names:\n  tag  tags/kimchi  Kimchi\n"},
		{name: "name with --kind", args: []string{"show", "fermentaton", "--kind", "tag"}, code: ExitFailure,
			stderr: "taxo: no tag named \"fermentaton\"; the closest names:\n  tag  tags/fermentation  Fermentation\n"},
		{name: "tag", args: []string{"list", "--tag", "fermentaton"}, code: ExitFailure,
			stderr: "taxo: no tag named \"fermentaton\"; the closest names:\n  tag  tags/fermentation  Fermentation\n"},
		{name: "nothing close", args: []string{"show", "zzzzzz"}, code: ExitFailure,
			stderr: "taxo: no term named \"zzzzzz\"\n"},
		{name: "title unquoted", args: []string{"show", "Pâte", "à", "Choux"}, code: ExitUsage,
			stderr: "taxo: show takes one term NAME, got 3 arguments\n  quote a name with spaces: taxo show \"Pâte à Choux\"\n"},
		{name: "retag with one name", args: []string{"retag", "kimchi"}, code: ExitUsage,
			stderr: "taxo: retag takes OLD and NEW, got 1 argument\n  name the term and what it becomes: taxo retag golang Go\n"},
		{name: "retag with a name unquoted", args: []string{"retag", "kimchi", "Pâte", "à"}, code: ExitUsage,
			stderr: "taxo: retag takes OLD and NEW, got 3 arguments\n  quote a name with spaces: taxo retag \"Old Name\" \"New Name\"\n"},
		{name: "path from --dir", args: []string{"list", "--dir", missing}, code: ExitUsage,
			stderr: "taxo: cannot read the taxonomy at " + missing + " (from --dir): no such file or directory\n"},
		{name: "path from TAXO_DIR", env: map[string]string{"TAXO_DIR": missing}, args: []string{"list"}, code: ExitUsage,
			stderr: "taxo: cannot read the taxonomy at " + missing + " (from $TAXO_DIR): no such file or directory\n"},
		{name: "path from the config file", args: []string{"list", "--config", config}, code: ExitUsage,
			stderr: "taxo: cannot read the taxonomy at " + missing + " (from dir in " + config + "): no such file or directory\n"},
		{name: "path argument", args: []string{missing}, code: ExitUsage,
			stderr: "taxo: cannot read the taxonomy at " + missing + " (from the PATH argument): no such file or directory\n"},
		{name: "unknown flag", args: []string{"show", "kimchi", "--colour"}, code: ExitUsage,
			stderr: "taxo: unknown flag: --colour\n  taxo show --help shows how to use it\n"},
		{name: "a flag taken as a value", args: []string{"list", "--kind", "-d", missing}, code: ExitUsage,
			stderr: "taxo: --kind needs a value before -d\n"},
		{name: "a long flag taken as a value", args: []string{"show", "kimchi", "--kind", "--dir=" + missing}, code: ExitUsage,
			stderr: "taxo: --kind needs a value before --dir=" + missing + "\n"},
		{name: "a value that only looks like a flag", args: []string{"list", "--tag", "-x"}, code: ExitFailure,
			stderr: "taxo: no tag named \"-x\"\n"},
		{name: "cobra's own error", args: []string{"list", "extra"}, code: ExitUsage,
			stderr: "taxo: unknown command \"extra\" for \"taxo list\"\n  taxo list --help shows how to use it\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.env, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if errOut != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tt.stderr)
			}
		})
	}
}

// TestShowOneFile: a taxonomy read from one file shows that file's term
// without a NAME, and by its title ahead of the terms it only names
// (issue 17, 7).
func TestShowOneFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.txt")
	// The file's slug is its name, "seed"; it lists a tag of its own title.
	writeFile(t, file, "---\ntitle: Scaling\nClassificationType: tags\ncategories: [Lean]\ntags: [Scaling, Flow]\n---\nAbout scaling.\n")
	for _, args := range [][]string{{"show", "-d", file}, {"show", "scaling", "-d", file}, {"show", "Scaling", "--kind", "tag", "-d", file}} {
		out, errOut, code := run(t, nil, args...)
		if code != ExitOK || !strings.Contains(out, "tag · tags/seed") || !strings.Contains(out, "About scaling.") {
			t.Errorf("%q: exit %d, stderr %q, stdout:\n%s", args, code, errOut, out)
		}
	}
	_, errOut, code := run(t, nil, "show")
	if code != ExitUsage || errOut != "taxo: show needs a term NAME\n  taxo list shows the terms\n" {
		t.Errorf("show without NAME on the sample: exit %d, stderr %q", code, errOut)
	}
}

// TestShowWrapping: show breaks lines between names, never inside a name,
// an icon or a path, and a wrapped list item hangs under its text (issue
// 17, 8).
func TestShowWrapping(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tags", "large-scale-agility-and-value-delivery.md")
	writeFile(t, file, `---
title: Large Scale Agility
icon: fa-chess-rook
weight: 440
date: 2025-04-09
tags: [Value Delivery, Organisational Agility, Lean-Agile Principles, Business Agility]
aliases: [/resources/methods/scrum-framework/, /learn/agile-delivery-kit/scrum-framework/]
Instructions: |-
  - Frameworks for scaling Agile practices across many teams, such as SAFe, LeSS and Nexus, and what they cost
  - Short
---
Body.
`)
	whole := []string{"Value Delivery (no file)", "Organisational Agility (no file)", "Lean-Agile Principles (no file)",
		"icon fa-chess-rook", "tags/large-scale-agility-and-value-delivery.md", "/learn/agile-delivery-kit/scrum-framework/"}
	for _, width := range []int{50, 60, 72, 80} {
		out, errOut, code := run(t, nil, "show", "-d", dir, "large scale agility", "--width", strconv.Itoa(width))
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, name := range whole {
			if !strings.Contains(out, name) {
				t.Errorf("--width %d: %q is split:\n%s", width, name, out)
			}
		}
		if strings.ContainsAny(out, "\ue000\ue001") {
			t.Errorf("--width %d: the characters that keep names whole reach the output", width)
		}
		// The first item wraps; its later lines start under its text.
		ls := lines(out)
		for i, l := range ls {
			if strings.Contains(l, "• Frameworks for scaling") {
				next := ls[i+1]
				bullet := strings.Index(l, "•")
				if strings.Index(next, strings.TrimLeft(next[bullet:], " ")) != bullet+2 {
					t.Errorf("--width %d: no hanging indent:\n%s\n%s", width, l, next)
				}
			}
		}
	}
}

// TestShowRendersTheDescription: the description's markdown is rendered,
// not shown as written, and a leading "#" or "-" starts no heading or list
// (issue 17, 3).
func TestShowRendersTheDescription(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tags", "scrum.md"), "---\ntitle: Scrum\ndescription: Scrum is a **social technology** for [adaptive](https://example.com) work.\n---\n")
	writeFile(t, filepath.Join(dir, "tags", "hash.md"), "---\ntitle: Hash\ndescription: \"# not a heading\"\n---\n")
	out, _, _ := run(t, nil, "show", "scrum", "-d", dir)
	if !strings.Contains(out, "Scrum is a social technology for adaptive") || strings.Contains(out, "**") {
		t.Errorf("the description is not rendered:\n%s", out)
	}
	out, _, _ = run(t, nil, "show", "hash", "-d", dir)
	if !strings.Contains(out, "# not a heading") {
		t.Errorf("a description starting with # is read as a heading:\n%s", out)
	}
}

// TestSuggestSaysWhyInWords: suggest says what its scores are and which
// words counted for and against a term, in words (issue 17, 11).
func TestSuggestSaysWhyInWords(t *testing.T) {
	var errOut bytes.Buffer
	var out bytes.Buffer
	code := Run(context.Background(), []string{"suggest", "-"}, IO{
		In:     strings.NewReader("Cucumbers soured by bacteria in a salt brine, no vinegar, for lacto-fermented pickles."),
		Out:    &out,
		Err:    &errOut,
		Getenv: func(string) string { return "" },
	})
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{
		"A score weighs the words of the content", "is not a percentage",
		"  tags/pickling  Pickling\n         words that fit: pickles, brine, vinegar, fermented, salt\n         words its Instructions exclude: soured, bacteria, lacto\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "against:") {
		t.Errorf("the output still says \"against:\":\n%s", out.String())
	}
}

// TestEmptyFolder: a folder with no term file makes every command say what
// taxo looks for and where, and fail (issue 17, 6).
func TestEmptyFolder(t *testing.T) {
	empty := t.TempDir()
	writeFile(t, filepath.Join(empty, "docs", "readme.txt"), "not a term\n")
	want := "taxo: no term files in " + empty + "; taxo reads:\n" +
		"  - concepts/, categories/ and tags/ in a site's content/ (PATH being the site or content/), or one of them as PATH\n"
	for _, args := range [][]string{{"list"}, {"show", "x"}, {"check"}, {"search", "x"}, {"graph"}, {}} {
		out, errOut, code := run(t, nil, append(args, "-d", empty)...)
		if code != ExitFailure || out != "" || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "or PATH as one file") {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s", args, code, out, errOut)
		}
	}
	broken := t.TempDir()
	writeFile(t, filepath.Join(broken, "tags", "x.md"), "---\ntitle: [\n---\n")
	_, errOut, code := run(t, nil, "list", "-d", broken)
	if code != ExitFailure || !strings.Contains(errOut, "no term could be read from the 1 term file in "+broken+"; taxo check -d "+broken+" says why") {
		t.Errorf("a folder of broken files: exit %d, stderr:\n%s", code, errOut)
	}
}

// TestSearchFindsStems: on the real taxonomy, "retrospectives" finds Scrum,
// whose Instructions say "Sprint Retrospective" (issue 17, 2).
func TestSearchFindsStems(t *testing.T) {
	dir := corpus(t)
	out, errOut, code := run(t, nil, "search", "retrospectives", "-d", dir, "--limit", "0")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "categories/scrum  Scrum\n") || !strings.Contains(out, "Sprint [Retrospective]") {
		t.Errorf("retrospectives does not find Scrum's Sprint Retrospective:\n%s", out)
	}
}
