package strictyaml

import (
	"runtime"
	"strings"
	"testing"
	"unicode"
)

func TestClean(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain text", "Lean into the wall.", "Lean into the wall."},
		{"OSC 52 clipboard write, BEL ended", "\x1b]52;c;SGVsbG8=\x07Evil\x1b[2J", "Evil"},
		{"OSC 52 clipboard write, ST ended", "a\x1b]52;c;SGVsbG8=\x1b\\b", "ab"},
		{"OSC 0 title set", "\x1b]0;you have been pwned\x07Calf stretch", "Calf stretch"},
		{"OSC 8 hyperlink keeps its text", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"CSI cursor moves", "\x1b[2J\x1b[H\x1b[10;20HHome\x1b[1A", "Home"},
		{"CSI colours", "\x1b[31;1mRed\x1b[0m text", "Red text"},
		{"private mode: alternate screen", "\x1b[?1049hok", "ok"},
		{"unterminated CSI", "x\x1b[", "x"},
		{"unterminated OSC swallows the rest", "x\x1b]52;c;abc", "x"},
		{"DCS", "\x1bPq#0;2;0;0;0\x1b\\after", "after"},
		{"C1 CSI as a character", "\u009b2JCleared\u009b0m", "Cleared"},
		{"C1 OSC as a character", "\u009d0;title\u009cName", "Name"},
		{"lone C1 controls", "a\u0080b\u0084c", "abc"},
		{"C1 APC swallows to its end", "a\u009fhidden\u009cb", "ab"},
		{"NEL is a line break", "a\u0085b", "a b"},
		{"BEL", "ding\x07dong", "dingdong"},
		{"NUL, backspace, DEL", "a\x00b\x08c\x7fd", "abcd"},
		{"bidi override", "\u202eesrever\u202c ok", "esrever ok"},
		{"bidi isolates and marks", "\u2066a\u2069\u200eb\u200f\u061cc", "abc"},
		{"byte-order mark", "\ufeffStart", "Start"},
		{"tabs and newlines collapse", "a\t\tb\n\nc\r\nd", "a b c d"},
		{"other spaces collapse", "a\u00a0\u2028\u2029\u3000b", "a b"},
		{"edges trimmed", "  \n\t padded \t\n ", "padded"},
		{"space around a removed sequence", "a \x1b[31m b", "a b"},
		{"only escapes", "\x1b[2J\x1b[H", ""},
		{"unicode kept", "Café ✓ ストレッチ", "Café ✓ ストレッチ"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Clean(c.in)
			if got != c.want {
				t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
			}
			assertClean(t, got)
		})
	}
}

func TestCleanLongInputIsLinear(t *testing.T) {
	s := strings.Repeat("\x1b[31mx\u009b0m\t", 100_000)
	// A quadratic Clean would copy the string once per escape: bound the
	// bytes it allocates instead of its time, which moves with the load.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := Clean(s)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*uint64(len(s)) {
		t.Errorf("Clean of %d bytes allocated %d bytes", len(s), alloc)
	}
	if got != strings.TrimSpace(strings.Repeat("x ", 100_000)) {
		t.Errorf("Clean result wrong: %.40q", got)
	}
}

func TestEscapeControls(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain.yaml", "plain.yaml"},
		{"a\x1b[2Jb", `a\x1b[2Jb`},
		{"bell\a", `bell\x07`},
		{"c1\u009b", `c1\x9b`},
		{"bidi\u202e", `bidi\u202e`},
		{"line\nbreak", `line\x0abreak`},
		{"bad\xffbyte", `bad\ufffdbyte`},
		{"Café", "Café"},
	}
	for _, c := range cases {
		if got := EscapeControls(c.in); got != c.want {
			t.Errorf("EscapeControls(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	p := Problem{File: "x\x1b]0;t\a.yaml", Line: 2, Col: 3, Field: "f", Msg: "m\x1b[2J"}
	if got, want := p.Error(), `x\x1b]0;t\x07.yaml:2:3: f: m\x1b[2J`; got != want {
		t.Errorf("Problem.Error() = %q, want %q", got, want)
	}
}

func assertClean(t testing.TB, s string) {
	t.Helper()
	for _, r := range s {
		if unicode.IsControl(r) || IsBidiControl(r) || r == '\uFEFF' {
			t.Errorf("text %q holds control character %U", s, r)
			return
		}
	}
}

func TestBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\u200b\u200b", "\u200d\u2060\u00ad", "\ufe0f", "\u3164", "\u115f\u1160", "\u2800 \u200c", "\u0301"} {
		if !Blank(s) {
			t.Errorf("Blank(%q) = false", s)
		}
	}
	for _, s := range []string{"a", "\u200bx", "👩\u200d💻", "é", "-"} {
		if Blank(s) {
			t.Errorf("Blank(%q) = true", s)
		}
	}
}
