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
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// PlanKeys drive the "build one for today" form.
type PlanKeys struct {
	Up, Down, Left, Right, Toggle, Build, Start, Save, Back key.Binding
	Global                                                  *GlobalKeys
}

// ShortHelp implements help.KeyMap.
func (k PlanKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Build, k.Start, k.Save, k.Toggle, k.Left, k.Back, k.Global.Help}
}

// FullHelp implements help.KeyMap.
func (k PlanKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Toggle, k.Build, k.Start, k.Save, k.Back}, {k.Global.Help, k.Global.Interrupt}}
}

func defaultPlanKeys(g *GlobalKeys) PlanKeys {
	return PlanKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j", "tab"), key.WithHelp("↓/j", "down")),
		Left:   key.NewBinding(key.WithKeys("left", "h", "-"), key.WithHelp("←/→", "change")),
		Right:  key.NewBinding(key.WithKeys("right", "l", "+", "="), key.WithHelp("→", "more")),
		Toggle: key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "tick")),
		Build:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "build plan")),
		Start:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Save:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		Back:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Global: g,
	}
}

// planner asks for the minutes available and the sore areas, shows the
// plan the builder makes, and starts it.
type planner struct {
	c       *common
	level   routines.Level
	keys    PlanKeys
	minutes int
	row     int // 0: minutes; 1..: area rows
	col     int // area column
	sore    map[string]bool
	plan    *routines.Routine
	req     routines.PlanRequest
	notes   []string
	saved   string // where the plan shown was saved, once it is
	err     error
	sport   *routines.Sport // what was trained, if the picker was told
}

const planColumns = 2

func newPlanner(c *common, level routines.Level) *planner {
	return &planner{c: c, level: level, keys: defaultPlanKeys(&c.keys.Global), minutes: 12, sore: map[string]bool{}}
}

// after ticks the areas of the sport trained, and plans with its drill.
func (p *planner) after(sp *routines.Sport) *planner {
	p.sport = sp
	if sp != nil {
		for _, a := range sp.Areas {
			p.sore[a] = true
		}
	}
	return p
}

// backToPickerMsg returns from the planner to the routine list.
type backToPickerMsg struct{}

func (p *planner) areaAt(row, col int) (string, bool) {
	i := (row-1)*planColumns + col
	areas := routines.Areas()
	if row < 1 || i < 0 || i >= len(areas) {
		return "", false
	}
	return areas[i], true
}

func (p *planner) rows() int { return 1 + (len(routines.Areas())+planColumns-1)/planColumns }

func (p *planner) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if p.plan != nil {
		// Showing the plan: start it or go back to change it.
		switch {
		case key.Matches(k, p.keys.Start):
			r, l := p.plan, p.level
			return p, func() tea.Msg { return chooseMsg{routine: r, level: l} }
		case key.Matches(k, p.keys.Save) && p.c.opts.SavePlan != nil && p.saved == "":
			p.saved, p.err = p.c.opts.SavePlan(p.plan, p.req, p.notes)
		case key.Matches(k, p.keys.Back):
			p.plan, p.notes, p.saved, p.err = nil, nil, "", nil
		}
		return p, nil
	}
	switch {
	case key.Matches(k, p.keys.Back):
		return p, func() tea.Msg { return backToPickerMsg{} }
	case key.Matches(k, p.keys.Build):
		var areas []string
		for _, a := range routines.Areas() {
			if p.sore[a] {
				areas = append(areas, a)
			}
		}
		p.req = routines.PlanRequest{Minutes: p.minutes, Level: p.level, Areas: areas, Timing: new(p.c.opts.Session.Timing), Kit: p.c.opts.Kit}
		if p.sport != nil {
			p.req.Sport = p.sport.ID
			if slices.Equal(areas, p.sport.Areas) {
				p.req.Areas = nil // the sport's own: the plan is named after it
			}
		}
		p.plan, p.notes, p.err = p.c.opts.Library.Plan(p.req)
	case key.Matches(k, p.keys.Up):
		p.row = (p.row - 1 + p.rows()) % p.rows()
	case key.Matches(k, p.keys.Down):
		p.row = (p.row + 1) % p.rows()
	case key.Matches(k, p.keys.Left):
		if p.row == 0 {
			p.minutes = max(p.minutes-1, routines.PlanMinMinutes)
		} else {
			p.col = (p.col - 1 + planColumns) % planColumns
		}
	case key.Matches(k, p.keys.Right):
		if p.row == 0 {
			p.minutes = min(p.minutes+1, routines.PlanMaxMinutes)
		} else {
			p.col = (p.col + 1) % planColumns
		}
	case key.Matches(k, p.keys.Toggle):
		if a, ok := p.areaAt(p.row, p.col); ok {
			p.sore[a] = !p.sore[a]
		}
	}
	if _, ok := p.areaAt(p.row, p.col); p.row > 0 && !ok {
		p.col = 0
	}
	return p, nil
}

func (p *planner) helpKeys() help.KeyMap {
	k := p.keys
	showing := p.plan != nil
	k.Start.SetEnabled(showing)
	k.Save.SetEnabled(showing && p.c.opts.SavePlan != nil && p.saved == "")
	k.Build.SetEnabled(!showing)
	k.Toggle.SetEnabled(!showing && p.row > 0)
	k.Left.SetEnabled(!showing)
	k.Right.SetEnabled(false) // shown together with Left
	if showing {
		k.Back.SetHelp("esc", "change")
	}
	return k
}

func (p *planner) view(w, h int) string {
	st := p.c.styles
	lines := []string{spread(st.Title.Render("cooldown"), st.Subtle.Render("post-workout cool-down"), w), ""}
	if p.plan != nil {
		return fit(append(lines, p.planView(w)...), w, h)
	}
	lines = append(lines, spread(st.Exercise.Render("Build one for today"), st.Subtle.Render(p.level.Title()), w), "")
	mins := fmt.Sprintf("◀ %d min ▶", p.minutes)
	if p.row == 0 {
		lines = append(lines, st.Cursor.Render("> ")+st.Item.Render("Time you have  ")+st.Selected.Render(mins))
	} else {
		lines = append(lines, "  "+st.Item.Render("Time you have  ")+st.Subtle.Render(mins))
	}
	ask := "Where are you sore? None ticked: the whole body."
	if p.sport != nil {
		ask = "Where are you sore? Ticked: " + p.sport.After + "."
	}
	lines = append(lines, "", st.Item.Render(truncate(ask, w)))
	colW := max((w-2)/planColumns, 14)
	// Scroll the area rows so the cursor stays in view on small windows.
	room := max(h-len(lines), 1)
	first := 1
	if p.row > room {
		first = p.row - room + 1
	}
	for row := first; row < p.rows() && row < first+room; row++ {
		var b strings.Builder
		for col := range planColumns {
			a, ok := p.areaAt(row, col)
			if !ok {
				continue
			}
			box := "[ ] "
			if p.sore[a] {
				box = "[x] "
			}
			cell := box + a
			if row == p.row && col == p.col {
				cell = st.Cursor.Render("> ") + st.Selected.Render(cell)
			} else {
				cell = "  " + st.Item.Render(cell)
			}
			b.WriteString(cell + strings.Repeat(" ", max(colW-lipgloss.Width(cell), 1)))
		}
		lines = append(lines, b.String())
	}
	if p.err != nil {
		lines = append(lines, "", st.Warn.Render(truncate(strictyaml.Clean(p.err.Error()), w)))
	}
	return fit(lines, w, h)
}

func (p *planner) planView(w int) []string {
	st := p.c.styles
	r := p.plan
	t := p.c.opts.Session.Timing
	lines := []string{spread(st.Exercise.Render(truncate(r.Name, w-12)), st.Subtle.Render(minSec(r.Total(t))), w), ""}
	for i, s := range r.Steps {
		lines = append(lines, st.Item.Render(truncate(fmt.Sprintf("%2d. %-28s %s", i+1, s.Name(), s.Length()), w)))
	}
	lines = append(lines, bullets(p.notes, w, "• ", st.Note)...)
	// Saving is what makes the plan last: say so first, where it is seen.
	var said []string
	switch {
	case p.err != nil:
		for _, l := range wrap(strictyaml.Clean(p.err.Error()), w) {
			said = append(said, st.Warn.Render(l))
		}
	case p.saved != "":
		for _, l := range wrap("Saved in "+p.saved+": `cooldown start "+r.ID+"` runs it again.", w) {
			said = append(said, st.Good.Render(l))
		}
	}
	if len(said) > 0 {
		lines = append(lines[:2], append(append(said, ""), lines[2:]...)...)
	}
	return lines
}
