package render

import (
	"net/url"
	"regexp"
	"strings"

	xansi "github.com/charmbracelet/x/ansi"
)

// Glamour prints the target of a link or an image after its text
// ("Image: sybil delegates → /img/2021/aave-governance-platform/sybil-
// delegates.png"), and broke a site-relative one at its hyphens as it did
// a URL. A target with a scheme is a URL that urls.keep keeps already; one
// without is printed as Glamour resolves it against no base
// ("../other-page/" as "/other-page/"), with its characters outside ASCII
// percent-encoded, which would encode a URL's stand-ins too. So such a
// target is written for Glamour as the target it prints, kept as a URL is
// (hidden, or with places to break after a "/"), behind relOpen: a scheme
// and a mark, which make Glamour take it for an absolute URL and print it
// as it is. restore drops the mark from the text, and gives each
// hyperlink the target as written back. The mark takes no column, the
// scheme two, which only a target Glamour would break (needsKeeping) is
// given.
const relOpen = "r:\u2063"

// relHyperlink finds relOpen in a hyperlink's parameters, and the target
// after it, up to the hyperlink's end.
var relHyperlink = regexp.MustCompile("(\x1b\\]8;[^;\a\x1b]*;)" + relOpen + "([^\a\x1b]*)")

// inlineTarget finds the target of an inline link or image ("](target"),
// up to the space or ")" that ends it.
var inlineTarget = regexp.MustCompile(`\]\(([^\s<>()\\&` + "`" + `]+)[\s)]`)

// printedTarget is the target Glamour prints for a link or an image to
// dest, as its resolveRelativeURL resolves it against no base, and
// whether Glamour prints it and urls.keep leaves it to keepTargets: a
// target with a scheme, one that is only an anchor, or one that does not
// parse is not.
func printedTarget(dest string) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil || u.IsAbs() || "#"+u.Fragment == dest || strings.HasPrefix(strings.ToLower(dest), "www.") {
		return "", false
	}
	u.Path = strings.TrimPrefix(u.Path, "/")
	base, _ := url.Parse("")
	return base.ResolveReference(u).String(), true
}

// keepTargets writes the site-relative targets of the links and images on
// a line of markdown, outside code spans, to be printed kept as a URL is
// on a line of room columns (see relOpen).
func (k *urls) keepTargets(line string, room int) string {
	if !strings.Contains(line, "](") {
		return line
	}
	var b strings.Builder
	last := 0
	for _, m := range inlineTarget.FindAllStringSubmatchIndex(line, -1) {
		dest := line[m[2]:m[3]]
		printed, ok := printedTarget(dest)
		if !ok || !needsKeeping(printed, line, room) || strings.Count(line[:m[0]], "`")%2 == 1 || escaped(line, m[0]) {
			continue
		}
		k.kept = true
		if k.rel == nil {
			k.rel = make(map[string]string)
		}
		if _, seen := k.rel[printed]; !seen {
			k.rel[printed] = dest
		}
		b.WriteString(line[last:m[2]])
		b.WriteString(k.keepTarget(printed, room))
		last = m[3]
	}
	b.WriteString(line[last:])
	return b.String()
}

// needsKeeping reports whether Glamour would break a target it prints as
// p on a line of markdown of room columns: at a hyphen, at a dot, comma
// or plus sign in a block it wraps again (a list item), or anywhere when
// it is wider than the line.
func needsKeeping(p, line string, room int) bool {
	return strings.Contains(p, "-") || blockIndent(line) > 0 && strings.ContainsAny(p, ".,+") || xansi.StringWidth(p) > room
}

// escaped reports whether the character at byte i of markdown is escaped
// with a backslash, as a term's title is to be shown as written.
func escaped(s string, i int) bool {
	n := 0
	for i > n && s[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// keepTarget writes a target Glamour prints as p, kept as keepURL keeps a
// URL on a line of room columns: whole when it fits, else with places to
// break after each "/" and before each "?" and "&".
func (k *urls) keepTarget(p string, room int) string {
	switch {
	case xansi.StringWidth(relOpen+p) <= room:
		return relOpen + hidden.Replace(p)
	case k.whole:
		k.long = append(k.long, p)
		return longMark(len(k.long) - 1)
	}
	from := 0
	if strings.HasPrefix(p, "/") {
		from = 1 // no line of a single "/"
	}
	return relOpen + withBreaks(hidden.Replace(p), from, "?&")
}

// restoreTargets drops relOpen from rendered text whose stand-ins restore
// gave back, and gives each hyperlink to a target keepTargets wrote the
// target as written.
func (k *urls) restoreTargets(out string) string {
	if len(k.rel) == 0 {
		return out
	}
	out = relHyperlink.ReplaceAllStringFunc(out, func(m string) string {
		sub := relHyperlink.FindStringSubmatch(m)
		if dest, ok := k.rel[sub[2]]; ok {
			return sub[1] + dest
		}
		return sub[1] + sub[2]
	})
	if !strings.Contains(out, relOpen) {
		return out
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if n := strings.Count(l, relOpen); n > 0 {
			lines[i] = strings.ReplaceAll(l, relOpen, "") + strings.Repeat(padUnit(l), n*xansi.StringWidth(relOpen))
		}
	}
	return strings.Join(lines, "\n")
}

// padding finds the last column of a line a style pads to the width, a
// space in the paragraph's colours.
var padding = regexp.MustCompile("\x1b\\[[0-9;]*m \x1b\\[m$")

// padUnit is the column a styled line ends with, which makes up for the
// columns relOpen took on it (Glamour padded it to the width with them);
// a line without colours ends with none, as Glamour's lines end there.
func padUnit(line string) string {
	return padding.FindString(line)
}
