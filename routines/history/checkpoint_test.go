//go:build unix

package history

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// assertCheckpointFiles checks that a session's checkpoint and lock exist,
// or that nothing of the session (temp files included) is left.
func assertCheckpointFiles(t *testing.T, s *Store, id string, present bool) {
	t.Helper()
	for _, ext := range []string{".json", ".lock"} {
		_, err := os.Stat(filepath.Join(s.checkpointDir(), id+ext))
		if present && err != nil {
			t.Errorf("%s%s missing: %v", id, ext, err)
		}
		if !present && !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s%s still there (stat err %v)", id, ext, err)
		}
	}
	if !present {
		entries, _ := os.ReadDir(s.checkpointDir())
		for _, e := range entries {
			if strings.Contains(e.Name(), id) {
				t.Errorf("leftover %s", e.Name())
			}
		}
	}
}

// die simulates a crash of the process owning c: the lock is dropped (as
// the kernel does at exit) and nothing is cleaned up.
func die(c *Checkpoint) {
	c.lock.Close()
	c.lock = nil
}

func TestCheckpointFinish(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "cooldown"))
	start := mkRec("", t0(), 0)
	start.Outcome = "" // not known while running
	c, err := s.Begin(start)
	if err != nil {
		t.Fatal(err)
	}
	id := c.ID()
	if !strings.HasPrefix(id, "20260304T180000Z-") {
		t.Errorf("Begin made id %q", id)
	}
	assertCheckpointFiles(t, s, id, true)
	for i := 1; i <= 3; i++ {
		p := start
		p.End, p.StepsDone = t0().Add(time.Duration(i)*time.Minute), i
		if err := c.Save(p); err != nil {
			t.Fatal(err)
		}
	}
	// Only the final state is in the checkpoint, and nothing is in the log yet.
	if recs, _ := mustRead(t, s); len(recs) != 0 {
		t.Errorf("log has %d records before Finish", len(recs))
	}
	final := mkRec(id, t0(), 10)
	if err := c.Finish(final); err != nil {
		t.Fatal(err)
	}
	assertCheckpointFiles(t, s, id, false)
	recs, ws := mustRead(t, s)
	if len(recs) != 1 || len(ws) != 0 || recs[0].ID != id || recs[0].Outcome != OutcomeCompleted {
		t.Errorf("log = %+v, warnings %v", recs, ws)
	}

	// A finished checkpoint refuses more work; Abandon is a no-op.
	if err := c.Save(final); err == nil {
		t.Error("Save after Finish succeeded")
	}
	if err := c.Finish(final); err == nil {
		t.Error("Finish twice succeeded")
	}
	if err := c.Abandon(); err != nil {
		t.Errorf("Abandon after Finish = %v", err)
	}
	if recs, _ := mustRead(t, s); len(recs) != 1 {
		t.Errorf("log has %d records, want 1", len(recs))
	}
}

// Saves racing with Finish (as background UI commands may) never bring a
// finished checkpoint back. Run with -race to check the locking too.
func TestCheckpointConcurrentSaveFinish(t *testing.T) {
	s := NewStore(t.TempDir())
	c, err := s.Begin(mkRec("race", t0(), 1))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 10 {
				p := mkRec("race", t0(), float64(g*10+i)/10)
				_ = c.Save(p) // fails once Finish has run; that is the point
			}
		})
	}
	wg.Go(func() {
		if err := c.Finish(mkRec("race", t0(), 5)); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	assertCheckpointFiles(t, s, "race", false)
	if recs, ws := mustRead(t, s); len(recs) != 1 || len(ws) != 0 {
		t.Errorf("log = %+v, %v", recs, ws)
	}
}

func TestCheckpointMisuse(t *testing.T) {
	s := NewStore(t.TempDir())
	c, err := s.Begin(mkRec("one", t0(), 1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Abandon()
	if _, err := s.Begin(mkRec("one", t0(), 1)); err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("second Begin with the same id = %v", err)
	}
	if err := c.Save(mkRec("other", t0(), 1)); err == nil {
		t.Error("Save with another id succeeded")
	}
	if _, err := s.Begin(mkRec("../escape", t0(), 1)); err == nil {
		t.Error("Begin with a path-like id succeeded")
	}
	bad := mkRec("one", t0(), 1)
	bad.Outcome = "exploded"
	if err := c.Finish(bad); err == nil {
		t.Error("Finish of an invalid record succeeded")
	}
}

func TestAbandon(t *testing.T) {
	s := NewStore(t.TempDir())
	c, err := s.Begin(mkRec("gone", t0(), 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Abandon(); err != nil {
		t.Fatal(err)
	}
	assertCheckpointFiles(t, s, "gone", false)
	if got, err := s.Recover(t0()); err != nil || len(got) != 0 {
		t.Errorf("Recover = %v, %v", got, err)
	}
	if recs, _ := mustRead(t, s); len(recs) != 0 {
		t.Errorf("Abandon recorded %d records", len(recs))
	}
}

func TestTwoSessionsAtOnce(t *testing.T) {
	s := NewStore(t.TempDir())
	a, err := s.Begin(mkRec(NewID(t0()), t0(), 0))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Begin(mkRec(NewID(t0()), t0(), 0))
	if err != nil {
		t.Fatal(err)
	}
	// Each lock is held by its own open file, so even in this one process
	// Recover sees both as alive.
	if got, err := s.Recover(t0()); err != nil || len(got) != 0 {
		t.Fatalf("Recover with two live sessions = %v, %v", got, err)
	}
	if err := b.Finish(mkRec(b.ID(), t0(), 3)); err != nil {
		t.Fatal(err)
	}
	if err := a.Finish(mkRec(a.ID(), t0(), 5)); err != nil {
		t.Fatal(err)
	}
	recs, ws := mustRead(t, s)
	if len(recs) != 2 || len(ws) != 0 || recs[0].ID != b.ID() || recs[1].ID != a.ID() {
		t.Errorf("log = %+v, %v", recs, ws)
	}
}

func TestRecoverKeepsCompleted(t *testing.T) {
	s := NewStore(t.TempDir())
	r := mkRec("done", t0(), 0)
	c, err := s.Begin(r)
	if err != nil {
		t.Fatal(err)
	}
	r.Outcome, r.End = OutcomeCompleted, t0().Add(10*time.Minute)
	if err := c.Save(r); err != nil {
		t.Fatal(err)
	}
	die(c)
	got, err := s.Recover(t0().Add(time.Hour))
	if err != nil || len(got) != 1 || got[0].Outcome != OutcomeCompleted {
		t.Fatalf("Recover = %+v, %v; want one completed record", got, err)
	}
}

func TestRecoverDeadSession(t *testing.T) {
	s := NewStore(t.TempDir())
	r := mkRec("dead", t0(), 0)
	c, err := s.Begin(r)
	if err != nil {
		t.Fatal(err)
	}
	r.Outcome, r.End, r.StepsDone, r.Rating = "", t0().Add(4*time.Minute), 2, 0 // a running session's checkpoint: no outcome yet
	if err := c.Save(r); err != nil {
		t.Fatal(err)
	}
	die(c)

	got, err := s.Recover(t0().Add(time.Hour))
	if err != nil || len(got) != 1 {
		t.Fatalf("Recover = %v, %v", got, err)
	}
	if g := got[0]; g.ID != "dead" || g.Outcome != OutcomeInterrupted || !g.End.Equal(r.End) || g.StepsDone != 2 {
		t.Errorf("recovered %+v", g)
	}
	assertCheckpointFiles(t, s, "dead", false)
	if got, err := s.Recover(t0().Add(time.Hour)); err != nil || len(got) != 0 {
		t.Errorf("second Recover = %v, %v", got, err)
	}
	recs, ws := mustRead(t, s)
	if len(recs) != 1 || len(ws) != 0 || recs[0].Outcome != OutcomeInterrupted {
		t.Errorf("log = %+v, %v", recs, ws)
	}
}

// A crash after the append but before the checkpoint is removed (in Finish,
// or in an earlier Recover) must not record the session twice; a record
// only half-written by a crash must not count as written.
func TestRecoverDeduplicates(t *testing.T) {
	tests := []struct {
		name       string
		logged     func(t *testing.T, s *Store, id string) // what the log holds before Recover
		wantNew    int
		wantRecs   int
		wantWarns  int
		wantOutcom Outcome // of the session's valid record
	}{
		{"Finish crashed after its append", func(t *testing.T, s *Store, id string) {
			if err := s.Append(mkRec(id, t0(), 10)); err != nil {
				t.Fatal(err)
			}
		}, 0, 1, 0, OutcomeCompleted},
		{"Recover crashed after its append", func(t *testing.T, s *Store, id string) {
			r := mkRec(id, t0(), 3)
			r.Outcome = OutcomeInterrupted
			if err := s.Append(r); err != nil {
				t.Fatal(err)
			}
		}, 0, 1, 0, OutcomeInterrupted},
		{"append cut short by a crash", func(t *testing.T, s *Store, id string) {
			testfiles.Write(t, s.Path(), jsonLine(t, mkRec("other", t0(), 10))+jsonLine(t, mkRec(id, t0(), 10))[:60])
		}, 1, 2, 1, OutcomeCompleted}, // the checkpoint says completed: only the append was lost,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStore(t.TempDir())
			c, err := s.Begin(mkRec("sess", t0(), 3))
			if err != nil {
				t.Fatal(err)
			}
			tt.logged(t, s, "sess")
			die(c)
			got, err := s.Recover(t0().Add(time.Hour))
			if err != nil || len(got) != tt.wantNew {
				t.Fatalf("Recover = %v, %v; want %d new", got, err, tt.wantNew)
			}
			assertCheckpointFiles(t, s, "sess", false)
			recs, ws := mustRead(t, s)
			if len(recs) != tt.wantRecs || len(ws) != tt.wantWarns {
				t.Fatalf("log = %+v, %v", recs, ws)
			}
			n := 0
			for _, r := range recs {
				if r.ID == "sess" {
					n++
					if r.Outcome != tt.wantOutcom {
						t.Errorf("outcome %q, want %q", r.Outcome, tt.wantOutcom)
					}
				}
			}
			if n != 1 {
				t.Errorf("session recorded %d times", n)
			}
		})
	}
}

// A checkpoint saved without End gets the time of its last save, taken
// from the file, but never later than now.
func TestRecoverEndTimeFallback(t *testing.T) {
	tests := []struct {
		name  string
		mtime time.Time
		now   time.Time
		want  time.Time
	}{
		{"modification time", t0().Add(7 * time.Minute), t0().Add(time.Hour), t0().Add(7 * time.Minute)},
		{"clamped to now", t0().Add(3 * time.Hour), t0().Add(time.Hour), t0().Add(time.Hour)},
		{"never before start", t0().Add(-time.Hour), t0().Add(time.Hour), t0()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStore(t.TempDir())
			r := mkRec("noend", t0(), 0)
			r.End = time.Time{}
			c, err := s.Begin(r)
			if err != nil {
				t.Fatal(err)
			}
			die(c)
			if err := os.Chtimes(filepath.Join(s.checkpointDir(), "noend.json"), tt.mtime, tt.mtime); err != nil {
				t.Fatal(err)
			}
			got, err := s.Recover(tt.now)
			if err != nil || len(got) != 1 {
				t.Fatalf("Recover = %v, %v", got, err)
			}
			if !got[0].End.Equal(tt.want) {
				t.Errorf("End = %v, want %v", got[0].End, tt.want)
			}
		})
	}
}

func TestRecoverUnusableCheckpoint(t *testing.T) {
	s := NewStore(t.TempDir())
	if err := os.MkdirAll(s.checkpointDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(s.checkpointDir(), "broken.json")
	testfiles.Write(t, bad, "{not json")
	// A healthy dead session beside it is still recovered.
	c, err := s.Begin(mkRec("fine", t0(), 2))
	if err != nil {
		t.Fatal(err)
	}
	die(c)

	got, err := s.Recover(t0().Add(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("Recover error = %v, want one naming the broken checkpoint", err)
	}
	if len(got) != 1 || got[0].ID != "fine" {
		t.Errorf("recovered %+v, want the healthy session", got)
	}
	if _, err := os.Stat(bad + ".bad"); err != nil {
		t.Errorf("broken checkpoint not kept aside: %v", err)
	}
	if got, err := s.Recover(t0().Add(time.Hour)); err != nil || len(got) != 0 {
		t.Errorf("second Recover = %v, %v; want it reported only once", got, err)
	}
}

func TestRecoverStaleLockFiles(t *testing.T) {
	s := NewStore(t.TempDir())
	if err := os.MkdirAll(s.checkpointDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	stale := s.lockPath("stale")
	testfiles.Write(t, stale, "")
	testfiles.Write(t, filepath.Join(s.checkpointDir(), ".stale.json.tmp123"), "{")
	held := s.lockPath("held")
	testfiles.Write(t, held, "")
	f, err := os.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}

	if got, err := s.Recover(t0()); err != nil || len(got) != 0 {
		t.Errorf("Recover = %v, %v", got, err)
	}
	assertCheckpointFiles(t, s, "stale", false)
	if _, err := os.Stat(held); err != nil {
		t.Errorf("a held lock file was removed: %v", err)
	}
}

// A resumed run reuses the id of the interrupted session it goes on with.
// Killed in turn, its checkpoint must still be recorded when it holds more
// than the log's record of that id, and history must read one session;
// a checkpoint holding no more (a Finish that appended, then crashed) and
// a completed record are never recorded as less.
func TestRecoverResumedRun(t *testing.T) {
	interrupted := func(steps int, min float64) Record {
		r := mkRec("sess", t0(), min)
		r.Outcome, r.StepsDone, r.StepsSkipped, r.Rating = OutcomeInterrupted, steps, 0, 0
		return r
	}
	later := func(r Record, d time.Duration) Record { r.End = r.End.Add(d); return r }
	tests := []struct {
		name      string
		logged    Record // the latest record of the id in the log
		ck        Record // the checkpoint the dead resumed run left
		wantNew   int
		wantSteps int
		wantOut   Outcome
	}{
		{"resumed run got further", interrupted(2, 3), later(interrupted(5, 6), time.Hour), 1, 5, OutcomeInterrupted},
		{"resumed run, as far but longer", interrupted(2, 3), later(interrupted(2, 4), time.Hour), 1, 2, OutcomeInterrupted},
		{"resumed run killed in a pause", interrupted(2, 3), later(interrupted(2, 3), time.Hour), 1, 2, OutcomeInterrupted},
		{"resumed run's final append lost", interrupted(2, 3), later(mkRec("sess", t0(), 9), time.Hour), 1, 8, OutcomeCompleted},
		{"resumed run finished, then crashed", mkRec("sess", t0(), 9), later(interrupted(8, 8), -time.Minute), 0, 8, OutcomeCompleted},
		{"completed stays completed", mkRec("sess", t0(), 9), later(interrupted(9, 9), time.Hour), 0, 8, OutcomeCompleted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStore(t.TempDir())
			if err := s.Append(mkRec("other", t0().Add(-time.Hour), 5)); err != nil {
				t.Fatal(err)
			}
			if err := s.Append(tt.logged); err != nil {
				t.Fatal(err)
			}
			c, err := s.Begin(tt.ck)
			if err != nil {
				t.Fatal(err)
			}
			die(c)
			got, err := s.Recover(t0().Add(3 * time.Hour))
			if err != nil || len(got) != tt.wantNew {
				t.Fatalf("Recover = %+v, %v; want %d new", got, err, tt.wantNew)
			}
			assertCheckpointFiles(t, s, "sess", false)
			recs, ws := mustRead(t, s)
			if len(recs) != 2 || len(ws) != 0 {
				t.Fatalf("log = %+v, %v; want two sessions", recs, ws)
			}
			r := recs[1]
			if r.ID != "sess" || r.StepsDone != tt.wantSteps || r.Outcome != tt.wantOut || !r.Start.Equal(t0()) {
				t.Errorf("session read as %+v; want %d steps done, %s", r, tt.wantSteps, tt.wantOut)
			}
			if again, err := s.Recover(t0().Add(3 * time.Hour)); err != nil || len(again) != 0 {
				t.Errorf("second Recover = %+v, %v", again, err)
			}
		})
	}
}
