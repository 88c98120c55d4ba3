//go:build linux

package history

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// A disk that fills up during a session: every save still lands (in
// place), the final append fails, and the next start records the session
// as it ended (completed, every step), not as its first checkpoint.
func TestFullDiskMidSession(t *testing.T) {
	disk := testfiles.SmallDisk(t, "256k", false)
	s := NewStore(filepath.Join(disk, "cooldown"))
	r := mkRec("full", t0(), 0)
	r.Outcome, r.StepsDone = OutcomeInterrupted, 0
	c, err := s.Begin(r)
	if err != nil {
		t.Fatal(err)
	}
	filler := testfiles.Fill(t, disk)
	for i := 1; i <= 8; i++ {
		r.StepsDone, r.End = i, t0().Add(time.Duration(i)*time.Minute)
		if err := c.Save(r); err != nil {
			t.Fatalf("save %d on a full disk: %v", i, err)
		}
	}
	r.Outcome = OutcomeCompleted
	if err := c.Finish(r); err == nil {
		t.Fatal("Finish appended to a full disk")
	}
	die(c)
	os.Remove(filler)
	got, err := s.Recover(t0().Add(time.Hour))
	if err != nil || len(got) != 1 {
		t.Fatalf("Recover = %+v, %v", got, err)
	}
	if g := got[0]; g.Outcome != OutcomeCompleted || g.StepsDone != 8 || !g.End.Equal(r.End) {
		t.Errorf("recovered %s with %d steps done, ending %v; want completed, 8, %v", g.Outcome, g.StepsDone, g.End, r.End)
	}
}

// A disk already full when the session starts: no checkpoint can be made,
// and the log, which has room left in its last block, still takes the record.
func TestFullDiskAtStart(t *testing.T) {
	disk := testfiles.SmallDisk(t, "256k", false)
	s := NewStore(filepath.Join(disk, "cooldown"))
	if err := s.Append(mkRec("before", t0().Add(-time.Hour), 10)); err != nil {
		t.Fatal(err)
	}
	testfiles.Fill(t, disk)
	if _, err := s.Begin(mkRec("now", t0(), 0)); err == nil {
		t.Fatal("Begin made a checkpoint on a full disk")
	}
	if err := s.Append(mkRec("now", t0(), 10)); err != nil {
		t.Fatalf("Append with room in the log's last block: %v", err)
	}
	recs, _ := mustRead(t, s)
	if len(recs) != 2 || recs[1].ID != "now" {
		t.Errorf("log = %+v", recs)
	}
	if left, _ := filepath.Glob(filepath.Join(s.checkpointDir(), "*")); len(left) > 0 {
		t.Errorf("a failed Begin left files behind: %v", left)
	}
}

// A read-only checkpoints folder: Begin fails, the log is untouched by it
// and still written.
func TestReadOnlyCheckpoints(t *testing.T) {
	state := t.TempDir()
	s := NewStore(state)
	if err := os.MkdirAll(s.checkpointDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	ro := testfiles.SmallDisk(t, "64k", true)
	if err := syscall.Mount(ro, s.checkpointDir(), "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(s.checkpointDir(), syscall.MNT_DETACH) })
	if _, err := s.Begin(mkRec("ro", t0(), 0)); err == nil {
		t.Fatal("Begin succeeded in a read-only folder")
	}
	if err := s.Append(mkRec("ro", t0(), 10)); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Recover(t0()); err != nil || len(got) != 0 {
		t.Errorf("Recover = %v, %v", got, err)
	}
}
