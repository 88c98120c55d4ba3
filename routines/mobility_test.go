package routines

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// The mobility drills of the guidance: areas, sides and the reps of one
// set (each way counted: "5 each way" is 10).
var mobilityWant = []struct {
	id      string
	areas   []string
	perSide bool
	count   int
	tempo   time.Duration // the guidance's time a rep, for the step lengths below
}{
	{"cat-cow", []string{"lower-back", "upper-back"}, false, 8, 5 * time.Second},
	{"seated-cat-cow", []string{"lower-back", "upper-back"}, false, 8, 5 * time.Second},
	{"open-book", []string{"upper-back", "chest"}, true, 6, 5 * time.Second},
	{"hip-circles", []string{"hips", "lower-back"}, false, 10, 4 * time.Second},
	{"ankle-circles", []string{"feet", "calves", "shins"}, true, 16, 2500 * time.Millisecond},
	{"shoulder-circles", []string{"shoulders", "upper-back"}, false, 16, 2500 * time.Millisecond},
	{"shoulder-cars", []string{"shoulders"}, true, 6, 10 * time.Second},
	{"leg-swing-front", []string{"hamstrings", "hips"}, true, 12, 2500 * time.Millisecond},
	{"leg-swing-side", []string{"adductors", "hips"}, true, 12, 2500 * time.Millisecond},
	{"seated-rotation", []string{"upper-back"}, false, 10, 4 * time.Second},
}

func TestMobilityDrills(t *testing.T) {
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range lib.Exercises() {
		if e.Kind == Mobility {
			n++
		}
	}
	if n != len(mobilityWant) {
		t.Errorf("%d built-in mobility drills, want %d", n, len(mobilityWant))
	}
	for _, w := range mobilityWant {
		e, ok := lib.Exercise(w.id)
		if !ok {
			t.Errorf("no drill %s", w.id)
			continue
		}
		if e.Kind != Mobility || e.PerSide != w.perSide || e.Count != w.count || !slices.Equal(sorted(e.Areas), sorted(w.areas)) {
			t.Errorf("%s: %s, areas %v, per side %v, %d reps; want mobility, %v, %v, %d", w.id, e.Kind, e.Areas, e.PerSide, e.Count, w.areas, w.perSide, w.count)
		}
		if c := len(e.Cues); c < 2 || c > 3 || e.Caution == "" || e.Pose == nil || e.Source != BuiltIn {
			t.Errorf("%s: %d cues, caution %q, pose %v", w.id, c, e.Caution, e.Pose != nil)
		}
		// One set at the guidance's tempo is 20-60 s (each side) and passes the validator.
		st := Step{Do: e.ID, For: time.Duration(w.count) * w.tempo, Reps: 1, Exercise: e}
		if st.For < 20*time.Second || st.For > 60*time.Second || st.Tempo() != w.tempo {
			t.Errorf("%s: a set is %v at %v a rep", w.id, st.For, st.Tempo())
		}
		r := &Routine{ID: "r", Steps: []Step{st}}
		if ps := link("f.yaml", r, map[string]*Exercise{e.ID: e}); len(ps) > 0 {
			t.Errorf("%s: a set at the guidance's tempo: %v", w.id, ps)
		}
	}
}

func TestMobilityStep(t *testing.T) {
	cat := &Exercise{ID: "cat-cow", Name: "Cat-cow", Kind: Mobility, Areas: []string{"lower-back"}, Count: 8}
	book := &Exercise{ID: "open-book", Name: "Open book", Kind: Mobility, Areas: []string{"chest"}, PerSide: true, Count: 6}
	free := &Exercise{ID: "free", Name: "Free", Kind: Mobility, Areas: []string{"hips"}}
	cases := []struct {
		st     Step
		length string
		count  int
		tempo  time.Duration
	}{
		{Step{For: 40 * time.Second, Exercise: cat}, "8 reps in 40 s", 8, 5 * time.Second},
		{Step{For: 20 * time.Second, Count: 4, Exercise: cat}, "4 reps in 20 s", 4, 5 * time.Second},
		{Step{For: 30 * time.Second, Exercise: book}, "6 reps in 30 s each side", 6, 5 * time.Second},
		{Step{For: 30 * time.Second, Exercise: free}, "30 s", 0, 0},
		{Step{For: 30 * time.Second, Count: 3, Exercise: &Exercise{Kind: Stretch}}, "30 s", 0, 0},
	}
	for _, c := range cases {
		if c.st.Length() != c.length || c.st.RepCount() != c.count || c.st.Tempo() != c.tempo {
			t.Errorf("%+v: %q, %d reps at %v; want %q, %d, %v", c.st, c.st.Length(), c.st.RepCount(), c.st.Tempo(), c.length, c.count, c.tempo)
		}
	}
}

// mobilityFile is a user file with a drill and a routine using it; the
// bad cases change one thing in it.
//
//	line 6:  "    count: 8"          value at col 12
//	line 13: "        for: 40s"      value at col 14
const mobilityUser = `exercises:
  - id: my-drill
    name: My drill
    kind: mobility
    areas: [hips]
    count: 8
    cues: [Slow circles.]
routines:
  - id: loosen
    name: Loosen up
    soreness: [fresh]
    steps:
      - do: my-drill
        for: 40s
`

func TestBadMobility(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []wantProblem
	}{
		{"no areas", edit(mobilityUser, "    areas: [hips]\n", ""),
			[]wantProblem{{2, 5, "exercises[0].areas", "a mobility must name at least one body area"}}},
		{"count on a stretch", edit(mobilityUser, "kind: mobility", "kind: stretch"),
			[]wantProblem{{6, 12, "exercises[0].count", "a count of reps is only for a mobility drill; this one is a stretch"}}},
		{"count zero", edit(mobilityUser, "count: 8", "count: 0"),
			[]wantProblem{{6, 12, "exercises[0].count", "must be from 1 to 60, found 0"}}},
		{"count as text", edit(mobilityUser, "count: 8", "count: eight"),
			[]wantProblem{{6, 12, "exercises[0].count", "must be"}}},
		{"too fast", edit(mobilityUser, "for: 40s", "for: 10s"),
			[]wantProblem{{14, 14, "routines[0].steps[0].for", "8 reps in 10 s is 1.2 s a rep; a mobility drill goes at 2 s to 20 s a rep: give fewer reps or more time"}}},
		{"too slow, by the step's count", edit(mobilityUser, "for: 40s", "for: 2m\n        count: 4"),
			[]wantProblem{{15, 16, "routines[0].steps[0].count", "4 reps in 2 min is 30 s a rep; a mobility drill goes at 2 s to 20 s a rep: give more reps or less time"}}},
		{"count on a step that is not mobility", edit(mobilityUser, "do: my-drill", "do: hydrate\n        count: 3"),
			[]wantProblem{{14, 16, "routines[0].steps[0].count", `a count of reps is only for a mobility step; "hydrate" is a hydrate`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			testfiles.Write(t, filepath.Join(dir, "bad.yaml"), c.src)
			_, problems, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			checkProblems(t, filepath.Join(dir, "bad.yaml"), problems, c.want)
		})
	}
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "good.yaml"), mobilityUser)
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("the good file: %v %v", err, problems)
	}
	r, _ := lib.Routine("loosen")
	if r.Steps[0].Tempo() != 5*time.Second {
		t.Fatalf("tempo %v", r.Steps[0].Tempo())
	}
}

// Running one routine loads only what it needs: the drills come with it.
func TestLoadForHasMobilityDrills(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "m.yaml"), `routines:
  - id: loosen-mine
    name: Loosen mine
    soreness: [sore]
    steps:
      - do: cat-cow
        for: 40s
      - do: open-book
        for: 30s
`)
	lib, problems, err := LoadFor(dir, "loosen-mine")
	if err != nil || len(problems) > 0 {
		t.Fatalf("LoadFor: %v %v", err, problems)
	}
	r, err := lib.Routine("loosen-mine")
	if err != nil {
		t.Fatal(err)
	}
	if st := r.Steps[1]; st.Exercise == nil || st.Exercise.Pose == nil || st.RepCount() != 6 || st.Tempo() != 5*time.Second {
		t.Fatalf("open book: %+v", st)
	}
}
