package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/history"
	"github.com/cooldown-app/cooldown/routines/settings"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/tui"
)

const (
	defaultHistoryWeeks = 12
	maxHistoryWeeks     = 104
	lastSessionsShown   = 10
	minHistoryWidth     = 40 // narrower terminals get lines of this width
)

// lookOf decides how `cooldown history` draws: the colour profile of out
// (NoTTY or ASCII means plain text) and whether the background is dark.
func lookOf(in *os.File, out io.Writer) (colorprofile.Profile, bool) {
	p := colorprofile.Detect(out, os.Environ())
	if p <= colorprofile.ASCII {
		return p, true
	}
	return p, darkBackground(in, out)
}

func (a *app) historyCmd() *cobra.Command {
	var (
		weeks  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Your sessions: this week, streak, a calendar and body areas",
		Long: "Show your last sessions, this week's sessions against the guidance (stretching on at least " +
			"2–3 days a week, daily is ideal; one to three longer recovery sessions a week), the current " +
			"streak of days, a calendar of the last --weeks weeks and when each body area was last worked.\n\n" +
			"The log is " + displayHistoryPath() + ". Lines that cannot be read are skipped with a " +
			"warning naming the line; the file is never changed by this command.\n\n" +
			"--json prints one object for scripts: \"sessions\" (every record, oldest first) and \"stats\".",
		Example: "  cooldown history\n  cooldown history --weeks 26\n  cooldown history --json | jq .stats",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if weeks < 1 || weeks > maxHistoryWeeks {
				return usageErr("--weeks: want a whole number of weeks from 1 to %d, got %d", maxHistoryWeeks, weeks)
			}
			return a.runHistory(weeks, asJSON)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&weeks, "weeks", defaultHistoryWeeks, fmt.Sprintf("weeks in the calendar, 1 to %d", maxHistoryWeeks))
	fl.BoolVar(&asJSON, "json", false, "print one JSON object (sessions and stats) for scripts")
	return cmd
}

func displayHistoryPath() string {
	return "$XDG_STATE_HOME/cooldown/" + history.FileName + ", usually ~/.local/state/cooldown/" + history.FileName
}

func (a *app) runHistory(weeks int, asJSON bool) error {
	// Sessions a killed cooldown left behind belong in what is shown.
	a.recoverSessions(a.io.now())
	recs, warnings, err := history.NewStore(stateDir()).Read()
	if err != nil {
		return err // exit 1; the message names the file and the cause
	}
	for _, w := range warnings {
		diag(a.io.err, "%s", w)
	}
	now := a.io.now()
	if asJSON {
		return writeHistoryJSON(a.io.out, recs, now, weeks)
	}
	width, isTerm := a.io.width(a.io.out)
	if !isTerm {
		width = 80 // piped: the same layout as an ordinary terminal
	}
	var profile colorprofile.Profile
	var isDark bool
	if set, _ := a.loadSettings(); set.Theme != settings.ThemeAuto {
		// A forced palette: no need to ask the terminal for its background.
		profile, isDark = colorprofile.Detect(a.io.out, os.Environ()), set.Theme == settings.ThemeDark
	} else {
		profile, isDark = a.io.look(a.io.in, a.io.out)
	}
	look := newHistoryStyles(profile, isDark)
	text := renderHistory(recs, now, weeks, max(width, minHistoryWidth), look)
	out := a.io.out
	if look.color {
		out = &colorprofile.Writer{Forward: out, Profile: profile} // downsample to what the terminal shows
	}
	_, err = io.WriteString(out, text)
	return err
}

// darkBackground asks the terminal for its background colour, as Lip
// Gloss does for standalone programs. COLORFGBG answers without a query;
// with no terminal to ask, dark is assumed.
func darkBackground(in *os.File, out io.Writer) bool {
	if v := os.Getenv("COLORFGBG"); v != "" {
		bg, err := strconv.Atoi(v[strings.LastIndex(v, ";")+1:])
		if err == nil {
			return bg != 7 && bg != 15 // light grey and white are the light backgrounds
		}
	}
	f, ok := out.(*os.File)
	if !isTTY(in) || !ok || !isTTY(f) {
		return true
	}
	return lipgloss.HasDarkBackground(in, f)
}

// historyStyles are the roles of the history screen, from the app palette.
// Without colour every role is plain text.
type historyStyles struct {
	color                              bool
	title, header, subtle, faint, note lipgloss.Style
	good, warn, cell, item             lipgloss.Style
}

func newHistoryStyles(p colorprofile.Profile, isDark bool) historyStyles {
	if p <= colorprofile.ASCII { // NO_COLOR, TERM=dumb or not a terminal
		return historyStyles{}
	}
	s := tui.DefaultStyles(isDark)
	return historyStyles{
		color:  true,
		title:  s.Title,
		header: s.Subtle.Bold(true),
		subtle: s.Subtle,
		faint:  s.Faint,
		note:   s.Note,
		good:   s.Good,
		warn:   s.Caution,
		cell:   s.Digits,
		item:   s.Item,
	}
}

// paint styles text that is already laid out (padding included), so
// colour never changes a width.
func (h historyStyles) paint(st lipgloss.Style, text string) string {
	if !h.color || text == "" {
		return text
	}
	return st.Render(text)
}

// renderHistory is the whole text output of `cooldown history`.
func renderHistory(recs []history.Record, now time.Time, weeks, width int, h historyStyles) string {
	var b strings.Builder
	st := history.Compute(recs, now)
	grid := history.Heatmap(recs, now, weeks)
	if len(recs) == 0 {
		b.WriteString("No sessions yet. `cooldown` to start one.\n\n")
		writeWeek(&b, st, grid, now, width, h)
		return b.String()
	}
	writeLastSessions(&b, recs, now, width, h)
	b.WriteByte('\n')
	writeWeek(&b, st, grid, now, width, h)
	b.WriteByte('\n')
	writeHeatmap(&b, grid, now, weeks, width, h)
	b.WriteByte('\n')
	writeAreas(&b, st.AreaLastCovered, now, width, h)
	return b.String()
}

// newestFirst returns the indexes of the n latest sessions by start time;
// of two that started together, the later line in the log comes first.
func newestFirst(recs []history.Record, n int) []int {
	idx := make([]int, 0, n+1) // kept sorted, newest first
	for i := range recs {
		if len(idx) == n && recs[i].Start.Before(recs[idx[n-1]].Start) {
			continue // older than all kept: most of a long log stops here
		}
		at, _ := slices.BinarySearchFunc(idx, i, func(j, i int) int {
			if recs[j].Start.After(recs[i].Start) {
				return -1 // j is newer: i goes after it
			}
			return 1 // i is newer, or as new and later in the file
		})
		idx = slices.Insert(idx, at, i)
		if len(idx) > n {
			idx = idx[:n]
		}
	}
	return idx
}

func writeLastSessions(b *strings.Builder, recs []history.Record, now time.Time, width int, h historyStyles) {
	idx := newestFirst(recs, lastSessionsShown)
	title := "Last sessions"
	if len(recs) > len(idx) {
		title = fmt.Sprintf("Last %d sessions of %d", len(idx), len(recs))
	}
	b.WriteString(h.paint(h.title, title) + "\n")

	rows := lastSessionRows(recs, idx, now)
	widths := fitSessionColumns(rows, recs, idx, now, width)
	writeSessionRows(b, rows, widths, h)
}

// sessionGap and sessionIndent lay out the last-sessions table.
const sessionGap, sessionIndent = 2, 2

// lastSessionRows are the table's header and one row per shown session.
func lastSessionRows(recs []history.Record, idx []int, now time.Time) [][]string {
	rows := [][]string{{"When", "Routine", "Min", "Outcome", "Steps", "Rating"}}
	for _, i := range idx {
		r := &recs[i]
		name := strictyaml.Clean(r.RoutineName)
		if name == "" {
			name = strictyaml.Clean(r.Routine)
		}
		rating := "-"
		if r.Rating > 0 {
			rating = fmt.Sprintf("%d/5", r.Rating)
		}
		rows = append(rows, []string{
			whenText(r.Start, now, false),
			name,
			strconv.Itoa(int(r.ActiveSeconds/60 + 0.5)),
			string(r.Outcome), // one of three: Read checked it
			fmt.Sprintf("%d/%d", r.StepsDone, r.StepsTotal),
			rating,
		})
	}
	return rows
}

// fitSessionColumns sizes the columns to width, cutting rows down to the
// columns that fit, and returns the widths.
func fitSessionColumns(rows [][]string, recs []history.Record, idx []int, now time.Time, width int) []int {
	const gap, indent = sessionGap, sessionIndent
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for c, cell := range row {
			widths[c] = max(widths[c], ansi.StringWidth(cell))
		}
	}
	// The routine name takes what the other columns leave; in a narrow
	// terminal the rating, then the steps, give way to it.
	const minName = 12
	cols := len(widths)
	if short := 6 + gap*3 + indent + widths[2] + widths[3] + ansi.StringWidth(whenText(now, now, true)); width < short+minName-6+widths[0]-ansi.StringWidth(whenText(now, now, true)) {
		// Too narrow for the weekday too: "4 Mar 08:00" and a shorter name.
		for n, i := range idx {
			rows[n+1][0] = whenText(recs[i].Start, now, true)
		}
		widths[0] = 0
		for _, row := range rows {
			widths[0] = max(widths[0], ansi.StringWidth(row[0]))
		}
		cols = 4
	}
	for {
		fixed := indent + gap*(cols-1)
		for c, w := range widths[:cols] {
			if c != 1 {
				fixed += w
			}
		}
		if width-fixed >= minName || cols == 4 {
			widths[1] = max(min(widths[1], width-fixed), 6)
			break
		}
		cols--
	}
	for i := range rows {
		rows[i] = rows[i][:cols]
	}

	return widths[:cols]
}

// writeSessionRows writes the table, each cell in its style.
func writeSessionRows(b *strings.Builder, rows [][]string, widths []int, h historyStyles) {
	const gap, indent = sessionGap, sessionIndent
	for n, row := range rows {
		var line strings.Builder
		line.WriteString(strings.Repeat(" ", indent))
		for c, cell := range row {
			switch {
			case c == 2 && n > 0:
				cell = fitCell(cell, widths[c], true) // minutes right-aligned
			case c < len(row)-1:
				cell = fitCell(cell, widths[c], false)
			default:
				cell = fitCell(cell, min(widths[c], ansi.StringWidth(cell)), false) // the last column is not padded
			}
			if c > 0 {
				line.WriteString(strings.Repeat(" ", gap))
			}
			switch {
			case n == 0:
				cell = h.paint(h.header, cell)
			case c == 3:
				cell = h.paint(outcomeStyle(h, row[3]), cell)
			case c == 0 || c == 4 || c == 5:
				cell = h.paint(h.subtle, cell)
			default:
				cell = h.paint(h.item, cell)
			}
			line.WriteString(cell)
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

func outcomeStyle(h historyStyles, outcome string) lipgloss.Style {
	switch history.Outcome(outcome) {
	case history.OutcomeCompleted:
		return h.good
	case history.OutcomeInterrupted:
		return h.warn
	}
	return h.subtle
}

// whenText is a session's start for the table: "Wed  4 Mar 18:05" this
// year, "12 Nov 2025 18:05" before; short, for narrow windows, " 4 Mar
// 18:05" and "12 Nov 2025".
func whenText(t, now time.Time, short bool) string {
	t = t.In(now.Location())
	switch {
	case short && t.Year() == now.Year():
		return t.Format("_2 Jan 15:04")
	case short:
		return t.Format("_2 Jan 2006")
	case t.Year() == now.Year():
		return t.Format("Mon _2 Jan 15:04")
	}
	return t.Format("_2 Jan 2006 15:04")
}

// writeWeek sets this week against the guideline: stretching on at least
// 2–3 days a week (daily is ideal), and one to three longer recovery
// sessions a week.
func writeWeek(b *strings.Builder, st history.Stats, grid history.HeatmapGrid, now time.Time, width int, h historyStyles) {
	monday := grid.Date(len(grid.Sessions)-1, 0)
	b.WriteString(h.paint(h.title, "This week") + h.paint(h.subtle, ", "+dayMonth(monday)+" to "+dayMonth(grid.Date(len(grid.Sessions)-1, 6))) + "\n")
	days, sofar := 0, int(now.Weekday()+6)%7+1 // Monday = 1 day so far
	for _, n := range grid.Sessions[len(grid.Sessions)-1] {
		if n > 0 {
			days++
		}
	}
	row := func(label, value, verdict string, ok bool) {
		head := fmt.Sprintf("  %-17s%-13s", label, value)
		if verdict == "" {
			// A long value wraps under itself in a narrow window.
			lines := strings.Split(ansi.Wordwrap(value, max(width-19, 10), ""), "\n")
			for i, l := range lines {
				lead := fmt.Sprintf("  %-17s", label)
				if i > 0 {
					lead = strings.Repeat(" ", 19)
				}
				b.WriteString(strings.TrimRight(lead+l, " ") + "\n")
			}
			return
		}
		next := strings.Repeat(" ", len(head))
		if width-len(head) < 24 { // narrow: the verdict goes under the figures
			b.WriteString(strings.TrimRight(head, " ") + "\n")
			head, next = "    ", "    "
		}
		for i, line := range strings.Split(ansi.Wordwrap(verdict, width-len(head), ""), "\n") {
			if i > 0 {
				head = next
			}
			b.WriteString(head + h.paint(verdictStyle(h, ok), strings.TrimRight(line, " ")) + "\n")
		}
	}

	var verdict string
	var ok bool
	switch {
	case days == sofar:
		verdict, ok = "every day so far: the ideal", true
	case days >= 2:
		verdict, ok = "on track: at least 2–3 days (daily is ideal)", true
	case days == 1:
		verdict = "one more day reaches the 2–3 days minimum"
	default:
		verdict = "aim for at least 2–3 days a week, daily is ideal"
	}
	row("Sessions", fmt.Sprintf("%d on %s", st.SessionsThisWeek, routines.Plural(days, "day", "days")), verdict, ok)

	long := st.LongSessionsThisWeek
	switch {
	case long == 0:
		verdict, ok = "aim for one to three a week", false
	case long <= 3:
		verdict, ok = "on track: one to three a week", true
	default:
		verdict, ok = "more than the one to three a week guide", false
	}
	row(fmt.Sprintf("Longer (%d+ min)", int(history.LongSession.Minutes())), strconv.Itoa(long), verdict, ok)

	row("Streak", routines.Plural(st.StreakDays, "day", "days"), "", false)
	total := routines.Plural(st.TotalSessions, "session", "sessions")
	if !st.LastSession.IsZero() {
		total += ", latest " + history.Ago(st.LastSession, now)
	}
	row("All time", total, "", false)
}

func verdictStyle(h historyStyles, ok bool) lipgloss.Style {
	if ok {
		return h.good
	}
	return h.subtle
}

func dayMonth(t time.Time) string { return t.Format("Mon 2 Jan") }

// Heatmap cells: sessions that count on that day.
var heatCells = [...]string{"·", "░", "▒", "█"}

const heatIndent = "  Mon " // the row label column: two spaces, a day, a space

// heatLayout picks the widest calendar that fits: two columns a week
// (a cell and a space), else one, else only the latest weeks.
func heatLayout(weeks, width int) (shown, step int) {
	room := width - ansi.StringWidth(heatIndent)
	switch {
	case 2*weeks-1 <= room:
		return weeks, 2
	case weeks <= room:
		return weeks, 1
	}
	return max(room, 1), 1
}

// monthLabels is the line over the calendar: each month's short name over
// the first week that starts in it, and the first column's month if the
// next name leaves room for it; never wider than room.
func monthLabels(g history.HeatmapGrid, first, step, room int) string {
	type label struct {
		x    int
		name string
	}
	var ls []label
	for w := first; w < len(g.Sessions); w++ {
		if m := g.Date(w, 0).Month(); w == first || m != g.Date(w-1, 0).Month() {
			ls = append(ls, label{(w - first) * step, m.String()[:3]})
		}
	}
	if len(ls) > 1 && ls[1].x < 4 {
		ls = ls[1:] // the calendar starts at the end of a month: name the next one
	}
	line := []byte(strings.Repeat(" ", room))
	end := 0
	for _, l := range ls {
		if l.x < end || l.x+len(l.name) > room {
			continue
		}
		copy(line[l.x:], l.name)
		end = l.x + len(l.name) + 1
	}
	return strings.TrimRight(string(line), " ")
}

func writeHeatmap(b *strings.Builder, g history.HeatmapGrid, now time.Time, weeks, width int, h historyStyles) {
	shown, step := heatLayout(weeks, width)
	first := len(g.Sessions) - shown
	from, to := g.Date(first, 0), g.Date(len(g.Sessions)-1, 6)
	title, span := "Last "+routines.Plural(shown, "week", "weeks"), fmt.Sprintf(", %s to %s", from.Format("2 Jan 2006"), to.Format("2 Jan 2006"))
	if len(title)+ansi.StringWidth(span) > width {
		span = "\n  " + strings.TrimPrefix(span, ", ") // the dates under the title
	}
	b.WriteString(h.paint(h.title, title) + h.paint(h.subtle, span) + "\n")
	if shown < weeks {
		b.WriteString(h.paint(h.note, fmt.Sprintf("  (%d of %d weeks fit in %d columns)", shown, weeks, width)) + "\n")
	}

	// Month names over the first week column of each month, where they fit.
	b.WriteString(strings.Repeat(" ", len(heatIndent)) + h.paint(h.subtle, monthLabels(g, first, step, width-len(heatIndent))) + "\n")

	today := now.In(g.FirstMonday.Location())
	for d := range 7 {
		var row strings.Builder
		row.WriteString(h.paint(h.subtle, "  "+time.Weekday((d + 1) % 7).String()[:3]+" "))
		for w := first; w < len(g.Sessions); w++ {
			if w > first && step == 2 {
				row.WriteByte(' ')
			}
			if g.Date(w, d).After(today) {
				row.WriteByte(' ') // still to come
				continue
			}
			n := min(g.Sessions[w][d], len(heatCells)-1)
			if n == 0 {
				row.WriteString(h.paint(h.faint, heatCells[0]))
			} else {
				row.WriteString(h.paint(h.cell, heatCells[n]))
			}
		}
		b.WriteString(strings.TrimRight(row.String(), " ") + "\n")
	}
	most := "3 or more sessions a day"
	if len(heatIndent)+ansi.StringWidth("· none  ░ 1  ▒ 2  █ ")+len(most) > width {
		most = "3+"
	}
	legend := fmt.Sprintf("%s none  %s 1  %s 2  %s %s",
		h.paint(h.faint, heatCells[0]), h.paint(h.cell, heatCells[1]), h.paint(h.cell, heatCells[2]), h.paint(h.cell, heatCells[3]), most)
	b.WriteString(strings.Repeat(" ", len(heatIndent)) + legend + "\n")
}

// writeAreas lists every body area, most neglected first.
func writeAreas(b *strings.Builder, last map[string]time.Time, now time.Time, width int, h historyStyles) {
	never, byNeglect := history.Neglected(last, routines.Areas())
	b.WriteString(h.paint(h.title, "Body areas") + h.paint(h.subtle, ", most neglected first") + "\n")
	if len(never) > 0 {
		text := "never: " + strings.Join(never, ", ")
		if len(never) == len(byNeglect) {
			text = "none worked yet"
		}
		for _, line := range strings.Split(ansi.Wordwrap(text, width-4, ""), "\n") {
			b.WriteString("  " + h.paint(h.warn, strings.TrimRight(line, " ")) + "\n")
		}
	}
	covered := byNeglect[len(never):]
	if len(covered) == 0 {
		return
	}
	nameW, whenW := 0, 0
	for _, a := range covered {
		nameW = max(nameW, len(a))
		whenW = max(whenW, len(history.Ago(last[a], now)))
	}
	const gap = 4
	entryW := nameW + 2 + whenW
	cols := max(1, min(3, (width-2+gap)/(entryW+gap)))
	rows := (len(covered) + cols - 1) / cols
	for r := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for c := range cols {
			i := c*rows + r // down the columns, as a sorted list reads
			if i >= len(covered) {
				break
			}
			if c > 0 {
				line.WriteString(strings.Repeat(" ", gap))
			}
			a := covered[i]
			when := history.Ago(last[a], now)
			line.WriteString(h.paint(h.item, fmt.Sprintf("%-*s", nameW, a)) + "  " + h.paint(h.subtle, when))
			if c < cols-1 && i+rows < len(covered) {
				line.WriteString(strings.Repeat(" ", whenW-len(when))) // outside the colour, for the next column
			}
		}
		b.WriteString(line.String() + "\n")
	}
}

// --json

// historyJSON is the object `history --json` prints. Scripts rely on
// these names; README.md documents them.
type historyJSON struct {
	Sessions []sessionJSON `json:"sessions"`
	Stats    statsJSON     `json:"stats"`
}

// sessionJSON is one record. It is not history.Record, whose rating is
// left out of the log when none was given: here every field is always
// present, and a missing rating is null.
type sessionJSON struct {
	ID            string             `json:"id"`
	Start         time.Time          `json:"start"`
	End           time.Time          `json:"end"`
	Routine       string             `json:"routine"`
	RoutineName   string             `json:"routine_name"`
	Soreness      string             `json:"soreness"`
	Outcome       history.Outcome    `json:"outcome"`
	StepsDone     int                `json:"steps_done"`
	StepsSkipped  int                `json:"steps_skipped"`
	StepsTotal    int                `json:"steps_total"`
	ActiveSeconds float64            `json:"active_seconds"`
	PausedSeconds float64            `json:"paused_seconds"`
	AreaSeconds   map[string]float64 `json:"area_seconds"`
	Rating        *int               `json:"rating"` // 1..5, null when not given
	Counts        bool               `json:"counts"` // counts for streaks, weeks and the calendar
}

type statsJSON struct {
	StreakDays           int                   `json:"streak_days"`
	SessionsThisWeek     int                   `json:"sessions_this_week"`
	DaysThisWeek         int                   `json:"days_this_week"`
	LongSessionsThisWeek int                   `json:"long_sessions_this_week"`
	LongSessionMinutes   int                   `json:"long_session_minutes"`
	TotalSessions        int                   `json:"total_sessions"`
	LastSession          *time.Time            `json:"last_session"`
	AreaLastCovered      map[string]*time.Time `json:"area_last_covered"`
	Calendar             calendarJSON          `json:"calendar"`
}

// calendarJSON is the heatmap's data: the --weeks weeks from a Monday to
// the Sunday of this week, and the sessions that count on each day that
// has any (dates are YYYY-MM-DD in the local time zone).
type calendarJSON struct {
	From     string         `json:"from"`
	To       string         `json:"to"`
	Sessions map[string]int `json:"sessions"`
}

func writeHistoryJSON(w io.Writer, recs []history.Record, now time.Time, weeks int) error {
	st := history.Compute(recs, now)
	grid := history.Heatmap(recs, now, weeks)
	out := historyJSON{Sessions: make([]sessionJSON, len(recs))}
	for i := range recs {
		r := &recs[i]
		s := sessionJSON{
			ID: r.ID, Start: r.Start, End: r.End,
			Routine: r.Routine, RoutineName: r.RoutineName, Soreness: r.Soreness, Outcome: r.Outcome,
			StepsDone: r.StepsDone, StepsSkipped: r.StepsSkipped, StepsTotal: r.StepsTotal,
			ActiveSeconds: r.ActiveSeconds, PausedSeconds: r.PausedSeconds,
			AreaSeconds: r.AreaSeconds, Counts: r.Counts(),
		}
		if s.AreaSeconds == nil {
			s.AreaSeconds = map[string]float64{}
		}
		if r.Rating > 0 {
			s.Rating = &r.Rating
		}
		out.Sessions[i] = s
	}
	// Oldest first. The log is in that order unless sessions overlapped or
	// one was recovered late, so the sort is usually skipped.
	if !slices.IsSortedFunc(out.Sessions, bySessionStart) {
		slices.SortStableFunc(out.Sessions, bySessionStart)
	}

	days := 0
	for _, n := range grid.Sessions[len(grid.Sessions)-1] {
		if n > 0 {
			days++
		}
	}
	out.Stats = statsJSON{
		StreakDays:           st.StreakDays,
		SessionsThisWeek:     st.SessionsThisWeek,
		DaysThisWeek:         days,
		LongSessionsThisWeek: st.LongSessionsThisWeek,
		LongSessionMinutes:   int(history.LongSession.Minutes()),
		TotalSessions:        st.TotalSessions,
		AreaLastCovered:      map[string]*time.Time{},
		Calendar: calendarJSON{
			From:     grid.FirstMonday.Format(time.DateOnly),
			To:       grid.Date(len(grid.Sessions)-1, 6).Format(time.DateOnly),
			Sessions: map[string]int{},
		},
	}
	for w, week := range grid.Sessions {
		for d, n := range week {
			if n > 0 {
				out.Stats.Calendar.Sessions[grid.Date(w, d).Format(time.DateOnly)] = n
			}
		}
	}
	if !st.LastSession.IsZero() {
		out.Stats.LastSession = &st.LastSession
	}
	for _, a := range routines.Areas() {
		out.Stats.AreaLastCovered[a] = nil
	}
	for a, t := range st.AreaLastCovered {
		out.Stats.AreaLastCovered[a] = &t
	}

	return encodeHistoryJSON(w, out)
}

// encodeHistoryJSON writes out as json.Encoder with a two-space indent
// would, one session at a time: encoding the whole value at once held the
// output twice in memory (raw, then indented) and took seconds for a
// 100,000-record log.
func encodeHistoryJSON(w io.Writer, out historyJSON) error {
	bw := bufio.NewWriterSize(jsonSafeWriter{w}, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	value := func(v any, indent string) error {
		buf.Reset()
		enc.SetIndent(indent, "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	bw.WriteString("{\n  \"sessions\": [")
	for i := range out.Sessions {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		if err := value(&out.Sessions[i], "    "); err != nil {
			return err
		}
	}
	if len(out.Sessions) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"stats\": ")
	if err := value(&out.Stats, "  "); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func bySessionStart(a, b sessionJSON) int { return a.Start.Compare(b.Start) }
