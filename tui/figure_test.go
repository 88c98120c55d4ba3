package tui

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines/session"
)

// hasBraille reports whether a frame shows a stick figure.
func hasBraille(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r > 0x2800 && r <= 0x28ff })
}

// figurePart is the right-hand part of a frame, where the figure is,
// below the header (whose time left changes every second).
func figurePart(frame string, from int) string {
	var b strings.Builder
	for _, l := range strings.Split(frame, "\n")[2:] {
		r := []rune(l)
		if len(r) > from {
			b.WriteString(string(r[from:]))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// During a get-ready the figure moves, a few frames a second; during the
// hold that follows it stays in the end position and the screen wakes
// only on the countdown's whole seconds.
func TestFigureMovesOnlyWhileGettingReady(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	var wakes []time.Time
	after := h.m.c.after
	h.m.c.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		wakes = append(wakes, h.now.Add(d))
		return after(d, msg)
	}
	start := h.now
	frames := map[string]bool{}
	ready := h.sess().Segment().Dur
	if h.sess().Segment().Kind != session.GetReady || ready < 5*time.Second {
		t.Fatalf("the test routine starts with %v of %v", h.sess().Segment().Kind, ready)
	}
	for h.now.Sub(start) < ready {
		frames[figurePart(h.screen(), 50)] = true
		h.advance(100 * time.Millisecond)
	}
	if len(frames) < 5 {
		t.Errorf("the figure showed %d pictures in the get-ready, want it to move", len(frames))
	}
	readyWakes := len(wakes)
	if readyWakes < 10 || readyWakes > int(ready/time.Second)*figureFPS {
		t.Errorf("%d wake-ups in the %v get-ready, want some frames a second and at most %d", readyWakes, ready, int(ready/time.Second)*figureFPS)
	}

	// The hold: 20 s of easy walking. One wake-up a second, on the second,
	// and the figure never changes.
	if h.sess().Segment().Kind != session.Hold {
		t.Fatalf("not in the hold: %v", h.sess().Segment().Kind)
	}
	holdStart := h.now
	still := figurePart(h.screen(), 50)
	for i := 0; i < 190; i++ {
		h.advance(100 * time.Millisecond)
		if got := figurePart(h.screen(), 50); got != still {
			t.Fatalf("the figure changed %v into the hold:\n%s\nwas\n%s", h.now.Sub(holdStart), got, still)
		}
	}
	hold := wakes[readyWakes:]
	if len(hold) != 19 {
		t.Errorf("%d wake-ups in 19 s of the hold, want 19: %v", len(hold), hold)
	}
	for _, w := range hold {
		if off := w.Sub(start); off%time.Second != 0 {
			t.Errorf("a wake-up at %v, not on a whole second", off)
		}
	}
}

// holdOf advances to 2 s into the hold of a step's side.
func holdOf(h *harness, step int, side session.Side) {
	h.t.Helper()
	for i := 0; i < 1000; i++ {
		if seg := h.sess().Segment(); seg.Step == step && seg.Side == side && seg.Kind == session.Hold {
			h.advance(2 * time.Second)
			return
		}
		h.advance(time.Second)
	}
	h.t.Fatalf("never reached the hold of step %d, %v", step, side)
}

// With the figure off, or the body map instead, a get-ready wakes only
// on its seconds too.
func TestNoFigureNoFrames(t *testing.T) {
	for _, f := range []Figure{FigureBodyMap, FigureNone} {
		h := startRoutine(t, 80, 24, func(o *Options) { o.Figure = f })
		n := 0
		after := h.m.c.after
		h.m.c.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
			n++
			return after(d, msg)
		}
		h.advance(5 * time.Second)
		if n != 5 {
			t.Errorf("%s: %d wake-ups in a 5 s get-ready, want 5", f, n)
		}
		if hasBraille(h.screen()) {
			t.Errorf("%s: a stick figure is shown", f)
		}
	}
}

// The animation frames: still at the start, moving on whole ticks, still
// at the end, and resting at the end for the last second.
func TestFigureFrame(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		elapsed, length time.Duration
		frac            float64
		next            time.Duration
	}{
		{0, 5 * time.Second, 0, 800 * ms}, // one 4 s cycle: 0.8 s still
		{800 * ms, 5 * time.Second, 0, 200 * ms},
		{900 * ms, 5 * time.Second, 0, 100 * ms},
		{1000 * ms, 5 * time.Second, 200.0 / 2400, 200 * ms},
		{3200 * ms, 5 * time.Second, 1, 0}, // at the end for the rest
		{4500 * ms, 5 * time.Second, 1, 0}, // the last second
		{0, 10 * time.Second, 0, 600 * ms}, // three 3 s cycles
		{2500 * ms, 10 * time.Second, 1, 500 * ms},
		{3000 * ms, 10 * time.Second, 0, 600 * ms}, // back to the start
		{9500 * ms, 10 * time.Second, 1, 0},
		{0, 1500 * ms, 1, 0}, // too short to move
		{0, 0, 1, 0},
	}
	for _, c := range cases {
		frac, next := figureFrame(c.elapsed, c.length)
		if frac != c.frac || next != c.next {
			t.Errorf("figureFrame(%v, %v) = %v, %v; want %v, %v", c.elapsed, c.length, frac, next, c.frac, c.next)
		}
	}
}

// The session screen with a figure at the sizes of the README, and the
// figure hidden where it no longer fits beside the digits.
func TestFigureSizes(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		shown bool
	}{{120, 40, true}, {100, 24, true}, {80, 24, true}, {PoseMinWidth, PoseMinHeight, true},
		{PoseMinWidth - 1, 24, false}, {80, PoseMinHeight - 1, false}} {
		t.Run(sizeName(c.w, c.h), func(t *testing.T) {
			h := startRoutine(t, c.w, c.h, nil)
			holdOf(h, 1, session.Left) // the quad stretch, left
			frame := h.screen()
			checkFrame(t, frame, c.w, c.h)
			if hasBraille(frame) != c.shown {
				t.Errorf("figure shown %v, want %v:\n%s", hasBraille(frame), c.shown, frame)
			}
			golden.RequireEqual(t, []byte(frame))
		})
	}
}

func sizeName(w, h int) string { return fmt.Sprintf("%dx%d", w, h) }

// The right side is the left side's mirror image, and the f key switches
// figure → body map → neither → figure.
func TestFigureSidesAndKey(t *testing.T) {
	h := startRoutine(t, 100, 24, nil)
	holdOf(h, 1, session.Left)
	left := h.screen()
	holdOf(h, 1, session.Right)
	if h.sess().Segment().Side != session.Right || h.sess().Segment().Kind != session.Hold {
		t.Fatalf("not holding the right side: %+v", h.sess().Segment())
	}
	right := h.screen()
	if figurePart(left, 60) == figurePart(right, 60) {
		t.Errorf("the right side shows the same figure as the left")
	}
	h.key("f")
	if s := h.screen(); hasBraille(s) || !strings.Contains(s, "front") {
		t.Errorf("f did not switch to the body map:\n%s", s)
	}
	h.key("f")
	if s := h.screen(); hasBraille(s) || strings.Contains(s, "front") {
		t.Errorf("f did not hide the figure:\n%s", s)
	}
	h.key("f")
	if s := h.screen(); !hasBraille(s) {
		t.Errorf("f did not bring the figure back:\n%s", s)
	}
}

// The pose figure and body map kept from one frame to the next draw
// exactly what drawing them afresh would, through a whole routine: get
// ready (the figure moving), holds, a side switch (mirrored), the f key
// (body map alone, then no figure) and the terminal's background colour
// arriving midway (the styles change under what was kept).
func TestKeptDrawingsMatchFresh(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {100, 24}} {
		h := startRoutine(t, size[0], size[1], nil)
		fresh := func() string {
			r := h.run_()
			k := r.kept
			r.kept = kept{}
			v := h.m.View().Content
			r.kept = k
			return v
		}
		var sawFigure, sawMap bool
		for i := 0; h.pending != nil && i < 20000; i++ {
			if _, ok := h.m.screen.(*runScreen); !ok {
				break
			}
			switch i {
			case 200:
				h.send(tea.BackgroundColorMsg{Color: color.White})
			case 400, 600:
				h.key("f")
			}
			got := h.m.View().Content
			if want := fresh(); got != want {
				t.Fatalf("%dx%d, frame %d: the kept drawing differs from a fresh one:\n%s\nwant\n%s", size[0], size[1], i, ansi.Strip(got), ansi.Strip(want))
			}
			sawFigure = sawFigure || hasBraille(got)
			sawMap = sawMap || strings.Contains(got, "front         back")
			h.advance(250 * time.Millisecond)
		}
		if !sawFigure || !sawMap {
			t.Errorf("%dx%d: figure shown %v, body map shown %v; want both", size[0], size[1], sawFigure, sawMap)
		}
	}
}

// A second of a session at 120×40, the figure and body map beside the
// countdown, from the model to the bytes written: Update, View and paint.
func BenchmarkSessionFrame(b *testing.B) {
	h := startRoutine(b, 120, 40, nil)
	h.advance(h.sess().Remaining(h.now) + 2*time.Second)
	p := newPainter(120, 40, colorprofile.TrueColor)
	var out bytes.Buffer
	p.erase(&out)
	b.ReportAllocs()
	for b.Loop() {
		if h.pending == nil || h.sess().State() != session.Running {
			b.StopTimer()
			h = startRoutine(b, 120, 40, nil)
			h.advance(h.sess().Remaining(h.now) + 2*time.Second)
			b.StartTimer()
		}
		h.advance(time.Second)
		out.Reset()
		drawFrame(p, &out, h.m.View().Content)
	}
}
