package routines

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Change is one thing Adapt did to a step of a routine.
type Change struct {
	Step     int    // the step's index in the routine as written
	From, To string // exercise ids; To is "" when the step was left out
	Note     string // what the person is told
	Missing  Need   // what the kit lacked; for a step left out, what it needs
}

// NeedsOf is everything step s needs: its exercise's needs and the ones
// the routine file adds.
func NeedsOf(s Step) []Need {
	var out []Need
	if s.Exercise != nil {
		out = append(out, s.Exercise.Needs...)
	}
	return append(out, s.Needs...)
}

// Needs lists what the routine needs, each need once, in tool order.
func (r *Routine) Needs() []Need {
	var out []Need
	for _, s := range r.Steps {
		for _, n := range NeedsOf(s) {
			if !slices.ContainsFunc(out, func(o Need) bool { return slices.Equal(o, n) }) {
				out = append(out, n)
			}
		}
	}
	// "floor or chair" says nothing more when the floor itself is needed.
	out = slices.DeleteFunc(out, func(n Need) bool {
		return len(n) > 1 && slices.ContainsFunc(out, func(m Need) bool { return len(m) == 1 && slices.Contains(n, m[0]) })
	})
	slices.SortStableFunc(out, func(a, b Need) int {
		return slices.Index(Tools(), a[0]) - slices.Index(Tools(), b[0])
	})
	return out
}

// adaptDepth bounds a chain of fallbacks (a roll to a gun step to ...);
// the fallbacks of the catalogue are at most two deep.
const adaptDepth = 4

// Adapt returns the routine as it is done with kit: a step that needs
// what the kit lacks becomes its exercise's fallback (a massage-gun or
// ball step for a roll, a chair version for a floor stretch), keeping at
// least one of its body areas and never repeating an exercise already in
// the routine, or stays with a note (no strap: hands behind the thigh),
// or is left out with a note saying why. A rolling step turned into a
// stretch is one hold at the routine's hold time; tool steps keep to
// their tool's times. With KitAll the routine is returned as it is. The
// error says why when nothing that works a body area is left.
func (l *Library) Adapt(r *Routine, kit Kit) (*Routine, []Change, error) {
	out := *r
	out.Steps = nil
	var changes []Change
	inRoutine := map[string]bool{}
	for _, s := range r.Steps {
		inRoutine[s.Do] = true
	}
	taken := func(id string) bool { return inRoutine[id] }
	worked, kept := 0, 0
	for i, s := range r.Steps {
		if s.Exercise == nil {
			out.Steps = append(out.Steps, s)
			continue
		}
		if len(s.Exercise.Areas) > 0 {
			worked++
		}
		to, notes, missing := l.resolve(s.Exercise, s.Needs, kit, taken, 0)
		switch {
		case to == nil:
			changes = append(changes, Change{Step: i, From: s.Do, Missing: missing,
				Note: fmt.Sprintf("Left out %s (it needs %s).", s.Exercise.Name, NeedText(missing))})
			continue
		case to != s.Exercise:
			ns := fitStep(s, to, r)
			ns.Note = strings.Join(append(notes, swapNote(s.Exercise, to, missing, ns)), " ")
			if strings.Contains(strings.ToLower(s.Note), "optional") {
				ns.Note = "Optional. " + ns.Note // very-sore soft-tissue work stays optional
			}
			inRoutine[to.ID] = true
			out.Steps = append(out.Steps, ns)
			changes = append(changes, Change{Step: i, From: s.Do, To: to.ID, Note: ns.Note})
		case len(notes) > 0:
			ns := s
			ns.Note = strings.TrimSpace(strings.Join(notes, " ") + " " + s.Note)
			out.Steps = append(out.Steps, ns)
			changes = append(changes, Change{Step: i, From: s.Do, To: s.Do, Note: strings.Join(notes, " ")})
		default:
			out.Steps = append(out.Steps, s)
		}
		if len(to.Areas) > 0 {
			kept++
		}
	}
	if worked > 0 && kept == 0 {
		var why []string
		for _, c := range changes {
			why = append(why, c.Note)
		}
		return nil, changes, fmt.Errorf("%s cannot be done with %s: %s", r.Name, kit.Describe(), strings.Join(why, " "))
	}
	return &out, changes, nil
}

// resolve finds what to do for exercise e (with a step's extra needs)
// with kit: e itself, maybe with notes for needs met another way, or a
// fallback, never one taken reports (nil: none is). It returns nil and the
// first need nothing could meet.
func (l *Library) resolve(e *Exercise, extra []Need, kit Kit, taken func(string) bool, depth int) (*Exercise, []string, Need) {
	var notes []string
	for _, n := range append(slices.Clone(e.Needs), extra...) {
		if kit.Meets(n) {
			continue
		}
		fb, ok := fallbackFor(e, n)
		if !ok {
			return nil, nil, n
		}
		if fb.Note != "" {
			notes = append(notes, fb.Note)
			continue
		}
		if depth >= adaptDepth {
			return nil, nil, n
		}
		for _, id := range fb.Try {
			c, ok := l.exercises[id]
			if !ok || taken != nil && taken(id) || !sharesArea(e, c) {
				continue
			}
			if to, more, _ := l.resolve(c, nil, kit, taken, depth+1); to != nil {
				return to, append(notes, more...), n
			}
		}
		return nil, nil, n
	}
	return e, notes, nil
}

// fallbackFor is e's fallback for need n: the one written for any of its tools.
func fallbackFor(e *Exercise, n Need) (Fallback, bool) {
	for _, t := range n {
		if fb, ok := e.Without[t]; ok {
			return fb, true
		}
	}
	return Fallback{}, false
}

// sharesArea: a swap must keep at least one of the step's areas (steps
// with no areas, such as a walk, keep none to share).
func sharesArea(a, b *Exercise) bool {
	if len(a.Areas) == 0 {
		return true
	}
	return slices.ContainsFunc(a.Areas, func(x string) bool { return slices.Contains(b.Areas, x) })
}

// Times of the soft-tissue tools, per zone or side.
const (
	GunMin       = 30 * time.Second
	GunMax       = 60 * time.Second
	GunPerMuscle = 2 * time.Minute // the most on one muscle in a session
	BallMin      = 30 * time.Second
	BallMax      = 90 * time.Second
	MassageMin   = 30 * time.Second
	MassageMax   = 60 * time.Second
	mobilityMax  = 60 * time.Second
	holdVerySore = 20 * time.Second
	holdStandard = 30 * time.Second
)

// fitStep is step s done as exercise to: its time and reps within to's
// rules. A stretch in place of rolling is one hold at the routine's hold
// time (20 s when the routine suits very sore people); a tool step keeps
// the rolling time up to the tool's most (a gun 60 s, 30 s very sore).
// Built-in rolls are 30 s or more, so they land in each tool's range.
func fitStep(s Step, to *Exercise, r *Routine) Step {
	from := s.Exercise
	ns := Step{Do: to.ID, For: s.For, Reps: s.Reps, Exercise: to, DoPos: s.DoPos, ForPos: s.ForPos}
	// Soft-tissue work covers ground, so its time moves with the sides: one
	// zone where there were two gets both sides' time. A hold is a hold,
	// one side or two.
	if to.Kind != Stretch && from.PerSide && !to.PerSide {
		ns.For = min(ns.For*2, MaxHold)
	} else if to.Kind != Stretch && !from.PerSide && to.PerSide {
		ns.For = max(ns.For/2, time.Second)
	}
	verySore := r.Suits(VerySore)
	// The tool's upper limit always holds (two minutes on one muscle is
	// the most a gun may do); a short step of the person's own stays short.
	upTo := func(hi time.Duration) { ns.For = min(ns.For, hi) }
	switch to.Kind {
	case Stretch:
		if from.Kind != Stretch {
			ns.Reps = 1
			upTo(holdStandard)
			if verySore {
				upTo(holdVerySore)
			}
		}
	case MassageGun:
		upTo(GunMax)
		if verySore {
			upTo(GunMin)
		}
		for ns.Reps > 1 && ns.For*time.Duration(ns.Reps) > GunPerMuscle {
			ns.Reps--
		}
	case Roll:
		if slices.ContainsFunc(to.Needs, func(n Need) bool { return slices.Contains(n, ToolBall) }) {
			upTo(BallMax)
		}
	case Massage:
		upTo(MassageMax)
	case Mobility:
		upTo(mobilityMax)
		ns.Reps = 1
	}
	return ns
}

// swapNote tells the person what changed and why.
func swapNote(from, to *Exercise, missing Need, s Step) string {
	why := "No " + missing.Short()
	switch to.Kind {
	case MassageGun:
		return why + ": massage gun instead, on its lowest speed; keep it moving, never over bone."
	case Massage:
		return why + ": knead the muscle with your hands instead, firm but comfortable."
	}
	if from.Kind.SoftTissue() && !to.Kind.SoftTissue() {
		return fmt.Sprintf("%s: %s instead of rolling.", why, lowerFirst(to.Name))
	}
	return fmt.Sprintf("%s: %s instead.", why, lowerFirst(to.Name))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// NeedText is a need for a sentence: "the floor", "a wall or a chair".
func NeedText(n Need) string {
	var s []string
	for _, t := range n {
		s = append(s, article(t.Short()))
	}
	return strings.Join(s, " or ")
}

// article puts "a" or "an" before a thing, except where it reads wrong
// ("a floor" reads as "the floor").
func article(s string) string {
	switch {
	case strings.HasPrefix(s, "floor"):
		return "the floor"
	case strings.HasPrefix(s, "wall"):
		return "a wall"
	case s != "" && strings.ContainsRune("aeiou", rune(s[0])):
		return "an " + s
	}
	return "a " + s
}
