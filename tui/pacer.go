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
// wake-ups scheduled in Update match the frame View draws. At most 20: a
// 4 s breath in moves a cell every 200 ms, smooth enough to breathe to,
// and each cell is a frame: about 5 frames a second over a slow breath
// (measured with 40 cells: 9 frames, 350 B and 1.5 % of a core a second).
func pacerCells(w int) int { return min(max(w-12, 10), 20) }

// pacer is the breathing pacer's part of the session screen.
type pacer struct {
	phase, what string   // the lines above the word
	word        []string // IN, OUT, HOLD or TOP UP in big letters
	bar         string
	caption     string // how to breathe, the phase's seconds left and the step's time left
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
	// The lines above the word stay the same through the step (they name
	// the segment); what counts down is in the caption under the bar.
	phase := "BREATHE"
	if state == session.Paused {
		phase = "PAUSED · space to resume"
	}
	left := fmt.Sprintf("%d s · %s left", pc.SecondsLeft(), minSec(s.Remaining(now)))
	caption := ph.How + " · " + left
	if lipgloss.Width(caption) > w {
		caption = left
	}
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

// repCaption is the line under a mobility drill's bar: the rep under way
// and the tempo, "rep 3 of 8 · 5 s a rep · slow, pain-free range".
func repCaption(rp session.Reps, w int) string {
	secs := strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", rp.Tempo.Seconds()), "0"), ".")
	short := fmt.Sprintf("rep %d of %d · %s s a rep", rp.Rep, rp.Count, secs)
	if long := short + " · slow, pain-free range"; lipgloss.Width(long) <= w {
		return long
	}
	return truncate(short, w)
}
