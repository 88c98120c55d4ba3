package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/settings"
)

// kitFlag is --kit: what the person has, read as the settings file reads
// its kit line.
// Given twice (--kit roller --kit strap), the kits add up, as --area does.
type kitFlag struct {
	kit   *routines.Kit
	words *[]string // every value given so far
}

// String is empty for the unset flag (the zero Kit): help would show it
// as a default of "no-floor,no-wall", when the default is the settings
// file's kit.
func (k kitFlag) String() string {
	if k.kit == nil || *k.kit == 0 {
		return ""
	}
	return k.kit.String()
}

func (k kitFlag) Set(s string) error {
	if _, err := routines.ParseKit([]string{s}); err != nil {
		return err // this value alone: its own message
	}
	words := append(slices.Clone(*k.words), s)
	v, err := routines.ParseKit(words)
	if err != nil {
		return fmt.Errorf("%w (--kit %s is given too)", err, strings.Join(*k.words, " --kit "))
	}
	*k.kit, *k.words = v, words
	return nil
}

func (k kitFlag) Type() string { return "list" }

// kitUsage is the --kit flag's help line.
var kitUsage = "what you have: none, all, or some of " + strings.Join(routines.ToolNames(), ",") +
	" (floor and wall assumed; no-floor, no-wall to say otherwise); routines adapt to it (settings: kit)"

// addKitFlag gives cmd --kit, for the commands that show or build
// routines without running them.
func (a *app) addKitFlag(cmd *cobra.Command) {
	cmd.Flags().Var(kitFlag{&a.kit, new([]string)}, "kit", kitUsage)
	_ = cmd.RegisterFlagCompletionFunc("kit", completeKit)
}

// completeKit completes the last item of a comma-separated kit.
func completeKit(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	done, _ := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done = toComplete[:i+1]
	}
	words := append(append([]string{"all", "none"}, routines.ToolNames()...), "no-floor", "no-wall")
	var out []string
	for _, w := range words {
		if strings.HasPrefix(done+w, toComplete) && !strings.Contains(","+done, ","+w+",") {
			out = append(out, done+w)
		}
	}
	return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

// kitOf is the kit in effect: --kit if given, else the settings file's;
// nil when neither says (routines run as written).
func (a *app) kitOf(s settings.Settings) *routines.Kit {
	if a.startFlags != nil && a.startFlags.Changed("kit") {
		k := a.kit
		return &k
	}
	return s.Kit
}

// kitNow is the kit in effect for a command that only shows routines.
func (a *app) kitNow() *routines.Kit {
	s, _ := a.loadSettings()
	return s.Kit
}

// adapt is r as done with kit (r itself with no kit), or an error that
// says why it cannot be done.
func adapt(lib *routines.Library, r *routines.Routine, kit *routines.Kit) (*routines.Routine, []routines.Change, error) {
	if kit == nil || *kit == routines.KitAll {
		return r, nil, nil
	}
	out, changes, err := lib.Adapt(r, *kit)
	if err != nil {
		return nil, nil, &exitError{code: exitUsage, err: fmt.Errorf("%s; `cooldown show %s` lists what it needs, --kit or the picker's g key says what you have", strings.TrimSuffix(err.Error(), "."), r.ID)}
	}
	return out, changes, nil
}

// needsText says what a routine needs, for show and list.
func needsText(r *routines.Routine) string { return needsWords(r.Needs()) }

// needsWords are needs for people: "foam roller, wall or chair".
func needsWords(needs []routines.Need) string {
	var ns []string
	for _, n := range needs {
		ns = append(ns, n.Short())
	}
	if len(ns) == 0 {
		return "nothing but some space"
	}
	return strings.Join(ns, ", ")
}

// withKit is r as a command shows it with kit: adapted, with a line that
// says what changed, or as written with the reason it cannot be done. No
// kit (or everything) shows it as written, with no line.
func withKit(lib *routines.Library, r *routines.Routine, kit *routines.Kit) (shown *routines.Routine, line string, ok bool) {
	if kit == nil || *kit == routines.KitAll {
		return r, "", true
	}
	out, changes, err := lib.Adapt(r, *kit)
	switch {
	case err != nil:
		return r, "cannot be done with " + kit.Describe() + ": " + strings.TrimPrefix(err.Error(), r.Name+" cannot be done with "+kit.Describe()+": "), false
	case len(changes) == 0:
		return out, "as written: your kit (" + kit.Describe() + ") has all it needs", true
	}
	// A step left out has no note of its own to carry the reason: it is said here.
	var left []string
	for _, c := range changes {
		if c.To == "" {
			name := c.From
			if e, ok := lib.Exercise(c.From); ok {
				name = e.Name
			}
			left = append(left, fmt.Sprintf("%s (it needs %s)", name, routines.NeedText(c.Missing)))
		}
	}
	line = fmt.Sprintf("adapted to your kit (%s)", kit.Describe())
	if n := len(changes) - len(left); n > 0 {
		line += fmt.Sprintf(": %s, in the step notes", routines.Plural(n, "change", "changes"))
	}
	if len(left) > 0 {
		line += fmt.Sprintf("; %s left out: %s", routines.Plural(len(left), "step", "steps"), strings.Join(left, ", "))
	}
	return out, line, true
}
