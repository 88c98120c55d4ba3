package tui

import (
	"time"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// Recorder keeps the session log while a session runs. main appends the
// final record from Result once the program has ended, so a record is
// written exactly once however the program ends.
type Recorder interface {
	// Begin starts a checkpoint for a session that has just started.
	// Its errors, like Checkpoint's, are shown as they are, on screen and
	// in plain mode: a failed checkpoint loses only the protection against
	// a crash, since the final record is still tried when the session
	// ends, and the error says so rather than "not saved".
	Begin(r *routines.Routine, level routines.Level, sum session.Summary) error
	// Checkpoint replaces the checkpoint with the progress so far.
	Checkpoint(sum session.Summary) error
	// Coverage tells when each body area was last worked, for the
	// picker's suggestion.
	Coverage() (map[string]time.Time, error)
	// Progress is this week's session count and the streak of days,
	// counting the session just finished.
	Progress(sum session.Summary, now time.Time) (week, streak int, err error)
}

// coverageMsg carries the history's area coverage to the picker.
type coverageMsg struct {
	last map[string]time.Time
	err  error
}

// progressMsg carries this week's count and the streak to the summary.
type progressMsg struct {
	week, streak int
	err          error
}

// recordErrMsg reports the result of a Begin or Checkpoint.
type recordErrMsg struct{ err error }
