// Package session runs one routine: it turns the routine into a timeline of
// timed segments and steps through them as a state machine driven by the
// time the caller passes in. It never reads the clock and knows nothing of
// terminals, so every timing rule is testable with a fake clock.
package session
