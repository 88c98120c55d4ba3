package routines

import (
	"github.com/cooldown-app/cooldown/routines/strictyaml"

	"path/filepath"
	"slices"
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
			continue
		}
		rep.Exercises, rep.Routines = f.Exercises, f.Routines
		reports = append(reports, rep)
		parsed = append(parsed, f)
	}
	_, broken, problems := load(parsed)
	if len(broken) > 0 {
		return nil, broken
	}
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
