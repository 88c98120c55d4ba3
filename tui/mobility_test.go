package tui

import (
	"strings"
	"testing"
	"time"
)

const mobilityYAML = `routines:
  - id: loosen-test
    name: Loosen up test
    soreness: [sore]
    steps:
      - do: cat-cow
        for: 40s
      - do: ankle-circles
        for: 40s
        count: 16
      - do: hydrate
        for: 10s
`

// A mobility drill counted in reps: LOOSEN UP, the countdown, and the rep
// under way with its tempo under the bar; a per-side drill at 2.5 s a rep.
func TestMobilityScreens(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := fileHarness(t, w, hh, mobilityYAML, "loosen-test", nil, nil)
		h.advance(5*time.Second + 12*time.Second) // cat-cow, 12 s in: rep 3 of 8
		h.requireScreen("LOOSEN UP", "rep 3 of 8 · 5 s a rep")
		t.Run("cat-cow", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.advance(28*time.Second + 5*time.Second + 6*time.Second) // ankle circles, left, 6 s in
		h.requireScreen("LEFT SIDE", "rep 3 of 16 · 2.5 s a rep")
		t.Run("ankle-circles", func(t *testing.T) { goldenFrame(t, h, w, hh) })
	})
}

// The screen wakes when the rep changes, also between whole seconds.
func TestMobilityWakesOnReps(t *testing.T) {
	h := fileHarness(t, 80, 24, mobilityYAML, "loosen-test", nil, nil)
	h.advance(5*time.Second + 40*time.Second + 5*time.Second) // ankle circles start
	start := h.now
	var reps []string
	for h.now.Before(start.Add(6 * time.Second)) {
		h.advance(h.pending.at.Sub(h.now))
		for _, l := range strings.Split(h.screen(), "\n") {
			if i := strings.Index(l, "rep "); i >= 0 && strings.Contains(l, "of 16") {
				reps = append(reps, h.now.Sub(start).String()+" "+strings.Fields(l[i:])[1])
			}
		}
	}
	got := strings.Join(reps, ",")
	for _, want := range []string{"2.5s 2", "5s 3"} {
		if !strings.Contains(got, want) {
			t.Fatalf("rep changes %s lack %q", got, want)
		}
	}
}
