package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// fakeRecorder stands in for the history log.
type fakeRecorder struct {
	began       int
	checkpoints []session.Summary
	coverage    map[string]time.Time
	week        int
	streak      int
	err         error
}

func (f *fakeRecorder) Begin(*routines.Routine, routines.Level, session.Summary) error {
	f.began++
	return f.err
}

func (f *fakeRecorder) Checkpoint(sum session.Summary) error {
	f.checkpoints = append(f.checkpoints, sum)
	return f.err
}

func (f *fakeRecorder) Coverage() (map[string]time.Time, error) { return f.coverage, f.err }

func (f *fakeRecorder) Progress(session.Summary, time.Time) (int, int, error) {
	return f.week, f.streak, f.err
}

func TestCheckpointsAtEachStep(t *testing.T) {
	rec := &fakeRecorder{}
	h := startRoutine(t, 80, 24, func(o *Options) { o.Recorder = rec })
	if rec.began != 1 {
		t.Fatalf("began %d times", rec.began)
	}
	h.advance(time.Hour)
	// One per step, then the completed session on the summary screen.
	if len(rec.checkpoints) != 4 || !rec.checkpoints[3].Completed {
		t.Fatalf("%d checkpoints: %+v", len(rec.checkpoints), rec.checkpoints)
	}
}

func TestSummaryShowsProgress(t *testing.T) {
	rec := &fakeRecorder{week: 3, streak: 5}
	h := startRoutine(t, 80, 24, func(o *Options) { o.Recorder = rec })
	h.advance(time.Hour)
	h.requireScreen("This week", "3 sessions", "Streak", "5 days")
	golden.RequireEqual(t, []byte(h.screen()))
}

// A failed checkpoint is shown as the recorder words it (the session is
// still saved when it ends), never as "history not saved", which is not
// true yet; a log that cannot be read for the week's count says that.
func TestHistoryFailureIsShown(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			rec := &fakeRecorder{err: errors.New("read-only; saved at the end")}
			h := startRoutine(t, sz.w, sz.h, func(o *Options) { o.Recorder = rec })
			h.advance(10 * time.Second)
			h.requireScreen("read-only; saved at the end")
			h.advance(time.Hour)
			h.requireScreen("read-only; saved at the end", "History not read: read-only")
			if strings.Contains(strings.ToLower(h.screen()), "not saved") {
				t.Errorf("the screen says the history is not saved, before it was tried:\n%s", h.screen())
			}
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

func TestPickerSuggestsNeglectedAreas(t *testing.T) {
	now := time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)
	last := map[string]time.Time{}
	for _, a := range routines.Areas() {
		last[a] = now.Add(-24 * time.Hour)
	}
	// Legs were last worked long ago; quads and hips never.
	delete(last, "quads")
	delete(last, "hips")
	last["calves"] = now.Add(-12 * 24 * time.Hour)
	last["hamstrings"] = now.Add(-9 * 24 * time.Hour)
	rec := &fakeRecorder{coverage: last}
	h := newHarness(t, 80, 24, func(o *Options) { o.Recorder = rec })
	h.key("enter", "s")
	h.requireScreen("★", "quads (never)", "hips (never)")
	golden.RequireEqual(t, []byte(h.screen()))
	p := h.m.screen.(*picker)
	sug, _ := p.suggestion()
	if sug == nil || p.entries()[p.cursor] != sug {
		t.Fatal("the cursor does not start on the suggestion")
	}
}

func TestNoSuggestionWithoutHistory(t *testing.T) {
	h := newHarness(t, 80, 24, func(o *Options) { o.Recorder = &fakeRecorder{} })
	h.key("enter", "s")
	if sug, _ := h.m.screen.(*picker).suggestion(); sug != nil {
		t.Fatalf("suggested %s with no history", sug.ID)
	}
}
