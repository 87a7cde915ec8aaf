// Package config holds taxo's settings and reads them from their four
// sources, each beating the one before: defaults, the config file, the
// environment, then the flags. Every setting is one row of Settings, so
// that the file, the environment, the flags, the template written by
// taxo config edit and the README all name the same things.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"taxo/internal/safe"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

// Config is every setting taxo reads.
type Config struct {
	Dir     string      // the taxonomy read when no PATH or --dir is given; "" for the embedded sample
	Theme   prefs.Theme // the background to draw for
	Style   string      // the Glamour style; "" follows the theme
	Width   int         // the most columns a term is wrapped at; 0 fits the window
	Mouse   bool        // the browser takes the mouse
	MaxSize int64       // the largest term file read, in bytes
	NoCache bool        // neither read nor write the index cache
	Keys    prefs.KeyMap
}

// Setting is one setting: its name in the file, its environment variable
// and flag (if any), its default as written in the file, and what it does.
type Setting struct {
	Name    string
	Env     string
	Flag    string
	Default string
	Doc     string
	set     func(c *Config, value string) error
}

// Settings lists every setting but keys, in the order of the template.
func Settings() []Setting {
	return []Setting{
		{Name: "dir", Env: "TAXO_DIR", Flag: "dir", Default: `""`,
			Doc: "The taxonomy read when no PATH or --dir is given: a site root, a content/ folder, a taxonomy folder or a file. In this file, ~/ is your home folder and a relative path is relative to this file's folder. Empty: the embedded sample.",
			set: func(c *Config, v string) error { c.Dir = v; return nil }},
		{Name: "theme", Env: "TAXO_THEME", Flag: "theme", Default: "auto",
			Doc: "Colours for a dark or a light background: auto (after the terminal's), dark or light. NO_COLOR turns colour off whatever the theme.",
			set: func(c *Config, v string) (err error) { c.Theme, err = prefs.ParseTheme(v); return err }},
		{Name: "style", Env: "TAXO_STYLE", Default: "auto",
			Doc: "The Glamour style terms are rendered in, in show and the browser: auto (dark or light after the theme), a built-in style (dark, light, dracula, tokyo-night, pink, ascii, notty) or a Glamour JSON style file.",
			set: setStyle},
		{Name: "width", Env: "TAXO_WIDTH", Flag: "width", Default: "0",
			Doc: "The most columns a term is wrapped at, in show and the browser, up to 1000. 0 fits the window (show: at most 100 columns, 80 when piped).",
			set: setWidth},
		{Name: "mouse", Env: "TAXO_MOUSE", Default: "true",
			Doc: "The browser takes the mouse: the wheel scrolls and a click selects (hold shift to select text). false leaves the mouse to the terminal.",
			set: setMouse},
		{Name: "max-size", Env: "TAXO_MAX_SIZE", Flag: "max-size", Default: "4MiB",
			Doc: "Term files larger than this are reported and skipped: a number of bytes, or with KiB, MiB or GiB.",
			set: func(c *Config, v string) (err error) { c.MaxSize, err = ParseSize(v); return err }},
		{Name: "no-cache", Env: "TAXO_NO_CACHE", Flag: "no-cache", Default: "false",
			Doc: "true reads every file at every start, neither reading nor writing the index cache (kept in the user's cache folder, never in the taxonomy).",
			set: func(c *Config, v string) (err error) { c.NoCache, err = parseBool("no-cache", v); return err }},
	}
}

// Default returns the settings before any file, variable or flag.
func Default() Config {
	c := Config{Keys: prefs.DefaultKeyMap()}
	for _, s := range Settings() {
		if err := s.set(&c, strings.Trim(s.Default, `"`)); err != nil {
			panic(fmt.Sprintf("config: the default of %s does not parse: %v", s.Name, err))
		}
	}
	return c
}

// Set sets one setting by name from its text, as the file, a variable or a
// flag gives it.
func (c *Config) Set(name, value string) error {
	i := slices.IndexFunc(Settings(), func(s Setting) bool { return s.Name == name })
	if i < 0 {
		return fmt.Errorf("unknown setting %q", name)
	}
	return Settings()[i].set(c, strings.TrimSpace(value))
}

func setStyle(c *Config, v string) error {
	if v == "" || strings.EqualFold(v, "auto") {
		c.Style = ""
		return nil
	}
	if _, err := render.NewRenderer(v, 80); err != nil {
		return err
	}
	c.Style = v
	return nil
}

func setWidth(c *Config, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > render.MaxWidth {
		return fmt.Errorf("width %q: want a number of columns up to %d, or 0 to fit the window", safe.Line(v), render.MaxWidth)
	}
	c.Width = n
	return nil
}

func setMouse(c *Config, v string) (err error) {
	c.Mouse, err = parseBool("mouse", v)
	return err
}

// parseBool reads a setting that is true or false (yes, on, 1; no, off,
// 0), in any case.
func parseBool(name, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("%s %q: want true or false", name, safe.Line(v))
}

// sizeUnits are the suffixes ParseSize reads, longest first; K, M and G
// count in 1024s, with or without "iB" or "B".
var sizeUnits = []struct {
	suffix string
	factor float64
}{
	{"gib", 1 << 30}, {"gb", 1 << 30}, {"g", 1 << 30},
	{"mib", 1 << 20}, {"mb", 1 << 20}, {"m", 1 << 20},
	{"kib", 1 << 10}, {"kb", 1 << 10}, {"k", 1 << 10},
	{"b", 1},
}

// ParseSize reads a number of bytes written as "4MiB", "512KiB", "1.5M" or
// plain bytes.
func ParseSize(s string) (int64, error) {
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
		return 0, fmt.Errorf("size %q: want at least 1 byte and at most a few exabytes", s)
	}
	return int64(bytes), nil
}

// Path is where the config file is: $TAXO_CONFIG when set, else taxo/
// config.yaml in the user's config folder, which is $XDG_CONFIG_HOME when
// set, as os.UserConfigDir finds it otherwise. It reads the environment
// through getenv so that tests and the CLI's own IO decide it.
func Path(getenv func(string) string) (string, error) {
	if p := getenv("TAXO_CONFIG"); p != "" {
		return p, nil
	}
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		var err error
		if dir, err = userConfigDir(getenv); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, "taxo", "config.yaml"), nil
}

// userConfigDir is os.UserConfigDir without XDG_CONFIG_HOME, reading the
// environment through getenv.
func userConfigDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%AppData% is not set, so there is no config folder")
	case "plan9":
		if h := getenv("home"); h != "" {
			return filepath.Join(h, "lib"), nil
		}
		return "", errors.New("$home is not set, so there is no config folder")
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("neither $XDG_CONFIG_HOME nor $HOME is set, so there is no config folder")
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return filepath.Join(home, "Library", "Application Support"), nil
	}
	return filepath.Join(home, ".config"), nil
}

// CacheDir is where taxo keeps its index caches: os.UserCacheDir()/taxo,
// reading the environment through getenv ($XDG_CACHE_HOME, else
// ~/.cache on Linux; ~/Library/Caches on macOS; %LocalAppData% on
// Windows). It fails when the environment names no cache folder.
func CacheDir(getenv func(string) string) (string, error) {
	dir := getenv("XDG_CACHE_HOME")
	switch {
	case runtime.GOOS == "windows":
		dir = getenv("LocalAppData")
	case runtime.GOOS == "darwin" || runtime.GOOS == "ios":
		dir = ""
		if home := getenv("HOME"); home != "" {
			dir = filepath.Join(home, "Library", "Caches")
		}
	case dir == "" || !filepath.IsAbs(dir):
		dir = ""
		if home := getenv("HOME"); home != "" {
			dir = filepath.Join(home, ".cache")
		}
	}
	if dir == "" {
		return "", errors.New("the environment names no cache folder")
	}
	return filepath.Join(dir, "taxo"), nil
}

// Load reads the config file at path into c; a file that does not exist
// leaves c as it is, and so does one whose folder cannot be searched, as
// there is then no telling that it exists. home expands ~/ in paths. Only
// a regular file of at most safe.MaxNamedFile is read.
func (c *Config) Load(path, home string) (found bool, err error) {
	data, err := safe.ReadFile(path, safe.MaxNamedFile)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) && !exists(path) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot read the config file: %w", err)
	}
	return true, c.Parse(path, home, data)
}

// exists reports whether a file is known to be at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Error is a mistake in the config file, with where it is.
type Error struct {
	Path      string
	Line, Col int // 1-based; 0 when unknown
	Err       error
}

// Error writes the mistake as path:line:col: message, as check writes problems.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap gives the mistake without its place.
func (e *Error) Unwrap() error { return e.Err }

// yamlLine finds the line in the YAML decoder's messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse reads a config file's text into c. Every key must be a setting or
// keys, and every action and key under keys must be known: a mistake is an
// *Error naming its line. path names the file in errors and anchors
// relative paths; home expands ~/.
func (c *Config) Parse(path, home string, data []byte) error {
	fail := func(n *yaml.Node, format string, args ...any) error {
		e := &Error{Path: path, Err: fmt.Errorf(format, args...)}
		if n != nil {
			e.Line, e.Col = n.Line, n.Column
		}
		return e
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return syntaxError(path, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // empty, or only comments
	}
	top := doc.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return nil
	}
	if top.Kind != yaml.MappingNode {
		return fail(top, "want settings as name: value, one a line")
	}
	settings := Settings()
	seen := make(map[string]int)
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		name := k.Value
		if line, dup := seen[name]; dup {
			return fail(k, "%s is set twice (first on line %d)", name, line)
		}
		seen[name] = k.Line
		if name == "keys" {
			if err := c.parseKeys(v, fail); err != nil {
				return err
			}
			continue
		}
		j := slices.IndexFunc(settings, func(s Setting) bool { return s.Name == name })
		if j < 0 {
			return fail(k, "unknown setting %q%s", name, suggest(name, settingNames()))
		}
		if v.Kind != yaml.ScalarNode {
			return fail(v, "%s: want a single value", name)
		}
		if v.Tag == "!!null" {
			continue // "width:" with nothing after it keeps the default
		}
		value := v.Value
		if name == "dir" || name == "style" {
			value = filePath(value, path, home, name == "style")
		}
		if err := settings[j].set(c, value); err != nil {
			return fail(v, "%s: %v", name, err)
		}
	}
	return nil
}

// syntaxError is the YAML decoder's error as an *Error, with the line the
// decoder's message names.
func syntaxError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		// For these the decoder gives the line before the one it means
		// (a 0-based line): an unclosed list or mapping, a tab.
		if strings.HasPrefix(m[2], "did not find expected") || strings.HasPrefix(m[2], "found a tab character") {
			line++
		}
		return &Error{Path: path, Line: line, Err: errors.New(m[2])}
	}
	return &Error{Path: path, Err: errors.New(msg)}
}

// filePath expands ~/ and anchors a relative path at the config file's
// folder. A style's built-in names are left alone.
func filePath(value, configPath, home string, isStyle bool) string {
	if value == "" || isStyle && !strings.ContainsAny(value, `/\`) && !strings.HasSuffix(strings.ToLower(value), ".json") {
		return value
	}
	if rest, ok := strings.CutPrefix(value, "~/"); ok && home != "" {
		return filepath.Join(home, rest)
	}
	if filepath.IsAbs(value) || value == "~" {
		return value
	}
	return filepath.Join(filepath.Dir(configPath), value)
}

// parseKeys rebinds the actions the keys mapping names, then checks that
// no key is left bound to two actions read at the same time.
func (c *Config) parseKeys(n *yaml.Node, fail func(*yaml.Node, string, ...any) error) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fail(n, "keys: want action: [key, …] lines, such as quit: [q, x]")
	}
	where := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		action := k.Value
		if prev, dup := where[action]; dup {
			return fail(k, "keys: %s is rebound twice (first on line %d)", action, prev.Line)
		}
		where[action] = k
		var keys []string
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		case v.Kind == yaml.ScalarNode:
			keys = []string{v.Value}
		case v.Kind == yaml.SequenceNode:
			for _, item := range v.Content {
				if item.Kind != yaml.ScalarNode {
					return fail(item, "keys: %s: want keys such as q or ctrl+f", action)
				}
				keys = append(keys, item.Value)
			}
		default:
			return fail(v, "keys: %s: want a key or a list of keys", action)
		}
		action = prefs.ActionName(action)
		if !slices.Contains(actionNames(c.Keys), action) {
			return fail(k, "keys: unknown action %q%s", action, suggest(action, actionNames(c.Keys)))
		}
		if err := c.Keys.Rebind(action, keys); err != nil {
			return fail(v, "keys: %s: %v", action, err)
		}
	}
	if key, a, b, ok := c.Keys.Conflict(); ok {
		at := where[b]
		if at == nil {
			at = where[a]
		}
		return fail(at, "keys: %s is bound to both %s and %s", key, a, b)
	}
	return nil
}

// ApplyEnv reads the settings' environment variables through getenv; an
// empty variable is as good as unset.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	for _, s := range Settings() {
		if v := getenv(s.Env); s.Env != "" && v != "" {
			if err := s.set(c, strings.TrimSpace(v)); err != nil {
				return fmt.Errorf("$%s: %w", s.Env, err)
			}
		}
	}
	return nil
}

func actionNames(k prefs.KeyMap) []string {
	var names []string
	for _, a := range k.Actions() {
		names = append(names, a.Name)
	}
	return names
}

func settingNames() []string {
	names := []string{"keys"}
	for _, s := range Settings() {
		names = append(names, s.Name)
	}
	return names
}

// suggest is " (did you mean X?)" for the name closest to s, or "".
func suggest(s string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if d := distance(s, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best == "" {
		return "; known: " + strings.Join(names, ", ")
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
