package e2e

// End-to-end tests of the hands-free cues, colour and history edges.

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// oscRe matches OSC sequences (a window title ends in BEL too).
var oscRe = regexp.MustCompile("\x1b\\][^\x07\x1b]*(\x07|\x1b\\\\)")

// bells counts the terminal bells in raw output, not counting the BEL
// that ends an OSC sequence.
func bells(raw []byte) int {
	return bytes.Count(oscRe.ReplaceAll(raw, nil), []byte{'\a'})
}

// The tiny routine rings: go (1), switch sides (2), go (1), step done (3),
// go for the drink (1), finished (4).
func TestE2EBellsMatchCues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"sound", []string{"start", "tiny"}, 1 + 2 + 1 + 3 + 1 + 4},
		{"quiet", []string{"start", "tiny", "--quiet"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newE2EEnv(t)
			env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
			tm := e2eStart(t, env, 80, 24, tc.args...)
			tm.waitForText(t, 30*time.Second, "Cool-down complete")
			// The finishing bells are spaced out: let them all ring.
			time.Sleep(1500 * time.Millisecond)
			tm.send(t, e2eKeyEnter)
			if code := tm.waitExit(t, e2eTimeout); code != 0 {
				t.Fatalf("exit code %d", code)
			}
			if got := bells(tm.rawOutput()); got != tc.want {
				t.Fatalf("%d bells, want %d", got, tc.want)
			}
		})
	}
}

// sgrRe matches SGR sequences; colourParams finds colour parameters in one.
var (
	sgrRe        = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)
	colourParams = regexp.MustCompile(`(^|;)(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;|:|$)`)
)

func colourEscapes(raw []byte) []string {
	var found []string
	for _, m := range sgrRe.FindAllSubmatch(raw, -1) {
		if colourParams.Match(m[1]) {
			found = append(found, string(m[0]))
		}
	}
	return found
}

// NO_COLOR removes every colour escape from the full-screen app.
func TestE2ENoColor(t *testing.T) {
	t.Parallel()
	run := func(t *testing.T, extra ...string) []byte {
		env := newE2EEnv(t)
		env.writeRoutine(t, "tiny.yaml", e2eHoldYAML)
		tm := e2eStartWith(t, env, e2eOptions{cols: 80, rows: 24, env: extra}, "start", "tiny")
		tm.waitForText(t, e2eTimeout, "HOLD")
		tm.send(t, "q")
		tm.waitForText(t, e2eTimeout, "Quit this session?")
		tm.send(t, "y")
		e2eLeaveSummary(t, tm) // quitting ends on the summary
		if code := tm.waitExit(t, e2eTimeout); code != 0 {
			t.Fatalf("exit code %d", code)
		}
		return tm.rawOutput()
	}
	t.Run("colour by default", func(t *testing.T) {
		t.Parallel()
		if len(colourEscapes(run(t, "COLORTERM=truecolor"))) == 0 {
			t.Fatal("no colour at all in a colour terminal: the check below would prove nothing")
		}
	})
	t.Run("NO_COLOR", func(t *testing.T) {
		t.Parallel()
		if found := colourEscapes(run(t, "COLORTERM=truecolor", "NO_COLOR=1")); len(found) > 0 {
			t.Fatalf("colour escapes with NO_COLOR=1: %q", found[:min(len(found), 5)])
		}
	})
}

// A session killed with SIGKILL leaves a checkpoint; the next start of
// cooldown records it as interrupted, once.
func TestE2EKilledSessionIsRecovered(t *testing.T) {
	t.Parallel()
	tm, env := e2eStartHolding(t)
	time.Sleep(1200 * time.Millisecond) // a little of the hold is done
	tm.signal(t, syscall.SIGKILL)
	select {
	case <-tm.Exited():
	case <-time.After(e2eTimeout):
		t.Fatal("SIGKILL did not end the app")
	}
	if recs := env.history(t); len(recs) != 0 {
		t.Fatalf("a killed session wrote a record: %+v", recs)
	}
	for i := range 2 { // the second run must not record it again
		var got struct {
			Sessions []struct {
				Outcome     string             `json:"outcome"`
				AreaSeconds map[string]float64 `json:"area_seconds"`
			} `json:"sessions"`
		}
		_, errOut := env.historyJSON(t, &got)
		if len(got.Sessions) != 1 || got.Sessions[0].Outcome != "interrupted" {
			t.Fatalf("run %d: sessions %+v, want one interrupted", i, got.Sessions)
		}
		if i == 0 && !strings.Contains(errOut, "ended unexpectedly") {
			t.Errorf("the recovery was not reported: %q", errOut)
		}
	}
	e2eAssertRecorded(t, env, "interrupted")
}

// When history cannot be written (the state folder is a file), the
// session still runs to its end and the failure is shown, not hidden.
func TestE2EHistoryNotWritable(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	blocker := filepath.Join(t.TempDir(), "state-is-a-file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	env.state = blocker
	var errb e2eBuffer
	tm := e2eStartWith(t, env, e2eOptions{cols: 80, rows: 24, stderr: &errb}, "start", "tiny")
	// On screen, the checkpoint's failure (the log is still tried at the
	// end); on stderr, once the end's append failed too, "not saved".
	tm.waitForText(t, e2eTimeout, "cannot keep a checkpoint")
	tm.waitForText(t, 30*time.Second, "Cool-down complete")
	tm.send(t, e2eKeyEnter)
	if code := tm.waitExit(t, e2eTimeout); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if !strings.Contains(errb.String(), "history not saved") {
		t.Fatalf("stderr does not report the failure: %q", errb.String())
	}
}
