package e2e

// Hard edges of the real binary in a pseudo-terminal (harness in
// e2e_helpers_test.go): a storm of resizes, a window too small mid-session,
// stdin that is not a terminal, and a hold on a machine kept busy. Signals
// mid-hold are TestE2ESignals, a tiny window at the picker TestE2ETinyWindow.
// Skipped with -short.

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// 200 resizes in two seconds mid-hold, to sizes from far too small to
// large: the app keeps running, and once the storm is over the last frame
// is drawn whole at the last size.
func TestEdgeResizeStorm(t *testing.T) {
	t.Parallel()
	tm, env := e2eStartHolding(t)
	rng := rand.New(rand.NewPCG(1, 2)) // the same storm every run
	start := time.Now()
	for i := range 200 {
		tm.resize(t, 5+rng.IntN(196), 2+rng.IntN(59))
		time.Sleep(time.Until(start.Add(time.Duration(i+1) * 10 * time.Millisecond)))
	}
	const w, h = 100, 30
	tm.resize(t, w, h)
	s := tm.waitFor(t, e2eTimeout, "the session drawn whole at 100×30", func(s string) bool {
		return e2eFitsSession(s, w, h)
	})
	if n := strings.Count(s, "step 1 of 2"); n != 1 {
		t.Errorf("the header shows %d times on the last frame, want once\n%s", n, tm.dump())
	}
	tm.send(t, "q")
	tm.waitForText(t, e2eTimeout, "Quit this session?")
	tm.send(t, "y")
	e2eLeaveSummary(t, tm) // quitting ends on the summary
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Errorf("exit code %d, want %d", code, exitOK)
	}
	e2eAssertNoPanic(t, tm.rawOutput())
	e2eAssertRestored(t, tm.rawOutput())
	e2eAssertRecorded(t, env, "quit")
}

// e2eFitsSession reports whether screen is the session screen laid out for
// a w×h window: the header's time left ends at the right margin of the top
// row and the help line is the bottom row.
func e2eFitsSession(screen string, w, h int) bool {
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		return false
	}
	top := strings.TrimRight(lines[0], " ")
	bottom := strings.TrimSpace(lines[h-1])
	return strings.Contains(top, "step 1 of 2") && strings.HasSuffix(top, " left") &&
		len([]rune(top)) == w-1 && strings.Contains(bottom, "quit")
}

// A window below the minimum size mid-session shows the request for a
// larger window and nothing else; growing it brings the session back,
// shrinking and growing again too, and the session is not disturbed.
func TestEdgeTinyWindowMidSession(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eHoldYAML)
	tm := e2eStart(t, env, 20, 6, "start", "tiny")
	tooSmall := func(s string) bool {
		return strings.Contains(s, "Enlarge window") || strings.Contains(s, "Make the window larger")
	}
	holding := func(s string) bool {
		return strings.Contains(s, "HOLD") && strings.Contains(s, e2eExercise+" · LEFT SIDE")
	}
	for range 2 {
		s := tm.waitFor(t, e2eTimeout, "a request for a larger window", tooSmall)
		if strings.Contains(s, "step 1") || strings.Contains(s, "HOLD") {
			t.Fatalf("the session is drawn in a 20×6 window\n%s", tm.dump())
		}
		tm.resize(t, 80, 24)
		tm.waitFor(t, e2eTimeout, "the session at 80×24", holding)
		tm.resize(t, 20, 6)
	}
	tm.resize(t, 80, 24)
	tm.waitFor(t, e2eTimeout, "the session at 80×24", holding)
	tm.send(t, "q")
	tm.waitForText(t, e2eTimeout, "Quit this session?")
	tm.send(t, "y")
	e2eLeaveSummary(t, tm) // quitting ends on the summary
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Errorf("exit code %d, want %d", code, exitOK)
	}
	e2eAssertNoPanic(t, tm.rawOutput())
	e2eAssertRestored(t, tm.rawOutput())
	e2eAssertRecorded(t, env, "quit")
}

// e2eAssertNoPanic fails if the output looks like a Go panic.
func e2eAssertNoPanic(t *testing.T, raw []byte) {
	t.Helper()
	if bytes.Contains(raw, []byte("panic")) || bytes.Contains(raw, []byte("goroutine ")) {
		t.Errorf("the output looks like a panic:\n%s", raw)
	}
}

// Keys cannot be read from a stdin that is not a terminal, even with a
// terminal to draw on: the app says so and exits 2 at once (it must not
// draw a screen nobody can answer, nor hang), and --plain runs the routine
// line by line on that terminal.
func TestEdgeStdinNotTerminal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"screen", []string{"start", "tiny"}, exitUsage, "terminal"},
		{"plain", []string{"start", "tiny", "--plain"}, exitOK, "Drink some water"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newE2EEnv(t)
			env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
			ptmx, tty, err := pty.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer ptmx.Close()
			if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
				t.Fatal(err)
			}
			var out e2eBuffer
			readDone := make(chan struct{})
			go func() {
				defer close(readDone)
				buf := make([]byte, 4096)
				for {
					n, err := ptmx.Read(buf)
					_, _ = out.Write(buf[:n])
					if err != nil {
						return
					}
				}
			}()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, e2eBinary(t), tc.args...)
			cmd.Env, cmd.Dir = env.environ(), env.home
			cmd.Stdin = strings.NewReader("") // a pipe at its end
			cmd.Stdout, cmd.Stderr = tty, tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			start := time.Now()
			err = cmd.Run()
			_ = tty.Close()
			if ctx.Err() != nil {
				t.Fatalf("the app hung with stdin not a terminal: killed after %v\n%s", time.Since(start).Round(time.Millisecond), out.String())
			}
			<-e2eWaitOrTimeout(readDone, 2*time.Second)
			got := out.String()
			if code := e2eExitCode(t, err); code != tc.code {
				t.Fatalf("exit code %d, want %d; output:\n%s", code, tc.code, got)
			}
			if !strings.Contains(strings.ToLower(got), strings.ToLower(tc.want)) {
				t.Errorf("the output does not mention %q:\n%s", tc.want, got)
			}
			if strings.Contains(got, "\x1b[?1049h") {
				t.Errorf("the alternate screen was entered without a terminal to read keys from: %q", got)
			}
			if tc.code == exitUsage && time.Since(start) > 5*time.Second {
				t.Errorf("the app took %v to give up", time.Since(start).Round(time.Millisecond))
			}
		})
	}
}

// A ten-second hold on a machine whose every core is kept busy still ends
// on time: the end of the hold and of the routine show on screen within
// 100 ms of the app's own deadlines (its recorded start plus the segments;
// generous, so a loaded CI machine does not make it flaky). Not parallel:
// the burners would slow the other tests.
func TestEdgeBusyMachine(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary (skipped with -short)")
	}
	env := newE2EEnv(t) // get-ready and switch gaps of 1 s
	env.writeRoutine(t, "busy.yaml", `routines:
  - id: busy
    name: Busy machine routine
    soreness: [sore]
    summary: One ten-second hold, for timing under load.
    steps:
      - do: behind-back-clasp
        for: 10s
      - do: hydrate
        for: 1s
`)
	// Segments: get ready 1 s, hold 10 s, get ready 1 s, drink 1 s.
	const holdEnd, routineEnd = 11 * time.Second, 13 * time.Second
	const slack = 100 * time.Millisecond

	var mu sync.Mutex
	seen := map[string]time.Time{} // first time each mark was on screen
	mark := func(name string, at time.Time) {
		if _, ok := seen[name]; !ok {
			seen[name] = at
		}
	}
	tm := e2eStartWith(t, env, e2eOptions{cols: 80, rows: 24, onOutput: func(at time.Time, s string) {
		mu.Lock()
		defer mu.Unlock()
		if strings.Contains(s, "step 1 of 2") && strings.Contains(s, "HOLD") {
			mark("hold", at)
		}
		if strings.Contains(s, "step 2 of 2") {
			mark("hold end", at)
		}
		if strings.Contains(s, "Cool-down complete") {
			mark("routine end", at)
		}
	}}, "start", "busy")
	tm.waitForText(t, e2eTimeout, "HOLD")

	stop := e2eBurnCPUs(t, runtime.NumCPU())
	tm.waitForText(t, 30*time.Second, "Cool-down complete")
	stop()
	tm.send(t, e2eKeyEnter)
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Fatalf("exit code %d, want %d", code, exitOK)
	}
	e2eAssertRestored(t, tm.rawOutput())

	recs := env.history(t)
	if len(recs) != 1 || recs[0].Outcome != "completed" {
		t.Fatalf("history: %+v, want one completed session", recs)
	}
	start := recs[0].Start
	mu.Lock()
	defer mu.Unlock()
	for _, c := range []struct {
		name  string
		after time.Duration
	}{{"hold end", holdEnd}, {"routine end", routineEnd}} {
		at, ok := seen[c.name]
		if !ok {
			t.Errorf("never saw the %s on screen", c.name)
			continue
		}
		late := at.Sub(start.Add(c.after))
		t.Logf("%s on screen %+.1f ms from its deadline, %d cores busy", c.name, float64(late)/float64(time.Millisecond), runtime.NumCPU())
		// Not before the deadline (a few ms of leeway for the two
		// processes' clock reads), at most slack after it.
		if late < -5*time.Millisecond || late > slack {
			t.Errorf("the %s showed %v from its deadline (start %s + %v); want within %v",
				c.name, late.Round(100*time.Microsecond), start.Format(time.RFC3339Nano), c.after, slack)
		}
	}
}

// e2eBurnCPUs keeps n processes spinning until stop is called (or the test
// ends): each is a shell in a busy loop, killed by its own process id.
func e2eBurnCPUs(t *testing.T, n int) (stop func()) {
	t.Helper()
	var procs []*os.Process
	for range n {
		cmd := exec.Command("/bin/sh", "-c", "while :; do :; done")
		if err := cmd.Start(); err != nil {
			t.Fatalf("start a CPU burner: %v", err)
		}
		procs = append(procs, cmd.Process)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			for _, p := range procs {
				_ = p.Kill()
				_, _ = p.Wait()
			}
		})
	}
	t.Cleanup(stop)
	return stop
}
