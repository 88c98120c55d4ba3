package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines"
)

// triageScreen is the check card shown when someone says they are very
// sore: signs of an injury now, urgent signs, soreness that won't settle.
// enter goes on to a gentle routine; esc goes back to the soreness
// question. The session (or routine list) waits behind it as next.
type triageScreen struct {
	c      *common
	card   routines.Card
	keys   TriageKeys
	scroll int
	// room is the number of card lines a view shows and total the card's,
	// as settled for the window, so ↓ stops at the end of the card.
	room, total int
}

// Messages the triage card sends to the root.
type (
	triageConfirmedMsg struct{}
	triageBackMsg      struct{}
)

func newTriage(c *common) *triageScreen {
	return &triageScreen{c: c, card: routines.VerySoreCheck(), keys: c.keys.Triage}
}

func (t *triageScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return t, nil
	}
	switch {
	case key.Matches(k, t.keys.Confirm):
		return t, func() tea.Msg { return triageConfirmedMsg{} }
	case key.Matches(k, t.keys.Back):
		return t, func() tea.Msg { return triageBackMsg{} }
	case key.Matches(k, t.keys.Quit):
		return t, func() tea.Msg { return quitMsg{} }
	case key.Matches(k, t.keys.Down):
		t.scroll = min(t.scroll+1, max(t.total-t.room, 0))
	case key.Matches(k, t.keys.Up):
		t.scroll = max(t.scroll-1, 0)
	}
	return t, nil
}

func (t *triageScreen) helpKeys() help.KeyMap {
	k := t.keys
	more := t.total > t.room
	k.Up.SetEnabled(more)
	k.Down.SetEnabled(more)
	return k
}

// settle measures the card for a view of w×h (so ↓ stops at its end and
// the help knows whether it scrolls) and clamps the scroll to it.
func (t *triageScreen) settle(w, h int) {
	body, room := t.layout(w, h)
	t.total, t.room = len(body), room
	t.scroll = max(min(t.scroll, len(body)-room), 0)
}

// layout is the card's lines at width w and how many of them an h-row
// view shows.
func (t *triageScreen) layout(w, h int) (body []string, room int) {
	body = cardLines(t.c.styles, t.card, w, false)
	room = max(h-triageHead-2, 1) // the footer and the blank line above it
	if len(body) > room {
		room = max(room-1, 1) // keep a line to say there is more
	}
	return body, room
}

// triageHead is the card's title and the blank line under it.
const triageHead = 2

func (t *triageScreen) view(w, h int) string {
	st := t.c.styles
	body, room := t.layout(w, h)
	lines := []string{st.Title.Render(truncate(t.card.Title, w)), ""}
	footer := st.Exercise.Render(truncate("enter: a gentle routine · esc: back", w))
	top := max(min(t.scroll, len(body)-room), 0) // settled already; guards a view before any update
	lines = append(lines, body[top:min(len(body), top+room)]...)
	if len(body) > room {
		more := fmt.Sprintf("↓ more (%d of %d lines)", top+room, len(body))
		if top+room >= len(body) {
			more = "↑ back to the top"
		}
		lines = append(lines, st.Faint.Render(truncate(more, w)))
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	return fit(append(lines[:h-1], footer), w, h)
}

// cardLines lays out a card's sections (not its title) at width w: each
// heading, its bullets and its action, a blank line between sections, and
// the closing line. With compact, headings lose the blank line before them
// (the summary, where room is short).
func cardLines(st Styles, c routines.Card, w int, compact bool) []string {
	var out []string
	for i, s := range c.Sections {
		if i > 0 && !compact {
			out = append(out, "")
		}
		if s.Heading != "" {
			for _, l := range wrap(s.Heading, w) {
				out = append(out, st.Exercise.Render(l))
			}
		}
		for _, b := range s.Bullets {
			for j, l := range wrap(b, w-3) { // a cell spare: a line may end in a kept hyphen
				prefix := "• "
				if j > 0 {
					prefix = "  "
				}
				out = append(out, st.Item.Render(prefix+l))
			}
		}
		if s.Action != "" {
			for _, l := range wrap(s.Action, w) {
				out = append(out, st.Subtle.Render(l))
			}
		}
	}
	if c.Closing != "" {
		out = append(out, "")
		for _, l := range wrap(c.Closing, w) {
			out = append(out, st.Good.Render(l))
		}
	}
	return out
}
