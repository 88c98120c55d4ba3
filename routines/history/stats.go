package history

import (
	"fmt"
	"slices"
	"time"
)

// LongSession is the active time from which a session counts as one of the
// week's longer recovery sessions (stretch daily, and one to
// three longer recovery sessions a week).
const LongSession = 20 * time.Minute

// maxHeatmapWeeks caps Heatmap so a silly --weeks cannot allocate without
// bound; 1000 weeks is about 19 years.
const maxHeatmapWeeks = 1000

// Stats is the summary shown after a session and by `cooldown history`.
//
// Day rules, shared by every statistic here: a session belongs to the
// calendar day of its Start in now's location (a session from 23:50 to
// 00:10 counts for the day it began), and only sessions that Count
// (at least one step done) earn days, weekly totals and
// heatmap cells. Body-area coverage uses every session, since the seconds
// spent on an area were spent whatever the outcome.
type Stats struct {
	StreakDays           int                  // see StreakDays
	SessionsThisWeek     int                  // see SessionsThisWeek
	LongSessionsThisWeek int                  // see LongSessionsThisWeek
	TotalSessions        int                  // sessions that count, all time
	LastSession          time.Time            // Start of the latest session that counts; zero if none
	AreaLastCovered      map[string]time.Time // see AreaLastCovered
}

// Compute gathers every statistic for recs as seen at now.
func Compute(recs []Record, now time.Time) Stats {
	st := Stats{
		StreakDays:           StreakDays(recs, now),
		SessionsThisWeek:     SessionsThisWeek(recs, now),
		LongSessionsThisWeek: LongSessionsThisWeek(recs, now),
		AreaLastCovered:      AreaLastCovered(recs),
	}
	for i := range recs {
		r := &recs[i] // a Record is ~200 bytes: not copied per iteration
		if r.Counts() {
			st.TotalSessions++
			if r.Start.After(st.LastSession) {
				st.LastSession = r.Start
			}
		}
	}
	return st
}

// StreakDays counts consecutive calendar days, ending today, with at least
// one session that counts. A day with nothing yet does not break the
// streak until it is over: with no session today the count ends at
// yesterday. Sessions dated after today (a clock set wrong) are ignored.
func StreakDays(recs []Record, now time.Time) int {
	loc := now.Location()
	days := make(map[int64]bool)
	for i := range recs {
		r := &recs[i]
		if r.Counts() {
			days[dayNumber(r.Start, loc)] = true
		}
	}
	d := dayNumber(now, loc)
	if !days[d] {
		d-- // today is not over yet
	}
	n := 0
	for days[d] {
		n++
		d--
	}
	return n
}

// SessionsThisWeek counts sessions that count in now's ISO week (Monday to
// Sunday, in now's location).
func SessionsThisWeek(recs []Record, now time.Time) int {
	return countThisWeek(recs, now, 0)
}

// LongSessionsThisWeek counts this week's sessions with at least
// LongSession of active time (pauses not included).
func LongSessionsThisWeek(recs []Record, now time.Time) int {
	return countThisWeek(recs, now, LongSession.Seconds())
}

func countThisWeek(recs []Record, now time.Time, minActive float64) int {
	loc := now.Location()
	monday := mondayOf(dayNumber(now, loc))
	n := 0
	for i := range recs {
		r := &recs[i]
		if !r.Counts() || r.ActiveSeconds < minActive {
			continue
		}
		if d := dayNumber(r.Start, loc); d >= monday && d < monday+7 {
			n++
		}
	}
	return n
}

// AreaLastCovered maps each body area to the Start of the latest session
// that spent more than zero seconds on it. Areas never covered are absent.
func AreaLastCovered(recs []Record) map[string]time.Time {
	last := make(map[string]time.Time)
	// Newest last is the usual file order, so walking backwards makes most
	// comparisons fail early and saves a map write per area.
	for i := len(recs) - 1; i >= 0; i-- {
		r := &recs[i]
		for area, sec := range r.AreaSeconds {
			if sec > 0 && r.Start.After(last[area]) {
				last[area] = r.Start
			}
		}
	}
	return last
}

// Neglected ranks the body areas of vocabulary by how long ago they were
// last covered, using the map from AreaLastCovered. never lists the areas
// never covered, in vocabulary order. byNeglect lists every area of
// vocabulary, most neglected first: the never-covered ones, then the rest
// from the oldest coverage to the newest (ties keep vocabulary order).
// Areas in last but not in vocabulary are left out.
func Neglected(last map[string]time.Time, vocabulary []string) (never, byNeglect []string) {
	var covered []string
	for _, a := range vocabulary {
		if _, ok := last[a]; ok {
			covered = append(covered, a)
		} else {
			never = append(never, a)
		}
	}
	slices.SortStableFunc(covered, func(a, b string) int {
		return last[a].Compare(last[b])
	})
	byNeglect = append(append(byNeglect, never...), covered...)
	return never, byNeglect
}

// HeatmapGrid is the data of a calendar heatmap: one row per Monday-start
// week, oldest first, the last row being now's week. Column 0 is Monday.
// Days after today are zero. Rendering is the caller's business.
type HeatmapGrid struct {
	FirstMonday time.Time    // start (see Date), in now's location, of row 0's Monday
	Sessions    [][7]int     // sessions that count, per day
	Minutes     [][7]float64 // active minutes of those sessions, per day
}

// Date returns the start of the day of the cell at week row w, weekday
// column d: its midnight, or the first instant after it where the zone
// skips midnight (a DST change at 00:00, as in Chile and Cuba). Cells are
// counted in civil days, never by adding days to an instant: time.Date
// turns a midnight that does not exist into 23:00 the day before, and
// every date after it would shift by one.
func (g HeatmapGrid) Date(w, d int) time.Time {
	loc := g.FirstMonday.Location()
	return DayStart(dayNumber(g.FirstMonday, loc)+int64(7*w+d), loc)
}

// Heatmap builds a grid of the last weeks weeks (clamped to 0..1000) for
// recs as seen at now, in now's location.
func Heatmap(recs []Record, now time.Time, weeks int) HeatmapGrid {
	weeks = max(0, min(weeks, maxHeatmapWeeks))
	loc := now.Location()
	first := mondayOf(dayNumber(now, loc)) - int64(7*(weeks-1))
	g := HeatmapGrid{
		FirstMonday: DayStart(first, loc),
		Sessions:    make([][7]int, weeks),
		Minutes:     make([][7]float64, weeks),
	}
	if weeks == 0 {
		return g
	}
	today := dayNumber(now, loc)
	for i := range recs {
		r := &recs[i]
		if !r.Counts() {
			continue
		}
		d := dayNumber(r.Start, loc)
		if d < first || d > today {
			continue
		}
		off := d - first
		g.Sessions[off/7][off%7]++
		g.Minutes[off/7][off%7] += r.ActiveSeconds / 60
	}
	return g
}

// dayNumber is t's calendar date in loc as days since 1970-01-01. Counting
// whole civil dates, not 24-hour spans, keeps streaks right across DST
// changes and time zones. The local date is the floor of (Unix time + the
// zone's offset at t) / one day: cheaper than building a time.Date, which
// matters across 100,000 records.
func dayNumber(t time.Time, loc *time.Location) int64 {
	_, off := t.In(loc).Zone()
	sec := t.Unix() + int64(off)
	day := sec / 86400
	if sec%86400 < 0 {
		day-- // floor, for dates before 1970
	}
	return day
}

// DayStart is the first instant in loc of day number n (days since
// 1970-01-01, as dayNumber counts them): its midnight if that exists,
// else the moment the clock jumps past it.
func DayStart(n int64, loc *time.Location) time.Time {
	y, m, d := time.Unix(n*86400, 0).UTC().Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	// Zone offsets and their changes are whole quarter hours, so stepping
	// by 15 minutes lands on the change exactly.
	for i := 0; dayNumber(t, loc) < n && i < 24*4; i++ {
		t = t.Add(15 * time.Minute)
	}
	return t
}

// CalendarDays is the number of civil days from t's date to now's date,
// both in now's location (0 = the same day, 1 = yesterday), whatever the
// hours and however long the days between were.
func CalendarDays(t, now time.Time) int {
	loc := now.Location()
	return int(dayNumber(now, loc) - dayNumber(t, loc))
}

// mondayOf is the day number of the Monday on or before day n
// (1970-01-01, day 0, was a Thursday).
func mondayOf(n int64) int64 {
	return n - ((n+3)%7+7)%7
}

// Ago says how many calendar days before now t was: "today", "yesterday",
// "9 days ago"; "never" for the zero time. Every "days ago" the app shows
// comes from here, so the picker and `cooldown history` agree.
func Ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	switch n := CalendarDays(t, now); {
	case n < 0:
		return "in the future (clock?)"
	case n == 0:
		return "today"
	case n == 1:
		return "yesterday"
	default:
		return fmt.Sprintf("%d days ago", n)
	}
}
