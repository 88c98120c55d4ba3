package cli

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/history"
	"github.com/cooldown-app/cooldown/routines/session"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/tui"
)

func stateDir() string { return filepath.Join(stateHome(), "cooldown") }

// recorder keeps the session log for one program run: a checkpoint while
// the session runs, the final record once the program has ended.
type recorder struct {
	store *history.Store

	mu    sync.Mutex
	cp    *history.Checkpoint
	base  history.Record
	last  session.Summary
	begun bool // Begin was called: there is a session to record
	// prior is the interrupted session this one resumes: the same session
	// in the log (its id), its start, and its time so far.
	prior *history.Record
	// offer is the session the picker offers to resume: a session that
	// begins at its step is that one going on.
	offer *resumable
	done  bool // its final record was written (or tried): once only
}

func newRecorder() *recorder { return &recorder{store: history.NewStore(stateDir())} }

// record builds the log record of a session from its summary.
func record(base history.Record, sum session.Summary) history.Record {
	r := base
	r.Start, r.End = sum.Start, sum.End
	r.StepsDone, r.StepsSkipped, r.StepsTotal = sum.StepsDone, sum.StepsSkipped, sum.StepsTotal
	r.ActiveSeconds = sum.Active.Seconds()
	r.PausedSeconds = sum.Paused.Seconds()
	r.AreaSeconds = sum.AreaSeconds
	return r
}

// sessionID is a new session's id, or the resumed one's.
func (r *recorder) sessionID(sum session.Summary) string {
	if r.prior != nil {
		return r.prior.ID
	}
	return history.NewID(sum.Start)
}

// recordOf is the log record of the session so far, a resumed session's
// earlier run included: one session, from its first start.
func (r *recorder) recordOf(sum session.Summary) history.Record {
	rec := record(r.base, sum)
	if p := r.prior; p != nil {
		rec.Start = p.Start
		rec.ActiveSeconds += p.ActiveSeconds
		rec.PausedSeconds += p.PausedSeconds
		areas := map[string]float64{}
		for a, s := range p.AreaSeconds {
			areas[a] += s
		}
		for a, s := range rec.AreaSeconds {
			areas[a] += s
		}
		rec.AreaSeconds = areas
	}
	return rec
}

// savedAtEnd ends the error of a failed checkpoint: only the protection
// against a crash is lost, since finish still appends the session.
const savedAtEnd = "the session is saved when it ends"

// Begin implements tui.Recorder.
func (r *recorder) Begin(rt *routines.Routine, level routines.Level, sum session.Summary) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if o := r.offer; o != nil && rt.ID == o.Routine.ID && sum.StepsDone+sum.StepsSkipped == o.Step {
		r.prior = &o.record
	}
	r.base = history.Record{
		Version: history.CurrentVersion, ID: r.sessionID(sum),
		Routine: rt.ID, RoutineName: rt.Name, Soreness: string(level),
		Outcome: history.OutcomeInterrupted,
	}
	r.last = sum
	r.begun = true
	cp, err := r.store.Begin(r.recordOf(sum))
	if err != nil {
		// The session still goes to the log when it ends: the checkpoint
		// only protects against a crash, and the log may well be writable
		// (another file system, or room left in its last block).
		return fmt.Errorf("%v; %s", err, savedAtEnd)
	}
	r.cp = cp
	return nil
}

// Checkpoint implements tui.Recorder. A finished session is saved as
// completed, so a crash on the summary screen keeps that outcome.
func (r *recorder) Checkpoint(sum session.Summary) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = sum
	if r.cp == nil {
		return nil
	}
	rec := r.recordOf(sum)
	if sum.Completed {
		rec.Outcome = history.OutcomeCompleted
	}
	if err := r.cp.Save(rec); err != nil {
		return fmt.Errorf("%v; %s", err, savedAtEnd)
	}
	return nil
}

// Coverage implements tui.Recorder.
func (r *recorder) Coverage() (map[string]time.Time, error) {
	recs, _, err := r.store.Read()
	if err != nil {
		return nil, err
	}
	return history.AreaLastCovered(recs), nil
}

// Progress implements tui.Recorder: this week's sessions and the streak,
// counting the session just finished (not yet in the log).
func (r *recorder) Progress(sum session.Summary, now time.Time) (week, streak int, err error) {
	recs, _, err := r.store.Read()
	if err != nil {
		return 0, 0, err
	}
	r.mu.Lock()
	cur := r.recordOf(sum)
	r.mu.Unlock()
	if sum.Completed {
		cur.Outcome = history.OutcomeCompleted
	}
	recs = append(recs, cur)
	st := history.Compute(recs, now)
	return st.SessionsThisWeek, st.StreakDays, nil
}

// finish appends the final record from the program's result. It is
// called once, after the terminal is restored, however the program ended.
func (r *recorder) finish(res tui.Result) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.begun || r.done {
		return nil // no session started (the picker was left), or already recorded
	}
	r.done = true
	if res.NotStarted {
		// Left in the first get-ready: not a session. Drop its checkpoint.
		if r.cp == nil {
			return nil
		}
		err := r.cp.Abandon()
		r.cp = nil
		return err
	}
	rec := r.recordOf(res.Summary)
	switch {
	case res.Outcome == tui.OutcomeCompleted:
		rec.Outcome = history.OutcomeCompleted
	case res.Outcome == tui.OutcomeQuit:
		rec.Outcome = history.OutcomeQuit
	default:
		rec.Outcome = history.OutcomeInterrupted
	}
	rec.Rating = res.Rating
	if r.cp == nil {
		// No checkpoint could be kept: the log append is still tried.
		return r.store.Append(rec)
	}
	err := r.cp.Finish(rec)
	r.cp = nil
	return err
}

// recoverSessions records sessions a killed cooldown left behind. Failures
// are reported, never fatal: history must not stop a cool-down.
func (a *app) recoverSessions(now time.Time) []string {
	recovered, err := history.NewStore(stateDir()).Recover(now)
	var notes []string
	for _, rec := range recovered {
		how := "that ended unexpectedly"
		if rec.Outcome != history.OutcomeInterrupted {
			how = "that could not be saved when it ended (" + string(rec.Outcome) + ")"
		}
		// The name comes from a file anyone can edit: cleaned like any name shown.
		notes = append(notes, fmt.Sprintf("recorded an earlier session %s: %s, %s", how, strictyaml.Clean(rec.RoutineName), rec.Start.Local().Format("Mon 2 Jan 15:04")))
	}
	if err != nil {
		notes = append(notes, err.Error())
	}
	for _, n := range notes {
		diag(a.io.err, "%s", n)
	}
	return notes
}

// finishRecord appends the session's record after the program ended and
// reports a failure on stderr (the session itself is not lost: its
// checkpoint stays and is recovered on the next start).
func (a *app) finishRecord(rec *recorder, res tui.Result) {
	if err := rec.finish(res); err != nil {
		diag(a.io.err, "history not saved: %v", err)
	}
}
