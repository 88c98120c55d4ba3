//go:build unix

package routines

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// TestFIFOIsRefused: a named pipe called x.yaml would block a plain read
// for ever; it is refused at once and the rest still loads.
func TestFIFOIsRefused(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "good.yaml"), goodUser)
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan struct{})
	var problems Problems
	var lib *Library
	go func() {
		defer close(done)
		lib, problems, _ = Load(dir)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a FIFO")
	}
	if len(problems) != 1 || problems[0].File != fifo || !strings.Contains(problems[0].Msg, "not a regular file") {
		t.Errorf("problems %v, want one saying the FIFO is not a regular file", problems)
	}
	if _, err := lib.Routine("my-good-one"); err != nil {
		t.Error(err)
	}
}
