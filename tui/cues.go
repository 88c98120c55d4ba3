package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines/session"
)

// Bells is how many terminal bells each cue rings: the bell works over SSH
// and in tmux, and a count is the one thing every terminal can vary.
func Bells(k session.CueKind) int {
	switch k {
	case session.CueGo:
		return 1
	case session.CueSwitch:
		return 2
	case session.CueStepDone:
		return 3
	case session.CueFinished:
		return 4
	case session.CueBreath:
		return 1 // only when breathing bells are chosen: see Player
	}
	return 0
}

// bellGap spaces the bells of one cue so they are heard apart.
const bellGap = 250 * time.Millisecond

// bellMsg rings one bell.
type bellMsg struct{}

// Player plays cues in the terminal program: bells through the renderer,
// speech through Voice.
type Player struct {
	Sound bool
	// BreathBell rings a bell at each change of the breathing pacer (with
	// Sound on); without it the pacer is silent but for the voice.
	BreathBell bool
	Voice      *Voice // nil: no speech
	after      func(d time.Duration, msg tea.Msg) tea.Cmd
}

// NewPlayer builds a cue player.
func NewPlayer(sound bool, voice *Voice) *Player {
	return &Player{Sound: sound, Voice: voice, after: afterTimer}
}

// Play implements CuePlayer.
func (p *Player) Play(c session.Cue) tea.Cmd {
	var cmds []tea.Cmd
	bells := Bells(c.Kind)
	if c.Kind == session.CueBreath && !p.BreathBell {
		bells = 0
	}
	if p.Sound {
		for i := range bells {
			if i == 0 {
				cmds = append(cmds, tea.Raw("\a"))
				continue
			}
			cmds = append(cmds, p.after(time.Duration(i)*bellGap, bellMsg{}))
		}
	}
	if p.Voice != nil && c.Say != "" {
		// Said here, not in a command: commands run concurrently, and the
		// phrases must queue in the order the cues came. SayBy only queues.
		if err := p.Voice.SayBy(c.Say, c.Until); err != nil {
			msg := noticeMsg{text: err.Error()}
			cmds = append(cmds, func() tea.Msg { return msg })
		}
	}
	return tea.Batch(cmds...)
}

// Hush silences the voice: the person paused, skipped or quit, and what
// was queued belongs to a moment they have left.
func (p *Player) Hush() {
	if p.Voice != nil {
		p.Voice.Hush()
	}
}

// noticeMsg is a one-line warning shown on the session screen (a voice
// command that failed, say); the session goes on.
type noticeMsg struct{ text string }
