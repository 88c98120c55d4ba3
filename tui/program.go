package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// Program runs the app's Model on a Terminal: Bubble Tea's model, messages
// and commands, and Ultraviolet's key decoder, without Bubble Tea's own
// Program. The app draws the screen itself (Terminal), and tea.Program,
// even with its renderer off, keeps a frame ticker running whose floor is
// one tick a second: it woke the process a second time in every second of
// a hold, at a moment of its own. Here nothing runs between messages: a
// hold wakes the process once a second, for the session's tick.
//
// What it does with a message is what tea.Program does with the ones the
// app uses: the filter first, then quit, interrupt and suspend; a batch's
// commands run side by side and a sequence's one after another, each
// command in a goroutine of its own whose message comes back here; every
// other message goes to the model's Update, and the frame is drawn after it.
type Program struct {
	init   tea.Cmd               // run first
	update func(tea.Msg) tea.Cmd // the model's Update, and the frame drawn
	filter func(tea.Msg) tea.Msg // sees each message first; nil drops it
	term   string                // $TERM, for the key decoder
	in     io.Reader
	msgs   chan tea.Msg
	errs   chan error // the input reader's failure, or a panic's
	ctx    context.Context
	cancel context.CancelFunc

	reader   cancelReader  // reads the keys; nil while suspended
	readDone chan struct{} // closed when the reader's loop has ended
}

// cancelReader is the input reader Ultraviolet makes, whose blocked read
// can be cancelled (to suspend, and at the end).
type cancelReader interface {
	io.Reader
	Cancel() bool
	Close() error
}

// sequenceMsg is what sequence's command returns: commands to run one
// after another, each one's message delivered before the next one starts.
type sequenceMsg []tea.Cmd

// sequence is tea.Sequence for this Program (tea.Sequence's message is
// Bubble Tea's own, unexported, and only tea.Program can run it).
func sequence(cmds ...tea.Cmd) tea.Cmd {
	return func() tea.Msg { return sequenceMsg(cmds) }
}

// PanicError is what Run returns when the model or one of its commands
// panicked: the terminal has been given back and the session can still be
// recorded; the value and the stack say where.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error: %v\n\n%s", e.Value, e.Stack)
}

// newProgram makes a Program reading keys from in (a terminal, or
// anything with a descriptor to wait on).
func newProgram(in io.Reader, term string, init tea.Cmd, update func(tea.Msg) tea.Cmd, filter func(tea.Msg) tea.Msg) *Program {
	ctx, cancel := context.WithCancel(context.Background())
	return &Program{init: init, update: update, filter: filter, in: in, term: term,
		msgs: make(chan tea.Msg), errs: make(chan error, 1), ctx: ctx, cancel: cancel}
}

// Send delivers msg to the program: it waits until the program takes it,
// and does nothing once the program has ended.
func (p *Program) Send(msg tea.Msg) {
	select {
	case <-p.ctx.Done():
	case p.msgs <- msg:
	}
}

// Run reads keys and handles messages until the model quits (nil), is
// interrupted (tea.ErrInterrupted), the input fails (its error: an EIO
// when the terminal hangs up) or something panics (*PanicError).
func (p *Program) Run() (err error) {
	defer p.cancel()
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	if err := p.startInput(); err != nil {
		return err
	}
	defer p.stopInput() // what it takes at the end is dropped: nothing would handle it
	p.run(p.init)
	for {
		select {
		case err := <-p.errs:
			return err
		case msg := <-p.msgs:
			if msg = p.filter(translate(msg)); msg == nil {
				continue
			}
			switch msg := msg.(type) {
			case tea.QuitMsg:
				return nil
			case tea.InterruptMsg:
				return tea.ErrInterrupted
			case tea.SuspendMsg:
				if err := p.suspend(); err != nil {
					return err
				}
			case tea.BatchMsg, sequenceMsg:
				go p.deliver(msg)
				continue
			}
			p.run(p.update(msg))
		}
	}
}

// run runs cmd in a goroutine of its own and sends back what it returns.
func (p *Program) run(cmd tea.Cmd) {
	if cmd != nil {
		go p.exec(cmd)
	}
}

// exec runs cmd and delivers its message. A panic ends Run.
func (p *Program) exec(cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			select {
			case p.errs <- &PanicError{Value: r, Stack: debug.Stack()}:
			default:
			}
		}
	}()
	p.deliver(cmd())
}

// deliver sends msg to the loop, or runs what it holds: a batch's commands
// side by side, a sequence's in order, waiting for each.
func (p *Program) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		var wg sync.WaitGroup
		for _, c := range msg {
			if c != nil {
				wg.Go(func() { p.exec(c) })
			}
		}
		wg.Wait()
	case sequenceMsg:
		for _, c := range msg {
			if c != nil {
				p.exec(c)
			}
		}
	default:
		p.Send(msg)
	}
}

// translate turns the key decoder's events into Bubble Tea's messages
// (the same values under Bubble Tea's names); other events pass as they are.
func translate(msg tea.Msg) tea.Msg {
	switch e := msg.(type) {
	case uv.KeyPressEvent:
		return tea.KeyPressMsg(e)
	case uv.KeyReleaseEvent:
		return tea.KeyReleaseMsg(e)
	case uv.BackgroundColorEvent:
		return tea.BackgroundColorMsg(e)
	case uv.PasteEvent:
		return tea.PasteMsg(e)
	case uv.PasteStartEvent:
		return tea.PasteStartMsg(e)
	case uv.PasteEndEvent:
		return tea.PasteEndMsg(e)
	case uv.FocusEvent:
		return tea.FocusMsg(e)
	case uv.BlurEvent:
		return tea.BlurMsg(e)
	}
	return msg
}

// startInput starts reading keys from the terminal.
func (p *Program) startInput() error {
	cr, err := uv.NewCancelReader(p.in)
	if err != nil {
		return fmt.Errorf("cannot read the keyboard: %w", err)
	}
	done := make(chan struct{})
	p.reader, p.readDone = cr, done
	keys := uv.NewTerminalReader(cr, p.term)
	go func() {
		defer close(done)
		if err := keys.StreamEvents(p.ctx, p.msgs); err != nil {
			select {
			case p.errs <- err:
			default:
			}
		}
	}()
	return nil
}

// stopInput stops reading keys and waits for the reader to end. The reader
// may be waiting to hand over a key typed just then, so messages are taken
// meanwhile; they are returned, in order, for the caller to deliver later
// (a command's message is never lost across a suspend).
func (p *Program) stopInput() (taken []tea.Msg) {
	if p.reader == nil {
		return nil
	}
	p.reader.Cancel()
	for waiting := true; waiting; {
		select {
		case <-p.readDone:
			waiting = false
		case msg := <-p.msgs:
			taken = append(taken, msg)
		}
	}
	_ = p.reader.Close()
	p.reader = nil
	return taken
}

// suspend stops the process the way a shell's ctrl+z does: keys stop being
// read, the process group gets SIGTSTP, and when it is continued keys are
// read again and the model is told (tea.ResumeMsg). The filter has given
// the terminal back before this is called.
func (p *Program) suspend() error {
	taken := p.stopInput()
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	_ = syscall.Kill(0, syscall.SIGTSTP)
	<-cont
	signal.Stop(cont)
	if err := p.startInput(); err != nil {
		return err
	}
	go func() {
		p.Send(tea.ResumeMsg{})
		for _, msg := range taken {
			p.Send(msg)
		}
	}()
	return nil
}
