package render

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// Glamour wraps at spaces and after every hyphen, so it would split a tag's
// title, an icon name or a path across lines ("icon fa-chess-" / "rook"). A
// name is written with its spaces and hyphens as two characters of the
// Unicode private use area, which no text of a term uses and which Glamour
// keeps inside a word, and the rendered text gets them back, so that what
// is copied from the terminal is what the file says. (A no-break space
// would not do: Glamour pads code with them, and they would stay.)
const (
	nameSpace  = "\ue000"
	nameHyphen = "\ue001"
)

// unbreakable keeps a name on one line when it is wrapped.
func unbreakable(s string) string {
	return strings.NewReplacer(" ", nameSpace, "-", nameHyphen).Replace(s)
}

// Whole keeps a piece of markdown on one line when it is rendered and
// wrapped, as a term's names are: a date ("2024-02-01" cut after a
// hyphen reads as two things), a short note.
func Whole(s string) string { return unbreakable(s) }

// breakable undoes unbreakable in rendered text.
var breakable = strings.NewReplacer(nameSpace, " ", nameHyphen, "-")

// loosen lets a name kept whole break where it must: Glamour cuts a word
// wider than the line (room columns) inside a letter run ("Should N" /
// "ot Break"), so a name that wide is cut at its own spaces and after its
// hyphens instead, into pieces each as wide as fits and each kept whole.
func loosen(md string, room int) string {
	if room < 10 || !strings.ContainsAny(md, nameSpace+nameHyphen) {
		return md
	}
	lines := strings.Split(md, "\n")
	for i, line := range lines {
		words := strings.Split(line, " ")
		for j, w := range words {
			if xansi.StringWidth(w) > room && strings.ContainsAny(w, nameSpace+nameHyphen) {
				words[j] = regroup(w, room)
			}
		}
		lines[i] = strings.Join(words, " ")
	}
	return strings.Join(lines, "\n")
}

// regroup cuts a word kept whole into pieces of at most room columns where
// its parts allow, the kept space or hyphen between two pieces made one
// that Glamour may break at.
func regroup(word string, room int) string {
	var out, piece strings.Builder
	width := 0
	for _, part := range keptParts(word) {
		w := xansi.StringWidth(part)
		if width > 0 && width+w > room {
			// The piece ends with a part's kept space or hyphen, which are
			// as long as each other.
			p := piece.String()
			cut := len(p) - len(nameSpace)
			out.WriteString(p[:cut] + breakable.Replace(p[cut:]))
			piece.Reset()
			width = 0
		}
		piece.WriteString(part)
		width += w
	}
	return out.String() + piece.String()
}

// keptParts cuts a word kept whole after each of its kept spaces and
// hyphens, except inside parentheses: "(no file)" stays one part.
func keptParts(word string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range word {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth = max(depth-1, 0)
		case depth == 0 && (string(r) == nameSpace || string(r) == nameHyphen):
			end := i + utf8.RuneLen(r)
			parts = append(parts, word[start:end])
			start = end
		}
	}
	if start < len(word) {
		parts = append(parts, word[start:])
	}
	return parts
}

// hangBullets gives the wrapped items of lists a hanging indent: Glamour
// starts the lines after an item's first at the bullet, which hides where
// one item ends and the next starts. Each item of more than one line is
// wrapped again at limit columns with its later lines under its text; md,
// the markdown out was rendered from, tells where Glamour broke a line after
// a hyphen inside a word.
func hangBullets(out, md string, limit int) string {
	lines := strings.Split(out, "\n")
	var spaced map[string]bool // made when first needed: most terms have no wrapped item
	var b strings.Builder
	for i := 0; i < len(lines); {
		indent, marker := bulletAt(xansi.Strip(lines[i]))
		end := i + 1
		for marker > 0 && end < len(lines) && isContinuation(xansi.Strip(lines[end]), indent) {
			end++
		}
		if end == i+1 || limit-indent-marker < 10 {
			b.WriteString(lines[i] + "\n")
			i++
			continue
		}
		hang := indent + marker
		text := trimEnd(xansi.Cut(lines[i], hang, len(lines[i])))
		from := hang
		for j, l := range lines[i+1 : end] {
			prev := xansi.Strip(lines[i+j])
			next := trimEnd(xansi.Cut(l, indent, len(l)))
			word, hyphen := hyphenEnd(prev)
			if hyphen && spaced == nil {
				spaced = spacedHyphens(md)
			}
			switch {
			case strings.HasSuffix(strings.TrimRight(prev, " "), urlJoin):
				// Glamour broke a URL there: it may break there again.
				text += urlSpace
			case !hardBreak(prev, from, limit) && (!hyphen || spaced[word]) && !brokeInWord(prev, xansi.Strip(next), md):
				text += " "
			}
			text += next
			from = indent
		}
		head := xansi.Cut(lines[i], 0, hang)
		for j, l := range strings.Split(lipgloss.Wrap(text, limit-hang, ""), "\n") {
			if j == 0 {
				b.WriteString(head + l + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", hang) + l + "\n")
			}
		}
		i = end
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// trimEnd drops the spaces Glamour pads a line with, which may sit inside
// its styles, where strings.TrimRight cannot see them: joined to the next
// line, they would be spaces in the middle of the item's text.
func trimEnd(line string) string {
	return xansi.Truncate(line, xansi.StringWidth(strings.TrimRight(xansi.Strip(line), " ")), "")
}

// hyphenEnd returns the word a line ends with when it ends with a hyphen
// right after it ("AI-"): there Glamour broke the line after the hyphen of
// a word ("AI-specific"), unless the markdown has a space after it.
func hyphenEnd(plain string) (word string, ok bool) {
	rest, ok := strings.CutSuffix(strings.TrimRight(plain, " "), "-")
	if !ok {
		return "", false
	}
	start := strings.LastIndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) + 1
	return rest[start:], start < len(rest)
}

// brokeInWord reports whether Glamour broke a list item's line after a
// dot, a comma, a semicolon, a plus or a bar inside a word, which it does
// as it does after a hyphen ("Node." / "js"): the line ends with the mark
// right after a letter or digit, and md writes the word the next line
// starts with right after it ("Node.js"). A full stop or a comma that md
// writes before a space ("done. Then") keeps its space.
func brokeInWord(prev, next, md string) bool {
	prev = strings.TrimRight(prev, " ")
	if prev == "" || strings.IndexByte(".,;+|", prev[len(prev)-1]) < 0 {
		return false
	}
	rest := prev[:len(prev)-1]
	start := strings.LastIndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) + 1
	end := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end < 0 {
		end = len(next)
	}
	if start == len(rest) || end == 0 {
		return false
	}
	return strings.Contains(md, prev[start:]+next[:end])
}

// hyphenSpace is a word written with a space after its hyphen.
var hyphenSpace = regexp.MustCompile(`[\p{L}\p{N}]+- `)

// spacedHyphens are the words md writes with a space after their hyphen
// ("exclude- any"): a line broken after one of them was broken at that
// space, which joining the line to the next must put back.
func spacedHyphens(md string) map[string]bool {
	words := make(map[string]bool)
	for _, w := range hyphenSpace.FindAllString(md, -1) {
		words[strings.TrimSuffix(w, "- ")] = true
	}
	return words
}

// hardBreak reports whether Glamour cut a line inside a word too long for
// it, rather than at a space: the line is full, and its text from the
// column from on is one word (a URL's places to break at, urlSpace, part
// words too).
func hardBreak(plain string, from, limit int) bool {
	return xansi.StringWidth(plain) >= limit && !strings.ContainsFunc(xansi.Cut(plain, from, len(plain)), unicode.IsSpace)
}

// bulletAt returns the columns of white space before a list item's bullet
// ("• ", "12. ") and the bullet's own columns; marker is 0 when the line
// starts no item.
func bulletAt(plain string) (indent, marker int) {
	rest := strings.TrimLeft(plain, " ")
	indent = len(plain) - len(rest)
	if strings.HasPrefix(rest, "• ") {
		return indent, 2
	}
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if digits > 0 && strings.HasPrefix(rest[digits:], ". ") {
		return indent, digits + 2
	}
	return indent, 0
}

// isContinuation reports whether a line carries on the list item above it:
// text at the item's own indent, which Glamour gives the lines it wraps,
// while a nested item is indented further and a blank line ends the list.
func isContinuation(plain string, indent int) bool {
	rest := strings.TrimLeft(plain, " ")
	if rest == "" || len(plain)-len(rest) != indent {
		return false
	}
	_, marker := bulletAt(rest)
	return marker == 0
}

// titleBlock is the heading for a title too long for one line, wrapped so
// that it reads as one block: Glamour wraps a heading as a paragraph, the
// heading's prefix and suffix (the padding of the dark style's badge, the
// "# " of the plain one) on its first and last lines only, each line as
// long as its words, so that a long title's badge came out ragged. Each
// line is cut here, kept whole and padded to one width, the later ones
// under the first's text; "" when the title fits on one line, which
// Glamour draws as it is.
func (r *Renderer) titleBlock(title string) string {
	h1 := r.config.H1.StylePrimitive
	prefix, suffix := h1.Prefix, h1.Suffix
	room := r.width - 2*r.margin() - xansi.StringWidth(prefix) - xansi.StringWidth(suffix)
	for _, n := range []*uint{r.config.Heading.Indent, r.config.Heading.Margin, r.config.H1.Indent, r.config.H1.Margin} {
		if n != nil {
			room -= int(*n)
		}
	}
	if xansi.StringWidth(title) <= room || room < 10 {
		return ""
	}
	// Wrap breaks after every hyphen; a title breaks at its spaces only.
	lines := strings.Split(xansi.Wrap(strings.ReplaceAll(title, "-", nameHyphen), room, ""), "\n")
	width := 0
	for i, l := range lines {
		lines[i] = strings.TrimSpace(strings.ReplaceAll(l, nameHyphen, "-"))
		width = max(width, xansi.StringWidth(lines[i]))
	}
	hang := strings.Repeat(nameSpace, xansi.StringWidth(prefix))
	var b strings.Builder
	b.WriteString("# ")
	for i, l := range lines {
		pad := width - xansi.StringWidth(l)
		if i < len(lines)-1 {
			// The suffix ends the last line only; the others make up for it.
			pad += xansi.StringWidth(suffix)
		}
		if i > 0 {
			b.WriteString(" " + hang)
		}
		b.WriteString(unbreakable(escapeInline(l)) + strings.Repeat(nameSpace, pad))
	}
	return b.String() + "\n\n"
}
