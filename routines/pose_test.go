package routines

import (
	"path/filepath"
	"testing"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// Every built-in exercise has a pose that passed the validator.
func TestEveryBuiltinExerciseHasAPose(t *testing.T) {
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lib.Exercises() {
		if e.Pose == nil {
			t.Errorf("%s has no pose", e.ID)
		}
	}
}

// standing is a valid start position in the README's format.
const standing = `{head: [0, 15.5], neck: [0, 14], hip: [0, 8],
            left-elbow: [0, 11], left-hand: [0, 8], right-elbow: [0, 11], right-hand: [0, 8],
            left-knee: [0, 4], left-foot: [0, 0], right-knee: [0, 4], right-foot: [0, 0]}`

const poseExercise = `exercises:
  - id: my-reach
    name: My reach
    kind: stretch
    areas: [shoulders]
    per_side: true
    pose:
      props: {floor: 0, wall: 4}
      start: ` + standing + `
      end: {left-elbow: [0, 17], left-hand: [0, 20]}
  - id: my-plain
    name: No pose here
    kind: stretch
    areas: [calves]
`

// A user exercise with a pose and one without both load; the pose is
// linked, and a poses: mapping can give a built-in exercise a new pose.
func TestUserPosesLoad(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "mine.yaml"), poseExercise)
	testfiles.Write(t, filepath.Join(dir, "poses.yaml"), "poses:\n  wall-calf:\n    start: "+standing+"\n    end: {}\n")
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	e, _ := lib.Exercise("my-reach")
	if e.Pose == nil || e.Pose.End.P[LeftHand] != (Point{0, 20}) || e.Pose.End.P[RightHand] != (Point{0, 8}) {
		t.Fatalf("my-reach pose: %+v", e.Pose)
	}
	if e.Pose.Props.Wall == nil || *e.Pose.Props.Wall != 4 {
		t.Errorf("wall: %v", e.Pose.Props.Wall)
	}
	if p, _ := lib.Exercise("my-plain"); p.Pose != nil {
		t.Errorf("my-plain has a pose")
	}
	if c, _ := lib.Exercise("wall-calf"); c.Pose == nil || c.Pose.Props.Wall != nil {
		t.Errorf("the user's wall-calf pose did not replace the built-in one: %+v", c.Pose)
	}
}

// Each way a pose can be wrong is reported where it was written.
func TestBadPoses(t *testing.T) {
	head := "exercises:\n  - id: my-x\n    name: X\n    kind: stretch\n    areas: [calves]\n    pose:\n"
	cases := []struct {
		name, src string
		want      []wantProblem
	}{
		{"unknown joint", head + "      start: {hed: [0, 15], neck: [0, 14]}\n      end: {}\n",
			[]wantProblem{{7, 15, "exercises[0].pose.start.hed", `unknown joint "hed" (did you mean "head"?)`}}},
		{"missing end", head + "      start: " + standing + "\n",
			[]wantProblem{{7, 7, "exercises[0].pose.end", "a pose needs an end position"}}},
		{"missing start", head + "      end: {}\n",
			[]wantProblem{{7, 7, "exercises[0].pose.start", "a pose needs a start position"}}},
		{"missing joint", head + "      start: {head: [0, 15.5], neck: [0, 14], hip: [0, 8]}\n      end: {}\n",
			[]wantProblem{{7, 14, "exercises[0].pose.start", "the start position has no left-elbow, left-hand, left-knee, left-foot, right-elbow"}}},
		{"long shin", head + "      start: " + standing + "\n      end: {left-foot: [0, -3]}\n",
			[]wantProblem{{10, 13, "exercises[0].pose.end.left-foot", "the left shin is 7 units long; body proportions want 4 (1.6–5)"},
				{10, 13, "exercises[0].pose.end.left-foot", "7 at the end; a limb keeps its length"}}},
		{"limb changes length", head + "      start: " + standing + "\n      end: {left-hand: [0, 9.6]}\n",
			[]wantProblem{{10, 13, "exercises[0].pose.end.left-hand", "the left forearm is 3 units long at the start and 1.4 at the end"}}},
		{"short trunk", head + "      start: {head: [0, 15.5], neck: [0, 14], hip: [0, 12], left-elbow: [0, 11], left-hand: [0, 8], right-elbow: [0, 11], right-hand: [0, 8], left-knee: [0, 8], left-foot: [0, 4], right-knee: [0, 8], right-foot: [0, 4]}\n      end: {}\n",
			[]wantProblem{{7, 47, "exercises[0].pose.start.hip", "the trunk (neck to hip) is 2 units long"}}},
		{"not a point", head + "      start: {head: [0], neck: [0, 14]}\n      end: {}\n",
			[]wantProblem{{7, 21, "exercises[0].pose.start.head", "must be a point [x, y]"}}},
		{"end adds a point", head + "      start: " + standing + "\n      end: {roller: [2, 1]}\n",
			[]wantProblem{{10, 13, "exercises[0].pose.end.roller", "roller is not in the start position"}}},
		{"unknown prop", head + "      props: {sofa: [1, 2]}\n      start: " + standing + "\n      end: {}\n",
			[]wantProblem{{7, 15, "exercises[0].pose.props.sofa", "unknown field"}}},
		{"strap to unknown joint", head + "      props: {strap: [left-hand, left-fot]}\n      start: " + standing + "\n      end: {}\n",
			[]wantProblem{{7, 34, "exercises[0].pose.props.strap", `unknown joint "left-fot" (did you mean "left-foot"?)`}}},
		{"gun out of reach", head + "      start: " + standing + "\n      end: {gun: [0, 1]}\n",
			[]wantProblem{{10, 13, "exercises[0].pose.end.gun", "gun is not in the start position"}}},
		{"gun no hand holds", head + "      start: {gun: [4, 3], " + standing[1:] + "\n      end: {}\n",
			[]wantProblem{{7, 15, "exercises[0].pose.start.gun", "the massage gun is 6.4 units from the nearer hand; a hand holds it, so put it within 3"}}},
		{"gun dropped at the end", head + "      start: {gun: [1.5, 7], " + standing[1:] + "\n      end: {left-elbow: [0, 17], left-hand: [0, 20], right-elbow: [0, 17], right-hand: [0, 20]}\n",
			[]wantProblem{{7, 15, "exercises[0].pose.end.gun", "the massage gun is 13.1 units from the nearer hand"}}},
		{"strap to the gun", head + "      props: {strap: [left-hand, gun]}\n      start: " + standing + "\n      end: {}\n",
			[]wantProblem{{7, 34, "exercises[0].pose.props.strap", `unknown joint "gun"`}}},
		{"pose for unknown exercise", "poses:\n  wall-calff:\n    start: " + standing + "\n    end: {}\n",
			[]wantProblem{{2, 3, "poses.wall-calff", `pose for unknown exercise "wall-calff" (did you mean "wall-calf"?)`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := testfiles.Write(t, filepath.Join(dir, "bad.yaml"), c.src)
			_, problems, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			checkProblems(t, bad, problems, c.want)
			// validate reports the same.
			reps, err := ValidateFiles([]string{filepath.Join(dir, "bad.yaml")})
			if err != nil {
				t.Fatal(err)
			}
			checkProblems(t, bad, reps[0].Problems, c.want)
		})
	}
}

// The right side is the left side's mirror: x negated, left and right
// swapped, and mirroring twice gives the pose back.
func TestPoseMirror(t *testing.T) {
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Exercise("standing-quad")
	m := e.Pose.Mirror()
	for j := range NumJoints {
		o := j.other()
		if m.Start.Has[o] != e.Pose.Start.Has[j] {
			t.Errorf("%s: has %v, mirror's %s has %v", j, e.Pose.Start.Has[j], o, m.Start.Has[o])
		}
		p, q := e.Pose.End.P[j], m.End.P[o]
		if q.X != -p.X || q.Y != p.Y {
			t.Errorf("%s at %v, mirror's %s at %v", j, p, o, q)
		}
	}
	if *m.Props.Wall != -*e.Pose.Props.Wall {
		t.Errorf("wall not mirrored")
	}
	mm := m.Mirror()
	if mm.Start.P != e.Pose.Start.P || mm.End.P != e.Pose.End.P || *mm.Props.Wall != *e.Pose.Props.Wall {
		t.Errorf("mirroring twice changed the pose")
	}
}

// Running one routine (LoadFor) does not parse the built-in poses (the
// costliest file); BuiltinPoses and AddPoses add them after, keeping a
// user's own pose.
func TestLoadForThenPoses(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "poses.yaml"), "poses:\n  wall-calf:\n    start: "+standing+"\n    end: {}\n")
	lib, _, err := LoadFor(dir, "quick-10-lower")
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := lib.Exercise("standing-quad"); e.Pose != nil {
		t.Fatal("LoadFor parsed the built-in poses")
	}
	m, err := BuiltinPoses()
	if err != nil {
		t.Fatal(err)
	}
	lib.AddPoses(m)
	if e, _ := lib.Exercise("wall-calf"); e.Pose == nil || e.Pose.Props.Wall != nil {
		t.Errorf("the user's wall-calf pose was replaced by the built-in one")
	}
	r, err := lib.Routine("quick-10-lower")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Steps {
		if s.Exercise.Pose == nil {
			t.Errorf("%s has no pose", s.Do)
		}
	}
}

// Load with the built-in poses added gives every built-in exercise its
// pose; a user's poses: mapping for a built-in exercise wins.
func TestLoadThenBuiltinPoses(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "poses.yaml"), "poses:\n  wall-calf:\n    start: "+standing+"\n    end: {}\n")
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if err := lib.AddBuiltinPoses(); err != nil {
		t.Fatal(err)
	}
	for _, e := range lib.Exercises() {
		if e.Pose == nil {
			t.Errorf("%s has no pose", e.ID)
		}
	}
	if e, _ := lib.Exercise("wall-calf"); e.Pose.Props.Wall != nil {
		t.Errorf("the built-in pose replaced the user's")
	}
}

func BenchmarkParsePoses(b *testing.B) {
	data, err := embedded.ReadFile(posesFile)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(posesFile, data, BuiltIn); err != nil {
			b.Fatal(err)
		}
	}
}

// A massage gun is a point like the roller: optional, it may move, it is
// held (within reach of the nearer hand), and the mirror carries it over.
func TestGunPoint(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "gun.yaml"), `exercises:
  - id: my-gun
    name: My gun
    kind: gun
    areas: [quads]
    per_side: true
    pose:
      props: {floor: 0}
      start: {gun: [1.5, 7], `+standing[1:]+`
      end: {gun: [1.5, 5.5], left-elbow: [0.5, 11], left-hand: [1, 8]}
`)
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	e, _ := lib.Exercise("my-gun")
	p := e.Pose
	if p == nil || !p.Start.Has[Gun] || p.End.P[Gun] != (Point{1.5, 5.5}) {
		t.Fatalf("gun pose: %+v", p)
	}
	if !Gun.Thing() || Gun.Left() || Gun.Right() || Gun.other() != Gun || LeftHand.Thing() {
		t.Errorf("the gun is a thing on neither side")
	}
	if h := p.End.NearerHand(p.End.P[Gun]); h != LeftHand {
		t.Errorf("the nearer hand at the end is %s, want left-hand (moved nearer)", h)
	}
	m := p.Mirror()
	if !m.Start.Has[Gun] || m.End.P[Gun] != (Point{-1.5, 5.5}) {
		t.Errorf("the mirror's gun: %v %v", m.Start.Has[Gun], m.End.P[Gun])
	}
	if h := m.End.NearerHand(m.End.P[Gun]); h != RightHand {
		t.Errorf("the mirror's gun is held by %s, want right-hand (the mirrored left)", h)
	}
}
