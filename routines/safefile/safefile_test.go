package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// within fails the test if do takes longer than a second: nothing here may
// wait for another process.
func within(t *testing.T, do func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { do(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked")
	}
}

func TestReadFileRefusesWhatIsNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero", "/dev/null", dir} {
		within(t, func() {
			_, err := ReadFile(path, 1<<20)
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("%s: err %v, want ErrNotRegular", path, err)
			}
		})
	}
}

func TestReadFileBounded(t *testing.T) {
	dir := t.TempDir()
	sparse := filepath.Join(dir, "sparse")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 40); err != nil { // 1 TiB of nothing
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	f.Close()
	var tl *TooLargeError
	if _, err := ReadFile(sparse, 1<<20); !errors.As(err, &tl) || tl.Size != 1<<40 {
		t.Errorf("sparse file: err %v, want TooLargeError with the size", err)
	}
	// A /proc file says it is empty and is not: the read still stops.
	if _, err := os.Stat("/proc/self/maps"); err == nil {
		if _, err := ReadFile("/proc/self/maps", 16); !errors.As(err, &tl) || tl.Size != -1 {
			t.Errorf("/proc file: err %v, want TooLargeError found by the read", err)
		}
	}
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("hello"), 0o644)
	if b, err := ReadFile(small, 5); err != nil || string(b) != "hello" {
		t.Errorf("small file: %q, %v", b, err)
	}
}

func TestReadDirNeverWaits(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "b"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "a"), nil, 0o644)
	for _, path := range []string{fifo, "/dev/zero", filepath.Join(dir, "a")} {
		within(t, func() {
			if _, err := ReadDir(path); err == nil {
				t.Errorf("ReadDir(%s) listed it", path)
			}
		})
	}
	es, err := ReadDir(dir)
	if err != nil || len(es) != 3 || es[0].Name() != "a" || es[1].Name() != "b" {
		t.Errorf("ReadDir = %v, %v", es, err)
	}
}
