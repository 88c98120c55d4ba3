package tui

import (
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines"
)

// After "what did you train?", the suggestion and the cursor go to a
// routine the kit allows, at its adapted length: enter then starts it.
func TestSportSuggestionKeepsToTheKit(t *testing.T) {
	lib := builtinLibrary(t)
	kit := routines.KitRoom.Without(routines.ToolFloor).With(routines.ToolChair).Without(routines.ToolWall)
	h := newHarness(t, 80, 40, func(o *Options) { o.Library = lib; o.Kit = &kit })
	h.key("enter") // sore: what did you train? Run is first
	p := h.m.screen.(*picker)
	want := ""
	for _, r := range lib.ForSport(routines.Sports()[0], routines.Sore) {
		if d := p.asDone(r); d.err == nil {
			want = "First: " + d.r.Name
			break
		}
	}
	if want == "" {
		t.Fatal("no run routine can be done on a chair; pick another kit for this test")
	}
	h.requireScreen(want)
	h.key("enter") // run
	p = h.m.screen.(*picker)
	r := p.entries()[p.cursor]
	if r == nil || !p.forSport(r) || p.asDone(r).err != nil {
		t.Fatalf("cursor on %v, not on a run routine the kit allows:\n%s", r, h.screen())
	}
	h.key("enter")
	if _, ok := h.m.screen.(*runScreen); !ok {
		t.Fatalf("enter did not start the suggested routine:\n%s", h.screen())
	}
}

// With no routine of the sport the kit allows, the question says so.
func TestSportSuggestionWithNothingDoable(t *testing.T) {
	lib := builtinLibrary(t)
	kit := routines.KitRoom.Without(routines.ToolFloor).Without(routines.ToolWall)
	h := newHarness(t, 80, 40, func(o *Options) { o.Library = lib; o.Kit = &kit })
	h.key("enter")
	for _, r := range lib.ForSport(routines.Sports()[0], routines.Sore) {
		if (h.m.screen.(*picker)).asDone(r).err == nil {
			t.Fatalf("%s can be done with %s: pick a kit that rules out every run routine", r.ID, kit)
		}
	}
	h.requireScreen("First: none of them with your kit")
	if strings.Contains(h.screen(), "First: Runner") {
		t.Errorf("suggests a routine the kit rules out:\n%s", h.screen())
	}
}
