package strictyaml

import (
	"strings"
	"testing"
	"time"
)

// TestParseDuration: the grammar alone; each kind of file checks its own
// range (see the routines and settings tests).
func TestParseDuration(t *testing.T) {
	const s, m = time.Second, time.Minute
	good := map[string]time.Duration{
		"30s": 30 * s, "3m": 3 * m, "1m30s": 90 * s, "30": 30 * s, " 5 ": 5 * s, "0": 0, "0s": 0,
		"-3": -3 * s, "-1s": -s, "29m60s": 30 * m, "99999999999999999999": farAway,
	}
	for in, want := range good {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"": "duration is empty", "soon": `bad duration "soon"`, "1h": "bad duration", "500ms": "bad duration",
		"1.5s": `duration "1.5s" must be whole seconds`, "0.5m": "bad duration", "+3s": "bad duration",
		"-": "bad duration", "3 s": "bad duration", "1e3s": "bad duration", "３０s": "bad duration",
	}
	for in, msg := range bad {
		if _, err := ParseDuration(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseDuration(%q) error %v, want %q", in, err, msg)
		}
	}
}
