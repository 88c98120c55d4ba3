package strictyaml

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Clean makes text from a routine file safe to draw: escape sequences and
// control characters are removed (a file must never move the cursor, set the
// title or write the clipboard), bidi overrides are dropped, and runs of white
// space, newlines included, become one space.
func Clean(s string) string {
	s = ansi.Strip(sevenBit(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), IsBidiControl(r), r == '\uFEFF':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// IsBidiControl tells the characters that reorder text on screen (bidi
// overrides, isolates and marks): a name could hide what it says with them.
func IsBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// sevenBit rewrites C1 controls written as characters (U+0080–U+009F, e.g.
// U+009B, the one-character CSI) as ESC and a letter, so ansi.Strip removes
// the whole sequence they start and not just the first character.
func sevenBit(s string) string {
	if !strings.ContainsFunc(s, isC1) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r == '\u0085' { // NEL, a line break: white space
			b.WriteByte('\n')
			continue
		}
		if isC1(r) {
			b.WriteByte(0x1b)
			b.WriteByte(byte(r - 0x40))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// Blank reports whether s shows nothing: every character is white space or
// one that draws no glyph (zero-width spaces and joiners, the word joiner,
// soft hyphens, variation selectors and other marks with nothing to mark,
// the Hangul fillers, the blank braille pattern). A name made only of
// these looks empty on screen, so it counts as empty.
func Blank(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r),
			unicode.IsControl(r), r == '\u115F', r == '\u1160', r == '\u3164', r == '\uFFA0', r == '\u2800':
			continue
		}
		return false
	}
	return true
}
