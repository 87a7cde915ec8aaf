package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"taxo/model"
	"taxo/ui/prefs"
	"taxo/ui/render"
)

// look is the theme the browser draws in, and what decided it.
type look struct {
	plain bool // NO_COLOR
	dark  bool
	// fixed is set when NO_COLOR, COLORFGBG or the theme option decided
	// the theme, which then beats the terminal's answer to the background
	// query.
	fixed bool
	style string // the Glamour style chosen; "" follows the theme
}

func newLook(theme prefs.Theme, style string, getenv func(string) string) look {
	l := look{plain: getenv("NO_COLOR") != "", dark: true, style: style}
	if dark, ok := theme.Fixed(); ok {
		l.dark, l.fixed = dark, true
	} else if dark, ok := prefs.DarkFromEnv(getenv("COLORFGBG")); ok {
		l.dark, l.fixed = dark, true
	}
	l.fixed = l.fixed || l.plain
	return l
}

// background takes the terminal's answer; true when the styles change.
func (l *look) background(dark bool) bool {
	if l.fixed || dark == l.dark {
		return false
	}
	l.dark = dark
	return true
}

// apply sets the styles every screen draws with.
func (l look) apply(sh *shared) {
	if l.plain {
		sh.styles = PlainStyles()
	} else {
		sh.styles = DefaultStyles(l.dark)
		if l.style != "" {
			sh.styles.Glamour = l.style
		}
	}
	sh.help.Styles = sh.styles.Help
}

// Styles are the looks of every part of the browser, for one terminal
// background. The model keeps one and rebuilds it when the terminal tells
// its background colour.
type Styles struct {
	Glamour string // the Glamour style the term is rendered with

	App       lipgloss.Style // the name in the header
	Tab       lipgloss.Style
	ActiveTab lipgloss.Style
	Count     lipgloss.Style // counts in tabs, list rows and the tag picker
	Filter    lipgloss.Style // the active filters in the header

	Item         lipgloss.Style
	Selected     lipgloss.Style // the list's cursor while the list has the focus
	SelectedBlur lipgloss.Style // the list's cursor while the term has the focus
	Undefined    lipgloss.Style // terms referred to but without a file
	// Kinds has the built-in kinds; a kind a site declares is plain.
	Kinds map[model.Kind]lipgloss.Style

	Rule      lipgloss.Style // between panes
	RuleFocus lipgloss.Style // on the side of the pane with the focus

	LinkLabel    lipgloss.Style
	Link         lipgloss.Style
	LinkSelected lipgloss.Style

	Status   lipgloss.Style // breadcrumbs and position
	Crumb    lipgloss.Style // the term where the breadcrumbs end
	Problems lipgloss.Style // the problem count
	Message  lipgloss.Style // what the last key did, until the next one
	Dim      lipgloss.Style

	// BarFull and BarEmpty colour the two parts of the loading bar.
	BarFull, BarEmpty color.Color
	Match             lipgloss.Style // a word a search or a find matched
	MatchCurrent      lipgloss.Style // the match a find is at
	Score             lipgloss.Style // a search's or a suggestion's score
	Added, Removed    lipgloss.Style // a diff's lines, and the terms a page gains and loses

	Title lipgloss.Style // title of the tag picker, problems and help screens
	Box   lipgloss.Style // frame of those screens

	Help  help.Styles
	Input textinput.Styles
}

// DefaultStyles returns the styles for a dark or a light background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#B35900"), lipgloss.Color("#FFB454"))
	dim := ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
	subtle := ld(lipgloss.Color("#D0D0D0"), lipgloss.Color("#3A3A3A"))
	cursorBg := ld(lipgloss.Color("#E8E2F4"), lipgloss.Color("#2E2A40"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E4E4E4"))

	s := Styles{
		Glamour: render.StyleLight,

		App:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Tab:       lipgloss.NewStyle().Foreground(dim),
		ActiveTab: lipgloss.NewStyle().Bold(true).Underline(true).Foreground(text),
		Count:     lipgloss.NewStyle().Foreground(dim),
		Filter:    lipgloss.NewStyle().Foreground(accent),

		Item:         lipgloss.NewStyle().Foreground(text),
		Selected:     lipgloss.NewStyle().Bold(true).Foreground(accent).Background(cursorBg),
		SelectedBlur: lipgloss.NewStyle().Bold(true).Foreground(text).Background(cursorBg),
		Undefined:    lipgloss.NewStyle().Foreground(dim).Italic(true),

		Rule:      lipgloss.NewStyle().Foreground(subtle),
		RuleFocus: lipgloss.NewStyle().Foreground(accent),

		LinkLabel:    lipgloss.NewStyle().Bold(true).Foreground(text),
		Link:         lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#1F6FB2"), lipgloss.Color("#6CB6FF"))).Underline(true),
		LinkSelected: lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A"))).Background(accent),

		Status:   lipgloss.NewStyle().Foreground(dim),
		Crumb:    lipgloss.NewStyle().Bold(true).Foreground(text),
		Problems: lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF7A85"))),
		Message:  lipgloss.NewStyle().Foreground(accent),
		Dim:      lipgloss.NewStyle().Foreground(dim),

		BarFull:      accent,
		BarEmpty:     subtle,
		Match:        lipgloss.NewStyle().Bold(true).Foreground(text).Background(ld(lipgloss.Color("#FFE08A"), lipgloss.Color("#5C4A00"))),
		MatchCurrent: lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A"))).Background(accent),
		Score:        lipgloss.NewStyle().Foreground(dim),
		Added:        lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#7BD88F"))),
		Removed:      lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF7A85"))),

		Title: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Box:   lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle).Padding(0, 1),

		Help:  helpStyles(ld),
		Input: textinput.DefaultStyles(isDark),
	}
	if isDark {
		s.Glamour = render.StyleDark
	}
	s.Kinds = map[model.Kind]lipgloss.Style{
		model.Concept:  lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#7A4FC9"), lipgloss.Color("#B794F6"))),
		model.Category: lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#1F6FB2"), lipgloss.Color("#6CB6FF"))),
		model.Tag:      lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#7BD88F"))),
	}
	s.Input.Cursor.Blink = false
	s.Input.Focused.Prompt = lipgloss.NewStyle().Foreground(accent)
	return s
}

// helpStyles are the help line's and the help screen's looks: quieter than
// the terms, as bubbles' are, but readable on any background of the theme
// (bubbles' grey on black, #4A4A4A, is 2:1 where text wants 4.5:1), the
// keys a step brighter than what they do.
func helpStyles(ld lipgloss.LightDarkFunc) help.Styles {
	keyStyle := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#4A4A4A"), lipgloss.Color("#B2B2B2")))
	desc := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#666666"), lipgloss.Color("#949494")))
	sep := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#A8A8A8"), lipgloss.Color("#585858")))
	return help.Styles{
		ShortKey: keyStyle, ShortDesc: desc, ShortSeparator: sep, Ellipsis: sep,
		FullKey: keyStyle, FullDesc: desc, FullSeparator: sep,
	}
}

// PlainStyles are the styles without colour, for NO_COLOR: the cursor and
// the selected link stay visible by reverse video and bold.
func PlainStyles() Styles {
	plain := lipgloss.NewStyle()
	s := Styles{
		Glamour:      render.StylePlain,
		App:          plain.Bold(true),
		Tab:          plain,
		ActiveTab:    plain.Bold(true).Underline(true),
		Count:        plain,
		Filter:       plain.Bold(true),
		Item:         plain,
		Selected:     plain.Reverse(true),
		SelectedBlur: plain.Bold(true),
		Undefined:    plain.Italic(true),
		Rule:         plain,
		RuleFocus:    plain.Bold(true),
		LinkLabel:    plain.Bold(true),
		Link:         plain.Underline(true),
		LinkSelected: plain.Reverse(true),
		Status:       plain,
		Crumb:        plain.Bold(true),
		Problems:     plain.Bold(true),
		Message:      plain.Bold(true),
		Dim:          plain,
		BarFull:      lipgloss.NoColor{},
		BarEmpty:     lipgloss.NoColor{},
		Match:        plain.Underline(true),
		MatchCurrent: plain.Reverse(true),
		Score:        plain,
		Added:        plain.Bold(true),
		Removed:      plain.Strikethrough(true),
		Title:        plain.Bold(true),
		Box:          plain.Border(lipgloss.RoundedBorder()).Padding(0, 1),
		Help:         help.Styles{Ellipsis: plain, ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain, FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain},
	}
	for k := range s.Kinds {
		s.Kinds[k] = plain
	}
	s.Input = textinput.Styles{Cursor: textinput.CursorStyle{Shape: 0}}
	s.Input.Cursor.Blink = false
	s.Input.Focused.Text, s.Input.Blurred.Text = plain, plain
	s.Input.Cursor.Color = nil
	return s
}
