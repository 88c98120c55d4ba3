package routines

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// FuzzParse parses arbitrary bytes as a user routine file and, when that
// succeeds, links it with the built-in data the way Load does. It must
// never panic or hang; every problem must say what is wrong and where (line
// 0 for the whole file, else line and column from 1); text that gets
// through must carry no control characters; and a user file must never
// break the built-in data.
//
// Run it with: go test ./routines/ -run '^$' -fuzz '^FuzzParse$' -fuzztime 20s
func FuzzParse(f *testing.F) {
	files, err := BuiltinFiles()
	if err != nil {
		f.Fatal(err)
	}
	for _, data := range files {
		f.Add(data)
	}
	f.Add([]byte(goodUser))
	f.Add([]byte(baseExercise))
	f.Add([]byte(baseRoutine + "---\n" + baseRoutine))
	f.Add([]byte("routines: [{id: r, name: \"\\e]52;c;SGVsbG8=\\aEvil\", soreness: [fresh], steps: [{do: hydrate, for: 20s, reps: 2}]}]\n"))
	f.Add([]byte("a: &a [x, *a]\nb: !!str <<\n"))
	f.Add([]byte("? [a]\n: {b: [c, {d: e}]}\n- - - x\n"))
	f.Add([]byte("exercises:\n  - id: x\n    name: X\n    kind: roll\n    areas: [neck, lower-back, neck]\n"))
	f.Add([]byte("routines:\n  -\n  - id:\n    name: |\n      multi\n      line\n    steps: []\n"))
	f.Add([]byte("%YAML 1.2\n---\nroutines: []\n...\n"))
	f.Add([]byte("\ufeffroutines:\r\n  - id: r\r\n"))
	f.Add([]byte("routines: " + strings.Repeat("[", 70)))
	f.Add([]byte("r:\xff"))

	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yaml", data, "fuzz.yaml")
		if err != nil {
			if file != nil {
				t.Fatal("Parse returned both a file and an error")
			}
			ps := strictyaml.AsProblems(err)
			if len(ps) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
			for _, p := range ps {
				checkFuzzProblem(t, p)
			}
			return
		}
		if file == nil {
			t.Fatal("Parse returned neither a file nor an error")
		}
		if len(file.Exercises) == 0 && len(file.Routines) == 0 && len(file.Poses) == 0 {
			t.Fatal("an empty file parsed")
		}
		for _, e := range file.Exercises {
			if !idPattern.MatchString(e.ID) || !e.Kind.Valid() || e.Name == "" {
				t.Fatalf("bad exercise got through: %+v", e)
			}
			for _, a := range e.Areas {
				if !IsArea(a) {
					t.Fatalf("unknown area %q got through", a)
				}
			}
			if e.Kind == Roll && (strings.Contains(strings.Join(e.Areas, " "), "neck") || strings.Contains(strings.Join(e.Areas, " "), "lower-back")) {
				t.Fatalf("roll over the neck or lower back got through: %+v", e)
			}
			for _, s := range append([]string{e.Name, e.Caution}, e.Cues...) {
				checkFuzzText(t, s)
			}
		}
		for _, r := range file.Routines {
			if !idPattern.MatchString(r.ID) || r.Name == "" || len(r.Soreness) == 0 || len(r.Steps) == 0 || len(r.Steps) > MaxSteps {
				t.Fatalf("bad routine got through: %+v", r)
			}
			for _, l := range r.Soreness {
				if !l.Valid() {
					t.Fatalf("level %q got through", l)
				}
			}
			checkFuzzText(t, r.Name)
			checkFuzzText(t, r.Summary)
			for _, s := range r.Steps {
				if s.For <= 0 || s.For > MaxHold || s.Reps < 1 || s.Reps > MaxReps || !idPattern.MatchString(s.Do) {
					t.Fatalf("bad step got through: %+v", s)
				}
				checkFuzzText(t, s.Note)
			}
		}

		// Link it with the built-in data, as Load does.
		lib, broken, problems := load([]*File{file})
		if len(broken) > 0 {
			t.Fatalf("a user file broke the built-in data: %v", broken)
		}
		for _, p := range problems {
			if p.File != "fuzz.yaml" {
				t.Fatalf("problem for another file: %v", p)
			}
			checkFuzzProblem(t, p)
		}
		for _, r := range lib.Routines() {
			for _, s := range r.Steps {
				if s.Exercise == nil {
					t.Fatalf("routine %s has an unlinked step %s", r.ID, s.Do)
				}
			}
			if r.Total(DefaultTiming()) <= 0 {
				t.Fatalf("routine %s has total %v", r.ID, r.Total(DefaultTiming()))
			}
			_ = r.Areas()
			_ = r.Cautions()
		}
	})
}

func checkFuzzProblem(t *testing.T, p Problem) {
	t.Helper()
	if strings.TrimSpace(p.Msg) == "" {
		t.Fatalf("problem without a message: %#v", p)
	}
	if strings.Contains(p.Msg, strictyaml.InternalFailure) {
		t.Fatalf("parsing panicked: %v", p)
	}
	if p.Line < 0 || (p.Line == 0 && p.Col != 0) || (p.Line > 0 && p.Col < 1) {
		t.Fatalf("problem at a bad position %d:%d: %v", p.Line, p.Col, p)
	}
	s := p.Error()
	if !utf8.ValidString(s) {
		t.Fatalf("problem text is not UTF-8: %q", s)
	}
	checkFuzzText(t, s)
	if len(s) > 2000 {
		t.Fatalf("problem text is %d bytes long", len(s))
	}
}

func checkFuzzText(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || strictyaml.IsBidiControl(r) || r == '\uFEFF' {
			t.Fatalf("text %q holds control character %U", s, r)
		}
	}
}
