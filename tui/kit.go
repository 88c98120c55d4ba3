package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines"
)

// kitForm asks what the person has to hand: one line per tool, ticked or
// not. The room (floor, wall) starts ticked, the equipment unticked: the
// hotel-room floor after a run.
type kitForm struct {
	kit    routines.Kit
	cursor int
	first  bool // asked because no kit was ever given: esc means "not now"
}

func newKitForm(current *routines.Kit) *kitForm {
	f := &kitForm{kit: routines.KitRoom, first: current == nil}
	if current != nil {
		f.kit = *current
	}
	return f
}

// kitChosenMsg is the answer; saved false when it was only skipped.
type kitChosenMsg struct {
	kit   routines.Kit
	saved bool
}

// kitSavedMsg reports how keeping the answer went.
type kitSavedMsg struct{ err error }

func (f *kitForm) update(k tea.KeyPressMsg, keys KitKeys) tea.Cmd {
	tools := routines.Tools()
	switch {
	case key.Matches(k, keys.Up):
		f.cursor = (f.cursor - 1 + len(tools)) % len(tools)
	case key.Matches(k, keys.Down):
		f.cursor = (f.cursor + 1) % len(tools)
	case key.Matches(k, keys.Toggle):
		t := tools[f.cursor]
		if f.kit.Has(t) {
			f.kit = f.kit.Without(t)
		} else {
			f.kit = f.kit.With(t)
		}
	case key.Matches(k, keys.Save):
		kit := f.kit
		return func() tea.Msg { return kitChosenMsg{kit: kit, saved: true} }
	case key.Matches(k, keys.Skip):
		return func() tea.Msg { return kitChosenMsg{saved: false} }
	}
	return nil
}

// view is the question in h rows: on a small screen the explanation goes
// first, then the list scrolls around the cursor.
func (f *kitForm) view(c *common, w, h int) []string {
	st := c.styles
	var rows []string
	for i, t := range routines.Tools() {
		box := "[ ]"
		if f.kit.Has(t) {
			box = "[x]"
		}
		row := truncate(box+" "+t.Label(), w-2)
		if i == f.cursor {
			rows = append(rows, st.Cursor.Render("> ")+st.Selected.Render(row))
		} else {
			rows = append(rows, "  "+st.Item.Render(row))
		}
	}
	var about []string
	for _, l := range wrap("Routines adapt to it: no roller, and rolling becomes a massage gun, a ball or a stretch; no floor, and floor stretches become chair ones.", w) {
		about = append(about, st.Faint.Render(l))
	}
	hint := "space ticks · enter saves · esc or q: not now (routines as written)"
	if !f.first {
		hint = "space ticks · enter saves · esc or q keeps " + c.kitText()
	}
	var foot []string
	for _, l := range wrap(hint, w) {
		foot = append(foot, st.Subtle.Render(l))
	}
	var ask []string
	if f.kit.Has(routines.ToolRoller) || f.kit.Has(routines.ToolGun) || f.kit.Has(routines.ToolBall) {
		for _, l := range wrap(askFirst, w) {
			ask = append(ask, st.Caution.Render(l))
		}
		ask = append(ask, "")
	}
	title := []string{st.Exercise.Render("What do you have here?"), ""}
	if len(title)+len(about)+1+len(rows)+1+len(ask)+len(foot) <= h {
		lines := append(append(title, about...), "")
		lines = append(append(lines, rows...), "")
		return append(append(lines, ask...), foot...)
	}
	if len(title)+len(rows)+1+len(ask)+len(foot) <= h {
		lines := append(append(title, rows...), "")
		return append(append(lines, ask...), foot...)
	}
	if len(title)+len(rows)+1+len(foot) <= h {
		lines := append(append(title, rows...), "")
		return append(lines, foot...)
	}
	// Small: the title, the list around the cursor, one line of hint.
	room := max(h-len(title)-1, 1)
	top := max(0, min(f.cursor-room/2, len(rows)-room))
	lines := append(title, rows[top:min(len(rows), top+room)]...)
	return append(lines, st.Subtle.Render(truncate(fmt.Sprintf("%d of %d · space ticks · enter saves", f.cursor+1, len(rows)), w)))
}

// askFirst is the soft-tissue tools' caution: who should ask a doctor or
// physio before rolling or using a gun.
const askFirst = "Before rolling or a massage gun, check with your doctor or physio if you have had a clot (DVT) or have a swollen, hot calf; take blood thinners; have osteoporosis, varicose veins, diabetes or numb skin, an implant or cancer; or are pregnant."

// kitText is the kit in effect, for people.
func (c *common) kitText() string {
	if c.opts.Kit == nil {
		return "everything (not asked yet)"
	}
	return c.opts.Kit.Describe()
}

// kitLine is the one-line reminder of the kit above the routine list.
func (c *common) kitLine() string {
	return fmt.Sprintf("Kit: %s · g changes", strings.TrimSuffix(c.kitText(), "."))
}
