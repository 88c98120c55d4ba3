package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// The picker's minutes are the routine's total with the person's gaps,
// the same number the session and `cooldown list` give.
func TestPickerMinutesUseTheUserTiming(t *testing.T) {
	slow := routines.Timing{GetReady: 60 * time.Second, Switch: 30 * time.Second}
	h := newHarness(t, 80, 24, func(o *Options) {
		o.Session.Timing = slow // get_ready: 60s, switch_gap: 30s
	})
	h.key("enter")
	r, err := h.m.c.opts.Library.Routine("test-routine")
	if err != nil {
		t.Fatal(err)
	}
	zero, def := routines.Minutes(r.Total(slow)), routines.Minutes(r.Total(routines.DefaultTiming()))
	if zero == def {
		t.Fatalf("the test routine's minutes (%d) do not depend on the gaps", zero)
	}
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "Test routine") && strings.Contains(l, " min") {
			if !strings.Contains(l, fmt.Sprintf("%3d min", zero)) {
				t.Fatalf("picker row %q, want %d min", l, zero)
			}
			return
		}
	}
	t.Fatalf("no picker row for the test routine:\n%s", h.screen())
}

// `s` on a plan built on screen saves it through Options.SavePlan and says
// where and how to run it again; a second `s` does not save twice.
func TestPlannerSaves(t *testing.T) {
	var saved []*routines.Routine
	h := newHarness(t, 80, 24, func(o *Options) {
		o.SavePlan = func(r *routines.Routine, req routines.PlanRequest, notes []string) (string, error) {
			if req.Minutes != 12 {
				t.Errorf("saved a request of %d minutes, want 12", req.Minutes)
			}
			saved = append(saved, r)
			return "~/.config/cooldown/routines/" + r.ID + ".yaml", nil
		}
	})
	h.key("enter", "enter") // sore, then "build one for today"
	h.requireScreen("Build one for today")
	if strings.Contains(h.screen(), "s save") {
		t.Fatal("the form offers saving before there is a plan")
	}
	h.key("enter")
	h.requireScreen("s save")
	h.key("s")
	h.requireScreen("Saved in ~/.config/cooldown/routines/plan-12m-sore-full-body.yaml", "start plan-12m-sore-full-body` runs it again")
	h.key("s")
	if len(saved) != 1 {
		t.Fatalf("saved %d times, want once", len(saved))
	}
	if strings.Contains(h.screen(), "s save") {
		t.Error("still offers saving once saved")
	}
}
