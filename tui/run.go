package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// tickMsg wakes the session screen. gen drops ticks scheduled before the
// last change (a pause, a skip, an adjustment), so only one chain runs.
type tickMsg struct{ gen int }

// announceLead is how long before a step ends the next one is shown large.
const announceLead = 5 * time.Second

// runScreen runs one routine.
type runScreen struct {
	c           *common
	sess        *session.Session
	level       routines.Level
	keys        SessionKeys
	confirm     bool    // the quit question is showing
	resumeAfter bool    // resume when the quit question is answered no
	helpPaused  bool    // the ? overlay paused the session: resume when it closes
	resume      *Resume // start where this interrupted session stopped
	gen         int
	// at is the moment the screen shows: the last start, tick or key, not
	// the stamp of any message (drawnAt), so a frame drawn for another
	// message (a record saved, the background colour) is the same frame, and
	// nothing is drawn just before a step ends with the digits at 0.
	at     time.Time
	recErr error
	ended  bool
	figure Figure // what shows beside the countdown; the f key switches it
	kept   kept   // the pose figure and body map of the last frame
}

// kept holds the parts of the last frame that stay the same from one
// second of a step to the next (the body map, the pose figure while it is
// still), with what they were drawn from: a second of a hold then lays out
// only what changes. Drawing them was most of a frame's time (a body map
// is 21 rows of styled cells), and under load a long frame is a late one.
type kept struct {
	mapKey   mapKey
	mapLines []string
	figKey   figKey
	figLines []string
}

type mapKey struct {
	areas  string
	styles int
}

type figKey struct {
	pose                 *routines.Pose
	frac                 float64
	w, h                 int
	ascii, mirror, sided bool
	styles               int
}

// bodyMap is bodyMap for areas in the current styles, kept from the last
// frame when it drew the same.
func (r *runScreen) bodyMap(areas []string) []string {
	k := mapKey{strings.Join(areas, ","), r.c.stylesGen}
	if r.kept.mapLines == nil || r.kept.mapKey != k {
		r.kept.mapKey, r.kept.mapLines = k, bodyMap(r.c.styles, areas)
	}
	return r.kept.mapLines
}

func newRunScreen(c *common, r *routines.Routine, level routines.Level) *runScreen {
	return &runScreen{
		c:      c,
		sess:   session.New(r, c.opts.Session),
		level:  level,
		keys:   c.keys.Session,
		figure: c.opts.figure(),
	}
}

// start begins the session.
func (r *runScreen) start() tea.Cmd {
	now := r.c.now()
	r.at = now
	var evs []session.Event
	if rs := r.resume; rs != nil {
		evs = r.sess.StartAt(now, rs.Step, rs.Done)
	} else {
		evs = r.sess.Start(now)
	}
	// The record begins from the session as started (a resumed one with
	// its earlier steps).
	return tea.Batch(r.record(true, now), r.handle(evs, now), loadPoses(r.sess.Routine()))
}

// handle turns session events into cues, recording and the next tick.
func (r *runScreen) handle(evs []session.Event, now time.Time) tea.Cmd {
	var cmds []tea.Cmd
	if p := r.c.opts.Cues; p != nil {
		// The events' cues, then the coach's (the count, the breaths)
		// due now: every wake-up asks, and each is given once.
		for _, c := range append(r.sess.Cues(evs), r.sess.Coach(now)...) {
			cmds = append(cmds, p.Play(c))
		}
	}
	for _, e := range evs {
		switch e.Kind {
		case session.StepDone, session.StepSkipped:
			cmds = append(cmds, r.record(false, now))
		case session.Finished:
			cmds = append(cmds, r.end(session.Finished, now))
			return tea.Batch(cmds...)
		}
	}
	cmds = append(cmds, r.schedule(now))
	return tea.Batch(cmds...)
}

// end leaves the session screen with the given outcome.
func (r *runScreen) end(_ session.EventKind, now time.Time) tea.Cmd {
	r.ended = true
	sum := r.sess.Summary(now)
	sess := r.sess
	return func() tea.Msg {
		return sessionEndedMsg{outcome: OutcomeCompleted, summary: sum, sess: sess}
	}
}

// stop ends the session early (quit or interrupt) and records it.
func (r *runScreen) stop(o Outcome) (Outcome, session.Summary) {
	now := r.c.now()
	r.sess.Pause(now)
	sum := r.sess.Summary(now)
	r.ended = true
	return o, sum
}

// helpShown pauses the session while the full help is up, as the quit
// question does, and resumes it when the help closes if it paused it.
func (r *runScreen) helpShown(on bool) tea.Cmd {
	if r.ended {
		return nil
	}
	now := r.c.now()
	switch {
	case on && r.sess.State() == session.Running:
		r.helpPaused = true
		return r.handle(r.sess.Pause(now), now)
	case !on && r.helpPaused:
		r.helpPaused = false
		if r.sess.State() == session.Paused {
			return r.handle(r.sess.Resume(now), now)
		}
	}
	return nil
}

// notStarted reports that the session is still in its first get-ready
// with nothing done or skipped: opening a routine and leaving at once is
// not a session.
func (r *runScreen) notStarted() bool {
	s := r.sess
	sum := s.Summary(r.c.now())
	return s.Index() == 0 && s.Segment().Kind == session.GetReady && sum.StepsDone == 0 && sum.StepsSkipped == 0
}

// record saves the session's progress off the UI goroutine, so a crash
// or a kill loses at most the step in progress.
func (r *runScreen) record(begin bool, now time.Time) tea.Cmd {
	rec := r.c.opts.Recorder
	if rec == nil {
		return nil
	}
	sum := r.sess.Summary(now)
	routine, level := r.sess.Routine(), r.level
	return func() tea.Msg {
		var err error
		if begin {
			err = rec.Begin(routine, level, sum)
		} else {
			err = rec.Checkpoint(sum)
		}
		return recordErrMsg{err}
	}
}

// schedule asks for a tick at the next moment the screen changes.
func (r *runScreen) schedule(now time.Time) tea.Cmd {
	r.gen++
	if r.sess.State() != session.Running {
		return nil
	}
	return r.c.after(r.nextWake(now), tickMsg{gen: r.gen})
}

// nextWake is the next whole-second change of the countdown: the only
// moment the screen changes while a segment runs (the progress bar moves
// with the seconds shown, see barFraction), so a running segment costs one
// frame, one write and one wake-up a second.
func (r *runScreen) nextWake(now time.Time) time.Duration {
	d := r.sess.NextChange(now)
	if r.figurePose() != nil {
		// The figure moves only in a get-ready or a switch.
		if _, next := r.figureNow(now); next > 0 {
			d = min(d, next)
		}
	}
	if pc, ok := r.sess.Pacer(now); ok {
		// During a breathing hold the screen also changes when the pacer's
		// bar moves a cell or its phase changes.
		d = min(d, pc.NextChange(pacerCells(r.c.width-2)))
	}
	if rp, ok := r.sess.Reps(now); ok && rp.Next > 0 {
		d = min(d, rp.Next) // the rep count moves on
	}
	return max(d, time.Millisecond)
}

func barWidth(w int) int {
	return min(max(w-8, 10), 64)
}

// barFraction is how much of the segment the bar shows done: the part the
// countdown's whole seconds say has passed. The bar moves when the digits
// do, in the same frame, rather than on its own cell by cell: for a 30 s
// hold on an 80-column screen that halves the frames and wake-ups and
// saves a fifth of the bytes; a short get-ready fills in a few steps
// rather than smoothly.
func barFraction(length, remaining time.Duration) float64 {
	if length <= 0 {
		return 0
	}
	shown := (remaining + time.Second - 1) / time.Second * time.Second // as clock rounds it
	return min(max(float64(length-shown)/float64(length), 0), 1)
}

func (r *runScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	now := r.c.now()
	switch msg := msg.(type) {
	case tickMsg:
		if msg.gen != r.gen || r.ended {
			return r, nil // stale: a newer chain is running
		}
		r.at = now
		return r, r.handle(r.sess.Tick(now), now)
	case recordErrMsg:
		r.recErr = msg.err
		return r, nil
	case tea.ResumeMsg:
		// Back from ctrl+z: the session was paused before suspending and
		// stays paused until the person is ready.
		return r, nil
	case tea.KeyPressMsg:
		if r.ended {
			return r, nil
		}
		r.at = now
		if r.confirm {
			return r.answerQuit(msg, now)
		}
		return r.key(msg, now)
	}
	return r, nil
}

// suspend pauses the hold and gives the terminal back (ctrl+z, or a
// SIGTSTP from outside: job control, kill -TSTP, a multiplexer's suspend).
// The session stays paused after the return, until the person resumes.
func (r *runScreen) suspend(now time.Time) tea.Cmd {
	if r.ended {
		return tea.Suspend
	}
	evs := r.sess.Pause(now)
	return sequence(r.handle(evs, now), tea.Suspend)
}

func (r *runScreen) key(k tea.KeyPressMsg, now time.Time) (screen, tea.Cmd) {
	s := r.sess
	waiting := s.State() == session.Waiting
	// Pausing, moving or quitting leaves the moment the queued words were
	// for: silence them before the new step's words are queued.
	if h, ok := r.c.opts.Cues.(interface{ Hush() }); ok &&
		key.Matches(k, r.keys.Pause, r.keys.Skip, r.keys.Prev, r.keys.Quit, r.keys.Continue, r.c.keys.Global.Suspend) {
		h.Hush()
	}
	switch {
	case key.Matches(k, r.c.keys.Global.Suspend):
		return r, r.suspend(now)
	case key.Matches(k, r.keys.Quit):
		// Pause while the question is up; carry on if the answer is no.
		r.resumeAfter = s.State() == session.Running
		s.Pause(now)
		r.confirm = true
		return r, r.schedule(now)
	case waiting && key.Matches(k, r.keys.Continue):
		return r, r.handle(s.Continue(now), now)
	case key.Matches(k, r.keys.Pause):
		return r, r.handle(s.Toggle(now), now)
	case key.Matches(k, r.keys.Skip):
		return r, r.handle(s.Skip(now), now)
	case key.Matches(k, r.keys.Prev):
		return r, r.handle(s.Back(now), now)
	case key.Matches(k, r.keys.More):
		return r, r.handle(s.Adjust(now, 5*time.Second), now)
	case key.Matches(k, r.keys.Less):
		return r, r.handle(s.Adjust(now, -5*time.Second), now)
	case key.Matches(k, r.keys.Figure):
		r.figure = r.figure.next()
		return r, r.schedule(now)
	}
	return r, nil
}

func (r *runScreen) answerQuit(k tea.KeyPressMsg, now time.Time) (screen, tea.Cmd) {
	switch {
	case key.Matches(k, r.c.keys.Confirm.Yes):
		// Quitting ends on the summary, as finishing does (what was done,
		// the time, the rating); quitting before anything began leaves.
		r.confirm = false
		none := r.notStarted()
		o, sum := r.stop(OutcomeQuit)
		return r, func() tea.Msg { return sessionEndedMsg{outcome: o, summary: sum, sess: r.sess, notStarted: none} }
	case key.Matches(k, r.c.keys.Confirm.No):
		r.confirm = false
		if r.resumeAfter {
			r.resumeAfter = false
			return r, r.handle(r.sess.Resume(now), now)
		}
	}
	return r, nil
}

func (r *runScreen) helpKeys() help.KeyMap {
	if r.confirm {
		return r.c.keys.Confirm
	}
	k := r.keys
	st := r.sess.State()
	k.Continue.SetEnabled(st == session.Waiting)
	k.Pause.SetEnabled(st != session.Waiting)
	if st == session.Paused {
		k.Pause.SetHelp("space", "resume")
	}
	seg := r.sess.Segment()
	if seg.Kind == session.GetReady && st != session.Waiting {
		k.Skip.SetHelp("→/n", "start now")
	}
	adjustable := st == session.Running || st == session.Paused
	k.More.SetEnabled(adjustable)
	k.Less.SetEnabled(adjustable)
	k.Adjust.SetEnabled(adjustable)
	return k
}

// view draws the session: header, what to do, the countdown, the bar,
// cues and caution, and what comes next. Lower-priority parts drop out
// as the window shrinks.
func (r *runScreen) view(w, h int) string {
	// The layout follows the window's size, not the room left inside the
	// frame and help line, so the thresholds are the ones a person reads.
	if p := r.figurePose(); p != nil {
		return r.withFigure(p, w, h)
	}
	if r.figure == FigureNone || r.c.width < BodyMapMinWidth || r.c.height < BodyMapMinHeight || r.confirm {
		return r.column(w, h)
	}
	// Room for the body map beside the main column.
	mainW := w - bodyMapWidth - 4
	left := strings.Split(r.column(mainW, h), "\n")
	var areas []string
	if ex := r.sess.Timeline().Routine.Steps[r.sess.StepIndex()].Exercise; ex != nil {
		areas = ex.Areas
	}
	bm := r.bodyMap(areas)
	top := 3
	if h >= 30 {
		top = 8
	}
	for i, l := range bm {
		row := top + i
		if row >= len(left) {
			break
		}
		pad := mainW - lipgloss.Width(left[row])
		left[row] += strings.Repeat(" ", max(pad, 0)+4) + l
	}
	// The header and its rule span the whole width, over the map too.
	if n := len(r.top(mainW)); len(left) >= n {
		left = append(r.top(w), left[n:]...)
		left = left[:min(len(left), h)]
	}
	return strings.Join(left, "\n")
}

// column is the session screen without the body map.
func (r *runScreen) column(w, h int) string {
	st := r.c.styles
	now := r.at
	s := r.sess
	seg := s.Segment()
	step := s.Timeline().Routine.Steps[seg.Step]
	state := s.State()

	phase, what, digitLines, barLine, caption := r.countdown(seg, step, state, w)
	cues, caution, extra := r.stepNotes(seg, step, state, w)
	next := r.nextLine(now, w)

	top := r.top(w)
	mid := []string{center(st.Phase.Render(phase), w), center(st.Exercise.Render(truncate(what, w)), w)}
	core := append(append(append([]string{}, mid...), ""), digitLines...)
	core = append(append(core, "", barLine), caption...)

	if r.confirm {
		dialog := st.Dialog.Render("Quit this session?\n" + st.Subtle.Render("It is saved as not finished.") + "\n\n" + "y quit · n carry on")
		box := lipgloss.Place(w, h-len(top), lipgloss.Center, lipgloss.Center, dialog)
		return fit(append(top, strings.Split(box, "\n")...), w, h)
	}
	return layoutColumn(top, core, [][]string{cues, caution, extra}, next, w, h)
}

// countdown is the middle of the session screen: the phase and exercise
// lines, the big digits and the bar, or a breathing pacer or rep count.
func (r *runScreen) countdown(seg session.Segment, step routines.Step, state session.State, w int) (phase, what string, digitLines []string, barLine string, caption []string) {
	st := r.c.styles
	now := r.at
	s := r.sess
	phase, what = r.phaseText(seg, step, state)
	digitSize := DigitsLarge
	switch {
	case r.c.height >= HugeDigitsHeight && r.c.width >= HugeDigitsWidth && w >= bigTextWidth("10:00", DigitsHuge):
		digitSize = DigitsHuge
	case r.c.height < SmallDigitsBelow:
		digitSize = DigitsSmall
	}
	digits := bigText(clock(s.Remaining(now)), digitSize)
	digitStyle := st.Digits
	if state == session.Paused || state == session.Waiting {
		digitStyle = st.DigitsDim
	}
	digitLines = strings.Split(digits, "\n")
	for i, l := range digitLines {
		digitLines[i] = center(digitStyle.Render(l), w)
	}

	bar := progress.New(progress.WithWidth(barWidth(w)), progress.WithoutPercentage(), progress.WithFillCharacters('█', '░'))
	bar.FullColor, bar.EmptyColor = st.BarFull, st.BarEmpty
	barLine = center(bar.ViewAs(barFraction(s.Length(), s.Remaining(now))), w)

	if pc, ok := s.Pacer(now); ok {
		// A breathing hold: the pacer's word and bar in place of the
		// countdown and its bar, the time left in the line above.
		pv := r.pacerView(pc, now, w, digitSize)
		phase, what, digitLines, barLine = pv.phase, pv.what, pv.word, pv.bar
		caption = []string{pv.caption}
	}
	if rp, ok := s.Reps(now); ok {
		// A drill counted in reps: which rep, and the tempo to move at.
		caption = []string{center(st.Subtle.Render(repCaption(rp, w)), w)}
	}
	return phase, what, digitLines, barLine, caption
}

// stepNotes are the blocks under the countdown: the cues, the caution and
// the extras (drink advice, the step's note).
func (r *runScreen) stepNotes(seg session.Segment, step routines.Step, state session.State, w int) (cues, caution, extra []string) {
	st := r.c.styles
	ex := step.Exercise
	if ex != nil && state != session.Waiting {
		cues = append(cues, bullets(r.sess.StepCues(seg.Step), w, "  • ", st.Cue)...)
	}
	if ex != nil && ex.Kind == routines.Hydrate {
		extra = append(extra, center(st.Good.Render(routines.DrinkAdvice(routines.Units(r.c.opts.Units))), w))
	}
	if step.Note != "" {
		extra = append(extra, center(st.Note.Render(truncate(step.Note, w)), w))
	}
	if ex != nil && ex.Caution != "" {
		for i, l := range wrap(ex.Caution, w-4) {
			prefix := "  ! "
			if i > 0 {
				prefix = "    "
			}
			caution = append(caution, st.Caution.Render(prefix+l))
		}
	}
	return cues, caution, extra
}

// layoutColumn keeps what fits by priority (next step, then blocks from
// last to first: extras, caution, cues), then lays the kept blocks out in
// reading order under top and core, with next on the last line.
func layoutColumn(top, core []string, blocks [][]string, next string, w, h int) string {
	avail := h - len(top) - len(core) - 1
	keepNext := next != "" && avail >= 1
	if keepNext {
		avail--
	}
	keep := make([]bool, len(blocks))
	for i := len(blocks) - 1; i >= 0; i-- {
		if n := len(blocks[i]) + 1; len(blocks[i]) > 0 && n <= avail {
			keep[i], avail = true, avail-n
		}
	}
	// The cues come first in reading but last in priority: when they do
	// not all fit, keep the first whole ones that do (how to start the
	// position matters most).
	if len(blocks) > 0 && !keep[0] && avail >= 2 {
		cut := 0
		for k := 1; k < len(blocks[0]) && k <= avail-1; k++ {
			if strings.HasPrefix(ansi.Strip(blocks[0][k]), "  • ") {
				cut = k
			}
		}
		if cut > 0 {
			blocks[0], keep[0] = blocks[0][:cut], true
		}
	}
	body := append(append(top, core...), "")
	for i, b := range blocks {
		if keep[i] {
			body = append(append(body, b...), "")
		}
	}
	// On a tall window, lower the middle a little so it sits centred.
	if spare := h - len(body) - 1; spare > 4 {
		pad := make([]string, spare/3)
		body = append(append(append([]string{}, top...), pad...), body[len(top):]...)
	}
	if keepNext {
		for len(body) < h-1 {
			body = append(body, "")
		}
		body = append(body[:h-1], next)
	}
	return fit(body, w, h)
}

// timeLeft is the routine's time left for the header: in whole minutes while
// it runs (the big digits show the seconds, and the header then changes
// once a minute), to the second while the clock stands still.
func (r *runScreen) timeLeft(now time.Time) string {
	left := r.sess.RoutineRemaining(now)
	if r.sess.State() == session.Running && !r.confirm {
		return wholeMinutes(left)
	}
	return minSec(left)
}

// top is the session's header (routine, step, time left) and the rule
// under it, or a warning in the rule's place.
// A warning takes the rule's place, wrapped to two lines at most.
func (r *runScreen) top(w int) []string {
	st := r.c.styles
	s := r.sess
	tl := s.Timeline()
	seg := s.Segment()
	header := spread(st.Title.Render(tl.Routine.Name),
		st.Subtle.Render(fmt.Sprintf("step %d of %d · %s left", seg.Step+1, tl.Steps(), r.timeLeft(r.at))), w)
	warn := ""
	switch {
	case r.recErr != nil:
		warn = strictyaml.Clean(r.recErr.Error()) // says what is still saved
	case r.c.notice != "":
		warn = strictyaml.Clean(r.c.notice)
	}
	if warn == "" {
		return []string{header, st.Rule.Render(strings.Repeat("─", w))}
	}
	lines := wrap(warn, max(w-2, 1))
	if len(lines) > 2 {
		lines = append(lines[:1], truncate(strings.Join(lines[1:], " "), max(w-2, 1)))
	}
	out := []string{header}
	for i, l := range lines {
		prefix := "! "
		if i > 0 {
			prefix = "  "
		}
		out = append(out, st.Warn.Render(prefix+l))
	}
	return out
}

// phaseText is the line above the countdown and the exercise line.
func (r *runScreen) phaseText(seg session.Segment, step routines.Step, state session.State) (string, string) {
	name := r.sess.StepName(seg.Step)
	side := ""
	if seg.Side != session.NoSide {
		side = " · " + strings.ToUpper(seg.Side.String()) + " SIDE"
	}
	reps := ""
	if step.Reps > 1 {
		reps = fmt.Sprintf(" · rep %d of %d", seg.Rep, step.Reps)
	}
	switch {
	case state == session.Paused:
		return "PAUSED · space to resume", name + side
	case state == session.Waiting:
		// The step about to start, by name: the bottom line already says
		// "Next:" for the one after it.
		return "READY WHEN YOU ARE · press enter", name + " · " + step.Length()
	}
	switch seg.Kind {
	case session.GetReady:
		first := ""
		if step.Exercise != nil && step.Exercise.PerSide {
			first = " · left side first"
		}
		return "GET READY", name + first
	case session.Switch:
		if seg.Side == session.Right {
			return "SWITCH TO THE RIGHT SIDE", name
		}
		return "REST · LEFT SIDE NEXT" + reps, name
	}
	verb := map[routines.Kind]string{
		routines.Stretch: "HOLD", routines.Roll: "ROLL", routines.Active: "MOVE",
		routines.Breathe: "BREATHE", routines.Hydrate: "DRINK", routines.Refuel: "REFUEL",
		routines.Mobility: "LOOSEN UP", routines.MassageGun: "MASSAGE GUN · LOWEST SPEED",
		routines.Massage: "MASSAGE",
	}
	v := "HOLD"
	if step.Exercise != nil {
		v = verb[step.Exercise.Kind]
	}
	return v + reps, name + side
}

// nextLine names the next step; in the last seconds of a step it is
// announced more strongly.
func (r *runScreen) nextLine(now time.Time, w int) string {
	st := r.c.styles
	s := r.sess
	tl := s.Timeline()
	seg := s.Segment()
	if seg.Step+1 >= tl.Steps() {
		return st.Next.Render(truncate("Last step", w))
	}
	nst := tl.Routine.Steps[seg.Step+1]
	name, length := s.StepName(seg.Step+1), nst.Length()
	text := "Next: " + name + " · " + length
	if seg.LastOfStep && s.State() == session.Running && s.Remaining(now) <= announceLead {
		return st.Warn.Render(truncate("▶ Up next: "+name+" · "+length, w))
	}
	return st.Next.Render(truncate(text, w))
}
