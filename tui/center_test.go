package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// center pads a line exactly as lipgloss.PlaceHorizontal does.
func TestCenterAsLipgloss(t *testing.T) {
	st := lipgloss.NewStyle().Foreground(lipgloss.Color("#5FD7AF")).Bold(true)
	for _, s := range []string{"", "x", "ab", "HOLD", "Straight-knee calf stretch · LEFT SIDE", st.Render("██  ██"), "wide 世界", "two\nlines", strings.Repeat("y", 200)} {
		for w := range 140 {
			if got, want := center(s, w), lipgloss.PlaceHorizontal(w, lipgloss.Center, s); got != want {
				t.Fatalf("center(%q, %d) = %q, want %q", s, w, got, want)
			}
		}
	}
}
