package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// unsavedSource is what `plan` shows as the source of a plan not saved.
const unsavedSource = "this plan, not saved (--save NAME keeps it)"

// planOptions are the flags of `cooldown plan`.
type planOptions struct {
	minutes     string
	areas       []string
	longerHolds bool
	chair       bool
	save        string
	name        string
	start       bool
}

func (a *app) planCmd() *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan --minutes N",
		Short: "Build a routine for the time you have and the areas that are sore",
		Long: "Build a routine from the catalogue that fits the minutes you have (5 to 60) and works " +
			"the areas that are sore, gently where they hurt most: easy movement first, then foam " +
			"rolling and stretches for those areas (the whole body if you name none), slow breathing " +
			"and a drink of water last.\n\n" +
			"The total lands within 30 s of --minutes. When time is short, second reps go first, then " +
			"rolling, then the least important areas; with time to spare, easy movement and breathing " +
			"get longer and stretches get a second rep. The notes under the plan say what was cut or " +
			"padded, and why. The same flags always give the same plan.\n\n" +
			"--soreness changes the plan as `cooldown start` does: very-sore means longer easy movement, " +
			"short gentle holds, supported (lying or seated) versions of standing stretches and at most " +
			"light, optional rolling. --longer-holds holds stretches 30–60 s (45 s when there is time), " +
			"as suits older adults, with the floor and wall-supported stretches as a set and never a " +
			"one-leg stand; --chair uses the chair set instead (seated and supported stretches, nothing " +
			"on the floor, no foam roller).\n\n" +
			"--kit (or the settings file's kit) says what you have; the plan uses only that: a massage gun " +
			"or ball for the foam roller, chair versions with no floor, and the hands or a stretch when " +
			"there is no tool.\n\n" +
			"--after SPORT (what you trained: " + routines.SportChoices() + "; team is hiit) works that " +
			"sport's areas when --areas is left out, and loosens up with its mobility drill after the easy " +
			"movement (leg swings after a run or HIIT, cat-cow after a ride, hip circles after leg day, " +
			"shoulder rolls after upper body, a swim or a climb, a seated twist after a desk day; the gentler " +
			"ankle or hip circles when very sore or with --longer-holds, nothing on the floor with --chair).\n\n" +
			"--areas takes areas (" + strings.Join(routines.Areas(), ", ") + ") or groups (" +
			strings.Join(groupList(), ", ") + "), separated by commas.\n\n" +
			"--save NAME writes the plan as a routine file. A bare name (no folder) is saved in your " +
			"routines folder (" + displayRoutinesDir() + "), with .yaml added if missing, so it " +
			"appears in `cooldown list` and `cooldown start` runs it by id; a path with a folder " +
			"(./today.yaml) is written exactly there. An existing file is never overwritten.\n\n" +
			"--start runs the plan at once, as `cooldown start` would: full screen in a terminal, " +
			"one line per event with --plain or when the output is not a terminal.",
		Example: "  cooldown plan --minutes 12 --areas calves\n" +
			"  cooldown plan --minutes 20 --soreness very-sore --areas legs --start\n" +
			"  cooldown plan --minutes 15 --after climb\n" +
			"  cooldown plan --minutes 15 --areas back,shoulders --longer-holds --save evening",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.startFlags = cmd.Flags()
			return a.runPlan(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.minutes, "minutes", "", "the minutes you have, 5 to 60 (required)")
	f.StringSliceVar(&o.areas, "areas", nil, "sore body areas or groups, e.g. calves,quads or legs (default: the whole body)")
	f.BoolVar(&o.longerHolds, "longer-holds", false, "hold stretches 30–60 s (older adults)")
	f.BoolVar(&o.chair, "chair", false, "the chair set: seated and supported stretches, nothing on the floor")
	f.StringVar(&o.save, "save", "", "save the plan as a routine file (a bare name goes in your routines folder); its id is the file's name")
	f.StringVar(&o.name, "name", "", "the saved routine's name, as the picker and list show it (with --save; default: from the file's name)")
	f.BoolVar(&o.start, "start", false, "start the plan at once")
	// The session flags of `start` (--soreness, --plain, --quiet, ...).
	a.addSessionFlags(cmd)
	if s := f.Lookup("soreness"); s != nil {
		s.DefValue = string(routines.Sore) // a.soreness stays "" for start; runPlan reads "" as sore
	}
	return cmd
}

// cardText lays out an advice card as plain text wrapped to width.
func cardText(c routines.Card, width int) string {
	var b strings.Builder
	for _, l := range c.Lines() {
		first, rest := "", ""
		if strings.HasPrefix(l, "- ") {
			first, rest, l = "  - ", "    ", strings.TrimPrefix(l, "- ")
		}
		if l == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(wrapIndent(l, width, first, rest))
	}
	return b.String()
}

func (a *app) runPlan(cmd *cobra.Command, o planOptions) error {
	fl := cmd.Flags()
	req, err := parsePlanRequest(o, a.soreness, fl.Changed("minutes"), fl.Changed("areas"))
	if err != nil {
		return err
	}
	if a.after != nil {
		req.Sport = a.after.ID
	}
	if !o.start {
		for _, name := range []string{"plain", "quiet", "voice", "no-auto", "get-ready", "breathing"} {
			if fl.Lookup(name) != nil && fl.Changed(name) {
				return usageErr("--%s only applies with --start", name)
			}
		}
	}
	target, id, name := "", "", ""
	if fl.Changed("name") && !fl.Changed("save") {
		return usageErr("--name names a saved plan: use it with --save NAME")
	}
	if fl.Changed("save") {
		if target, err = planSavePath(o.save); err != nil {
			return err
		}
		if id, name, err = savedNames(target, o.name, fl.Changed("name")); err != nil {
			return err
		}
	}
	set, _ := a.loadSettings()
	req.Timing = new(set.Timing())
	req.Kit = set.Kit
	lib, _, err := a.loadLibrary()
	if err != nil {
		return err
	}
	r, notes, err := lib.Plan(req)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	r.Source = unsavedSource
	if target != "" {
		r.ID, r.Name = id, name
		if err := savePlan(lib, r, req, notes, target, a.io.now()); err != nil {
			return err
		}
	}

	width := 80
	if w, isTerm := a.io.width(a.io.out); isTerm {
		width = max(min(w, 80), 30)
	}
	if req.Level == routines.VerySore && !o.start {
		// The very-sore check, on stderr so the plan itself stays clean to
		// pipe or save. With --start the session shows it (the screen asks
		// it, plain mode prints it): shown once, where it is answered.
		io.WriteString(a.io.err, cardText(routines.VerySoreCheck(), width)+"\n")
	}
	if _, err := io.WriteString(a.io.out, planText(r, notes, width, set.Timing(), needsWords(needsFor(r, req.Kit, true)))); err != nil {
		return err
	}
	if target != "" {
		fmt.Fprintf(a.io.err, "cooldown: saved %s to %s; `cooldown start %s` runs it again\n",
			r.ID, strictyaml.Clean(routines.DisplaySource(target)), r.ID)
	}
	if !o.start {
		return nil
	}
	a.soreness = string(req.Level)
	a.planned = r
	return a.runTUI(nil)
}

// parsePlanRequest checks the flags of plan; every mistake is a usage
// error (exit 2) that says what is wanted.
func parsePlanRequest(o planOptions, soreness string, minutesSet, areasSet bool) (routines.PlanRequest, error) {
	var req routines.PlanRequest
	if !minutesSet {
		return req, usageErr("--minutes is required: how many minutes you have, from %d to %d (e.g. --minutes 12)",
			routines.PlanMinMinutes, routines.PlanMaxMinutes)
	}
	n, err := strconv.Atoi(strings.TrimSpace(o.minutes))
	if err != nil {
		return req, usageErr("--minutes: want a whole number of minutes from %d to %d, got %q",
			routines.PlanMinMinutes, routines.PlanMaxMinutes, o.minutes)
	}
	if n < routines.PlanMinMinutes || n > routines.PlanMaxMinutes {
		return req, usageErr("--minutes: plans are %d to %d minutes long, got %d",
			routines.PlanMinMinutes, routines.PlanMaxMinutes, n)
	}
	req.Minutes = n
	req.Level = routines.Sore
	if soreness != "" {
		l, err := routines.ParseLevel(soreness)
		if err != nil {
			return req, &exitError{code: exitUsage, err: fmt.Errorf("--soreness: %w", err)}
		}
		req.Level = l
	}
	if areasSet {
		exp, err := routines.ExpandAreas(o.areas)
		if err != nil {
			return req, &exitError{code: exitUsage, err: fmt.Errorf("--areas: %w; `cooldown plan --help` lists them", err)}
		}
		if len(exp) == 0 {
			return req, usageErr("--areas: name at least one body area or group, or leave --areas out for the whole body")
		}
		req.Areas = o.areas
	}
	req.LongerHolds = o.longerHolds
	req.Chair = o.chair
	return req, nil
}

// planSavePath is where --save NAME writes: a bare name goes in the user
// routines folder, with .yaml added if it has no .yaml or .yml ending; a
// path with a folder is used as given. It must not exist yet.
// maxFileName is the longest file name most file systems take, in bytes.
const maxFileName = 255

// readableSave refuses a save the routine loader would never read back:
// in the routines folder, only *.yaml and *.yml files (lower case, not
// hidden) right in it are read, not those in a folder under it. A file
// saved elsewhere is the person's to share or move, and is not checked.
// A name too long for the file system is a usage error, not a failed write.
func readableSave(path string) error {
	base := filepath.Base(path)
	if len(base) > maxFileName {
		return usageErr("--save: the file name is %d bytes long; at most %d", len(base), maxFileName)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	folder, err := filepath.Abs(routinesDir())
	if err != nil {
		return nil
	}
	rel, err := filepath.Rel(folder, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil // outside the routines folder
	}
	if filepath.Dir(rel) != "." {
		return usageErr("--save: %s is in a folder inside the routines folder, which cooldown does not read; save it in %s itself",
			strictyaml.Clean(routines.DisplaySource(path)), strictyaml.Clean(routines.DisplaySource(folder)))
	}
	if strings.HasPrefix(base, ".") || !strings.HasSuffix(base, ".yaml") && !strings.HasSuffix(base, ".yml") {
		return usageErr("--save: cooldown reads only files ending in .yaml or .yml (lower case) from the routines folder, not %s",
			strictyaml.Clean(base))
	}
	return nil
}

func planSavePath(name string) (string, error) {
	if strings.TrimSpace(name) == "" || strings.HasSuffix(name, string(os.PathSeparator)) || strings.HasSuffix(name, "/") {
		return "", usageErr("--save: want a file name, got %q", name)
	}
	path := name
	if filepath.Base(name) == name {
		if name == "." || name == ".." || strings.HasPrefix(name, ".") {
			return "", usageErr("--save: want a file name, got %q", name)
		}
		if ext := strings.ToLower(filepath.Ext(name)); ext != ".yaml" && ext != ".yml" {
			name += ".yaml"
		}
		path = filepath.Join(routinesDir(), name)
	} else if st, err := os.Stat(filepath.Dir(name)); err != nil || !st.IsDir() {
		return "", usageErr("--save: there is no folder %s to save into", strictyaml.Clean(filepath.Dir(name)))
	}
	if err := readableSave(path); err != nil {
		return "", err
	}
	if _, err := os.Lstat(path); err == nil {
		return "", usageErr("--save: %s already exists; cooldown plan never overwrites a file: choose another name or remove it first",
			strictyaml.Clean(routines.DisplaySource(path)))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("--save: %s: %w", strictyaml.Clean(path), err)
	}
	return path, nil
}

// writeNewFile creates path (and, for the routines folder, its folders)
// and writes data, refusing to replace a file that appeared meanwhile.
func writeNewFile(path string, data []byte) error {
	if filepath.Dir(path) == routinesDir() {
		if err := os.MkdirAll(routinesDir(), 0o755); err != nil {
			return fmt.Errorf("--save: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usageErr("--save: %s already exists; cooldown plan never overwrites a file", strictyaml.Clean(path))
	}
	if err != nil {
		return fmt.Errorf("--save: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("--save: writing %s: %w", strictyaml.Clean(path), err)
	}
	return nil
}

// planComments are the header lines of a saved plan: how to make it
// again, and the builder's notes.
func planComments(req routines.PlanRequest, notes []string) []string {
	cmd := fmt.Sprintf("cooldown plan --minutes %d --soreness %s", req.Minutes, req.Level)
	if len(req.Areas) > 0 {
		cmd += " --areas " + strings.Join(req.Areas, ",")
	}
	if req.LongerHolds {
		cmd += " --longer-holds"
	}
	if req.Chair {
		cmd += " --chair"
	}
	if req.Sport != "" {
		cmd += " --after " + req.Sport
	}
	out := []string{"Made with: " + cmd}
	for _, n := range notes {
		out = append(out, "Note: "+n)
	}
	return out
}

// planText is the plan as `show` prints a routine, with the builder's
// notes after the steps.
// needs is what the plan needs of the kit it was made for (the rest is
// done without, as the step notes say).
func planText(r *routines.Routine, notes []string, width int, t routines.Timing, needs string) string {
	text := showText(r, width, t, "", needs)
	if len(notes) == 0 {
		return text
	}
	var b strings.Builder
	b.WriteString("\nNotes\n")
	for _, n := range notes {
		b.WriteString(wrapIndent(n, width, "  - ", "    "))
	}
	// Before the cautions, if show prints them as it does now; else last.
	if i := strings.Index(text, "\n\nCautions\n"); i >= 0 {
		return text[:i+1] + b.String() + text[i+1:]
	}
	return text + b.String()
}

// savedNames are the id and name of a plan saved as path: the id is the
// file's name ("evening.yaml" → evening), so `cooldown start evening` runs
// it; the name is --name, or made from the file's name ("Evening").
func savedNames(path, name string, nameSet bool) (id, shown string, err error) {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	id = routines.IDFor(base)
	if id == "" {
		return "", "", usageErr("--save: %q cannot be a routine id: use lowercase letters, digits and dashes (e.g. evening or calf-day)",
			strictyaml.Clean(base))
	}
	shown = routines.NameFor(base)
	if nameSet {
		if err := routines.CheckName(name); err != nil {
			return "", "", usageErr("--name: %v", err)
		}
		shown = strings.TrimSpace(name)
	}
	return id, shown, nil
}

// savePlan writes plan r (its id and name already set) to target as a
// routine file, refusing an id another routine already has: the file would
// replace it. The command and the on-screen planner both save through it.
func savePlan(lib *routines.Library, r *routines.Routine, req routines.PlanRequest, notes []string, target string, now time.Time) error {
	if prev, err := lib.Routine(r.ID); err == nil {
		if prev.Source == routines.BuiltIn {
			return usageErr("--save: %s is the id of a built-in routine; choose another name", r.ID)
		}
		return usageErr("--save: a routine with the id %s is already in %s; run it with `cooldown start %s`, or choose another name",
			r.ID, strictyaml.Clean(routines.DisplaySource(prev.Source)), r.ID)
	}
	data := routines.MarshalRoutine(r, now, planComments(req, notes)...)
	if err := writeNewFile(target, data); err != nil {
		return err
	}
	r.Source = target
	return nil
}

// savePlanOnScreen saves a plan built in the on-screen planner under its
// own id in the routines folder, as `plan --save ID` would, and says where
// (or why not, in words for the screen rather than for the flag).
func (a *app) savePlanOnScreen(lib *routines.Library, r *routines.Routine, req routines.PlanRequest, notes []string) (string, error) {
	target, err := planSavePath(r.ID)
	if err == nil {
		err = savePlan(lib, r, req, notes, target, a.io.now())
	}
	if err != nil {
		return "", errors.New("Not saved: " + strings.TrimPrefix(err.Error(), "--save: "))
	}
	return strictyaml.Clean(routines.DisplaySource(target)), nil
}
