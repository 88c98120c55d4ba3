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
	// Kit opens the "what do you have?" question.
	Kit    key.Binding
	Global *GlobalKeys
}

// KitKeys answer the "what do you have?" question.
type KitKeys struct {
	Up, Down, Toggle, Save, Skip key.Binding
	Global                       *GlobalKeys
}

// ShortHelp implements help.KeyMap.
func (k KitKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Skip, k.Toggle, k.Up, k.Down, k.Global.Help}
}

// FullHelp implements help.KeyMap.
func (k KitKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Toggle}, {k.Save, k.Skip, k.Global.Help, k.Global.Interrupt}}
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
	Kit     KitKeys
	Session SessionKeys
	Confirm ConfirmKeys
	Summary SummaryKeys
	Triage  TriageKeys
}

// bind is a binding for keys, shown in the help as "help desc".
func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// arrows are ↑/k and ↓/j, the moving keys every list and scrolled card
// shares; only their help differs.
func arrows(upHelp, upDesc, downHelp, downDesc string) (up, down key.Binding) {
	return bind(upHelp, upDesc, "up", "k"), bind(downHelp, downDesc, "down", "j")
}

// DefaultKeyMap is cooldown's key map.
func DefaultKeyMap() *KeyMap {
	k := &KeyMap{}
	k.Global = GlobalKeys{
		Help:      bind("?", "help", "?"),
		Interrupt: bind("ctrl+c", "quit now", "ctrl+c"),
		Suspend:   bind("ctrl+z", "suspend", "ctrl+z"),
	}
	k.Picker = PickerKeys{
		// Only enter starts a routine: a letter typed by mistake (or meant
		// for a filter) must never start a session.
		Choose: bind("enter", "choose", "enter"),
		Back:   bind("esc", "back", "esc", "backspace", "left", "h"),
		Safety: bind("i", "safety", "i"),
		Quit:   bind("q", "quit", "q"),
		Filter: bind("/", "filter", "/"),
		Resume: bind("r", "resume", "r"),
		Kit:    bind("g", "kit", "g"),
		Global: &k.Global,
	}
	k.Picker.Up, k.Picker.Down = arrows("↑/k", "up", "↓/j", "down")
	k.Kit = KitKeys{
		Toggle: bind("space", "tick", "space", "x"),
		Save:   bind("enter", "save", "enter"),
		Skip:   bind("esc/q", "not now", "esc", "q"),
		Global: &k.Global,
	}
	k.Kit.Up, k.Kit.Down = arrows("↑/k", "up", "↓/j", "down")
	k.Session = SessionKeys{
		Pause:    bind("space", "pause", "space"),
		Continue: bind("enter", "start next", "enter", "space"),
		Skip:     bind("→/n", "skip", "right", "n"),
		Prev:     bind("←/p", "back", "left", "p"),
		More:     bind("+", "5s more", "+", "="),
		Less:     bind("-", "5s less", "-", "_"),
		Quit:     bind("q", "quit", "q", "esc"),
		Adjust:   bind("+/-", "±5s", "+", "-"),
		Figure:   bind("f", "figure/map/none", "f"),
		Global:   &k.Global,
	}
	k.Confirm = ConfirmKeys{
		Yes: bind("y", "yes, quit", "y", "Y", "enter"),
		No:  bind("n", "no, carry on", "n", "N", "esc", "q"),
	}
	k.Summary = SummaryKeys{
		Rate:   bind("1-5", "rate", "1", "2", "3", "4", "5"),
		Done:   bind("enter/q", "done", "enter", "q", "esc"),
		Global: &k.Global,
	}
	k.Summary.Up, k.Summary.Down = arrows("↑", "more advice", "↓", "more advice")
	k.Triage = TriageKeys{
		Confirm: bind("enter", "go on gently", "enter"),
		Back:    bind("esc", "back", "esc", "backspace"),
		Quit:    bind("q", "quit", "q"),
		Global:  &k.Global,
	}
	k.Triage.Up, k.Triage.Down = arrows("↑/k", "scroll", "↓/j", "scroll")
	return k
}

// ShortHelp implements help.KeyMap.
func (k PickerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Resume, k.Choose, k.Back, k.Filter, k.Global.Help, k.Quit, k.Up, k.Down, k.Safety, k.Kit}
}

// FullHelp implements help.KeyMap.
func (k PickerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Choose, k.Back, k.Filter}, {k.Resume, k.Kit, k.Safety, k.Global.Help, k.Quit, k.Global.Interrupt}}
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
