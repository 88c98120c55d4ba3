package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// A usage error is a command that did not run: it writes nothing to the
// history, not even the recovery of a session a killed cooldown left.
func TestUsageErrorWritesNoHistory(t *testing.T) {
	env(t)
	state := filepath.Join(os.Getenv("XDG_STATE_HOME"), "cooldown")
	cp := testfiles.Write(t, filepath.Join(state, "checkpoints", "killed.json"),
		`{"v":1,"id":"killed","start":"2026-03-04T18:00:00Z","end":"2026-03-04T18:05:00Z","routine":"quick-10-lower","routine_name":"Quick","soreness":"sore","outcome":"interrupted","steps_done":1,"steps_total":9}`)
	for _, args := range [][]string{
		{"start", "no-such-routine", "--plain"},
		{"start", "no-such-routine"},
		{"start", "--plain"},
		{"start", "quick-10-lower", "--plain", "--soreness", "achy"},
		{"start", "quick-10-lower", "--plain", "--get-ready", "99s"},
	} {
		r := cli(t, args...)
		r.want(t, exitUsage)
		if _, err := os.Stat(filepath.Join(state, "history.jsonl")); err == nil {
			t.Fatalf("%q wrote the history", args)
		}
		if _, err := os.Stat(cp); err != nil {
			t.Fatalf("%q took the checkpoint: %v", args, err)
		}
	}
}
