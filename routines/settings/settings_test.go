package settings

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/routines/testfiles"
)

const sec = time.Second

func TestDefaults(t *testing.T) {
	want := Settings{Sound: true, Voice: false, VoiceCommand: "", AutoAdvance: true,
		GetReady: 10 * sec, Switch: 10 * sec, Units: "ml", Breathing: "slow", BreathBell: false, Theme: "auto", Figure: "pose"}
	if got := Defaults(); got != want {
		t.Fatalf("Defaults() = %+v, want %+v", got, want)
	}
	if got := Defaults().Timing(); got != routines.DefaultTiming() {
		t.Errorf("Defaults().Timing() = %+v, want routines.DefaultTiming() %+v", got, routines.DefaultTiming())
	}
}

func TestParseGood(t *testing.T) {
	def := Defaults()
	with := func(f func(*Settings)) Settings {
		s := def
		f(&s)
		return s
	}
	tests := []struct {
		name, src string
		want      Settings
	}{
		{"empty", "", def},
		{"only white space", "\n  \n\n", def},
		{"only comments", "# my settings\n\n# sound: false\n", def},
		{"document marker only", "---\n# nothing yet\n", def},
		{"every key", "sound: false\nvoice: true\nvoice_command: espeak-ng -s 150\nauto_advance: false\nget_ready: 10s\nswitch_gap: 3s\nunits: floz\nbreathing: box\nbreathing_bell: true\nfigure: bodymap\ntheme: light\n",
			Settings{Sound: false, Voice: true, VoiceCommand: "espeak-ng -s 150", AutoAdvance: false, GetReady: 10 * sec, Switch: 3 * sec, Units: "floz", Breathing: "box", BreathBell: true, Figure: "bodymap", Theme: "light"}},
		{"theme dark", "theme: dark\n", with(func(s *Settings) { s.Theme = "dark" })},
		{"no figure", "figure: none\n", with(func(s *Settings) { s.Figure = "none" })},
		{"defaults spelled out", "sound: true\nvoice: false\nvoice_command: \"\"\nauto_advance: true\nget_ready: 10s\nswitch_gap: 10s\nunits: ml\nbreathing: slow\nbreathing_bell: false\n", def},
		{"each breathing pattern", "breathing: sigh\n", with(func(s *Settings) { s.Breathing = "sigh" })},
		{"breathing pattern by another name", "breathing: 4-4-4-4\n", with(func(s *Settings) { s.Breathing = "box" })},
		{"breathing pattern as an exercise id", "breathing: breathe-sigh\n", with(func(s *Settings) { s.Breathing = "sigh" })},
		{"box-3", "breathing: box-3\n", with(func(s *Settings) { s.Breathing = "box-3" })},
		{"one key", "sound: false\n", with(func(s *Settings) { s.Sound = false })},
		{"bare number is seconds", "get_ready: 12\nswitch_gap: 7\n", with(func(s *Settings) { s.GetReady, s.Switch = 12*sec, 7*sec })},
		{"zero turns gaps off", "get_ready: 0\nswitch_gap: 0s\n", with(func(s *Settings) { s.GetReady, s.Switch = 0, 0 })},
		{"upper limits", "get_ready: 1m\nswitch_gap: 30s\n", with(func(s *Settings) { s.GetReady, s.Switch = 60*sec, 30*sec })},
		{"minutes and seconds", "get_ready: 0m45s\n", with(func(s *Settings) { s.GetReady = 45 * sec })},
		{"quoted duration", "get_ready: \"8s\"\n", with(func(s *Settings) { s.GetReady = 8 * sec })},
		{"command is a path", "voice_command: /usr/local/bin/speak\n", with(func(s *Settings) { s.VoiceCommand = "/usr/local/bin/speak" })},
		{"command trimmed", "voice_command: '  say -v Daniel  '\n", with(func(s *Settings) { s.VoiceCommand = "say -v Daniel" })},
		{"flow mapping", "{sound: false, units: floz}\n", with(func(s *Settings) { s.Sound, s.Units = false, "floz" })},
		{"trailing comments", "sound: false # too loud at the gym\n", with(func(s *Settings) { s.Sound = false })},
		{"CRLF line ends", "sound: false\r\nget_ready: 3s\r\n", with(func(s *Settings) { s.Sound, s.GetReady = false, 3*sec })},
		{"byte order mark", "\xEF\xBB\xBFunits: floz\n", with(func(s *Settings) { s.Units = "floz" })},
		{"explicit tag", "sound: !!bool false\n", with(func(s *Settings) { s.Sound = false })},
		{"capitalised boolean", "auto_advance: False\n", with(func(s *Settings) { s.AutoAdvance = false })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("config.yaml", []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse: unexpected error:\n%v", err)
			}
			if got != tt.want {
				t.Errorf("Parse = %+v\nwant    %+v", got, tt.want)
			}
		})
	}
}

// want is one expected problem: "line:col field" and a phrase of the message.
type want struct{ at, msg string }

func TestParseBad(t *testing.T) {
	tests := []struct {
		name, src string
		want      []want
	}{
		{"unknown key, near a known one", "sound: true\nget-ready: 5\n", []want{
			{"2:1 get-ready", `unknown setting (did you mean "get_ready"?)`}}},
		{"unknown key, other name for a setting", "switch: 3s\nvoice_cmd: say\nbell: false\n", []want{
			{"1:1 switch", `did you mean "switch_gap"?`},
			{"2:1 voice_cmd", `did you mean "voice_command"?`},
			{"3:1 bell", `did you mean "sound"?`}}},
		{"unknown key, nothing close", "palette: dark\n", []want{
			{"1:1 palette", "unknown setting; the settings are sound, voice, voice_command, auto_advance, get_ready, switch_gap, units, breathing, breathing_bell, figure, theme, kit"}}},
		{"theme misspelt", "theme: drak\n", []want{{"1:8 theme", `must be auto, light or dark, found "drak" (did you mean "dark"?)`}}},
		{"theme not a word", "theme: [dark]\n", []want{{"1:8 theme", "must be auto, light or dark"}}},
		{"unknown breathing pattern", "breathing: wim-hof\n", []want{
			{"1:12 breathing", `unknown breathing pattern "wim-hof" (want slow, box, box-3, sigh)`}}},
		{"misspelt breathing pattern", "breathing: sihg\n", []want{
			{"1:12 breathing", `did you mean "sigh"?`}}},
		{"breathing pattern as a list", "breathing: [box]\n", []want{
			{"1:12 breathing", "must be one of slow, box, box-3, sigh, found a list"}}},
		{"breathing bell as text", "breathing_bell: loud\n", []want{
			{"1:17 breathing_bell", `must be true or false, found "loud"`}}},
		{"other names for the breathing settings", "pattern: box\npacer_bell: true\n", []want{
			{"1:1 pattern", `did you mean "breathing"?`},
			{"2:1 pacer_bell", `did you mean "breathing_bell"?`}}},
		{"unknown key, wrong case", "Sound: false\n", []want{
			{"1:1 Sound", `did you mean "sound"?`}}},
		{"boolean as text", "sound: yes please\n", []want{
			{"1:8 sound", `must be true or false, found "yes please"`}}},
		{"boolean as number", "sound: 1\n", []want{
			{"1:8 sound", "must be true or false, found the number 1"}}},
		{"boolean as yes/off", "voice: yes\nauto_advance: off\n", []want{
			{"1:8 voice", `must be true or false, found "yes" (write true)`},
			{"2:15 auto_advance", `found "off" (write false)`}}},
		{"boolean in quotes", "sound: \"false\"\n", []want{
			{"1:8 sound", "(write false, without quotes)"}}},
		{"boolean as list", "sound:\n  - true\n", []want{
			{"2:3 sound", "must be true or false, found a list"}}},
		{"duration as list", "get_ready: [5]\n", []want{
			{"1:12 get_ready", "must be a duration of 0–60 s in whole seconds, such as 5s, 10 or 1m; found a list"}}},
		{"duration as mapping", "switch_gap: {s: 5}\n", []want{
			{"1:13 switch_gap", "must be a duration of 0–30 s in whole seconds"}}},
		{"bad duration", "get_ready: soon\n", []want{
			{"1:12 get_ready", `bad duration "soon": write seconds or minutes, such as 5s, 10 or 1m`}}},
		{"duration in hours or ms", "get_ready: 1h\nswitch_gap: 500ms\n", []want{
			{"1:12 get_ready", `bad duration "1h"`},
			{"2:13 switch_gap", `bad duration "500ms"`}}},
		{"fractional seconds", "get_ready: 2.5s\nswitch_gap: 2.5\n", []want{
			{"1:12 get_ready", `duration "2.5s" must be whole seconds`},
			{"2:13 switch_gap", "found the number 2.5"}}},
		{"duration out of range", "get_ready: 90s\nswitch_gap: 31\n", []want{
			{"1:12 get_ready", "must be 0–60 s, found 90s"},
			{"2:13 switch_gap", "must be 0–30 s, found 31"}}},
		{"negative duration", "switch_gap: -1s\nget_ready: -3\n", []want{
			{"1:13 switch_gap", "must be 0–30 s, found -1s"},
			{"2:12 get_ready", "must be 0–60 s, found -3"}}},
		{"huge duration", "get_ready: 99999999999999999999\n", []want{
			{"1:12 get_ready", "must be 0–60 s"}}},
		{"empty duration", "get_ready: \"\"\n", []want{
			{"1:12 get_ready", "is empty; write a number of seconds"}}},
		{"bad units", "units: fl oz\n", []want{
			{"1:8 units", `must be ml or floz, found "fl oz" (did you mean "floz"?)`}}},
		{"units in capitals", "units: ML\n", []want{
			{"1:8 units", `(did you mean "ml"?)`}}},
		{"bad figure", "figure: body map\n", []want{
			{"1:9 figure", `must be pose, bodymap or none, found "body map" (did you mean "bodymap"?)`}}},
		{"figure off", "figure: false\n", []want{
			{"1:9 figure", `must be pose, bodymap or none, found true/false (did you mean "none"?)`}}},
		{"units as number", "units: 250\n", []want{
			{"1:8 units", "must be ml or floz, found the number 250"}}},
		{"command as list", "voice_command: [espeak-ng, -s, 150]\n", []want{
			{"1:16 voice_command", "must be a command such as espeak-ng"}}},
		{"command with shell syntax", "voice_command: espeak-ng -v 'en-us' | aplay\n", []want{
			{"1:16 voice_command", "is run directly, not through a shell"}}},
		{"command with control character", "voice_command: \"say\\ttext\"\n", []want{
			{"1:16 voice_command", "must not contain tabs, new lines or control characters"}}},
		{"command too long", "voice_command: " + strings.Repeat("a", 300) + "\n", []want{
			{"1:16 voice_command", "is 300 characters long; at most 256"}}},
		{"key without value", "sound:\nvoice_command:\n", []want{
			{"1:1 sound", "has no value; write true or false"},
			{"2:1 voice_command", `has no value; write a command such as espeak-ng, or ""`}}},
		{"explicit null", "units: ~\n", []want{
			{"1:8 units", "must be ml or floz, found nothing"}}},
		{"key given twice", "sound: true\nvoice: true\nsound: false\n", []want{
			{"3:1 sound", "is given twice (first on line 1)"}}},
		{"anchor and alias", "sound: &on true\nvoice: *on\n", []want{
			{"1:8 ", "anchors (&name) and aliases (*name) are not allowed in the settings file"},
			{"2:8 ", "anchors (&name) and aliases (*name) are not allowed in the settings file"}}},
		{"merge key", "<<: {sound: false}\n", []want{
			{"1:1 ", "merge keys (<<) are not allowed in the settings file"}}},
		{"top level is a list", "- sound: true\n", []want{
			{"1:1 ", "the settings file must be a mapping of keys to values, such as \"sound: false\"; found a list"}}},
		{"top level is text", "sound false\n", []want{
			{"1:1 ", `must be a mapping of keys to values, such as "sound: false"; found "sound false"`}}},
		{"two documents", "sound: true\n---\nvoice: true\n", []want{
			{"2:1 ", "only one YAML document"}}},
		{"YAML syntax", "voice_command: 'espeak-ng\n", []want{
			{"1:16 ", "YAML syntax: could not find end character of single-quoted text"}}},
		{"tab indentation", "\tsound: true\n", []want{
			{"1:1 ", "a tab in the indentation; YAML indents with spaces only"}}},
		{"not UTF-8", "sound: true\nunits: m\xe9tric\n", []want{
			{"2:9 ", "file is not valid UTF-8 text"}}},
		{"key with escape sequence", "\"\\e[2J\": 1\n", []want{
			{`1:1 "\x1b[2J"`, "unknown setting"}}},
		{"deep nesting", "sound: " + strings.Repeat("[", 40) + "\n", []want{
			{"1:24 ", "nesting is deeper than 16 levels"}}},
		{"deep block nesting", "sound: " + strings.Repeat("- ", 100) + "x\n", []want{
			{"1:38 ", "nesting is deeper than 16 levels"}}},
		{"every problem is reported, in order", "sound: 1\ncolour: red\nget_ready: 2m\nunits: oz\nvoice: maybe\nsound: false\n", []want{
			{"1:8 sound", "must be true or false"},
			{"2:1 colour", "unknown setting"},
			{"3:12 get_ready", "must be 0–60 s, found 2m"},
			{"4:8 units", `(did you mean "floz"?)`},
			{"5:8 voice", `must be true or false, found "maybe"`},
			{"6:1 sound", "is given twice"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("config.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse: no error, got %+v", got)
			}
			if got != Defaults() {
				t.Errorf("on error Parse returned %+v, want Defaults()", got)
			}
			var ps routines.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error is %T, want routines.Problems: %v", err, err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tt.want), err)
			}
			for i, w := range tt.want {
				p := ps[i]
				if p.File != "config.yaml" {
					t.Errorf("problem %d: File = %q", i, p.File)
				}
				if at := fmt.Sprintf("%d:%d %s", p.Line, p.Col, p.Field); at != w.at {
					t.Errorf("problem %d at %q, want %q: %v", i, at, w.at, p)
				}
				if !strings.Contains(p.Msg, w.msg) {
					t.Errorf("problem %d: message %q does not contain %q", i, p.Msg, w.msg)
				}
				prefix := fmt.Sprintf("config.yaml:%d:%d: ", p.Line, p.Col)
				if p.Field != "" {
					prefix += p.Field + ": "
				}
				if !strings.HasPrefix(p.Error(), prefix) {
					t.Errorf("problem %d reads %q, want it to start %q", i, p.Error(), prefix)
				}
			}
		})
	}
}

func TestParseTooBig(t *testing.T) {
	data := []byte("# " + strings.Repeat("x", MaxFileBytes) + "\n")
	_, err := Parse("big.yaml", data)
	ps := strictyaml.AsProblems(err)
	if len(ps) != 1 || !strings.Contains(ps[0].Msg, "at most 65536 (64 KiB)") {
		t.Fatalf("got %v, want one problem about 64 KiB", err)
	}
}

func TestParseCapsProblems(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "key%d: 1\n", i)
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	ps := strictyaml.AsProblems(err)
	if len(ps) != maxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(ps), maxProblems+1)
	}
	if last := ps[len(ps)-1]; !strings.Contains(last.Msg, "and 150 more problems") {
		t.Errorf("last problem = %v", last)
	}
}

func TestParseHostileIsRejectedBeforeParsing(t *testing.T) {
	// The YAML parser takes quadratic time on these; each must be refused
	// by the token scan instead.
	for name, src := range map[string]string{
		"open brackets":   "sound: " + strings.Repeat("[", 30000),
		"nested mappings": "sound: " + strings.Repeat("{a: ", 10000),
		"dashes":          strings.Repeat("- ", 30000) + "x\n",
		"many keys":       strings.Repeat("a: b\n", 10000),
	} {
		start := time.Now()
		_, err := Parse("hostile.yaml", []byte(src))
		ps := strictyaml.AsProblems(err)
		if len(ps) != 1 {
			t.Errorf("%s: got %d problems, want 1: %v", name, len(ps), err)
		}
		t.Logf("%s: %v: %v", name, time.Since(start), err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := Path(dir)
	if want := filepath.Join(dir, "cooldown", "config.yaml"); path != want {
		t.Fatalf("Path = %q, want %q", path, want)
	}

	t.Run("missing file gives defaults", func(t *testing.T) {
		s, err := Load(path) // not even the cooldown folder exists
		if err != nil || s != Defaults() {
			t.Fatalf("Load = %+v, %v; want Defaults(), nil", s, err)
		}
	})

	t.Run("good file", func(t *testing.T) {
		testfiles.Write(t, path, "voice: true\nget_ready: 0\n")
		s, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		want := Defaults()
		want.Voice, want.GetReady = true, 0
		if s != want {
			t.Errorf("Load = %+v, want %+v", s, want)
		}
	})

	t.Run("problems name the file", func(t *testing.T) {
		testfiles.Write(t, path, "sound: loud\nspeed: 2\n")
		s, err := Load(path)
		ps := strictyaml.AsProblems(err)
		if len(ps) != 2 || s != Defaults() {
			t.Fatalf("Load = %+v, %v; want Defaults() and 2 problems", s, err)
		}
		for _, p := range ps {
			if !strings.HasPrefix(p.Error(), path+":") {
				t.Errorf("%q does not start with the path", p.Error())
			}
		}
		if !strings.HasPrefix(ps[0].Error(), path+":1:8: sound: must be true or false") {
			t.Errorf("first problem = %q", ps[0].Error())
		}
	})
}

func TestLoadUnreadable(t *testing.T) {
	// Each case fails the same way for every user, root included.
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string
		msg   string
	}{
		{"path is a directory", func(t *testing.T, dir string) string {
			p := Path(dir)
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}, "is a directory, not a file"},
		{"dangling symbolic link", func(t *testing.T, dir string) string {
			p := Path(dir)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(dir, "dotfiles", "cooldown.yaml"), p); err != nil {
				t.Skipf("cannot make a symbolic link here: %v", err)
			}
			return p
		}, "which does not exist"},
		{"a parent is a file", func(t *testing.T, dir string) string {
			testfiles.Write(t, filepath.Join(dir, "cooldown"), "not a folder")
			return Path(dir)
		}, "not a directory"},
		{"larger than 64 KiB", func(t *testing.T, dir string) string {
			p := Path(dir)
			testfiles.Write(t, p, "# "+strings.Repeat("x", MaxFileBytes)+"\n")
			return p
		}, "larger than 64 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t, t.TempDir())
			s, err := Load(path)
			if err == nil {
				t.Fatalf("Load: no error, got %+v", s)
			}
			if s != Defaults() {
				t.Errorf("on error Load returned %+v, want Defaults()", s)
			}
			if strictyaml.AsProblems(err) != nil {
				t.Errorf("want a plain error, got problems: %v", err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q should name %s and say %q", err, path, tt.msg)
			}
			if strings.Count(err.Error(), path) != 1 {
				t.Errorf("error %q names the file more than once", err)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	want := []string{
		"sound: true (default)",
		"voice: false (default)",
		`voice_command: "" (default)`,
		"auto_advance: true (default)",
		"get_ready: 10s (default)",
		"switch_gap: 10s (default)",
		"units: ml (default)",
		"breathing: slow (default)",
		"breathing_bell: false (default)",
		"figure: pose (default)",
		"theme: auto (default)",
		"kit: all (default: not asked yet, routines run as written; the picker asks once)",
	}
	if got := Defaults().Describe(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Defaults().Describe() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	s, err := Parse("c.yaml", []byte("sound: true\nvoice_command: espeak-ng -s 150\nget_ready: 1m\nunits: floz\n"))
	if err != nil {
		t.Fatal(err)
	}
	want = []string{
		"sound: true (default)",
		"voice: false (default)",
		"voice_command: espeak-ng -s 150 (from file)",
		"auto_advance: true (default)",
		"get_ready: 60s (from file)",
		"switch_gap: 10s (default)",
		"units: floz (from file)",
		"breathing: slow (default)",
		"breathing_bell: false (default)",
		"figure: pose (default)",
		"theme: auto (default)",
		"kit: all (default: not asked yet, routines run as written; the picker asks once)",
	}
	if got := s.Describe(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Describe() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// What Describe prints reads back as the same settings.
	back, err := Parse("c.yaml", []byte(strings.Join(s.Describe(), "\n")))
	if err == nil {
		t.Fatalf("the (origin) suffix should not parse as a value, got %+v", back)
	}
	var lines []string
	for _, l := range s.Describe() {
		lines = append(lines, l[:strings.LastIndex(l, " (")])
	}
	back, err = Parse("c.yaml", []byte(strings.Join(lines, "\n")))
	if err == nil && s.Kit == nil && back.Kit != nil && *back.Kit == routines.KitAll {
		back.Kit = nil // a kit never given runs routines as written: "all"
	}
	if err != nil || back != s {
		t.Errorf("read back %+v, %v; want %+v", back, err, s)
	}
}

func TestVoiceArgs(t *testing.T) {
	installed := func(names ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, n := range names {
				if n == name {
					return "/usr/bin/" + name, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	tests := []struct {
		name, command string
		installed     []string
		want          string
		err           string
	}{
		{"first candidate", "", []string{"say", "espeak-ng"}, "/usr/bin/say", ""},
		{"later candidate", "", []string{"espeak-ng"}, "/usr/bin/espeak-ng", ""},
		{"none installed", "", nil, "", "no speech program found"},
		{"command with arguments", "espeak-ng -s 150", []string{"espeak-ng"}, "/usr/bin/espeak-ng -s 150", ""},
		{"command not installed", "festival --tts", []string{"espeak-ng"}, "", `voice_command "festival --tts": program festival not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Defaults()
			s.VoiceCommand = tt.command
			args, err := s.VoiceArgs(installed(tt.installed...))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || strings.Join(args, " ") != tt.want {
				t.Errorf("VoiceArgs = %q, %v; want %q", args, err, tt.want)
			}
		})
	}
}

// Every key is documented in the package comment, which is copied into
// the README.
func TestEveryKeyIsDocumented(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc, _, _ := strings.Cut(string(src), "package settings")
	for _, k := range Keys() {
		if !strings.Contains(doc, "//   - "+k+":") || !strings.Contains(doc, "//\t"+k+":") {
			t.Errorf("key %s is missing from the package doc's list or example", k)
		}
	}
	// The example in the doc is a valid file giving the defaults.
	var example []string
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "//\t") {
			example = append(example, strings.TrimPrefix(l, "//\t"))
		}
	}
	s, err := Parse("doc", []byte(strings.Join(example, "\n")))
	if err == nil && s.Kit != nil && *s.Kit == routines.KitAll {
		s.Kit = nil // "all" is how an unset kit behaves
	}
	if err != nil || s != Defaults() {
		t.Errorf("doc example parses as %+v, %v; want Defaults()", s, err)
	}
}
