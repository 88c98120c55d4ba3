package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// testRoutineYAML is a short routine with every kind of segment: a plain
// step, a per-side step with two reps, and the hydration step.
const testRoutineYAML = `routines:
  - id: test-routine
    name: Test routine
    soreness: [sore]
    summary: A short routine for the screen tests.
    steps:
      - do: active-easy
        for: 20s
      - do: standing-quad
        for: 30s
        reps: 2
      - do: hydrate
        for: 20s
`

// harness drives the root model with a fake clock: ticks are collected
// instead of sleeping, and fired by advancing the clock.
type harness struct {
	t       testing.TB
	m       *Model
	now     time.Time
	start   time.Time
	pending *pendingTick
	quit    bool
}

type pendingTick struct {
	at  time.Time
	msg tea.Msg
}

func testLibrary(t testing.TB) *routines.Library {
	t.Helper()
	lib, _ := userRoutine(t, "test.yaml", testRoutineYAML, "test-routine")
	return lib
}

// userRoutine loads the built-in data with a user file (name, holding
// yaml) and returns the library and the file's routine id. The routine's
// Source is a fixed path, so golden frames are free of the temp folder's
// name.
func userRoutine(t testing.TB, name, yaml, id string) (*routines.Library, *routines.Routine) {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, name), yaml)
	lib, problems, err := routines.Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	r, err := lib.Routine(id)
	if err != nil {
		t.Fatal(err)
	}
	r.Source = "/home/sam/.config/cooldown/routines/" + name
	return lib, r
}

// testSessionOptions are the session options of the screen tests: 5 s gaps
// (as for a person with get_ready: 5s and switch_gap: 5s)
// and no extra before rolls, so the tests of session mechanics count in
// round numbers whatever the defaults are.
func testSessionOptions() session.Options {
	o := session.DefaultOptions()
	o.Timing = routines.Timing{GetReady: 5 * time.Second, Switch: 5 * time.Second}
	return o
}

func newHarness(t testing.TB, w, h int, mutate func(*Options)) *harness {
	t.Helper()
	hs := &harness{t: t, now: time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)}
	opts := Options{
		Library: testLibrary(t),
		Session: testSessionOptions(),
		Now:     func() time.Time { return hs.now },
		Units:   "ml",
		Kit:     new(routines.KitAll), // answered: tests of the kit question set it to nil
	}
	return hs.launch(opts, w, h, mutate)
}

// launch builds the model from opts (after mutate, if any) with the fake
// clock's timers, sizes the window and runs Init: how every harness starts.
func (hs *harness) launch(opts Options, w, h int, mutate func(*Options)) *harness {
	if mutate != nil {
		mutate(&opts)
	}
	hs.m = New(opts)
	hs.m.c.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		hs.pending = &pendingTick{at: hs.now.Add(d), msg: msg}
		return nil
	}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	return hs
}

// startRoutine opens the test routine on a fresh harness, straight into
// the session screen.
func startRoutine(t testing.TB, w, h int, mutate func(*Options)) *harness {
	t.Helper()
	return newHarness(t, w, h, func(o *Options) {
		r, err := o.Library.Routine("test-routine")
		if err != nil {
			t.Fatal(err)
		}
		o.Routine = r
		if mutate != nil {
			mutate(o)
		}
	})
}

// send delivers one message and runs the commands it returns.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// run executes a command and feeds its messages back, as the runtime would.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case sequenceMsg:
		for _, c := range msg {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	case tea.SuspendMsg:
	default:
		if isInternal(msg) {
			h.send(msg)
		}
	}
}

// isInternal reports whether msg is one of the app's own messages (the
// runtime's own requests, such as the background colour query, are dropped).
func isInternal(msg tea.Msg) bool {
	switch msg.(type) {
	case posesMsg, chooseMsg, sessionEndedMsg, quitMsg, ratedMsg, recordErrMsg, tickMsg, coverageMsg, progressMsg, noticeMsg, openPlannerMsg, backToPickerMsg,
		openTriageMsg, triageConfirmedMsg, triageBackMsg, kitChosenMsg, kitSavedMsg:
		return true
	}
	return false
}

// key presses one key, by its name as Bubble Tea spells it.
func (h *harness) key(names ...string) {
	h.t.Helper()
	for _, n := range names {
		h.send(keyPress(n))
	}
}

func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+z":
		return tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// advance moves the fake clock on by d, firing every tick that falls due.
func (h *harness) advance(d time.Duration) {
	h.t.Helper()
	end := h.now.Add(d)
	for h.pending != nil && !h.pending.at.After(end) {
		p := h.pending
		h.pending = nil
		h.now = p.at
		h.send(p.msg)
	}
	h.now = end
}

// screen is the current frame without colour.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

func (h *harness) run_() *runScreen {
	r, ok := h.m.screen.(*runScreen)
	if !ok {
		h.t.Fatalf("not on the session screen: %T", h.m.screen)
	}
	return r
}

func (h *harness) sess() *session.Session { return h.run_().sess }

func (h *harness) requireScreen(want ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func resumeMsg() tea.Msg { return tea.ResumeMsg{} }
