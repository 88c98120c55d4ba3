package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/cooldown-app/cooldown/routines/safefile"
)

const (
	// FileName is the log's name inside the state directory.
	FileName = "history.jsonl"

	// maxLine bounds one record. Real records are well under 1 KiB; a longer
	// line is damage or a hand edit gone wrong, and is skipped rather than
	// allowed to make a read allocate without limit.
	maxLine = 1 << 20

	// maxWarnings is how many problem lines are reported one by one; the
	// rest are collapsed into a single summary so a mangled file cannot
	// flood stderr.
	maxWarnings = 20

	// MaxLogBytes bounds how much of the log is read: about half a million
	// sessions, far beyond any real log.
	MaxLogBytes = 256 << 20
)

// Store is the history kept in one state directory
// ($XDG_STATE_HOME/cooldown). It holds no open files and no cache, so a
// zero-cost value can be made wherever it is needed.
type Store struct {
	dir string
}

// NewStore returns the store for dir. Nothing is created until the first
// write; reading a store whose directory does not exist is an empty history.
func NewStore(dir string) *Store {
	return &Store{dir: dir}
}

// Dir is the state directory the store was made with.
func (s *Store) Dir() string { return s.dir }

// Path is the full path of history.jsonl.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

func (s *Store) checkpointDir() string { return filepath.Join(s.dir, "checkpoints") }

// Append adds r to the log as one line. A zero Version is set to
// CurrentVersion; a record that fails Validate is refused.
//
// The line goes out in a single write(2) on a file opened with O_APPEND,
// then fsync: the kernel places each such write at the end of the file as
// one piece, so records of concurrent sessions never interleave, and a
// crash can damage at most the last line. If the file does not end in a
// newline (a crash cut the previous append short) the new line is prefixed
// with one, in the same write, so the damaged line stays on its own and is
// skipped by Read while the new record is intact.
func (s *Store) Append(r Record) error {
	line, err := encodeLine(r)
	if err != nil {
		return fmt.Errorf("history: cannot save session: %w", err)
	}
	if err := s.appendLine(line); err != nil {
		return fmt.Errorf("history: cannot save session to %s: %w", s.Path(), err)
	}
	return nil
}

// encodeLine validates r and returns its JSON followed by '\n'.
func encodeLine(r Record) ([]byte, error) {
	if r.Version == 0 {
		r.Version = CurrentVersion
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("invalid record: %w", err)
	}
	b, err := json.Marshal(r) // never emits a raw newline, so one record is one line
	if err != nil {
		return nil, err
	}
	if len(b) > maxLine {
		return nil, fmt.Errorf("record is %d bytes, over the %d-byte line limit", len(b), maxLine)
	}
	return append(b, '\n'), nil
}

func (s *Store) appendLine(line []byte) error {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	// Opened without blocking and checked to be a regular file: a FIFO in
	// the log's place would otherwise hold the session's end until some
	// other process opened it for reading. Read-write, so the last byte is
	// read through this descriptor and not by a second open of the path.
	f, _, err := safefile.OpenFile(s.Path(), os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	// The exclusive lock makes "look at the last byte, then write" one step
	// among cooperating processes. It is an extra, not the guarantee: if the
	// file system has no flock, O_APPEND still keeps every line whole.
	_ = waitLock(f, false)

	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], info.Size()-1); err != nil {
			return err
		}
		if last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		// A short write (the disk filled up mid-line) would leave a broken
		// line behind; cut it off so the log is as it was.
		_ = f.Truncate(info.Size())
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if info.Size() == 0 {
		// The file may be new: make its directory entry durable too.
		if err := syncDir(s.dir); err != nil {
			return err
		}
	}
	return f.Close()
}

// Warning is one problem line that Read skipped. Line is 1-based; a
// Warning with Line 0 summarises the problems beyond the first few.
type Warning struct {
	File string // base name of the log, e.g. "history.jsonl"
	Line int
	Msg  string
}

// String renders the warning as "history.jsonl:12: skipped: ..." for stderr.
func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: skipped: %s", w.File, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Msg)
}

// Read returns every valid record in file order. It is tolerant: a missing
// file (or directory) is an empty history; a bad line (truncated by a
// crash, garbage, empty, too long, a newer version, wrong field types, a
// record failing Validate) is skipped with a Warning naming its line, and
// the rest is still returned. Only a file that cannot be read at all (not
// permitted, a directory, an I/O error) is an error. Read never creates,
// repairs or rewrites the file.
func (s *Store) Read() (recs []Record, warnings []Warning, err error) {
	f, info, err := safefile.Open(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		// A FIFO, a device or a folder in the log's place: reported, never
		// waited on or read from.
		return nil, nil, fmt.Errorf("history: cannot read %s: %w", s.Path(), cleanPathErr(err))
	}
	defer f.Close()
	var ws warnList
	var r io.Reader = f
	if info.Size() > MaxLogBytes {
		// A log this big is not one a person made by training (a century
		// of daily sessions is a few megabytes): a huge sparse file, or
		// damage. Its first MaxLogBytes are read, and that is said.
		ws.tail = fmt.Sprintf("the file is %d bytes; only the first %d were read", info.Size(), int64(MaxLogBytes))
		r = io.LimitReader(f, MaxLogBytes)
	}
	// A shared lock waits out an append in progress, so a record being
	// written is not mistaken for a truncated one. Best effort, as above.
	_ = waitLock(f, true)

	recs, err = readRecords(r, &ws)
	if err != nil {
		return nil, nil, fmt.Errorf("history: cannot read %s: %w", s.Path(), err)
	}
	return latestByID(recs), ws.list(FileName), nil
}

// warnList collects problem lines, keeping the first maxWarnings and
// counting the rest.
type warnList struct {
	kept      []Warning
	more      int
	firstMore int
	tail      string // a problem with the whole file, said last
}

func (w *warnList) add(line int, msg string) {
	if len(w.kept) < maxWarnings {
		w.kept = append(w.kept, Warning{Line: line, Msg: msg})
		return
	}
	if w.more == 0 {
		w.firstMore = line
	}
	w.more++
}

func (w *warnList) list(file string) []Warning {
	out := w.kept
	if w.more > 0 {
		out = append(out, Warning{Msg: fmt.Sprintf("skipped %d more problem lines, from line %d on", w.more, w.firstMore)})
	}
	if w.tail != "" {
		out = append(out, Warning{Msg: w.tail})
	}
	for i := range out {
		out[i].File = file
	}
	return out
}

// readRecords splits the log into lines on this goroutine and decodes them
// on one worker per CPU, because JSON decoding is nearly all of the cost of
// a read (a 100,000-record log is about 50 MB). Lines travel in batches of
// about batchBytes, so the hand-off costs little; results are put back in
// file order, and the records are copied once into a slice of exact size
// rather than grown by append. A decoded batch's buffers go back to a free
// list, so a read allocates a few batches' worth of line buffers instead of
// the size of the file.
func readRecords(r io.Reader, ws *warnList) ([]Record, error) {
	workers := runtime.GOMAXPROCS(0)
	batches := make(chan batch, workers)
	results := make(chan decoded, workers)
	free := make(chan batch, 2*workers+2) // at most this many are ever in flight
	var readErr error
	go func() {
		readErr = splitLines(r, func(seq int) batch {
			select {
			case b := <-free:
				return batch{seq: seq, buf: b.buf[:0], lines: b.lines[:0]}
			default:
				return newBatch(seq)
			}
		}, func(b batch) { batches <- b })
		close(batches) // after readErr is set: the workers' exit orders the two
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var in interner // per worker: no locking
			for b := range batches {
				results <- decodeBatch(b, &in)
				select { // decoded records share no memory with the batch
				case free <- b:
				default:
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var parts []decoded
	for d := range results {
		parts = append(parts, d)
	}
	if readErr != nil {
		return nil, readErr
	}
	slices.SortFunc(parts, func(a, b decoded) int { return a.seq - b.seq })
	n := 0
	for _, p := range parts {
		n += len(p.recs)
	}
	recs := make([]Record, 0, n)
	for _, p := range parts {
		recs = append(recs, p.recs...)
		for _, w := range p.warns {
			ws.add(w.Line, w.Msg)
		}
	}
	return recs, nil
}

const batchBytes = 256 << 10

// batch is a run of consecutive lines, copied out of the reader's buffer so
// that a worker owns them.
type batch struct {
	seq   int
	buf   []byte
	lines []lineRef
}

// newBatch sizes the buffers for a typical batch up front: growing them
// line by line showed up in profiles.
func newBatch(seq int) batch {
	return batch{seq: seq, buf: make([]byte, 0, batchBytes+8<<10), lines: make([]lineRef, 0, batchBytes/256)}
}

type lineRef struct {
	no       int  // 1-based line number
	off, end int  // the line is buf[off:end], newline excluded
	ended    bool // the line had its newline
	tooLong  bool // over maxLine: its bytes were not kept
}

type decoded struct {
	seq   int
	recs  []Record
	warns []Warning
}

func decodeBatch(b batch, in *interner) decoded {
	d := decoded{seq: b.seq, recs: make([]Record, len(b.lines))}
	n := 0
	for _, l := range b.lines {
		if l.tooLong {
			d.warns = append(d.warns, Warning{Line: l.no, Msg: fmt.Sprintf("line longer than %d bytes", maxLine)})
			continue
		}
		// Decoded in place: a Record is ~200 bytes, not worth copying.
		if msg := decodeLine(b.buf[l.off:l.end], l.ended, &d.recs[n], in); msg != "" {
			d.recs[n] = Record{}
			d.warns = append(d.warns, Warning{Line: l.no, Msg: msg})
		} else {
			n++
		}
	}
	d.recs = d.recs[:n]
	return d
}

// splitLines cuts r into lines and hands them to emit in batches, each
// started with next. It uses
// bufio.Reader rather than bufio.Scanner because a Scanner stops for good
// at an over-long line, and this must skip such a line and carry on.
func splitLines(r io.Reader, next func(seq int) batch, emit func(batch)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		cur     = next(0)
		long    []byte // a line longer than the reader's buffer, being assembled
		tooLong bool   // the current line passed maxLine; its bytes are dropped
		n       int
	)
	flush := func() {
		if len(cur.lines) > 0 {
			emit(cur)
			cur = next(cur.seq + 1)
		}
	}
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong && len(long)+len(chunk) > maxLine+2 { // +2: room for "\r\n"
				tooLong, long = true, long[:0]
			}
			if !tooLong {
				long = append(long, chunk...)
			}
			continue
		}
		eof := errors.Is(err, io.EOF)
		if err != nil && !eof {
			return err
		}
		if eof && len(chunk) == 0 && len(long) == 0 && !tooLong {
			break // the file ended with '\n', as it should
		}
		n++
		line := chunk
		if len(long) > 0 {
			line = append(long, chunk...)
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if len(bytes.TrimSuffix(line, []byte("\r"))) > maxLine {
			tooLong = true
		}
		ref := lineRef{no: n, ended: !eof, tooLong: tooLong}
		if !tooLong {
			ref.off = len(cur.buf)
			cur.buf = append(cur.buf, line...)
			ref.end = len(cur.buf)
		}
		cur.lines = append(cur.lines, ref)
		if len(cur.buf) >= batchBytes {
			flush()
		}
		long, tooLong = long[:0], false
		if eof {
			break
		}
	}
	flush()
	return nil
}

// decodeLine turns one line into *r, or says why it cannot. ended tells
// whether the line had its newline; a bad line without one is the classic
// trace of a crash during an append.
//
// Lines in the shape Append writes take decodeFast; anything else (and
// every bad line) goes through encoding/json, whose messages the warnings
// quote.
func decodeLine(line []byte, ended bool, r *Record, in *interner) string {
	line = bytes.TrimSuffix(line, []byte("\r")) // CRLF from an editor is tolerated
	if len(bytes.TrimSpace(line)) == 0 {
		return "empty line"
	}
	if !decodeFast(line, r, in) {
		*r = Record{}
		if err := json.Unmarshal(line, r); err != nil {
			if !ended {
				return "truncated last line (no newline at end of file; an interrupted write?): " + err.Error()
			}
			return "not a valid record: " + err.Error()
		}
	}
	if err := r.Validate(); err != nil {
		return "not a valid record: " + oneLine(err)
	}
	return ""
}

// cleanPathErr drops the path from an open error: the caller names it.
func cleanPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// oneLine joins the lines of an errors.Join error, since a warning is one
// line of stderr.
func oneLine(err error) string {
	return string(bytes.ReplaceAll([]byte(err.Error()), []byte("\n"), []byte("; ")))
}

// latestByID keeps one record per session id, the last one written, in
// its place: a resumed session appends its final record under the id of
// the interrupted one, and the two are one session.
func latestByID(recs []Record) []Record {
	last := make(map[string]int, len(recs))
	for i, r := range recs {
		if r.ID != "" {
			last[r.ID] = i
		}
	}
	if len(last) == len(recs) {
		return recs
	}
	out := recs[:0:0]
	for i, r := range recs {
		if r.ID == "" || last[r.ID] == i {
			out = append(out, r)
		}
	}
	return out
}
