package routines

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

func TestParseDuration(t *testing.T) {
	good := []struct {
		in   string
		want time.Duration
	}{
		{"30s", 30 * time.Second},
		{"1s", time.Second},
		{"2m", 2 * time.Minute},
		{"1m30s", 90 * time.Second},
		{"90s", 90 * time.Second},
		{" 45s ", 45 * time.Second},
		{"30m", MaxHold},
		{"29m60s", MaxHold},
		{"0m5s", 5 * time.Second},
		{"30", 30 * time.Second}, // a bare number is seconds
		{" 90 ", 90 * time.Second},
		{"1800", MaxHold},
	}
	for _, c := range good {
		got, err := ParseDuration(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "duration is empty"},
		{"   ", "duration is empty"},
		{"0", `duration "0" must be longer than zero`},
		{"-5", "must be longer than zero"},
		{"1801", "longer than the 30m0s limit"},
		{"99999999999999999999", "longer than the 30m0s limit"},
		{"abc", `bad duration "abc"`},
		{"-5s", "must be longer than zero"},
		{"0s", "must be longer than zero"},
		{"0m0s", "must be longer than zero"},
		{"1.5s", "must be whole seconds"},
		{"0.5m", "bad duration"}, // a whole 30 s, but written oddly
		{"500ms", `bad duration "500ms": write seconds or minutes`},
		{"2h", `bad duration "2h"`},
		{"1h30m", "bad duration"},
		{"10us", "bad duration"},
		{"10ns", "bad duration"},
		{"31m", "longer than the 30m0s limit"},
		{"30m1s", "longer than the 30m0s limit"},
		{"1801s", "longer than the 30m0s limit"},
		{"99999999999999999999s", "longer than the 30m0s limit"}, // huge, not malformed
		{"30S", "bad duration"},
		{"30 s", "bad duration"},
		{"s", "bad duration"},
		{"30s30s", "bad duration"},
		{"+30s", "bad duration"},
		{"1e3s", "bad duration"},
		{"３０s", "bad duration"}, // full-width digits
		{strings.Repeat("9", 1000) + "s", "longer than the 30m0s limit"},
		{"-", "bad duration"},
		{"1.5", "bad duration"},
	}
	for _, c := range bad {
		got, err := ParseDuration(c.in)
		if err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", c.in, got)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseDuration(%q) error %q, want it to contain %q", c.in, err, c.msg)
		}
		if len(err.Error()) > 150 {
			t.Errorf("ParseDuration(%.20q…) error is %d bytes long", c.in, len(err.Error()))
		}
	}
}

func TestExpandAreas(t *testing.T) {
	good := []struct {
		in   []string
		want []string
	}{
		{nil, nil},
		{[]string{""}, nil},
		{[]string{"calves"}, []string{"calves"}},
		{[]string{" Calves ", "NECK"}, []string{"neck", "calves"}},                               // case, spaces, vocabulary order
		{[]string{"calves", "calves", "quads"}, []string{"quads", "calves"}},                     // de-duplicated
		{[]string{"back"}, []string{"upper-back", "lower-back", "lats"}},                         // a group
		{[]string{"back", "lats", "neck"}, []string{"neck", "upper-back", "lower-back", "lats"}}, // group and areas overlap
		{[]string{"upper-body"}, []string{"neck", "shoulders", "chest", "upper-back", "arms", "lats"}},
		{[]string{"legs"}, []string{"hips", "glutes", "quads", "hamstrings", "adductors", "calves", "shins", "feet", "it-band"}},
		{[]string{"full-body"}, Areas()},
		{[]string{"lower-body", "upper-body"}, Areas()},
	}
	for _, c := range good {
		got, err := ExpandAreas(c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("ExpandAreas(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	bad := []struct {
		in  []string
		msg string
	}{
		{[]string{"calf"}, `unknown body area "calf"`},
		{[]string{"hamstring"}, `unknown body area "hamstring" (did you mean "hamstrings"?)`},
		{[]string{"calves", "leggs"}, `unknown body area "leggs" (did you mean "legs"?)`},
		{[]string{"uper-body"}, `(did you mean "upper-body"?)`},
		{[]string{"it band"}, `(did you mean "it-band"?)`},
		{[]string{"elbow"}, `unknown body area "elbow"`},
	}
	for _, c := range bad {
		got, err := ExpandAreas(c.in)
		if err == nil {
			t.Errorf("ExpandAreas(%q) = %q, want an error", c.in, got)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ExpandAreas(%q) error %q, want it to contain %q", c.in, err, c.msg)
		}
	}
	// Every group expands to known areas only, and every area is its own.
	for name, areas := range AreaGroups() {
		for _, a := range areas {
			if !IsArea(a) {
				t.Errorf("group %s has unknown area %q", name, a)
			}
		}
		if IsArea(name) {
			t.Errorf("group %s shadows an area", name)
		}
	}
}

func TestParseLevel(t *testing.T) {
	good := map[string]Level{
		"fresh": Fresh, "sore": Sore, "very-sore": VerySore,
		" Fresh ": Fresh, "SORE": Sore, "Very-Sore": VerySore,
	}
	for in, want := range good {
		got, err := ParseLevel(in)
		if err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "very sore", "verysore", "achy", "0", "fresh,sore"} {
		got, err := ParseLevel(in)
		if err == nil {
			t.Errorf("ParseLevel(%q) = %q, want an error", in, got)
			continue
		}
		if !strings.Contains(err.Error(), "want fresh, sore or very-sore") {
			t.Errorf("ParseLevel(%q) error %q does not list the levels", in, err)
		}
	}
	for _, l := range Levels() {
		if !l.Valid() || l.Title() == "" || l.Blurb() == "" {
			t.Errorf("level %q: valid=%v title=%q blurb=%q", l, l.Valid(), l.Title(), l.Blurb())
		}
	}
}

// TestByteOrderMarkAndCRLF: files saved by Windows editors load, and
// positions are the ones the editor shows.
func TestByteOrderMarkAndCRLF(t *testing.T) {
	src := "\ufeff" + strings.ReplaceAll(baseRoutine, "\n", "\r\n")
	f, err := Parse("win.yaml", []byte(src), "win.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r := f.Routines[0]; r.Name != "Bad one" || r.Pos != (Pos{Line: 2, Col: 9}) || r.Steps[0].For != 30*time.Second {
		t.Errorf("got %+v", r)
	}
	_, err = Parse("win.yaml", []byte("\ufeffroutines: x\xff"), "win.yaml")
	if ps := strictyaml.AsProblems(err); len(ps) != 1 || ps[0].Line != 1 || ps[0].Col != 12 {
		t.Errorf("bad byte after a BOM: %v, want it at 1:12", ps)
	}
}

// TestBareNumberIsSeconds: "for: 30" is 30 s, as in the settings file and
// on the command line.
func TestBareNumberIsSeconds(t *testing.T) {
	for _, src := range []string{forIs("30"), forIs(`"30"`)} {
		f, err := Parse("bare.yaml", []byte(src), "bare.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Routines[0].Steps[0].For; got != 30*time.Second {
			t.Errorf("for: 30 is %v, want 30s", got)
		}
	}
}
