package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cooldown-app/cooldown/tui/ptytest"
)

func main() {
	runs := flag.Int("runs", 2, "full runs of the routine at each size (all run side by side, started -stagger apart); medians are reported")
	sizes := flag.String("sizes", "80x24,100x24,120x40", "the window sizes of the full runs, comma-separated")
	starts := flag.Int("starts", 10, "extra starts of the session and of the picker that measure only the first frame and the start-up peak RSS (one after another, before the runs)")
	stagger := flag.Duration("stagger", 4*time.Second, "delay between the starts of the full runs")
	bin := flag.String("bin", "", "the cooldown binary to measure (default: build the module this is run in)")
	verbose := flag.Bool("v", false, "print progress")
	truecolor := flag.Bool("truecolor", true, "set COLORTERM=truecolor, as desktop terminals do (false: a 256-colour terminal, as over SSH where COLORTERM is rarely passed on)")
	light := flag.Bool("light", false, "the terminal reports a white background (the app's light palette)")
	trace := flag.Bool("trace", false, "log every chunk of output (extra starts and run 1) with its time on stderr")
	load := flag.Int("load", 0, "keep this many CPU burners (busy loops, one process each) running throughout, stopped at the end: timing under load")
	long := flag.Bool("long", true, "also run a 30-minute routine on a clock sped up -speed times (80×24), for any drift that accumulates")
	speed := flag.Float64("speed", 20, "how much faster the clock of the -long run goes")
	burn := flag.Bool("burn", false, "internal: be a CPU burner")
	var env envFlag
	flag.Var(&env, "env", "add KEY=VALUE to the app's environment (repeatable), e.g. -env GOGC=50")
	flag.Parse()
	if *burn {
		// Spin; every few million turns, stop if the benchmark has gone
		// (killed, interrupted) rather than burn on as an orphan.
		parent := os.Getppid()
		for i := 0; ; i++ {
			if i%(1<<24) == 0 && os.Getppid() != parent {
				os.Exit(0)
			}
		}
	}
	o := options{cols: 80, rows: 24, truecolor: *truecolor, light: *light, env: env}
	szs, err := parseSizes(*sizes)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: -sizes:", err)
		os.Exit(2)
	}
	if *trace {
		o.trace = os.Stderr
	}
	stopLoad, err := startLoad(*load)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: -load:", err)
		os.Exit(1)
	}
	o.load = *load
	if *long {
		o.longSpeed = *speed
	}
	err = bench(os.Stdout, *bin, szs, *runs, *starts, *stagger, o, *verbose)
	stopLoad()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// parseSizes reads "80x24,120x40".
func parseSizes(list string) ([][2]int, error) {
	var szs [][2]int
	for _, f := range strings.Split(list, ",") {
		var w, h int
		if _, err := fmt.Sscanf(f, "%dx%d", &w, &h); err != nil || w < 40 || h < 12 {
			return nil, fmt.Errorf("%q is not a size like 80x24 (at least 40x12)", f)
		}
		szs = append(szs, [2]int{w, h})
	}
	return szs, nil
}

// envFlag collects repeated -env flags.
type envFlag []string

func (e *envFlag) String() string     { return strings.Join(*e, " ") }
func (e *envFlag) Set(v string) error { *e = append(*e, v); return nil }

func bench(out io.Writer, bin string, sizes [][2]int, runs, starts int, stagger time.Duration, o options, verbose bool) error {
	if runs < 0 || runs == 0 && starts < 1 {
		return fmt.Errorf("nothing to measure: give -runs or -starts")
	}
	tmp, err := os.MkdirTemp("", "cooldown-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin, err = appBinary(bin, tmp); err != nil {
		return err
	}
	m := describeMachine()
	loadBefore := loadAvg()
	total0, steal0 := cpuTimes()
	logf := func(format string, args ...any) {
		if verbose {
			fmt.Fprintf(os.Stderr, format+"\n", args...)
		}
	}

	quick, quickPicker, quickRSS, err := quickStarts(bin, tmp, starts, o, logf)
	if err != nil {
		return err
	}
	if runs == 0 {
		q, qp := millis(quick), millis(quickPicker)
		total1, steal1 := cpuTimes()
		fmt.Fprintf(out, "first complete frame of %d starts: median %.1f ms (min %.1f, max %.1f); peak RSS at start-up %.1f MB; picker %.1f ms (min %.1f, max %.1f); %s\n",
			len(q), median(q), slices.Min(q), slices.Max(q), median(quickRSS), median(qp), slices.Min(qp), slices.Max(qp), stealText(total0, steal0, total1, steal1))
		return nil
	}
	total := time.Duration(0)
	for _, s := range benchSegments {
		total += s.dur
	}
	logf("%d runs of %v at each of %d sizes, started %v apart", runs, total, len(sizes), stagger)
	var steals stealLog
	stopSteals := make(chan struct{})
	go steals.run(stopSteals)
	results, err := fullRuns(bin, tmp, sizes, runs*len(sizes), stagger, o, logf)
	close(stopSteals)
	if err != nil {
		return err
	}
	cmds, err := commandTimes(bin, filepath.Join(tmp, "commands"))
	if err != nil {
		return err
	}
	var lr *longResult
	if o.longSpeed > 1 {
		logf("a %v routine at %g× speed", longTotal(), o.longSpeed)
		if lr, err = longRun(bin, filepath.Join(tmp, "long"), o); err != nil {
			return fmt.Errorf("-long: %w", err)
		}
	}

	fmt.Fprintf(out, "cooldown benchmark: %s, routine of %v in %d segments (3 s gaps), %d runs at each size, all %d side by side, %d extra starts at 80×24\n",
		filepath.Base(bin), total, len(benchSegments), runs, len(results), starts)
	total1, steal1 := cpuTimes()
	fmt.Fprintf(out, "machine: %s, %d cores, Linux %s, %s; load average %s before, %s after; %s; %s\n",
		m.cpu, m.cores, m.kernel, m.goVersion, loadBefore, loadAvg(), stealText(total0, steal0, total1, steal1), time.Now().UTC().Format("2 January 2006 15:04 UTC"))
	if o.load > 0 {
		fmt.Fprintf(out, "under load: %d CPU burners (busy loops, one process each) ran throughout, on %d cores; the wake-ups are not counted (that polls every thread each millisecond, the benchmark's own largest load)\n", o.load, m.cores)
	}
	var all []time.Duration
	for k, size := range sizes {
		var rs []*result
		for i := k; i < len(results); i += len(sizes) {
			rs = append(rs, results[i])
		}
		fmt.Fprintf(out, "\n%d×%d\n", size[0], size[1])
		if k == 0 {
			report(out, rs, quick, quickPicker, cmds)
		} else {
			report(out, rs, nil, nil, nil)
		}
		var late []time.Duration
		for _, r := range rs {
			late = append(late, r.segLate...)
		}
		all = append(all, late...)
		fmt.Fprintf(out, "segment ends on screen against the app's own deadlines (the start it recorded + the lengths), %d ends: %s\n", len(late), spread(late))
	}
	fmt.Fprintf(out, "\nall sizes, %d segment ends against the app's deadlines: %s\n", len(all), spread(all))
	// The same, told apart by whether the host took CPU time from this
	// machine in the 20 ms before the end was due or until it showed.
	var calm, stolen []time.Duration
	for _, r := range results {
		for i, late := range r.segLate {
			due := r.segSeen[i].Add(-late)
			if steals.stoleDuring(due.Add(-20*time.Millisecond), r.segSeen[i]) {
				stolen = append(stolen, late)
			} else {
				calm = append(calm, late)
			}
		}
	}
	fmt.Fprintf(out, "  of which the host took no CPU time while due (%d): %s\n", len(calm), spread(calm))
	fmt.Fprintf(out, "  of which the host took CPU time while due (%d): %s\n", len(stolen), spread(stolen))
	if lr != nil {
		lr.report(out)
	}
	return nil
}

// spread is the median, 95th percentile (nearest rank) and worst of how
// late the ends were (early ones count as late by their size).
func spread(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	v := make([]float64, len(ds))
	for i, d := range ds {
		v[i] = math.Abs(float64(d) / float64(time.Millisecond))
	}
	slices.Sort(v)
	p95 := v[int(math.Ceil(0.95*float64(len(v))))-1]
	return fmt.Sprintf("|error| median %.1f ms, p95 %.1f ms, max %.1f ms (target: every end within 10 ms)", median(v), p95, v[len(v)-1])
}

// startLoad starts n CPU burners (this program with -burn) and returns
// what stops them.
func startLoad(n int) (stop func(), err error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var procs []*exec.Cmd
	stop = func() {
		for _, c := range procs {
			_ = c.Process.Kill()
			_ = c.Wait()
		}
	}
	for range n {
		c := exec.Command(exe, "-burn")
		// Each burner in a session of its own, as a build in another
		// terminal would be: with autogroup scheduling (Linux's default)
		// a process shares the processors with its session, and burners in
		// the benchmark's session would starve its own reader of the pty,
		// adding the observer's wait to every figure.
		c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := c.Start(); err != nil {
			stop()
			return nil, err
		}
		procs = append(procs, c)
	}
	return stop, nil
}

// appBinary is bin made absolute, or the module built into tmp when bin
// is "".
func appBinary(bin, tmp string) (string, error) {
	if bin != "" {
		return filepath.Abs(bin)
	}
	if _, err := moduleRoot(); err != nil {
		return "", err
	}
	return ptytest.Build(tmp)
}

// quickStarts starts the app n times straight into the session and n
// times into the picker (which loads every routine), one after another,
// and returns each first frame's delay and the session starts' peak RSS.
func quickStarts(bin, tmp string, n int, o options, logf func(string, ...any)) (quick, quickPicker []time.Duration, quickRSS []float64, err error) {
	for i := range n {
		for _, picker := range []bool{false, true} {
			d, rss, err := quickStart(bin, filepath.Join(tmp, fmt.Sprintf("start%d-%v", i, picker)), o, picker)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("start %d: %w", i+1, err)
			}
			if picker {
				logf("start %d: picker's first frame after %v", i+1, d.Round(time.Millisecond))
				quickPicker = append(quickPicker, d)
				continue
			}
			logf("start %d: first frame after %v, peak RSS %.1f MB", i+1, d.Round(time.Millisecond), float64(rss)/1024)
			quick = append(quick, d)
			quickRSS = append(quickRSS, float64(rss)/1024)
		}
	}
	return quick, quickPicker, quickRSS, nil
}

// fullRuns runs the routine n times side by side, started stagger apart,
// run i at sizes[i % len(sizes)].
func fullRuns(bin, tmp string, sizes [][2]int, n int, stagger time.Duration, o options, logf func(string, ...any)) ([]*result, error) {
	results := make([]*result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			size := sizes[i%len(sizes)]
			progress := func(s string) { logf("run %d (%d×%d): %s", i+1, size[0], size[1], s) }
			ro := o
			ro.cols, ro.rows = size[0], size[1]
			if i > 0 {
				ro.trace = nil // run 1's output is enough to read
			}
			results[i], errs[i] = fullRun(bin, filepath.Join(tmp, fmt.Sprintf("run%d", i)), ro, progress)
		}()
		if i < n-1 {
			time.Sleep(stagger)
		}
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("run %d: %w", i+1, err)
		}
	}
	return results, nil
}

func millis(ds []time.Duration) []float64 {
	v := make([]float64, len(ds))
	for i, d := range ds {
		v[i] = float64(d) / float64(time.Millisecond)
	}
	return v
}

func moduleRoot() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(b))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run the benchmark inside the cooldown module (or pass -bin)")
	}
	return filepath.Dir(mod), nil
}

// row is one line of the table: a value per run, their median, the target.
type row struct {
	name   string
	vals   []float64
	format string // for each value
	target string
	ok     func(median float64) bool
	text   []string // non-numeric rows
}

func report(out io.Writer, rs []*result, quick, quickPicker []time.Duration, cmds []commandTime) {
	rows := reportRows(rs, quick, quickPicker, cmds)
	restoredText := make([]string, len(rs))
	allOK := true
	for i, r := range rs {
		restoredText[i] = r.restored
		allOK = allOK && r.restored == "yes"
	}

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "metric\t")
	for i := range rs {
		fmt.Fprintf(tw, "run %d\t", i+1)
	}
	fmt.Fprint(tw, "median\ttarget\tmet\t\n")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t", r.name)
		med := median(r.vals)
		if math.IsNaN(med) && r.text == nil {
			// Not measured in this run (the wake-ups under -load).
			fmt.Fprint(tw, strings.Repeat("—\t", len(rs)))
			fmt.Fprintf(tw, "—\t%s\tnot measured\t\n", r.target)
			continue
		}
		if r.text != nil {
			for i := range rs {
				t := ""
				if i < len(r.text) {
					t = r.text[i]
				}
				fmt.Fprintf(tw, "%s\t", t)
			}
		} else {
			for _, v := range r.vals {
				fmt.Fprintf(tw, r.format+"\t", v)
			}
		}
		met := ""
		if r.ok != nil {
			met = "no"
			if r.ok(med) {
				met = "yes"
			}
		}
		fmt.Fprintf(tw, r.format+"\t%s\t%s\t\n", med, r.target, met)
	}
	fmt.Fprint(tw, "terminal restored\t")
	for _, t := range restoredText {
		fmt.Fprintf(tw, "%s\t", t)
	}
	met := "no"
	if allOK {
		met = "yes"
	}
	fmt.Fprintf(tw, "\t\t%s\t\n", met)
	_ = tw.Flush()
}

// reportRows are the table's rows: a value per run, or the starts' spread.
func reportRows(rs []*result, quick, quickPicker []time.Duration, cmds []commandTime) []row {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	col := func(f func(*result) float64) []float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		return v
	}
	rows := []row{
		{name: "first complete frame (ms)", vals: col(func(r *result) float64 { return ms(r.firstFrame) }), format: "%.1f", target: "≤ 40", ok: le(40)},
	}
	for _, c := range cmds {
		rows = append(rows, row{name: fmt.Sprintf("`%s`, %d runs (ms)", c.name, len(c.d)),
			text: []string{fmt.Sprintf("min %.1f", slices.Min(millis(c.d))), fmt.Sprintf("max %.1f", slices.Max(millis(c.d)))},
			vals: []float64{median(millis(c.d))}, format: "%.1f", target: "≤ 50", ok: le(50)})
	}
	for _, qs := range []struct {
		name string
		d    []time.Duration
	}{{"first frame, %d more starts (ms)", quick}, {"picker's first frame, all routines, %d starts (ms)", quickPicker}} {
		if len(qs.d) == 0 {
			continue
		}
		q := millis(qs.d)
		slices.Sort(q)
		rows = append(rows, row{name: fmt.Sprintf(qs.name, len(q)),
			text: []string{fmt.Sprintf("min %.1f", q[0]), fmt.Sprintf("max %.1f", q[len(q)-1])},
			vals: []float64{median(q)}, format: "%.1f", target: "≤ 40", ok: le(40)})
	}
	rows = append(rows,
		row{name: "  zero's lag: first frame − app's recorded start (ms)", vals: col(func(r *result) float64 { return ms(r.appLatency) }), format: "%.1f"},
	)
	rows = append(rows, windowRows(rs, col)...)
	rows = append(rows,
		row{name: "  whole routine: bytes per second", vals: col(func(r *result) float64 { return r.allBytes }), format: "%.0f"},
		row{name: "hold: CPU, % of one core (utime+stime)", vals: col(func(r *result) float64 { return r.cpuPct }), format: "%.3f", target: "≤ 0.5", ok: le(0.5)},
		row{name: "  same, from schedstat (ns)", vals: col(func(r *result) float64 { return r.cpuNsPct }), format: "%.3f"},
		row{name: "hold: times a second the process woke", vals: col(func(r *result) float64 { return r.woke }), format: "%.2f", target: "≤ 1.1", ok: le(1.1)},
		row{name: "  context switches per second, all threads", vals: col(func(r *result) float64 { return r.wakeups }), format: "%.1f"},
		row{name: "  of which the Go runtime's sysmon thread", vals: col(func(r *result) float64 { return r.sysmon }), format: "%.1f"},
		row{name: "breathing pacer: bytes written per second", vals: col(func(r *result) float64 { return r.pacerBytes }), format: "%.0f"},
		row{name: "  floor (B/s)", vals: col(func(r *result) float64 { return r.pacer.floor }), format: "%.0f"},
		row{name: "  ratio to the floor", vals: col(func(r *result) float64 { return r.pacer.bytes / r.pacer.floor }), format: "%.2f"},
		row{name: "breathing pacer: CPU, % of one core", vals: col(func(r *result) float64 { return r.pacerCPU }), format: "%.3f"},
		row{name: "breathing pacer: times a second the process woke", vals: col(func(r *result) float64 { return r.pacerWoke }), format: "%.1f"},
		row{name: "  context switches per second, all threads", vals: col(func(r *result) float64 { return r.pacerWakeups }), format: "%.1f"},
		row{name: "  of which sysmon", vals: col(func(r *result) float64 { return r.pacerSysmon }), format: "%.1f"},
		row{name: "peak RSS, VmHWM to the end (MB)", vals: col(func(r *result) float64 { return float64(r.hwmKB) / 1024 }), format: "%.1f", target: "≤ 15", ok: le(15)},
		row{name: "  VmHWM on the summary (MB)", vals: col(func(r *result) float64 { return float64(r.hwmSummaryKB) / 1024 }), format: "%.1f"},
		row{name: "key press to screen, slower of 2 (ms)", vals: col(func(r *result) float64 { return ms(slices.Max(r.keyEcho)) }), format: "%.1f", target: "≤ 50", ok: le(50)},
	)
	var deadline time.Duration
	for i, seg := range benchSegments {
		deadline += seg.dur
		name := fmt.Sprintf("end of %-12s at %3.0f s (ms)", seg.name, deadline.Seconds())
		if i == pauseSegment {
			name = fmt.Sprintf("end of %-12s at %3.0f s + pause (ms)", seg.name, deadline.Seconds())
		}
		rows = append(rows, row{name: name, vals: col(func(r *result) float64 { return ms(r.segErr[i]) }), format: "%+.1f", target: "±10", ok: absLE(10)})
	}
	rows = append(rows,
		row{name: "worst segment end, |error| (ms)", vals: col(func(r *result) float64 {
			w := 0.0
			for _, e := range r.segErr {
				w = math.Max(w, math.Abs(ms(e)))
			}
			return w
		}), format: "%.1f", target: "≤ 10", ok: le(10)},
		row{name: "end of routine − (zero + total + pause) (ms)", vals: col(func(r *result) float64 { return ms(r.endErr) }), format: "%+.1f", target: "±10", ok: absLE(10)},
		row{name: "  pause, as the app recorded it (s)", vals: col(func(r *result) float64 { return r.paused.Seconds() }), format: "%.3f"},
	)
	return rows
}

// windowRows are the bytes of the hold, the window with a step change and
// the get-ready, each against its floor.
func windowRows(rs []*result, col func(func(*result) float64) []float64) []row {
	budget := 80.0 // the target for a hold; 160 where the big digits are doubled (34 rows and up)
	if len(rs) > 0 && rs[0].rows >= 34 {
		budget = 160
	}
	return []row{
		{name: "hold: bytes written per second", vals: col(func(r *result) float64 { return r.hold.bytes }), format: "%.0f", target: fmt.Sprintf("≤ %.0f", budget), ok: le(budget)},
		{name: "  floor: changed cells, cheapest moves and pen (B/s)", vals: col(func(r *result) float64 { return r.hold.floor }), format: "%.0f"},
		{name: "  ratio to the floor", vals: col(func(r *result) float64 { return r.hold.bytes / r.hold.floor }), format: "%.2f", target: "≤ 1.5", ok: le(1.5)},
		{name: "hold + step change, 10 s window: bytes per second", vals: col(func(r *result) float64 { return r.change.bytes }), format: "%.0f"},
		{name: "  floor (B/s)", vals: col(func(r *result) float64 { return r.change.floor }), format: "%.0f"},
		{name: "  ratio to the floor", vals: col(func(r *result) float64 { return r.change.bytes / r.change.floor }), format: "%.2f", target: "≤ 1.5", ok: le(1.5)},
		{name: "get-ready after the hold (pose animation): bytes per second", vals: col(func(r *result) float64 { return r.getReady.bytes }), format: "%.0f"},
		{name: "  floor (B/s)", vals: col(func(r *result) float64 { return r.getReady.floor }), format: "%.0f"},
		{name: "  CPU, % of one core (schedstat)", vals: col(func(r *result) float64 { return r.getReady.cpu }), format: "%.3f"},
	}
}

func le(limit float64) func(float64) bool { return func(v float64) bool { return v <= limit } }
func absLE(limit float64) func(float64) bool {
	return func(v float64) bool { return math.Abs(v) <= limit }
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
