package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
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
	writeFile(t, cfg, "get_ready: 0s\nswitch_gap: 0s\n")
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
	file := writeFile(t, filepath.Join(t.TempDir(), "twelve.yaml"), twelveMinutes)
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
	writeFile(t, filepath.Join(dir, "twelve.yaml"), twelveMinutes)
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
