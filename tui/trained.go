package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
)

// The picker's "What did you train?" stage: asked after the soreness level
// (and after the very-sore check card), skippable with s. The answer puts
// that sport's routines first in the list, marked ◆ and with the cursor
// on the first, and gives the planner its areas. --after answers it
// before the picker opens (Options.After), and then it is never asked.

// askTrained is the stage; negative, so it never meets the stages listed
// in picker.go.
const askTrained pickerStage = -1

// suggestedMark marks the routines of the sport trained in the list.
const suggestedMark = "◆"

// trainedQuestion is the stage's state on the picker.
type trainedQuestion struct {
	cursor int             // on routines.Sports(), then the skip entry
	sport  *routines.Sport // the answer; nil when skipped or not asked
}

// TrainedKeys answer "What did you train?".
type TrainedKeys struct {
	Up, Down, Choose, Skip, Back, Safety, Quit key.Binding
	Global                                     *GlobalKeys
}

// ShortHelp implements help.KeyMap.
func (k TrainedKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.Skip, k.Back, k.Global.Help, k.Quit, k.Up, k.Down, k.Safety}
}

// FullHelp implements help.KeyMap.
func (k TrainedKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Choose, k.Skip, k.Back}, {k.Safety, k.Global.Help, k.Quit, k.Global.Interrupt}}
}

// trainedKeys are the picker's keys, and s to skip.
func trainedKeys(pk PickerKeys) TrainedKeys {
	return TrainedKeys{
		Up: pk.Up, Down: pk.Down, Choose: pk.Choose, Back: pk.Back, Safety: pk.Safety, Quit: pk.Quit,
		Skip:   bind("s", "skip", "s"),
		Global: pk.Global,
	}
}

// startTrained sets the answer given with --after, and asks the question
// first when the picker opens on the routine list (a level given on the
// command line). Very sore waits: the check card comes first, and then
// showRoutines asks.
func (p *picker) startTrained() {
	p.trained.sport = p.c.opts.After
	if p.stage == askRoutine && p.c.opts.Level != routines.VerySore {
		p.askTrainedFirst()
	}
}

// askTrainedFirst turns the way to the routine list into the question,
// unless --after answered it or it is being answered now; it reports
// whether it did.
func (p *picker) askTrainedFirst() bool {
	if p.c.opts.After != nil || p.stage == askTrained {
		return false
	}
	p.stage, p.filter, p.filtering = askTrained, "", false
	return true
}

// trainedBack is the stage the routine list goes back to: the question,
// when it was asked on screen.
func (p *picker) trainedBack() {
	if p.c.opts.After == nil {
		p.stage = askTrained
	}
}

func (p *picker) trainedUpdate(k tea.KeyPressMsg) (screen, tea.Cmd) {
	keys := trainedKeys(p.keys)
	n := len(routines.Sports()) + 1 // and skip
	switch {
	case key.Matches(k, keys.Quit):
		return p, func() tea.Msg { return quitMsg{} }
	case key.Matches(k, keys.Up):
		p.trained.cursor = (p.trained.cursor - 1 + n) % n
	case key.Matches(k, keys.Down):
		p.trained.cursor = (p.trained.cursor + 1) % n
	case key.Matches(k, keys.Safety):
		p.prevStage, p.stage = askTrained, showSafety
	case key.Matches(k, keys.Back):
		p.stage, p.trained.sport = askLevel, nil
	case key.Matches(k, keys.Skip):
		p.trained.sport = nil
		p.showRoutines()
	case key.Matches(k, keys.Choose):
		p.trained.sport = nil
		if sp := routines.Sports(); p.trained.cursor < len(sp) {
			p.trained.sport = &sp[p.trained.cursor]
		}
		p.showRoutines()
	}
	return p, nil
}

func (p *picker) trainedHelp() help.KeyMap { return trainedKeys(p.keys) }

// sportFirst orders the routines with the trained sport's first, in its
// order (best first); the rest keep theirs.
func (p *picker) sportFirst(rs []*routines.Routine) []*routines.Routine {
	if p.trained.sport == nil {
		return rs
	}
	ids := p.trained.sport.Routines
	out := make([]*routines.Routine, 0, len(rs))
	for _, id := range ids {
		if i := slices.IndexFunc(rs, func(r *routines.Routine) bool { return r.ID == id }); i >= 0 {
			out = append(out, rs[i])
		}
	}
	for _, r := range rs {
		if !slices.Contains(ids, r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// forSport reports whether r is one of the trained sport's routines.
func (p *picker) forSport(r *routines.Routine) bool {
	return r != nil && p.trained.sport != nil && slices.Contains(p.trained.sport.Routines, r.ID)
}

// cursorOnSport puts the list's cursor on the sport's first routine the
// kit allows (so enter starts it), else on its first.
func (p *picker) cursorOnSport() {
	first := -1
	for i, r := range p.entries() {
		if !p.forSport(r) {
			continue
		}
		if p.asDone(r).err == nil {
			p.cursor = i
			return
		}
		if first < 0 {
			first = i
		}
	}
	if first >= 0 {
		p.cursor = first
	}
}

// sportLine is the line above the list that says what ◆ means, if a
// sport was answered.
func (p *picker) sportLine(w int) (string, bool) {
	if p.trained.sport == nil {
		return "", false
	}
	return p.c.styles.Good.Render(truncate(suggestedMark+" Suggested "+p.trained.sport.After, w)), true
}

// plannerSport is what the planner gets: the sport's areas ticked, and the
// sport for its drill.
func (p *picker) plannerSport() *routines.Sport { return p.trained.sport }

// trainedLabels are the entries of the question: the sports, then skip.
func trainedLabels() []string {
	var out []string
	for _, s := range routines.Sports() {
		out = append(out, s.Name)
	}
	return append(out, "Skip this question")
}

// trainedView asks the question in h rows of width w: one column with the
// highlighted sport's suggestion under it where there is room, two
// columns in a small window.
func (p *picker) trainedView(w, h int) []string {
	st := p.c.styles
	labels := trainedLabels()
	n := len(labels)
	lines := []string{spread(st.Exercise.Render("What did you train?"), st.Subtle.Render(p.chosenLevel().Title()), w)}
	hintText := "Its routines come first. s skips the question."
	if lipgloss.Width(hintText) > w {
		hintText = "s skips the question."
	}
	hint := st.Faint.Render(truncate(hintText, w))
	row := func(i, width int) string {
		name := truncate(labels[i], max(width-2, 1))
		if i == p.trained.cursor {
			return st.Cursor.Render("> ") + st.Selected.Render(name)
		}
		return "  " + st.Item.Render(name)
	}
	if h >= n+4 {
		lines = append(lines, "")
		for i := range n {
			lines = append(lines, row(i, w))
		}
		detail := p.trainedDetail(w)
		if h >= n+5+len(detail) {
			lines = append(lines, "")
			lines = append(lines, detail...)
		}
		return append(lines, "", hint)
	}
	// Two columns, filled down then across; ↑/↓ still walk the list.
	labels[n-1] = "Skip"
	rows := (n + 1) / 2
	colW := w / 2
	if h >= rows+4 {
		lines = append(lines, "")
	}
	for r := range rows {
		left := row(r, colW)
		line := left
		if j := r + rows; j < n {
			line += strings.Repeat(" ", max(colW-lipgloss.Width(left), 1)) + row(j, w-colW)
		}
		lines = append(lines, line)
	}
	if h >= rows+3 {
		lines = append(lines, "")
	}
	return append(lines, hint)
}

// trainedDetail says what the highlighted answer suggests: the routine it
// puts first for the level, and the areas it works.
func (p *picker) trainedDetail(w int) []string {
	st := p.c.styles
	sp := routines.Sports()
	if p.trained.cursor >= len(sp) {
		return []string{st.Subtle.Render(truncate("No suggestion: every routine for "+p.chosenLevel().Title()+", shortest first.", w))}
	}
	s := sp[p.trained.cursor]
	var out []string
	if rs := p.c.opts.Library.ForSport(s, p.chosenLevel()); len(rs) > 0 {
		// The first the kit allows, at its length as adapted.
		first := "First: none of them with your kit; a plan built for today can be"
		for _, r := range rs {
			if d := p.asDone(r); d.err == nil {
				first = fmt.Sprintf("First: %s (%d min)", d.r.Name, routines.Minutes(d.r.Total(p.c.opts.Session.Timing)))
				break
			}
		}
		for _, l := range wrap(first, w) {
			out = append(out, st.Subtle.Render(l))
		}
	}
	areas := "the whole body"
	if len(s.Areas) < len(routines.Areas()) {
		areas = strings.Join(s.Areas, ", ")
	}
	for _, l := range wrap("Works: "+areas, w) {
		out = append(out, st.Faint.Render(l))
	}
	return out
}
