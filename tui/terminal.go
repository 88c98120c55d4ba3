package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// Terminal draws the app on a terminal itself, in place of Bubble Tea's
// renderer. Bubble Tea's renderer flushes on a ticker, 60 times a second
// even when nothing changed, and its first frame waits for the first tick;
// lowering the frame rate saves the wake-ups but delays the first frame and
// every key echo. Terminal writes a frame synchronously, right after each
// update that changed what is shown, and at no other time: the first frame
// goes out as soon as the session has started, a key shows as soon as it is
// handled, and a hold costs one wake-up per visible change. What it draws
// is the model's View, laid out in cells by Ultraviolet (as Bubble Tea
// does); the diff is its own (painter), which writes only the cells that
// changed, the shortest way.
//
// It owns the terminal's modes: raw input, the alternate screen, the hidden
// cursor, the window title and the keyboard protocol (modifyOtherKeys and
// the kitty stack, which Bubble Tea would otherwise set). Take sets them and
// Release restores them; Release is safe to call more than once and from
// any goroutine, so every way out (quit, signal, suspend, panic, a lost
// terminal) can restore the terminal.
type Terminal struct {
	in, out *os.File
	env     []string
	profile colorprofile.Profile

	mu     sync.Mutex
	paint  *painter
	cells  frameScreen  // the painter's next frame, drawn into in place
	wbuf   bytes.Buffer // one frame, written with a single write
	width  int
	height int
	shown  string      // content of the frame on screen
	whole  bool        // the next frame is drawn whole (taken, resized)
	cooked *term.State // the terminal's state before Take; nil when released
	gone   bool        // a write failed: the terminal has gone away

	// onSuspend and onResume run as the process suspends itself and
	// comes back (see OnSuspend).
	onSuspend, onResume func()
}

// OnSuspend sets functions run just before the process stops itself to
// suspend (after the terminal is given back) and as soon as it continues.
// The caller that catches SIGTSTP uses them to let that stop happen: the
// suspend sends the process SIGTSTP, which a caught signal would swallow.
func (t *Terminal) OnSuspend(before, after func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.onSuspend, t.onResume = before, after
}

// hook runs one of the suspend hooks, outside the lock.
func (t *Terminal) hook(resume bool) {
	t.mu.Lock()
	f := t.onSuspend
	if resume {
		f = t.onResume
	}
	t.mu.Unlock()
	if f != nil {
		f()
	}
}

// ContinuedMsg says the process was continued (SIGCONT) after a stop it
// did not make itself (SIGSTOP): the shell may have changed the terminal's
// modes and screen meanwhile, so they are set again and the frame drawn whole.
type ContinuedMsg struct{}

// retake sets the terminal's modes again and draws the next frame whole,
// if it is taken; the state to restore stays the one from before Take.
func (t *Terminal) retake() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cooked == nil {
		return
	}
	if _, err := term.MakeRaw(t.in.Fd()); err != nil {
		return
	}
	t.whole = true
	// Modes that set a state, not a stack: the kitty keyboard level
	// pushed by Take is still there (a shell does not pop it).
	t.wbuf.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.ResetModeTextCursorEnable + ansi.SetModifyOtherKeys2)
	t.flush()
}

// NewTerminal prepares to draw on out, reading keys from in (both the
// terminal). env is the environment, for the colour profile (NO_COLOR,
// TERM, COLORTERM) and the terminal type.
func NewTerminal(in, out *os.File, env []string) *Terminal {
	t := &Terminal{in: in, out: out, env: env, profile: colorprofile.Detect(out, env)}
	t.width, t.height = t.size()
	t.paint = newPainter(t.width, t.height, t.profile)
	t.cells = frameScreen{t.paint}
	return t
}

// size is the terminal's size, or 80×24 if it cannot be read.
func (t *Terminal) size() (int, int) {
	w, h, err := term.GetSize(t.out.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return 80, 24
	}
	return w, h
}

// Size is the size the next frame is drawn at.
func (t *Terminal) Size() (int, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.width, t.height
}

// Take puts the terminal in raw mode and the alternate screen, hides the
// cursor, titles the window and turns on key disambiguation. The next
// frame is drawn whole.
func (t *Terminal) Take() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cooked != nil {
		return nil
	}
	st, err := term.MakeRaw(t.in.Fd())
	if err != nil {
		return fmt.Errorf("cannot set the terminal to raw mode: %w", err)
	}
	t.cooked = st
	t.gone = false
	t.whole = true
	t.wbuf.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.ResetModeTextCursorEnable +
		ansi.SetWindowTitle("cooldown") + ansi.SetModifyOtherKeys2 + ansi.PushKittyKeyboard(1))
	t.flush()
	return nil
}

// Release gives the terminal back as it was before Take: keyboard modes
// popped (on the alternate screen, where they were pushed), the window
// title cleared, the main screen and the cursor back, and the terminal's
// own mode. It does nothing if the terminal is not taken.
func (t *Terminal) Release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cooked == nil {
		return
	}
	t.wbuf.Reset()
	t.wbuf.WriteString(ansi.ResetModifyOtherKeys + ansi.PopKittyKeyboard(1) + ansi.SetWindowTitle("") +
		ansi.ResetModeAltScreenSaveCursor + ansi.SetModeTextCursorEnable)
	t.flush()
	_ = term.Restore(t.in.Fd(), t.cooked)
	t.cooked = nil
	t.shown = ""
}

// Resize draws the next frame whole at the new size; at the same size,
// nothing changes unless whole is set (the terminal said it was resized:
// it may have cut or reflowed what was on screen, even if the size it
// ended at is the one drawn for).
func (t *Terminal) Resize(w, h int, whole bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if w <= 0 || h <= 0 {
		return
	}
	if w != t.width || h != t.height {
		t.width, t.height = w, h
		t.paint.resize(w, h)
		whole = true
	}
	t.whole = t.whole || whole
}

// Draw shows content (lines of styled text) if it differs from what is on
// screen, writing only the cells that changed.
func (t *Terminal) Draw(content string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cooked == nil || t.gone || !t.whole && content == t.shown {
		return
	}
	t.paint.clearFrame()
	uv.NewStyledString(content).Draw(t.cells, t.cells.Bounds())
	if t.whole {
		t.paint.erase(&t.wbuf)
	}
	t.paint.paintFrame(&t.wbuf)
	t.flush()
	t.shown, t.whole = content, false
}

// Write sends s (a bell, a query) to the terminal at once.
func (t *Terminal) Write(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cooked == nil {
		return
	}
	t.wbuf.WriteString(s)
	t.flush()
}

// flush writes the buffer in one write. A failed write means the terminal
// is gone (a hangup): nothing more is written to it. Called with t.mu held.
func (t *Terminal) flush() {
	if t.wbuf.Len() > 0 && !t.gone {
		if _, err := t.out.Write(t.wbuf.Bytes()); err != nil {
			t.gone = true
		}
	}
	t.wbuf.Reset()
}

// releaseOnPanic gives the terminal back before a panic goes on, so the
// panic's message and stack land on the main screen, readable.
func (t *Terminal) releaseOnPanic() {
	if r := recover(); r != nil {
		t.Release()
		panic(r)
	}
}

// watchedInput is the terminal's input as the key reader reads it (the
// reader waits on its descriptor, then calls Read): when a read ends (EOF)
// or fails, the terminal has gone away, and gone is called. The key
// reader stops silently at an EOF, and a terminal closed without a
// hangup sends no signal, so this is the only news of it; watching the
// reads costs no wake-up, where checking the terminal every few seconds
// did.
type watchedInput struct {
	*os.File
	gone func()
	once sync.Once
}

func (w *watchedInput) Read(p []byte) (int, error) {
	n, err := w.File.Read(p)
	if err != nil && !errors.Is(err, syscall.EINTR) && !errors.Is(err, syscall.EAGAIN) {
		w.once.Do(w.gone)
	}
	return n, err
}

// NewProgram starts m (its first frame is on screen when NewProgram
// returns) and returns the Program that runs it on t, which must be taken.
// Keys are read from t's input, watched for its end (TerminalGoneMsg). t
// watches SIGWINCH itself, from before the first frame (a resize after it
// is never missed) until stop is called.
func (t *Terminal) NewProgram(m *Model) (p *Program, stop func()) {
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, syscall.SIGWINCH)
	d := &drawn{m: m, t: t, bgQuery: tea.RequestBackgroundColor()}
	w, h := t.size() // the window may have changed since NewTerminal
	t.Resize(w, h, false)
	w, h = t.Size()
	func() {
		defer t.releaseOnPanic()
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		first := m.Init()
		t.Draw(m.View().Content)
		d.init = t.guard(m.Shown(first))
	}()
	in := &watchedInput{File: t.in}
	update := func(msg tea.Msg) tea.Cmd {
		_, cmd := d.Update(msg)
		return cmd
	}
	filter := func(msg tea.Msg) tea.Msg { return d.filter(d, msg) }
	p = newProgram(in, uv.Environ(t.env).Getenv("TERM"), d.init, update, filter)
	in.gone = func() { go p.Send(TerminalGoneMsg{}) }
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-winch:
				// Signals coalesce in the one-slot channel, so a burst of
				// resizes costs one redraw per wake-up, and the size is
				// read after the signal (in Update): the last one is
				// always seen.
				p.Send(resizedMsg{})
			case <-done:
				return
			}
		}
	}()
	return p, func() {
		signal.Stop(winch)
		close(done)
	}
}

// guard makes a command give the terminal back if it panics, and the
// commands of a batch it returns too.
func (t *Terminal) guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		defer t.releaseOnPanic()
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			g := make(tea.BatchMsg, len(b))
			for i, c := range b {
				g[i] = t.guard(c)
			}
			return g
		}
		return msg
	}
}

// resizedMsg says a SIGWINCH arrived: the terminal has been resized.
type resizedMsg struct{}

// drawn is the model the Program runs: the app's Model, whose View is
// drawn on the Terminal after each update. drawn's own View is never
// drawn; it is empty, so the frame is built once.
type drawn struct {
	m       *Model
	t       *Terminal
	init    tea.Cmd
	bgQuery tea.Msg // the message tea.RequestBackgroundColor sends
}

// Init returns the commands of the model's Init, which NewProgram ran.
func (d *drawn) Init() tea.Cmd { return d.init }

func (d *drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer d.t.releaseOnPanic()
	switch msg.(type) {
	case resizedMsg, tea.WindowSizeMsg:
		// The terminal is asked for its size rather than trusting the
		// message: it can come after a newer resize. Only a SIGWINCH
		// forces a whole redraw.
		_, winch := msg.(resizedMsg)
		w, h := d.t.size()
		d.t.Resize(w, h, winch)
		msg = tea.WindowSizeMsg{Width: w, Height: h}
	case ContinuedMsg:
		d.t.retake()
		if w, h := d.t.size(); w != d.m.c.width || h != d.m.c.height {
			d.t.Resize(w, h, true)
			d.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		}
	case tea.ResumeMsg:
		// The window may have changed while the app was stopped.
		if w, h := d.t.size(); w != d.m.c.width || h != d.m.c.height {
			d.t.Resize(w, h, true)
			d.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
	_, cmd := d.m.Update(msg)
	d.t.Draw(d.m.View().Content)
	return d, d.t.guard(cmd)
}

func (d *drawn) View() tea.View { return tea.View{} }

// filter sees each message before the Program acts on it: the terminal is
// given back before the Program suspends the process and taken again when
// it resumes; bells (tea.Raw) and the background colour query are written
// to the terminal.
func (d *drawn) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	defer d.t.releaseOnPanic()
	switch msg := msg.(type) {
	case tea.SuspendMsg:
		d.t.Release()
		d.t.hook(false)
	case tea.ResumeMsg:
		d.t.hook(true)
		if err := d.t.Take(); err != nil {
			d.m.c.notice = err.Error()
		}
	case tea.RawMsg:
		d.t.Write(fmt.Sprint(msg.Msg))
		return nil
	}
	if msg == d.bgQuery {
		d.t.Write(ansi.RequestBackgroundColor)
		return nil
	}
	return msg
}
