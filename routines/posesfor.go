package routines

import (
	"bytes"
)

// BuiltinPosesFor parses only the built-in poses of the exercises named,
// by exercise id: a session needs the poses of its own steps, and parsing
// the whole file costs a few megabytes of parser memory for a moment (the
// largest allocation of a start). The other poses' lines are blanked
// before parsing, so a problem is still reported at its line.
func BuiltinPosesFor(ids []string) (map[string]*Pose, error) {
	data, err := embedded.ReadFile(posesFile)
	if err != nil {
		return nil, Problems{{File: posesFile, Msg: err.Error()}}
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	some, n := onlyPoses(data, want)
	if n == 0 {
		return map[string]*Pose{}, nil
	}
	f, err := Parse(posesFile, some, BuiltIn)
	if err != nil {
		return nil, err
	}
	return posesByID(f), nil
}

// WithoutPose is the ids of the exercises given (nil ones skipped) that
// have no pose yet: those whose built-in poses are still to be parsed.
func WithoutPose(exs ...*Exercise) []string {
	var ids []string
	for _, e := range exs {
		if e != nil && e.Pose == nil {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// AddBuiltinPosesFor gives the exercises without a pose their built-in
// one, parsing only their entries of the poses file (AddBuiltinPoses parses
// all of it). Like AddPoses, call it where the exercises are read.
func (l *Library) AddBuiltinPosesFor(exs ...*Exercise) error {
	ids := WithoutPose(exs...)
	if len(ids) == 0 {
		return nil
	}
	poses, err := BuiltinPosesFor(ids)
	if err != nil {
		return err
	}
	l.AddPoses(poses)
	return nil
}

// onlyPoses blanks the entries of the poses: mapping (keys indented by two
// spaces, each with its lines below it) whose id is not wanted, keeping
// every line break so line numbers stay; n is the number of entries kept.
func onlyPoses(data []byte, want map[string]bool) (out []byte, n int) {
	out = make([]byte, 0, len(data))
	keep := true
	for line := range bytes.Lines(data) {
		if id, ok := poseKey(line); ok {
			if keep = want[id]; keep {
				n++
			}
		} else if len(line) > 0 && line[0] != ' ' && line[0] != '\n' && line[0] != '#' {
			keep = true // a top-level key ends the entries
		}
		if keep {
			out = append(out, line...)
		} else if bytes.HasSuffix(line, []byte("\n")) {
			out = append(out, '\n')
		}
	}
	return out, n
}

// poseKey reads "  id:" (an entry of the poses: mapping) from a line.
func poseKey(line []byte) (string, bool) {
	rest, ok := bytes.CutPrefix(line, []byte("  "))
	if !ok || len(rest) == 0 || rest[0] == ' ' || rest[0] == '#' {
		return "", false
	}
	key, _, ok := bytes.Cut(rest, []byte(":"))
	if !ok || bytes.ContainsAny(key, " \t") {
		return "", false
	}
	return string(key), true
}
