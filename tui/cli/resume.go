package cli

import (
	"time"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/history"
	"github.com/cooldown-app/cooldown/tui"
)

// resumeWithin is how long after it stopped an interrupted session is
// offered to go on with: a cool-down is for the same evening.
const resumeWithin = 3 * time.Hour

// resumable is an interrupted session that can go on where it stopped.
type resumable struct {
	*tui.Resume
	record history.Record
}

// tui is the offer for the screens (nil when there is none).
func (r *resumable) tui() *tui.Resume {
	if r == nil {
		return nil
	}
	return r.Resume
}

// resumable finds the latest session in the log if it was interrupted
// (a signal, a closed terminal, a crash) within resumeWithin, part way
// through a routine that still has the same steps.
func (a *app) resumable(lib *routines.Library, now time.Time) *resumable {
	recs, _, err := history.NewStore(stateDir()).Read()
	if err != nil || len(recs) == 0 {
		return nil
	}
	last := recs[len(recs)-1]
	step := last.StepsDone + last.StepsSkipped
	if last.Outcome != history.OutcomeInterrupted || now.Sub(last.End) > resumeWithin || now.Before(last.Start) ||
		step <= 0 || step >= last.StepsTotal {
		return nil
	}
	r, err := lib.Routine(last.Routine)
	if err != nil {
		return nil
	}
	// The session ran the routine as adapted to the kit: so does its
	// resumption (a kit changed since gives other steps, and no offer).
	if r, _, err = adapt(lib, r, a.kitNow()); err != nil || len(r.Steps) != last.StepsTotal {
		return nil
	}
	level := routines.Level(last.Soreness)
	if !level.Valid() {
		level = ""
	}
	return &resumable{
		Resume: &tui.Resume{Routine: r, Level: level, Step: step, Done: last.StepsDone, Ago: history.Ago(last.End, now)},
		record: last,
	}
}
