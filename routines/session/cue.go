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
	CueGo          CueKind = iota + 1 // a hold starts (get-ready or switch is over)
	CueSwitch                         // switch sides
	CueStepDone                       // a step's last hold ended and another step follows
	CueFinished                       // the routine is done
	CueAnnounce                       // no sound: speech naming the step about to start, and its first cue
	CueCount                          // no sound: "three", "two", "one" at the end of a hold
	CueBreath                         // the breathing pacer changes phase: "in", "hold", "out"
	CueBreathStart                    // the pacer's first phase of a hold: spoken, no bell (the hold's own rang)
	CueWaiting                        // no sound: auto-advance is off and the next step waits
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
	case CueCount:
		return "count"
	case CueBreath:
		return "breath"
	case CueBreathStart:
		return "breath start"
	case CueWaiting:
		return "waiting"
	}
	return "?"
}

// Cue is one sound, and optionally words to speak with it.
type Cue struct {
	Kind CueKind
	At   time.Time
	Say  string
	// Until is the last moment the words are still worth starting (a
	// count or a breath word whose moment has passed is dropped rather
	// than said late); zero means they never go stale.
	Until time.Time
}

// Cues turns the events of one call into cues. Pausing and resuming make
// no sound; a step that ends the routine gives only the finish cue. Speech
// announces each step as it starts (with its get-ready, so the person
// hears what is next while moving into position) and reads its first cue.
func (s *Session) Cues(evs []Event) []Cue {
	var out []Cue
	for i, e := range evs {
		switch e.Kind {
		case SegmentStarted:
			switch e.Segment.Kind {
			case Hold:
				out = append(out, Cue{Kind: CueGo, At: e.At})
			case Switch:
				out = append(out, Cue{Kind: CueSwitch, At: e.At, Say: "Switch sides.", Until: e.At.Add(e.Segment.Dur)})
			}
			if e.Index == s.tl.StepStart(e.Segment.Step) {
				if c, ok := s.announce(e); ok {
					out = append(out, c)
				}
			}
		case WaitingForUser:
			st := s.tl.Routine.Steps[e.Segment.Step]
			out = append(out, Cue{Kind: CueWaiting, At: e.At, Say: "Next: " + s.StepName(e.Segment.Step) + ". " + spokenLength(st) + ". Press enter when you are ready."})
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

// announceStale: an announcement not begun this long after its step
// started is dropped: by then the person is well into the step.
const announceStale = 10 * time.Second

// announce is the speech for a step about to start: what it is, how long,
// which side first, and its first cue (for a breathing step, the rhythm).
func (s *Session) announce(e Event) (Cue, bool) {
	st := s.tl.Routine.Steps[e.Segment.Step]
	if st.Exercise == nil {
		return Cue{}, false
	}
	var b strings.Builder
	if e.Segment.Step > 0 {
		b.WriteString("Next: ")
	}
	b.WriteString(s.StepName(e.Segment.Step))
	b.WriteString(". ")
	b.WriteString(spokenLength(st))
	if st.Exercise.PerSide {
		b.WriteString(", left side first")
	}
	b.WriteString(".")
	first := ""
	if cues := s.StepCues(e.Segment.Step); len(cues) > 0 {
		first = cues[0]
	}
	if p := s.Pattern(e.Segment.Step); p != nil {
		first = p.Say
	}
	if st.Exercise.Kind == routines.MassageGun {
		// Said before anything else about the gun: the one rule that
		// matters most with it.
		first = strings.TrimSpace("Massage gun on its lowest speed; keep it moving, never over bone. " + first)
	}
	if first != "" {
		b.WriteString(" ")
		b.WriteString(first)
	}
	return Cue{Kind: CueAnnounce, At: e.At, Say: b.String(), Until: e.At.Add(announceStale)}, true
}

// spokenLength says a step's length: "Thirty seconds each side", "Two
// times thirty seconds", "Eight reps in forty seconds".
func spokenLength(st routines.Step) string {
	d := SpokenDuration(st.For)
	if n := st.RepCount(); n > 0 {
		d = spoken(n, "rep") + " in " + d
	}
	if st.Reps > 1 {
		d = numberWord(st.Reps) + " times " + d
	}
	if st.Exercise != nil && st.Exercise.PerSide {
		d += " each side"
	}
	return strings.ToUpper(d[:1]) + d[1:]
}

// StepName is step i's name as shown and spoken: a breathing step that
// paces another pattern than its exercise is written for takes the
// pattern's name ("Box breathing"), as its cues describe another rhythm.
func (s *Session) StepName(i int) string {
	st := s.tl.Routine.Steps[i]
	if p := s.Pattern(i); st.BreathingReplaces(p) {
		return p.Name
	}
	return st.Name()
}

// StepCues are step i's cues as shown: the exercise's, or the pattern's
// when it replaces the exercise's own (see StepName).
func (s *Session) StepCues(i int) []string {
	st := s.tl.Routine.Steps[i]
	if p := s.Pattern(i); st.BreathingReplaces(p) {
		return p.Cues
	}
	if st.Exercise == nil {
		return nil
	}
	return st.Exercise.Cues
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
