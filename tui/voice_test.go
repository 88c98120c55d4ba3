package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines/session"
)

// fakeSpeaker is a speech program that writes each phrase to a file and
// then, while a "hold" file exists, keeps speaking: the test decides when
// the speaker is busy. Its clock is fake: staleness is judged by it.
type fakeSpeaker struct {
	t          *testing.T
	dir, out   string
	hold       string
	v          *Voice
	mu         sync.Mutex
	now        time.Time
	spoken     []string
	dropped    []string
	doneSignal chan struct{}
}

func newFakeSpeaker(t *testing.T) *fakeSpeaker {
	t.Helper()
	dir := t.TempDir()
	f := &fakeSpeaker{t: t, dir: dir, out: filepath.Join(dir, "spoken.txt"), hold: filepath.Join(dir, "hold"),
		now: time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC), doneSignal: make(chan struct{}, 100)}
	script := filepath.Join(dir, "fake-say")
	body := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> " + f.out + "\nwhile [ -e " + f.hold + " ]; do sleep 0.01; done\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	f.v = NewVoice([]string{script})
	f.v.now = func() time.Time {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.now
	}
	f.v.onDone = func(text string, spoken bool) {
		f.mu.Lock()
		if spoken {
			f.spoken = append(f.spoken, text)
		} else {
			f.dropped = append(f.dropped, text)
		}
		f.mu.Unlock()
		f.doneSignal <- struct{}{}
	}
	return f
}

func (f *fakeSpeaker) busy(on bool) {
	f.t.Helper()
	if on {
		if err := os.WriteFile(f.hold, nil, 0o644); err != nil {
			f.t.Fatal(err)
		}
		return
	}
	if err := os.Remove(f.hold); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fakeSpeaker) advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// settle waits until n phrases have been spoken or dropped in all.
func (f *fakeSpeaker) settle(n int) (spoken, dropped []string) {
	f.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		got := len(f.spoken) + len(f.dropped)
		spoken, dropped = append([]string{}, f.spoken...), append([]string{}, f.dropped...)
		f.mu.Unlock()
		if got >= n {
			return spoken, dropped
		}
		select {
		case <-f.doneSignal:
		case <-deadline:
			f.t.Fatalf("only %d of %d phrases done: spoken %q, dropped %q", got, n, spoken, dropped)
		}
	}
}

// Phrases wait in line behind a busy speaker and are said in order, none
// cut off; one whose moment passed while it waited is dropped.
func TestVoiceQueuesInOrderAndDropsStale(t *testing.T) {
	f := newFakeSpeaker(t)
	f.busy(true)
	start := f.v.now()
	for _, p := range []struct {
		text  string
		until time.Duration
	}{{"Next: Slow breathing.", 10 * time.Second}, {"in", 2 * time.Second}, {"out", 6 * time.Second}, {"Well done.", 0}} {
		until := time.Time{}
		if p.until > 0 {
			until = start.Add(p.until)
		}
		if err := f.v.SayBy(p.text, until); err != nil {
			t.Fatal(err)
		}
	}
	waitFile(t, f.out, "Next: Slow breathing.\n") // speaking, the rest wait
	f.advance(3 * time.Second)                    // "in" is stale by the time the speaker is free
	f.busy(false)
	spoken, dropped := f.settle(4)
	if strings.Join(spoken, "|") != "Next: Slow breathing.|out|Well done." || strings.Join(dropped, "|") != "in" {
		t.Fatalf("spoken %q, dropped %q", spoken, dropped)
	}
	waitFile(t, f.out, "Next: Slow breathing.\nout\nWell done.\n")
}

// Hush stops the phrase being spoken and drops the line; what comes after
// is said.
func TestVoiceHush(t *testing.T) {
	f := newFakeSpeaker(t)
	f.busy(true)
	_ = f.v.Say("Next: Calf stretch.")
	_ = f.v.Say("three")
	waitFile(t, f.out, "Next: Calf stretch.\n")
	f.v.Hush()
	f.busy(false)
	_, dropped := f.settle(2)
	if strings.Join(dropped, "|") != "three|Next: Calf stretch." {
		t.Fatalf("dropped %q, want the queued phrase then the one cut off", dropped)
	}
	if err := f.v.Say("Next: Hamstring stretch."); err != nil {
		t.Fatalf("a hushed phrase counted as a failure: %v", err)
	}
	spoken, _ := f.settle(3)
	if strings.Join(spoken, "|") != "Next: Hamstring stretch." {
		t.Fatalf("spoken %q", spoken)
	}
}

// At most maxQueue phrases wait; past that the oldest waiting is dropped.
func TestVoiceQueueBounded(t *testing.T) {
	f := newFakeSpeaker(t)
	f.busy(true)
	words := []string{"first", "a", "b", "c", "d", "e", "f"}
	_ = f.v.Say(words[0])
	waitFile(t, f.out, "first\n")
	for _, w := range words[1:] {
		_ = f.v.Say(w)
	}
	f.busy(false)
	spoken, dropped := f.settle(len(words))
	if strings.Join(spoken, "|") != "first|c|d|e|f" || strings.Join(dropped, "|") != "a|b" {
		t.Fatalf("spoken %q, dropped %q", spoken, dropped)
	}
}

// Say never waits for the speech program: with a speaker that does not
// finish, a hundred more phrases are queued (and the oldest dropped) while
// the first is still being spoken.
func TestVoiceNeverBlocks(t *testing.T) {
	f := newFakeSpeaker(t)
	f.busy(true)
	t.Cleanup(func() { f.v.Hush() })
	_ = f.v.Say("a long phrase")
	waitFile(t, f.out, "a long phrase\n")
	done := make(chan struct{})
	go func() {
		for range 100 {
			_ = f.v.SayBy("three", f.v.now().Add(time.Second))
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Say waited for the busy speaker")
	}
	f.mu.Lock()
	spoken := len(f.spoken)
	f.mu.Unlock()
	if spoken != 0 || f.v.idle() {
		t.Fatalf("the first phrase ended (%d spoken) before the others were queued", spoken)
	}
	if _, dropped := f.settle(100 - maxQueue); len(dropped) != 100-maxQueue {
		t.Fatalf("%d dropped, want %d", len(dropped), 100-maxQueue)
	}
}

// countingPlayer plays cues with a real Player, counting the bells it
// rings (the first at once, the others by timer) instead of ringing them.
type countingPlayer struct {
	p     *Player
	h     *harness
	bells []string // "time|kind|n"
}

func (c *countingPlayer) Play(cue session.Cue) tea.Cmd {
	n := 0
	c.p.after = func(time.Duration, tea.Msg) tea.Cmd { n++; return nil }
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, sub := range msg {
				run(sub)
			}
		case tea.RawMsg:
			n++
		}
	}
	run(c.p.Play(cue))
	if n > 0 {
		c.bells = append(c.bells, fmt.Sprintf("%v|%s|%d", c.h.now.Sub(c.h.start), cue.Kind, n))
	}
	return nil
}

func (c *countingPlayer) Hush() { c.p.Hush() }

// idle reports whether the voice has nothing queued or being spoken.
func (v *Voice) idle() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.queue) == 0 && !v.speaking
}

// runSpeaking runs the breathing routine to its end with player p, waking
// as the screen asks; after each wake-up it lets the speech program finish
// before the fake clock moves on, so no phrase goes stale.
func runSpeaking(t *testing.T, p *countingPlayer, f *fakeSpeaker) {
	t.Helper()
	h := breathHarness(t, 80, 24, nil, func(o *Options) { o.Cues = p })
	p.h = h
	// The voice's clock follows the harness's, behind the speaker's lock:
	// the speaker reads it on its own goroutine.
	sync := func() {
		if f != nil {
			f.mu.Lock()
			f.now = h.now
			f.mu.Unlock()
		}
	}
	sync()
	for h.pending != nil {
		for f != nil && !f.v.idle() {
			time.Sleep(time.Millisecond)
		}
		h.advance(h.pending.at.Sub(h.now))
		sync()
	}
	for f != nil && !f.v.idle() {
		time.Sleep(time.Millisecond)
	}
	if _, ok := h.m.screen.(*summaryScreen); !ok {
		t.Fatalf("the routine did not finish: %T", h.m.screen)
	}
}

// The whole breathing routine through a Player whose voice is a fake
// speech program, on the fake clock: every phrase reaches the program, in
// the order of the cues. Without a voice nothing is spoken and the bells
// are the same; the pacer rings only with the breathing bell chosen.
func TestVoiceCoachesTheSession(t *testing.T) {
	f := newFakeSpeaker(t)
	voiced := &countingPlayer{p: NewPlayer(true, f.v)}
	runSpeaking(t, voiced, f)
	spoken, dropped := f.settle(0)
	if len(dropped) > 0 {
		t.Fatalf("dropped %q", dropped)
	}
	b, _ := os.ReadFile(f.out)
	if got := strings.TrimSuffix(string(b), "\n"); got != strings.Join(spoken, "\n") {
		t.Fatalf("the program was given\n%s\nbut the voice spoke\n%s", got, strings.Join(spoken, "\n"))
	}
	slowIn := strings.Repeat("in|out|", 3) // 30 s of 4 + 6
	box := "in|hold|out|hold|in|hold|out|hold|"
	sigh := "in|top up|out|in|top up|out|"
	joined := strings.Join(spoken, "|")
	t.Logf("spoken: %s", joined)
	for _, part := range []string{
		"Slow breathing. Thirty seconds. In for four, out for six.|" + slowIn + "Next: Box breathing. Thirty-two seconds. In for four, hold for four, out for four, hold for four.|" + box +
			"Next: Physiological sigh. Eighteen seconds. Two breaths in through the nose, then a long breath out.|" + sigh + "Next: ",
		"|three|two|one|Switch sides.|three|two|one|Cool-down complete. Well done.",
	} {
		if !strings.Contains(joined, part) {
			t.Fatalf("spoken:\n%s\nlacks\n%s", strings.Join(spoken, "\n"), part)
		}
	}
	if strings.Count(joined, "three") != 2 {
		t.Fatalf("the count is said on the stretch's two sides only, not on breathing: %s", joined)
	}

	silent := &countingPlayer{p: NewPlayer(true, nil)}
	runSpeaking(t, silent, nil)
	if strings.Join(silent.bells, "\n") != strings.Join(voiced.bells, "\n") {
		t.Fatalf("bells differ with and without voice:\n%s\n--\n%s", strings.Join(voiced.bells, "\n"), strings.Join(silent.bells, "\n"))
	}
	for _, b := range silent.bells {
		if strings.Contains(b, "|breath") || strings.Contains(b, "|count") {
			t.Fatalf("a bell for the pacer or the count without the breathing bell: %s", b)
		}
	}

	bp := NewPlayer(true, nil)
	bp.BreathBell = true
	belled := &countingPlayer{p: bp}
	runSpeaking(t, belled, nil)
	breaths := 0
	for _, b := range belled.bells {
		if strings.Contains(b, "|breath|1") {
			breaths++
		}
		if strings.Contains(b, "|breath start|") {
			t.Fatalf("the pacer's first phase rang over the hold's own bell: %s", b)
		}
	}
	// 5 changes after the first phase of slow (6 phases), 7 of box, 5 of the sigh.
	if breaths != 5+7+5 {
		t.Fatalf("%d breathing bells, want %d:\n%s", breaths, 5+7+5, strings.Join(belled.bells, "\n"))
	}
	quiet := NewPlayer(false, nil)
	quiet.BreathBell = true
	q := &countingPlayer{p: quiet}
	runSpeaking(t, q, nil)
	if len(q.bells) > 0 {
		t.Fatalf("bells with sound off: %v", q.bells)
	}
}
