package cli

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// byteSize is a number of bytes given as "4MiB", "512KiB", "1.5M" or plain
// bytes; K, M and G count in 1024s, with or without "iB" or "B".
type byteSize int64

var sizeUnits = []struct {
	suffix string
	factor float64
}{
	{"gib", 1 << 30}, {"gb", 1 << 30}, {"g", 1 << 30},
	{"mib", 1 << 20}, {"mb", 1 << 20}, {"m", 1 << 20},
	{"kib", 1 << 10}, {"kb", 1 << 10}, {"k", 1 << 10},
	{"b", 1},
}

// parseByteSize reads a size as the --max-size flag takes it.
func parseByteSize(s string) (byteSize, error) {
	text := strings.ToLower(strings.TrimSpace(s))
	factor := 1.0
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(text, u.suffix); ok {
			text, factor = strings.TrimSpace(rest), u.factor
			break
		}
	}
	n, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, fmt.Errorf("%q is not a size such as 4MiB, 512KiB or 100000", s)
	}
	bytes := n * factor
	if bytes < 1 || bytes > math.MaxInt64/2 {
		return 0, errors.New("a size must be at least 1 byte and at most a few exabytes")
	}
	return byteSize(bytes), nil
}

// String writes the size the way parseByteSize reads it, in the largest
// unit that divides it.
func (b byteSize) String() string {
	for _, u := range []struct {
		name   string
		factor int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if b >= byteSize(u.factor) && int64(b)%u.factor == 0 {
			return strconv.FormatInt(int64(b)/u.factor, 10) + u.name
		}
	}
	return strconv.FormatInt(int64(b), 10)
}

// Set parses the flag's value.
func (b *byteSize) Set(s string) error {
	n, err := parseByteSize(s)
	if err != nil {
		return err
	}
	*b = n
	return nil
}

// Type names the value in help.
func (b *byteSize) Type() string { return "size" }
