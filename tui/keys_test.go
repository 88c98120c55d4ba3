package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/session"
)

func TestPickerKeys(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	p := h.m.screen.(*picker)
	if p.chosenLevel() != "sore" {
		t.Fatalf("default level %q, want sore", p.chosenLevel())
	}
	h.key("down")
	if p.chosenLevel() != "very-sore" {
		t.Fatalf("down: %q", p.chosenLevel())
	}
	h.key("j") // wraps
	if p.chosenLevel() != "fresh" {
		t.Fatalf("j: %q", p.chosenLevel())
	}
	h.key("k", "up")
	if p.chosenLevel() != "sore" {
		t.Fatalf("k, up: %q", p.chosenLevel())
	}
	h.key("enter")
	if p.stage != askTrained {
		t.Fatal("enter did not ask what was trained")
	}
	h.key("s")
	if p.stage != askRoutine {
		t.Fatal("s did not skip to the routine list")
	}
	h.key("esc")
	if p.stage != askTrained {
		t.Fatal("esc did not go back to what was trained")
	}
	h.key("esc")
	if p.stage != askLevel {
		t.Fatal("esc did not go back to the levels")
	}
	h.key("i")
	if p.stage != showSafety {
		t.Fatal("i did not show the safety notes")
	}
	h.requireScreen("Before you start", "physiotherapist")
	h.key("x")
	if p.stage != askLevel {
		t.Fatal("a key did not leave the safety notes")
	}
	h.key("?")
	if !h.m.showHelp {
		t.Fatal("? did not open the full help")
	}
	h.key("?")
	if h.m.showHelp {
		t.Fatal("? did not close the full help")
	}
	// Choose the test routine: it is the shortest, so listed first after
	// "build one for today".
	h.key("enter", "s", "down", "enter")
	if _, ok := h.m.screen.(*runScreen); !ok {
		t.Fatalf("enter on a routine did not start it: %T", h.m.screen)
	}
	if got := h.m.Result(); got.Routine.ID != "test-routine" || got.Level != "sore" {
		t.Fatalf("result %+v", got)
	}
}

func TestPickerQuit(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	h.key("q")
	if !h.quit {
		t.Fatal("q on the picker did not quit")
	}
	if res := h.m.Result(); res.Outcome != OutcomeNone || res.Interrupted {
		t.Fatalf("result %+v", res)
	}
}

func TestSessionKeys(t *testing.T) {
	tests := []struct {
		name  string
		setup time.Duration // clock advance before the key
		keys  []string
		check func(t *testing.T, h *harness)
	}{
		{"space pauses", 7 * time.Second, []string{"space"}, func(t *testing.T, h *harness) {
			if h.sess().State() != session.Paused {
				t.Fatal("not paused")
			}
			before := h.sess().Remaining(h.now)
			h.advance(time.Minute)
			if got := h.sess().Remaining(h.now); got != before {
				t.Fatalf("paused clock moved: %v → %v", before, got)
			}
			h.requireScreen("PAUSED")
		}},
		{"space resumes", 7 * time.Second, []string{"space", "space"}, func(t *testing.T, h *harness) {
			if h.sess().State() != session.Running {
				t.Fatal("not running")
			}
		}},
		{"right during get-ready starts now", 0, []string{"right"}, func(t *testing.T, h *harness) {
			if seg := h.sess().Segment(); seg.Kind != session.Hold || seg.Step != 0 {
				t.Fatalf("segment %+v", seg)
			}
		}},
		{"n skips a step", 7 * time.Second, []string{"n"}, func(t *testing.T, h *harness) {
			if seg := h.sess().Segment(); seg.Kind != session.GetReady || seg.Step != 1 {
				t.Fatalf("segment %+v", seg)
			}
			if st := h.sess().Status()[0]; st != session.Skipped {
				t.Fatalf("step 0 status %v", st)
			}
		}},
		{"left restarts the step", 7 * time.Second, []string{"left"}, func(t *testing.T, h *harness) {
			if seg := h.sess().Segment(); seg.Kind != session.GetReady || seg.Step != 0 {
				t.Fatalf("segment %+v", seg)
			}
		}},
		{"p from a get-ready goes to the previous step", 27 * time.Second, []string{"p"}, func(t *testing.T, h *harness) {
			if seg := h.sess().Segment(); seg.Kind != session.GetReady || seg.Step != 0 {
				t.Fatalf("segment %+v", seg)
			}
		}},
		{"+ adds five seconds", 7 * time.Second, []string{"+"}, func(t *testing.T, h *harness) {
			if got := h.sess().Remaining(h.now); got != 23*time.Second {
				t.Fatalf("remaining %v, want 23s", got)
			}
		}},
		{"- takes five seconds", 7 * time.Second, []string{"-"}, func(t *testing.T, h *harness) {
			if got := h.sess().Remaining(h.now); got != 13*time.Second {
				t.Fatalf("remaining %v, want 13s", got)
			}
		}},
		{"- never below five seconds", 22 * time.Second, []string{"-", "-"}, func(t *testing.T, h *harness) {
			if got := h.sess().Remaining(h.now); got != 3*time.Second {
				t.Fatalf("remaining %v, want 3s untouched", got)
			}
		}},
		{"q asks, n carries on", 7 * time.Second, []string{"q"}, func(t *testing.T, h *harness) {
			h.requireScreen("Quit this session?")
			if h.sess().State() != session.Paused {
				t.Fatal("the session runs while the question is up")
			}
			h.key("n")
			if h.sess().State() != session.Running || h.quit {
				t.Fatal("n did not carry on")
			}
		}},
		{"q then y quits to the summary", 7 * time.Second, []string{"q", "y"}, func(t *testing.T, h *harness) {
			if _, ok := h.m.screen.(*summaryScreen); !ok || h.quit {
				t.Fatalf("q, y did not end on the summary: %T, quit %v", h.m.screen, h.quit)
			}
			h.key("enter")
			if !h.quit {
				t.Fatal("enter on the summary did not quit")
			}
			res := h.m.Result()
			if res.Outcome != OutcomeQuit || res.Interrupted {
				t.Fatalf("result %+v", res)
			}
			if res.Summary.Active != 7*time.Second {
				t.Fatalf("active %v, want 7s", res.Summary.Active)
			}
		}},
		{"q while paused stays paused on n", 7 * time.Second, []string{"space", "q", "n"}, func(t *testing.T, h *harness) {
			if h.sess().State() != session.Paused {
				t.Fatal("a paused session was resumed by answering no")
			}
		}},
		{"ctrl+c quits at once", 7 * time.Second, []string{"ctrl+c"}, func(t *testing.T, h *harness) {
			if !h.quit || !h.m.Result().Interrupted || h.m.Result().Outcome != OutcomeInterrupted {
				t.Fatalf("result %+v", h.m.Result())
			}
		}},
		{"ctrl+z pauses before suspending", 7 * time.Second, []string{"ctrl+z"}, func(t *testing.T, h *harness) {
			if h.sess().State() != session.Paused {
				t.Fatal("not paused")
			}
			h.send(resumeMsg())
			if h.sess().State() != session.Paused {
				t.Fatal("resume from suspend unpaused the session")
			}
			h.requireScreen("PAUSED")
		}},
		{"? toggles full help", 7 * time.Second, []string{"?"}, func(t *testing.T, h *harness) {
			h.requireScreen("ctrl+z", "suspend", "5s more")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := startRoutine(t, 80, 24, nil)
			h.advance(tc.setup)
			h.key(tc.keys...)
			tc.check(t, h)
		})
	}
}

func TestSignalRecordsInterrupted(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.advance(9 * time.Second)
	h.send(SignalMsg{})
	res := h.m.Result()
	if !h.quit || !res.Interrupted || res.Outcome != OutcomeInterrupted {
		t.Fatalf("result %+v", res)
	}
	if res.Summary.Active != 9*time.Second {
		t.Fatalf("active %v", res.Summary.Active)
	}
}

func TestStaleTickIgnored(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.advance(2 * time.Second)
	stale := tickMsg{gen: h.run_().gen}
	h.key("space", "space") // pause and resume: a new tick chain
	before := h.run_().gen
	h.now = h.now.Add(10 * time.Second)
	h.send(stale)
	if h.run_().gen != before {
		t.Fatal("a stale tick started a second chain")
	}
	if seg := h.sess().Segment(); seg.Kind != session.GetReady {
		t.Fatalf("the stale tick advanced the session: %+v", seg)
	}
}

func TestTicksOnlyWhenShownValueChanges(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.advance(5 * time.Second) // the 20 s walk starts
	wakes := 0
	start := h.now
	for h.now.Sub(start) < 20*time.Second && h.pending != nil {
		h.advance(h.pending.at.Sub(h.now))
		wakes++
	}
	// 20 whole seconds, and a 64-cell bar: at most one wake per change.
	if wakes > 20+64 {
		t.Fatalf("%d wakes in a 20 s hold", wakes)
	}
	if seg := h.sess().Segment(); seg.Step != 1 {
		t.Fatalf("the walk did not end on time: %+v", seg)
	}
}

func TestPlannerBuildsAndStarts(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := newHarness(t, w, hh, nil)
		h.key("enter", "s", "enter") // sore, skip, then "build one for today"
		pl, ok := h.m.screen.(*planner)
		if !ok {
			t.Fatalf("not on the planner: %T", h.m.screen)
		}
		h.key("left", "left")                                          // 10 min
		h.key("down")                                                  // first area row: neck, shoulders
		h.key("down", "down", "down", "down", "down", "down", "space") // calves: row 7, left column
		if pl.minutes != 10 || !pl.sore["calves"] {
			t.Fatalf("minutes %d, sore %v", pl.minutes, pl.sore)
		}
		t.Run("form", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("enter")
		if pl.plan == nil {
			t.Fatalf("no plan: %v", pl.err)
		}
		t.Run("plan", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("esc")
		if pl.plan != nil {
			t.Fatal("esc did not go back to the form")
		}
		h.key("enter", "enter")
		r, ok := h.m.screen.(*runScreen)
		if !ok {
			t.Fatalf("the plan did not start: %T", h.m.screen)
		}
		if !strings.HasPrefix(r.sess.Routine().ID, "plan-10m-sore-calves") {
			t.Fatalf("started %s", r.sess.Routine().ID)
		}
	})
}

func TestPlannerBackToPicker(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	h.key("enter", "s", "enter", "esc")
	if p, ok := h.m.screen.(*picker); !ok || p.stage != askRoutine {
		t.Fatalf("esc did not return to the routine list: %T", h.m.screen)
	}
}
