package routines

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
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), isBidiControl(r), r == '\uFEFF':
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

func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}
