package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// planMinuteSpread is the spread of lengths the property tests use; the
// fit rule is also checked for every minute from 5 to 60.
var planMinuteSpread = []int{5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 45, 50, 60}

// planAreaSets is none (the whole body), each area, each group, a few
// mixes and every area by name.
func planAreaSets() [][]string {
	sets := [][]string{nil}
	for _, a := range Areas() {
		sets = append(sets, []string{a})
	}
	for _, g := range groupNames() {
		sets = append(sets, []string{g})
	}
	sets = append(sets,
		[]string{"calves", "quads"},
		[]string{"hamstrings", "calves"},
		[]string{"neck", "lower-back"}, // no foam-roll zone for either
		[]string{"shoulders", "calves", "feet"},
		[]string{"upper-body", "calves"},
		[]string{"legs", "calves"},
		[]string{"calves", "quads", "hamstrings", "glutes", "hips", "lower-back", "upper-back", "shoulders"},
		Areas(),
	)
	return sets
}

type planCase struct {
	req PlanRequest
}

func (c planCase) String() string {
	return fmt.Sprintf("%dmin/%s/%s/longer=%v", c.req.Minutes, c.req.Level, strings.Join(c.req.Areas, ","), c.req.LongerHolds)
}

func planCases(minutes []int) []planCase {
	var out []planCase
	for _, l := range Levels() {
		for _, longer := range []bool{false, true} {
			for _, m := range minutes {
				for _, as := range planAreaSets() {
					out = append(out, planCase{PlanRequest{Minutes: m, Level: l, Areas: as, LongerHolds: longer}})
				}
			}
		}
	}
	return out
}

func builtinLib(t testing.TB) *Library {
	t.Helper()
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func hasNote(notes []string, prefix string) bool {
	return slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, prefix) })
}

// The time rule, for every minute from 5 to 60: the total lands within 30 s
// of the minutes asked, or it is shorter and a note says why; never longer.
func TestPlanFitsTimeExhaustively(t *testing.T) {
	lib := builtinLib(t)
	var minutes []int
	for m := PlanMinMinutes; m <= PlanMaxMinutes; m++ {
		minutes = append(minutes, m)
	}
	short := 0
	for _, c := range planCases(minutes) {
		r, notes, err := lib.Plan(c.req)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		total := r.Total(DefaultTiming())
		target := time.Duration(c.req.Minutes) * time.Minute
		if total > target+PlanTolerance {
			t.Errorf("%v: total %v is more than 30 s over %v", c, total, target)
		}
		if total < target-PlanTolerance {
			short++
			if !hasNote(notes, "This plan takes ") {
				t.Errorf("%v: total %v is short of %v and no note says why: %q", c, total, target, notes)
			}
		} else if hasNote(notes, "This plan takes ") {
			t.Errorf("%v: total %v fits, yet a note says it could not: %q", c, total, notes)
		}
	}
	if short == 0 {
		t.Error("no plan was too short to fill its time; the test does not reach the 'could not fill' case")
	}
}

func TestPlanProperties(t *testing.T) {
	lib := builtinLib(t)
	tm := DefaultTiming()
	generated := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, c := range planCases(planMinuteSpread) {
		r, notes, err := lib.Plan(c.req)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%v: %s\n%s", c, fmt.Sprintf(format, args...), dumpPlan(r, notes))
		}
		wanted, _ := ExpandAreas(c.req.Areas)
		if len(wanted) == 0 {
			wanted = Areas()
		}
		rules := rulesFor(c.req.Level, c.req.LongerHolds)
		steps := r.Steps

		// Shape: easy movement first, breathing then a drink last.
		if len(steps) < 4 {
			fail("only %d steps", len(steps))
			continue
		}
		if k := steps[0].Exercise.Kind; k != Active {
			fail("first step is a %s, want active", k)
		}
		if k := steps[len(steps)-1].Exercise.Kind; k != Hydrate {
			fail("last step is a %s, want hydrate", k)
		}
		if k := steps[len(steps)-2].Exercise.Kind; k != Breathe {
			fail("next-to-last step is a %s, want breathe", k)
		}
		if a := steps[0].For; a < planActiveShort || a > planActiveMax {
			fail("easy movement %v is outside 1–15 min", a)
		}
		if b := steps[len(steps)-2].For; b < planBreatheMin || b > planBreatheMax {
			fail("breathing %v is outside 1–5 min", b)
		}

		seen := map[string]bool{}
		stretches, rolls, maxReps := 0, 0, 1
		var hold time.Duration
		for i, s := range steps {
			if s.Exercise == nil || lib.exercises[s.Do] != s.Exercise {
				fail("step %d (%s) is not resolved to the library's exercise", i, s.Do)
				continue
			}
			if seen[s.Do] {
				fail("%s appears twice", s.Do)
			}
			seen[s.Do] = true
			k := s.Exercise.Kind
			if (k == Active || k == Hydrate || k == Breathe) && i != 0 && i < len(steps)-2 {
				fail("%s step %s in the middle", k, s.Do)
			}
			if k != Stretch && k != Roll {
				continue
			}
			related := slices.ContainsFunc(wanted, func(a string) bool { return relatedRolls[a] == s.Do })
			if !related && !slices.ContainsFunc(s.Exercise.Areas, func(a string) bool { return slices.Contains(wanted, a) }) {
				fail("%s works none of the areas asked for (%v)", s.Do, wanted)
			}
			maxReps = max(maxReps, s.Reps)
			switch k {
			case Stretch:
				stretches++
				if hold != 0 && s.For != hold {
					fail("holds differ: %v and %v", hold, s.For)
				}
				hold = s.For
				lo, hi := map[Level][2]time.Duration{
					Fresh: {30 * time.Second, 30 * time.Second}, Sore: {20 * time.Second, 30 * time.Second},
					VerySore: {15 * time.Second, 20 * time.Second}}[c.req.Level][0], map[Level][2]time.Duration{
					Fresh: {30 * time.Second, 30 * time.Second}, Sore: {20 * time.Second, 30 * time.Second},
					VerySore: {15 * time.Second, 20 * time.Second}}[c.req.Level][1]
				if c.req.LongerHolds {
					lo, hi = 30*time.Second, 60*time.Second
				}
				if s.For < lo || s.For > hi {
					fail("%s held %v, outside %v–%v", s.Do, s.For, lo, hi)
				}
				if s.Reps < 1 || s.Reps > 2 || (s.Reps > 1 && (c.req.Level == VerySore || c.req.LongerHolds)) {
					fail("%s has %d reps", s.Do, s.Reps)
				}
				if c.req.Level == VerySore {
					if to, bad := verySoreSwaps[s.Do]; bad && lib.exercises[to] != nil {
						fail("very sore, yet the standing %s is used where %s exists", s.Do, to)
					}
				}
			case Roll:
				rolls++
				if i == 0 || steps[0].Exercise.Kind != Active {
					fail("roll %s comes before easy movement", s.Do)
				}
				for _, a := range s.Exercise.Areas {
					if a == "neck" || a == "lower-back" {
						fail("roll %s goes over the %s", s.Do, a)
					}
				}
				if s.For < 30*time.Second || s.For > 120*time.Second || s.Reps != 1 {
					fail("roll %s: %d × %v, want one set of 30–120 s", s.Do, s.Reps, s.For)
				}
				if c.req.Level == VerySore && s.For > 30*time.Second {
					fail("very sore, yet %s rolls for %v", s.Do, s.For)
				}
			}
		}
		if stretches == 0 {
			fail("no stretch at all")
		}

		// The shrink order: rolling goes before second sets (spare time
		// buys more stretches for the sore areas and a second set before
		// rolling), both before areas are dropped, and easy movement goes
		// below its floor only once rolling is gone.
		dropped := hasNote(notes, "Only time for ")
		if rolls > 0 && dropped {
			fail("areas were dropped while rolling stayed")
		}
		if maxReps > 1 && dropped {
			fail("second reps while areas were cut")
		}
		if maxReps > 1 && hold < rules.holdPref {
			fail("second reps of %v holds, shorter than the usual %v", hold, rules.holdPref)
		}
		if steps[0].For < rules.activeFloor && rolls > 0 {
			fail("easy movement %v is cut below %v while rolling stayed", steps[0].For, rules.activeFloor)
		}
		covered := r.Areas()
		for _, a := range wanted {
			if !slices.Contains(covered, a) && !dropped && !hasNote(notes, "Very sore: at most ") {
				fail("area %s is not worked and no note says so", a)
			}
		}

		// Names.
		if !idPattern.MatchString(r.ID) || len(r.ID) > maxIDLen || !strings.HasPrefix(r.ID, "plan-") {
			fail("bad id %q", r.ID)
		}
		if n := len([]rune(r.Name)); n > 48 || !strings.HasPrefix(r.Name, "Today: ") {
			fail("bad name %q", r.Name)
		}
		if len([]rune(r.Summary)) > maxTextLen {
			fail("summary too long: %q", r.Summary)
		}
		if !reflect.DeepEqual(r.Soreness, []Level{c.req.Level}) {
			fail("soreness %v", r.Soreness)
		}

		// Deterministic.
		r2, notes2, _ := lib.Plan(c.req)
		if !reflect.DeepEqual(r, r2) || !reflect.DeepEqual(notes, notes2) {
			fail("two calls give different plans")
		}

		// Round trip through the file format.
		data := MarshalRoutine(r, generated, notes...)
		f, err := Parse("plan.yaml", data, "plan.yaml")
		if err != nil {
			fail("the written file does not parse: %v\n%s", err, data)
			continue
		}
		if len(f.Routines) != 1 || len(f.Exercises) != 0 {
			fail("the file defines %d routines and %d exercises", len(f.Routines), len(f.Exercises))
			continue
		}
		back := f.Routines[0]
		if ps := linkTo(lib, back); len(ps) > 0 {
			fail("the written file does not link: %v", ps)
		}
		if d := routineDiff(r, back); d != "" {
			fail("the written file reads back differently (%s):\n%s\n%s", d, data, dumpPlan(back, nil))
		}
		if back.Total(tm) != r.Total(tm) {
			fail("total changed in the round trip")
		}
	}
}

// linkTo resolves a parsed routine's steps against the library, as Load
// does, and lists the ids it does not know.
func linkTo(lib *Library, r *Routine) []string {
	var unknown []string
	for i := range r.Steps {
		e, ok := lib.Exercise(r.Steps[i].Do)
		if !ok {
			unknown = append(unknown, r.Steps[i].Do)
			continue
		}
		r.Steps[i].Exercise = e
	}
	return unknown
}

// routineDiff names the first field in which two routines differ, ignoring
// where they were read from.
func routineDiff(a, b *Routine) string {
	switch {
	case a.ID != b.ID:
		return "id"
	case a.Name != b.Name:
		return "name"
	case a.Summary != b.Summary:
		return "summary"
	case !reflect.DeepEqual(a.Soreness, b.Soreness):
		return "soreness"
	case len(a.Steps) != len(b.Steps):
		return "number of steps"
	}
	for i, s := range a.Steps {
		t := b.Steps[i]
		if s.Do != t.Do || s.For != t.For || s.Reps != t.Reps || s.Note != t.Note || s.Exercise != t.Exercise {
			return fmt.Sprintf("step %d", i)
		}
	}
	return ""
}

func dumpPlan(r *Routine, notes []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %q %v\n", r.ID, r.Name, r.Total(DefaultTiming()))
	for _, s := range r.Steps {
		fmt.Fprintf(&b, "  %-22s %v ×%d\n", s.Do, s.For, s.Reps)
	}
	for _, n := range notes {
		b.WriteString("  note: " + n + "\n")
	}
	return b.String()
}

// Two libraries loaded apart give the same plan.
func TestPlanDeterministicAcrossLoads(t *testing.T) {
	a, b := builtinLib(t), builtinLib(t)
	for _, c := range planCases([]int{7, 33, 58}) {
		ra, na, _ := a.Plan(c.req)
		rb, nb, _ := b.Plan(c.req)
		if !reflect.DeepEqual(ra, rb) || !reflect.DeepEqual(na, nb) {
			t.Fatalf("%v: plans differ between loads\n%s\n%s", c, dumpPlan(ra, na), dumpPlan(rb, nb))
		}
	}
}

func TestPlanExamples(t *testing.T) {
	lib := builtinLib(t)
	plan := func(req PlanRequest) (*Routine, []string) {
		t.Helper()
		r, notes, err := lib.Plan(req)
		if err != nil {
			t.Fatal(err)
		}
		return r, notes
	}
	ids := func(r *Routine) []string {
		var out []string
		for _, s := range r.Steps {
			out = append(out, s.Do)
		}
		return out
	}

	t.Run("12 min, sore calves", func(t *testing.T) {
		r, notes := plan(PlanRequest{Minutes: 12, Level: Sore, Areas: []string{"calves"}})
		if r.ID != "plan-12m-sore-calves" || r.Name != "Today: 12 min, sore calves" {
			t.Errorf("id %q, name %q", r.ID, r.Name)
		}
		// Both calf stretches before the roller: spare time goes to more
		// stretches for the sore area first.
		want := []string{"active-easy", "wall-calf", "wall-soleus", "breathe-slow", "hydrate"}
		if got := ids(r); !reflect.DeepEqual(got, want) {
			t.Errorf("steps %v, want %v", got, want)
		}
		if !reflect.DeepEqual(notes, []string{"No time for foam rolling: stretches come first when time is short."}) {
			t.Errorf("notes %q", notes)
		}
	})

	t.Run("5 min, 8 areas", func(t *testing.T) {
		r, notes := plan(PlanRequest{Minutes: 5, Level: Sore,
			Areas: []string{"calves", "quads", "hamstrings", "glutes", "hips", "lower-back", "upper-back", "shoulders"}})
		if !hasNote(notes, "Only time for 3 of 8 areas: calves, quads, hips (left out: hamstrings, glutes, lower-back, upper-back, shoulders).") {
			t.Errorf("notes %q", notes)
		}
		if total := r.Total(DefaultTiming()); total > 5*time.Minute+PlanTolerance {
			t.Errorf("total %v", total)
		}
	})

	t.Run("60 min, one area", func(t *testing.T) {
		r, notes := plan(PlanRequest{Minutes: 60, Level: Sore, Areas: []string{"calves"}})
		// Easy movement stops at its share (10 min when sore), after every
		// calf stretch, a second set and the roller.
		if r.Steps[0].For != 10*time.Minute || r.Steps[len(r.Steps)-2].For != 5*time.Minute {
			t.Errorf("not padded to the longest movement and breathing:\n%s", dumpPlan(r, notes))
		}
		if !hasNote(notes, "To fill the time: easy movement 10 min and slow breathing 5 min.") ||
			!hasNote(notes, "This plan takes 25 min 45 s, not 60 min") {
			t.Errorf("notes %q", notes)
		}
		if r.ID != "plan-26m-sore-calves" {
			t.Errorf("id %q: the id and name give the real length", r.ID)
		}
	})

	t.Run("very sore swaps standing stretches", func(t *testing.T) {
		sore, _ := plan(PlanRequest{Minutes: 30, Level: Sore, Areas: []string{"quads", "lats", "adductors"}})
		very, notes := plan(PlanRequest{Minutes: 30, Level: VerySore, Areas: []string{"quads", "lats", "adductors"}})
		for _, id := range []string{"standing-quad", "standing-side-reach"} {
			if !slices.Contains(ids(sore), id) {
				t.Errorf("sore plan lacks %s: %v", id, ids(sore))
			}
			if slices.Contains(ids(very), id) {
				t.Errorf("very-sore plan has %s: %v", id, ids(very))
			}
		}
		for _, id := range []string{"side-lying-quad", "childs-pose"} {
			if !slices.Contains(ids(very), id) {
				t.Errorf("very-sore plan lacks %s: %v", id, ids(very))
			}
		}
		if !hasNote(notes, "Very sore: supported versions") || very.Steps[0].For < 8*time.Minute {
			t.Errorf("notes %q, movement %v", notes, very.Steps[0].For)
		}
	})

	t.Run("longer holds", func(t *testing.T) {
		r, notes := plan(PlanRequest{Minutes: 30, Level: Sore, Areas: []string{"quads", "hamstrings"}, LongerHolds: true})
		// A floor set as a whole: never a one-leg stand for a lying stretch.
		if got := ids(r); !slices.Contains(got, "side-lying-quad") || !slices.Contains(got, "supine-hamstring") ||
			slices.Contains(got, "step-hamstring") || slices.Contains(got, "standing-quad") {
			t.Errorf("not the floor set: %v", got)
		}
		for _, s := range r.Steps {
			if s.Exercise.Kind == Stretch && s.For < 45*time.Second {
				t.Errorf("%s held %v, want 45 s or more with time to spare", s.Do, s.For)
			}
		}
		if !strings.HasSuffix(r.ID, "-long") || !hasNote(notes, "Longer holds of ") {
			t.Errorf("id %q, notes %q", r.ID, notes)
		}
	})

	t.Run("whole body", func(t *testing.T) {
		a, _ := plan(PlanRequest{Minutes: 30, Level: Fresh})
		b, _ := plan(PlanRequest{Minutes: 30, Level: Fresh, Areas: []string{"full-body"}})
		if !reflect.DeepEqual(a, b) || a.ID != "plan-30m-fresh-full-body" || a.Name != "Today: 30 min, whole body" {
			t.Errorf("whole body: %q %q / %q", a.ID, a.Name, b.ID)
		}
	})

	t.Run("labels", func(t *testing.T) {
		r, _ := plan(PlanRequest{Minutes: 20, Level: VerySore, Areas: []string{" Calves", "legs", "neck", "calves"}})
		if r.Name != "Today: 20 min, very sore legs, neck" || !strings.HasPrefix(r.ID, "plan-20m-very-sore-legs-neck") {
			t.Errorf("id %q, name %q", r.ID, r.Name)
		}
	})
}

func TestPlanRejectsBadRequests(t *testing.T) {
	lib := builtinLib(t)
	for _, c := range []struct {
		req  PlanRequest
		want string
	}{
		{PlanRequest{Minutes: 4, Level: Sore}, "minutes must be from 5 to 60, got 4"},
		{PlanRequest{Minutes: 61, Level: Sore}, "minutes must be from 5 to 60, got 61"},
		{PlanRequest{Minutes: 0, Level: Sore}, "got 0"},
		{PlanRequest{Minutes: -3, Level: Sore}, "got -3"},
		{PlanRequest{Minutes: 10, Level: "achy"}, `unknown soreness level "achy"`},
		{PlanRequest{Minutes: 10}, `unknown soreness level ""`},
		{PlanRequest{Minutes: 10, Level: Sore, Areas: []string{"calfs"}}, `unknown body area "calfs" (did you mean "calves"?)`},
	} {
		r, _, err := lib.Plan(c.req)
		if err == nil || !strings.Contains(err.Error(), c.want) || r != nil {
			t.Errorf("%+v: got %v, want an error with %q", c.req, err, c.want)
		}
	}
}

// A written plan passes the validator as a file on its own.
func TestPlanFileValidates(t *testing.T) {
	lib := builtinLib(t)
	dir := t.TempDir()
	var names []string
	for i, req := range []PlanRequest{
		{Minutes: 12, Level: Sore, Areas: []string{"calves"}},
		{Minutes: 60, Level: Fresh},
		{Minutes: 20, Level: VerySore, Areas: []string{"legs"}, LongerHolds: true},
	} {
		r, notes, err := lib.Plan(req)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("p%d.yaml", i))
		if err := os.WriteFile(name, MarshalRoutine(r, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), notes...), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	reports, err := ValidateFiles(names)
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range reports {
		if len(rep.Problems) > 0 || len(rep.Routines) != 1 {
			t.Errorf("%s: %v", rep.Name, rep.Problems)
		}
	}
}

func TestMarshalRoutine(t *testing.T) {
	lib := builtinLib(t)
	wall, _ := lib.Exercise("wall-calf")
	r := &Routine{
		ID: "odd", Name: `Say "hi" \ back: # not a comment`, Soreness: []Level{Fresh, VerySore},
		Summary: "Ünïcode – fine",
		Steps: []Step{
			{Do: "wall-calf", For: 90 * time.Second, Reps: 2, Note: "x: y", Exercise: wall},
			{Do: "wall-calf", For: 2 * time.Minute, Reps: 1, Exercise: wall},
			{Do: "wall-calf", For: 45 * time.Second, Reps: 1, Exercise: wall},
		},
	}
	data := MarshalRoutine(r, time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC), "asked: --minutes 12", "second\nline")
	want := `# Generated by ` + "`cooldown plan`" + ` on 2026-01-02. Check it with ` + "`cooldown validate`" + `.
# asked: --minutes 12
# second line
routines:
  - id: "odd"
    name: "Say \"hi\" \\ back: # not a comment"
    soreness: ["fresh", "very-sore"]
    summary: "Ünïcode – fine"
    steps:
      - do: "wall-calf"
        for: 1m30s
        reps: 2
        note: "x: y"
      - do: "wall-calf"
        for: 2m
      - do: "wall-calf"
        for: 45s
`
	if string(data) != want {
		t.Fatalf("got\n%s\nwant\n%s", data, want)
	}
	f, err := Parse("x.yaml", data, "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := f.Routines[0]
	if got.Name != r.Name || got.Summary != r.Summary || !reflect.DeepEqual(got.Soreness, r.Soreness) {
		t.Errorf("read back %q %q %v", got.Name, got.Summary, got.Soreness)
	}
	var fors []time.Duration
	for _, s := range got.Steps {
		fors = append(fors, s.For)
	}
	if !reflect.DeepEqual(fors, []time.Duration{90 * time.Second, 2 * time.Minute, 45 * time.Second}) {
		t.Errorf("durations %v", fors)
	}
}

// Every area has a place in the priority order, and every exercise the
// tables name is in the catalogue with the right kind and area.
func TestPlanTables(t *testing.T) {
	lib := builtinLib(t)
	p := slices.Clone(planPriority)
	sort.Strings(p)
	a := slices.Clone(Areas())
	sort.Strings(a)
	if !reflect.DeepEqual(p, a) {
		t.Fatalf("planPriority %v is not a permutation of Areas()", planPriority)
	}
	check := func(table map[string][]string, k Kind) {
		for _, area := range Areas() {
			for _, id := range table[area] {
				e, ok := lib.Exercise(id)
				if !ok || e.Kind != k || !slices.Contains(e.Areas, area) {
					t.Errorf("%s for %s: not a %s working it", id, area, k)
				}
				if !slices.Contains(flowOrder, id) {
					t.Errorf("%s is missing from flowOrder", id)
				}
			}
		}
	}
	check(stretchPrefs, Stretch)
	check(rollPrefs, Roll)
	for _, area := range Areas() {
		if len(stretchPrefs[area]) == 0 {
			t.Errorf("no stretch preference for %s", area)
		}
	}
	for _, swaps := range []map[string]string{verySoreSwaps, olderAdultSwaps} {
		for from, to := range swaps {
			f, ok1 := lib.Exercise(from)
			g, ok2 := lib.Exercise(to)
			if !ok1 || !ok2 || f.Kind != Stretch || g.Kind != Stretch {
				t.Errorf("swap %s → %s: not two stretches", from, to)
			}
		}
	}
}

// The user's own exercises are used for areas the tables do not cover
// well, and never break determinism.
func TestPlanUsesUserCatalogue(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yaml")
	err := os.WriteFile(file, []byte(`exercises:
  - id: neck-chin-tuck
    name: Chin tuck
    kind: stretch
    areas: [neck]
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	lib, problems, err := LoadFiles([]string{file})
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	r, _, err := lib.Plan(PlanRequest{Minutes: 10, Level: Sore, Areas: []string{"neck"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Steps {
		got = append(got, s.Do)
	}
	if !slices.Contains(got, "neck-side-tilt") {
		t.Errorf("the built-in neck stretch comes first: %v", got)
	}
}
