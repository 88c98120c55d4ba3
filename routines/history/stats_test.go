package history

import (
	"reflect"
	"testing"
	"time"
	_ "time/tzdata" // the zones below must exist even on a machine without zoneinfo
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at is a completed 10-minute session starting at the given instant.
func at(y int, m time.Month, d, h, min int, loc *time.Location) Record {
	return mkRec("", time.Date(y, m, d, h, min, 0, 0, loc), 10)
}

func TestStreakDays(t *testing.T) {
	utc := time.UTC
	berlin := mustLoc(t, "Europe/Berlin")
	newYork := mustLoc(t, "America/New_York")
	quitAtOnce := at(2026, 3, 4, 9, 0, utc)
	quitAtOnce.Outcome, quitAtOnce.StepsDone = OutcomeQuit, 0
	quitLate := at(2026, 3, 4, 9, 0, utc)
	quitLate.Outcome, quitLate.StepsDone = OutcomeQuit, 1
	interrupted := at(2026, 3, 4, 9, 0, utc)
	interrupted.Outcome, interrupted.StepsDone = OutcomeInterrupted, 4

	tests := []struct {
		name string
		recs []Record
		now  time.Time
		want int
	}{
		{"empty history", nil, t0(), 0},
		{"one session today", []Record{at(2026, 3, 4, 9, 0, utc)}, t0(), 1},
		{"one session yesterday: not broken yet", []Record{at(2026, 3, 3, 9, 0, utc)}, t0(), 1},
		{"one session two days ago: broken", []Record{at(2026, 3, 2, 9, 0, utc)}, t0(), 0},
		{"three days running", []Record{at(2026, 3, 2, 9, 0, utc), at(2026, 3, 3, 21, 0, utc), at(2026, 3, 4, 7, 0, utc)}, t0(), 3},
		{"two sessions on one day count once", []Record{at(2026, 3, 4, 7, 0, utc), at(2026, 3, 4, 8, 0, utc), at(2026, 3, 3, 8, 0, utc)}, t0(), 2},
		{"gap breaks it", []Record{at(2026, 3, 1, 9, 0, utc), at(2026, 3, 3, 9, 0, utc), at(2026, 3, 4, 9, 0, utc)}, t0(), 2},
		{"order does not matter", []Record{at(2026, 3, 4, 9, 0, utc), at(2026, 3, 2, 9, 0, utc), at(2026, 3, 3, 9, 0, utc)}, t0(), 3},
		{"quit with no step done does not count", []Record{quitAtOnce}, t0(), 0},
		{"quit after a step counts", []Record{quitLate}, t0(), 1},
		{"interrupted with steps counts", []Record{interrupted}, t0(), 1},
		{"future session ignored", []Record{at(2026, 3, 5, 9, 0, utc)}, t0(), 0},
		{"across a week boundary (Sun→Mon)", []Record{at(2026, 3, 7, 9, 0, utc), at(2026, 3, 8, 9, 0, utc), at(2026, 3, 9, 9, 0, utc)},
			time.Date(2026, 3, 9, 20, 0, 0, 0, utc), 3},
		{"across a month boundary", []Record{at(2026, 2, 27, 9, 0, utc), at(2026, 2, 28, 9, 0, utc), at(2026, 3, 1, 9, 0, utc)},
			time.Date(2026, 3, 1, 10, 0, 0, 0, utc), 3},
		{"just after midnight, yesterday still holds", []Record{at(2026, 3, 3, 23, 55, utc)},
			time.Date(2026, 3, 4, 0, 1, 0, 0, utc), 1},
		// 23:30 UTC is already the next day in Berlin (UTC+1 in winter).
		{"23:30 UTC seen from UTC", []Record{at(2026, 3, 2, 12, 0, utc), at(2026, 3, 2, 23, 30, utc)},
			time.Date(2026, 3, 3, 12, 0, 0, 0, utc), 1},
		{"23:30 UTC seen from Berlin", []Record{at(2026, 3, 2, 12, 0, utc), at(2026, 3, 2, 23, 30, utc)},
			time.Date(2026, 3, 3, 12, 0, 0, 0, berlin), 2},
		// 03:00 UTC is still the previous evening in New York (UTC-5).
		{"03:00 UTC seen from New York", []Record{at(2026, 3, 3, 3, 0, utc), at(2026, 3, 3, 15, 0, utc)},
			time.Date(2026, 3, 3, 18, 0, 0, 0, newYork), 2},
		{"03:00 UTC seen from UTC", []Record{at(2026, 3, 3, 3, 0, utc), at(2026, 3, 3, 15, 0, utc)},
			time.Date(2026, 3, 3, 18, 0, 0, 0, utc), 1},
		// Berlin springs forward on 2026-03-29: that day has 23 hours.
		{"across a DST change", []Record{at(2026, 3, 28, 8, 0, berlin), at(2026, 3, 29, 8, 0, berlin), at(2026, 3, 30, 0, 30, berlin)},
			time.Date(2026, 3, 30, 23, 30, 0, 0, berlin), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StreakDays(tt.recs, tt.now); got != tt.want {
				t.Errorf("StreakDays = %d, want %d", got, tt.want)
			}
			if got := Compute(tt.recs, tt.now).StreakDays; got != tt.want {
				t.Errorf("Compute().StreakDays = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestSessionsThisWeek(t *testing.T) {
	utc := time.UTC
	berlin := mustLoc(t, "Europe/Berlin")
	long := func(r Record, min float64) Record {
		r.ActiveSeconds = min * 60
		return r
	}
	quitAtOnce := at(2026, 3, 3, 9, 0, utc)
	quitAtOnce.Outcome, quitAtOnce.StepsDone = OutcomeQuit, 0
	// t0 is Wednesday 2026-03-04; its ISO week runs Mon 2026-03-02 .. Sun 2026-03-08.
	tests := []struct {
		name      string
		recs      []Record
		now       time.Time
		want      int
		wantLong  int
		wantTotal int
	}{
		{"empty", nil, t0(), 0, 0, 0},
		{"one session", []Record{at(2026, 3, 4, 9, 0, utc)}, t0(), 1, 0, 1},
		{"Monday counts, Sunday before does not",
			[]Record{at(2026, 3, 1, 23, 59, utc), at(2026, 3, 2, 0, 0, utc)}, t0(), 1, 0, 2},
		{"later this week counts", []Record{at(2026, 3, 8, 9, 0, utc)}, t0(), 1, 0, 1},
		{"next Monday does not", []Record{at(2026, 3, 9, 0, 0, utc)}, t0(), 0, 0, 1},
		{"Sunday 23:30 UTC is Monday in Berlin",
			[]Record{at(2026, 3, 1, 23, 30, utc)}, time.Date(2026, 3, 4, 12, 0, 0, 0, berlin), 1, 0, 1},
		{"Sunday 23:30 UTC is last week in UTC",
			[]Record{at(2026, 3, 1, 23, 30, utc)}, t0(), 0, 0, 1},
		{"now on Sunday night",
			[]Record{at(2026, 3, 2, 9, 0, utc), at(2026, 3, 8, 23, 0, utc)}, time.Date(2026, 3, 8, 23, 59, 0, 0, utc), 2, 0, 2},
		{"long sessions: 20 min counts, 19:59 does not",
			[]Record{long(at(2026, 3, 2, 9, 0, utc), 20), long(at(2026, 3, 3, 9, 0, utc), 19.99), long(at(2026, 3, 4, 9, 0, utc), 43)}, t0(), 3, 2, 3},
		{"long session last week is not this week's",
			[]Record{long(at(2026, 2, 28, 9, 0, utc), 40)}, t0(), 0, 0, 1},
		{"a session that does not count is not counted", []Record{quitAtOnce}, t0(), 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Compute(tt.recs, tt.now)
			if st.SessionsThisWeek != tt.want || SessionsThisWeek(tt.recs, tt.now) != tt.want {
				t.Errorf("SessionsThisWeek = %d, want %d", st.SessionsThisWeek, tt.want)
			}
			if st.LongSessionsThisWeek != tt.wantLong || LongSessionsThisWeek(tt.recs, tt.now) != tt.wantLong {
				t.Errorf("LongSessionsThisWeek = %d, want %d", st.LongSessionsThisWeek, tt.wantLong)
			}
			if st.TotalSessions != tt.wantTotal {
				t.Errorf("TotalSessions = %d, want %d", st.TotalSessions, tt.wantTotal)
			}
		})
	}
}

func TestComputeEmptyAndLast(t *testing.T) {
	st := Compute(nil, t0())
	if st.StreakDays != 0 || st.SessionsThisWeek != 0 || st.TotalSessions != 0 || !st.LastSession.IsZero() || len(st.AreaLastCovered) != 0 {
		t.Errorf("Compute(nil) = %+v", st)
	}
	a, b := at(2026, 3, 1, 9, 0, time.UTC), at(2026, 3, 3, 9, 0, time.UTC)
	if st := Compute([]Record{b, a}, t0()); !st.LastSession.Equal(b.Start) {
		t.Errorf("LastSession = %v, want %v", st.LastSession, b.Start)
	}
}

func TestAreaLastCoveredAndNeglected(t *testing.T) {
	withAreas := func(r Record, areas map[string]float64) Record {
		r.AreaSeconds = areas
		return r
	}
	d1 := at(2026, 3, 1, 9, 0, time.UTC)
	d2 := at(2026, 3, 2, 9, 0, time.UTC)
	d3 := at(2026, 3, 3, 9, 0, time.UTC)
	quit := withAreas(d3, map[string]float64{"neck": 15})
	quit.Outcome, quit.StepsDone = OutcomeQuit, 0 // seconds spent still cover the area
	recs := []Record{
		withAreas(d2, map[string]float64{"calves": 60, "hips": 30}),
		withAreas(d1, map[string]float64{"calves": 60, "quads": 45, "feet": 0}),
		quit,
		withAreas(d1, nil),
	}
	last := AreaLastCovered(recs)
	want := map[string]time.Time{"calves": d2.Start, "hips": d2.Start, "quads": d1.Start, "neck": d3.Start}
	if !reflect.DeepEqual(last, want) {
		t.Errorf("AreaLastCovered = %v, want %v", last, want)
	}
	if len(AreaLastCovered(nil)) != 0 {
		t.Error("AreaLastCovered(nil) not empty")
	}

	vocab := []string{"neck", "quads", "hips", "calves", "feet", "shins"}
	never, byNeglect := Neglected(last, vocab)
	if w := []string{"feet", "shins"}; !reflect.DeepEqual(never, w) {
		t.Errorf("never = %v, want %v", never, w)
	}
	// quads (d1), then hips and calves (d2, vocabulary order), then neck (d3).
	if w := []string{"feet", "shins", "quads", "hips", "calves", "neck"}; !reflect.DeepEqual(byNeglect, w) {
		t.Errorf("byNeglect = %v, want %v", byNeglect, w)
	}
	never, byNeglect = Neglected(nil, vocab)
	if !reflect.DeepEqual(never, vocab) || !reflect.DeepEqual(byNeglect, vocab) {
		t.Errorf("empty history: never %v, byNeglect %v", never, byNeglect)
	}
}

func TestHeatmap(t *testing.T) {
	utc := time.UTC
	berlin := mustLoc(t, "Europe/Berlin")
	recs := []Record{
		at(2026, 2, 22, 9, 0, utc), // Sunday before the range
		at(2026, 2, 23, 9, 0, utc), // Monday, first cell
		at(2026, 2, 23, 18, 0, utc),
		at(2026, 3, 1, 23, 30, utc), // Sunday in UTC, Monday in Berlin
		at(2026, 3, 4, 9, 0, utc),   // today
		at(2026, 3, 5, 9, 0, utc),   // tomorrow: not shown
	}
	g := Heatmap(recs, t0(), 2)
	if !g.FirstMonday.Equal(time.Date(2026, 2, 23, 0, 0, 0, 0, utc)) {
		t.Errorf("FirstMonday = %v", g.FirstMonday)
	}
	wantSessions := [][7]int{{2, 0, 0, 0, 0, 0, 1}, {0, 0, 1, 0, 0, 0, 0}}
	if !reflect.DeepEqual(g.Sessions, wantSessions) {
		t.Errorf("Sessions = %v, want %v", g.Sessions, wantSessions)
	}
	if g.Minutes[0][0] != 20 || g.Minutes[1][2] != 10 {
		t.Errorf("Minutes = %v", g.Minutes)
	}
	if d := g.Date(1, 2); !d.Equal(time.Date(2026, 3, 4, 0, 0, 0, 0, utc)) {
		t.Errorf("Date(1, 2) = %v", d)
	}

	gb := Heatmap(recs, time.Date(2026, 3, 4, 12, 0, 0, 0, berlin), 2)
	if !gb.FirstMonday.Equal(time.Date(2026, 2, 23, 0, 0, 0, 0, berlin)) {
		t.Errorf("Berlin FirstMonday = %v", gb.FirstMonday)
	}
	wantBerlin := [][7]int{{2, 0, 0, 0, 0, 0, 0}, {1, 0, 1, 0, 0, 0, 0}}
	if !reflect.DeepEqual(gb.Sessions, wantBerlin) {
		t.Errorf("Berlin Sessions = %v, want %v", gb.Sessions, wantBerlin)
	}

	// Weeks across a DST change still start at local midnight on Mondays.
	gd := Heatmap(nil, time.Date(2026, 4, 1, 12, 0, 0, 0, berlin), 3)
	if !gd.FirstMonday.Equal(time.Date(2026, 3, 16, 0, 0, 0, 0, berlin)) || !gd.Date(2, 0).Equal(time.Date(2026, 3, 30, 0, 0, 0, 0, berlin)) {
		t.Errorf("DST weeks: first %v, row 2 %v", gd.FirstMonday, gd.Date(2, 0))
	}

	if g := Heatmap(recs, t0(), 0); len(g.Sessions) != 0 || len(g.Minutes) != 0 {
		t.Errorf("0 weeks: %+v", g)
	}
	if g := Heatmap(nil, t0(), -3); len(g.Sessions) != 0 {
		t.Errorf("negative weeks: %+v", g)
	}
	if g := Heatmap(nil, t0(), 1<<40); len(g.Sessions) != maxHeatmapWeeks {
		t.Errorf("huge weeks: %d rows", len(g.Sessions))
	}
}

func TestDayNumberAndMonday(t *testing.T) {
	for _, d := range []time.Time{
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 28, 12, 0, 0, 0, time.UTC), // before the epoch
		time.Date(2026, 3, 8, 23, 59, 0, 0, time.UTC),
		time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
	} {
		n := dayNumber(d, time.UTC)
		m := DayStart(mondayOf(n), time.UTC)
		if m.Weekday() != time.Monday || m.After(d) || d.Sub(m) >= 7*24*time.Hour {
			t.Errorf("Monday of %v = %v", d, m)
		}
		if y, mo, dd := DayStart(n, time.UTC).Date(); y != d.Year() || mo != d.Month() || dd != d.Day() {
			t.Errorf("DayStart(dayNumber(%v)) = %d-%d-%d", d, y, mo, dd)
		}
	}
}

func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		outcome Outcome
		done    int
		want    bool
	}{
		{OutcomeCompleted, 8, true},
		{OutcomeCompleted, 0, false}, // ran to the end with every step skipped
		{OutcomeQuit, 2, true},
		{OutcomeQuit, 0, false},
		{OutcomeInterrupted, 1, true},
		{OutcomeInterrupted, 0, false},
	} {
		r := Record{Outcome: tc.outcome, StepsDone: tc.done}
		if got := r.Counts(); got != tc.want {
			t.Errorf("%s with %d steps done: Counts() = %v, want %v", tc.outcome, tc.done, got, tc.want)
		}
	}
}

// Civil days in zones whose clocks skip midnight: every cell of the
// heatmap is its own date, and CalendarDays counts dates, not 24 h spans.
func TestCivilDaysWhereMidnightIsSkipped(t *testing.T) {
	for _, tc := range []struct {
		zone    string
		y, m, d int // a day whose midnight does not exist there
	}{{"America/Santiago", 2026, 9, 6}, {"America/Havana", 2025, 3, 9}} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Skipf("no zone data: %v", err)
		}
		day := time.Date(tc.y, time.Month(tc.m), tc.d, 12, 0, 0, 0, loc)
		g := Heatmap([]Record{mkRec("a", day, 10)}, day.AddDate(0, 0, 10), 4)
		seen := map[string]bool{}
		for w := range g.Sessions {
			for d := range 7 {
				s := g.Date(w, d).Format(time.DateOnly)
				if seen[s] {
					t.Errorf("%s: %s is in the calendar twice", tc.zone, s)
				}
				seen[s] = true
				if g.Sessions[w][d] > 0 && s != day.Format(time.DateOnly) {
					t.Errorf("%s: the session of %s is shown on %s", tc.zone, day.Format(time.DateOnly), s)
				}
			}
		}
		late := time.Date(tc.y, time.Month(tc.m), tc.d-1, 23, 30, 0, 0, loc)
		if n := CalendarDays(late, day); n != 1 {
			t.Errorf("%s: CalendarDays(23:30 the day before, noon) = %d, want 1", tc.zone, n)
		}
	}
}
