package routines

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// catalogueWant is the catalogue the content was written from: every static stretch and foam-roll zone
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
	{"childs-pose", Stretch, []string{"lower-back", "lats"}, false},
	{"standing-side-reach", Stretch, []string{"lats", "lower-back"}, true},
	{"knees-to-chest", Stretch, []string{"lower-back", "glutes"}, false},
	{"supine-twist", Stretch, []string{"lower-back", "glutes"}, true},
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
	// The chair versions (the extra stretches of the guidance).
	{"chair-hamstring", Stretch, []string{"hamstrings", "calves"}, true},
	{"seated-towel-calf", Stretch, []string{"calves"}, true},
	{"seated-figure-four", Stretch, []string{"glutes", "hips"}, true},
	{"chair-hip-flexor", Stretch, []string{"hips", "quads"}, true},
	{"table-lat-stretch", Stretch, []string{"lats", "shoulders"}, false},
	// The other extra stretches of the guidance.
	{"wrist-extensor", Stretch, []string{"arms"}, true},
	{"sleeper-stretch", Stretch, []string{"shoulders"}, true},
	{"seated-side-reach", Stretch, []string{"lats", "lower-back"}, true},
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

// The steps around stretching and rolling (easy movement, breathing, hydrate and refuel).
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
			t.Errorf("%s: kind %s, areas %v, per side %v; the catalogue says %s, %v, %v",
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
	if stretches != 32 || rolls != 10 {
		t.Fatalf("expected table has %d stretches and %d rolls, want 32 and 10", stretches, rolls)
	}
	for id, kind := range supportWant {
		if e, ok := lib.Exercise(id); !ok || e.Kind != kind || len(e.Areas) > 0 {
			t.Errorf("catalogue entry %s missing, not a %s, or has areas", id, kind)
		}
	}
	// Nothing else: every catalogue entry is one of catalogueWant.
	for _, e := range lib.Exercises() {
		// Mobility drills, the soft-tissue steps without a roller and the
		// massage-gun steps are checked against their own tables
		// (mobility_test.go, softtissue_test.go, gun_test.go).
		known := supportWant[e.ID] != "" || e.Kind == Mobility || softTissueStep(e.ID) || e.Kind == MassageGun
		for _, w := range catalogueWant {
			known = known || w.id == e.ID
		}
		if !known {
			t.Errorf("catalogue entry %s is not in catalogueWant", e.ID)
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
		// Built-in static holds are 15-30 s (the range the evidence supports).
		if s.For < 15*time.Second || s.For > 30*time.Second {
			t.Errorf("%s: stretch held %v, want 15-30 s", where, s.For)
		}
	case Roll:
		// Foam rolling: 30-120 s per zone or side.
		if s.For < 30*time.Second || s.For > 120*time.Second {
			t.Errorf("%s: rolled %v, want 30-120 s", where, s.For)
		}
		if slices.Contains(e.Areas, "lower-back") || slices.Contains(e.Areas, "neck") {
			t.Errorf("%s: rolls over the lumbar spine or neck", where)
		}
	}
	switch e.Kind {
	case MassageGun:
		// A massage gun: 30-60 s per zone or side, at most 2 min per muscle.
		if s.For < GunMin || s.For > GunMax || s.For*time.Duration(s.Reps) > GunPerMuscle {
			t.Errorf("%s: gun %d x %v, want 30-60 s and at most 2 min", where, s.Reps, s.For)
		}
	case Massage:
		if s.For < MassageMin || s.For > MassageMax {
			t.Errorf("%s: hand massage %v, want 30-60 s", where, s.For)
		}
	}
	if r.Suits(VerySore) && (e.Kind == MassageGun || e.Kind == Massage) {
		if s.For > 30*time.Second || !strings.Contains(strings.ToLower(s.Note), "optional") {
			t.Errorf("%s: very-sore soft-tissue step %v (note %q), want at most 30 s and optional", where, s.For, s.Note)
		}
	}
	if r.Suits(VerySore) {
		// Very sore: 15-20 s holds, 1 rep, rolling optional,
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
		// Moderately sore: 20-30 s holds, rolling 30-60 s.
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
		// A massage gun: at most 2 minutes on one muscle in a session.
		gunOn := map[string]time.Duration{}
		for _, s := range r.Steps {
			if s.Exercise != nil && s.Exercise.Kind == MassageGun {
				for _, a := range s.Exercise.Areas {
					if gunOn[a] += s.For * time.Duration(s.Reps); gunOn[a] > GunPerMuscle {
						t.Errorf("%s: the gun works %s for %v, more than 2 min", r.ID, a, gunOn[a])
					}
				}
			}
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

		// Very sore means longer easy movement first
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
			want += tm.ReadyFor(s) + time.Duration(holds)*s.For + time.Duration(holds-1)*tm.Switch
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
		if name != catalogueFile && slices.Contains(exerciseFiles(), name) {
			if len(f.Routines) != 0 || len(f.Exercises) == 0 {
				t.Errorf("%s: want exercises only", name)
			}
			continue
		}
		if len(f.Routines) != 1 || len(f.Exercises) != 0 || "data/"+f.Routines[0].ID+".yaml" != name {
			t.Errorf("%s: want one routine named after the file", name)
		}
	}
}

// ---- Content a physiotherapist would sign (checked against the review) ----

// allowedAreas is, per exercise, the body areas it really works: an
// exercise may be tagged with these and nothing else. Child's pose flexes
// the hips but does not stretch them; the knee-drop twist barely loads the
// chest; the crossed-leg lean works the outer hip.
var allowedAreas = map[string][]string{
	"neck-side-tilt":      {"neck"},
	"cross-body-shoulder": {"shoulders", "upper-back"},
	"doorway-chest":       {"chest", "shoulders"},
	"behind-back-clasp":   {"chest", "shoulders"},
	"overhead-triceps":    {"arms", "lats"},
	"wrist-flexor":        {"arms"},
	"thread-needle":       {"upper-back", "shoulders"},
	"childs-pose":         {"lower-back", "lats"},
	"standing-side-reach": {"lats", "lower-back"},
	"knees-to-chest":      {"lower-back", "glutes"},
	"supine-twist":        {"lower-back", "glutes"},
	"figure-four":         {"glutes", "hips"},
	"kneeling-hip-flexor": {"hips", "quads"},
	"standing-quad":       {"quads", "hips"},
	"side-lying-quad":     {"quads", "hips"},
	"supine-hamstring":    {"hamstrings", "calves"},
	"step-hamstring":      {"hamstrings"},
	"butterfly":           {"adductors", "hips"},
	"side-lunge-adductor": {"adductors"},
	"wall-calf":           {"calves"},
	"wall-soleus":         {"calves"},
	"shin-toe-drag":       {"shins", "feet"},
	"toe-extension":       {"feet"},
	"crossed-leg-lean":    {"it-band", "hips"},
	"chair-hamstring":     {"hamstrings", "calves"},
	"seated-towel-calf":   {"calves"},
	"seated-figure-four":  {"glutes", "hips"},
	"chair-hip-flexor":    {"hips", "quads"},
	"table-lat-stretch":   {"lats", "shoulders"},
	"wrist-extensor":      {"arms"},
	"sleeper-stretch":     {"shoulders"},
	"seated-side-reach":   {"lats", "lower-back"},
	"roll-calves":         {"calves"},
	"roll-hamstrings":     {"hamstrings"},
	"roll-quads":          {"quads"},
	"roll-adductors":      {"adductors"},
	"roll-glutes":         {"glutes"},
	"roll-lateral-thigh":  {"it-band"},
	"roll-upper-back":     {"upper-back"},
	"roll-lats":           {"lats"},
	"roll-shins":          {"shins"},
	"roll-feet":           {"feet"},
	"ball-calves":         {"calves"},
	"ball-hamstrings":     {"hamstrings"},
	"ball-glutes":         {"glutes"},
	"ball-upper-back":     {"upper-back"},
	"ball-lats":           {"lats"},
	"massage-calves":      {"calves"},
	"massage-quads":       {"quads"},
	"massage-feet":        {"feet"},
	"gun-calves":          {"calves"},
	"gun-hamstrings":      {"hamstrings"},
	"gun-quads":           {"quads"},
	"gun-adductors":       {"adductors"},
	"gun-glutes":          {"glutes"},
	"gun-lateral-thigh":   {"it-band"},
	"gun-lats":            {"lats"},
	"gun-shins":           {"shins"},
	"gun-feet":            {"feet"},
}

func TestExerciseAreasAllowed(t *testing.T) {
	lib := builtin(t)
	for _, e := range lib.Exercises() {
		if e.Kind != Stretch && e.Kind != Roll && e.Kind != MassageGun && e.Kind != Massage {
			continue
		}
		allowed, ok := allowedAreas[e.ID]
		if !ok {
			t.Errorf("%s has no allowed-area list; add one from what it really stretches", e.ID)
			continue
		}
		for _, a := range e.Areas {
			if !slices.Contains(allowed, a) {
				t.Errorf("%s is tagged %q; it works only %v", e.ID, a, allowed)
			}
		}
	}
	if e, _ := lib.Exercise("crossed-leg-lean"); e == nil || !strings.Contains(strings.ToLower(e.Name), "outer hip") {
		t.Errorf("the IT-band stretch is named %q; name it for the outer hip it stretches", e.Name)
	}
}

// textOf is everything a person reads about an exercise.
func textOf(e *Exercise) string {
	return strings.ToLower(strings.Join(append([]string{e.Name, e.Caution}, e.Cues...), " "))
}

func containsAll(s string, words ...string) []string {
	var missing []string
	for _, w := range words {
		if !strings.Contains(s, w) {
			missing = append(missing, w)
		}
	}
	return missing
}

// Every foam-roll zone shows the pace and pressure rule (one slow pass every
// 2–4 s, pressure at most 5 out of 10) and the ask-first list of rolling.
func TestRollingShowsPacePressureAndCaution(t *testing.T) {
	for _, e := range builtin(t).Exercises() {
		if e.Kind != Roll {
			continue
		}
		cues := strings.ToLower(strings.Join(e.Cues, " "))
		if m := containsAll(cues, "every 2-4 s", "5 out of 10"); len(m) > 0 {
			t.Errorf("%s: cues lack the pace and pressure rule (%v): %q", e.ID, m, e.Cues)
		}
		if m := containsAll(strings.ToLower(e.Caution), "clot", "blood thinners", "osteoporosis", "varicose", "pregnan"); len(m) > 0 {
			t.Errorf("%s: caution lacks the rolling ask-first list (%v): %q", e.ID, m, e.Caution)
		}
	}
}

// Deep knee bends and kneeling carry the knee caution with what to do
// instead; the twist carries the hip-replacement caution.
func TestJointCautions(t *testing.T) {
	lib := builtin(t)
	for _, id := range []string{"childs-pose", "kneeling-hip-flexor", "standing-quad", "side-lying-quad", "thread-needle"} {
		e, _ := lib.Exercise(id)
		c := strings.ToLower(e.Caution)
		if !strings.Contains(c, "knee") || !strings.Contains(c, "instead") {
			t.Errorf("%s bends or loads the knee deeply; its caution needs the knee warning and what to do instead: %q", id, e.Caution)
		}
	}
	for _, id := range []string{"supine-twist", "knees-to-chest", "figure-four", "childs-pose"} {
		e, _ := lib.Exercise(id)
		if !strings.Contains(strings.ToLower(e.Caution), "hip replacement") {
			t.Errorf("%s: caution lacks the hip-replacement warning: %q", id, e.Caution)
		}
	}
	e, _ := lib.Exercise("supine-hamstring")
	if m := containsAll(textOf(e), "strap", "belt", "towel", "ball of the foot"); len(m) > 0 {
		t.Errorf("strap hamstring must say strap, belt or towel and where it goes (missing %v): %q", m, e.Cues)
	}
}

// Every stretch in a very-sore routine says to stop at the first feeling
// of stretch.
func TestVerySoreHoldsStopAtFirstFeeling(t *testing.T) {
	for _, r := range builtin(t).Routines() {
		if !r.Suits(VerySore) {
			continue
		}
		for i, s := range r.Steps {
			if s.Exercise.Kind == Stretch && !strings.Contains(strings.ToLower(s.Note), "first feeling of stretch") {
				t.Errorf("%s step %d (%s): very-sore hold without 'stop at the first feeling of stretch' (note %q)", r.ID, i+1, s.Do, s.Note)
			}
		}
	}
}

// A number in a routine's name is its real length with the default timing;
// "N+" means at least N; a routine under 7 min is a stretch break, not a
// cool-down, and says so.
func TestRoutineNamesMatchLength(t *testing.T) {
	num := func(name string) (int, bool, bool) {
		f := strings.FieldsFunc(name, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '+') })
		for _, w := range f {
			plus := strings.HasSuffix(w, "+")
			if n, err := strconv.Atoi(strings.TrimSuffix(w, "+")); err == nil {
				return n, plus, true
			}
		}
		return 0, false, false
	}
	for _, r := range builtin(t).Routines() {
		total := r.Total(DefaultTiming())
		n, plus, ok := num(r.Name)
		if ok {
			d := time.Duration(n) * time.Minute
			switch {
			case plus && (total < d || total > d+2*time.Minute):
				t.Errorf("%s is named %q but takes %v", r.ID, r.Name, total)
			case !plus && Minutes(total) != n:
				t.Errorf("%s is named %q but takes %v", r.ID, r.Name, total)
			}
		}
		if total < 7*time.Minute && !strings.Contains(strings.ToLower(r.Name), "stretch break") {
			t.Errorf("%s takes %v, too short for a cool-down; name it a stretch break (%q)", r.ID, total, r.Name)
		}
	}
}

// Routines of 25 min or more reach about 60 s of stretching per side for
// every muscle group they stretch (e.g. 2 × 30 s).
func TestLongRoutinesReachSixtySeconds(t *testing.T) {
	long := 0
	for _, r := range builtin(t).Routines() {
		if r.Total(DefaultTiming()) < 25*time.Minute {
			continue
		}
		long++
		per := map[string]time.Duration{}
		for _, s := range r.Steps {
			if s.Exercise.Kind != Stretch {
				continue
			}
			for _, a := range s.Exercise.Areas {
				per[a] += time.Duration(s.Reps) * s.For
			}
		}
		for a, d := range per {
			if d < 55*time.Second {
				t.Errorf("%s stretches the %s for %v per side; a long routine should reach about 60 s", r.ID, a, d)
			}
		}
	}
	if long < 2 {
		t.Errorf("%d routines of 25 min or more, want at least 2", long)
	}
}

// ---- Plans a coach would follow ----

// planMinutes are the minutes the plan content tests walk through.
var planMinutes = []int{5, 8, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 60}

// contentAreaSets are the area sets of the plan content tests: none (the
// whole body), each area, each group and a few mixes.
func contentAreaSets() [][]string {
	sets := [][]string{nil}
	for _, a := range Areas() {
		sets = append(sets, []string{a})
	}
	for _, g := range groupNames() {
		sets = append(sets, []string{g})
	}
	return append(sets, []string{"neck", "shoulders"}, []string{"calves", "quads"}, []string{"neck", "lower-back"},
		[]string{"shoulders", "calves", "feet"})
}

// onAreas is the time a plan holds stretches and rolls that work any of
// areas (the holds themselves, not the gaps).
func onAreas(r *Routine, areas []string) time.Duration {
	var d time.Duration
	for _, s := range r.Steps {
		k := s.Exercise.Kind
		if (k == Stretch || k == Roll) && slices.ContainsFunc(s.Exercise.Areas, func(a string) bool { return slices.Contains(areas, a) }) {
			d += time.Duration(s.Holds()) * s.For
		}
	}
	return d
}

// activeMax is the most easy movement CONTENT allows per level: 5–10 min
// fresh or sore, 8–15 min very sore.
func activeMax(l Level) time.Duration {
	if l == VerySore {
		return 15 * time.Minute
	}
	return 10 * time.Minute
}

// oneLegOrWide are the stretches done on one leg or in a wide standing
// lunge: not for very-sore legs, nor swapped in for older adults.
var oneLegOrWide = []string{"standing-quad", "step-hamstring", "side-lunge-adductor"}

func TestPlanContent(t *testing.T) {
	lib := builtin(t)
	tm := DefaultTiming()
	for _, longer := range []bool{false, true} {
		for _, l := range Levels() {
			for _, set := range contentAreaSets() {
				wanted, _ := ExpandAreas(set)
				if len(wanted) == 0 {
					wanted = Areas()
				}
				var prev time.Duration
				for _, m := range planMinutes {
					req := PlanRequest{Minutes: m, Level: l, Areas: set, LongerHolds: longer}
					r, notes, err := lib.Plan(req)
					if err != nil {
						t.Fatalf("%v: %v", req, err)
					}
					fail := func(format string, args ...any) {
						t.Helper()
						t.Errorf("%d min %s %v longer=%v: %s\n%s", m, l, set, longer, fmt.Sprintf(format, args...), dumpPlan(r, notes))
					}
					// Time on the sore areas grows with the minutes.
					on := onAreas(r, wanted)
					if on < prev {
						fail("%v on the sore areas, less than the %v of a shorter plan", on, prev)
					}
					prev = on
					// Easy movement stays within its share.
					active := r.Steps[0].For
					if active > activeMax(l) {
						fail("easy movement %v, more than the %v CONTENT allows", active, activeMax(l))
					}
					// Spare time goes to the sore areas before more easy
					// movement: easy movement past its floor only when every
					// stretch and roll is in.
					total := r.Total(tm)
					if total < time.Duration(m)*time.Minute-PlanTolerance && !hasNote(notes, "This plan takes ") {
						fail("total %v short of %d min with no note saying why", total, m)
					}
					stretches, rolls := 0, 0
					for _, s := range r.Steps {
						switch s.Exercise.Kind {
						case Stretch:
							stretches++
							if l == VerySore && slices.Contains(oneLegOrWide, s.Do) {
								fail("very sore, yet the standing balance stretch %s", s.Do)
							}
							if longer && slices.Contains(oneLegOrWide, s.Do) {
								fail("older adults, yet the one-leg or wide standing %s", s.Do)
							}
							if l == VerySore && (s.For > 20*time.Second && !longer || s.Reps > 1) {
								fail("very sore, yet %s is %d × %v", s.Do, s.Reps, s.For)
							}
							if l == VerySore && !strings.Contains(s.Note, "first feeling of stretch") {
								fail("very-sore hold %s without 'first feeling of stretch'", s.Do)
							}
						case Roll:
							rolls++
							if l == VerySore && (s.For > 30*time.Second || !strings.Contains(strings.ToLower(s.Note), "optional") ||
								!strings.Contains(strings.ToLower(s.Note), "light")) {
								fail("very-sore roll %s: %v, note %q; want optional, light, ≤ 30 s", s.Do, s.For, s.Note)
							}
						}
					}
					if l == VerySore && (stretches > 8 || rolls > 3) {
						fail("very sore, yet %d stretches and %d roll zones (at most 8 and 3)", stretches, rolls)
					}
					// Upper-body plans move the upper body.
					upperOnly := !slices.ContainsFunc(wanted, func(a string) bool { return !slices.Contains(AreaGroups()["upper-body"], a) })
					if upperOnly && !strings.Contains(strings.ToLower(r.Steps[0].Note), "arm") {
						fail("an upper-body plan whose easy movement does not use the arms: %q", r.Steps[0].Note)
					}
					if drill := r.Steps[1].Do == "shoulder-circles"; drill != upperOnly {
						fail("shoulder drill after the walk: %v, upper body only: %v", drill, upperOnly)
					}
				}
			}
		}
	}
}

// Spare minutes go to the sore areas: more than one stretch where the
// catalogue has them, a second set and rolling before easy movement grows.
func TestPlanSpendsSpareTimeOnSoreAreas(t *testing.T) {
	lib := builtin(t)
	uses := func(r *Routine, ids ...string) []string {
		var missing []string
		for _, id := range ids {
			if !slices.ContainsFunc(r.Steps, func(s Step) bool { return s.Do == id }) {
				missing = append(missing, id)
			}
		}
		return missing
	}
	for _, c := range []struct {
		minutes int
		areas   []string
		level   Level
		want    []string
	}{
		{15, []string{"calves"}, Sore, []string{"wall-calf", "wall-soleus", "roll-calves"}},
		{15, []string{"lower-back"}, Sore, []string{"knees-to-chest", "supine-twist"}},
		{20, []string{"neck", "shoulders"}, Sore, []string{"neck-side-tilt", "cross-body-shoulder", "thread-needle", "doorway-chest", "roll-upper-back"}},
		{20, []string{"calves"}, VerySore, []string{"wall-soleus", "supine-hamstring"}},
	} {
		r, notes, err := lib.Plan(PlanRequest{Minutes: c.minutes, Level: c.level, Areas: c.areas})
		if err != nil {
			t.Fatal(err)
		}
		if m := uses(r, c.want...); len(m) > 0 {
			t.Errorf("%d min %s %v: missing %v\n%s", c.minutes, c.level, c.areas, m, dumpPlan(r, notes))
		}
		// Very sore, easy movement grows once the short gentle set is in.
		if c.level != VerySore && r.Steps[0].For > rulesFor(c.level, false).activeFloor+time.Minute && !hasNote(notes, "This plan takes ") {
			t.Errorf("%d min %s %v: easy movement %v past its floor while the areas could use the time\n%s",
				c.minutes, c.level, c.areas, r.Steps[0].For, dumpPlan(r, notes))
		}
	}
	// The case of the review: 30 min for a sore neck lands at 30 min or says exactly why.
	r, notes, _ := lib.Plan(PlanRequest{Minutes: 30, Level: Sore, Areas: []string{"neck"}})
	if tot := r.Total(DefaultTiming()); tot < 30*time.Minute-PlanTolerance {
		if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, Friendly(tot)) && strings.Contains(n, "neck") }) {
			t.Errorf("30 min sore neck takes %v and no note says why: %q", tot, notes)
		}
	}
}

// "Whole body" works the whole body even when time is short.
func TestPlanWholeBodyIsWhole(t *testing.T) {
	lib := builtin(t)
	upper, lower := AreaGroups()["upper-body"], AreaGroups()["legs"]
	for _, l := range Levels() {
		for _, m := range []int{10, 15, 20} {
			r, notes, _ := lib.Plan(PlanRequest{Minutes: m, Level: l})
			var u, lo int
			for _, a := range r.Areas() {
				if slices.Contains(upper, a) {
					u++
				}
				if slices.Contains(lower, a) {
					lo++
				}
			}
			if u < 2 || lo < 2 {
				t.Errorf("%d min %s whole body works %d upper and %d lower areas: %v\n%s", m, l, u, lo, r.Areas(), dumpPlan(r, notes))
			}
		}
	}
}

// The older-adult option uses one set as a whole: the floor set, or with
// Chair the chair set, never a mix, never a one-leg stand.
func TestPlanChairOrFloorSet(t *testing.T) {
	lib := builtin(t)
	chair := []string{"chair-hamstring", "seated-towel-calf", "seated-figure-four", "chair-hip-flexor", "table-lat-stretch"}
	floor := []string{"supine-hamstring", "figure-four", "knees-to-chest", "supine-twist", "kneeling-hip-flexor",
		"side-lying-quad", "childs-pose", "thread-needle", "butterfly"}
	for _, useChair := range []bool{false, true} {
		for _, l := range Levels() {
			for _, set := range contentAreaSets() {
				for _, m := range []int{10, 20, 40} {
					req := PlanRequest{Minutes: m, Level: l, Areas: set, LongerHolds: true, Chair: useChair}
					r, notes, err := lib.Plan(req)
					if err != nil {
						t.Fatal(err)
					}
					for _, s := range r.Steps {
						bad := slices.Contains(chair, s.Do) != useChair && (slices.Contains(chair, s.Do) || slices.Contains(floor, s.Do)) ||
							slices.Contains(oneLegOrWide, s.Do) || useChair && s.Exercise.Kind == Roll && s.Do != "roll-feet"
						if bad {
							t.Errorf("%d min %s %v chair=%v uses %s\n%s", m, l, set, useChair, s.Do, dumpPlan(r, notes))
						}
					}
				}
			}
		}
	}
	r, _, _ := lib.Plan(PlanRequest{Minutes: 20, Level: Sore, Areas: []string{"hamstrings", "hips", "lats"}, LongerHolds: true, Chair: true})
	for _, id := range []string{"chair-hamstring", "chair-hip-flexor", "table-lat-stretch"} {
		if !slices.ContainsFunc(r.Steps, func(s Step) bool { return s.Do == id }) {
			t.Errorf("the chair plan lacks %s\n%s", id, dumpPlan(r, nil))
		}
	}
}
