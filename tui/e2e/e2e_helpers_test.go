package e2e

// The end-to-end harness: tui/ptytest (the real binary in a pseudo-terminal,
// read back through a terminal emulator) with testing.T helpers.
//
//	env := newE2EEnv(t)                      // fresh HOME and XDG folders
//	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
//	term := e2eStart(t, env, 80, 24, "start", "tiny")
//	term.waitForText(t, e2eTimeout, "LEFT SIDE")
//	term.send(t, "q")
//	code := term.waitExit(t, e2eTimeout)
//	e2eAssertRestored(t, term.rawOutput())

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/tui/ptytest"
)

// e2eTimeout is how long any one expected screen may take to appear. It is
// generous so a busy machine does not make the tests flaky; a passing test
// never waits this long.
const e2eTimeout = 10 * time.Second

// The binary is built once per test process, on first use, so the unit
// tests of this package do not pay for it.
var e2eBuild struct {
	once sync.Once
	path string
	err  error
}

// e2eBinary builds ./ into a temporary folder and returns its path.
func e2eBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary (skipped with -short)")
	}
	e2eBuild.once.Do(func() {
		e2eRemoveStaleBuilds()
		e2eBuild.path, e2eBuild.err = ptytest.Build(filepath.Join(os.TempDir(), fmt.Sprintf("cooldown-e2e-%d", os.Getpid())))
	})
	if e2eBuild.err != nil {
		t.Fatal(e2eBuild.err)
	}
	return e2eBuild.path
}

// e2eRemoveStaleBuilds deletes the binaries left by earlier test processes
// that have exited (there is no TestMain to clean up after the last test).
func e2eRemoveStaleBuilds() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "cooldown-e2e-*"))
	for _, d := range dirs {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(d), "cooldown-e2e-"))
		if err != nil || pid == os.Getpid() {
			continue
		}
		if errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			_ = os.RemoveAll(d)
		}
	}
}

// e2eEnv is a sandbox: every folder the app could write to is temporary.
type e2eEnv struct {
	home, config, state string
}

// newE2EEnv makes a sandbox whose settings file shortens the get-ready
// and switch gaps to 1 s (e2eSettings), so routines run in seconds.
func newE2EEnv(t *testing.T) *e2eEnv {
	t.Helper()
	sb, err := ptytest.NewSandbox(t.TempDir(), e2eSettings)
	if err != nil {
		t.Fatal(err)
	}
	return &e2eEnv{home: sb.Home, config: sb.Config, state: sb.State}
}

// e2eSettings is the settings file of every sandbox.
const e2eSettings = "get_ready: 1s\nswitch_gap: 1s\n"

// sandbox is the env as the harness takes it; a test may have moved state
// (e.g. onto a small disk) since the env was made.
func (e *e2eEnv) sandbox() *ptytest.Sandbox {
	return &ptytest.Sandbox{Home: e.home, Config: e.config, State: e.state}
}

// environ is the whole environment of the child (see ptytest.Sandbox).
func (e *e2eEnv) environ() []string { return e.sandbox().Environ() }

// routinesDir is where the app looks for user routine files.
func (e *e2eEnv) routinesDir() string { return e.sandbox().RoutinesDir() }

// writeRoutine writes a user routine file.
func (e *e2eEnv) writeRoutine(t *testing.T, name, content string) {
	t.Helper()
	if err := e.sandbox().WriteRoutine(name, content); err != nil {
		t.Fatal(err)
	}
}

// e2eRecord is the part of a history line the tests check.
type e2eRecord struct {
	Routine       string    `json:"routine"`
	Outcome       string    `json:"outcome"`
	Start         time.Time `json:"start"`
	StepsDone     int       `json:"steps_done"`
	StepsTotal    int       `json:"steps_total"`
	PausedSeconds float64   `json:"paused_seconds"`
}

// history reads the sandbox's session log ($XDG_STATE_HOME/cooldown/
// history.jsonl); a missing file is an empty log.
func (e *e2eEnv) history(t *testing.T) []e2eRecord {
	t.Helper()
	recs, err := ptytest.ReadHistory[e2eRecord](e.sandbox())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// historyJSON runs `cooldown history --json` in the sandbox, as the person
// would next, and decodes its output into into (nil: not decoded); it
// returns what the command printed on each stream.
func (e *e2eEnv) historyJSON(t *testing.T, into any) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(e2eBinary(t), "history", "--json")
	cmd.Env, cmd.Dir = e.environ(), e.home
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("history: %v\n%s", err, errb.String())
	}
	if into != nil {
		if err := json.Unmarshal(out.Bytes(), into); err != nil {
			t.Fatalf("history --json: %v\n%s", err, out.String())
		}
	}
	return out.String(), errb.String()
}

// e2eTinyRoutine is a routine file of routine tiny ("Tiny test routine",
// for sore) with the steps given as "exercise-id duration".
func e2eTinyRoutine(steps ...string) string {
	var b strings.Builder
	b.WriteString("routines:\n  - id: tiny\n    name: Tiny test routine\n    soreness: [sore]\n    steps:\n")
	for _, st := range steps {
		id, dur, _ := strings.Cut(st, " ")
		b.WriteString("      - do: " + id + "\n        for: " + dur + "\n")
	}
	return b.String()
}

// e2eAssertRecorded checks the log holds exactly one session of routine
// tiny with the outcome, and that no unfinished checkpoint was left behind
// (it would be "recovered" as a second session next time).
func e2eAssertRecorded(t *testing.T, env *e2eEnv, outcome string) e2eRecord {
	t.Helper()
	recs := env.history(t)
	if len(recs) != 1 {
		t.Fatalf("history has %d records, want 1: %+v", len(recs), recs)
	}
	r := recs[0]
	if r.Routine != "tiny" || r.Outcome != outcome {
		t.Errorf("history record: routine %q, outcome %q; want tiny, %q", r.Routine, r.Outcome, outcome)
	}
	if r.Start.IsZero() || r.StepsTotal != 2 {
		t.Errorf("history record without its session: start %v, %d steps in all; want a start time and 2", r.Start, r.StepsTotal)
	}
	if left, _ := filepath.Glob(filepath.Join(env.state, "cooldown", "checkpoints", "*.json")); len(left) > 0 {
		t.Errorf("a checkpoint was left behind after the app exited: %v", left)
	}
	return r
}

// e2eTerm is the binary running in a pty, watched through an emulator.
type e2eTerm struct {
	*ptytest.Term
}

// e2eStart runs the binary with args in a cols×rows pty that is its
// controlling terminal; stdin, stdout and stderr are the pty.
func e2eStart(t *testing.T, env *e2eEnv, cols, rows int, args ...string) *e2eTerm {
	t.Helper()
	return e2eStartWith(t, env, e2eOptions{cols: cols, rows: rows}, args...)
}

// e2eOptions are the less common ways to start the app.
type e2eOptions struct {
	cols, rows int
	// stderr, if set, receives the app's stderr instead of the pty: to read
	// its diagnostics once its terminal is gone.
	stderr io.Writer
	// noCtty starts the app in a new session without a controlling
	// terminal, so closing the pty sends it no SIGHUP.
	noCtty bool
	// ownGroup: see ptytest.Options.OwnGroup.
	ownGroup bool
	// env adds variables (e.g. NO_COLOR=1) to the sandbox's environment.
	env []string
	// onOutput, if set, sees the screen after each chunk of output, with the
	// moment the chunk arrived (read before it is parsed): to time changes
	// on screen as each chunk lands.
	onOutput func(at time.Time, screen string)
}

// e2eStartWith is e2eStart with options.
func e2eStartWith(t *testing.T, env *e2eEnv, o e2eOptions, args ...string) *e2eTerm {
	t.Helper()
	po := ptytest.Options{Cols: o.cols, Rows: o.rows, Stderr: o.stderr, NoCtty: o.noCtty, OwnGroup: o.ownGroup, Env: o.env}
	if o.onOutput != nil {
		po.OnOutput = func(at time.Time, _ []byte, screen string) { o.onOutput(at, screen) }
	}
	term, err := ptytest.Start(e2eBinary(t), env.sandbox(), po, args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(term.Kill)
	return &e2eTerm{term}
}

// screen is the emulator's screen as plain text, one line per row.
func (tm *e2eTerm) screen() string { return tm.Screen() }

// rawOutput is every byte the app wrote to the terminal so far.
func (tm *e2eTerm) rawOutput() []byte { return tm.Raw() }

// waitFor waits until cond holds for the screen and returns that screen;
// on timeout, or if the app exits first, it fails the test with the screen.
func (tm *e2eTerm) waitFor(t *testing.T, timeout time.Duration, what string, cond func(screen string) bool) string {
	t.Helper()
	s, err := tm.WaitFor(what, timeout, cond)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// waitForText waits until the screen contains text.
func (tm *e2eTerm) waitForText(t *testing.T, timeout time.Duration, text string) string {
	t.Helper()
	return tm.waitFor(t, timeout, strconv.Quote(text), func(s string) bool { return strings.Contains(s, text) })
}

// dump shows the screen (with row numbers) and the tail of the raw output,
// for failure messages.
func (tm *e2eTerm) dump() string { return tm.Dump() }

// send types keys into the terminal: "\r" is enter, "\x1b[B" down, "\x03"
// ctrl+c.
func (tm *e2eTerm) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := tm.Send(keys); err != nil {
		t.Fatalf("send %q: %v", keys, err)
	}
}

// resize changes the window.
func (tm *e2eTerm) resize(t *testing.T, cols, rows int) {
	t.Helper()
	if err := tm.Resize(cols, rows); err != nil {
		t.Fatalf("resize the pty: %v", err)
	}
}

// signal sends sig to the app.
func (tm *e2eTerm) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := tm.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// waitExit waits for the app to exit and returns its exit code; on timeout
// it kills the app and fails. The output is read to its end first, so
// rawOutput holds the final bytes.
func (tm *e2eTerm) waitExit(t *testing.T, timeout time.Duration) int {
	t.Helper()
	code, err := tm.WaitExit(timeout)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func e2eExitCode(t *testing.T, err error) int {
	t.Helper()
	code, err := ptytest.ExitCode(err)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func e2eWaitOrTimeout(ch <-chan struct{}, d time.Duration) <-chan struct{} {
	out := make(chan struct{})
	go func() {
		select {
		case <-ch:
		case <-time.After(d):
		}
		close(out)
	}()
	return out
}

// e2eAssertRestored checks the app left the terminal as it found it
// (ptytest.Unrestored lists what it checks).
func e2eAssertRestored(t *testing.T, raw []byte) {
	t.Helper()
	tail := raw
	if len(tail) > 300 {
		tail = tail[len(tail)-300:]
	}
	for _, p := range ptytest.Unrestored(raw) {
		t.Errorf("%s; output ends %q", p, tail)
	}
}

// e2eSelectedRow is the text of the highlighted row ("> name ..."), or "".
func e2eSelectedRow(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if s := strings.TrimSpace(l); strings.HasPrefix(s, "> ") {
			return s
		}
	}
	return ""
}

// e2eLeftRe reads the routine's time left from the session header.
var e2eLeftRe = regexp.MustCompile(`(\d+):(\d\d) left`)

// e2eTimeLeft is the session header's "m:ss left" in seconds (shown while
// the session is paused or waiting; a running one shows whole minutes), or
// -1.
func e2eTimeLeft(screen string) int {
	m := e2eLeftRe.FindStringSubmatch(screen)
	if m == nil {
		return -1
	}
	mins, _ := strconv.Atoi(m[1])
	secs, _ := strconv.Atoi(m[2])
	return mins*60 + secs
}

// e2eCountdown is the big digits of the session screen (the rows that
// start with full blocks, up to anything else: the figure beside them, the
// empty part of the bar), or "" if none are shown: two screens with
// different countdowns show different seconds.
func e2eCountdown(screen string) string {
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.IndexFunc(l, func(r rune) bool { return r != '█' && r != ' ' }); i >= 0 {
			l = l[:i]
		}
		if strings.Contains(l, "█") {
			rows = append(rows, strings.TrimRight(l, " "))
		}
	}
	// The digits' shape, wherever they are centred: the column narrows
	// when the stick figure appears beside it, a moment after the start.
	indent := -1
	for _, r := range rows {
		if n := len(r) - len(strings.TrimLeft(r, " ")); indent < 0 || n < indent {
			indent = n
		}
	}
	for i := range rows {
		rows[i] = rows[i][max(indent, 0):]
	}
	return strings.Join(rows, "\n")
}

// The routine files the tests use. e2eTinyYAML runs in about 8 s with the
// sandbox's 1 s get-ready and switch gaps (20 s with the default 5 s);
// e2eHoldYAML has the same id and a long first hold, so "mid-hold" and
// "mid-session" are states a test can reach without racing the clock.
const (
	e2eTinyYAML = `routines:
  - id: tiny
    name: Tiny test routine
    soreness: [sore]
    summary: A few seconds, for tests.
    steps:
      - do: wall-calf
        for: 2s
      - do: hydrate
        for: 1s
`
	e2eHoldYAML = `routines:
  - id: tiny
    name: Tiny test routine
    soreness: [sore]
    summary: A long first hold, for interrupting.
    steps:
      - do: wall-calf
        for: 30s
      - do: hydrate
        for: 1s
`
)

// Keys as a terminal sends them.
const (
	e2eKeyEnter = "\r"
	e2eKeyDown  = "\x1b[B"
	e2eKeyCtrlC = "\x03"
)

// The exit codes the binary promises (the cli package maps them).
const (
	exitOK          = 0
	exitUsage       = 2
	exitInterrupted = 130
)

// assertEnded waits for the app to exit with code, checks it gave the
// terminal back as it found it, and returns the session it recorded with
// outcome: how every real-binary session test ends.
func (tm *e2eTerm) assertEnded(t *testing.T, env *e2eEnv, code int, outcome string) e2eRecord {
	t.Helper()
	if got := tm.waitExit(t, e2eTimeout); got != code {
		t.Errorf("exit code %d, want %d", got, code)
	}
	e2eAssertRestored(t, tm.rawOutput())
	return e2eAssertRecorded(t, env, outcome)
}
