package session

import "time"

// Reps is where a mobility drill counted in reps is, at one moment.
type Reps struct {
	Rep, Count int           // the rep under way (1-based) and the reps of the hold
	Tempo      time.Duration // the time of one rep
	Next       time.Duration // until the next rep starts (0 in the last rep)
}

// RepsAt is the rep count at elapsed into a hold of count reps at tempo:
// a pure function, so the count changes exactly every tempo from the
// hold's start, on the same deadline clock as the hold.
func RepsAt(count int, tempo, elapsed time.Duration) Reps {
	r := Reps{Count: count, Tempo: tempo, Rep: 1}
	if count <= 0 || tempo <= 0 {
		return r
	}
	done := int(max(elapsed, 0) / tempo)
	r.Rep = min(done+1, count)
	if done+1 < count {
		r.Next = time.Duration(done+1)*tempo - max(elapsed, 0)
	}
	return r
}

// Reps is the rep count of the mobility hold running or paused now; ok is
// false when the segment is not a hold of a drill counted in reps. A hold
// lengthened with + keeps counting its last rep.
func (s *Session) Reps(now time.Time) (Reps, bool) {
	if s.state != Running && s.state != Paused || s.waiting() {
		return Reps{}, false
	}
	seg := s.Segment()
	st := s.tl.Routine.Steps[seg.Step]
	if seg.Kind != Hold || st.RepCount() <= 0 {
		return Reps{}, false
	}
	return RepsAt(st.RepCount(), st.Tempo(), s.elapsed(s.at(now))), true
}
