package routines

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
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
}

// Parse reads one routine file strictly. Every problem found is returned
// as Problems in file order, each with file:line:col and the field; the
// File is nil then. source is what Exercise.Source and Routine.Source are
// set to.
func Parse(name string, data []byte, source string) (f *File, err error) {
	d := &decoder{file: name, nulls: map[ast.Node]Pos{}, exIDs: map[string]Pos{}, rtIDs: map[string]Pos{}}
	defer func() {
		// A bug in the YAML library or here must not take the app down
		// with one bad user file. The fuzz test fails on this message.
		if r := recover(); r != nil {
			f, err = nil, Problems{{File: name, Msg: fmt.Sprintf("%s: %v", internalFailure, r)}}
		}
	}()
	f = d.parse(data, source)
	if d.count > 0 {
		return nil, d.problems()
	}
	return f, nil
}

// internalFailure starts the problem reported when parsing panics.
const internalFailure = "internal error reading this file; please report it"

type decoder struct {
	file  string
	probs Problems
	count int // every problem found, also those past MaxProblems

	nulls        map[ast.Node]Pos // implicit null values, placed at their key or "-"
	exIDs, rtIDs map[string]Pos   // ids defined so far in this file
}

func (d *decoder) add(n ast.Node, field, format string, args ...any) {
	p := d.pos(n)
	d.addAt(p.Line, p.Col, field, format, args...)
}

func (d *decoder) addAt(line, col int, field, format string, args ...any) {
	d.count++
	if len(d.probs) < MaxProblems {
		d.probs = append(d.probs, Problem{File: d.file, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
}

// problems returns what was found in file order, with a last line saying
// how many more there were past MaxProblems.
func (d *decoder) problems() Problems {
	ps := slices.Clone(d.probs)
	sortByPos(ps)
	if extra := d.count - len(ps); extra > 0 {
		ps = append(ps, moreProblems(d.file, extra))
	}
	return ps
}

// moreProblems is the last problem of a file with more than MaxProblems.
func moreProblems(file string, n int) Problem {
	return Problem{File: file, Msg: fmt.Sprintf("and %d more problems; fix the ones above first", n)}
}

func isMoreProblems(p Problem) bool {
	return p.Line == 0 && strings.HasPrefix(p.Msg, "and ") && strings.HasSuffix(p.Msg, " more problems; fix the ones above first")
}

// sortByPos orders problems of one file by line and column, whole-file
// problems first, keeping the order of problems at the same place.
func sortByPos(ps Problems) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// pos is where a node starts: a block mapping at its first key, a missing
// value at its key.
func (d *decoder) pos(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	if p, ok := d.nulls[n]; ok {
		return p
	}
	switch v := n.(type) {
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return d.pos(v.Values[0])
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			return d.pos(v.Key)
		}
	}
	return pos(n)
}

func (d *decoder) parse(data []byte, source string) *File {
	if len(data) > MaxFileBytes {
		d.addAt(0, 0, "", "file is %d bytes; routine files may be at most %d (1 MiB)", len(data), MaxFileBytes)
		return nil
	}
	// A byte-order mark is invisible in editors; YAML allows one at the start.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := FirstInvalidUTF8(data)
		d.addAt(line, col, "", "file is not valid UTF-8 text (first bad byte here)")
		return nil
	}
	text := string(data)
	if n := countMarks(text); n > maxMarks {
		d.addAt(0, 0, "", "file is too complex for a routine file: %d lines, dashes, colons, commas and brackets; at most %d", n, maxMarks)
		return nil
	}
	if line, col, ok := tooDeep(text); ok {
		d.addAt(line, col, "", "nesting is deeper than %d levels", maxNesting)
		return nil
	}
	tokens := lexer.Tokenize(text)
	if tk := tokens.InvalidToken(); tk != nil {
		p := tokenPos(tk)
		d.addAt(p.Line, p.Col, "", "YAML syntax: %s", truncate(firstLine(tk.Error), maxTextLen))
		return nil
	}
	if !d.checkTokens(tokens) {
		return nil
	}
	af, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		d.syntax(err)
		return nil
	}
	var docs []*ast.DocumentNode
	for _, doc := range af.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		d.addAt(0, 0, "", "file is empty: expected exercises: and/or routines:")
		return nil
	}
	if len(docs) > 1 {
		at := pos(docs[1].Body)
		if docs[1].Start != nil {
			at = tokenPos(docs[1].Start)
		}
		d.addAt(at.Line, at.Col, "", "only one YAML document per file (found a second one here)")
		return nil
	}
	body := docs[0].Body
	f := &File{Name: d.file}
	ok := d.fields(body, "", map[string]func(ast.Node, string){
		"exercises": func(n ast.Node, path string) {
			d.list(n, path, MaxItems, "exercises", func(item ast.Node, p string) {
				if e := d.exercise(item, p); e != nil {
					e.Source = source
					f.Exercises = append(f.Exercises, e)
				}
			})
		},
		"routines": func(n ast.Node, path string) {
			d.list(n, path, MaxItems, "routines", func(item ast.Node, p string) {
				if r := d.routine(item, p); r != nil {
					r.Source = source
					f.Routines = append(f.Routines, r)
				}
			})
		},
	}, nil)
	if ok && d.count == 0 && len(f.Exercises) == 0 && len(f.Routines) == 0 {
		d.add(body, "", "file defines no exercises and no routines")
	}
	return f
}

// checkTokens refuses, before the parser builds anything, nesting deeper
// than maxNesting and block mappings of more than maxFields fields (the
// parser's cost grows with the square of both), and the YAML features a
// routine never needs: anchors and aliases (the way "billion laughs" files
// blow up), merge keys, tags and directives.
func (d *decoder) checkTokens(tokens token.Tokens) bool {
	type open struct {
		col   int
		key   bool // a mapping (else a sequence)
		count int  // its entries so far
	}
	flow := 0
	var block []open // the block collections open at this token
	before := d.count
	for _, tk := range tokens {
		p := tokenPos(tk)
		switch tk.Type {
		case token.AnchorType, token.AliasType:
			d.addAt(p.Line, p.Col, "", "anchors (&name) and aliases (*name) are not allowed in routine files")
		case token.MergeKeyType:
			d.addAt(p.Line, p.Col, "", "merge keys (<<) are not allowed in routine files")
		case token.TagType:
			d.addAt(p.Line, p.Col, "", "tags (%s) are not allowed in routine files", shorten(tk.Value))
		case token.DirectiveType:
			d.addAt(p.Line, p.Col, "", "directives (%%) are not allowed in routine files")
		case token.DocumentHeaderType, token.DocumentEndType:
			flow, block = 0, block[:0]
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(flow-1, 0)
		case token.SequenceEntryType, token.MappingKeyType, token.MappingValueType:
			if flow > 0 {
				continue
			}
			col, key := p.Col, tk.Type != token.SequenceEntryType
			if tk.Type == token.MappingValueType && tk.Prev != nil && tk.Prev.Position != nil &&
				tk.Prev.Position.Line == p.Line {
				col = tk.Prev.Position.Column // the key's column
			}
			// Close the collections this token is outside of. A list may sit
			// at the column of the key that holds it; the next key closes it.
			for len(block) > 0 {
				top := block[len(block)-1]
				if top.col < col || (top.col == col && (top.key == key || !key)) {
					break
				}
				block = block[:len(block)-1]
			}
			if n := len(block); n > 0 && block[n-1].col == col && block[n-1].key == key {
				block[n-1].count++
				if key && block[n-1].count > maxFields {
					d.addAt(p.Line, col, "", "a mapping has more than %d fields", maxFields)
					return false
				}
			} else {
				block = append(block, open{col: col, key: key, count: 1})
			}
		default:
			continue
		}
		if flow+len(block) > maxNesting {
			d.addAt(p.Line, p.Col, "", "nesting is deeper than %d levels", maxNesting)
			return false
		}
	}
	return d.count == before
}

func (d *decoder) syntax(err error) {
	type located interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if le, ok := err.(located); ok && le.GetToken() != nil && le.GetToken().Position != nil {
		p := tokenPos(le.GetToken())
		d.addAt(p.Line, p.Col, "", "YAML syntax: %s", truncate(firstLine(le.GetMessage()), maxTextLen))
		return
	}
	d.addAt(0, 0, "", "YAML syntax: %s", truncate(firstLine(err.Error()), maxTextLen))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// fields walks a mapping, calling the handler for each known key and
// reporting unknown keys, duplicate keys and missing required ones.
func (d *decoder) fields(n ast.Node, path string, handlers map[string]func(ast.Node, string), required []string) bool {
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.add(n, path, "must be a mapping of fields, found %s", describe(n))
		return false
	}
	seen := map[string]bool{}
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		key, ok := keyText(mv.Key)
		if !ok {
			d.add(mv.Key, path, "a field name must be plain text, found %s", describe(mv.Key))
			continue
		}
		field := joinPath(path, safeKey(key))
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
		if nn, isNull := mv.Value.(*ast.NullNode); isNull && nn.Token != nil && nn.Token.Type == token.ImplicitNullType {
			d.nulls[mv.Value] = d.pos(mv.Key)
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

// keyText is a mapping key as text, if it is a scalar.
func keyText(k ast.Node) (string, bool) {
	switch v := k.(type) {
	case *ast.MappingKeyNode: // "? key"
		if v.Value == nil {
			return "", false
		}
		return keyText(v.Value)
	case *ast.StringNode:
		return v.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NullNode, *ast.InfinityNode, *ast.NanNode:
		if t := v.GetToken(); t != nil {
			return t.Value, true
		}
	}
	return "", false
}

var plainKey = regexp.MustCompile(`^[A-Za-z0-9_-]{1,40}$`)

// safeKey is how a key appears in a field path: as written when it is a
// plain word, else quoted and shortened, so no control character or long
// text from the file ends up in a message.
func safeKey(k string) string {
	if plainKey.MatchString(k) {
		return k
	}
	return strconv.Quote(truncate(k, 40))
}

func keys(m map[string]func(ast.Node, string)) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// list walks a sequence of at most limit entries; what names the entries
// in the message when there are too many.
func (d *decoder) list(n ast.Node, path string, limit int, what string, each func(ast.Node, string)) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.add(n, path, "must be a list, found %s", describe(n))
		return
	}
	if len(seq.Values) > limit {
		d.add(n, path, "has %d %s; at most %d are allowed", len(seq.Values), what, limit)
		return
	}
	for i, item := range seq.Values {
		if nn, isNull := item.(*ast.NullNode); isNull && nn.Token != nil && nn.Token.Type == token.ImplicitNullType &&
			i < len(seq.Entries) && seq.Entries[i] != nil && seq.Entries[i].Start != nil {
			d.nulls[item] = tokenPos(seq.Entries[i].Start)
		}
		each(item, fmt.Sprintf("%s[%d]", path, i))
	}
}

// rawText is a scalar's text as written, or false (and a problem) if n is
// not a scalar.
func (d *decoder) rawText(n ast.Node, path string) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if t := v.GetToken(); t != nil {
			return t.Value, true
		}
	}
	d.add(n, path, "must be text, found %s", describe(n))
	return "", false
}

// text is a scalar cleaned for display (Clean), at most maxLen characters.
func (d *decoder) text(n ast.Node, path string, maxLen int) string {
	s, ok := d.rawText(n, path)
	if !ok {
		return ""
	}
	s = Clean(s)
	if c := utf8.RuneCountInString(s); c > maxLen {
		d.add(n, path, "is %d characters long; at most %d", c, maxLen)
	}
	return s
}

// name is a required display name: text that is not empty once cleaned.
func (d *decoder) name(n ast.Node, path string) string {
	before := d.count
	s := d.text(n, path, maxNameLen)
	if s == "" && d.count == before {
		d.add(n, path, "name must not be empty")
	}
	return s
}

// id is an identifier checked as written (not cleaned, so a control
// character cannot vanish into a valid-looking id).
func (d *decoder) id(n ast.Node, path string) string {
	s, ok := d.rawText(n, path)
	switch {
	case !ok:
	case s == "":
		d.add(n, path, "id must not be empty")
	case utf8.RuneCountInString(s) > maxIDLen:
		d.add(n, path, "id is %d characters long; at most %d", utf8.RuneCountInString(s), maxIDLen)
	case !idPattern.MatchString(s):
		hint := ""
		if fixed := idFromText(s); fixed != "" && fixed != s {
			hint = fmt.Sprintf(" (try %q)", fixed)
		}
		d.add(n, path, "id %q must be lowercase letters, digits and dashes%s", shorten(s), hint)
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
	d.list(n, path, maxListLen, "entries", func(item ast.Node, p string) {
		if s := d.text(item, p, maxLen); s != "" {
			out = append(out, s)
		}
	})
	return out
}

func (d *decoder) boolean(n ast.Node, path string) bool {
	b, ok := n.(*ast.BoolNode)
	if !ok {
		d.add(n, path, "must be true or false, found %s", describe(n))
		return false
	}
	return b.Value
}

func (d *decoder) integer(n ast.Node, path string, lo, hi int) int {
	in, ok := n.(*ast.IntegerNode)
	if !ok {
		d.add(n, path, "must be a whole number, found %s", describe(n))
		return lo
	}
	raw := in.GetToken().Value
	v, err := strconv.Atoi(raw)
	if err != nil || v < lo || v > hi {
		d.add(n, path, "must be from %d to %d, found %s", lo, hi, shorten(raw))
		return lo
	}
	return v
}

func (d *decoder) duration(n ast.Node, path string) time.Duration {
	var raw string
	switch v := n.(type) {
	case *ast.IntegerNode:
		raw = v.GetToken().Value
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

var (
	durationPattern = regexp.MustCompile(`^(?:([0-9]{1,6})m)?(?:([0-9]{1,6})s)?$`)
	otherUnit       = regexp.MustCompile(`[0-9.](?:h|ms|us|µs|μs|ns)`)
)

// ParseDuration reads a hold length written with a unit: "30s", "2m" or
// "1m30s". It must be a whole number of seconds from 1 s to 30 min. A bare
// number is refused: "30" could mean seconds or minutes.
func ParseDuration(raw string) (time.Duration, error) {
	s := strings.TrimSpace(raw)
	q := shorten(raw)
	if s == "" {
		return 0, fmt.Errorf("duration is empty; write e.g. 30s or 2m")
	}
	if _, err := strconv.ParseUint(s, 10, 64); err == nil {
		return 0, fmt.Errorf("duration %q has no unit; write %ss for seconds or %sm for minutes", q, s, s)
	}
	m := durationPattern.FindStringSubmatch(s)
	if m == nil {
		// Say what is wrong when Go can read it, else give the format.
		dur, err := time.ParseDuration(s)
		switch {
		case otherUnit.MatchString(s):
		case err == nil && dur <= 0:
			return 0, fmt.Errorf("duration %q must be longer than zero", q)
		case err == nil && dur%time.Second != 0:
			return 0, fmt.Errorf("duration %q must be whole seconds", q)
		}
		return 0, fmt.Errorf("bad duration %q: write seconds or minutes, e.g. 30s, 2m or 1m30s", q)
	}
	mins, _ := strconv.Atoi(m[1])
	secs, _ := strconv.Atoi(m[2])
	dur := time.Duration(mins)*time.Minute + time.Duration(secs)*time.Second
	if dur <= 0 {
		return 0, fmt.Errorf("duration %q must be longer than zero", q)
	}
	if dur > MaxHold {
		return 0, fmt.Errorf("duration %q is longer than the %v limit", q, MaxHold)
	}
	return dur, nil
}

func (d *decoder) exercise(n ast.Node, path string) *Exercise {
	e := &Exercise{}
	before := d.count
	var areasNode, breathingNode ast.Node
	var areaItems []ast.Node
	ok := d.fields(n, path, map[string]func(ast.Node, string){
		"id": func(v ast.Node, p string) {
			e.ID = d.id(v, p)
			e.Pos = d.pos(v)
			if e.ID == "" {
				return
			}
			if first, dup := d.exIDs[e.ID]; dup {
				d.add(v, p, "exercise %q is already defined at line %d", e.ID, first.Line)
			} else {
				d.exIDs[e.ID] = e.Pos
			}
		},
		"name": func(v ast.Node, p string) { e.Name = d.name(v, p) },
		"kind": func(v ast.Node, p string) {
			e.Kind = Kind(d.text(v, p, 20))
			if !e.Kind.Valid() {
				d.add(v, p, "unknown kind %q%s (want one of %s)", shorten(string(e.Kind)), suggest(string(e.Kind), kindNames()), strings.Join(kindNames(), ", "))
			}
		},
		"areas": func(v ast.Node, p string) {
			areasNode = v
			d.list(v, p, len(Areas()), "areas", func(item ast.Node, ip string) {
				a := d.text(item, ip, 20)
				switch {
				case !IsArea(a):
					d.add(item, ip, "unknown body area %q%s", shorten(a), suggest(a, Areas()))
				case slices.Contains(e.Areas, a):
					d.add(item, ip, "body area %q is listed twice", a)
				default:
					e.Areas = append(e.Areas, a)
					areaItems = append(areaItems, item)
				}
			})
		},
		"per_side": func(v ast.Node, p string) { e.PerSide = d.boolean(v, p) },
		"cues":     func(v ast.Node, p string) { e.Cues = d.texts(v, p, maxCueLen) },
		"caution":  func(v ast.Node, p string) { e.Caution = d.text(v, p, maxTextLen) },
		"breathing": func(v ast.Node, p string) {
			breathingNode = v
			e.Breathing = d.breathing(v, p)
		},
	}, []string{"id", "name", "kind"})
	if !ok || d.count > before {
		return nil
	}
	areasAt := n
	if areasNode != nil {
		areasAt = areasNode
	}
	switch e.Kind {
	case Stretch, Roll:
		if len(e.Areas) == 0 {
			d.add(areasAt, path+".areas", "a %s must name at least one body area", e.Kind)
		}
	case Breathe, Hydrate, Refuel:
		if len(e.Areas) > 0 {
			d.add(areasAt, path+".areas", "a %s step works no body area; leave areas out", e.Kind)
		}
	}
	if breathingNode != nil && e.Kind != Breathe && e.Kind.Valid() {
		d.add(breathingNode, path+".breathing", "a breathing pattern is only for a breathe exercise; this one is a %s", e.Kind)
	}
	if e.Kind == Roll {
		// CONTENT.md §2: never roll the lumbar spine or the neck.
		for i, a := range e.Areas {
			if a == "neck" || a == "lower-back" {
				d.add(areaItems[i], fmt.Sprintf("%s.areas[%d]", path, i), "foam rolling over the %s is unsafe and not allowed", a)
			}
		}
	}
	if d.count > before {
		return nil
	}
	return e
}

// breathing reads a breathing pattern id.
func (d *decoder) breathing(n ast.Node, path string) string {
	id, ok := d.rawText(n, path)
	if !ok {
		return ""
	}
	if id == "" {
		d.add(n, path, "is empty; write one of %s (or leave it out)", strings.Join(BreathPatternIDs(), ", "))
		return ""
	}
	if _, err := LookupBreathing(id); err != nil {
		d.add(n, path, "%v", err)
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

func levelNames() []string {
	var s []string
	for _, l := range Levels() {
		s = append(s, string(l))
	}
	return s
}

func (d *decoder) routine(n ast.Node, path string) *Routine {
	r := &Routine{}
	before := d.count
	var sorenessNode ast.Node
	ok := d.fields(n, path, map[string]func(ast.Node, string){
		"id": func(v ast.Node, p string) {
			r.ID = d.id(v, p)
			r.Pos = d.pos(v)
			if r.ID == "" {
				return
			}
			if first, dup := d.rtIDs[r.ID]; dup {
				d.add(v, p, "routine %q is already defined at line %d", r.ID, first.Line)
			} else {
				d.rtIDs[r.ID] = r.Pos
			}
		},
		"name":    func(v ast.Node, p string) { r.Name = d.name(v, p) },
		"summary": func(v ast.Node, p string) { r.Summary = d.text(v, p, maxTextLen) },
		"soreness": func(v ast.Node, p string) {
			sorenessNode = v
			d.list(v, p, len(Levels()), "levels", func(item ast.Node, ip string) {
				l := Level(d.text(item, ip, 20))
				switch {
				case !l.Valid():
					d.add(item, ip, "unknown soreness level %q%s (want fresh, sore or very-sore)", shorten(string(l)), suggest(string(l), levelNames()))
				case slices.Contains(r.Soreness, l):
					d.add(item, ip, "soreness level %q is listed twice", l)
				default:
					r.Soreness = append(r.Soreness, l)
				}
			})
		},
		"steps": func(v ast.Node, p string) {
			seq, isSeq := v.(*ast.SequenceNode)
			switch {
			case isSeq && len(seq.Values) == 0:
				d.add(v, p, "a routine needs at least one step")
				return
			case isSeq && len(seq.Values) > MaxSteps:
				d.add(v, p, "a routine may have at most %d steps; this one has %d", MaxSteps, len(seq.Values))
				return
			}
			d.list(v, p, MaxSteps, "steps", func(item ast.Node, ip string) {
				if s, ok := d.step(item, ip); ok {
					r.Steps = append(r.Steps, s)
				}
			})
		},
	}, []string{"id", "name", "soreness", "steps"})
	if !ok || d.count > before {
		return nil
	}
	if len(r.Soreness) == 0 {
		d.add(sorenessNode, path+".soreness", "name at least one soreness level (fresh, sore or very-sore)")
		return nil
	}
	return r
}

func (d *decoder) step(n ast.Node, path string) (Step, bool) {
	s := Step{Reps: defaultStepReps}
	before := d.count
	d.fields(n, path, map[string]func(ast.Node, string){
		"do": func(v ast.Node, p string) {
			s.Do = d.id(v, p)
			s.DoPos = d.pos(v)
		},
		"for": func(v ast.Node, p string) {
			s.For = d.duration(v, p)
			s.ForPos = d.pos(v)
		},
		"reps": func(v ast.Node, p string) { s.Reps = d.integer(v, p, 1, MaxReps) },
		"note": func(v ast.Node, p string) { s.Note = d.text(v, p, maxTextLen) },
		"breathing": func(v ast.Node, p string) {
			s.Pattern = d.breathing(v, p)
			s.PatternPos = d.pos(v)
		},
	}, []string{"do", "for"})
	return s, d.count == before
}

func pos(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return tokenPos(n.GetToken())
}

func tokenPos(t *token.Token) Pos {
	if t == nil || t.Position == nil {
		return Pos{}
	}
	return Pos{t.Position.Line, t.Position.Column}
}

func describe(n ast.Node) string {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.BoolNode:
		return "true/false"
	case *ast.IntegerNode, *ast.FloatNode:
		return "the number " + shorten(v.GetToken().Value)
	case *ast.StringNode:
		return fmt.Sprintf("%q", shorten(v.Value))
	case *ast.LiteralNode:
		return "a block of text"
	}
	if t := n.GetToken(); t != nil {
		return fmt.Sprintf("%q", shorten(t.Value))
	}
	return "something else"
}

// shorten cuts text quoted in a message to a readable length.
func shorten(s string) string { return truncate(s, 40) }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// tooDeep is a quick scan for flow nesting ("[[[[…") beyond maxNesting, so
// a file of nothing but brackets is refused before it is tokenized. Quoted
// text and comments are skipped. checkTokens is the exact check.
func tooDeep(data string) (line, col int, deep bool) {
	depth := 0
	line, col = 1, 0
	var quote byte
	escaped, comment := false, false
	prev := byte('\n')
	for i := 0; i < len(data); i++ {
		b := data[i]
		col++
		if b == '\n' {
			line, col, comment = line+1, 0, false
			prev = b
			continue
		}
		switch {
		case comment:
		case quote == '"':
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				quote = 0
			}
		case quote == '\'':
			if b == '\'' {
				quote = 0 // '' inside is a quote closed and reopened: same result
			}
		case b == '#' && (prev == ' ' || prev == '\t' || prev == '\n'):
			comment = true
		case (b == '"' || b == '\'') && strings.IndexByte(" \t\n[{,:-", prev) >= 0:
			quote = b
		case b == '[' || b == '{':
			depth++
			if depth > maxNesting {
				return line, col, true
			}
		case (b == ']' || b == '}') && depth > 0:
			depth--
		}
		prev = b
	}
	return 0, 0, false
}

var markBytes = func() (t [256]bool) {
	for _, b := range []byte("\n-:,[]{}?#&*!|>%") {
		t[b] = true
	}
	return t
}()

// countMarks counts the bytes that can start a YAML token other than a
// scalar, quotes or not: it bounds the work of tokenizing and parsing.
func countMarks(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if markBytes[s[i]] {
			n++
		}
	}
	return n
}

// FirstInvalidUTF8 is the line and column (in characters) of the first
// byte that is not UTF-8, for a file's error message.
func FirstInvalidUTF8(data []byte) (line, col int) {
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
