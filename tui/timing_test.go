package tui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// A 30-minute routine whose every tick arrives late, by up to 25 ms (a
// busy machine): each segment still ends on its deadline from the start
// plus only that tick's own lateness, never the sum of the earlier ones,
// and the routine ends within 25 ms of its length.
func TestNoDriftOverALongRoutine(t *testing.T) {
	var y strings.Builder
	y.WriteString("routines:\n  - id: long\n    name: Long routine\n    soreness: [sore]\n    summary: Half an hour of holds.\n    steps:\n")
	for range 28 {
		y.WriteString("      - do: behind-back-clasp\n        for: 60s\n")
	}
	_, r := userRoutine(t, "long.yaml", y.String(), "long")
	h := startRoutine(t, 80, 24, func(o *Options) { o.Routine = r })
	start := h.now
	var total time.Duration
	for _, s := range h.sess().Timeline().Segments {
		total += s.Dur
	}
	if total < 30*time.Minute {
		t.Fatalf("the routine lasts %v, want at least 30 min", total)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	deadline := start.Add(h.sess().Timeline().Segments[0].Dur)
	idx, worst := 0, time.Duration(0)
	for h.pending != nil && h.run_() != nil && !h.run_().ended {
		p := h.pending
		h.pending = nil
		late := time.Duration(rng.IntN(25_000)) * time.Microsecond
		h.now = p.at.Add(late) // delivered late, as on a busy machine
		h.send(p.msg)
		if _, ok := h.m.screen.(*runScreen); !ok {
			break
		}
		if i := h.sess().Index(); i != idx {
			// The segment changed on this tick: it was due at the deadline.
			if off := p.at.Sub(deadline); off != 0 {
				t.Fatalf("segment %d ended on a tick due %v after its deadline", idx, off)
			}
			worst = max(worst, h.now.Sub(deadline))
			idx = i
			deadline = deadline.Add(h.sess().Timeline().Segments[i].Dur)
		}
	}
	if _, ok := h.m.screen.(*runScreen); ok && !h.run_().ended {
		t.Fatal("the routine did not finish")
	}
	end := start.Add(total)
	if got := h.now.Sub(end); got < 0 || got > 25*time.Millisecond {
		t.Errorf("the routine ended %v after its length, want within 25 ms", got)
	}
	t.Logf("%v routine, %d segments, worst end %v late", total, idx+1, worst)
}

// beginRecorder keeps the summary a session began with.
type beginRecorder struct {
	fakeRecorder
	begun []session.Summary
}

func (b *beginRecorder) Begin(_ *routines.Routine, _ routines.Level, sum session.Summary) error {
	b.begun = append(b.begun, sum)
	return nil
}

// The session's clock starts when its first frame is on screen: the time
// the first frame takes to draw and write (150 ms here, as on a loaded
// machine) does not come off the first get-ready, and the record begins
// at the start the person saw. Init's own commands are never run.
func TestSessionStartsWhenShown(t *testing.T) {
	rec := &beginRecorder{}
	hs := &harness{t: t, now: time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)}
	lib := testLibrary(t)
	r, err := lib.Routine("test-routine")
	if err != nil {
		t.Fatal(err)
	}
	hs.m = New(Options{Library: lib, Routine: r, Session: testSessionOptions(), Now: func() time.Time { return hs.now },
		Units: "ml", Kit: new(routines.KitAll), Recorder: rec})
	hs.m.c.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		hs.pending = &pendingTick{at: hs.now.Add(d), msg: msg}
		return nil
	}
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	first := hs.m.Init()
	drawn := hs.screen()
	shownAt := hs.now.Add(150 * time.Millisecond)
	hs.now = shownAt
	cmd := hs.m.Shown(first)
	if got := hs.screen(); got != drawn {
		t.Errorf("the screen changed when the session started again:\n%s\nwant\n%s", got, drawn)
	}
	hs.run(cmd)
	if len(rec.begun) != 1 || !rec.begun[0].Start.Equal(shownAt) {
		t.Fatalf("the record began %d times, at %v; want once, at %v (when the frame was shown)", len(rec.begun), rec.begun, shownAt)
	}
	ready := hs.sess().Timeline().Segments[0].Dur
	hs.advance(ready - time.Millisecond)
	if hs.sess().Index() != 0 {
		t.Fatalf("the first segment ended %v early", shownAt.Add(ready).Sub(hs.now))
	}
	hs.advance(2 * time.Millisecond)
	if hs.sess().Index() != 1 {
		t.Errorf("the first segment had not ended 1 ms after %v from when it was shown", ready)
	}
}

// Shown leaves every other first screen's commands as Init made them.
func TestShownLeavesOtherScreens(t *testing.T) {
	h := newHarness(t, 80, 24, nil) // the picker
	called := false
	first := func() tea.Msg { called = true; return nil }
	if cmd := h.m.Shown(first); cmd == nil {
		t.Fatal("Shown dropped the picker's commands")
	} else if cmd(); !called {
		t.Error("Shown replaced the picker's commands")
	}
}
