package session

import (
	"slices"
	"testing"
	"time"
)

// A tick for a time already handled, or earlier, is a no-op: the UI may
// have two tick chains or deliver an old tick late, and nothing may change.
func TestStaleTicks(t *testing.T) {
	tests := []struct {
		name  string
		first time.Duration // routine clock of the tick already handled
		stale time.Duration // the tick that arrives after it
		pause bool          // paused after the first tick
	}{
		{"the same time twice", 70 * sec, 70 * sec, false},
		{"earlier, same segment", 70 * sec, 69 * sec, false},
		{"earlier, previous segment", 70 * sec, 66 * sec, false},
		{"earlier, exactly at the segment's start", 70 * sec, 68 * sec, false},
		{"earlier, before the start", 70 * sec, -time.Hour, false},
		{"the same time twice at a deadline", 64 * sec, 64 * sec, false},
		{"earlier, while paused", 70 * sec, 60 * sec, true},
		{"later, while paused", 70 * sec, time.Hour, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := runTo(t, mixed(), opts(true), tc.first)
			if tc.pause {
				s.Pause(now)
			}
			probe := now // read the session at the latest time it has seen
			if stale := t0.Add(tc.stale); stale.After(now) {
				probe = stale
			}
			before := take(s, probe)
			if evs := s.Tick(t0.Add(tc.stale)); len(evs) != 0 {
				t.Fatalf("stale tick returned%s", fmtEvents(evs))
			}
			if after := take(s, probe); !snapEqual(before, after) {
				t.Fatalf("stale tick changed the session:\n before %+v\n after  %+v", before, after)
			}
		})
	}
	t.Run("before Start", func(t *testing.T) {
		s := New(mixed(), opts(true))
		before := take(s, t0.Add(time.Hour))
		if evs := s.Tick(t0.Add(time.Hour)); len(evs) != 0 || s.State() != NotStarted {
			t.Fatalf("Tick before Start: state %v%s", s.State(), fmtEvents(evs))
		}
		if after := take(s, t0.Add(time.Hour)); !snapEqual(before, after) {
			t.Fatalf("changed:\n before %+v\n after  %+v", before, after)
		}
		// Start is what starts the clock, whatever was ticked before.
		s.Start(t0.Add(time.Hour))
		if got := s.Remaining(t0.Add(time.Hour)); got != 4*sec {
			t.Errorf("Remaining after Start = %v, want 4s", got)
		}
	})
	t.Run("Start twice", func(t *testing.T) {
		s, now := runTo(t, mixed(), opts(true), 30*sec)
		before := take(s, now)
		if evs := s.Start(now); len(evs) != 0 {
			t.Fatalf("second Start returned%s", fmtEvents(evs))
		}
		if after := take(s, now); !snapEqual(before, after) {
			t.Fatal("second Start changed the session")
		}
	})
}

// A user action stamped earlier than a time already handled is taken as
// happening at that time: the clock never runs backwards, so a late
// message cannot hand back time or make Remaining exceed Length.
func TestStaleTimesDoNotTurnTheClockBack(t *testing.T) {
	s, now := runTo(t, mixed(), opts(true), 70*sec) // calf L1, 68–88
	s.Pause(now.Add(-3 * sec))
	if got := s.Remaining(now); got != 18*sec {
		t.Fatalf("Remaining after a stale Pause = %v, want 18s", got)
	}
	if s.Remaining(now) > s.Length() {
		t.Fatalf("Remaining %v exceeds Length %v", s.Remaining(now), s.Length())
	}
	s.Resume(now.Add(10 * sec))
	if got := s.Summary(now.Add(10 * sec)); got.Paused != 10*sec || got.Active != 70*sec {
		t.Errorf("paused %v active %v, want 10s and 70s", got.Paused, got.Active)
	}
	if got := s.Remaining(now); got != 18*sec {
		t.Errorf("Remaining read at a stale time = %v, want 18s", got)
	}
}

// With auto-advance off a step's end waits for the user. The wait is time
// the clock stands still, like a pause: it is reported as Paused, not
// Active, so history's active minutes are the routine's time, not how long
// the screen sat waiting.
func TestWaitingForUser(t *testing.T) {
	s := New(mixed(), opts(false))
	s.Start(t0)
	s.Tick(t0.Add(63 * sec))
	evs := s.Tick(t0.Add(64*sec + 300*ms))
	if !sameKinds(evs, StepDone, WaitingForUser) || !evs[0].At.Equal(t0.Add(64*sec)) || !evs[1].At.Equal(t0.Add(64*sec)) || evs[1].Index != 2 {
		t.Fatalf("end of the walk:%s", fmtEvents(evs))
	}
	if s.State() != Waiting || s.Index() != 2 || s.StepIndex() != 1 {
		t.Fatalf("state %v index %d", s.State(), s.Index())
	}
	waiting := take(s, t0.Add(64*sec+300*ms))
	if waiting.Remaining != 4*sec || waiting.RoutineRemaining != mixedTotal-64*sec || waiting.NextChange != 0 {
		t.Errorf("while waiting: remaining %v routine %v next change %v", waiting.Remaining, waiting.RoutineRemaining, waiting.NextChange)
	}
	if evs := s.Tick(t0.Add(65 * sec)); len(evs) != 0 {
		t.Fatalf("Tick while waiting:%s", fmtEvents(evs))
	}
	if got := s.Remaining(t0.Add(69 * sec)); got != 4*sec {
		t.Errorf("Remaining moved while waiting: %v", got)
	}
	if sum := s.Summary(t0.Add(70 * sec)); sum.Paused != 6*sec || sum.Active != 64*sec || sum.StepsDone != 1 {
		t.Errorf("summary while waiting: paused %v active %v done %d, want 6s 64s 1", sum.Paused, sum.Active, sum.StepsDone)
	}
	// A pause during the wait, then resume: still waiting, and the wait is
	// counted once.
	s.Pause(t0.Add(70 * sec))
	if s.State() != Paused {
		t.Fatalf("state %v", s.State())
	}
	if evs := s.Resume(t0.Add(80 * sec)); !sameKinds(evs, ResumedEvent) || s.State() != Waiting {
		t.Fatalf("Resume during a wait: state %v", s.State())
	}
	if sum := s.Summary(t0.Add(100 * sec)); sum.Paused != 36*sec {
		t.Errorf("paused %v after pausing during the wait, want 36s", sum.Paused)
	}

	evs = s.Continue(t0.Add(100 * sec))
	if !sameKinds(evs, SegmentStarted) || !evs[0].At.Equal(t0.Add(100*sec)) || evs[0].Index != 2 || s.State() != Running {
		t.Fatalf("Continue:%s", fmtEvents(evs))
	}
	if got := s.Remaining(t0.Add(101 * sec)); got != 3*sec {
		t.Errorf("Remaining a second after Continue = %v", got)
	}
	if evs := s.Continue(t0.Add(101 * sec)); len(evs) != 0 {
		t.Errorf("Continue while running:%s", fmtEvents(evs))
	}

	// The calf step ends at 100+93 s and waits; continue after 7 s. The roll
	// ends at 200+67 s; continue at once. The last step does not wait.
	evs = s.Tick(t0.Add(200 * sec))
	if !sameKinds(evs[len(evs)-2:], StepDone, WaitingForUser) || !evs[len(evs)-1].At.Equal(t0.Add(193*sec)) {
		t.Fatalf("end of the calf step:%s", fmtEvents(evs))
	}
	s.Continue(t0.Add(200 * sec))
	s.Tick(t0.Add(267 * sec))
	s.Continue(t0.Add(267 * sec))
	evs = s.Tick(t0.Add(time.Hour))
	if !sameKinds(evs[len(evs)-2:], StepDone, Finished) {
		t.Fatalf("end:%s", fmtEvents(evs))
	}
	const waits = 36*sec + 7*sec
	if fin := evs[len(evs)-1]; !fin.At.Equal(t0.Add(mixedTotal + waits)) {
		t.Errorf("finished at %v, want Total + waits = %v", fin.At.Sub(t0), mixedTotal+waits)
	}
	sum := s.Summary(t0.Add(time.Hour))
	if sum.Active != mixedTotal || sum.Paused != waits || !sum.Completed || sum.StepsDone != 4 {
		t.Errorf("summary: %+v", sum)
	}
}

func TestNextChange(t *testing.T) {
	one := routine(step(exWalk, 60*sec, 1))
	noGR := Options{AutoAdvance: true} // the walk's hold runs 0–60
	tests := []struct {
		name      string
		remaining time.Duration
		want      time.Duration
	}{
		{"12.3 s left: the 13 turns 12 in 300 ms", 12300 * ms, 300 * ms},
		{"exactly 12 s left: shows 12 for a second", 12 * sec, sec},
		{"at the start of a 60 s hold", 60 * sec, sec},
		{"59.999 s left", 59999 * ms, 999 * ms},
		{"half a second left: the segment's end", 500 * ms, 500 * ms},
		{"one nanosecond left", 1, 1},
		{"exactly 1 s left", sec, sec},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := runTo(t, one, noGR, 60*sec-tc.remaining)
			if got := s.NextChange(now); got != tc.want {
				t.Fatalf("NextChange = %v, want %v", got, tc.want)
			}
			if before, after := ceilSec(s.Remaining(now.Add(tc.want-1))), ceilSec(s.Remaining(now.Add(tc.want))); before == after {
				t.Errorf("the display did not change at NextChange: %d", before)
			}
			if shown := ceilSec(s.Remaining(now)); shown != ceilSec(s.Remaining(now.Add(tc.want-1))) {
				t.Errorf("the display changed before NextChange")
			}
		})
	}
	states := []struct {
		name string
		new  func(t *testing.T) (*Session, time.Time)
	}{
		{"not started", func(*testing.T) (*Session, time.Time) { return New(mixed(), opts(true)), t0 }},
		{"paused", func(t *testing.T) (*Session, time.Time) {
			s, now := runTo(t, mixed(), opts(true), 70300*ms)
			s.Pause(now)
			return s, now
		}},
		{"waiting", func(t *testing.T) (*Session, time.Time) { return runTo(t, mixed(), opts(false), 64*sec) }},
		{"done", func(t *testing.T) (*Session, time.Time) { return runTo(t, mixed(), opts(true), time.Hour) }},
	}
	for _, st := range states {
		t.Run(st.name+" is 0", func(t *testing.T) {
			s, now := st.new(t)
			if got := s.NextChange(now); got != 0 {
				t.Fatalf("NextChange = %v, want 0", got)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	type op struct {
		at time.Duration // wall clock from t0
		do func(*Session, time.Time) []Event
	}
	tick := (*Session).Tick
	tests := []struct {
		name          string
		ops           []op
		at            time.Duration // when Summary is read
		wantAreas     map[string]float64
		done, skipped int
		active        time.Duration
		paused        time.Duration
		completed     bool
	}{
		{name: "straight through", ops: []op{{time.Hour, tick}}, at: time.Hour,
			wantAreas: map[string]float64{"hips": 60, "calves": 60 + 80, "quads": 60}, done: 4, active: mixedTotal, completed: true},
		{name: "a side's half-hold skipped counts its half", ops: []op{{78 * sec, (*Session).Skip}, {time.Hour, tick}}, at: time.Hour,
			wantAreas: map[string]float64{"hips": 60, "calves": 60 + 10, "quads": 60}, done: 3, skipped: 1, active: 78*sec + 81*sec, completed: true},
		{name: "skipping a get-ready skips no hold time", ops: []op{{66 * sec, (*Session).Skip}, {time.Hour, tick}}, at: time.Hour,
			wantAreas: map[string]float64{"hips": 60, "calves": 60 + 80, "quads": 60}, done: 4, active: mixedTotal - 2*sec, completed: true},
		{name: "mid-hold: the hold in progress counts", ops: []op{{75 * sec, tick}}, at: 75 * sec,
			wantAreas: map[string]float64{"hips": 60, "calves": 60 + 7}, done: 1, active: 75 * sec},
		{name: "paused mid-hold", ops: []op{{75 * sec, (*Session).Pause}}, at: 90 * sec,
			wantAreas: map[string]float64{"hips": 60, "calves": 60 + 7}, done: 1, active: 75 * sec, paused: 15 * sec},
		{name: "a hold cut short by Back counts, and again when redone", ops: []op{{34 * sec, (*Session).Back}, {35 * sec, tick}}, at: 35 * sec,
			wantAreas: map[string]float64{"hips": 30, "calves": 30}, active: 35 * sec},
		{name: "Back then run to the end", ops: []op{{34 * sec, (*Session).Back}, {time.Hour, tick}}, at: time.Hour,
			wantAreas: map[string]float64{"hips": 90, "calves": 90 + 80, "quads": 60}, done: 4, active: mixedTotal + 34*sec, completed: true},
		{name: "paused and skipped through the end", ops: []op{{230 * sec, (*Session).Pause}, {240 * sec, (*Session).Skip}}, at: time.Hour,
			wantAreas: map[string]float64{"hips": 60, "calves": 140, "quads": 60}, done: 3, skipped: 1, active: 230 * sec, paused: 10 * sec, completed: true},
		{name: "not started", at: time.Hour, wantAreas: map[string]float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(mixed(), opts(true))
			if tc.name != "not started" {
				s.Start(t0)
			}
			for _, o := range tc.ops {
				o.do(s, t0.Add(o.at))
			}
			sum := s.Summary(t0.Add(tc.at))
			areas := map[string]float64{}
			for a, v := range sum.AreaSeconds {
				if v != 0 {
					areas[a] = v
				}
			}
			if !mapsEqual(areas, tc.wantAreas) {
				t.Errorf("AreaSeconds = %v, want %v", sum.AreaSeconds, tc.wantAreas)
			}
			if sum.StepsDone != tc.done || sum.StepsSkipped != tc.skipped || sum.StepsTotal != 4 {
				t.Errorf("done %d skipped %d total %d, want %d %d 4", sum.StepsDone, sum.StepsSkipped, sum.StepsTotal, tc.done, tc.skipped)
			}
			if sum.Active != tc.active || sum.Paused != tc.paused || sum.Completed != tc.completed {
				t.Errorf("active %v paused %v completed %v, want %v %v %v", sum.Active, sum.Paused, sum.Completed, tc.active, tc.paused, tc.completed)
			}
			if s.State() != NotStarted && sum.End.Sub(sum.Start) != sum.Active+sum.Paused {
				t.Errorf("End-Start = %v, Active+Paused = %v", sum.End.Sub(sum.Start), sum.Active+sum.Paused)
			}
		})
	}
}

func mapsEqual(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestRoutineRemaining(t *testing.T) {
	tests := []struct {
		name string
		at   time.Duration
		want time.Duration
	}{
		{"at the start", 0, mixedTotal},
		{"mid get-ready", 2 * sec, mixedTotal - 2*sec},
		{"at a segment boundary", 64 * sec, mixedTotal - 64*sec},
		{"mid switch", 89500 * ms, mixedTotal - 89500*ms},
		{"a nanosecond before the end", mixedTotal - 1, 1},
		{"at the end", mixedTotal, 0},
		{"long after", time.Hour, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := runTo(t, mixed(), opts(true), tc.at)
			if got := s.RoutineRemaining(now); got != tc.want {
				t.Fatalf("RoutineRemaining = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("before Start", func(t *testing.T) {
		s := New(mixed(), opts(true))
		if got := s.RoutineRemaining(t0); got != mixedTotal {
			t.Fatalf("RoutineRemaining = %v, want %v", got, mixedTotal)
		}
		if got := s.Remaining(t0); got != 4*sec || s.Length() != 4*sec {
			t.Errorf("before Start Remaining %v Length %v, want the first segment's 4s", got, s.Length())
		}
	})
	t.Run("with +5 s and -5 s", func(t *testing.T) {
		s, now := runTo(t, mixed(), opts(true), 76*sec)
		s.Adjust(now, 5*sec)
		s.Adjust(now, 5*sec)
		// A left-side hold: the right side of the rep changes with it.
		if got, want := s.RoutineRemaining(now), mixedTotal-76*sec+2*10*sec; got != want {
			t.Fatalf("after +10 s: %v, want %v", got, want)
		}
		s.Adjust(now.Add(sec), -5*sec)
		if got, want := s.RoutineRemaining(now.Add(sec)), mixedTotal-77*sec+2*5*sec; got != want {
			t.Fatalf("after -5 s: %v, want %v", got, want)
		}
	})
	t.Run("frozen while paused", func(t *testing.T) {
		s, now := runTo(t, mixed(), opts(true), 100*sec)
		s.Pause(now)
		if got := s.RoutineRemaining(now.Add(time.Hour)); got != mixedTotal-100*sec {
			t.Fatalf("RoutineRemaining = %v", got)
		}
	})
	t.Run("decreases exactly with time", func(t *testing.T) {
		s, now := runTo(t, mixed(), opts(true), 10*sec)
		for _, d := range []time.Duration{1, ms, 333 * ms, 54 * sec, 3*sec + 7} {
			before := s.RoutineRemaining(now)
			now = now.Add(d)
			s.Tick(now)
			if got := s.RoutineRemaining(now); got != before-d {
				t.Fatalf("after %v: %v, want %v", d, got, before-d)
			}
		}
	})
}

// An empty routine finishes as it starts.
func TestEmptyRoutine(t *testing.T) {
	s := New(routine(), opts(true))
	evs := s.Start(t0)
	if !sameKinds(evs, Finished) || s.State() != Done {
		t.Fatalf("state %v%s", s.State(), fmtEvents(evs))
	}
	if s.Remaining(t0) != 0 || s.RoutineRemaining(t0) != 0 || s.NextChange(t0) != 0 {
		t.Error("an empty routine has time left")
	}
	sum := s.Summary(t0.Add(sec))
	if !sum.Completed || sum.Active != 0 || sum.StepsTotal != 0 || !slices.Equal(s.Status(), []StepStatus{}) {
		t.Errorf("summary %+v", sum)
	}
	for _, f := range []func(*Session, time.Time) []Event{(*Session).Skip, (*Session).Back, (*Session).Pause, (*Session).Tick} {
		if evs := f(s, t0.Add(sec)); len(evs) != 0 {
			t.Errorf("action on an empty routine:%s", fmtEvents(evs))
		}
	}
}
