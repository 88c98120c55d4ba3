package session

import (
	"fmt"
	"strings"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// CueKind is a sound the session asks for at a change.
type CueKind int

const (
	CueGo       CueKind = iota + 1 // a hold starts (get-ready or switch is over)
	CueSwitch                      // switch sides
	CueStepDone                    // a step's last hold ended and another step follows
	CueFinished                    // the routine is done
	CueAnnounce                    // no sound: speech naming the step about to start
)

func (k CueKind) String() string {
	switch k {
	case CueGo:
		return "go"
	case CueSwitch:
		return "switch"
	case CueStepDone:
		return "step done"
	case CueFinished:
		return "finished"
	case CueAnnounce:
		return "announce"
	}
	return "?"
}

// Cue is one sound, and optionally words to speak with it.
type Cue struct {
	Kind CueKind
	At   time.Time
	Say  string
}

// Cues turns the events of one call into cues. Pausing, resuming and
// waiting make no sound; a step that ends the routine gives only the
// finish cue. Speech announces each step as its get-ready starts, so the
// person hears what is next while moving into position.
func (s *Session) Cues(evs []Event) []Cue {
	var out []Cue
	for i, e := range evs {
		switch e.Kind {
		case SegmentStarted:
			switch e.Segment.Kind {
			case Hold:
				out = append(out, Cue{Kind: CueGo, At: e.At})
			case Switch:
				out = append(out, Cue{Kind: CueSwitch, At: e.At, Say: "Switch sides."})
			case GetReady:
				if c, ok := s.announce(e); ok {
					out = append(out, c)
				}
			}
		case StepDone:
			if i+1 < len(evs) && evs[i+1].Kind == Finished {
				continue
			}
			out = append(out, Cue{Kind: CueStepDone, At: e.At})
		case Finished:
			out = append(out, Cue{Kind: CueFinished, At: e.At, Say: "Cool-down complete. Well done."})
		}
	}
	return out
}

// announce is the speech for a step about to start.
func (s *Session) announce(e Event) (Cue, bool) {
	st := s.tl.Routine.Steps[e.Segment.Step]
	if st.Exercise == nil {
		return Cue{}, false
	}
	var b strings.Builder
	if st.Exercise.PerSide {
		b.WriteString("Left side first. ")
	}
	b.WriteString(st.Exercise.Name)
	b.WriteString(". ")
	d := SpokenDuration(st.For)
	b.WriteString(strings.ToUpper(d[:1]) + d[1:])
	if st.Exercise.PerSide {
		b.WriteString(" each side")
	}
	b.WriteString(".")
	return Cue{Kind: CueAnnounce, At: e.At, Say: b.String()}, true
}

// SpokenDuration says a length the way a coach would: "thirty seconds",
// "two minutes", "one minute thirty seconds".
func SpokenDuration(d time.Duration) string {
	secs := int(d / time.Second)
	m, s := secs/60, secs%60
	var parts []string
	if m > 0 {
		parts = append(parts, spoken(m, "minute"))
	}
	if s > 0 || m == 0 {
		parts = append(parts, spoken(s, "second"))
	}
	return strings.Join(parts, " ")
}

// spoken counts a unit in words, as speech reads best: "two minutes".
func spoken(n int, unit string) string {
	return numberWord(n) + " " + routines.Noun(n, unit, unit+"s")
}

func numberWord(n int) string {
	ones := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty"}
	switch {
	case n < 20:
		return ones[n]
	case n < 60 && n%10 == 0:
		return tens[n/10]
	case n < 60:
		return tens[n/10] + "-" + ones[n%10]
	}
	return fmt.Sprint(n)
}
