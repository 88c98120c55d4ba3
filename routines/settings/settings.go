package settings

import (
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

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/safefile"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Units values.
const (
	Millilitres = string(routines.Millilitres) // "ml"
	FluidOunces = string(routines.FluidOunces) // "floz"
)

// Limits. Settings are a handful of scalars, so these are tight: a file
// beyond them is not a settings file and must not cost time to reject.
const (
	MaxFileBytes  = 64 << 10 // 64 KiB
	MaxGetReady   = 60 * time.Second
	MaxSwitch     = 30 * time.Second
	maxCommandLen = 256
	maxMarks      = 5000 // lines, colons, dashes, brackets...: far more than any settings file
	maxNesting    = 16
	maxFields     = 500 // keys in one mapping: past the 7 settings, only so many to report
	maxProblems   = 50
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
	Breathing    string        // the breathing pattern id; default routines.DefaultBreathing
	BreathBell   bool          // a bell at each change of the breathing pacer; default false
	Theme        string        // ThemeAuto (default), ThemeLight or ThemeDark
	Figure       string        // FigurePose (default), FigureBodyMap or FigureNone
	// Kit is what the person has to hand (a foam roller, a strap...);
	// nil until they say, and then routines run as written.
	Kit *routines.Kit
}

// Theme values: follow the terminal, or force a palette.
const (
	ThemeAuto  = "auto"
	ThemeLight = "light"
	ThemeDark  = "dark"
)

// Figure values: what the session screen shows beside the countdown.
const (
	FigurePose    = "pose"
	FigureBodyMap = "bodymap"
	FigureNone    = "none"
)

// Figures lists the figure values in the order the f key cycles them.
func Figures() []string { return []string{FigurePose, FigureBodyMap, FigureNone} }

// Defaults are the settings when there is no file or the file gives none.
func Defaults() Settings {
	t := routines.DefaultTiming()
	return Settings{
		Sound:       true,
		AutoAdvance: true,
		GetReady:    t.GetReady,
		Switch:      t.Switch,
		Units:       Millilitres,
		Figure:      FigurePose,
		Breathing:   routines.DefaultBreathing,
		Theme:       ThemeAuto,
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
	// Checked again on the opened file, opened without blocking: the path
	// may have been swapped for a FIFO since the check above.
	f, _, err := safefile.Open(path)
	if errors.Is(err, safefile.ErrNotRegular) {
		return Defaults(), fmt.Errorf("settings file %s is not a regular file", path)
	}
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
	d := &decoder{Reader: strictyaml.NewReader(name, fileLimits)}
	d.UnknownKey = func(key string, _ []string) string {
		if hint := suggestKey(key); hint != "" {
			return fmt.Sprintf("unknown setting (did you mean %q?)", hint)
		}
		return "unknown setting; the settings are " + strings.Join(Keys(), ", ")
	}
	s := d.parseSafely(data)
	if ps := d.Problems(); ps != nil {
		return Defaults(), ps
	}
	return s, nil
}

// fileLimits are the strict reader's limits for the settings file: a
// handful of scalars, so tight; a file beyond them is not a settings file
// and must not cost time to refuse.
var fileLimits = strictyaml.Limits{
	Noun: "the settings file", Kind: "a settings file",
	MaxBytes: MaxFileBytes, SizeName: "64 KiB", MaxMarks: maxMarks,
	MaxNesting: maxNesting, MaxFields: maxFields, MaxProblems: maxProblems,
	AllowTags: true, // "sound: !!bool false" is plain YAML that some editors write
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
	{"get_ready", "a duration of 0–60 s, such as 5s",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.duration(n, k, MaxGetReady, &s.GetReady) },
		func(s Settings) string { return seconds(s.GetReady) }},
	{"switch_gap", "a duration of 0–30 s, such as 5s",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.duration(n, k, MaxSwitch, &s.Switch) },
		func(s Settings) string { return seconds(s.Switch) }},
	{"units", "ml or floz",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.units(n, k, &s.Units) },
		func(s Settings) string { return s.Units }},
	{"breathing", "slow, box, box-3 or sigh",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.breathing(n, k, &s.Breathing) },
		func(s Settings) string { return s.Breathing }},
	{"breathing_bell", "true or false",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.boolean(n, k, &s.BreathBell) },
		func(s Settings) string { return strconv.FormatBool(s.BreathBell) }},
	{"figure", "pose, bodymap or none",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.figure(n, k, &s.Figure) },
		func(s Settings) string { return s.Figure }},
	{"theme", "auto, light or dark",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.theme(n, k, &s.Theme) },
		func(s Settings) string { return s.Theme }},
	{"kit", "a list such as [roller, strap], or none, or all",
		func(d *decoder, n ast.Node, k string, s *Settings) { d.kit(n, k, &s.Kit) },
		func(s Settings) string {
			if s.Kit == nil {
				return "all" // not asked yet: routines run as written
			}
			return kitValue(*s.Kit)
		}},
}

// kitValue is a kit as the settings file writes it: "none", "all" or a
// list such as "[roller, strap]".
func kitValue(k routines.Kit) string {
	if l := k.List(); len(l) == 1 && (l[0] == "none" || l[0] == "all") {
		return l[0]
	}
	return "[" + strings.Join(k.List(), ", ") + "]"
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
		// The kit line written "kit: all" reads as the default's "all", but
		// is an answer: the picker no longer asks.
		if v == st.show(def) && (st.key != "kit" || s.Kit == nil) {
			origin = "default"
		}
		if st.key == "kit" && s.Kit == nil {
			origin = "default: not asked yet, routines run as written; the picker asks once"
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
	*strictyaml.Reader
}

func (d *decoder) parseSafely(data []byte) Settings {
	defer d.Recover()
	return d.parse(data)
}

func (d *decoder) parse(data []byte) Settings {
	s := Defaults()
	body, ok := d.Read(data)
	if !ok || body == nil {
		return s // a nil body is an empty file, or only comments: defaults
	}
	handlers := map[string]func(ast.Node, string){}
	for _, st := range settings {
		handlers[st.key] = func(v ast.Node, key string) {
			if d.IsMissing(v) {
				d.Add(v, key, "has no value; write %s", st.want)
				return
			}
			st.read(d, v, key, &s)
		}
	}
	switch body.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.TagNode:
		d.Fields(body, "", handlers, nil)
	default:
		d.Add(body, "", "the settings file must be a mapping of keys to values, such as \"sound: false\"; found %s", strictyaml.Describe(body))
	}
	return s
}

// kit reads what the person has: a list of tools, or one word (none, all)
// or a comma-separated line.
func (d *decoder) kit(n ast.Node, key string, dst **routines.Kit) {
	var words []string
	if _, isList := n.(*ast.SequenceNode); isList {
		d.List(n, key, 2*len(routines.Tools()), "items", func(item ast.Node, ip string) {
			if w, ok := d.RawText(item, ip); ok {
				words = append(words, w)
			}
		})
	} else if w, ok := d.RawText(n, key); ok {
		words = []string{w}
	}
	if d.Count() > 0 && len(words) == 0 {
		return
	}
	k, err := routines.ParseKit(words)
	if err != nil {
		d.Add(n, key, "%v", err)
		return
	}
	*dst = &k
}

func (d *decoder) boolean(n ast.Node, key string, dst *bool) {
	if v, ok := d.Boolean(n, key); ok {
		*dst = v
	}
}

func (d *decoder) command(n ast.Node, key string, dst *string) {
	v, ok := strictyaml.String(n)
	if !ok {
		hint := ""
		if _, null := n.(*ast.NullNode); null {
			hint = `; write "" (or leave the key out) to use the first found of say, spd-say, espeak-ng`
		}
		d.Add(n, key, "must be a command such as espeak-ng or \"espeak-ng -s 150\", found %s%s", strictyaml.Describe(n), hint)
		return
	}
	cmd := strings.TrimSpace(v)
	switch {
	case utf8.RuneCountInString(cmd) > maxCommandLen:
		d.Add(n, key, "is %d characters long; at most %d", utf8.RuneCountInString(cmd), maxCommandLen)
	case strings.ContainsFunc(cmd, func(r rune) bool { return r != ' ' && strictyaml.Clean(string(r)) != string(r) }):
		d.Add(n, key, "must not contain tabs, new lines or control characters")
	case strings.ContainsAny(cmd, "\"'`$|;&<>"):
		d.Add(n, key, "is run directly, not through a shell: quotes and the characters $ | ; & < > ` are not understood; write the program and its arguments separated by spaces")
	default:
		*dst = cmd
	}
}

// duration is a gap in the one duration grammar, from 0s to limit.
func (d *decoder) duration(n ast.Node, key string, limit time.Duration, dst *time.Duration) {
	raw, ok := strictyaml.DurationText(n)
	if !ok {
		d.Add(n, key, "must be a duration of %s in whole seconds, such as 5s, 10 or 1m; found %s", Limit(limit), strictyaml.Describe(n))
		return
	}
	dur, err := Gap(raw, limit)
	if err != nil {
		d.Add(n, key, "%v", err)
		return
	}
	*dst = dur
}

// Gap reads a get-ready or switch gap ("5s", "10", "1m") from 0 s to limit,
// for the settings file and the command-line flags alike.
func Gap(raw string, limit time.Duration) (time.Duration, error) {
	dur, err := strictyaml.ParseDuration(raw)
	if err != nil {
		return 0, err
	}
	if dur < 0 || dur > limit {
		return 0, fmt.Errorf("must be %s, found %s", Limit(limit), strictyaml.Shorten(strings.TrimSpace(raw)))
	}
	return dur, nil
}

// Limit is a gap's range as messages print it: "0–60 s".
func Limit(limit time.Duration) string {
	return fmt.Sprintf("0–%d s", int(limit/time.Second))
}

func seconds(d time.Duration) string { return strictyaml.Seconds(d) }

func (d *decoder) units(n ast.Node, key string, dst *string) {
	v, ok := strictyaml.String(n)
	if ok && (v == Millilitres || v == FluidOunces) {
		*dst = v
		return
	}
	hint := ""
	if ok {
		if u := unitAliases[normalize(v, "")]; u != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", u)
		}
	}
	d.Add(n, key, "must be ml or floz, found %s%s", strictyaml.Describe(n), hint)
}

func (d *decoder) theme(n ast.Node, key string, dst *string) {
	v, ok := strictyaml.String(n)
	themes := []string{ThemeAuto, ThemeLight, ThemeDark}
	if ok && slices.Contains(themes, v) {
		*dst = v
		return
	}
	hint := ""
	if ok {
		hint = strictyaml.Suggest(strings.ToLower(strings.TrimSpace(v)), themes)
	}
	d.Add(n, key, "must be auto, light or dark, found %s%s", strictyaml.Describe(n), hint)
}

func (d *decoder) figure(n ast.Node, key string, dst *string) {
	v, ok := strictyaml.String(n)
	if ok {
		for _, f := range Figures() {
			if v == f {
				*dst = v
				return
			}
		}
	}
	hint := ""
	if b, isBool := n.(*ast.BoolNode); isBool && !b.Value {
		v, ok = "none", true // figure: false
	}
	if ok {
		if f := figureAliases[normalize(v, "")]; f != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", f)
		}
	}
	d.Add(n, key, "must be pose, bodymap or none, found %s%s", strictyaml.Describe(n), hint)
}

// figureAliases, by normalize(s, ""), are spellings that get a did-you-mean.
var figureAliases = map[string]string{
	"pose": "pose", "poses": "pose", "stickfigure": "pose", "figure": "pose", "picture": "pose",
	"bodymap": "bodymap", "map": "bodymap", "body": "bodymap", "areas": "bodymap",
	"none": "none", "off": "none", "no": "none", "hidden": "none", "false": "none",
}

func (d *decoder) breathing(n ast.Node, key string, dst *string) {
	v, ok := strictyaml.String(n)
	if !ok {
		d.Add(n, key, "must be one of %s, found %s", strings.Join(routines.BreathPatternIDs(), ", "), strictyaml.Describe(n))
		return
	}
	id, err := Breathing(v)
	if err != nil {
		d.Add(n, key, "%v", err)
		return
	}
	*dst = id
}

// Breathing reads a breathing pattern id for the settings file and the
// --breathing flag alike; a few other names of the patterns ("4-4-4-4",
// "breathe-sigh") are understood too.
func Breathing(raw string) (string, error) {
	id := strings.TrimSpace(raw)
	if a, ok := breathingAliases[normalize(id, "-")]; ok {
		id = a
	}
	if _, err := routines.LookupBreathing(id); err != nil {
		return "", err
	}
	return id, nil
}

// breathingAliases, by normalize(s, "-"), are other names of the patterns.
var breathingAliases = map[string]string{
	"breathe-slow": "slow", "breathe-box": "box", "breathe-sigh": "sigh", "4-6": "slow", "4-4-4-4": "box", "3-3-3-3": "box-3",
	"physiological-sigh": "sigh", "square": "box",
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
	"figures": "figure", "pose": "figure", "poses": "figure", "body_map": "figure", "bodymap": "figure",
	"breath": "breathing", "breathing_pattern": "breathing", "pattern": "breathing", "breath_pattern": "breathing",
	"pacer": "breathing", "breath_bell": "breathing_bell", "breathing_bells": "breathing_bell", "pacer_bell": "breathing_bell",
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
	if best, ok := strictyaml.Closest(norm, Keys()); ok {
		return best
	}
	return ""
}
