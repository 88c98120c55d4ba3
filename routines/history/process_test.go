//go:build unix

package history

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The tests in this file run copies of the test binary as separate
// processes, because what they check (O_APPEND atomicity, flock liveness)
// is about processes, not goroutines. A helper is selected by -test.run and
// only acts when helperEnv is set, so a normal run skips it.
const (
	helperEnv     = "COOLDOWN_HISTORY_HELPER_DIR"
	helperProcEnv = "COOLDOWN_HISTORY_HELPER_PROC"
	appenders     = 4
	appendsEach   = 200
)

func helperCmd(t *testing.T, test, dir string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), helperEnv+"="+dir), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// bigRecord is larger than PIPE_BUF (4 KiB) on purpose: small writes are
// atomic even on pipes, so only a large record shows that appends to the
// file do not interleave.
func bigRecord(proc, i int) Record {
	r := mkRec(fmt.Sprintf("p%d-%03d", proc, i), t0().Add(time.Duration(i)*time.Minute), 12)
	r.RoutineName = strings.Repeat(string(rune('a'+proc)), 6000)
	r.StepsDone = i
	r.AreaSeconds = map[string]float64{}
	for _, a := range []string{"neck", "shoulders", "chest", "upper-back", "lower-back", "arms", "lats", "hips",
		"glutes", "quads", "hamstrings", "adductors", "calves", "shins", "feet", "it-band"} {
		r.AreaSeconds[a] = float64(proc*1000 + i)
	}
	return r
}

// TestHelperAppender is run as a child by TestAppendAcrossProcesses. It
// waits for its stdin to close, so that all children start appending at
// the same moment, then appends its records.
func TestHelperAppender(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process for TestAppendAcrossProcesses")
	}
	proc, err := strconv.Atoi(os.Getenv(helperProcEnv))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, os.Stdin)
	s := NewStore(dir)
	for i := range appendsEach {
		if err := s.Append(bigRecord(proc, i)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAppendAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	var cmds []*exec.Cmd
	var gates []io.WriteCloser
	for p := range appenders {
		cmd := helperCmd(t, "TestHelperAppender", dir, helperProcEnv+"="+strconv.Itoa(p))
		gate, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, gates = append(cmds, cmd), append(gates, gate)
	}
	for _, g := range gates {
		g.Close() // go
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("appender %d: %v", i, err)
		}
	}

	recs, ws := mustRead(t, NewStore(dir))
	if len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	if len(recs) != appenders*appendsEach {
		t.Fatalf("got %d records, want %d", len(recs), appenders*appendsEach)
	}
	next := make([]int, appenders) // each process's records must appear in its own order
	for _, r := range recs {
		var p, i int
		if _, err := fmt.Sscanf(r.ID, "p%d-%d", &p, &i); err != nil || p < 0 || p >= appenders {
			t.Fatalf("bad id %q", r.ID)
		}
		if i != next[p] {
			t.Fatalf("process %d: record %d where %d was expected", p, i, next[p])
		}
		next[p]++
		want := bigRecord(p, i)
		if r.RoutineName != want.RoutineName || r.StepsDone != i || len(r.AreaSeconds) != 16 || r.AreaSeconds["feet"] != want.AreaSeconds["feet"] {
			t.Fatalf("record %s damaged", r.ID)
		}
	}
}

// TestHelperCheckpointHolder is run as a child: it begins a session, saves
// progress, says "ready", and then runs until it is killed.
func TestHelperCheckpointHolder(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process for TestRecoverAcrossProcesses")
	}
	s := NewStore(dir)
	r := mkRec("child-session", t0(), 0)
	r.Outcome = ""
	c, err := s.Begin(r)
	if err != nil {
		t.Fatal(err)
	}
	r.End, r.StepsDone, r.ActiveSeconds = t0().Add(5*time.Minute), 3, 300
	if err := c.Save(r); err != nil {
		t.Fatal(err)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin) // until killed (or the parent goes away)
}

func TestRecoverAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	s := NewStore(dir)
	cmd := helperCmd(t, "TestHelperCheckpointHolder", dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("child said %q, %v", line, err)
	}

	// Alive in another process: left alone.
	got, err := s.Recover(t0().Add(time.Hour))
	if err != nil || len(got) != 0 {
		t.Fatalf("Recover while the session runs = %v, %v; want nothing", got, err)
	}
	assertCheckpointFiles(t, s, "child-session", true)

	// Killed without any chance to clean up: the kernel drops the lock.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killed = true

	got, err = s.Recover(t0().Add(time.Hour))
	if err != nil || len(got) != 1 {
		t.Fatalf("Recover after kill = %v, %v; want one record", got, err)
	}
	r := got[0]
	if r.ID != "child-session" || r.Outcome != OutcomeInterrupted || !r.End.Equal(t0().Add(5*time.Minute)) || r.StepsDone != 3 {
		t.Errorf("recovered %+v", r)
	}
	assertCheckpointFiles(t, s, "child-session", false)

	// Again: nothing more.
	if got, err := s.Recover(t0().Add(2 * time.Hour)); err != nil || len(got) != 0 {
		t.Errorf("second Recover = %v, %v", got, err)
	}
	recs, ws := mustRead(t, s)
	if len(recs) != 1 || len(ws) != 0 {
		t.Errorf("log holds %d records, warnings %v; want exactly one", len(recs), ws)
	}
}
