package routines

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// softTissueWant are the soft-tissue steps for a person without a foam
// roller: a massage ball for each roll zone the guidance gives a ball
// version (not the quads, inner or outer thigh or shins: a ball is too
// focal there), and hand kneading where the guidance gives it as the
// no-tool version; each stands in for its roll zone, with that zone's
// never-on list in its caution.
var softTissueWant = []softTissue{
	{"ball-calves", Roll, "roll-calves", []string{"achilles", "back of the knee"}},
	{"ball-hamstrings", Roll, "roll-hamstrings", []string{"back of the knee"}},
	{"ball-glutes", Roll, "roll-glutes", []string{"tailbone", "tingling shoots down the leg"}},
	{"ball-upper-back", Roll, "roll-upper-back", []string{"spine", "below the ribcage", "neck"}},
	{"ball-lats", Roll, "roll-lats", []string{"armpit", "shoulder joint"}},
	{"massage-calves", Massage, "roll-calves", []string{"achilles", "back of the knee", "swollen, hot or painful calf"}},
	{"massage-quads", Massage, "roll-quads", []string{"kneecap", "hip bone"}},
	{"massage-feet", Massage, "roll-feet", []string{"diabetes or numb feet", "heel bone"}},
}

type softTissue struct {
	id    string
	kind  Kind
	zone  string   // the foam-roll zone it stands in for
	never []string // the zone's never-on places, as the caution words them
}

// softTissueStep reports whether id is one of softTissueWant.
func softTissueStep(id string) bool {
	return slices.ContainsFunc(softTissueWant, func(w softTissue) bool { return w.id == id })
}

func TestSoftTissueSteps(t *testing.T) {
	lib := builtin(t)
	data, err := embedded.ReadFile(softTissueFile)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(softTissueFile, data, BuiltIn)
	if err != nil {
		t.Fatal(err)
	}
	var inFile []string
	for _, e := range f.Exercises {
		inFile = append(inFile, e.ID)
	}
	var want []string
	for _, w := range softTissueWant {
		want = append(want, w.id)
	}
	if !slices.Equal(sorted(inFile), sorted(want)) {
		t.Errorf("%s holds %v, want %v", softTissueFile, inFile, want)
	}
	for _, w := range softTissueWant {
		e, ok := lib.Exercise(w.id)
		if !ok {
			t.Errorf("no %s", w.id)
			continue
		}
		zone, ok := lib.Exercise(w.zone)
		if !ok {
			t.Fatalf("no roll zone %s", w.zone)
		}
		// It works what the zone works, on the same sides.
		if e.Kind != w.kind || e.PerSide != zone.PerSide || !slices.Equal(sorted(e.Areas), sorted(zone.Areas)) {
			t.Errorf("%s: %s, areas %v, per side %v; want %s, %v, %v as %s", w.id, e.Kind, e.Areas, e.PerSide, w.kind, zone.Areas, zone.PerSide, w.zone)
		}
		if n := len(e.Cues); n < 2 || n > 3 || e.Pose == nil || e.Source != BuiltIn || e.Name == "" {
			t.Errorf("%s: %d cues, pose %v, source %q, name %q", w.id, n, e.Pose != nil, e.Source, e.Name)
		}
		cues := strings.ToLower(strings.Join(e.Cues, " "))
		// Slow and light, easing off on a tender spot (on a ball: a pause
		// and a breath there, then on).
		words := []string{"slow", "5 out of 10", "tender spot"}
		if w.kind == Roll {
			words = append(words, "breathe", "every 2-4 s")
		}
		if m := containsAll(cues, words...); len(m) > 0 {
			t.Errorf("%s: cues lack %v: %q", w.id, m, e.Cues)
		}
		// It says what it needs: the ball for a ball step, and somewhere
		// to sit or lie for all of them.
		needsBall := slices.ContainsFunc(e.Needs, func(n Need) bool { return slices.Contains(n, ToolBall) })
		needsRoller := slices.ContainsFunc(e.Needs, func(n Need) bool { return slices.Contains(n, ToolRoller) })
		if needsBall != (w.kind == Roll) || needsRoller || len(e.Needs) == 0 {
			t.Errorf("%s: needs %v; a ball step needs the ball (and never a roller), a hand massage no tool", w.id, e.Needs)
		}
		caution := strings.ToLower(e.Caution)
		if m := containsAll(caution, w.never...); len(m) > 0 {
			t.Errorf("%s: caution lacks the never-on places of %s (%v): %q", w.id, w.zone, m, e.Caution)
		}
		// A ball presses on a small spot: never on a bone.
		if w.kind == Roll && !strings.Contains(caution, "bone") {
			t.Errorf("%s: caution does not keep the ball off bone: %q", w.id, e.Caution)
		}
		// The ask-first list of rolling for a ball; for hands, what
		// pressing on a muscle risks: a clot, bleeding, a varicose vein.
		ask := []string{"clot", "blood thinners", "varicose"}
		if w.kind == Roll {
			ask = append(ask, "osteoporosis", "pregnan")
		}
		if m := containsAll(caution, ask...); len(m) > 0 {
			t.Errorf("%s: caution lacks the ask-first list (%v): %q", w.id, m, e.Caution)
		}
		// The ball is drawn in both positions and moves along the muscle;
		// the hands move along it while they knead.
		if p := e.Pose; p != nil {
			if w.kind == Roll && (!p.Start.Has[Ball] || p.Start.P[Ball] == p.End.P[Ball]) {
				t.Errorf("%s: the pose has no ball, or the ball does not move", w.id)
			}
			if w.kind == Massage && (p.Start.Has[Ball] || p.Start.P[LeftHand] == p.End.P[LeftHand]) {
				t.Errorf("%s: the hands do not move, or a ball is drawn", w.id)
			}
		}
		for _, s := range append([]string{e.Name, e.Caution}, e.Cues...) {
			assertClean(t, s)
		}
	}
}

// A ball step runs 30-90 s a zone or side, hand kneading 30-60 s, in
// every built-in routine.
func TestSoftTissueStepTimes(t *testing.T) {
	if BallMin != 30*time.Second || BallMax != 90*time.Second || MassageMin != 30*time.Second || MassageMax != 60*time.Second {
		t.Errorf("ball %v-%v, hands %v-%v; want 30-90 s and 30-60 s", BallMin, BallMax, MassageMin, MassageMax)
	}
	for _, r := range builtin(t).Routines() {
		for i, s := range r.Steps {
			if !softTissueStep(s.Do) {
				continue
			}
			lo, hi := BallMin, BallMax
			if s.Exercise.Kind == Massage {
				lo, hi = MassageMin, MassageMax
			}
			if s.For < lo || s.For > hi {
				t.Errorf("%s step %d: %s for %v, want %v-%v", r.ID, i+1, s.Do, s.For, lo, hi)
			}
		}
	}
}
