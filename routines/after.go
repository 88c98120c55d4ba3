package routines

import (
	"fmt"
	"strings"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Sport is something a person may have trained: it names the body areas
// that training loads and the built-in routines made for it.
type Sport struct {
	ID   string
	Name string // as the picker lists it: "HIIT / team sport"
	// After is the sport in a sentence: "after a run".
	After string
	// Areas are the body areas it loads most, in vocabulary order: a plan
	// for it works these unless other areas are named.
	Areas []string
	// Routines are built-in routine ids, best first: the first that suits
	// the person's soreness is the one to suggest.
	Routines []string
	// Aliases are other names accepted on the command line.
	Aliases []string
}

// Sports lists what a person may have trained, in the order the picker
// asks it. Each sport's areas are those its own routines work.
func Sports() []Sport {
	return []Sport{
		{ID: "run", Name: "Run", After: "after a run",
			Areas:    []string{"hips", "glutes", "quads", "hamstrings", "calves", "shins", "feet", "it-band"},
			Routines: []string{"runner-cyclist-legs", "runner-calves-10", "quick-10-lower", "gentle-legs-12", "very-sore-gentle-20"}},
		{ID: "ride", Name: "Ride", After: "after a ride",
			// Hours bent over the bars: the hips and quads, and a rounded
			// chest and back.
			Areas:    []string{"shoulders", "chest", "upper-back", "lower-back", "hips", "glutes", "quads", "hamstrings", "calves", "it-band"},
			Routines: []string{"cyclist-15", "runner-cyclist-legs", "hips-and-back-12", "gentle-legs-12", "very-sore-gentle-20"}},
		{ID: "legs", Name: "Legs", After: "after leg day", Aliases: []string{"leg-day"},
			Areas:    []string{"hips", "glutes", "quads", "hamstrings", "adductors", "calves"},
			Routines: []string{"legday-15", "quick-10-lower", "hips-and-back-12", "gentle-legs-12", "very-sore-gentle-20"}},
		{ID: "upper", Name: "Upper body", After: "after upper body", Aliases: []string{"upper-body"},
			Areas:    []string{"neck", "shoulders", "chest", "upper-back", "arms", "lats"},
			Routines: []string{"upper-after-lifting", "upper-10", "gentle-upper-15"}},
		{ID: "full", Name: "Full body", After: "after full body", Aliases: []string{"full-body"},
			Areas:    Areas(),
			Routines: []string{"full-body-15", "full-body-30", "deep-recovery-40", "very-sore-gentle-20"}},
		{ID: "swim", Name: "Swim", After: "after a swim",
			Areas:    []string{"neck", "shoulders", "chest", "upper-back", "arms", "lats"},
			Routines: []string{"swim-15", "upper-10", "gentle-upper-15"}},
		{ID: "climb", Name: "Climb", After: "after a climb",
			Areas:    []string{"shoulders", "chest", "upper-back", "arms", "lats"},
			Routines: []string{"climb-13", "upper-10", "gentle-upper-15"}},
		{ID: "hiit", Name: "HIIT / team sport", After: "after HIIT/team sport", Aliases: []string{"team"},
			Areas:    []string{"hips", "quads", "hamstrings", "calves"},
			Routines: []string{"team-hiit-15", "quick-10-lower", "full-body-15", "gentle-legs-12", "very-sore-gentle-20"}},
		{ID: "desk", Name: "Desk day", After: "after a desk day", Aliases: []string{"desk-day"},
			Areas:    []string{"neck", "shoulders", "chest", "upper-back", "arms", "hips", "quads", "hamstrings", "calves"},
			Routines: []string{"desk-12", "desk-5", "upper-10", "gentle-upper-15"}},
	}
}

// SportIDs are the sports' ids, in order.
func SportIDs() []string {
	var out []string
	for _, s := range Sports() {
		out = append(out, s.ID)
	}
	return out
}

// SportChoices is the ids as a message gives them: "run, ride, ... or desk".
func SportChoices() string {
	n := SportIDs()
	return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1]
}

// ParseSport accepts a sport id or alias as typed on the command line,
// in any case.
func ParseSport(s string) (Sport, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	var names []string
	for _, sp := range Sports() {
		if sp.ID == want {
			return sp, nil
		}
		for _, a := range sp.Aliases {
			if a == want {
				return sp, nil
			}
		}
		names = append(names, sp.ID)
		names = append(names, sp.Aliases...)
	}
	return Sport{}, fmt.Errorf("unknown training %q%s (want %s)", strictyaml.Clean(s), strictyaml.Suggest(want, names), SportChoices())
}

// LookupSport is the sport of id (an id, not an alias), if there is one.
func LookupSport(id string) (Sport, bool) {
	for _, s := range Sports() {
		if s.ID == id {
			return s, true
		}
	}
	return Sport{}, false
}

// ForSport lists the library's routines for sport s that suit level lv
// (any level when lv is ""), best first. A routine of the sport missing
// from the library is passed over.
func (l *Library) ForSport(s Sport, lv Level) []*Routine {
	var out []*Routine
	for _, id := range s.Routines {
		r, err := l.Routine(id)
		if err != nil || lv != "" && !r.Suits(lv) {
			continue
		}
		out = append(out, r)
	}
	return out
}
