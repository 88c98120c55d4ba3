package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// planEnv points cooldown's files at temporary folders and returns the
// user routines folder.
func planEnv(t *testing.T) string {
	t.Helper()
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("NO_COLOR", "1")
	prev := testWorld
	testWorld.now = func() time.Time { return time.Date(2026, 3, 14, 18, 30, 0, 0, time.UTC) }
	t.Cleanup(func() { testWorld = prev })
	return filepath.Join(cfg, "cooldown", "routines")
}

type planRun struct {
	code     int
	out, err string
}

func runPlanCLI(t *testing.T, args ...string) planRun {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, testStreams(&out, &errb))
	return planRun{code, out.String(), errb.String()}
}

func (r planRun) wantOK(t *testing.T) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", r.code, r.out, r.err)
	}
}

// The output of plan for a few fixed requests.
func TestPlanGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"12-sore-calves", []string{"--minutes", "12", "--soreness", "sore", "--areas", "calves"}},
		{"30-default", []string{"--minutes", "30"}},
		{"20-very-sore-legs", []string{"--minutes", "20", "--soreness", "very-sore", "--areas", "legs"}},
		{"5-eight-areas", []string{"--minutes", "5", "--areas", "calves,quads,hamstrings,glutes,hips,lower-back,upper-back,shoulders"}},
		{"60-fresh-calves", []string{"--minutes", "60", "--soreness", "fresh", "--areas", "calves"}},
		{"15-longer-holds", []string{"--minutes", "15", "--areas", "back,shoulders", "--longer-holds"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			planEnv(t)
			r := runPlanCLI(t, append([]string{"plan"}, c.args...)...)
			r.wantOK(t)
			// Only a very-sore plan writes to stderr: the check card.
			if veryCard := strings.HasPrefix(r.err, "Very sore? A quick check first"); r.err != "" && !(veryCard && slices.Contains(c.args, "very-sore")) {
				t.Errorf("stderr: %s", r.err)
			}
			golden.RequireEqual(t, []byte(r.out))
			again := runPlanCLI(t, append([]string{"plan"}, c.args...)...)
			if again.out != r.out {
				t.Error("the same flags gave a different plan")
			}
		})
	}
}

// --save writes a routine file into the user folder: validate accepts
// it, list shows it with that file as its source, show prints what plan
// printed, and it is never overwritten.
func TestPlanSave(t *testing.T) {
	dir := planEnv(t)
	r := runPlanCLI(t, "plan", "--minutes", "12", "--areas", "calves", "--save", "today", "--name", "Today's calves")
	r.wantOK(t)
	path := filepath.Join(dir, "today.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, data)
	if !strings.Contains(r.err, "saved today to ") || !strings.Contains(r.err, "`cooldown start today`") {
		t.Errorf("stderr: %s", r.err)
	}

	v := runPlanCLI(t, "validate", path)
	v.wantOK(t)
	if !strings.Contains(v.out, ": ok — 1 routine: today (11 min 50 s)") {
		t.Errorf("validate: %s", v.out)
	}

	l := runPlanCLI(t, "list", "--json")
	l.wantOK(t)
	var entries []struct {
		ID, Source string
		Seconds    int
	}
	if err := json.Unmarshal([]byte(l.out), &entries); err != nil {
		t.Fatal(err, l.out)
	}
	found := false
	for _, e := range entries {
		if e.ID == "today" {
			found = true
			if e.Source != path || e.Seconds != 11*60+50 {
				t.Errorf("list: source %q, seconds %d; want %q, 710", e.Source, e.Seconds, path)
			}
		}
	}
	if !found {
		t.Fatalf("list --json lacks the saved plan:\n%s", l.out)
	}

	// show prints the saved plan as plan printed it, minus the notes.
	s := runPlanCLI(t, "show", "today")
	s.wantOK(t)
	if want := regexp.MustCompile(`(?s)\nNotes\n.*?\n\n`).ReplaceAllString(r.out, "\n"); s.out != want {
		t.Errorf("show differs from plan's output:\n--- plan\n%s\n--- show\n%s", r.out, s.out)
	}

	// Never overwritten, in any spelling; an id another routine has is
	// refused too (the file would replace it).
	for _, name := range []string{"today", "today.yaml", path} {
		again := runPlanCLI(t, "plan", "--minutes", "12", "--areas", "calves", "--save", name)
		if again.code != exitUsage || !strings.Contains(again.err, "already exists") || again.out != "" {
			t.Errorf("--save %s over an existing file: exit %d, %q", name, again.code, again.err)
		}
	}
	dup := runPlanCLI(t, "plan", "--minutes", "12", "--areas", "calves", "--save", "today.yml")
	if dup.code != exitUsage || !strings.Contains(dup.err, "already in") {
		t.Errorf("a second file for the id today: exit %d, %q", dup.code, dup.err)
	}
	bi := runPlanCLI(t, "plan", "--minutes", "12", "--save", "quick-10-lower")
	if bi.code != exitUsage || !strings.Contains(bi.err, "built-in") {
		t.Errorf("saved over a built-in id: exit %d, %q", bi.code, bi.err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
		t.Error("the saved file changed")
	}

	// A path with a folder is written exactly there, and only there.
	elsewhere := filepath.Join(t.TempDir(), "handout.yml")
	e := runPlanCLI(t, "plan", "--minutes", "20", "--soreness", "very-sore", "--areas", "legs", "--longer-holds", "--save", elsewhere)
	e.wantOK(t)
	v = runPlanCLI(t, "validate", elsewhere)
	v.wantOK(t)
	if _, err := os.Stat(filepath.Join(dir, "handout.yml")); err == nil {
		t.Error("a path with a folder was saved in the routines folder")
	}
}

func TestPlanBadInput(t *testing.T) {
	dir := planEnv(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil { // a folder the loader does not read
		t.Fatal(err)
	}
	existing := filepath.Join(dir, "taken.yaml")
	if err := os.WriteFile(existing, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{}, "--minutes is required"},
		{[]string{"--minutes", "4"}, "--minutes: plans are 5 to 60 minutes long, got 4"},
		{[]string{"--minutes", "61"}, "got 61"},
		{[]string{"--minutes", "0"}, "got 0"},
		{[]string{"--minutes", "-3"}, "got -3"},
		{[]string{"--minutes=-3"}, "got -3"},
		{[]string{"--minutes", "abc"}, `--minutes: want a whole number of minutes from 5 to 60, got "abc"`},
		{[]string{"--minutes", "12.5"}, `got "12.5"`},
		{[]string{"--minutes", ""}, `got ""`},
		{[]string{"--minutes"}, "flag needs an argument"},
		{[]string{"--minutes", "10", "--areas", "calfs"}, `--areas: unknown body area "calfs" (did you mean "calves"?)`},
		{[]string{"--minutes", "10", "--areas", "calves,elbows"}, `unknown body area "elbows"`},
		{[]string{"--minutes", "10", "--areas", ""}, "--areas: name at least one body area or group"},
		{[]string{"--minutes", "10", "--soreness", "achy"}, `--soreness: unknown soreness level "achy"`},
		{[]string{"--minutes", "10", "--soreness", ""}, ""}, // "" is the default, sore: not an error
		{[]string{"--minutes", "10", "--save", existing}, "already exists"},
		{[]string{"--minutes", "10", "--save", "taken"}, "already exists"},
		{[]string{"--minutes", "10", "--save", ""}, "--save: want a file name"},
		{[]string{"--minutes", "10", "--save", ".."}, "--save: want a file name"},
		{[]string{"--minutes", "10", "--save", filepath.Join(dir, "no", "such", "x.yaml")}, "--save: there is no folder"},
		{[]string{"--minutes", "10", "--save", "Evening.YAML"}, "only files ending in .yaml or .yml (lower case)"},
		{[]string{"--minutes", "10", "--save", "evening.Yml"}, "only files ending in .yaml or .yml (lower case)"},
		{[]string{"--minutes", "10", "--save", filepath.Join(dir, "evening.YAML")}, "only files ending in .yaml or .yml"},
		{[]string{"--minutes", "10", "--save", filepath.Join(dir, ".hidden.yaml")}, "only files ending in .yaml or .yml"},
		{[]string{"--minutes", "10", "--save", filepath.Join(dir, "sub", "x.yaml")}, "in a folder inside the routines folder"},
		{[]string{"--minutes", "10", "--save", strings.Repeat("x", 300)}, "the file name is 305 bytes long; at most 255"},
		{[]string{"--minutes", "10", "--plain"}, "--plain only applies with --start"},
		{[]string{"--minutes", "10", "--quiet"}, "--quiet only applies with --start"},
		{[]string{"--minutes", "10", "--no-auto"}, "--no-auto only applies with --start"},
		{[]string{"--minutes", "10", "extra"}, "unknown command"},
		{[]string{"--minutes", "10", "--weeks", "2"}, "unknown flag"},
	} {
		r := runPlanCLI(t, append([]string{"plan"}, c.args...)...)
		if c.want == "" {
			r.wantOK(t)
			continue
		}
		if r.code != exitUsage || !strings.Contains(r.err, c.want) || r.out != "" {
			t.Errorf("plan %q: exit %d, stderr %q, stdout %d bytes; want exit 2 with %q", c.args, r.code, r.err, len(r.out), c.want)
		}
	}
	if data, _ := os.ReadFile(existing); string(data) != "# mine\n" {
		t.Error("an existing file was changed")
	}
}

// --start runs the plan through start's code path: with no terminal, the
// plain mode, which a signal interrupts (exit 130).
func TestPlanStart(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends itself SIGINT")
	}
	planEnv(t)
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"plan", "--minutes", "5", "--areas", "calves", "--start", "--quiet"},
			ioStreams{out: &out, err: &errb})
	}()
	// The session's first line comes after its signal handler is set.
	const header = "Today: 5 min, sore calves · "
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), header) {
		select {
		case code := <-done:
			t.Fatalf("plan --start ended early with %d\n%s\n%s", code, out.String(), errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session never started:\n%s\n%s", out.String(), errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	p, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != exitInterrupted {
			t.Errorf("exit %d, want 130\n%s\n%s", code, out.String(), errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not stop on SIGINT")
	}
	got := out.String()
	if !strings.HasPrefix(got, "Today: 5 min, sore calves (plan-5m-sore-calves)\n") ||
		!strings.Contains(got, "Step 1 of 4, get ready: Easy walk or spin") || !strings.Contains(got, "Interrupted:") {
		t.Errorf("output:\n%s", got)
	}
}

func TestPlanStartFlagsStayWithStart(t *testing.T) {
	// Building plan's flags must not take start's session flags away.
	a := newApp(ioStreams{})
	root := a.rootCmd()
	start, _, err := root.Find([]string{"start"})
	if err != nil {
		t.Fatal(err)
	}
	if a.startFlags != nil && a.startFlags != start.Flags() {
		t.Error("a.startFlags does not point at start's flags after the commands are built")
	}
}

// The plan example in README.md is what plan prints.
func TestPlanReadmeExample(t *testing.T) {
	planEnv(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prompt = "$ cooldown plan "
	text := string(readme)
	i := strings.Index(text, prompt)
	if i < 0 {
		t.Fatal("README.md has no plan example")
	}
	block := text[i:]
	block = block[:strings.Index(block, "```")]
	lines := strings.Split(strings.TrimRight(block, "\n"), "\n")
	r := runPlanCLI(t, strings.Fields(strings.TrimPrefix(lines[0], "$ cooldown "))...)
	r.wantOK(t)
	out := strings.Split(r.out, "\n")
	for _, l := range lines[1:] {
		if l != "..." && !slices.Contains(out, l) {
			t.Errorf("README line %q is not in the output:\n%s", l, r.out)
		}
	}
}

// syncBuffer is a bytes.Buffer safe to read while the command writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
