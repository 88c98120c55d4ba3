//go:build linux

package cli

import (
	"os"
	"syscall"
)

// extraEndSignals are end signals that exist only on Linux.
var extraEndSignals = []os.Signal{syscall.SIGSTKFLT}
