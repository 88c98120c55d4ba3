package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/sys/unix"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
	"github.com/cooldown-app/cooldown/routines/settings"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/tui"
	"github.com/cooldown-app/cooldown/tui/pose"
)

// app holds what the commands share: the streams and the flags.
type app struct {
	io ioStreams
	// file is the settings file as read, once a run (fileSettings).
	file *fileSettings

	soreness  string
	plain     bool
	quiet     bool
	voice     bool
	noAuto    bool
	resume    bool // start --resume: go on with the interrupted session
	getReady  time.Duration
	breathing string
	kit       routines.Kit    // --kit, when given
	after     *routines.Sport // --after: what was trained
	// startFlags are the running command's flags: only the session flags
	// given there override the settings file.
	startFlags *pflag.FlagSet
	// planned is a routine built by `plan --start`, run instead of one
	// from the library.
	planned *routines.Routine
	// exit is an exit code to end with although the command returned no
	// error (see interrupted).
	exit int
}

// interrupted ends the command with exit code 130 once a signal has
// stopped the session (already recorded, the terminal restored). It is not
// returned as an error: fang's error path first asks the terminal for its
// background colour and waits up to two seconds for the answer, after
// cooldown has given the terminal back, and there is nothing to print.
func (a *app) interrupted() error {
	a.exit = exitInterrupted
	return nil
}

func newApp(io ioStreams) *app {
	// Tests change XDG_* with t.Setenv; xdg caches the environment.
	xdg.Reload()
	return &app{io: io.withDefaults()}
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "cooldown",
		Short: "A guided post-workout cool-down in your terminal",
		Long: "cooldown walks you through a cool-down after training: easy movement, timed stretches " +
			"(each side), foam rolling, slow breathing and a drink of water, picked by how sore you are.\n\n" +
			"Run it with no arguments to choose how sore you are, what you trained and a routine; " +
			"--after SPORT answers what you trained (" + routines.SportChoices() + "; team is hiit), " +
			"so that sport's routines come first.",
		Args:          unknownCommand,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.startFlags = cmd.Flags()
			return a.runTUI(nil)
		},
	}
	// The picker takes the session flags too: `cooldown --quiet`.
	a.addSessionFlags(root)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: friendlyFlagError(cmd, err)}
	})
	root.AddCommand(a.startCmd(), a.listCmd(), a.exercisesCmd(), a.showCmd(), a.validateCmd(), a.planCmd(), a.historyCmd(),
		a.configCmd(), a.manCmd())
	a.registerCompletions(root)
	return root
}

// numberFlagError is pflag's message for a number flag given something
// else: `invalid argument "abc" for "--weeks" flag: strconv.ParseInt: ...`.
var numberFlagError = regexp.MustCompile(`^invalid argument "(.*)" for "(-[^"]*)" flag: strconv\.Parse\w+: .*$`)

// friendlyFlagError says in words what a number flag wants, instead of
// the Go parser's error.
func friendlyFlagError(cmd *cobra.Command, err error) error {
	if m := numberFlagError.FindStringSubmatch(err.Error()); m != nil {
		name := m[2]
		if i := strings.LastIndex(name, "--"); i >= 0 {
			name = name[i:]
		}
		what := ""
		if f := cmd.Flags().Lookup(strings.TrimPrefix(name, "--")); f != nil {
			what = " (" + f.Usage + ")"
		}
		return fmt.Errorf("%s: want a whole number, got %q%s", name, strictyaml.Clean(m[1]), what)
	}
	return err
}

// unknownCommand refuses words after `cooldown` that name no command,
// with the nearest commands: `cooldown strat` suggests start.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	hint := strictyaml.Suggest(args[0], names)
	if s := cmd.SuggestionsFor(args[0]); hint == "" && len(s) > 0 {
		hint = fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return usageErr("unknown command %q%s; `cooldown --help` lists the commands", strictyaml.Clean(args[0]), hint)
}

func (a *app) startCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "start [ROUTINE]",
		Short: "Start a routine (or pick one)",
		Long: "Start a routine by id, skipping the picker. Without an id, the picker opens " +
			"(at the given --soreness, if any).\n\n" +
			"--after SPORT (what you trained: " + routines.SportChoices() + ") without an id starts that " +
			"sport's first routine for the --soreness given; with an id, the routine named runs.\n\n" +
			"--resume goes on with the last session if it was interrupted (a signal, a closed terminal, " +
			"a crash) in the last 3 hours, from the step it reached; the history keeps it as one session.",
		Example: "  cooldown start quick-10-lower\n  cooldown start --soreness very-sore\n  cooldown start --after swim\n  cooldown start --resume",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a.startFlags = cmd.Flags()
			if a.resume && len(args) > 0 {
				return usageErr("--resume goes on with the interrupted session: name no routine")
			}
			if a.resume && a.after != nil {
				return usageErr("--resume goes on with the interrupted session: leave out --after")
			}
			if a.after != nil && len(args) == 0 {
				// The sport's first routine for the level: no picker.
				id, err := a.sportRoutine()
				if err != nil {
					return err
				}
				args = []string{id}
			}
			return a.runTUI(args)
		},
	}
	a.addSessionFlags(cmd)
	cmd.Flags().BoolVar(&a.resume, "resume", false, "go on with the session interrupted in the last 3 hours, from the step it reached")
	return cmd
}

// addSessionFlags gives cmd the flags that shape a session. Each overrides
// the settings file only when given.
func (a *app) addSessionFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&a.soreness, "soreness", "", "how sore you are: "+routines.LevelChoices())
	f.BoolVar(&a.plain, "plain", false, "print one line per event instead of drawing a screen (automatic when output is not a terminal)")
	f.BoolVar(&a.quiet, "quiet", false, "no sound cues (settings: sound: false)")
	f.BoolVar(&a.voice, "voice", false, "speak each step and side (settings: voice: true)")
	f.BoolVar(&a.noAuto, "no-auto", false, "wait for a key between steps (settings: auto_advance: false)")
	a.getReady = settings.Defaults().GetReady
	f.Var(gapFlag{&a.getReady, settings.MaxGetReady}, "get-ready", "countdown before each step, 0–60 s, e.g. 3s or 3 (settings: get_ready)")
	a.breathing = settings.Defaults().Breathing
	f.Var(breathingFlag{&a.breathing}, "breathing", "breathing pattern: "+strings.Join(routines.BreathPatternIDs(), ", ")+" (settings: breathing)")
	a.addKitFlag(cmd)
	a.addAfterFlag(cmd)
}

// fileSettings is the settings file as read, and the warning for the
// picker when it had problems.
type fileSettings struct {
	s        settings.Settings
	warnings []string
}

// loadSettings is the settings in effect: the settings file with the
// flags given applied. The file is read once a run, however many totals,
// units and kits a command asks for, so a broken one is reported once; it
// is then ignored: a typo must never stand between a person and their
// cool-down.
func (a *app) loadSettings() (settings.Settings, []string) {
	if a.file == nil {
		path := settingsPath()
		s, err := settings.Load(path)
		a.file = &fileSettings{s: s}
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				diag(a.io.err, "%s", line)
			}
			a.file.warnings = []string{"settings file has problems and was ignored; see " + path}
		}
	}
	s := a.file.s
	if f := a.startFlags; f != nil {
		if f.Changed("quiet") {
			s.Sound = !a.quiet
		}
		if f.Changed("voice") {
			s.Voice = a.voice
		}
		if f.Changed("no-auto") {
			s.AutoAdvance = !a.noAuto
		}
		if f.Changed("get-ready") {
			s.GetReady = a.getReady
		}
		if f.Changed("breathing") {
			s.Breathing = a.breathing
		}
		s.Kit = a.kitOf(s)
	}
	return s, slices.Clone(a.file.warnings)
}

// timing is the person's get-ready and switch gaps (settings file, then
// the flags given): every total shown is Routine.Total with it, so show,
// list, plan, validate, the picker and the summary agree with the session.
func (a *app) timing() routines.Timing {
	s, _ := a.loadSettings()
	return s.Timing()
}

// units is the drink units of the settings (ml when the file is broken).
func (a *app) units() routines.Units {
	s, _ := a.loadSettings()
	return routines.Units(s.Units)
}

// voice finds the speech command when voice cues are on; a missing one is
// reported and the session goes on silently.
func (a *app) voiceFor(s settings.Settings) (*tui.Voice, string) {
	if !s.Voice {
		return nil, ""
	}
	argv, err := s.VoiceArgs(exec.LookPath)
	if err != nil {
		return nil, err.Error()
	}
	return tui.NewVoice(argv), ""
}

// player plays the session's cues as the settings say.
func (a *app) player(s settings.Settings, voice *tui.Voice) *tui.Player {
	p := tui.NewPlayer(s.Sound, voice)
	p.BreathBell = s.BreathBell
	return p
}

// paths of cooldown's files under the XDG folders.
func routinesDir() string { return filepath.Join(configHome(), "cooldown", "routines") }

// loadLibrary loads built-in and user routines; problems with user files
// are printed on stderr and returned as short warnings for the picker.
func (a *app) loadLibrary() (*routines.Library, []string, error) {
	return a.loadLibraryFor("")
}

// loadLibraryFor is loadLibrary for running routine id only (all if id is
// ""): it parses just the YAML that needs, which is what start-up waits for.
func (a *app) loadLibraryFor(id string) (*routines.Library, []string, error) {
	var lib *routines.Library
	var problems routines.Problems
	var err error
	if id != "" {
		lib, problems, err = routines.LoadFor(routinesDir(), id)
	} else {
		lib, problems, err = routines.Load(routinesDir())
	}
	if err != nil {
		return nil, nil, fmt.Errorf("built-in routine data is broken (this is a bug): %w", err)
	}
	var warnings []string
	var files []string
	for _, p := range problems {
		diag(a.io.err, "%s", p.Error())
		if name := strictyaml.Clean(filepath.Base(p.File)); !slices.Contains(files, name) {
			files = append(files, name)
		}
	}
	if len(files) > 0 {
		warnings = append(warnings, skippedWarning(files))
	}
	return lib, warnings, nil
}

// skippedWarning names the user files that were skipped for their
// problems and the command that lists them.
func skippedWarning(files []string) string {
	noun := "file"
	if len(files) > 1 {
		noun = "files"
	}
	shown := files
	if len(shown) > 3 {
		shown = append(slices.Clone(files[:3]), fmt.Sprintf("%d more", len(files)-3))
	}
	return fmt.Sprintf("Skipped %d routine %s with problems (%s); `cooldown validate` shows them.",
		len(files), noun, joinAnd(shown))
}

// joinAnd lists words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// launch is what runTUI settles before anything touches the terminal.
type launch struct {
	level    routines.Level
	set      settings.Settings
	lib      *routines.Library
	routine  *routines.Routine
	offer    *resumable
	warnings []string
	plain    bool
}

func (a *app) runTUI(args []string) error {
	collectAt(os.Getenv, startGCPercent) // before the data is parsed: its peak is the session's
	l, err := a.prepareLaunch(args)
	if err != nil {
		return err
	}
	rec := newRecorder()
	if l.offer != nil {
		rec.offer = l.offer
	}
	voice, voiceErr := a.voiceFor(l.set)
	if voiceErr != "" {
		diag(a.io.err, "%s", voiceErr)
		l.warnings = append(l.warnings, voiceErr)
	}
	sessOpts := session.Options{Timing: l.set.Timing(), AutoAdvance: l.set.AutoAdvance, Breathing: l.set.Breathing}
	if l.plain {
		return a.runPlain(l.routine, l.level, sessOpts, l.set, voice, rec, l.offer.tui())
	}
	return a.runOnScreen(tui.New(a.tuiOptions(l, sessOpts, voice, rec)), rec)
}

// prepareLaunch reads the flags, settings and library and decides which
// routine runs, returning every usage error before the history is touched.
func (a *app) prepareLaunch(args []string) (*launch, error) {
	l := &launch{}
	if a.soreness != "" {
		lv, err := routines.ParseLevel(a.soreness)
		if err != nil {
			return nil, &exitError{code: exitUsage, err: err}
		}
		l.level = lv
	}
	set, warnings := a.loadSettings()
	l.set = set
	only := "" // a routine named on the command line: load just what it needs
	if len(args) == 1 {
		only = args[0]
	}
	lib, libWarnings, err := a.loadLibraryFor(only)
	if err != nil {
		return nil, err
	}
	l.lib = lib
	l.warnings = append(warnings, libWarnings...)
	if len(args) == 1 {
		r, err := lib.Routine(args[0])
		if err != nil {
			return nil, &exitError{code: exitUsage, err: err}
		}
		if r, _, err = adapt(lib, r, set.Kit); err != nil {
			return nil, err
		}
		l.routine = r
	}
	if l.routine == nil {
		l.routine = a.planned
	}
	if a.resume {
		// The session to resume is in the log once earlier ones are recovered.
		l.warnings = append(l.warnings, a.recoverSessions(time.Now())...)
		if l.offer = a.resumable(lib, time.Now()); l.offer == nil {
			return nil, usageErr("--resume: no interrupted session of the last %d hours to go on with; `cooldown history` lists your sessions", int(resumeWithin.Hours()))
		}
		l.routine, l.level = l.offer.Routine, l.offer.Level
	}
	l.plain = a.plain || !isTTY(a.io.out)
	switch {
	case l.plain && l.routine == nil:
		return nil, &exitError{code: exitUsage, err: errors.New("plain mode needs a routine: `cooldown start ROUTINE --plain` (see `cooldown list`); the picker needs a terminal")}
	case !l.plain && !isTTY(a.io.in):
		return nil, &exitError{code: exitUsage, err: errors.New("cooldown needs a terminal for keys; run it in a terminal, or use `cooldown start ROUTINE --plain`")}
	}
	// Every usage error is behind us: only a session that will run touches
	// the history (recovering earlier sessions writes to it).
	if !a.resume {
		l.warnings = append(l.warnings, a.recoverSessions(time.Now())...)
		if l.routine == nil {
			l.offer = a.resumable(l.lib, time.Now()) // the picker offers it
		}
	}
	return l, nil
}

// tuiOptions turns a settled launch into the screen's options.
func (a *app) tuiOptions(l *launch, sessOpts session.Options, voice *tui.Voice, rec *recorder) tui.Options {
	lib := l.lib
	return tui.Options{
		Library:  lib,
		Level:    l.level,
		Routine:  l.routine,
		Session:  sessOpts,
		Now:      time.Now,
		Units:    l.set.Units,
		Warnings: l.warnings,
		Figure:   tui.Figure(l.set.Figure),
		Resume:   l.offer.tui(),
		// Braille needs a UTF-8 locale and a font that has it.
		FigureASCII: pose.ASCIIOnly(os.Getenv),
		Cues:        a.player(l.set, voice),
		Recorder:    rec,
		SavePlan: func(r *routines.Routine, req routines.PlanRequest, notes []string) (string, error) {
			return a.savePlanOnScreen(lib, r, req, notes)
		},
		Theme: l.set.Theme,
		Kit:   l.set.Kit,
		SaveKit: func(k routines.Kit) error {
			return settings.SaveKit(settingsPath(), k)
		},
		After: a.after,
		// Not a setting: the benchmark's compressed runs (tui/bench -long).
		Speed: benchSpeed(os.Getenv("COOLDOWN_BENCH_SPEED")),
	}
}

// benchSpeed reads the benchmark's clock speed-up; anything but a number
// above 1 is real time.
func benchSpeed(v string) float64 {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 1 || f > 1000 {
		return 0
	}
	return f
}

// runOnScreen runs the full-screen program with our own signal handling
// and records the session however it ends.
func (a *app) runOnScreen(model *tui.Model, rec *recorder) error {
	// cooldown draws the screen itself (tui.Terminal: a frame right after
	// each change, no idle wake-ups) and restores the terminal however the
	// program ends, panics included.
	out, _ := a.io.out.(*os.File) // a terminal: checked above
	screen := tui.NewTerminal(a.io.in, out, os.Environ())
	if err := screen.Take(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	defer screen.Release()
	// cooldown handles signals itself (forwardSignals), so an interrupted
	// session is recorded and the exit code says it was interrupted.
	p, stopResize := screen.NewProgram(model)
	settleForSession(os.Getenv) // the first frame is on screen
	stop := forwardSignals(p, screen)
	runErr := p.Run()
	stopResize()
	sig := stop()
	screen.Release()
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) && (sig != nil || errors.Is(runErr, syscall.EIO)) {
		// The terminal went away (a hangup can reach the input reader
		// before the signal reaches the model): end the session as
		// interrupted rather than as a failure.
		model.Abort()
		runErr = nil
	}
	var panicked *tui.PanicError
	if errors.As(runErr, &panicked) {
		model.Abort() // what was done is recorded, as interrupted
	}
	res := model.Result()
	a.finishRecord(rec, res)
	if panicked != nil {
		return panicked
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) {
		return fmt.Errorf("terminal: %w", runErr)
	}
	if res.Interrupted {
		return a.interrupted()
	}
	return nil
}

// runPlain runs the routine line by line until it ends or a signal
// arrives (exit 130, the session recorded as interrupted).
func (a *app) runPlain(r *routines.Routine, level routines.Level, so session.Options, set settings.Settings, voice *tui.Voice, rec *recorder, resume *tui.Resume) error {
	if level == "" && len(r.Soreness) > 0 {
		level = r.Soreness[0]
	}
	// SIGPIPE is caught too: output closed by its reader (`| head -2`)
	// ends the session as interrupted and recorded, where the default
	// action would kill the process and leave its checkpoint behind.
	ctx, stop := signal.NotifyContext(context.Background(), append(endSignals, syscall.SIGPIPE)...)
	defer stop()
	var bell io.Writer
	if set.Sound && isTTY(a.io.err) {
		bell = a.io.err
	}
	var in io.Reader
	restoreKeys := func() {}
	if a.io.in != nil {
		in = a.io.in
		if isTTY(a.io.in) {
			// Keys act at once and are not echoed into the lines.
			if restore, err := keysWithoutEcho(a.io.in); err == nil {
				restoreKeys = restore
			}
		}
	}
	defer func() { restoreKeys() }()
	stops, stopSelf, stopStops := catchStops()
	defer stopStops()
	// A stop gives the terminal back as it was (echo on, lines) for the
	// shell, and takes the key mode again once continued.
	pause := func() {
		restoreKeys()
		restoreKeys = func() {}
		stopSelf()
		if isTTY(a.io.in) {
			if restore, err := keysWithoutEcho(a.io.in); err == nil {
				restoreKeys = restore
			}
		}
	}
	settleForSession(os.Getenv)
	res, err := tui.RunPlain(ctx, tui.PlainOptions{
		Routine: r, Level: level, Session: so, Units: set.Units, Kit: set.Kit,
		Out: a.io.out, Err: a.io.err, Bell: bell, In: in, Voice: voice, Recorder: rec, BreathBell: set.BreathBell,
		Resume: resume,
		Stops:  stops, Stop: pause,
	})
	a.finishRecord(rec, res)
	if err != nil {
		return err
	}
	if res.Interrupted {
		return a.interrupted()
	}
	return nil
}

// endSignals end a session as interrupted, the terminal restored and the
// session recorded: SIGQUIT too, which would otherwise dump goroutines and
// leave the terminal in raw mode on the alternate screen.
//
// The others Go would end the process on (with a stack dump and the
// terminal left raw) are handled the same when sent from outside (kill
// -ABRT, kill -SEGV): SIGABRT, SIGILL, SIGTRAP, SIGSYS, SIGBUS, SIGFPE,
// SIGSEGV, and SIGSTKFLT where it exists. A crash of the program itself
// still panics (a synchronous SIGSEGV is never delivered to a channel),
// and the panic path restores the terminal. Every other signal Go catches
// and ignores.
var endSignals = append([]os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT,
	syscall.SIGABRT, syscall.SIGILL, syscall.SIGTRAP, syscall.SIGSYS, syscall.SIGBUS, syscall.SIGFPE, syscall.SIGSEGV}, extraEndSignals...)

// forwardSignals turns the end signals into a message, so the program
// records the session and restores the terminal before exiting; a SIGTSTP
// from outside into a suspend like ctrl+z, and a SIGCONT into a full
// redraw. stop returns the end signal that arrived, if any.
func forwardSignals(p *tui.Program, screen *tui.Terminal) (stop func() os.Signal) {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, append(endSignals, syscall.SIGTSTP, syscall.SIGCONT)...)
	// The program's suspend sends the process group a SIGTSTP and waits for
	// SIGCONT. The SIGTSTP arrives here, caught, so while suspending it is
	// turned into the real stop (or, where no stop can happen, into the
	// SIGCONT the suspend waits for: the app comes straight back).
	var suspending atomic.Bool
	screen.OnSuspend(func() { suspending.Store(true) }, func() { suspending.Store(false) })
	done := make(chan struct{})
	got := make(chan os.Signal, 1)
	go func() {
		for {
			select {
			case s := <-ch:
				switch s {
				case syscall.SIGTSTP:
					if suspending.Load() {
						if !stopProcess() {
							_ = syscall.Kill(os.Getpid(), syscall.SIGCONT)
						}
						continue
					}
					p.Send(tui.StopMsg{})
					continue
				case syscall.SIGCONT:
					p.Send(tui.ContinuedMsg{})
					continue
				}
				got <- s
				p.Send(tui.SignalMsg{Signal: s})
				return
			case <-done:
				return
			}
		}
	}()
	return func() os.Signal {
		signal.Stop(ch)
		screen.OnSuspend(nil, nil)
		close(done)
		select {
		case s := <-got:
			return s
		default:
		}
		for {
			select {
			case s := <-ch:
				if s != syscall.SIGTSTP && s != syscall.SIGCONT {
					return s
				}
			default:
				return nil
			}
		}
	}
}

// stopProcess stops the process as job control would, and reports whether
// it did. SIGTSTP cannot do it: once caught (signal.Notify), Go's handler
// stays installed and ignores it even after signal.Reset; SIGSTOP cannot be
// caught. A session leader is not stopped: its process group is orphaned,
// the kernel discards a stop from the keyboard for such a group, and
// nothing would ever continue it.
func stopProcess() bool {
	if sid, err := unix.Getsid(0); err == nil && sid == os.Getpid() {
		return false
	}
	return syscall.Kill(os.Getpid(), syscall.SIGSTOP) == nil
}

// catchStops turns SIGTSTP into a request on stops, so plain mode can
// pause the session before stopping; stopSelf then stops the process for
// real and returns once it is continued. done ends the catching.
func catchStops() (stops <-chan struct{}, stopSelf func(), done func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTSTP)
	out := make(chan struct{})
	quit := make(chan struct{})
	go func() {
		for {
			select {
			case <-sigs:
				select {
				case out <- struct{}{}:
				case <-quit:
					return
				}
			case <-quit:
				return
			}
		}
	}()
	stopSelf = func() {
		cont := make(chan os.Signal, 1)
		signal.Notify(cont, syscall.SIGCONT)
		defer signal.Stop(cont)
		if stopProcess() {
			<-cont
		}
	}
	return out, stopSelf, func() {
		signal.Stop(sigs)
		close(quit)
	}
}

func isTTY(v any) bool {
	f, ok := v.(*os.File)
	return ok && f != nil && term.IsTerminal(f.Fd())
}
