package render

import (
	"strings"

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

// breakable undoes unbreakable in rendered text.
var breakable = strings.NewReplacer(nameSpace, " ", nameHyphen, "-")

// hangBullets gives the wrapped items of lists a hanging indent: Glamour
// starts the lines after an item's first at the bullet, which hides where
// one item ends and the next starts. Each item of more than one line is
// wrapped again at limit columns with its later lines under its text.
func hangBullets(out string, limit int) string {
	lines := strings.Split(out, "\n")
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
			if !hardBreak(xansi.Strip(lines[i+j]), from, limit) {
				text += " "
			}
			text += trimEnd(xansi.Cut(l, indent, len(l)))
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

// hardBreak reports whether Glamour cut a line inside a word too long for
// it, rather than at a space: the line is full, and its text from the
// column from on is one word.
func hardBreak(plain string, from, limit int) bool {
	return xansi.StringWidth(plain) >= limit && !strings.Contains(xansi.Cut(plain, from, len(plain)), " ")
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
