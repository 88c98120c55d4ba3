package history

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"time"
)

// CurrentVersion is the record format this code writes and the newest it
// understands. Bump it only for changes old readers must not misread; adding
// an optional field does not need a bump (unknown fields are ignored).
const CurrentVersion = 1

// Outcome says how a session ended.
type Outcome string

const (
	OutcomeCompleted   Outcome = "completed"   // every step reached
	OutcomeQuit        Outcome = "quit"        // the user stopped early
	OutcomeInterrupted Outcome = "interrupted" // a signal or a crash; written by Recover or the signal path
)

// Record is one line of history.jsonl. The JSON field names are a contract:
// scripts read this file, so rename nothing.
type Record struct {
	Version       int                `json:"v"`
	ID            string             `json:"id"` // made by NewID; names the checkpoint and de-duplicates recovery
	Start         time.Time          `json:"start"`
	End           time.Time          `json:"end"`
	Routine       string             `json:"routine"` // routine id
	RoutineName   string             `json:"routine_name"`
	Soreness      string             `json:"soreness"` // fresh | sore | very-sore
	Outcome       Outcome            `json:"outcome"`
	StepsDone     int                `json:"steps_done"`
	StepsSkipped  int                `json:"steps_skipped"`
	StepsTotal    int                `json:"steps_total"`
	ActiveSeconds float64            `json:"active_seconds"`
	PausedSeconds float64            `json:"paused_seconds"`
	AreaSeconds   map[string]float64 `json:"area_seconds"`
	Rating        int                `json:"rating,omitempty"` // 1..5, 0 = not given
}

// Counts reports whether the session counts for streaks and weekly totals:
// at least one step was done, however it ended. A session opened and quit
// at once, or run to its end with every step skipped, is kept in the log
// but earns nothing.
func (r Record) Counts() bool {
	return r.StepsDone > 0
}

// Validate reports why a decoded record cannot be trusted, so that garbage
// which happens to be valid JSON is skipped like any other bad line.
func (r Record) Validate() error {
	var errs []error
	switch {
	case r.Version <= 0:
		errs = append(errs, errors.New(`missing or bad version "v"`))
	case r.Version > CurrentVersion:
		errs = append(errs, fmt.Errorf("record version %d is newer than this cooldown understands (%d)", r.Version, CurrentVersion))
	}
	switch r.Outcome {
	case OutcomeCompleted, OutcomeQuit, OutcomeInterrupted:
	default:
		errs = append(errs, fmt.Errorf("unknown outcome %q", r.Outcome))
	}
	if r.Start.IsZero() {
		errs = append(errs, errors.New("missing start time"))
	}
	if r.End.Before(r.Start) {
		errs = append(errs, errors.New("end is before start"))
	}
	if r.Rating < 0 || r.Rating > 5 {
		errs = append(errs, fmt.Errorf("rating %d is not 0..5", r.Rating))
	}
	if r.StepsDone < 0 || r.StepsSkipped < 0 || r.StepsTotal < 0 {
		errs = append(errs, errors.New("negative step count"))
	}
	if r.StepsDone > maxSteps || r.StepsSkipped > maxSteps || r.StepsTotal > maxSteps {
		errs = append(errs, fmt.Errorf("a step count over %d is not a session's", maxSteps))
	}
	if bad(r.ActiveSeconds) || bad(r.PausedSeconds) {
		errs = append(errs, errors.New("negative active or paused seconds"))
	}
	// A hand edit can put any number here (active_seconds: 1e300); shown,
	// it would overflow into negative minutes and swamp every total.
	if r.ActiveSeconds > maxActiveSeconds {
		errs = append(errs, fmt.Errorf("active_seconds %g is more than a day", r.ActiveSeconds))
	}
	if r.PausedSeconds > maxPausedSeconds {
		errs = append(errs, fmt.Errorf("paused_seconds %g is more than %d days", r.PausedSeconds, maxPausedSeconds/86400))
	}
	for area, sec := range r.AreaSeconds {
		if bad(sec) {
			errs = append(errs, fmt.Errorf("negative seconds for area %q", area))
			break
		}
		if sec > maxActiveSeconds {
			errs = append(errs, fmt.Errorf("seconds for area %q (%g) are more than a day", area, sec))
			break
		}
	}
	if !r.Start.IsZero() && (r.Start.Year() < 2000 || r.Start.Year() > 9999) {
		errs = append(errs, fmt.Errorf("start year %d is not a real session's", r.Start.Year()))
	}
	return errors.Join(errs...)
}

// Bounds on what a real session can hold. A cool-down is minutes long;
// a day of activity or a month of pause is already a damaged line.
const (
	maxActiveSeconds = 24 * 60 * 60
	maxPausedSeconds = 30 * 24 * 60 * 60
	maxSteps         = 10000
)

// bad rejects what a clock cannot produce; NaN and Inf only reach here
// through code, since JSON cannot spell them.
func bad(sec float64) bool {
	return sec < 0 || math.IsNaN(sec) || math.IsInf(sec, 0)
}

// NewID returns a unique session id: the start time (UTC, to the second),
// the process id and 48 random bits, e.g. "20260102T150405Z-4242-a1b2c3d4e5f6".
// It sorts by time, tells concurrent processes apart, and is safe as a file name.
func NewID(now time.Time) string {
	var b [6]byte
	rand.Read(b[:]) // never fails (crypto/rand aborts the program instead)
	return now.UTC().Format("20060102T150405Z") + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b[:])
}

// validID keeps ids usable as checkpoint file names: no separators, no
// leading dot (temp files start with one), nothing exotic.
func validID(id string) bool {
	if id == "" || len(id) > 128 || id[0] == '.' {
		return false
	}
	for _, c := range []byte(id) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}
