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
