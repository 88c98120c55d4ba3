package session

import (
	"math/rand/v2"
	"testing"
	"time"
)

// ceilSec is what the screen shows for a remaining time: whole seconds,
// rounded up.
func ceilSec(d time.Duration) int64 { return int64((d + sec - 1) / sec) }

// Running straight through, however late and irregular the ticks, every
// segment starts exactly at the sum of the segments before it and the
// routine ends exactly at start + Total.
func TestRunThroughWithoutDrift(t *testing.T) {
	jitter := func(rng *rand.Rand) time.Duration { return time.Duration(rng.Int64N(int64(900*ms) + 1)) }
	tests := []struct {
		name string
		next func(rng *rand.Rand, s *Session, now time.Time) time.Time // when the next tick arrives
	}{
		{"on time, when the display changes", func(_ *rand.Rand, s *Session, now time.Time) time.Time {
			return now.Add(s.NextChange(now))
		}},
		{"0–900 ms late", func(rng *rand.Rand, s *Session, now time.Time) time.Time {
			return now.Add(s.NextChange(now) + jitter(rng))
		}},
		{"every 7.3 s whatever the display", func(_ *rand.Rand, _ *Session, now time.Time) time.Time {
			return now.Add(7300 * ms)
		}},
		{"one gap across several segments", func(rng *rand.Rand, s *Session, now time.Time) time.Time {
			if now.After(t0.Add(70*sec)) && now.Before(t0.Add(200*sec)) {
				return t0.Add(200*sec + 123*ms) // from the calf's first hold to the roll's first hold
			}
			return now.Add(s.NextChange(now) + jitter(rng))
		}},
		{"a single tick an hour later", func(_ *rand.Rand, _ *Session, now time.Time) time.Time {
			return now.Add(time.Hour)
		}},
		{"nanosecond-odd ticks", func(rng *rand.Rand, _ *Session, now time.Time) time.Time {
			return now.Add(time.Duration(rng.Int64N(int64(3*sec))) + 1)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 11))
			s := New(mixed(), opts(true))
			tl := s.Timeline()
			off, total := offsets(tl)
			all := s.Start(t0)
			now := t0
			for i := 0; s.State() == Running; i++ {
				if i > 10000 {
					t.Fatal("session never finished")
				}
				prev := now
				now = tc.next(rng, s, now)
				evs := s.Tick(now)
				for _, e := range evs {
					if !e.At.After(prev) || e.At.After(now) {
						t.Fatalf("tick at %v returned an event at %v, outside (%v, %v]", now.Sub(t0), e.At.Sub(t0), prev.Sub(t0), now.Sub(t0))
					}
				}
				all = append(all, evs...)
				if s.State() == Running {
					deadline := t0.Add(off[s.Index()] + tl.Segments[s.Index()].Dur)
					if got := s.Remaining(now); got != deadline.Sub(now) {
						t.Fatalf("at %v Remaining = %v, want %v", now.Sub(t0), got, deadline.Sub(now))
					}
				}
			}

			var started, done []Event
			for _, e := range all {
				switch e.Kind {
				case SegmentStarted:
					started = append(started, e)
				case StepDone:
					done = append(done, e)
				}
			}
			if len(started) != len(tl.Segments) {
				t.Fatalf("%d SegmentStarted events for %d segments:%s", len(started), len(tl.Segments), fmtEvents(all))
			}
			for i, e := range started {
				if e.Index != i || e.Segment != tl.Segments[i] || !e.At.Equal(t0.Add(off[i])) {
					t.Errorf("segment %d started as index %d at %v, want at %v", i, e.Index, e.At.Sub(t0), off[i])
				}
			}
			if len(done) != tl.Steps() {
				t.Fatalf("%d StepDone events for %d steps", len(done), tl.Steps())
			}
			for i, e := range done {
				end := t0.Add(off[e.Index] + e.Segment.Dur)
				if e.Segment.Step != i || !e.Segment.LastOfStep || !e.At.Equal(end) {
					t.Errorf("StepDone %d: step %d at %v, want step %d at %v", i, e.Segment.Step, e.At.Sub(t0), i, end.Sub(t0))
				}
			}
			fin := all[len(all)-1]
			if fin.Kind != Finished || !fin.At.Equal(t0.Add(total)) || fin.Index != len(tl.Segments)-1 || fin.Segment != tl.Segments[fin.Index] {
				t.Fatalf("last event %v at %v, want Finished at %v", kindNames[fin.Kind], fin.At.Sub(t0), total)
			}
			sum := s.Summary(now.Add(time.Hour))
			if !sum.End.Equal(t0.Add(mixedTotal)) || sum.Active != mixedTotal || sum.Paused != 0 || !sum.Completed || sum.StepsDone != 4 {
				t.Errorf("summary %+v", sum)
			}
		})
	}
}

// A UI that sleeps for NextChange wakes exactly at every deadline (zero
// lateness), and once for every change of the displayed second.
func TestSegmentEndsAtItsDeadline(t *testing.T) {
	s := New(mixed(), opts(true))
	tl := s.Timeline()
	off, _ := offsets(tl)
	s.Start(t0)
	now := t0
	wakes := 0
	shown := ceilSec(s.Remaining(now))
	for s.State() == Running {
		idx := s.Index()
		now = now.Add(s.NextChange(now))
		wakes++
		for _, e := range s.Tick(now) {
			if !e.At.Equal(now) {
				t.Fatalf("%s at %v noticed by the wake-up at %v", kindNames[e.Kind], e.At.Sub(t0), now.Sub(t0))
			}
			if e.Kind == SegmentStarted && !e.At.Equal(t0.Add(off[e.Index])) {
				t.Fatalf("segment %d started at %v, want %v", e.Index, e.At.Sub(t0), off[e.Index])
			}
		}
		if s.State() != Running {
			break
		}
		got := ceilSec(s.Remaining(now))
		if s.Index() == idx && got != shown-1 {
			t.Fatalf("at %v the display went from %d to %d", now.Sub(t0), shown, got)
		}
		shown = got
	}
	// Every segment is a whole number of seconds, so one wake-up a second.
	if want := int(mixedTotal / sec); wakes != want {
		t.Errorf("%d wake-ups, want %d", wakes, want)
	}
	if !now.Equal(t0.Add(mixedTotal)) {
		t.Errorf("finished at %v, want %v", now.Sub(t0), mixedTotal)
	}
}

func TestPauseResumeIsExact(t *testing.T) {
	type pause struct{ at, for_ time.Duration } // at: on the routine clock
	tests := []struct {
		name   string
		pauses []pause
	}{
		{"at the very start", []pause{{0, 10 * sec}}},
		{"mid get-ready", []pause{{2 * sec, 7 * sec}}},
		{"mid hold", []pause{{30 * sec, 90 * sec}}},
		{"mid switch", []pause{{89500 * ms, 12 * sec}}},
		{"exactly at a segment boundary", []pause{{64 * sec, 5 * sec}}},
		{"zero-length pause", []pause{{50 * sec, 0}}},
		{"several at odd instants", []pause{
			{1234 * ms, 333 * ms}, {64 * sec, 5 * sec}, {100*sec + ms, time.Minute},
			{112 * sec, 17*sec + 3}, {159 * sec, 2 * time.Hour}, {237999 * ms, 2 * sec},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(mixed(), opts(true))
			tl := s.Timeline()
			off, _ := offsets(tl)
			all := s.Start(t0)
			var paused time.Duration
			for _, p := range tc.pauses {
				at := t0.Add(p.at + paused)
				evs := s.Pause(at)
				all = append(all, evs...)
				if len(evs) == 0 || evs[len(evs)-1].Kind != PausedEvent || !evs[len(evs)-1].At.Equal(at) || s.State() != Paused {
					t.Fatalf("Pause at %v: state %v, events%s", p.at, s.State(), fmtEvents(evs))
				}
				frozen := take(s, at)
				mid := at.Add(p.for_ / 2)
				if evs := s.Tick(mid); len(evs) != 0 {
					t.Fatalf("Tick while paused returned%s", fmtEvents(evs))
				}
				if got := s.Remaining(mid); got != frozen.Remaining {
					t.Errorf("Remaining while paused moved from %v to %v", frozen.Remaining, got)
				}
				if got := s.RoutineRemaining(mid); got != frozen.RoutineRemaining {
					t.Errorf("RoutineRemaining while paused moved from %v to %v", frozen.RoutineRemaining, got)
				}
				if got, want := s.Summary(mid).Paused, paused+p.for_/2; got != want {
					t.Errorf("Summary.Paused mid-pause = %v, want %v", got, want)
				}
				if got, want := s.Summary(mid).Active, p.at; got != want {
					t.Errorf("Summary.Active mid-pause = %v, want %v", got, want)
				}
				paused += p.for_
				evs = s.Resume(at.Add(p.for_))
				all = append(all, evs...)
				if !sameKinds(evs, ResumedEvent) || s.State() != Running {
					t.Fatalf("Resume: state %v, events%s", s.State(), fmtEvents(evs))
				}
				if got := s.Remaining(at.Add(p.for_)); got != frozen.Remaining {
					t.Errorf("Remaining after resume = %v, want %v", got, frozen.Remaining)
				}
			}
			all = append(all, s.Tick(t0.Add(mixedTotal+paused+time.Hour))...)

			fin := all[len(all)-1]
			if fin.Kind != Finished || !fin.At.Equal(t0.Add(mixedTotal+paused)) {
				t.Fatalf("last event %s at %v, want Finished at Total+pauses = %v", kindNames[fin.Kind], fin.At.Sub(t0), mixedTotal+paused)
			}
			n := 0
			for _, e := range all {
				if e.Kind != SegmentStarted {
					continue
				}
				var before time.Duration // pauses that began before this segment did
				for _, p := range tc.pauses {
					if p.at < off[e.Index] {
						before += p.for_
					}
				}
				if e.Index != n || !e.At.Equal(t0.Add(off[e.Index]+before)) {
					t.Errorf("segment %d started as %d at %v, want %v", n, e.Index, e.At.Sub(t0), off[e.Index]+before)
				}
				n++
			}
			if n != len(tl.Segments) {
				t.Errorf("%d segments started, want %d:%s", n, len(tl.Segments), fmtEvents(all))
			}
			sum := s.Summary(t0.Add(10 * time.Hour))
			if sum.Paused != paused || sum.Active != mixedTotal || !sum.End.Equal(t0.Add(mixedTotal+paused)) || !sum.Completed {
				t.Errorf("summary: paused %v active %v end %v completed %v; want paused %v active %v", sum.Paused, sum.Active, sum.End.Sub(t0), sum.Completed, paused, mixedTotal)
			}
		})
	}
}

// Toggle is Pause then Resume.
func TestToggle(t *testing.T) {
	s, now := runTo(t, mixed(), opts(true), 30*sec)
	if !sameKinds(s.Toggle(now), PausedEvent) || s.State() != Paused {
		t.Fatalf("Toggle did not pause: %v", s.State())
	}
	if !sameKinds(s.Toggle(now.Add(sec)), ResumedEvent) || s.State() != Running {
		t.Fatalf("Toggle did not resume: %v", s.State())
	}
	if got := s.Remaining(now.Add(sec)); got != 34*sec {
		t.Errorf("Remaining = %v, want 34s", got)
	}
}

// A pause that arrives after a deadline has passed reports what happened
// at the deadline (the cue for the next step must not be lost), then pauses.
func TestPauseAfterADeadlineReportsIt(t *testing.T) {
	s, _ := runTo(t, mixed(), opts(true), 63*sec)
	evs := s.Pause(t0.Add(64500 * ms))
	if !sameKinds(evs, StepDone, SegmentStarted, PausedEvent) {
		t.Fatalf("events%s", fmtEvents(evs))
	}
	if !evs[1].At.Equal(t0.Add(64*sec)) || evs[1].Index != 2 {
		t.Errorf("next step started at %v (index %d), want 64s (index 2)", evs[1].At.Sub(t0), evs[1].Index)
	}
	if got := s.Remaining(t0.Add(time.Hour)); got != 3500*ms {
		t.Errorf("Remaining = %v, want 3.5s", got)
	}
	// And a pause that arrives after the end reports the end.
	s, _ = runTo(t, mixed(), opts(true), 237*sec)
	evs = s.Pause(t0.Add(239 * sec))
	if !sameKinds(evs, StepDone, Finished) || s.State() != Done || !evs[1].At.Equal(t0.Add(mixedTotal)) {
		t.Fatalf("state %v, events%s", s.State(), fmtEvents(evs))
	}
}
