package strictyaml

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits keep a hostile file from costing time or memory; each kind of file
// sets its own, since a settings file is a handful of scalars and a routine
// file may hold a whole catalogue.
type Limits struct {
	Noun        string // the files, as in "not allowed in routine files"
	Kind        string // one file, as in "too complex for a routine file"
	MaxBytes    int
	SizeName    string // MaxBytes for people: "1 MiB"
	MaxMarks    int    // lines, colons, dashes, commas, brackets... in one file
	MaxNesting  int
	MaxFields   int // fields in one block mapping
	MaxProblems int // problems listed; the rest are counted
	AllowTags   bool
}

// InternalFailure starts the problem reported when reading panics.
const InternalFailure = "internal error reading this file; please report it"

// Reader collects the problems of one file while its parts are read.
type Reader struct {
	File   string
	Limits Limits
	// UnknownKey is the message for a key no handler reads; nil gives
	// "unknown field" with a did-you-mean among the known keys.
	UnknownKey func(key string, known []string) string

	probs Problems
	count int              // every problem found, also those past MaxProblems
	nulls map[ast.Node]Pos // implicit null values, placed at their key or "-"
}

// NewReader starts reading the file named file (as problems show it).
func NewReader(file string, lim Limits) *Reader {
	return &Reader{File: file, Limits: lim}
}

// Add records a problem at n.
func (r *Reader) Add(n ast.Node, field, format string, args ...any) {
	p := r.Pos(n)
	r.AddAt(p.Line, p.Col, field, format, args...)
}

// AddAt records a problem at a line and column (0, 0: the whole file).
func (r *Reader) AddAt(line, col int, field, format string, args ...any) {
	r.count++
	if len(r.probs) < r.Limits.MaxProblems {
		r.probs = append(r.probs, Problem{File: r.File, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
}

// Count is how many problems were found so far.
func (r *Reader) Count() int { return r.count }

// Problems is what was found in file order, with a last line saying how
// many more there were past MaxProblems; nil when nothing was wrong.
func (r *Reader) Problems() Problems {
	if r.count == 0 {
		return nil
	}
	ps := r.probs
	SortByPos(ps)
	if extra := r.count - len(ps); extra > 0 {
		ps = append(ps, MoreProblems(r.File, extra))
	}
	return ps
}

// Recover, deferred, turns a panic (a bug in the YAML library or here)
// into a problem: one bad file must not take the app down.
func (r *Reader) Recover() {
	if v := recover(); v != nil {
		r.AddAt(0, 0, "", "%s: %v", InternalFailure, v)
	}
}

// Pos is where a node starts: a block mapping at its first key, a missing
// value at its key.
func (r *Reader) Pos(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	if p, ok := r.nulls[n]; ok {
		return p
	}
	switch v := n.(type) {
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return r.Pos(v.Values[0])
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			return r.Pos(v.Key)
		}
	}
	return NodePos(n)
}

// NodePos is where a node's token is.
func NodePos(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return TokenPos(n.GetToken())
}

// TokenPos is where a token is.
func TokenPos(t *token.Token) Pos {
	if t == nil || t.Position == nil {
		return Pos{}
	}
	return Pos{t.Position.Line, t.Position.Column}
}

// Read checks data and parses it into the body of its one document. It
// returns ok false when a problem stopped it, and a nil body when the file
// has nothing but comments.
func (r *Reader) Read(data []byte) (body ast.Node, ok bool) {
	lim := r.Limits
	if len(data) > lim.MaxBytes {
		r.AddAt(0, 0, "", "file is %d bytes; %s may be at most %d (%s)", len(data), lim.Noun, lim.MaxBytes, lim.SizeName)
		return nil, false
	}
	// A byte-order mark is invisible in editors; YAML allows one at the start.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := FirstInvalidUTF8(data)
		r.AddAt(line, col, "", "file is not valid UTF-8 text (first bad byte here)")
		return nil, false
	}
	text := string(data)
	if n := countMarks(text); n > lim.MaxMarks {
		r.AddAt(0, 0, "", "file is too complex for %s: %d lines, dashes, colons, commas and brackets; at most %d", lim.Kind, n, lim.MaxMarks)
		return nil, false
	}
	if line, col, ok := tooDeep(text, lim.MaxNesting); ok {
		r.AddAt(line, col, "", "nesting is deeper than %d levels", lim.MaxNesting)
		return nil, false
	}
	tokens := lexer.Tokenize(text)
	if tk := tokens.InvalidToken(); tk != nil {
		if r.tabIndent(text) {
			return nil, false
		}
		p := TokenPos(tk)
		r.AddAt(p.Line, p.Col, "", "YAML syntax: %s", Truncate(firstLine(tk.Error), 200))
		return nil, false
	}
	if !r.checkTokens(tokens) {
		return nil, false
	}
	af, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		if r.tabIndent(text) {
			return nil, false
		}
		r.syntax(err)
		return nil, false
	}
	var docs []*ast.DocumentNode
	for _, doc := range af.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		return nil, true
	}
	if len(docs) > 1 {
		at := NodePos(docs[1].Body)
		if docs[1].Start != nil {
			at = TokenPos(docs[1].Start)
		}
		r.AddAt(at.Line, at.Col, "", "only one YAML document per file (found a second one here)")
		return nil, false
	}
	return docs[0].Body, true
}

// tabIndent reports the first line indented with a tab, for a file the
// YAML parser refused: its own message names the tab as "character ' '"
// (the tab cleaned to a space), which no one can act on. Only a refused
// file is looked at, so a tab inside a block of text stays allowed.
func (r *Reader) tabIndent(text string) bool {
	for i, line := range strings.Split(text, "\n") {
		lead := len(line) - len(strings.TrimLeft(line, " \t"))
		rest := strings.TrimSpace(line[lead:])
		if rest == "" || strings.HasPrefix(rest, "#") {
			continue
		}
		if col := strings.IndexByte(line[:lead], '\t'); col >= 0 {
			r.AddAt(i+1, col+1, "", "a tab in the indentation; YAML indents with spaces only")
			return true
		}
	}
	return false
}

// checkTokens refuses, before the parser builds anything, nesting deeper
// than MaxNesting and block mappings of more than MaxFields fields (the
// parser's cost grows with the square of both), and the YAML features no
// file of ours needs: anchors and aliases (the way "billion laughs" files
// blow up), merge keys, directives, and tags unless allowed.
func (r *Reader) checkTokens(tokens token.Tokens) bool {
	type open struct {
		col   int
		key   bool // a mapping (else a sequence)
		count int  // its entries so far
	}
	lim := r.Limits
	flow := 0
	var block []open // the block collections open at this token
	before := r.count
	for _, tk := range tokens {
		p := TokenPos(tk)
		switch tk.Type {
		case token.AnchorType, token.AliasType:
			r.AddAt(p.Line, p.Col, "", "anchors (&name) and aliases (*name) are not allowed in %s", lim.Noun)
		case token.MergeKeyType:
			r.AddAt(p.Line, p.Col, "", "merge keys (<<) are not allowed in %s", lim.Noun)
		case token.TagType:
			if !lim.AllowTags {
				r.AddAt(p.Line, p.Col, "", "tags (%s) are not allowed in %s", Shorten(tk.Value), lim.Noun)
			}
		case token.DirectiveType:
			r.AddAt(p.Line, p.Col, "", "directives (%%) are not allowed in %s", lim.Noun)
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
				if key && block[n-1].count > lim.MaxFields {
					r.AddAt(p.Line, col, "", "a mapping has more than %d fields", lim.MaxFields)
					return false
				}
			} else {
				block = append(block, open{col: col, key: key, count: 1})
			}
		default:
			continue
		}
		if flow+len(block) > lim.MaxNesting {
			r.AddAt(p.Line, p.Col, "", "nesting is deeper than %d levels", lim.MaxNesting)
			return false
		}
	}
	return r.count == before
}

func (r *Reader) syntax(err error) {
	type located interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if le, ok := err.(located); ok && le.GetToken() != nil && le.GetToken().Position != nil {
		p := TokenPos(le.GetToken())
		r.AddAt(p.Line, p.Col, "", "YAML syntax: %s", Truncate(firstLine(le.GetMessage()), 200))
		return
	}
	r.AddAt(0, 0, "", "YAML syntax: %s", Truncate(firstLine(err.Error()), 200))
}

// tooDeep is a quick scan for flow nesting ("[[[[…") beyond limit, so a
// file of nothing but brackets is refused before it is tokenized. Quoted
// text and comments are skipped. checkTokens is the exact check.
func tooDeep(data string, limit int) (line, col int, deep bool) {
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
			if depth > limit {
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

// Fields walks a mapping, calling the handler for each known key and
// reporting keys that are not plain text, unknown, given twice, or
// required and missing. A key with no value reaches its handler as an
// implicit null placed at the key (IsMissing tells it).
func (r *Reader) Fields(n ast.Node, path string, handlers map[string]func(ast.Node, string), required []string) bool {
	values, ok := Entries(n)
	if !ok {
		r.Add(n, path, "must be a mapping of fields, found %s", Describe(n))
		return false
	}
	firstAt := map[string]int{}
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		key, ok := keyText(mv.Key)
		if !ok {
			r.Add(mv.Key, path, "a field name must be plain text, found %s", Describe(mv.Key))
			continue
		}
		field := JoinPath(path, safeKey(key))
		if first, seen := firstAt[key]; seen {
			r.Add(mv.Key, field, "field is given twice (first on line %d); keep one", first)
			continue
		}
		firstAt[key] = r.Pos(mv.Key).Line
		h, known := handlers[key]
		if !known {
			r.Add(mv.Key, field, "%s", r.unknown(key, handlers))
			continue
		}
		if nn, isNull := mv.Value.(*ast.NullNode); isNull && nn.Token != nil && nn.Token.Type == token.ImplicitNullType {
			r.placeNull(mv.Value, r.Pos(mv.Key))
		}
		h(mv.Value, field)
	}
	for _, k := range required {
		if _, seen := firstAt[k]; !seen {
			r.Add(n, JoinPath(path, k), "required field is missing")
		}
	}
	return true
}

// Entries are a mapping's key-value pairs (a one-key mapping is parsed as
// the pair alone), or false when n is not a mapping.
func Entries(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

func (r *Reader) unknown(key string, handlers map[string]func(ast.Node, string)) string {
	known := make([]string, 0, len(handlers))
	for k := range handlers {
		known = append(known, k)
	}
	slices.Sort(known)
	if r.UnknownKey != nil {
		return r.UnknownKey(key, known)
	}
	return "unknown field" + Suggest(key, known)
}

// placeNull gives an implicit null, which has no token of its own, the
// place of its key or list dash.
func (r *Reader) placeNull(n ast.Node, at Pos) {
	if r.nulls == nil {
		r.nulls = map[ast.Node]Pos{}
	}
	r.nulls[n] = at
}

// IsMissing tells a key written with no value ("sound:") or a list entry
// with none ("-").
func (r *Reader) IsMissing(n ast.Node) bool {
	_, ok := r.nulls[n]
	return ok
}

// keyText is a mapping key as text, if it is a scalar.
func keyText(k ast.Node) (string, bool) {
	switch v := k.(type) {
	case *ast.MappingKeyNode: // "? key"
		if v.Value == nil {
			return "", false
		}
		return keyText(v.Value)
	case *ast.TagNode:
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
	return strconv.Quote(Truncate(k, 40))
}

// JoinPath is a field path one key deeper: "routines[0]" + "name".
func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// List walks a sequence of at most limit entries; what names the entries
// in the message when there are too many.
func (r *Reader) List(n ast.Node, path string, limit int, what string, each func(ast.Node, string)) {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		r.Add(n, path, "must be a list, found %s", Describe(n))
		return
	}
	if len(seq.Values) > limit {
		r.Add(n, path, "has %d %s; at most %d are allowed", len(seq.Values), what, limit)
		return
	}
	for i, item := range seq.Values {
		if nn, isNull := item.(*ast.NullNode); isNull && nn.Token != nil && nn.Token.Type == token.ImplicitNullType &&
			i < len(seq.Entries) && seq.Entries[i] != nil && seq.Entries[i].Start != nil {
			r.placeNull(item, TokenPos(seq.Entries[i].Start))
		}
		each(item, fmt.Sprintf("%s[%d]", path, i))
	}
}

// RawText is a scalar's text as written, or false (and a problem) if n is
// not a scalar.
func (r *Reader) RawText(n ast.Node, path string) (string, bool) {
	switch v := unwrap(n).(type) {
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
	r.Add(n, path, "must be text, found %s", Describe(n))
	return "", false
}

// Text is a scalar cleaned for display (Clean), at most maxLen characters.
func (r *Reader) Text(n ast.Node, path string, maxLen int) string {
	s, ok := r.RawText(n, path)
	if !ok {
		return ""
	}
	s = Clean(s)
	if c := utf8.RuneCountInString(s); c > maxLen {
		r.Add(n, path, "is %d characters long; at most %d", c, maxLen)
	}
	return s
}

// Boolean is a true or false; for "yes", "off" and the like, and for a
// quoted "true", the message says what to write.
func (r *Reader) Boolean(n ast.Node, path string) (value, ok bool) {
	v := unwrap(n)
	if b, isBool := v.(*ast.BoolNode); isBool {
		return b.Value, true
	}
	hint := ""
	if sn, isText := v.(*ast.StringNode); isText {
		want := ""
		switch strings.ToLower(strings.TrimSpace(sn.Value)) {
		case "true", "yes", "y", "on":
			want = "true"
		case "false", "no", "n", "off":
			want = "false"
		}
		if want != "" {
			hint = fmt.Sprintf(" (write %s)", want)
			if t := sn.GetToken(); t != nil && (t.Type == token.DoubleQuoteType || t.Type == token.SingleQuoteType) {
				hint = fmt.Sprintf(" (write %s, without quotes)", want)
			}
		}
	}
	r.Add(n, path, "must be true or false, found %s%s", Describe(n), hint)
	return false, false
}

// Integer is a whole number from lo to hi; lo when it is not.
func (r *Reader) Integer(n ast.Node, path string, lo, hi int) int {
	in, ok := unwrap(n).(*ast.IntegerNode)
	if !ok {
		r.Add(n, path, "must be a whole number, found %s", Describe(n))
		return lo
	}
	raw := in.GetToken().Value
	v, err := strconv.Atoi(raw)
	if err != nil || v < lo || v > hi {
		r.Add(n, path, "must be from %d to %d, found %s", lo, hi, Shorten(raw))
		return lo
	}
	return v
}

// DurationText is the text of a value written as a duration: a bare
// number or text, to be read by ParseDuration.
func DurationText(n ast.Node) (string, bool) {
	switch v := unwrap(n).(type) {
	case *ast.IntegerNode:
		return v.GetToken().Value, true
	case *ast.StringNode:
		return v.Value, true
	}
	return "", false
}

// String is n as a text value, if it is one (quoted or not).
func String(n ast.Node) (string, bool) {
	sn, ok := unwrap(n).(*ast.StringNode)
	if !ok {
		return "", false
	}
	return sn.Value, true
}
