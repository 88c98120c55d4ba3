package e2e

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// A resumed run reuses the interrupted session's id. Killed in turn with
// SIGKILL (no handler runs, no final record), its progress must not be
// lost: the next start records its checkpoint, and the history shows one
// session, from its first start, as far as the resumed run got, which can
// be resumed again from there.
func TestE2EKilledResumedRunIsRecovered(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyRoutine("hydrate 1s", "active-easy 30s", "childs-pose 30s"))
	tm := e2eStart(t, env, 80, 24, "start", "tiny")
	tm.waitFor(t, e2eTimeout, "the second step", func(s string) bool {
		return strings.Contains(s, "step 2 of 3") && strings.Contains(s, "MOVE")
	})
	tm.signal(t, syscall.SIGTERM)
	if code := tm.waitExit(t, e2eTimeout); code != 130 {
		t.Fatalf("exit %d after SIGTERM, want 130", code)
	}
	first := env.history(t)
	if len(first) != 1 || first[0].Outcome != "interrupted" || first[0].StepsDone != 1 {
		t.Fatalf("history after the interruption: %+v", first)
	}

	// Resumed in plain mode, which saves its checkpoint at each step's end
	// before it says the next step: once step 3 is announced, the skip of
	// step 2 is on disk.
	tm = e2eStart(t, env, 100, 30, "start", "--resume", "--plain")
	tm.waitForText(t, e2eTimeout, "Resuming at step 2 of 3.")
	tm.waitForText(t, e2eTimeout, "Go: Easy walk or spin")
	tm.send(t, "n")
	tm.waitForText(t, e2eTimeout, "Go: Child's pose")
	tm.signal(t, syscall.SIGKILL)
	select {
	case <-tm.Exited():
	case <-time.After(e2eTimeout):
		t.Fatal("SIGKILL did not end the app")
	}

	for i := range 2 { // the second run must not record it again
		var got struct {
			Sessions []struct {
				Start        time.Time `json:"start"`
				Outcome      string    `json:"outcome"`
				StepsDone    int       `json:"steps_done"`
				StepsSkipped int       `json:"steps_skipped"`
			} `json:"sessions"`
		}
		out, errOut := env.historyJSON(t, &got)
		if len(got.Sessions) != 1 {
			t.Fatalf("run %d: %d sessions, want one: %s", i, len(got.Sessions), out)
		}
		s := got.Sessions[0]
		if s.Outcome != "interrupted" || !s.Start.Equal(first[0].Start) || s.StepsDone != 1 || s.StepsSkipped != 1 {
			t.Fatalf("run %d: session %+v, want the resumed run's progress (1 done, 1 skipped) from the first start", i, s)
		}
		if i == 0 && !strings.Contains(errOut, "ended unexpectedly") {
			t.Errorf("the recovery was not reported: %q", errOut)
		}
	}

	// It goes on from where the killed run got.
	tm = e2eStart(t, env, 100, 30, "start", "--resume", "--plain")
	tm.waitForText(t, e2eTimeout, "Resuming at step 3 of 3.")
	tm.send(t, "q")
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Fatalf("exit %d", code)
	}
}

// plan --soreness very-sore --start in a terminal shows the very-sore check
// once: on screen, where it is answered, and not also on stderr.
func TestE2EPlanStartVerySoreCheckOnce(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	var errb e2eBuffer
	tm := e2eStartWith(t, env, e2eOptions{cols: 80, rows: 24, stderr: &errb},
		"plan", "--minutes", "10", "--soreness", "very-sore", "--areas", "legs", "--start")
	tm.waitForText(t, e2eTimeout, "quick check")
	tm.send(t, e2eKeyCtrlC)
	tm.waitExit(t, e2eTimeout)
	if strings.Contains(errb.String(), "quick check") {
		t.Errorf("the check card was also printed on stderr:\n%s", errb.String())
	}
}
