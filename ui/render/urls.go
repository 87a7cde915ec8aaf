package render

import (
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"

	xansi "github.com/charmbracelet/x/ansi"
)

// Glamour wraps a URL as it wraps words: after any of its hyphens, and
// where it wraps a block again (a list item), after its dots and commas
// too, so that "https://docs.docker.com/docker-for-windows/wsl-tech-" ended
// one line and "preview/" began the next, and what a terminal opened or
// copied from either line was half a link. No option of Glamour's changes
// that. So before Glamour sees a URL, its hyphens, dots, commas and plus
// signs are written as characters of the Unicode private use area, as a
// name's are (see nameHyphen), which Glamour keeps inside a word, and the
// rendered text gets them back: a URL that fits on a line moves to the
// next one whole.
//
// A URL wider than the line has to break somewhere. It may break after any
// "/" of its path and before its "?" and "&", and nowhere else, unless
// one part between them is wider than the line: there Glamour cuts it at
// the line's end. Glamour breaks a line at a space only, so the place is a
// word joiner, which it keeps, then a line separator, which it takes for a
// space and drops where it breaks; neither takes a column, and the
// rendered text drops both. Glamour's links are OSC 8 hyperlinks (as
// lipgloss.Wrap writes them, on every line the link takes), so the pieces
// of a URL broken this way still open the whole URL in a terminal that
// knows them.
const (
	urlHyphen = "\ue011"
	urlDot    = "\ue012"
	urlComma  = "\ue013"
	urlPlus   = "\ue014"

	urlJoin  = "\u2060"           // ends a line Glamour broke in a URL
	urlSpace = "\u2028"           // where Glamour may break a URL
	urlBreak = urlJoin + urlSpace // a place in a URL wider than the line to break at
)

// A URL too wide for the line kept whole past the width (urls.whole) is
// written as a short mark that Glamour keeps on one line: its place in the
// list of such URLs, in digits of the private use area, between two marks
// of that area, after a scheme, which makes Glamour take a link to it for
// an absolute URL and print it as it is.
const (
	longOpen  = "url:\ue020"
	longClose = "\ue021"
	longDigit = 0xe030 // the code of the digit 0; 1 to 9 follow it
)

// keptURL gives a URL kept whole its characters back.
var keptURL = strings.NewReplacer(urlHyphen, "-", urlDot, ".", urlComma, ",", urlPlus, "+", urlJoin, "", urlSpace, "",
	pathSpace, " ", pathSemi, ";", pathBar, "|")

// hidden writes the characters Glamour breaks a URL at as their stand-ins;
// a name's kept hyphen (a field's value) is a URL's hyphen there.
var hidden = strings.NewReplacer("-", urlHyphen, nameHyphen, urlHyphen, ".", urlDot, ",", urlComma, "+", urlPlus)

// urlStart finds where URLs start in markdown, as goldmark's linkify and
// its links read them: a scheme, or "www.", and what follows up to a
// space, a quote, a backtick, an angle or a square bracket. urlEnd trims
// what follows the URL itself.
var urlStart = regexp.MustCompile("(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\\[\\]\"`\ue000]+")

// linkifyURL and linkifyWWW are goldmark's linkify patterns for a URL with
// and without its scheme, which also take a URL's stand-ins for the
// characters it would break at: otherwise a URL kept whole would be a link
// up to its first hyphen only.
var (
	linkifyURL = regexp.MustCompile(`^(?:http|https|ftp)://` + urlHost + `(?::\d+)?` + urlPath)
	linkifyWWW = regexp.MustCompile(`^www\.` + urlHost + urlPath)
)

// The parts of linkifyURL and linkifyWWW.
const (
	urlKept = `\x{E011}-\x{E014}\x{2060}\x{2028}`
	urlHost = `[-a-zA-Z0-9@:%._\+~#=` + urlKept + `]{1,256}[.\x{E012}][a-z]+`
	urlPath = `(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + urlKept + `]*)?`
)

// urlEnd is the length of the URL that u, as urlStart found it, starts
// with: without the punctuation after it (a full stop, a comma …), a ")"
// it does not open, or a character reference ("&amp;") at its end, as
// goldmark's linkify ends it.
func urlEnd(u string) int {
	opening, closing := strings.Count(u, "("), strings.Count(u, ")")
	i := len(u)
	for i > 0 {
		switch c := u[i-1]; {
		case strings.IndexByte("?!.,:*_~", c) >= 0:
			i--
		case c == ')' && closing > opening:
			closing--
			i--
		case c == ';':
			j := strings.LastIndexFunc(u[:i-1], func(r rune) bool { return !isAlnumRune(r) })
			if j < 0 || j == i-2 || u[j] != '&' {
				return i
			}
			i = j
		default:
			return i
		}
	}
	return i
}

// isAlnumRune reports an ASCII letter or digit, which a character
// reference's name is made of.
func isAlnumRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// urls keeps the URLs of the markdown a Renderer renders whole.
type urls struct {
	// whole keeps a URL wider than the line whole past the width, for
	// text a program reads; else it breaks after a "/".
	whole bool
	long  []string // the URLs kept whole past the width, by their place
	kept  bool     // a URL was found, which restore must give back
	code  int      // the columns a code span's style adds around a path
	// rel gives the site-relative targets keepTargets wrote back as
	// written, by the target Glamour prints for each.
	rel map[string]string
}

// keep writes the URLs of md, and the paths Path marked, to be wrapped at
// room columns, so that Glamour keeps them whole: outside code blocks,
// each URL's characters Glamour would break at are hidden, and a URL wider
// than the room of its line is given places to break at, or else written
// as a short mark that restore turns back into it.
func (k *urls) keep(md string, room int) string {
	if !strings.Contains(md, "://") && !strings.Contains(md, "www.") && !strings.Contains(md, pathOpen) && !strings.Contains(md, "](") {
		return md
	}
	lines := strings.Split(md, "\n")
	fence := ""
	for i, line := range lines {
		if f := fenceOf(line); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence) && strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), f[:1])) == "":
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		lineRoom := room - blockIndent(line)
		// Paths first: their dots hidden, no "www." in them is a URL.
		line = k.keepTargets(k.keepPaths(line, lineRoom), lineRoom)
		lines[i] = urlStart.ReplaceAllStringFunc(line, func(m string) string {
			k.kept = true
			end := urlEnd(m)
			return k.keepURL(m[:end], lineRoom) + m[end:]
		})
	}
	return strings.Join(lines, "\n")
}

// keepURL writes one URL kept whole on a line of room columns.
func (k *urls) keepURL(u string, room int) string {
	head := ""
	if len(u) >= 4 && strings.EqualFold(u[:4], "www.") {
		// linkify knows a URL without a scheme by its "www.".
		head, u = u[:4], u[4:]
	}
	if xansi.StringWidth(head+u) <= room {
		return head + hidden.Replace(u)
	}
	if k.whole {
		k.long = append(k.long, breakable.Replace(head+u))
		return longMark(len(k.long) - 1)
	}
	return head + breakAtSlashes(u)
}

// breakAtSlashes hides a URL's characters Glamour would break at and gives
// it places to break after each "/" of its path and before each "?" and
// "&".
func breakAtSlashes(u string) string {
	u = hidden.Replace(u)
	path := 0
	if i := strings.Index(u, "://"); i >= 0 {
		path = i + len("://")
	}
	return withBreaks(u, path, "?&")
}

// withBreaks gives s, from byte from on, places to break after each "/"
// and before each of the characters of before.
func withBreaks(s string, from int, before string) string {
	var b strings.Builder
	b.WriteString(s[:from])
	for i := from; i < len(s); i++ {
		c := s[i]
		if i > from && strings.IndexByte(before, c) >= 0 {
			b.WriteString(urlBreak)
		}
		b.WriteByte(c)
		if c == '/' && i+1 < len(s) {
			b.WriteString(urlBreak)
		}
	}
	return b.String()
}

// longMark stands for the URL at place i of the URLs kept whole past the
// width.
func longMark(i int) string {
	var b strings.Builder
	b.WriteString(longOpen)
	for _, d := range strconv.Itoa(i) {
		b.WriteRune(rune(longDigit) + d - '0')
	}
	b.WriteString(longClose)
	return b.String()
}

// longMarks finds longMark's marks.
var longMarks = regexp.MustCompile(longOpen + "([\ue030-\ue039]+)" + longClose)

// restore gives rendered text its URLs back: the characters hidden, the
// places to break at dropped, the marks of the URLs kept whole past the
// width replaced with them, and each hyperlink the ID Glamour gives the
// URL itself, so that a terminal sees the pieces of one URL as one link.
func (k *urls) restore(out string) string {
	if !k.kept {
		return out
	}
	out = k.restoreTargets(keptURL.Replace(out))
	if len(k.long) > 0 {
		out = longMarks.ReplaceAllStringFunc(out, func(m string) string {
			i := 0
			for _, d := range strings.TrimSuffix(strings.TrimPrefix(m, longOpen), longClose) {
				i = 10*i + int(d-longDigit)
			}
			if i >= len(k.long) {
				return m
			}
			return k.long[i]
		})
	}
	return rehash(out)
}

// hyperlinkStart starts the OSC 8 hyperlinks Glamour writes, "ESC ] 8 ;
// id=ID ; URL BEL".
const hyperlinkStart = "\x1b]8;id="

// rehash gives each hyperlink of out the ID Glamour gives its URL, which
// it gave the URL as written for Glamour.
func rehash(out string) string {
	if !strings.Contains(out, hyperlinkStart) {
		return out
	}
	ids := make(map[string]string)
	var b strings.Builder
	for {
		i := strings.Index(out, hyperlinkStart)
		if i < 0 {
			break
		}
		rest := out[i+len(hyperlinkStart):]
		semi := strings.IndexByte(rest, ';')
		end := strings.IndexAny(rest, "\a\x1b")
		if semi < 0 || end < semi {
			b.WriteString(out[:i+len(hyperlinkStart)])
			out = rest
			continue
		}
		link := rest[semi+1 : end]
		id, ok := ids[link]
		if !ok {
			h := fnv.New32a()
			_, _ = h.Write([]byte(link))
			id = strconv.FormatUint(uint64(h.Sum32()), 10)
			ids[link] = id
		}
		b.WriteString(out[:i] + hyperlinkStart + id + ";" + link)
		out = rest[end:]
	}
	b.WriteString(out)
	return b.String()
}

// fenceOf returns the fence a line of markdown opens or closes a code
// block with ("```", "~~~~"), or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 {
		return ""
	}
	return t[:n]
}

// blockIndent is the columns a line of markdown starts with before its
// text: spaces, block quote marks and list markers, which Glamour turns
// into about as many columns of indent, bars and bullets.
func blockIndent(line string) int {
	n := 0
	for {
		t := strings.TrimLeft(line, " ")
		n += len(line) - len(t)
		switch {
		case strings.HasPrefix(t, ">"):
			line, n = t[1:], n+1
		case len(t) > 1 && strings.IndexByte("-*+", t[0]) >= 0 && t[1] == ' ':
			line, n = t[1:], n+1
		default:
			digits := len(t) - len(strings.TrimLeft(t, "0123456789"))
			if digits == 0 || digits > 9 || len(t) <= digits+1 || strings.IndexByte(".)", t[digits]) < 0 || t[digits+1] != ' ' {
				return n
			}
			line, n = t[digits+1:], n+digits+1
		}
	}
}
