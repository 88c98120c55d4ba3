package settings

import (
	"strings"
	"testing"
	"time"
	"unicode"
)

// FuzzParse parses arbitrary bytes as the settings file. It must never
// panic or hang; a file that parses must give settings within their
// limits; a file that does not must give the defaults, with problems that
// carry no control characters (they are printed on the terminal).
//
// Run it with: go test ./routines/settings/ -run '^$' -fuzz '^FuzzParse$' -fuzztime 10s
func FuzzParse(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("sound: true\nvoice: false\nvoice_command: \"espeak-ng -s 150\"\nauto_advance: true\nget_ready: 5s\nswitch_gap: 5s\nunits: ml\n"))
	f.Add([]byte("get_ready: 61s\nswitch_gap: -1s\nunits: gallons\n"))
	f.Add([]byte("get_ready: 5\nswitch_gap: 1m\n"))
	f.Add([]byte("voice_command: \"say; rm -rf ~\"\n"))
	f.Add([]byte("sound: \"\\e]0;evil\\a\"\n\tvoice: yes\n"))
	f.Add([]byte("a: &a [*a]\n? x\n: y\n"))
	f.Add([]byte("get_ready: " + strings.Repeat("9", 400) + "s\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("config.yaml", data)
		if err != nil {
			if s != Defaults() {
				t.Errorf("a broken file gave %+v, want the defaults", s)
			}
			for _, r := range err.Error() {
				if unicode.IsControl(r) && r != '\n' {
					t.Fatalf("problem text carries %U: %q", r, err.Error())
				}
			}
			return
		}
		if s.GetReady < 0 || s.GetReady > MaxGetReady || s.GetReady%time.Second != 0 {
			t.Errorf("get_ready %v out of its limits", s.GetReady)
		}
		if s.Switch < 0 || s.Switch > MaxSwitch || s.Switch%time.Second != 0 {
			t.Errorf("switch_gap %v out of its limits", s.Switch)
		}
		if s.Units != Millilitres && s.Units != FluidOunces {
			t.Errorf("units %q", s.Units)
		}
		if len(s.VoiceCommand) > maxCommandLen || strings.ContainsFunc(s.VoiceCommand, unicode.IsControl) {
			t.Errorf("voice_command %q", s.VoiceCommand)
		}
	})
}
