package render

import (
	"regexp"
	"strings"

	xansi "github.com/charmbracelet/x/ansi"
)

// A file's path (a page's, in taxo show's list of pages) is kept whole as
// a URL is (see urls.go): Glamour broke one at its hyphens
// ("content/lessons/dockerize-and-deploy-" / "nodejs-gcp/index.md"), and
// a name kept whole (Whole) wider than the line is cut at its hyphens
// too. Path marks the path off with two characters of the private use
// area, and urls.keep writes it as it writes a URL: whole when it fits on
// a line, else with places to break after each "/", else, for a program,
// as a short mark that restore turns back into it. A path may hold
// characters a URL does not, which Glamour breaks a list item at (a
// space, ";", "|"): they have stand-ins of their own.
const (
	pathOpen  = "\ue018"
	pathClose = "\ue019"

	pathSpace = "\ue015"
	pathSemi  = "\ue016"
	pathBar   = "\ue017"
)

// Path writes a file's path as a markdown code span that a Renderer keeps
// whole on a line, or, wider than the line, breaks only after a "/", as
// it does a URL: never at a hyphen, a dot or a space. A backtick, which
// would end the span, is written as "'".
func Path(p string) string {
	return "`" + markPath(strings.ReplaceAll(p, "`", "'")) + "`"
}

// markPath marks a path off to be kept as Path keeps it, outside a code
// span too (a term's file, under its facts): p is markdown there.
func markPath(p string) string {
	return pathOpen + strings.NewReplacer(pathOpen, "", pathClose, "").Replace(p) + pathClose
}

// pathMarks finds the paths markPath marked, with the backtick of a code
// span before one.
var pathMarks = regexp.MustCompile("`?" + pathOpen + "[^" + pathClose + "]*" + pathClose)

// hiddenPath writes the characters Glamour breaks a path at as their
// stand-ins.
var hiddenPath = strings.NewReplacer("-", urlHyphen, ".", urlDot, ",", urlComma, "+", urlPlus, " ", pathSpace, ";", pathSemi, "|", pathBar)

// keepPaths writes the paths markPath marked on a line of markdown as
// keepURL writes a URL, for a line of room columns: a path in a code span
// has the span's padding (code columns) around it too, and one outside
// takes no columns for its escapes.
func (k *urls) keepPaths(line string, room int) string {
	if !strings.Contains(line, pathOpen) {
		return line
	}
	return pathMarks.ReplaceAllStringFunc(line, func(m string) string {
		k.kept = true
		tick, p := "", strings.TrimSuffix(m, pathClose)
		if strings.HasPrefix(p, "`") {
			tick, p = "`", p[1:]
		}
		p = strings.TrimPrefix(p, pathOpen)
		shown, width := p, xansi.StringWidth(p)+k.code
		if tick == "" {
			shown = unescapeInline.Replace(p)
			width = xansi.StringWidth(shown)
		}
		switch {
		case width <= room:
			return tick + hiddenPath.Replace(p)
		case k.whole:
			k.long = append(k.long, shown)
			return tick + longMark(len(k.long)-1)
		}
		return tick + withBreaks(hiddenPath.Replace(p), 0, "")
	})
}

// PathLines wraps a file's path at width columns for text that is not
// markdown (the browser's page view), as Path keeps one in rendered
// markdown: one line when it fits, else lines broken after a "/", and
// inside a part between two slashes only where that part is wider than
// the line.
func PathLines(p string, width int) []string {
	if xansi.StringWidth(p) <= width {
		return []string{p}
	}
	wrapped := xansi.Wrap(withBreaks(hiddenPath.Replace(p), 0, ""), width, "")
	lines := strings.Split(keptURL.Replace(wrapped), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}
