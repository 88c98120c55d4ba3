//go:build unix

package settings

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cooldown-app/cooldown/routines"
)

// A FIFO in the settings file's place is neither waited on nor replaced.
func TestSaveKitLeavesAFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := SaveKit(fifo, routines.KitRoom); err == nil || !strings.Contains(err.Error(), "FIFO") {
		t.Errorf("FIFO: got %v", err)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
}
