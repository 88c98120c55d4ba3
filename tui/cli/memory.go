package cli

import "runtime/debug"

// idleGCPercent is the garbage collector's target once a session is under
// way: a session is minutes of waiting with a frame a second, so the heap
// need not grow to four times what is live before a collection (Go's
// minimum with the default GOGC=100 is 4 MB). At 25 a collection comes
// every few seconds of frames and costs a fraction of a millisecond; the
// resident set stays about 2 MB smaller for the whole session.
const idleGCPercent = 25

// settleForSession is called once start-up is done (the first frame is on
// screen): start-up keeps Go's default, which is faster, and the rest of
// the run collects sooner and hands the start-up garbage (the parsed YAML)
// back to the system at once. A GOGC set in the environment is left alone.
func settleForSession(env func(string) string) {
	if env("GOGC") != "" {
		return
	}
	debug.SetGCPercent(idleGCPercent)
	debug.FreeOSMemory()
}
