package e2e

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A SIGTSTP from outside (job control, kill -TSTP, a multiplexer's
// suspend) does what ctrl+z does: the hold pauses, the terminal is given
// back before the stop, and SIGCONT brings the whole screen back, still
// paused. (As in TestE2ESuspendResume, the app leads its own session here,
// so the kernel discards the stop itself and the app waits for SIGCONT.)
func TestE2EExternalStop(t *testing.T) {
	t.Parallel()
	tm, env := e2eStartHolding(t)
	mark := len(tm.rawOutput())
	tm.signal(t, syscall.SIGTSTP)
	tm.waitFor(t, e2eTimeout, "the terminal to be released on SIGTSTP", func(string) bool {
		raw := tm.rawOutput()[mark:]
		return bytes.Contains(raw, []byte("\x1b[?1049l")) && bytes.Contains(raw, []byte("\x1b[?25h"))
	})
	released := len(tm.rawOutput())
	time.Sleep(1200 * time.Millisecond) // stopped: the hold must not run
	deadline := time.Now().Add(e2eTimeout)
	for !bytes.Contains(tm.rawOutput()[released:], []byte("\x1b[?1049h")) {
		if time.Now().After(deadline) {
			t.Fatalf("the app did not take the terminal back after SIGCONT\n%s", tm.dump())
		}
		tm.signal(t, syscall.SIGCONT)
		time.Sleep(100 * time.Millisecond)
	}
	// The alternate screen comes back empty: all of this is a redraw.
	s := tm.waitFor(t, e2eTimeout, "the whole paused screen after SIGCONT", func(s string) bool {
		return strings.Contains(s, "PAUSED") && strings.Contains(s, e2eExercise+" · LEFT SIDE") && strings.Contains(s, "quit")
	})
	left := e2eTimeLeft(s)
	time.Sleep(1200 * time.Millisecond)
	if s := tm.screen(); e2eTimeLeft(s) != left || !strings.Contains(s, "PAUSED") {
		t.Errorf("the clock ran after SIGCONT: %d s left, then\n%s", left, tm.dump())
	}
	// Stopped twice: the handler is back after the first resume.
	mark = len(tm.rawOutput())
	tm.signal(t, syscall.SIGTSTP)
	tm.waitFor(t, e2eTimeout, "a second release", func(string) bool {
		return bytes.Contains(tm.rawOutput()[mark:], []byte("\x1b[?1049l"))
	})
	released = len(tm.rawOutput())
	for !bytes.Contains(tm.rawOutput()[released:], []byte("\x1b[?1049h")) {
		if time.Now().After(deadline.Add(e2eTimeout)) {
			t.Fatalf("no second resume\n%s", tm.dump())
		}
		tm.signal(t, syscall.SIGCONT)
		time.Sleep(100 * time.Millisecond)
	}
	tm.waitForText(t, e2eTimeout, "PAUSED")
	tm.signal(t, syscall.SIGTERM)
	if code := tm.waitExit(t, e2eTimeout); code != exitInterrupted {
		t.Errorf("exit code %d, want %d", code, exitInterrupted)
	}
	e2eAssertRestored(t, tm.rawOutput())
	if r := e2eAssertRecorded(t, env, "interrupted"); r.PausedSeconds < 2 {
		t.Errorf("history: %.1f s paused, want the >2 s spent stopped and paused", r.PausedSeconds)
	}
}

// `cooldown start tiny --plain | head -2`: once the reader is gone the
// session ends as interrupted, recorded once, with exit 130; the process is
// not killed by SIGPIPE, and the next start reports no session that "ended
// unexpectedly".
func TestE2EPlainOutputClosed(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBinary(t), "start", "tiny", "--plain")
	cmd.Env, cmd.Dir = env.environ(), env.home
	cmd.Stdin = strings.NewReader("")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(out)
	for range 2 {
		if _, err := br.ReadString('\n'); err != nil {
			t.Fatal(err)
		}
	}
	out.Close() // as head does after its lines
	err = cmd.Wait()
	if ctx.Err() != nil {
		t.Fatalf("the app hung after its output closed\n%s", &errb)
	}
	if code := e2eExitCode(t, err); code != exitInterrupted {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitInterrupted, &errb)
	}
	e2eAssertRecorded(t, env, "interrupted")
	next := exec.Command(e2eBinary(t), "history")
	next.Env, next.Dir = env.environ(), env.home
	b, _ := next.CombinedOutput()
	if strings.Contains(string(b), "unexpectedly") {
		t.Errorf("the closed-output session was reported again as ended unexpectedly:\n%s", b)
	}
	if n := len(env.history(t)); n != 1 {
		t.Errorf("%d records after the next command, want 1", n)
	}
}

// The signals that do nothing to a Go program by default leave the session
// running and the screen as it was.
func TestE2EHarmlessSignals(t *testing.T) {
	t.Parallel()
	tm, env := e2eStartHolding(t)
	for _, sig := range []syscall.Signal{syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM, syscall.SIGVTALRM,
		syscall.SIGURG, syscall.SIGIO, syscall.SIGXCPU, syscall.SIGXFSZ, syscall.SIGPWR, syscall.SIGCHLD} {
		tm.signal(t, sig)
	}
	time.Sleep(300 * time.Millisecond)
	select {
	case <-tm.Exited():
		t.Fatalf("a harmless signal ended the app\n%s", tm.dump())
	default:
	}
	tm.waitForText(t, e2eTimeout, e2eExercise+" · LEFT SIDE")
	tm.send(t, e2eKeyCtrlC)
	if code := tm.waitExit(t, e2eTimeout); code != exitInterrupted {
		t.Errorf("exit code %d, want %d", code, exitInterrupted)
	}
	e2eAssertRestored(t, tm.rawOutput())
	e2eAssertRecorded(t, env, "interrupted")
}
