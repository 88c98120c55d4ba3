package tui

import (
	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/session"
)

// Recorder keeps the session log while a session runs. main appends the
// final record from Result once the program has ended, so a record is
// written exactly once however the program ends.
type Recorder interface {
	// Begin starts a checkpoint for a session that has just started.
	Begin(r *routines.Routine, level routines.Level, sum session.Summary) error
	// Checkpoint replaces the checkpoint with the progress so far.
	Checkpoint(sum session.Summary) error
}

// recordErrMsg reports the result of a Begin or Checkpoint.
type recordErrMsg struct{ err error }
