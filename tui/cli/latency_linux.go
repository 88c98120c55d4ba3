//go:build linux

package cli

import (
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// shortSlice asks the kernel to treat every thread of the process as
// latency-sensitive: a scheduler slice of 0.1 ms (Linux 6.12 and later
// read sched_attr's runtime as the slice of an ordinary task; any user may
// set it, and older kernels ignore it). With the same weight as the other
// tasks, a thread whose timer fires then gets a busy core at once instead
// of after the running task's slice (milliseconds): under load, that wait
// is what made a segment end late. A frame is well under a millisecond of
// work, so the short slice costs nothing. The nice value and the policy
// stay as they were (a niced or batch run is left alone); threads started
// later inherit the slice.
func shortSlice() {
	tasks, err := filepath.Glob("/proc/self/task/*")
	if err != nil {
		return
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(filepath.Base(t))
		if err != nil {
			continue
		}
		attr, err := unix.SchedGetAttr(tid, 0)
		if err != nil || attr.Policy != 0 { // SCHED_OTHER only
			continue
		}
		attr.Runtime = 100_000 // ns
		_ = unix.SchedSetAttr(tid, attr, 0)
	}
}
