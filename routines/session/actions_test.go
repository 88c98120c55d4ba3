package session

import (
	"slices"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// actionCase reaches a point of the mixed routine, does one user action and
// checks where the session ends up.
type actionCase struct {
	name   string
	noAuto bool          // auto-advance off
	at     time.Duration // routine clock to tick to first
	pause  bool          // pause at 'at'
	later  time.Duration // wall time between 'at' and the action (no tick in between)

	wantEvents    []EventKind
	wantState     State
	wantIndex     int
	wantRemaining time.Duration
	wantStatus    []StepStatus
	// wantPausedGain is stopped time the action itself brings to light: a
	// wait for the user that began at a deadline before the action.
	wantPausedGain time.Duration
}

func (tc actionCase) run(t *testing.T, act func(*Session, time.Time) []Event) (*Session, time.Time) {
	t.Helper()
	s, now := runTo(t, mixed(), opts(!tc.noAuto), tc.at)
	if tc.pause {
		if evs := s.Pause(now); len(evs) == 0 {
			t.Fatalf("could not pause at %v in state %v", tc.at, s.State())
		}
	}
	pausedBefore := s.Summary(now.Add(tc.later)).Paused
	now = now.Add(tc.later)
	evs := act(s, now)
	if !slices.Equal(kinds(evs), tc.wantEvents) {
		t.Fatalf("events %s, want %s:%s", fmtKinds(kinds(evs)), fmtKinds(tc.wantEvents), fmtEvents(evs))
	}
	for _, e := range evs {
		if e.At.After(now) {
			t.Errorf("event %s at %v, after the action at %v", kindNames[e.Kind], e.At.Sub(t0), now.Sub(t0))
		}
	}
	if s.State() != tc.wantState || s.Index() != tc.wantIndex {
		t.Fatalf("state %v index %d, want %v index %d", s.State(), s.Index(), tc.wantState, tc.wantIndex)
	}
	if got := s.Remaining(now); got != tc.wantRemaining {
		t.Errorf("Remaining = %v, want %v", got, tc.wantRemaining)
	}
	if !slices.Equal(s.Status(), tc.wantStatus) {
		t.Errorf("Status = %v, want %v", s.Status(), tc.wantStatus)
	}
	// The time already paused is kept, and a pause still in force goes on.
	if got, want := s.Summary(now).Paused, pausedBefore+tc.wantPausedGain; got != want {
		t.Errorf("Summary.Paused = %v across the action, want %v", got, want)
	}
	switch s.State() {
	case Running:
		// The new segment runs from now: its deadline is now + its length.
		if s.Length() != tc.wantRemaining {
			t.Errorf("Length = %v, want the whole segment %v", s.Length(), tc.wantRemaining)
		}
		if evs := s.Tick(now.Add(tc.wantRemaining - 1)); len(evs) != 0 {
			t.Errorf("segment ended early:%s", fmtEvents(evs))
		}
		evs := s.Tick(now.Add(tc.wantRemaining))
		if len(evs) == 0 || !evs[0].At.Equal(now.Add(tc.wantRemaining)) {
			t.Errorf("segment did not end at now+%v:%s", tc.wantRemaining, fmtEvents(evs))
		}
	case Paused:
		if got := s.Remaining(now.Add(time.Hour)); got != tc.wantRemaining {
			t.Errorf("Remaining an hour into the pause = %v, want %v", got, tc.wantRemaining)
		}
		if got, want := s.Summary(now.Add(time.Minute)).Paused, pausedBefore+tc.wantPausedGain+time.Minute; got != want {
			t.Errorf("the pause did not go on: Summary.Paused = %v, want %v", got, want)
		}
	}
	return s, now
}

func TestSkip(t *testing.T) {
	tests := []actionCase{
		{name: "first get-ready starts the hold", at: sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 1, wantRemaining: 60 * sec, wantStatus: statuses(P, P, P, P)},
		{name: "get-ready starts the hold, step not skipped", at: 66 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 3, wantRemaining: 20 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "plain hold goes to the next get-ready", at: 30 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted}, wantState: Running, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(S, P, P, P)},
		{name: "first side's hold skips the whole step", at: 73 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted}, wantState: Running, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "switch skips the whole step", at: 89500 * ms,
			wantEvents: []EventKind{StepSkipped, SegmentStarted}, wantState: Running, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "switch between reps", at: 112 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted}, wantState: Running, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "last hold of a step", at: 150 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted}, wantState: Running, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "last step's get-ready starts its hold", at: 225 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 15, wantRemaining: 10 * sec, wantStatus: statuses(C, C, C, P)},
		{name: "last step's hold finishes the routine", at: 230 * sec,
			wantEvents: []EventKind{StepSkipped, Finished}, wantState: Done, wantIndex: 15, wantRemaining: 0, wantStatus: statuses(C, C, C, S)},
		{name: "paused in a get-ready: hold starts paused", at: 66 * sec, pause: true, later: 10 * sec,
			wantEvents: []EventKind{SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 3, wantRemaining: 20 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "paused in a hold: next get-ready, still paused", at: 73 * sec, pause: true, later: 10 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "paused in a switch", at: 89500 * ms, pause: true, later: sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "paused in the last hold finishes", at: 230 * sec, pause: true, later: 10 * sec,
			wantEvents: []EventKind{StepSkipped, Finished}, wantState: Done, wantIndex: 15, wantRemaining: 0, wantStatus: statuses(C, C, C, S)},
		{name: "waiting: the waiting step is skipped whole", noAuto: true, at: 64 * sec, later: 30 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted}, wantState: Running, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "paused while waiting: skipped whole, still paused", noAuto: true, at: 64 * sec, pause: true, later: 30 * sec,
			wantEvents: []EventKind{StepSkipped, SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 10, wantRemaining: 4 * sec, wantStatus: statuses(C, S, P, P)},
		{name: "waiting for the last step", noAuto: true, at: 224 * sec, later: sec,
			wantEvents: []EventKind{StepSkipped, Finished}, wantState: Done, wantIndex: 15, wantRemaining: 0, wantStatus: statuses(C, C, C, S)},
		// The key press arrives after the walk ended: the engine reports the
		// end of the walk, and the skip applies to what is on screen then,
		// the calf stretch's get-ready.
		{name: "pressed after a deadline passed", at: 63500 * ms, later: sec,
			wantEvents: []EventKind{StepDone, SegmentStarted, SegmentStarted}, wantState: Running, wantIndex: 3, wantRemaining: 20 * sec, wantStatus: statuses(C, P, P, P)},
		// Same with auto-advance off: the step ended into a wait, so the
		// skip is spent on it rather than skipping the step not yet shown.
		{name: "pressed after a step ended into a wait", noAuto: true, at: 63500 * ms, later: sec,
			wantEvents: []EventKind{StepDone, WaitingForUser}, wantState: Waiting, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P),
			wantPausedGain: 500 * ms},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := tc.run(t, (*Session).Skip)
			if tc.wantState == Done {
				sum := s.Summary(now.Add(time.Hour))
				if !sum.Completed || !sum.End.Equal(now) || sum.StepsSkipped != 1 || sum.StepsDone != 3 {
					t.Errorf("summary after skipping the last step: %+v", sum)
				}
			}
		})
	}
}

func TestBack(t *testing.T) {
	tests := []actionCase{
		{name: "first get-ready restarts it", at: 2 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 0, wantRemaining: 4 * sec, wantStatus: statuses(P, P, P, P)},
		{name: "plain hold restarts the step", at: 30 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 0, wantRemaining: 4 * sec, wantStatus: statuses(P, P, P, P)},
		{name: "first side's hold restarts the step", at: 70 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "switch restarts the step", at: 89500 * ms,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "second rep's hold restarts the step", at: 120 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "get-ready goes to the previous step, which is pending again", at: 159 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "last step's hold", at: 230 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 14, wantRemaining: 4 * sec, wantStatus: statuses(C, C, C, P)},
		{name: "paused in a hold: restarts paused", at: 120 * sec, pause: true, later: 10 * sec,
			wantEvents: []EventKind{SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "paused in a get-ready: previous step, paused", at: 159 * sec, pause: true, later: 10 * sec,
			wantEvents: []EventKind{SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 2, wantRemaining: 4 * sec, wantStatus: statuses(C, P, P, P)},
		{name: "paused at the first get-ready", at: sec, pause: true, later: 10 * sec,
			wantEvents: []EventKind{SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 0, wantRemaining: 4 * sec, wantStatus: statuses(P, P, P, P)},
		{name: "waiting: the step just done again", noAuto: true, at: 64 * sec, later: 30 * sec,
			wantEvents: []EventKind{SegmentStarted}, wantState: Running, wantIndex: 0, wantRemaining: 4 * sec, wantStatus: statuses(P, P, P, P)},
		{name: "paused while waiting", noAuto: true, at: 64 * sec, pause: true, later: 30 * sec,
			wantEvents: []EventKind{SegmentStarted, PausedEvent}, wantState: Paused, wantIndex: 0, wantRemaining: 4 * sec, wantStatus: statuses(P, P, P, P)},
		{name: "pressed after a deadline passed", at: 63500 * ms, later: sec,
			wantEvents: []EventKind{StepDone, SegmentStarted, SegmentStarted}, wantState: Running, wantIndex: 0, wantRemaining: 4 * sec, wantStatus: statuses(P, P, P, P)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, (*Session).Back) })
	}
}

// A skipped step that the user goes back to is pending again, then counts
// as done once it runs to its end.
func TestBackAfterSkip(t *testing.T) {
	s, now := runTo(t, mixed(), opts(true), 73*sec)
	s.Skip(now) // calf skipped, roll's get-ready from 73 s
	if got := s.Status()[1]; got != Skipped {
		t.Fatalf("status after skip = %v", got)
	}
	now = now.Add(sec)
	if evs := s.Back(now); !sameKinds(evs, SegmentStarted) || s.Index() != 2 {
		t.Fatalf("Back from the roll's get-ready: index %d%s", s.Index(), fmtEvents(evs))
	}
	if !slices.Equal(s.Status(), statuses(C, P, P, P)) {
		t.Fatalf("Status = %v", s.Status())
	}
	s.Tick(now.Add(93 * sec)) // the whole calf step: 4 + 4×20 + 3×3
	if !slices.Equal(s.Status(), statuses(C, C, P, P)) || s.Index() != 10 {
		t.Fatalf("after running the step again: status %v index %d", s.Status(), s.Index())
	}
	sum := s.Summary(now.Add(93 * sec))
	if sum.StepsDone != 2 || sum.StepsSkipped != 0 {
		t.Errorf("done %d skipped %d, want 2 and 0", sum.StepsDone, sum.StepsSkipped)
	}
}

// With no get-ready a step starts with its hold. Back well into that hold
// restarts it; Back in its first moments goes to the previous step, so the
// previous step can still be reached.
func TestBackWithoutGetReady(t *testing.T) {
	o := Options{Timing: routines.Timing{Switch: 3 * sec}, AutoAdvance: true}
	// Segments: 0 walk 0–60 | 1 calf L1 60–80 | 2 sw 80–83 | 3 calf R1 83–103 ...
	tests := []struct {
		name      string
		at        time.Duration
		wantIndex int
	}{
		{"10 s into the step's first hold restarts it", 70 * sec, 1},
		{"1 s into the step's first hold goes to the previous step", 61 * sec, 0},
		{"just before the grace ends", 62*sec - 1, 0},
		{"as the grace ends", 62 * sec, 1},
		{"a later hold of the step restarts it however early", 83500 * ms, 1},
		{"the first step restarts", 500 * ms, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := runTo(t, mixed(), o, tc.at)
			s.Back(now)
			if s.Index() != tc.wantIndex || s.State() != Running || s.Remaining(now) != s.Timeline().Segments[tc.wantIndex].Dur {
				t.Fatalf("index %d state %v remaining %v, want index %d running at full length", s.Index(), s.State(), s.Remaining(now), tc.wantIndex)
			}
		})
	}
	t.Run("twice in a row reaches the previous step", func(t *testing.T) {
		s, now := runTo(t, mixed(), o, 75*sec)
		s.Back(now)
		s.Back(now.Add(500 * ms))
		if s.Index() != 0 {
			t.Fatalf("index %d, want 0", s.Index())
		}
	})
}

func TestAdjust(t *testing.T) {
	tests := []struct {
		name      string
		at        time.Duration // routine clock; the calf's first hold runs 68–88
		pause     bool
		later     time.Duration
		d         []time.Duration
		wantEvs   []EventKind // of the last Adjust
		wantIndex int
		wantRem   time.Duration
		wantLen   time.Duration
	}{
		{name: "+5 with 12 s left", at: 76 * sec, d: []time.Duration{5 * sec}, wantIndex: 3, wantRem: 17 * sec, wantLen: 25 * sec},
		{name: "-5 with 12 s left", at: 76 * sec, d: []time.Duration{-5 * sec}, wantIndex: 3, wantRem: 7 * sec, wantLen: 15 * sec},
		{name: "-5 with 8 s left stops at 5 s", at: 80 * sec, d: []time.Duration{-5 * sec}, wantIndex: 3, wantRem: 5 * sec, wantLen: 17 * sec},
		{name: "-5 with exactly 5 s left", at: 83 * sec, d: []time.Duration{-5 * sec}, wantIndex: 3, wantRem: 5 * sec, wantLen: 20 * sec},
		{name: "-5 with 3 s left does nothing", at: 85 * sec, d: []time.Duration{-5 * sec}, wantIndex: 3, wantRem: 3 * sec, wantLen: 20 * sec},
		{name: "-5 on a 4 s get-ready does nothing", at: 64 * sec, d: []time.Duration{-5 * sec}, wantIndex: 2, wantRem: 4 * sec, wantLen: 4 * sec},
		{name: "+5 on a switch", at: 89 * sec, d: []time.Duration{5 * sec}, wantIndex: 4, wantRem: 7 * sec, wantLen: 8 * sec},
		{name: "-5 ten times never below 5 s", at: 70 * sec, d: slices.Repeat([]time.Duration{-5 * sec}, 10), wantIndex: 3, wantRem: 5 * sec, wantLen: 7 * sec},
		{name: "+5 +5 -5", at: 76 * sec, d: []time.Duration{5 * sec, 5 * sec, -5 * sec}, wantIndex: 3, wantRem: 17 * sec, wantLen: 25 * sec},
		{name: "zero changes nothing", at: 76 * sec, d: []time.Duration{0}, wantIndex: 3, wantRem: 12 * sec, wantLen: 20 * sec},
		{name: "+5 while paused", at: 76 * sec, pause: true, later: time.Minute, d: []time.Duration{5 * sec}, wantIndex: 3, wantRem: 17 * sec, wantLen: 25 * sec},
		{name: "-5 while paused", at: 76 * sec, pause: true, later: time.Minute, d: []time.Duration{-5 * sec}, wantIndex: 3, wantRem: 7 * sec, wantLen: 15 * sec},
		{name: "-5 while paused with 3 s left", at: 85 * sec, pause: true, later: time.Minute, d: []time.Duration{-5 * sec}, wantIndex: 3, wantRem: 3 * sec, wantLen: 20 * sec},
		// Pressed after the hold ended: the +5 goes to the switch now on screen.
		{name: "pressed after a deadline passed", at: 87500 * ms, later: sec, d: []time.Duration{5 * sec},
			wantEvs: []EventKind{SegmentStarted}, wantIndex: 4, wantRem: 7500 * ms, wantLen: 8 * sec},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := runTo(t, mixed(), opts(true), tc.at)
			if tc.pause {
				s.Pause(now)
			}
			now = now.Add(tc.later)
			var evs []Event
			for _, d := range tc.d {
				evs = s.Adjust(now, d)
			}
			if !slices.Equal(kinds(evs), append([]EventKind{}, tc.wantEvs...)) {
				t.Fatalf("events%s, want %s", fmtEvents(evs), fmtKinds(tc.wantEvs))
			}
			if s.Index() != tc.wantIndex || s.Remaining(now) != tc.wantRem || s.Length() != tc.wantLen {
				t.Fatalf("index %d remaining %v length %v, want %d %v %v", s.Index(), s.Remaining(now), s.Length(), tc.wantIndex, tc.wantRem, tc.wantLen)
			}
			if tc.pause {
				if got := s.Remaining(now.Add(time.Hour)); got != tc.wantRem {
					t.Fatalf("Remaining moved while paused: %v", got)
				}
				now = now.Add(time.Minute)
				s.Resume(now)
			}
			// The segment now ends exactly at now + what is left.
			if evs := s.Tick(now.Add(tc.wantRem - 1)); len(evs) != 0 {
				t.Errorf("ended early:%s", fmtEvents(evs))
			}
			evs = s.Tick(now.Add(tc.wantRem))
			if len(evs) == 0 || evs[len(evs)-1].Kind != SegmentStarted || evs[len(evs)-1].Index != tc.wantIndex+1 || !evs[len(evs)-1].At.Equal(now.Add(tc.wantRem)) {
				t.Errorf("at now+%v want segment %d to start:%s", tc.wantRem, tc.wantIndex+1, fmtEvents(evs))
			}
		})
	}
}

// Adjust's upper cap stops a held-down + key, but never shortens a hold.
func TestAdjustCap(t *testing.T) {
	tests := []struct {
		name    string
		hold    time.Duration
		wantRem time.Duration // after +5 one second into the hold
	}{
		{"+5 on a 10 min hold", 10 * time.Minute, 10*time.Minute + 4*sec},
		{"capped at 30 min", 30 * time.Minute, 30 * time.Minute},
		{"never shortens a hold longer than the cap", 40 * time.Minute, 40*time.Minute - sec},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, now := runTo(t, routine(step(exWalk, tc.hold, 1)), opts(true), 5*sec)
			s.Adjust(now, 5*sec)
			if got := s.Remaining(now); got != tc.wantRem {
				t.Fatalf("Remaining = %v, want %v", got, tc.wantRem)
			}
		})
	}
}

// +5 s is real time added to the session: on a left-side hold it is added
// to both sides, so the routine ends 10 s later, and the extra hold time
// counts as active and for the hold's areas.
func TestAdjustWholeRun(t *testing.T) {
	s, now := runTo(t, mixed(), opts(true), 76*sec)
	s.Adjust(now, 5*sec)
	if got, want := s.RoutineRemaining(now), mixedTotal-76*sec+10*sec; got != want {
		t.Errorf("RoutineRemaining = %v, want %v", got, want)
	}
	evs := s.Tick(t0.Add(time.Hour))
	fin := evs[len(evs)-1]
	if fin.Kind != Finished || !fin.At.Equal(t0.Add(mixedTotal+10*sec)) {
		t.Fatalf("finished at %v, want %v", fin.At.Sub(t0), mixedTotal+10*sec)
	}
	sum := s.Summary(t0.Add(time.Hour))
	if sum.Active != mixedTotal+10*sec || sum.Paused != 0 {
		t.Errorf("active %v paused %v", sum.Active, sum.Paused)
	}
	if got := sum.AreaSeconds["calves"]; got != 60+80+10 {
		t.Errorf("calves %v s, want 150", got)
	}
}

// Nothing a user does changes a session that has not started or is over,
// and Adjust does nothing while a step waits to be started.
func TestActionsIgnored(t *testing.T) {
	ops := []struct {
		name string
		do   func(*Session, time.Time) []Event
	}{
		{"Skip", (*Session).Skip},
		{"Back", (*Session).Back},
		{"Adjust +5", func(s *Session, now time.Time) []Event { return s.Adjust(now, 5*sec) }},
		{"Adjust -5", func(s *Session, now time.Time) []Event { return s.Adjust(now, -5*sec) }},
		{"Pause", (*Session).Pause},
		{"Resume", (*Session).Resume},
		{"Continue", (*Session).Continue},
		{"Tick", (*Session).Tick},
	}
	setups := []struct {
		name string
		new  func(t *testing.T) (*Session, time.Time)
		skip []string // operations that do act in this state
	}{
		{"not started", func(t *testing.T) (*Session, time.Time) { return New(mixed(), opts(true)), t0 }, nil},
		{"done", func(t *testing.T) (*Session, time.Time) {
			return runTo(t, mixed(), opts(true), time.Hour)
		}, nil},
		{"done after skipping", func(t *testing.T) (*Session, time.Time) {
			s, now := runTo(t, mixed(), opts(true), 230*sec)
			s.Skip(now)
			return s, now
		}, nil},
		{"waiting", func(t *testing.T) (*Session, time.Time) {
			return runTo(t, mixed(), opts(false), 64*sec)
		}, []string{"Skip", "Back", "Pause", "Continue"}},
		{"paused while waiting", func(t *testing.T) (*Session, time.Time) {
			s, now := runTo(t, mixed(), opts(false), 64*sec)
			s.Pause(now)
			return s, now
		}, []string{"Skip", "Back", "Resume"}},
	}
	for _, st := range setups {
		for _, op := range ops {
			if slices.Contains(st.skip, op.name) {
				continue
			}
			t.Run(st.name+"/"+op.name, func(t *testing.T) {
				s, now := st.new(t)
				later := now.Add(10 * sec)
				before := take(s, later)
				if evs := op.do(s, later); len(evs) != 0 {
					t.Errorf("returned%s", fmtEvents(evs))
				}
				if after := take(s, later); !snapEqual(before, after) {
					t.Errorf("changed the session:\n before %+v\n after  %+v", before, after)
				}
			})
		}
	}
}

// +/- on a per-side hold change that step for both sides: the right side
// of the same rep gets the same seconds, the next rep keeps its own.
func TestAdjustBothSides(t *testing.T) {
	for _, c := range []struct {
		d, right time.Duration
	}{{5 * sec, 25 * sec}, {-5 * sec, 15 * sec}, {10 * sec, 30 * sec}} {
		s := New(mixed(), opts(true))
		s.Start(t0)
		s.Tick(t0.Add(70 * sec)) // calf, left, rep 1
		s.Adjust(t0.Add(70*sec), c.d)
		segs := s.Timeline().Segments
		if got := segs[5].Dur; got != c.right {
			t.Errorf("%+v on the left: right side %v, want %v", c.d, got, c.right)
		}
		if got := segs[7].Dur; got != 20*sec {
			t.Errorf("%+v on rep 1 changed rep 2's left side to %v", c.d, got)
		}
		if got := segs[13].Dur; got != 30*sec {
			t.Errorf("%+v changed another step: %v", c.d, got)
		}
	}
	// On the right side only the right side changes: the left is done.
	s := New(mixed(), opts(true))
	s.Start(t0)
	s.Tick(t0.Add(95 * sec))
	s.Adjust(t0.Add(95*sec), 5*sec)
	if got := s.Timeline().Segments[7].Dur; got != 20*sec {
		t.Errorf("+5 on the right changed the next rep: %v", got)
	}
}

// StartAt resumes at a step: the steps before it keep their done and
// skipped counts, the run starts at that step's get-ready.
func TestStartAt(t *testing.T) {
	s := New(mixed(), opts(true))
	evs := s.StartAt(t0, 2, 1)
	if s.StepIndex() != 2 || s.Segment().Kind != GetReady || len(evs) != 1 || evs[0].Kind != SegmentStarted {
		t.Fatalf("at step %d, segment %v, events %+v", s.StepIndex(), s.Segment().Kind, evs)
	}
	sum := s.Summary(t0)
	if sum.StepsDone != 1 || sum.StepsSkipped != 1 || sum.Active != 0 {
		t.Errorf("summary %+v", sum)
	}
	if got := s.RoutineRemaining(t0); got != mixedTotal-157*sec {
		t.Errorf("remaining %v, want the last two steps' %v", got, mixedTotal-157*sec)
	}
	if s := New(mixed(), opts(true)); s.StartAt(t0, 99, 0) != nil && s.StepIndex() != 0 {
		t.Error("a step out of range did not start from the beginning")
	}
}
