// Package testfiles writes the files tests read: routine files, settings,
// history logs. One helper for every package's tests (routines and tui
// alike), so each test says what it writes, not how.
package testfiles
