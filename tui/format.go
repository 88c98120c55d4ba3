package tui

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// clock shows a countdown rounded up to whole seconds ("25", "2:05"), so a
// hold never shows 0 while time remains.
func clock(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	if secs < 60 {
		return fmt.Sprintf("%d", secs)
	}
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// minSec shows a length as m:ss, always with minutes ("0:30", "12:05").
func minSec(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// wholeMinutes shows the time left in whole minutes, rounded up ("4 min"):
// the header's total, which then changes once a minute instead of every
// second (the big digits show the seconds of the step).
func wholeMinutes(d time.Duration) string {
	return fmt.Sprintf("%d min", int((d+time.Minute-1)/time.Minute))
}

// truncate cuts s to width cells with an ellipsis.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// center places s in the middle of width cells.
func center(s string, width int) string {
	if strings.ContainsAny(s, "\n\t\r") {
		return lipgloss.PlaceHorizontal(width, lipgloss.Center, s)
	}
	// One line, as lipgloss.PlaceHorizontal pads it (the extra cell of an
	// odd gap on the right), without its whitespace renderer: every line of
	// every frame is centred, and that renderer was a quarter of a frame's
	// allocations.
	gap := width - ansi.StringWidth(s)
	if gap <= 0 {
		return s
	}
	right := (gap + 1) / 2
	return spaces(gap-right) + s + spaces(right)
}

// spaces is n blanks, without allocating for the usual widths.
func spaces(n int) string {
	const blanks = "                                                                                                                                "
	if n <= len(blanks) {
		return blanks[:n]
	}
	return strings.Repeat(" ", n)
}

// wrap folds plain text to width and returns its lines: at spaces and
// after hyphens, but never inside a range of numbers ("2-4 s").
func wrap(s string, width int) []string {
	if width <= 0 {
		return nil
	}
	held := numberRange.ReplaceAllString(s, "$1"+keptHyphen+"$2")
	lines := wordwrap(held, width)
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, keptHyphen, "-")
	}
	return lines
}

// A non-breaking hyphen holds a range of numbers together while wrapping.
const keptHyphen = "\u2011"

var numberRange = regexp.MustCompile(`(\d)-(\d)`)

// wordwrap is ansi.Wordwrap, which keeps a hyphen it breaks after even
// when that makes the line one cell too wide: such a line breaks before
// its last word instead, and the rest is wrapped again.
func wordwrap(s string, width int) []string {
	lines := strings.Split(ansi.Wordwrap(s, width, " -"), "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) <= width || !strings.HasSuffix(l, "-") {
			continue
		}
		cut := strings.LastIndexAny(l[:len(l)-1], " -")
		if cut < 0 {
			continue // one word wider than the line: the caller cuts it
		}
		// The lines after were broken at a space (dropped) or after a hyphen (kept).
		rest := l[cut+1:]
		for _, next := range lines[i+1:] {
			if !strings.HasSuffix(rest, "-") {
				rest += " "
			}
			rest += next
		}
		return append(append(lines[:i], strings.TrimRight(l[:cut+1], " ")), wordwrap(rest, width)...)
	}
	return lines
}

// spread puts left and right at the two ends of a line of width cells.
func spread(left, right string, width int) string {
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		left = truncate(left, max(width-lipgloss.Width(right)-1, 0))
		gap = max(width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	}
	return left + strings.Repeat(" ", gap) + right
}

// fit pads or cuts a block of lines to exactly h lines of width w.
func fit(lines []string, w, h int) string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = truncate(lines[i], w)
		}
	}
	return strings.Join(out, "\n")
}

// bullets wraps each item to width, mark before its first line and as many
// spaces before the others, each line in style.
func bullets(items []string, width int, mark string, style lipgloss.Style) []string {
	indent := strings.Repeat(" ", lipgloss.Width(mark))
	var out []string
	for _, item := range items {
		for i, l := range wrap(item, width-len(indent)) {
			prefix := mark
			if i > 0 {
				prefix = indent
			}
			out = append(out, style.Render(prefix+l))
		}
	}
	return out
}
