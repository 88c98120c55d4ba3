package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
)

// sportFlag is --after: what was trained, a sport id or alias, checked as
// it is parsed so a typo is a usage error with the nearest names.
type sportFlag struct{ sport **routines.Sport }

func (f sportFlag) String() string {
	if f.sport == nil || *f.sport == nil {
		return ""
	}
	return (*f.sport).ID
}

func (f sportFlag) Set(s string) error {
	sp, err := routines.ParseSport(s)
	if err != nil {
		return err
	}
	*f.sport = &sp
	return nil
}

func (f sportFlag) Type() string { return "training" }

// addAfterFlag gives cmd --after.
func (a *app) addAfterFlag(cmd *cobra.Command) {
	cmd.Flags().Var(sportFlag{&a.after}, "after", "what you trained: "+routines.SportChoices()+" (team is hiit); "+
		"its routines come first, and a plan works its areas")
}

// sportRoutine is the routine `start --after SPORT` runs: the sport's
// first routine (best first) that suits the level asked, any level if none.
func (a *app) sportRoutine() (string, error) {
	level := routines.Level("")
	if a.soreness != "" {
		l, err := routines.ParseLevel(a.soreness)
		if err != nil {
			return "", &exitError{code: exitUsage, err: err}
		}
		level = l
	}
	lib, err := a.quietLibrary()
	if err != nil {
		return "", err
	}
	rs := lib.ForSport(*a.after, level)
	if len(rs) == 0 {
		what := "any level"
		if level != "" {
			what = level.Title()
		}
		return "", usageErr("--after %s: no routine for it suits %s; `cooldown list` shows them all", a.after.ID, what)
	}
	// The first the kit allows: a run's routines without a wall, a chair or
	// the floor may all be out, and then a plan is the way.
	kit := a.kitNow()
	for _, r := range rs {
		if _, _, err := adapt(lib, r, kit); err == nil {
			return r.ID, nil
		}
	}
	return "", usageErr("--after %s: none of its routines (%s) can be done with your kit (%s); `cooldown plan --after %s --minutes 15` builds one that can",
		a.after.ID, routineIDs(rs), kit.Describe(), a.after.ID)
}

func routineIDs(rs []*routines.Routine) string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}

// sportCompletions are the --after values, with their names.
func sportCompletions(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, s := range routines.Sports() {
		if strings.HasPrefix(s.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(s.ID, s.Name))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
