package prefs

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
)

// DarkFromEnv reads the background from COLORFGBG ("fg;bg", set by rxvt,
// Konsole and others): ok is false when the variable is missing or unclear.
// Colours 0–6 and 8 are dark, 7 and 9–15 light.
func DarkFromEnv(colorfgbg string) (dark, ok bool) {
	if colorfgbg == "" {
		return false, false
	}
	parts := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg <= 6 || bg == 8, true
}

// DetectDark tells whether the terminal behind in and out has a dark
// background: COLORFGBG when set, else the terminal's answer to a query,
// else dark.
func DetectDark(in, out *os.File) bool {
	if dark, ok := DarkFromEnv(os.Getenv("COLORFGBG")); ok {
		return dark
	}
	return lipgloss.HasDarkBackground(in, out)
}

// Theme is the background the browser and show draw for: the terminal's
// (auto), or one forced by the user.
type Theme string

// The themes.
const (
	ThemeAuto  Theme = "auto"
	ThemeDark  Theme = "dark"
	ThemeLight Theme = "light"
)

// ParseTheme reads a theme by name, in any case.
func ParseTheme(s string) (Theme, error) {
	switch t := Theme(strings.ToLower(strings.TrimSpace(s))); t {
	case ThemeAuto, ThemeDark, ThemeLight:
		return t, nil
	case "":
		return ThemeAuto, nil
	}
	return "", fmt.Errorf("theme %q: want auto, dark or light", s)
}

// Fixed reports whether the theme is forced, and whether it is dark.
func (t Theme) Fixed() (dark, ok bool) {
	switch t {
	case ThemeDark:
		return true, true
	case ThemeLight:
		return false, true
	default: // auto: the terminal says
		return false, false
	}
}
