package tui

import (
	"errors"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// programHarness runs a Program reading keys from a pipe, whose Update
// records each message it gets (as a string) and answers with what
// respond returns.
type programHarness struct {
	t       *testing.T
	keys    *os.File // the pipe's write end: what is written is typed
	p       *Program
	mu      sync.Mutex
	got     []string
	respond func(tea.Msg) tea.Cmd
}

func newProgramHarness(t *testing.T, init tea.Cmd, respond func(tea.Msg) tea.Cmd, filter func(tea.Msg) tea.Msg) *programHarness {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close(); _ = w.Close() })
	h := &programHarness{t: t, keys: w, respond: respond}
	if filter == nil {
		filter = func(msg tea.Msg) tea.Msg { return msg }
	}
	h.p = newProgram(r, "xterm-256color", init, h.update, filter)
	return h
}

func (h *programHarness) update(msg tea.Msg) tea.Cmd {
	h.mu.Lock()
	h.got = append(h.got, msgName(msg))
	h.mu.Unlock()
	if h.respond == nil {
		return nil
	}
	return h.respond(msg)
}

// run runs the program to its end, failing the test if it takes too long.
func (h *programHarness) run() error {
	h.t.Helper()
	done := make(chan error, 1)
	go func() { done <- h.p.Run() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		h.t.Fatalf("the program did not end; it had %q", h.messages())
		return nil
	}
}

func (h *programHarness) messages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.got)
}

func msgName(msg tea.Msg) string {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return "key " + msg.String()
	case string:
		return msg
	case tea.BatchMsg:
		return "batch"
	case sequenceMsg:
		return "sequence"
	}
	return "other"
}

// say is a command whose message is s.
func say(s string) tea.Cmd { return func() tea.Msg { return s } }

// Keys typed reach Update as Bubble Tea's key messages, escape sequences
// decoded; a lone ESC is a key once the decoder's wait for more is over.
func TestProgramKeys(t *testing.T) {
	h := newProgramHarness(t, nil, func(msg tea.Msg) tea.Cmd {
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
			return tea.Quit
		}
		return nil
	}, nil)
	go func() {
		_, _ = h.keys.Write([]byte("a\x1b[A "))
		time.Sleep(20 * time.Millisecond)
		_, _ = h.keys.Write([]byte("\x1b"))
		time.Sleep(200 * time.Millisecond)
		_, _ = h.keys.Write([]byte("q"))
	}()
	if err := h.run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []string{"key a", "key up", "key space", "key esc", "key q"}
	if got := h.messages(); !slices.Equal(got, want) {
		t.Errorf("Update got %q, want %q", got, want)
	}
}

// A batch's messages all arrive, a sequence's in its order (the slow first
// one before the quick second), commands returning nil send nothing, and
// neither a batch nor a sequence reaches Update itself.
func TestProgramCommands(t *testing.T) {
	slow := func() tea.Msg { time.Sleep(30 * time.Millisecond); return "s1" }
	init := tea.Batch(say("b1"), func() tea.Msg { return nil }, say("b2"),
		sequence(slow, nil, say("s2"), tea.Batch(say("s3"), say("s4"))))
	h := newProgramHarness(t, init, nil, nil)
	h.respond = func(tea.Msg) tea.Cmd {
		if len(h.messages()) == 6 {
			return tea.Quit
		}
		return nil
	}
	if err := h.run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := h.messages()
	sorted := slices.Sorted(slices.Values(got))
	if want := []string{"b1", "b2", "s1", "s2", "s3", "s4"}; !slices.Equal(sorted, want) {
		t.Fatalf("Update got %q, want each of %q once", got, want)
	}
	if i1, i2, i3 := slices.Index(got, "s1"), slices.Index(got, "s2"), slices.Index(got, "s3"); i1 > i2 || i2 > i3 {
		t.Errorf("the sequence arrived out of order: %q", got)
	}
}

// The filter sees every message first (keys already translated), and a
// message it drops never reaches Update.
func TestProgramFilter(t *testing.T) {
	var seen []string
	var mu sync.Mutex
	filter := func(msg tea.Msg) tea.Msg {
		mu.Lock()
		seen = append(seen, msgName(msg))
		mu.Unlock()
		if msg == "drop" {
			return nil
		}
		return msg
	}
	h := newProgramHarness(t, sequence(say("drop"), say("keep")), func(msg tea.Msg) tea.Cmd {
		if msg == "keep" {
			return tea.Quit
		}
		return nil
	}, filter)
	if err := h.run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := h.messages(); !slices.Equal(got, []string{"keep"}) {
		t.Errorf("Update got %q, want only keep", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) < 2 || seen[0] != "drop" || seen[1] != "keep" {
		t.Errorf("the filter saw %q, want drop then keep", seen)
	}
}

// How Run ends: an interrupt is tea.ErrInterrupted; a panic in Update or in
// a command is a *PanicError carrying the value (the program is not taken
// down with it, so the session can be recorded).
func TestProgramEnds(t *testing.T) {
	for _, tc := range []struct {
		name    string
		init    tea.Cmd
		respond func(tea.Msg) tea.Cmd
		check   func(t *testing.T, err error)
	}{
		{"interrupt", say("go"), func(tea.Msg) tea.Cmd { return func() tea.Msg { return tea.InterruptMsg{} } }, func(t *testing.T, err error) {
			if !errors.Is(err, tea.ErrInterrupted) {
				t.Errorf("Run returned %v, want tea.ErrInterrupted", err)
			}
		}},
		{"panic in update", say("go"), func(tea.Msg) tea.Cmd { panic("boom") }, wantPanic},
		{"panic in a command", tea.Batch(say("go"), func() tea.Msg { panic("boom") }), nil, wantPanic},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newProgramHarness(t, tc.init, tc.respond, nil)
			tc.check(t, h.run())
		})
	}
}

func wantPanic(t *testing.T, err error) {
	t.Helper()
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "boom" || len(pe.Stack) == 0 {
		t.Errorf("Run returned %v, want a *PanicError for boom with its stack", err)
	}
}

// Once Run has ended, Send returns at once, and the program leaves no
// goroutine behind: the key reader has stopped.
func TestProgramLeavesNothingRunning(t *testing.T) {
	before := runtime.NumGoroutine()
	h := newProgramHarness(t, say("go"), func(tea.Msg) tea.Cmd { return tea.Quit }, nil)
	if err := h.run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	sent := make(chan struct{})
	go func() { h.p.Send("late"); close(sent) }()
	select {
	case <-sent:
	case <-time.After(5 * time.Second):
		t.Fatal("Send blocked after the program ended")
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the program ended, %d before", n, before)
	}
}
