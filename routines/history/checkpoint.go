package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cooldown-app/cooldown/routines/safefile"
)

// Checkpoint keeps the progress of one running session on disk so that a
// crash, a kill -9 or a power cut loses at most the last few seconds.
//
// Files, in <state dir>/checkpoints/:
//
//	<id>.json   the latest Record, rewritten in place by Save (see slots)
//	<id>.lock   flock'ed by the running process for the session's lifetime
//
// The checkpoint file has a fixed size, taken in full when the session
// begins: a Save rewrites one of its two slots in place and never needs a
// new file or a new block, so a disk that fills up during a session does
// not stop its progress from being kept (the atomic write-and-rename used
// before needed a fresh file for every save, and the first full-disk save
// froze the checkpoint at its last good state).
//
// The lock, not the files, is what says "this session is alive": the kernel
// releases it whenever the process ends, so Recover can tell a crashed
// session from one running in another terminal.
//
// Ordering, which Recover relies on: Begin locks before the first <id>.json
// exists, and Finish/Abandon remove <id>.json before the lock file and
// before releasing the lock. So whoever holds the lock and still sees
// <id>.json owns an unfinished session.
//
// A Checkpoint is safe for concurrent use: a UI may run Save and Finish as
// background commands whose order it does not control, and a Save that
// arrives after Finish fails instead of bringing the checkpoint back.
type Checkpoint struct {
	store *Store
	id    string

	mu   sync.Mutex
	lock *os.File // nil once the checkpoint is finished or abandoned
	file *os.File // <id>.json, open for in-place saves
	seq  uint64   // sequence number of the last slot written
}

// Begin starts the checkpoint of a new session: it takes the session's lock
// and writes r as the first checkpoint. An empty r.ID is filled with
// NewID(r.Start); read it back with ID. The caller keeps the returned
// Checkpoint until Finish (or Abandon).
func (s *Store) Begin(r Record) (*Checkpoint, error) {
	if r.ID == "" {
		r.ID = NewID(r.Start)
	}
	if !validID(r.ID) {
		return nil, fmt.Errorf("history: session id %q cannot name a file", r.ID)
	}
	dir := s.checkpointDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("history: cannot keep a checkpoint: %w", err)
	}
	lock, err := s.createLock(r.ID)
	if err != nil {
		return nil, fmt.Errorf("history: cannot keep a checkpoint: %w", err)
	}
	c := &Checkpoint{store: s, id: r.ID, lock: lock}
	first, err := c.slot(r)
	if err == nil {
		c.file, err = createCheckpoint(dir, r.ID+".json", first)
		c.seq = 1
	}
	if err != nil {
		_ = c.Abandon()
		return nil, fmt.Errorf("history: cannot keep a checkpoint: %w", err)
	}
	return c, nil
}

// createLock makes and locks <id>.lock. Recover may delete a lock file that
// has no checkpoint beside it, and that can happen between our create and
// our flock; the lock would then be on a deleted file, protecting nothing.
// Checking that the path still names our file after locking catches that,
// and a fresh attempt is safe because Recover only deletes unlocked files.
func (s *Store) createLock(id string) (*os.File, error) {
	path := s.lockPath(id)
	var lastErr error
	for range 3 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("session id %q is already in use", id)
		}
		if err != nil {
			return nil, err
		}
		ok, err := tryLock(f)
		if err == nil && !ok {
			err = fmt.Errorf("lock %s is held by another process", path)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		if sameFile(f, path) {
			return f, nil
		}
		f.Close()
		lastErr = fmt.Errorf("lock %s was removed while being taken", path)
	}
	return nil, lastErr
}

// ID is the session id, which is also the checkpoint's file name.
func (c *Checkpoint) ID() string { return c.id }

// Save replaces the checkpoint with r, atomically: a reader (Recover after
// a crash) sees either the previous checkpoint or this one, never a mix.
// Set r.End to the time of the save: if the session never finishes, Recover
// records it with that end time. An empty r.ID is filled with ID().
func (c *Checkpoint) Save(r Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.save(r)
}

func (c *Checkpoint) save(r Record) error {
	if c.lock == nil {
		return errors.New("history: checkpoint already finished")
	}
	b, err := c.slot(r)
	if err != nil {
		return fmt.Errorf("history: cannot save checkpoint: %w", err)
	}
	if err := writeSlot(c.file, c.seq+1, b); err != nil {
		return fmt.Errorf("history: cannot save checkpoint: %w", err)
	}
	c.seq++
	return nil
}

// slot encodes r as the slot after the last one written. seq advances only
// once it is written: a failed write is retried in the same slot, so the
// other one keeps the last good record.
func (c *Checkpoint) slot(r Record) ([]byte, error) {
	if r.ID == "" {
		r.ID = c.id
	}
	if r.ID != c.id {
		return nil, fmt.Errorf("history: record id %q does not match checkpoint %q", r.ID, c.id)
	}
	if r.Version == 0 {
		r.Version = CurrentVersion
	}
	return encodeSlot(c.seq+1, r)
}

// Finish appends r (with its final Outcome) to the log, then removes the
// checkpoint and releases the lock. If the append fails, the checkpoint is
// updated with r and kept, still locked: the caller may call Finish again,
// or just exit, and the next Recover records the session as interrupted.
func (c *Checkpoint) Finish(r Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lock == nil {
		return errors.New("history: checkpoint already finished")
	}
	if r.ID == "" {
		r.ID = c.id
	}
	if r.ID != c.id {
		return fmt.Errorf("history: record id %q does not match checkpoint %q", r.ID, c.id)
	}
	if err := c.store.Append(r); err != nil {
		// Keep the final record for Recover, which records it with this
		// outcome: a completed session stays completed. The slot is
		// rewritten in place, so this works on a full disk too.
		if serr := c.save(r); serr != nil {
			return fmt.Errorf("%w (and its checkpoint: %v)", err, serr)
		}
		return fmt.Errorf("%w; it is kept and recorded at the next start", err)
	}
	if err := c.release(); err != nil {
		return fmt.Errorf("history: session recorded, but its checkpoint was not removed: %w", err)
	}
	return nil
}

// Abandon removes the checkpoint and releases the lock without recording
// anything. Calling it after Finish or Abandon does nothing.
func (c *Checkpoint) Abandon() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lock == nil {
		return nil
	}
	if err := c.release(); err != nil {
		return fmt.Errorf("history: cannot remove checkpoint: %w", err)
	}
	return nil
}

// release (called with mu held) removes the checkpoint files in the order Recover relies on
// (checkpoint, then temp leftovers, then lock file) and only then drops the
// lock. The lock is dropped even if a removal fails: the record is either
// in the log or deliberately abandoned, and Recover's de-duplication
// handles a checkpoint left behind.
func (c *Checkpoint) release() error {
	s := c.store
	if c.file != nil {
		c.file.Close()
		c.file = nil
	}
	err := removeSession(s.checkpointDir(), c.id)
	c.lock.Close() // closing the last descriptor drops the flock
	c.lock = nil
	return err
}

// Recover records sessions that died without finishing: for every
// checkpoint whose lock nobody holds (its process is gone), it appends the
// checkpoint's record with Outcome "interrupted" and removes the
// checkpoint. Checkpoints of sessions still running in other processes are
// left alone. It returns the records it appended. now bounds the end time
// of a checkpoint that lacks a usable one. A problem with one checkpoint
// does not stop the others; all problems are joined in err.
//
// No double recording, no lost resume. A session can already be in the log
// when its checkpoint is found: Finish (or an earlier Recover) appended it
// and then crashed before removing the checkpoint, or the checkpoint is of
// a resumed run, which reuses the id of the interrupted session it goes on
// with. Recover first reads the latest record of each id in the log; a
// checkpoint whose id is there is appended only if it holds more than that
// record (see holdsMore): the resumed run's progress is kept, a final
// record is not recorded again, and the log's reader keeps the last record
// per id, so history shows one session either way. Only lines that decode
// to valid records count: a record cut short by a crash is not in the log,
// and is appended again in full. The check cannot race with
// another writer of the same id: the owner is dead, and a second Recover
// cannot hold the same lock at the same time. The log is read only when an
// orphaned checkpoint exists, which is rare, so a normal start pays
// nothing.
func (s *Store) Recover(now time.Time) (recovered []Record, err error) {
	if !locksWork {
		return nil, nil
	}
	dir := s.checkpointDir()
	entries, err := safefile.ReadDir(dir) // a FIFO in the folder's place is an error, not a wait
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: cannot look for unfinished sessions: %w", err)
	}
	var (
		errs   []error
		logged map[string]Record // latest record per id in the log; read on first need
	)
	hasJSON := map[string]bool{}
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".json"); ok && validID(id) {
			hasJSON[id] = true
		}
	}
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !validID(id) {
			if id, ok := strings.CutSuffix(e.Name(), ".lock"); ok && validID(id) && !hasJSON[id] {
				s.removeStaleLock(id) // crash between lock and first save, or during cleanup
			}
			continue
		}
		rec, found, err := s.recoverOne(id, now, &logged)
		if err != nil {
			errs = append(errs, err)
		}
		if found {
			recovered = append(recovered, rec)
		}
	}
	if len(errs) > 0 {
		return recovered, fmt.Errorf("history: recovering unfinished sessions: %w", errors.Join(errs...))
	}
	return recovered, nil
}

// recoverOne handles one <id>.json. appended says whether a record went
// into the log.
func (s *Store) recoverOne(id string, now time.Time, logged *map[string]Record) (rec Record, appended bool, err error) {
	dir := s.checkpointDir()
	lockPath := s.lockPath(id)
	lock, _, err := safefile.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, safefile.ErrNotRegular) {
		// Not a lock cooldown made: nothing can hold it, and flock on it
		// proves nothing. Moved aside so the checkpoint is looked at next time.
		return Record{}, false, moveAside(dir, id+".lock", err)
	}
	if err != nil {
		return Record{}, false, fmt.Errorf("session %s: %w", id, err)
	}
	defer lock.Close()
	ok, err := tryLock(lock)
	if err != nil {
		return Record{}, false, fmt.Errorf("session %s: %w", id, err)
	}
	if !ok || !sameFile(lock, lockPath) {
		// Alive in another process, or another Recover got there first.
		return Record{}, false, nil
	}

	jsonPath := filepath.Join(dir, id+".json")
	b, info, err := readCheckpointFile(jsonPath)
	if errors.Is(err, fs.ErrNotExist) {
		// Finished between our listing and our lock; only the lock file
		// we may have just created is left.
		_ = os.Remove(lockPath)
		return Record{}, false, nil
	}
	if err == nil {
		rec, err = interrupted(b, info, now)
	}
	if err != nil {
		// Not recoverable; move it aside so it is reported once, not at
		// every start, and kept for a human to look at.
		_ = os.Rename(jsonPath, jsonPath+".bad")
		_ = removeSession(dir, id)
		return Record{}, false, fmt.Errorf("session %s: checkpoint unusable, moved to %s.bad: %w", id, jsonPath, err)
	}

	if *logged == nil {
		ids, err := s.loggedIDs()
		if err != nil {
			return Record{}, false, fmt.Errorf("session %s: %w", id, err)
		}
		*logged = ids
	}
	if prev, ok := (*logged)[id]; !ok || holdsMore(rec, prev) {
		if err := s.Append(rec); err != nil {
			return Record{}, false, fmt.Errorf("session %s: %w", id, err) // checkpoint kept for next time
		}
		(*logged)[id] = rec
		appended = true
	}
	if err := removeSession(dir, id); err != nil {
		return rec, appended, fmt.Errorf("session %s: recorded, but checkpoint not removed: %w", id, err)
	}
	return rec, appended, nil
}

// interrupted decodes a checkpoint and turns it into the record of an
// interrupted session (or a completed one whose final append was lost).
func interrupted(b []byte, info fs.FileInfo, now time.Time) (Record, error) {
	r, err := decodeCheckpoint(b)
	if err != nil {
		return Record{}, err
	}
	if r.Version == 0 {
		r.Version = CurrentVersion
	}
	// A session that ran to its end and was lost only while its summary was
	// showing (say, killed before the rating) stays completed, and one whose
	// final record could not be appended (Finish saved it here) keeps the
	// outcome it ended with: a session is never recorded as less than it was.
	if r.Outcome != OutcomeCompleted && r.Outcome != OutcomeQuit {
		r.Outcome = OutcomeInterrupted
	}
	if r.End.IsZero() || r.End.Before(r.Start) {
		// The saver did not set End: the file's modification time is the
		// moment of the last save, kept between start and now.
		end := r.Start
		if info != nil && info.ModTime().After(end) {
			end = info.ModTime()
		}
		if end.After(now) && !now.Before(r.Start) {
			end = now
		}
		r.End = end
	}
	if err := r.Validate(); err != nil {
		return Record{}, errors.New(oneLine(err))
	}
	return r, nil
}

// holdsMore reports whether a checkpoint's record ck says more about its
// session than prev, the latest record of the same id in the log: it got
// further (more steps done or skipped), or as far with more active time,
// or as far and as long but ended later (a resumed run killed in a pause,
// or a final record whose append failed). Each of these only grows while a
// session, resumed or not, goes on, so a checkpoint left behind by a Finish
// that did append is never more than the record it appended. A completed
// record is never replaced by one that is not: a session is never recorded
// as less than it was.
func holdsMore(ck, prev Record) bool {
	if prev.Outcome == OutcomeCompleted && ck.Outcome != OutcomeCompleted {
		return false
	}
	if a, b := ck.StepsDone+ck.StepsSkipped, prev.StepsDone+prev.StepsSkipped; a != b {
		return a > b
	}
	if ck.ActiveSeconds != prev.ActiveSeconds {
		return ck.ActiveSeconds > prev.ActiveSeconds
	}
	return ck.End.After(prev.End)
}

// loggedIDs is the latest valid record of each session id in the log.
func (s *Store) loggedIDs() (map[string]Record, error) {
	recs, _, err := s.Read() // one record per id already: the last one
	if err != nil {
		return nil, err
	}
	ids := make(map[string]Record, len(recs))
	for _, r := range recs {
		if r.ID != "" {
			ids[r.ID] = r
		}
	}
	return ids, nil
}

// removeStaleLock deletes a lock file with no checkpoint beside it, if no
// process holds it. Begin re-checks its lock after taking it, which makes
// this safe against a Begin that created the file a moment ago.
func (s *Store) removeStaleLock(id string) {
	path := s.lockPath(id)
	f, _, err := safefile.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, safefile.ErrNotRegular) {
		_ = moveAside(s.checkpointDir(), id+".lock", err)
		return
	}
	if err != nil {
		return
	}
	defer f.Close()
	if ok, err := tryLock(f); err != nil || !ok || !sameFile(f, path) {
		return
	}
	if _, err := os.Stat(filepath.Join(s.checkpointDir(), id+".json")); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	_ = removeSession(s.checkpointDir(), id)
}

func (s *Store) lockPath(id string) string {
	return filepath.Join(s.checkpointDir(), id+".lock")
}

// removeSession deletes a session's checkpoint, temp leftovers and lock
// file, in that order. The caller holds the lock.
func removeSession(dir, id string) error {
	var errs []error
	rm := func(path string) {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	rm(filepath.Join(dir, id+".json"))
	if tmps, err := filepath.Glob(filepath.Join(dir, "."+id+".json.tmp*")); err == nil {
		for _, t := range tmps {
			rm(t)
		}
	}
	rm(filepath.Join(dir, id+".lock"))
	if err := syncDir(dir); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// sameFile reports whether path still names the file f has open.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	if err != nil {
		return false
	}
	return os.SameFile(a, b)
}
