package routines

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

//go:embed data/*.yaml
var embedded embed.FS

// BuiltinFiles returns the embedded data files, by name, for tests and for
// writing them out.
func BuiltinFiles() (map[string][]byte, error) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(names))
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out[n] = b
	}
	return out, nil
}

// Library is every exercise and routine available: the built-in ones with
// the user's merged over them by id.
type Library struct {
	exercises map[string]*Exercise
	routines  []*Routine // sorted by total time, then name
}

// Exercise returns the catalogue entry with id, if any.
func (l *Library) Exercise(id string) (*Exercise, bool) {
	e, ok := l.exercises[id]
	return e, ok
}

// Exercises returns the catalogue sorted by id.
func (l *Library) Exercises() []*Exercise {
	out := make([]*Exercise, 0, len(l.exercises))
	for _, e := range l.exercises {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Routines returns every routine, shortest first.
func (l *Library) Routines() []*Routine { return slices.Clone(l.routines) }

// Routine finds a routine by id.
func (l *Library) Routine(id string) (*Routine, error) {
	for _, r := range l.routines {
		if r.ID == id {
			return r, nil
		}
	}
	ids := make([]string, len(l.routines))
	for i, r := range l.routines {
		ids[i] = r.ID
	}
	return nil, fmt.Errorf("no routine %q%s; `cooldown list` shows them all", id, suggest(id, ids))
}

// LoadBuiltin loads only the embedded data. An error here is a bug in the
// shipped files, caught by tests.
func LoadBuiltin() (*Library, error) {
	lib, broken, _ := load(nil)
	if len(broken) > 0 {
		return nil, broken
	}
	return lib, nil
}

// Load reads the embedded data and every *.yaml file in userDir (which may
// be missing). A broken user file or routine is skipped and reported in the
// returned problems; the rest still loads. The error is only for failures
// of the built-in data.
func Load(userDir string) (*Library, Problems, error) {
	var files []string
	if userDir != "" {
		matches, err := filepath.Glob(filepath.Join(userDir, "*.yaml"))
		if err == nil {
			yml, _ := filepath.Glob(filepath.Join(userDir, "*.yml"))
			files = append(matches, yml...)
			sort.Strings(files)
		}
	}
	return LoadFiles(files)
}

// LoadFiles is Load with an explicit list of user files.
func LoadFiles(userFiles []string) (*Library, Problems, error) {
	var parsed []*File
	var problems Problems
	for _, name := range userFiles {
		data, err := readLimited(name)
		if err != nil {
			problems = append(problems, Problem{File: name, Msg: err.Error()})
			continue
		}
		f, err := Parse(name, data, name)
		if err != nil {
			problems = append(problems, AsProblems(err)...)
			continue
		}
		parsed = append(parsed, f)
	}
	lib, broken, userProblems := load(parsed)
	if len(broken) > 0 {
		return nil, nil, broken
	}
	return lib, append(problems, userProblems...), nil
}

// readLimited reads a user file, refusing ones too large to be a routine.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, cleanPathErr(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("is a folder, not a routine file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, cleanPathErr(err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("file is larger than 1 MiB; routine files are small text files")
	}
	return data, nil
}

func cleanPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// load merges the built-in files and the parsed user files. Problems with
// the built-in data (a bug) are returned apart from the user's.
func load(user []*File) (lib *Library, broken, problems Problems) {
	builtin, err := BuiltinFiles()
	if err != nil {
		return nil, Problems{{File: "data/", Msg: err.Error()}}, nil
	}
	names := make([]string, 0, len(builtin))
	for n := range builtin {
		names = append(names, n)
	}
	sort.Strings(names)
	lib = &Library{exercises: map[string]*Exercise{}}
	var files []*File
	for _, n := range names {
		f, err := Parse(n, builtin[n], BuiltIn)
		if err != nil {
			broken = append(broken, AsProblems(err)...)
			continue
		}
		files = append(files, f)
	}
	files = append(files, user...)
	// Exercises first, so routines anywhere can use exercises from any file.
	for _, f := range files {
		for _, e := range f.Exercises {
			if prev, ok := lib.exercises[e.ID]; ok && prev.Source != BuiltIn && e.Source != BuiltIn {
				problems = append(problems, Problem{File: f.Name, Line: e.Pos.Line, Col: e.Pos.Col, Field: "id",
					Msg: fmt.Sprintf("exercise %q is also defined in %s; the later file wins", e.ID, prev.Source)})
			}
			if prev, ok := lib.exercises[e.ID]; ok && prev.Source == BuiltIn && e.Source == BuiltIn {
				broken = append(broken, Problem{File: f.Name, Line: e.Pos.Line, Col: e.Pos.Col, Field: "id",
					Msg: fmt.Sprintf("exercise %q is defined twice in the built-in data", e.ID)})
			}
			lib.exercises[e.ID] = e
		}
	}
	byID := map[string]int{}
	for _, f := range files {
		for _, r := range f.Routines {
			if ps := link(f.Name, r, lib.exercises); len(ps) > 0 {
				if r.Source == BuiltIn {
					broken = append(broken, ps...)
				} else {
					problems = append(problems, ps...)
				}
				continue
			}
			if i, ok := byID[r.ID]; ok {
				prev := lib.routines[i]
				if prev.Source == BuiltIn && r.Source != BuiltIn {
					r.Overrides = true
				} else {
					problems = append(problems, Problem{File: f.Name, Line: r.Pos.Line, Col: r.Pos.Col, Field: "id",
						Msg: fmt.Sprintf("routine %q is also defined in %s; the later file wins", r.ID, sourceName(prev))})
				}
				lib.routines[i] = r
				continue
			}
			byID[r.ID] = len(lib.routines)
			lib.routines = append(lib.routines, r)
		}
	}
	t := DefaultTiming()
	sort.SliceStable(lib.routines, func(i, j int) bool {
		a, b := lib.routines[i], lib.routines[j]
		if ta, tb := a.Total(t), b.Total(t); ta != tb {
			return ta < tb
		}
		return a.Name < b.Name
	})
	return lib, broken, problems
}

func sourceName(r *Routine) string {
	if r.Source == BuiltIn {
		return "the built-in data"
	}
	return r.Source
}

// link resolves each step's exercise id, reporting unknown ids where they
// were written.
func link(file string, r *Routine, exercises map[string]*Exercise) Problems {
	var ps Problems
	ids := make([]string, 0, len(exercises))
	for id := range exercises {
		ids = append(ids, id)
	}
	for i := range r.Steps {
		s := &r.Steps[i]
		e, ok := exercises[s.Do]
		if !ok {
			ps = append(ps, Problem{File: file, Line: s.DoPos.Line, Col: s.DoPos.Col,
				Field: fmt.Sprintf("steps[%d].do", i),
				Msg:   fmt.Sprintf("unknown exercise %q in routine %q%s", s.Do, r.ID, suggest(s.Do, ids))})
			continue
		}
		s.Exercise = e
	}
	return ps
}

// DisplaySource is how list shows where a routine came from.
func DisplaySource(src string) string {
	if src == BuiltIn {
		return BuiltIn
	}
	if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(src, home+string(os.PathSeparator)) {
		return "~" + src[len(home):]
	}
	return path.Clean(filepath.ToSlash(src))
}
