package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check routine files before you use or share them",
		Long: "Check routine files together with the built-in catalogue: a routine may use built-in " +
			"exercises and exercises defined in any of the files given.\n\n" +
			"Every problem is printed on stderr as file:line:col: field: message, and the exit code " +
			"is 2. When all is well, each file gets one line on stdout with the routines it defines " +
			"and their computed totals.\n\n" +
			"With no FILE, every routine file in your routines folder (" + displayRoutinesDir() + ") is checked.",
		Example: "  cooldown validate                  # your routines folder\n" +
			"  cooldown validate my-routines.yaml\n" +
			"  cooldown validate exercises.yaml client-*.yaml",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				files, err := routines.UserFiles(routinesDir())
				if err != nil {
					return fmt.Errorf("reading your routines folder: %w", err)
				}
				if len(files) == 0 {
					fmt.Fprintf(a.io.err, "cooldown: no routine files in %s (*.yaml or *.yml); nothing to check\n", routines.DisplaySource(routinesDir()))
					return nil
				}
				args = files
			}
			reports, err := routines.ValidateFiles(args)
			if err != nil {
				return fmt.Errorf("built-in routine data is broken (this is a bug): %w", err)
			}
			problems, bad := 0, 0
			for _, rep := range reports {
				for _, p := range rep.Problems {
					fmt.Fprintln(a.io.err, problemLine(p))
				}
				if len(rep.Problems) > 0 {
					problems += len(rep.Problems)
					bad++
				}
			}
			if problems > 0 {
				where := routines.Plural(len(reports), "file", "files")
				if len(reports) > 1 {
					where = fmt.Sprintf("%d of %s", bad, where)
				}
				return &exitError{code: exitUsage, err: fmt.Errorf("%s in %s", routines.Plural(problems, "problem", "problems"), where)}
			}
			t := a.timing()
			for _, rep := range reports {
				fmt.Fprintln(a.io.out, okLine(rep, t))
			}
			return nil
		},
	}
}

// problemLine prints a problem as file:line:col: field: message. The file
// name is printed as given on the command line; the rest is cleaned so a
// hostile file cannot put escape sequences on the terminal.
func problemLine(p routines.Problem) string {
	p.Field = strictyaml.Clean(p.Field)
	p.Msg = strictyaml.Clean(p.Msg)
	return p.Error()
}

// okLine sums up a valid file: "my.yaml: ok — 2 routines: hips-5 (5 min
// 10 s), back-8 (8 min); 1 exercise". Routines and exercises that take the
// place of built-in ones are marked: they change what the built-in routines do.
func okLine(rep routines.FileReport, t routines.Timing) string {
	var parts []string
	if n := len(rep.Routines); n > 0 {
		names := make([]string, n)
		for i, r := range rep.Routines {
			extra := ""
			if r.Overrides {
				extra = ", replaces built-in"
			}
			names[i] = fmt.Sprintf("%s (%s%s)", r.ID, routines.Friendly(r.Total(t)), extra)
		}
		parts = append(parts, routines.Plural(n, "routine", "routines")+": "+strings.Join(names, ", "))
	}
	if n := len(rep.Exercises); n > 0 {
		replaced := 0
		for _, e := range rep.Exercises {
			if e.Overrides {
				replaced++
			}
		}
		s := routines.Plural(n, "exercise", "exercises")
		switch {
		case replaced == 0:
		case n == 1:
			s += " (replaces built-in)"
		case replaced == 1:
			s += " (1 replaces a built-in one)"
		default:
			s += fmt.Sprintf(" (%d replace built-in ones)", replaced)
		}
		parts = append(parts, s)
	}
	// The file name is as given on the command line: a name can hold any
	// byte but '/' and NUL, escapes included.
	return strictyaml.EscapeControls(rep.Name) + ": ok — " + strings.Join(parts, "; ")
}
