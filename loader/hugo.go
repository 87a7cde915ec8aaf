package loader

import (
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// This file is what Hugo 0.111 does to front matter values that taxo must
// read as it does: the key of a term, text from any scalar, booleans and
// dates. Hugo decodes YAML as YAML 1.1 (yaml.v2), where yes and no are
// booleans and 0755 is octal, and converts values with spf13/cast; taxo
// decodes with yaml.v3 and converts the result back where they differ.

// TermKey is the key Hugo 0.111, with its default settings, files a
// term's spelling under: "Go Lang", "go lang" and "go-lang" are all
// "go-lang", "C++" is "c++". It is the one keying of terms in taxo: the
// loader files a page's terms under it and the writer compares them with
// it. A site may change it (Site.TermKey).
func TermKey(term string) string { return termKey(term, true, false) }

// TermKey is the key the site files a term's spelling under: TermKey, as
// its disablePathToLower and removePathAccents settings change it.
func (s *Site) TermKey(term string) string { return termKey(term, s.pathToLower, s.noAccents) }

// termKey is the key Hugo files a term's spelling under: its
// UnicodeSanitize (letters, digits, marks and ". / \ _ # + ~ - @" kept,
// "%" before two hex digits kept, runs of spaces made one hyphen unless a
// hyphen is next to them, the rest dropped), in lower case unless the
// site says disablePathToLower, without accents if it says
// removePathAccents.
func termKey(s string, lower, noAccents bool) string {
	if isPlainKey(s) {
		return s
	}
	if noAccents {
		s = removeAccents(s)
	}
	if isASCII(s) {
		return asciiKey(s, lower)
	}
	return unicodeKey(s, lower)
}

// unicodeKey is termKey of any text, a rune at a time.
func unicodeKey(s string, lower bool) string {
	var b strings.Builder
	b.Grow(len(s))
	var prependHyphen, wasHyphen bool
	src := []rune(s)
	for i, r := range src {
		allowed := r == '.' || r == '/' || r == '\\' || r == '_' || r == '#' || r == '+' || r == '~' || r == '-' || r == '@' ||
			unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2])
		switch {
		case allowed:
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					b.WriteByte('-')
				}
				prependHyphen = false
			}
			b.WriteRune(r)
		case b.Len() > 0 && !wasHyphen && unicode.IsSpace(r):
			prependHyphen = true
		}
	}
	if lower {
		return strings.ToLower(b.String())
	}
	return b.String()
}

// hugoListsKey reports whether Hugo 0.111 lists a page under the term
// with this key in the taxonomy plural. It files the page under
// <plural>/<key>/<page> and the term under <plural>/<key>/, each path
// cleaned and trimmed of dots and slashes at both ends, and lists the
// entries under the term's path: a key that ends with a dot ("kde e.v.")
// or climbs out of the taxonomy ("..") never meets its pages, and Hugo
// leaves the term out.
func hugoListsKey(plural, key string) bool {
	if !strings.Contains(key, ".") && !strings.Contains(key, "/") {
		return true // nothing for path.Clean or the trimming to change
	}
	clean := func(k string) string { return "/" + strings.Trim(path.Clean(k), "./") }
	term := clean(plural + "/" + key)
	if term != "/" {
		term += "/"
	}
	return strings.HasPrefix(clean(path.Join(plural, key, "/page")), term)
}

// asciiKey is termKey of ASCII text, a byte at a time.
func asciiKey(s string, lower bool) string {
	return string(appendASCIIKey(make([]byte, 0, len(s)), s, lower))
}

// appendASCIIKey appends asciiKey(s, lower) to b.
func appendASCIIKey(b []byte, s string, lower bool) []byte {
	start := len(b)
	var prependHyphen, wasHyphen bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		allowed := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("./\\_#+~-@", c) >= 0 ||
			c == '%' && i+2 < len(s) && isHex(rune(s[i+1])) && isHex(rune(s[i+2]))
		switch {
		case allowed:
			wasHyphen = c == '-'
			if prependHyphen {
				if !wasHyphen {
					b = append(b, '-')
				}
				prependHyphen = false
			}
			if lower && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case len(b) > start && !wasHyphen && isASCIISpace(c):
			prependHyphen = true
		}
	}
	return b
}

// isASCIISpace is unicode.IsSpace for a byte below 0x80.
func isASCIISpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isPlainKey reports whether s is its own key: lower-case ASCII letters,
// digits, hyphens and dots, with a letter or digit at each end, which
// neither sanitizing nor lowering changes.
func isPlainKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case (c == '-' || c == '.') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return true
}

func isHex(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F'
}

// removeAccents drops the combining marks of s once decomposed, as Hugo's
// removePathAccents does ("é" becomes "e").
func removeAccents(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// scalarText is a front matter value as text, as cast.ToString gives it:
// text as it is, numbers in their shortest form, booleans as true or
// false; ok is false for a list, a map or a null, which give no text.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case uint64:
		return strconv.FormatUint(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case time.Time:
		// A TOML date, which Hugo's go-toml gives as a time and cast
		// writes as Time.String does.
		return x.String(), true
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return x.(interface{ String() string }).String(), true
	}
	return "", false
}

// yaml11 reads a YAML scalar as yaml.v2 (YAML 1.1) decodes it into an
// interface: a plain y, yes or on is true, 0755 is octal, 1_000 is a
// thousand, and a date stays text; quoted text is text. Lists, maps and
// scalars with a tag written out are read as yaml.v3 reads them.
func yaml11(n *yaml.Node) (any, error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode || n.Style&yaml.TaggedStyle != 0 {
		return yamlValue(n)
	}
	if n.Style != 0 {
		return n.Value, nil // quoted text, or block text
	}
	if v, text := yaml11Plain(n.Value); !text {
		return v, nil
	}
	return n.Value, nil
}

// yaml11Text is what yaml11 reads n as when that is text, without making
// it an interface (which allocates): most values are.
func yaml11Text(n *yaml.Node) (string, bool) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case n.Kind != yaml.ScalarNode || n.Style&yaml.TaggedStyle != 0:
		return "", false
	case n.Style != 0:
		return n.Value, true
	}
	if _, text := yaml11Plain(n.Value); !text {
		return "", false
	}
	return n.Value, true
}

// yaml11Plain reads plain text as yaml11 does; text is true, and v nil,
// when it is the text s itself, which is not made an interface here.
func yaml11Plain(s string) (v any, text bool) {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return nil, false
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return true, false
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return false, false
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return math.Inf(1), false
	case "-.inf", "-.Inf", "-.INF":
		return math.Inf(-1), false
	case ".nan", ".NaN", ".NAN":
		return math.NaN(), false
	}
	switch c := s[0]; {
	case c == '.':
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f, false
		}
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		plain := strings.ReplaceAll(s, "_", "")
		if mayBeInt(plain) { // not a date, say: each refusal of strconv's allocates
			if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
				return int(i), false
			}
			if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
				return u, false
			}
		}
		if onlyBytes(plain, "+-.0123456789eE") && yaml11Float.MatchString(plain) {
			if f, err := strconv.ParseFloat(plain, 64); err == nil {
				return f, false
			}
		}
	}
	return nil, true
}

// yaml11Float is yaml.v2's pattern for a float.
var yaml11Float = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// castBool is cast.ToBoolE as Hugo 0.111 has it: a boolean, a whole
// number that is not a float, or text strconv.ParseBool reads; ok is false
// for anything else (a float, so any JSON number; a TOML integer, which
// is an int64).
func castBool(v any) (b, ok bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case nil:
		return false, true
	case int:
		return x != 0, true
	case string:
		b, err := strconv.ParseBool(x)
		return b, err == nil
	}
	return false, false
}

// castTimeFormats are cast's layouts for dates given as text, in its order,
// and whether each has a zone of its own (a numeric offset).
var castTimeFormats = []struct {
	layout string
	zone   bool
}{
	{time.RFC3339, true},
	{"2006-01-02T15:04:05", false},
	{time.RFC1123Z, true},
	{time.RFC1123, false},
	{time.RFC822Z, true},
	{time.RFC822, false},
	{time.RFC850, false},
	{"2006-01-02 15:04:05.999999999 -0700 MST", true},
	{"2006-01-02T15:04:05-0700", true},
	{"2006-01-02 15:04:05Z0700", true},
	{"2006-01-02 15:04:05", false},
	{time.ANSIC, false},
	{time.UnixDate, false},
	{time.RubyDate, true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02", false},
	{"02 Jan 2006", false},
	{"2006-01-02 15:04:05 -07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
}

// castTimeOnly are cast's layouts of a time without a date, which it
// reads as a time on the first day of year 0, in UTC.
var castTimeOnly = []string{time.Kitchen, time.Stamp, time.StampMilli, time.StampMicro, time.StampNano}

// hugoDate reads a front matter date as Hugo 0.111 does
// (htime.ToTimeInDefaultLocationE, then cast): text in any of cast's
// layouts, in loc unless it gives an offset; a TOML local date or time in
// loc; a TOML date with an offset as it is, to the second; a whole number
// as seconds since 1970. ok is false for anything else.
func hugoDate(v any, loc *time.Location) (time.Time, bool) {
	switch x := v.(type) {
	case string:
		return castDate(x, loc)
	case time.Time:
		return castDate(x.Format(time.RFC3339), loc)
	case toml.LocalDateTime:
		return x.AsTime(loc), true
	case toml.LocalDate:
		return x.AsTime(loc), true
	case int:
		return time.Unix(int64(x), 0), true
	case int64:
		return time.Unix(x, 0), true
	case uint64:
		return time.Unix(int64(x), 0), true
	}
	return time.Time{}, false
}

// castDate reads text as cast.StringToDateInDefaultLocation does.
func castDate(s string, loc *time.Location) (time.Time, bool) {
	for _, f := range castTimeFormats {
		d, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		if !f.zone {
			y, mo, day := d.Date()
			h, mi, sec := d.Clock()
			d = time.Date(y, mo, day, h, mi, sec, d.Nanosecond(), loc)
		}
		return d, true
	}
	for _, layout := range castTimeOnly {
		if d, err := time.Parse(layout, s); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}
