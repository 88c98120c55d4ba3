package session

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

type randomOp struct {
	name string
	do   func(s *Session, now time.Time) []Event
}

var randomOps = []randomOp{
	{"tick", (*Session).Tick},
	{"tick", (*Session).Tick},
	{"tick", (*Session).Tick},
	{"pause", (*Session).Pause},
	{"resume", (*Session).Resume},
	{"toggle", (*Session).Toggle},
	{"continue", (*Session).Continue},
	{"skip", (*Session).Skip},
	{"back", (*Session).Back},
	{"+5", func(s *Session, now time.Time) []Event { return s.Adjust(now, 5*sec) }},
	{"-5", func(s *Session, now time.Time) []Event { return s.Adjust(now, -5*sec) }},
}

// randomRoutine picks a few steps from the test catalogue.
func randomRoutine(rng *rand.Rand) *routines.Routine {
	exs := []*routines.Exercise{exWalk, exCalf, exRoll, exBreathe, exWater}
	r := routine()
	for range 1 + rng.IntN(4) {
		d := time.Duration(1+rng.IntN(40)) * sec
		if rng.IntN(4) == 0 {
			d += time.Duration(rng.Int64N(int64(sec)))
		}
		r.Steps = append(r.Steps, step(exs[rng.IntN(len(exs))], d, rng.IntN(3)))
	}
	return r
}

func randomStep(rng *rand.Rand) time.Duration {
	switch rng.IntN(6) {
	case 0:
		return 0 // two operations at the same instant
	case 1:
		return time.Duration(rng.Int64N(int64(sec)))
	case 2:
		return time.Duration(rng.IntN(5)) * sec // often lands exactly on deadlines
	case 3:
		return time.Duration(rng.Int64N(int64(time.Minute)))
	default:
		return time.Duration(rng.Int64N(int64(8 * sec)))
	}
}

// legal says whether an operation may take the session from one state to
// another.
func legal(op string, from, to State) bool {
	switch {
	case from == Done:
		return to == Done
	case from == NotStarted:
		return to == NotStarted
	case to == NotStarted:
		return false
	}
	switch op {
	case "tick":
		// Time runs out: the next segment, a wait, or the end. A stopped
		// session does not move.
		if from == Paused || from == Waiting {
			return to == from
		}
		return to == Running || to == Waiting || to == Done
	case "pause":
		// A deadline before the pause may end the routine first.
		return to == Paused || from == Running && to == Done
	case "resume":
		return from == Paused && (to == Running || to == Waiting) || from != Paused && to == from
	case "toggle":
		return from == Paused && (to == Running || to == Waiting) || from != Paused && (to == Paused || from == Running && to == Done)
	case "continue":
		return from == Waiting && to == Running || from != Waiting && to == from
	case "skip", "back":
		if from == Paused {
			return to == Paused || op == "skip" && to == Done
		}
		return to == Running || to == Waiting || to == Done
	case "+5", "-5":
		if from == Paused || from == Waiting {
			return to == from
		}
		return to == Running || to == Waiting || to == Done
	}
	return false
}

// TestRandomSequences runs a few hundred random sessions: random routines,
// timings and auto-advance, operations at random increasing times. After
// every operation the invariants hold.
func TestRandomSequences(t *testing.T) {
	const runs = 400
	for run := range runs {
		rng := rand.New(rand.NewPCG(20260314, uint64(run)))
		r := randomRoutine(rng)
		o := Options{
			Timing:      routines.Timing{GetReady: time.Duration(rng.IntN(2)) * 5 * sec, Switch: time.Duration(rng.IntN(2)) * 3 * sec},
			AutoAdvance: rng.IntN(3) != 0,
		}
		var log strings.Builder
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("run %d (%d steps, %+v): %s\nops:%s", run, len(r.Steps), o, fmt.Sprintf(format, args...), log.String())
		}
		s := New(r, o)
		now := t0
		s.Start(now)
		fmt.Fprintf(&log, "\n  start")
		var lastAt time.Time
		finished := 0
		for i := 0; i < 200 && (s.State() != Done || i < 5); i++ {
			op := randomOps[rng.IntN(len(randomOps))]
			now = now.Add(randomStep(rng))
			from := s.State()
			before := take(s, now)
			var evs []Event
			func() {
				defer func() {
					if p := recover(); p != nil {
						fail("%s at %v panicked: %v", op.name, now.Sub(t0), p)
					}
				}()
				evs = op.do(s, now)
			}()
			to := s.State()
			fmt.Fprintf(&log, "\n  %-8s at %-14v %v → %v, index %d, remaining %v", op.name, now.Sub(t0), from, to, s.Index(), s.Remaining(now))
			if !legal(op.name, from, to) {
				fail("%s took the session from %v to %v", op.name, from, to)
			}
			if from == Done && len(evs) != 0 {
				fail("%s on a finished session returned events", op.name)
			}
			for _, e := range evs {
				if e.At.Before(lastAt) || e.At.After(now) {
					fail("event %s at %v, out of order (last %v, now %v)", kindNames[e.Kind], e.At.Sub(t0), lastAt.Sub(t0), now.Sub(t0))
				}
				lastAt = e.At
				if e.Kind == Finished {
					finished++
				}
			}
			if finished > 1 {
				fail("Finished twice")
			}
			if (to == Done) != (finished == 1) {
				fail("state %v after %d Finished events", to, finished)
			}
			// Stopped sessions keep their time exactly.
			moves := op.name == "skip" || op.name == "back" || (to == Paused && (op.name == "+5" || op.name == "-5"))
			if from == to && (to == Paused || to == Waiting) && !moves {
				if got := s.Remaining(now); got != before.Remaining {
					fail("Remaining moved from %v to %v while %v", before.Remaining, got, to)
				}
			}
			rem := s.Remaining(now)
			if rem < 0 || (to != Done && rem > s.Length()) {
				fail("Remaining %v with Length %v in state %v", rem, s.Length(), to)
			}
			if rr := s.RoutineRemaining(now); rr < rem || (to == Done && rr != 0) {
				fail("RoutineRemaining %v, Remaining %v", rr, rem)
			}
			if nc := s.NextChange(now); nc < 0 || nc > sec || nc > rem || (to != Running && nc != 0) || (to == Running && (nc > 0) != (rem > 0)) {
				fail("NextChange %v with remaining %v in state %v", nc, rem, to)
			}
			sum := s.Summary(now)
			if sum.Active < 0 || sum.Paused < 0 || sum.Active+sum.Paused != sum.End.Sub(sum.Start) {
				fail("active %v + paused %v != end-start %v", sum.Active, sum.Paused, sum.End.Sub(sum.Start))
			}
			for a, sec := range sum.AreaSeconds {
				if sec < 0 || sec > sum.Active.Seconds()+1e-6 {
					fail("area %s has %vs of %v active", a, sec, sum.Active)
				}
			}
			if sum.StepsDone+sum.StepsSkipped > sum.StepsTotal || (to == Done && sum.StepsDone+sum.StepsSkipped != sum.StepsTotal) {
				fail("done %d + skipped %d of %d in state %v", sum.StepsDone, sum.StepsSkipped, sum.StepsTotal, to)
			}
			if sum.Completed != (to == Done) {
				fail("Completed %v in state %v", sum.Completed, to)
			}
			if to == Done && !sum.End.Equal(lastAt) {
				fail("End %v is not the Finished event's time %v", sum.End.Sub(t0), lastAt.Sub(t0))
			}
		}
		// Run out whatever is left: keep continuing and resuming until done.
		for s.State() != Done {
			now = now.Add(time.Hour)
			s.Resume(now)
			s.Continue(now)
			s.Tick(now.Add(time.Hour))
		}
		sum := s.Summary(now.Add(24 * time.Hour))
		if sum.Active+sum.Paused != sum.End.Sub(sum.Start) {
			fail("at the end active %v + paused %v != %v", sum.Active, sum.Paused, sum.End.Sub(sum.Start))
		}
	}
}

// With only ticks, pauses and resumes at random times (no skip, back,
// adjust or waits), the routine ends exactly at start + Total + the pauses
// taken, and Active is exactly Total.
func TestRandomPausesNoDrift(t *testing.T) {
	for run := range 300 {
		rng := rand.New(rand.NewPCG(42, uint64(run)))
		r := randomRoutine(rng)
		o := Options{Timing: routines.Timing{GetReady: time.Duration(rng.IntN(6)) * sec, Switch: time.Duration(rng.IntN(4)) * sec}, AutoAdvance: true}
		s := New(r, o)
		total := s.Timeline().Total()
		now := t0
		s.Start(now)
		var paused time.Duration
		var fin []Event
		for s.State() != Done {
			d := randomStep(rng)
			now = now.Add(d)
			var evs []Event
			switch {
			case s.State() == Paused:
				paused += d
				evs = s.Resume(now)
			case rng.IntN(4) == 0:
				evs = s.Pause(now)
			default:
				evs = s.Tick(now)
			}
			for _, e := range evs {
				if e.Kind == Finished {
					fin = append(fin, e)
				}
			}
		}
		if len(fin) != 1 || !fin[0].At.Equal(t0.Add(total+paused)) {
			t.Fatalf("run %d: finished %v, want once at Total %v + paused %v", run, fin, total, paused)
		}
		if sum := s.Summary(now); sum.Active != total || sum.Paused != paused {
			t.Fatalf("run %d: active %v paused %v, want %v %v", run, sum.Active, sum.Paused, total, paused)
		}
	}
}
