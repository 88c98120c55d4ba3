// Package history is cooldown's session log: an append-only JSON Lines file
// that is never lost or corrupted by a crash, a tolerant reader for it, and
// the statistics drawn from it (streak, sessions this week, body-area
// coverage, heatmap).
//
// It knows nothing of the terminal. The state directory
// ($XDG_STATE_HOME/cooldown) and the current time are passed in, so tests
// use a temporary folder and fixed times.
//
// # Files
//
//	<dir>/history.jsonl                 one Record per line, appended
//	<dir>/checkpoints/<id>.json         progress of a running session (two slots, fixed size)
//	<dir>/checkpoints/<id>.lock         flock'ed while that session runs
//
// # API
//
//	NewStore(dir) *Store                         nothing created until the first write
//	(*Store).Dir(), (*Store).Path() string       the state dir; history.jsonl in it
//	(*Store).Append(Record) error                one O_APPEND write + fsync
//	(*Store).Read() ([]Record, []Warning, error) bad lines skipped with warnings
//	Warning{File, Line, Msg}.String()            "history.jsonl:12: skipped: ..."
//	(*Store).Begin(Record) (*Checkpoint, error)  lock + first checkpoint; (*Checkpoint).ID()
//	(*Checkpoint).Save(Record) error             rewrite the older slot in place + fdatasync: no free space needed
//	(*Checkpoint).Finish(Record) error           append, remove checkpoint, unlock
//	(*Checkpoint).Abandon() error                remove without recording
//	(*Store).Recover(now) ([]Record, error)      record sessions that died, as "interrupted" (or as they ended)
//	DayStart(day, loc), CalendarDays(t, now)     civil days, right where a zone skips midnight
//	Compute([]Record, now) Stats                 streak, this week, long sessions, areas
//	StreakDays, SessionsThisWeek, LongSessionsThisWeek ([]Record, now) int
//	AreaLastCovered([]Record) map[string]time.Time
//	Neglected(last, vocabulary) (never, byNeglect []string)
//	Heatmap([]Record, now, weeks) HeatmapGrid
//	NewID(now) string, Record.Validate, Record.Counts
//
// # A session's life
//
// At start-up the caller runs Recover once. A session then calls Begin,
// Save every few seconds and at each step (with End set to the time of the
// save), and Finish with the final record (Outcome "completed" or "quit";
// a signal handler may Finish with "interrupted"). If the process dies
// instead, the next Recover appends the last checkpoint as "interrupted". If
// Begin fails (a full or read-only disk), the caller still Appends the final
// record: the log may have room where the checkpoints have none. If
// Finish's append fails, the final record goes into the checkpoint (in
// place, so on a full disk too) and the next Recover records it with the
// outcome it ended with: a session is never recorded as less than it was.
//
// # Rules worth knowing
//
//   - A session counts for streaks, weekly totals and the heatmap if at least
//     one step was done, however it ended; it belongs to the calendar
//     day of its Start in now's location. Weeks are ISO (Monday start).
//   - Recover never loses a resumed run and never records a session twice:
//     records carry the session id (a resumed run reuses the interrupted
//     one's), a checkpoint whose id is already in the log is appended only
//     if it holds more than that id's latest record (further, longer, or
//     later; a completed record is never replaced by a lesser one), and
//     Read keeps the last record per id.
//   - A checkpoint's liveness is its flock, which the kernel releases when
//     the owning process dies, however it dies. Without flock (non-unix
//     builds) Recover does nothing rather than guess.
//
// Reading is fast because it has to be: a log of 100,000 sessions (about
// 50 MB) is read and summarised in well under a second
// (BenchmarkReadAndStats100k). Lines are decoded on every core, and lines
// in the shape Append writes skip encoding/json's reflection (decodeFast);
// any other line, valid or not, goes through encoding/json, so what is
// accepted and every warning's wording are encoding/json's.
//
// Every file here is opened without blocking and must be a regular file (a
// FIFO or a device in the log's or a checkpoint's place is reported, and a
// checkpoint is moved aside as <id>.json.bad); every read is bounded (the
// log to MaxLogBytes, a checkpoint to its size).
//
// Errors from writing (a read-only or full disk) are returned with the path
// and cause so the caller can report them; the session itself can go on.
// Warnings from reading are values: the caller prints each one (String())
// to stderr. More than a few problem lines are collapsed into one summary
// warning.
package history
