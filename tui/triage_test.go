package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines"
)

// Choosing "very sore" in the picker shows the check card first: injury
// signs and what to do, urgent signs, soreness that won't settle, and "a
// gentle routine is fine"; enter goes on to the routines, esc goes back.
func TestTriageFromPicker(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := newHarness(t, w, hh, nil)
		h.key("down", "enter") // sore → very sore, choose
		if _, ok := h.m.screen.(*triageScreen); !ok {
			t.Fatalf("very sore did not show the check card: %T", h.m.screen)
		}
		t.Run("card", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		for range 40 {
			h.key("down")
		}
		t.Run("card-end", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		if s := strings.Join(strings.Fields(h.screen()), " "); !strings.Contains(s, "A gentle routine is fine.") {
			t.Errorf("the end of the card does not say a gentle routine is fine:\n%s", h.screen())
		}
		h.key("esc")
		p, ok := h.m.screen.(*picker)
		if !ok || p.stage != askLevel {
			t.Fatalf("esc did not go back to the soreness question: %T", h.m.screen)
		}
		h.key("enter", "enter", "s")
		if p.stage != askRoutine || p.chosenLevel() != routines.VerySore {
			t.Fatalf("enter on the card did not show the very-sore routines: stage %v, level %s", p.stage, p.chosenLevel())
		}
	})
}

// The card's text, whole, on a large window: the parts the person must
// see, with the injury kept apart from soreness that lasts.
func TestTriageCardText(t *testing.T) {
	h := newHarness(t, 100, 40, nil)
	h.key("down", "enter")
	s := strings.Join(strings.Fields(h.screen()), " ")
	for _, want := range []string{
		"An injury now, not training soreness", "sudden or sharp pain", "joint", "swelling or bruising",
		"pain at rest", "wrapped cold pack", "Get urgent care today", "dark (tea- or cola-coloured) urine",
		"marked weakness", "Soreness still there after 5 days", "A gentle routine is fine.",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the check card lacks %q:\n%s", want, s)
		}
	}
	if i, j := strings.Index(s, "An injury now"), strings.Index(s, "after 5 days"); i < 0 || j < i {
		t.Error("the injury signs and the lasting soreness are not separate parts, injury first")
	}
}

// `cooldown start ROUTINE --soreness very-sore`: the card comes before the
// session, which starts (and is recorded) only on enter; esc goes to the
// soreness question instead.
func TestTriageBeforeNamedRoutine(t *testing.T) {
	very := func(o *Options) { o.Level = routines.VerySore }
	h := startRoutine(t, 80, 24, very)
	if _, ok := h.m.screen.(*triageScreen); !ok {
		t.Fatalf("a very-sore start went straight to %T", h.m.screen)
	}
	if h.m.Result().Routine != nil {
		t.Error("the session counts as started before the card was confirmed")
	}
	h.key("enter")
	if _, ok := h.m.screen.(*runScreen); !ok {
		t.Fatalf("enter did not start the session: %T", h.m.screen)
	}
	if h.m.Result().Routine == nil {
		t.Error("the confirmed session has no routine in the result")
	}

	h = startRoutine(t, 80, 24, very)
	h.key("esc")
	if p, ok := h.m.screen.(*picker); !ok || p.stage != askLevel {
		t.Fatalf("esc did not go back to the soreness question: %T", h.m.screen)
	}
}

// The summary's advice follows the level: daily stretching when fresh;
// light movement, rolling and water when sore; rest, massage, heat, cold
// with its evidence note and the signs of poor recovery when very sore.
func TestSummaryAdviceByLevel(t *testing.T) {
	for _, c := range []struct {
		level routines.Level
		want  []string
	}{
		{routines.Fresh, []string{"2–3 or more days a week", "daily is ideal"}},
		{routines.Sore, []string{"Light movement", "Foam roll 30–60 s", "Drink some water"}},
		{routines.VerySore, []string{"Rest, or move easily", "Massage", "Heat for stiffness", "Cold", "trials of low quality", "Signs of poor recovery"}},
	} {
		t.Run(string(c.level), func(t *testing.T) {
			eachSize(t, func(t *testing.T, w, hh int) {
				h := startRoutine(t, w, hh, func(o *Options) { o.Level = c.level })
				if c.level == routines.VerySore {
					h.key("enter") // the check card
				}
				h.advance(time.Hour)
				if _, ok := h.m.screen.(*summaryScreen); !ok {
					t.Fatalf("not on the summary: %T", h.m.screen)
				}
				t.Run("summary", func(t *testing.T) { goldenFrame(t, h, w, hh) })
				var seen strings.Builder
				for range 8 {
					seen.WriteString(h.screen())
					h.key("down")
				}
				// Scrolled to the advice for the level (on a small window
				// it starts below the fold).
				t.Run("scrolled", func(t *testing.T) { goldenFrame(t, h, w, hh) })
				for range 60 {
					seen.WriteString(h.screen())
					h.key("down")
				}
				seen.WriteString(h.screen())
				for _, want := range append(c.want, "protein", "7 hours", "Weighed before and after") {
					if !strings.Contains(strings.Join(strings.Fields(seen.String()), " "), want) {
						t.Errorf("the %s summary never shows %q", c.level, want)
					}
				}
			})
		})
	}
}

// Plain mode prints the check card before a very-sore session, then goes
// on; after any session it prints the advice for the level.
func TestPlainVerySore(t *testing.T) {
	out, _, res := plainRun(t, context.Background(), func(o *PlainOptions) { o.Level = routines.VerySore })
	golden.RequireEqual(t, []byte(out))
	if res.Outcome != OutcomeCompleted {
		t.Fatalf("result %+v", res)
	}
	card := strings.Index(out, "Very sore? A quick check first")
	start := strings.Index(out, "Test routine ·")
	if card < 0 || start < card || !strings.Contains(out, "A gentle routine is fine.") {
		t.Errorf("the check card does not come before the session:\n%s", out)
	}
	if !strings.Contains(out, "The next days (very sore)") || !strings.Contains(out, "Signs of poor recovery") {
		t.Errorf("no very-sore advice at the end:\n%s", out)
	}
}

// The drink advice follows the units everywhere it appears.
func TestAdviceUnits(t *testing.T) {
	for _, l := range routines.Levels() {
		text := strings.Join(routines.AfterSession(l, routines.FluidOunces).Lines(), "\n")
		if strings.Contains(text, "ml") || strings.Contains(text, " L ") || !strings.Contains(text, "fl oz") {
			t.Errorf("%s advice in fl oz still shows metric amounts:\n%s", l, text)
		}
	}
}
