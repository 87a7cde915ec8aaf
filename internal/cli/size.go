package cli

import (
	"strconv"

	"taxo/internal/config"
)

// byteSize is the --max-size flag's value: a number of bytes given as
// "4MiB", "512KiB", "1.5M" or plain bytes, read as the config file reads it.
type byteSize int64

// String writes the size the way config.ParseSize reads it, in the largest
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
	n, err := config.ParseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

// Type names the value in help.
func (b *byteSize) Type() string { return "size" }
