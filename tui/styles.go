package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Styles is every style the screens use, built for one background.
type Styles struct {
	IsDark bool

	Title     lipgloss.Style // routine or screen title
	Subtle    lipgloss.Style // secondary text
	Faint     lipgloss.Style
	Rule      lipgloss.Style
	Selected  lipgloss.Style // highlighted menu row
	Item      lipgloss.Style
	Cursor    lipgloss.Style
	Exercise  lipgloss.Style // the exercise name on the session screen
	Side      lipgloss.Style
	Digits    lipgloss.Style
	DigitsDim lipgloss.Style
	Phase     lipgloss.Style // GET READY / SWITCH SIDES / PAUSED
	Cue       lipgloss.Style
	Caution   lipgloss.Style
	Next      lipgloss.Style
	Note      lipgloss.Style
	Good      lipgloss.Style
	Warn      lipgloss.Style
	Dialog    lipgloss.Style
	Area      lipgloss.Style // a highlighted body area
	AreaOff   lipgloss.Style

	BarFull, BarEmpty color.Color
	Help              help.Styles
}

// DefaultStyles builds the palette for a dark or light background.
func DefaultStyles(isDark bool) Styles {
	ld := func(light, dark color.Color) color.Color { return indexed(lipgloss.LightDark(isDark)(light, dark)) }
	accent := ld(lipgloss.Color("#0F7B6C"), lipgloss.Color("#5FD7AF"))
	text := ld(lipgloss.Color("#1C1C1C"), lipgloss.Color("#EEEEEE"))
	subtle := ld(lipgloss.Color("#5F5F5F"), lipgloss.Color("#A8A8A8"))
	faint := ld(lipgloss.Color("#9E9E9E"), lipgloss.Color("#6C6C6C"))
	warn := ld(lipgloss.Color("#AF5F00"), lipgloss.Color("#FFAF5F"))
	phase := ld(lipgloss.Color("#5F00AF"), lipgloss.Color("#D7AFFF"))

	s := Styles{
		IsDark:    isDark,
		Title:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Subtle:    lipgloss.NewStyle().Foreground(subtle),
		Faint:     lipgloss.NewStyle().Foreground(faint),
		Rule:      lipgloss.NewStyle().Foreground(faint),
		Selected:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		Item:      lipgloss.NewStyle().Foreground(text),
		Cursor:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Exercise:  lipgloss.NewStyle().Bold(true).Foreground(text),
		Side:      lipgloss.NewStyle().Bold(true).Foreground(phase),
		Digits:    lipgloss.NewStyle().Foreground(accent),
		DigitsDim: lipgloss.NewStyle().Foreground(faint),
		Phase:     lipgloss.NewStyle().Bold(true).Foreground(phase),
		Cue:       lipgloss.NewStyle().Foreground(text),
		Caution:   lipgloss.NewStyle().Foreground(warn),
		Next:      lipgloss.NewStyle().Foreground(subtle),
		Note:      lipgloss.NewStyle().Italic(true).Foreground(subtle),
		Good:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Warn:      lipgloss.NewStyle().Bold(true).Foreground(warn),
		Dialog:    lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(warn).Padding(0, 2),
		Area:      lipgloss.NewStyle().Bold(true).Foreground(warn),
		AreaOff:   lipgloss.NewStyle().Foreground(faint),
		BarFull:   accent,
		BarEmpty:  faint,
		Help:      help.DefaultStyles(isDark),
	}
	return s
}

// indexed returns c as its xterm palette index when c is exactly one of
// the palette's fixed colours (16 to 255: the 6×6×6 cube and the grey
// ramp, which themes leave alone), and c itself otherwise. Every colour
// of the dark palette and all but one of the light one are such colours,
// and a terminal is then sent "38;5;79" (10 bytes with its escape)
// rather than "38;2;95;215;175" (19) for the same colour: the countdown
// repaints its digits every second, so this is a third of the bytes a
// hold costs. Lower colour profiles and NO_COLOR downsample it as before.
func indexed(c color.Color) color.Color {
	r, g, b, a := c.RGBA()
	if a != 0xffff {
		return c
	}
	r, g, b = r>>8, g>>8, b>>8
	cube := func(v uint32) (int, bool) {
		for i, l := range [6]uint32{0, 95, 135, 175, 215, 255} {
			if v == l {
				return i, true
			}
		}
		return 0, false
	}
	if ri, ok := cube(r); ok {
		if gi, ok := cube(g); ok {
			if bi, ok := cube(b); ok {
				return ansi.IndexedColor(16 + 36*ri + 6*gi + bi)
			}
		}
	}
	if r == g && g == b && r >= 8 && r <= 238 && (r-8)%10 == 0 {
		return ansi.IndexedColor(232 + (r-8)/10)
	}
	return c
}
