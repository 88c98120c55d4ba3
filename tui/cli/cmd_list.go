package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// listFilter is what `cooldown list` keeps.
type listFilter struct {
	level routines.Level
	areas []string      // expanded; a routine matches if it works any of them
	max   time.Duration // 0: no limit
}

// areaFlagHelp says what --area takes, for list and exercises alike.
func areaFlagHelp() string {
	return "--area takes an area (" + strings.Join(routines.Areas(), ", ") + ") or a group (" +
		strings.Join(groupList(), ", ") + "); repeat it or separate names with commas."
}

func (a *app) listCmd() *cobra.Command {
	var (
		soreness, maxMinutes string
		areas                []string
		asJSON               bool
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the routines (built-in and your own)",
		Long: "List every routine with its levels, computed length in minutes, what it needs (roller, " +
			"strap, wall/chair: either will do...), the body areas it works " +
			"and where it comes from (built-in, or your file in " + displayRoutinesDir() + ").\n\n" +
			"With a kit (--kit, or the settings file's kit) the lengths are those of the routines as " +
			"adapted to it, and a routine it cannot do says so.\n\n" +
			areaFlagHelp() + " " +
			"A routine is listed if it works any of them.",
		Example: "  cooldown list --soreness sore --area calves --max-minutes 10\n" +
			"  cooldown list --area legs\n" +
			"  cooldown list --json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl := cmd.Flags()
			f, err := parseListFilter(soreness, fl.Changed("soreness"), areas, fl.Changed("area"), maxMinutes, fl.Changed("max-minutes"))
			if err != nil {
				return err
			}
			lib, _, err := a.loadLibrary()
			if err != nil {
				return err
			}
			a.startFlags = cmd.Flags()
			t := a.timing()
			kit := a.kitNow()
			var keep []*routines.Routine
			var doable []bool
			for _, r := range lib.Routines() {
				shown, _, ok := withKit(lib, r, kit)
				if f.match(shown, t) {
					keep = append(keep, shown)
					doable = append(doable, ok)
				}
			}
			if asJSON {
				return writeListJSON(a.io.out, keep, doable, kit, t)
			}
			if len(keep) == 0 {
				fmt.Fprintln(a.io.err, "cooldown: no routine matches; try fewer filters")
				return nil
			}
			width, fit := a.io.width(a.io.out)
			_, err = io.WriteString(a.io.out, listTable(keep, doable, kit, width, fit, t))
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&soreness, "soreness", "", "only routines for this level: "+routines.LevelChoices())
	fl.StringSliceVar(&areas, "area", nil, "only routines that work this body area or group (e.g. calves, legs)")
	fl.StringVar(&maxMinutes, "max-minutes", "", "only routines of at most N minutes (computed total)")
	fl.BoolVar(&asJSON, "json", false, "print a JSON array for scripts")
	a.addKitFlag(cmd)
	return cmd
}

func parseListFilter(soreness string, sorenessSet bool, areas []string, areasSet bool, maxMinutes string, maxSet bool) (listFilter, error) {
	var f listFilter
	if sorenessSet {
		l, err := routines.ParseLevel(soreness)
		if err != nil {
			return f, &exitError{code: exitUsage, err: fmt.Errorf("--soreness: %w", err)}
		}
		f.level = l
	}
	if areasSet {
		exp, err := routines.ExpandAreas(areas)
		if err != nil {
			return f, &exitError{code: exitUsage, err: fmt.Errorf("--area: %w; `cooldown list --help` lists them", err)}
		}
		if len(exp) == 0 {
			return f, usageErr("--area: name a body area or group, e.g. calves or legs")
		}
		f.areas = exp
	}
	if maxSet {
		n, err := strconv.Atoi(strings.TrimSpace(maxMinutes))
		if err != nil || n <= 0 {
			return f, usageErr("--max-minutes: want a whole number of minutes above 0, got %q", maxMinutes)
		}
		if n > 24*60 {
			n = 24 * 60 // longer than any routine can be; avoids overflow
		}
		f.max = time.Duration(n) * time.Minute
	}
	return f, nil
}

// match keeps a routine when it passes every filter. The minute limit
// compares the minutes the table shows (routines.Minutes), not the
// seconds: a routine listed as 12 min is kept by --max-minutes 12.
func (f listFilter) match(r *routines.Routine, t routines.Timing) bool {
	if f.level != "" && !r.Suits(f.level) {
		return false
	}
	if f.areas != nil && !slices.ContainsFunc(r.Areas(), func(a string) bool { return slices.Contains(f.areas, a) }) {
		return false
	}
	if f.max > 0 && routines.Minutes(r.Total(t)) > int(f.max/time.Minute) {
		return false
	}
	return true
}

// listEntry is one routine in `list --json`. Scripts rely on these names.
type listEntry struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Summary         string   `json:"summary"`
	Soreness        []string `json:"soreness"`
	Seconds         int      `json:"seconds"`
	Minutes         int      `json:"minutes"`
	Areas           []string `json:"areas"`
	Steps           int      `json:"steps"`
	Source          string   `json:"source"`
	ReplacesBuiltin bool     `json:"replaces_builtin"`
	// Needs is what the routine needs as listed ("wall or chair": either);
	// with a kit, Doable says whether it can be done with it.
	Needs  []string `json:"needs"`
	Doable *bool    `json:"doable_with_kit,omitempty"`
}

func writeListJSON(w io.Writer, rs []*routines.Routine, doable []bool, kit *routines.Kit, t routines.Timing) error {
	out := make([]listEntry, 0, len(rs))
	for i, r := range rs {
		total := r.Total(t)
		e := listEntry{
			ID:              r.ID,
			Name:            r.Name,
			Summary:         r.Summary,
			Soreness:        make([]string, 0, len(r.Soreness)),
			Seconds:         int(total / time.Second),
			Minutes:         routines.Minutes(total),
			Areas:           append([]string{}, r.Areas()...),
			Steps:           len(r.Steps),
			Source:          r.Source,
			ReplacesBuiltin: r.Overrides,
			Needs:           []string{},
		}
		for _, n := range needsFor(r, kit, doable[i]) {
			e.Needs = append(e.Needs, n.String())
		}
		if kit != nil && *kit != routines.KitAll {
			e.Doable = new(doable[i])
		}
		for _, l := range r.Soreness {
			e.Soreness = append(e.Soreness, string(l))
		}
		out = append(out, e)
	}
	enc := json.NewEncoder(jsonSafeWriter{w})
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// listTable renders the routines as plain columns, one line each. When fit
// is set (a terminal), rows are kept within width: names, paths and areas
// are cut with "…"; when even then the areas would get too little room, each
// routine's areas move to a second line under its name.
func listTable(rs []*routines.Routine, doable []bool, kit *routines.Kit, width int, fit bool, t routines.Timing) string {
	rows := [][]string{{"ID", "NAME", "LEVELS", "MIN", "NEEDS", "AREAS", "SOURCE"}}
	for i, r := range rs {
		mins, needs := strconv.Itoa(routines.Minutes(r.Total(t))), needsCell(needsFor(r, kit, doable[i]))
		if !doable[i] {
			mins, needs = "-", "not with your kit"
		}
		rows = append(rows, []string{
			r.ID,
			r.Name,
			levelList(r.Soreness),
			mins,
			needs,
			areaText(r),
			sourceLabel(r),
		})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	if !fit {
		return renderRows(rows, widths, nil)
	}
	one := slices.Clone(widths)
	if shrink(one, width, []shrinkStep{{colAreas, 40}, {colName, 16}, {colSource, 24}, {colNeeds, 16}, {colAreas, minAreas}}) {
		return renderRows(rows, one, nil)
	}
	// Stacked: areas on their own line, under the name.
	widths[colAreas] = 0
	shrink(widths, width, []shrinkStep{{colName, 16}, {colSource, 24}, {colNeeds, 16}, {colName, 10}, {colSource, 8}, {colNeeds, 8}})
	indent := widths[colID] + colGap
	return renderRows(rows, widths, func(areas string) string {
		return strings.Repeat(" ", indent) + ansi.Truncate(areas, max(width-indent, 1), "…")
	})
}

// Columns of the list table.
const (
	colID = iota
	colName
	colLevels
	colMin
	colNeeds
	colAreas
	colSource
)

const (
	colGap   = 2
	minAreas = 24 // below this, areas go on a line of their own
)

type shrinkStep struct{ col, floor int }

// shrink narrows columns, each down to its floor, in the order given,
// until the row fits width. It reports whether it does.
func shrink(widths []int, width int, steps []shrinkStep) bool {
	over := -width
	n := 0
	for _, w := range widths {
		if w > 0 {
			over += w
			n++
		}
	}
	over += colGap * (n - 1)
	for _, s := range steps {
		if over <= 0 {
			break
		}
		cut := min(over, max(widths[s.col]-s.floor, 0))
		widths[s.col] -= cut
		over -= cut
	}
	return over <= 0
}

// renderRows writes the rows in columns of the given widths; a column of
// width 0 is left out and, if stacked is set, the areas column is passed to
// it and printed as a line of its own.
func renderRows(rows [][]string, widths []int, stacked func(areas string) string) string {
	var b strings.Builder
	for _, row := range rows {
		var line strings.Builder
		for i, c := range row {
			if widths[i] == 0 {
				continue
			}
			if line.Len() > 0 {
				line.WriteString(strings.Repeat(" ", colGap))
			}
			if i == colSource {
				c = shortenSource(c, widths[i])
			}
			line.WriteString(fitCell(c, widths[i], i == colMin && c != "MIN")) // numbers right-aligned
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
		if stacked != nil {
			b.WriteString(stacked(row[colAreas]))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// levelList shows a routine's levels compactly: "fresh, sore", or "any".
func levelList(ls []routines.Level) string {
	if len(ls) == len(routines.Levels()) {
		return "any"
	}
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// replacesMark follows the path of a user routine that replaced a built-in one.
const replacesMark = " (replaces built-in)"

// sourceLabel says where a routine comes from, for people: "built-in" or
// the user's file (with ~ for the home folder), marked if it replaces a
// built-in routine. The path is cleaned: a file name cannot send escape
// sequences to the terminal.
func sourceLabel(r *routines.Routine) string {
	s := strictyaml.Clean(routines.DisplaySource(r.Source))
	if r.Overrides {
		s += replacesMark
	}
	return s
}

// shortenSource fits a source label into width cells by eliding the middle
// of the path, keeping its start, the file name and the replaces mark.
func shortenSource(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	mark := ""
	if strings.HasSuffix(s, replacesMark) {
		s, mark = strings.TrimSuffix(s, replacesMark), replacesMark
	}
	room := width - ansi.StringWidth(mark)
	if room < 8 {
		return ansi.Truncate(s+mark, width, "…")
	}
	head, _, found := strings.Cut(s, "/")
	if found && head == "" { // an absolute path: keep its first folder
		h2, _, _ := strings.Cut(s[1:], "/")
		head = "/" + h2
	}
	head += "/…"
	if !found || ansi.StringWidth(head)+4 > room {
		head = "…"
	}
	tail := ansi.TruncateLeft(s, ansi.StringWidth(s)-(room-ansi.StringWidth(head)), "")
	return head + tail + mark
}

// terminalWidth reports w's width and whether it is a terminal, in which
// case tables are cut to fit.
func terminalWidth(w io.Writer) (width int, isTerm bool) {
	f, ok := w.(*os.File)
	if !ok || f == nil || !term.IsTerminal(f.Fd()) {
		return 0, false
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil || width <= 0 {
		return 80, true
	}
	return width, true
}

func groupList() []string {
	var g []string
	for k := range routines.AreaGroups() {
		g = append(g, k)
	}
	slices.Sort(g)
	return g
}

func displayRoutinesDir() string {
	return "$XDG_CONFIG_HOME/cooldown/routines, usually ~/.config/cooldown/routines"
}

// needsFor is what routine r (as adapted to kit) needs: with a kit, only
// what the kit has, since the rest is done without (a note such as "no
// strap: hold behind the thigh" stands in) and the person lacks it anyway.
func needsFor(r *routines.Routine, kit *routines.Kit, doable bool) []routines.Need {
	needs := r.Needs()
	if kit == nil || !doable {
		return needs
	}
	return slices.DeleteFunc(needs, func(n routines.Need) bool { return !kit.Meets(n) })
}

// needsCell is what a routine needs in the list's few characters: tool
// names, "/" between tools either of which will do; "-" for nothing.
func needsCell(needs []routines.Need) string {
	var ns []string
	for _, n := range needs {
		ns = append(ns, strings.ReplaceAll(n.String(), " or ", "/"))
	}
	if len(ns) == 0 {
		return "-"
	}
	return strings.Join(ns, ",")
}
