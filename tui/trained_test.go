package tui

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/cooldown-app/cooldown/routines"
)

// sport is a sport by id, for the tests.
func sport(t *testing.T, id string) *routines.Sport {
	t.Helper()
	s, err := routines.ParseSport(id)
	if err != nil {
		t.Fatal(err)
	}
	return &s
}

// listed is the routine list as shown, without the build-one entry.
func listed(p *picker) []string {
	var ids []string
	for _, r := range p.entries() {
		if r != nil {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// After the level comes "What did you train?": the answer puts the sport's
// routines first (those that suit the level, best first), marks them and
// puts the cursor on the first; s skips and leaves the list as it was.
func TestTrainedOrdersTheList(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	p := h.m.screen.(*picker)
	h.key("enter")
	if p.stage != askTrained {
		t.Fatalf("enter on the level: stage %v, want the trained question", p.stage)
	}
	h.requireScreen("What did you train?", "> Run", "Desk day", "Skip this question", "s skips the question", "s skip")
	h.key("s")
	plain := listed(p)
	if p.stage != askRoutine || p.trained.sport != nil || strings.Contains(h.screen(), suggestedMark) {
		t.Fatalf("s did not skip: stage %v, sport %v\n%s", p.stage, p.trained.sport, h.screen())
	}

	h.key("esc")
	if p.stage != askTrained {
		t.Fatalf("esc on the list: stage %v, want the trained question", p.stage)
	}
	h.key("down", "down") // legs
	h.requireScreen("> Legs", "Works: hips, glutes, quads, hamstrings, adductors, calves")
	h.key("enter")
	legs := sport(t, "legs")
	want := h.m.c.opts.Library.ForSport(*legs, routines.Sore)
	got := listed(p)
	if len(want) == 0 || len(got) != len(plain) {
		t.Fatalf("legs: %v of %v", got, plain)
	}
	for i, r := range want {
		if got[i] != r.ID {
			t.Fatalf("legs: the list starts %v, want %v first", got, want)
		}
	}
	if sel := p.entries()[p.cursor]; sel == nil || sel.ID != want[0].ID {
		t.Fatalf("the cursor is on %v, want %s", sel, want[0].ID)
	}
	h.requireScreen(suggestedMark+" Suggested after leg day", want[0].Name)
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, want[0].Name) && !strings.Contains(l, suggestedMark) {
			t.Errorf("the first legs routine is not marked: %q", l)
		}
	}
	// The rest keep their order.
	rest := slices.DeleteFunc(slices.Clone(plain), func(id string) bool { return slices.Contains(legs.Routines, id) })
	if !slices.Equal(got[len(want):], rest) {
		t.Errorf("the others: %v, want %v", got[len(want):], rest)
	}
	// Enter starts the suggestion.
	h.key("enter")
	if rs, ok := h.m.screen.(*runScreen); !ok || rs.sess.Routine().ID != want[0].ID {
		t.Fatalf("enter did not start %s: %T", want[0].ID, h.m.screen)
	}
}

// Back from the question is the level; the choice "Skip this question" is
// s; i shows the safety notes and any key comes back; q quits.
func TestTrainedKeys(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	p := h.m.screen.(*picker)
	h.key("enter", "esc")
	if p.stage != askLevel {
		t.Fatalf("esc on the question: stage %v", p.stage)
	}
	h.key("enter", "up") // wraps to skip
	h.requireScreen("> Skip this question", "No suggestion")
	h.key("i")
	if p.stage != showSafety {
		t.Fatal("i did not show the safety notes")
	}
	h.key("x")
	if p.stage != askTrained {
		t.Fatalf("back from the safety notes: stage %v", p.stage)
	}
	for _, k := range []string{"a", "1", "space", "n"} {
		h.key(k)
		if p.stage != askTrained {
			t.Fatalf("%q left the question", k)
		}
	}
	h.key("enter")
	if p.stage != askRoutine || p.trained.sport != nil {
		t.Fatalf("skip: stage %v, sport %v", p.stage, p.trained.sport)
	}
	h.key("esc", "q")
	if !h.quit {
		t.Fatal("q on the question did not quit")
	}
}

// --after answers it: the list opens with the sport's routines first, and
// back from the list is the level. A level given too opens on the list.
func TestTrainedFromFlag(t *testing.T) {
	h := newHarness(t, 80, 24, func(o *Options) { o.After = sport(t, "run") })
	p := h.m.screen.(*picker)
	h.key("enter")
	if p.stage != askRoutine || listed(p)[0] != "runner-cyclist-legs" {
		t.Fatalf("--after run: stage %v, list %v", p.stage, listed(p))
	}
	h.requireScreen(suggestedMark + " Suggested after a run")
	h.key("esc")
	if p.stage != askLevel {
		t.Fatalf("esc: stage %v, want the level (the flag answered the question)", p.stage)
	}

	h = newHarness(t, 80, 24, func(o *Options) { o.After, o.Level = sport(t, "upper"), routines.Sore })
	if p := h.m.screen.(*picker); p.stage != askRoutine || listed(p)[0] != "upper-after-lifting" {
		t.Fatalf("--after upper --soreness sore: stage %v, list %v", p.stage, listed(p))
	}
	// A level alone opens on the question.
	h = newHarness(t, 80, 24, func(o *Options) { o.Level = routines.Fresh })
	if p := h.m.screen.(*picker); p.stage != askTrained {
		t.Fatalf("--soreness fresh: stage %v, want the question", p.stage)
	}
}

// Very sore: the check card first, then the question, then the gentle
// routines with the sport's first.
func TestTrainedAfterTheCheckCard(t *testing.T) {
	for _, fromFlag := range []bool{false, true} {
		h := newHarness(t, 80, 24, func(o *Options) {
			if fromFlag {
				o.Level = routines.VerySore
			}
		})
		if !fromFlag {
			h.key("down", "enter")
		}
		if _, ok := h.m.screen.(*triageScreen); !ok {
			t.Fatalf("flag %v: no check card: %T", fromFlag, h.m.screen)
		}
		h.key("enter")
		p, ok := h.m.screen.(*picker)
		if !ok || p.stage != askTrained {
			t.Fatalf("flag %v: after the card %T, want the question", fromFlag, h.m.screen)
		}
		h.requireScreen("What did you train?", "Very sore")
		h.key("down", "down", "down") // upper body
		h.key("enter")
		got := listed(p)
		if len(got) == 0 || got[0] != "gentle-upper-15" {
			t.Fatalf("flag %v: very sore after upper body: %v", fromFlag, got)
		}
		for _, id := range got {
			if r, _ := h.m.c.opts.Library.Routine(id); !r.Suits(routines.VerySore) {
				t.Errorf("flag %v: %s listed for very sore", fromFlag, id)
			}
		}
	}
}

// The planner opens with the sport's areas ticked and plans with its drill.
func TestTrainedGoesToThePlanner(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	h.key("enter", "down", "down", "down", "down", "down", "enter") // swim
	p := h.m.screen.(*picker)
	if p.trained.sport == nil || p.trained.sport.ID != "swim" {
		t.Fatalf("sport %v", p.trained.sport)
	}
	for p.entries()[p.cursor] != nil {
		h.key("up")
	}
	h.key("enter")
	pl, ok := h.m.screen.(*planner)
	if !ok {
		t.Fatalf("not on the planner: %T", h.m.screen)
	}
	var ticked []string
	for _, a := range routines.Areas() {
		if pl.sore[a] {
			ticked = append(ticked, a)
		}
	}
	if !slices.Equal(ticked, sport(t, "swim").Areas) {
		t.Fatalf("ticked %v, want the swim areas", ticked)
	}
	h.requireScreen("Ticked: after a swim.")
	h.key("enter")
	if pl.plan == nil || pl.req.Sport != "swim" || pl.req.Areas != nil {
		t.Fatalf("plan %v, request %+v", pl.plan, pl.req)
	}
	if pl.plan.Steps[1].Do != "shoulder-circles" || !strings.Contains(pl.plan.Name, "after a swim") {
		t.Fatalf("plan %q starts %s, %s", pl.plan.Name, pl.plan.Steps[0].Do, pl.plan.Steps[1].Do)
	}
	// Changed areas are the person's own; the drill stays.
	h.key("esc", "down", "space", "enter")
	if pl.req.Sport != "swim" || len(pl.req.Areas) == 0 || pl.plan.Steps[1].Do != "shoulder-circles" {
		t.Fatalf("after a change: request %+v, plan %v", pl.req, pl.plan)
	}
}

// The README's paragraph on the question names its keys: s skips, esc goes
// back, and the sport ids it lists are the ones --after takes.
func TestReadmeTrained(t *testing.T) {
	para := readmeParagraph(t, "**What did you train?**")
	k := trainedKeys(DefaultKeyMap().Picker)
	if !strings.Contains(para, "`s` skips") || !key.Matches(keyPress("s"), k.Skip) {
		t.Errorf("the README's skip key is not the question's:\n%s", para)
	}
	if !strings.Contains(para, "`esc` goes back") || !key.Matches(keyPress("esc"), k.Back) {
		t.Errorf("the README's back key is not the question's:\n%s", para)
	}
	for _, s := range routines.Sports() {
		if !strings.Contains(para, "`"+s.ID+"`") || !strings.Contains(strings.ToLower(para), strings.ToLower(s.Name)) {
			t.Errorf("the README's paragraph does not name %s (%s)", s.ID, s.Name)
		}
		for _, a := range s.Aliases {
			if !strings.Contains(para, "`"+a+"`") {
				t.Errorf("the README does not give the alias %s", a)
			}
		}
	}
}

// The planner as the question leaves it: the swim areas ticked, and the
// plan it builds, named for the swim.
func TestTrainedPlannerScreens(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := newHarness(t, w, hh, func(o *Options) { o.After = sport(t, "swim") })
		h.key("enter") // sore: the list, the swim routines first
		for p := h.m.screen.(*picker); p.entries()[p.cursor] != nil; {
			h.key("up")
		}
		h.key("enter")
		t.Run("form", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("enter")
		t.Run("plan", func(t *testing.T) { goldenFrame(t, h, w, hh) })
	})
}
