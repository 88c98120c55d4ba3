package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// onRoutines opens the routine list for "sore", skipping what was trained.
func onRoutines(t *testing.T, mutate func(*Options)) (*harness, *picker) {
	t.Helper()
	h := newHarness(t, 80, 24, mutate)
	h.key("enter", "s")
	p := h.m.screen.(*picker)
	if p.stage != askRoutine {
		t.Fatal("enter did not open the routine list")
	}
	return h, p
}

// Printable letters, space and → never start a routine; only enter does.
func TestPickerLettersDoNotStart(t *testing.T) {
	h, p := onRoutines(t, nil)
	h.key("down") // the test routine
	for _, k := range []string{"l", "space", "right", "a", "s", "x", "1", "L", "n", "y"} {
		h.key(k)
		if _, ok := h.m.screen.(*picker); !ok {
			t.Fatalf("%q started a routine: %T", k, h.m.screen)
		}
	}
	if p.stage != askRoutine {
		t.Fatalf("the letters left the routine list: stage %v", p.stage)
	}
	h.key("enter")
	if _, ok := h.m.screen.(*runScreen); !ok {
		t.Fatalf("enter did not start the routine: %T", h.m.screen)
	}
}

// / filters the list by name or body area, as a Bubbles list does: typed
// letters go into the filter (none starts a routine), enter keeps it and
// then starts the highlighted routine, esc clears it.
func TestPickerFilter(t *testing.T) {
	h, p := onRoutines(t, nil)
	h.key("/", "c", "a", "l", "f")
	if !p.filtering || p.filter != "calf" {
		t.Fatalf("filter %q (typing %v)", p.filter, p.filtering)
	}
	h.key("backspace", "v", "e", "s")
	if _, ok := h.m.screen.(*picker); !ok || p.filter != "calves" {
		t.Fatalf("filter %q on %T", p.filter, h.m.screen)
	}
	got := p.entries()
	if len(got) == 0 {
		t.Fatal("nothing matches calves")
	}
	for _, r := range got {
		if r == nil || !matchesFilter(r, "calves") {
			t.Fatalf("%v does not work the calves", r)
		}
		if !strings.Contains(strings.ToLower(r.Name), "calves") && !strings.Contains(strings.Join(r.Areas(), ","), "calves") {
			t.Errorf("%s matched calves on neither name nor area", r.ID)
		}
	}
	if n := len(p.choices()); n >= len(newPickerChoices(t, h)) {
		t.Errorf("the filter kept all %d routines", n)
	}
	h.requireScreen("Filter: calves")
	// By name: "runner" finds the runners' routines only.
	h.key("esc")
	if p.filter != "" || p.filtering {
		t.Fatalf("esc left the filter %q", p.filter)
	}
	h.key("/", "r", "u", "n", "n", "e", "r", "enter")
	if p.filtering || p.filter != "runner" {
		t.Fatalf("enter did not keep the filter: %q typing %v", p.filter, p.filtering)
	}
	for _, r := range p.entries() {
		if !strings.Contains(strings.ToLower(r.Name), "runner") {
			t.Errorf("runner matched %q", r.Name)
		}
	}
	first := p.entries()[0]
	h.key("enter")
	rs, ok := h.m.screen.(*runScreen)
	if !ok || rs.sess.Routine() != first {
		t.Fatalf("enter after the filter did not start %s: %T", first.ID, h.m.screen)
	}
}

func newPickerChoices(t *testing.T, h *harness) []*routines.Routine {
	t.Helper()
	var out []*routines.Routine
	for _, r := range h.m.c.opts.Library.Routines() {
		if r.Suits(routines.Sore) {
			out = append(out, r)
		}
	}
	return out
}

// A filter that matches nothing says so, and esc brings the list back.
func TestPickerFilterNoMatch(t *testing.T) {
	h, p := onRoutines(t, nil)
	h.key("/", "z", "z", "z", "enter")
	h.requireScreen(`No routine for Sore matches "zzz"`)
	h.key("enter") // nothing to start
	if _, ok := h.m.screen.(*picker); !ok {
		t.Fatalf("enter on an empty list left the picker: %T", h.m.screen)
	}
	h.key("esc")
	if p.filter != "" || len(p.entries()) < 2 {
		t.Fatalf("esc did not clear the filter")
	}
}

// The highlighted routine's preview lists its steps and the total that
// `cooldown show` prints: the same function, with the person's gaps.
func TestPickerPreview(t *testing.T) {
	slow := routines.Timing{GetReady: 20 * time.Second, Switch: 15 * time.Second}
	h, p := onRoutines(t, func(o *Options) { o.Session.Timing = slow })
	h.key("down")
	r := p.entries()[p.cursor]
	if r == nil || r.ID != "test-routine" {
		t.Fatalf("highlighted %v", r)
	}
	want := "Total " + routines.Friendly(r.Total(slow))
	h.requireScreen(want, "1. Easy walk or spin", "2. Standing quad stretch", "2 × 30 s each side", "quads, hips", "3. Drink some water")
	if routines.Friendly(r.Total(slow)) == routines.Friendly(r.Total(routines.DefaultTiming())) {
		t.Fatal("the test cannot tell the timings apart")
	}
}
