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
	path := s.Path()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
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
		last, err := lastByte(path, info.Size())
		if err != nil {
			return err
		}
		if last != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
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

// lastByte reads the byte at size-1. The append descriptor is write-only
// (as O_APPEND logs should be), so a second, read-only one is used.
func lastByte(path string, size int64) (byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var b [1]byte
	if _, err := f.ReadAt(b[:], size-1); err != nil {
		return 0, err
	}
	return b[0], nil
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
	f, err := os.Open(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("history: cannot read %s: %w", s.Path(), err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, nil, fmt.Errorf("history: cannot read %s: is a directory", s.Path())
	}
	// A shared lock waits out an append in progress, so a record being
	// written is not mistaken for a truncated one. Best effort, as above.
	_ = waitLock(f, true)

	var ws warnList
	recs, err = readRecords(f, &ws)
	if err != nil {
		return nil, nil, fmt.Errorf("history: cannot read %s: %w", s.Path(), err)
	}
	return recs, ws.list(FileName), nil
}

// warnList collects problem lines, keeping the first maxWarnings and
// counting the rest.
type warnList struct {
	kept      []Warning
	more      int
	firstMore int
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
	for i := range out {
		out[i].File = file
	}
	return out
}

// readRecords decodes the log line by line. It uses bufio.Reader rather
// than bufio.Scanner because a Scanner stops for good at an over-long line,
// and this must skip it and carry on.
func readRecords(r io.Reader, ws *warnList) ([]Record, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	var (
		recs    []Record
		long    []byte // a line longer than the reader's buffer, being assembled
		tooLong bool   // the current line passed maxLine; its bytes are dropped
		n       int
	)
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong && len(long)+len(chunk) > maxLine {
				tooLong, long = true, long[:0]
			}
			if !tooLong {
				long = append(long, chunk...)
			}
			continue
		}
		eof := errors.Is(err, io.EOF)
		if err != nil && !eof {
			return nil, err
		}
		if eof && len(chunk) == 0 && len(long) == 0 && !tooLong {
			break // the file ended with '\n', as it should
		}
		n++
		line := chunk
		if len(long) > 0 {
			line = append(long, chunk...)
		}
		if !tooLong && len(bytes.TrimRight(line, "\r\n")) > maxLine {
			tooLong = true
		}
		switch {
		case tooLong:
			ws.add(n, fmt.Sprintf("line longer than %d bytes", maxLine))
		default:
			if rec, msg := decodeLine(line, !eof); msg != "" {
				ws.add(n, msg)
			} else {
				recs = append(recs, rec)
			}
		}
		long, tooLong = long[:0], false
		if eof {
			break
		}
	}
	return recs, nil
}

// decodeLine turns one line into a record, or says why it cannot. ended
// tells whether the line had its newline; a bad line without one is the
// classic trace of a crash during an append.
func decodeLine(line []byte, ended bool) (Record, string) {
	line = bytes.TrimRight(line, "\r\n") // CRLF from an editor is tolerated
	if len(bytes.TrimSpace(line)) == 0 {
		return Record{}, "empty line"
	}
	var r Record
	if err := json.Unmarshal(line, &r); err != nil {
		if !ended {
			return Record{}, "truncated last line (no newline at end of file; an interrupted write?): " + err.Error()
		}
		return Record{}, "not a valid record: " + err.Error()
	}
	if err := r.Validate(); err != nil {
		return Record{}, "not a valid record: " + oneLine(err)
	}
	return r, ""
}

// oneLine joins the lines of an errors.Join error, since a warning is one
// line of stderr.
func oneLine(err error) string {
	return string(bytes.ReplaceAll([]byte(err.Error()), []byte("\n"), []byte("; ")))
}
