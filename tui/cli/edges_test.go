package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// A routine file whose total is 12 min 10 s with the default gaps: one
// 12 min hold and its 5 s get-ready, and a 5 s drink with its 5 s.
const twelveMinutes = `routines:
  - id: twelve
    name: Twelve minutes
    soreness: [sore]
    steps:
      - do: active-easy
        for: 12m
      - do: hydrate
        for: 5s
`

// Every total shown uses the person's get_ready and switch_gap: show,
// list (table and JSON), validate and plan agree with the session.
func TestTotalsUseTheUserTiming(t *testing.T) {
	dir := env(t)
	cfg := filepath.Join(filepath.Dir(dir), "config.yaml")
	testfiles.Write(t, cfg, "get_ready: 0s\nswitch_gap: 0s\n")
	lib := builtin(t)
	zero := routines.Timing{}
	r, err := lib.Routine("quick-10-lower")
	if err != nil {
		t.Fatal(err)
	}
	want := r.Total(zero)
	if want == r.Total(routines.DefaultTiming()) {
		t.Fatal("pick a routine whose total depends on the gaps")
	}

	show := cli(t, "show", "quick-10-lower")
	show.want(t, exitOK)
	if !strings.Contains(show.out, "Total    "+routines.Friendly(want)+", with 0 s to get ready") {
		t.Errorf("show does not use the settings' gaps (want %s):\n%s", routines.Friendly(want), show.out)
	}
	md := cli(t, "show", "quick-10-lower", "--markdown")
	if !strings.Contains(md.out, "**Total:** "+routines.Friendly(want)+", with 0 s") {
		t.Errorf("show --markdown does not use the settings' gaps:\n%s", md.out)
	}
	for _, e := range listJSON(t) {
		if e.ID == "quick-10-lower" && e.Seconds != int(want/time.Second) {
			t.Errorf("list --json: %d s, want %d", e.Seconds, int(want/time.Second))
		}
	}
	file := testfiles.Write(t, filepath.Join(t.TempDir(), "twelve.yaml"), twelveMinutes)
	v := cli(t, "validate", file)
	v.want(t, exitOK)
	if !strings.Contains(v.out, "twelve (12 min 5 s)") {
		t.Errorf("validate does not use the settings' gaps: %s", v.out)
	}
	// A plan fits the minutes with the gaps the person will get.
	p := cli(t, "plan", "--minutes", "12", "--areas", "calves")
	p.want(t, exitOK)
	if !strings.Contains(p.out, "with 0 s to get ready") {
		t.Errorf("plan does not use the settings' gaps:\n%s", p.out)
	}
}

// One rounding rule: a routine the table shows as 12 min is kept by
// --max-minutes 12 (it is 12 min 10 s), and left out by 11.
func TestListMaxMinutesRoundsAsShown(t *testing.T) {
	dir := env(t)
	testfiles.Write(t, filepath.Join(dir, "twelve.yaml"), twelveMinutes)
	tab := cli(t, "list")
	tab.want(t, exitOK)
	var row string
	for _, l := range strings.Split(tab.out, "\n") {
		if strings.HasPrefix(l, "twelve ") {
			row = l
		}
	}
	if !strings.Contains(row, " 12 ") {
		t.Fatalf("the table should show twelve as 12 min: %q", row)
	}
	if got := ids(listJSON(t, "--max-minutes", "12")); !slices.Contains(got, "twelve") {
		t.Errorf("--max-minutes 12 leaves out a routine shown as 12 min: %v", got)
	}
	if got := ids(listJSON(t, "--max-minutes", "11")); slices.Contains(got, "twelve") {
		t.Errorf("--max-minutes 11 keeps a routine shown as 12 min: %v", got)
	}
}

// plan --save NAME: the saved routine's id is NAME, its name is --name or
// made from NAME, and `cooldown show NAME` (as start) finds it.
func TestPlanSaveNames(t *testing.T) {
	dir := planEnv(t)
	r := runPlanCLI(t, "plan", "--minutes", "12", "--areas", "calves", "--save", "calf-day")
	r.wantOK(t)
	s := runPlanCLI(t, "show", "calf-day")
	s.wantOK(t)
	if !strings.HasPrefix(s.out, "Calf day (calf-day)\n") {
		t.Errorf("show calf-day: %q", strings.SplitN(s.out, "\n", 2)[0])
	}
	n := runPlanCLI(t, "plan", "--minutes", "15", "--save", "evening.yaml", "--name", "Evening wind-down")
	n.wantOK(t)
	s = runPlanCLI(t, "show", "evening")
	s.wantOK(t)
	if !strings.HasPrefix(s.out, "Evening wind-down (evening)\n") {
		t.Errorf("show evening: %q", strings.SplitN(s.out, "\n", 2)[0])
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--name", "Evening"}, "--name names a saved plan"},
		{[]string{"--save", "Ünïcode"}, "cannot be a routine id"},
		{[]string{"--save", "later", "--name", " "}, "--name: the name must not be empty"},
		{[]string{"--save", "later", "--name", strings.Repeat("x", 49)}, "at most 48"},
		{[]string{"--save", "later", "--name", "a\x1b[31mred"}, "control characters"},
	} {
		r := runPlanCLI(t, append([]string{"plan", "--minutes", "12"}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.err, c.want) {
			t.Errorf("plan %v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "later.yaml")); err == nil {
		t.Error("a refused --name still wrote the file")
	}
}

// The on-screen planner saves through the same code as plan --save: the
// plan's own id, in the routines folder, never over another routine.
func TestPlanSavedOnScreen(t *testing.T) {
	dir := planEnv(t)
	a := newApp(testStreams(io.Discard, io.Discard))
	a.io.now = func() time.Time { return time.Date(2026, 3, 14, 18, 30, 0, 0, time.UTC) }
	lib := builtin(t)
	req := routines.PlanRequest{Minutes: 12, Level: routines.Sore, Areas: []string{"calves"}}
	plan, notes, err := lib.Plan(req)
	if err != nil {
		t.Fatal(err)
	}
	where, err := a.savePlanOnScreen(lib, plan, req, notes)
	if err != nil {
		t.Fatal(err)
	}
	if where != "~/.config/cooldown/routines/plan-12m-sore-calves.yaml" && !strings.HasSuffix(where, "/cooldown/routines/plan-12m-sore-calves.yaml") {
		t.Errorf("saved in %q", where)
	}
	v := runPlanCLI(t, "validate", filepath.Join(dir, "plan-12m-sore-calves.yaml"))
	v.wantOK(t)
	if _, err := a.savePlanOnScreen(lib, plan, req, notes); err == nil || !strings.HasPrefix(err.Error(), "Not saved: ") || strings.Contains(err.Error(), "--save") {
		t.Errorf("saving twice: %v", err)
	}
}

// validate reports every problem of a file in one run: an unknown
// exercise id is found although the file also has a bad duration, with
// did-you-mean; steps whose id is itself malformed are reported once.
func TestValidateOnePass(t *testing.T) {
	env(t)
	file := testfiles.Write(t, filepath.Join(t.TempDir(), "bad.yaml"), `exercises:
  - id: my-stretch
    name: My stretch
    kind: strech
    areas: [calves]
routines:
  - id: bad-one
    name: Bad one
    soreness: [sore]
    steps:
      - do: wall-calff
        for: 30s
      - do: wall-calf
        for: thirty
      - do: my-stretch
        for: 20s
      - do: Bad_Id
        for: 20s
`)
	r := cli(t, "validate", file)
	r.want(t, exitUsage)
	for _, want := range []string{
		"bad.yaml:4:11: exercises[0].kind: unknown kind",
		`bad.yaml:11:13: routines[0].steps[0].do: unknown exercise "wall-calff" in routine "bad-one" (did you mean "wall-calf"?)`,
		"bad.yaml:14:14: routines[0].steps[1].for: bad duration",
		"bad.yaml:17:13: routines[0].steps[3].do: id \"Bad_Id\" must be lowercase",
		"4 problems in 1 file",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if strings.Contains(r.err, `unknown exercise "my-stretch"`) {
		t.Errorf("an exercise defined in the file (with problems of its own) was reported unknown:\n%s", r.err)
	}
}

// Bare `cooldown validate` checks the routines folder, as the picker's
// hint about skipped files promises; the hint names those files.
func TestValidateTheRoutinesFolder(t *testing.T) {
	dir := env(t)
	none := cli(t, "validate")
	none.want(t, exitOK)
	if !strings.Contains(none.err, "no routine files in ~/.config/cooldown/routines") {
		t.Errorf("no folder: %q", none.err)
	}
	testfiles.Write(t, filepath.Join(dir, "good.yaml"), twelveMinutes)
	ok := cli(t, "validate")
	ok.want(t, exitOK)
	if !strings.Contains(ok.out, "good.yaml: ok — 1 routine: twelve (12 min 25 s)") {
		t.Errorf("good folder: %q", ok.out)
	}
	testfiles.Write(t, filepath.Join(dir, "broken.yaml"), "routines:\n  - id: nope\n    colour: red\n")
	testfiles.Write(t, filepath.Join(dir, "also-bad.yml"), "exercises: 3\n")
	bad := cli(t, "validate")
	bad.want(t, exitUsage)
	if !strings.Contains(bad.err, "broken.yaml:3:") || !strings.Contains(bad.err, "also-bad.yml:1:") || !strings.Contains(bad.err, "in 2 of 3 files") {
		t.Errorf("broken folder: %q", bad.err)
	}

	a := newApp(testStreams(io.Discard, io.Discard))
	_, warnings, err := a.loadLibrary()
	if err != nil {
		t.Fatal(err)
	}
	want := "Skipped 2 routine files with problems (also-bad.yml and broken.yaml); `cooldown validate` shows them."
	if !slices.Contains(warnings, want) {
		t.Errorf("picker warnings %q, want %q", warnings, want)
	}
	if got := skippedWarning([]string{"a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"}); got !=
		"Skipped 5 routine files with problems (a.yaml, b.yaml, c.yaml and 2 more); `cooldown validate` shows them." {
		t.Errorf("many files: %q", got)
	}
}

// history fits the width it has, down to 40 columns: the calendar is cut
// to the latest weeks and a note says how many are shown.
func TestHistoryNarrow(t *testing.T) {
	for _, weeks := range []string{"12", "26", "104"} {
		for w := 40; w <= 80; w++ {
			writeHistory(t, historyEnv(t), sampleHistory(t))
			asTerminal(t, w)
			r := cli(t, "history", "--weeks", weeks)
			r.want(t, exitOK)
			requireFits(t, r.out, w)
			if t.Failed() {
				t.Fatalf("--weeks %s at %d columns:\n%s", weeks, w, r.out)
			}
			n := 0
			fmt.Sscan(weeks, &n)
			if room := w - len(heatIndent); n > room && !strings.Contains(r.out, fmt.Sprintf("(%d of %s weeks fit in %d columns)", room, weeks, w)) {
				t.Fatalf("--weeks %s at %d columns: no note of how much is shown:\n%s", weeks, w, r.out)
			}
		}
	}
	asTerminal(t, 30) // narrower still: lines of 40
	r := cli(t, "history")
	requireFits(t, r.out, 40)
}

// The files live in the XDG folders, ~/.config and ~/.local/state when
// those are not set, on macOS as on Linux (not ~/Library/Application
// Support); a relative XDG value is ignored, as the XDG rules say.
func TestFileLocations(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, goos := range []string{"linux", "darwin", "freebsd"} {
		t.Setenv("XDG_CONFIG_HOME", "")
		t.Setenv("XDG_STATE_HOME", "")
		if got := baseDir(goos, "XDG_CONFIG_HOME", ".config"); got != filepath.Join(home, ".config") {
			t.Errorf("%s: config in %s, want ~/.config", goos, got)
		}
		if got := baseDir(goos, "XDG_STATE_HOME", filepath.Join(".local", "state")); got != filepath.Join(home, ".local", "state") {
			t.Errorf("%s: state in %s, want ~/.local/state", goos, got)
		}
		t.Setenv("XDG_CONFIG_HOME", "/elsewhere/config")
		if got := baseDir(goos, "XDG_CONFIG_HOME", ".config"); got != "/elsewhere/config" {
			t.Errorf("%s: XDG_CONFIG_HOME ignored: %s", goos, got)
		}
		t.Setenv("XDG_CONFIG_HOME", "relative/config")
		if got := baseDir(goos, "XDG_CONFIG_HOME", ".config"); got != filepath.Join(home, ".config") {
			t.Errorf("%s: a relative XDG_CONFIG_HOME was used: %s", goos, got)
		}
	}
	// The commands use them: with no XDG variables at all.
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("NO_COLOR", "1")
	r := cli(t, "config")
	r.want(t, exitOK)
	for _, want := range []string{
		"Settings file    ~/.config/cooldown/config.yaml (not there",
		"Your routines    ~/.config/cooldown/routines\n",
		"Session history  ~/.local/state/cooldown/history.jsonl\n",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("config lacks %q:\n%s", want, r.out)
		}
	}
}

// `cooldown config` prints the settings in effect and where each comes
// from; a broken file is reported (exit 2) and the defaults are shown.
func TestConfigCommand(t *testing.T) {
	dir := env(t)
	cfg := filepath.Join(filepath.Dir(dir), "config.yaml")
	testfiles.Write(t, cfg, "get_ready: 3\ntheme: light\n")
	r := cli(t, "config")
	r.want(t, exitOK)
	for _, want := range []string{"Settings file    ~/.config/cooldown/config.yaml\n", "get_ready: 3s (from file)", "theme: light (from file)", "sound: true (default)"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("config lacks %q:\n%s", want, r.out)
		}
	}
	testfiles.Write(t, cfg, "get_ready: soon\n")
	r = cli(t, "config")
	r.want(t, exitUsage)
	if !strings.Contains(r.err, "config.yaml:1:12") || !strings.Contains(r.out, "the defaults are in effect") {
		t.Errorf("broken file: stdout %q stderr %q", r.out, r.err)
	}
}

// --edit creates the file with every setting commented out, opens
// $EDITOR on it (arguments allowed) and checks it when the editor is done.
func TestConfigEdit(t *testing.T) {
	dir := env(t)
	cfg := filepath.Join(filepath.Dir(dir), "config.yaml")
	editor := testfiles.Write(t, filepath.Join(t.TempDir(), "ed.sh"), "#!/bin/sh\n# $1 is a flag, $2 the file\necho \"$1\" >> \"$2\"\n")
	if err := os.Chmod(editor, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor+" theme:dark")
	r := cli(t, "config", "--edit")
	// "theme:dark" is not YAML for a key and value: the check says so.
	r.want(t, exitUsage)
	data, _ := os.ReadFile(cfg)
	if !strings.HasPrefix(string(data), "# cooldown settings.") || !strings.Contains(string(data), "# get_ready: 10s\n") || !strings.HasSuffix(string(data), "theme:dark\n") {
		t.Errorf("the file the editor got:\n%s", data)
	}
	if !strings.Contains(r.err, "config.yaml:") {
		t.Errorf("the edited file's problem is not reported: %q", r.err)
	}
	os.Remove(cfg)
	t.Setenv("EDITOR", editor+" #")
	r = cli(t, "config", "--edit")
	r.want(t, exitOK)
	if !strings.Contains(r.err, "config.yaml is fine") {
		t.Errorf("stderr %q", r.err)
	}
	if _, err := os.Stat(cfg); err != nil {
		t.Error(err)
	}
	t.Setenv("EDITOR", filepath.Join(t.TempDir(), "no-such-editor"))
	r = cli(t, "config", "--edit")
	r.want(t, exitFailure)
}

// `cooldown man` is a man page with every command, FILES and EXIT STATUS.
func TestManPage(t *testing.T) {
	env(t)
	r := cli(t, "man")
	r.want(t, exitOK)
	r.out = strings.ReplaceAll(r.out, `\&`, "") // roff's zero-width escapes
	for _, want := range []string{".TH COOLDOWN 1", ".SH FILES", "history.jsonl", ".SH EXIT STATUS", "130", ".SH ENVIRONMENT", "NO_COLOR"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	for _, c := range []string{"start", "list", "show", "validate", "plan", "history", "config", "man"} {
		if !strings.Contains(r.out, `\fB`+c+`\fP`) {
			t.Errorf("man page lacks the command %s", c)
		}
	}
}

// In plain mode the event lines hold only the session: a warning (here,
// a history that cannot be written) goes to stderr.
func TestPlainWarningsGoToStderr(t *testing.T) {
	dir := env(t)
	testfiles.Write(t, filepath.Join(filepath.Dir(dir), "config.yaml"), "get_ready: 0\nswitch_gap: 0\n")
	testfiles.Write(t, filepath.Join(dir, "one.yaml"), "routines:\n  - id: one\n    name: One second\n    soreness: [sore]\n    steps:\n      - do: hydrate\n        for: 1s\n")
	testfiles.Write(t, filepath.Join(os.Getenv("XDG_STATE_HOME"), "cooldown"), "a file where the folder should be\n")
	r := cli(t, "start", "one", "--plain")
	r.want(t, exitOK)
	if strings.Contains(r.out, "Warning") || strings.Contains(r.out, "history") {
		t.Errorf("a warning among the event lines:\n%s", r.out)
	}
	if !strings.Contains(r.err, "history not saved") {
		t.Errorf("no warning on stderr: %q", r.err)
	}
	if !strings.Contains(r.out, "Finished: 1 of 1 steps done") {
		t.Errorf("stdout:\n%s", r.out)
	}
}

// readmeCommands are the command lines the README shows: `cooldown ...`
// spans in the text and the lines of its code blocks that start with
// cooldown (or $ cooldown).
func readmeCommands(text string) [][]string {
	var out [][]string
	add := func(line string) {
		line = strings.TrimPrefix(strings.TrimSpace(line), "$ ")
		if i := strings.Index(line, "  "); i >= 0 {
			line = line[:i] // a usage list: the description follows
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		for _, sep := range []string{"|", ">", "<", ";", "&&", "2>"} {
			if i := strings.Index(line, " "+sep); i >= 0 {
				line = line[:i]
			}
		}
		if f := strings.Fields(line); len(f) > 0 && f[0] == "cooldown" {
			out = append(out, f[1:])
		}
	}
	for _, m := range regexp.MustCompile("`(cooldown [^`]*)`").FindAllStringSubmatch(text, -1) {
		add(m[1])
	}
	inBlock := false
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "```") {
			inBlock = !inBlock
			continue
		}
		if inBlock && (strings.HasPrefix(l, "cooldown ") || strings.HasPrefix(l, "$ cooldown")) {
			add(l)
		}
	}
	return out
}

// Every command and flag the README shows is one the program has: each
// command's --help is run and must list the flags the README gives it.
func TestReadmeCommandsAndFlags(t *testing.T) {
	env(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(string(readme))
	if len(cmds) < 20 {
		t.Fatalf("found only %d command lines in the README", len(cmds))
	}
	root := newApp(testStreams(io.Discard, io.Discard)).rootCmd()
	help := map[string]string{}
	checked := 0
	for _, words := range cmds {
		path := []string{}
		c := root
		for _, w := range words {
			next := false
			for _, sub := range c.Commands() {
				if sub.Name() == w {
					c, path, next = sub, append(path, w), true
					break
				}
			}
			if !next {
				break
			}
		}
		key := strings.Join(path, " ")
		if len(words) > 0 && words[0] == "completion" {
			// Added by fang when the program runs: run it.
			if r := cli(t, "completion", "bash"); r.code != exitOK || !strings.Contains(r.out, "__complete") {
				t.Errorf("cooldown completion bash: exit %d", r.code)
			}
			continue
		}
		if len(path) == 0 && len(words) > 0 && !strings.HasPrefix(words[0], "-") {
			t.Errorf("the README shows `cooldown %s`: %s is not a command", strings.Join(words, " "), words[0])
		}
		if _, ok := help[key]; !ok {
			r := cli(t, append(slices.Clone(path), "--help")...)
			if r.code != exitOK {
				t.Errorf("cooldown %s --help: exit %d", key, r.code)
			}
			help[key] = r.out + r.err
		}
		for _, w := range words[len(path):] {
			if !strings.HasPrefix(w, "-") {
				continue
			}
			flag := strings.SplitN(w, "=", 2)[0]
			checked++
			if !strings.Contains(help[key], flag) {
				t.Errorf("the README shows `cooldown %s`, but `cooldown %s --help` has no %s", strings.Join(words, " "), key, flag)
			}
		}
	}
	if checked < 15 {
		t.Errorf("only %d flags checked", checked)
	}
	// Every --flag the README names anywhere is a flag of some command.
	all := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { all["--"+f.Name] = true })
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	all["--help"], all["--version"] = true, true
	for _, m := range regexp.MustCompile("`[^`]*?(--[a-z][a-z-]+)[^`]*`").FindAllStringSubmatch(string(readme), -1) {
		if strings.Contains(m[0], "go ") || strings.Contains(m[0], "./tui/bench") || strings.Contains(m[0], "tmux") || strings.HasPrefix(m[0], "`code ") {
			continue // go's flags, the benchmark's and other programs'
		}
		if !all[m[1]] {
			t.Errorf("the README names %s (in %s), which no command has", m[1], m[0])
		}
	}
}
