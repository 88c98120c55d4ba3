package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// ratedMsg carries the "how do you feel now?" answer to the root.
type ratedMsg struct{ rating int }

// summaryScreen shows what the session did and the after-care advice.
type summaryScreen struct {
	c       *common
	routine *routines.Routine
	sum     session.Summary
	outcome Outcome
	rating  int
	keys    SummaryKeys
	// week and streak come from the history, once read.
	week, streak int
	progressErr  error // reading the log for week and streak failed
	recErr       error // the final checkpoint failed (its error says what is still saved)
	loaded       bool
	// level is the soreness chosen, for the advice; scroll is the first
	// advice line shown, and adviceMore whether the last view cut some off.
	level      routines.Level
	scroll     int
	adviceMore bool
}

// loadProgress reads this week's count and the streak off the UI goroutine.
func (s *summaryScreen) loadProgress() tea.Cmd {
	rec := s.c.opts.Recorder
	if rec == nil {
		return nil
	}
	sum, now := s.sum, s.c.now()
	return func() tea.Msg {
		week, streak, err := rec.Progress(sum, now)
		return progressMsg{week: week, streak: streak, err: err}
	}
}

func newSummary(c *common, s *session.Session, o Outcome) *summaryScreen {
	return &summaryScreen{c: c, routine: s.Routine(), sum: s.Summary(c.now()), outcome: o, keys: c.keys.Summary}
}

func (s *summaryScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case progressMsg:
		s.week, s.streak, s.progressErr, s.loaded = msg.week, msg.streak, msg.err, true
		return s, nil
	case recordErrMsg:
		if msg.err != nil {
			s.recErr = msg.err
		}
		return s, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Rate) && s.didSomething():
		s.rating = int(k.String()[0] - '0')
		r := s.rating
		return s, func() tea.Msg { return ratedMsg{rating: r} }
	case key.Matches(k, s.keys.Done):
		return s, func() tea.Msg { return quitMsg{} }
	case key.Matches(k, s.keys.Down) && s.adviceMore:
		s.scroll++
	case key.Matches(k, s.keys.Up):
		s.scroll = max(s.scroll-1, 0)
	}
	return s, nil
}

// didSomething reports whether any step was done: only then is there a
// feeling to rate and recovery to advise on.
func (s *summaryScreen) didSomething() bool { return s.sum.StepsDone > 0 }

func (s *summaryScreen) helpKeys() help.KeyMap {
	k := s.keys
	k.Rate.SetEnabled(s.didSomething())
	k.Up.SetEnabled(s.scroll > 0)
	k.Down.SetEnabled(s.adviceMore)
	if s.rating > 0 {
		k.Rate.SetHelp("1-5", "change rating")
	}
	return k
}

// adviceLevel is the level the advice is for: the one chosen, else the
// routine's first.
func (s *summaryScreen) adviceLevel() routines.Level {
	if s.level.Valid() {
		return s.level
	}
	if len(s.routine.Soreness) > 0 {
		return s.routine.Soreness[0]
	}
	return routines.Sore
}

var feelings = []string{"", "rough", "meh", "okay", "good", "great"}

func (s *summaryScreen) view(w, h int) string {
	return fit(s.scrolled(s.lines(w), w, h), w, h)
}

// settle clamps the scroll to the lines a view of w×h shows and notes
// whether advice is left below them.
func (s *summaryScreen) settle(w, h int) {
	s.adviceMore = false
	if body, room := s.lines(w)[summaryHead:], h-summaryHead; len(body) > room && room > 1 {
		s.scroll = max(min(s.scroll, len(body)-room), 0)
		s.adviceMore = s.scroll+room < len(body)
	}
}

// lines are the whole summary, before scrolling.
func (s *summaryScreen) lines(w int) []string {
	st := s.c.styles
	title := "Cool-down complete. Well done."
	switch {
	case s.outcome != OutcomeCompleted:
		title = "Session ended early."
	case s.sum.StepsDone == 0:
		title = "Every step was skipped: nothing done this time."
	case s.sum.StepsSkipped > 0:
		title = "Cool-down finished, with some steps skipped."
	}
	lines := []string{
		spread(st.Title.Render(s.routine.Name), st.Subtle.Render("summary"), w),
		st.Rule.Render(strings.Repeat("─", w)),
		"",
		st.Good.Render(truncate(title, w)),
		"",
	}
	lines = append(lines, s.stats(w)...)
	lines = append(lines, "")
	rate := "How do you feel now? Press 1 (rough) to 5 (great), or enter to finish."
	if s.rating > 0 {
		rate = fmt.Sprintf("You feel %s (%d of 5). Press enter to finish.", feelings[s.rating], s.rating)
	}
	var advice []string
	if s.didSomething() {
		advice = cardLines(st, routines.AfterSessionFor(s.adviceLevel(), routines.Units(s.c.opts.Units), s.c.opts.Kit), w, true)
	} else {
		rate = "Press enter to finish."
	}
	for _, l := range wrap(rate, w) {
		lines = append(lines, st.Exercise.Render(l))
	}
	// The advice for the level chosen comes first. What does not fit is
	// scrolled in with ↑/↓: everything under the title moves, so a small
	// window shows the advice too.
	if len(advice) > 0 {
		lines = append(lines, "")
		lines = append(lines, advice...)
	}
	return lines
}

// stats are the summary's figures: time, steps, pause, areas worked, and
// this week and the streak once the history has answered.
func (s *summaryScreen) stats(w int) []string {
	st := s.c.styles
	stat := func(label, value string) string {
		return st.Subtle.Render(fmt.Sprintf("  %-12s", label)) + st.Item.Render(value)
	}
	lines := []string{
		stat("Time", minSec(s.sum.Active)+fmt.Sprintf(" (planned %s)", minSec(s.routine.Total(s.c.opts.Session.Timing)))),
		stat("Steps", fmt.Sprintf("%d done, %d skipped of %d", s.sum.StepsDone, s.sum.StepsSkipped, s.sum.StepsTotal)),
	}
	if s.sum.Paused > 0 {
		lines = append(lines, stat("Paused", minSec(s.sum.Paused)))
	}
	var worked []string
	for _, a := range routines.Areas() {
		if s.sum.AreaSeconds[a] > 0 {
			worked = append(worked, a)
		}
	}
	if len(worked) > 0 {
		for i, l := range wrap(strings.Join(worked, ", "), max(w-14, 10)) {
			if i == 0 {
				lines = append(lines, stat("Areas", l))
			} else {
				lines = append(lines, stat("", l))
			}
		}
	}
	if s.recErr != nil {
		for _, l := range wrap(strictyaml.Clean(s.recErr.Error()), max(w-2, 1)) {
			lines = append(lines, st.Warn.Render(truncate("  "+l, w)))
		}
	}
	switch {
	case s.progressErr != nil:
		lines = append(lines, st.Warn.Render(truncate("  History not read: "+strictyaml.Clean(s.progressErr.Error()), w)))
	case s.loaded:
		lines = append(lines, stat("This week", routines.Plural(s.week, "session", "sessions")+" · daily stretching is ideal"))
		lines = append(lines, stat("Streak", routines.Plural(s.streak, "day", "days")))
	}
	return lines
}

// summaryHead is the title and the rule under it: they stay put.
const summaryHead = 2

// scrolled keeps the title and its rule in place and scrolls what is under
// them to fit h rows (the scroll settled for them), marking that more
// advice is below.
func (s *summaryScreen) scrolled(lines []string, w, h int) []string {
	st := s.c.styles
	if body, room := lines[summaryHead:], h-summaryHead; len(body) > room && room > 1 {
		top := max(min(s.scroll, len(body)-room), 0) // settled already; guards a view before any update
		shown := slices.Clone(body[top : top+room])
		if top+room < len(body) {
			shown[room-1] = st.Faint.Render(truncate("↓ more advice", w))
		}
		lines = append(lines[:summaryHead], shown...)
	}
	return lines
}
