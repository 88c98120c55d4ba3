//go:build unix

package history

import (
	"errors"
	"os"
	"syscall"
)

// locksWork is true where flock tells a live session from a dead one.
const locksWork = true

// tryLock takes an exclusive flock without waiting. It returns false when
// another open file (in any process) holds it. The kernel drops the lock
// when the holder exits, however it exits: that is what makes it a liveness
// test for a session.
func tryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		default:
			return false, &os.PathError{Op: "flock", Path: f.Name(), Err: err}
		}
	}
}

// waitLock takes a flock, waiting for it. It guards history.jsonl only for
// the length of one append or one read, so the wait is short. Errors are
// returned so the caller can carry on without the lock on file systems that
// lack flock: O_APPEND alone already keeps lines whole.
func waitLock(f *os.File, shared bool) error {
	how := syscall.LOCK_EX
	if shared {
		how = syscall.LOCK_SH
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// syncDir makes a create, rename or remove inside dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
