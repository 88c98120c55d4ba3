package session

import (
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// State is where the session is.
type State int

const (
	NotStarted State = iota
	Running
	Paused
	Waiting // auto-advance is off: a step ended and the next waits for the user
	Done
)

func (s State) String() string {
	return [...]string{"not started", "running", "paused", "waiting", "done"}[s]
}

// EventKind says what changed.
type EventKind int

const (
	SegmentStarted EventKind = iota // a segment began (get-ready, hold or switch)
	StepDone                        // every hold of a step ran out
	StepSkipped                     // the user skipped a step before it was done
	WaitingForUser                  // auto-advance is off and a step ended
	PausedEvent
	ResumedEvent
	Finished // the last segment ended, or the user skipped past it
)

// Event is one change, stamped with the exact moment it happened: for
// segment ends that is the deadline, not the moment Tick noticed it.
type Event struct {
	Kind    EventKind
	At      time.Time
	Index   int // segment index
	Segment Segment
}

// StepStatus is how a step ended.
type StepStatus int

const (
	Pending StepStatus = iota
	Completed
	Skipped
)

// MinHold is the shortest a running segment can be cut to with Adjust.
const MinHold = 5 * time.Second

// maxSegment caps Adjust so a held-down + key cannot make an absurd hold.
const maxSegment = 30 * time.Minute

// backGrace: Back within this long of a step's start goes to the previous
// step rather than restarting this one. It only matters when a step begins
// with its hold (no get-ready); otherwise Back from a get-ready already goes
// to the previous step.
const backGrace = 2 * time.Second

// Options set the session's behaviour.
type Options struct {
	Timing      routines.Timing
	AutoAdvance bool
	// Breathing is the person's preferred breathing pattern id ("" for
	// none): breathing steps whose routine and exercise name no pattern
	// pace it.
	Breathing string
}

// DefaultOptions match routines.DefaultTiming with auto-advance on.
func DefaultOptions() Options {
	return Options{Timing: routines.DefaultTiming(), AutoAdvance: true}
}

// Session is one run of a routine. The zero value is not usable: call New.
type Session struct {
	tl   Timeline
	opts Options

	state State
	idx   int           // current segment
	dur   time.Duration // current segment's length, after adjustments
	// deadline is when the current segment ends while Running; remaining
	// holds the time left while Paused. Remaining time is always derived
	// from a deadline, never counted in ticks, so nothing drifts.
	deadline  time.Time
	remaining time.Duration

	// seen is the latest time passed in: an earlier one (a stale tick, a
	// message delivered late) is read as this, so the clock never runs back.
	seen time.Time

	start, end time.Time
	// pausedAt is when the clock last stopped: a pause began or (auto-advance
	// off) a wait for the user began. While Paused or Waiting the time since
	// then is not active time; it is added to pausedTotal when the clock runs
	// again.
	pausedAt     time.Time
	pausedTotal  time.Duration
	pausedBefore State // Running or Waiting, to return to on Resume
	status       []StepStatus
	areaTime     map[string]time.Duration

	patterns []*routines.BreathPattern // per step; nil for steps that are not breathing
	// entered counts segment starts and adjusted counts Adjust calls, so
	// the coach says each count and breath once per start of a segment.
	entered, adjusted int
	saidCount         countKey
	saidBreath        breathKey
}

// New prepares a session for r. Nothing runs until Start.
func New(r *routines.Routine, opts Options) *Session {
	tl := Build(r, opts.Timing)
	s := &Session{tl: tl, opts: opts, status: make([]StepStatus, tl.Steps()), areaTime: map[string]time.Duration{}}
	for _, st := range r.Steps {
		s.patterns = append(s.patterns, st.Breathing(opts.Breathing))
	}
	if len(tl.Segments) > 0 {
		// Before Start the current segment is the first one, at full length.
		s.dur = tl.Segments[0].Dur
		s.remaining = s.dur
	}
	return s
}

// StartAt starts the session at step (0-based), resuming one that was
// interrupted there: of the steps before it, the first done count as done
// and the rest as skipped, as they were; only the time from now on is this
// run's. A step out of range starts from the beginning.
func (s *Session) StartAt(now time.Time, step, done int) []Event {
	if step <= 0 || step >= s.tl.Steps() || s.state != NotStarted {
		return s.Start(now)
	}
	for i := range step {
		s.status[i] = Skipped
		if i < done {
			s.status[i] = Completed
		}
	}
	now = s.observe(now)
	s.start = now
	s.state = Running
	return s.enter(s.tl.StepStart(step), now)
}

// observe records now as the latest time seen and returns it, or returns
// the latest time already seen if now is earlier.
func (s *Session) observe(now time.Time) time.Time {
	if now.Before(s.seen) {
		return s.seen
	}
	s.seen = now
	return now
}

// at reads now like observe without recording it (for read-only methods).
func (s *Session) at(now time.Time) time.Time {
	if now.Before(s.seen) {
		return s.seen
	}
	return now
}

// waiting reports whether the session is waiting for the user to continue,
// or paused during such a wait.
func (s *Session) waiting() bool {
	return s.state == Waiting || s.state == Paused && s.pausedBefore == Waiting
}

// clockStopped reports whether the clock is stopped (paused or waiting).
func (s *Session) clockStopped() bool { return s.state == Paused || s.state == Waiting }

// restartClock ends a stop (pause or wait) at now, counting it as paused.
func (s *Session) restartClock(now time.Time) {
	if s.clockStopped() {
		s.pausedTotal += now.Sub(s.pausedAt)
		s.pausedAt = now
	}
}

// Timeline returns the expanded routine.
func (s *Session) Timeline() Timeline { return s.tl }

// Routine returns the routine being run.
func (s *Session) Routine() *routines.Routine { return s.tl.Routine }

// State returns the current state.
func (s *Session) State() State { return s.state }

// Index returns the current segment's index.
func (s *Session) Index() int { return s.idx }

// Segment returns the current segment (the last one once Done).
func (s *Session) Segment() Segment {
	if len(s.tl.Segments) == 0 {
		return Segment{}
	}
	return s.tl.Segments[min(s.idx, len(s.tl.Segments)-1)]
}

// Length is the current segment's length, including adjustments.
func (s *Session) Length() time.Duration { return s.dur }

// StepIndex is the current step (0-based).
func (s *Session) StepIndex() int { return s.Segment().Step }

// Status reports how each step ended so far.
func (s *Session) Status() []StepStatus { return append([]StepStatus(nil), s.status...) }

// Start begins the first segment at now.
func (s *Session) Start(now time.Time) []Event {
	if s.state != NotStarted {
		return nil
	}
	now = s.observe(now)
	s.start = now
	if len(s.tl.Segments) == 0 {
		s.state, s.end = Done, now
		return []Event{{Kind: Finished, At: now}}
	}
	s.state = Running
	return s.enter(0, now)
}

// enter makes segment i current, starting at 'at'.
func (s *Session) enter(i int, at time.Time) []Event {
	s.idx = i
	s.entered++
	seg := s.tl.Segments[i]
	s.dur = seg.Dur
	s.deadline = at.Add(seg.Dur)
	s.remaining = seg.Dur
	return []Event{{Kind: SegmentStarted, At: at, Index: i, Segment: seg}}
}

// Remaining is the time left in the current segment.
func (s *Session) Remaining(now time.Time) time.Duration {
	switch s.state {
	case Running:
		return max(s.deadline.Sub(s.at(now)), 0)
	case Paused, Waiting:
		return s.remaining
	case NotStarted:
		return s.dur
	}
	return 0
}

// RoutineRemaining is the time left in the whole routine, pauses aside.
func (s *Session) RoutineRemaining(now time.Time) time.Duration {
	if s.state == Done {
		return 0
	}
	d := s.Remaining(now)
	if s.state == NotStarted {
		return s.tl.Total()
	}
	for _, seg := range s.tl.Segments[s.idx+1:] {
		d += seg.Dur
	}
	return d
}

// NextChange is how long until the displayed whole second of the current
// segment changes (seconds are shown rounded up, so a 30 s hold reads 30
// for its first second and 1 for its last). The UI sleeps until then.
func (s *Session) NextChange(now time.Time) time.Duration {
	if s.state != Running {
		return 0
	}
	r := s.Remaining(now)
	if r <= 0 {
		return 0
	}
	if frac := r % time.Second; frac != 0 {
		return frac
	}
	return time.Second
}

// Tick advances past every deadline that has passed by now. Each new
// segment starts exactly at the previous one's deadline, so however late
// the tick arrives no time is lost or gained.
func (s *Session) Tick(now time.Time) []Event {
	now = s.observe(now)
	var evs []Event
	for s.state == Running && !now.Before(s.deadline) {
		evs = append(evs, s.finishSegment(s.deadline)...)
	}
	return evs
}

// finishSegment ends the current segment at 'at' (its deadline) and moves on.
func (s *Session) finishSegment(at time.Time) []Event {
	seg := s.tl.Segments[s.idx]
	s.account(seg, s.dur)
	var evs []Event
	if seg.LastOfStep {
		s.status[seg.Step] = Completed
		evs = append(evs, Event{Kind: StepDone, At: at, Index: s.idx, Segment: seg})
	}
	next := s.idx + 1
	if next >= len(s.tl.Segments) {
		return append(evs, s.finish(at)...)
	}
	if seg.LastOfStep && !s.opts.AutoAdvance {
		s.idx = next
		nseg := s.tl.Segments[next]
		s.state, s.dur, s.remaining = Waiting, nseg.Dur, nseg.Dur
		// The clock stops while the user has not asked for the next step:
		// like a pause, the wait is not active time.
		s.pausedAt = at
		return append(evs, Event{Kind: WaitingForUser, At: at, Index: next, Segment: nseg})
	}
	return append(evs, s.enter(next, at)...)
}

func (s *Session) finish(at time.Time) []Event {
	s.state, s.end = Done, at
	s.idx = len(s.tl.Segments) - 1
	s.remaining = 0
	ev := Event{Kind: Finished, At: at, Index: s.idx}
	if len(s.tl.Segments) > 0 {
		ev.Segment = s.tl.Segments[s.idx]
	}
	return []Event{ev}
}

// account adds time spent in a hold to the areas its exercise works.
func (s *Session) account(seg Segment, spent time.Duration) {
	if seg.Kind != Hold || spent <= 0 {
		return
	}
	ex := s.tl.Routine.Steps[seg.Step].Exercise
	if ex == nil {
		return
	}
	for _, a := range ex.Areas {
		s.areaTime[a] += spent
	}
}

// elapsed is the time spent so far in the current segment.
func (s *Session) elapsed(now time.Time) time.Duration {
	return max(s.dur-s.Remaining(now), 0)
}

// Pause stops the clock; the time left is kept exactly. A deadline that
// passed before now is handled first, and its events are returned too.
func (s *Session) Pause(now time.Time) []Event {
	if s.state != Running && s.state != Waiting {
		return nil
	}
	now = s.observe(now)
	evs := s.Tick(now)
	switch s.state {
	case Running:
		s.remaining = s.deadline.Sub(now)
		s.pausedAt = now
	case Waiting:
		// The clock stopped when the wait began; the pause carries on from there.
	default:
		return evs
	}
	s.pausedBefore, s.state = s.state, Paused
	return append(evs, Event{Kind: PausedEvent, At: now, Index: s.idx, Segment: s.Segment()})
}

// Resume restarts the clock with a fresh deadline for the time left. A
// session paused while waiting for the user goes back to waiting.
func (s *Session) Resume(now time.Time) []Event {
	if s.state != Paused {
		return nil
	}
	now = s.observe(now)
	s.state = s.pausedBefore
	if s.state == Running {
		s.pausedTotal += now.Sub(s.pausedAt)
		s.deadline = now.Add(s.remaining)
	}
	return []Event{{Kind: ResumedEvent, At: now, Index: s.idx, Segment: s.Segment()}}
}

// Toggle pauses a running session and resumes a paused one.
func (s *Session) Toggle(now time.Time) []Event {
	if s.state == Paused {
		return s.Resume(now)
	}
	return s.Pause(now)
}

// Continue starts the waiting step when auto-advance is off.
func (s *Session) Continue(now time.Time) []Event {
	if s.state != Waiting {
		return nil
	}
	now = s.observe(now)
	s.restartClock(now)
	s.state = Running
	return s.enter(s.idx, now)
}

// prepare brings the session up to now before a user action (Skip, Back,
// Adjust) and returns the events that brought. ok is false when the action
// no longer applies: the session is not under way, or a deadline passed
// before now ended the step into a wait or ended the routine.
func (s *Session) prepare(now time.Time) (evs []Event, ok bool) {
	switch s.state {
	case Running:
		evs = s.Tick(now)
		return evs, s.state == Running
	case Paused, Waiting:
		return nil, true
	}
	return nil, false
}

// Skip moves on. During a get-ready it starts the step's first hold at
// once; otherwise it ends the step (counted as skipped if not all its holds
// ran) and starts the next step's get-ready, or finishes the routine. While
// waiting for the user it skips the waiting step whole. A paused session
// stays paused.
func (s *Session) Skip(now time.Time) []Event {
	return s.jump(now, func(now time.Time, seg Segment, waiting bool) (int, []Event) {
		if seg.Kind == GetReady && !waiting {
			return s.idx + 1, nil
		}
		s.status[seg.Step] = Skipped
		return s.nextStepStart(seg.Step), []Event{{Kind: StepSkipped, At: now, Index: s.idx, Segment: seg}}
	})
}

// jump is the shared body of Skip and Back: it leaves the current segment,
// asks to for the segment to enter (past the last one finishes the routine)
// and any events of the leaving, and keeps a pause the user asked for.
func (s *Session) jump(now time.Time, to func(now time.Time, seg Segment, waiting bool) (int, []Event)) []Event {
	now = s.observe(now)
	evs, ok := s.prepare(now)
	if !ok {
		return evs
	}
	wasPaused, waiting, seg := s.leaveSegment(now)
	next, left := to(now, seg, waiting)
	evs = append(evs, left...)
	s.restartClock(now)
	if next >= len(s.tl.Segments) {
		return append(evs, s.finish(now)...)
	}
	s.state = Running
	evs = append(evs, s.enter(next, now)...)
	if wasPaused {
		// Moving while paused stays paused: the user asked for a pause
		// and has not lifted it.
		evs = append(evs, s.Pause(now)...)
	}
	return evs
}

// leaveSegment is the start of Skip and Back: whether the session was
// paused and waiting for the user, and the segment being left, whose time
// so far is accounted (a waiting step has run none).
func (s *Session) leaveSegment(now time.Time) (wasPaused, waiting bool, seg Segment) {
	wasPaused, waiting = s.state == Paused, s.waiting()
	seg = s.tl.Segments[s.idx]
	if !waiting {
		s.account(seg, s.elapsed(now))
	}
	return wasPaused, waiting, seg
}

func (s *Session) nextStepStart(step int) int {
	if step+1 >= s.tl.Steps() {
		return len(s.tl.Segments)
	}
	return s.tl.StepStart(step + 1)
}

// Back restarts the current step from its get-ready; from a get-ready (or
// while waiting for a step, or in the first moments of a step that has no
// get-ready) it goes to the previous step's get-ready. At the first step it
// restarts that step. A paused session stays paused.
func (s *Session) Back(now time.Time) []Event {
	return s.jump(now, func(now time.Time, seg Segment, waiting bool) (int, []Event) {
		step := seg.Step
		atStart := waiting || s.idx == s.tl.StepStart(step) && (seg.Kind == GetReady || s.elapsed(now) < backGrace)
		if atStart && step > 0 {
			step--
		}
		s.status[step] = Pending
		s.status[seg.Step] = Pending
		return s.tl.StepStart(step), nil
	})
}

// Adjust lengthens or shortens the current segment by d. Shortening never
// leaves less than MinHold (and never cuts a segment already below it):
// ending a hold early is what Skip is for.
func (s *Session) Adjust(now time.Time, d time.Duration) []Event {
	if s.waiting() {
		// Nothing is timed yet: the waiting step starts at its full length.
		return nil
	}
	now = s.observe(now)
	evs, ok := s.prepare(now)
	if !ok {
		return evs
	}
	rem := s.Remaining(now)
	var newRem time.Duration
	switch {
	case d > 0:
		// Capped, but a + never shortens what is left.
		newRem = max(rem, min(rem+d, maxSegment))
	case d < 0:
		newRem = max(rem+d, min(rem, MinHold))
	default:
		return evs
	}
	if newRem != rem {
		s.adjusted++
	}
	s.dur += newRem - rem
	// A per-side hold changes for both sides: the right side of the same
	// rep, still to come, gets the same seconds more or less.
	if seg := s.tl.Segments[s.idx]; seg.Kind == Hold && seg.Side == Left {
		for j := s.idx + 1; j < len(s.tl.Segments); j++ {
			if o := s.tl.Segments[j]; o.Step == seg.Step && o.Rep == seg.Rep && o.Kind == Hold && o.Side == Right {
				s.tl.Segments[j].Dur = max(o.Dur+newRem-rem, MinHold)
				break
			}
		}
	}
	if s.state == Running {
		s.deadline = now.Add(newRem)
	} else {
		s.remaining = newRem
	}
	return evs
}

// Summary is what the session did, for the summary screen and history.
type Summary struct {
	Start, End   time.Time
	Active       time.Duration // wall time less Paused
	Paused       time.Duration // time the clock stood still: pauses, and waits for the user (auto-advance off)
	StepsDone    int
	StepsSkipped int
	StepsTotal   int
	AreaSeconds  map[string]float64
	Completed    bool // every step ran to its end or was skipped, and the routine finished
}

// Summary reports the session as of now (or its end, once Done).
func (s *Session) Summary(now time.Time) Summary {
	now = s.at(now)
	end := now
	if s.state == Done {
		end = s.end
	}
	paused := s.pausedTotal
	if s.clockStopped() {
		paused += now.Sub(s.pausedAt)
	}
	sum := Summary{Start: s.start, End: end, Paused: paused, StepsTotal: s.tl.Steps(), AreaSeconds: map[string]float64{}, Completed: s.state == Done}
	if s.state == NotStarted {
		sum.Start, sum.End = now, now
	} else {
		sum.Active = max(end.Sub(s.start)-paused, 0)
	}
	for _, st := range s.status {
		switch st {
		case Completed:
			sum.StepsDone++
		case Skipped:
			sum.StepsSkipped++
		}
	}
	for a, d := range s.areaTime {
		sum.AreaSeconds[a] = d.Seconds()
	}
	if s.state == Running || s.state == Paused {
		// Count the hold in progress too, so a quit mid-hold is recorded.
		if seg := s.tl.Segments[s.idx]; seg.Kind == Hold {
			if ex := s.tl.Routine.Steps[seg.Step].Exercise; ex != nil {
				for _, a := range ex.Areas {
					sum.AreaSeconds[a] += s.elapsed(now).Seconds()
				}
			}
		}
	}
	return sum
}
