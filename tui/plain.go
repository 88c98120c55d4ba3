package tui

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// Clock is the time source of plain mode; tests pass a fake one that
// never sleeps.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// RealClock is the wall clock, with monotonic readings.
func RealClock() Clock { return realClock{} }

// PlainOptions configure the line-by-line mode.
type PlainOptions struct {
	Routine *routines.Routine
	Level   routines.Level
	Session session.Options
	Units   string
	Kit     *routines.Kit // what the person has, for the advice after; nil: not said
	Clock   Clock
	Out     io.Writer // event lines
	Bell    io.Writer // where bells go; nil rings none
	Voice   *Voice    // nil speaks nothing
	// BreathBell rings a bell at each change of the breathing pacer.
	BreathBell bool
	// In gives the keys: space pauses and resumes, n skips, p goes back,
	// q quits, enter starts the next step when auto-advance is off. (The
	// command puts a terminal in a mode where keys arrive at once, unechoed.)
	In       io.Reader
	Recorder Recorder
	// Resume starts the session where this interrupted one stopped.
	Resume *Resume
	// Err takes the warnings, so the event lines (what a screen reader or
	// a log follows) hold only the session; nil puts them among the lines.
	Err io.Writer
	// Stops delivers a stop request (SIGTSTP); Stop then stops the process
	// and returns once it is continued. The session is paused meanwhile.
	Stops <-chan struct{}
	Stop  func()
}

// RunPlain runs a routine printing one line per event: for screen
// readers, logs and scripts. It sleeps through holds until each deadline.
// Cancelling ctx (a signal) ends the session as interrupted.
func RunPlain(ctx context.Context, o PlainOptions) (Result, error) {
	if o.Clock == nil {
		o.Clock = RealClock()
	}
	s := session.New(o.Routine, o.Session)
	res := Result{Routine: o.Routine, Level: o.Level}
	pl := &plainPrinter{o: o, s: s}
	evs := pl.begin()
	keys := keyReader(o.In)
	for {
		pl.events(evs)
		if pl.err != nil {
			// The output was closed (its reader left: `| head -2`): the
			// session ends here, interrupted and recorded, rather than
			// running on unseen.
			pl.interrupt(&res)
			return res, nil
		}
		if s.State() == session.Done {
			break
		}
		var wake <-chan time.Time
		if s.State() == session.Waiting {
			if keys == nil {
				evs = s.Continue(o.Clock.Now())
				continue
			}
			if !pl.asked {
				pl.line(o.Clock.Now(), "Press Enter to start the next step.")
				pl.asked = true
			}
		} else if s.State() != session.Paused {
			wake = o.Clock.After(pl.nextWake(o.Clock.Now()))
		}
		select {
		case <-o.Stops:
			evs = pl.jobStop()
		case <-ctx.Done():
			pl.interrupt(&res)
			pl.line(o.Clock.Now(), "Interrupted: %d of %d steps done.", res.Summary.StepsDone, res.Summary.StepsTotal)
			return res, nil
		case <-wake:
			evs = s.Tick(o.Clock.Now())
		case k, ok := <-keys:
			var quit bool
			if !ok {
				keys = nil // no more keys: the session runs on by itself
			}
			if evs, quit = pl.key(o.Clock.Now(), k, ok, &res); quit {
				return res, nil
			}
		}
	}
	pl.finish(&res)
	return res, nil
}

// begin prints the opening lines, starts (or resumes) the session and
// opens its record.
func (p *plainPrinter) begin() []session.Event {
	o, s := p.o, p.s
	now := o.Clock.Now()
	p.start = now
	tl := s.Timeline()
	if o.Level == routines.VerySore {
		// The check card, as on screen; plain mode reads no answer to it,
		// so it says how to stop instead.
		p.card(now, routines.VerySoreCheck())
		p.line(now, "Going on with the gentle routine; press Ctrl+C to stop.")
	}
	p.line(now, "%s · %s · %s · %s", o.Routine.Name, routines.Plural(tl.Steps(), "step", "steps"), minSec(tl.Total()), o.Level)
	var evs []session.Event
	if rs := o.Resume; rs != nil {
		p.line(now, "Resuming at step %d of %d.", rs.Step+1, tl.Steps())
		evs = s.StartAt(now, rs.Step, rs.Done)
	} else {
		evs = s.Start(now)
	}
	if o.Recorder != nil {
		if err := o.Recorder.Begin(o.Routine, o.Level, s.Summary(now)); err != nil {
			p.warn("%v", err) // the checkpoint only; the log is still tried at the end
		}
	}
	return evs
}

// interrupt pauses the session and marks the result interrupted.
func (p *plainPrinter) interrupt(res *Result) {
	now := p.o.Clock.Now()
	p.s.Pause(now)
	res.Summary, res.Outcome, res.Interrupted = p.s.Summary(now), OutcomeInterrupted, true
}

// jobStop handles a stop from job control (ctrl+z, kill -TSTP): the hold
// waits with the process and goes on, where it was, once continued. A
// session the person had paused stays paused.
func (p *plainPrinter) jobStop() []session.Event {
	s := p.s
	ours := s.State() != session.Paused
	p.events(s.Pause(p.o.Clock.Now()))
	if p.o.Stop != nil {
		p.o.Stop()
	}
	if ours {
		return s.Resume(p.o.Clock.Now())
	}
	return nil
}

// key applies one key read at now (ok false: the input has ended) and
// says whether it quit the session, res then holding the outcome.
func (p *plainPrinter) key(now time.Time, k rune, ok bool, res *Result) ([]session.Event, bool) {
	s := p.s
	switch {
	case !ok:
		if s.State() == session.Paused {
			return s.Resume(now), false
		}
	case k == '\r' || k == '\n':
		if s.State() == session.Waiting {
			p.asked = false
			return s.Continue(now), false
		}
	case k == ' ':
		if s.State() != session.Waiting {
			return s.Toggle(now), false
		}
	case k == 'n' || k == 'N':
		return s.Skip(now), false
	case k == 'p' || k == 'P':
		return s.Back(now), false
	case k == 'q' || k == 'Q':
		// Left in the first get-ready: not a session, nothing recorded.
		res.NotStarted = s.Index() == 0 && s.Segment().Kind == session.GetReady &&
			s.Summary(now).StepsDone == 0 && s.Summary(now).StepsSkipped == 0 && p.o.Resume == nil
		s.Pause(now)
		res.Summary, res.Outcome = s.Summary(now), OutcomeQuit
		p.line(now, "Quit: %d of %d steps done, %d skipped, %s active.",
			res.Summary.StepsDone, res.Summary.StepsTotal, res.Summary.StepsSkipped, minSec(res.Summary.Active))
		return nil, true
	}
	return nil, false
}

// finish records a completed session and prints its closing lines.
func (p *plainPrinter) finish(res *Result) {
	sum := p.s.Summary(p.o.Clock.Now())
	res.Summary, res.Outcome = sum, OutcomeCompleted
	p.line(sum.End, "Finished: %d of %d steps done, %d skipped, %s active.", sum.StepsDone, sum.StepsTotal, sum.StepsSkipped, minSec(sum.Active))
	if sum.StepsDone > 0 {
		level := p.o.Level
		if !level.Valid() {
			level = routines.Sore
		}
		p.card(sum.End, routines.AfterSessionFor(level, routines.Units(p.o.Units), p.o.Kit))
	}
}

// card prints a card one line per heading, bullet, action and closing
// line, each with the time, as every plain line is.
func (p *plainPrinter) card(at time.Time, c routines.Card) {
	for _, l := range c.Lines() {
		if l != "" {
			p.line(at, "%s", l)
		}
	}
}

// keyReader delivers the characters read from r on a channel, closed at
// EOF; nil for no input. A terminal sends each key as it is pressed; a
// pipe sends what was written to it ("n\n" is a skip, then an enter).
func keyReader(r io.Reader) chan rune {
	if r == nil {
		return nil
	}
	ch := make(chan rune)
	go func() {
		defer close(ch)
		br := bufio.NewReader(r)
		for {
			c, _, err := br.ReadRune()
			if err != nil {
				return
			}
			ch <- c
		}
	}()
	return ch
}

type plainPrinter struct {
	o     PlainOptions
	s     *session.Session
	start time.Time
	err   error // the first failed write: nothing reads the lines any more
	asked bool  // "Press Enter" was printed for this wait
}

// warn reports a problem on Err, out of the event lines.
func (p *plainPrinter) warn(format string, args ...any) {
	if p.o.Err == nil {
		p.line(p.o.Clock.Now(), "Warning: "+format, args...)
		return
	}
	fmt.Fprintf(p.o.Err, "cooldown: warning: "+format+"\n", args...)
}

// describe prints what a step asks of the body: its cues and its
// caution, one line each, so the lines alone can be followed.
func (p *plainPrinter) describe(at time.Time, st routines.Step) {
	if st.Exercise == nil {
		return
	}
	if st.Note != "" {
		p.line(at, "  Note: %s", st.Note)
	}
	for _, c := range st.Exercise.Cues {
		p.line(at, "  %s", c)
	}
	if st.Exercise.Caution != "" {
		p.line(at, "  Caution: %s", st.Exercise.Caution)
	}
}

// line prints one event stamped with the time since the start.
func (p *plainPrinter) line(at time.Time, format string, args ...any) {
	if p.err != nil {
		return
	}
	if _, err := fmt.Fprintf(p.o.Out, "%5s  %s\n", minSec(at.Sub(p.start)), fmt.Sprintf(format, args...)); err != nil {
		p.err = err
	}
}

func (p *plainPrinter) events(evs []session.Event) {
	tl := p.s.Timeline()
	for _, e := range evs {
		st := tl.Routine.Steps[e.Segment.Step]
		name := st.Name()
		switch e.Kind {
		case session.SegmentStarted:
			switch e.Segment.Kind {
			case session.GetReady:
				what := st.Length()
				if st.Exercise != nil && st.Exercise.PerSide {
					what += ", left side first"
				}
				p.line(e.At, "Step %d of %d, get ready: %s (%s)", e.Segment.Step+1, tl.Steps(), name, what)
				p.describe(e.At, st)
			case session.Switch:
				if e.Segment.Side == session.Right {
					p.line(e.At, "Switch sides: %s", name)
				} else {
					p.line(e.At, "Rest, then the next rep: %s", name)
				}
			case session.Hold:
				side := ""
				if e.Segment.Side != session.NoSide {
					side = " · " + e.Segment.Side.String() + " side"
				}
				rep := ""
				if st.Reps > 1 {
					rep = fmt.Sprintf(" · rep %d of %d", e.Segment.Rep, st.Reps)
				}
				tempo := ""
				if n := st.RepCount(); n > 0 {
					// A drill counted in reps: how many, and how slowly.
					tempo = fmt.Sprintf(" · %d reps, %s s a rep", n, strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", st.Tempo().Seconds()), "0"), "."))
				}
				p.line(e.At, "Go: %s%s%s · %s%s", name, side, rep, routines.Friendly(e.Segment.Dur), tempo)
				if e.Segment.Rep == 1 && e.Segment.Side != session.Right && p.o.Session.Timing.GetReady == 0 {
					p.describe(e.At, st) // no get-ready to say it in
				}
				if st.Exercise != nil && st.Exercise.Kind == routines.Hydrate {
					p.line(e.At, "%s", routines.DrinkAdvice(routines.Units(p.o.Units)))
				}
			}
		case session.StepDone:
			p.line(e.At, "Done: %s", name)
			p.checkpoint(e.At)
		case session.StepSkipped:
			p.line(e.At, "Skipped: %s", name)
			p.checkpoint(e.At)
		case session.PausedEvent:
			p.line(e.At, "Paused")
		case session.ResumedEvent:
			p.line(e.At, "Resumed")
		}
	}
	// The events' cues, then the coach's due now (the count, the breaths).
	for _, c := range append(p.s.Cues(evs), p.s.Coach(p.o.Clock.Now())...) {
		n := Bells(c.Kind)
		if c.Kind == session.CueBreath && !p.o.BreathBell {
			n = 0
		}
		if n > 0 && p.o.Bell != nil {
			// Bells go to the terminal, not into the event lines.
			_, _ = io.WriteString(p.o.Bell, strings.Repeat("\a", n))
		}
		if p.o.Voice != nil && c.Say != "" {
			if err := p.o.Voice.SayBy(c.Say, c.Until); err != nil {
				p.warn("%v", err)
			}
		}
	}
}

// nextWake is when to wake next: at the segment's end; with speech or
// breathing bells also at each second (the count) and each change of the
// pacer's phase, which print nothing.
func (p *plainPrinter) nextWake(now time.Time) time.Duration {
	d := p.s.Remaining(now)
	if p.o.Voice == nil && (!p.o.BreathBell || p.o.Bell == nil) {
		return d
	}
	if n := p.s.NextChange(now); n > 0 {
		d = min(d, n)
	}
	if pc, ok := p.s.Pacer(now); ok {
		d = min(d, pc.Left())
	}
	return d
}

func (p *plainPrinter) checkpoint(at time.Time) {
	if p.o.Recorder == nil {
		return
	}
	if err := p.o.Recorder.Checkpoint(p.s.Summary(at)); err != nil {
		p.warn("%v", err) // the checkpoint only; the log is still tried at the end
	}
}
