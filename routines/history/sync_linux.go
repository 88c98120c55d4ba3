//go:build linux

package history

import (
	"os"

	"golang.org/x/sys/unix"
)

// dataSync makes a rewrite in place durable; the size and times need not be.
func dataSync(f *os.File) error {
	for {
		err := unix.Fdatasync(int(f.Fd()))
		if err != unix.EINTR {
			return err
		}
	}
}

// preallocate reserves size bytes for f. It is an extra (the caller writes
// the whole file anyway), so a file system without fallocate is fine.
func preallocate(f *os.File, size int64) {
	_ = unix.Fallocate(int(f.Fd()), 0, 0, size)
}
