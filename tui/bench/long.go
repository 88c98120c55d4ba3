package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// The long run: a 30-minute routine of 17 steps and 64 segments, run on a
// clock sped up -speed times (the app's hidden COOLDOWN_BENCH_SPEED), for
// drift that accumulates over many ticks and segment ends. Each end is
// compared with the first frame plus the lengths so far divided by the
// speed, in real milliseconds. A tick's own lateness is real time whatever
// the speed, so an error that grew with each tick or each segment would
// show as it would over a real 30 minutes (once per tick, once per
// segment), while a single tick's lateness shows once.
const (
	longSteps = 15 // per-side stretches of 50 s a side, then two 102 s holds
	longYAML  = `routines:
  - id: long
    name: Thirty minutes
    soreness: [sore]
    summary: Many segments, for the drift over a long routine.
    steps:
%s      - do: behind-back-clasp
        for: 102s
      - do: behind-back-clasp
        for: 102s
`
)

// longSegments are the segments of the long routine, in order.
func longSegments() []time.Duration {
	var segs []time.Duration
	for range longSteps {
		segs = append(segs, 3*time.Second, 50*time.Second, 3*time.Second, 50*time.Second)
	}
	for range 2 {
		segs = append(segs, 3*time.Second, 102*time.Second)
	}
	return segs
}

func longTotal() time.Duration {
	var d time.Duration
	for _, s := range longSegments() {
		d += s
	}
	return d
}

type longResult struct {
	speed     float64
	total     time.Duration
	errs      []time.Duration // each end against zero + lengths / speed
	ticksPerS float64         // frames a real second, for the record
}

func longRun(bin, dir string, o options) (*longResult, error) {
	sb, err := newSandbox(dir)
	if err != nil {
		return nil, err
	}
	steps := strings.Repeat("      - do: wall-calf\n        for: 50s\n", longSteps)
	if err := sb.WriteRoutine("long.yaml", fmt.Sprintf(longYAML, steps)); err != nil {
		return nil, err
	}
	o.cols, o.rows, o.trace = 80, 24, nil
	o.env = append(append([]string(nil), o.env...), fmt.Sprintf("COOLDOWN_BENCH_SPEED=%g", o.longSpeed))
	t, err := startTerm(bin, sb, o, completeFrame, "start", "long")
	if err != nil {
		return nil, err
	}
	defer t.Kill()
	if err := t.waitFor("the first complete frame", screenTimeout, func() bool { return !t.firstFrame.IsZero() }); err != nil {
		return nil, err
	}
	real := time.Duration(float64(longTotal()) / o.longSpeed)
	if err := t.waitFor("the summary", real+time.Minute, func() bool { return t.sig == summaryText }); err != nil {
		return nil, err
	}
	if _, err := t.Send("\r"); err != nil {
		return nil, err
	}
	select {
	case <-t.Exited():
	case <-time.After(screenTimeout):
		return nil, fmt.Errorf("the app did not exit after the summary")
	}
	t.Lock()
	defer t.Unlock()
	segs := longSegments()
	if len(t.transitions) != len(segs) {
		return nil, fmt.Errorf("saw %d segment ends, want %d", len(t.transitions), len(segs))
	}
	lr := &longResult{speed: o.longSpeed, total: longTotal()}
	var deadline time.Duration
	for i, d := range segs {
		deadline += d
		want := t.firstFrame.Add(time.Duration(float64(deadline) / o.longSpeed))
		lr.errs = append(lr.errs, t.transitions[i].at.Sub(want))
	}
	lr.ticksPerS = float64(len(t.chunks)) / real.Seconds()
	return lr, nil
}

func (lr *longResult) report(out io.Writer) {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	worst, at := 0.0, 0
	for i, e := range lr.errs {
		if math.Abs(ms(e)) > worst {
			worst, at = math.Abs(ms(e)), i
		}
	}
	n := len(lr.errs)
	fmt.Fprintf(out, "\nno accumulation: a %v routine (%d segments) on a clock %g× fast, so %v of real time and about %.0f writes a second (80×24), each end against the first frame + the lengths so far / %g, in real ms:\n",
		lr.total, n, lr.speed, time.Duration(float64(lr.total)/lr.speed).Round(time.Second), lr.ticksPerS, lr.speed)
	fmt.Fprintf(out, "  first end %+.1f ms, middle end %+.1f ms, last end (the end of the routine) %+.1f ms, worst |error| %.1f ms (end %d of %d); last − first %+.1f ms (target: the end within 10 ms)\n",
		ms(lr.errs[0]), ms(lr.errs[n/2]), ms(lr.errs[n-1]), worst, at+1, n, ms(lr.errs[n-1]-lr.errs[0]))
}
