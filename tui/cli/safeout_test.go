package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// escapeFamilies is one of every way text can act on a terminal.
var escapeFamilies = map[string]string{
	"CSI":         "\x1b[3;4;5t\x1b[31m",
	"CSI 8-bit":   "\u009b2J",
	"OSC BEL":     "\x1b]0;EVIL\x07",
	"OSC ST":      "\x1b]52;c;U0VDUkVU\x1b\\",
	"DCS":         "\x1bP1$qm\x1b\\",
	"APC":         "\x1b_Gpayload\x1b\\",
	"PM":          "\x1b^privacy\x1b\\",
	"SOS":         "\x1bXstring\x1b\\",
	"C1 8-bit":    "\u0090dcs\u009c\u009d0;osc\u0007",
	"bare ESC":    "\x1bc",
	"BEL":         "\a",
	"BS":          "\b\b\b",
	"CR":          "\rover",
	"DEL":         "\x7f",
	"bidi":        "\u202eevil\u202c\u2066x\u2069\u200f",
	"line breaks": "\u2028\u2029\u0085",
	"byte order":  "\ufeff",
}

// hostileText is every family in one string, between letters.
func hostileText() string {
	var b strings.Builder
	b.WriteString("Ev")
	for _, k := range []string{"CSI", "CSI 8-bit", "OSC BEL", "OSC ST", "DCS", "APC", "PM", "SOS", "C1 8-bit", "bare ESC", "BEL", "BS", "CR", "DEL", "bidi", "line breaks", "byte order"} {
		b.WriteString(escapeFamilies[k])
		b.WriteString("il")
	}
	return b.String()
}

// yamlQuoted spells s as a YAML double-quoted string using only escapes.
func yamlQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// leaks lists what in out a terminal would act on (out is uncoloured:
// NO_COLOR is set). Newlines and tabs are layout, not leaks.
func leaks(out string) []string {
	var found []string
	for i, r := range out {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029, r == 0xfeff:
			found = append(found, fmt.Sprintf("%U at byte %d", r, i))
		}
		if len(found) > 5 {
			break
		}
	}
	return found
}

// Every escape family, through every output: routine and exercise names
// from a file, a file name, a routine name in the history log and in a
// checkpoint left by a killed session, a saved plan's name.
func TestEveryOutputIsClean(t *testing.T) {
	dir := env(t)
	evil := hostileText()
	name := "evil" + evil + ".yaml" // file names may hold any byte but '/' and NUL
	file := fmt.Sprintf(`exercises:
  - id: my-evil
    name: %[1]s
    kind: stretch
    areas: [calves]
    per_side: true
    cues: [%[1]s]
routines:
  - id: evil
    name: %[1]s
    summary: %[1]s
    soreness: [sore]
    steps:
      - do: my-evil
        for: 1s
`, yamlQuoted(evil))
	path := testfiles.Write(t, filepath.Join(dir, name), file)
	testfiles.Write(t, filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "cooldown", "config.yaml"), "get_ready: 0s\nswitch_gap: 0s\n")
	state := filepath.Join(os.Getenv("XDG_STATE_HOME"), "cooldown")
	start := time.Now().Add(-time.Hour).UTC()
	rec := map[string]any{"v": 1, "id": "logged", "start": start, "end": start.Add(10 * time.Minute), "routine": "evil",
		"routine_name": evil, "soreness": "sore", "outcome": "completed", "steps_done": 1, "steps_skipped": 0, "steps_total": 1,
		"active_seconds": 600, "paused_seconds": 0, "area_seconds": map[string]float64{"calves": 60, evil: 1}}
	line, _ := json.Marshal(rec)
	testfiles.Write(t, filepath.Join(state, "history.jsonl"), string(line)+"\n")
	rec["id"], rec["outcome"] = "killed", "interrupted"
	cp, _ := json.Marshal(rec)
	testfiles.Write(t, filepath.Join(state, "checkpoints", "killed.json"), string(cp)) // a session killed mid-way

	for _, args := range [][]string{
		{"history"}, // first: records the checkpoint and prints the recovery note
		{"history", "--json"},
		{"list"}, {"list", "--json"}, {"list", "--all"},
		{"show", "evil"}, {"show", "evil", "--markdown"}, {"show", "my-evil"},
		{"validate", path}, {"validate"},
		{"plan", "--minutes", "10", "--areas", "calves"},
		{"plan", "--minutes", "10", "--save", "evil-plan", "--name", evil},
		{"start", "evil", "--plain"},
		{"start", "no-such" + evil, "--plain"},
	} {
		r := cli(t, args...)
		if l := leaks(r.out); len(l) > 0 {
			t.Errorf("%q: stdout carries %v:\n%q", args, l, r.out)
		}
		if l := leaks(r.err); len(l) > 0 {
			t.Errorf("%q: stderr carries %v:\n%q", args, l, r.err)
		}
		if args[0] == "history" && len(args) == 1 && !strings.Contains(r.err, "ended unexpectedly") {
			t.Errorf("the killed session was not reported: %q", r.err)
		}
	}
}
