package cli

import (
	"os"

	"golang.org/x/sys/unix"
)

// keysWithoutEcho puts the terminal f in the mode plain mode reads keys
// in: each key at once (no waiting for enter) and not echoed into the
// event lines a screen reader follows. Signals (ctrl+c) and output
// processing stay as they are, so the lines still end where they should.
// restore gives the terminal back as it was; it is safe to call twice.
func keysWithoutEcho(f *os.File) (restore func(), err error) {
	fd := int(f.Fd())
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return func() {}, err
	}
	t := *old
	t.Lflag &^= unix.ECHO | unix.ICANON
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &t); err != nil {
		return func() {}, err
	}
	done := false
	return func() {
		if !done {
			done = true
			_ = unix.IoctlSetTermios(fd, ioctlSetTermios, old)
		}
	}, nil
}
