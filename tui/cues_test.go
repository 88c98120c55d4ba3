package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines/session"
)

// recordingPlayer notes every cue with the fake time it was played.
type recordingPlayer struct {
	h    *harness
	cues []string
}

func (p *recordingPlayer) Play(c session.Cue) tea.Cmd {
	p.cues = append(p.cues, fmt.Sprintf("%s|%s|%s", p.h.now.Sub(p.h.start).String(), c.Kind, c.Say))
	return nil
}

func TestCueOrderAndTiming(t *testing.T) {
	h2 := &recordingPlayer{}
	hs := startRoutineWith(t, func(o *Options) { o.Cues = h2 }, h2)
	hs.advance(time.Hour)
	// Names and first cues come from the catalogue, whose wording may change.
	ex := func(id string) (string, string) {
		e, ok := hs.m.c.opts.Library.Exercise(id)
		if !ok {
			t.Fatalf("no exercise %s", id)
		}
		return e.Name, e.Cues[0]
	}
	walk, walkCue := ex("active-easy")
	quad, quadCue := ex("standing-quad")
	water, waterCue := ex("hydrate")
	want := []string{
		"0s|announce|" + walk + ". Twenty seconds. " + walkCue,
		"5s|go|",
		"22s|count|three",
		"23s|count|two",
		"24s|count|one",
		"25s|step done|",
		"25s|announce|Next: " + quad + ". Two times thirty seconds each side, left side first. " + quadCue,
		"30s|go|",
		"57s|count|three",
		"58s|count|two",
		"59s|count|one",
		"1m0s|switch|Switch sides.",
		"1m5s|go|",
		"1m32s|count|three",
		"1m33s|count|two",
		"1m34s|count|one",
		"1m35s|switch|Switch sides.",
		"1m40s|go|",
		"2m7s|count|three",
		"2m8s|count|two",
		"2m9s|count|one",
		"2m10s|switch|Switch sides.",
		"2m15s|go|",
		"2m42s|count|three",
		"2m43s|count|two",
		"2m44s|count|one",
		"2m45s|step done|",
		"2m45s|announce|Next: " + water + ". Twenty seconds. " + waterCue,
		"2m50s|go|",
		"3m7s|count|three",
		"3m8s|count|two",
		"3m9s|count|one",
		"3m10s|finished|Cool-down complete. Well done.",
	}
	got := h2.cues
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("cues:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// startRoutineWith starts the test routine with a recording player whose
// clock reference is set before the first cue.
func startRoutineWith(t *testing.T, mutate func(*Options), p *recordingPlayer) *harness {
	t.Helper()
	hs := &harness{t: t, now: time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)}
	hs.start = hs.now
	p.h = hs
	lib := testLibrary(t)
	r, err := lib.Routine("test-routine")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Library: lib, Routine: r, Session: testSessionOptions(), Now: func() time.Time { return hs.now }, Units: "ml"}
	return hs.launch(opts, 80, 24, mutate)
}

func TestQuietPlaysNoBells(t *testing.T) {
	p := NewPlayer(false, nil)
	for _, k := range []session.CueKind{session.CueGo, session.CueSwitch, session.CueStepDone, session.CueFinished} {
		if cmd := p.Play(session.Cue{Kind: k}); cmd != nil {
			if msg := cmd(); msg != nil {
				t.Fatalf("quiet player produced %T for %v", msg, k)
			}
		}
	}
}

func TestBellsPerCue(t *testing.T) {
	var fired []time.Duration
	p := NewPlayer(true, nil)
	p.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		fired = append(fired, d)
		return nil
	}
	p.Play(session.Cue{Kind: session.CueFinished})
	if len(fired) != 3 || fired[2] != 3*bellGap {
		t.Fatalf("finished cue: later bells at %v, want 3 spaced %v", fired, bellGap)
	}
}

func TestVoiceSpeaksWithCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "spoken.txt")
	script := filepath.Join(dir, "fake-say")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$*\" >> "+out+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	v := NewVoice([]string{script, "-v"})
	if err := v.Say("Left side first. Standing quad stretch. Thirty seconds."); err != nil {
		t.Fatal(err)
	}
	waitFile(t, out, "-v Left side first. Standing quad stretch. Thirty seconds.\n")
}

func TestVoiceMissingCommandReportedOnce(t *testing.T) {
	v := NewVoice([]string{filepath.Join(t.TempDir(), "no-such-say")})
	err := v.Say("Switch sides.")
	if err == nil || !strings.Contains(err.Error(), "continuing without speech") {
		t.Fatalf("first failure: %v", err)
	}
	if err := v.Say("Switch sides."); err != nil {
		t.Fatalf("second failure reported again: %v", err)
	}
}

func TestVoiceFailingCommandReportedLater(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "broken-say")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	v := NewVoice([]string{script})
	if err := v.Say("one"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		v.mu.Lock()
		late := v.late
		v.mu.Unlock()
		if late != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := v.Say("two"); err == nil || !strings.Contains(err.Error(), "failed") {
		t.Fatalf("a failing command was not reported: %v", err)
	}
}

// waitFile polls until path holds want (the speech runs in the background).
func waitFile(t *testing.T, path, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		if string(b) == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s holds %q, want %q", path, b, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Text from a routine file never becomes an option of the speech program:
// each supported program is faked by a script of its name that records its
// arguments one per line.
func TestVoiceTextIsNeverAnOption(t *testing.T) {
	for _, tt := range []struct {
		prog string
		want string // the recorded argv after the program name
	}{
		{"espeak-ng", "-s\n150\n--\nw/tmp/x.wav Calf stretch\n"},
		{"spd-say", "-s\n150\n--\nw/tmp/x.wav Calf stretch\n"},
		{"say", "-s\n150\nw/tmp/x.wav Calf stretch\n"},
		{"my-own-speaker", "-s\n150\nw/tmp/x.wav Calf stretch\n"},
	} {
		t.Run(tt.prog, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "argv.txt")
			script := filepath.Join(dir, tt.prog)
			if err := os.WriteFile(script, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> "+out+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			v := NewVoice([]string{script, "-s", "150"})
			if err := v.Say("--w/tmp/x.wav Calf stretch"); err != nil {
				t.Fatal(err)
			}
			waitFile(t, out, tt.want)
		})
	}
}
