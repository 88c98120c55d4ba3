package tui

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Voice speaks cues with an external command without blocking the timer.
//
// One phrase is spoken at a time and none is cut off by the next: a new
// phrase waits in line behind a busy speaker, in the order given (the
// announcement of a step, then its first cue, then "three, two, one"). A
// phrase that could not start by its Until (a count or a breath word whose
// moment has passed) is dropped instead of being said late, and so is the
// oldest waiting phrase when the line is full. Hush (a pause, a skip, a
// quit) silences the phrase being spoken and drops the line: what was
// queued belongs to a moment the person has left.
//
// Say only takes the lock and appends: the program is started and waited
// for on a goroutine, so a slow or hung speech program never delays the
// timer. A missing or failing command is reported once; after that it is
// quiet.
type Voice struct {
	argv []string
	now  func() time.Time // tests pass a fake clock

	mu       sync.Mutex
	queue    []phrase
	speaking bool      // the goroutine is running a phrase or about to
	current  *exec.Cmd // the phrase being spoken, for Hush
	hushed   int       // Hush calls, so a phrase hushed mid-start is not waited for
	checked  bool      // the program was looked up (once, at the first Say)
	disabled bool      // the program is missing or failed: no more speech
	reported bool
	late     error // a failure seen after Say returned, reported by the next Say
	// onDone, if set, hears of each phrase as it is spoken or dropped (tests).
	onDone func(text string, spoken bool)
}

// phrase is one queued utterance.
type phrase struct {
	text  string
	until time.Time // zero: never stale
}

// maxQueue is how many phrases may wait behind the one being spoken.
const maxQueue = 4

// NewVoice speaks with argv (program and leading arguments); the text is
// added as the last argument and run without a shell.
func NewVoice(argv []string) *Voice { return &Voice{argv: argv, now: time.Now} }

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

// Say queues text to be spoken and returns at once. It returns an error
// only the first time the command is found missing or failing.
func (v *Voice) Say(text string) error { return v.SayBy(text, time.Time{}) }

// SayBy is Say for a phrase worth starting only until 'until' (zero: any
// time); one that has to wait longer is dropped.
func (v *Voice) SayBy(text string, until time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.checked {
		v.checked = true
		// One look-up at the first phrase, so a missing program is
		// reported at once rather than after the first phrase was lost.
		if _, err := exec.LookPath(v.argv[0]); err != nil {
			v.disabled = true
			return v.fail(err)
		}
	}
	late := v.late
	v.late = nil
	if v.disabled {
		return late
	}
	if len(v.queue) >= maxQueue {
		v.drop(v.queue[0])
		v.queue = v.queue[1:]
	}
	v.queue = append(v.queue, phrase{text: text, until: until})
	if !v.speaking {
		v.speaking = true
		go v.speak()
	}
	return late
}

// speak runs the queued phrases one after another until none is left.
func (v *Voice) speak() {
	for {
		v.mu.Lock()
		p, ok := v.next()
		if !ok || v.disabled {
			v.speaking = false
			v.mu.Unlock()
			return
		}
		hushed := v.hushed
		v.mu.Unlock()

		// Started outside the lock: a fork can take a while on a loaded
		// machine, and Say (in the screen's update) must never wait for it.
		cmd := exec.Command(v.argv[0], speechArgs(v.argv, p.text)...)
		err := cmd.Start()
		v.mu.Lock()
		if err != nil {
			v.disabled = true
			v.late = v.fail(err)
			v.drop(p)
			v.speaking = false
			v.mu.Unlock()
			return
		}
		if v.hushed != hushed {
			_ = cmd.Process.Kill() // hushed while it started
		}
		v.current = cmd
		v.mu.Unlock()

		err = cmd.Wait()

		v.mu.Lock()
		v.current = nil
		var ee *exec.ExitError
		killed := err != nil && errors.As(err, &ee) && !ee.Exited() && v.hushed != hushed
		if err != nil && !killed {
			v.disabled = true
			v.late = v.fail(err)
		}
		if v.onDone != nil {
			v.onDone(p.text, err == nil)
		}
		v.mu.Unlock()
	}
}

// next takes the first queued phrase that is not stale, dropping the
// stale ones before it. The lock is held.
func (v *Voice) next() (phrase, bool) {
	now := v.now()
	for len(v.queue) > 0 {
		p := v.queue[0]
		v.queue = v.queue[1:]
		if p.until.IsZero() || !now.After(p.until) {
			return p, true
		}
		v.drop(p)
	}
	return phrase{}, false
}

// drop notes a phrase not spoken (for tests). The lock is held.
func (v *Voice) drop(p phrase) {
	if v.onDone != nil {
		v.onDone(p.text, false)
	}
}

func (v *Voice) fail(err error) error {
	if v.reported {
		return nil
	}
	v.reported = true
	return fmt.Errorf("voice: %s failed (%v); continuing without speech", v.argv[0], err)
}

// Hush silences the phrase in progress and drops those waiting.
func (v *Voice) Hush() {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, p := range v.queue {
		v.drop(p)
	}
	v.queue = nil
	v.hushed++
	if v.current != nil && v.current.Process != nil {
		_ = v.current.Process.Kill()
	}
}
