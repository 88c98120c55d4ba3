package ptytest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Build compiles the cooldown binary into dir and returns its path.
func Build(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "cooldown")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/cooldown-app/cooldown").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// Sandbox is a fresh HOME and XDG folders: every folder the app could read
// settings from or write to is inside it.
type Sandbox struct {
	Home, Config, State string
}

// NewSandbox makes the folders under root, with settings as the settings
// file ("" writes none).
func NewSandbox(root, settings string) (*Sandbox, error) {
	s := &Sandbox{Home: filepath.Join(root, "home"), Config: filepath.Join(root, "config"), State: filepath.Join(root, "state")}
	for _, d := range []string{s.Home, s.State, filepath.Join(s.Config, "cooldown")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	if settings == "" {
		return s, nil
	}
	return s, os.WriteFile(filepath.Join(s.Config, "cooldown", "config.yaml"), []byte(settings), 0o644)
}

// Environ is the whole environment of the app: nothing is inherited but
// PATH, so no setting of the real user leaks in and nothing touches the
// real home.
func (s *Sandbox) Environ() []string {
	return []string{
		"HOME=" + s.Home,
		"XDG_CONFIG_HOME=" + s.Config,
		"XDG_STATE_HOME=" + s.State,
		"XDG_DATA_HOME=" + filepath.Join(s.Home, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(s.Home, "cache"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"PATH=" + os.Getenv("PATH"),
	}
}

// RoutinesDir is where the app looks for user routine files.
func (s *Sandbox) RoutinesDir() string { return filepath.Join(s.Config, "cooldown", "routines") }

// WriteRoutine writes a user routine file.
func (s *Sandbox) WriteRoutine(name, content string) error {
	if err := os.MkdirAll(s.RoutinesDir(), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.RoutinesDir(), name), []byte(content), 0o644)
}

// HistoryPath is the app's session log.
func (s *Sandbox) HistoryPath() string { return filepath.Join(s.State, "cooldown", "history.jsonl") }

// ReadHistory decodes each line of the sandbox's session log into a T;
// the error wraps fs.ErrNotExist when the app wrote no log.
func ReadHistory[T any](s *Sandbox) ([]T, error) {
	f, err := os.Open(s.HistoryPath())
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("history line %d is not a JSON record: %v\n%s", n, err, sc.Bytes())
		}
		recs = append(recs, r)
	}
	return recs, sc.Err()
}
