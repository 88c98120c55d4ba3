package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/history"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// pickerStage is which question the picker is asking.
type pickerStage int

const (
	askLevel pickerStage = iota
	askRoutine
	showSafety
	askKit
)

// picker asks how sore the person is, then which routine to run.
type picker struct {
	c         *common
	stage     pickerStage
	prevStage pickerStage
	level     int // cursor on the levels
	cursor    int // cursor on the routines
	keys      PickerKeys
	scroll    int // first line of the safety text shown
	// lastWorked is when each area was last worked, from the history;
	// nil until it is read (or when there is no history).
	lastWorked map[string]time.Time
	// filter narrows the routine list to names and body areas containing
	// it; filtering is true while it is being typed (after /).
	filter    string
	filtering bool
	// kitForm is the "what do you have?" question while it is open;
	// afterKit is the stage it goes back to.
	kitForm  *kitForm
	afterKit pickerStage
	// message is a one-line answer to the last key (kit saved...), shown
	// under the title until the next key.
	message string
	// done caches each routine as done with the kit in effect (kitFor).
	done    map[string]doneRoutine
	kitFor  *routines.Kit
	trained trainedQuestion // "What did you train?" (trained.go)
}

// doneRoutine is a routine adapted to the kit, or why it cannot be.
type doneRoutine struct {
	r       *routines.Routine
	changes []routines.Change
	err     error
}

func newPicker(c *common) *picker {
	p := &picker{c: c, keys: c.keys.Picker}
	if c.opts.Level != "" {
		for i, l := range routines.Levels() {
			if l == c.opts.Level {
				p.level = i
				p.stage = askRoutine
			}
		}
	} else {
		p.level = 1 // "sore" is the likeliest answer after training
	}
	p.startTrained()
	if c.opts.Kit == nil {
		p.openKit() // first run: ask once what they have
	}
	return p
}

// openKit asks what the person has, coming back to the current stage.
func (p *picker) openKit() {
	p.kitForm, p.afterKit, p.stage = newKitForm(p.c.opts.Kit), p.stage, askKit
}

// asDone is r as done with the kit in effect: adapted, with what changed,
// or the reason it cannot be done.
func (p *picker) asDone(r *routines.Routine) doneRoutine {
	kit := p.c.opts.Kit
	if kit == nil || *kit == routines.KitAll {
		return doneRoutine{r: r}
	}
	if p.kitFor == nil || *p.kitFor != *kit {
		p.done, p.kitFor = map[string]doneRoutine{}, new(*kit)
	}
	key := r.ID + "\x00" + r.Source
	if d, ok := p.done[key]; ok {
		return d
	}
	a, ch, err := p.c.opts.Library.Adapt(r, *kit)
	d := doneRoutine{r: a, changes: ch, err: err}
	if err != nil {
		d.r = r
	}
	p.done[key] = d
	return d
}

// kitAnswered takes the answer to the kit question.
func (p *picker) kitAnswered(msg kitChosenMsg) tea.Cmd {
	p.stage, p.kitForm = p.afterKit, nil
	if !msg.saved {
		return nil
	}
	kit := msg.kit
	p.c.opts.Kit = &kit
	save := p.c.opts.SaveKit
	if save == nil {
		return nil
	}
	return func() tea.Msg { return kitSavedMsg{err: save(kit)} }
}

func (p *picker) chosenLevel() routines.Level { return routines.Levels()[p.level] }

// choices lists the routines that suit the chosen level (and the filter).
func (p *picker) choices() []*routines.Routine {
	var out []*routines.Routine
	for _, r := range p.c.opts.Library.Routines() {
		if r.Suits(p.chosenLevel()) && matchesFilter(r, p.filter) {
			out = append(out, r)
		}
	}
	return p.sportFirst(out)
}

// matchesFilter reports whether the routine's name, id or one of its body
// areas contains f, ignoring case ("" matches every routine).
func matchesFilter(r *routines.Routine, f string) bool {
	f = strings.ToLower(strings.TrimSpace(f))
	if f == "" {
		return true
	}
	if strings.Contains(strings.ToLower(r.Name), f) || strings.Contains(r.ID, f) {
		return true
	}
	for _, a := range r.Areas() {
		if strings.Contains(a, f) {
			return true
		}
	}
	return false
}

// filterKey handles a key while the filter is typed: text goes into it,
// enter keeps it, esc drops it, and ↑/↓ still move.
func (p *picker) filterKey(k tea.KeyPressMsg) {
	switch {
	case k.Code == tea.KeyEscape:
		p.filter, p.filtering = "", false
	case k.Code == tea.KeyEnter:
		p.filtering = false
	case k.Code == tea.KeyBackspace:
		if r := []rune(p.filter); len(r) > 0 {
			p.filter = string(r[:len(r)-1])
		}
	case k.Code == tea.KeyUp:
		p.cursor = max(p.cursor-1, 0)
		return
	case k.Code == tea.KeyDown:
		p.cursor++
		return
	case k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
		if len([]rune(p.filter)) < 40 {
			p.filter += strictyaml.Clean(k.Text)
		}
	default:
		return
	}
	p.cursor = 0
}

// loadCoverage reads the history off the UI goroutine.
func loadCoverage(rec Recorder) tea.Cmd {
	if rec == nil {
		return nil
	}
	return func() tea.Msg {
		last, err := rec.Coverage()
		return coverageMsg{last: last, err: err}
	}
}

// suggestion picks, among the routines for the chosen level, the one that
// best covers the areas longest left alone (never-worked areas first).
// There is none without history: a first-timer gets no nagging.
func (p *picker) suggestion() (*routines.Routine, []string) {
	if len(p.lastWorked) == 0 {
		return nil, nil
	}
	type aged struct {
		area string
		at   time.Time
	}
	var ranked []aged
	for _, a := range routines.Areas() {
		ranked = append(ranked, aged{a, p.lastWorked[a]})
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].at.Before(ranked[j].at) })
	top := ranked[:4]
	var best *routines.Routine
	var bestAreas []string
	bestScore := 0
	for _, r := range p.choices() {
		works := map[string]bool{}
		for _, a := range r.Areas() {
			works[a] = true
		}
		score := 0
		var covered []string
		for i, t := range top {
			if works[t.area] {
				score += len(top) - i
				covered = append(covered, t.area)
			}
		}
		if score > bestScore { // choices are shortest first: ties keep the shorter
			best, bestAreas, bestScore = r, covered, score
		}
	}
	return best, bestAreas
}

func (p *picker) update(msg tea.Msg) (screen, tea.Cmd) {
	switch m := msg.(type) {
	case coverageMsg:
		p.lastWorked = m.last
		return p, nil
	case kitChosenMsg:
		return p, p.kitAnswered(m)
	case kitSavedMsg:
		if m.err != nil {
			p.message = "Kit not saved (this run only): " + m.err.Error()
		} else {
			p.message = "Kit saved: " + p.c.kitText() + "."
		}
		return p, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	p.message = ""
	if p.stage == askKit {
		return p, p.kitForm.update(k, p.c.keys.Kit)
	}
	if p.stage == showSafety {
		switch {
		case key.Matches(k, p.keys.Down):
			p.scroll++
		case key.Matches(k, p.keys.Up):
			p.scroll = max(p.scroll-1, 0)
		default:
			p.stage, p.scroll = p.prevStage, 0
		}
		return p, nil
	}
	if p.stage == askTrained {
		return p.trainedUpdate(k)
	}
	if p.stage == askRoutine && p.filtering {
		p.filterKey(k)
		return p, nil
	}
	if p.stage == askRoutine && key.Matches(k, p.keys.Filter) {
		p.filtering = true
		return p, nil
	}
	if p.stage == askRoutine && p.filter != "" && k.Code == tea.KeyEscape {
		p.filter, p.cursor = "", 0 // esc clears the filter first, as in a Bubbles list
		return p, nil
	}
	n := len(routines.Levels())
	if p.stage == askRoutine {
		n = len(p.entries())
	}
	cur := &p.level
	if p.stage == askRoutine {
		cur = &p.cursor
	}
	switch {
	case p.resumable() && key.Matches(k, p.keys.Resume):
		rs := p.c.opts.Resume
		return p, func() tea.Msg { return chooseMsg{routine: rs.Routine, level: rs.Level, resume: rs} }
	case key.Matches(k, p.keys.Quit):
		return p, func() tea.Msg { return quitMsg{} }
	case key.Matches(k, p.keys.Up):
		*cur = (*cur - 1 + n) % max(n, 1)
	case key.Matches(k, p.keys.Down):
		*cur = (*cur + 1) % max(n, 1)
	case key.Matches(k, p.keys.Safety):
		p.prevStage, p.stage = p.stage, showSafety
	case key.Matches(k, p.keys.Kit):
		p.openKit()
	case key.Matches(k, p.keys.Back):
		if p.stage == askRoutine {
			p.stage, p.filter = askLevel, ""
			p.trainedBack()
		}
	case key.Matches(k, p.keys.Choose):
		if p.stage == askLevel {
			if p.chosenLevel() == routines.VerySore {
				// The check card comes first; it shows the routines on enter.
				return p, func() tea.Msg { return openTriageMsg{} }
			}
			p.showRoutines()
			return p, nil
		}
		if ch := p.entries(); p.cursor < len(ch) {
			r, l := ch[p.cursor], p.chosenLevel()
			if r == nil {
				sp := p.plannerSport()
				return p, func() tea.Msg { return openPlannerMsg{level: l, sport: sp} }
			}
			d := p.asDone(r)
			if d.err != nil {
				p.message = "Not with your kit (✗): press g to change it." // the detail says why
				return p, nil
			}
			return p, func() tea.Msg { return chooseMsg{routine: d.r, level: l} }
		}
	}
	return p, nil
}

func (p *picker) helpKeys() help.KeyMap {
	if p.stage == askKit {
		return p.c.keys.Kit
	}
	if p.stage == askTrained {
		return p.trainedHelp()
	}
	k := p.keys
	k.Back.SetEnabled(p.stage == askRoutine)
	k.Resume.SetEnabled(p.resumable())
	return k
}

// resumable: an interrupted session is offered, on the first screen.
func (p *picker) resumable() bool {
	return p.stage == askLevel && p.c.opts.Resume != nil
}

func (p *picker) view(w, h int) string {
	lines := p.header(w)
	switch p.stage {
	case askLevel:
		lines = append(lines, p.levelView(w)...)
	case askTrained:
		lines = append(lines, p.trainedView(w, h-len(lines))...)
	case askRoutine:
		lines = append(lines, p.routineView(w, h-len(lines))...)
	case showSafety:
		lines = append(lines, p.safetyView(w, h-len(lines))...)
	case askKit:
		lines = append(lines, p.kitForm.view(p.c, w, h-len(lines)-1)...) // a row for the help bar
	}
	return fit(lines, w, h)
}

// settle keeps the cursor on an entry and the disclaimer's scroll within
// the text, for a view of w×h.
func (p *picker) settle(w, h int) {
	switch p.stage {
	case askRoutine:
		if ch := p.entries(); len(ch) > 0 {
			p.cursor = max(min(p.cursor, len(ch)-1), 0)
		}
	case showSafety:
		text, room := p.safetyText(w, h-len(p.header(w)))
		p.scroll = max(min(p.scroll, len(text)-room), 0)
	}
}

// header is the title and the warnings above every stage of the picker.
func (p *picker) header(w int) []string {
	st := p.c.styles
	var lines []string
	lines = append(lines, spread(st.Title.Render("cooldown"), st.Subtle.Render("post-workout cool-down"), w), "")
	for _, warn := range p.c.opts.Warnings {
		// Warnings quote file names and names from the history: cleaned.
		for i, l := range wrap(strictyaml.Clean(warn), w-2) {
			prefix := "! "
			if i > 0 {
				prefix = "  "
			}
			lines = append(lines, st.Warn.Render(prefix+l))
		}
	}
	if len(p.c.opts.Warnings) > 0 {
		lines = append(lines, "")
	}
	if p.message != "" {
		for _, l := range wrap(strictyaml.Clean(p.message), w) {
			lines = append(lines, st.Warn.Render(l))
		}
		lines = append(lines, "")
	}
	return lines
}

// safetyText is the disclaimer wrapped to w, and the rows of an h-row
// view it has.
func (p *picker) safetyText(w, h int) (text []string, room int) {
	return wrap(routines.Disclaimer, w), h - 3 // title, blank, footer
}

// safetyView shows the disclaimer, scrolling with ↑/↓ when it does not fit.
func (p *picker) safetyView(w, h int) []string {
	st := p.c.styles
	text, room := p.safetyText(w, h)
	top := max(min(p.scroll, len(text)-room), 0) // settled already; guards a view before any update
	lines := []string{st.Title.Render("Before you start"), ""}
	for _, l := range text[top:min(len(text), top+room)] {
		lines = append(lines, st.Item.Render(l))
	}
	footer := "Press any key to go back."
	if len(text) > room {
		footer = "↑/↓ scroll · any other key: back"
	}
	return append(lines, st.Subtle.Render(truncate(footer, w)))
}

func (p *picker) levelView(w int) []string {
	st := p.c.styles
	var lines []string
	if rs := p.c.opts.Resume; rs != nil {
		// An interrupted session of a few hours ago goes on with r.
		for _, l := range wrap(rs.Offer()+" (stopped "+rs.Ago+"): press r", w) {
			lines = append(lines, st.Good.Render(l))
		}
		lines = append(lines, "")
	}
	lines = append(lines, st.Exercise.Render("How sore are you?"), "")
	for i, l := range routines.Levels() {
		name := fmt.Sprintf("%-10s", l.Title())
		// The description wraps under itself rather than being cut.
		blurb := wrap(l.Blurb(), max(w-13, 10))
		for j, b := range blurb {
			switch {
			case j > 0:
				lines = append(lines, strings.Repeat(" ", 13)+st.Faint.Render(b))
			case i == p.level:
				lines = append(lines, st.Cursor.Render("> ")+st.Selected.Render(name)+" "+st.Subtle.Render(b))
			default:
				lines = append(lines, "  "+st.Item.Render(name)+" "+st.Faint.Render(b))
			}
		}
	}
	lines = append(lines, "")
	for _, l := range wrap("General guidance, not medical advice. Press i for safety notes.", w) {
		lines = append(lines, st.Faint.Render(l))
	}
	return lines
}

// showRoutines moves on to the routine list, on the suggested routine if
// there is one.
func (p *picker) showRoutines() {
	if p.askTrainedFirst() {
		return
	}
	p.stage, p.cursor = askRoutine, 0
	if sug, _ := p.suggestion(); sug != nil {
		for i, r := range p.entries() {
			if r == sug {
				p.cursor = i
			}
		}
	}
	p.cursorOnSport()
}

// openTriageMsg asks the root for the very-sore check card.
type openTriageMsg struct{}

// openPlannerMsg asks the root for the "build one for today" form.
type openPlannerMsg struct {
	level routines.Level
	sport *routines.Sport // what was trained: the planner ticks its areas
}

// entries is the routine list as shown: "build one for today" (nil)
// first, then the routines for the chosen level. A filter shows only the
// routines it matches.
func (p *picker) entries() []*routines.Routine {
	if p.filter != "" {
		return p.choices()
	}
	return append([]*routines.Routine{nil}, p.choices()...)
}

func (p *picker) routineView(w, h int) []string {
	st := p.c.styles
	lv := p.chosenLevel()
	ch := p.entries()
	lines := []string{spread(st.Exercise.Render("Pick a routine"), st.Subtle.Render(lv.Title()), w)}
	if p.c.opts.Kit != nil {
		lines = append(lines, st.Faint.Render(truncate(p.c.kitLine(), w)))
	}
	sug, sugAreas := p.suggestion()
	if sug != nil {
		var parts []string
		for _, a := range sugAreas {
			parts = append(parts, a+" ("+history.Ago(p.lastWorked[a], p.c.drawnAt())+")")
		}
		for i, l := range wrap("★ "+sug.Name+" works "+strings.Join(parts, ", "), w-2) {
			if i > 0 {
				l = "  " + l
			}
			lines = append(lines, st.Good.Render(l))
		}
	}
	sportLine, trained := p.sportLine(w)
	switch {
	case p.filtering:
		lines = append(lines, st.Cursor.Render("Filter: ")+st.Item.Render(p.filter)+st.Cursor.Render("█"))
	case trained && p.filter == "":
		lines = append(lines, sportLine)
	case p.filter != "":
		lines = append(lines, st.Subtle.Render(truncate(fmt.Sprintf("Filter: %s · %d found · esc clears", p.filter, len(ch)), w)))
	default:
		lines = append(lines, "")
	}
	if len(ch) == 0 {
		return append(lines, st.Faint.Render(truncate("No routine for "+p.chosenLevel().Title()+" matches \""+p.filter+"\".", w)))
	}
	cursor := max(min(p.cursor, len(ch)-1), 0) // settled already; guards a view before any update
	// Detail of the highlighted routine takes the bottom; the list scrolls.
	sel := ch[cursor]
	detail := []string{""}
	if sel == nil {
		for _, l := range wrap("Say how many minutes you have and where you are sore; cooldown builds a routine for today from the catalogue.", w) {
			detail = append(detail, st.Item.Render(l))
		}
	} else {
		detail = append(detail, p.detail(p.asDone(sel), w)...)
	}
	room := max(h-len(lines)-len(detail), 3)
	if room < len(detail)+3 && h-len(lines) < len(ch)+len(detail) {
		// Small window: keep the list, drop detail lines from the bottom.
		detail = detail[:max(0, min(len(detail), h-len(lines)-min(len(ch), 3)))]
		room = h - len(lines) - len(detail)
	}
	// A list longer than the room says what is above and below it.
	if len(ch) > room && room >= 3 {
		room--
	}
	lines = append(lines, p.routineRows(ch, cursor, room, sug, w)...)
	return append(lines, detail...)
}

// routineRows are the list's rows in room lines around the cursor (nil:
// the build-one entry), with a line saying what is above and below.
func (p *picker) routineRows(ch []*routines.Routine, cursor, room int, sug *routines.Routine, w int) []string {
	st := p.c.styles
	t := p.c.opts.Session.Timing
	start := max(0, min(cursor-room/2, len(ch)-room))
	var lines []string
	nameW := lipgloss.Width(buildLabel)
	for _, r := range ch {
		if r != nil {
			nameW = max(nameW, lipgloss.Width(r.Name))
		}
	}
	nameW = min(nameW, max(w-12, 10))
	for i := start; i < len(ch) && i < start+room; i++ {
		r := ch[i]
		label, mins := buildLabel, "  any"
		if r != nil {
			d := p.asDone(r)
			label, mins = r.Name, fmt.Sprintf("%3d min", routines.Minutes(d.r.Total(t)))
			if d.err != nil {
				mins = "  ✗ kit" // not with your kit: the detail says why
			}
			if r.Source != routines.BuiltIn {
				mins += " *"
			}
			if r == sug {
				mins += " ★"
			}
			if p.forSport(r) {
				mins += " " + suggestedMark
			}
		}
		name := truncate(label, nameW)
		name += strings.Repeat(" ", nameW-lipgloss.Width(name))
		if i == cursor {
			lines = append(lines, st.Cursor.Render("> ")+st.Selected.Render(name)+" "+st.Subtle.Render(mins))
		} else {
			lines = append(lines, "  "+st.Item.Render(name)+" "+st.Faint.Render(mins))
		}
	}
	if above, below := start, len(ch)-min(len(ch), start+room); above+below > 0 {
		var more []string
		if above > 0 {
			more = append(more, fmt.Sprintf("↑ %d more above", above))
		}
		if below > 0 {
			more = append(more, fmt.Sprintf("↓ %d more below", below))
		}
		lines = append(lines, st.Faint.Render(truncate("  "+strings.Join(more, " · "), w)))
	}
	return lines
}

// buildLabel is the list entry that opens the plan builder.
const buildLabel = "+ Build one for today…"

// detail describes the highlighted routine under the list, as done with
// the kit: what changed for it, or why it cannot be done.
func (p *picker) detail(d doneRoutine, w int) []string {
	st := p.c.styles
	sel := d.r
	var detail []string
	if d.err != nil {
		for _, l := range wrap(d.err.Error(), w) {
			detail = append(detail, st.Warn.Render(l))
		}
		return append(detail, st.Warn.Render(truncate("Press g to change your kit.", w)))
	}
	for _, l := range wrap(sel.Summary, w) {
		detail = append(detail, st.Item.Render(l))
	}
	areas := strings.Join(sel.Areas(), ", ")
	if areas == "" {
		areas = "easy movement and breathing"
	}
	for i, l := range wrap("Works: "+areas, w) {
		if i == 0 {
			l = strings.TrimPrefix(l, "Works: ")
			l = st.Subtle.Render("Works: ") + st.Item.Render(l)
		} else {
			l = st.Item.Render(l)
		}
		detail = append(detail, l)
	}
	if sel.Source != routines.BuiltIn {
		detail = append(detail, st.Faint.Render(truncate("From "+routines.DisplaySource(sel.Source), w)))
	}
	if n := len(d.changes); n > 0 {
		detail = append(detail, st.Subtle.Render(truncate(fmt.Sprintf("Adapted to your kit: %s (see each step's note)", routines.Plural(n, "change", "changes")), w)))
	} else if needs := sel.Needs(); len(needs) > 0 && p.c.opts.Kit == nil {
		var ns []string
		for _, n := range needs {
			ns = append(ns, n.Short())
		}
		detail = append(detail, st.Faint.Render(truncate("Needs: "+strings.Join(ns, ", ")+" · g: say what you have", w)))
	}
	return append(detail, p.preview(sel, w)...)
}

// preview lists the highlighted routine's steps (name, time and sides,
// areas) under its total, the way the planner previews a plan; the total
// is the one `cooldown show` prints, with the person's gaps.
func (p *picker) preview(r *routines.Routine, w int) []string {
	st := p.c.styles
	t := p.c.opts.Session.Timing
	lines := []string{st.Subtle.Render(truncate(fmt.Sprintf("Total %s · %d steps · enter to start", routines.Friendly(r.Total(t)), len(r.Steps)), w))}
	nameW, lenW := 0, 0
	for _, s := range r.Steps {
		nameW = max(nameW, lipgloss.Width(s.Name()))
		lenW = max(lenW, lipgloss.Width(s.Length()))
	}
	nameW = min(nameW, max(w/2-4, 10))
	for i, s := range r.Steps {
		name := truncate(s.Name(), nameW)
		length := s.Length()
		row := fmt.Sprintf("%2d. %s%s  %s%s", i+1, name, strings.Repeat(" ", nameW-lipgloss.Width(name)), length, strings.Repeat(" ", lenW-lipgloss.Width(length)))
		areas := ""
		if s.Exercise != nil && len(s.Exercise.Areas) > 0 {
			areas = "  " + strings.Join(s.Exercise.Areas, ", ")
		} else {
			row = strings.TrimRight(row, " ")
		}
		if room := w - lipgloss.Width(row); room > 4 {
			lines = append(lines, st.Item.Render(row)+st.Faint.Render(truncate(areas, room)))
		} else {
			lines = append(lines, st.Item.Render(truncate(row, w)))
		}
	}
	return lines
}
