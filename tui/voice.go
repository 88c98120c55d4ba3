package tui

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Voice speaks cues with an external command without blocking the timer.
// A new phrase stops one still being spoken: the newest cue matters most.
// A missing or failing command is reported once; after that it is quiet.
type Voice struct {
	argv []string

	mu       sync.Mutex
	current  *exec.Cmd
	reported bool
	late     error // a failure seen after Say returned, reported by the next Say
}

// NewVoice speaks with argv (program and leading arguments); the text is
// added as the last argument and run without a shell.
func NewVoice(argv []string) *Voice { return &Voice{argv: argv} }

// endsOptions are the speech programs known to read "--" as the end of
// their options (both parse their arguments with getopt_long). macOS say
// and a person's own voice_command are not assumed to.
var endsOptions = map[string]bool{"espeak-ng": true, "espeak": true, "spd-say": true}

// speechArgs is the argument list that speaks text with argv. Text comes
// from routine files, which anyone may share, so it must never be read as
// an option (an exercise named "-w/tmp/x.wav" would make espeak-ng write a
// file): it never starts with '-', whatever the program, and "--" goes
// before it for the programs that take it.
func speechArgs(argv []string, text string) []string {
	args := append([]string{}, argv[1:]...)
	if endsOptions[filepath.Base(argv[0])] {
		args = append(args, "--")
	}
	return append(args, strings.TrimLeft(text, "- \t"))
}

// Say starts speaking text and returns at once. It returns an error only
// the first time the command fails.
func (v *Voice) Say(text string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.current != nil && v.current.Process != nil {
		_ = v.current.Process.Kill()
	}
	cmd := exec.Command(v.argv[0], speechArgs(v.argv, text)...)
	if err := cmd.Start(); err != nil {
		return v.fail(err)
	}
	v.current = cmd
	late := v.late
	v.late = nil
	go func() {
		err := cmd.Wait()
		v.mu.Lock()
		defer v.mu.Unlock()
		if v.current == cmd {
			v.current = nil
		}
		var ee *exec.ExitError
		if err != nil && errors.As(err, &ee) && !ee.Exited() {
			return // killed by a newer phrase
		}
		if err != nil {
			v.late = v.fail(err)
		}
	}()
	return late
}

func (v *Voice) fail(err error) error {
	if v.reported {
		return nil
	}
	v.reported = true
	return fmt.Errorf("voice: %s failed (%v); continuing without speech", v.argv[0], err)
}

// Stop silences any phrase in progress.
func (v *Voice) Stop() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.current != nil && v.current.Process != nil {
		_ = v.current.Process.Kill()
	}
}
