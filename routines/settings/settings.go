// Package config reads cooldown's settings file,
// $XDG_CONFIG_HOME/cooldown/config.yaml (usually ~/.config/cooldown/config.yaml).
//
// The file is optional, and so is every key in it: a setting the file does
// not give keeps its default, and a command-line flag overrides the file. An
// empty file, or one with only comments, means "all defaults".
//
// The file is read as strictly as a routine file. An unknown key, a value of
// the wrong type, a bad or out-of-range duration, a key given twice, YAML
// anchors and aliases, and text that is not UTF-8 are all errors that name
// file:line:col and the key, and every problem in the file is reported at
// once.
//
// The file with every setting at its default:
//
//	sound: true          # terminal bell at each cue
//	voice: false         # speak the cues
//	voice_command: ""    # "" = the first found of say, spd-say, espeak-ng
//	auto_advance: true   # move on to the next step by itself
//	get_ready: 10s       # countdown before each step, 0s to 60s
//	switch_gap: 10s      # pause to change sides, 0s to 30s
//	units: ml            # ml or floz
//
// The settings:
//
//   - sound: true or false; default true. Ring the terminal bell at each
//     cue: get ready, switch sides, step done.
//   - voice: true or false; default false. Speak each cue ("Switch sides.")
//     with the program named by voice_command.
//   - voice_command: the program that speaks; default "" (empty), which means
//     the first of say, spd-say and espeak-ng that is installed. Otherwise a
//     program name or path, optionally followed by arguments, e.g.
//     "espeak-ng -s 150". It is split on spaces and run directly, not
//     through a shell, with the text to speak added as the last argument, so
//     quotes, $, |, ;, &, <, > and ` are not allowed. At most 256 characters.
//   - auto_advance: true or false; default true. Move on to the next step
//     when a hold ends. With false, cooldown waits for a key between steps.
//   - get_ready: a duration from 0s to 60s; default 10s. The countdown before
//     each step to get into position (5 s more before a foam-roll step, to
//     get onto the roller); 0s turns it off. Write whole seconds
//     as 10s, 1m or a bare number of seconds (10).
//   - switch_gap: a duration from 0s to 30s; default 10s. The pause between
//     the left and right side (and between reps) of a per-side exercise.
//     Written like get_ready.
//   - units: ml or floz; default ml. How the hydration step gives the amount
//     to drink: millilitres (ml) or US fluid ounces (floz). Exactly these
//     two spellings; "fl oz", "oz" and the like are errors that suggest
//     floz.
package settings

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/cooldown-app/cooldown/routines"
)

// Units values.
const (
	Millilitres = string(routines.Millilitres) // "ml"
	FluidOunces = string(routines.FluidOunces) // "floz"
)

// Limits. Settings are a handful of scalars, so these are tight: a file
// beyond them is not a settings file and must not cost time to reject.
const (
	MaxFileBytes    = 64 << 10 // 64 KiB
	MaxGetReady     = 60 * time.Second
	MaxSwitch       = 30 * time.Second
	maxCommandLen   = 256
	maxTokens       = 2000 // YAML tokens, comments not counted
	maxFlowNesting  = 16   // [ and { inside each other
	maxIndicatorCol = 128  // a -, ? or : further right is nested too deeply
	maxProblems     = 50
)

// Settings are the user's choices, from the settings file or defaults.
type Settings struct {
	Sound        bool          // terminal bell cues; default true
	Voice        bool          // spoken cues; default false
	VoiceCommand string        // "" = the first found of say, spd-say, espeak-ng; else a command and arguments
	AutoAdvance  bool          // move on after each hold; default true
	GetReady     time.Duration // countdown before each step; 0..60s, whole seconds; default 10s
	Switch       time.Duration // gap between sides; 0..30s, whole seconds; default 10s
	Units        string        // Millilitres (default) or FluidOunces
}

// Defaults are the settings when there is no file or the file gives none.
func Defaults() Settings {
	t := routines.DefaultTiming()
	return Settings{
		Sound:       true,
		AutoAdvance: true,
		GetReady:    t.GetReady,
		Switch:      t.Switch,
		Units:       Millilitres,
	}
}

// Path is where the settings file lives under configHome (xdg.ConfigHome).
func Path(configHome string) string {
	return filepath.Join(configHome, "cooldown", "config.yaml")
}

// Timing is the get-ready and switch gaps for the session and for totals.
func (s Settings) Timing() routines.Timing {
	return routines.Timing{GetReady: s.GetReady, Switch: s.Switch, RollExtra: routines.DefaultTiming().RollExtra}
}

// Load reads the settings file at path. A missing file gives Defaults() and
// no error. Problems in the file are a routines.Problems holding every one,
// each with file:line:col. A file that cannot be read (a directory, a
// dangling symbolic link, no permission, over 64 KiB) is an error naming it.
// On any error the Settings returned are Defaults().
func Load(path string) (Settings, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, lerr := os.Lstat(path); lerr == nil {
				target, _ := os.Readlink(path)
				return Defaults(), fmt.Errorf("settings file %s is a symbolic link to %s, which does not exist", path, target)
			}
			return Defaults(), nil
		}
		return Defaults(), fileError(path, err)
	}
	switch {
	case fi.IsDir():
		return Defaults(), fmt.Errorf("settings file %s is a directory, not a file", path)
	case !fi.Mode().IsRegular():
		return Defaults(), fmt.Errorf("settings file %s is not a regular file", path)
	case fi.Size() > MaxFileBytes:
		return Defaults(), tooBig(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Defaults(), fileError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return Defaults(), fileError(path, err)
	}
	if len(data) > MaxFileBytes {
		return Defaults(), tooBig(path)
	}
	return Parse(path, data)
}

func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("settings file %s: %w", path, err)
}

func tooBig(path string) error {
	return fmt.Errorf("settings file %s is larger than 64 KiB; is it the right file?", path)
}

// Parse reads settings strictly from data; name is the file name used in
// problems. Every problem found is returned together as routines.Problems,
// and the Settings returned are then Defaults().
func Parse(name string, data []byte) (Settings, error) {
	d := &decoder{file: name}
	s := d.parse(data)
	if len(d.probs) > 0 {
		slices.SortStableFunc(d.probs, func(a, b routines.Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		if n := len(d.probs); n > maxProblems {
			d.probs = append(d.probs[:maxProblems], routines.Problem{File: name,
				Msg: fmt.Sprintf("%d more problems not shown; is this a settings file?", n-maxProblems)})
		}
		return Defaults(), d.probs
	}
	return s, nil
}

// setting is one key of the file: how to read it and how to show it.
type setting struct {
	key  string
	want string // what to write, for "has no value"
	read func(d *decoder, n ast.Node, key string, s *Settings)
	show func(s Settings) string
}

var settings = []setting{
	{"sound", "true or false",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.boolean(n, k, &s.Sound) },
		func(s Settings) string { return strconv.FormatBool(s.Sound) }},
	{"voice", "true or false",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.boolean(n, k, &s.Voice) },
		func(s Settings) string { return strconv.FormatBool(s.Voice) }},
	{"voice_command", "a command such as espeak-ng, or \"\" to use the first found of say, spd-say, espeak-ng",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.command(n, k, &s.VoiceCommand) },
		func(s Settings) string {
			if s.VoiceCommand == "" {
				return `""`
			}
			return s.VoiceCommand
		}},
	{"auto_advance", "true or false",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.boolean(n, k, &s.AutoAdvance) },
		func(s Settings) string { return strconv.FormatBool(s.AutoAdvance) }},
	{"get_ready", "a duration from 0s to 60s, such as 5s",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.duration(n, k, MaxGetReady, &s.GetReady) },
		func(s Settings) string { return seconds(s.GetReady) }},
	{"switch_gap", "a duration from 0s to 30s, such as 5s",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.duration(n, k, MaxSwitch, &s.Switch) },
		func(s Settings) string { return seconds(s.Switch) }},
	{"units", "ml or floz",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.units(n, k, &s.Units) },
		func(s Settings) string { return s.Units }},
}

// Keys are the settings file's keys, in the order they are documented.
func Keys() []string {
	out := make([]string, len(settings))
	for i, st := range settings {
		out[i] = st.key
	}
	return out
}

// Describe returns one line per setting, "key: value (default)" or
// "key: value (from file)", in the file's syntax. It is meant for settings
// as loaded, before flags are applied: a value is labelled "default" when it
// equals the default, even if the file spells it out.
func (s Settings) Describe() []string {
	def := Defaults()
	out := make([]string, len(settings))
	for i, st := range settings {
		v, origin := st.show(s), "from file"
		if v == st.show(def) {
			origin = "default"
		}
		out[i] = fmt.Sprintf("%s: %s (%s)", st.key, v, origin)
	}
	return out
}

// VoiceCandidates are the programs tried, in order, when VoiceCommand is "".
func VoiceCandidates() []string { return []string{"say", "spd-say", "espeak-ng"} }

// VoiceArgs is the program (resolved by lookPath, normally exec.LookPath)
// and leading arguments that speak a cue. The caller appends the text as
// the last argument and runs it without a shell.
func (s Settings) VoiceArgs(lookPath func(string) (string, error)) ([]string, error) {
	if f := strings.Fields(s.VoiceCommand); len(f) > 0 {
		p, err := lookPath(f[0])
		if err != nil {
			return nil, fmt.Errorf("voice_command %q: program %s not found", s.VoiceCommand, f[0])
		}
		return append([]string{p}, f[1:]...), nil
	}
	for _, c := range VoiceCandidates() {
		if p, err := lookPath(c); err == nil {
			return []string{p}, nil
		}
	}
	return nil, errors.New("no speech program found (looked for say, spd-say and espeak-ng); install one, or set voice_command in the settings file")
}

type decoder struct {
	file  string
	probs routines.Problems
}

func (d *decoder) add(n ast.Node, field, format string, args ...any) {
	line, col := position(n)
	d.addAt(line, col, field, format, args...)
}

func (d *decoder) addAt(line, col int, field, format string, args ...any) {
	d.probs = append(d.probs, routines.Problem{File: d.file, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func position(n ast.Node) (line, col int) {
	if n == nil {
		return 0, 0
	}
	if t := n.GetToken(); t != nil && t.Position != nil {
		return t.Position.Line, t.Position.Column
	}
	return 0, 0
}

var utf8BOM = []byte("\xEF\xBB\xBF")

func (d *decoder) parse(data []byte) Settings {
	s := Defaults()
	if len(data) > MaxFileBytes {
		d.addAt(0, 0, "", "file is %d bytes; the settings file may be at most %d (64 KiB)", len(data), MaxFileBytes)
		return s
	}
	if !utf8.Valid(data) {
		line, col := routines.FirstInvalidUTF8(data)
		d.addAt(line, col, "", "file is not valid UTF-8 text")
		return s
	}
	if len(data) >= len(utf8BOM) && string(data[:len(utf8BOM)]) == string(utf8BOM) {
		data = data[len(utf8BOM):]
	}
	tokens := lexer.Tokenize(string(data))
	if !d.simple(tokens) {
		return s
	}
	af, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		d.syntax(err)
		return s
	}
	if len(af.Docs) == 0 {
		return s
	}
	if len(af.Docs) > 1 {
		doc := af.Docs[1]
		if doc.Start != nil && doc.Start.Position != nil {
			d.addAt(doc.Start.Position.Line, doc.Start.Position.Column, "", "only one YAML document is allowed in the settings file")
		} else {
			d.add(doc.Body, "", "only one YAML document is allowed in the settings file")
		}
	}
	body := af.Docs[0].Body
	if body == nil {
		return s // empty, or only comments: defaults
	}
	var values []*ast.MappingValueNode
	switch m := unwrap(body).(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.add(body, "", "the settings file must be a mapping of keys to values, such as \"sound: false\"; found %s", describe(body))
		return s
	}
	byKey := map[string]setting{}
	for _, st := range settings {
		byKey[st.key] = st
	}
	firstAt := map[string]int{}
	for _, mv := range values {
		if bad := findAlias(mv); bad != nil {
			d.add(bad, fieldName(keyOf(mv)), "anchors, aliases and merge keys are not allowed in the settings file")
			continue
		}
		key := keyOf(mv)
		field := fieldName(key)
		line, _ := position(mv.Key)
		if first, dup := firstAt[key]; dup {
			d.add(mv.Key, field, "is given twice (first on line %d); keep one", first)
			continue
		}
		firstAt[key] = line
		st, known := byKey[key]
		if !known {
			if hint := suggestKey(key); hint != "" {
				d.add(mv.Key, field, "unknown setting (did you mean %q?)", hint)
			} else {
				d.add(mv.Key, field, "unknown setting; the settings are %s", strings.Join(Keys(), ", "))
			}
			continue
		}
		if null, ok := mv.Value.(*ast.NullNode); ok && null.GetToken() != nil && null.GetToken().Type == token.ImplicitNullType {
			d.add(mv.Key, field, "has no value; write %s", st.want)
			continue
		}
		st.read(d, mv.Value, key, &s)
	}
	return s
}

// simple rejects, cheaply and before parsing, files whose structure no
// settings file has: the YAML parser takes quadratic time on deep nesting.
func (d *decoder) simple(tokens token.Tokens) bool {
	n, depth := 0, 0
	for _, t := range tokens {
		if t.Type == token.CommentType {
			continue
		}
		if n++; n > maxTokens {
			d.addAt(t.Position.Line, t.Position.Column, "", "file holds far more than a settings file does (over %d YAML elements)", maxTokens)
			return false
		}
		switch t.Type {
		case token.SequenceStartType, token.MappingStartType:
			if depth++; depth > maxFlowNesting {
				d.addAt(t.Position.Line, t.Position.Column, "", "nesting is deeper than %d levels", maxFlowNesting)
				return false
			}
		case token.SequenceEndType, token.MappingEndType:
			depth = max(depth-1, 0)
		case token.SequenceEntryType, token.MappingKeyType, token.MappingValueType:
			if t.Position.Column > maxIndicatorCol {
				d.addAt(t.Position.Line, t.Position.Column, "", "nesting is too deep, or a key is too long, for a settings file")
				return false
			}
		}
	}
	return true
}

func (d *decoder) syntax(err error) {
	type located interface {
		GetToken() *token.Token
		GetMessage() string
	}
	var le located
	if errors.As(err, &le) && le.GetToken() != nil && le.GetToken().Position != nil {
		pos := le.GetToken().Position
		d.addAt(pos.Line, pos.Column, "", "YAML syntax: %s", le.GetMessage())
		return
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	d.addAt(0, 0, "", "YAML syntax: %s", msg)
}

func keyOf(mv *ast.MappingValueNode) string {
	if mv.Key == nil {
		return ""
	}
	if t := mv.Key.GetToken(); t != nil {
		return t.Value
	}
	return ""
}

// fieldName is a key as it may be shown: quoted when it holds characters
// that must not reach the terminal, and cut short when long.
func fieldName(key string) string {
	if utf8.RuneCountInString(key) > 40 {
		key = string([]rune(key)[:40]) + "…"
	}
	if key == "" || routines.Clean(key) != key {
		return strconv.Quote(key)
	}
	return key
}

func (d *decoder) boolean(n ast.Node, key string, dst *bool) {
	v := unwrap(n)
	if b, ok := v.(*ast.BoolNode); ok {
		*dst = b.Value
		return
	}
	hint := ""
	if sn, ok := v.(*ast.StringNode); ok {
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
	d.add(n, key, "must be true or false, found %s%s", describe(n), hint)
}

func (d *decoder) command(n ast.Node, key string, dst *string) {
	sn, ok := unwrap(n).(*ast.StringNode)
	if !ok {
		hint := ""
		if _, null := unwrap(n).(*ast.NullNode); null {
			hint = `; write "" (or leave the key out) to use the first found of say, spd-say, espeak-ng`
		}
		d.add(n, key, "must be a command such as espeak-ng or \"espeak-ng -s 150\", found %s%s", describe(n), hint)
		return
	}
	cmd := strings.TrimSpace(sn.Value)
	switch {
	case utf8.RuneCountInString(cmd) > maxCommandLen:
		d.add(n, key, "is %d characters long; at most %d", utf8.RuneCountInString(cmd), maxCommandLen)
	case strings.ContainsFunc(cmd, func(r rune) bool { return r != ' ' && routines.Clean(string(r)) != string(r) }):
		d.add(n, key, "must not contain tabs, new lines or control characters")
	case strings.ContainsAny(cmd, "\"'`$|;&<>"):
		d.add(n, key, "is run directly, not through a shell: quotes and the characters $ | ; & < > ` are not understood; write the program and its arguments separated by spaces")
	default:
		*dst = cmd
	}
}

func (d *decoder) duration(n ast.Node, key string, limit time.Duration, dst *time.Duration) {
	var raw string
	switch v := unwrap(n).(type) {
	case *ast.IntegerNode:
		raw = v.GetToken().Value
	case *ast.StringNode:
		raw = v.Value
	default:
		d.add(n, key, "must be a duration in whole seconds from 0s to %s, such as 5s, 10 or 1m; found %s", seconds(limit), describe(n))
		return
	}
	dur, err := parseSeconds(raw)
	if err != nil {
		d.add(n, key, "%v", err)
		return
	}
	if dur < 0 || dur > limit {
		d.add(n, key, "must be from 0s to %s, found %s", seconds(limit), shorten(strings.TrimSpace(raw)))
		return
	}
	*dst = dur
}

// parseSeconds reads "5s", "1m", "1m30s" or a bare number of seconds. Only
// seconds and minutes are understood, and only whole seconds.
func parseSeconds(raw string) (time.Duration, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0, errors.New("is empty; write a number of seconds such as 5 or 5s")
	}
	const far = 24 * 60 * 60 // out of any range, without overflowing
	if n, err := strconv.Atoi(s); err == nil {
		return time.Duration(min(max(n, -far), far)) * time.Second, nil
	} else if errors.Is(err, strconv.ErrRange) {
		if strings.HasPrefix(s, "-") {
			return -far * time.Second, nil
		}
		return far * time.Second, nil
	}
	dur, err := time.ParseDuration(s)
	if err != nil || strings.ContainsAny(s, "hµnu") || strings.Contains(s, "ms") {
		return 0, fmt.Errorf("bad duration %q: write seconds or minutes, such as 5s, 10 or 1m", shorten(s))
	}
	if dur%time.Second != 0 {
		return 0, fmt.Errorf("duration %q must be whole seconds", s)
	}
	return dur, nil
}

func seconds(d time.Duration) string {
	return strconv.FormatInt(int64(d/time.Second), 10) + "s"
}

func (d *decoder) units(n ast.Node, key string, dst *string) {
	sn, ok := unwrap(n).(*ast.StringNode)
	if ok && (sn.Value == Millilitres || sn.Value == FluidOunces) {
		*dst = sn.Value
		return
	}
	hint := ""
	if ok {
		if u := unitAliases[normalize(sn.Value, "")]; u != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", u)
		}
	}
	d.add(n, key, "must be ml or floz, found %s%s", describe(n), hint)
}

// unitAliases, by normalize(s, ""), are spellings that get a did-you-mean.
var unitAliases = map[string]string{
	"ml": "ml", "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml", "metric": "ml",
	"floz": "floz", "oz": "floz", "ounce": "floz", "ounces": "floz", "fluidounce": "floz", "fluidounces": "floz",
	"usfloz": "floz", "imperial": "floz", "us": "floz",
}

// keyAliases, by normalize(key, "_"), are other names people give settings.
var keyAliases = map[string]string{
	"bell": "sound", "beep": "sound", "sounds": "sound", "audio": "sound",
	"speech": "voice", "speak": "voice", "tts": "voice",
	"voice_cmd": "voice_command", "voice_program": "voice_command", "speech_command": "voice_command",
	"tts_command": "voice_command", "say_command": "voice_command",
	"auto": "auto_advance", "autoadvance": "auto_advance", "auto_next": "auto_advance",
	"getready": "get_ready", "get_ready_seconds": "get_ready", "ready": "get_ready", "countdown": "get_ready",
	"switch": "switch_gap", "switch_time": "switch_gap", "switch_seconds": "switch_gap", "switchgap": "switch_gap",
	"side_gap": "switch_gap", "gap": "switch_gap",
	"unit": "units", "measure": "units", "volume": "units",
}

// normalize lowercases s and keeps letters and digits, joined by sep where
// anything else stood.
func normalize(s, sep string) string {
	var b strings.Builder
	pending := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if pending && b.Len() > 0 {
				b.WriteString(sep)
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		pending = true
	}
	return b.String()
}

// suggestKey is the known key an unknown one most likely meant, or "".
func suggestKey(key string) string {
	norm := normalize(key, "_")
	if a, ok := keyAliases[norm]; ok {
		return a
	}
	if best, ok := routines.Closest(norm, Keys()); ok {
		return best
	}
	return ""
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
	switch v := unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.BoolNode:
		return "true/false"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number " + shorten(v.GetToken().Value)
	case *ast.StringNode:
		return strconv.Quote(shorten(v.Value))
	case *ast.LiteralNode:
		return "a block of text"
	default:
		if t := v.GetToken(); t != nil {
			return strconv.Quote(shorten(t.Value))
		}
		return "something else"
	}
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// findAlias returns the first anchor, alias or merge key under n. They are
// refused: a settings file never needs them, and they are how "billion
// laughs" files blow up memory.
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
