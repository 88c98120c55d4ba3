package session

import (
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// Pacer is where a breathing pattern is at one moment. It is a pure
// function of the hold's start, the time and the pattern (PacerAt), on the
// same deadline clock as the holds: a pause moves the start on by exactly
// its length, so the rhythm carries on where it stopped.
type Pacer struct {
	Pattern *routines.BreathPattern
	Cycle   int           // breaths begun before this one (0 for the first)
	Phase   int           // index into Pattern.Phases
	Into    time.Duration // time into the phase
}

// PacerAt is the pacer at now for a hold of pattern p that started at
// start. Before the start it is at the very beginning.
func PacerAt(p *routines.BreathPattern, start, now time.Time) Pacer {
	return pacerAfter(p, now.Sub(start))
}

func pacerAfter(p *routines.BreathPattern, elapsed time.Duration) Pacer {
	pc := Pacer{Pattern: p}
	cycle := p.Cycle()
	if cycle <= 0 || elapsed <= 0 {
		return pc
	}
	pc.Cycle = int(elapsed / cycle)
	into := elapsed % cycle
	for i, ph := range p.Phases {
		if into < ph.Dur {
			pc.Phase, pc.Into = i, into
			return pc
		}
		into -= ph.Dur
	}
	return pc // cannot happen: into < cycle
}

// Current is the phase the pacer is in.
func (pc Pacer) Current() routines.BreathPhase { return pc.Pattern.Phases[pc.Phase] }

// Left is the time left in the phase.
func (pc Pacer) Left() time.Duration { return pc.Current().Dur - pc.Into }

// Seq numbers the phase across breaths: it changes exactly when the phase does.
func (pc Pacer) Seq() int { return pc.Cycle*len(pc.Pattern.Phases) + pc.Phase }

// SecondsLeft is the phase's time left as shown: whole seconds rounded up,
// so a 4 s breath in counts 4, 3, 2, 1.
func (pc Pacer) SecondsLeft() int {
	return int((pc.Left() + time.Second - 1) / time.Second)
}

// inhaled is how much of the pattern's whole in-breath is drawn before
// phase i, and the whole in-breath: the fill rises over all the in-breath
// phases together (the sigh's second breath tops it up to full).
func (pc Pacer) inhaled(i int) (before, total time.Duration) {
	for j, ph := range pc.Pattern.Phases {
		if !ph.Kind.Inhale() {
			continue
		}
		if j < i {
			before += ph.Dur
		}
		total += ph.Dur
	}
	return before, total
}

// Fill is how many of cells the pacer's bar shows full: it fills through
// the in-breath, stays full while holding in, empties through the
// out-breath and stays empty holding out. Integer arithmetic, so a cell
// changes at exactly the moment FillChange says.
func (pc Pacer) Fill(cells int) int {
	if cells <= 0 {
		return 0
	}
	ph := pc.Current()
	n := int64(cells)
	switch {
	case ph.Kind.Inhale():
		before, total := pc.inhaled(pc.Phase)
		return int(n * int64(before+pc.Into) / int64(total))
	case ph.Kind == routines.BreatheOut:
		return cells - int(n*int64(pc.Into)/int64(ph.Dur))
	case ph.Kind == routines.HoldIn:
		return cells
	}
	return 0
}

// NextChange is how long until what the pacer shows changes: a cell of a
// bar of cells fills or empties, the phase's whole seconds count down, or
// the phase ends. The screen wakes then and at no other moment, so a
// pacer costs one frame per cell moved and per second.
func (pc Pacer) NextChange(cells int) time.Duration {
	left := pc.Left()
	next := left
	if frac := left % time.Second; frac != 0 {
		next = min(next, frac)
	} else {
		next = min(next, time.Second)
	}
	if cells <= 0 {
		return next
	}
	ph := pc.Current()
	n := int64(cells)
	ceilDiv := func(a, b int64) int64 { return (a + b - 1) / b }
	switch {
	case ph.Kind.Inhale():
		before, total := pc.inhaled(pc.Phase)
		f := n * int64(before+pc.Into) / int64(total)
		// The moment the fill reaches f+1 cells, as time into the phase.
		at := time.Duration(ceilDiv((f+1)*int64(total), n)) - before
		next = min(next, at-pc.Into)
	case ph.Kind == routines.BreatheOut:
		g := n * int64(pc.Into) / int64(ph.Dur)
		at := time.Duration(ceilDiv((g+1)*int64(ph.Dur), n))
		next = min(next, at-pc.Into)
	}
	return max(next, 0)
}

// Pattern is the breathing pattern step i paces, or nil if it is not a
// breathing step.
func (s *Session) Pattern(step int) *routines.BreathPattern {
	if step < 0 || step >= len(s.patterns) {
		return nil
	}
	return s.patterns[step]
}

// Pacer is the breathing pacer at now, while a breathing step's hold is
// running or paused; ok is false otherwise. Time spent paused does not
// move it, and a hold lengthened or shortened with Adjust keeps its rhythm.
func (s *Session) Pacer(now time.Time) (pc Pacer, ok bool) {
	if s.state != Running && s.state != Paused || s.waiting() {
		return Pacer{}, false
	}
	seg := s.Segment()
	p := s.Pattern(seg.Step)
	if seg.Kind != Hold || p == nil {
		return Pacer{}, false
	}
	// The hold's start on the deadline clock: now less the time it has run.
	now = s.at(now)
	return PacerAt(p, now.Add(-s.elapsed(now)), now), true
}
