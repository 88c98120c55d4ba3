package session

import (
	"fmt"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

func pattern(t *testing.T, id string) *routines.BreathPattern {
	t.Helper()
	p, err := routines.LookupBreathing(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every phase boundary of every pattern falls exactly where the pattern
// says, on the first breath and on the thousandth: nothing drifts.
func TestPacerPhaseBoundariesExact(t *testing.T) {
	for _, p := range routines.BreathPatterns() {
		t.Run(p.ID, func(t *testing.T) {
			start := t0.Add(123456789 * time.Nanosecond) // an odd start, off the whole second
			for _, cycle := range []int{0, 1, 2, 17, 999, 100_000} {
				at := start.Add(time.Duration(cycle) * p.Cycle())
				for i, ph := range p.Phases {
					pc := PacerAt(p, start, at)
					if pc.Cycle != cycle || pc.Phase != i || pc.Into != 0 {
						t.Fatalf("breath %d phase %d (%s) begins at %v: pacer says breath %d phase %d, %v in", cycle, i, ph.Kind.Word(), at.Sub(start), pc.Cycle, pc.Phase, pc.Into)
					}
					if before := PacerAt(p, start, at.Add(-time.Nanosecond)); cycle+i > 0 && before.Seq() != pc.Seq()-1 {
						t.Fatalf("1 ns before breath %d phase %d the pacer is at seq %d, want %d", cycle, i, before.Seq(), pc.Seq()-1)
					}
					if pc.Left() != ph.Dur || pc.SecondsLeft() != int(ph.Dur/time.Second) {
						t.Fatalf("phase %d starts with %v (%d s shown) left, want %v", i, pc.Left(), pc.SecondsLeft(), ph.Dur)
					}
					at = at.Add(ph.Dur)
				}
			}
			if pc := PacerAt(p, start, start.Add(-time.Hour)); pc.Seq() != 0 || pc.Into != 0 {
				t.Fatalf("before the start: %+v", pc)
			}
		})
	}
}

// The bar fills through the in-breath, is full holding in, empties through
// the out-breath and is empty holding out.
func TestPacerFill(t *testing.T) {
	const cells = 40
	cases := []struct {
		id   string
		at   time.Duration
		want int
	}{
		{"slow", 0, 0},
		{"slow", 2 * sec, 20},
		{"slow", 4*sec - 1, 39},
		{"slow", 4 * sec, cells},
		{"slow", 7 * sec, 20},
		{"slow", 10*sec - 1, 1},
		{"slow", 10 * sec, 0},
		{"box", 4 * sec, cells},
		{"box", 6 * sec, cells},
		{"box", 8*sec - 1, cells},
		{"box", 10 * sec, 20},
		{"box", 12 * sec, 0},
		{"box", 15 * sec, 0},
		{"sigh", 2 * sec, 26}, // two thirds of the in-breath: 2 s of 3
		{"sigh", 3*sec - 1, 39},
		{"sigh", 3 * sec, cells}, // the top-up fills it
		{"sigh", 6 * sec, 20},
	}
	for _, c := range cases {
		pc := PacerAt(pattern(t, c.id), t0, t0.Add(c.at))
		if got := pc.Fill(cells); got != c.want {
			t.Errorf("%s at %v: fill %d of %d, want %d", c.id, c.at, got, cells, c.want)
		}
	}
	if got := PacerAt(pattern(t, "slow"), t0, t0.Add(2*sec)).Fill(0); got != 0 {
		t.Errorf("no cells: fill %d", got)
	}
}

// shown is everything the pacer shows.
type shown struct{ seq, fill, secs int }

func show(pc Pacer, cells int) shown { return shown{pc.Seq(), pc.Fill(cells), pc.SecondsLeft()} }

// NextChange names exactly the moments what is shown changes: walking
// from change to change, the state 1 ns before each is the one before, and
// at it something differs. The number of wake-ups per breath is the cells
// moved plus the seconds counted, no more.
func TestPacerNextChangeExact(t *testing.T) {
	for _, cells := range []int{1, 7, 32, 64} {
		for _, p := range routines.BreathPatterns() {
			t.Run(fmt.Sprintf("%s/%d", p.ID, cells), func(t *testing.T) {
				start := t0.Add(777 * ms)
				now := start
				wakes := 0
				for now.Before(start.Add(3 * p.Cycle())) {
					pc := PacerAt(p, start, now)
					d := pc.NextChange(cells)
					if d <= 0 {
						t.Fatalf("at %v NextChange is %v", now.Sub(start), d)
					}
					next := now.Add(d)
					if got := show(PacerAt(p, start, next.Add(-time.Nanosecond)), cells); got != show(pc, cells) {
						t.Fatalf("at %v: shown %+v changed to %+v before the wake-up at %v", now.Sub(start), show(pc, cells), got, next.Sub(start))
					}
					if got := show(PacerAt(p, start, next), cells); got == show(pc, cells) {
						t.Fatalf("at %v: woke at %v and nothing changed (%+v)", now.Sub(start), next.Sub(start), got)
					}
					now = next
					wakes++
				}
				// Per breath: each cell once up and once down (a pattern
				// with holds moves each once each way too), and each second.
				secs := 0
				for _, ph := range p.Phases {
					secs += int(ph.Dur / time.Second)
				}
				if limit := 3 * (2*cells + secs); wakes > limit {
					t.Fatalf("%d wake-ups in 3 breaths, more than %d (cells and seconds)", wakes, limit)
				}
				if !now.Equal(start.Add(3 * p.Cycle())) {
					t.Fatalf("the walk overshot the end of the third breath: %v", now.Sub(start))
				}
			})
		}
	}
}

func breathing(id string) *routines.Exercise {
	return &routines.Exercise{ID: "breathe", Name: "Breathing", Kind: routines.Breathe, Breathing: id}
}

// The pacer of a session is PacerAt from the hold's start, and a pause
// moves that start on by exactly its length: the rhythm resumes where it
// stopped, to the nanosecond.
func TestSessionPacerPauseResumeExact(t *testing.T) {
	r := routine(step(exWalk, 10*sec, 1), step(breathing("box"), 2*time.Minute, 1))
	s := New(r, opts(true))
	s.Start(t0)
	holdStart := t0.Add(4*sec + 10*sec + 4*sec) // get ready, walk, get ready
	s.Tick(holdStart.Add(-ms))
	if _, ok := s.Pacer(holdStart.Add(-ms)); ok {
		t.Fatal("pacer during the get-ready")
	}
	s.Tick(holdStart)
	p := pattern(t, "box")
	pauseAt := holdStart.Add(21*sec + 345*ms)
	s.Pause(pauseAt)
	want := PacerAt(p, holdStart, pauseAt)
	for _, later := range []time.Duration{0, sec, 90 * sec} {
		if got, ok := s.Pacer(pauseAt.Add(later)); !ok || !samePacer(got, want) {
			t.Fatalf("paused %v: pacer %+v (%v), want it frozen at %+v", later, got, ok, want)
		}
	}
	const pause = 7*sec + 777*ms
	s.Resume(pauseAt.Add(pause))
	shifted := holdStart.Add(pause)
	for at := pauseAt.Add(pause); at.Before(shifted.Add(2 * time.Minute)); at = at.Add(250 * ms) {
		s.Tick(at)
		got, ok := s.Pacer(at)
		if !ok || !samePacer(got, PacerAt(p, shifted, at)) {
			t.Fatalf("at %v after resuming: %+v, want %+v", at.Sub(pauseAt), got, PacerAt(p, shifted, at))
		}
	}
	// Adjust lengthens the hold without moving the rhythm.
	at := shifted.Add(100 * sec)
	before, _ := s.Pacer(at)
	s.Adjust(at, 5*sec)
	if after, _ := s.Pacer(at); !samePacer(after, before) {
		t.Fatalf("Adjust moved the pacer: %+v → %+v", before, after)
	}
}

func TestSessionPacerOnlyOnBreathingHolds(t *testing.T) {
	r := routine(step(exCalf, 20*sec, 1), step(breathing(""), 30*sec, 1))
	s := New(r, Options{Timing: tm, AutoAdvance: false})
	if _, ok := s.Pacer(t0); ok {
		t.Fatal("pacer before the start")
	}
	s.Start(t0)
	for _, at := range []time.Duration{0, 5 * sec, 25 * sec} {
		s.Tick(t0.Add(at))
		if _, ok := s.Pacer(t0.Add(at)); ok {
			t.Fatalf("pacer at %v, on a stretch", at)
		}
	}
	end := t0.Add(4*sec + 20*sec + 3*sec + 20*sec)
	s.Tick(end)
	if s.State() != Waiting {
		t.Fatalf("state %v, want waiting", s.State())
	}
	if _, ok := s.Pacer(end); ok {
		t.Fatal("pacer while waiting for the user")
	}
	s.Continue(end)
	s.Tick(end.Add(4 * sec))
	pc, ok := s.Pacer(end.Add(5 * sec))
	if !ok || pc.Pattern.ID != "slow" || pc.Phase != 0 || pc.Into != sec {
		t.Fatalf("breathing hold 1 s in: %+v %v", pc, ok)
	}
}

// A step's pattern wins over the exercise's, which wins over the person's
// preference; an exercise that names none follows the preference, and then
// the pattern's name and cues replace the exercise's.
func TestSessionPatternChoice(t *testing.T) {
	plain := breathing("")
	plain.Name, plain.Cues = "Slow breathing", []string{"In 4, out 6."}
	box := breathing("box")
	box.Name, box.Cues = "Box breathing", []string{"Square it."}
	withStep := step(plain, 60*sec, 1)
	withStep.Pattern = "sigh"
	r := routine(step(plain, 60*sec, 1), step(box, 60*sec, 1), withStep, step(exWalk, 60*sec, 1))
	cases := []struct {
		pref  string
		ids   []string
		names []string
	}{
		{"", []string{"slow", "box", "sigh", ""}, []string{"Slow breathing", "Box breathing", "Physiological sigh", "Easy walk"}},
		{"box-3", []string{"box-3", "box", "sigh", ""}, []string{"Box breathing 3-3-3-3", "Box breathing", "Physiological sigh", "Easy walk"}},
	}
	for _, c := range cases {
		s := New(r, Options{Timing: tm, AutoAdvance: true, Breathing: c.pref})
		for i := range r.Steps {
			id := ""
			if p := s.Pattern(i); p != nil {
				id = p.ID
			}
			if id != c.ids[i] || s.StepName(i) != c.names[i] {
				t.Errorf("preference %q, step %d: pattern %q named %q, want %q named %q", c.pref, i, id, s.StepName(i), c.ids[i], c.names[i])
			}
		}
		if got := s.StepCues(1); len(got) != 1 || got[0] != "Square it." {
			t.Errorf("box exercise keeps its cues: %q", got)
		}
		if got := s.StepCues(2); got[0] != pattern(t, "sigh").Cues[0] {
			t.Errorf("a replaced pattern brings its cues: %q", got)
		}
	}
}

// samePacer compares two pacers by pattern id (patterns are built per call).
func samePacer(a, b Pacer) bool {
	return a.Pattern != nil && b.Pattern != nil && a.Pattern.ID == b.Pattern.ID && a.Cycle == b.Cycle && a.Phase == b.Phase && a.Into == b.Into
}
