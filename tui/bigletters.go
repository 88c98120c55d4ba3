package tui

import "strings"

// Letters for the breathing pacer's words (IN, OUT, HOLD, TOP UP), in the
// style of the digit fonts so they read from the mat like the countdown.
var largeLetters = map[rune][]string{
	'I': {"######", "  ##  ", "  ##  ", "  ##  ", "######"},
	'N': {"##  ##", "### ##", "######", "## ###", "##  ##"},
	'O': {" #### ", "##  ##", "##  ##", "##  ##", " #### "},
	'U': {"##  ##", "##  ##", "##  ##", "##  ##", " #### "},
	'T': {"######", "  ##  ", "  ##  ", "  ##  ", "  ##  "},
	'H': {"##  ##", "##  ##", "######", "##  ##", "##  ##"},
	'L': {"##    ", "##    ", "##    ", "##    ", "######"},
	'D': {"##### ", "##  ##", "##  ##", "##  ##", "##### "},
	'P': {"##### ", "##  ##", "##### ", "##    ", "##    "},
	' ': {"  ", "  ", "  ", "  ", "  "},
}

// smallLetterPixels are the small letters as five rows of pixels, drawn
// two rows to a line with half blocks, as the small digits are.
var smallLetterPixels = map[rune][]string{
	'I': {"###", " # ", " # ", " # ", "###"},
	'N': {"#  #", "## #", "# ##", "#  #", "#  #"},
	'O': {"###", "# #", "# #", "# #", "###"},
	'U': {"# #", "# #", "# #", "# #", "###"},
	'T': {"###", " # ", " # ", " # ", " # "},
	'H': {"# #", "# #", "###", "# #", "# #"},
	'L': {"#  ", "#  ", "#  ", "#  ", "###"},
	'D': {"## ", "# #", "# #", "# #", "## "},
	'P': {"###", "# #", "###", "#  ", "#  "},
	' ': {" ", " ", " ", " ", " "},
}

// halfBlocks draws rows of pixels two to a line.
func halfBlocks(px []string) []string {
	var out []string
	for i := 0; i < len(px); i += 2 {
		top := []rune(px[i])
		var bottom []rune
		if i+1 < len(px) {
			bottom = []rune(px[i+1])
		}
		var b strings.Builder
		for j, t := range top {
			lo := j < len(bottom) && bottom[j] == '#'
			switch {
			case t == '#' && lo:
				b.WriteRune('█')
			case t == '#':
				b.WriteRune('▀')
			case lo:
				b.WriteRune('▄')
			default:
				b.WriteRune(' ')
			}
		}
		out = append(out, b.String())
	}
	return out
}

// letterGlyph is a letter of the given font, or false.
func letterGlyph(size DigitSize, r rune) ([]string, bool) {
	if size == DigitsSmall {
		px, ok := smallLetterPixels[r]
		if !ok {
			return nil, false
		}
		return halfBlocks(px), true
	}
	g, ok := largeLetters[r]
	return g, ok
}
