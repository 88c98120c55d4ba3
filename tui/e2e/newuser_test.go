package e2e

// What a new user hits first, checked on the real binary: quitting ends on
// the summary, leaving at once records nothing.

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// e2eLeaveSummary waits for the summary a quit ends on and leaves it.
func e2eLeaveSummary(t *testing.T, tm *e2eTerm) {
	t.Helper()
	tm.waitForText(t, e2eTimeout, "Session ended early.")
	tm.send(t, e2eKeyEnter)
}

// e2eSettingsFile replaces the sandbox's settings file.
func (e *e2eEnv) settings(t *testing.T, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(e.config, "cooldown", "config.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// q, y shows the summary with what was done and the rating question; the
// rating given there is recorded with the quit session, once.
func TestE2EQuitEndsOnTheSummary(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eHoldYAML)
	tm := e2eStart(t, env, 80, 24, "start", "tiny")
	tm.waitForText(t, e2eTimeout, "HOLD")
	tm.send(t, "q")
	tm.waitForText(t, e2eTimeout, "Quit this session?")
	tm.send(t, "y")
	s := tm.waitForText(t, e2eTimeout, "Session ended early.")
	for _, want := range []string{"Time", "Steps       0 done, 0 skipped of 2", "Areas       calves"} {
		if !strings.Contains(s, want) {
			t.Errorf("the summary lacks %q\n%s", want, tm.dump())
		}
	}
	if strings.Contains(s, "How do you feel") {
		t.Errorf("asks how you feel after a session where nothing was done\n%s", tm.dump())
	}
	tm.send(t, e2eKeyEnter)
	tm.assertEnded(t, env, exitOK, "quit")
}

// A session quit after its first step asks how you feel; the answer goes
// into the history.
func TestE2EQuitRatingRecorded(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyRoutine("hydrate 1s", "active-easy 30s"))
	tm := e2eStart(t, env, 80, 24, "start", "tiny")
	tm.waitForText(t, e2eTimeout, "step 2 of 2")
	tm.send(t, "q")
	tm.waitForText(t, e2eTimeout, "Quit this session?")
	tm.send(t, "y")
	tm.waitForText(t, e2eTimeout, "How do you feel now?")
	tm.send(t, "4")
	tm.waitForText(t, e2eTimeout, "You feel good (4 of 5)")
	tm.send(t, e2eKeyEnter)
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Errorf("exit code %d, want %d", code, exitOK)
	}
	recs := env.history(t)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	data, _ := os.ReadFile(filepath.Join(env.state, "cooldown", "history.jsonl"))
	var rec struct {
		Outcome string `json:"outcome"`
		Rating  *int   `json:"rating"`
	}
	if err := json.Unmarshal(data, &rec); err != nil || rec.Outcome != "quit" || rec.Rating == nil || *rec.Rating != 4 {
		t.Errorf("record %s: outcome %q, rating %v; want quit, 4", data, rec.Outcome, rec.Rating)
	}
}

// Opening a routine and leaving in its first get-ready is not a session:
// nothing in the history, no checkpoint left for the next run to recover.
func TestE2EQuitInFirstGetReadyNotRecorded(t *testing.T) {
	t.Parallel()
	for _, keys := range []string{"q", "\x03"} {
		env := newE2EEnv(t)
		env.settings(t, "get_ready: 30s\n")
		env.writeRoutine(t, "tiny.yaml", e2eHoldYAML)
		tm := e2eStart(t, env, 80, 24, "start", "tiny")
		tm.waitForText(t, e2eTimeout, "GET READY")
		tm.send(t, keys)
		if keys == "q" {
			tm.waitForText(t, e2eTimeout, "Quit this session?")
			tm.send(t, "y")
		}
		code := tm.waitExit(t, e2eTimeout)
		if want := map[string]int{"q": exitOK, "\x03": 130}[keys]; code != want {
			t.Errorf("%q: exit code %d, want %d", keys, code, want)
		}
		if recs := env.history(t); len(recs) != 0 {
			t.Errorf("%q in the first get-ready was recorded: %+v", keys, recs)
		}
		if left, _ := filepath.Glob(filepath.Join(env.state, "cooldown", "checkpoints", "*")); len(left) > 0 {
			t.Errorf("%q: checkpoint files left: %v", keys, left)
		}
	}
}

// Completion in a real bash: the script `cooldown completion bash` prints,
// sourced, completes routine ids and areas by running the real binary.
// (bash-completion's word splitter is stubbed with the few variables the
// script reads; zsh asks the same `__complete` and is covered there.)
func TestE2EBashCompletion(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("this test needs bash")
	}
	env := newE2EEnv(t)
	bin := e2eBinary(t)
	complete := func(line string) []string {
		t.Helper()
		words := strings.Fields(line)
		if strings.HasSuffix(line, " ") {
			words = append(words, "")
		}
		script := `_get_comp_words_by_ref() { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
source <(cooldown completion bash)
COMP_WORDS=(` + strings.Join(quoteAll(words), " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]}-1))
COMP_LINE=` + shellQuote(line) + `; COMP_POINT=${#COMP_LINE}
__start_cooldown 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
		cmd.Env = append(env.environ(), "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.Fields(string(out))
	}
	for _, c := range []struct {
		line string
		want string
	}{
		{"cooldown start qu", "quick-10-lower"},
		{"cooldown list --area cal", "calves"},
		{"cooldown start --soreness ver", "very-sore"},
		{"cooldown hist", "history"},
	} {
		if got := complete(c.line); !slices.Contains(got, c.want) {
			t.Errorf("%q completes to %q, want %q among them", c.line, got, c.want)
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = shellQuote(w)
	}
	return out
}

// The README's install commands: `go install .` from a clone gives a
// working cooldown, and the module path it names is the module's own.
func TestE2EInstallFromClone(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(string(mod), "\n", 2)[0], "module "))
	if !strings.Contains(string(readme), "go install "+module+"@latest") {
		t.Errorf("the README's `go install ...@latest` does not name the module %s", module)
	}
	if !strings.Contains(string(readme), "go install .") {
		t.Error("the README does not give `go install .`")
	}
	bin := t.TempDir()
	cmd := exec.Command("go", "install", ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install .: %v\n%s", err, out)
	}
	env := newE2EEnv(t)
	v := exec.Command(filepath.Join(bin, "cooldown"), "--version")
	v.Env = env.environ()
	if out, err := v.CombinedOutput(); err != nil || !strings.Contains(string(out), "cooldown") {
		t.Errorf("the installed cooldown --version: %v\n%s", err, out)
	}
}

// Plain mode, as a screen-reader user runs it in a terminal: every step
// says its cues and caution; space pauses and resumes, n skips, q quits,
// each at once and without the key appearing in the lines.
func TestE2EPlainModeKeys(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyRoutine("wall-calf 30s", "hydrate 30s"))
	tm := e2eStart(t, env, 100, 30, "start", "tiny", "--plain")
	tm.waitForText(t, e2eTimeout, "Go: Straight-knee calf stretch · left side")
	s := tm.screen()
	for _, want := range []string{"Hands on a wall", "Caution: "} {
		if !strings.Contains(s, want) {
			t.Errorf("plain mode does not say %q\n%s", want, tm.dump())
		}
	}
	tm.send(t, " ")
	tm.waitForText(t, e2eTimeout, "Paused")
	tm.send(t, " ")
	tm.waitForText(t, e2eTimeout, "Resumed")
	tm.send(t, "n")
	tm.waitForText(t, e2eTimeout, "Skipped: Straight-knee calf stretch")
	tm.waitForText(t, e2eTimeout, "Step 2 of 2, get ready: Drink some water")
	tm.send(t, "q")
	tm.waitForText(t, e2eTimeout, "Quit: 0 of 2 steps done, 1 skipped")
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Errorf("exit code %d, want %d", code, exitOK)
	}
	for _, line := range strings.Split(tm.screen(), "\n") {
		if l := strings.TrimSpace(line); l != "" && !regexp.MustCompile(`^\d+:\d\d  `).MatchString(l) {
			t.Errorf("a line that is not an event (an echoed key?): %q\n%s", line, tm.dump())
		}
	}
	if r := e2eAssertRecorded(t, env, "quit"); r.StepsDone != 0 {
		t.Errorf("steps done %d, want 0", r.StepsDone)
	}
}

// The README's plain-mode example is what the binary prints, from a real
// run with the settings and routine the README describes (the times may
// differ by a second on a busy machine).
func TestE2EReadmePlainExample(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const open = "$ cooldown start tiny --plain | cat\n"
	text := string(readme)
	i := strings.Index(text, open)
	if i < 0 {
		t.Fatal("the README has no plain-mode example")
	}
	want := strings.Split(strings.TrimSpace(text[i+len(open):i+len(open)+strings.Index(text[i+len(open):], "```")]), "\n")
	env := newE2EEnv(t)
	env.settings(t, "get_ready: 3s\nswitch_gap: 2s\n")
	env.writeRoutine(t, "tiny.yaml", e2eTinyYAML)
	cmd := exec.Command(e2eBinary(t), "start", "tiny", "--plain")
	cmd.Env = env.environ()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cooldown start tiny --plain: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines, the README shows %d:\n%s", len(got), len(want), out)
	}
	stamp := regexp.MustCompile(`^\s*(\d+):(\d\d)  (.*)$`)
	for n := range got {
		g, w := stamp.FindStringSubmatch(got[n]), stamp.FindStringSubmatch(want[n])
		if g == nil || w == nil {
			t.Fatalf("line %d: %q against the README's %q", n+1, got[n], want[n])
		}
		secs := func(m []string) int { a, _ := strconv.Atoi(m[1]); b, _ := strconv.Atoi(m[2]); return a*60 + b }
		if g[3] != w[3] || secs(g)-secs(w) > 1 || secs(w)-secs(g) > 1 {
			t.Errorf("line %d: %q, the README shows %q", n+1, got[n], want[n])
		}
	}
}

// An interrupted session goes on where it stopped: the picker offers it
// (r), `cooldown start --resume` resumes it, and the history keeps one
// session, from its first start, not two.
func TestE2EResume(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.writeRoutine(t, "tiny.yaml", e2eTinyRoutine("hydrate 1s", "active-easy 30s", "hydrate 1s"))
	interrupt := func() {
		t.Helper()
		tm := e2eStart(t, env, 80, 24, "start", "tiny")
		tm.waitFor(t, e2eTimeout, "the second step", func(s string) bool {
			return strings.Contains(s, "step 2 of 3") && strings.Contains(s, "MOVE")
		})
		tm.signal(t, syscall.SIGTERM)
		if code := tm.waitExit(t, e2eTimeout); code != 130 {
			t.Fatalf("exit %d after SIGTERM, want 130", code)
		}
	}
	interrupt()
	first := env.history(t)
	if len(first) != 1 || first[0].Outcome != "interrupted" || first[0].StepsDone != 1 {
		t.Fatalf("history after the interruption: %+v", first)
	}

	// The picker offers it; r resumes at the step reached.
	tm := e2eStart(t, env, 80, 24)
	tm.waitForText(t, e2eTimeout, "What do you have here?")
	tm.send(t, "q") // not now: the first screen offers the resume
	tm.waitForText(t, e2eTimeout, "Resume Tiny test routine at step 2 of 3")
	tm.send(t, "r")
	tm.waitFor(t, e2eTimeout, "the session at step 2", func(s string) bool {
		return strings.Contains(s, "step 2 of 3") && strings.Contains(s, "Easy walk")
	})
	tm.send(t, "q")
	tm.waitForText(t, e2eTimeout, "Quit this session?")
	tm.send(t, "y")
	e2eLeaveSummary(t, tm)
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Sessions []struct {
			Start     time.Time `json:"start"`
			Outcome   string    `json:"outcome"`
			StepsDone int       `json:"steps_done"`
		} `json:"sessions"`
	}
	data, _ := env.historyJSON(t, &got)
	if len(got.Sessions) != 1 || got.Sessions[0].Outcome != "quit" || !got.Sessions[0].Start.Equal(first[0].Start) || got.Sessions[0].StepsDone < 1 {
		t.Fatalf("history after resuming: %s", data)
	}

	// Interrupted again, `start --resume --plain` goes on from step 2.
	interrupt()
	tm = e2eStart(t, env, 100, 30, "start", "--resume", "--plain")
	tm.waitForText(t, e2eTimeout, "Resuming at step 2 of 3.")
	tm.waitForText(t, e2eTimeout, "Go: Easy walk or spin")
	tm.send(t, "q")
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	got.Sessions = nil
	data, _ = env.historyJSON(t, &got)
	if len(got.Sessions) != 2 || got.Sessions[1].Outcome != "quit" {
		t.Fatalf("history after the plain resume: want the first session and this one, quit: %s", data)
	}
	// Nothing left to resume: --resume says so.
	none := exec.Command(e2eBinary(t), "start", "--resume", "--plain")
	none.Env = env.environ()
	if err := none.Run(); e2eExitCode(t, err) != 2 {
		t.Errorf("--resume with nothing to resume: %v, want exit 2", err)
	}
}

// In plain mode too, q in the first get-ready leaves no session behind.
func TestE2EPlainQuitInFirstGetReady(t *testing.T) {
	t.Parallel()
	env := newE2EEnv(t)
	env.settings(t, "get_ready: 30s\n")
	env.writeRoutine(t, "tiny.yaml", e2eHoldYAML)
	tm := e2eStart(t, env, 100, 30, "start", "tiny", "--plain")
	tm.waitForText(t, e2eTimeout, "Step 1 of 2, get ready")
	tm.send(t, "q")
	if code := tm.waitExit(t, e2eTimeout); code != exitOK {
		t.Errorf("exit code %d, want %d", code, exitOK)
	}
	if recs := env.history(t); len(recs) != 0 {
		t.Errorf("recorded: %+v", recs)
	}
	if left, _ := filepath.Glob(filepath.Join(env.state, "cooldown", "checkpoints", "*")); len(left) > 0 {
		t.Errorf("checkpoint files left: %v", left)
	}
}
