package config

import (
	"fmt"
	"strings"

	"taxo/ui/prefs"
)

// Template is the config file taxo config edit writes when there is none:
// every setting and every key binding, commented out at its default, with
// what it does. The file it makes parses to the defaults.
func Template() string {
	var b strings.Builder
	b.WriteString(`# taxo's configuration (YAML). Every setting is shown commented out at its
# default: remove the # to change one. The environment variables named
# beside a setting beat this file, and flags beat both.
`)
	for _, s := range Settings() {
		b.WriteString("\n")
		for _, line := range wrap(s.Doc, 76) {
			b.WriteString("# " + line + "\n")
		}
		from := "$" + s.Env
		if s.Flag != "" {
			from += ", --" + s.Flag
		}
		fmt.Fprintf(&b, "# (%s)\n# %s: %s\n", from, s.Name, s.Default)
	}
	b.WriteString(`
# Keys of the browser, by action: a key or a list of keys, written as
# Bubble Tea names them ("q", "G", "ctrl+f", "shift+tab", "pgdown",
# "space", "f1"). A list replaces the action's keys; [] unbinds it. Keys
# here are the defaults.
# keys:
`)
	km := prefs.DefaultKeyMap()
	for _, a := range km.Actions() {
		quoted := make([]string, len(a.Binding.Keys()))
		for i, k := range a.Binding.Keys() {
			quoted[i] = yamlKey(k)
		}
		fmt.Fprintf(&b, "#   %s: [%s]\n", a.Name, strings.Join(quoted, ", "))
	}
	return b.String()
}

// yamlKey quotes a key that YAML would read as something else.
func yamlKey(k string) string {
	if strings.ContainsAny(k, `[]{},:#&*!|>'"%@`+"`?") || k == "-" {
		return fmt.Sprintf("%q", k)
	}
	return k
}

// wrap breaks text into lines of at most width bytes, at spaces only, so
// that names such as tokyo-night stay whole.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
