package tui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// The smallest window the screens are drawn in; below it the app asks for
// a larger window instead of drawing a broken layout.
const (
	MinWidth  = 40
	MinHeight = 12
)

// The session screen's layouts, by the size of the whole window (the
// frame and the help line included), as the README gives them.
const (
	BodyMapMinWidth  = 100 // the body map beside the countdown from 100×22
	BodyMapMinHeight = 22
	HugeDigitsHeight = 34 // digits double from 34 rows...
	HugeDigitsWidth  = 72 // ...on a window wide enough for them
	SmallDigitsBelow = 20 // three-row digits below 20 rows
)

// Outcome is how the program ended.
type Outcome string

const (
	OutcomeCompleted   Outcome = "completed"
	OutcomeQuit        Outcome = "quit"
	OutcomeInterrupted Outcome = "interrupted"
	OutcomeNone        Outcome = "" // left before any session started
)

// Options configure the app. Library is required.
type Options struct {
	Library *routines.Library
	// Level and Routine skip the picker's questions when set.
	Level   routines.Level
	Routine *routines.Routine
	Session session.Options
	// Now is the clock; tests pass a fake one.
	Now func() time.Time
	// Units is "ml" or "floz" for the hydration step.
	Units string
	// Cues plays sound and voice cues; nil plays none.
	Cues CuePlayer
	// Recorder keeps the session log; nil keeps none.
	Recorder Recorder
	// Warnings are shown once on the picker (e.g. a broken user file).
	Warnings []string
	// SavePlan writes a plan built on screen as a routine file in the
	// user's folder and says where; nil offers no saving.
	SavePlan func(r *routines.Routine, req routines.PlanRequest, notes []string) (where string, err error)
	// Theme forces the palette: "light" or "dark"; anything else follows
	// the background colour the terminal reports.
	Theme string
	// Resume is an interrupted session that can go on: with Routine set to
	// its routine, the session starts where it stopped; otherwise the
	// picker offers it (r).
	Resume *Resume
	// Figure is what the session screen shows beside the countdown at
	// first: FigurePose (the default when empty), FigureBodyMap or
	// FigureNone; the f key switches.
	Figure Figure
	// FigureASCII draws the stick figure in plain ASCII, for terminals
	// without braille (see pose.ASCIIOnly).
	FigureASCII bool
	// Speed above 1 runs the clock that many times faster than Now, from
	// the moment New is called, and sleeps that much shorter: the
	// benchmark's compressed runs of long routines. 0 or 1 is real time.
	Speed float64
	// Kit is what the person has; nil until they say (routines run as
	// written, and the picker asks). SaveKit keeps the answer; nil keeps
	// it for this run only.
	Kit     *routines.Kit
	SaveKit func(routines.Kit) error
	// After is what was trained (--after): it answers the picker's "What
	// did you train?" question; nil asks it.
	After *routines.Sport
}

func (o *Options) figure() Figure {
	switch o.Figure {
	case FigureBodyMap, FigureNone:
		return o.Figure
	}
	return FigurePose
}

// Resume is where an interrupted session stopped.
type Resume struct {
	Routine *routines.Routine
	Level   routines.Level
	Step    int    // the step reached, 0-based
	Done    int    // steps done before it (the others before it were skipped)
	Ago     string // when it stopped, in words ("25 minutes ago")
}

// Offer is the picker's line for it: "Resume Quick 10 at step 5 of 9".
func (r *Resume) Offer() string {
	return fmt.Sprintf("Resume %s at step %d of %d", r.Routine.Name, r.Step+1, len(r.Routine.Steps))
}

// CuePlayer turns session cues into sound or speech. It must not block.
type CuePlayer interface {
	Play(c session.Cue) tea.Cmd
}

// Result is what the app did, for main to turn into an exit code.
type Result struct {
	Outcome Outcome
	Routine *routines.Routine
	Level   routines.Level
	Summary session.Summary
	Rating  int
	// Interrupted is set when a signal or ctrl+c ended the program.
	Interrupted bool
	// NotStarted is set when the session ended in its first get-ready,
	// before anything was done: there is nothing to record.
	NotStarted bool
}

// common is what every screen shares: built by the root and passed down.
type common struct {
	opts   *Options
	keys   *KeyMap
	styles Styles
	// stylesGen counts the changes of styles, so a drawing kept from an
	// earlier frame knows when its colours are stale.
	stylesGen int
	width     int
	height    int
	// notice is a one-line warning for the session screen.
	notice string
	// after delivers msg once d has passed; tests replace it to fire
	// ticks by hand against a fake clock.
	after func(d time.Duration, msg tea.Msg) tea.Cmd
	// stamp is the clock read when the message being handled arrived: views
	// draw as of this moment and never read the clock, so a frame is a pure
	// function of the model.
	stamp time.Time
}

func (c *common) now() time.Time { return c.opts.Now() }

// drawnAt is the moment views draw at (see stamp).
func (c *common) drawnAt() time.Time { return c.stamp }

// screen is the contract every screen meets.
type screen interface {
	update(msg tea.Msg) (screen, tea.Cmd)
	view(width, height int) string
	helpKeys() help.KeyMap
}

// Messages screens send to the root to change screen.
type (
	chooseMsg struct {
		routine *routines.Routine
		level   routines.Level
		resume  *Resume // go on where this interrupted session stopped
	}
	sessionEndedMsg struct {
		outcome Outcome
		summary session.Summary
		sess    *session.Session
		exit    bool // leave the program rather than show the summary
		// notStarted: ended in the first get-ready; leave, record nothing.
		notStarted bool
	}
	quitMsg struct{ interrupted bool }
)

// SignalMsg tells the app a signal arrived; it records the session as
// interrupted and quits.
type SignalMsg struct{ Signal os.Signal }

// StopMsg tells the app a SIGTSTP came from outside (job control, kill
// -TSTP, a multiplexer's suspend): it suspends as for ctrl+z, pausing a
// running hold and giving the terminal back before the process stops.
type StopMsg struct{}

// Model is the root of the program.
type Model struct {
	c      *common
	help   help.Model
	screen screen
	picker screen // kept while the planner is open, to go back to
	// pending is the session waiting behind the very-sore check card when
	// a routine was named on the command line; it starts on enter.
	pending  *runScreen
	result   Result
	showHelp bool
}

// New builds the root model. It starts on the picker, or straight in the
// session when opts.Routine is set.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Level == "" {
		if opts.Routine != nil && len(opts.Routine.Soreness) > 0 {
			opts.Level = opts.Routine.Soreness[0]
		}
	}
	after := afterTimer
	if opts.Speed > 1 {
		opts.Now, after = fastClock(opts.Now, opts.Speed)
	}
	c := &common{opts: &opts, keys: DefaultKeyMap(), styles: DefaultStyles(opts.Theme != "light"), width: 80, height: 24, after: after}
	c.stamp = c.now()
	m := &Model{c: c, help: help.New()}
	m.help.Styles = c.styles.Help
	if opts.Routine != nil {
		if len(opts.Warnings) > 0 {
			// No picker to show them on: the session screen shows the first.
			c.notice = opts.Warnings[0]
		}
		rs := newRunScreen(c, opts.Routine, opts.Level)
		if opts.Resume != nil && opts.Resume.Routine == opts.Routine {
			rs.resume = opts.Resume
		}
		m.screen = rs
		m.result.Routine, m.result.Level = opts.Routine, opts.Level
		if opts.Level == routines.VerySore {
			// Check for an injury before a very-sore session; nothing is
			// started (or recorded) until the person confirms.
			m.pending, m.result.Routine = m.screen.(*runScreen), nil
			m.screen = newTriage(c)
		}
	} else {
		m.screen = newPicker(c)
		if opts.Level == routines.VerySore {
			m.picker, m.screen = m.screen, newTriage(c)
		}
	}
	return m
}

// afterTimer fires at the moment d from now, when the command is made:
// Bubble Tea runs a command a little later, on its own goroutine (on a busy
// machine, noticeably later), and a timer started there would fire that
// much late.
func afterTimer(d time.Duration, msg tea.Msg) tea.Cmd {
	at := time.Now().Add(d)
	return func() tea.Msg {
		t := time.NewTimer(time.Until(at))
		<-t.C
		return msg
	}
}

// fastClock is now running speed times faster from this moment, and the
// timer that goes with it: d on that clock is d/speed of real time.
func fastClock(now func() time.Time, speed float64) (func() time.Time, func(time.Duration, tea.Msg) tea.Cmd) {
	t0 := now()
	fast := func() time.Time { return t0.Add(time.Duration(float64(now().Sub(t0)) * speed)) }
	after := func(d time.Duration, msg tea.Msg) tea.Cmd {
		return afterTimer(time.Duration(float64(d)/speed), msg)
	}
	return fast, after
}

// Shown is called once the first frame is on screen, with what Init
// returned, and returns the commands to run instead. A session started by
// Init is started again now, so that the time the first frame took to
// draw and write (on a loaded machine, a hundred milliseconds) does not
// come off its first get-ready: its clock starts when the person can see
// it. Nothing has been handled yet, so nothing is lost; Init's commands
// (the record's beginning, the cues, the first tick) are made again from
// the new start and the first ones are never run.
func (m *Model) Shown(first tea.Cmd) tea.Cmd {
	r, ok := m.screen.(*runScreen)
	if !ok || r.sess.State() != session.Running {
		return first
	}
	r.sess = session.New(r.sess.Routine(), m.c.opts.Session)
	return m.Init()
}

// Result reports how the program ended. Read it after Run returns.
func (m *Model) Result() Result { return m.result }

// Init asks for the background colour and starts the first screen.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch s := m.screen.(type) {
	case *runScreen:
		cmds = append(cmds, s.start())
	case *picker:
		cmds = append(cmds, loadCoverage(m.c.opts.Recorder))
	case *triageScreen:
		if m.pending == nil {
			cmds = append(cmds, loadCoverage(m.c.opts.Recorder))
		}
	}
	return tea.Batch(cmds...)
}

// posesMsg carries the built-in poses of a routine's exercises, parsed off
// the UI goroutine as its session starts: the first frame does not wait for
// them, and the figure appears with the next one.
type posesMsg struct {
	poses map[string]*routines.Pose
	err   error
}

// loadPoses parses the built-in poses of r's exercises that have none yet:
// only those, not the whole file (its parse is the largest allocation of a
// start, and it sets the peak of the resident set).
func loadPoses(r *routines.Routine) tea.Cmd {
	ids := routines.WithoutPose(r.Exercises()...)
	if len(ids) == 0 {
		return nil
	}
	return func() tea.Msg {
		p, err := routines.BuiltinPosesFor(ids)
		return posesMsg{poses: p, err: err}
	}
}

// Update handles global messages first, then the active screen's, and
// then fits the screen's scroll to its room, so View only reads state.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.c.stamp = m.c.now()
	cmd := m.update(msg)
	m.settle()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if cmd, done := m.updateTerminal(msg); done {
		return cmd
	}
	if cmd, done := m.navigate(msg); done {
		return cmd
	}
	var cmd tea.Cmd
	m.screen, cmd = m.screen.update(msg)
	return cmd
}

// settler is a screen whose scroll or cursor depends on what it shows and
// the room it has: settle clamps them for a view of width w and height h.
type settler interface {
	settle(w, h int)
}

// settle tells the screen the room its next view has.
func (m *Model) settle() {
	s, ok := m.screen.(settler)
	if !ok {
		return
	}
	w, h := m.c.width, m.c.height
	if w < MinWidth || h < MinHeight {
		return
	}
	s.settle(w-2, h-len(m.helpLines()))
}

// helpLines is the help under the screen: the short line, or all of it.
func (m *Model) helpLines() []string {
	hp := m.help
	hp.ShowAll = m.showHelp
	return strings.Split(hp.View(m.screen.helpKeys()), "\n")
}

// updateTerminal handles what the terminal and the process say: size,
// background, the global keys, signals, stops, a terminal gone. done is
// false for what the screen must see too.
func (m *Model) updateTerminal(msg tea.Msg) (_ tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width - 2)
	case posesMsg:
		// Added here, on the UI goroutine, where the exercises are read.
		if msg.err == nil && m.c.opts.Library != nil {
			m.c.opts.Library.AddPoses(msg.poses)
		}
		return nil, true
	case tea.BackgroundColorMsg:
		if t := m.c.opts.Theme; t == "light" || t == "dark" {
			return nil, true // the setting wins over the terminal's answer
		}
		m.c.styles = DefaultStyles(msg.IsDark())
		m.c.stylesGen++
		m.help.Styles = m.c.styles.Help
		return nil, true
	case tea.KeyPressMsg:
		if kb := m.c.keys.Global; key.Matches(msg, kb.Interrupt) {
			return m.interruptCmd(), true
		} else if key.Matches(msg, kb.Help) {
			m.showHelp = !m.showHelp
			if r, ok := m.screen.(*runScreen); ok {
				return r.helpShown(m.showHelp), true
			}
			return nil, true
		}
	case SignalMsg:
		return m.interruptCmd(), true
	case StopMsg:
		if r, ok := m.screen.(*runScreen); ok {
			return r.suspend(m.c.now()), true
		}
		return tea.Suspend, true
	case TerminalGoneMsg:
		return m.interruptCmd(), true
	}
	return nil, false
}

// navigate moves between the screens, and keeps the result main reads.
func (m *Model) navigate(msg tea.Msg) (_ tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case openPlannerMsg:
		m.picker = m.screen
		m.screen = newPlanner(m.c, msg.level).after(msg.sport)
		return nil, true
	case openTriageMsg:
		m.picker, m.screen = m.screen, newTriage(m.c)
		return nil, true
	case triageConfirmedMsg:
		m.showHelp = false
		if r := m.pending; r != nil {
			m.pending, m.screen = nil, r
			m.result.Routine = r.sess.Routine()
			return r.start(), true
		}
		if p, ok := m.picker.(*picker); ok {
			p.showRoutines()
			m.screen = p
		}
		return nil, true
	case triageBackMsg:
		m.showHelp = false
		p, ok := m.picker.(*picker)
		if !ok {
			// Started with a routine: go back to the soreness question.
			m.pending, p = nil, newPicker(m.c)
			p.stage = askLevel
			m.screen = p
			return loadCoverage(m.c.opts.Recorder), true
		}
		p.stage = askLevel
		m.screen = p
		return nil, true
	case backToPickerMsg:
		if m.picker != nil {
			m.screen = m.picker
		}
		return nil, true
	case chooseMsg:
		m.result.Routine, m.result.Level = msg.routine, msg.level
		r := newRunScreen(m.c, msg.routine, msg.level)
		r.resume = msg.resume
		m.screen = r
		m.showHelp = false
		return r.start(), true
	case sessionEndedMsg:
		m.result.Outcome, m.result.Summary = msg.outcome, msg.summary
		m.result.NotStarted = msg.notStarted
		if msg.exit || msg.notStarted {
			return tea.Quit, true
		}
		sum := newSummary(m.c, msg.sess, msg.outcome)
		sum.level = m.result.Level
		m.screen = sum
		m.showHelp = false
		return tea.Batch(m.finalCheckpoint(msg.summary), sum.loadProgress()), true
	case bellMsg:
		return tea.Raw("\a"), true
	case noticeMsg:
		m.c.notice = msg.text
		return nil, true
	case ratedMsg:
		m.result.Rating = msg.rating
		return nil, true
	case quitMsg:
		m.result.Interrupted = msg.interrupted
		return tea.Quit, true
	}
	return nil, false
}

// interruptCmd is interrupt for the update helpers.
func (m *Model) interruptCmd() tea.Cmd {
	_, cmd := m.interrupt()
	return cmd
}

// finalCheckpoint saves the finished session as completed, so a crash on
// the summary screen still records it (main appends the final record).
func (m *Model) finalCheckpoint(sum session.Summary) tea.Cmd {
	rec := m.c.opts.Recorder
	if rec == nil {
		return nil
	}
	return func() tea.Msg { return recordErrMsg{rec.Checkpoint(sum)} }
}

// TerminalGoneMsg says the terminal has gone away: its input ended or
// failed (a closed terminal does not always send a hangup). The session is
// recorded as interrupted and the program ends.
type TerminalGoneMsg struct{}

// Abort marks the program as interrupted after it has stopped without
// seeing the signal (the terminal went away first), recording a running
// session as interrupted. Call it only once Run has returned.
func (m *Model) Abort() {
	m.interrupt()
}

// interrupt ends the program at once, recording a running session.
func (m *Model) interrupt() (tea.Model, tea.Cmd) {
	m.result.Interrupted = true
	if r, ok := m.screen.(*runScreen); ok && !r.ended {
		m.result.NotStarted = r.notStarted()
		m.result.Outcome, m.result.Summary = r.stop(OutcomeInterrupted)
	}
	return m, tea.Quit
}

// View draws the active screen with its help below it: the one frame the
// Terminal puts on screen and the goldens check. (The Terminal sets the
// alternate screen and the window title itself, once.)
func (m *Model) View() tea.View {
	v := tea.NewView(m.frame())
	v.AltScreen = true
	v.WindowTitle = "cooldown"
	return v
}

func (m *Model) frame() string {
	w, h := m.c.width, m.c.height
	if w < MinWidth || h < MinHeight {
		return tooSmall(m.c.styles, w, h)
	}
	helpLines := m.helpLines()
	bodyH := h - len(helpLines)
	body := m.screen.view(w-2, bodyH)
	lines := strings.Split(body, "\n")
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	for i := range helpLines {
		helpLines[i] = " " + helpLines[i]
	}
	return fit(append(fitLines(lines, bodyH), helpLines...), w, h)
}

func fitLines(lines []string, h int) []string {
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines[:h]
}

func tooSmall(st Styles, w, h int) string {
	msg := "Make the window larger"
	detail := "at least 40×12 (now " + itoa(w) + "×" + itoa(h) + ")"
	if w < lipgloss.Width(msg) {
		msg = "Enlarge window"
	}
	if w < lipgloss.Width(detail) {
		detail = itoa(MinWidth) + "×" + itoa(MinHeight)
	}
	block := st.Warn.Render(truncate(msg, w)) + "\n" + st.Subtle.Render(truncate(detail, w))
	if h < 2 {
		block = st.Warn.Render(truncate(msg, w))
	}
	return lipgloss.Place(max(w, 1), max(h, 1), lipgloss.Center, lipgloss.Center, block)
}

func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
