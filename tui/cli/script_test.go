package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary be `cooldown` in scripts: testscript runs
// it again as that command, so each script gets a fresh process whose XDG
// folders are the script's own.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"cooldown": func() { os.Exit(Main(context.Background(), "", os.Args[1:])) },
	})
}

// TestScripts runs testdata/script/*.txtar: each is a command line with the
// stdout, stderr and exit code it must give (see testdata/script/README.md).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			home := filepath.Join(e.WorkDir, "home")
			e.Setenv("HOME", home)
			e.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			e.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
			e.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
			e.Setenv("NO_COLOR", "1")
			e.Setenv("ROUTINES", filepath.Join(home, ".config", "cooldown", "routines"))
			e.Setenv("SETTINGS", filepath.Join(home, ".config", "cooldown", "config.yaml"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits},
	})
}

// exits N prog args... runs prog and wants exit code N; stdout and stderr
// are then checked by the next lines, as after exec.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}
