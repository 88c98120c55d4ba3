package routines

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Level is how sore the person says they are.
type Level string

const (
	Fresh    Level = "fresh"
	Sore     Level = "sore"
	VerySore Level = "very-sore"
)

// Levels lists the soreness levels in order, least sore first: the one
// list behind every check, suggestion and message about levels.
func Levels() []Level { return []Level{Fresh, Sore, VerySore} }

// LevelNames are Levels as text, for did-you-mean.
func LevelNames() []string {
	var s []string
	for _, l := range Levels() {
		s = append(s, string(l))
	}
	return s
}

// LevelChoices is the levels as a message gives them: "fresh, sore or
// very-sore".
func LevelChoices() string {
	n := LevelNames()
	return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1]
}

// ParseLevel accepts a level name as typed on the command line.
func ParseLevel(s string) (Level, error) {
	l := Level(strings.ToLower(strings.TrimSpace(s)))
	if l.Valid() {
		return l, nil
	}
	return "", fmt.Errorf("unknown soreness level %q%s (want %s)", s, strictyaml.Suggest(string(l), LevelNames()), LevelChoices())
}

// Valid reports whether l is one of the three levels.
func (l Level) Valid() bool { return slices.Contains(Levels(), l) }

// Title is the level's display name.
func (l Level) Title() string {
	switch l {
	case Fresh:
		return "Fresh"
	case Sore:
		return "Sore"
	case VerySore:
		return "Very sore"
	}
	return string(l)
}

// Blurb says in one line what the level means and what changes with it
// (the per-level rules the routines follow).
func (l Level) Blurb() string {
	switch l {
	case Fresh:
		return "0–2 of 10: little or no soreness. 30 s holds, moderate rolling."
	case Sore:
		return "3–5 of 10: sore but moving fine. 20–30 s holds, lighter rolling."
	case VerySore:
		return "6–10 of 10: it hurts to move. Gentle 15–20 s holds, longer easy movement."
	}
	return ""
}

// Kind is what sort of exercise a catalogue entry is.
type Kind string

const (
	Stretch Kind = "stretch"
	Roll    Kind = "roll"
	Active  Kind = "active"
	Breathe Kind = "breathe"
	Hydrate Kind = "hydrate"
	Refuel  Kind = "refuel"
	// Mobility is a slow, controlled drill through a pain-free range
	// (cat-cow, circles): counted in reps at a tempo, or in seconds.
	Mobility Kind = "mobility"
	// MassageGun is percussive work with a massage gun: lowest speed,
	// 30–60 s a zone, never over bone, joints, nerves or the neck.
	MassageGun Kind = "gun"
	// Massage is self-massage with the hands (kneading): the no-tool
	// stand-in for rolling.
	Massage Kind = "massage"
)

// Kinds lists every kind a file may use.
func Kinds() []Kind {
	return []Kind{Stretch, Roll, Active, Breathe, Hydrate, Refuel, Mobility, MassageGun, Massage}
}

// SoftTissue reports whether k works a muscle by pressure (a roller or
// ball, a gun, the hands): the kinds the rolling safety rules cover.
func (k Kind) SoftTissue() bool { return k == Roll || k == MassageGun || k == Massage }

// Sided reports whether exercises of kind k may be done one side, then the
// other.
func (k Kind) Sided() bool { return k == Stretch || k == Mobility || k.SoftTissue() }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds(), k) }

// Areas is the fixed body-area vocabulary, head to toe.
func Areas() []string {
	return []string{
		"neck", "shoulders", "chest", "upper-back", "lower-back", "arms", "lats",
		"hips", "glutes", "quads", "hamstrings", "adductors", "calves", "shins", "feet", "it-band",
	}
}

// IsArea reports whether a is in the vocabulary.
func IsArea(a string) bool { return slices.Contains(Areas(), a) }

// AreaGroups are documented shortcuts that expand to areas.
func AreaGroups() map[string][]string {
	return map[string][]string{
		"legs":       {"hips", "glutes", "quads", "hamstrings", "adductors", "calves", "shins", "feet", "it-band"},
		"lower-body": {"lower-back", "hips", "glutes", "quads", "hamstrings", "adductors", "calves", "shins", "feet", "it-band"},
		"upper-body": {"neck", "shoulders", "chest", "upper-back", "arms", "lats"},
		"back":       {"upper-back", "lower-back", "lats"},
		"full-body":  Areas(),
	}
}

// ExpandAreas turns area and group names into a sorted, de-duplicated list
// of areas in vocabulary order, or says which name is unknown.
func ExpandAreas(names []string) ([]string, error) {
	want := map[string]bool{}
	groups := AreaGroups()
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		switch {
		case n == "":
			continue
		case IsArea(n):
			want[n] = true
		case groups[n] != nil:
			for _, a := range groups[n] {
				want[a] = true
			}
		default:
			return nil, fmt.Errorf("unknown body area %q%s", n, strictyaml.Suggest(n, append(Areas(), groupNames()...)))
		}
	}
	var out []string
	for _, a := range Areas() {
		if want[a] {
			out = append(out, a)
		}
	}
	return out, nil
}

func groupNames() []string {
	var g []string
	for k := range AreaGroups() {
		g = append(g, k)
	}
	slices.Sort(g)
	return g
}

// Pos is a place in a source file, for error messages.
type Pos = strictyaml.Pos

// Exercise is one catalogue entry.
type Exercise struct {
	ID      string
	Name    string
	Kind    Kind
	Areas   []string
	PerSide bool
	Cues    []string
	Caution string
	Pose    *Pose // nil when it has none: the screen shows the body map
	// Breathing is the pattern id a breathing exercise is written for
	// ("" for the default); only breathe exercises have one.
	Breathing string
	// Count is how many reps a mobility drill takes in one set (each side
	// for a per-side drill); 0 counts it in seconds only.
	Count int
	// Needs is what the exercise needs (a roller, a floor...), each need
	// met by any one of its tools; Without says what to do for a need the
	// person's kit lacks.
	Needs   []Need
	Without map[Tool]Fallback

	Source    string // "built-in" or the user file's path
	Pos       Pos    // where its id was written
	Overrides bool   // a user exercise that replaced a built-in one of the same id
}

// Step is one entry of a routine: an exercise held for a time, maybe repeated.
type Step struct {
	Do   string        // exercise id
	For  time.Duration // per side for per-side exercises
	Reps int           // at least 1
	Note string
	// Pattern is the breathing pattern id the step asks for ("" for the
	// exercise's or the person's); only on breathe steps.
	Pattern string
	// Count is the reps of a mobility step in its time (each side), in
	// place of the exercise's Count; 0 for the exercise's.
	Count int
	// Needs is what the step needs beyond its exercise's needs, as the
	// routine file declares it.
	Needs    []Need
	Exercise *Exercise // resolved by the Library

	DoPos, ForPos, PatternPos, CountPos, NeedsPos Pos
}

// Routine is an ordered list of steps suited to some soreness levels.
type Routine struct {
	ID       string
	Name     string
	Soreness []Level
	Summary  string
	Steps    []Step

	Source    string // "built-in" or the user file's path
	Overrides bool   // a user routine that replaced a built-in one of the same id
	Pos       Pos
}

// BuiltIn is the Source of embedded data.
const BuiltIn = "built-in"

// Suits reports whether the routine lists level l.
func (r *Routine) Suits(l Level) bool { return slices.Contains(r.Soreness, l) }

// Exercises is each step's exercise, in step order (nil where a step is not
// linked to one).
func (r *Routine) Exercises() []*Exercise {
	exs := make([]*Exercise, len(r.Steps))
	for i, st := range r.Steps {
		exs[i] = st.Exercise
	}
	return exs
}

// Areas lists the body areas the routine's steps work, in vocabulary order.
func (r *Routine) Areas() []string {
	seen := map[string]bool{}
	for _, s := range r.Steps {
		if s.Exercise == nil {
			continue
		}
		for _, a := range s.Exercise.Areas {
			seen[a] = true
		}
	}
	var out []string
	for _, a := range Areas() {
		if seen[a] {
			out = append(out, a)
		}
	}
	return out
}

// Cautions lists each distinct caution of the routine's exercises, in step order.
func (r *Routine) Cautions() []string {
	var out []string
	for _, s := range r.Steps {
		if s.Exercise == nil || s.Exercise.Caution == "" {
			continue
		}
		c := s.Exercise.Name + ": " + s.Exercise.Caution
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Timing holds the gaps the session inserts between holds. A routine's
// total is computed from its steps and these, never typed in.
type Timing struct {
	GetReady time.Duration // before each step
	Switch   time.Duration // between sides, and between reps
	// RollExtra is added to the get-ready before a foam-roll step: getting
	// down onto the roller takes longer than moving into a stretch.
	RollExtra time.Duration
}

// DefaultTiming is the gaps of a person with no settings file: the real
// time people take between holds, about 10 s to move into a stretch or
// change sides, 15 s to get onto a roller (shorter gaps make totals that
// understate the real time by 10–15%). Whatever shows a total uses
// Routine.Total with the person's own Timing.
func DefaultTiming() Timing {
	return Timing{GetReady: 10 * time.Second, Switch: 10 * time.Second, RollExtra: 5 * time.Second}
}

// ReadyFor is the get-ready before step s: GetReady, plus RollExtra before
// a roll or a massage-gun step (getting the tool into place). With no
// get-ready at all (0 s) there is no extra either.
func (t Timing) ReadyFor(s Step) time.Duration {
	if t.GetReady > 0 && s.Exercise != nil && (s.Exercise.Kind == Roll || s.Exercise.Kind == MassageGun) {
		return t.GetReady + t.RollExtra
	}
	return t.GetReady
}

// Name is the step's exercise name (its id if unresolved).
func (s Step) Name() string {
	if s.Exercise == nil {
		return s.Do
	}
	return s.Exercise.Name
}

// Length says how long a step is held: "3 min", "30 s each side",
// "2 × 30 s each side".
func (s Step) Length() string {
	out := Friendly(s.For)
	if n := s.RepCount(); n > 0 {
		out = fmt.Sprintf("%d reps in %s", n, out)
	}
	if s.Reps > 1 {
		out = fmt.Sprintf("%d × %s", s.Reps, out)
	}
	if s.Exercise != nil && s.Exercise.PerSide {
		out += " each side"
	}
	return out
}

// RepCount is how many reps a mobility step counts in each hold: the
// step's count, else the exercise's; 0 when it is counted in seconds (and
// for every other kind).
func (s Step) RepCount() int {
	if s.Exercise == nil || s.Exercise.Kind != Mobility {
		return 0
	}
	return cmp.Or(s.Count, s.Exercise.Count)
}

// Tempo is the time of one rep of a mobility step counted in reps: its
// time shared among its reps (0 if it is counted in seconds).
func (s Step) Tempo() time.Duration {
	n := s.RepCount()
	if n <= 0 {
		return 0
	}
	return s.For / time.Duration(n)
}

// Mobility tempo limits: drills are slow and controlled (2.5–10 s a rep
// in the guidance); faster is flinging, slower is a hold.
const (
	MinTempo = 2 * time.Second
	MaxTempo = 20 * time.Second
	MaxCount = 60
)

// Holds is the number of timed holds a step expands to.
func (s Step) Holds() int {
	n := max(s.Reps, 1)
	if s.Exercise != nil && s.Exercise.PerSide {
		n *= 2
	}
	return n
}

// Total is the step's time including its get-ready and switch gaps.
func (s Step) Total(t Timing) time.Duration {
	h := s.Holds()
	return t.ReadyFor(s) + time.Duration(h)*s.For + time.Duration(h-1)*t.Switch
}

// Total is the routine's computed length with timing t.
func (r *Routine) Total(t Timing) time.Duration {
	var d time.Duration
	for _, s := range r.Steps {
		d += s.Total(t)
	}
	return d
}

// Friendly shows a length in words: "30 s", "3 min", "1 min 30 s".
func Friendly(d time.Duration) string { return minutesSeconds(d.Round(time.Second), " min", " s", " ") }

// Minutes rounds a duration to whole minutes for display, never below 1:
// to the nearest minute, half a minute up (12 min 10 s is 12). It is the
// one rounding rule: whatever filters by minutes compares this number, so
// a routine shown as 12 min is kept by a limit of 12.
func Minutes(d time.Duration) int {
	return max(1, int((d+30*time.Second)/time.Minute))
}
