package tui

import (
	"strings"
)

// Digit fonts for a countdown read from across a room. Each glyph is a
// list of rows of equal width; '#' is a filled cell.
var largeFont = map[rune][]string{
	'0': {" #### ", "##  ##", "##  ##", "##  ##", " #### "},
	'1': {"  ##  ", " ###  ", "  ##  ", "  ##  ", " #### "},
	'2': {" #### ", "##  ##", "   ## ", " ##   ", "######"},
	'3': {"##### ", "    ##", "  ### ", "    ##", "##### "},
	'4': {"##  ##", "##  ##", "######", "    ##", "    ##"},
	'5': {"######", "##    ", "##### ", "    ##", "##### "},
	'6': {" #### ", "##    ", "##### ", "##  ##", " #### "},
	'7': {"######", "    ##", "   ## ", "  ##  ", "  ##  "},
	'8': {" #### ", "##  ##", " #### ", "##  ##", " #### "},
	'9': {" #### ", "##  ##", " #####", "    ##", " #### "},
	':': {"  ", "##", "  ", "##", "  "},
}

// smallFont is three rows of half blocks, for small windows.
var smallFont = map[rune][]string{
	'0': {"█▀█", "█ █", "▀▀▀"},
	'1': {"▀█ ", " █ ", "▀▀▀"},
	'2': {"▀▀█", "█▀▀", "▀▀▀"},
	'3': {"▀▀█", " ▀█", "▀▀▀"},
	'4': {"█ █", "▀▀█", "  ▀"},
	'5': {"█▀▀", "▀▀█", "▀▀▀"},
	'6': {"█▀▀", "█▀█", "▀▀▀"},
	'7': {"▀▀█", "  █", "  ▀"},
	'8': {"█▀█", "█▀█", "▀▀▀"},
	'9': {"█▀█", "▀▀█", "▀▀▀"},
	':': {" ", "▀", "▀"},
}

// DigitSize picks a font.
type DigitSize int

const (
	DigitsSmall DigitSize = iota // 3 rows
	DigitsLarge                  // 5 rows
	DigitsHuge                   // 10 rows: the large font doubled
)

// bigText draws s (digits, colons and the pacer's letters) in the chosen font, one space
// between glyphs. Unknown runes are skipped.
func bigText(s string, size DigitSize) string {
	font, scale := largeFont, 1
	switch size {
	case DigitsSmall:
		font = smallFont
	case DigitsHuge:
		scale = 2
	}
	rows := len(font['0'])
	out := make([]strings.Builder, rows*scale)
	first := true
	for _, r := range s {
		g, ok := font[r]
		if !ok {
			g, ok = letterGlyph(size, r)
		}
		if !ok {
			continue
		}
		for i, row := range g {
			for k := range scale {
				b := &out[i*scale+k]
				if !first {
					b.WriteString(strings.Repeat(" ", scale))
				}
				for _, c := range row {
					cell := string(c)
					if c == '#' {
						cell = "█"
					}
					b.WriteString(strings.Repeat(cell, scale))
				}
			}
		}
		first = false
	}
	lines := make([]string, len(out))
	for i := range out {
		lines[i] = out[i].String()
	}
	return strings.Join(lines, "\n")
}

// bigTextWidth is the width bigText would draw s at.
func bigTextWidth(s string, size DigitSize) int {
	line, _, _ := strings.Cut(bigText(s, size), "\n")
	return len([]rune(line))
}
