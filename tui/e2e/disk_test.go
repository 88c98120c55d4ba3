//go:build linux

package e2e

// Full and read-only disks under the real binary: a session is never lost
// while any place can take it. The disks are small tmpfs mounts made for
// the test, which needs root; without it the tests are skipped, saying so.

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// e2ePlain runs `start tiny --plain` with stdin a pipe; afterFirst, if set,
// runs once the first line is out (the session and its checkpoint begun).
func e2ePlain(t *testing.T, env *e2eEnv, afterFirst func(), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBinary(t), append([]string{"start", "tiny", "--plain"}, args...)...)
	cmd.Env = env.environ()
	cmd.Dir = env.home
	cmd.Stdin = strings.NewReader("")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(pipe)
	for first := true; sc.Scan(); first = false {
		out.WriteString(sc.Text() + "\n")
		if first && afterFirst != nil {
			afterFirst()
		}
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		t.Fatalf("cooldown hung; stdout:\n%s\nstderr:\n%s", &out, &errb)
	}
	return e2eExitCode(t, err), out.String(), errb.String()
}

func TestE2EDiskFullAtStart(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	env.state = testfiles.SmallDisk(t, "256k", false)
	// One earlier session: the log's last block has room for another line.
	if code, _, errOut := e2ePlain(t, env, nil); code != 0 {
		t.Fatalf("first session: exit %d\n%s", code, errOut)
	}
	testfiles.Fill(t, env.state)
	code, out, errOut := e2ePlain(t, env, nil)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	recs := env.history(t)
	if len(recs) != 2 || recs[1].Outcome != "completed" || recs[1].StepsDone != 2 {
		t.Fatalf("a session on a full disk was not appended to the log, which had room: %+v\nstdout:\n%s\nstderr:\n%s", recs, out, errOut)
	}
	if strings.Contains(errOut, "history not saved") {
		t.Errorf("reported as not saved although it was: %s", errOut)
	}
}

func TestE2EDiskFullMidSession(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	env.state = testfiles.SmallDisk(t, "256k", false)
	var filler string
	code, out, errOut := e2ePlain(t, env, func() {
		// The first line comes just before the checkpoint is made.
		deadline := time.Now().Add(e2eTimeout)
		for {
			if cps, _ := filepath.Glob(filepath.Join(env.state, "cooldown", "checkpoints", "*.json")); len(cps) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("no checkpoint was made")
			}
			time.Sleep(10 * time.Millisecond)
		}
		filler = testfiles.Fill(t, env.state)
	})
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "history not saved") {
		t.Fatalf("the failed append was not reported: %q", errOut)
	}
	os.Remove(filler)
	// The next command records the kept checkpoint: as it ended.
	hOut, hErr := env.historyJSON(t, nil)
	t.Logf("history --json:\n%s%s", hOut, hErr)
	recs := env.history(t)
	if len(recs) != 1 || recs[0].Outcome != "completed" || recs[0].StepsDone != 2 {
		t.Fatalf("a session completed on a full disk came back as %+v; want one completed record with 2 steps done", recs)
	}
}

func TestE2ECheckpointsReadOnly(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	cps := filepath.Join(env.state, "cooldown", "checkpoints")
	if err := os.MkdirAll(cps, 0o755); err != nil {
		t.Fatal(err)
	}
	ro := testfiles.SmallDisk(t, "64k", true)
	if err := syscall.Mount(ro, cps, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(cps, syscall.MNT_DETACH) })
	code, out, errOut := e2ePlain(t, env, nil)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	e2eAssertRecorded(t, env, "completed")
}

// A read-only state folder: nothing can be saved; the session still runs
// to its end, says so once and exits normally.
func TestE2EStateReadOnly(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	env.state = testfiles.SmallDisk(t, "64k", true)
	code, out, errOut := e2ePlain(t, env, nil)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "history not saved") || !strings.Contains(out, "Drink") {
		t.Fatalf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}
