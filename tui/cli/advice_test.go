package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// plan --soreness very-sore prints the check card on stderr, before the
// plan, and keeps stdout the plan alone.
func TestPlanVerySoreCheck(t *testing.T) {
	env(t)
	r := cli(t, "plan", "--minutes", "15", "--soreness", "very-sore", "--areas", "calves")
	r.want(t, exitOK)
	for _, want := range []string{"Very sore? A quick check first", "An injury now", "Get urgent care today", "after 5 days", "A gentle routine is fine."} {
		if !strings.Contains(strings.Join(strings.Fields(r.err), " "), want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if strings.Contains(r.out, "quick check") {
		t.Errorf("the check card is in the plan on stdout:\n%s", r.out)
	}
	sore := cli(t, "plan", "--minutes", "15", "--soreness", "sore", "--areas", "calves")
	sore.want(t, exitOK)
	if strings.Contains(sore.err, "quick check") {
		t.Errorf("a sore plan shows the very-sore check:\n%s", sore.err)
	}
}

// show --markdown ends with the advice for each level the routine suits,
// in the units of the settings.
func TestShowMarkdownAdvice(t *testing.T) {
	dir := env(t)
	r := cli(t, "show", "very-sore-gentle-20", "--markdown")
	r.want(t, exitOK)
	for _, want := range []string{"## After the session", "### The next days (very sore)", "Heat for stiffness", "### Signs of poor recovery", "### Drink", "250–500 ml"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("handout lacks %q:\n%s", want, r.out)
		}
	}
	if i, j := strings.Index(r.out, "## After the session"), strings.Index(r.out, "## Safety"); i < 0 || j < i {
		t.Error("the advice does not come before the safety notes")
	}
	testfiles.Write(t, filepath.Join(filepath.Dir(dir), "config.yaml"), "units: floz\n")
	oz := cli(t, "show", "quick-10-lower", "--markdown")
	oz.want(t, exitOK)
	if !strings.Contains(oz.out, "### The next days (fresh)") || !strings.Contains(oz.out, "### The next days (sore)") ||
		!strings.Contains(oz.out, "fl oz") || strings.Contains(oz.out, " ml") {
		t.Errorf("a fresh-and-sore handout in fl oz:\n%s", oz.out)
	}
}

// plan --chair builds from the chair set, says so, and a saved plan
// remembers the flag.
func TestPlanChair(t *testing.T) {
	env(t)
	r := cli(t, "plan", "--minutes", "20", "--areas", "hamstrings,hips,lats", "--longer-holds", "--chair")
	r.want(t, exitOK)
	for _, want := range []string{"Chair hamstring", "Chair hip flexor", "Table lat stretch", "Chair set: use a steady chair", "long holds, chair"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the chair plan lacks %q:\n%s", want, r.out)
		}
	}
	steps := r.out[strings.Index(r.out, "Steps"):strings.Index(r.out, "Notes")]
	for _, floor := range []string{"Strap hamstring", "Child's pose", "Foam roll"} {
		if strings.Contains(steps, floor) {
			t.Errorf("the chair plan has %q:\n%s", floor, r.out)
		}
	}
}
