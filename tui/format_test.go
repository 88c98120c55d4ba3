package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cooldown-app/cooldown/routines"
)

// Every cue and caution of the catalogue wraps within its width at every
// width a screen gives it, breaking at spaces and hyphens but never inside
// a range of numbers, and loses no word. ("every 2-" was a cell too wide,
// so the screen cut it to "every …".)
func TestWrapStaysInWidth(t *testing.T) {
	lib, err := routines.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range lib.Exercises() {
		texts = append(append(texts, e.Caution), e.Cues...)
	}
	texts = append(texts, "a well-known sit-to-stand, 2-4 s, 30-60 s and 5-10-15")
	for _, s := range texts {
		longest := 0 // the widest run that cannot break (a range counts whole)
		for _, w := range strings.Fields(s) {
			longest = max(longest, ansi.StringWidth(w))
		}
		for width := max(longest, 12); width <= 80; width++ {
			lines := wrap(s, width)
			joined := ""
			for i, l := range lines {
				if ansi.StringWidth(l) > width {
					t.Errorf("width %d: %q is %d wide", width, l, ansi.StringWidth(l))
				}
				if i > 0 && l != "" && strings.HasSuffix(lines[i-1], "-") {
					prev := strings.TrimSuffix(lines[i-1], "-")
					if prev != "" && prev[len(prev)-1] >= '0' && prev[len(prev)-1] <= '9' && l[0] >= '0' && l[0] <= '9' {
						t.Errorf("width %d: a range is split: %q / %q", width, lines[i-1], l)
					}
				}
				if i > 0 && !strings.HasSuffix(joined, "-") {
					joined += " "
				}
				joined += l
			}
			if joined != s {
				t.Errorf("width %d: %q wrapped to %q", width, s, lines)
			}
		}
	}
}
