package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/cooldown-app/cooldown/tui"
)

// The user routine the benchmark runs: a long hold (where the idle cost is
// measured), a per-side stretch, a breathing step (where a key press
// pauses it) and a drink. With 3 s get-ready and switch gaps it lasts
// 3 min 5 s, long enough for any accumulated drift to show.
const (
	benchSettings = "get_ready: 3s\nswitch_gap: 3s\n"
	benchRoutine  = `routines:
  - id: bench
    name: Benchmark routine
    soreness: [sore]
    summary: Holds, a per-side stretch, breathing and a drink; about three minutes.
    steps:
      - do: behind-back-clasp
        for: 60s
      - do: wall-calf
        for: 30s
      - do: breathe-slow
        for: 40s
      - do: hydrate
        for: 10s
`
)

// segment is one timed piece of the routine as the app expands it (get
// ready before each step; left, switch, right for a per-side stretch).
type segment struct {
	name string
	dur  time.Duration
}

var benchSegments = []segment{
	{"1 get ready", 3 * time.Second},
	{"1 hold", 60 * time.Second},
	{"2 get ready", 3 * time.Second},
	{"2 hold left", 30 * time.Second},
	{"2 switch", 3 * time.Second},
	{"2 hold right", 30 * time.Second},
	{"3 get ready", 3 * time.Second},
	{"3 breathe", 40 * time.Second},
	{"4 get ready", 3 * time.Second},
	{"4 drink", 10 * time.Second},
}

const (
	benchCols, benchRows = 80, 24
	// The idle window inside the first hold (segment 1): from 5 s after it
	// starts to 5 s before it ends, away from both transitions.
	holdSegment               = 1
	windowFrom, windowTo      = 5 * time.Second, 55 * time.Second
	pauseSegment              = 7 // the breathing step
	pauseAfter, pauseFor      = 8 * time.Second, 1500 * time.Millisecond
	screenTimeout             = 15 * time.Second
	summaryText               = "Cool-down complete"
	pausedText                = "PAUSED"
	firstFrameNeedsPhase      = "GET READY"
	firstFrameNeedsHeader     = "step 1 of 4"
	firstFrameNeedsHelpPrefix = "space"
)

// sandbox is a fresh HOME and XDG folders holding the settings and the
// routine; nothing of the real user is read or written.
type sandbox struct {
	home, config, state string
	opts                options
}

// options are the ways a run can be varied from the command line.
type options struct {
	truecolor bool     // COLORTERM=truecolor
	light     bool     // the terminal answers that its background is white
	env       []string // added to the app's environment (GOGC=..., GODEBUG=...)
	trace     io.Writer
}

func newSandbox(root string, o options) (*sandbox, error) {
	s := &sandbox{home: filepath.Join(root, "home"), config: filepath.Join(root, "config"), state: filepath.Join(root, "state"), opts: o}
	dir := filepath.Join(s.config, "cooldown", "routines")
	for _, d := range []string{s.home, s.state, dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(s.config, "cooldown", "config.yaml"), []byte(benchSettings), 0o644); err != nil {
		return nil, err
	}
	return s, os.WriteFile(filepath.Join(dir, "bench.yaml"), []byte(benchRoutine), 0o644)
}

func (s *sandbox) environ() []string {
	env := []string{
		"HOME=" + s.home,
		"XDG_CONFIG_HOME=" + s.config,
		"XDG_STATE_HOME=" + s.state,
		"XDG_DATA_HOME=" + filepath.Join(s.home, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(s.home, "cache"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"PATH=" + os.Getenv("PATH"),
	}
	if s.opts.truecolor {
		env = append(env, "COLORTERM=truecolor")
	}
	return append(env, s.opts.env...)
}

// record is the part of the app's history line the benchmark reads.
type record struct {
	Outcome       string    `json:"outcome"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	PausedSeconds float64   `json:"paused_seconds"`
	ActiveSeconds float64   `json:"active_seconds"`
}

func (s *sandbox) history() ([]record, error) {
	data, err := os.ReadFile(filepath.Join(s.state, "cooldown", "history.jsonl"))
	if err != nil {
		return nil, err
	}
	var recs []record
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("history line %q: %w", line, err)
		}
		recs = append(recs, r)
	}
	return recs, nil
}

// chunk is one read from the pty master: when it arrived and its size.
type chunk struct {
	at time.Time
	n  int
}

// transition is a change of what the screen says the session is doing:
// another step, phase or side, or the summary.
type transition struct {
	at  time.Time
	sig string
}

// term is the app in a pseudo-terminal, its output fed into an emulator
// as it arrives, each chunk timestamped before it is parsed.
type term struct {
	cmd     *exec.Cmd
	ptmx    *os.File
	started time.Time

	mu          sync.Mutex
	em          *vt.Emulator
	raw         bytes.Buffer
	chunks      []chunk
	firstFrame  time.Time
	sig         string // the signature shown now ("" before the session)
	transitions []transition
	phase       string // the phase line shown now
	phaseAt     time.Time
	changed     chan struct{} // closed and replaced after every chunk

	readDone chan struct{}
	exited   chan struct{}
	waitErr  error
	trace    io.Writer           // if set, every chunk is logged
	complete func([]string) bool // the first frame has arrived whole
}

func startTerm(bin string, sb *sandbox, trace io.Writer, complete func([]string) bool, args ...string) (*term, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = sb.environ()
	cmd.Dir = sb.home
	t := &term{cmd: cmd, em: vt.NewEmulator(benchCols, benchRows), changed: make(chan struct{}),
		readDone: make(chan struct{}), exited: make(chan struct{}), trace: trace, complete: complete}
	if sb.opts.light {
		t.em.SetDefaultBackgroundColor(color.White)
	}
	t.started = time.Now()
	if os.Getenv("BENCH_T0") != "" {
		cmd.Env = append(cmd.Env, fmt.Sprintf("COOLDOWN_T0=%d", t.started.UnixNano()))
	}
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: benchCols, Rows: benchRows})
	if err != nil {
		return nil, err
	}
	t.ptmx = ptmx
	// The emulator answers the app's queries (background colour, modes)
	// through its reply pipe, which must be drained or its writes block.
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := t.em.Read(buf)
			if n > 0 {
				_, _ = ptmx.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go t.readLoop()
	go func() {
		t.waitErr = cmd.Wait()
		close(t.exited)
	}()
	return t, nil
}

func (t *term) readLoop() {
	defer close(t.readDone)
	buf := make([]byte, 64*1024)
	for {
		n, err := t.ptmx.Read(buf)
		at := time.Now()
		if n > 0 {
			t.mu.Lock()
			t.chunks = append(t.chunks, chunk{at, n})
			if t.trace != nil {
				fmt.Fprintf(t.trace, "+%10.3f ms  %5d bytes  %q\n", float64(at.Sub(t.started))/1e6, n, buf[:n])
			}
			t.raw.Write(buf[:n])
			_, _ = t.em.Write(buf[:n])
			t.observe(at, tui.ScreenText(t.em))
			close(t.changed)
			t.changed = make(chan struct{})
			t.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

var stepRe = regexp.MustCompile(`step (\d+) of (\d+)`)

// observe reads the screen after a chunk: the first complete frame, and
// every change of step, phase, exercise or side. Called with t.mu held.
func (t *term) observe(at time.Time, screen string) {
	lines := strings.Split(screen, "\n")
	if t.firstFrame.IsZero() && t.complete(lines) {
		t.firstFrame = at
	}
	sig, phase := signature(lines)
	if phase != t.phase {
		t.phase, t.phaseAt = phase, at
	}
	if sig != "" && sig != t.sig {
		if t.sig != "" || strings.Contains(sig, summaryText) {
			t.transitions = append(t.transitions, transition{at, sig})
		}
		t.sig = sig
	}
}

// completeFrame: the first session frame has arrived whole, header to
// help line: the header with the step, the phase, the big digits, the
// progress bar, and the help line at the bottom.
func completeFrame(lines []string) bool {
	if len(lines) < benchRows {
		return false
	}
	var header, phase, bar bool
	digitRows := 0
	for _, l := range lines {
		header = header || strings.Contains(l, firstFrameNeedsHeader) && strings.Contains(l, " left")
		phase = phase || strings.Contains(l, firstFrameNeedsPhase)
		if strings.Count(l, "░")+strings.Count(l, "█") >= 20 {
			bar = true
		} else if strings.Contains(l, "█") {
			digitRows++
		}
	}
	help := strings.HasPrefix(strings.TrimSpace(lines[benchRows-1]), firstFrameNeedsHelpPrefix)
	return header && phase && digitRows >= 5 && bar && help
}

// completePicker: the picker's first frame has arrived whole, its question
// and its help line at the bottom.
func completePicker(lines []string) bool {
	if len(lines) < benchRows {
		return false
	}
	question := false
	for _, l := range lines {
		question = question || strings.Contains(l, "How sore are you?")
	}
	return question && strings.Contains(lines[benchRows-1], "quit")
}

// signature names what the session screen shows: the step number, the
// phase line and the exercise line (the first two lines below the rule).
// A paused screen keeps the signature it had (a pause is not a new
// segment). The summary has its own signature.
func signature(lines []string) (sig, phase string) {
	for _, l := range lines {
		if strings.Contains(l, summaryText) {
			return summaryText, summaryText
		}
	}
	if len(lines) < 3 {
		return "", ""
	}
	m := stepRe.FindStringSubmatch(lines[0])
	if m == nil {
		return "", ""
	}
	var body []string
	for _, l := range lines[2:] {
		if s := strings.TrimSpace(l); s != "" {
			body = append(body, s)
			if len(body) == 2 {
				break
			}
		}
	}
	if len(body) < 2 {
		return "", ""
	}
	phase = body[0]
	if strings.HasPrefix(phase, pausedText) {
		return "", phase
	}
	return "step " + m[1] + " | " + body[0] + " | " + body[1], phase
}

// waitFor waits until cond (called with t.mu held) holds.
func (t *term) waitFor(what string, timeout time.Duration, cond func() bool) error {
	deadline := time.After(timeout)
	for {
		t.mu.Lock()
		ok, ch := cond(), t.changed
		t.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-t.exited:
			<-t.readDone
			t.mu.Lock()
			ok := cond()
			t.mu.Unlock()
			if ok {
				return nil
			}
			return fmt.Errorf("waiting for %s: the app exited (%v)\n%s", what, t.waitErr, t.dump())
		case <-deadline:
			return fmt.Errorf("waiting for %s: timed out after %v\n%s", what, timeout, t.dump())
		}
	}
}

func (t *term) send(s string) (time.Time, error) {
	at := time.Now()
	_, err := t.ptmx.Write([]byte(s))
	return at, err
}

func (t *term) dump() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return tui.ScreenText(t.em)
}

func (t *term) kill() {
	select {
	case <-t.exited:
	default:
		_ = t.cmd.Process.Kill()
		<-t.exited
	}
	select {
	case <-t.readDone:
	case <-time.After(2 * time.Second):
	}
	_ = t.ptmx.Close()
}

// bytesBetween is the number of bytes the app wrote in [from, to).
func (t *term) bytesBetween(from, to time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, c := range t.chunks {
		if !c.at.Before(from) && c.at.Before(to) {
			n += c.n
		}
	}
	return n
}

// result is what one run measured. Durations are zero when not measured.
type result struct {
	firstFrame time.Duration
	// appLatency is the first frame against the session start the app
	// recorded (its wall clock): how late the benchmark's zero is.
	appLatency   time.Duration
	bytesPerSec  float64
	allBytes     float64 // bytes per second over the whole routine, transitions and all
	cpuPct       float64 // utime+stime
	cpuNsPct     float64 // schedstat, for comparison
	wakeups      float64 // context switches per second
	hwmKB        int64   // peak RSS: VmHWM followed to the end
	hwmSummaryKB int64   // VmHWM read on the summary screen
	keyEcho      []time.Duration
	segErr       []time.Duration // per segment: seen end - deadline
	endErr       time.Duration
	paused       time.Duration // as the app recorded it
	restored     string        // "yes" or what was wrong
	exitCode     int
}

// fullRun runs the whole routine once and measures everything.
func fullRun(bin, dir string, o options, progress func(string)) (*result, error) {
	sb, err := newSandbox(dir, o)
	if err != nil {
		return nil, err
	}
	t, err := startTerm(bin, sb, o.trace, completeFrame, "start", "bench")
	if err != nil {
		return nil, err
	}
	defer t.kill()
	res := &result{}
	pid := t.cmd.Process.Pid

	if err := t.waitFor("the first complete frame", screenTimeout, func() bool { return !t.firstFrame.IsZero() }); err != nil {
		return nil, err
	}
	zero := t.firstFrame
	res.firstFrame = zero.Sub(t.started)
	progress(fmt.Sprintf("first frame after %v", res.firstFrame.Round(time.Millisecond)))

	// The idle window in the long hold.
	if err := t.waitFor("the first hold", screenTimeout, func() bool { return len(t.transitions) > holdSegment-1 }); err != nil {
		return nil, err
	}
	t.mu.Lock()
	holdStart := t.transitions[holdSegment-1].at
	t.mu.Unlock()
	from, to := holdStart.Add(windowFrom), holdStart.Add(windowTo)
	time.Sleep(time.Until(from))
	ticks0, ns0, wk0 := mustTicks(pid), cpuNanos(pid), wakeups(pid)
	time.Sleep(time.Until(to))
	ticks1, ns1, wk1 := mustTicks(pid), cpuNanos(pid), wakeups(pid)
	secs := to.Sub(from).Seconds()
	res.cpuPct = float64(ticks1-ticks0) / clockTicks / secs * 100
	res.cpuNsPct = float64(ns1-ns0) / 1e9 / secs * 100
	res.wakeups = float64(wk1-wk0) / secs
	res.bytesPerSec = float64(t.bytesBetween(from, to)) / secs
	progress(fmt.Sprintf("hold: %.0f B/s, %.2f%% CPU", res.bytesPerSec, res.cpuPct))

	// A key press in the breathing step: space pauses, space resumes.
	if err := t.waitFor("the breathing step", 2*time.Minute, func() bool { return len(t.transitions) > pauseSegment-1 }); err != nil {
		return nil, err
	}
	t.mu.Lock()
	breatheStart := t.transitions[pauseSegment-1].at
	t.mu.Unlock()
	time.Sleep(time.Until(breatheStart.Add(pauseAfter)))
	for _, want := range []func(string) bool{
		func(p string) bool { return strings.HasPrefix(p, pausedText) },
		func(p string) bool { return !strings.HasPrefix(p, pausedText) },
	} {
		sent, err := t.send(" ")
		if err != nil {
			return nil, err
		}
		if err := t.waitFor("the key press to show", screenTimeout, func() bool { return t.phaseAt.After(sent) && want(t.phase) }); err != nil {
			return nil, err
		}
		t.mu.Lock()
		res.keyEcho = append(res.keyEcho, t.phaseAt.Sub(sent))
		t.mu.Unlock()
		time.Sleep(pauseFor)
	}

	if err := t.waitFor("the summary", 2*time.Minute, func() bool { return t.sig == summaryText }); err != nil {
		return nil, err
	}
	res.hwmSummaryKB = statusKB(pid, "VmHWM")
	if _, err := t.send("\r"); err != nil {
		return nil, err
	}
	res.hwmKB = t.peakRSS(pid, screenTimeout)
	select {
	case <-t.exited:
	default:
		return nil, fmt.Errorf("the app did not exit after the summary\n%s", t.dump())
	}
	<-t.readDone
	var ee *exec.ExitError
	if errors.As(t.waitErr, &ee) {
		res.exitCode = ee.ExitCode()
	}

	recs, err := sb.history()
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 || recs[0].Outcome != "completed" {
		return nil, fmt.Errorf("history: want one completed session, got %+v", recs)
	}
	rec := recs[0]
	res.paused = time.Duration(rec.PausedSeconds * float64(time.Second))
	res.appLatency = zero.Sub(rec.Start)

	t.mu.Lock()
	trs := append([]transition(nil), t.transitions...)
	raw := bytes.Clone(t.raw.Bytes())
	t.mu.Unlock()
	if len(trs) != len(benchSegments) {
		var b strings.Builder
		for _, tr := range trs {
			fmt.Fprintf(&b, "  +%v %s\n", tr.at.Sub(zero).Round(time.Millisecond), tr.sig)
		}
		return nil, fmt.Errorf("saw %d segment ends, want %d:\n%s", len(trs), len(benchSegments), b.String())
	}
	var deadline time.Duration
	for i, seg := range benchSegments {
		deadline += seg.dur
		if i == pauseSegment {
			deadline += res.paused // the pause was taken in this segment
		}
		res.segErr = append(res.segErr, trs[i].at.Sub(zero)-deadline)
	}
	res.endErr = res.segErr[len(res.segErr)-1]
	end := trs[len(trs)-1].at
	res.allBytes = float64(t.bytesBetween(zero, end)) / end.Sub(zero).Seconds()
	res.restored = restored(raw, res.exitCode)
	return res, nil
}

func mustTicks(pid int) int64 {
	n, err := cpuTicks(pid)
	if err != nil {
		return 0
	}
	return n
}

// quickStart starts the app and measures only the time to its first
// complete frame, then interrupts it; rssKB is its peak RSS, at start-up.
// With picker set it starts the picker (all routines loaded) instead of
// the session.
func quickStart(bin, dir string, o options, picker bool) (first time.Duration, rssKB int64, err error) {
	sb, err := newSandbox(dir, o)
	if err != nil {
		return 0, 0, err
	}
	complete, args := completeFrame, []string{"start", "bench"}
	if picker {
		complete, args = completePicker, nil
	}
	t, err := startTerm(bin, sb, o.trace, complete, args...)
	if err != nil {
		return 0, 0, err
	}
	defer t.kill()
	if err := t.waitFor("the first complete frame", screenTimeout, func() bool { return !t.firstFrame.IsZero() }); err != nil {
		return 0, 0, err
	}
	_, _ = t.send("\x03")
	rssKB = t.peakRSS(t.cmd.Process.Pid, screenTimeout)
	return t.firstFrame.Sub(t.started), rssKB, nil
}

// peakRSS follows the app's VmHWM (the high-water mark of its resident
// set) every millisecond until it exits, and returns the last value read:
// its peak to within the last millisecond of its life. wait4's ru_maxrss
// cannot be used: Go starts a child with vfork semantics (CLONE_VM), and
// Linux charges the parent's high-water mark to the child at its exec, so
// the app would be reported as big as the benchmark.
func (t *term) peakRSS(pid int, timeout time.Duration) int64 {
	var last int64
	deadline := time.After(timeout)
	for {
		if v := statusKB(pid, "VmHWM"); v > 0 {
			last = v
		}
		select {
		case <-t.exited:
			return last
		case <-deadline:
			return last
		case <-time.After(time.Millisecond):
		}
	}
}

var (
	altScreenRe = regexp.MustCompile(`\x1b\[\?1049[hl]`)
	cursorRe    = regexp.MustCompile(`\x1b\[\?25[hl]`)
	kittyPushRe = regexp.MustCompile(`\x1b\[>\d*u`)
	kittyPopRe  = regexp.MustCompile(`\x1b\[<\d*u`)
	mokSetRe    = regexp.MustCompile(`\x1b\[>4;[12]m`)
	mokResetRe  = regexp.MustCompile(`\x1b\[>4(;0)?m`)
)

// restored checks the raw output leaves the terminal as it was: the
// alternate screen left, the cursor shown, the keyboard modes popped, and
// exit code 0.
func restored(raw []byte, code int) string {
	var bad []string
	last := func(re *regexp.Regexp) int {
		all := re.FindAllIndex(raw, -1)
		if len(all) == 0 {
			return -1
		}
		return all[len(all)-1][0]
	}
	if alt := altScreenRe.FindAll(raw, -1); len(alt) == 0 || string(alt[len(alt)-1]) != "\x1b[?1049l" {
		bad = append(bad, "alt screen not left")
	}
	if cur := cursorRe.FindAll(raw, -1); len(cur) > 0 && string(cur[len(cur)-1]) != "\x1b[?25h" {
		bad = append(bad, "cursor hidden")
	}
	if p := last(kittyPushRe); p >= 0 && last(kittyPopRe) < p {
		bad = append(bad, "kitty keyboard not popped")
	}
	if s := last(mokSetRe); s >= 0 && last(mokResetRe) < s {
		bad = append(bad, "modifyOtherKeys not reset")
	}
	if code != 0 {
		bad = append(bad, fmt.Sprintf("exit %d", code))
	}
	if len(bad) == 0 {
		return "yes"
	}
	return strings.Join(bad, ", ")
}
