package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// pacerCells is how many cells the breathing bar has for a window w cells
// wide. It depends on the window's width only (not on the layout), so the
// wake-ups scheduled in Update match the frame View draws. At most 40: a
// 4 s breath in then moves a cell every 100 ms, one small write each,
// which is smooth enough to breathe to and keeps the bytes low.
func pacerCells(w int) int { return min(max(w-12, 10), 40) }

// pacer is the breathing pacer's part of the session screen.
type pacer struct {
	phase, what string   // the lines above the word
	word        []string // IN, OUT, HOLD or TOP UP in big letters
	bar         string
	caption     string // how to breathe, and the phase's seconds left
}

// pacerView draws the pacer at w cells wide with letters of size (or
// smaller if the word would not fit).
func (r *runScreen) pacerView(pc session.Pacer, now time.Time, w int, size DigitSize) pacer {
	st := r.c.styles
	s := r.sess
	ph := pc.Current()
	state := s.State()

	word := strings.ToUpper(ph.Kind.Word())
	for size > DigitsSmall && bigTextWidth(word, size) > w {
		size--
	}
	style := st.Digits
	if state == session.Paused {
		style = st.DigitsDim
	}
	var lines []string
	for _, l := range strings.Split(bigText(word, size), "\n") {
		lines = append(lines, center(style.Render(l), w))
	}

	cells := min(pacerCells(r.c.width-2), w)
	fill := pc.Fill(cells)
	bar := lipgloss.NewStyle().Foreground(st.BarFull).Render(strings.Repeat("█", fill)) +
		lipgloss.NewStyle().Foreground(st.BarEmpty).Render(strings.Repeat("░", cells-fill))

	name := s.StepName(s.StepIndex())
	what := name + " · " + pc.Pattern.Rhythm()
	if lipgloss.Width(what) > w {
		what = name + " · " + compactRhythm(pc.Pattern)
	}
	phase := "BREATHE · " + minSec(s.Remaining(now)) + " left"
	if state == session.Paused {
		phase = "PAUSED · space to resume"
	}
	caption := fmt.Sprintf("%s · %d", ph.How, pc.SecondsLeft())
	return pacer{
		phase:   phase,
		what:    truncate(what, w),
		word:    lines,
		bar:     center(bar, w),
		caption: center(st.Subtle.Render(truncate(caption, w)), w),
	}
}

// compactRhythm is the rhythm in digits for narrow windows: "4-4-4-4".
func compactRhythm(p *routines.BreathPattern) string {
	var parts []string
	for _, ph := range p.Phases {
		parts = append(parts, fmt.Sprint(int(ph.Dur/time.Second)))
	}
	return strings.Join(parts, "-")
}
