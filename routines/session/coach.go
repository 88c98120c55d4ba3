package session

import "time"

// The coach's cues fall between the session's events: the count over the
// last seconds of a hold, and each phase of the breathing pacer. They are
// computed from the deadline clock, never counted in ticks: the caller
// wakes at the moments NextChange and Pacer.NextChange name (which the screen wakes at anyway
// to redraw) and calls Coach, which returns each cue once, stamped with its
// exact moment however late the wake-up came.

// countFrom is where the end-of-hold count starts: "three, two, one".
const countFrom = 3

// countMinHold is the shortest hold that is counted down: on a shorter one
// the count would start as the hold does.
const countMinHold = 2 * countFrom * time.Second

// countStale: a number not begun within this long of its second is
// dropped (the next one is due soon).
const countStale = 900 * time.Millisecond

// breathStale caps how late a breath word may still be started.
const breathStale = 2 * time.Second

type countKey struct{ entered, adjusted, n int }

type breathKey struct{ entered, seq int }

// Coach returns the coaching cues due at now not yet given: the count in
// the last three seconds of a hold (not on breathing steps, where the
// pacer speaks), and the breathing pacer's change of phase. Nothing is due
// while paused or waiting. Only the cue of the current moment is given: if
// the caller woke too late to give one in time, it is skipped, not
// replayed.
func (s *Session) Coach(now time.Time) []Cue {
	if s.state != Running {
		return nil
	}
	now = s.observe(now)
	seg := s.Segment()
	if seg.Kind != Hold {
		return nil
	}
	if pc, ok := s.Pacer(now); ok {
		key := breathKey{s.entered, pc.Seq()}
		if key == s.saidBreath {
			return nil
		}
		s.saidBreath = key
		at := now.Add(-pc.Into)
		ph := pc.Current()
		kind := CueBreath
		if pc.Seq() == 0 {
			kind = CueBreathStart
		}
		return []Cue{{Kind: kind, At: at, Say: ph.Kind.Word(), Until: at.Add(min(ph.Dur/2, breathStale))}}
	}
	if s.dur < countMinHold {
		return nil
	}
	rem := s.Remaining(now)
	n := int((rem + time.Second - 1) / time.Second)
	if n < 1 || n > countFrom {
		return nil
	}
	key := countKey{s.entered, s.adjusted, n}
	if key == s.saidCount {
		return nil
	}
	s.saidCount = key
	at := s.deadline.Add(-time.Duration(n) * time.Second)
	return []Cue{{Kind: CueCount, At: at, Say: numberWord(n), Until: at.Add(countStale)}}
}
