package routines

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// BreathKind is what one phase of a breathing pattern asks for.
type BreathKind int

const (
	BreatheIn  BreathKind = iota + 1 // breathe in: the pacer fills
	BreatheTop                       // a second, short breath in on top (the sigh): the pacer fills to the top
	HoldIn                           // hold with full lungs: the pacer stays full
	BreatheOut                       // breathe out: the pacer empties
	HoldOut                          // hold with empty lungs: the pacer stays empty
)

// Word is the phase as the pacer shows and the voice says it.
func (k BreathKind) Word() string {
	switch k {
	case BreatheIn:
		return "in"
	case BreatheTop:
		return "top up"
	case HoldIn, HoldOut:
		return "hold"
	case BreatheOut:
		return "out"
	}
	return "?"
}

// Inhale reports whether the phase draws breath in (the pacer fills).
func (k BreathKind) Inhale() bool { return k == BreatheIn || k == BreatheTop }

// BreathPhase is one timed phase of a pattern.
type BreathPhase struct {
	Kind BreathKind
	Dur  time.Duration
	How  string // shown under the pacer: "through the nose"
}

// BreathPattern is a breathing rhythm the pacer runs: its phases repeat
// for the whole breathing step.
type BreathPattern struct {
	ID     string // as written in routine and settings files
	Name   string // shown as the step's name when it replaces the exercise's own pattern
	Phases []BreathPhase
	Cues   []string // shown when the pattern replaces the exercise's own
	Say    string   // spoken once as the step is announced: the rhythm in a few words
}

// DefaultBreathing is the pattern of a breathing exercise that names none:
// about six breaths a minute, in 4 s and out 6 s.
const DefaultBreathing = "slow"

// BreathPatterns lists every pattern, the default first.
func BreathPatterns() []*BreathPattern {
	sec := func(n int) time.Duration { return time.Duration(n) * time.Second }
	return []*BreathPattern{
		{
			ID: "slow", Name: "Slow breathing",
			Phases: []BreathPhase{{BreatheIn, sec(4), "through the nose"}, {BreatheOut, sec(6), "slowly"}},
			Cues: []string{
				"Breathe in through your nose for 4 seconds, out slowly for 6.",
				"About 6 breaths a minute; keep it relaxed.",
				"Stop if you feel dizzy or your lips or fingers tingle.",
			},
			Say: "In for four, out for six.",
		},
		{
			ID: "box", Name: "Box breathing",
			Phases: []BreathPhase{{BreatheIn, sec(4), "through the nose"}, {HoldIn, sec(4), "lungs full, shoulders easy"}, {BreatheOut, sec(4), "slowly"}, {HoldOut, sec(4), "lungs empty, stay relaxed"}},
			Cues: []string{
				"In 4, hold 4, out 4, hold 4: an even, countable rhythm.",
				"If the holds are hard, choose box-3 or slow breathing.",
				"Stop if you feel dizzy or your lips or fingers tingle.",
			},
			Say: "In for four, hold for four, out for four, hold for four.",
		},
		{
			ID: "box-3", Name: "Box breathing 3-3-3-3",
			Phases: []BreathPhase{{BreatheIn, sec(3), "through the nose"}, {HoldIn, sec(3), "lungs full, shoulders easy"}, {BreatheOut, sec(3), "slowly"}, {HoldOut, sec(3), "lungs empty, stay relaxed"}},
			Cues: []string{
				"In 3, hold 3, out 3, hold 3: box breathing with shorter holds.",
				"Stop if you feel dizzy or your lips or fingers tingle.",
			},
			Say: "In for three, hold for three, out for three, hold for three.",
		},
		{
			ID: "sigh", Name: "Physiological sigh",
			Phases: []BreathPhase{{BreatheIn, sec(2), "through the nose"}, {BreatheTop, sec(1), "a short second sniff"}, {BreatheOut, sec(6), "long, through the mouth"}},
			Cues: []string{
				"Two breaths in through the nose, the second short, to fill up.",
				"Then a long, slow breath out through the mouth.",
				"Stop if you feel dizzy or your lips or fingers tingle.",
			},
			Say: "Two breaths in through the nose, then a long breath out.",
		},
	}
}

// BreathPatternIDs lists the pattern ids, the default first.
func BreathPatternIDs() []string {
	var ids []string
	for _, p := range BreathPatterns() {
		ids = append(ids, p.ID)
	}
	return ids
}

// LookupBreathing finds a pattern by id, or says which ids there are.
func LookupBreathing(id string) (*BreathPattern, error) {
	for _, p := range BreathPatterns() {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, fmt.Errorf("unknown breathing pattern %q%s (want %s)", strictyaml.Shorten(id), strictyaml.Suggest(id, BreathPatternIDs()), strings.Join(BreathPatternIDs(), ", "))
}

// Cycle is the length of one breath of the pattern.
func (p *BreathPattern) Cycle() time.Duration {
	var d time.Duration
	for _, ph := range p.Phases {
		d += ph.Dur
	}
	return d
}

// Rhythm says the phases in a few characters: "in 4 · out 6".
func (p *BreathPattern) Rhythm() string {
	var parts []string
	for _, ph := range p.Phases {
		parts = append(parts, fmt.Sprintf("%s %d", ph.Kind.Word(), int(ph.Dur/time.Second)))
	}
	return strings.Join(parts, " · ")
}

// PerMinute is the pattern's breaths per minute, rounded to one decimal.
func (p *BreathPattern) PerMinute() float64 {
	c := p.Cycle()
	if c <= 0 {
		return 0
	}
	return math.Round(float64(10*time.Minute)/float64(c)) / 10
}

// ownBreathing is the pattern an exercise is written for.
func (e *Exercise) ownBreathing() string {
	if e.Breathing != "" {
		return e.Breathing
	}
	return DefaultBreathing
}

// Breathing is the pattern a breathing step paces, nil for any other kind
// of step. The step's own choice wins, then the exercise's, then the
// person's preferred pattern (the settings; "" for none), then the default.
// An exercise that names a pattern is that pattern (box breathing stays
// box), so the preference only changes exercises that name none.
func (s Step) Breathing(preferred string) *BreathPattern {
	if s.Exercise == nil || s.Exercise.Kind != Breathe {
		return nil
	}
	id := cmp.Or(s.Pattern, s.Exercise.Breathing, preferred, DefaultBreathing)
	p, err := LookupBreathing(id)
	if err != nil {
		p, _ = LookupBreathing(DefaultBreathing)
	}
	return p
}

// BreathingReplaces reports whether the pattern paced differs from the one
// the exercise is written for: then the pattern's name and cues are shown
// in place of the exercise's, which describe another rhythm.
func (s Step) BreathingReplaces(p *BreathPattern) bool {
	return p != nil && s.Exercise != nil && p.ID != s.Exercise.ownBreathing()
}
