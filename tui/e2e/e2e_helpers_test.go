package e2e

// The end-to-end harness: the real cooldown binary in a pseudo-terminal,
// its output fed into an x/vt terminal emulator, the screen read as text.
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

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/cooldown-app/cooldown/tui"
)

// e2eTimeout is how long any one expected screen may take to appear. It is
// generous so a busy machine does not make the tests flaky; a passing test
// never waits this long.
const e2eTimeout = 10 * time.Second

// e2ePollEvery is how often waitFor looks at the screen.
const e2ePollEvery = 20 * time.Millisecond

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
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("cooldown-e2e-%d", os.Getpid()))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			e2eBuild.err = err
			return
		}
		bin := filepath.Join(dir, "cooldown")
		cmd := exec.Command("go", "build", "-o", bin, "github.com/cooldown-app/cooldown")
		out, err := cmd.CombinedOutput()
		if err != nil {
			e2eBuild.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		e2eBuild.path = bin
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
	e := &e2eEnv{home: t.TempDir(), config: t.TempDir(), state: t.TempDir()}
	dir := filepath.Join(e.config, "cooldown")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(e2eSettings), 0o644); err != nil {
		t.Fatal(err)
	}
	return e
}

// e2eSettings is the settings file of every sandbox.
const e2eSettings = "get_ready: 1s\nswitch_gap: 1s\n"

// environ is the whole environment of the child: nothing is inherited but
// PATH, so no setting of the real user leaks in and nothing touches the
// real home.
func (e *e2eEnv) environ() []string {
	return []string{
		"HOME=" + e.home,
		"XDG_CONFIG_HOME=" + e.config,
		"XDG_STATE_HOME=" + e.state,
		"XDG_DATA_HOME=" + filepath.Join(e.home, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(e.home, "cache"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"PATH=" + os.Getenv("PATH"),
	}
}

// routinesDir is where the app looks for user routine files.
func (e *e2eEnv) routinesDir() string { return filepath.Join(e.config, "cooldown", "routines") }

// writeRoutine writes a user routine file.
func (e *e2eEnv) writeRoutine(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(e.routinesDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.routinesDir(), name), []byte(content), 0o644); err != nil {
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
	data, err := os.ReadFile(filepath.Join(e.state, "cooldown", "history.jsonl"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var recs []e2eRecord
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		var r e2eRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("history line %d is not a JSON record: %v\n%s", i+1, err, line)
		}
		recs = append(recs, r)
	}
	return recs
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
	cmd  *exec.Cmd
	ptmx *os.File

	mu  sync.Mutex // guards em and raw
	em  *vt.Emulator
	raw bytes.Buffer

	readDone chan struct{} // closed when the pty master reads EOF/EIO
	exited   chan struct{} // closed when cmd.Wait returned
	waitErr  error
	started  time.Time
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
	// env adds variables (e.g. NO_COLOR=1) to the sandbox's environment.
	env []string
	// onOutput, if set, sees the screen after each chunk of output, with the
	// moment the chunk arrived (read before it is parsed): to time changes
	// on screen more finely than waitFor's polling.
	onOutput func(at time.Time, screen string)
}

// e2eStartWith is e2eStart with options.
func e2eStartWith(t *testing.T, env *e2eEnv, o e2eOptions, args ...string) *e2eTerm {
	t.Helper()
	cols, rows := o.cols, o.rows
	cmd := exec.Command(e2eBinary(t), args...)
	cmd.Env = append(env.environ(), o.env...)
	cmd.Dir = env.home
	if o.stderr != nil {
		cmd.Stderr = o.stderr // pty.Start only fills in the streams left nil
	}
	size := &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}
	var ptmx *os.File
	var err error
	if o.noCtty {
		ptmx, err = pty.StartWithAttrs(cmd, size, &syscall.SysProcAttr{Setsid: true})
	} else {
		ptmx, err = pty.StartWithSize(cmd, size)
	}
	if err != nil {
		t.Fatalf("start in a pty: %v", err)
	}
	tm := &e2eTerm{
		cmd:      cmd,
		ptmx:     ptmx,
		em:       vt.NewEmulator(cols, rows),
		readDone: make(chan struct{}),
		exited:   make(chan struct{}),
		started:  time.Now(),
	}
	// The emulator answers the app's queries (background colour, cursor
	// position, modes) through its reply pipe; if nobody reads it, Write
	// blocks. Keep reading even once the pty is gone, so a late reply can
	// never wedge the emulator. The emulator is never closed (trap 4: Close
	// races with Write); this goroutine ends with the test process.
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := tm.em.Read(buf)
			if n > 0 {
				_, _ = ptmx.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		defer close(tm.readDone)
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			at := time.Now()
			if n > 0 {
				tm.mu.Lock()
				tm.raw.Write(buf[:n])
				_, _ = tm.em.Write(buf[:n])
				if o.onOutput != nil {
					o.onOutput(at, tui.ScreenText(tm.em))
				}
				tm.mu.Unlock()
			}
			if err != nil {
				return // EIO once the child and its terminal are gone
			}
		}
	}()
	go func() {
		tm.waitErr = cmd.Wait()
		close(tm.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-tm.exited:
		default:
			_ = cmd.Process.Kill()
			<-tm.exited
		}
		select {
		case <-tm.readDone:
		case <-time.After(2 * time.Second):
		}
		_ = ptmx.Close()
	})
	return tm
}

// screen is the emulator's screen as plain text, one line per row.
func (tm *e2eTerm) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tui.ScreenText(tm.em)
}

// rawOutput is every byte the app wrote to the terminal so far.
func (tm *e2eTerm) rawOutput() []byte {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return bytes.Clone(tm.raw.Bytes())
}

// waitFor polls the screen until cond holds and returns that screen; on
// timeout it fails the test with the last screen.
func (tm *e2eTerm) waitFor(t *testing.T, timeout time.Duration, what string, cond func(screen string) bool) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := tm.screen()
		if cond(s) {
			return s
		}
		select {
		case <-tm.exited:
			// One last look: the final frame may have landed just now.
			<-e2eWaitOrTimeout(tm.readDone, 2*time.Second)
			if s := tm.screen(); cond(s) {
				return s
			}
			t.Fatalf("waiting for %s: the app exited (%v) after %v\n%s", what, tm.waitErr, time.Since(tm.started).Round(time.Millisecond), tm.dump())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: timed out after %v\n%s", what, timeout, tm.dump())
		}
		time.Sleep(e2ePollEvery)
	}
}

// waitForText waits until the screen contains text.
func (tm *e2eTerm) waitForText(t *testing.T, timeout time.Duration, text string) string {
	t.Helper()
	return tm.waitFor(t, timeout, strconv.Quote(text), func(s string) bool { return strings.Contains(s, text) })
}

// dump shows the screen (with row numbers) and the tail of the raw output,
// for failure messages.
func (tm *e2eTerm) dump() string {
	var b strings.Builder
	b.WriteString("--- screen ---\n")
	for i, l := range strings.Split(tm.screen(), "\n") {
		fmt.Fprintf(&b, "%2d|%s\n", i, strings.TrimRight(l, " "))
	}
	raw := tm.rawOutput()
	if len(raw) > 600 {
		raw = raw[len(raw)-600:]
	}
	fmt.Fprintf(&b, "--- last %d raw bytes ---\n%q\n", len(raw), raw)
	return b.String()
}

// send types keys into the terminal: "\r" is enter, "\x1b[B" down, "\x03"
// ctrl+c.
func (tm *e2eTerm) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := tm.ptmx.Write([]byte(keys)); err != nil {
		t.Fatalf("send %q: %v", keys, err)
	}
}

// resize changes the window: the emulator first, so the redraw that the
// kernel's SIGWINCH triggers lands on a screen of the new size.
func (tm *e2eTerm) resize(t *testing.T, cols, rows int) {
	t.Helper()
	tm.mu.Lock()
	tm.em.Resize(cols, rows)
	tm.mu.Unlock()
	if err := pty.Setsize(tm.ptmx, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		t.Fatalf("resize the pty: %v", err)
	}
}

// signal sends sig to the app.
func (tm *e2eTerm) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := tm.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// waitExit waits for the app to exit and returns its exit code; on timeout
// it kills the app and fails. The output is read to its end first, so
// rawOutput holds the final bytes.
func (tm *e2eTerm) waitExit(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-tm.exited:
	case <-time.After(timeout):
		_ = tm.cmd.Process.Kill()
		<-tm.exited
		t.Fatalf("the app did not exit within %v; killed it\n%s", timeout, tm.dump())
	}
	select {
	case <-tm.readDone:
	case <-time.After(5 * time.Second):
		t.Fatalf("the app exited but its terminal output did not end\n%s", tm.dump())
	}
	return e2eExitCode(t, tm.waitErr)
}

func e2eExitCode(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("wait: %v", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Fatalf("the app was killed by signal %v instead of exiting with a code", ws.Signal())
	}
	return ee.ExitCode()
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

var (
	e2eAltScreenSeq = regexp.MustCompile(`\x1b\[\?1049[hl]`)
	e2eCursorSeq    = regexp.MustCompile(`\x1b\[\?25[hl]`)
	// The keyboard modes Bubble Tea (and cooldown's own renderer) turn on:
	// a kitty keyboard protocol push and modifyOtherKeys, and their undoing.
	e2eKittyPushSeq         = regexp.MustCompile(`\x1b\[>\d*u`)
	e2eKittyPopSeq          = regexp.MustCompile(`\x1b\[<\d*u`)
	e2eModifyOtherKeysSet   = regexp.MustCompile(`\x1b\[>4;[12]m`)
	e2eModifyOtherKeysReset = regexp.MustCompile(`\x1b\[>4(;0)?m`)
)

// e2eAssertRestored checks the app left the terminal as it found it:
// the alternate screen was entered and left last, and the cursor was shown
// again after it was last hidden.
func e2eAssertRestored(t *testing.T, raw []byte) {
	t.Helper()
	tail := func() string {
		if len(raw) > 300 {
			return fmt.Sprintf("%q", raw[len(raw)-300:])
		}
		return fmt.Sprintf("%q", raw)
	}
	alt := e2eAltScreenSeq.FindAll(raw, -1)
	switch {
	case len(alt) == 0:
		t.Errorf("the app never entered the alternate screen (no \\x1b[?1049h); output ends %s", tail())
	case string(alt[len(alt)-1]) != "\x1b[?1049l":
		t.Errorf("the alternate screen was not left: last sequence %q; output ends %s", alt[len(alt)-1], tail())
	}
	if cur := e2eCursorSeq.FindAll(raw, -1); len(cur) > 0 && string(cur[len(cur)-1]) != "\x1b[?25h" {
		t.Errorf("the cursor was left hidden: last cursor sequence %q; output ends %s", cur[len(cur)-1], tail())
	}
	// Keyboard modes: every kitty keyboard push popped, the last pop after
	// the last push and before the alternate screen was left (the kitty
	// protocol keeps a stack per screen), and modifyOtherKeys reset after
	// it was last set.
	pushes, pops := e2eKittyPushSeq.FindAllIndex(raw, -1), e2eKittyPopSeq.FindAllIndex(raw, -1)
	lastAt := func(m [][]int) int {
		if len(m) == 0 {
			return -1
		}
		return m[len(m)-1][0]
	}
	if len(pushes) > 0 {
		leave := bytes.LastIndex(raw, []byte("\x1b[?1049l"))
		switch {
		case len(pops) < len(pushes):
			t.Errorf("kitty keyboard: %d pushes (\\x1b[>…u) but %d pops (\\x1b[<…u); output ends %s", len(pushes), len(pops), tail())
		case lastAt(pops) < lastAt(pushes):
			t.Errorf("kitty keyboard: pushed again after the last pop; output ends %s", tail())
		case leave >= 0 && lastAt(pops) > leave:
			t.Errorf("kitty keyboard: popped after leaving the alternate screen (its stack is per screen); output ends %s", tail())
		}
	}
	if set := lastAt(e2eModifyOtherKeysSet.FindAllIndex(raw, -1)); set >= 0 && lastAt(e2eModifyOtherKeysReset.FindAllIndex(raw, -1)) < set {
		t.Errorf("modifyOtherKeys was left on (no \\x1b[>4m or \\x1b[>4;0m after the last \\x1b[>4;2m); output ends %s", tail())
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

// e2eCountdown is the big digits of the session screen (the rows of full
// blocks above the bar), or "" if none are shown: two screens with
// different countdowns show different seconds.
func e2eCountdown(screen string) string {
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		if t := strings.TrimSpace(l); strings.Contains(t, "█") && strings.Trim(t, "█ ") == "" {
			rows = append(rows, strings.TrimRight(l, " "))
		}
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
