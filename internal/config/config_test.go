package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"taxo/ui/prefs"
)

func TestDefault(t *testing.T) {
	c := Default()
	if c.Dir != "" || c.Theme != prefs.ThemeAuto || c.Style != "" || c.Width != 0 || !c.Mouse || c.MaxSize != 4<<20 {
		t.Fatalf("defaults: %+v", c)
	}
	if !reflect.DeepEqual(c.Keys, prefs.DefaultKeyMap()) {
		t.Fatal("the default keys are not the browser's")
	}
}

func TestParse(t *testing.T) {
	dir := t.TempDir()
	style := filepath.Join(dir, "mine.json")
	if err := os.WriteFile(style, []byte(`{"document": {"margin": 4}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	tests := []struct {
		name string
		yaml string
		want func(c Config) bool
		err  string // the whole message after the path
	}{
		{name: "empty", yaml: "", want: func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
		{name: "only comments", yaml: "# nothing\n", want: func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
		{name: "every setting", yaml: "dir: /srv/site\ntheme: Light\nstyle: dracula\nwidth: 72\nmouse: false\nmax-size: 512KiB\n",
			want: func(c Config) bool {
				return c.Dir == "/srv/site" && c.Theme == prefs.ThemeLight && c.Style == "dracula" && c.Width == 72 && !c.Mouse && c.MaxSize == 512<<10
			}},
		{name: "relative dir is beside the file", yaml: "dir: site\n", want: func(c Config) bool { return c.Dir == filepath.Join(dir, "site") }},
		{name: "home dir", yaml: "dir: ~/site\n", want: func(c Config) bool { return c.Dir == filepath.Join("/home/me", "site") }},
		{name: "style file beside the file", yaml: "style: mine.json\n", want: func(c Config) bool { return c.Style == style }},
		{name: "style auto", yaml: "style: auto\n", want: func(c Config) bool { return c.Style == "" }},
		{name: "empty value keeps the default", yaml: "width:\n", want: func(c Config) bool { return c.Width == 0 }},
		{name: "keys", yaml: "keys:\n  quit: x\n  down: [j, ctrl+n]\n  copy: []\n  page-down: [PgDn]\n",
			want: func(c Config) bool {
				return slices.Equal(c.Keys.Quit.Keys(), []string{"x"}) && slices.Equal(c.Keys.Down.Keys(), []string{"j", "ctrl+n"}) &&
					!c.Keys.Copy.Enabled() && slices.Equal(c.Keys.PageDown.Keys(), []string{"pgdown"})
			}},
		{name: "keys as a block list", yaml: "keys:\n  quit:\n    - x\n    - ctrl+q\n", want: func(c Config) bool {
			return slices.Equal(c.Keys.Quit.Keys(), []string{"x", "ctrl+q"})
		}},

		{name: "unknown setting", yaml: "theme: dark\ncolour: red\n", err: `2:1: unknown setting "colour"; known: keys, dir, theme, style, width, mouse, max-size`},
		{name: "misspelt setting", yaml: "\n\nwidht: 80\n", err: `3:1: unknown setting "widht" (did you mean "width"?)`},
		{name: "bad theme", yaml: "theme: blue\n", err: `1:8: theme: theme "blue": want auto, dark or light`},
		{name: "bad width", yaml: "width: wide\n", err: `1:8: width: width "wide": want a number of columns up to 1000, or 0 to fit the window`},
		{name: "negative width", yaml: "width: -4\n", err: `1:8: width: width "-4": want a number of columns up to 1000, or 0 to fit the window`},
		{name: "too wide", yaml: "width: 10000000\n", err: `1:8: width: width "10000000": want a number of columns up to 1000, or 0 to fit the window`},
		{name: "widest", yaml: "width: 1000\n", want: func(c Config) bool { return c.Width == 1000 }},
		{name: "bad mouse", yaml: "mouse: sometimes\n", err: `1:8: mouse: mouse "sometimes": want true or false`},
		{name: "bad size", yaml: "max-size: lots\n", err: `1:11: max-size: "lots" is not a size such as 4MiB, 512KiB or 100000`},
		{name: "missing style", yaml: "style: nothere.json\n", err: `1:8: style: glamour style`},
		{name: "list for a setting", yaml: "theme: [dark]\n", err: `1:8: theme: want a single value`},
		{name: "set twice", yaml: "width: 80\nwidth: 90\n", err: `2:1: width is set twice (first on line 1)`},
		{name: "not a mapping", yaml: "- dark\n", err: `1:1: want settings as name: value, one a line`},
		{name: "unclosed list", yaml: "theme: dark\nwidth: [80\n", err: `2: did not find expected ',' or ']'`},
		{name: "unclosed quote", yaml: "theme: dark\nstyle: \"x\n", err: `2: found unexpected end of stream`},
		{name: "two colons", yaml: "theme: dark\n\nstyle: a: b\n", err: `3: mapping values are not allowed in this context`},
		{name: "tab indent", yaml: "keys:\n  up: k\n\tquit: x\n", err: `3: found a tab character that violates indentation`},
		{name: "tab first", yaml: "keys:\n\tquit: x\n", err: `2: found character that cannot start any token`},
		{name: "list in a mapping", yaml: "keys:\n  - a\n  b: c\n", err: `2: did not find expected '-' indicator`},
		{name: "unknown action", yaml: "keys:\n  quit: x\n  frobnicate: f\n", err: `3:3: keys: unknown action "frobnicate"; known: up, down,`},
		{name: "misspelt action", yaml: "keys:\n  qiut: x\n", err: `2:3: keys: unknown action "qiut" (did you mean "quit"?)`},
		{name: "unknown key", yaml: "keys:\n  quit: [x, hyperdrive]\n", err: `2:9: keys: quit: unknown key "hyperdrive"`},
		{name: "shifted letter", yaml: "keys:\n  bottom: shift+g\n", err: `2:11: keys: bottom: key "shift+g": write a shifted key as the character it types, such as "G"`},
		{name: "conflict", yaml: "keys:\n  filter: t\n", err: `2:3: keys: t is bound to both filter and tags`},
		{name: "keys not a mapping", yaml: "keys: [q]\n", err: `1:7: keys: want action: [key, …] lines, such as quit: [q, x]`},
		{name: "action rebound twice", yaml: "keys:\n  quit: x\n  quit: y\n", err: `3:3: keys: quit is rebound twice (first on line 2)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			err := c.Parse(path, "/home/me", []byte(tt.yaml))
			if tt.err != "" {
				var ce *Error
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v; want a config error", err)
				}
				if want := path + ":" + tt.err; !strings.HasPrefix(err.Error(), want) {
					t.Fatalf("err = %q\nwant   %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(c) {
				t.Fatalf("config: %+v", c)
			}
		})
	}
}

// The template is every setting at its default, commented out: with the
// comments taken off it parses, to the defaults.
func TestTemplate(t *testing.T) {
	tmpl := Template()
	for _, s := range Settings() {
		if !strings.Contains(tmpl, "# "+s.Name+": "+s.Default+"\n") {
			t.Errorf("the template lacks %s at its default %s", s.Name, s.Default)
		}
	}
	km := prefs.DefaultKeyMap()
	for _, a := range km.Actions() {
		if !strings.Contains(tmpl, "#   "+a.Name+": [") {
			t.Errorf("the template lacks the action %s", a.Name)
		}
	}
	var uncommented []string
	for line := range strings.SplitSeq(tmpl, "\n") {
		name, _, _ := strings.Cut(strings.TrimPrefix(line, "# "), ":")
		if slices.Contains(settingNames(), name) || strings.HasPrefix(line, "#   ") {
			uncommented = append(uncommented, strings.TrimPrefix(line, "# "))
		}
	}
	c := Default()
	if err := c.Parse("config.yaml", "", []byte(strings.Join(uncommented, "\n"))); err != nil {
		t.Fatalf("the template uncommented does not parse: %v\n%s", err, strings.Join(uncommented, "\n"))
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Fatalf("the template uncommented is not the defaults: %+v", c)
	}
	// As written, it is all comments.
	c = Default()
	if err := c.Parse("config.yaml", "", []byte(tmpl)); err != nil || !reflect.DeepEqual(c, Default()) {
		t.Fatalf("the template as written: %v", err)
	}
}

func TestApplyEnv(t *testing.T) {
	env := map[string]string{"TAXO_DIR": "/data", "TAXO_THEME": "dark", "TAXO_WIDTH": "64", "TAXO_MOUSE": "off", "TAXO_MAX_SIZE": "1MiB", "TAXO_STYLE": "pink"}
	c := Default()
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if c.Dir != "/data" || c.Theme != prefs.ThemeDark || c.Width != 64 || c.Mouse || c.MaxSize != 1<<20 || c.Style != "pink" {
		t.Fatalf("from the environment: %+v", c)
	}
	err := c.ApplyEnv(func(k string) string { return map[string]string{"TAXO_THEME": "sepia"}[k] })
	if err == nil || !strings.HasPrefix(err.Error(), `$TAXO_THEME: theme "sepia"`) {
		t.Fatalf("a bad variable: %v", err)
	}
}

func TestPath(t *testing.T) {
	getenv := func(env map[string]string) func(string) string { return func(k string) string { return env[k] } }
	tests := []struct {
		name string
		env  map[string]string
		want string
		err  bool
	}{
		{name: "TAXO_CONFIG", env: map[string]string{"TAXO_CONFIG": "/etc/taxo.yaml", "XDG_CONFIG_HOME": "/x"}, want: "/etc/taxo.yaml"},
		{name: "XDG_CONFIG_HOME", env: map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/home/me"}, want: filepath.Join("/x", "taxo", "config.yaml")},
	}
	switch runtime.GOOS {
	case "windows", "plan9":
	case "darwin", "ios":
		tests = append(tests, struct {
			name string
			env  map[string]string
			want string
			err  bool
		}{name: "HOME", env: map[string]string{"HOME": "/Users/me"}, want: "/Users/me/Library/Application Support/taxo/config.yaml"})
	default:
		tests = append(tests, []struct {
			name string
			env  map[string]string
			want string
			err  bool
		}{
			{name: "HOME", env: map[string]string{"HOME": "/home/me"}, want: "/home/me/.config/taxo/config.yaml"},
			{name: "relative XDG_CONFIG_HOME is ignored", env: map[string]string{"XDG_CONFIG_HOME": "cfg", "HOME": "/home/me"}, want: "/home/me/.config/taxo/config.yaml"},
			{name: "nothing", env: nil, err: true},
		}...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Path(getenv(tt.env))
			if tt.err {
				if err == nil {
					t.Fatalf("Path = %q; want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Path = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	c := Default()
	found, err := c.Load(filepath.Join(dir, "none.yaml"), "")
	if found || err != nil {
		t.Fatalf("a missing file: found %v, %v", found, err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("theme: light\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if found, err := c.Load(path, ""); !found || err != nil || c.Theme != prefs.ThemeLight {
		t.Fatalf("a file: found %v, %v, theme %s", found, err, c.Theme)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"4MiB": 4 << 20, "512KiB": 512 << 10, "1.5M": 3 << 19, "100000": 100000, "2 k": 2048, "1GB": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1KiB", "lots", "NaN", "Inf"} {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d; want an error", in, got)
		}
	}
}

// The README's config reference names every setting with its variable and
// default, and every action, so that it cannot fall behind.
func TestReadmeListsEverySetting(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, s := range Settings() {
		if want := "| `" + s.Name + "` | `" + s.Default + "` | `" + s.Env + "`"; !strings.Contains(readme, want) {
			t.Errorf("the README lacks the row %q", want)
		}
	}
	km := prefs.DefaultKeyMap()
	for _, a := range km.Actions() {
		if !strings.Contains(readme, "`"+a.Name+"`") {
			t.Errorf("the README lacks the action %s", a.Name)
		}
	}
}
