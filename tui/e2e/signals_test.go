package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
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
	if r := tm.assertEnded(t, env, exitInterrupted, "interrupted"); r.PausedSeconds < 2 {
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
	tm.assertEnded(t, env, exitInterrupted, "interrupted")
}

// In plain mode a stop (ctrl+z at the shell, kill -TSTP) pauses the hold
// for as long as the process is stopped: "Paused", then "Resumed", and the
// time stopped is paused time in the history.
func TestE2EPlainStop(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eHoldYAML)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBinary(t), "start", "tiny", "--plain")
	cmd.Env, cmd.Dir = env.environ(), env.home
	cmd.Stdin = strings.NewReader("")
	// A group of its own whose parent (this test) is in another group of
	// the same session: not orphaned, so the stop really stops it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitLine := func(want string) {
		t.Helper()
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("output ended before %q; stderr:\n%s", want, &errb)
				}
				if strings.Contains(l, want) {
					return
				}
			case <-time.After(e2eTimeout):
				t.Fatalf("no line with %q", want)
			}
		}
	}
	waitLine("Go: ")
	if err := cmd.Process.Signal(syscall.SIGTSTP); err != nil {
		t.Fatal(err)
	}
	waitLine("Paused")
	deadline := time.Now().Add(e2eTimeout)
	for !e2eStopped(cmd.Process.Pid) {
		if time.Now().After(deadline) {
			t.Fatal("the process did not stop")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	waitLine("Resumed")
	cmd.Process.Signal(syscall.SIGTERM)
	if code := e2eExitCode(t, cmd.Wait()); code != exitInterrupted {
		t.Errorf("exit code %d, want %d", code, exitInterrupted)
	}
	if r := e2eAssertRecorded(t, env, "interrupted"); r.PausedSeconds < 1.4 {
		t.Errorf("%.1f s paused, want the 1.5 s stopped", r.PausedSeconds)
	}
}

// e2eStopped reads the process's state from /proc: T is stopped.
func e2eStopped(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(b, ')')
	return i > 0 && i+2 < len(b) && b[i+2] == 'T'
}

// Under job control (a process group of its own, not a session leader),
// ctrl+z and a SIGTSTP from outside really stop the process once the
// terminal is given back, and SIGCONT brings back the whole screen, paused.
// (A caught SIGTSTP cannot stop a Go program; the app stops with SIGSTOP.)
func TestE2EStopUnderJobControl(t *testing.T) {
	t.Parallel()
	tm, env := e2eStartHoldingWith(t, e2eOptions{ownGroup: true})
	for i, stop := range []func(){
		func() { tm.send(t, "\x1a") },            // ctrl+z
		func() { tm.signal(t, syscall.SIGTSTP) }, // kill -TSTP, a multiplexer
	} {
		mark := len(tm.rawOutput())
		stop()
		deadline := time.Now().Add(e2eTimeout)
		for !e2eStopped(tm.Pid()) {
			if time.Now().After(deadline) {
				t.Fatalf("stop %d: the process did not stop\n%s", i, tm.dump())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if !bytes.Contains(tm.rawOutput()[mark:], []byte("\x1b[?1049l")) {
			t.Fatalf("stop %d: stopped without giving the terminal back", i)
		}
		time.Sleep(1200 * time.Millisecond)
		released := len(tm.rawOutput())
		tm.signal(t, syscall.SIGCONT)
		tm.waitFor(t, e2eTimeout, "the terminal taken back", func(string) bool {
			return bytes.Contains(tm.rawOutput()[released:], []byte("\x1b[?1049h"))
		})
		s := tm.waitFor(t, e2eTimeout, "the whole paused screen", func(s string) bool {
			return strings.Contains(s, "PAUSED") && strings.Contains(s, e2eExercise+" · LEFT SIDE") && strings.Contains(s, "quit")
		})
		left := e2eTimeLeft(s)
		time.Sleep(1100 * time.Millisecond)
		if got := e2eTimeLeft(tm.screen()); got != left {
			t.Errorf("stop %d: the clock ran after SIGCONT: %d s left, then %d", i, left, got)
		}
	}
	tm.signal(t, syscall.SIGTERM)
	if r := tm.assertEnded(t, env, exitInterrupted, "interrupted"); r.PausedSeconds < 4 {
		t.Errorf("%.1f s paused, want the >4 s spent stopped and paused", r.PausedSeconds)
	}
}
