package routines

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cooldown-app/cooldown/routines/safefile"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
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
	if e, ok := l.exercises[id]; ok {
		// An exercise id where a routine was wanted: say so, and where it is used.
		var uses []string
		for _, r := range l.routines {
			for _, st := range r.Steps {
				if st.Do == e.ID && !slices.Contains(uses, r.ID) {
					uses = append(uses, r.ID)
				}
			}
		}
		hint := ""
		if len(uses) > 0 {
			hint = "; routines that use it: " + strings.Join(uses[:min(len(uses), 3)], ", ")
		}
		return nil, fmt.Errorf("%q is an exercise (%s), not a routine%s; `cooldown list` shows the routines", id, e.Name, hint)
	}
	return nil, fmt.Errorf("no routine %q%s; `cooldown list` shows them all", id, strictyaml.Suggest(id, ids))
}

// LoadBuiltin loads only the embedded data. An error here is a bug in the
// shipped files, caught by tests.
func LoadBuiltin() (*Library, error) {
	lib, broken, _ := load(nil)
	if len(broken) > 0 {
		return nil, broken
	}
	if err := lib.AddBuiltinPoses(); err != nil {
		return nil, err
	}
	return lib, nil
}

// Load reads the embedded data and every *.yaml and *.yml file in userDir
// (which may be missing; hidden files such as editor lock files are
// skipped). A broken user file or routine is skipped and reported in the
// returned problems; the rest still loads. The error is only for failures
// of the built-in data.
func Load(userDir string) (*Library, Problems, error) {
	files, dirErr := UserFiles(userDir)
	lib, problems, err := LoadFiles(files)
	if dirErr != nil && err == nil {
		problems = append(Problems{{File: userDir, Msg: dirErr.Error()}}, problems...)
	}
	return lib, problems, err
}

// LoadFor is Load for running one routine: it parses only what that needs,
// which is about half the YAML Load parses (the catalogue is half the
// built-in data). Every user file is read, so a user routine with the id
// still replaces the built-in one and every problem in a user file is
// reported as Load reports it; of the built-in data, the catalogue and the
// one file of that routine (each built-in routine file holds one routine
// named after it), also when a user file overrides it, so that a broken
// override leaves the built-in routine in place. The library
// holds that routine and the exercises. When id names no routine, LoadFor
// is Load, so the error of Library.Routine lists the near matches.
func LoadFor(userDir, id string) (*Library, Problems, error) {
	files, dirErr := UserFiles(userDir)
	lib, problems, err := loadFiles(files, func(user []*File) (func(string) bool, bool) {
		// The built-in routine is parsed even when a user file defines the
		// id: the user's may fail to link (an unknown exercise), and a
		// broken override must never take the built-in away.
		for _, f := range user {
			for _, r := range f.Routines {
				if r.ID == id && !builtinRoutine(id) {
					return onlyBuiltin(exerciseFiles()...), true
				}
			}
		}
		if !builtinRoutine(id) {
			return nil, false
		}
		return onlyBuiltin(append(exerciseFiles(), builtinRoutineFile(id))...), true
	})
	if err == nil {
		if r, rerr := lib.Routine(id); rerr == nil && r.Source != BuiltIn && builtinRoutine(id) {
			r.Overrides = true
		}
	}
	if dirErr != nil && err == nil {
		problems = append(Problems{{File: userDir, Msg: dirErr.Error()}}, problems...)
	}
	return lib, problems, err
}

// The built-in files: the exercise catalogue, the mobility drills and the
// soft-tissue steps without a roller (more exercises, with their poses),
// the massage-gun steps (whose poses, like the catalogue's, are in the
// poses file, parsed apart), and one file per routine.
const (
	catalogueFile  = "data/catalogue.yaml"
	mobilityFile   = "data/mobility.yaml"
	softTissueFile = "data/softtissue.yaml"
	gunFile        = "data/gun.yaml"
	posesFile      = "data/poses.yaml"
)

// exerciseFiles are the built-in files that define exercises: every run
// parses them all, since a step may fall back to any of them (a roll to a
// massage-gun or massage-ball step).
func exerciseFiles() []string {
	return []string{catalogueFile, mobilityFile, softTissueFile, gunFile}
}

func builtinRoutineFile(id string) string { return "data/" + id + ".yaml" }

// builtinRoutine reports whether a built-in routine file has that id.
func builtinRoutine(id string) bool {
	if f := builtinRoutineFile(id); !idPattern.MatchString(id) || slices.Contains(exerciseFiles(), f) || f == posesFile {
		return false
	}
	_, err := fs.Stat(embedded, builtinRoutineFile(id))
	return err == nil
}

func onlyBuiltin(names ...string) func(string) bool {
	return func(n string) bool { return slices.Contains(names, n) }
}

// UserFiles lists the routine files Load reads from dir, sorted by name.
// A missing dir has none.
func UserFiles(dir string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	entries, err := safefile.ReadDir(dir) // a FIFO in the folder's place is an error, not a wait
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the routines folder: %w", cleanPathErr(err))
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || (!strings.HasSuffix(n, ".yaml") && !strings.HasSuffix(n, ".yml")) {
			continue
		}
		files = append(files, filepath.Join(dir, n))
	}
	sort.Strings(files)
	return files, nil
}

// MaxUserBytes caps the total size of the user's routine files that one
// load reads; the files past it, in name order, are reported and skipped.
const MaxUserBytes = 4 << 20

// LoadFiles is Load with an explicit list of user files. Problems come
// file by file in the order given, each file's in line order.
func LoadFiles(userFiles []string) (*Library, Problems, error) {
	return loadFiles(userFiles, nil)
}

// loadFiles parses the user files and the built-in files side by side (the
// files are independent; on two cores this halves the time to load), then
// merges them. builtins, if set, picks the built-in files to merge once
// the user files are parsed; when it declines (false), every built-in file
// is merged.
func loadFiles(userFiles []string, builtins func(user []*File) (want func(string) bool, ok bool)) (*Library, Problems, error) {
	userParsed := make([]*File, len(userFiles))
	userProbs := make([]Problems, len(userFiles))
	// The files are read first, one after another, against a cap on their
	// total: parsing costs about five times a file's size in memory, and
	// forty files of the largest size allowed took 213 MB and seconds
	// before the first frame.
	userData := make([][]byte, len(userFiles))
	total := 0
	for i, name := range userFiles {
		data, err := readLimited(name)
		switch {
		case err != nil:
			userProbs[i] = Problems{{File: name, Msg: err.Error()}}
		case total+len(data) > MaxUserBytes:
			userProbs[i] = Problems{{File: name, Msg: fmt.Sprintf("not read: the routine files before it already hold %d bytes, and all of them together may hold at most %d (4 MiB)", total, MaxUserBytes)}}
		default:
			total += len(data)
			userData[i] = data
		}
	}
	parseUser := func(i int) {
		name, data := userFiles[i], userData[i]
		if data == nil {
			return
		}
		f, err := Parse(name, data, name)
		if err != nil {
			userProbs[i] = strictyaml.AsProblems(err)
			return
		}
		userParsed[i] = f
	}
	var files []*File
	var broken Problems
	if builtins == nil {
		// All the built-in files, parsed with the user files.
		names := builtinNames(nil)
		parsedB := make([]*File, len(names))
		errsB := make([]error, len(names))
		inParallel(len(names)+len(userFiles), func(i int) {
			if i < len(names) {
				parsedB[i], errsB[i] = parseBuiltin(names[i])
				return
			}
			parseUser(i - len(names))
		})
		files, broken = builtinResults(names, parsedB, errsB)
	} else {
		inParallel(len(userFiles), parseUser)
	}
	var parsed []*File
	var problems Problems
	for i := range userFiles {
		problems = append(problems, userProbs[i]...)
		if userParsed[i] != nil {
			parsed = append(parsed, userParsed[i])
		}
	}
	if builtins != nil {
		want, ok := builtins(parsed)
		if !ok {
			want = nil
		}
		files, broken = parsedBuiltins(want)
	}
	lib, broken, userProblems := merge(files, broken, parsed)
	if len(broken) > 0 {
		return nil, nil, broken
	}
	return lib, inFileOrder(userFiles, append(problems, userProblems...)), nil
}

// inParallel runs do(0) to do(n-1) on up to GOMAXPROCS goroutines and
// waits for them. The jobs are taken in order, so the first (the biggest
// file, the catalogue) starts at once.
func inParallel(n int, do func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}

// inFileOrder groups problems by file, in the order the files were given,
// and sorts each file's by position: whole-file problems first, then by
// line and column, and the "and N more" count last.
func inFileOrder(files []string, ps Problems) Problems {
	rank := map[string]int{}
	for i, f := range files {
		if _, ok := rank[f]; !ok {
			rank[f] = i
		}
	}
	line := func(p Problem) int {
		if p.Line == 0 && strictyaml.IsMoreProblems(p) {
			return math.MaxInt
		}
		return p.Line
	}
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if ra, rb := rank[a.File], rank[b.File]; ra != rb {
			return ra - rb
		}
		if la, lb := line(a), line(b); la != lb {
			return cmp.Compare(la, lb)
		}
		return a.Col - b.Col
	})
	return ps
}

// readLimited reads a user file, refusing anything that is not a small
// regular file (a folder, a FIFO that would block, a device, a broken link).
func readLimited(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", cleanPathErr(err))
	}
	if st.IsDir() {
		return nil, errors.New("is a folder, not a routine file")
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("is not a regular file")
	}
	if st.Size() > MaxFileBytes {
		return nil, fmt.Errorf("file is %d bytes; routine files may be at most %d (1 MiB)", st.Size(), MaxFileBytes)
	}
	// The path was checked above, but a file can be swapped for a FIFO
	// between that check and the open: the open does not block and the
	// opened file itself must be regular.
	f, _, err := safefile.Open(name)
	if errors.Is(err, safefile.ErrNotRegular) {
		return nil, errors.New("is not a regular file")
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", cleanPathErr(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", cleanPathErr(err))
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("file is larger than %d bytes (1 MiB); routine files are small text files", MaxFileBytes)
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

// parsedBuiltins parses the embedded files that want picks (all if want is
// nil), side by side. It runs once per load (a few milliseconds); nothing
// is cached at package level.
func parsedBuiltins(want func(name string) bool) ([]*File, Problems) {
	names := builtinNames(want)
	files := make([]*File, len(names))
	errs := make([]error, len(names))
	inParallel(len(names), func(i int) { files[i], errs[i] = parseBuiltin(names[i]) })
	return builtinResults(names, files, errs)
}

// builtinNames lists the embedded files that want picks (all if nil): the
// catalogue first, then the routines by name.
func builtinNames(want func(name string) bool) []string {
	all, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil {
		return nil // cannot happen: the pattern is valid
	}
	sort.Strings(all)
	names := []string{}
	if want == nil || want(catalogueFile) {
		names = append(names, catalogueFile)
	}
	for _, n := range all {
		// The poses are parsed apart (BuiltinPoses): only the session
		// screen and show need them, and they are the costliest file.
		if n != catalogueFile && n != posesFile && (want == nil || want(n)) {
			names = append(names, n)
		}
	}
	return names
}

func parseBuiltin(name string) (*File, error) {
	data, err := embedded.ReadFile(name)
	if err != nil {
		return nil, Problems{{File: name, Msg: err.Error()}}
	}
	return Parse(name, data, BuiltIn)
}

// builtinResults collects the parsed built-in files, in the order of
// names, and the problems of those that failed (a bug in the data).
func builtinResults(names []string, parsed []*File, errs []error) ([]*File, Problems) {
	var files []*File
	var broken Problems
	for i := range names {
		if errs[i] != nil {
			broken = append(broken, strictyaml.AsProblems(errs[i])...)
			continue
		}
		files = append(files, parsed[i])
	}
	return files, broken
}

// load merges all the built-in files and the parsed user files. Problems
// with the built-in data (a bug) are returned apart from the user's.
func load(user []*File) (lib *Library, broken, problems Problems) {
	files, broken := parsedBuiltins(nil)
	return merge(files, broken, user)
}

// merge merges parsed built-in files (and the problems found parsing
// them) with the parsed user files.
func merge(files []*File, broken Problems, user []*File) (lib *Library, _, problems Problems) {
	lib = &Library{exercises: map[string]*Exercise{}}
	files = append(files, user...)
	// Exercises first, so routines anywhere can use exercises from any file.
	broken, problems = lib.addExercises(files, broken)
	byID := map[string]int{}
	ids := make([]string, 0, len(lib.exercises))
	for id := range lib.exercises {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	perFile := map[string]int{} // user problems found per file, to cap them
	report := func(p Problem) {
		if perFile[p.File]++; perFile[p.File] <= MaxProblems {
			problems = append(problems, p)
		}
	}
	poseBroken, poseProblems := linkPoses(files, lib.exercises, ids)
	broken = append(broken, poseBroken...)
	for _, p := range poseProblems {
		report(p)
	}
	for _, p := range checkFallbacks(files, lib.exercises, ids) {
		if p.builtin {
			broken = append(broken, p.Problem)
		} else {
			report(p.Problem)
		}
	}
	for _, f := range files {
		for i, r := range f.Routines {
			at := fmt.Sprintf("routines[%d]", i)
			builtin := r.Source == BuiltIn
			// Past the cap, skip the did-you-mean search: it is the costly part.
			if ps := linkAt(f.Name, at, r, lib.exercises, ids, builtin || perFile[f.Name] < MaxProblems); len(ps) > 0 {
				if builtin {
					broken = append(broken, ps...)
				} else {
					for _, p := range ps {
						report(p)
					}
					if i, ok := byID[r.ID]; ok && lib.routines[i].Source == BuiltIn {
						report(Problem{File: f.Name, Line: r.Pos.Line, Col: r.Pos.Col, Field: strictyaml.JoinPath(at, "id"),
							Msg: fmt.Sprintf("routine %q is not used; the built-in routine %q stays", r.ID, r.ID)})
					}
				}
				continue
			}
			if i, ok := byID[r.ID]; ok {
				prev := lib.routines[i]
				// A user routine replacing a built-in one, maybe by way of
				// another user file, is marked as overriding it.
				r.Overrides = r.Source != BuiltIn && (prev.Source == BuiltIn || prev.Overrides)
				switch {
				case prev.Source == BuiltIn && r.Source == BuiltIn:
					broken = append(broken, Problem{File: f.Name, Line: r.Pos.Line, Col: r.Pos.Col, Field: strictyaml.JoinPath(at, "id"),
						Msg: fmt.Sprintf("routine %q is defined twice in the built-in data", r.ID)})
				case prev.Source != BuiltIn:
					report(Problem{File: f.Name, Line: r.Pos.Line, Col: r.Pos.Col, Field: strictyaml.JoinPath(at, "id"),
						Msg: fmt.Sprintf("routine %q is also defined in %s; the later file wins", r.ID, sourceName(prev))})
				}
				lib.routines[i] = r
				continue
			}
			byID[r.ID] = len(lib.routines)
			lib.routines = append(lib.routines, r)
		}
	}
	for _, f := range files {
		if n := perFile[f.Name] - MaxProblems; n > 0 {
			problems = append(problems, strictyaml.MoreProblems(f.Name, n))
			perFile[f.Name] = 0
		}
	}
	sortByLength(lib.routines)
	return lib, broken, problems
}

// addExercises puts every file's exercises into lib, a later file's
// replacing an earlier one's: a user file may replace a built-in exercise,
// but two user files defining one are a problem (which wins is not obvious
// to whoever reads them), and the built-in data doing it is broken.
func (lib *Library) addExercises(files []*File, broken Problems) (_, problems Problems) {
	for _, f := range files {
		for i, e := range f.Exercises {
			at := fmt.Sprintf("exercises[%d]", i) // a parsed file has all its entries
			if prev, ok := lib.exercises[e.ID]; ok && prev.Source != BuiltIn && e.Source != BuiltIn {
				problems = append(problems, Problem{File: f.Name, Line: e.Pos.Line, Col: e.Pos.Col, Field: strictyaml.JoinPath(at, "id"),
					Msg: fmt.Sprintf("exercise %q is also defined in %s; the later file wins", e.ID, prev.Source)})
			}
			if prev, ok := lib.exercises[e.ID]; ok && prev.Source == BuiltIn && e.Source == BuiltIn {
				broken = append(broken, Problem{File: f.Name, Line: e.Pos.Line, Col: e.Pos.Col, Field: strictyaml.JoinPath(at, "id"),
					Msg: fmt.Sprintf("exercise %q is defined twice in the built-in data", e.ID)})
			}
			if prev, ok := lib.exercises[e.ID]; ok {
				// Replacing a built-in exercise, maybe by way of another
				// user file, is marked, as for routines.
				e.Overrides = e.Source != BuiltIn && (prev.Source == BuiltIn || prev.Overrides)
			}
			lib.exercises[e.ID] = e
		}
	}
	return broken, problems
}

// sortByLength orders routines shortest first with the default timing, by
// name among equals: the order the library lists them in.
func sortByLength(rs []*Routine) {
	t := DefaultTiming()
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if ta, tb := a.Total(t), b.Total(t); ta != tb {
			return ta < tb
		}
		return a.Name < b.Name
	})
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
	ids := make([]string, 0, len(exercises))
	for id := range exercises {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return linkAt(file, "", r, exercises, ids, true)
}

// linkAt is link for the routine at path in its file, with the exercise
// ids sorted; hints turns the did-you-mean search on.
func linkAt(file, path string, r *Routine, exercises map[string]*Exercise, ids []string, hints bool) Problems {
	var ps Problems
	gunOn := map[string]time.Duration{} // massage-gun time on each area (each side) so far
	for i := range r.Steps {
		s := &r.Steps[i]
		e, ok := exercises[s.Do]
		if !ok {
			hint := ""
			if hints {
				hint = strictyaml.Suggest(s.Do, ids)
			}
			ps = append(ps, Problem{File: file, Line: s.DoPos.Line, Col: s.DoPos.Col,
				Field: strictyaml.JoinPath(path, fmt.Sprintf("steps[%d].do", i)),
				Msg:   fmt.Sprintf("unknown exercise %q in routine %q%s", s.Do, r.ID, hint)})
			continue
		}
		s.Exercise = e
		if s.Count > 0 && e.Kind != Mobility {
			ps = append(ps, Problem{File: file, Line: s.CountPos.Line, Col: s.CountPos.Col,
				Field: strictyaml.JoinPath(path, fmt.Sprintf("steps[%d].count", i)),
				Msg:   fmt.Sprintf("a count of reps is only for a mobility step; %q is a %s", s.Do, e.Kind)})
		}
		if t := s.Tempo(); t > 0 && (t < MinTempo || t > MaxTempo) {
			at, field := s.ForPos, "for"
			if s.Count > 0 {
				at, field = s.CountPos, "count"
			}
			adv := "fewer reps or more time"
			if t > MaxTempo {
				adv = "more reps or less time"
			}
			ps = append(ps, Problem{File: file, Line: at.Line, Col: at.Col,
				Field: strictyaml.JoinPath(path, fmt.Sprintf("steps[%d].%s", i, field)),
				Msg: fmt.Sprintf("%d reps in %s is %s a rep; a mobility drill goes at %s to %s a rep: give %s",
					s.RepCount(), Friendly(s.For), tempoText(t), tempoText(MinTempo), tempoText(MaxTempo), adv)})
		}
		if e.Kind == MassageGun {
			ps = append(ps, gunProblems(file, path, i, s, gunOn)...)
		}
		if s.Pattern != "" && e.Kind != Breathe {
			ps = append(ps, Problem{File: file, Line: s.PatternPos.Line, Col: s.PatternPos.Col,
				Field: strictyaml.JoinPath(path, fmt.Sprintf("steps[%d].breathing", i)),
				Msg:   fmt.Sprintf("a breathing pattern is only for a breathe step; %q is a %s", s.Do, e.Kind)})
		}
	}
	return ps
}

// gunProblems holds a massage-gun step to the gun's limits: at most a
// minute on a zone (each side) at a time, and at most two minutes on one
// muscle in the whole routine (longer has been followed by muscle damage).
func gunProblems(file, path string, i int, s *Step, gunOn map[string]time.Duration) Problems {
	field := strictyaml.JoinPath(path, fmt.Sprintf("steps[%d].for", i))
	if s.For > GunMax {
		return Problems{{File: file, Line: s.ForPos.Line, Col: s.ForPos.Col, Field: field,
			Msg: fmt.Sprintf("%s on one zone is too long for a massage gun: keep it to %s to %s (each side)", Friendly(s.For), Friendly(GunMin), Friendly(GunMax))}}
	}
	var ps Problems
	for _, a := range s.Exercise.Areas {
		gunOn[a] += s.For * time.Duration(max(s.Reps, 1))
		if gunOn[a] > GunPerMuscle {
			ps = append(ps, Problem{File: file, Line: s.ForPos.Line, Col: s.ForPos.Col, Field: field,
				Msg: fmt.Sprintf("with this step the massage gun is on the %s for %s in all; at most %s on one muscle in a session: fewer reps or less time", areaWords(a), Friendly(gunOn[a]), Friendly(GunPerMuscle))})
			gunOn[a] = -time.Hour // said once
		}
	}
	return ps
}

// areaWords is an area id in words: "lower-back" is "lower back".
func areaWords(a string) string { return strings.ReplaceAll(a, "-", " ") }

// tempoText says a rep's time to a tenth of a second: "2.5 s", "5 s".
func tempoText(d time.Duration) string {
	return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", d.Seconds()), "0"), ".") + " s"
}

// DisplaySource is how list shows where a routine came from.
func DisplaySource(src string) string {
	if src == BuiltIn {
		return BuiltIn
	}
	if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(src, home+string(os.PathSeparator)) {
		return strictyaml.EscapeControls("~" + src[len(home):])
	}
	return strictyaml.EscapeControls(path.Clean(filepath.ToSlash(src)))
}
