package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// breathingYAML has a breathing step of each kind the pacer shows: the
// built-in exercise with its own slow pattern, a step asking for box, and
// one asking for the sigh. No get-ready or switch gaps are set here: the
// tests give the timing.
const breathingYAML = `routines:
  - id: breathe-test
    name: Breathing test
    soreness: [sore]
    steps:
      - do: breathe-slow
        for: 30s
      - do: breathe-slow
        for: 32s
        breathing: box
      - do: breathe-slow
        for: 18s
        breathing: sigh
      - do: standing-quad
        for: 10s
`

// breathHarness starts the breathing routine at w×h with get-ready 5 s and
// switch 5 s on a fake clock; p, if set, records the cues.
func breathHarness(t *testing.T, w, h int, p *recordingPlayer, mutate func(*Options)) *harness {
	t.Helper()
	return fileHarness(t, w, h, breathingYAML, "breathe-test", p, mutate)
}

// fileHarness starts routine id of a user file holding yaml.
func fileHarness(t *testing.T, w, h int, yaml, id string, p *recordingPlayer, mutate func(*Options)) *harness {
	t.Helper()
	hs := &harness{t: t, now: time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)}
	hs.start = hs.now
	lib, r := userRoutine(t, "b.yaml", yaml, id)
	opts := Options{Library: lib, Routine: r, Session: testSessionOptions(), Now: func() time.Time { return hs.now }, Units: "ml"}
	if p != nil {
		p.h = hs
		opts.Cues = p
	}
	return hs.launch(opts, w, h, mutate)
}

// The pacer at each of its shapes: filling on the in-breath, full while
// holding, emptying on the out-breath, the sigh's top-up, and paused.
func TestPacerScreens(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {40, 12}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			w, hh := sz.w, sz.h
			h := breathHarness(t, w, hh, nil, nil)
			h.advance(5*time.Second + 2*time.Second) // slow: 2 s into the first breath in
			t.Run("slow-in", func(t *testing.T) { goldenFrame(t, h, w, hh) })
			h.requireScreen("BREATHE", "through the nose · 2 s · 0:28 left", "Slow breathing · ")
			h.advance(5 * time.Second) // 3 s into the breath out
			t.Run("slow-out", func(t *testing.T) { goldenFrame(t, h, w, hh) })
			h.key("space")
			t.Run("paused", func(t *testing.T) { goldenFrame(t, h, w, hh) })
			h.key("space")
			h.advance(23*time.Second + 5*time.Second + 6*time.Second) // box: 6 s in, holding full
			t.Run("box-hold", func(t *testing.T) { goldenFrame(t, h, w, hh) })
			h.advance(26*time.Second + 5*time.Second + 2*time.Second + 500*time.Millisecond) // sigh: the top-up
			t.Run("sigh-top-up", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		})
	}
}

// The bar on screen is the pacer's Fill, and the big word its phase.
func TestPacerScreenFollowsPhase(t *testing.T) {
	h := breathHarness(t, 80, 24, nil, nil)
	h.advance(5 * time.Second)
	cells := pacerCells(78)
	for _, c := range []struct {
		at   time.Duration
		fill int
		word string
	}{{0, 0, "IN"}, {time.Second, cells / 4, "IN"}, {4 * time.Second, cells, "OUT"}, {7 * time.Second, cells / 2, "OUT"}, {10 * time.Second, 0, "IN"}} {
		target := h.start.Add(5*time.Second + c.at)
		h.advance(target.Sub(h.now))
		s := h.screen()
		if got := strings.Count(s, "█") - bigWordCells(c.word); got != c.fill {
			t.Errorf("at %v: %d full cells in the bar, want %d:\n%s", c.at, got, c.fill, s)
		}
		if !strings.Contains(s, strings.Split(bigText(c.word, DigitsLarge), "\n")[1]) {
			t.Errorf("at %v: the big word is not %s:\n%s", c.at, c.word, s)
		}
	}
}

func bigWordCells(word string) int { return strings.Count(bigText(word, DigitsLarge), "█") }

// The screen wakes exactly when the pacer's bar moves a cell or the
// phase or a second changes, and at no other moment; each wake-up draws a
// frame that differs from the one before.
func TestPacerWakesOnlyOnChange(t *testing.T) {
	h := breathHarness(t, 80, 24, nil, nil)
	h.advance(5 * time.Second)
	start := h.now
	wakes := 0
	prev := h.screen()
	for h.now.Before(start.Add(20 * time.Second)) {
		if h.pending == nil {
			t.Fatal("no wake-up scheduled during the pacer")
		}
		h.advance(h.pending.at.Sub(h.now))
		wakes++
		frame := h.screen()
		if frame == prev {
			t.Fatalf("wake-up %d at %v drew the same frame", wakes, h.now.Sub(start))
		}
		prev = frame
	}
	// Two slow breaths at 40 cells: each cell once up and once down, plus
	// the seconds that move on their own.
	if max := 2 * (2*pacerCells(78) + 10); wakes > max {
		t.Fatalf("%d wake-ups in 20 s, want at most %d", wakes, max)
	}
}

// The bytes the real renderer writes to a terminal during the pacer and
// during a hold, frame by frame on the fake clock: the pacer costs more
// frames (one per cell moved) but each is a cell or two.
func TestPacerBytes(t *testing.T) {
	for _, c := range []struct {
		name string
		skip time.Duration // into the routine
	}{{"pacer", 5 * time.Second}, {"hold", 5*time.Second + 30*time.Second + 5*time.Second + 32*time.Second + 5*time.Second + 18*time.Second + 5*time.Second}} {
		t.Run(c.name, func(t *testing.T) {
			h := breathHarness(t, 80, 24, nil, nil)
			h.advance(c.skip)
			p := newPtyScreen(t, "COLORTERM=truecolor")
			if err := p.trm.Take(); err != nil {
				t.Fatal(err)
			}
			p.trm.Resize(80, 24, true)
			p.trm.Draw(h.m.View().Content)
			p.since()
			frames, bytes := 0, 0
			const span = 10 * time.Second
			end := h.now.Add(span)
			for h.pending != nil && !h.pending.at.After(end) {
				h.advance(h.pending.at.Sub(h.now))
				p.trm.Draw(h.m.View().Content)
				bytes += len(p.since())
				frames++
			}
			t.Logf("%s at 80×24: %d frames, %d bytes in %v of fake time: %.0f B/s, %.0f B a frame",
				c.name, frames, bytes, span, float64(bytes)/span.Seconds(), float64(bytes)/float64(max(frames, 1)))
			// Budget: the pacer stays under 1 KiB/s at 80×24.
			if rate := float64(bytes) / span.Seconds(); rate > 1024 {
				t.Fatalf("%s: %.0f B/s", c.name, rate)
			}
		})
	}
}
