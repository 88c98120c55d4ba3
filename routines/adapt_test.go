package routines

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// namedKits are the profiles every routine and plan must work with.
func namedKits() map[string]Kit {
	return map[string]Kit{
		"none":        KitRoom,
		"roller only": KitRoom.With(ToolRoller),
		"gun only":    KitRoom.With(ToolGun),
		"ball only":   KitRoom.With(ToolBall),
		"all":         KitAll,
	}
}

// allKits is every subset of the tools.
func allKits() []Kit {
	var out []Kit
	for k := Kit(0); k <= KitAll; k++ {
		out = append(out, k)
	}
	return out
}

// checkAdapted fails when a step of the adapted routine needs what kit
// lacks (a need met by a note counts as met), or a swap lost every area.
func checkAdapted(t *testing.T, lib *Library, r, got *Routine, changes []Change, kit Kit) {
	t.Helper()
	for _, s := range got.Steps {
		for _, n := range NeedsOf(s) {
			if kit.Meets(n) {
				continue
			}
			if fb, ok := fallbackFor(s.Exercise, n); !ok || fb.Note == "" || !strings.Contains(s.Note, fb.Note) {
				t.Errorf("%s with %s: %s needs %s, which the kit lacks", r.ID, kit, s.Do, n)
			}
		}
	}
	for _, c := range changes {
		from, _ := lib.Exercise(c.From)
		if c.To == "" {
			if !strings.HasPrefix(c.Note, "Left out") {
				t.Errorf("%s with %s: dropped %s without saying so: %q", r.ID, kit, c.From, c.Note)
			}
			continue
		}
		to, _ := lib.Exercise(c.To)
		if !sharesArea(from, to) {
			t.Errorf("%s with %s: %s -> %s keeps none of its areas", r.ID, kit, c.From, c.To)
		}
	}
	ids := map[string]int{}
	for _, s := range got.Steps {
		if ids[s.Do]++; ids[s.Do] > 1 && !slices.Contains([]string{"active-easy", "breathe-slow"}, s.Do) && !slices.ContainsFunc(r.Steps, func(o Step) bool { return o.Do == s.Do && countDo(r, s.Do) > 1 }) {
			t.Errorf("%s with %s: %s twice after adapting", r.ID, kit, s.Do)
		}
	}
}

func countDo(r *Routine, id string) int {
	n := 0
	for _, s := range r.Steps {
		if s.Do == id {
			n++
		}
	}
	return n
}

func TestEveryRoutineWorksWithEveryKit(t *testing.T) {
	lib := builtin(t)
	for name, kit := range namedKits() {
		for _, r := range lib.Routines() {
			got, changes, err := lib.Adapt(r, kit)
			if err != nil {
				t.Errorf("%s with %s: %v", r.ID, name, err)
				continue
			}
			checkAdapted(t, lib, r, got, changes, kit)
			for i, s := range got.Steps {
				checkStep(t, got, i, s)
			}
			if kit == KitAll && len(changes) > 0 {
				t.Errorf("%s with everything: changed %v", r.ID, changes)
			}
		}
	}
	// Every subset: never a step that needs what is missing; when nothing
	// is left, the error says why.
	for _, kit := range allKits() {
		for _, r := range lib.Routines() {
			got, changes, err := lib.Adapt(r, kit)
			if err != nil {
				if !strings.Contains(err.Error(), "cannot be done with") || !strings.Contains(err.Error(), "needs") {
					t.Errorf("%s with %s: unclear error %v", r.ID, kit, err)
				}
				continue
			}
			checkAdapted(t, lib, r, got, changes, kit)
			for i, s := range got.Steps {
				checkStep(t, got, i, s)
			}
		}
	}
}

func TestSubstitutesFollowContent(t *testing.T) {
	lib := builtin(t)
	for _, c := range []struct {
		routine string
		kit     Kit
		from    string
		want    []string // the stand-in, or "" for left out
	}{
		{"full-body-15", KitAll.Without(ToolWall), "doorway-chest", []string{"behind-back-clasp"}},
		{"quick-10-lower", KitRoom.Without(ToolFloor).With(ToolChair), "supine-hamstring", []string{"chair-hamstring"}},
		{"quick-10-lower", KitRoom.Without(ToolFloor).With(ToolChair), "kneeling-hip-flexor", []string{"chair-hip-flexor"}},
		{"quick-10-lower", KitRoom.Without(ToolFloor).With(ToolChair), "figure-four", []string{"seated-figure-four"}},
		{"full-body-15", KitRoom.Without(ToolFloor).With(ToolChair), "childs-pose", []string{"table-lat-stretch"}},
		{"quick-10-lower", KitRoom, "supine-hamstring", []string{"supine-hamstring"}}, // no strap: hands behind the thigh
		// Rolling falls back roller -> gun -> ball -> no tool.
		{"runner-cyclist-legs", KitRoom.With(ToolGun), "roll-calves", []string{"gun-calves"}},
		{"runner-cyclist-legs", KitRoom.With(ToolGun).With(ToolBall), "roll-glutes", []string{"gun-glutes"}},
		{"runner-cyclist-legs", KitRoom.With(ToolGun), "roll-lateral-thigh", []string{"gun-lateral-thigh"}},
		{"very-sore-gentle-20", KitRoom.With(ToolGun), "roll-quads", []string{"gun-quads"}},
		{"upper-after-lifting", KitRoom.With(ToolGun), "roll-upper-back", []string{"thread-needle", "open-book"}}, // no gun on the upper back alone
		{"runner-cyclist-legs", KitRoom, "roll-glutes", []string{"figure-four"}},
		{"runner-cyclist-legs", KitRoom.With(ToolBall), "roll-calves", []string{"ball-calves"}},
		{"runner-cyclist-legs", KitRoom.With(ToolBall), "roll-glutes", []string{"ball-glutes"}},
		{"runner-cyclist-legs", KitRoom.With(ToolBall), "roll-quads", []string{"massage-quads"}},
		{"runner-cyclist-legs", KitRoom, "roll-calves", []string{"massage-calves"}},
		{"upper-after-lifting", KitRoom.With(ToolBall), "roll-upper-back", []string{"ball-upper-back"}},
		{"upper-after-lifting", KitRoom.With(ToolBall), "roll-lats", []string{"ball-lats"}},
	} {
		r, err := lib.Routine(c.routine)
		if err != nil {
			t.Fatal(err)
		}
		_, changes, err := lib.Adapt(r, c.kit)
		if err != nil {
			t.Errorf("%s with %s: %v", c.routine, c.kit, err)
			continue
		}
		i := slices.IndexFunc(changes, func(ch Change) bool { return ch.From == c.from })
		if i < 0 {
			t.Errorf("%s with %s: %s not changed; changes %v", c.routine, c.kit, c.from, changes)
			continue
		}
		if !slices.Contains(c.want, changes[i].To) {
			t.Errorf("%s with %s: %s became %q (%s), want one of %v", c.routine, c.kit, c.from, changes[i].To, changes[i].Note, c.want)
		}
	}
}

// A gun step keeps to the gun's times: 30-60 s, 30 s and optional when
// very sore, at most 2 min on a muscle.
func TestGunTimes(t *testing.T) {
	lib := builtin(t)
	for _, c := range []struct {
		routine, from string
		want          time.Duration
	}{
		{"runner-cyclist-legs", "roll-calves", 45 * time.Second},
		{"deep-recovery-40", "roll-calves", 60 * time.Second},
		{"very-sore-gentle-20", "roll-calves", 30 * time.Second},
	} {
		r, _ := lib.Routine(c.routine)
		got, changes, err := lib.Adapt(r, KitRoom.With(ToolGun))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, ch := range changes {
			if ch.From != c.from {
				continue
			}
			found = found || strings.HasPrefix(ch.To, "gun-")
			for _, s := range got.Steps {
				if s.Do == ch.To && (s.For != c.want || s.For*time.Duration(s.Reps) > GunPerMuscle) {
					t.Errorf("%s: %s as %s for %d x %v, want %v", c.routine, c.from, s.Do, s.Reps, s.For, c.want)
				}
				if s.Do == ch.To && r.Suits(VerySore) && !strings.HasPrefix(s.Note, "Optional.") {
					t.Errorf("%s: very-sore gun step not optional: %q", c.routine, s.Note)
				}
			}
		}
		if !found {
			t.Errorf("%s: %s did not become a gun step with a gun: %+v", c.routine, c.from, changes)
		}
	}
}

// No built-in routine rolls the feet; a user's does, and without a ball
// it becomes hand massage, then the arch stretch.
func TestFeetWithoutABall(t *testing.T) {
	lib := builtin(t)
	feet, _ := lib.Exercise("roll-feet")
	r := &Routine{ID: "feet", Name: "Feet", Soreness: []Level{Sore}, Steps: []Step{{Do: "roll-feet", For: 45 * time.Second, Reps: 1, Exercise: feet}}}
	for kit, want := range map[Kit]string{KitRoom: "massage-feet", KitRoom.With(ToolGun): "gun-feet", KitRoom.With(ToolBall): "roll-feet"} {
		got, _, err := lib.Adapt(r, kit)
		if err != nil || got.Steps[0].Do != want {
			t.Errorf("with %s: %v, %v; want %s", kit, got, err, want)
		}
	}
}

func TestAdaptSaysWhy(t *testing.T) {
	lib := builtin(t)
	r, _ := lib.Routine("quick-10-lower")
	_, changes, _ := lib.Adapt(r, KitRoom)
	i := slices.IndexFunc(changes, func(ch Change) bool { return ch.From == "supine-hamstring" })
	if i < 0 || !strings.Contains(changes[i].Note, "hold behind the thigh") {
		t.Errorf("no-strap note missing: %v", changes)
	}
	_, _, err := lib.Adapt(r, 0)
	if err == nil || !strings.Contains(err.Error(), "cannot be done with") {
		t.Errorf("a legs routine with no floor, wall or chair: got %v", err)
	}
}

func TestEveryPlanWorksWithEveryKit(t *testing.T) {
	lib := builtin(t)
	tm := DefaultTiming()
	for name, kit := range namedKits() {
		for _, l := range Levels() {
			for _, set := range contentAreaSets() {
				for _, m := range []int{5, 10, 15, 20, 30, 45, 60} {
					k := kit
					req := PlanRequest{Minutes: m, Level: l, Areas: set, Kit: &k}
					r, notes, err := lib.Plan(req)
					if err != nil {
						t.Fatalf("%s %v: %v", name, req, err)
					}
					if total, max := r.Total(tm), time.Duration(m)*time.Minute+PlanTolerance; total > max {
						t.Errorf("%s %d min %s %v: %v, longer than %v", name, m, l, set, total, max)
					}
					for i, s := range r.Steps {
						for _, n := range NeedsOf(s) {
							if !kit.Meets(n) {
								if fb, ok := fallbackFor(s.Exercise, n); !ok || fb.Note == "" || !strings.Contains(s.Note, fb.Note) {
									t.Errorf("%s %d min %s %v: %s needs %s\n%s", name, m, l, set, s.Do, n, strings.Join(notes, "\n"))
								}
							}
						}
						r.Soreness = []Level{l}
						checkStep(t, r, i, s)
					}
				}
			}
		}
	}
}
