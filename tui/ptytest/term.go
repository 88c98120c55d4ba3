package ptytest

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Options are the ways to start the app.
type Options struct {
	Cols, Rows int
	// Stderr, if set, receives the app's stderr instead of the pty: to read
	// its diagnostics once its terminal is gone.
	Stderr io.Writer
	// NoCtty starts the app in a new session without a controlling
	// terminal, so closing the pty sends it no SIGHUP.
	NoCtty bool
	// OwnGroup starts the app in a process group of its own in the test's
	// session, the pty not its controlling terminal: a stop then really
	// stops it, as under a shell's job control (a session leader's group
	// is orphaned, and the kernel discards stops from the keyboard for it).
	OwnGroup bool
	// Env adds variables (e.g. NO_COLOR=1) to the sandbox's environment.
	Env []string
	// LightBackground makes the emulator answer that its background is white.
	LightBackground bool
	// StartEnv, if set, names a variable that receives the start time in
	// Unix nanoseconds, so the app can report its latency against it.
	StartEnv string
	// OnOutput, if set, sees each chunk of output with the moment it arrived
	// (read before it is parsed) and the screen after it; it runs with the
	// Term locked, so it may update state that WaitFor conditions read.
	OnOutput func(at time.Time, chunk []byte, screen string)
}

// Term is the app running in a pty, watched through an emulator.
type Term struct {
	cmd     *exec.Cmd
	ptmx    *os.File
	started time.Time

	mu      sync.Mutex // guards em, raw, screen and changed
	em      *vt.Emulator
	raw     bytes.Buffer
	screen  string        // the screen as text, when not stale
	stale   bool          // output came since screen was rendered
	changed chan struct{} // closed and replaced after every chunk

	readDone chan struct{} // closed when the pty master reads EOF/EIO
	exited   chan struct{} // closed when cmd.Wait returned
	waitErr  error
}

// Start runs bin with args in a pty of o.Cols×o.Rows that is its
// controlling terminal; stdin, stdout and stderr are the pty.
func Start(bin string, sb *Sandbox, o Options, args ...string) (*Term, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(sb.Environ(), o.Env...)
	cmd.Dir = sb.Home
	if o.Stderr != nil {
		cmd.Stderr = o.Stderr // pty.Start only fills in the streams left nil
	}
	t := &Term{cmd: cmd, em: vt.NewEmulator(o.Cols, o.Rows), changed: make(chan struct{}),
		readDone: make(chan struct{}), exited: make(chan struct{})}
	if o.LightBackground {
		t.em.SetDefaultBackgroundColor(color.White)
	}
	t.stale = true
	size := &pty.Winsize{Rows: uint16(o.Rows), Cols: uint16(o.Cols)}
	t.started = time.Now()
	if o.StartEnv != "" {
		cmd.Env = append(cmd.Env, o.StartEnv+"="+strconv.FormatInt(t.started.UnixNano(), 10))
	}
	var err error
	switch {
	case o.NoCtty:
		t.ptmx, err = pty.StartWithAttrs(cmd, size, &syscall.SysProcAttr{Setsid: true})
	case o.OwnGroup:
		t.ptmx, err = pty.StartWithAttrs(cmd, size, &syscall.SysProcAttr{Setpgid: true})
	default:
		t.ptmx, err = pty.StartWithSize(cmd, size)
	}
	if err != nil {
		return nil, fmt.Errorf("start in a pty: %w", err)
	}
	go t.answerQueries()
	go t.readLoop(o.OnOutput)
	go func() {
		t.waitErr = cmd.Wait()
		close(t.exited)
	}()
	return t, nil
}

// answerQueries passes the emulator's replies to the app's queries
// (background colour, cursor position, modes) back through the pty; if
// nobody reads them, the emulator's Write blocks. It keeps reading even once
// the pty is gone, so a late reply can never wedge the emulator. The
// emulator is never closed (Close races with Write); this goroutine ends
// with the process.
func (t *Term) answerQueries() {
	buf := make([]byte, 1024)
	for {
		n, err := t.em.Read(buf)
		if n > 0 {
			_, _ = t.ptmx.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

func (t *Term) readLoop(onOutput func(time.Time, []byte, string)) {
	defer close(t.readDone)
	buf := make([]byte, 64*1024)
	for {
		n, err := t.ptmx.Read(buf)
		at := time.Now()
		if n > 0 {
			t.mu.Lock()
			t.raw.Write(buf[:n])
			_, _ = t.em.Write(buf[:n])
			t.stale = true
			if onOutput != nil {
				onOutput(at, buf[:n], t.screenLocked())
			}
			close(t.changed)
			t.changed = make(chan struct{})
			t.mu.Unlock()
		}
		if err != nil {
			return // EIO once the child and its terminal are gone
		}
	}
}

// Lock and Unlock guard state that OnOutput updates, for reading it.
func (t *Term) Lock()   { t.mu.Lock() }
func (t *Term) Unlock() { t.mu.Unlock() }

// Screen is the emulator's screen as plain text, one line per row.
func (t *Term) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.screenLocked()
}

// screenLocked renders the screen only when asked and changed: rendering
// every chunk would slow the reading of the app's output.
func (t *Term) screenLocked() string {
	if t.stale {
		t.screen, t.stale = screenText(t.em), false
	}
	return t.screen
}

// Raw is every byte the app wrote to the terminal so far.
func (t *Term) Raw() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.raw.Bytes())
}

// Started is when the app was started.
func (t *Term) Started() time.Time { return t.started }

// Pid is the app's process id.
func (t *Term) Pid() int { return t.cmd.Process.Pid }

// Exited is closed once the app has exited.
func (t *Term) Exited() <-chan struct{} { return t.exited }

// ReadDone is closed once the app's output has been read to its end.
func (t *Term) ReadDone() <-chan struct{} { return t.readDone }

// WaitErr is what waiting for the app returned; valid once Exited.
func (t *Term) WaitErr() error { return t.waitErr }

// WaitFor waits until cond holds for the screen and returns that screen.
// cond is checked after every chunk of output (without the Term locked:
// it may call Screen; to read state OnOutput keeps, it locks the Term
// itself). The error says whether the app exited or time ran out, and
// shows the screen.
func (t *Term) WaitFor(what string, timeout time.Duration, cond func(screen string) bool) (string, error) {
	deadline := time.After(timeout)
	for {
		t.mu.Lock()
		s, ch := t.screenLocked(), t.changed
		t.mu.Unlock()
		if cond(s) {
			return s, nil
		}
		select {
		case <-ch:
		case <-t.exited:
			// One last look: the final frame may have landed just now.
			select {
			case <-t.readDone:
			case <-time.After(2 * time.Second):
			}
			if s := t.Screen(); cond(s) {
				return s, nil
			}
			return t.Screen(), fmt.Errorf("waiting for %s: the app exited (%v) after %v\n%s", what, t.waitErr, time.Since(t.started).Round(time.Millisecond), t.Dump())
		case <-deadline:
			return s, fmt.Errorf("waiting for %s: timed out after %v\n%s", what, timeout, t.Dump())
		}
	}
}

// Dump shows the screen (with row numbers) and the tail of the raw output,
// for failure messages.
func (t *Term) Dump() string {
	var b strings.Builder
	b.WriteString("--- screen ---\n")
	for i, l := range strings.Split(t.Screen(), "\n") {
		fmt.Fprintf(&b, "%2d|%s\n", i, strings.TrimRight(l, " "))
	}
	raw := t.Raw()
	if len(raw) > 600 {
		raw = raw[len(raw)-600:]
	}
	fmt.Fprintf(&b, "--- last %d raw bytes ---\n%q\n", len(raw), raw)
	return b.String()
}

// Send types keys into the terminal ("\r" is enter, "\x1b[B" down, "\x03"
// ctrl+c) and returns when they were written.
func (t *Term) Send(keys string) (time.Time, error) {
	at := time.Now()
	_, err := t.ptmx.Write([]byte(keys))
	return at, err
}

// Resize changes the window: the emulator first, so the redraw that the
// kernel's SIGWINCH triggers lands on a screen of the new size.
func (t *Term) Resize(cols, rows int) error {
	t.mu.Lock()
	t.em.Resize(cols, rows)
	t.stale = true
	t.mu.Unlock()
	return pty.Setsize(t.ptmx, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)})
}

// Signal sends sig to the app.
func (t *Term) Signal(sig os.Signal) error { return t.cmd.Process.Signal(sig) }

// WaitExit waits for the app to exit and returns its exit code; on timeout
// it kills the app. The output is read to its end first, so Raw holds the
// final bytes. Death by a signal is an error, not a code.
func (t *Term) WaitExit(timeout time.Duration) (int, error) {
	select {
	case <-t.exited:
	case <-time.After(timeout):
		_ = t.cmd.Process.Kill()
		<-t.exited
		return -1, fmt.Errorf("the app did not exit within %v; killed it\n%s", timeout, t.Dump())
	}
	select {
	case <-t.readDone:
	case <-time.After(5 * time.Second):
		return -1, fmt.Errorf("the app exited but its terminal output did not end\n%s", t.Dump())
	}
	return ExitCode(t.waitErr)
}

// ExitCode is the code in what waiting for a process returned.
func ExitCode(err error) (int, error) {
	if err == nil {
		return 0, nil
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return -1, fmt.Errorf("wait: %v", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -1, fmt.Errorf("the app was killed by signal %v instead of exiting with a code", ws.Signal())
	}
	return ee.ExitCode(), nil
}

// Kill ends the app if it still runs and releases the pty.
func (t *Term) Kill() {
	select {
	case <-t.exited:
	default:
		_ = t.cmd.Process.Kill()
		<-t.exited
	}
	select {
	case <-t.readDone:
	case <-time.After(2 * time.Second):
	}
	_ = t.ptmx.Close()
}

// ClosePty closes the terminal under the app, as when its window is
// closed: the app gets SIGHUP (unless started with NoCtty) and EIO.
func (t *Term) ClosePty() error { return t.ptmx.Close() }

// screenText is what the emulator's screen shows, as text, one line a row:
// a blank in reverse video or on a colour reads as a full block, since the
// app's renderer writes full blocks that way (the big digits, the bar).
func screenText(em *vt.Emulator) string {
	var b strings.Builder
	for y := range em.Height() {
		if y > 0 {
			b.WriteByte('\n')
		}
		for x := range em.Width() {
			c := em.CellAt(x, y)
			switch {
			case c == nil:
				b.WriteByte(' ')
			case c.Width == 0:
			case c.Content == " " && (c.Style.Attrs&uv.AttrReverse != 0 || c.Style.Bg != nil):
				b.WriteString("█")
			default:
				b.WriteString(c.Content)
			}
		}
	}
	return b.String()
}
