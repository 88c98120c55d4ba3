package routines

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSportsOrderAndIDs(t *testing.T) {
	want := []string{"run", "ride", "legs", "upper", "full", "swim", "climb", "hiit", "desk"}
	if got := SportIDs(); !slices.Equal(got, want) {
		t.Fatalf("sports %v, want %v", got, want)
	}
	for _, s := range Sports() {
		if s.Name == "" || !strings.HasPrefix(s.After, "after ") || len(s.Areas) == 0 || len(s.Routines) == 0 {
			t.Errorf("%s: incomplete: %+v", s.ID, s)
		}
		if exp, err := ExpandAreas(s.Areas); err != nil || !slices.Equal(exp, s.Areas) {
			t.Errorf("%s: areas %v are not known areas in vocabulary order (%v, %v)", s.ID, s.Areas, exp, err)
		}
	}
}

// Each sport's areas are what its routines work: its first routine works
// mostly areas of the sport, and every area of the sport is worked by one
// of its routines. Every level has a routine for every sport.
func TestSportsMatchTheirRoutines(t *testing.T) {
	lib := builtin(t)
	for _, s := range Sports() {
		worked := map[string]bool{}
		for i, id := range s.Routines {
			r, err := lib.Routine(id)
			if err != nil {
				t.Errorf("%s: %v", s.ID, err)
				continue
			}
			in := 0
			for _, a := range r.Areas() {
				worked[a] = true
				if slices.Contains(s.Areas, a) {
					in++
				}
			}
			if i == 0 && 4*in < 3*len(r.Areas()) {
				t.Errorf("%s: its first routine %s works %v, mostly not its areas %v", s.ID, id, r.Areas(), s.Areas)
			}
		}
		for _, a := range s.Areas {
			if !worked[a] && s.ID != "full" { // full body: the whole body, for the planner
				t.Errorf("%s: area %s is worked by none of its routines %v", s.ID, a, s.Routines)
			}
		}
		for _, l := range Levels() {
			if len(lib.ForSport(s, l)) == 0 {
				t.Errorf("%s has no routine for %s", s.ID, l)
			}
		}
		if got := lib.ForSport(s, ""); len(got) != len(s.Routines) {
			t.Errorf("%s: ForSport with no level gives %d routines, want all %d", s.ID, len(got), len(s.Routines))
		}
	}
	// The sport templates are each their sport's first suggestion.
	for id, first := range map[string]string{"legs": "legday-15", "ride": "cyclist-15", "hiit": "team-hiit-15"} {
		s, _ := LookupSport(id)
		if got := lib.ForSport(s, Sore); len(got) == 0 || got[0].ID != first {
			t.Errorf("%s: first sore routine %v, want %s", id, got, first)
		}
	}
	s, _ := LookupSport("run")
	if got := lib.ForSport(s, VerySore); len(got) == 0 || !got[0].Suits(VerySore) {
		t.Errorf("run, very sore: %v", got)
	}
}

func TestParseSport(t *testing.T) {
	good := map[string]string{
		"run": "run", " RUN ": "run", "Swim": "swim", "team": "hiit", "HIIT": "hiit", "Team": "hiit",
		"desk": "desk", "upper-body": "upper", "full-body": "full", "leg-day": "legs", "desk-day": "desk",
	}
	for in, want := range good {
		got, err := ParseSport(in)
		if err != nil || got.ID != want {
			t.Errorf("ParseSport(%q) = %q, %v; want %q", in, got.ID, err, want)
		}
	}
	bad := map[string]string{
		"swimm":  `unknown training "swimm" (did you mean "swim"?)`,
		"climbb": `(did you mean "climb"?)`,
		"rowing": `unknown training "rowing"`,
		"":       `unknown training ""`,
		"tea":    `(did you mean "team"?)`,
	}
	for in, msg := range bad {
		_, err := ParseSport(in)
		if err == nil || !strings.Contains(err.Error(), msg) || !strings.Contains(err.Error(), "want run, ride, legs, upper, full, swim, climb, hiit or desk") {
			t.Errorf("ParseSport(%q) error %v, want it to contain %q and the choices", in, err, msg)
		}
	}
}

// A plan for a sport works the sport's areas (unless areas are named) and
// loosens up with the sport's drill after the easy movement: never leg
// swings when very sore or for older adults, nothing on the floor in the
// chair set. The plan passes the validator as a routine file would.
func TestPlanForSport(t *testing.T) {
	lib := builtin(t)
	tm := DefaultTiming()
	for _, sp := range Sports() {
		for _, l := range Levels() {
			for _, opt := range []struct{ longer, chair bool }{{false, false}, {true, false}, {true, true}} {
				for _, m := range []int{8, 15, 25} {
					req := PlanRequest{Minutes: m, Level: l, Sport: sp.ID, LongerHolds: opt.longer, Chair: opt.chair}
					r, notes, err := lib.Plan(req)
					if err != nil {
						t.Fatalf("%+v: %v", req, err)
					}
					fail := func(format string, args ...any) {
						t.Helper()
						t.Errorf("%s %d min %s longer=%v chair=%v: %s\n%s", sp.ID, m, l, opt.longer, opt.chair, fmt.Sprintf(format, args...), dumpPlan(r, notes))
					}
					if tot := r.Total(tm); tot > time.Duration(m)*time.Minute+PlanTolerance {
						fail("total %v", tot)
					}
					for _, st := range r.Steps {
						k := st.Exercise.Kind
						if (k == Stretch || k == Roll) && !slices.ContainsFunc(st.Exercise.Areas, func(a string) bool { return slices.Contains(sp.Areas, a) }) {
							fail("%s works none of the areas of %s %v", st.Do, sp.ID, sp.Areas)
						}
					}
					if !strings.Contains(r.ID, "after-"+sp.ID) || !strings.Contains(r.Name, sp.After) {
						fail("id %q, name %q: want them to say %q", r.ID, r.Name, sp.After)
					}
					d := r.Steps[1]
					if sp.ID == "full" {
						if d.Exercise.Kind == Mobility {
							fail("a whole-body plan with the drill %s", d.Do)
						}
						continue
					}
					if d.Exercise.Kind != Mobility {
						fail("no drill after the easy movement: %s", d.Do)
						continue
					}
					if (l == VerySore || opt.longer) && strings.HasPrefix(d.Do, "leg-swing") {
						fail("leg swings when very sore or for older adults")
					}
					if opt.chair && (d.Do == "cat-cow" || d.Do == "open-book" || strings.HasPrefix(d.Do, "leg-swing")) {
						fail("the chair set, yet %s", d.Do)
					}
					if d.For < 20*time.Second || d.For > 60*time.Second || d.Tempo() < 2500*time.Millisecond || d.Tempo() > 10*time.Second {
						fail("drill %s: %v at %v a rep", d.Do, d.For, d.Tempo())
					}
					if ps := link("plan.yaml", r, lib.exercises); len(ps) > 0 {
						fail("not a valid routine: %v", ps)
					}
				}
			}
		}
	}
	want := map[string]string{"run": "leg-swing-front", "ride": "cat-cow", "legs": "hip-circles", "swim": "shoulder-circles",
		"climb": "shoulder-circles", "upper": "shoulder-circles", "hiit": "leg-swing-front", "desk": "seated-rotation"}
	for id, drill := range want {
		r, _, _ := lib.Plan(PlanRequest{Minutes: 15, Level: Sore, Sport: id})
		if r.Steps[1].Do != drill {
			t.Errorf("%s: drill %s, want %s", id, r.Steps[1].Do, drill)
		}
	}
	r, _, _ := lib.Plan(PlanRequest{Minutes: 15, Level: VerySore, Sport: "run"})
	if r.Steps[1].Do != "ankle-circles" || r.Steps[1].RepCount() != 8 {
		t.Errorf("run, very sore: %s × %d, want ankle circles at half the reps", r.Steps[1].Do, r.Steps[1].RepCount())
	}
	// Named areas win over the sport's; the drill stays.
	r, _, _ = lib.Plan(PlanRequest{Minutes: 12, Level: Sore, Sport: "swim", Areas: []string{"calves"}})
	if got := r.Areas(); !slices.Contains(got, "calves") || slices.Contains(got, "chest") || r.Steps[1].Do != "shoulder-circles" {
		t.Errorf("swim with --areas calves: areas %v, drill %s", got, r.Steps[1].Do)
	}
	if r.ID != "plan-12m-sore-calves" {
		t.Errorf("named areas: id %s", r.ID)
	}
	if _, _, err := lib.Plan(PlanRequest{Minutes: 12, Level: Sore, Sport: "swimm"}); err == nil || !strings.Contains(err.Error(), `did you mean "swim"`) {
		t.Errorf("unknown sport: %v", err)
	}
	r, _, _ = lib.Plan(PlanRequest{Minutes: 15, Level: Sore, Sport: "swim"})
	if r.ID != "plan-15m-sore-after-swim" || r.Name != "Today: 15 min, sore, after a swim" {
		t.Errorf("swim plan: %s %q", r.ID, r.Name)
	}
}

// The README's table of sports gives each sport's routines and areas as
// Sports() has them.
func TestReadmeSportTable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err) // the README is part of the repository
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(string(data), "\n") {
		cells := strings.Split(l, "|")
		if len(cells) == 5 && strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`")] = []string{strings.TrimSpace(cells[2]), strings.TrimSpace(cells[3])}
		}
	}
	for _, s := range Sports() {
		row, ok := rows[s.ID]
		if !ok {
			t.Errorf("the README's sport table has no row for %s", s.ID)
			continue
		}
		areas := strings.Join(s.Areas, ", ")
		if s.ID == "full" {
			areas = "the whole body"
		}
		if row[0] != strings.Join(s.Routines, ", ") || row[1] != areas {
			t.Errorf("README row for %s: %q, %q; want %q, %q", s.ID, row[0], row[1], strings.Join(s.Routines, ", "), areas)
		}
	}
}
