package routines

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// catalogueWant is CONTENT.md §2: every static stretch and foam-roll zone
// with its exact id, areas and per-side flag ("it-band/lateral-thigh" is the
// it-band area).
var catalogueWant = []struct {
	id      string
	kind    Kind
	areas   []string
	perSide bool
}{
	// Static stretches.
	{"neck-side-tilt", Stretch, []string{"neck"}, true},
	{"cross-body-shoulder", Stretch, []string{"shoulders", "upper-back"}, true},
	{"doorway-chest", Stretch, []string{"chest", "shoulders"}, true},
	{"behind-back-clasp", Stretch, []string{"chest", "shoulders"}, false},
	{"overhead-triceps", Stretch, []string{"arms", "lats"}, true},
	{"wrist-flexor", Stretch, []string{"arms"}, true},
	{"thread-needle", Stretch, []string{"upper-back", "shoulders"}, true},
	{"childs-pose", Stretch, []string{"lower-back", "lats", "hips"}, false},
	{"standing-side-reach", Stretch, []string{"lats", "lower-back"}, true},
	{"knees-to-chest", Stretch, []string{"lower-back", "glutes"}, false},
	{"supine-twist", Stretch, []string{"lower-back", "glutes", "chest"}, true},
	{"figure-four", Stretch, []string{"glutes", "hips"}, true},
	{"kneeling-hip-flexor", Stretch, []string{"hips", "quads"}, true},
	{"standing-quad", Stretch, []string{"quads", "hips"}, true},
	{"side-lying-quad", Stretch, []string{"quads", "hips"}, true},
	{"supine-hamstring", Stretch, []string{"hamstrings", "calves"}, true},
	{"step-hamstring", Stretch, []string{"hamstrings"}, true},
	{"butterfly", Stretch, []string{"adductors", "hips"}, false},
	{"side-lunge-adductor", Stretch, []string{"adductors"}, true},
	{"wall-calf", Stretch, []string{"calves"}, true},
	{"wall-soleus", Stretch, []string{"calves"}, true},
	{"shin-toe-drag", Stretch, []string{"shins", "feet"}, true},
	{"toe-extension", Stretch, []string{"feet"}, true},
	{"crossed-leg-lean", Stretch, []string{"it-band", "hips"}, true},
	// Foam-roll zones.
	{"roll-calves", Roll, []string{"calves"}, true},
	{"roll-hamstrings", Roll, []string{"hamstrings"}, true},
	{"roll-quads", Roll, []string{"quads"}, true},
	{"roll-adductors", Roll, []string{"adductors"}, true},
	{"roll-glutes", Roll, []string{"glutes"}, true},
	{"roll-lateral-thigh", Roll, []string{"it-band"}, true},
	{"roll-upper-back", Roll, []string{"upper-back"}, false},
	{"roll-lats", Roll, []string{"lats"}, true},
	{"roll-shins", Roll, []string{"shins"}, true},
	{"roll-feet", Roll, []string{"feet"}, true},
}

// The steps around stretching and rolling (CONTENT.md §1, §4).
var supportWant = map[string]Kind{
	"active-easy":  Active,
	"breathe-slow": Breathe,
	"hydrate":      Hydrate,
	"refuel":       Refuel,
}

func builtin(t *testing.T) *Library {
	t.Helper()
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatalf("the built-in data does not load:\n%v", err)
	}
	return lib
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestCatalogueMatchesContent(t *testing.T) {
	lib := builtin(t)
	var stretches, rolls int
	for _, w := range catalogueWant {
		e, ok := lib.Exercise(w.id)
		if !ok {
			t.Errorf("catalogue has no %s", w.id)
			continue
		}
		if e.Kind != w.kind || e.PerSide != w.perSide || !slices.Equal(sorted(e.Areas), sorted(w.areas)) {
			t.Errorf("%s: kind %s, areas %v, per side %v; CONTENT.md §2 says %s, %v, %v",
				w.id, e.Kind, e.Areas, e.PerSide, w.kind, w.areas, w.perSide)
		}
		if n := len(e.Cues); n < 2 || n > 3 {
			t.Errorf("%s has %d cues, want 2-3", w.id, n)
		}
		if e.Caution == "" {
			t.Errorf("%s has no caution", w.id)
		}
		if e.Name == "" || e.Source != BuiltIn {
			t.Errorf("%s: name %q, source %q", w.id, e.Name, e.Source)
		}
		switch w.kind {
		case Stretch:
			stretches++
		case Roll:
			rolls++
		}
	}
	if stretches != 24 || rolls != 10 {
		t.Fatalf("expected table has %d stretches and %d rolls, want 24 and 10", stretches, rolls)
	}
	for id, kind := range supportWant {
		if e, ok := lib.Exercise(id); !ok || e.Kind != kind || len(e.Areas) > 0 {
			t.Errorf("catalogue entry %s missing, not a %s, or has areas", id, kind)
		}
	}
	// Nothing else: every catalogue entry is in CONTENT.md.
	for _, e := range lib.Exercises() {
		known := supportWant[e.ID] != ""
		for _, w := range catalogueWant {
			known = known || w.id == e.ID
		}
		if !known {
			t.Errorf("catalogue entry %s is not in CONTENT.md §2", e.ID)
		}
		for _, a := range e.Areas {
			if !IsArea(a) {
				t.Errorf("%s has unknown area %q", e.ID, a)
			}
		}
		if e.Kind == Roll && (slices.Contains(e.Areas, "lower-back") || slices.Contains(e.Areas, "neck")) {
			t.Errorf("roll zone %s is over the lumbar spine or neck", e.ID)
		}
		for _, s := range append([]string{e.Name, e.Caution}, e.Cues...) {
			assertClean(t, s)
		}
	}
}

// checkStep checks one step of a built-in routine against the content rules.
func checkStep(t *testing.T, r *Routine, i int, s Step) {
	t.Helper()
	e := s.Exercise
	where := r.ID + " step " + strconv.Itoa(i+1) + " (" + s.Do + ")"
	if e == nil {
		t.Errorf("%s: exercise not linked", where)
		return
	}
	for _, a := range e.Areas {
		if !IsArea(a) {
			t.Errorf("%s: unknown area %q", where, a)
		}
	}
	if s.Reps < 1 || s.Reps > MaxReps || s.For <= 0 || s.For%time.Second != 0 {
		t.Errorf("%s: reps %d for %v", where, s.Reps, s.For)
	}
	switch e.Kind {
	case Stretch:
		// CONTENT.md §1 and DESIGN.md: built-in static holds are 15-30 s.
		if s.For < 15*time.Second || s.For > 30*time.Second {
			t.Errorf("%s: stretch held %v, want 15-30 s", where, s.For)
		}
	case Roll:
		// CONTENT.md §1: 30-120 s per zone or side.
		if s.For < 30*time.Second || s.For > 120*time.Second {
			t.Errorf("%s: rolled %v, want 30-120 s", where, s.For)
		}
		if slices.Contains(e.Areas, "lower-back") || slices.Contains(e.Areas, "neck") {
			t.Errorf("%s: rolls over the lumbar spine or neck", where)
		}
	}
	if r.Suits(VerySore) {
		// CONTENT.md §3, very sore: 15-20 s holds, 1 rep, rolling optional,
		// very light and at most 30 s.
		switch e.Kind {
		case Stretch:
			if s.For > 20*time.Second || s.Reps != 1 {
				t.Errorf("%s: very-sore stretch %d x %v, want 1 x 15-20 s", where, s.Reps, s.For)
			}
		case Roll:
			if s.For > 30*time.Second || s.Reps != 1 {
				t.Errorf("%s: very-sore roll %d x %v, want 1 x at most 30 s", where, s.Reps, s.For)
			}
			if !strings.Contains(strings.ToLower(s.Note), "optional") {
				t.Errorf("%s: very-sore roll not marked optional (note %q)", where, s.Note)
			}
		}
	}
	if r.Suits(Sore) {
		// CONTENT.md §3, moderately sore: 20-30 s holds, rolling 30-60 s.
		switch e.Kind {
		case Stretch:
			if s.For < 20*time.Second {
				t.Errorf("%s: sore stretch held %v, want 20-30 s", where, s.For)
			}
		case Roll:
			if s.For > 60*time.Second {
				t.Errorf("%s: sore roll %v, want 30-60 s", where, s.For)
			}
		}
	}
}

func TestBuiltinRoutinesFollowContent(t *testing.T) {
	lib := builtin(t)
	routines := lib.Routines()
	tm := DefaultTiming()
	perLevel := map[Level]int{}
	var shortest, longest time.Duration
	for _, r := range routines {
		if r.Source != BuiltIn || r.Overrides {
			t.Errorf("%s: source %q", r.ID, r.Source)
		}
		if r.ID == "" || r.Name == "" || r.Summary == "" || len(r.Soreness) == 0 || len(r.Steps) == 0 {
			t.Errorf("%s: incomplete: %+v", r.ID, r)
		}
		for _, l := range r.Soreness {
			perLevel[l]++
		}
		for i, s := range r.Steps {
			checkStep(t, r, i, s)
		}
		for _, s := range []string{r.Name, r.Summary} {
			assertClean(t, s)
		}

		// Every routine ends with the hydration step; refuel, when used,
		// comes just before it.
		last := r.Steps[len(r.Steps)-1]
		if last.Do != "hydrate" {
			t.Errorf("%s: last step is %s, want hydrate", r.ID, last.Do)
		}
		for i, s := range r.Steps {
			if s.Do == "hydrate" && i != len(r.Steps)-1 {
				t.Errorf("%s: hydrate at step %d, not last", r.ID, i+1)
			}
			if s.Do == "refuel" && i != len(r.Steps)-2 {
				t.Errorf("%s: refuel at step %d, want it just before hydrate", r.ID, i+1)
			}
		}

		// CONTENT.md §3: very sore means longer easy movement first
		// (8-15 min at RPE 2).
		if r.Suits(VerySore) {
			first := r.Steps[0]
			if first.Exercise == nil || first.Exercise.Kind != Active || first.For < 8*time.Minute || first.For > 15*time.Minute {
				t.Errorf("%s: very-sore routine starts with %s for %v, want 8-15 min of easy movement", r.ID, first.Do, first.For)
			}
		}

		// The total is computed from the steps and the gaps.
		var want time.Duration
		for _, s := range r.Steps {
			holds := s.Reps
			if s.Exercise.PerSide {
				holds *= 2
			}
			want += tm.GetReady + time.Duration(holds)*s.For + time.Duration(holds-1)*tm.Switch
		}
		total := r.Total(tm)
		if total != want || total <= 0 {
			t.Errorf("%s: total %v, want %v", r.ID, total, want)
		}
		if shortest == 0 || total < shortest {
			shortest = total
		}
		longest = max(longest, total)
	}
	for _, l := range Levels() {
		if perLevel[l] < 3 {
			t.Errorf("level %s has %d routines, want at least 3", l, perLevel[l])
		}
	}
	// Durations span about 5 to 45 minutes.
	if shortest > 6*time.Minute || shortest < 3*time.Minute {
		t.Errorf("shortest routine is %v, want about 5 min", shortest)
	}
	if longest < 40*time.Minute || longest > 50*time.Minute {
		t.Errorf("longest routine is %v, want about 45 min", longest)
	}
	// Sorted shortest first.
	if !slices.IsSortedFunc(routines, func(a, b *Routine) int { return int(a.Total(tm) - b.Total(tm)) }) {
		t.Error("Routines() is not sorted by total time")
	}
}

// TestBodyRegionsCovered: there is a lower-body routine, an upper-body one
// and a full-body one.
func TestBodyRegionsCovered(t *testing.T) {
	lower := AreaGroups()["legs"]
	upper := AreaGroups()["upper-body"]
	count := func(areas, in []string) int {
		n := 0
		for _, a := range areas {
			if slices.Contains(in, a) {
				n++
			}
		}
		return n
	}
	var gotLower, gotUpper, gotFull []string
	for _, r := range builtin(t).Routines() {
		areas := r.Areas()
		l, u := count(areas, lower), count(areas, upper)
		switch {
		case l >= 3 && u >= 3:
			gotFull = append(gotFull, r.ID)
		case l >= 3 && u == 0:
			gotLower = append(gotLower, r.ID)
		case u >= 3 && l == 0:
			gotUpper = append(gotUpper, r.ID)
		}
	}
	if len(gotLower) == 0 || len(gotUpper) == 0 || len(gotFull) == 0 {
		t.Errorf("lower %v, upper %v, full %v: want each covered", gotLower, gotUpper, gotFull)
	}
}

// TestDataReadme: data/README.md lists every built-in routine, and its
// minutes are the computed totals.
func TestDataReadme(t *testing.T) {
	f, err := os.Open("data/README.md")
	if err != nil {
		t.Skipf("no data/README.md: %v", err)
	}
	defer f.Close()
	listed := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) < 5 {
			continue
		}
		id, mins := strings.TrimSpace(cells[1]), strings.TrimSpace(cells[3])
		if m, err := strconv.ParseFloat(mins, 64); err == nil {
			listed[id] = m
		}
	}
	lib := builtin(t)
	for _, r := range lib.Routines() {
		m, ok := listed[r.ID]
		if !ok {
			t.Errorf("data/README.md does not list %s", r.ID)
			continue
		}
		total := r.Total(DefaultTiming()).Minutes()
		if diff := total - m; diff > 0.06 || diff < -0.06 {
			t.Errorf("data/README.md says %s is %.1f min; it is %.2f", r.ID, m, total)
		}
		delete(listed, r.ID)
	}
	for id := range listed {
		t.Errorf("data/README.md lists %s, which is not a built-in routine", id)
	}
}

// TestBuiltinFilesParseAlone: each embedded file parses on its own with no
// problems, one routine per file named after its id.
func TestBuiltinFilesParseAlone(t *testing.T) {
	files, err := BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["data/catalogue.yaml"]; !ok || len(files) < 2 {
		t.Fatalf("embedded files: %d, catalogue present: %v", len(files), ok)
	}
	for name, data := range files {
		f, err := Parse(name, data, BuiltIn)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if name == "data/catalogue.yaml" {
			if len(f.Routines) != 0 {
				t.Errorf("catalogue defines routines")
			}
			continue
		}
		if name == posesFile {
			if len(f.Routines) != 0 || len(f.Exercises) != 0 || len(f.Poses) == 0 {
				t.Errorf("%s: want poses only", name)
			}
			continue
		}
		if len(f.Routines) != 1 || len(f.Exercises) != 0 || "data/"+f.Routines[0].ID+".yaml" != name {
			t.Errorf("%s: want one routine named after the file", name)
		}
	}
}
