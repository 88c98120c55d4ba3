package tui

import "charm.land/bubbles/v2/key"

// GlobalKeys work on every screen.
type GlobalKeys struct {
	Help      key.Binding
	Interrupt key.Binding
	Suspend   key.Binding
}

// PickerKeys drive the soreness and routine menus.
type PickerKeys struct {
	Up, Down, Choose, Back, Safety, Quit, Filter key.Binding
	// Resume goes on with an interrupted session; enabled only while one
	// is offered.
	Resume key.Binding
	Global *GlobalKeys
}

// SessionKeys drive a running session.
type SessionKeys struct {
	Pause, Continue, Skip, Prev, More, Less, Quit, Figure key.Binding
	// Adjust stands for More and Less together in the short help.
	Adjust key.Binding
	Global *GlobalKeys
}

// ConfirmKeys answer the quit question.
type ConfirmKeys struct {
	Yes, No key.Binding
}

// SummaryKeys close the summary; Up and Down scroll its advice.
type SummaryKeys struct {
	Rate, Done, Up, Down key.Binding
	Global               *GlobalKeys
}

// TriageKeys answer the very-sore check card.
type TriageKeys struct {
	Confirm, Back, Up, Down, Quit key.Binding
	Global                        *GlobalKeys
}

// KeyMap holds every screen's bindings. Build it with DefaultKeyMap and
// pass it down; it is never changed globally.
type KeyMap struct {
	Global  GlobalKeys
	Picker  PickerKeys
	Session SessionKeys
	Confirm ConfirmKeys
	Summary SummaryKeys
	Triage  TriageKeys
}

// DefaultKeyMap is cooldown's key map.
func DefaultKeyMap() *KeyMap {
	k := &KeyMap{}
	k.Global = GlobalKeys{
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Suspend:   key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend")),
	}
	k.Picker = PickerKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		// Only enter starts a routine: a letter typed by mistake (or meant
		// for a filter) must never start a session.
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:   key.NewBinding(key.WithKeys("esc", "backspace", "left", "h"), key.WithHelp("esc", "back")),
		Safety: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "safety")),
		Quit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Resume: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "resume")),
		Global: &k.Global,
	}
	k.Session = SessionKeys{
		Pause:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause")),
		Continue: key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "start next")),
		Skip:     key.NewBinding(key.WithKeys("right", "n"), key.WithHelp("→/n", "skip")),
		Prev:     key.NewBinding(key.WithKeys("left", "p"), key.WithHelp("←/p", "back")),
		More:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "5s more")),
		Less:     key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "5s less")),
		Quit:     key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "quit")),
		Adjust:   key.NewBinding(key.WithKeys("+", "-"), key.WithHelp("+/-", "±5s")),
		Figure:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "figure/map/none")),
		Global:   &k.Global,
	}
	k.Confirm = ConfirmKeys{
		Yes: key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y", "yes, quit")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc", "q"), key.WithHelp("n", "no, carry on")),
	}
	k.Summary = SummaryKeys{
		Rate:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "rate")),
		Done:   key.NewBinding(key.WithKeys("enter", "q", "esc"), key.WithHelp("enter/q", "done")),
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "more advice")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "more advice")),
		Global: &k.Global,
	}
	k.Triage = TriageKeys{
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go on gently")),
		Back:    key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll")),
		Quit:    key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Global:  &k.Global,
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (k PickerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Resume, k.Choose, k.Back, k.Filter, k.Global.Help, k.Quit, k.Up, k.Down, k.Safety}
}

// FullHelp implements help.KeyMap.
func (k PickerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Choose, k.Back, k.Filter}, {k.Resume, k.Safety, k.Global.Help, k.Quit, k.Global.Interrupt}}
}

// ShortHelp implements help.KeyMap.
func (k SessionKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Pause, k.Continue, k.Skip, k.Prev, k.Global.Help, k.Quit, k.Adjust}
}

// FullHelp implements help.KeyMap.
func (k SessionKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Pause, k.Continue, k.Skip, k.Prev},
		{k.More, k.Less, k.Figure},
		{k.Global.Help, k.Quit, k.Global.Interrupt, k.Global.Suspend},
	}
}

// ShortHelp implements help.KeyMap.
func (k ConfirmKeys) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp implements help.KeyMap.
func (k ConfirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp implements help.KeyMap.
func (k SummaryKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Rate, k.Done, k.Down, k.Global.Help}
}

// FullHelp implements help.KeyMap.
func (k SummaryKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Rate, k.Done}, {k.Up, k.Down}, {k.Global.Help, k.Global.Interrupt}}
}

// ShortHelp implements help.KeyMap.
func (k TriageKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Confirm, k.Back, k.Down, k.Global.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k TriageKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Confirm, k.Back}, {k.Up, k.Down}, {k.Global.Help, k.Quit, k.Global.Interrupt}}
}
