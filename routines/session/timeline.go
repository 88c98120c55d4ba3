package session

import (
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// SegKind is what a segment of the timeline is for.
type SegKind int

const (
	GetReady SegKind = iota // before each step: move into position
	Hold                    // the exercise itself (a hold, a roll, a walk...)
	Switch                  // between sides, and between reps
)

func (k SegKind) String() string {
	switch k {
	case GetReady:
		return "get ready"
	case Hold:
		return "hold"
	case Switch:
		return "switch"
	}
	return "?"
}

// Side is which side a per-side hold works.
type Side int

const (
	NoSide Side = iota
	Left
	Right
)

func (s Side) String() string {
	switch s {
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return ""
}

// Segment is one timed piece of the timeline.
type Segment struct {
	Kind SegKind
	Step int // index into the routine's steps
	Rep  int // 1-based
	Side Side
	Dur  time.Duration
	// LastOfStep marks the segment whose end completes the step.
	LastOfStep bool
}

// Timeline is a routine expanded into segments.
type Timeline struct {
	Routine  *routines.Routine
	Segments []Segment
	first    []int // index of each step's first segment
}

// Build expands r: for each step a get-ready, then its holds; a per-side
// exercise runs left, switch, right for each rep, with a switch gap between
// reps too. A zero get-ready or switch length leaves that segment out.
func Build(r *routines.Routine, t routines.Timing) Timeline {
	tl := Timeline{Routine: r}
	for i, st := range r.Steps {
		tl.first = append(tl.first, len(tl.Segments))
		if ready := t.ReadyFor(st); ready > 0 {
			tl.Segments = append(tl.Segments, Segment{Kind: GetReady, Step: i, Rep: 1, Dur: ready})
		}
		perSide := st.Exercise != nil && st.Exercise.PerSide
		reps := max(st.Reps, 1)
		for rep := 1; rep <= reps; rep++ {
			sides := []Side{NoSide}
			if perSide {
				sides = []Side{Left, Right}
			}
			for _, side := range sides {
				if (rep > 1 || side == Right) && t.Switch > 0 {
					tl.Segments = append(tl.Segments, Segment{Kind: Switch, Step: i, Rep: rep, Side: side, Dur: t.Switch})
				}
				tl.Segments = append(tl.Segments, Segment{Kind: Hold, Step: i, Rep: rep, Side: side, Dur: st.For})
			}
		}
		tl.Segments[len(tl.Segments)-1].LastOfStep = true
	}
	return tl
}

// Total is the sum of every segment: the routine's length with no pauses.
func (tl Timeline) Total() time.Duration {
	var d time.Duration
	for _, s := range tl.Segments {
		d += s.Dur
	}
	return d
}

// Steps is the number of steps in the routine.
func (tl Timeline) Steps() int { return len(tl.first) }

// StepStart is the index of step i's first segment.
func (tl Timeline) StepStart(i int) int { return tl.first[i] }

// Step returns the routine step that segment i belongs to.
func (tl Timeline) Step(i int) routines.Step { return tl.Routine.Steps[tl.Segments[i].Step] }
