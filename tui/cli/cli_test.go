package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/settings"
	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// env points HOME and the XDG folders at temporary ones, so nothing touches
// the real home, and returns the folder for user routines.
func env(t *testing.T) (routinesDir string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
	t.Setenv("NO_COLOR", "1")
	// Pose pictures are braille in a UTF-8 locale on a terminal with the
	// font for it: fixed here so the goldens do not depend on the machine.
	t.Setenv("LC_ALL", "C.UTF-8")
	t.Setenv("TERM", "xterm-256color")
	return filepath.Join(home, ".config", "cooldown", "routines")
}

// asTerminal makes the commands format their output for a terminal of the
// given width.
func asTerminal(t *testing.T, width int) {
	t.Helper()
	prev := testWorld.width
	testWorld.width = func(io.Writer) (int, bool) { return width, true }
	t.Cleanup(func() { testWorld.width = prev })
}

type result struct {
	code     int
	out, err string
}

// cli runs cooldown in-process, as a script would: no terminal.
func cli(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, testStreams(&out, &errb))
	return result{code, out.String(), errb.String()}
}

// testWorld holds the clock and terminal hooks the tests set; testStreams
// passes them to run. (Test state only: the program has none.)
var testWorld ioStreams

func testStreams(out, err io.Writer) ioStreams {
	s := testWorld
	s.out, s.err = out, err
	return s
}

func (r result) want(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.out, r.err)
	}
}

func builtin(t *testing.T) *routines.Library {
	t.Helper()
	lib, err := routines.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// listJSON runs `list --json` with args and decodes the array.
func listJSON(t *testing.T, args ...string) []listEntry {
	t.Helper()
	r := cli(t, append([]string{"list", "--json"}, args...)...)
	r.want(t, exitOK)
	var got []listEntry
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("list --json is not a JSON array: %v\n%s", err, r.out)
	}
	if got == nil {
		t.Fatalf("list --json printed null, want an array: %q", r.out)
	}
	return got
}

func ids(es []listEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestListTable(t *testing.T) {
	env(t)
	t.Run("terminal-80", func(t *testing.T) {
		asTerminal(t, 80)
		r := cli(t, "list")
		r.want(t, exitOK)
		for i, l := range strings.Split(strings.TrimSuffix(r.out, "\n"), "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("line %d is %d cells wide: %q", i+1, w, l)
			}
		}
		if !strings.Contains(r.out, "…") {
			t.Error("at 80 columns some areas should be cut with …")
		}
		golden.RequireEqual(t, []byte(r.out))
	})
	t.Run("terminal-120", func(t *testing.T) {
		asTerminal(t, 120)
		r := cli(t, "list")
		r.want(t, exitOK)
		for i, l := range strings.Split(strings.TrimSuffix(r.out, "\n"), "\n") {
			if w := ansi.StringWidth(l); w > 120 {
				t.Errorf("line %d is %d cells wide: %q", i+1, w, l)
			}
		}
		golden.RequireEqual(t, []byte(r.out))
	})
	t.Run("piped", func(t *testing.T) {
		r := cli(t, "list")
		r.want(t, exitOK)
		if strings.Contains(r.out, "…") {
			t.Error("output that is not a terminal must not be cut")
		}
		if r.err != "" {
			t.Errorf("stderr: %q", r.err)
		}
		// One line per routine plus the header, and every area in full.
		lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
		lib := builtin(t)
		if len(lines) != len(lib.Routines())+1 {
			t.Fatalf("%d lines for %d routines", len(lines), len(lib.Routines()))
		}
		for i, rt := range lib.Routines() {
			if !strings.HasPrefix(lines[i+1], rt.ID+" ") {
				t.Errorf("line %d is %q, want routine %s (shortest first)", i+2, lines[i+1], rt.ID)
			}
			if a := strings.Join(rt.Areas(), ", "); a != "" && !strings.Contains(lines[i+1], a) {
				t.Errorf("line for %s lacks its areas %q", rt.ID, a)
			}
		}
		golden.RequireEqual(t, []byte(r.out))
	})
}

func TestListJSON(t *testing.T) {
	env(t)
	r := cli(t, "list", "--json")
	r.want(t, exitOK)
	golden.RequireEqual(t, []byte(r.out))

	got := listJSON(t)
	lib := builtin(t)
	if len(got) != len(lib.Routines()) {
		t.Fatalf("%d entries, want %d", len(got), len(lib.Routines()))
	}
	for i, rt := range lib.Routines() {
		e := got[i]
		if e.ID != rt.ID || e.Name != rt.Name || e.Source != "built-in" || e.ReplacesBuiltin {
			t.Errorf("entry %d = %+v, want %s from built-in", i, e, rt.ID)
		}
		if want := int(rt.Total(routines.DefaultTiming()) / time.Second); e.Seconds != want {
			t.Errorf("%s: seconds %d, want %d", e.ID, e.Seconds, want)
		}
		if e.Areas == nil || e.Soreness == nil {
			t.Errorf("%s: areas and soreness must be arrays, got %v %v", e.ID, e.Areas, e.Soreness)
		}
	}
	// The keys scripts rely on are there, with the right JSON types.
	var raw []map[string]any
	if err := json.Unmarshal([]byte(r.out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "name", "soreness", "seconds", "areas", "source"} {
		if _, ok := raw[0][k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if _, ok := raw[0]["areas"].([]any); !ok {
		t.Errorf("areas is %T, want an array", raw[0]["areas"])
	}
	if _, ok := raw[0]["seconds"].(float64); !ok {
		t.Errorf("seconds is %T, want a number", raw[0]["seconds"])
	}
}

func TestListFilters(t *testing.T) {
	env(t)
	lib := builtin(t)
	t5 := routines.DefaultTiming()
	works := func(r *routines.Routine, areas ...string) bool {
		return slices.ContainsFunc(r.Areas(), func(a string) bool { return slices.Contains(areas, a) })
	}
	legs := routines.AreaGroups()["legs"]
	cases := []struct {
		name string
		args []string
		keep func(*routines.Routine) bool
	}{
		{"soreness", []string{"--soreness", "very-sore"}, func(r *routines.Routine) bool { return r.Suits(routines.VerySore) }},
		{"soreness any case", []string{"--soreness", " Sore "}, func(r *routines.Routine) bool { return r.Suits(routines.Sore) }},
		{"area", []string{"--area", "calves"}, func(r *routines.Routine) bool { return works(r, "calves") }},
		{"two areas", []string{"--area", "neck,it-band"}, func(r *routines.Routine) bool { return works(r, "neck", "it-band") }},
		{"area repeated", []string{"--area", "neck", "--area", "it-band"}, func(r *routines.Routine) bool { return works(r, "neck", "it-band") }},
		{"group", []string{"--area", "legs"}, func(r *routines.Routine) bool { return works(r, legs...) }},
		{"max minutes", []string{"--max-minutes", "10"}, func(r *routines.Routine) bool { return routines.Minutes(r.Total(t5)) <= 10 }},
		{"combined", []string{"--soreness", "sore", "--area", "calves", "--max-minutes", "12"}, func(r *routines.Routine) bool {
			return r.Suits(routines.Sore) && works(r, "calves") && routines.Minutes(r.Total(t5)) <= 12
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			for _, r := range lib.Routines() {
				if c.keep(r) {
					want = append(want, r.ID)
				}
			}
			if len(want) == 0 || len(want) == len(lib.Routines()) {
				t.Fatalf("filter keeps %d of %d routines; pick one that tells", len(want), len(lib.Routines()))
			}
			got := ids(listJSON(t, c.args...))
			if !slices.Equal(got, want) {
				t.Errorf("got %v\nwant %v", got, want)
			}
			// The table keeps the same routines.
			r := cli(t, append([]string{"list"}, c.args...)...)
			r.want(t, exitOK)
			lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")[1:]
			if len(lines) != len(want) {
				t.Errorf("table has %d rows, want %d:\n%s", len(lines), len(want), r.out)
			}
		})
	}
	t.Run("nothing matches", func(t *testing.T) {
		r := cli(t, "list", "--json", "--soreness", "very-sore", "--max-minutes", "1")
		r.want(t, exitOK)
		if r.out != "[]\n" {
			t.Errorf("stdout %q, want []", r.out)
		}
		r = cli(t, "list", "--soreness", "very-sore", "--max-minutes", "1")
		r.want(t, exitOK)
		if r.out != "" || !strings.Contains(r.err, "no routine matches") {
			t.Errorf("stdout %q stderr %q", r.out, r.err)
		}
	})
}

const customExercise = `exercises:
  - id: towel-calf
    name: Towel calf stretch
    kind: stretch
    areas: [calves]
    per_side: true
    cues:
      - Sit with legs long and loop a towel round one foot.
    caution: Ease off if the Achilles tendon complains.
`

const customRoutines = `routines:
  - id: calves-3
    name: Calves in three
    soreness: [sore]
    summary: A towel stretch and a wall stretch.
    steps:
      - do: towel-calf
        for: 30s
      - do: wall-calf
        for: 20s
        reps: 2
  - id: quick-10-lower
    name: My quick 10
    soreness: [fresh]
    steps:
      - do: active-easy
        for: 10m
`

func TestListUserRoutines(t *testing.T) {
	dir := env(t)
	testfiles.Write(t, filepath.Join(dir, "calves.yaml"), customExercise+customRoutines)
	testfiles.Write(t, filepath.Join(dir, "broken.yaml"), "routines:\n  - id: nope\n    colour: red\n")

	r := cli(t, "list")
	r.want(t, exitOK) // a broken user file does not change the exit code
	if !strings.Contains(r.err, "broken.yaml:3:") {
		t.Errorf("the broken file is not reported on stderr: %q", r.err)
	}
	var mine, replaced string
	for _, l := range strings.Split(r.out, "\n") {
		switch {
		case strings.HasPrefix(l, "calves-3 "):
			mine = l
		case strings.HasPrefix(l, "quick-10-lower "):
			replaced = l
		}
	}
	if !strings.HasSuffix(mine, "~/.config/cooldown/routines/calves.yaml") {
		t.Errorf("user routine row: %q", mine)
	}
	if !strings.HasSuffix(replaced, "~/.config/cooldown/routines/calves.yaml (replaces built-in)") || !strings.Contains(replaced, "My quick 10") {
		t.Errorf("replaced routine row: %q", replaced)
	}
	if strings.Count(r.out, "quick-10-lower ") != 1 {
		t.Error("the built-in quick-10-lower is still listed")
	}

	// In a narrow terminal the path is shortened but keeps the file name
	// and the mark.
	asTerminal(t, 80)
	r = cli(t, "list", "--area", "calves")
	for _, l := range strings.Split(r.out, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line is %d cells wide: %q", w, l)
		}
		if strings.HasPrefix(l, "quick-10-lower ") && !strings.Contains(l, "calves.yaml (replaces built-in)") {
			t.Errorf("replaced routine row at 80 columns: %q", l)
		}
	}

	got := listJSON(t, "--soreness", "sore", "--area", "calves")
	var found bool
	for _, e := range got {
		if e.ID == "calves-3" {
			found = true
			wantSrc := filepath.Join(dir, "calves.yaml")
			// towel-calf 10+30+10+30, wall-calf 10 + 4 holds of 20 + 3 switches of 10
			if e.Source != wantSrc || e.Seconds != 80+120 || e.ReplacesBuiltin || !slices.Equal(e.Areas, []string{"calves"}) {
				t.Errorf("calves-3 = %+v, want source %s and 200 s", e, wantSrc)
			}
		}
		if e.ID == "quick-10-lower" {
			t.Error("the replacement suits only fresh; it must not be listed for sore")
		}
	}
	if !found {
		t.Errorf("calves-3 not listed: %v", ids(got))
	}
	for _, e := range listJSON(t, "--soreness", "fresh") {
		if e.ID == "quick-10-lower" && (!e.ReplacesBuiltin || e.Name != "My quick 10") {
			t.Errorf("replacement = %+v", e)
		}
	}
}

func TestShow(t *testing.T) {
	env(t)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	t.Run("plain", func(t *testing.T) {
		r := cli(t, "show", "quick-10-lower")
		r.want(t, exitOK)
		golden.RequireEqual(t, []byte(r.out))
		if !strings.Contains(flat(r.out), routines.Disclaimer) {
			t.Error("the disclaimer is missing")
		}
		for _, want := range []string{"30 s each side", "Total    12 min", "Cautions", "Seated butterfly"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("missing %q", want)
			}
		}
	})
	t.Run("markdown", func(t *testing.T) {
		r := cli(t, "show", "quick-10-lower", "--markdown")
		r.want(t, exitOK)
		golden.RequireEqual(t, []byte(r.out))
		if !strings.Contains(r.out, routines.Disclaimer) {
			t.Error("the disclaimer is missing")
		}
		for _, want := range []string{"# Quick lower body, 12 min\n", "## Cautions\n", "1. **Easy walk or spin** — 3 min\n", "**Soreness levels:** fresh, sore"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("missing %q", want)
			}
		}
	})
	t.Run("reps", func(t *testing.T) {
		r := cli(t, "show", "deep-recovery-40")
		r.want(t, exitOK)
		if !regexp.MustCompile(`2 × \d+ s`).MatchString(r.out) {
			t.Errorf("repeated holds are not shown as reps:\n%s", r.out)
		}
	})
	t.Run("narrow terminal", func(t *testing.T) {
		asTerminal(t, 50)
		r := cli(t, "show", "full-body-30")
		r.want(t, exitOK)
		for _, l := range strings.Split(r.out, "\n") {
			if w := ansi.StringWidth(l); w > 50 {
				t.Errorf("line is %d cells wide: %q", w, l)
			}
		}
	})
	t.Run("unknown", func(t *testing.T) {
		r := cli(t, "show", "quick-10-lowr")
		r.want(t, exitUsage)
		if r.out != "" || !strings.Contains(r.err, `did you mean "quick-10-lower"`) {
			t.Errorf("stdout %q stderr %q", r.out, r.err)
		}
	})
	t.Run("no routine", func(t *testing.T) {
		cli(t, "show").want(t, exitUsage)
	})
}

func TestShowUserMarkdownEscapes(t *testing.T) {
	dir := env(t)
	testfiles.Write(t, filepath.Join(dir, "x.yaml"), `exercises:
  - id: odd
    name: "<b>Odd</b> *stretch*"
    kind: stretch
    areas: [neck]
    cues: ["# not a heading", "1. not a list", "pipe | and [link](x)"]
routines:
  - id: odd-1
    name: "# Odd one"
    soreness: [fresh]
    steps:
      - do: odd
        for: 20s
`)
	r := cli(t, "show", "odd-1", "--markdown")
	r.want(t, exitOK)
	for _, want := range []string{`# \# Odd one`, `**\<b\>Odd\</b\> \*stretch\***`, `- \# not a heading`, `- 1\. not a list`, `pipe \| and \[link\](x)`} {
		if !strings.Contains(r.out, want) {
			t.Errorf("missing %q in\n%s", want, r.out)
		}
	}
	if !strings.Contains(r.out, "None beyond the safety notes below.") {
		t.Error("a routine with no cautions should say so")
	}
}

func TestValidateBuiltinFiles(t *testing.T) {
	env(t)
	files, err := routines.BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var args []string
	for name, data := range files {
		p := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	slices.Sort(args)
	r := cli(t, append([]string{"validate"}, args...)...)
	r.want(t, exitOK)
	if r.err != "" {
		t.Errorf("stderr: %q", r.err)
	}
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	if len(lines) != len(args) {
		t.Fatalf("%d lines for %d files:\n%s", len(lines), len(args), r.out)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, args[i]+": ok — ") {
			t.Errorf("line %d: %q", i+1, l)
		}
	}
	// Each file of exercises (the catalogue, the mobility drills, the
	// soft-tissue steps) counts its own, and together they are every
	// built-in exercise.
	total := 0
	for name, data := range files {
		f, err := routines.Parse(name, data, routines.BuiltIn)
		if err != nil {
			t.Fatal(err)
		}
		n := len(f.Exercises)
		if n == 0 {
			continue
		}
		total += n
		if want := fmt.Sprintf("%s: ok — %d exercises (%d replace built-in ones)", filepath.Join(dir, filepath.Base(name)), n, n); !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, r.out)
		}
	}
	if n := len(builtin(t).Exercises()); total != n {
		t.Errorf("the exercise files hold %d exercises, the library %d", total, n)
	}
	if want := filepath.Join(dir, "quick-10-lower.yaml") + ": ok — 1 routine: quick-10-lower (12 min 10 s, replaces built-in)"; !slices.Contains(lines, want) {
		t.Errorf("want line %q in\n%s", want, r.out)
	}
}

// A file cannot use problem messages to send escape sequences to the
// terminal.
func TestControlBytesNotPrinted(t *testing.T) {
	dir := env(t)
	evil := "routines:\n  - id: x\n    \"\x1b]0;pwned\x07\x1b[31m\": 1\n"
	p := testfiles.Write(t, filepath.Join(t.TempDir(), "evil.yaml"), evil)
	r := cli(t, "validate", p)
	r.want(t, exitUsage)
	if strings.ContainsAny(r.err, "\x1b\x07") {
		t.Errorf("validate: raw control bytes in stderr: %q", r.err)
	}
	testfiles.Write(t, filepath.Join(dir, "evil.yaml"), evil)
	r = cli(t, "list")
	r.want(t, exitOK)
	if strings.ContainsAny(r.out+r.err, "\x1b\x07") {
		t.Errorf("list: raw control bytes in output: %q", r.out+r.err)
	}
}

// The example in the README is a valid file, and validate says what the
// README says it does.
// readmeBlock returns the fenced block of README text that starts with
// the given opening (fence line and first line).
func readmeBlock(t *testing.T, text, opening string) string {
	t.Helper()
	start := strings.Index(text, opening)
	if start < 0 {
		t.Fatalf("README.md has no block starting %q", opening)
	}
	body := text[start+strings.Index(opening, "\n")+1:]
	return body[:strings.Index(body, "```")]
}

// The settings example in the README is a valid settings file with the
// defaults it claims.
func TestReadmeSettings(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	body := readmeBlock(t, string(readme), "```yaml\nsound: ")
	got, err := settings.Parse("config.yaml", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if got != settings.Defaults() {
		t.Fatalf("README settings %+v are not the defaults %+v", got, settings.Defaults())
	}
}

func TestReadmeExample(t *testing.T) {
	env(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	body := readmeBlock(t, text, "```yaml\n# ~/.config/cooldown/routines/")
	p := testfiles.Write(t, filepath.Join(t.TempDir(), "calves.yaml"), body)
	r := cli(t, "validate", p)
	r.want(t, exitOK)
	line := strings.TrimPrefix(strings.TrimSpace(r.out), filepath.Dir(p)+string(filepath.Separator))
	if !strings.Contains(text, "`"+line+"`") {
		t.Errorf("README.md should quote the ok line %q", line)
	}
}
