package routines

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits that keep a hostile file from costing time or memory.
const (
	MaxFileBytes    = 1 << 20
	MaxSteps        = 200
	MaxItems        = 2000 // exercises or routines in one file
	maxNesting      = 64
	maxTextLen      = 200
	maxListLen      = 20
	MaxHold         = 30 * time.Minute
	MaxReps         = 10
	maxIDLen        = 48
	defaultStepReps = 1
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// File is what one routine file defines, before ids are resolved.
type File struct {
	Name      string
	Exercises []*Exercise
	Routines  []*Routine
}

// Parse reads one routine file strictly. Every problem found is returned
// as Problems, each with file:line:col and the field; the File is nil then.
// source is what Exercise.Source and Routine.Source are set to.
func Parse(name string, data []byte, source string) (*File, error) {
	d := &decoder{file: name}
	f := d.parse(data, source)
	if len(d.probs) > 0 {
		return nil, d.probs
	}
	return f, nil
}

type decoder struct {
	file  string
	probs Problems
}

func (d *decoder) add(n ast.Node, field, format string, args ...any) {
	p := Problem{File: d.file, Field: field, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		if t := n.GetToken(); t != nil && t.Position != nil {
			p.Line, p.Col = t.Position.Line, t.Position.Column
		}
	}
	d.probs = append(d.probs, p)
}

func (d *decoder) addAt(line, col int, field, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) parse(data []byte, source string) *File {
	if len(data) > MaxFileBytes {
		d.addAt(0, 0, "", "file is %d bytes; routine files may be at most %d (1 MiB)", len(data), MaxFileBytes)
		return nil
	}
	if !utf8.Valid(data) {
		line, col := firstInvalidUTF8(data)
		d.addAt(line, col, "", "file is not valid UTF-8 text")
		return nil
	}
	if line, col, ok := tooDeep(data); ok {
		d.addAt(line, col, "", "nesting is deeper than %d levels", maxNesting)
		return nil
	}
	af, err := parser.ParseBytes(data, 0)
	if err != nil {
		d.syntax(err)
		return nil
	}
	if len(af.Docs) == 0 || af.Docs[0].Body == nil {
		d.addAt(0, 0, "", "file is empty: expected exercises: and/or routines:")
		return nil
	}
	if len(af.Docs) > 1 {
		d.add(af.Docs[1], "", "only one YAML document per file")
		return nil
	}
	if bad := findAlias(af.Docs[0].Body); bad != nil {
		d.add(bad, "", "anchors, aliases and merge keys are not allowed in routine files")
		return nil
	}
	f := &File{Name: d.file}
	d.fields(af.Docs[0].Body, "", map[string]func(ast.Node, string){
		"exercises": func(n ast.Node, path string) {
			d.list(n, path, MaxItems, func(item ast.Node, p string) {
				if e := d.exercise(item, p); e != nil {
					e.Source = source
					f.Exercises = append(f.Exercises, e)
				}
			})
		},
		"routines": func(n ast.Node, path string) {
			d.list(n, path, MaxItems, func(item ast.Node, p string) {
				if r := d.routine(item, p); r != nil {
					r.Source = source
					f.Routines = append(f.Routines, r)
				}
			})
		},
	}, nil)
	if len(d.probs) == 0 && len(f.Exercises) == 0 && len(f.Routines) == 0 {
		d.addAt(1, 1, "", "file defines no exercises and no routines")
	}
	d.duplicates(f)
	return f
}

func (d *decoder) syntax(err error) {
	type located interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if le, ok := err.(located); ok && le.GetToken() != nil && le.GetToken().Position != nil {
		pos := le.GetToken().Position
		d.addAt(pos.Line, pos.Column, "", "YAML syntax: %s", le.GetMessage())
		return
	}
	d.addAt(0, 0, "", "YAML syntax: %s", firstLine(err.Error()))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// fields walks a mapping, calling the handler for each known key and
// reporting unknown keys, duplicate keys and missing required ones.
func (d *decoder) fields(n ast.Node, path string, handlers map[string]func(ast.Node, string), required []string) bool {
	m, ok := unwrap(n).(*ast.MappingNode)
	if !ok {
		if mv, isOne := unwrap(n).(*ast.MappingValueNode); isOne {
			m = &ast.MappingNode{BaseNode: &ast.BaseNode{}, Values: []*ast.MappingValueNode{mv}}
		} else {
			d.add(n, path, "must be a mapping of fields, found %s", describe(n))
			return false
		}
	}
	seen := map[string]bool{}
	for _, mv := range m.Values {
		key := mv.Key.GetToken().Value
		field := joinPath(path, key)
		if seen[key] {
			d.add(mv.Key, field, "field is given twice")
			continue
		}
		seen[key] = true
		h, known := handlers[key]
		if !known {
			d.add(mv.Key, field, "unknown field%s", suggest(key, keys(handlers)))
			continue
		}
		h(mv.Value, field)
	}
	for _, r := range required {
		if !seen[r] {
			d.add(n, joinPath(path, r), "required field is missing")
		}
	}
	return true
}

func keys(m map[string]func(ast.Node, string)) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *decoder) list(n ast.Node, path string, limit int, each func(ast.Node, string)) {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		d.add(n, path, "must be a list, found %s", describe(n))
		return
	}
	if len(seq.Values) > limit {
		d.add(n, path, "has %d entries; at most %d are allowed", len(seq.Values), limit)
		return
	}
	for i, item := range seq.Values {
		each(item, fmt.Sprintf("%s[%d]", path, i))
	}
}

func (d *decoder) text(n ast.Node, path string, maxLen int) string {
	var s string
	switch v := unwrap(n).(type) {
	case *ast.StringNode:
		s = v.Value
	case *ast.LiteralNode:
		s = v.Value.Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		s = v.GetToken().Value
	default:
		d.add(n, path, "must be text, found %s", describe(n))
		return ""
	}
	s = Clean(s)
	if utf8.RuneCountInString(s) > maxLen {
		d.add(n, path, "is %d characters long; at most %d", utf8.RuneCountInString(s), maxLen)
	}
	return s
}

func (d *decoder) id(n ast.Node, path string) string {
	s := d.text(n, path, maxIDLen)
	if s != "" && !idPattern.MatchString(s) {
		d.add(n, path, "id %q must be lowercase letters, digits and dashes", s)
	}
	if s == "" && len(d.probs) == 0 {
		d.add(n, path, "id must not be empty")
	}
	return s
}

func (d *decoder) texts(n ast.Node, path string, maxLen int) []string {
	var out []string
	d.list(n, path, maxListLen, func(item ast.Node, p string) {
		if s := d.text(item, p, maxLen); s != "" {
			out = append(out, s)
		}
	})
	return out
}

func (d *decoder) boolean(n ast.Node, path string) bool {
	b, ok := unwrap(n).(*ast.BoolNode)
	if !ok {
		d.add(n, path, "must be true or false, found %s", describe(n))
		return false
	}
	return b.Value
}

func (d *decoder) integer(n ast.Node, path string, lo, hi int) int {
	in, ok := unwrap(n).(*ast.IntegerNode)
	if !ok {
		d.add(n, path, "must be a whole number, found %s", describe(n))
		return lo
	}
	v, err := strconv.Atoi(in.GetToken().Value)
	if err != nil || v < lo || v > hi {
		d.add(n, path, "must be from %d to %d, found %s", lo, hi, in.GetToken().Value)
		return lo
	}
	return v
}

func (d *decoder) duration(n ast.Node, path string) time.Duration {
	var raw string
	switch v := unwrap(n).(type) {
	case *ast.IntegerNode:
		raw = v.GetToken().Value + "s" // a bare number means seconds
	case *ast.StringNode:
		raw = v.Value
	default:
		d.add(n, path, "must be a duration such as 30s, 2m or 1m30s, found %s", describe(n))
		return 0
	}
	dur, err := ParseDuration(raw)
	if err != nil {
		d.add(n, path, "%v", err)
		return 0
	}
	return dur
}

// ParseDuration reads a hold length: "30s", "2m", "1m30s", or a bare number
// of seconds. It must be a whole number of seconds from 1 s to 30 min.
func ParseDuration(raw string) (time.Duration, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0, fmt.Errorf("duration is empty; write e.g. 30s or 2m")
	}
	if _, err := strconv.Atoi(s); err == nil {
		s += "s"
	}
	dur, err := time.ParseDuration(s)
	if err != nil || strings.ContainsAny(s, "µnu") || strings.Contains(s, "ms") || strings.Contains(s, "h") {
		return 0, fmt.Errorf("bad duration %q: write seconds or minutes, e.g. 30s, 2m or 1m30s", raw)
	}
	if dur <= 0 {
		return 0, fmt.Errorf("duration %q must be longer than zero", raw)
	}
	if dur%time.Second != 0 {
		return 0, fmt.Errorf("duration %q must be whole seconds", raw)
	}
	if dur > MaxHold {
		return 0, fmt.Errorf("duration %q is longer than %v", raw, MaxHold)
	}
	return dur, nil
}

func (d *decoder) exercise(n ast.Node, path string) *Exercise {
	e := &Exercise{}
	before := len(d.probs)
	ok := d.fields(n, path, map[string]func(ast.Node, string){
		"id": func(v ast.Node, p string) {
			e.ID = d.id(v, p)
			e.Pos = pos(v)
		},
		"name": func(v ast.Node, p string) { e.Name = d.text(v, p, 48) },
		"kind": func(v ast.Node, p string) {
			e.Kind = Kind(d.text(v, p, 20))
			if !e.Kind.Valid() {
				d.add(v, p, "unknown kind %q (want one of %s)", e.Kind, joinKinds())
			}
		},
		"areas": func(v ast.Node, p string) {
			d.list(v, p, len(Areas()), func(item ast.Node, ip string) {
				a := d.text(item, ip, 20)
				if !IsArea(a) {
					d.add(item, ip, "unknown body area %q%s", a, suggest(a, Areas()))
					return
				}
				e.Areas = append(e.Areas, a)
			})
		},
		"per_side": func(v ast.Node, p string) { e.PerSide = d.boolean(v, p) },
		"cues":     func(v ast.Node, p string) { e.Cues = d.texts(v, p, 120) },
		"caution":  func(v ast.Node, p string) { e.Caution = d.text(v, p, maxTextLen) },
	}, []string{"id", "name", "kind"})
	if !ok || len(d.probs) > before {
		return nil
	}
	switch e.Kind {
	case Stretch, Roll:
		if len(e.Areas) == 0 {
			d.add(n, path+".areas", "a %s must name at least one body area", e.Kind)
		}
	case Breathe, Hydrate, Refuel:
		if len(e.Areas) > 0 {
			d.add(n, path+".areas", "a %s step works no body area; leave areas out", e.Kind)
		}
	}
	if e.Kind == Roll {
		// CONTENT.md §2: never roll the lumbar spine or the neck.
		for _, a := range e.Areas {
			if a == "neck" || a == "lower-back" {
				d.add(n, path+".areas", "foam rolling over the %s is unsafe and not allowed", a)
			}
		}
	}
	if len(d.probs) > before {
		return nil
	}
	return e
}

func joinKinds() string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func (d *decoder) routine(n ast.Node, path string) *Routine {
	r := &Routine{}
	before := len(d.probs)
	ok := d.fields(n, path, map[string]func(ast.Node, string){
		"id": func(v ast.Node, p string) {
			r.ID = d.id(v, p)
			r.Pos = pos(v)
		},
		"name":    func(v ast.Node, p string) { r.Name = d.text(v, p, 48) },
		"summary": func(v ast.Node, p string) { r.Summary = d.text(v, p, maxTextLen) },
		"soreness": func(v ast.Node, p string) {
			d.list(v, p, 3, func(item ast.Node, ip string) {
				l := Level(d.text(item, ip, 20))
				if !l.Valid() {
					d.add(item, ip, "unknown soreness level %q (want fresh, sore or very-sore)", l)
					return
				}
				r.Soreness = append(r.Soreness, l)
			})
		},
		"steps": func(v ast.Node, p string) {
			d.list(v, p, MaxSteps, func(item ast.Node, ip string) {
				if s, ok := d.step(item, ip); ok {
					r.Steps = append(r.Steps, s)
				}
			})
			if seq, ok := unwrap(v).(*ast.SequenceNode); ok && len(seq.Values) == 0 {
				d.add(v, p, "a routine needs at least one step")
			}
		},
	}, []string{"id", "name", "soreness", "steps"})
	if !ok || len(d.probs) > before {
		return nil
	}
	if len(r.Soreness) == 0 {
		d.add(n, path+".soreness", "name at least one soreness level")
		return nil
	}
	return r
}

func (d *decoder) step(n ast.Node, path string) (Step, bool) {
	s := Step{Reps: defaultStepReps}
	before := len(d.probs)
	d.fields(n, path, map[string]func(ast.Node, string){
		"do": func(v ast.Node, p string) {
			s.Do = d.id(v, p)
			s.DoPos = pos(v)
		},
		"for": func(v ast.Node, p string) {
			s.For = d.duration(v, p)
			s.ForPos = pos(v)
		},
		"reps": func(v ast.Node, p string) { s.Reps = d.integer(v, p, 1, MaxReps) },
		"note": func(v ast.Node, p string) { s.Note = d.text(v, p, maxTextLen) },
	}, []string{"do", "for"})
	return s, len(d.probs) == before
}

// duplicates reports ids defined twice within one file.
func (d *decoder) duplicates(f *File) {
	seenE := map[string]Pos{}
	for _, e := range f.Exercises {
		if p, dup := seenE[e.ID]; dup {
			d.addAt(e.Pos.Line, e.Pos.Col, "id", "exercise %q is already defined at line %d", e.ID, p.Line)
			continue
		}
		seenE[e.ID] = e.Pos
	}
	seenR := map[string]Pos{}
	for _, r := range f.Routines {
		if p, dup := seenR[r.ID]; dup {
			d.addAt(r.Pos.Line, r.Pos.Col, "id", "routine %q is already defined at line %d", r.ID, p.Line)
			continue
		}
		seenR[r.ID] = r.Pos
	}
}

func pos(n ast.Node) Pos {
	if t := n.GetToken(); t != nil && t.Position != nil {
		return Pos{t.Position.Line, t.Position.Column}
	}
	return Pos{}
}

// unwrap looks through tags (e.g. !!str) to the value.
func unwrap(n ast.Node) ast.Node {
	for {
		t, ok := n.(*ast.TagNode)
		if !ok {
			return n
		}
		n = t.Value
	}
}

func describe(n ast.Node) string {
	switch unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.BoolNode:
		return "true/false"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number " + n.GetToken().Value
	default:
		return fmt.Sprintf("%q", n.GetToken().Value)
	}
}

// findAlias returns the first anchor, alias or merge key under n. They are
// refused outright: they are never needed in a routine and are the way
// "billion laughs" files blow up memory.
func findAlias(n ast.Node) ast.Node {
	var found ast.Node
	ast.Walk(visitor(func(v ast.Node) bool {
		if found != nil {
			return false
		}
		switch v.(type) {
		case *ast.AnchorNode, *ast.AliasNode, *ast.MergeKeyNode:
			found = v
			return false
		}
		return true
	}), n)
	return found
}

type visitor func(ast.Node) bool

func (f visitor) Visit(n ast.Node) ast.Visitor {
	if f(n) {
		return f
	}
	return nil
}

// tooDeep finds flow or block nesting beyond maxNesting before the YAML
// parser sees it, so a hostile file cannot make the parser recurse deeply.
// It is a conservative scan: quotes and comments are skipped.
func tooDeep(data []byte) (line, col int, deep bool) {
	depth := 0
	line, col = 1, 0
	var quote byte
	comment, lineStart := false, true
	for i, b := range data {
		col++
		if b == '\n' {
			line, col, comment, lineStart = line+1, 0, false, true
			continue
		}
		if lineStart && b != ' ' {
			lineStart = false
			if col-1 > 2*maxNesting {
				return line, col, true
			}
		}
		prev := byte(' ')
		if i > 0 {
			prev = data[i-1]
		}
		switch {
		case comment:
		case quote != 0:
			if b == quote && (quote == '\'' || prev != '\\') {
				quote = 0
			}
		case b == '#' && (prev == ' ' || prev == '\t' || col == 1):
			comment = true
		case (b == '"' || b == '\'') && strings.IndexByte(" \t[{,:", prev) >= 0:
			quote = b
		case b == '[' || b == '{':
			depth++
			if depth > maxNesting {
				return line, col, true
			}
		case (b == ']' || b == '}') && depth > 0:
			depth--
		}
	}
	return 0, 0, false
}

func firstInvalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}
