package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
)

func (a *app) showCmd() *cobra.Command {
	var markdown, ascii bool
	cmd := &cobra.Command{
		Use:   "show ROUTINE|EXERCISE",
		Short: "Show a routine's steps, total time, areas and cautions, or an exercise with its pose",
		Long: "Show every step of a routine with its time (per side where it applies), the computed " +
			"total, the body areas it works, the cautions and the safety notes.\n\n" +
			"With --markdown, print a handout to give to a client: title, summary, levels, total, " +
			"the steps with their cues and pose pictures, cautions, the advice for after the session for each soreness " +
			"level the routine suits (drink amounts in your units setting) and the safety notes.\n\n" +
			"Given an exercise id (see `cooldown exercises`), show its kind, areas, sides, how long " +
			"the routines hold it, its cues and caution, and its pose: a picture of the start and " +
			"end positions in braille characters (ASCII with --ascii, or where the locale is not UTF-8).",
		Example: "  cooldown show quick-10-lower\n  cooldown show quick-10-lower --markdown > handout.md\n  cooldown show wall-calf",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, _, err := a.loadLibrary()
			if err != nil {
				return err
			}
			width := 80
			if w, isTerm := a.io.width(a.io.out); isTerm {
				width = max(min(w, 80), 30)
			}
			r, err := lib.Routine(args[0])
			if err != nil {
				if e, ok := lib.Exercise(args[0]); ok {
					if err := lib.AddBuiltinPosesFor(e); err != nil {
						return err
					}
					_, err = io.WriteString(a.io.out, showExercise(e, lib, width, asciiPictures(ascii)))
					return err
				}
				return &exitError{code: exitUsage, err: showNotFound(lib, args[0], err)}
			}
			var out string
			a.startFlags = cmd.Flags()
			if markdown {
				// A handout is for a client, whose kit is not the trainer's:
				// adapted only when --kit says so.
				kitLine := ""
				if cmd.Flags().Changed("kit") {
					r, kitLine, _ = withKit(lib, r, a.kitNow())
				}
				if err := lib.AddBuiltinPosesFor(r.Exercises()...); err != nil {
					return err
				}
				out = showMarkdown(r, a.timing(), a.units(), asciiPictures(ascii), kitLine)
			} else {
				shown, kitLine, _ := withKit(lib, r, a.kitNow())
				out = showText(shown, width, a.timing(), kitLine, needsText(r))
			}
			_, err = io.WriteString(a.io.out, out)
			return err
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print a Markdown handout to give to a client")
	cmd.Flags().BoolVar(&ascii, "ascii", false, "draw pose pictures in plain ASCII instead of braille")
	a.addKitFlag(cmd)
	return cmd
}

// timingNote says what the computed total of r includes: the longer
// get-ready is named for the tools r's steps use (a routine adapted to a
// gun has no foam rolling to get onto).
func timingNote(t routines.Timing, r *routines.Routine) string {
	roll := ""
	if ready := t.ReadyFor(routines.Step{Exercise: &routines.Exercise{Kind: routines.Roll}}); ready != t.GetReady {
		var tools []string
		add := func(w string) {
			if !slices.Contains(tools, w) {
				tools = append(tools, w)
			}
		}
		for _, s := range r.Steps {
			switch {
			case s.Exercise == nil:
			case s.Exercise.Kind == routines.MassageGun:
				add("the massage gun")
			case s.Exercise.Kind != routines.Roll:
			case slices.ContainsFunc(routines.NeedsOf(s), func(n routines.Need) bool { return slices.Contains(n, routines.ToolBall) }):
				add("the massage ball")
			default:
				add("foam rolling")
			}
		}
		if len(tools) > 0 {
			roll = " (" + routines.Friendly(ready) + " before " + strings.Join(tools, " or ") + ")"
		}
	}
	return fmt.Sprintf("%s to get ready before each step%s and %s to switch sides or between reps",
		routines.Friendly(t.GetReady), roll, routines.Friendly(t.Switch))
}

// showText is the plain description of a routine, wrapped to width.
// kitLine says how it was adapted to the person's kit (nothing when it was
// not); needs is what the routine needs as written.
func showText(r *routines.Routine, width int, t routines.Timing, kitLine, needs string) string {
	var b strings.Builder
	b.WriteString(r.Name + " (" + r.ID + ")\n")
	if r.Summary != "" {
		b.WriteString(wrapIndent(r.Summary, width, "", ""))
	}
	b.WriteByte('\n')
	const label = "%-9s"
	field := func(name, value string) {
		b.WriteString(wrapIndent(value, width, fmt.Sprintf(label, name), strings.Repeat(" ", 9)))
	}
	field("Levels", levelNames(r.Soreness))
	field("Total", routines.Friendly(r.Total(t))+", with "+timingNote(t, r))
	field("Areas", areaText(r))
	field("Needs", needs)
	if kitLine != "" {
		field("Kit", kitLine)
	}
	field("Source", sourceLabel(r))

	b.WriteString("\nSteps\n")
	nameW, lenW := 0, 0
	for _, s := range r.Steps {
		nameW = max(nameW, ansi.StringWidth(s.Name()))
		lenW = max(lenW, ansi.StringWidth(s.Length()))
	}
	numW := len(fmt.Sprint(len(r.Steps)))
	// Names give way to the lengths ("2 × 30 s each side") on narrow terminals.
	nameW = min(nameW, max(width/2, 16), max(width-(numW+4)-2-lenW, 8))
	for i, s := range r.Steps {
		num := fmt.Sprintf("  %*d. ", numW, i+1)
		name := s.Name()
		if ansi.StringWidth(name) > nameW {
			name = ansi.Truncate(name, nameW, "…")
		}
		name += strings.Repeat(" ", nameW-ansi.StringWidth(name))
		b.WriteString(strings.TrimRight(num+name+"  "+s.Length(), " ") + "\n")
		if s.Note != "" {
			indent := strings.Repeat(" ", len(num))
			b.WriteString(wrapIndent(s.Note, width, indent, indent))
		}
	}

	b.WriteString("\nCautions\n")
	cautions := r.Cautions()
	if len(cautions) == 0 {
		b.WriteString("  None beyond the safety notes below.\n")
	}
	for _, c := range cautions {
		b.WriteString(wrapIndent(c, width, "  - ", "    "))
	}

	b.WriteString("\nSafety\n")
	b.WriteString(wrapIndent(routines.Disclaimer, width, "  ", "  "))
	return b.String()
}

// showMarkdown is a printable handout for a client.
func showMarkdown(r *routines.Routine, t routines.Timing, u routines.Units, ascii bool, kitLine string) string {
	var b strings.Builder
	b.WriteString("# " + mdEscape(r.Name) + "\n\n")
	if r.Summary != "" {
		b.WriteString(mdEscape(r.Summary) + "\n\n")
	}
	b.WriteString("- **Soreness levels:** " + levelNames(r.Soreness) + "\n")
	b.WriteString("- **Total:** " + routines.Friendly(r.Total(t)) + ", with " + timingNote(t, r) + "\n")
	b.WriteString("- **Works:** " + mdEscape(areaText(r)) + "\n")
	b.WriteString("- **Needs:** " + mdEscape(needsText(r)) + "\n")
	if kitLine != "" {
		b.WriteString("- **Kit:** " + mdEscape(kitLine) + "\n")
	}
	b.WriteString("- **With the cooldown app:** `cooldown start " + r.ID + "`\n")

	b.WriteString("\n## Steps\n\n")
	for i, s := range r.Steps {
		fmt.Fprintf(&b, "%d. **%s** — %s\n", i+1, mdEscape(s.Name()), s.Length())
		if s.Note != "" {
			b.WriteString("   - *" + mdEscape(s.Note) + "*\n")
		}
		if s.Exercise != nil {
			for _, c := range s.Exercise.Cues {
				b.WriteString("   - " + mdEscape(c) + "\n")
			}
			b.WriteString(poseBlockMarkdown(s.Exercise, ascii))
		}
	}

	b.WriteString("\n## Cautions\n\n")
	cautions := r.Cautions()
	if len(cautions) == 0 {
		b.WriteString("None beyond the safety notes below.\n")
	}
	for _, c := range cautions {
		b.WriteString("- " + mdEscape(c) + "\n")
	}

	b.WriteString("\n## After the session\n")
	for i, l := range r.Soreness {
		card := routines.AfterSession(l, u)
		for j, sec := range card.Sections {
			// The shared parts (refuel, drink) once, after the last level.
			if j > 0 && i < len(r.Soreness)-1 {
				break
			}
			b.WriteString("\n### " + mdEscape(sec.Heading) + "\n\n")
			for _, bl := range sec.Bullets {
				b.WriteString("- " + mdEscape(bl) + "\n")
			}
			if sec.Action != "" {
				b.WriteString("\n" + mdEscape(sec.Action) + "\n")
			}
		}
	}

	b.WriteString("\n## Safety\n\n")
	b.WriteString(mdEscape(routines.Disclaimer) + "\n")
	return b.String()
}

func levelNames(ls []routines.Level) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

func areaText(r *routines.Routine) string {
	if a := r.Areas(); len(a) > 0 {
		return strings.Join(a, ", ")
	}
	return "none (easy movement and breathing)"
}

// wrapIndent folds text to width, the first line after first and the
// others after rest, and ends it with a newline.
func wrapIndent(text string, width int, first, rest string) string {
	avail := max(width-max(ansi.StringWidth(first), ansi.StringWidth(rest)), 20)
	lines := strings.Split(ansi.Wordwrap(text, avail, ""), "\n")
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(rest)
		}
		b.WriteString(strings.TrimRight(l, " ") + "\n")
	}
	return b.String()
}

// mdEscape keeps text from a routine file from being read as Markdown or
// HTML markup in a handout.
func mdEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '{', '}':
			b.WriteByte('\\')
		case '#', '+', '-', '=', '!':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. text" or "1) text" at the start would begin a list.
	if j := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && j < len(out) && (out[j] == '.' || out[j] == ')') {
		out = out[:j] + "\\" + out[j:]
	}
	return out
}
