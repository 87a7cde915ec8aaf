package model

import (
	"fmt"
	"strconv"
)

// Severity ranks a problem: errors lose data, warnings point at something odd.
type Severity uint8

// The severities.
const (
	Warning Severity = iota
	Error
)

// String is "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText writes the name, so JSON shows "warning" rather than 0.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is something wrong with one file of the taxonomy, with where it is.
type Problem struct {
	Path      string // as the user can open it
	Line, Col int    // 1-based; 0 when unknown
	Severity  Severity
	Err       error
}

// Error formats the problem as compilers do: "content/tags/x.md:3:7: error: …".
func (p Problem) Error() string {
	pos := p.Path
	if p.Line > 0 {
		pos += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			pos += ":" + strconv.Itoa(p.Col)
		}
	}
	return fmt.Sprintf("%s: %s: %v", pos, p.Severity, p.Err)
}

// Unwrap gives the underlying error.
func (p Problem) Unwrap() error { return p.Err }
