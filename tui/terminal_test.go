package tui

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/cooldown-app/cooldown/routines"
)

// ptyScreen is a Terminal drawing on a real pseudo-terminal, with what
// reaches the other end collected.
type ptyScreen struct {
	t   *testing.T
	tty *os.File
	trm *Terminal

	mu  sync.Mutex
	out bytes.Buffer
	n   int // bytes already returned by since
}

func newPtyScreen(t *testing.T, env ...string) *ptyScreen {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 40, Rows: 12}); err != nil {
		t.Fatal(err)
	}
	p := &ptyScreen{t: t, tty: tty}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		p.trm.Release()
		_ = tty.Close()
		_ = ptmx.Close()
		<-done
	})
	p.trm = NewTerminal(tty, tty, append([]string{"TERM=xterm-256color"}, env...))
	return p
}

// since returns what the terminal was sent since the last call: a marker
// is written after it and awaited, so every earlier byte has arrived.
func (p *ptyScreen) since() string {
	p.t.Helper()
	const marker = "\x1b]9999;end\a"
	if _, err := p.tty.Write([]byte(marker)); err != nil {
		p.t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		p.mu.Lock()
		all := p.out.String()
		p.mu.Unlock()
		if i := strings.Index(all[p.n:], marker); i >= 0 {
			got := all[p.n : p.n+i]
			p.n += i + len(marker)
			return got
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the pty never delivered the marker; got %q", all[p.n:])
		}
		time.Sleep(time.Millisecond)
	}
}

// raw reports whether the terminal is in raw mode (no line editing, no echo).
func (p *ptyScreen) raw() bool {
	p.t.Helper()
	tio, err := unix.IoctlGetTermios(int(p.tty.Fd()), unix.TCGETS)
	if err != nil {
		p.t.Fatal(err)
	}
	return tio.Lflag&(unix.ICANON|unix.ECHO) == 0
}

func TestTerminalTakeDrawRelease(t *testing.T) {
	p := newPtyScreen(t, "COLORTERM=truecolor")
	if p.raw() {
		t.Fatal("the pty starts in raw mode; the test would prove nothing")
	}
	if err := p.trm.Take(); err != nil {
		t.Fatal(err)
	}
	got := p.since()
	for _, want := range []string{"\x1b[?1049h", "\x1b[?25l", "\x1b]2;cooldown\a", "\x1b[>4;2m", "\x1b[>1u"} {
		if !strings.Contains(got, want) {
			t.Errorf("Take did not send %q: %q", want, got)
		}
	}
	if !p.raw() {
		t.Error("Take left the terminal in cooked mode")
	}

	p.trm.Draw("hello\nworld")
	if got := p.since(); !strings.Contains(got, "hello") || !strings.Contains(got, "world") {
		t.Errorf("first frame: %q", got)
	}
	p.trm.Draw("hello\nworld")
	if got := p.since(); got != "" {
		t.Errorf("an unchanged frame sent %q, want nothing", got)
	}
	p.trm.Draw("hello\nwor1d")
	if got := p.since(); !strings.Contains(got, "1") || strings.Contains(got, "hello") || len(got) > 16 {
		t.Errorf("a one-cell change sent %q, want just that cell", got)
	}
	p.trm.Resize(30, 10, false)
	p.trm.Draw("hello\nwor1d")
	if got := p.since(); !strings.Contains(got, "hello") || !strings.Contains(got, "wor1d") {
		t.Errorf("after a resize the frame is not drawn whole: %q", got)
	}
	p.trm.Resize(30, 10, false)
	p.trm.Draw("hello\nwor1d")
	if got := p.since(); got != "" {
		t.Errorf("a size message with the size drawn for sent %q, want nothing", got)
	}
	p.trm.Resize(30, 10, true) // SIGWINCH: the terminal may have cut the screen
	p.trm.Draw("hello\nwor1d")
	if got := p.since(); !strings.Contains(got, "hello") || !strings.Contains(got, "wor1d") {
		t.Errorf("after a SIGWINCH the frame is not drawn whole: %q", got)
	}

	p.trm.Write("\a")
	if got := p.since(); got != "\a" {
		t.Errorf("Write sent %q, want a bell at once", got)
	}

	p.trm.Release()
	got = p.since()
	want := "\x1b[>4m\x1b[<1u\x1b]2;\a\x1b[?1049l\x1b[?25h" // keyboard popped on the alternate screen, then left
	if got != want {
		t.Errorf("Release sent %q, want %q", got, want)
	}
	if p.raw() {
		t.Error("Release left the terminal in raw mode")
	}
	p.trm.Release()
	p.trm.Draw("after")
	p.trm.Write("\a")
	if got := p.since(); got != "" {
		t.Errorf("after Release the terminal was sent %q, want nothing", got)
	}
}

// NO_COLOR: the renderer downsamples every colour away.
func TestTerminalNoColor(t *testing.T) {
	for _, tc := range []struct {
		env    []string
		colour bool
	}{
		{[]string{"COLORTERM=truecolor"}, true},
		{[]string{"COLORTERM=truecolor", "NO_COLOR=1"}, false},
	} {
		p := newPtyScreen(t, tc.env...)
		if err := p.trm.Take(); err != nil {
			t.Fatal(err)
		}
		p.trm.Draw(lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#0F7B6C")).Render("teal"))
		got := p.since()
		if hasColour := strings.Contains(got, "38;"); hasColour != tc.colour {
			t.Errorf("%v: colour %v, want %v: %q", tc.env, hasColour, tc.colour, got)
		}
		if !strings.Contains(got, "teal") {
			t.Errorf("%v: the text is missing: %q", tc.env, got)
		}
		p.trm.Release()
	}
}

// A panic in a command gives the terminal back before it goes on, so its
// message lands on the main screen; so does a panic in a command of a
// batch.
func TestTerminalReleasedOnPanic(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmd  func(t *Terminal) tea.Cmd
	}{
		{"command", func(t *Terminal) tea.Cmd { return t.guard(func() tea.Msg { panic("boom") }) }},
		{"batch", func(t *Terminal) tea.Cmd {
			batch := t.guard(tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("boom") }))
			return func() tea.Msg {
				for _, c := range batch().(tea.BatchMsg) {
					c()
				}
				return nil
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPtyScreen(t)
			if err := p.trm.Take(); err != nil {
				t.Fatal(err)
			}
			p.since()
			func() {
				defer func() {
					if r := recover(); r != "boom" {
						t.Errorf("recovered %v, want the panic to go on", r)
					}
				}()
				tc.cmd(p.trm)()
			}()
			if got := p.since(); !strings.Contains(got, "\x1b[?1049l") || !strings.Contains(got, "\x1b[?25h") {
				t.Errorf("the terminal was not given back: %q", got)
			}
			if p.raw() {
				t.Error("still in raw mode after the panic")
			}
		})
	}
}

// The filter writes bells and the background query at once, instead of
// leaving them to Bubble Tea's once-a-second flush, and gives the terminal
// back around a suspend.
func TestTerminalFilter(t *testing.T) {
	p := newPtyScreen(t)
	m := New(Options{Library: testLibrary(t), Session: testSessionOptions(), Kit: new(routines.KitAll)})
	d := &drawn{m: m, t: p.trm, bgQuery: tea.RequestBackgroundColor()}
	if err := p.trm.Take(); err != nil {
		t.Fatal(err)
	}
	p.trm.Draw(m.View().Content)
	p.since()

	if msg := d.filter(m, tea.Raw("\a")()); msg != nil {
		t.Errorf("a bell went on to Bubble Tea: %#v", msg)
	}
	if got := p.since(); got != "\a" {
		t.Errorf("bell: sent %q", got)
	}
	if msg := d.filter(m, tea.RequestBackgroundColor()); msg != nil {
		t.Errorf("the background query went on to Bubble Tea: %#v", msg)
	}
	if got := p.since(); got != "\x1b]11;?\a" {
		t.Errorf("background query: sent %q", got)
	}
	key := tea.KeyPressMsg{Code: 'x', Text: "x"}
	if msg := d.filter(m, key); msg != key {
		t.Errorf("a key was changed by the filter: %#v", msg)
	}
	if msg := d.filter(m, tea.BatchMsg{nil}); msg == nil {
		t.Error("a batch was dropped by the filter")
	}

	d.filter(m, tea.SuspendMsg{})
	if got := p.since(); !strings.Contains(got, "\x1b[?1049l") || p.raw() {
		t.Errorf("suspend: the terminal was not given back: %q", got)
	}
	d.filter(m, tea.ResumeMsg{})
	d.Update(tea.ResumeMsg{})
	got := p.since()
	if !strings.Contains(got, "\x1b[?1049h") || !p.raw() {
		t.Errorf("resume: the terminal was not taken back: %q", got)
	}
	if !strings.Contains(got, "How sore") {
		t.Errorf("resume: the screen was not drawn whole: %q", got)
	}
}

// Size messages can arrive out of order (Bubble Tea's first one, with the
// size at start, after a newer one from the resize watch): the terminal's
// own size wins.
func TestTerminalStaleSize(t *testing.T) {
	p := newPtyScreen(t) // 40×12
	m := New(Options{Library: testLibrary(t), Session: testSessionOptions(), Kit: new(routines.KitAll)})
	d := &drawn{m: m, t: p.trm, bgQuery: tea.RequestBackgroundColor()}
	if err := p.trm.Take(); err != nil {
		t.Fatal(err)
	}
	d.Update(tea.WindowSizeMsg{Width: 20, Height: 6})
	if m.c.width != 40 || m.c.height != 12 {
		t.Errorf("a stale 20×6 message made the model %d×%d; the terminal is 40×12", m.c.width, m.c.height)
	}
	if got := p.since(); strings.Contains(got, "Enlarge") || !strings.Contains(got, "How sore") {
		t.Errorf("drew %q, want the picker at 40×12", got)
	}
	// A resize that ends at the size drawn for still redraws whole: the
	// terminal may have cut the screen meanwhile.
	d.Update(resizedMsg{})
	if got := p.since(); !strings.Contains(got, "How sore") {
		t.Errorf("after a SIGWINCH drew %q, want the whole picker again", got)
	}
	d.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	if got := p.since(); got != "" {
		t.Errorf("a size message at the size drawn for sent %q, want nothing", got)
	}
}

// The dark palette is all xterm palette colours, sent by index; a colour
// outside the palette is kept.
func TestIndexedColours(t *testing.T) {
	for hex, want := range map[string]string{
		"#5FD7AF": "38;5;79", "#EEEEEE": "38;5;255", "#A8A8A8": "38;5;248", "#6C6C6C": "38;5;242",
		"#FFAF5F": "38;5;215", "#D7AFFF": "38;5;183", "#1C1C1C": "38;5;234", "#000000": "38;5;16",
		"#0F7B6C": "38;2;15;123;108",
	} {
		got := lipgloss.NewStyle().Foreground(indexed(lipgloss.Color(hex))).Render("x")
		if !strings.Contains(got, want+"m") {
			t.Errorf("%s renders as %q, want %s", hex, got, want)
		}
	}
}

// The bar moves with the whole seconds the countdown shows, so a running
// segment changes the screen once a second.
func TestBarMovesWithTheSeconds(t *testing.T) {
	for _, tc := range []struct {
		length, remaining time.Duration
		want              float64
	}{
		{30 * time.Second, 30 * time.Second, 0},
		{30 * time.Second, 29500 * time.Millisecond, 0}, // still shows 30
		{30 * time.Second, 29001 * time.Millisecond, 0},
		{30 * time.Second, 29 * time.Second, 1.0 / 30},
		{30 * time.Second, 0, 1},
		{0, 0, 0},
	} {
		if got := barFraction(tc.length, tc.remaining); got != tc.want {
			t.Errorf("barFraction(%v, %v) = %v, want %v", tc.length, tc.remaining, got, tc.want)
		}
	}

	// The ticks of a running segment fall on its whole seconds: one a
	// second. (The stick figure's get-ready frames are counted in
	// TestFigureMovesOnlyWhileGettingReady; the body map never moves.)
	var wakes []time.Time
	h := startRoutine(t, 80, 24, func(o *Options) { o.Figure = FigureBodyMap })
	after := h.m.c.after
	h.m.c.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		wakes = append(wakes, h.now.Add(d))
		return after(d, msg)
	}
	start := h.now
	h.advance(10 * time.Second)
	if len(wakes) != 10 {
		t.Fatalf("%d wake-ups in 10 s, want 10: %v", len(wakes), wakes)
	}
	for _, w := range wakes {
		if off := w.Sub(start); off%time.Second != 0 {
			t.Errorf("a wake-up at %v from the start, not on a whole second", off)
		}
	}
}

// Any message but a tick or a key (a record saved, the background colour)
// draws the frame of the last tick: arriving at a step's end before the
// tick does, it does not draw the digits at 0 with a full bar.
func TestNoStrayFrameAtStepEnd(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.advance(3 * time.Second)
	for range 3 {
		end := h.now.Add(h.sess().Remaining(h.now))
		h.advance(end.Sub(h.now) - time.Millisecond)
		before := h.m.View().Content
		h.now = end // the tick is due, not yet delivered
		h.m.Update(recordErrMsg{})
		h.m.Update(posesMsg{})
		if got := h.m.View().Content; got != before {
			t.Fatalf("a message at the step's end changed the frame before the tick:\n%s\nthen\n%s", ansi.Strip(before), ansi.Strip(got))
		}
		h.advance(time.Millisecond)
	}
}
