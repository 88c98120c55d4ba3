// Package safefile opens and reads the files a person can edit or swap
// (routine files, the settings file, the session log, checkpoints) so that
// no such file can make cooldown wait or read without end: the open never
// blocks (a FIFO with no writer, a device), the opened file, not the path,
// must be a regular file (a path checked first can be swapped before the
// open), and every read stops at a limit.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// ErrNotRegular is wrapped by the errors of a path that names a FIFO, a
// device, a socket or a folder.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError says a file is over the limit it was read with.
type TooLargeError struct {
	Size  int64 // the file's size, or -1 when only the read found it too long
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("file is larger than %d bytes", e.Limit)
	}
	return fmt.Sprintf("file is %d bytes, over the %d-byte limit", e.Size, e.Limit)
}

// Open opens path for reading without blocking and returns it with the
// opened file's own information, refusing anything but a regular file.
func Open(path string) (*os.File, fs.FileInfo, error) {
	return OpenFile(path, os.O_RDONLY, 0)
}

// OpenFile is Open with flags and a permission for a new file, for the
// writers (the log is opened to append). O_NONBLOCK is always added: on a
// regular file it changes nothing, and on a FIFO it turns a wait for the
// other end into an error or an immediate end of file.
func OpenFile(path string, flag int, perm fs.FileMode) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, flag|nonBlock, perm)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, info, &fs.PathError{Op: "open", Path: path, Err: notRegular(info)}
	}
	return f, info, nil
}

// notRegular names what the file is instead, for the message.
func notRegular(info fs.FileInfo) error {
	return fmt.Errorf("%w: is a %s", ErrNotRegular, kindOf(info))
}

// kindOf names the kind of file info describes.
func kindOf(info fs.FileInfo) string {
	kind := "special file"
	switch m := info.Mode(); {
	case m.IsDir():
		kind = "directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "device"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m.IsRegular():
		kind = "regular file"
	}
	return kind
}

// ReadFile reads a regular file of at most limit bytes. A file whose size
// is over the limit is refused before anything is read; one that grows (or
// claims size 0, as /proc files do) is read only up to the limit.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, info, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Size: info.Size(), Limit: limit}}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Size: -1, Limit: limit}}
	}
	return data, nil
}

// ReadDir lists a folder, sorted by name, without ever blocking: os.ReadDir
// opens the path as a file first, and a FIFO in a folder's place would hold
// that open until some other process wrote to it.
func ReadDir(path string) ([]fs.DirEntry, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock|dirOnly, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("not a directory: is a %s", kindOf(info))}
	}
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}
