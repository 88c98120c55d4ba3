package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/tui/pose"
)

func (a *app) exercisesCmd() *cobra.Command {
	var (
		areas  []string
		kind   string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "exercises",
		Short: "List every exercise (built-in and your own)",
		Long: "List every exercise of the catalogue with its kind, the body areas it works, whether it is " +
			"done per side, and where it comes from (built-in, or your file in " + displayRoutinesDir() + "). " +
			"`cooldown show EXERCISE` shows one with its cues, caution and pose picture.\n\n" +
			areaFlagHelp() + " " +
			"--kind takes one of " + strings.Join(kindNames(), ", ") + ".",
		Example: "  cooldown exercises --area calves\n  cooldown exercises --kind roll\n  cooldown exercises --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var want []string
			if cmd.Flags().Changed("area") {
				exp, err := routines.ExpandAreas(areas)
				if err != nil {
					return usageErr("--area: %v; `cooldown exercises --help` lists them", err)
				}
				if len(exp) == 0 {
					return usageErr("--area: name a body area or group, e.g. calves or legs")
				}
				want = exp
			}
			var k routines.Kind
			if cmd.Flags().Changed("kind") {
				k = routines.Kind(strings.ToLower(strings.TrimSpace(kind)))
				if !k.Valid() {
					return usageErr("--kind: unknown kind %q%s (want one of %s)", kind, strictyaml.Suggest(string(k), kindNames()), strings.Join(kindNames(), ", "))
				}
			}
			lib, _, err := a.loadLibrary()
			if err != nil {
				return err
			}
			if err := lib.AddBuiltinPoses(); err != nil {
				return err
			}
			var keep []*routines.Exercise
			for _, e := range lib.Exercises() {
				if k != "" && e.Kind != k {
					continue
				}
				if want != nil && !slices.ContainsFunc(e.Areas, func(a string) bool { return slices.Contains(want, a) }) {
					continue
				}
				keep = append(keep, e)
			}
			if asJSON {
				return writeExercisesJSON(a.io.out, keep)
			}
			width := 80
			if w, isTerm := a.io.width(a.io.out); isTerm {
				width = max(w, 40)
			}
			_, err = io.WriteString(a.io.out, exercisesTable(keep, width))
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&areas, "area", nil, "only exercises working this body area or group (repeatable)")
	fl.StringVar(&kind, "kind", "", "only exercises of this kind: "+strings.Join(kindNames(), ", "))
	fl.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}

func kindNames() []string {
	var out []string
	for _, k := range routines.Kinds() {
		out = append(out, string(k))
	}
	return out
}

// exercisesTable is one exercise a line: id, name, kind, sides and
// areas (wrapped under their column at width); a user's is marked *.
func exercisesTable(es []*routines.Exercise, width int) string {
	if len(es) == 0 {
		return "No exercise matches.\n"
	}
	idW, nameW := len("ID"), len("NAME")
	user := false
	for _, e := range es {
		idW = max(idW, ansi.StringWidth(e.ID)+2)
		nameW = max(nameW, ansi.StringWidth(e.Name))
	}
	nameW = min(nameW, 26)
	var b strings.Builder
	row := func(id, name, kind, side, areas string) {
		if ansi.StringWidth(name) > nameW {
			name = ansi.Truncate(name, nameW, "…")
		}
		prefix := fmt.Sprintf("%-*s  %s%s  %-8s  %-4s  ", idW, id, name, strings.Repeat(" ", nameW-ansi.StringWidth(name)), kind, side)
		// The areas wrap under their column rather than being cut.
		avail := max(width-ansi.StringWidth(prefix), 12)
		for i, l := range strings.Split(ansi.Wordwrap(areas, avail, ","), "\n") {
			if i > 0 {
				prefix = strings.Repeat(" ", ansi.StringWidth(prefix))
			}
			b.WriteString(strings.TrimRight(prefix+strings.TrimSpace(l), " ") + "\n")
		}
	}
	row("ID", "NAME", "KIND", "SIDE", "AREAS")
	for _, e := range es {
		side := "-"
		if e.PerSide {
			side = "each"
		}
		areas := strings.Join(e.Areas, ", ")
		if areas == "" {
			areas = "-"
		}
		id := e.ID
		if e.Source != routines.BuiltIn {
			id += " *"
			user = true
		}
		row(id, e.Name, string(e.Kind), side, areas)
	}
	fmt.Fprintf(&b, "\n%s. `cooldown show ID` shows one with its cues and pose.\n", routines.Plural(len(es), "exercise", "exercises"))
	if user {
		b.WriteString("* yours, from " + displayRoutinesDir() + "\n")
	}
	return b.String()
}

type exerciseEntry struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Areas   []string `json:"areas"`
	PerSide bool     `json:"per_side"`
	Cues    []string `json:"cues"`
	Caution string   `json:"caution"`
	HasPose bool     `json:"has_pose"`
	Source  string   `json:"source"`
	Count   int      `json:"count,omitempty"`     // reps of a mobility drill's set
	Pattern string   `json:"breathing,omitempty"` // the pattern a breathing exercise is written for
	Needs   []string `json:"needs"`               // "floor", "wall or chair"...
}

func writeExercisesJSON(w io.Writer, es []*routines.Exercise) error {
	out := make([]exerciseEntry, 0, len(es))
	for _, e := range es {
		out = append(out, exerciseEntry{
			ID: e.ID, Name: e.Name, Kind: string(e.Kind), Areas: nonNil(e.Areas), PerSide: e.PerSide,
			Cues: nonNil(e.Cues), Caution: e.Caution, HasPose: e.Pose != nil, Source: routines.DisplaySource(e.Source),
			Count: e.Count, Pattern: e.Breathing, Needs: needStrings(e.Needs),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// asciiPictures reports whether pose pictures are printed in ASCII: asked
// for, or a locale or terminal without braille (see pose.ASCIIOnly).
func asciiPictures(flag bool) bool { return flag || pose.ASCIIOnly(os.Getenv) }

// Pose pictures in text: each position this many cells wide and high.
const (
	picW, picH = 30, 12
	mdPicW     = 26
	mdPicH     = 10
)

// posePictures draws the start and end positions side by side, boxed by
// blank space, with a caption under each.
func posePictures(p *routines.Pose, w, h int, ascii bool) string {
	start := strings.Split(pose.Render(p, 0, w, h, pose.Options{ASCII: ascii}), "\n")
	end := strings.Split(pose.Render(p, 1, w, h, pose.Options{ASCII: ascii}), "\n")
	var b strings.Builder
	for i := range start {
		b.WriteString(strings.TrimRight(start[i]+"    "+end[i], " ") + "\n")
	}
	caption := "start" + strings.Repeat(" ", w-len("start")+4) + "end"
	b.WriteString(caption + "\n")
	return b.String()
}

// showExercise describes one exercise: kind, areas, sides, how long the
// routines hold it, cues, caution and its pose.
func showExercise(e *routines.Exercise, lib *routines.Library, width int, ascii bool) string {
	var b strings.Builder
	b.WriteString(e.Name + " (" + e.ID + ")\n\n")
	field := func(name, value string) {
		b.WriteString(wrapIndent(value, width, fmt.Sprintf("%-9s", name), strings.Repeat(" ", 9)))
	}
	field("Kind", string(e.Kind))
	areas := strings.Join(e.Areas, ", ")
	if areas == "" {
		areas = "none"
	}
	field("Areas", areas)
	if e.PerSide {
		field("Sides", "each side in turn, left first")
	} else {
		field("Sides", "both at once")
	}
	if e.Kind == routines.Mobility {
		reps := "counted in seconds"
		if e.Count > 0 {
			reps = fmt.Sprintf("%d a set, slow and controlled (2–20 s a rep: the step's time shared among them)", e.Count)
		}
		field("Reps", reps)
	}
	if e.Kind == routines.Breathe {
		p := routines.Step{Exercise: e}.Breathing("")
		field("Pattern", p.ID+": "+p.Rhythm()+" (a step's breathing, or the breathing setting, may choose another)")
	}
	field("Held", heldFor(e, lib))
	field("Needs", exerciseNeeds(e))
	if w := withoutText(e, lib); w != "" {
		field("Without", w)
	}
	src := "built-in"
	if e.Source != routines.BuiltIn {
		src = routines.DisplaySource(e.Source)
	}
	field("Source", src)
	if len(e.Cues) > 0 {
		b.WriteString("\nCues\n")
		for _, c := range e.Cues {
			b.WriteString(wrapIndent(c, width, "  • ", "    "))
		}
	}
	if e.Caution != "" {
		b.WriteString("\nCaution\n")
		b.WriteString(wrapIndent(e.Caution, width, "  ! ", "    "))
	}
	b.WriteString("\nPose\n")
	if e.Pose == nil {
		b.WriteString("  No pose picture for this exercise.\n")
	} else {
		if e.PerSide {
			b.WriteString("  Drawn for the left side; the right side is its mirror image.\n")
		}
		b.WriteString(posePictures(e.Pose, picW, picH, ascii))
	}
	return b.String()
}

// heldFor is how long the routines hold an exercise, e.g. "30 s each side
// (in 5 routines), 20 s each side (in 1)".
func heldFor(e *routines.Exercise, lib *routines.Library) string {
	counts := map[string]int{}
	var order []string
	for _, r := range lib.Routines() {
		seen := map[string]bool{}
		for _, s := range r.Steps {
			if s.Do != e.ID {
				continue
			}
			l := s.Length()
			if seen[l] {
				continue
			}
			seen[l] = true
			if counts[l] == 0 {
				order = append(order, l)
			}
			counts[l]++
		}
	}
	if len(order) == 0 {
		if in := standsInFor(e, lib); in != "" {
			return "in no routine as written; " + in + limitsOf(e)
		}
		return "in no routine yet; a routine step gives its time" + limitsOf(e)
	}
	slices.SortStableFunc(order, func(a, b string) int { return counts[b] - counts[a] })
	var parts []string
	for _, l := range order {
		parts = append(parts, fmt.Sprintf("%s (in %s)", l, routines.Plural(counts[l], "routine", "routines")))
	}
	return strings.Join(parts, ", ")
}

// standsInFor says which exercises e stands in for when a kit lacks a
// tool: "stands in for Foam roll: calves (no foam roller)".
func standsInFor(e *routines.Exercise, lib *routines.Library) string {
	var names []string
	for _, o := range lib.Exercises() {
		var lacks []string
		for _, t := range routines.Tools() {
			if fb, ok := o.Without[t]; ok && slices.Contains(fb.Try, e.ID) {
				lacks = append(lacks, "no "+t.Short())
			}
		}
		if len(lacks) > 0 {
			names = append(names, fmt.Sprintf("%s (%s)", o.Name, strings.Join(lacks, " or ")))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "stands in for " + strings.Join(names, ", ") + ", at the time of the step it replaces"
}

// limitsOf is the time rule of a soft-tissue tool, for the Held line.
func limitsOf(e *routines.Exercise) string {
	switch e.Kind {
	case routines.MassageGun:
		return fmt.Sprintf(" (a gun: %s to %s a zone or side, %s very sore, at most %s on one muscle)",
			routines.Friendly(routines.GunMin), routines.Friendly(routines.GunMax), routines.Friendly(routines.GunMin), routines.Friendly(routines.GunPerMuscle))
	case routines.Massage:
		return fmt.Sprintf(" (%s to %s)", routines.Friendly(routines.MassageMin), routines.Friendly(routines.MassageMax))
	}
	return ""
}

// poseBlockMarkdown is a step's pose for a handout: the start and end
// pictures in a text block.
func poseBlockMarkdown(e *routines.Exercise, ascii bool) string {
	if e == nil || e.Pose == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n   ```text\n")
	for _, l := range strings.Split(strings.TrimRight(posePictures(e.Pose, mdPicW, mdPicH, ascii), "\n"), "\n") {
		b.WriteString(strings.TrimRight("   "+l, " ") + "\n")
	}
	b.WriteString("   ```\n\n")
	return b.String()
}

// showNotFound is show's error for an id that is neither a routine nor an
// exercise: the routine error, unless an exercise id is the near match.
func showNotFound(lib *routines.Library, id string, routineErr error) error {
	var rids, eids []string
	for _, r := range lib.Routines() {
		rids = append(rids, r.ID)
	}
	for _, e := range lib.Exercises() {
		eids = append(eids, e.ID)
	}
	if strictyaml.Suggest(id, rids) != "" {
		return routineErr
	}
	if hint := strictyaml.Suggest(id, eids); hint != "" {
		return fmt.Errorf("no routine or exercise %q%s; `cooldown exercises` lists the exercises", id, hint)
	}
	return fmt.Errorf("no routine or exercise %q; `cooldown list` shows the routines, `cooldown exercises` the exercises", id)
}

// exerciseNeeds says what an exercise needs, for show EXERCISE.
func exerciseNeeds(e *routines.Exercise) string {
	var ns []string
	for _, n := range e.Needs {
		ns = append(ns, n.Short())
	}
	if len(ns) == 0 {
		return "nothing but some space"
	}
	return strings.Join(ns, ", ")
}

// withoutText says what is done for each need the person may lack: the
// note, or the stand-ins in the order they are tried.
func withoutText(e *routines.Exercise, lib *routines.Library) string {
	var parts []string
	for _, n := range e.Needs {
		for _, t := range n {
			fb, ok := e.Without[t]
			if !ok {
				continue
			}
			if fb.Note != "" {
				note := fb.Note
				if !strings.HasPrefix(note, "No ") { // most notes say what is missing themselves
					note = "No " + n.Short() + ": " + note
				}
				parts = append(parts, note)
				continue
			}
			var names []string
			for _, id := range fb.Try {
				if x, ok := lib.Exercise(id); ok {
					names = append(names, x.Name+" ("+id+")")
				}
			}
			parts = append(parts, "No "+n.Short()+": "+strings.Join(names, ", then ")+".")
		}
	}
	return strings.Join(parts, " ")
}

// needStrings are needs as a file writes them: "floor", "wall or chair".
func needStrings(ns []routines.Need) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.String())
	}
	return out
}
