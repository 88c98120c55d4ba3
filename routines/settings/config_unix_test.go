//go:build unix

package settings

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe would block a plain read forever; it is refused unopened.
func TestLoadNamedPipe(t *testing.T) {
	p := Path(t.TempDir())
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), p+" is not a regular file") {
		t.Fatalf("Load = %v, want an error that it is not a regular file", err)
	}
}
