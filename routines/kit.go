package routines

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Tool is something a step may need: a piece of kit (a foam roller, a
// strap) or a place (a wall to hold, a floor to lie on).
type Tool string

// The tools, in the order the kit question asks about them.
const (
	ToolRoller Tool = "roller"
	ToolGun    Tool = "gun"
	ToolBall   Tool = "ball"
	ToolStrap  Tool = "strap"
	ToolChair  Tool = "chair"
	ToolWall   Tool = "wall"
	ToolStep   Tool = "step"
	ToolFloor  Tool = "floor"
	ToolPad    Tool = "pad"
	toolCount       = 9
)

// Tools lists every tool, in the kit question's order.
func Tools() []Tool {
	return []Tool{ToolRoller, ToolGun, ToolBall, ToolStrap, ToolChair, ToolWall, ToolStep, ToolFloor, ToolPad}
}

// ToolNames are Tools as text, for messages and completion.
func ToolNames() []string {
	var s []string
	for _, t := range Tools() {
		s = append(s, string(t))
	}
	return s
}

// toolAliases are other words people type for a tool.
var toolAliases = map[string]Tool{
	"foam-roller": ToolRoller, "massage-gun": ToolGun, "massage-ball": ToolBall, "towel": ToolStrap, "belt": ToolStrap,
	"support": ToolWall, "door": ToolWall, "stair": ToolStep, "cushion": ToolPad, "mat": ToolPad,
}

// toolWord is a tool word as the tables spell it: lower case, words
// joined by hyphens ("Foam Roller", "foam_roller" and "no floor" are
// "foam-roller" and "no-floor").
func toolWord(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t'
	}), "-")
}

// toolWords are the names and aliases a tool may be written as, for
// suggestions.
func toolWordList() []string {
	out := ToolNames()
	for a := range toolAliases {
		out = append(out, a)
	}
	slices.Sort(out[len(Tools()):])
	return out
}

// ParseTool reads a tool name (or one of its aliases).
func ParseTool(s string) (Tool, error) {
	n := toolWord(s)
	if t, ok := toolAliases[n]; ok {
		return t, nil
	}
	if slices.Contains(Tools(), Tool(n)) {
		return Tool(n), nil
	}
	if sug := strictyaml.Suggest(n, toolWordList()); sug != "" {
		return "", fmt.Errorf("unknown tool %q%s", strictyaml.Shorten(s), sug)
	}
	return "", fmt.Errorf("unknown tool %q (the tools: %s)", strictyaml.Shorten(s), strings.Join(ToolNames(), ", "))
}

// toolWords are each tool's names for people: in the kit question
// (Label) and in lists of what a routine needs (Short).
var toolWords = map[Tool][2]string{
	ToolRoller: {"foam roller", "foam roller"},
	ToolGun:    {"massage gun", "massage gun"},
	ToolBall:   {"massage ball (or a tennis ball)", "massage ball"},
	ToolStrap:  {"strap, belt or towel", "strap or towel"},
	ToolChair:  {"sturdy chair (no wheels)", "chair"},
	ToolWall:   {"wall or door frame to hold", "wall"},
	ToolStep:   {"low step or stair", "step"},
	ToolFloor:  {"floor space to lie down and get up", "floor"},
	ToolPad:    {"knee pad or cushion", "knee pad"},
}

// Label is the tool as the kit question names it.
func (t Tool) Label() string {
	if w, ok := toolWords[t]; ok {
		return w[0]
	}
	return string(t)
}

// Short is the tool in a few words, for lists of what a routine needs.
func (t Tool) Short() string {
	if w, ok := toolWords[t]; ok {
		return w[1]
	}
	return string(t)
}

func (t Tool) bit() Kit {
	if i := slices.Index(Tools(), t); i >= 0 {
		return 1 << i
	}
	return 0
}

// Kit is the set of tools a person has. The room is assumed: a Kit parsed
// from text has a floor and a wall unless it says no-floor or no-wall.
type Kit uint16

// KitAll has every tool: routines run as they are written.
const KitAll Kit = 1<<toolCount - 1

// KitRoom is what any room gives: a floor and a wall, no equipment.
const KitRoom = Kit(1<<5 | 1<<7) // ToolWall, ToolFloor

// Has reports whether the kit holds t.
func (k Kit) Has(t Tool) bool { return k&t.bit() != 0 }

// With is the kit with t added.
func (k Kit) With(t Tool) Kit { return k | t.bit() }

// Without is the kit with t taken away.
func (k Kit) Without(t Tool) Kit { return k &^ t.bit() }

// Meets reports whether the kit satisfies a need (any of its tools).
func (k Kit) Meets(n Need) bool { return slices.ContainsFunc(n, k.Has) }

// List is the kit as the words ParseKit reads back: "all", "none", or the
// tools it has, with no-floor and no-wall when the room lacks one.
func (k Kit) List() []string {
	switch k {
	case KitAll:
		return []string{"all"}
	case KitRoom:
		return []string{"none"}
	}
	var out []string
	for _, t := range Tools() {
		if t != ToolFloor && t != ToolWall && k.Has(t) {
			out = append(out, string(t))
		}
	}
	for _, t := range []Tool{ToolFloor, ToolWall} {
		if !k.Has(t) {
			out = append(out, "no-"+string(t))
		}
	}
	if len(out) == 0 {
		out = []string{"none"}
	}
	return out
}

// String is List joined by commas: the --kit flag's form.
func (k Kit) String() string { return strings.Join(k.List(), ",") }

// Describe is the kit for people: "foam roller, strap or towel (floor and
// wall)".
func (k Kit) Describe() string {
	if k == KitAll {
		return "everything"
	}
	var have []string
	for _, t := range Tools() {
		if t != ToolFloor && t != ToolWall && k.Has(t) {
			have = append(have, t.Short())
		}
	}
	s := "no equipment"
	if len(have) > 0 {
		s = strings.Join(have, ", ")
	}
	switch {
	case !k.Has(ToolFloor) && !k.Has(ToolWall):
		s += "; no floor, no wall"
	case !k.Has(ToolFloor):
		s += "; no floor"
	case !k.Has(ToolWall):
		s += "; no wall"
	}
	return s
}

// ParseKit reads a kit from words (a comma-separated flag value or the
// items of a settings list): tool names and aliases, "all", "none" (no
// equipment), and no-floor / no-wall. The floor and a wall are there
// unless taken away.
func ParseKit(words []string) (Kit, error) {
	k := KitRoom
	var none, all bool
	seen := 0
	for _, w := range words {
		for _, part := range strings.Split(w, ",") {
			p := toolWord(part)
			if p == "" {
				continue
			}
			seen++
			switch {
			case p == "all":
				all = true
			case p == "none":
				none = true
			case strings.HasPrefix(p, "no-"):
				t, err := ParseTool(strings.TrimPrefix(p, "no-"))
				if err != nil {
					return 0, err
				}
				if t != ToolFloor && t != ToolWall {
					return 0, fmt.Errorf("no-%s: only the floor and the wall are assumed; leave %s out instead", t, t)
				}
				k = k.Without(t)
			default:
				t, err := ParseTool(p)
				if err != nil {
					if sug := strictyaml.Suggest(p, append(toolWordList(), "all", "none", "no-floor", "no-wall")); sug != "" {
						return 0, fmt.Errorf("unknown kit %q%s", strictyaml.Shorten(strings.TrimSpace(part)), sug)
					}
					return 0, fmt.Errorf("unknown kit %q (want all, none, or some of %s)", strictyaml.Shorten(strings.TrimSpace(part)), strings.Join(ToolNames(), ", "))
				}
				k = k.With(t)
			}
		}
	}
	switch {
	case seen == 0:
		return 0, fmt.Errorf("name your kit: all, none, or some of %s", strings.Join(ToolNames(), ", "))
	case all && (none || seen > 1):
		return 0, fmt.Errorf("\"all\" means everything; give it alone")
	case none && seen > 1 && k.With(ToolFloor).With(ToolWall) != KitRoom:
		return 0, fmt.Errorf("\"none\" means no equipment; it cannot go with a tool")
	case all:
		return KitAll, nil
	}
	return k, nil
}

// Need is one thing a step needs: any one of its tools will do ("floor or
// chair").
type Need []Tool

// String is the need as written in a file: "floor or chair".
func (n Need) String() string {
	var s []string
	for _, t := range n {
		s = append(s, string(t))
	}
	return strings.Join(s, " or ")
}

// Short is the need for people: "floor or chair".
func (n Need) Short() string {
	var s []string
	for _, t := range n {
		s = append(s, t.Short())
	}
	return strings.Join(s, " or ")
}

// ParseNeed reads "floor", "floor or chair" or "floor|chair".
func ParseNeed(s string) (Need, error) {
	var n Need
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(s, " or ", "|"), func(r rune) bool { return r == '|' }) {
		t, err := ParseTool(part)
		if err != nil {
			return nil, err
		}
		if slices.Contains(n, t) {
			return nil, fmt.Errorf("%s is named twice in %q", t, strictyaml.Shorten(s))
		}
		n = append(n, t)
	}
	if len(n) == 0 {
		return nil, fmt.Errorf("is empty; name a tool (%s)", strings.Join(ToolNames(), ", "))
	}
	return n, nil
}
