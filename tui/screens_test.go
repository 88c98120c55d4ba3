package tui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// sizes every screen is golden-tested at: the usual terminal and a small one.
var sizes = []struct{ w, h int }{{80, 24}, {40, 12}}

func eachSize(t *testing.T, fn func(t *testing.T, w, h int)) {
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) { fn(t, sz.w, sz.h) })
	}
}

// checkFrame asserts the frame has exactly the window's size.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := len([]rune(l)); n > w {
			t.Errorf("line %d is %d cells wide, window is %d: %q", i, n, w, l)
		}
	}
}

func goldenFrame(t *testing.T, h *harness, w, hh int) {
	t.Helper()
	frame := h.screen()
	checkFrame(t, frame, w, hh)
	golden.RequireEqual(t, []byte(frame))
}

func TestPickerScreens(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := newHarness(t, w, hh, nil)
		t.Run("level", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("enter")
		t.Run("trained", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("s")
		t.Run("routines", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("i")
		t.Run("safety", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h = newHarness(t, w, hh, nil)
		h.key("enter", "enter") // sore, after a run: its routines first
		t.Run("routines-after-run", func(t *testing.T) { goldenFrame(t, h, w, hh) })
	})
}

func TestSessionScreens(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := startRoutine(t, w, hh, nil)
		t.Run("get-ready", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.advance(5*time.Second + 7*time.Second)
		t.Run("walk", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.advance(13*time.Second + 5*time.Second) // into the quad stretch, left
		t.Run("hold-left", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.advance(30 * time.Second)
		t.Run("switch", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("space")
		t.Run("paused", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("q")
		t.Run("confirm-quit", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("n", "?")
		t.Run("full-help", func(t *testing.T) { goldenFrame(t, h, w, hh) })
	})
}

func TestSessionAnnouncesNextStep(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.advance(5*time.Second + 14*time.Second) // 1 s into the last 6 s of the walk
	if strings.Contains(h.screen(), "Up next") {
		t.Fatal("announced too early")
	}
	h.advance(2 * time.Second) // 4 s left
	h.requireScreen("Up next: Standing quad")
}

func TestHydrationStep(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := startRoutine(t, w, hh, nil)
		// Each skip: get-ready → start now, then the step → next get-ready.
		h.key("n", "n", "n", "n")
		h.advance(6 * time.Second)
		if w >= 80 {
			h.requireScreen("250–500 ml")
		}
		goldenFrame(t, h, w, hh)
	})
}

// The drink amount follows the units setting, in the cues as on the line
// under them: no millilitres for someone who chose fluid ounces.
func TestHydrationStepFluidOunces(t *testing.T) {
	h := startRoutine(t, 80, 24, func(o *Options) { o.Units = "floz" })
	h.key("n", "n", "n", "n")
	h.advance(6 * time.Second)
	h.requireScreen("fl oz")
	if s := h.screen(); strings.Contains(s, "ml") {
		t.Errorf("the hydration step shows ml with units floz:\n%s", s)
	}
}

func TestWaitingScreen(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := startRoutine(t, w, hh, func(o *Options) { o.Session.AutoAdvance = false })
		h.advance(25 * time.Second)
		if st := h.sess().State(); st != session.Waiting {
			t.Fatalf("state %v, want waiting", st)
		}
		goldenFrame(t, h, w, hh)
		h.key("enter")
		if st := h.sess().State(); st != session.Running {
			t.Fatalf("enter did not start the next step: %v", st)
		}
	})
}

func TestSummaryScreen(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := startRoutine(t, w, hh, nil)
		h.advance(time.Hour)
		if _, ok := h.m.screen.(*summaryScreen); !ok {
			t.Fatalf("not on the summary: %T", h.m.screen)
		}
		t.Run("done", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("4")
		t.Run("rated", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		if got := h.m.Result().Rating; got != 4 {
			t.Fatalf("rating %d, want 4", got)
		}
		h.key("enter")
		if !h.quit {
			t.Fatal("enter on the summary did not quit")
		}
		if res := h.m.Result(); res.Outcome != OutcomeCompleted || res.Interrupted {
			t.Fatalf("result %+v", res)
		}
	})
}

func TestTooSmall(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{20, 6}, {39, 24}, {80, 11}, {1, 1}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			h := startRoutine(t, sz.w, sz.h, nil)
			frame := h.screen()
			checkFrame(t, frame, sz.w, sz.h)
			if sz.w >= 14 && !strings.Contains(frame, "window") && !strings.Contains(frame, "Enlarge") {
				t.Fatalf("no enlarge message:\n%s", frame)
			}
			if sz.w == 20 {
				golden.RequireEqual(t, []byte(frame))
			}
			// Growing back draws the session again.
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			h.requireScreen("Test routine", "GET READY")
		})
	}
}

func TestLightBackground(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	dark := h.m.View().Content
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if h.m.c.styles.IsDark {
		t.Fatal("a light background did not give light styles")
	}
	if light := h.m.View().Content; light == dark {
		t.Fatal("light and dark frames are the same")
	}
}

// TestSessionSizes covers the hands-free layout at the sizes a person
// might stretch in front of: big digits, the body map where it fits.
func TestSessionSizes(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{120, 40}, {100, 24}, {80, 24}, {60, 20}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			h := startRoutine(t, sz.w, sz.h, nil)
			h.advance(5*time.Second + 20*time.Second + 5*time.Second + 12*time.Second) // quad stretch, left, 18 s left
			goldenFrame(t, h, sz.w, sz.h)
		})
	}
}

func TestBodyMapCoversEveryArea(t *testing.T) {
	seen := map[string]bool{}
	for _, fig := range [][]string{bodyFront, bodyBack} {
		for _, row := range fig {
			for _, c := range row {
				if a, ok := bodyCodes[c]; ok {
					seen[a] = true
				} else if c != ' ' && c != 'H' && c != 'T' && c != 'X' {
					t.Errorf("figure letter %q has no area", c)
				}
			}
		}
	}
	for _, a := range routines.Areas() {
		if !seen[a] {
			t.Errorf("area %q is not on the body map", a)
		}
	}
	for _, a := range bodyCodes {
		if !routines.IsArea(a) {
			t.Errorf("body map area %q is not in the vocabulary", a)
		}
	}
}
