package session

import (
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// The rep count changes exactly every tempo, also at a tempo of 2.5 s,
// and stays on the last rep to the end.
func TestRepsAt(t *testing.T) {
	const tempo = 2500 * ms
	for _, c := range []struct {
		at       time.Duration
		rep      int
		nextWant time.Duration
	}{
		{0, 1, tempo}, {tempo - 1, 1, 1}, {tempo, 2, tempo}, {3 * sec, 2, 2 * sec}, {15 * tempo, 16, 0}, {40 * sec, 16, 0}, {time.Hour, 16, 0},
	} {
		r := RepsAt(16, tempo, c.at)
		if r.Rep != c.rep || r.Next != c.nextWant || r.Count != 16 {
			t.Errorf("at %v: rep %d of %d, next in %v; want rep %d, next in %v", c.at, r.Rep, r.Count, r.Next, c.rep, c.nextWant)
		}
	}
}

func TestSessionRepsPauseExact(t *testing.T) {
	drill := &routines.Exercise{ID: "cat-cow", Name: "Cat-cow", Kind: routines.Mobility, Areas: []string{"lower-back"}, Count: 8}
	s := New(routine(step(drill, 40*sec, 1), step(exWalk, 10*sec, 1)), Options{Timing: routines.Timing{}, AutoAdvance: true})
	s.Start(t0)
	if r, ok := s.Reps(t0.Add(12 * sec)); !ok || r.Rep != 3 || r.Tempo != 5*sec || r.Next != 3*sec {
		t.Fatalf("12 s in: %+v %v", r, ok)
	}
	s.Pause(t0.Add(14*sec + 999*ms))
	s.Resume(t0.Add(20 * sec))
	if r, _ := s.Reps(t0.Add(20*sec + ms)); r.Rep != 4 {
		t.Fatalf("after the pause: rep %d, want 4", r.Rep)
	}
	if r, _ := s.Reps(t0.Add(20*sec + 5*ms)); r.Next != 5*sec-4*ms {
		t.Fatalf("next rep in %v", r.Next)
	}
	s.Tick(t0.Add(46 * sec))
	if _, ok := s.Reps(t0.Add(46 * sec)); ok {
		t.Fatal("reps counted on the walk")
	}
}
