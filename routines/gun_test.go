package routines

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// gunWant is the massage gun's column of the substitutes table: a step for
// every roll zone but the upper back (which needs a helper), working the
// roll zone's areas, with that zone's never-here words in its caution, and
// the body part its pose must put the gun on.
var gunWant = []struct {
	id, roll string
	never    []string
	on       [2]Joint // the gun lies on this segment of the left side
}{
	{"gun-calves", "roll-calves", []string{"achilles", "back of the knee", "shinbone", "varicose", "swollen"}, [2]Joint{LeftKnee, LeftFoot}},
	{"gun-hamstrings", "roll-hamstrings", []string{"back of the knee", "sit bone", "varicose"}, [2]Joint{LeftHip, LeftKnee}},
	{"gun-quads", "roll-quads", []string{"kneecap", "hip bone", "groin"}, [2]Joint{LeftHip, LeftKnee}},
	{"gun-adductors", "roll-adductors", []string{"groin", "upper inner thigh", "varicose"}, [2]Joint{LeftHip, LeftKnee}},
	{"gun-glutes", "roll-glutes", []string{"tailbone", "hip bones", "spine", "tingling"}, [2]Joint{Hip, LeftKnee}},
	{"gun-lateral-thigh", "roll-lateral-thigh", []string{"hip bone", "side of the knee", "light"}, [2]Joint{LeftHip, LeftKnee}},
	{"gun-lats", "roll-lats", []string{"armpit", "shoulder joint", "ribs", "spine"}, [2]Joint{LeftShoulder, LeftHip}},
	{"gun-shins", "roll-shins", []string{"shinbone", "ankle", "kneecap", "shin splints"}, [2]Joint{LeftKnee, LeftFoot}},
	{"gun-feet", "roll-feet", []string{"heel", "ankle", "diabetes"}, [2]Joint{LeftFoot, LeftToe}},
}

// distToSegment is how far p is from the segment a-b.
func distToSegment(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	f := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		f = min(max(((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l, 0), 1)
	}
	return math.Hypot(p.X-a.X-f*dx, p.Y-a.Y-f*dy)
}

func TestMassageGunSteps(t *testing.T) {
	lib := builtin(t)
	if err := lib.AddBuiltinPoses(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range lib.Exercises() {
		if e.Kind == MassageGun {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) != len(gunWant) {
		t.Errorf("built-in gun steps %v, want %d", ids, len(gunWant))
	}
	for _, w := range gunWant {
		e, ok := lib.Exercise(w.id)
		if !ok {
			t.Errorf("no gun step %s", w.id)
			continue
		}
		roll, _ := lib.Exercise(w.roll)
		if e.Kind != MassageGun || !e.PerSide || roll == nil || !slices.Equal(sorted(e.Areas), sorted(roll.Areas)) {
			t.Errorf("%s: %s, per side %v, areas %v; want a per-side gun step on the areas of %s", w.id, e.Kind, e.PerSide, e.Areas, w.roll)
		}
		if !strings.HasPrefix(strings.ToLower(e.Name), "massage gun: ") || e.Source != BuiltIn {
			t.Errorf("%s: name %q, source %q", w.id, e.Name, e.Source)
		}
		if !slices.ContainsFunc(e.Needs, func(n Need) bool { return slices.Equal(n, Need{ToolGun}) }) {
			t.Errorf("%s needs %v, not the gun", w.id, e.Needs)
		}
		// The gun's own rules, in the cues.
		cues := strings.ToLower(strings.Join(e.Cues, " "))
		if n := len(e.Cues); n < 2 || n > 3 {
			t.Errorf("%s has %d cues, want 2-3", w.id, n)
		}
		if m := containsAll(cues, "lowest speed", "round or flat head", "2-3 cm a second", "10 s a spot"); len(m) > 0 {
			t.Errorf("%s: cues lack the gun's rules (%v): %q", w.id, m, e.Cues)
		}
		// The zone's never-here list and the ask-first list, in the caution.
		c := strings.ToLower(e.Caution)
		if m := containsAll(c, append([]string{"never", "clots", "blood thinners", "osteoporosis", "pregnan"}, w.never...)...); len(m) > 0 {
			t.Errorf("%s: caution lacks %v: %q", w.id, m, e.Caution)
		}
		for _, s := range append([]string{e.Name, e.Caution}, e.Cues...) {
			assertClean(t, s)
		}
		// The pose puts the gun on the muscle and glides it there.
		p := e.Pose
		if p == nil || !p.Start.Has[Gun] {
			t.Errorf("%s: no pose with a gun", w.id)
			continue
		}
		if p.Start.P[Gun] == p.End.P[Gun] {
			t.Errorf("%s: the gun does not glide from start to end", w.id)
		}
		for _, pos := range []*Position{&p.Start, &p.End} {
			if d := distToSegment(pos.P[Gun], pos.At(w.on[0]), pos.At(w.on[1])); d > 1.2 {
				t.Errorf("%s: the gun at %v is %.1f units from the %s-%s line; put it on the muscle", w.id, pos.P[Gun], d, w.on[0], w.on[1])
			}
		}
	}
	// No gun on the upper back: a helper's job.
	for _, e := range lib.Exercises() {
		if e.Kind == MassageGun && slices.Contains(e.Areas, "upper-back") {
			t.Errorf("%s: a gun step on the upper back", e.ID)
		}
	}
}

// The file says what a gun can and cannot do, for whoever writes its
// copy and routines.
func TestGunFileRules(t *testing.T) {
	data, err := embedded.ReadFile(gunFile)
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(strings.Fields(strings.ReplaceAll(string(data[:strings.Index(string(data), "exercises:")]), "#", "")), " ")
	for _, rule := range []string{"30-60 s per zone or side", "at most 2 minutes on one muscle", "lowest speed", "never a bullet head",
		"It may loosen you up for a while; it won't make you recover faster."} {
		if !strings.Contains(head, rule) {
			t.Errorf("the header of %s lacks %q", gunFile, rule)
		}
	}
}
