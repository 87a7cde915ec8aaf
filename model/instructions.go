package model

import (
	"strings"
)

// InstructionParts are a term's Instructions sorted by what they say: what
// the term is for and what it must not be used for. Summaries, quick tests
// and lists of authorities, which restate both, are in neither.
type InstructionParts struct {
	Use     string // purpose, scope and key topics
	Exclude string // what must not be tagged with the term
}

type instructionPart uint8

const (
	partUse instructionPart = iota
	partExclude
	partOther
)

// ParseInstructions cuts Instructions into their parts. Real files say the
// same thing many ways: "**Key Topics:**", "**Key topics that should be
// discussed under this category include:**", "**Strictly exclude:**" on a
// line of its own, "**Strictly exclude** unrelated content…" leading a
// paragraph, "**Strict Exclusions:**", "Exclude content that:", or a
// sentence starting "Strictly exclude" in the middle of a paragraph. A
// heading (bold text opening a line, a markdown heading, or a short line
// ending in a colon) starts a part; the text before any heading is the
// term's purpose, so it is Use.
func ParseInstructions(md string) InstructionParts {
	var parts [partOther + 1]strings.Builder
	cur := partUse
	add := func(p instructionPart, s string) {
		if strings.TrimSpace(s) == "" {
			return
		}
		parts[p].WriteString(s)
		parts[p].WriteByte('\n')
	}
	for line := range strings.Lines(md) {
		text := strings.TrimSpace(line)
		if heading, rest, ok := cutHeading(text); ok {
			cur = classifyHeading(heading)
			if cur == partUse {
				add(cur, heading) // "Use this tag only for X" says what X is for
			}
			text = rest
		}
		if isClassifyAdvice(text) {
			cur = partOther
		}
		if cur == partUse {
			if i := exclusionSentence(text); i >= 0 {
				add(cur, text[:i])
				cur, text = partExclude, text[i:]
			}
		}
		add(cur, text)
	}
	return InstructionParts{Use: strings.TrimSpace(parts[partUse].String()), Exclude: strings.TrimSpace(parts[partExclude].String())}
}

// cutHeading finds a heading that opens a line: "**…**" (with what follows
// it on the line as rest), "# …", or a short line ending in a colon that is
// not a list item.
func cutHeading(line string) (heading, rest string, ok bool) {
	switch {
	case strings.HasPrefix(line, "**"):
		end := strings.Index(line[2:], "**")
		if end < 0 {
			return "", "", false
		}
		return strings.TrimSpace(line[2 : 2+end]), strings.TrimSpace(line[2+end+2:]), true
	case strings.HasPrefix(line, "#"):
		return strings.TrimSpace(strings.TrimLeft(line, "#")), "", true
	case strings.HasSuffix(line, ":") && len(line) < 80 && listMarker(line) == 0:
		return line, "", true
	}
	return "", "", false
}

func classifyHeading(h string) instructionPart {
	h = strings.ToLower(h)
	switch {
	case strings.Contains(h, "exclu"), strings.HasPrefix(h, "do not"), strings.HasPrefix(h, "don't"),
		strings.HasPrefix(h, "not for"), strings.HasPrefix(h, "omit"), strings.HasPrefix(h, "avoid"):
		return partExclude
	case strings.Contains(h, "summary"), strings.Contains(h, "quick test"), strings.Contains(h, "authorit"):
		return partOther
	}
	return partUse
}

// isClassifyAdvice reports a closing line such as "Only classify content
// here if…", which restates both parts.
func isClassifyAdvice(line string) bool {
	lower := strings.ToLower(line)
	return strings.HasPrefix(lower, "only classify") || strings.HasPrefix(lower, "classify content")
}

// exclusionOpenings start a sentence that turns from what a term is for to
// what it is not for.
var exclusionOpenings = []string{"strictly exclude", "explicitly exclude", "exclude ", "do not use this", "do not include", "do not classify"}

// exclusionSentence returns where, in a line, a sentence starts that says
// what to exclude, or -1.
func exclusionSentence(line string) int {
	lower := strings.ToLower(line)
	for start := 0; start < len(lower); {
		// Emphasis may open the sentence, even left unclosed: "**Strictly exclude*- any…".
		words := strings.TrimLeft(lower[start:], "*_ ")
		for _, o := range exclusionOpenings {
			if strings.HasPrefix(words, o) {
				return start
			}
		}
		next := strings.Index(lower[start:], ". ")
		if next < 0 {
			return -1
		}
		start += next + 2
	}
	return -1
}
