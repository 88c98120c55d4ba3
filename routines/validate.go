package routines

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// FileReport is what validating one file found: what it defines and what
// is wrong with it.
type FileReport struct {
	Name      string      // as given
	Exercises []*Exercise // in file order; nil if the file did not parse
	Routines  []*Routine  // in file order, linked; nil if the file did not parse
	Problems  Problems    // sorted by line and column
}

// ValidateFiles checks files together with the built-in data, the way Load
// merges them: a routine may use built-in exercises and exercises defined
// in any of the other files. It returns one report per distinct file name,
// in the order given. The error is only for failures of the built-in data.
func ValidateFiles(names []string) ([]FileReport, error) {
	var reports []FileReport
	index := map[string]int{}
	var parsed []*File
	var partial []partialFile
	for _, name := range names {
		key := filepath.Clean(name)
		if _, dup := index[key]; dup {
			continue
		}
		index[key] = len(reports)
		rep := FileReport{Name: name}
		data, err := readLimited(name)
		if err != nil {
			rep.Problems = Problems{{File: name, Msg: err.Error()}}
			reports = append(reports, rep)
			continue
		}
		f, err := Parse(name, data, name)
		if err != nil {
			rep.Problems = strictyaml.AsProblems(err)
			if rep.Problems == nil {
				rep.Problems = Problems{{File: name, Msg: err.Error()}}
			}
			reports = append(reports, rep)
			// What could be read of it is still checked against the
			// catalogue: every problem of a file in one run.
			if pf, ex := parsePartial(name, data, name); pf != nil {
				partial = append(partial, partialFile{report: len(reports) - 1, file: pf, exIDs: ex})
			}
			continue
		}
		rep.Exercises, rep.Routines = f.Exercises, f.Routines
		reports = append(reports, rep)
		parsed = append(parsed, f)
	}
	lib, broken, problems := load(parsed)
	if len(broken) > 0 {
		return nil, broken
	}
	problems = append(problems, linkPartial(lib, partial, reports)...)
	for _, p := range problems {
		i, ok := index[filepath.Clean(p.File)]
		if !ok {
			continue // cannot happen: user problems name a user file
		}
		reports[i].Problems = append(reports[i].Problems, p)
	}
	for i := range reports {
		slices.SortStableFunc(reports[i].Problems, func(a, b Problem) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Col - b.Col
		})
	}
	return reports, nil
}

// partialFile is what could be read of a file with problems.
type partialFile struct {
	report int // index of its report
	file   *File
	exIDs  []string // every exercise id the file defines, broken entries too
}

// parsePartial is Parse returning what it could read of a file even when
// it has problems (nil when its structure could not be read at all), so
// validate can also check the parts that parsed.
func parsePartial(name string, data []byte, source string) (f *File, exIDs []string) {
	d := &decoder{Reader: strictyaml.NewReader(name, fileLimits), keep: true}
	defer func() {
		if r := recover(); r != nil {
			f = nil // Parse has already reported it
		}
	}()
	f = d.parse(data, source)
	return f, slices.Collect(maps.Keys(d.exIDs))
}

// linkPartial reports the unknown exercise ids of files that had other
// problems too, against the built-in catalogue and every file given, at
// places the parser did not already report.
func linkPartial(lib *Library, partial []partialFile, reports []FileReport) Problems {
	if len(partial) == 0 {
		return nil
	}
	exercises := maps.Clone(lib.exercises)
	for _, pf := range partial {
		for _, id := range pf.exIDs {
			if _, ok := exercises[id]; !ok {
				exercises[id] = &Exercise{ID: id} // defined, if with problems of its own
			}
		}
	}
	ids := slices.Sorted(maps.Keys(exercises))
	var out Problems
	for _, pf := range partial {
		seen := map[Pos]bool{}
		for _, p := range reports[pf.report].Problems {
			seen[Pos{Line: p.Line, Col: p.Col}] = true
		}
		for i, r := range pf.file.Routines {
			if r == nil {
				continue
			}
			// Only steps whose id was read as an id: the parser has said
			// what is wrong with the others.
			rc := *r
			rc.Steps = nil
			var at []int
			for j, st := range r.Steps {
				if idPattern.MatchString(st.Do) && !seen[st.DoPos] {
					rc.Steps = append(rc.Steps, st)
					at = append(at, j)
				}
			}
			for _, p := range linkAt(pf.file.Name, fmt.Sprintf("routines[%d]", i), &rc, exercises, ids, true) {
				// linkAt numbers the steps it was given; name the real one.
				var k int
				if _, err := fmt.Sscanf(p.Field[strings.LastIndex(p.Field, "steps["):], "steps[%d]", &k); err == nil && k < len(at) {
					p.Field = fmt.Sprintf("routines[%d].steps[%d].do", i, at[k])
				}
				out = append(out, p)
			}
		}
	}
	return out
}
