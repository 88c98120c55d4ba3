package session

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// The fake clock: every test starts at t0 and passes t0.Add(...) in. No
// test sleeps or reads the real clock.
var t0 = time.Date(2026, time.March, 14, 18, 30, 0, 0, time.UTC)

const (
	ms  = time.Millisecond
	sec = time.Second
)

// Hand-made catalogue entries.
var (
	exWalk    = &routines.Exercise{ID: "easy-walk", Name: "Easy walk", Kind: routines.Active, Areas: []string{"hips", "calves"}}
	exCalf    = &routines.Exercise{ID: "calf-wall", Name: "Calf stretch at a wall", Kind: routines.Stretch, Areas: []string{"calves"}, PerSide: true}
	exRoll    = &routines.Exercise{ID: "roll-quads", Name: "Foam-roll quads", Kind: routines.Roll, Areas: []string{"quads"}, PerSide: true}
	exBreathe = &routines.Exercise{ID: "box-breathing", Name: "Box breathing", Kind: routines.Breathe}
	exWater   = &routines.Exercise{ID: "water", Name: "Drink water", Kind: routines.Hydrate}
)

func step(ex *routines.Exercise, d time.Duration, reps int) routines.Step {
	return routines.Step{Do: ex.ID, For: d, Reps: reps, Exercise: ex}
}

func routine(steps ...routines.Step) *routines.Routine {
	return &routines.Routine{ID: "test", Name: "Test", Steps: steps}
}

// mixed is the routine most tests run: a plain active step, a per-side
// stretch with two reps, a per-side roll and a hydrate step.
func mixed() *routines.Routine {
	return routine(
		step(exWalk, 60*sec, 1),
		step(exCalf, 20*sec, 2),
		step(exRoll, 30*sec, 1),
		step(exWater, 10*sec, 1),
	)
}

// tm has a get-ready and a switch of different lengths, so a test notices
// one used in place of the other.
var tm = routines.Timing{GetReady: 4 * sec, Switch: 3 * sec}

// The mixed routine with tm, on the routine clock (seconds from the start
// with no pauses):
//
//	 0 get ready  walk          0–4
//	 1 hold       walk          4–64    last of step 0
//	 2 get ready  calf         64–68
//	 3 hold       calf L rep 1 68–88
//	 4 switch     calf R rep 1 88–91
//	 5 hold       calf R rep 1 91–111
//	 6 switch     calf L rep 2 111–114
//	 7 hold       calf L rep 2 114–134
//	 8 switch     calf R rep 2 134–137
//	 9 hold       calf R rep 2 137–157  last of step 1
//	10 get ready  roll        157–161
//	11 hold       roll L      161–191
//	12 switch     roll R      191–194
//	13 hold       roll R      194–224  last of step 2
//	14 get ready  water       224–228
//	15 hold       water       228–238  last of step 3
const mixedTotal = 238 * sec

func opts(auto bool) Options { return Options{Timing: tm, AutoAdvance: auto} }

// offsets returns each segment's start on the routine clock, and the total.
func offsets(tl Timeline) ([]time.Duration, time.Duration) {
	var out []time.Duration
	var d time.Duration
	for _, sg := range tl.Segments {
		out = append(out, d)
		d += sg.Dur
	}
	return out, d
}

// runTo starts a session at t0 and ticks it at every deadline up to t0+at.
// A wait for the user (auto-advance off) is continued at once, so the
// routine clock stays the wall clock, unless it begins exactly at 'at':
// then the session is left waiting.
func runTo(t *testing.T, r *routines.Routine, o Options, at time.Duration) (*Session, time.Time) {
	t.Helper()
	s := New(r, o)
	if evs := s.Start(t0); len(evs) == 0 {
		t.Fatalf("Start returned no events")
	}
	target := t0.Add(at)
	now := t0
	for s.State() == Running {
		next := now.Add(s.Remaining(now))
		if next.After(target) {
			break
		}
		now = next
		s.Tick(now)
		if s.State() == Waiting && now.Before(target) {
			s.Continue(now)
		}
	}
	if s.State() == Running {
		s.Tick(target)
	}
	return s, target
}

func kinds(evs []Event) []EventKind {
	out := []EventKind{}
	for _, e := range evs {
		out = append(out, e.Kind)
	}
	return out
}

var kindNames = map[EventKind]string{
	SegmentStarted: "SegmentStarted", StepDone: "StepDone", StepSkipped: "StepSkipped",
	WaitingForUser: "WaitingForUser", PausedEvent: "Paused", ResumedEvent: "Resumed", Finished: "Finished",
}

func fmtEvents(evs []Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "\n  %-14s at %-8v idx %2d %v step %d rep %d %v", kindNames[e.Kind], e.At.Sub(t0), e.Index, e.Segment.Kind, e.Segment.Step, e.Segment.Rep, e.Segment.Side)
	}
	return b.String()
}

func fmtKinds(ks []EventKind) string {
	var names []string
	for _, k := range ks {
		names = append(names, kindNames[k])
	}
	return "[" + strings.Join(names, " ") + "]"
}

func sameKinds(evs []Event, want ...EventKind) bool {
	return reflect.DeepEqual(kinds(evs), append([]EventKind{}, want...))
}

// snap is everything observable about a session at one instant.
type snap struct {
	State            State
	Index            int
	Segment          Segment
	Length           time.Duration
	Remaining        time.Duration
	RoutineRemaining time.Duration
	NextChange       time.Duration
	Status           []StepStatus
	Summary          Summary
}

func take(s *Session, at time.Time) snap {
	return snap{
		State: s.State(), Index: s.Index(), Segment: s.Segment(), Length: s.Length(),
		Remaining: s.Remaining(at), RoutineRemaining: s.RoutineRemaining(at), NextChange: s.NextChange(at),
		Status: s.Status(), Summary: s.Summary(at),
	}
}

func statuses(ss ...StepStatus) []StepStatus { return ss }

const (
	P = Pending
	C = Completed
	S = Skipped
)

func snapEqual(a, b snap) bool { return reflect.DeepEqual(a, b) }
