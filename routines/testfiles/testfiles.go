// Package testfiles writes the files tests read: routine files, settings,
// history logs. One helper for every package's tests (routines and tui
// alike), so each test says what it writes, not how.
package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes text to path, making its folders, and returns path; any
// failure ends the test.
func Write(t testing.TB, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
