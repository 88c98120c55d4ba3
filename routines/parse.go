package routines

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Limits that keep a hostile file from costing time or memory.
const (
	MaxFileBytes    = 1 << 20
	MaxSteps        = 200
	MaxItems        = 2000 // exercises or routines in one file
	MaxProblems     = 50   // problems listed per file; the rest are counted
	maxNesting      = 64
	maxFields       = 100     // fields in one mapping
	maxMarks        = 200_000 // lines, colons, dashes, commas, brackets... in one file
	maxTextLen      = 200
	maxNameLen      = 48
	maxCueLen       = 120
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
	Poses     []KeyedPose // the top-level poses: mapping

	builtin bool
}

// Parse reads one routine file strictly. Every problem found is returned
// as Problems in file order, each with file:line:col and the field; the
// File is nil then. source is what Exercise.Source and Routine.Source are
// set to.
func Parse(name string, data []byte, source string) (*File, error) {
	d := &decoder{Reader: strictyaml.NewReader(name, fileLimits)}
	f := d.parseSafely(data, source)
	if ps := d.Problems(); ps != nil {
		return nil, ps
	}
	return f, nil
}

// fileLimits are the strict reader's limits for a routine file.
var fileLimits = strictyaml.Limits{
	Noun: "routine files", Kind: "a routine file",
	MaxBytes: MaxFileBytes, SizeName: "1 MiB", MaxMarks: maxMarks,
	MaxNesting: maxNesting, MaxFields: maxFields, MaxProblems: MaxProblems,
}

type decoder struct {
	*strictyaml.Reader
	exIDs, rtIDs map[string]Pos // ids defined so far in this file
	// keep holds on to routines and steps with problems, for validate to
	// check their exercise ids in the same run (parsePartial).
	keep bool
}

func (d *decoder) parseSafely(data []byte, source string) (f *File) {
	defer d.Recover() // the fuzz test fails on the problem this adds
	return d.parse(data, source)
}

func (d *decoder) parse(data []byte, source string) *File {
	body, ok := d.Read(data)
	if !ok {
		return nil
	}
	if body == nil {
		d.AddAt(0, 0, "", "file is empty: expected exercises: and/or routines:")
		return nil
	}
	d.exIDs, d.rtIDs = map[string]Pos{}, map[string]Pos{}
	f := &File{Name: d.File, builtin: source == BuiltIn}
	ok = d.Fields(body, "", map[string]func(ast.Node, string){
		"exercises": func(n ast.Node, path string) {
			d.List(n, path, MaxItems, "exercises", func(item ast.Node, p string) {
				if e := d.exercise(item, p); e != nil {
					e.Source = source
					f.Exercises = append(f.Exercises, e)
				}
			})
		},
		"poses": func(n ast.Node, path string) { f.Poses = d.poses(n, path) },
		"routines": func(n ast.Node, path string) {
			d.List(n, path, MaxItems, "routines", func(item ast.Node, p string) {
				if r := d.routine(item, p); r != nil {
					r.Source = source
					f.Routines = append(f.Routines, r)
				}
			})
		},
	}, nil)
	if ok && d.Count() == 0 && len(f.Exercises) == 0 && len(f.Routines) == 0 && len(f.Poses) == 0 {
		d.Add(body, "", "file defines no exercises and no routines")
	}
	return f
}

// name is a required display name: text that is not empty once cleaned.
func (d *decoder) name(n ast.Node, path string) string {
	before := d.Count()
	s := d.Text(n, path, maxNameLen)
	switch {
	case d.Count() > before:
	case s == "":
		d.Add(n, path, "name must not be empty")
	case strictyaml.Blank(s):
		d.Add(n, path, "name must not be empty (it has only characters that show nothing)")
	}
	return s
}

// id is an identifier checked as written (not cleaned, so a control
// character cannot vanish into a valid-looking id).
func (d *decoder) id(n ast.Node, path string) string {
	s, ok := d.RawText(n, path)
	switch {
	case !ok:
	case s == "":
		d.Add(n, path, "id must not be empty")
	case utf8.RuneCountInString(s) > maxIDLen:
		d.Add(n, path, "id is %d characters long; at most %d", utf8.RuneCountInString(s), maxIDLen)
	case !idPattern.MatchString(s):
		hint := ""
		if fixed := idFromText(s); fixed != "" && fixed != s {
			hint = fmt.Sprintf(" (try %q)", fixed)
		}
		d.Add(n, path, "id %q must be lowercase letters, digits and dashes%s", strictyaml.Shorten(s), hint)
	}
	return s
}

// idFromText turns a name such as "Wall Calf" or "calf_stretch" into an id
// ("wall-calf", "calf-stretch"), or "" if s has other characters than
// ASCII letters, digits and separators.
func idFromText(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == ' ' || r == '_' || r == '-' || r == '.':
			dash = true
		default:
			return ""
		}
	}
	out := b.String()
	if len(out) > maxIDLen || !idPattern.MatchString(out) {
		return ""
	}
	return out
}

func (d *decoder) texts(n ast.Node, path string, maxLen int) []string {
	var out []string
	d.List(n, path, maxListLen, "entries", func(item ast.Node, p string) {
		if s := d.Text(item, p, maxLen); s != "" {
			out = append(out, s)
		}
	})
	return out
}

func (d *decoder) boolean(n ast.Node, path string) bool {
	v, _ := d.Boolean(n, path)
	return v
}

// duration is a hold length: the shared duration grammar, from 1 s to
// MaxHold.
func (d *decoder) duration(n ast.Node, path string) time.Duration {
	raw, ok := strictyaml.DurationText(n)
	if !ok {
		d.Add(n, path, "must be a duration such as 30s, 2m or 1m30s, found %s", strictyaml.Describe(n))
		return 0
	}
	dur, err := ParseDuration(raw)
	if err != nil {
		d.Add(n, path, "%v", err)
		return 0
	}
	return dur
}

// ParseDuration reads a hold length in the one duration grammar ("30s",
// "2m", "1m30s", or a bare number of seconds), from 1 s to MaxHold.
func ParseDuration(raw string) (time.Duration, error) {
	dur, err := strictyaml.ParseDuration(raw)
	q := strictyaml.Shorten(strings.TrimSpace(raw))
	switch {
	case err != nil:
		return 0, err
	case dur <= 0:
		return 0, fmt.Errorf("duration %q must be longer than zero", q)
	case dur > MaxHold:
		return 0, fmt.Errorf("duration %q is longer than the %v limit", q, MaxHold)
	}
	return dur, nil
}

func (d *decoder) exercise(n ast.Node, path string) *Exercise {
	e := &Exercise{}
	before := d.Count()
	var areasNode, breathingNode, countNode, perSideNode ast.Node
	var areaItems []ast.Node
	ok := d.Fields(n, path, map[string]func(ast.Node, string){
		"id":   func(v ast.Node, p string) { e.ID, e.Pos = d.definedID(v, p, "exercise", d.exIDs) },
		"name": func(v ast.Node, p string) { e.Name = d.name(v, p) },
		"kind": func(v ast.Node, p string) {
			e.Kind = Kind(d.Text(v, p, 20))
			if !e.Kind.Valid() {
				d.Add(v, p, "unknown kind %q%s (want one of %s)", strictyaml.Shorten(string(e.Kind)), strictyaml.Suggest(string(e.Kind), kindNames()), strings.Join(kindNames(), ", "))
			}
		},
		"areas": func(v ast.Node, p string) {
			areasNode = v
			d.List(v, p, len(Areas()), "areas", func(item ast.Node, ip string) {
				a := d.Text(item, ip, 20)
				switch {
				case !IsArea(a):
					d.Add(item, ip, "unknown body area %q%s", strictyaml.Shorten(a), strictyaml.Suggest(a, Areas()))
				case slices.Contains(e.Areas, a):
					d.Add(item, ip, "body area %q is listed twice", a)
				default:
					e.Areas = append(e.Areas, a)
					areaItems = append(areaItems, item)
				}
			})
		},
		"per_side": func(v ast.Node, p string) {
			perSideNode = v
			e.PerSide = d.boolean(v, p)
		},
		"cues":    func(v ast.Node, p string) { e.Cues = d.texts(v, p, maxCueLen) },
		"caution": func(v ast.Node, p string) { e.Caution = d.Text(v, p, maxTextLen) },
		"pose":    func(v ast.Node, p string) { e.Pose = d.pose(v, p) },
		"breathing": func(v ast.Node, p string) {
			breathingNode = v
			e.Breathing = d.breathing(v, p)
		},
		"count": func(v ast.Node, p string) {
			countNode = v
			e.Count = d.Integer(v, p, 1, MaxCount)
		},
		"needs":   func(v ast.Node, p string) { e.Needs = d.needs(v, p) },
		"without": func(v ast.Node, p string) { e.Without = d.without(v, p) },
	}, []string{"id", "name", "kind"})
	if !ok || d.Count() > before {
		return nil
	}
	d.kindRules(e, path, exerciseNodes{whole: n, areas: areasNode, areaItems: areaItems, breathing: breathingNode, count: countNode, perSide: perSideNode})
	d.kitRules(e, path)
	if d.Count() > before {
		return nil
	}
	return e
}

// definedID reads the id an exercise or routine (what) defines, refusing a
// second definition of it in the file; seen holds where each was defined.
func (d *decoder) definedID(v ast.Node, path, what string, seen map[string]Pos) (string, Pos) {
	id, at := d.id(v, path), d.Pos(v)
	if id == "" {
		return id, at
	}
	if first, dup := seen[id]; dup {
		d.Add(v, path, "%s %q is already defined at line %d", what, id, first.Line)
	} else {
		seen[id] = at
	}
	return id, at
}

// exerciseNodes are where an exercise's fields were written, for the
// problems kindRules finds.
type exerciseNodes struct {
	whole, areas, breathing, count, perSide ast.Node
	areaItems                               []ast.Node
}

// kindRules checks the fields that only some kinds of exercise may have.
func (d *decoder) kindRules(e *Exercise, path string, at exerciseNodes) {
	areasAt := at.whole
	if at.areas != nil {
		areasAt = at.areas
	}
	switch e.Kind {
	case Stretch, Roll, Mobility, MassageGun, Massage:
		if len(e.Areas) == 0 {
			d.Add(areasAt, path+".areas", "a %s must name at least one body area", e.Kind)
		}
	case Breathe, Hydrate, Refuel:
		if len(e.Areas) > 0 {
			d.Add(areasAt, path+".areas", "a %s step works no body area; leave areas out", e.Kind)
		}
	}
	if at.count != nil && e.Kind != Mobility && e.Kind.Valid() {
		d.Add(at.count, path+".count", "a count of reps is only for a mobility drill; this one is a %s", e.Kind)
	}
	// Only stretches, soft-tissue work and mobility drills are done one
	// side, then the other: a walk or a drink marked per_side would run
	// twice, with a switch between, and push a plan past the minutes asked for.
	if e.PerSide && !e.Kind.Sided() && e.Kind.Valid() {
		article := "a"
		if strings.ContainsRune("aeiou", rune(e.Kind[0])) {
			article = "an"
		}
		d.Add(at.perSide, path+".per_side", "%s %s exercise has no sides; per_side is only for a stretch, a mobility drill or soft-tissue work (roll, gun, massage)", article, e.Kind)
	}
	if at.breathing != nil && e.Kind != Breathe && e.Kind.Valid() {
		d.Add(at.breathing, path+".breathing", "a breathing pattern is only for a breathe exercise; this one is a %s", e.Kind)
	}
	if e.Kind == Roll || e.Kind == MassageGun {
		// Never roll or use a gun on the lumbar spine or the neck: there
		// is no muscle to work there, only spine, nerves and arteries.
		what := map[Kind]string{Roll: "foam rolling", MassageGun: "a massage gun"}[e.Kind]
		for i, a := range e.Areas {
			if a == "neck" || a == "lower-back" {
				d.Add(at.areaItems[i], fmt.Sprintf("%s.areas[%d]", path, i), "%s over the %s is unsafe and not allowed", what, a)
			}
		}
	}
}

// breathing reads a breathing pattern id.
func (d *decoder) breathing(n ast.Node, path string) string {
	id, ok := d.RawText(n, path)
	if !ok {
		return ""
	}
	if id == "" {
		d.Add(n, path, "is empty; write one of %s (or leave it out)", strings.Join(BreathPatternIDs(), ", "))
		return ""
	}
	if _, err := LookupBreathing(id); err != nil {
		d.Add(n, path, "%v", err)
		return ""
	}
	return id
}

func kindNames() []string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return s
}

func (d *decoder) routine(n ast.Node, path string) *Routine {
	r := &Routine{}
	before := d.Count()
	var sorenessNode ast.Node
	ok := d.Fields(n, path, map[string]func(ast.Node, string){
		"id":      func(v ast.Node, p string) { r.ID, r.Pos = d.definedID(v, p, "routine", d.rtIDs) },
		"name":    func(v ast.Node, p string) { r.Name = d.name(v, p) },
		"summary": func(v ast.Node, p string) { r.Summary = d.Text(v, p, maxTextLen) },
		"soreness": func(v ast.Node, p string) {
			sorenessNode = v
			d.List(v, p, len(Levels()), "levels", func(item ast.Node, ip string) {
				l := Level(d.Text(item, ip, 20))
				switch {
				case !l.Valid():
					d.Add(item, ip, "unknown soreness level %q%s (want %s)", strictyaml.Shorten(string(l)), strictyaml.Suggest(string(l), LevelNames()), LevelChoices())
				case slices.Contains(r.Soreness, l):
					d.Add(item, ip, "soreness level %q is listed twice", l)
				default:
					r.Soreness = append(r.Soreness, l)
				}
			})
		},
		"steps": func(v ast.Node, p string) {
			seq, isSeq := v.(*ast.SequenceNode)
			switch {
			case isSeq && len(seq.Values) == 0:
				d.Add(v, p, "a routine needs at least one step")
				return
			case isSeq && len(seq.Values) > MaxSteps:
				d.Add(v, p, "a routine may have at most %d steps; this one has %d", MaxSteps, len(seq.Values))
				return
			}
			d.List(v, p, MaxSteps, "steps", func(item ast.Node, ip string) {
				if s, ok := d.step(item, ip); ok {
					r.Steps = append(r.Steps, s)
				}
			})
		},
	}, []string{"id", "name", "soreness", "steps"})
	if d.keep {
		return r
	}
	if !ok || d.Count() > before {
		return nil
	}
	if len(r.Soreness) == 0 {
		d.Add(sorenessNode, path+".soreness", "name at least one soreness level (%s)", LevelChoices())
		return nil
	}
	return r
}

func (d *decoder) step(n ast.Node, path string) (Step, bool) {
	s := Step{Reps: defaultStepReps}
	before := d.Count()
	d.Fields(n, path, map[string]func(ast.Node, string){
		"do": func(v ast.Node, p string) {
			s.Do = d.id(v, p)
			s.DoPos = d.Pos(v)
		},
		"for": func(v ast.Node, p string) {
			s.For = d.duration(v, p)
			s.ForPos = d.Pos(v)
		},
		"reps": func(v ast.Node, p string) { s.Reps = d.Integer(v, p, 1, MaxReps) },
		"note": func(v ast.Node, p string) { s.Note = d.Text(v, p, maxTextLen) },
		"breathing": func(v ast.Node, p string) {
			s.Pattern = d.breathing(v, p)
			s.PatternPos = d.Pos(v)
		},
		"count": func(v ast.Node, p string) {
			s.Count = d.Integer(v, p, 1, MaxCount)
			s.CountPos = d.Pos(v)
		},
		"needs": func(v ast.Node, p string) {
			s.Needs = d.needs(v, p)
			s.NeedsPos = d.Pos(v)
		},
	}, []string{"do", "for"})
	return s, d.Count() == before || d.keep && s.Do != ""
}
