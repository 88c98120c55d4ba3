package cli

import (
	"runtime"
	"runtime/debug"
)

// idleGCPercent is the garbage collector's target once a session is under
// way: a session is minutes of waiting with a frame a second, so the heap
// need not grow to four times what is live before a collection (Go's
// minimum with the default GOGC=100 is 4 MB). At 25 a collection comes
// every few seconds of frames and costs a fraction of a millisecond.
//
// It earns its place, measured 20 s into a session in an 80×24 pty: the
// resident set is 13.6–13.7 MB with it and 15.5–16.7 MB without (GOGC=100
// set, which skips it), and the peak 14.9–15.8 MB against 16.3–16.7 MB; the
// target is 15 MB. Start-up is not changed: the peak of the first frame is
// 14.6–15.5 MB either way (`go run ./tui/bench -runs 0`).
const idleGCPercent = 25

// startGCPercent is the collector's target while the data files are
// parsed: parsing makes garbage several times the size of what it keeps,
// and at Go's default the heap grows to twice what is live before a
// collection. The start-up peak is the session's peak, so this is what
// sets it. Measured at 120×40 (`go run ./tui/bench -runs 0`, 10 starts,
// twice): 15.2–15.3 MB at the default, 13.5–13.7 MB at 50, first frame
// 14–20 ms either way. A whole session's peak at 120×40 was then about
// 15.3 MB, the binary's own pages (8–9 MB) and the heap; with the painter's
// compact cells (a megabyte less) it is 14.1–14.3 MB.
const startGCPercent = 50

// commandGCPercent is the collector's target for a command that prints
// and exits (list, show, validate, plan...): it parses the same data as a
// session's start and then frees everything at once by exiting, so
// collecting on the way is time spent for nothing. At 400 the heap grows to
// five times what is live before a collection (tens of megabytes at most,
// for a moment), and `list` took 46 → 25 ms of CPU, 30 → 20 ms of wall time
// (2 cores, 8 runs each). Not off: a history of 100,000 sessions is 50 MB.
const commandGCPercent = 400

// collectAt sets the collector's target to percent, unless GOGC is set in
// the environment (then it is left alone and collectAt reports false).
// Main sets commandGCPercent; a session sets startGCPercent before it loads
// its data and idleGCPercent once it runs (settleForSession).
func collectAt(env func(string) string, percent int) bool {
	if env("GOGC") != "" {
		return false
	}
	debug.SetGCPercent(percent)
	return true
}

// settleForSession is called once start-up is done (the first frame is on
// screen): start-up collects at startGCPercent, which is faster, and the rest of
// the run collects sooner and hands the start-up garbage (the parsed YAML)
// back to the system at once. A GOGC set in the environment is left alone.
//
// The rest of the run also uses one processor (GOMAXPROCS=1, unless set in
// the environment): a frame is well under a millisecond of work, and with a
// second processor every timer that fires wakes a second thread to look for
// work and hands the goroutines between threads; each of those threads must
// then get a core, which under load is what made a segment end late.
// Measured in a 120×40 hold: 32 context switches a second with two, 13 with
// one. Setting it also stops the runtime re-reading the CPU limit once a
// second. Its threads then ask for a short scheduler slice (shortSlice).
func settleForSession(env func(string) string) {
	if env("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	shortSlice()
	if collectAt(env, idleGCPercent) {
		debug.FreeOSMemory()
	}
}
