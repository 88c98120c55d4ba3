package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"

	"github.com/cooldown-app/cooldown/tui"
	"github.com/cooldown-app/cooldown/tui/ptytest"
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
	// The idle window inside the first hold (segment 1): from 5 s after it
	// starts to 5 s before it ends, away from both transitions.
	holdSegment          = 1
	windowFrom, windowTo = 5 * time.Second, 55 * time.Second
	// The window with a step change: the last 5 s of the long hold and the
	// first 5 s after it (a get-ready, with the pose animating, and the
	// start of the next hold).
	changeFrom, changeTo = 55 * time.Second, 65 * time.Second
	// A pause in the first get-ready (space, 1.5 s, space), as a person
	// takes one: it measures the key echo, and it moves the session's
	// seconds off the phase of the app's start, so anything else that
	// ticks in the process (once, Bubble Tea's frame ticker) shows in the
	// hold as a wake-up of its own instead of hiding in the session's.
	pauseSegment         = 0
	pauseAfter, pauseFor = 1 * time.Second, 1500 * time.Millisecond
	// The pacer's window inside the breathing step, away from its start
	// and its end.
	breatheSegment            = 7
	pacerFrom, pacerTo        = 5 * time.Second, 35 * time.Second
	screenTimeout             = 15 * time.Second
	summaryText               = "Cool-down complete"
	pausedText                = "PAUSED"
	firstFrameNeedsPhase      = "GET READY"
	firstFrameNeedsHeader     = "step 1 of "
	firstFrameNeedsHelpPrefix = "space"
)

// options are the ways a run can be varied from the command line.
type options struct {
	cols, rows int
	truecolor  bool     // COLORTERM=truecolor
	light      bool     // the terminal answers that its background is white
	env        []string // added to the app's environment (GOGC=..., GODEBUG=...)
	trace      io.Writer
	load       int     // CPU burners running (-load)
	longSpeed  float64 // the clock speed of the long run; 0: none
}

// newSandbox is a fresh HOME and XDG folders holding the settings and the
// routine; nothing of the real user is read or written.
func newSandbox(root string) (*ptytest.Sandbox, error) {
	sb, err := ptytest.NewSandbox(root, benchSettings)
	if err != nil {
		return nil, err
	}
	return sb, sb.WriteRoutine("bench.yaml", benchRoutine)
}

// record is the part of the app's history line the benchmark reads.
type record struct {
	Outcome       string    `json:"outcome"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	PausedSeconds float64   `json:"paused_seconds"`
	ActiveSeconds float64   `json:"active_seconds"`
}

// chunk is one read from the pty master: when it arrived, its size, and
// the floor of the change it made to the screen (tui.Floor).
type chunk struct {
	at    time.Time
	n     int
	floor int
}

// cpuSample is the app's CPU time (schedstat) at a moment.
type cpuSample struct {
	at time.Time
	ns int64
}

// transition is a change of what the screen says the session is doing:
// another step, phase or side, or the summary.
type transition struct {
	at  time.Time
	sig string
}

// term is the app in a pseudo-terminal (ptytest), and what the benchmark
// reads from each chunk of its output as it arrives, timestamped before it
// is parsed. The fields are guarded by the Term's lock.
type term struct {
	*ptytest.Term

	chunks      []chunk
	cells       *vt.Emulator // the bench's own copy of the screen, for the floor
	shown       *uv.Buffer   // its cells after the last chunk
	cpu         []cpuSample
	firstFrame  time.Time
	sig         string // the signature shown now ("" before the session)
	transitions []transition
	phase       string // the phase line shown now
	phaseAt     time.Time

	trace     io.Writer           // if set, every chunk is logged
	traceFrom time.Time           // the trace's zero, just before the start
	complete  func([]string) bool // the first frame has arrived whole
	// countWakes is false under -load: polling every thread's schedstat
	// each millisecond is the benchmark's own largest load, and it would
	// fall on the segment ends of the runs beside this one.
	countWakes bool
}

func startTerm(bin string, sb *ptytest.Sandbox, o options, complete func([]string) bool, args ...string) (*term, error) {
	t := &term{trace: o.trace, traceFrom: time.Now(), complete: complete, countWakes: o.load == 0,
		cells: vt.NewEmulator(o.cols, o.rows), shown: uv.NewBuffer(o.cols, o.rows)}
	go func() { _, _ = io.Copy(io.Discard, t.cells) }() // its replies to queries; unread, they block it
	env := o.env
	if o.truecolor {
		env = append([]string{"COLORTERM=truecolor"}, env...)
	}
	po := ptytest.Options{Cols: o.cols, Rows: o.rows, Env: env, LightBackground: o.light, OnOutput: t.onChunk}
	if os.Getenv("BENCH_T0") != "" {
		po.StartEnv = "COOLDOWN_T0"
	}
	pt, err := ptytest.Start(bin, sb, po, args...)
	if err != nil {
		return nil, err
	}
	t.Term = pt
	return t, nil
}

// onChunk runs for each chunk of output, with the Term locked.
func (t *term) onChunk(at time.Time, data []byte, screen string) {
	_, _ = t.cells.Write(data)
	next := uv.NewBuffer(t.shown.Width(), t.shown.Height())
	for y := range next.Height() {
		for x := range next.Width() {
			if c := t.cells.CellAt(x, y); c != nil {
				next.SetCell(x, y, c)
			}
		}
	}
	t.chunks = append(t.chunks, chunk{at, len(data), tui.Floor(t.shown, next, colorprofile.TrueColor)})
	t.shown = next
	if t.trace != nil {
		fmt.Fprintf(t.trace, "+%10.3f ms  %5d bytes  %q\n", float64(at.Sub(t.traceFrom))/1e6, len(data), data)
	}
	t.observe(at, screen)
}

var stepRe = regexp.MustCompile(`step (\d+) of (\d+)`)

// observe reads the screen after a chunk: the first complete frame, and
// every change of step, phase, exercise or side. Called with t locked.
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
	if len(lines) < tui.MinHeight {
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
	help := strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), firstFrameNeedsHelpPrefix)
	return header && phase && digitRows >= 5 && bar && help
}

// completePicker: the picker's first frame has arrived whole, its first
// question (what is to hand, for a new user with no kit set; how sore, in
// builds before that question) and its help line at the bottom.
func completePicker(lines []string) bool {
	if len(lines) < tui.MinHeight {
		return false
	}
	question := false
	for _, l := range lines {
		question = question || strings.Contains(l, "How sore are you?") || strings.Contains(l, "What do you have here?")
	}
	last := lines[len(lines)-1]
	return question && (strings.Contains(last, "quit") || strings.Contains(last, "help"))
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
		if s := textOnly(l); s != "" {
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

// textOnly is a line's text without the figure beside it: the figure's
// braille cells go, and what follows a wide gap is the figure's too. The
// figure moves through a segment; the text names the segment.
func textOnly(l string) string {
	l = strings.Map(func(r rune) rune {
		if r >= 0x2800 && r <= 0x28FF {
			return ' '
		}
		return r
	}, l)
	l = strings.TrimSpace(l)
	if i := strings.Index(l, "   "); i >= 0 {
		l = l[:i]
	}
	return l
}

// waitFor waits until cond (called with t locked) holds.
func (t *term) waitFor(what string, timeout time.Duration, cond func() bool) error {
	_, err := t.WaitFor(what, timeout, func(string) bool {
		t.Lock()
		defer t.Unlock()
		return cond()
	})
	return err
}

// bytesBetween is the number of bytes the app wrote in [from, to).
func (t *term) bytesBetween(from, to time.Time) int {
	return t.sumBetween(from, to, func(c chunk) int { return c.n })
}

// floorBetween is the floor of the changes the chunks in [from, to) made.
func (t *term) floorBetween(from, to time.Time) int {
	return t.sumBetween(from, to, func(c chunk) int { return c.floor })
}

// sumBetween adds up what of each chunk that arrived in [from, to).
func (t *term) sumBetween(from, to time.Time, what func(chunk) int) int {
	t.Lock()
	defer t.Unlock()
	n := 0
	for _, c := range t.chunks {
		if !c.at.Before(from) && c.at.Before(to) {
			n += what(c)
		}
	}
	return n
}

// sampleCPU reads the app's CPU time every 50 ms until it exits, so the
// CPU of any window can be read afterwards.
func (t *term) sampleCPU(pid int) {
	for {
		ns := cpuNanos(pid)
		t.Lock()
		t.cpu = append(t.cpu, cpuSample{time.Now(), ns})
		t.Unlock()
		select {
		case <-t.Exited():
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// cpuBetween is the app's CPU in [from, to), % of one core, between the
// first and last samples inside the window.
func (t *term) cpuBetween(from, to time.Time) float64 {
	t.Lock()
	defer t.Unlock()
	var a, b *cpuSample
	for i := range t.cpu {
		s := &t.cpu[i]
		if a == nil && !s.at.Before(from) {
			a = s
		}
		if s.at.Before(to) {
			b = s
		}
	}
	if a == nil || b == nil || !b.at.After(a.at) {
		return math.NaN()
	}
	return float64(b.ns-a.ns) / float64(b.at.Sub(a.at)) * 100
}

// window is the cost of a stretch of the run, per second: bytes, the
// floor of what changed, and CPU.
type window struct {
	bytes, floor, cpu float64
}

func (t *term) window(from, to time.Time) window {
	secs := to.Sub(from).Seconds()
	return window{float64(t.bytesBetween(from, to)) / secs, float64(t.floorBetween(from, to)) / secs, t.cpuBetween(from, to)}
}

// result is what one run measured. Durations are zero when not measured.
type result struct {
	firstFrame time.Duration
	// appLatency is the first frame against the session start the app
	// recorded (its wall clock): how late the benchmark's zero is.
	appLatency   time.Duration
	bytesPerSec  float64
	rows         int     // the window's height
	hold         window  // the hold-only window
	change       window  // the window with a step change
	getReady     window  // the get-ready after the long hold (the pose animates)
	pacer        window  // the breathing pacer
	pacerBytes   float64 // bytes per second while the breathing pacer runs
	pacerCPU     float64 // CPU % (utime+stime) while the pacer runs
	pacerWakeups float64 // context switches per second while the pacer runs
	allBytes     float64 // bytes per second over the whole routine, transitions and all
	cpuPct       float64 // utime+stime
	cpuNsPct     float64 // schedstat, for comparison
	wakeups      float64 // context switches per second
	sysmon       float64 // of which the runtime's sysmon thread's
	woke         float64 // times a second the process woke (countWakes)
	pacerSysmon  float64 // the same while the pacer runs
	pacerWoke    float64 // the same while the pacer runs
	hwmKB        int64   // peak RSS: VmHWM followed to the end
	hwmSummaryKB int64   // VmHWM read on the summary screen
	keyEcho      []time.Duration
	segErr       []time.Duration // per segment: seen end - deadline
	segLate      []time.Duration // per segment: seen end - (the app's recorded start + lengths)
	segSeen      []time.Time     // per segment: when the end showed (its deadline: segSeen - segLate)
	endErr       time.Duration
	paused       time.Duration // as the app recorded it
	restored     string        // "yes" or what was wrong
	exitCode     int
}

// fullRun runs the whole routine once and measures everything.
func fullRun(bin, dir string, o options, progress func(string)) (*result, error) {
	sb, err := newSandbox(dir)
	if err != nil {
		return nil, err
	}
	t, err := startTerm(bin, sb, o, completeFrame, "start", "bench")
	if err != nil {
		return nil, err
	}
	defer t.Kill()
	res := &result{rows: o.rows}
	go t.sampleCPU(t.Pid())

	if err := t.waitFor("the first complete frame", screenTimeout, func() bool { return !t.firstFrame.IsZero() }); err != nil {
		return nil, err
	}
	zero := t.firstFrame
	res.firstFrame = zero.Sub(t.Started())
	progress(fmt.Sprintf("first frame after %v", res.firstFrame.Round(time.Millisecond)))

	// A key press in the first get-ready: space pauses, space resumes.
	time.Sleep(time.Until(zero.Add(pauseAfter)))
	if res.keyEcho, err = t.pauseAndResume(); err != nil {
		return nil, err
	}

	// The idle window in the long hold.
	holdStart, err := t.segmentStart(holdSegment, "the first hold", screenTimeout)
	if err != nil {
		return nil, err
	}
	cost := t.measure(holdStart.Add(windowFrom), holdStart.Add(windowTo))
	res.cpuPct, res.cpuNsPct, res.wakeups, res.sysmon, res.woke, res.bytesPerSec = cost.cpuPct, cost.cpuNsPct, cost.wakeups, cost.sysmon, cost.woke, cost.bytes
	progress(fmt.Sprintf("hold: %.0f B/s, %.2f%% CPU, woke %.2f/s", res.bytesPerSec, res.cpuPct, res.woke))

	// The breathing pacer: the screen changes a cell at a time, several
	// times a second.
	breatheStart, err := t.segmentStart(breatheSegment, "the breathing step", 2*time.Minute)
	if err != nil {
		return nil, err
	}
	cost = t.measure(breatheStart.Add(pacerFrom), breatheStart.Add(pacerTo))
	res.pacerCPU, res.pacerWakeups, res.pacerSysmon, res.pacerWoke, res.pacerBytes = cost.cpuPct, cost.wakeups, cost.sysmon, cost.woke, cost.bytes
	progress(fmt.Sprintf("pacer: %.0f B/s, %.2f%% CPU", res.pacerBytes, res.pacerCPU))

	if err := t.finish(res); err != nil {
		return nil, err
	}
	recs, err := ptytest.ReadHistory[record](sb)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 || recs[0].Outcome != "completed" {
		return nil, fmt.Errorf("history: want one completed session, got %+v", recs)
	}
	rec := recs[0]
	res.paused = time.Duration(rec.PausedSeconds * float64(time.Second))
	res.appLatency = zero.Sub(rec.Start)
	if err := t.segmentErrors(res, zero, rec.Start); err != nil {
		return nil, err
	}
	res.restored = restored(t.Raw(), res.exitCode)
	return res, nil
}

// segmentStart waits for segment n (1-based) to begin and says when it did.
func (t *term) segmentStart(n int, what string, timeout time.Duration) (time.Time, error) {
	if err := t.waitFor(what, timeout, func() bool { return len(t.transitions) > n-1 }); err != nil {
		return time.Time{}, err
	}
	t.Lock()
	defer t.Unlock()
	return t.transitions[n-1].at, nil
}

// cost is what the app spent in a window of time, per second.
type cost struct {
	cpuPct, cpuNsPct, wakeups, sysmon, woke, bytes float64
}

// measure sleeps through the window [from, to) and returns the app's CPU
// (clock ticks, and nanoseconds), wake-ups and bytes written in it.
func (t *term) measure(from, to time.Time) cost {
	pid := t.Pid()
	time.Sleep(time.Until(from))
	ticks0, ns0, wk0, sm0 := mustTicks(pid), cpuNanos(pid), wakeups(pid), sysmonWakeups(pid)
	woke := math.NaN() // not measured
	if t.countWakes {
		woke = float64(countWakes(pid, to))
	} else {
		time.Sleep(time.Until(to))
	}
	ticks1, ns1, wk1, sm1 := mustTicks(pid), cpuNanos(pid), wakeups(pid), sysmonWakeups(pid)
	secs := to.Sub(from).Seconds()
	return cost{
		cpuPct:   float64(ticks1-ticks0) / clockTicks / secs * 100,
		cpuNsPct: float64(ns1-ns0) / 1e9 / secs * 100,
		wakeups:  float64(wk1-wk0) / secs,
		sysmon:   float64(sm1-sm0) / secs,
		woke:     woke / secs,
		bytes:    float64(t.bytesBetween(from, to)) / secs,
	}
}

// pauseAndResume presses space twice, pausing then resuming, and returns
// how long each press took to show on screen.
func (t *term) pauseAndResume() ([]time.Duration, error) {
	var echo []time.Duration
	for _, want := range []func(string) bool{
		func(p string) bool { return strings.HasPrefix(p, pausedText) },
		func(p string) bool { return !strings.HasPrefix(p, pausedText) },
	} {
		sent, err := t.Send(" ")
		if err != nil {
			return nil, err
		}
		if err := t.waitFor("the key press to show", screenTimeout, func() bool { return t.phaseAt.After(sent) && want(t.phase) }); err != nil {
			return nil, err
		}
		t.Lock()
		echo = append(echo, t.phaseAt.Sub(sent))
		t.Unlock()
		time.Sleep(pauseFor)
	}
	return echo, nil
}

// finish waits for the summary, leaves it, and records the peak memory and
// the exit code.
func (t *term) finish(res *result) error {
	pid := t.Pid()
	if err := t.waitFor("the summary", 2*time.Minute, func() bool { return t.sig == summaryText }); err != nil {
		return err
	}
	res.hwmSummaryKB = statusKB(pid, "VmHWM")
	if _, err := t.Send("\r"); err != nil {
		return err
	}
	res.hwmKB = t.peakRSS(pid, screenTimeout)
	select {
	case <-t.Exited():
	default:
		return fmt.Errorf("the app did not exit after the summary\n%s", t.Dump())
	}
	<-t.ReadDone()
	var ee *exec.ExitError
	if errors.As(t.WaitErr(), &ee) {
		res.exitCode = ee.ExitCode()
	}
	return nil
}

// segmentErrors sets how late each segment ended on screen against its
// deadline from zero (the pause moving the deadlines after it), and
// against the app's own deadline (from the start it recorded), and the
// bytes per second of the whole run.
func (t *term) segmentErrors(res *result, zero, appStart time.Time) error {
	t.Lock()
	trs := append([]transition(nil), t.transitions...)
	t.Unlock()
	if len(trs) != len(benchSegments) {
		var b strings.Builder
		for _, tr := range trs {
			fmt.Fprintf(&b, "  +%v %s\n", tr.at.Sub(zero).Round(time.Millisecond), tr.sig)
		}
		return fmt.Errorf("saw %d segment ends, want %d:\n%s", len(trs), len(benchSegments), b.String())
	}
	var deadline time.Duration
	for i, seg := range benchSegments {
		deadline += seg.dur
		if i == pauseSegment {
			deadline += res.paused // the pause was taken in this segment
		}
		res.segErr = append(res.segErr, trs[i].at.Sub(zero)-deadline)
		res.segLate = append(res.segLate, trs[i].at.Sub(appStart)-deadline)
		res.segSeen = append(res.segSeen, trs[i].at)
	}
	res.endErr = res.segErr[len(res.segErr)-1]
	end := trs[len(trs)-1].at
	res.allBytes = float64(t.bytesBetween(zero, end)) / end.Sub(zero).Seconds()
	holdStart := trs[holdSegment-1].at
	res.hold = t.window(holdStart.Add(windowFrom), holdStart.Add(windowTo))
	res.change = t.window(holdStart.Add(changeFrom), holdStart.Add(changeTo))
	res.getReady = t.window(trs[holdSegment].at, trs[holdSegment+1].at)
	breathe := trs[breatheSegment-1].at
	res.pacer = t.window(breathe.Add(pacerFrom), breathe.Add(pacerTo))
	return nil
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
	sb, err := newSandbox(dir)
	if err != nil {
		return 0, 0, err
	}
	complete, args := completeFrame, []string{"start", "bench"}
	if picker {
		complete, args = completePicker, nil
	}
	t, err := startTerm(bin, sb, o, complete, args...)
	if err != nil {
		return 0, 0, err
	}
	defer t.Kill()
	if err := t.waitFor("the first complete frame", screenTimeout, func() bool { return !t.firstFrame.IsZero() }); err != nil {
		return 0, 0, err
	}
	_, _ = t.Send("\x03")
	rssKB = t.peakRSS(t.Pid(), screenTimeout)
	return t.firstFrame.Sub(t.Started()), rssKB, nil
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
		case <-t.Exited():
			return last
		case <-deadline:
			return last
		case <-time.After(time.Millisecond):
		}
	}
}

// restored says whether the raw output leaves the terminal as it was
// (ptytest.Unrestored) and the app exited with 0: "yes", or what is wrong.
func restored(raw []byte, code int) string {
	bad := ptytest.Unrestored(raw)
	if code != 0 {
		bad = append(bad, fmt.Sprintf("exit %d", code))
	}
	if len(bad) == 0 {
		return "yes"
	}
	return strings.Join(bad, "; ")
}

// commandTime is how long a command took, run several times.
type commandTime struct {
	name string
	d    []time.Duration
}

// commandTimes runs the commands that print and exit, 5 times each, in a
// sandbox with the benchmark's routine.
func commandTimes(bin, dir string) ([]commandTime, error) {
	sb, err := newSandbox(dir)
	if err != nil {
		return nil, err
	}
	file := filepath.Join(sb.RoutinesDir(), "bench.yaml")
	var out []commandTime
	for _, args := range [][]string{{"list"}, {"show", "bench"}, {"validate", file}, {"plan", "--minutes", "20"}} {
		ct := commandTime{name: strings.Replace(strings.Join(args, " "), file, "bench.yaml", 1)}
		for range 5 {
			cmd := exec.Command(bin, args...)
			cmd.Env, cmd.Dir = sb.Environ(), sb.Home
			start := time.Now()
			if b, err := cmd.CombinedOutput(); err != nil {
				return nil, fmt.Errorf("%s: %v\n%s", ct.name, err, b)
			}
			ct.d = append(ct.d, time.Since(start))
		}
		out = append(out, ct)
	}
	return out, nil
}
