package session

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

// coached runs s from now to end the way the screen does: it wakes only at
// the moments the display changes (the countdown's seconds and the
// pacer's cells), ticks, and collects the event cues and the coach's cues
// with their moments. act, if set, is called at each wake-up first and may
// act on the session (its events' cues are collected too).
func coached(s *Session, now, end time.Time, cells int, act func(now time.Time) []Event, acts ...time.Duration) []string {
	var out []string
	add := func(cs []Cue) {
		for _, c := range cs {
			until := ""
			if !c.Until.IsZero() {
				until = "<" + c.Until.Sub(t0).String()
			}
			out = append(out, fmt.Sprintf("%v|%s|%s%s", c.At.Sub(t0), c.Kind, c.Say, until))
		}
	}
	for !now.After(end) && s.State() != Done {
		if act != nil {
			add(s.Cues(act(now)))
		}
		add(s.Cues(s.Tick(now)))
		add(s.Coach(now))
		if s.State() != Running {
			break
		}
		d := s.NextChange(now)
		if pc, ok := s.Pacer(now); ok {
			d = min(d, pc.NextChange(cells))
		}
		for _, a := range acts { // wake for the test's own actions too
			if at := t0.Add(a); at.After(now) {
				d = min(d, at.Sub(now))
			}
		}
		now = now.Add(d)
	}
	return out
}

func coachRoutine() *routines.Routine {
	calf := step(exCalf, 10*sec, 1)
	calf.Exercise = &routines.Exercise{ID: "calf-wall", Name: "Calf stretch", Kind: routines.Stretch, Areas: []string{"calves"}, PerSide: true,
		Cues: []string{"Hands on the wall, back leg straight.", "Heel down."}}
	br := step(breathing(""), 20*sec, 1)
	br.Exercise.Name = "Slow breathing"
	return routine(step(exWalk, 10*sec, 1), calf, br, step(exWater, 10*sec, 1))
}

func requireLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("cues:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Every phrase of a whole routine, in order and at its exact moment: the
// announcement with the first cue as each step starts, "three, two, one"
// over the last seconds of each hold of 6 s or more, "in" and "out" at each
// phase of the pacer (no count there), and the finish.
func TestCoachPhrasesInOrder(t *testing.T) {
	s := New(coachRoutine(), opts(true))
	got := coached(s, t0, t0.Add(time.Hour), 40, func(now time.Time) []Event {
		if now.Equal(t0) {
			return s.Start(now)
		}
		return nil
	})
	// Timeline (get ready 4 s, switch 3 s): walk 0–4–14, calf 14–18–28,
	// switch 28–31, right 31–41, breathe 41–45–65, water 65–69–79.
	requireLines(t, got, []string{
		"0s|announce|Easy walk. Ten seconds.<10s",
		"4s|go|",
		"11s|count|three<11.9s",
		"12s|count|two<12.9s",
		"13s|count|one<13.9s",
		"14s|step done|",
		"14s|announce|Next: Calf stretch. Ten seconds each side, left side first. Hands on the wall, back leg straight.<24s",
		"18s|go|",
		"25s|count|three<25.9s",
		"26s|count|two<26.9s",
		"27s|count|one<27.9s",
		"28s|switch|Switch sides.<31s",
		"31s|go|",
		"38s|count|three<38.9s",
		"39s|count|two<39.9s",
		"40s|count|one<40.9s",
		"41s|step done|",
		"41s|announce|Next: Slow breathing. Twenty seconds. In for four, out for six.<51s",
		"45s|go|",
		"45s|breath start|in<47s",
		"49s|breath|out<51s",
		"55s|breath|in<57s",
		"59s|breath|out<1m1s",
		"1m5s|step done|",
		"1m5s|announce|Next: Drink water. Ten seconds.<1m15s",
		"1m9s|go|",
		"1m16s|count|three<1m16.9s",
		"1m17s|count|two<1m17.9s",
		"1m18s|count|one<1m18.9s",
		"1m19s|finished|Cool-down complete. Well done.",
	})
}

// The same routine with the box pattern chosen in the settings: the
// exercise that names no pattern takes it, with its name and its words.
func TestCoachBoxBreathing(t *testing.T) {
	r := routine(step(breathing(""), 32*sec, 1))
	s := New(r, Options{Timing: tm, AutoAdvance: true, Breathing: "box"})
	s.Start(t0)
	got := coached(s, t0.Add(4*sec), t0.Add(time.Hour), 20, nil)
	requireLines(t, got, []string{
		"4s|go|",
		"4s|breath start|in<6s",
		"8s|breath|hold<10s",
		"12s|breath|out<14s",
		"16s|breath|hold<18s",
		"20s|breath|in<22s",
		"24s|breath|hold<26s",
		"28s|breath|out<30s",
		"32s|breath|hold<34s",
		"36s|finished|Cool-down complete. Well done.",
	})
	if s.StepName(0) != "Box breathing" {
		t.Fatalf("name %q", s.StepName(0))
	}
}

// The sigh's second breath in is its own phase: "top up".
func TestCoachSighTopUp(t *testing.T) {
	ex := breathing("sigh")
	s := New(routine(step(ex, 9*sec, 1)), Options{Timing: routines.Timing{}, AutoAdvance: true})
	got := coached(s, t0, t0.Add(time.Hour), 30, func(now time.Time) []Event {
		if now.Equal(t0) {
			return s.Start(now)
		}
		return nil
	})
	requireLines(t, got, []string{
		"0s|go|",
		"0s|announce|Breathing. Nine seconds. Two breaths in through the nose, then a long breath out.<10s",
		"0s|breath start|in<1s",
		"2s|breath|top up<2.5s",
		"3s|breath|out<5s",
		"9s|finished|Cool-down complete. Well done.",
	})
}

// Nothing is said while paused; after resuming, the count and the breaths
// come at their moments shifted by exactly the pause, and what was said
// before the pause is not said again.
func TestCoachPauseResume(t *testing.T) {
	r := routine(step(breathing(""), 20*sec, 1), step(exWalk, 10*sec, 1))
	s := New(r, Options{Timing: routines.Timing{}, AutoAdvance: true})
	const pause = 3*sec + 500*ms
	got := coached(s, t0, t0.Add(time.Hour), 10, func(now time.Time) []Event {
		switch {
		case now.Equal(t0):
			return s.Start(now)
		case now.Equal(t0.Add(5*sec + 250*ms)):
			evs := s.Pause(now)
			if cs := s.Coach(now.Add(pause / 2)); len(cs) > 0 {
				t.Errorf("coach while paused: %v", cs)
			}
			return append(evs, s.Resume(now.Add(pause))...)
		}
		return nil
	}, 5*sec+250*ms)
	requireLines(t, got, []string{
		"0s|go|",
		"0s|announce|Breathing. Twenty seconds. In for four, out for six.<10s",
		"0s|breath start|in<2s",
		"4s|breath|out<6s",
		// paused 5.25 s → 8.75 s: the rest is 3.5 s later.
		"13.5s|breath|in<15.5s",
		"17.5s|breath|out<19.5s",
		"23.5s|step done|",
		"23.5s|go|",
		"23.5s|announce|Next: Easy walk. Ten seconds.<33.5s",
		"30.5s|count|three<31.4s",
		"31.5s|count|two<32.4s",
		"32.5s|count|one<33.4s",
		"33.5s|finished|Cool-down complete. Well done.",
	})
}

// A wake-up that comes late gives the cue of the moment it wakes in, with
// its true moment, and skips what it missed; the voice then drops a cue
// past its Until.
func TestCoachLateWakeSkips(t *testing.T) {
	s := New(routine(step(exWalk, 10*sec, 1)), Options{Timing: routines.Timing{}, AutoAdvance: true})
	s.Start(t0)
	if cs := s.Coach(t0.Add(6 * sec)); len(cs) != 0 {
		t.Fatalf("coach at 6 s of 10: %v", cs)
	}
	cs := s.Coach(t0.Add(8*sec + 600*ms)) // slept through "three"
	if len(cs) != 1 || cs[0].Say != "two" || !cs[0].At.Equal(t0.Add(8*sec)) || !cs[0].Until.Equal(t0.Add(8*sec+countStale)) {
		t.Fatalf("late wake: %+v", cs)
	}
	if cs := s.Coach(t0.Add(8*sec + 700*ms)); len(cs) != 0 {
		t.Fatalf("said twice: %+v", cs)
	}
}

// A hold lengthened after its count began is counted again at its new
// end; a hold shorter than 6 s is not counted at all.
func TestCoachAdjustRecounts(t *testing.T) {
	s := New(routine(step(exWalk, 10*sec, 1)), Options{Timing: routines.Timing{}, AutoAdvance: true})
	got := coached(s, t0, t0.Add(time.Hour), 0, func(now time.Time) []Event {
		switch {
		case now.Equal(t0):
			return s.Start(now)
		case now.Equal(t0.Add(8 * sec)):
			return s.Adjust(now, 5*sec)
		}
		return nil
	})
	requireLines(t, got, []string{
		"0s|go|",
		"0s|announce|Easy walk. Ten seconds.<10s",
		"7s|count|three<7.9s",
		"12s|count|three<12.9s",
		"13s|count|two<13.9s",
		"14s|count|one<14.9s",
		"15s|finished|Cool-down complete. Well done.",
	})
	short := New(routine(step(exWalk, 5*sec, 1)), Options{Timing: routines.Timing{}, AutoAdvance: true})
	got = coached(short, t0, t0.Add(time.Hour), 0, func(now time.Time) []Event {
		if now.Equal(t0) {
			return short.Start(now)
		}
		return nil
	})
	for _, l := range got {
		if strings.Contains(l, "|count|") {
			t.Fatalf("a 5 s hold was counted: %v", got)
		}
	}
}

// With auto-advance off, the wait says what is next.
func TestCoachWaitingSaysNext(t *testing.T) {
	s := New(routine(step(exWalk, 6*sec, 1), step(exCalf, 20*sec, 2)), Options{Timing: routines.Timing{}, AutoAdvance: false})
	s.Start(t0)
	cs := s.Cues(s.Tick(t0.Add(6 * sec)))
	var says []string
	for _, c := range cs {
		says = append(says, c.Kind.String()+"|"+c.Say)
	}
	want := "step done|\nwaiting|Next: Calf stretch at a wall. Two times twenty seconds each side. Press enter when you are ready."
	if strings.Join(says, "\n") != want {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(says, "\n"), want)
	}
}

// A drill counted in reps is announced with its reps.
func TestCoachAnnouncesReps(t *testing.T) {
	drill := &routines.Exercise{ID: "open-book", Name: "Open book", Kind: routines.Mobility, Areas: []string{"chest"}, PerSide: true, Count: 6,
		Cues: []string{"Lie on your side."}}
	s := New(routine(step(drill, 30*sec, 1)), opts(true))
	cs := s.Cues(s.Start(t0))
	if len(cs) != 1 || cs[0].Say != "Open book. Six reps in thirty seconds each side, left side first. Lie on your side." {
		t.Fatalf("%+v", cs)
	}
}

// A massage-gun step says the gun's rule first: lowest speed, keep moving.
func TestCoachAnnouncesTheGun(t *testing.T) {
	gun := &routines.Exercise{ID: "gun-calves", Name: "Massage gun: calves", Kind: routines.MassageGun, Areas: []string{"calves"}, PerSide: true,
		Cues: []string{"Sit, knee bent."}}
	s := New(routine(step(gun, 45*sec, 1)), opts(true))
	cs := s.Cues(s.Start(t0))
	want := "Massage gun: calves. Forty-five seconds each side, left side first. Massage gun on its lowest speed; keep it moving, never over bone. Sit, knee bent."
	if len(cs) != 1 || cs[0].Say != want {
		t.Fatalf("got %+v\nwant %q", cs, want)
	}
}
