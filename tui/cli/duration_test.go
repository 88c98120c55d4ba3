package cli

import (
	"strings"
	"testing"
	"time"
)

// TestGapFlag: --get-ready reads the same grammar as the settings file.
func TestGapFlag(t *testing.T) {
	var d time.Duration
	g := gapFlag{&d, 60 * time.Second}
	for in, want := range map[string]time.Duration{"5": 5 * time.Second, "0": 0, "3s": 3 * time.Second, "1m": time.Minute, "0m45s": 45 * time.Second} {
		if err := g.Set(in); err != nil || d != want {
			t.Errorf("--get-ready %s = %v, %v; want %v", in, d, err, want)
		}
	}
	for in, msg := range map[string]string{"90": "must be 0–60 s, found 90", "-1": "must be 0–60 s", "1.5s": "whole seconds", "soon": "bad duration", "2h": "bad duration"} {
		if err := g.Set(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("--get-ready %s: error %v, want %q", in, err, msg)
		}
	}
	_ = g.Set("45")
	if g.String() != "45s" || g.Type() != "duration" {
		t.Errorf("String %q Type %q", g.String(), g.Type())
	}
}
