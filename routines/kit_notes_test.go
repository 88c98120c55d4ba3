package routines

import (
	"regexp"
	"strings"
	"testing"
)

// furniture names the gear and furniture a stand-in note might send the
// person to; soft things (a folded towel, a cushion) are in any room.
var furniture = map[Tool]*regexp.Regexp{
	ToolChair:  regexp.MustCompile(`(?i)\bchair\b`),
	ToolWall:   regexp.MustCompile(`(?i)\b(wall|door)\b`),
	ToolStep:   regexp.MustCompile(`(?i)\b(step|stair)\b`),
	ToolRoller: regexp.MustCompile(`(?i)\broller\b`),
	ToolGun:    regexp.MustCompile(`(?i)\bgun\b`),
	ToolBall:   regexp.MustCompile(`(?i)\b(massage|tennis) ball\b`),
}

// A note that stands in for a missing tool never asks for another one
// the kit lacks: with no floor and no chair, cat-cow is not "sit on a
// chair edge", and a knee pad's note is not given to someone seated.
func TestStandInNotesNeedOnlyTheKit(t *testing.T) {
	lib := builtin(t)
	for _, kit := range allKits() {
		for _, r := range lib.Routines() {
			got, _, err := lib.Adapt(r, kit)
			if err != nil {
				continue
			}
			for _, s := range got.Steps {
				for _, n := range NeedsOf(s) {
					if kit.Meets(n) {
						continue
					}
					fb, _ := fallbackFor(s.Exercise, n)
					for tool, re := range furniture {
						if !kit.Has(tool) && re.MatchString(fb.Note) && !strings.Contains(fb.Note, "No "+tool.Short()) {
							t.Errorf("%s with %s: %s's note %q asks for a %s", r.ID, kit, s.Do, fb.Note, tool)
						}
					}
				}
			}
		}
	}
}

// A step left out says what it needs in words: "a wall or a chair", never
// a "wall" that hides the chair that would also do.
func TestLeftOutSaysEveryTool(t *testing.T) {
	lib := builtin(t)
	r, _ := lib.Routine("runner-calves-10")
	_, changes, err := lib.Adapt(r, KitRoom.Without(ToolFloor).Without(ToolWall))
	if err == nil {
		t.Fatal("runner-calves-10 with no floor, no wall and no chair should not be doable")
	}
	var found bool
	for _, c := range changes {
		if c.From == "wall-calf" {
			found = true
			if c.Note != "Left out Straight-knee calf stretch (it needs a wall or a chair)." || len(c.Missing) != 2 {
				t.Errorf("wall-calf left out: %q, missing %v", c.Note, c.Missing)
			}
		}
	}
	if !found {
		t.Errorf("wall-calf not among the changes: %+v", changes)
	}
	if strings.Contains(err.Error(), ".;") || strings.Contains(err.Error(), "calves: it needs") {
		t.Errorf("error reads badly: %v", err)
	}
}

// With no floor, cat-cow is the seated one where there is a chair, and
// left out where there is none.
func TestCatCowWithoutTheFloor(t *testing.T) {
	lib := builtin(t)
	r, _ := lib.Routine("cyclist-15")
	for _, c := range []struct {
		kit  Kit
		want string
	}{
		{KitRoom.Without(ToolFloor).With(ToolChair), "seated-cat-cow"},
		{KitRoom.Without(ToolFloor), ""},
	} {
		got, changes, err := lib.Adapt(r, c.kit)
		if err != nil {
			t.Fatalf("%s: %v", c.kit, err)
		}
		for _, ch := range changes {
			if ch.From == "cat-cow" && ch.To != c.want {
				t.Errorf("%s: cat-cow became %q, want %q", c.kit, ch.To, c.want)
			}
		}
		for _, s := range got.Steps {
			if strings.Contains(s.Note, "knee pad") && (s.Do == "seated-cat-cow" || !c.kit.Has(ToolFloor) && s.Do == "cat-cow") {
				t.Errorf("%s: %s told to pad knees while seated: %q", c.kit, s.Do, s.Note)
			}
		}
	}
}

// Kits as people type them: spaces or underscores for hyphens, any case;
// a near miss of an alias is suggested too.
func TestParseKitAsTyped(t *testing.T) {
	for in, want := range map[string]Kit{
		"Foam Roller, massage gun": KitRoom.With(ToolRoller).With(ToolGun),
		"no floor, NO_WALL":        KitRoom.Without(ToolFloor).Without(ToolWall),
		"roller, Roller":           KitRoom.With(ToolRoller),
		"no-floor,no-floor":        KitRoom.Without(ToolFloor),
	} {
		if got, err := ParseKit([]string{in}); err != nil || got != want {
			t.Errorf("%q: got %v, %v; want %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"foam_rollr": `unknown kit "foam_rollr" (did you mean "foam-roller"?)`,
		"laser":      `unknown kit "laser" (want all, none, or some of roller, gun`,
		"no-lazer":   `unknown tool "lazer" (the tools: roller`,
	} {
		if _, err := ParseKit([]string{in}); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: got %v, want %q", in, err, msg)
		}
	}
}

// A routine adapted to a gun keeps to the gun's limits, as a routine file
// must: a minute a zone at a time, two minutes on one muscle in all.
func TestAdaptedGunTimeOnEachMuscle(t *testing.T) {
	lib := builtin(t)
	for _, kit := range allKits() {
		if !kit.Has(ToolGun) {
			continue
		}
		for _, r := range lib.Routines() {
			got, _, err := lib.Adapt(r, kit)
			if err != nil {
				continue
			}
			if ps := linkAt("adapted", "", got, lib.exercises, nil, false); len(ps) > 0 {
				t.Errorf("%s with %s: %v", r.ID, kit, ps)
			}
		}
	}
}

// A plan after a sport loosens up with a drill the kit allows: leg swings
// need a wall or a chair to hold, cat-cow the floor (or a chair, seated).
func TestSportPlansUseOnlyTheKit(t *testing.T) {
	lib := builtin(t)
	room := []Tool{ToolFloor, ToolWall, ToolChair, ToolStrap, ToolGun}
	for bits := range 1 << len(room) {
		kit := Kit(0)
		for i, tl := range room {
			if bits&(1<<i) != 0 {
				kit = kit.With(tl)
			}
		}
		for _, sp := range Sports() {
			for _, l := range Levels() {
				for _, m := range []int{10, 30} {
					k := kit
					r, notes, err := lib.Plan(PlanRequest{Minutes: m, Level: l, Sport: sp.ID, Kit: &k})
					if err != nil {
						t.Fatalf("%s %s %d min with %s: %v", sp.ID, l, m, kit, err)
					}
					for _, s := range r.Steps {
						for _, n := range NeedsOf(s) {
							if kit.Meets(n) {
								continue
							}
							if fb, ok := fallbackFor(s.Exercise, n); !ok || fb.Note == "" || !strings.Contains(s.Note, fb.Note) {
								t.Errorf("%s %s %d min with %s: %s needs %s", sp.ID, l, m, kit, s.Do, n)
							}
						}
					}
					for _, n := range notes {
						if strings.Contains(n, "catalogue has no") && kit != KitAll {
							t.Errorf("%s %s with %s: %q blames the catalogue for what the kit rules out", sp.ID, l, kit, n)
						}
					}
				}
			}
		}
	}
}

// The advice after a sore session names the tool the person has, not a
// foam roller they lack.
func TestAfterAdviceWithTheKit(t *testing.T) {
	for _, c := range []struct {
		kit  *Kit
		want string
	}{
		{nil, "Foam roll 30–60 s"},
		{new(KitRoom.With(ToolRoller)), "Foam roll 30–60 s"},
		{new(KitRoom.With(ToolGun)), "A massage gun on its lowest speed"},
		{new(KitRoom.With(ToolBall)), "A massage ball, 30–90 s"},
		{new(KitRoom), "Knead sore muscles with your hands"},
	} {
		card := AfterSessionFor(Sore, Millilitres, c.kit)
		text := strings.Join(card.Sections[0].Bullets, "\n")
		if !strings.Contains(text, c.want) || c.kit != nil && !c.kit.Has(ToolRoller) && strings.Contains(text, "Foam roll") {
			t.Errorf("kit %v: %s", c.kit, text)
		}
	}
}
