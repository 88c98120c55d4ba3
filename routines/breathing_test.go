package routines

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// breathFile is a user file with a breathing exercise and a routine using
// it; the cases below change one thing in it.
//
//	line 4: "    kind: breathe"       value at col 11
//	line 5: "    breathing: box"      value at col 16
//	line 12: "        breathing: sigh" value at col 20
const breathFile = `exercises:
  - id: my-breathing
    name: My breathing
    kind: breathe
    breathing: box
routines:
  - id: breathe-a-bit
    name: Breathe a bit
    soreness: [fresh]
    steps:
      - do: my-breathing
        for: 2m
        breathing: sigh
`

func TestBreathingFieldsRead(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "b.yaml"), breathFile)
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	ex, _ := lib.Exercise("my-breathing")
	r, _ := lib.Routine("breathe-a-bit")
	if ex.Breathing != "box" || r.Steps[0].Pattern != "sigh" {
		t.Fatalf("exercise pattern %q, step pattern %q", ex.Breathing, r.Steps[0].Pattern)
	}
	if p := r.Steps[0].Breathing("slow"); p.ID != "sigh" || !r.Steps[0].BreathingReplaces(p) {
		t.Fatalf("the step's pattern wins: %v", p.ID)
	}
	st := r.Steps[0]
	st.Pattern = ""
	if p := st.Breathing("slow"); p.ID != "box" || st.BreathingReplaces(p) {
		t.Fatalf("the exercise's pattern beats the preference: %v", p.ID)
	}
}

// Every built-in breathing step resolves to a pattern, and the preference
// reaches the built-in breathing exercise (which names none).
func TestBuiltinBreathingFollowsPreference(t *testing.T) {
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range lib.Routines() {
		for _, s := range r.Steps {
			if s.Exercise.Kind != Breathe {
				if s.Breathing("box") != nil {
					t.Errorf("%s: %s has a breathing pattern", r.ID, s.Do)
				}
				continue
			}
			found++
			if p := s.Breathing(""); p == nil || p.ID != DefaultBreathing && s.Pattern == "" && s.Exercise.Breathing == "" {
				t.Errorf("%s: %s paces %v by default", r.ID, s.Do, p)
			}
			if s.Pattern == "" && s.Exercise.Breathing == "" {
				if p := s.Breathing("sigh"); p.ID != "sigh" {
					t.Errorf("%s: %s ignores the preference: %v", r.ID, s.Do, p.ID)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no built-in routine has a breathing step")
	}
}

func TestBreathPatterns(t *testing.T) {
	want := map[string]struct {
		rhythm string
		perMin float64
	}{
		"slow":  {"in 4 · out 6", 6},
		"box":   {"in 4 · hold 4 · out 4 · hold 4", 3.8},
		"box-3": {"in 3 · hold 3 · out 3 · hold 3", 5},
		"sigh":  {"in 2 · top up 1 · out 6", 6.7},
	}
	ids := BreathPatternIDs()
	if ids[0] != DefaultBreathing || len(ids) != len(want) {
		t.Fatalf("ids %v", ids)
	}
	for _, p := range BreathPatterns() {
		w, ok := want[p.ID]
		if !ok {
			t.Fatalf("unexpected pattern %s", p.ID)
		}
		if p.Rhythm() != w.rhythm || p.PerMinute() != w.perMin {
			t.Errorf("%s: %q %.1f/min, want %q %.1f", p.ID, p.Rhythm(), p.PerMinute(), w.rhythm, w.perMin)
		}
		for _, ph := range p.Phases {
			if ph.Dur <= 0 || ph.Dur%time.Second != 0 {
				t.Errorf("%s: phase %v of %v", p.ID, ph.Kind.Word(), ph.Dur)
			}
		}
		if p.Name == "" || p.Say == "" || len(p.Cues) == 0 || !strings.Contains(strings.Join(p.Cues, " "), "dizzy") {
			t.Errorf("%s: name %q, say %q, cues %q (the dizziness stop rule must be there)", p.ID, p.Name, p.Say, p.Cues)
		}
	}
	if _, err := LookupBreathing("boxx"); err == nil || !strings.Contains(err.Error(), `did you mean "box"`) {
		t.Fatalf("lookup of a typo: %v", err)
	}
}

func TestBadBreathingFields(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []wantProblem
	}{
		{"unknown pattern on an exercise", edit(breathFile, "breathing: box", "breathing: square"),
			[]wantProblem{{5, 16, "exercises[0].breathing", `unknown breathing pattern "square" (want slow, box, box-3, sigh)`}}},
		{"misspelt pattern on a step", edit(breathFile, "breathing: sigh", "breathing: sign"),
			[]wantProblem{{13, 20, "routines[0].steps[0].breathing", `unknown breathing pattern "sign" (did you mean "sigh"?)`}}},
		{"empty pattern", edit(breathFile, "breathing: sigh", `breathing: ""`),
			[]wantProblem{{13, 20, "routines[0].steps[0].breathing", "is empty; write one of slow, box, box-3, sigh"}}},
		{"pattern as a list", edit(breathFile, "breathing: box", "breathing: [box]"),
			[]wantProblem{{5, 16, "exercises[0].breathing", "must be text, found a list"}}},
		{"pattern on a stretch", edit(edit(breathFile, "kind: breathe", "kind: stretch\n    areas: [calves]"), "        breathing: sigh\n", ""),
			[]wantProblem{{6, 16, "exercises[0].breathing", "a breathing pattern is only for a breathe exercise; this one is a stretch"}}},
		{"pattern on a step that is not breathing", edit(breathFile, "do: my-breathing", "do: hydrate"),
			[]wantProblem{{13, 20, "routines[0].steps[0].breathing", `a breathing pattern is only for a breathe step; "hydrate" is a hydrate`}}},
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
}
