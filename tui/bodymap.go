package tui

import (
	"strings"

	"github.com/cooldown-app/cooldown/routines"
)

// The body map is a front and a back figure drawn in cells; each letter
// names the area that cell belongs to. Cells of the current step's areas
// are drawn solid, the rest shaded, so it reads without colour too.
var (
	bodyFront = []string{
		"    HHH    ",
		"     N     ",
		"  SSCCCSS  ",
		" AA CCC AA ",
		" A  TTT  A ",
		" A  PPP  A ",
		"   QDDDQ   ",
		"  IQD DQI  ",
		"  IQ   QI  ",
		"   X   X   ",
		"   R   R   ",
		"  FF   FF  ",
	}
	bodyBack = []string{
		"    HHH    ",
		"     N     ",
		"  SSBBBSS  ",
		" AA LBL AA ",
		" A  LBL  A ",
		" A  KKK  A ",
		"   GGGGG   ",
		"  IGG GGI  ",
		"  IM   MI  ",
		"   X   X   ",
		"   V   V   ",
		"  FF   FF  ",
	}
	// bodyCodes maps figure letters to the catalogue's area vocabulary.
	// H, T and X (head, belly, knees) belong to no area.
	bodyCodes = map[rune]string{
		'N': "neck", 'S': "shoulders", 'C': "chest", 'B': "upper-back", 'K': "lower-back",
		'A': "arms", 'L': "lats", 'P': "hips", 'G': "glutes", 'Q': "quads", 'M': "hamstrings",
		'D': "adductors", 'V': "calves", 'R': "shins", 'F': "feet", 'I': "it-band",
	}
)

// bodyMapWidth is the width of the drawn map.
const bodyMapWidth = 11*2 + 3

// bodyMap draws front and back side by side with a caption, the given
// areas highlighted.
func bodyMap(st Styles, areas []string) []string {
	on := map[string]bool{}
	for _, a := range areas {
		on[a] = true
	}
	// Each cell is one of two glyphs in its style, rendered once: rendering
	// a style is the costly part of a frame, and the map is 21 rows.
	areaOn, areaOff := st.Area.Render("█"), st.AreaOff.Render("░")
	cell := func(c rune) string {
		switch {
		case c == ' ':
			return " "
		case on[bodyCodes[c]]:
			return areaOn
		}
		return areaOff
	}
	lines := make([]string, 0, len(bodyFront)+2)
	for i := range bodyFront {
		var b strings.Builder
		for _, c := range bodyFront[i] {
			b.WriteString(cell(c))
		}
		b.WriteString("   ")
		for _, c := range bodyBack[i] {
			b.WriteString(cell(c))
		}
		lines = append(lines, b.String())
	}
	lines = append(lines, st.Faint.Render("   front         back    "))
	var names []string
	for _, a := range routines.Areas() {
		if on[a] {
			names = append(names, a)
		}
	}
	if len(names) > 0 {
		for _, l := range wrap(strings.Join(names, ", "), bodyMapWidth) {
			lines = append(lines, st.Area.Render(l))
		}
	}
	return lines
}
