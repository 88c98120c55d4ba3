package routines

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// LoadFor relies on the layout of the built-in data: the catalogue and the
// other exercise files hold every exercise and each other file holds one
// routine named after it.
func TestBuiltinFilesOneRoutineNamedAfterIt(t *testing.T) {
	files, err := BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		f, err := Parse(name, data, BuiltIn)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if name == catalogueFile {
			if len(f.Routines) != 0 {
				t.Errorf("%s defines routines", name)
			}
			continue
		}
		if name == posesFile {
			if len(f.Routines) != 0 || len(f.Exercises) != 0 || len(f.Poses) == 0 {
				t.Errorf("%s: want poses only", name)
			}
			continue
		}
		if slices.Contains(exerciseFiles(), name) {
			if len(f.Routines) != 0 || len(f.Exercises) == 0 {
				t.Errorf("%s: want exercises only", name)
			}
			continue
		}
		if len(f.Exercises) != 0 || len(f.Routines) != 1 || builtinRoutineFile(f.Routines[0].ID) != name {
			t.Errorf("%s: %d exercises and routines %v; want no exercises and one routine named after the file", name, len(f.Exercises), f.Routines)
		}
	}
}

// For every routine, built-in or the user's, LoadFor gives what Load gives:
// the same routine, linked to the same exercises, and the same problems
// with the user's files.
func TestLoadForMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "mine.yaml"), goodUser)
	testfiles.Write(t, filepath.Join(dir, "override.yaml"), `exercises:
  - id: my-lunge
    name: My lunge
    kind: stretch
    areas: [hips]
    per_side: true
routines:
  - id: quick-10-lower
    name: My quick ten
    soreness: [fresh]
    steps:
      - do: my-lunge
        for: 30s
`)
	testfiles.Write(t, filepath.Join(dir, "broken.yaml"), "routines:\n  - id: broken\n    name: [unclosed\n")
	full, fullProblems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ids := append(builtinRoutineIDs(t), "my-good-one")
	for _, id := range ids {
		lib, problems, err := LoadFor(dir, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		got, err := lib.Routine(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		want, _ := full.Routine(id)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: LoadFor gives\n%+v\nLoad gives\n%+v", id, got, want)
		}
		if !reflect.DeepEqual(problems, fullProblems) {
			t.Errorf("%s: problems %v, want %v", id, problems, fullProblems)
		}
	}
	if r, _ := full.Routine("quick-10-lower"); !r.Overrides || r.Name != "My quick ten" {
		t.Fatalf("the user's routine does not replace the built-in one: %+v", r)
	}
}

// An id that names no routine loads everything, so the error lists the
// near matches as Load's does; hostile ids never reach the embedded files.
func TestLoadForUnknownID(t *testing.T) {
	full, _, err := Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"quick-10-lowr", "catalogue", "../data/catalogue", "", "data/desk-5", "DESK-5"} {
		lib, _, err := LoadFor(t.TempDir(), id)
		if err != nil {
			t.Fatalf("%q: %v", id, err)
		}
		_, gotErr := lib.Routine(id)
		_, wantErr := full.Routine(id)
		if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() {
			t.Errorf("%q: error %v, want %v", id, gotErr, wantErr)
		}
		if len(lib.Routines()) != len(full.Routines()) {
			t.Errorf("%q: %d routines loaded, want all %d", id, len(lib.Routines()), len(full.Routines()))
		}
	}
	if _, err := full.Routine("quick-10-lowr"); err == nil || !strings.Contains(err.Error(), "quick-10-lower") {
		t.Errorf("no near match in %v", err)
	}
}

// LoadFor parses only the catalogue and the one routine's file.
func TestLoadForParsesOnlyWhatItNeeds(t *testing.T) {
	lib, _, err := LoadFor(t.TempDir(), "desk-5")
	if err != nil {
		t.Fatal(err)
	}
	if rs := lib.Routines(); len(rs) != 1 || rs[0].ID != "desk-5" {
		t.Errorf("routines loaded: %v, want desk-5 alone", rs)
	}
	full, _ := LoadBuiltin()
	if got, want := len(lib.Exercises()), len(full.Exercises()); got != want {
		t.Errorf("%d exercises, want the whole catalogue (%d)", got, want)
	}
}

// Loading in parallel gives the same library every time.
func TestLoadDeterministic(t *testing.T) {
	first, _, err := Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, _, err := Load(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first.Routines(), again.Routines()) {
			t.Fatal("two loads of the same data differ")
		}
	}
}

// A user routine that overrides a built-in id but does not link (an
// unknown exercise) is reported, and the built-in routine stays, in Load
// and in LoadFor alike.
func TestBrokenOverrideKeepsBuiltin(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "override.yaml"), `routines:
  - id: quick-10-lower
    name: My broken ten
    soreness: [fresh]
    steps:
      - do: no-such-exercise
        for: 30s
`)
	for name, load := range map[string]func() (*Library, Problems, error){
		"Load":    func() (*Library, Problems, error) { return Load(dir) },
		"LoadFor": func() (*Library, Problems, error) { return LoadFor(dir, "quick-10-lower") },
	} {
		lib, problems, err := load()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, err := lib.Routine("quick-10-lower")
		if err != nil || r.Source != BuiltIn || r.Overrides {
			t.Fatalf("%s: %+v, %v; want the built-in routine", name, r, err)
		}
		if !strings.Contains(problems.Error(), `unknown exercise "no-such-exercise"`) || !strings.Contains(problems.Error(), "built-in routine \"quick-10-lower\" stays") {
			t.Errorf("%s: problems %v", name, problems)
		}
	}
}
