package routines

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Fallback is what to do when the person lacks one of an exercise's
// needs: keep the exercise with a Note ("no strap: hands behind the
// thigh"), or do the first of Try that their kit allows.
type Fallback struct {
	Note string
	Try  []string // exercise ids, best first
	Pos  Pos
}

// needs reads a list of needs: ["floor", "strap or towel"].
func (d *decoder) needs(n ast.Node, path string) []Need {
	var out []Need
	add := func(item ast.Node, ip, raw string) {
		need, err := ParseNeed(raw)
		if err != nil {
			d.Add(item, ip, "%v", err)
			return
		}
		for _, t := range need {
			if slices.ContainsFunc(out, func(o Need) bool { return slices.Contains(o, t) }) {
				d.Add(item, ip, "%s is already needed", t)
				return
			}
		}
		out = append(out, need)
	}
	d.List(n, path, len(Tools()), "needs", func(item ast.Node, ip string) {
		if raw, ok := d.RawText(item, ip); ok {
			add(item, ip, raw)
		}
	})
	return out
}

// without reads the fallbacks: a tool maps to a note (keep the exercise)
// or a list of exercise ids to try in order.
func (d *decoder) without(n ast.Node, path string) map[Tool]Fallback {
	out := map[Tool]Fallback{}
	handlers := map[string]func(ast.Node, string){}
	words := map[string]Tool{}
	for _, t := range Tools() {
		words[string(t)] = t
	}
	for a, t := range toolAliases { // "towel:" as "strap:", as needs read them
		words[a] = t
	}
	as := map[Tool]string{} // the word each tool was first written as
	for word, t := range words {
		handlers[word] = func(v ast.Node, p string) {
			if first, twice := as[t]; twice {
				d.Add(v, p, "%s is the same tool as %s above; keep one", word, first)
				return
			}
			as[t] = word
			fb := Fallback{Pos: d.Pos(v)}
			if _, isList := v.(*ast.SequenceNode); isList {
				d.List(v, p, maxListLen, "exercises", func(item ast.Node, ip string) {
					if id := d.id(item, ip); id != "" {
						fb.Try = append(fb.Try, id)
					}
				})
				if len(fb.Try) == 0 {
					d.Add(v, p, "name at least one exercise to do instead, or write a note")
				}
			} else {
				fb.Note = d.Text(v, p, maxTextLen)
				if fb.Note == "" {
					d.Add(v, p, "is empty; write a note (how to do it without) or a list of exercises to do instead")
				}
			}
			out[t] = fb
		}
	}
	// A key here is a tool: an unknown one is named as such, with the tools.
	unknown := d.UnknownKey
	d.UnknownKey = func(key string, _ []string) string {
		_, err := ParseTool(key)
		return err.Error()
	}
	d.Fields(n, path, handlers, nil)
	d.UnknownKey = unknown
	return out
}

// kitRules fills in the needs a kind implies and checks the fallbacks name
// needs the exercise has.
func (d *decoder) kitRules(e *Exercise, path string) {
	has := func(t Tool) bool {
		return slices.ContainsFunc(e.Needs, func(n Need) bool { return slices.Contains(n, t) })
	}
	switch e.Kind {
	case Roll:
		// A roll is done on a foam roller unless it names a ball.
		if !has(ToolRoller) && !has(ToolBall) {
			e.Needs = append([]Need{{ToolRoller}}, e.Needs...)
		}
	case MassageGun:
		if !has(ToolGun) {
			e.Needs = append([]Need{{ToolGun}}, e.Needs...)
		}
	}
	for _, t := range Tools() { // in tool order, so problems come out the same each time
		if fb, ok := e.Without[t]; ok && !has(t) {
			d.AddAt(fb.Pos.Line, fb.Pos.Col, strictyaml.JoinPath(path, "without."+string(t)),
				"the exercise does not need %s (its needs: %s); add it to needs or leave this out", t, needList(e.Needs))
		}
	}
}

func needList(ns []Need) string {
	if len(ns) == 0 {
		return "none"
	}
	var s []string
	for _, n := range ns {
		s = append(s, n.String())
	}
	return strings.Join(s, ", ")
}

// fallbackProblem is a problem with a fallback, and whether it is in the
// built-in data (a bug) or a user file.
type fallbackProblem struct {
	Problem
	builtin bool
}

// checkFallbacks checks that every fallback names a known exercise other
// than its own, that keeps at least one of its body areas.
func checkFallbacks(files []*File, exercises map[string]*Exercise, ids []string) []fallbackProblem {
	var out []fallbackProblem
	for _, f := range files {
		for i, e := range f.Exercises {
			for _, t := range Tools() {
				fb, ok := e.Without[t]
				if !ok {
					continue
				}
				for _, id := range fb.Try {
					c, known := exercises[id]
					msg := ""
					switch {
					case !known:
						msg = fmt.Sprintf("unknown exercise %q to do without %s%s", id, t, strictyaml.Suggest(id, ids))
					case id == e.ID:
						msg = fmt.Sprintf("%q cannot stand in for itself", id)
					case !sharesArea(e, c):
						msg = fmt.Sprintf("%q works none of %s's areas (%s); a stand-in must keep at least one", id, e.ID, strings.Join(e.Areas, ", "))
					}
					if msg != "" {
						out = append(out, fallbackProblem{builtin: e.Source == BuiltIn, Problem: Problem{File: f.Name, Line: fb.Pos.Line, Col: fb.Pos.Col,
							Field: strictyaml.JoinPath(fmt.Sprintf("exercises[%d]", i), "without."+string(t)), Msg: msg}})
					}
				}
			}
		}
	}
	return out
}
