package tui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
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
