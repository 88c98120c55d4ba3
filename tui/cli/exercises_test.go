package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

const userExercises = `exercises:
  - id: my-reach
    name: My overhead reach
    kind: stretch
    areas: [lats]
    per_side: true
    cues: [Reach up and over.]
    pose:
      props: {floor: 0}
      start: {head: [0, 15.5], neck: [0, 14], hip: [0, 8],
              left-elbow: [0, 11], left-hand: [0, 8], right-elbow: [0, 11], right-hand: [0, 8],
              left-knee: [0, 4], left-foot: [0, 0], right-knee: [0, 4], right-foot: [0, 0]}
      end: {left-elbow: [0.5, 17], left-hand: [1, 20]}
  - id: my-no-pose
    name: My calf thing
    kind: stretch
    areas: [calves]
`

func TestExercises(t *testing.T) {
	dir := env(t)
	testfiles.Write(t, filepath.Join(dir, "mine.yaml"), userExercises)
	t.Run("table", func(t *testing.T) {
		r := cli(t, "exercises")
		r.want(t, exitOK)
		golden.RequireEqual(t, []byte(r.out))
		lib := builtin(t)
		n := 0
		for _, l := range strings.Split(r.out, "\n") {
			if l != "" && l[0] != ' ' {
				n++ // an exercise's first line; its areas may wrap
			}
		}
		if n -= 3; n != len(lib.Exercises())+2 { // header, count, footnote
			t.Errorf("%d rows, want every built-in exercise and the 2 user ones", n)
		}
		if !strings.Contains(r.out, "my-reach *") || !strings.Contains(r.out, "* yours, from") {
			t.Errorf("the user's exercise is not marked as theirs")
		}
	})
	t.Run("filters", func(t *testing.T) {
		r := cli(t, "exercises", "--area", "calves", "--kind", "roll")
		r.want(t, exitOK)
		golden.RequireEqual(t, []byte(r.out))
	})
	t.Run("group", func(t *testing.T) {
		r := cli(t, "exercises", "--area", "back")
		r.want(t, exitOK)
		for _, want := range []string{"childs-pose", "roll-upper-back", "my-reach"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("--area back lacks %s", want)
			}
		}
		if strings.Contains(r.out, "wall-calf") {
			t.Errorf("--area back lists wall-calf")
		}
	})
	t.Run("json", func(t *testing.T) {
		r := cli(t, "exercises", "--json", "--kind", "stretch")
		r.want(t, exitOK)
		var got []exerciseEntry
		if err := json.Unmarshal([]byte(r.out), &got); err != nil {
			t.Fatal(err)
		}
		byID := map[string]exerciseEntry{}
		for _, e := range got {
			if e.Kind != "stretch" {
				t.Errorf("%s is a %s", e.ID, e.Kind)
			}
			byID[e.ID] = e
		}
		if e := byID["my-reach"]; !e.HasPose || !e.PerSide || e.Source == "built-in" {
			t.Errorf("my-reach: %+v", e)
		}
		if e := byID["my-no-pose"]; e.HasPose || e.Cues == nil {
			t.Errorf("my-no-pose: %+v", e)
		}
		if e := byID["wall-calf"]; !e.HasPose || len(e.Cues) == 0 || e.Source != "built-in" {
			t.Errorf("wall-calf: %+v", e)
		}
	})
	t.Run("none match", func(t *testing.T) {
		r := cli(t, "exercises", "--area", "neck", "--kind", "roll")
		r.want(t, exitOK)
		if r.out != "No exercise matches.\n" {
			t.Errorf("%q", r.out)
		}
		r = cli(t, "exercises", "--area", "neck", "--kind", "roll", "--json")
		if strings.TrimSpace(r.out) != "[]" {
			t.Errorf("json %q", r.out)
		}
	})
	for _, bad := range [][]string{{"--kind", "rol"}, {"--area", "calfs"}, {"--area", ","}, {"extra"}} {
		r := cli(t, append([]string{"exercises"}, bad...)...)
		r.want(t, exitUsage)
		if bad[0] == "--kind" && !strings.Contains(r.err, `did you mean "roll"`) {
			t.Errorf("--kind rol: %q", r.err)
		}
		if bad[0] == "--area" && bad[1] == "calfs" && !strings.Contains(r.err, `did you mean "calves"`) {
			t.Errorf("--area calfs: %q", r.err)
		}
	}
}

// show EXERCISE prints the cues, caution, areas, times and the pose.
func TestShowExercise(t *testing.T) {
	dir := env(t)
	testfiles.Write(t, filepath.Join(dir, "mine.yaml"), userExercises)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"wall-calf", []string{"show", "wall-calf"}},
		{"roll-calves-ascii", []string{"show", "roll-calves", "--ascii"}},
		{"user-pose", []string{"show", "my-reach"}},
		{"user-no-pose", []string{"show", "my-no-pose"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, c.args...)
			r.want(t, exitOK)
			golden.RequireEqual(t, []byte(r.out))
		})
	}
	r := cli(t, "show", "wall-calf")
	for _, want := range []string{"Hands on a wall", "Achilles", "Areas    calves", "30 s each side (in", "left side"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("show wall-calf lacks %q", want)
		}
	}
	if !strings.ContainsRune(r.out, '⠤') {
		t.Errorf("no braille picture")
	}
	if a := cli(t, "show", "wall-calf", "--ascii"); strings.ContainsFunc(a.out, func(r rune) bool { return r >= 0x2800 && r <= 0x28ff }) {
		t.Errorf("--ascii printed braille")
	}
	r = cli(t, "show", "wall-clf")
	r.want(t, exitUsage)
	if !strings.Contains(r.err, `did you mean "wall-calf"`) || !strings.Contains(r.err, "cooldown exercises") {
		t.Errorf("show wall-clf: %q", r.err)
	}
	r = cli(t, "show", "zzzzzzzz")
	r.want(t, exitUsage)
	if !strings.Contains(r.err, "cooldown exercises") {
		t.Errorf("show zzzzzzzz: %q", r.err)
	}
	t.Setenv("LC_ALL", "C")
	if a := cli(t, "show", "wall-calf"); strings.ContainsFunc(a.out, func(r rune) bool { return r >= 0x2800 && r <= 0x28ff }) {
		t.Errorf("a C locale printed braille")
	}
}

// show ROUTINE --markdown gives each step's pose as a text block.
func TestShowMarkdownPoses(t *testing.T) {
	env(t)
	r := cli(t, "show", "quick-10-lower", "--markdown")
	r.want(t, exitOK)
	lib := builtin(t)
	rt, err := lib.Routine("quick-10-lower")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(r.out, "```text"); n != len(rt.Steps) {
		t.Errorf("%d pose blocks for %d steps", n, len(rt.Steps))
	}
	if strings.Count(r.out, "```")%2 != 0 {
		t.Errorf("an unclosed block")
	}
	a := cli(t, "show", "quick-10-lower", "--markdown", "--ascii")
	if strings.ContainsFunc(a.out, func(r rune) bool { return r >= 0x2800 && r <= 0x28ff }) || !strings.Contains(a.out, "```text") {
		t.Errorf("--ascii handout")
	}
}
