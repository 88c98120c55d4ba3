package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/settings"
)

// Shell completion (cobra's `cooldown completion bash|zsh|fish|powershell`)
// offers what the commands accept: routine ids, body areas and groups,
// soreness levels and the values the settings take. It loads the routines
// as `list` does, the user's files included, and never prints warnings:
// the shell would show them as candidates.

// completeWith gives a fixed list of candidates that start with what was
// typed, and no file names.
func completeWith(values []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, v := range values {
			if strings.HasPrefix(v, toComplete) {
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeList completes a comma-separated list (`--areas calves,qu`):
// the words already typed stay, the last one is completed.
func completeList(values []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		done, last := "", toComplete
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			done, last = toComplete[:i+1], toComplete[i+1:]
		}
		var out []cobra.Completion
		for _, v := range values {
			if strings.HasPrefix(v, last) && !strings.Contains(","+done, ","+v+",") {
				out = append(out, done+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// routineIDs completes a routine id, with its name as the description.
func (a *app) routineIDs(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	lib, err := a.quietLibrary()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []cobra.Completion
	for _, r := range lib.Routines() {
		if strings.HasPrefix(r.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(r.ID, r.Name))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// exerciseIDs completes an exercise id, with its name as the description.
func (a *app) exerciseIDs(toComplete string) []cobra.Completion {
	lib, err := a.quietLibrary()
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, e := range lib.Exercises() {
		if strings.HasPrefix(e.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(e.ID, e.Name))
		}
	}
	return out
}

// quietLibrary loads the routines without a word on stderr.
func (a *app) quietLibrary() (*routines.Library, error) {
	lib, _, err := routines.Load(routinesDir())
	return lib, err
}

func levelIDs() []string {
	var out []string
	for _, l := range routines.Levels() {
		out = append(out, string(l))
	}
	return out
}

func areaAndGroupNames() []string { return append(routines.Areas(), groupList()...) }

// gapValues are the get-ready lengths offered: a few, all in the limits.
func gapValues(limit int) []string {
	var out []string
	for _, s := range []int{0, 3, 5, 10, 15, 20, 30, 45, 60} {
		if s <= limit {
			out = append(out, fmt.Sprintf("%ds", s))
		}
	}
	return out
}

func numbers(from, to, step int) []string {
	var out []string
	for n := from; n <= to; n += step {
		out = append(out, fmt.Sprint(n))
	}
	return out
}

// registerCompletions attaches the completion functions to every command
// that has the argument or flag.
func (a *app) registerCompletions(root *cobra.Command) {
	flags := map[string]cobra.CompletionFunc{
		"soreness":    completeWith(levelIDs()),
		"area":        completeList(areaAndGroupNames()),
		"areas":       completeList(areaAndGroupNames()),
		"get-ready":   completeWith(gapValues(int(settings.MaxGetReady.Seconds()))),
		"breathing":   completeWith(routines.BreathPatternIDs()),
		"minutes":     completeWith(numbers(routines.PlanMinMinutes, routines.PlanMaxMinutes, 5)),
		"max-minutes": completeWith(numbers(5, 60, 5)),
		"weeks":       completeWith([]string{"4", "12", "26", "52", "104"}),
		"name":        cobra.NoFileCompletions,
		"after":       sportCompletions,
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for name, fn := range flags {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, fn)
			}
		}
		switch c.Name() {
		case "start":
			c.ValidArgsFunction = a.routineIDs
		case "show":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				out, dir := a.routineIDs(cmd, args, toComplete)
				// Exercise ids too, once show takes them (its usage says so).
				if len(args) == 0 && strings.Contains(cmd.Use, "EXERCISE") {
					out = append(out, a.exerciseIDs(toComplete)...)
				}
				return out, dir
			}
		case "validate":
			c.ValidArgsFunction = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
