//go:build linux

package e2e

// Files that are not what they claim, swapped in under the real binary:
// nothing waits on them, nothing reads them without end, each is reported.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// e2eRun runs the binary without a terminal and fails if it takes more
// than 20 s (what a FIFO or /dev/zero used to do: forever).
func e2eRun(t *testing.T, env *e2eEnv, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBinary(t), args...)
	cmd.Env, cmd.Dir = env.environ(), env.home
	cmd.Stdin = strings.NewReader("")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v hung: killed after 20 s\nstdout:\n%s\nstderr:\n%s", args, &out, &errb)
	}
	return e2eExitCode(t, err), out.String(), errb.String()
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}

func TestE2EFifoRoutineAndSettings(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	mkfifo(t, filepath.Join(env.routinesDir(), "fifo.yaml"))
	symlink(t, "/dev/zero", filepath.Join(env.routinesDir(), "zero.yaml"))
	settings := filepath.Join(env.config, "cooldown", "config.yaml")
	os.Remove(settings)
	mkfifo(t, settings)
	code, out, errOut := e2eRun(t, env, "list")
	if code != 0 || !strings.Contains(out, "tiny") {
		t.Fatalf("list: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"fifo.yaml: is not a regular file", "zero.yaml: is not a regular file", "settings file " + settings + " is not a regular file"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("list: stderr does not say %q:\n%s", want, errOut)
		}
	}
}

func TestE2EHistoryNotAFile(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"fifo", mkfifo},
		{"dev-zero", func(t *testing.T, path string) { symlink(t, "/dev/zero", path) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newE2EEnv(t)
			env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
			log := filepath.Join(env.state, "cooldown", "history.jsonl")
			tc.make(t, log)
			code, _, errOut := e2eRun(t, env, "history")
			if code != 1 || !strings.Contains(errOut, "not a regular file") {
				t.Errorf("history: exit %d, stderr %q; want 1 and the file named as not regular", code, errOut)
			}
			code, out, errOut := e2eRun(t, env, "start", "tiny", "--plain")
			if code != 0 || !strings.Contains(out, "Finished") || !strings.Contains(errOut, "history not saved") {
				t.Errorf("a session with no usable log: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
		})
	}
}

// A sparse log of 64 GiB (nothing on disk) is read up to the cap and said
// to be too big, in seconds, not read to its end.
func TestE2EHistoryHugeSparse(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	log := filepath.Join(env.state, "cooldown", "history.jsonl")
	os.MkdirAll(filepath.Dir(log), 0o755)
	f, err := os.Create(log)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64 << 30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	f.Close()
	start := time.Now()
	code, _, errOut := e2eRun(t, env, "history", "--json")
	if code != 0 || !strings.Contains(errOut, "only the first") {
		t.Errorf("history: exit %d, stderr %q", code, errOut)
	}
	t.Logf("a 64 GiB sparse log took %v", time.Since(start).Round(time.Millisecond))
}

// Checkpoints that are not files (a FIFO, /dev/zero, a FIFO for a lock)
// are moved aside and reported once; the next start is quiet.
func TestE2ECheckpointNotAFile(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	cps := filepath.Join(env.state, "cooldown", "checkpoints")
	mkfifo(t, filepath.Join(cps, "20260101T000000Z-1-aaaaaaaaaaaa.json"))
	symlink(t, "/dev/zero", filepath.Join(cps, "20260101T000000Z-2-bbbbbbbbbbbb.json"))
	os.WriteFile(filepath.Join(cps, "20260101T000000Z-3-cccccccccccc.json"), []byte(`{"v":1}`), 0o644)
	mkfifo(t, filepath.Join(cps, "20260101T000000Z-3-cccccccccccc.lock"))
	code, _, errOut := e2eRun(t, env, "history")
	if code != 0 {
		t.Fatalf("history: exit %d\n%s", code, errOut)
	}
	for _, id := range []string{"aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"} {
		if !strings.Contains(errOut, id) {
			t.Errorf("the checkpoint %s was not reported:\n%s", id, errOut)
		}
	}
	if code, _, errOut = e2eRun(t, env, "history"); code != 0 || strings.Contains(errOut, "aaaaaaaaaaaa") || strings.Contains(errOut, "bbbbbbbbbbbb") {
		t.Errorf("reported again on the next run (exit %d):\n%s", code, errOut)
	}
}

// The routines folder or the checkpoints folder swapped for a FIFO: an
// error, reported, never a wait.
func TestE2EFoldersNotFolders(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	mkfifo(t, env.routinesDir())
	mkfifo(t, filepath.Join(env.state, "cooldown", "checkpoints"))
	code, out, errOut := e2eRun(t, env, "list")
	if code != 0 || !strings.Contains(out, "quick-10-lower") || !strings.Contains(errOut, "cannot read the routines folder") {
		t.Errorf("list: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, _, errOut = e2eRun(t, env, "history")
	if code != 0 || !strings.Contains(errOut, "cannot look for unfinished sessions") {
		t.Errorf("history: exit %d, stderr %q", code, errOut)
	}
}
