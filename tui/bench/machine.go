package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// machine describes the computer the benchmark ran on, so figures from
// different machines are never compared blindly.
type machine struct {
	cpu, kernel, goVersion string
	cores                  int
}

func describeMachine() machine {
	m := machine{cpu: "unknown", kernel: "unknown", cores: runtime.NumCPU(), goVersion: runtime.Version()}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
		_ = f.Close()
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	if out, err := exec.Command("go", "version").Output(); err == nil {
		m.goVersion = strings.TrimPrefix(strings.TrimSpace(string(out)), "go version ")
	}
	return m
}

// loadAvg is the first three fields of /proc/loadavg.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat:
// 100 on every Linux architecture Go supports.
const clockTicks = 100

// cpuTicks is utime+stime of a process (all its threads), in clock ticks.
func cpuTicks(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; fields are counted from
	// after its closing parenthesis, where field 3 (state) begins.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, s)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, s)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, s)
	}
	return utime + stime, nil
}

// cpuNanos is the CPU time of every thread of a process from the
// scheduler's own accounting (/proc/<pid>/task/*/schedstat, nanoseconds):
// a finer cross-check of cpuTicks.
func cpuNanos(pid int) int64 {
	return sumThreads(pid, "schedstat", func(text string) int64 {
		if f := strings.Fields(text); len(f) > 0 {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			return n
		}
		return 0
	})
}

// wakeups is the number of context switches of every thread of a process
// so far: each time one of its threads slept and was woken, or was
// preempted.
func wakeups(pid int) int64 {
	return sumThreads(pid, "status", func(text string) int64 {
		var sum int64
		for _, line := range strings.Split(text, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if ok && (k == "voluntary_ctxt_switches" || k == "nonvoluntary_ctxt_switches") {
				n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				sum += n
			}
		}
		return sum
	})
}

// sysmonWakeups is the context switches of the Go runtime's sysmon thread:
// the process's second thread, the first one runtime.main starts (before
// any goroutine of the program runs). It wakes on its own to watch the
// scheduler: at every timer the process sleeps until, and then every 20 µs
// to 10 ms while anything runs.
func sysmonWakeups(pid int) int64 {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
	second := 0
	for _, t := range tasks {
		if tid, err := strconv.Atoi(filepath.Base(t)); err == nil && tid != pid && (second == 0 || tid < second) {
			second = tid
		}
	}
	if second == 0 {
		return 0
	}
	var sum int64
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/status", pid, second))
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && (k == "voluntary_ctxt_switches" || k == "nonvoluntary_ctxt_switches") {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			sum += n
		}
	}
	return sum
}

// wakeGap is the quiet that separates two wake-ups of a process in
// countWakes: what its threads do within it (a timer's goroutine, the
// frame, the runtime's sysmon polling while they run, a second timer a
// millisecond later) is one wake-up, with the processor never idle long.
const wakeGap = 20 * time.Millisecond

// countWakes watches process pid until the time until and returns how
// many times it woke: runs of its threads being scheduled, apart by at
// least wakeGap of none of them running. It polls the threads' schedstat
// (times each was put on a processor) every millisecond; a wake-up is
// seen as a change after a quiet gap. Context switches count threads, and
// the Go runtime wakes two or three per timer however the app is written;
// this counts what the issue means by waking the process.
func countWakes(pid int, until time.Time) int {
	ran := func() int64 {
		return sumThreads(pid, "schedstat", func(text string) int64 {
			f := strings.Fields(text)
			if len(f) < 3 {
				return 0
			}
			n, _ := strconv.ParseInt(f[2], 10, 64)
			return n
		})
	}
	last, lastChange, wakes := ran(), time.Now(), 0
	for now := time.Now(); now.Before(until); now = time.Now() {
		time.Sleep(time.Millisecond)
		n := ran()
		if n == last {
			continue
		}
		now = time.Now()
		if now.Sub(lastChange) >= wakeGap {
			wakes++
		}
		last, lastChange = n, now
	}
	return wakes
}

// sumThreads adds up what count reads from each thread's file
// /proc/<pid>/task/*/<file>; a thread gone meanwhile counts nothing.
func sumThreads(pid int, file string, count func(text string) int64) int64 {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/%s", pid, file))
	var sum int64
	for _, t := range tasks {
		if b, err := os.ReadFile(t); err == nil {
			sum += count(string(b))
		}
	}
	return sum
}

// statusKB reads a "Vm..." field of /proc/<pid>/status in kB.
func statusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == field {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// cpuTimes is the machine's total and stolen CPU time so far, in clock
// ticks (the first line of /proc/stat): steal is time a virtual machine's
// processors were ready but the host ran something else, which no program
// in the machine can avoid, and which makes every figure here late or slow
// by its share.
func cpuTimes() (total, steal int64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0
	}
	// user nice system idle iowait irq softirq steal; guest time is
	// already in user, so the fields after steal are left out.
	for _, v := range f[1:9] {
		n, _ := strconv.ParseInt(v, 10, 64)
		total += n
	}
	steal, _ = strconv.ParseInt(f[8], 10, 64)
	return total, steal
}

// stealText says how much of the machine's CPU time the host took between
// two readings of cpuTimes.
func stealText(total0, steal0, total1, steal1 int64) string {
	if total1 <= total0 {
		return "steal unknown"
	}
	return fmt.Sprintf("CPU time stolen by the host (steal) %.1f %%", float64(steal1-steal0)/float64(total1-total0)*100)
}

// stealSample is the machine's stolen CPU time so far, read at a moment.
type stealSample struct {
	at    time.Time
	steal int64 // clock ticks, all processors
}

// stealLog reads the host's steal every 10 ms (the kernel counts it in
// 10 ms ticks) until stop is closed, so each segment end can be told apart
// by whether the host took CPU time while it was due.
type stealLog struct {
	mu      sync.Mutex
	samples []stealSample
}

func (l *stealLog) run(stop <-chan struct{}) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		_, s := cpuTimes()
		l.mu.Lock()
		l.samples = append(l.samples, stealSample{time.Now(), s})
		l.mu.Unlock()
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// stoleDuring reports whether the host took any CPU time between from and
// to, widened to the samples around them (false when not sampled).
func (l *stealLog) stoleDuring(from, to time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := sort.Search(len(l.samples), func(i int) bool { return l.samples[i].at.After(from) })
	j := sort.Search(len(l.samples), func(i int) bool { return !l.samples[i].at.Before(to) })
	if i > 0 {
		i--
	}
	if j >= len(l.samples) {
		return false
	}
	return l.samples[j].steal > l.samples[i].steal
}
